/* pep-privacy.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * docs/privacy.md is the policy; this is it applied. Change both together: test-privacy
 * reads the document's table and fails on any field it does not describe exactly so.
 */

#include "config.h"

#include <string.h>

#include "pep-privacy.h"
#include "pep-term.h"

/* Fields that point at one child, school or person without being a name. */
static gboolean
is_identifier (const PepFieldInfo *info)
{
  switch (info->table)
    {
    case PEP_TABLE_SCHOOL:
      return info->index == PEP_SCHOOL_URN || info->index == PEP_SCHOOL_NAME
             || info->index == PEP_SCHOOL_ESTAB || info->index == PEP_SCHOOL_TRUST;
    case PEP_TABLE_CHILD:
      return info->index == PEP_CHILD_UPN || info->index == PEP_CHILD_ULN
             || info->index == PEP_CHILD_LA_CHILD_ID || info->index == PEP_CHILD_SCHOOL_URN
             || info->index == PEP_CHILD_DOB;
    default:
      return FALSE;
    }
}

/* What a carer may not see beyond the sensitive fields: the social worker's own section,
 * the child's legal status, and the Virtual School's quality assurance. */
static gboolean
kept_from_carers (const PepFieldInfo *info)
{
  return info->section == PEP_SECTION_SOCIAL_WORKER || info->section == PEP_SECTION_QA
         || info->table == PEP_TABLE_RATING || info->table == PEP_TABLE_FOLLOW_UP
         || info->table == PEP_TABLE_EVENT
         || (info->table == PEP_TABLE_CHILD && info->index == PEP_CHILD_LEGAL_STATUS);
}

/* Text the system writes, not people: kept when free text is left out. */
static gboolean
is_system_text (const PepFieldInfo *info)
{
  return (info->table == PEP_TABLE_RATING && info->index == PEP_RATING_SECTION)
         || (info->table == PEP_TABLE_PLAN && (info->index == PEP_PLAN_QA_RUBRIC
                                                || info->index == PEP_PLAN_QA_RUBRIC_VERSION));
}

PepPrivacyClass
pep_privacy_class (const PepFieldInfo *info)
{
  g_return_val_if_fail (info != NULL, PEP_PRIVACY_IDENTIFYING);

  if ((info->flags & (PEP_FIELD_PERSONAL | PEP_FIELD_NAMES)) || is_identifier (info))
    return PEP_PRIVACY_IDENTIFYING;
  if (info->flags & PEP_FIELD_SENSITIVE)
    return PEP_PRIVACY_SENSITIVE;
  return PEP_PRIVACY_ORDINARY;
}

static PepPrivacyAction
pseudonymised_action (const PepFieldInfo *info)
{
  if (info->flags & PEP_FIELD_SENSITIVE)
    return PEP_PRIVACY_DROP;
  if (info->table == PEP_TABLE_SCHOOL)
    return info->index == PEP_SCHOOL_URN || info->index == PEP_SCHOOL_NAME ? PEP_PRIVACY_PSEUDONYM
           : info->index == PEP_SCHOOL_ESTAB || info->index == PEP_SCHOOL_TRUST ? PEP_PRIVACY_DROP
           : PEP_PRIVACY_KEEP;
  if (info->table == PEP_TABLE_CHILD
      && (info->index == PEP_CHILD_LA_CHILD_ID || info->index == PEP_CHILD_SCHOOL_URN))
    return PEP_PRIVACY_PSEUDONYM;
  /* The child's own names, UPN, ULN and date of birth: the year group says enough. */
  if (info->flags & PEP_FIELD_PERSONAL)
    return PEP_PRIVACY_DROP;
  /* People's names, each a pseudonym; free text that names people goes with free text. */
  if ((info->flags & PEP_FIELD_NAMES) && info->section != PEP_SECTION_SOCIAL_WORKER)
    return PEP_PRIVACY_PSEUDONYM;
  if (info->type == PEP_VALUE_TEXT)
    return is_system_text (info) ? PEP_PRIVACY_KEEP : PEP_PRIVACY_DROP;
  if (info->type == PEP_VALUE_DATE || info->type == PEP_VALUE_DATETIME)
    return PEP_PRIVACY_COARSEN;
  return PEP_PRIVACY_KEEP;
}

/**
 * pep_privacy_action:
 *
 * Returns: what a document of @profile does with @info
 */
PepPrivacyAction
pep_privacy_action (PepXmlProfile       profile,
                    const PepFieldInfo *info)
{
  g_return_val_if_fail (info != NULL, PEP_PRIVACY_DROP);

  switch (profile)
    {
    case PEP_XML_PROFILE_FULL:
      return PEP_PRIVACY_KEEP;
    case PEP_XML_PROFILE_CARER:
      return (info->flags & PEP_FIELD_SENSITIVE) || kept_from_carers (info) ? PEP_PRIVACY_DROP
                                                                             : PEP_PRIVACY_KEEP;
    case PEP_XML_PROFILE_PSEUDONYMISED:
      return pseudonymised_action (info);
    case PEP_XML_N_PROFILES:
    default:
      return PEP_PRIVACY_DROP;
    }
}

const char *
pep_privacy_class_to_nick (PepPrivacyClass klass)
{
  static const char * const nicks[] = { "ordinary", "sensitive", "identifying" };

  g_return_val_if_fail (klass <= PEP_PRIVACY_IDENTIFYING, NULL);
  return nicks[klass];
}

const char *
pep_privacy_action_to_nick (PepPrivacyAction action)
{
  static const char * const nicks[] = { "keep", "initial", "drop", "pseudonym", "coarsen" };

  g_return_val_if_fail (action <= PEP_PRIVACY_COARSEN, NULL);
  return nicks[action];
}

/**
 * pep_privacy_profile_for_role:
 *
 * Returns: the profile a role's printing and exports use: a carer's is the carer copy
 */
PepXmlProfile
pep_privacy_profile_for_role (PepRole role)
{
  return role == PEP_ROLE_CARER ? PEP_XML_PROFILE_CARER : PEP_XML_PROFILE_FULL;
}

/**
 * pep_privacy_role_may_use:
 *
 * Returns: whether someone in @role may print or export @profile. A carer has the carer
 *   copy only; every other role any profile.
 */
gboolean
pep_privacy_role_may_use (PepRole       role,
                          PepXmlProfile profile)
{
  if (role == PEP_ROLE_CARER)
    return profile == PEP_XML_PROFILE_CARER;
  return profile < PEP_XML_N_PROFILES;
}

/* Pseudonyms ------------------------------------------------------------------------------- */

struct _PepPseudonyms
{
  GHashTable *maps[PEP_PSEUDONYM_N_KINDS];  /* real value → pseudonym */
  guint32     urn_base;
};

/**
 * pep_pseudonyms_new:
 *
 * Pseudonyms for one export: made afresh, in an order unrelated to the real values, so
 * that no two exports and no export and the database can be joined on them.
 */
PepPseudonyms *
pep_pseudonyms_new (void)
{
  PepPseudonyms *self = g_new0 (PepPseudonyms, 1);

  for (guint i = 0; i < PEP_PSEUDONYM_N_KINDS; i++)
    self->maps[i] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* URNs from 900000: above every URN issued so far, and random within it. */
  self->urn_base = 900000 + (guint32) g_random_int_range (0, 50000);
  return self;
}

void
pep_pseudonyms_free (PepPseudonyms *self)
{
  if (self == NULL)
    return;
  for (guint i = 0; i < PEP_PSEUDONYM_N_KINDS; i++)
    g_hash_table_unref (self->maps[i]);
  g_free (self);
}

/**
 * pep_pseudonyms_get:
 * @real: the real value (a UUID, a URN in decimal, a name, an LA child ID)
 *
 * Returns: (transfer none): the same pseudonym for the same @real within this export
 */
const char *
pep_pseudonyms_get (PepPseudonyms  *self,
                    PepPseudonymKind kind,
                    const char     *real)
{
  GHashTable *map;
  char *made;
  guint n;

  g_return_val_if_fail (self != NULL && kind < PEP_PSEUDONYM_N_KINDS && real != NULL, NULL);

  map = self->maps[kind];
  if ((made = g_hash_table_lookup (map, real)) != NULL)
    return made;
  n = g_hash_table_size (map) + 1;
  switch (kind)
    {
    case PEP_PSEUDONYM_UUID:
      made = g_uuid_string_random ();
      break;
    case PEP_PSEUDONYM_URN:
      made = g_strdup_printf ("%u", self->urn_base + n);
      break;
    case PEP_PSEUDONYM_SCHOOL:
      made = g_strdup_printf ("School %u", n);
      break;
    case PEP_PSEUDONYM_PERSON:
      made = g_strdup_printf ("Person %u", n);
      break;
    case PEP_PSEUDONYM_CHILD:
    case PEP_PSEUDONYM_N_KINDS:
    default:
      made = g_strdup_printf ("P%05u", n);
      break;
    }
  g_hash_table_insert (map, g_strdup (real), made);
  return made;
}

/**
 * pep_privacy_coarsen:
 * @value: a date (YYYY-MM-DD) or a UTC time (YYYY-MM-DDTHH:MM:SSZ)
 *
 * Returns: the first day of its term, in the same form; %NULL when @value is not a date
 */
char *
pep_privacy_coarsen (const char *value)
{
  GDate date, first, last;
  PepTermId term;
  char text[16];

  g_return_val_if_fail (value != NULL, NULL);

  {
    g_autofree char *day = g_strndup (value, 10);

    if (strlen (value) < 10 || !pep_date_parse (day, &date))
      return NULL;
  }
  pep_term_for_date (&date, &term);
  pep_term_bounds (&term, &first, &last);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &first);
  return strlen (value) > 10 ? g_strconcat (text, "T00:00:00Z", NULL) : g_strdup (text);
}
