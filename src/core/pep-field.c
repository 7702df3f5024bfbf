/* pep-field.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-field"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pep-field-private.h"

G_DEFINE_QUARK (pep-field-error-quark, pep_field_error)

#define CHOICES(name, ...) static const PepChoice name[] = { __VA_ARGS__, { NULL, NULL } };

CHOICES (school_phases,
         { "nursery", N_("Nursery or early years setting") }, { "primary", N_("Primary") },
         { "secondary", N_("Secondary") }, { "all-through", N_("All-through") },
         { "special", N_("Special school") }, { "alternative-provision", N_("Alternative provision") },
         { "college", N_("College") })
CHOICES (ofsted_grades,
         { "outstanding", N_("Outstanding") }, { "good", N_("Good") },
         { "requires-improvement", N_("Requires improvement") }, { "inadequate", N_("Inadequate") },
         { "no-report", N_("No report") })
CHOICES (genders,
         { "female", N_("Female") }, { "male", N_("Male") }, { "non-binary", N_("Non-binary") },
         { "not-stated", N_("Not stated") })
CHOICES (legal_statuses,
         { "interim-care-order", N_("Interim care order") }, { "care-order", N_("Full care order") },
         { "section-20", N_("Accommodated under section 20") },
         { "placement-order", N_("Placement order") }, { "remand", N_("Remanded to local authority") },
         { "other", N_("Other") })
CHOICES (placement_types,
         { "foster", N_("Foster care") }, { "kinship", N_("Kinship or connected carer") },
         { "residential", N_("Residential home") }, { "semi-independent", N_("Semi-independent living") },
         { "placed-with-parents", N_("Placed with parents") }, { "adoption", N_("Placed for adoption") },
         { "other", N_("Other") })
CHOICES (sen_statuses,
         { "none", N_("No special educational needs") }, { "sen-support", N_("SEN support") },
         { "ehcp", N_("Education, health and care plan") },
         { "ehcp-assessment", N_("EHCP under assessment") })
CHOICES (primary_needs,
         { "spld", N_("Specific learning difficulty") }, { "mld", N_("Moderate learning difficulty") },
         { "sld", N_("Severe learning difficulty") }, { "pmld", N_("Profound and multiple learning difficulty") },
         { "semh", N_("Social, emotional and mental health") },
         { "slcn", N_("Speech, language and communication needs") },
         { "hi", N_("Hearing impairment") }, { "vi", N_("Visual impairment") },
         { "msi", N_("Multi-sensory impairment") }, { "pd", N_("Physical disability") },
         { "asd", N_("Autistic spectrum disorder") }, { "other", N_("Other difficulty or disability") })
CHOICES (meeting_modes,
         { "in-person", N_("In person") }, { "virtual", N_("Virtually") }, { "hybrid", N_("Partly in person") })
CHOICES (chairs,
         { "designated-teacher", N_("Designated teacher") }, { "child", N_("The child") },
         { "social-worker", N_("Social worker") }, { "vs-advisor", N_("Virtual School advisor") },
         { "other", N_("Someone else") })
CHOICES (setting_types,
         { "mainstream", N_("Mainstream school") }, { "special", N_("Special school") },
         { "alternative-provision", N_("Alternative provision") }, { "pru", N_("Pupil referral unit") },
         { "college", N_("College") }, { "early-years", N_("Early years setting") },
         { "none", N_("No setting") })
CHOICES (ey_entitlements,
         { "two-year-old", N_("Funded place for two-year-olds") }, { "universal-15", N_("15 hours") },
         { "extended-30", N_("30 hours") }, { "none", N_("Not taking up a funded place") })
CHOICES (likelihoods,
         { "very-unlikely", N_("Very unlikely") }, { "unlikely", N_("Unlikely") },
         { "possible", N_("Possible") }, { "likely", N_("Likely") }, { "very-likely", N_("Very likely") })
CHOICES (approaches,
         { "positive", N_("Positive") }, { "mixed", N_("Mixed") }, { "negative", N_("Not positive") })
CHOICES (post16_statuses,
         { "education", N_("In education") }, { "employment", N_("In employment") },
         { "training", N_("In training or an apprenticeship") }, { "neet", N_("Not in education, employment or training") })
CHOICES (course_levels,
         { "entry", N_("Entry level") }, { "level-1", N_("Level 1") }, { "level-2", N_("Level 2") },
         { "level-3", N_("Level 3") }, { "level-4", N_("Level 4 or above") })
CHOICES (stabilities,
         { "stable", N_("Stable") }, { "at-risk", N_("At risk of breakdown") },
         { "changed", N_("Changed this term") })
CHOICES (schemes,
         { "eyfs", N_("EYFS area of learning") }, { "phonics", N_("Phonics") },
         { "ks1", N_("Key stage 1 standard") }, { "ks2", N_("Key stage 2 standard") },
         { "ks2-scaled", N_("Key stage 2 scaled score") }, { "gcse", N_("GCSE grade 9–1") },
         { "post16", N_("Post-16 qualification") }, { "other", N_("Other") })
CHOICES (progresses,
         { "below", N_("Below expected") }, { "expected", N_("Expected") }, { "above", N_("Above expected") })
CHOICES (efforts,
         { "excellent", N_("Excellent") }, { "good", N_("Good") },
         { "satisfactory", N_("Satisfactory") }, { "poor", N_("Poor") })
CHOICES (target_areas,
         { "academic", N_("Academic achievement and progress") },
         { "wellbeing", N_("Emotional health and wellbeing") }, { "attendance", N_("Attendance") },
         { "social", N_("Social") }, { "careers", N_("Careers") }, { "other", N_("Other") })
CHOICES (strategies,
         { "mastery", N_("Mastery learning") }, { "metacognition", N_("Metacognition") },
         { "feedback", N_("Feedback") }, { "phonics", N_("Phonics") },
         { "reading", N_("Reading comprehension") }, { "sel", N_("Social and emotional learning") },
         { "tutoring", N_("Tutoring") }, { "other", N_("Other") })
CHOICES (funding_sources,
         { "ppplus", N_("Pupil Premium Plus") }, { "additional-ppplus", N_("Additional PP+") },
         { "recovery-premium", N_("Recovery premium") }, { "tutoring", N_("Tutoring fund") },
         { "post16-ppplus", N_("Post-16 PP+") }, { "school-budget", N_("School budget") },
         { "none", N_("No funding") })
CHOICES (target_outcomes,
         { "achieved", N_("Achieved") }, { "partially-achieved", N_("Partially achieved") },
         { "on-track", N_("On track") }, { "not-met", N_("Not met") })
CHOICES (decisions,
         { "pending", N_("Awaiting decision") }, { "approved", N_("Approved") },
         { "declined", N_("Declined") })
CHOICES (ratings,
         { "red", N_("Red") }, { "amber", N_("Amber") }, { "green", N_("Green") },
         { "gold", N_("Gold") }, { "not-rated", N_("Not rated") })
CHOICES (follow_up_owners,
         { "designated-teacher", N_("Designated teacher") }, { "social-worker", N_("Social worker") },
         { "advisor", N_("Virtual School advisor") })
CHOICES (follow_up_states,
         { "open", N_("Open") }, { "done", N_("Done") }, { "cancelled", N_("Cancelled") })
CHOICES (signoff_roles,
         { "designated-teacher", N_("Designated teacher") }, { "social-worker", N_("Social worker") },
         { "qa-officer", N_("QA officer") }, { "vs-advisor", N_("Virtual School advisor") })
CHOICES (signoff_statuses,
         { "submitted", N_("Submitted") }, { "returned", N_("Returned to the school") },
         { "approved", N_("Approved by QA") }, { "signed-off", N_("Signed off") })
/* The steps of the workflow (pep-workflow.h): "amended" is the first step of an amendment,
 * "superseded" the last of the PEP it amends. */
CHOICES (event_kinds,
         { "submitted", N_("Submitted") }, { "returned", N_("Returned to the school") },
         { "resubmitted", N_("Resubmitted") }, { "approved", N_("Approved by QA") },
         { "authorised", N_("Authorised") }, { "amended", N_("Amendment started") },
         { "superseded", N_("Superseded by its amendment") })
/* Whoever took the step, in the role they acted in: the nicks of PepRole. */
CHOICES (event_roles,
         { "designated-teacher", N_("Designated teacher") }, { "social-worker", N_("Social worker") },
         { "carer", N_("Carer") }, { "qa-officer", N_("QA officer") },
         { "advisor", N_("Virtual School advisor") }, { "headteacher", N_("Virtual School headteacher") },
         { "administrator", N_("Administrator") })

#define K(kind) (1u << PEP_KIND_##kind)
#define KINDS_ALL       (K (EARLY_YEARS) | K (SCHOOL_AGE) | K (POST_16) | K (POST_18) | K (NEET))
#define KINDS_EY        (K (EARLY_YEARS))
#define KINDS_SCHOOL    (K (SCHOOL_AGE))
#define KINDS_EY_SCHOOL (K (EARLY_YEARS) | K (SCHOOL_AGE))
#define KINDS_NOT_EY    (K (SCHOOL_AGE) | K (POST_16) | K (POST_18) | K (NEET))
/* Attendance and suspensions: a young person not in education, employment or training has
 * none (pep-checks.c's attendance check says so too). */
#define KINDS_IN_EDUCATION (K (SCHOOL_AGE) | K (POST_16) | K (POST_18))
#define KINDS_POST16    (K (POST_16) | K (POST_18) | K (NEET))
#define KINDS_NEET      (K (NEET))
#define REQ  PEP_FIELD_REQUIRED
#define SENS PEP_FIELD_SENSITIVE
#define PERS PEP_FIELD_PERSONAL
#define NAMES PEP_FIELD_NAMES

#define INFO(tbl, id, name, section, type, choices, kinds, flags, min, max, label) \
  { PEP_TABLE_##tbl, PEP_##tbl##_##id, name, PEP_SECTION_##section, PEP_VALUE_##type, \
    choices, KINDS_##kinds, flags, min, max, label },
#define INFO_SCHOOL(...)          INFO (SCHOOL, __VA_ARGS__)
#define INFO_CHILD(...)           INFO (CHILD, __VA_ARGS__)
#define INFO_PLAN(...)            INFO (PLAN, __VA_ARGS__)
#define INFO_ATTAINMENT(...)      INFO (ATTAINMENT, __VA_ARGS__)
#define INFO_TARGET(...)          INFO (TARGET, __VA_ARGS__)
#define INFO_TARGET_REVIEW(...)   INFO (TARGET_REVIEW, __VA_ARGS__)
#define INFO_FUNDING_REQUEST(...) INFO (FUNDING_REQUEST, __VA_ARGS__)
#define INFO_SIGNOFF(...)         INFO (SIGNOFF, __VA_ARGS__)
#define INFO_RATING(...)          INFO (RATING, __VA_ARGS__)
#define INFO_FOLLOW_UP(...)       INFO (FOLLOW_UP, __VA_ARGS__)
#define INFO_EVENT(...)           INFO (EVENT, __VA_ARGS__)

static const PepFieldInfo school_fields[] = { PEP_SCHOOL_FIELDS (INFO_SCHOOL) };
static const PepFieldInfo child_fields[] = { PEP_CHILD_FIELDS (INFO_CHILD) };
static const PepFieldInfo plan_fields[] = { PEP_PLAN_FIELDS (INFO_PLAN) };
static const PepFieldInfo attainment_fields[] = { PEP_ATTAINMENT_FIELDS (INFO_ATTAINMENT) };
static const PepFieldInfo target_fields[] = { PEP_TARGET_FIELDS (INFO_TARGET) };
static const PepFieldInfo target_review_fields[] = { PEP_TARGET_REVIEW_FIELDS (INFO_TARGET_REVIEW) };
static const PepFieldInfo funding_request_fields[] =
  { PEP_FUNDING_REQUEST_FIELDS (INFO_FUNDING_REQUEST) };
static const PepFieldInfo signoff_fields[] = { PEP_SIGNOFF_FIELDS (INFO_SIGNOFF) };
static const PepFieldInfo rating_fields[] = { PEP_RATING_FIELDS (INFO_RATING) };
static const PepFieldInfo follow_up_fields[] = { PEP_FOLLOW_UP_FIELDS (INFO_FOLLOW_UP) };
static const PepFieldInfo event_fields[] = { PEP_EVENT_FIELDS (INFO_EVENT) };

static const struct
{
  const char         *name;
  const PepFieldInfo *fields;
  guint               n_fields;
} tables[PEP_N_TABLES] = {
  [PEP_TABLE_SCHOOL] = { "school", school_fields, G_N_ELEMENTS (school_fields) },
  [PEP_TABLE_CHILD] = { "child", child_fields, G_N_ELEMENTS (child_fields) },
  [PEP_TABLE_PLAN] = { "plan", plan_fields, G_N_ELEMENTS (plan_fields) },
  [PEP_TABLE_ATTAINMENT] = { "attainment", attainment_fields, G_N_ELEMENTS (attainment_fields) },
  [PEP_TABLE_TARGET] = { "target", target_fields, G_N_ELEMENTS (target_fields) },
  [PEP_TABLE_TARGET_REVIEW] =
    { "target_review", target_review_fields, G_N_ELEMENTS (target_review_fields) },
  [PEP_TABLE_FUNDING_REQUEST] =
    { "funding_request", funding_request_fields, G_N_ELEMENTS (funding_request_fields) },
  [PEP_TABLE_SIGNOFF] = { "signoff", signoff_fields, G_N_ELEMENTS (signoff_fields) },
  [PEP_TABLE_RATING] = { "rating", rating_fields, G_N_ELEMENTS (rating_fields) },
  [PEP_TABLE_FOLLOW_UP] = { "follow_up", follow_up_fields, G_N_ELEMENTS (follow_up_fields) },
  [PEP_TABLE_EVENT] = { "plan_event", event_fields, G_N_ELEMENTS (event_fields) },
};

const char *
pep_table_get_name (PepTable table)
{
  g_return_val_if_fail (table < PEP_N_TABLES, NULL);
  return tables[table].name;
}

guint
pep_table_get_n_fields (PepTable table)
{
  g_return_val_if_fail (table < PEP_N_TABLES, 0);
  return tables[table].n_fields;
}

/* Rows that belong to one PEP, many to a PEP. */
gboolean
pep_table_is_plan_row (PepTable table)
{
  return table >= PEP_TABLE_ATTAINMENT && table < PEP_N_TABLES;
}

const PepFieldInfo *
pep_table_get_field (PepTable table,
                     guint    index)
{
  g_return_val_if_fail (table < PEP_N_TABLES, NULL);
  g_return_val_if_fail (index < tables[table].n_fields, NULL);
  return &tables[table].fields[index];
}

const PepFieldInfo *
pep_table_lookup_field (PepTable    table,
                        const char *name)
{
  g_return_val_if_fail (table < PEP_N_TABLES, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  for (guint i = 0; i < tables[table].n_fields; i++)
    if (strcmp (tables[table].fields[i].name, name) == 0)
      return &tables[table].fields[i];
  return NULL;
}

const GVariantType *
pep_value_type_get_variant_type (PepValueType type)
{
  switch (type)
    {
    case PEP_VALUE_INT:
    case PEP_VALUE_MONEY:
      return G_VARIANT_TYPE_INT64;
    case PEP_VALUE_REAL:
      return G_VARIANT_TYPE_DOUBLE;
    case PEP_VALUE_BOOL:
      return G_VARIANT_TYPE_BOOLEAN;
    case PEP_VALUE_TEXT:
    case PEP_VALUE_DATE:
    case PEP_VALUE_DATETIME:
    case PEP_VALUE_CHOICE:
    default:
      return G_VARIANT_TYPE_STRING;
    }
}

gboolean
pep_field_applies_to (const PepFieldInfo *info,
                      PepKind             kind)
{
  g_return_val_if_fail (info != NULL, FALSE);
  return (info->kinds & (1u << kind)) != 0;
}

/**
 * pep_field_applies_to_year:
 * @info: a field
 * @kind: the PEP's kind
 * @nc_year: the child's national curriculum year when the PEP was written (Reception 0,
 *   nursery -1, age two -2)
 *
 * Whether a PEP of @kind for a child in @nc_year has @info: the kind's fields
 * (pep_field_applies_to()), less those of another phase. The EYFS profile is completed at
 * the end of Reception and read into Year 1; the phonics screening check is taken in Year 1
 * and retaken in Year 2; Attainment 8 and Progress 8 are Key Stage 4's, from Year 10. The
 * editor shows, and the required-fields rule counts, by this rule alone.
 */
gboolean
pep_field_applies_to_year (const PepFieldInfo *info,
                           PepKind             kind,
                           int                 nc_year)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (!pep_field_applies_to (info, kind))
    return FALSE;
  if (info->table != PEP_TABLE_PLAN)
    return TRUE;
  switch (info->index)
    {
    case PEP_PLAN_EYFS_GLD:
      return nc_year <= 1;
    case PEP_PLAN_PHONICS_MARK:
      return nc_year >= 1 && nc_year <= 2;
    case PEP_PLAN_ATTAINMENT_8:
    case PEP_PLAN_PROGRESS_8:
      return nc_year >= 10;
    default:
      return TRUE;
    }
}

const PepChoice *
pep_field_find_choice (const PepFieldInfo *info,
                       const char         *nick)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (info->choices == NULL || nick == NULL)
    return NULL;
  for (const PepChoice *c = info->choices; c->nick != NULL; c++)
    if (strcmp (c->nick, nick) == 0)
      return c;
  return NULL;
}

/* Reads a stored day, YYYY-MM-DD (and DD/MM/YYYY, as older files and commands give it); what
 * people type goes through pep_date_parse_typed(). Rejects dates that
 * do not exist, such as 31/02/2024, and years outside 1900–2199. */
gboolean
pep_date_parse (const char *text,
                GDate      *date)
{
  unsigned y, m, d;
  char tail;

  g_return_val_if_fail (date != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  if (sscanf (text, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3 && strlen (text) == 10)
    ;
  else if (sscanf (text, "%2u/%2u/%4u%c", &d, &m, &y, &tail) == 3)
    ;
  else
    return FALSE;

  if (y < 1900 || y > 2199 || !g_date_valid_dmy (d, m, y))
    return FALSE;
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/* The months as people write them: English (the forms typed in England, "Sep", "Sept",
 * "September") and the reader's language as GLib formats it (Welsh "Medi"), casefolded;
 * made once, as the reader's language does not change while PEP Studio runs. */
static GPtrArray *
month_names_new (void)
{
  static const char *english[] = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
  };
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  for (guint m = 0; m < 12; m++)
    {
      g_autoptr(GDateTime) day = g_date_time_new_utc (2001, m + 1, 15, 12, 0, 0);
      const char *formats[] = { "%B", "%b", "%OB", "%Ob" };

      g_ptr_array_add (names, g_strdup (english[m]));
      for (guint f = 0; f < G_N_ELEMENTS (formats); f++)
        {
          g_autofree char *local = g_date_time_format (day, formats[f]);
          g_autofree char *folded = local != NULL ? g_utf8_casefold (local, -1) : NULL;

          /* Abbreviations may end in a full stop ("Medi." is not one, "Sep." can be). */
          if (folded != NULL && g_str_has_suffix (folded, "."))
            folded[strlen (folded) - 1] = '\0';
          g_ptr_array_add (names, folded != NULL ? g_steal_pointer (&folded) : g_strdup (""));
        }
    }
  return names;
}

static GPtrArray *
month_names (void)
{
  static GPtrArray *names;

  if (g_once_init_enter (&names))
    g_once_init_leave (&names, month_names_new ());
  return names;
}

/* The month (1–12) @word names: a month's name in full or cut short to three letters or
 * more ("Sep", "Sept"), in English or the reader's language; 0 when it names none, or more
 * than one. */
static guint
month_from_word (const char *word)
{
  GPtrArray *names = month_names ();
  g_autofree char *folded = g_utf8_casefold (word, -1);
  guint per_month = names->len / 12;
  guint found = 0;
  gsize length = strlen (folded);

  if (length > 0 && folded[length - 1] == '.')
    folded[--length] = '\0';
  /* Exactly a name, abbreviation included, first: "Mai" is May in Welsh, not a start of "Mawrth". */
  for (guint i = 0; i < names->len; i++)
    if (g_strcmp0 (g_ptr_array_index (names, i), folded) == 0 && *folded != '\0')
      return i / per_month + 1;
  if (g_utf8_strlen (folded, -1) < 3)
    return 0;
  for (guint i = 0; i < names->len; i++)
    {
      const char *name = g_ptr_array_index (names, i);

      if (g_str_has_prefix (name, folded))
        {
          if (found != 0 && found != i / per_month + 1)
            return 0;
          found = i / per_month + 1;
        }
    }
  return found;
}

/* A run of ASCII digits as a number, with how many digits it has; FALSE when @token is not
 * all digits (an ordinal's "st", "nd", "rd", "th" after a day allowed when @ordinal). */
static gboolean
read_number (const char *token,
             gboolean    ordinal,
             guint      *value,
             guint      *n_digits)
{
  guint n = 0, v = 0;

  while (g_ascii_isdigit (token[n]) && n < 6)
    v = v * 10 + (token[n++] - '0');
  if (n == 0)
    return FALSE;
  if (token[n] != '\0'
      && !(ordinal && (g_ascii_strcasecmp (token + n, "st") == 0
                       || g_ascii_strcasecmp (token + n, "nd") == 0
                       || g_ascii_strcasecmp (token + n, "rd") == 0
                       || g_ascii_strcasecmp (token + n, "th") == 0)))
    return FALSE;
  *value = v;
  *n_digits = n;
  return TRUE;
}

/**
 * pep_date_parse_typed:
 * @text: what a person typed, or a stored day
 * @date: (out caller-allocates): the day, when it is one
 * @error: why it is not
 *
 * The one reader of days in PEP Studio. It takes what people in England type: 23/09/2026
 * (and 23-09-2026, 23.09.2026, 3/9/2026), 23 Sep 2026 and 23 September 2026 (the reader's
 * language's month names too, "23 Medi 2026", as pep_date_format() writes them; "Sept" and
 * "23rd" as well), and the stored 2026-09-23. Numbers are always day, month, year unless the
 * year comes first. It refuses, saying why: a day that does not exist (31/02/2026), a year
 * of two digits (which century is a guess), a month past 12 where the day could be the
 * month (09/23/2026, the American order), no year, and years outside 1900–2199.
 *
 * Returns: whether @text is a day
 */
gboolean
pep_date_parse_typed (const char  *text,
                      GDate       *date,
                      GError     **error)
{
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) tokens = g_ptr_array_new ();
  g_autofree char *copy = NULL;
  guint d = 0, m = 0, y = 0, y_digits = 0;
  guint values[3] = { 0 }, digits[3] = { 0 };
  gboolean numeric[3] = { FALSE };

  g_return_val_if_fail (date != NULL, FALSE);

  copy = g_strstrip (g_strdup (text != NULL ? text : ""));
  if (*copy == '\0')
    {
      g_set_error_literal (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                           _("No date given: type one as 23/09/2026 or 23 Sep 2026"));
      return FALSE;
    }
  parts = g_strsplit_set (copy, " /-.,", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (tokens, parts[i]);

  if (tokens->len == 3)
    {
      for (guint i = 0; i < 3; i++)
        numeric[i] = read_number (g_ptr_array_index (tokens, i), i < 2, &values[i], &digits[i]);

      if (numeric[0] && numeric[1] && numeric[2] && digits[0] == 4)
        {
          /* The year first: 2026-09-23, as stored. */
          y = values[0], y_digits = 4, m = values[1], d = values[2];
          if (digits[1] > 2 || digits[2] > 2)
            y_digits = 0;
        }
      else if (numeric[0] && numeric[1] && numeric[2])
        {
          d = values[0], m = values[1], y = values[2], y_digits = digits[2];
          if (digits[0] > 2 || digits[1] > 2)
            y_digits = 0;
          else if (m > 12 && d >= 1 && d <= 12 && y_digits == 4)
            {
              g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                           /* Translators: the text typed, e.g. 09/23/2026 */
                           _("‘%s’ has no month %u: type the day first, as 23/09/2026"),
                           copy, m);
              return FALSE;
            }
        }
      else if (numeric[0] && !numeric[1] && numeric[2] && digits[0] <= 2)
        {
          /* 23 Sep 2026 */
          d = values[0], y = values[2], y_digits = digits[2];
          m = month_from_word (g_ptr_array_index (tokens, 1));
        }
      else if (!numeric[0] && numeric[1] && numeric[2] && digits[1] <= 2)
        {
          /* Sep 23 2026: the month in words leaves no doubt. */
          d = values[1], y = values[2], y_digits = digits[2];
          m = month_from_word (g_ptr_array_index (tokens, 0));
        }
      if (y_digits == 2)
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                       _("‘%s’: write the year in full (2026, not 26)"), copy);
          return FALSE;
        }
    }
  else if (tokens->len == 2)
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("‘%s’ has no year: type it as 23/09/2026 or 23 Sep 2026"), copy);
      return FALSE;
    }

  if (y_digits != 4 || m == 0)
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("‘%s’ is not a date: type it as 23/09/2026 or 23 Sep 2026"), copy);
      return FALSE;
    }
  if (y < 1900 || y > 2199)
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("‘%s’ is not a date a PEP can hold: the year must be between 1900 and 2199"), copy);
      return FALSE;
    }
  if (m > 12 || d == 0 || !g_date_valid_dmy (d, m, y))
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("‘%s’ is not a date that exists"), copy);
      return FALSE;
    }
  g_date_clear (date, 1);
  g_date_set_dmy (date, d, m, y);
  return TRUE;
}

/**
 * pep_date_format:
 * @date: a valid day
 *
 * A day as PEP Studio shows it everywhere a person reads one: the UK's short form, as GLib
 * formats it in the reader's language ("23 Sep 2026"). What people type is read by
 * pep_date_parse_typed(), which takes this form back, and 23/09/2026.
 *
 * Returns: (transfer full): the day in words
 */
char *
pep_date_format (const GDate *date)
{
  g_autoptr(GDateTime) day = NULL;

  g_return_val_if_fail (date != NULL && g_date_valid (date), g_strdup (""));

  day = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                               g_date_get_day (date), 12, 0, 0);
  return g_date_time_format (day, "%-d %b %Y");
}

/* pep_date_format() of a stored day (YYYY-MM-DD); anything else as it is. */
char *
pep_date_format_iso (const char *iso)
{
  GDate date;

  if (!pep_date_parse (iso, &date))
    return g_strdup (iso != NULL ? iso : "");
  return pep_date_format (&date);
}

/**
 * pep_datetime_format:
 * @iso: a stored moment, "2026-09-13T16:26:00Z"
 *
 * A moment as a person reads it: the local day as pep_date_format() writes it, then the time
 * ("13 Sep 2026, 17:26" in British Summer Time). Anything that is not such a moment is
 * returned as it is.
 *
 * Returns: (transfer full): the moment in words
 */
char *
pep_datetime_format (const char *iso)
{
  g_autoptr(GDateTime) moment = iso != NULL ? g_date_time_new_from_iso8601 (iso, NULL) : NULL;
  g_autoptr(GDateTime) local = moment != NULL ? g_date_time_to_local (moment) : NULL;
  g_autofree char *day = NULL;
  g_autofree char *time = NULL;

  if (local == NULL)
    return g_strdup (iso != NULL ? iso : "");
  day = g_date_time_format (local, "%-d %b %Y");
  time = g_date_time_format (local, "%H:%M");
  /* Translators: a day ("13 Sep 2026"), then a time of day ("16:26") */
  return g_strdup_printf (_("%s, %s"), day, time);
}

/* "£1,234.50", "1234.5", "12" → pence. Negative amounts are not money a PEP can hold. */
gboolean
pep_money_parse (const char *text,
                 gint64     *pence)
{
  g_autoptr(GString) digits = g_string_new (NULL);
  const char *p = text;
  gint64 whole = 0;
  int frac_digits = -1;
  gint64 frac = 0;

  g_return_val_if_fail (pence != NULL, FALSE);

  if (text == NULL)
    return FALSE;
  while (g_ascii_isspace (*p))
    p++;
  if (g_str_has_prefix (p, "£"))
    p += strlen ("£");
  if (*p == '\0')
    return FALSE;

  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        {
          if (frac_digits >= 0)
            {
              if (++frac_digits > 2)
                return FALSE;
              frac = frac * 10 + (*p - '0');
            }
          else
            {
              if (whole > G_MAXINT64 / 1000)
                return FALSE;
              whole = whole * 10 + (*p - '0');
            }
        }
      else if (*p == ',' && frac_digits < 0)
        continue;
      else if (*p == '.' && frac_digits < 0)
        frac_digits = 0;
      else if (g_ascii_isspace (*p))
        {
          while (g_ascii_isspace (*p))
            p++;
          if (*p != '\0')
            return FALSE;
          break;
        }
      else
        return FALSE;
    }

  if (frac_digits == 1)
    frac *= 10;
  *pence = whole * 100 + frac;
  return TRUE;
}

char *
pep_money_format (gint64 pence)
{
  g_autoptr(GString) str = g_string_new (NULL);
  g_autofree char *whole = g_strdup_printf ("%" G_GINT64_FORMAT, ABS (pence) / 100);
  gsize len = strlen (whole);

  if (pence < 0)
    g_string_append_c (str, '-');
  g_string_append (str, "£");
  for (gsize i = 0; i < len; i++)
    {
      if (i > 0 && (len - i) % 3 == 0)
        g_string_append_c (str, ',');
      g_string_append_c (str, whole[i]);
    }
  g_string_append_printf (str, ".%02d", (int) (ABS (pence) % 100));
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static gboolean
datetime_valid (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (text == NULL || strlen (text) != 20 || text[19] != 'Z')
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

static gboolean
check_bounds (const PepFieldInfo  *info,
              double               value,
              GError             **error)
{
  if (info->min == info->max)
    return TRUE;
  if (value < info->min || value > info->max)
    {
      if (info->type == PEP_VALUE_MONEY)
        {
          g_autofree char *lo = pep_money_format ((gint64) info->min);
          g_autofree char *hi = pep_money_format ((gint64) info->max);
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                       _("%s must be between %s and %s"), _(info->label), lo, hi);
        }
      else
        g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                     _("%s must be between %g and %g"), _(info->label), info->min, info->max);
      return FALSE;
    }
  return TRUE;
}

/* Characters that change how text around them is shown, or are not shown at all: the
 * bidirectional controls (U+202A–202E, U+2066–2069, U+200E, U+200F, U+061C), zero-width
 * spaces and joiners (U+200B–200D, U+2060, U+FEFF) and every other format character (Cf),
 * and control characters (Cc) but tab and line breaks, which can drive a terminal. */
static gboolean
is_deceptive (gunichar c)
{
  if (c == '\t' || c == '\n' || c == '\r')
    return FALSE;
  return g_unichar_type (c) == G_UNICODE_FORMAT || g_unichar_type (c) == G_UNICODE_CONTROL
         || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
         || c == 0x200E || c == 0x200F || c == 0x061C || (c >= 0x200B && c <= 0x200D)
         || c == 0x2060 || c == 0xFEFF;
}

/**
 * pep_field_check_name_text:
 * @label: (nullable): the field's label, for the message
 * @text: UTF-8 text
 *
 * The rule for text that names people (%PEP_FIELD_NAMES): NFC (pep_field_normalize_name()
 * gives it), with no invisible, direction-changing or control character, so that what is
 * shown is what is stored: "John" is found, and no name reads backwards.
 */
gboolean
pep_field_check_name_text (const char  *label,
                           const char  *text,
                           GError     **error)
{
  g_autofree char *nfc = NULL;

  g_return_val_if_fail (text != NULL, FALSE);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (is_deceptive (c))
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                       /* Translators: the field, then a code point such as U+202E */
                       _("%s holds an invisible or direction-changing character (U+%04X), "
                         "which can make a name look like another; remove it"),
                       label ? _(label) : _("A name"), c);
          return FALSE;
        }
    }
  nfc = g_utf8_normalize (text, -1, G_NORMALIZE_NFC);
  if (nfc == NULL || strcmp (nfc, text) != 0)
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("%s is not in Unicode normal form C; type it again"),
                   label ? _(label) : _("A name"));
      return FALSE;
    }
  return TRUE;
}

/**
 * pep_field_normalize_name:
 *
 * Returns: @text in Unicode normal form C (NFC), as names are stored
 */
char *
pep_field_normalize_name (const char *text)
{
  g_return_val_if_fail (text != NULL, NULL);

  return g_utf8_normalize (text, -1, G_NORMALIZE_NFC) ?: g_strdup (text);
}

PepValueKind
pep_value_type_get_kind (PepValueType type)
{
  switch (type)
    {
    case PEP_VALUE_INT:
    case PEP_VALUE_MONEY:
      return PEP_VALUE_KIND_INT;
    case PEP_VALUE_REAL:
      return PEP_VALUE_KIND_REAL;
    case PEP_VALUE_BOOL:
      return PEP_VALUE_KIND_BOOL;
    case PEP_VALUE_TEXT:
    case PEP_VALUE_DATE:
    case PEP_VALUE_DATETIME:
    case PEP_VALUE_CHOICE:
    default:
      return PEP_VALUE_KIND_TEXT;
    }
}

/* The GVariant type string of a kind, for the message about a value of the wrong type. */
static const char *
kind_type_string (PepValueKind kind)
{
  static const char * const strings[] = { "s", "x", "d", "b" };

  return kind < G_N_ELEMENTS (strings) ? strings[kind] : "?";
}

/**
 * pep_field_value_from_variant:
 * @out: (out caller-allocates): the value, its text borrowed from @variant
 *
 * Returns: %FALSE when @variant is of none of the four types a field's value can be
 */
gboolean
pep_field_value_from_variant (GVariant      *variant,
                              PepFieldValue *out)
{
  g_return_val_if_fail (variant != NULL && out != NULL, FALSE);

  if (g_variant_is_of_type (variant, G_VARIANT_TYPE_STRING))
    *out = (PepFieldValue) { PEP_VALUE_KIND_TEXT, { .text = g_variant_get_string (variant, NULL) } };
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_INT64))
    *out = (PepFieldValue) { PEP_VALUE_KIND_INT, { .integer = g_variant_get_int64 (variant) } };
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_DOUBLE))
    *out = (PepFieldValue) { PEP_VALUE_KIND_REAL, { .real = g_variant_get_double (variant) } };
  else if (g_variant_is_of_type (variant, G_VARIANT_TYPE_BOOLEAN))
    *out = (PepFieldValue) { PEP_VALUE_KIND_BOOL, { .boolean = g_variant_get_boolean (variant) } };
  else
    return FALSE;
  return TRUE;
}

/* Returns: (transfer floating): @value as a GVariant of its kind's type */
GVariant *
pep_field_value_to_variant (const PepFieldValue *value)
{
  g_return_val_if_fail (value != NULL, NULL);

  switch (value->kind)
    {
    case PEP_VALUE_KIND_INT:
      return g_variant_new_int64 (value->v.integer);
    case PEP_VALUE_KIND_REAL:
      return g_variant_new_double (value->v.real);
    case PEP_VALUE_KIND_BOOL:
      return g_variant_new_boolean (value->v.boolean);
    case PEP_VALUE_KIND_TEXT:
    default:
      return g_variant_new_string (value->v.text);
    }
}

/* As g_variant_equal() compares the values' GVariants: a double by its bits. */
gboolean
pep_field_value_equal (const PepFieldValue *a,
                       const PepFieldValue *b)
{
  if (a->kind != b->kind)
    return FALSE;
  switch (a->kind)
    {
    case PEP_VALUE_KIND_INT:
      return a->v.integer == b->v.integer;
    case PEP_VALUE_KIND_REAL:
      return memcmp (&a->v.real, &b->v.real, sizeof (double)) == 0;
    case PEP_VALUE_KIND_BOOL:
      return !a->v.boolean == !b->v.boolean;
    case PEP_VALUE_KIND_TEXT:
    default:
      return strcmp (a->v.text, b->v.text) == 0;
    }
}

/**
 * pep_field_validate_value:
 * @value: (nullable): %NULL for "not entered", always valid
 *
 * pep_field_validate() for a value held natively: the same rules and messages.
 */
gboolean
pep_field_validate_value (const PepFieldInfo   *info,
                          const PepFieldValue  *value,
                          GError              **error)
{
  GDate date;

  g_return_val_if_fail (info != NULL, FALSE);

  if (value == NULL)
    return TRUE;

  if (value->kind != pep_value_type_get_kind (info->type))
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("%s: a value of type ‘%s’ cannot be stored here"),
                   _(info->label), kind_type_string (value->kind));
      return FALSE;
    }

  switch (info->type)
    {
    case PEP_VALUE_INT:
    case PEP_VALUE_MONEY:
      if (info->type == PEP_VALUE_MONEY && value->v.integer < 0)
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                       _("%s cannot be negative"), _(info->label));
          return FALSE;
        }
      return check_bounds (info, (double) value->v.integer, error);

    case PEP_VALUE_REAL:
      if (!isfinite (value->v.real))
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                       _("%s must be a number"), _(info->label));
          return FALSE;
        }
      return check_bounds (info, value->v.real, error);

    case PEP_VALUE_DATE:
      /* Stored as YYYY-MM-DD only: the queries compare days as text. */
      if (!pep_date_parse (value->v.text, &date) || strlen (value->v.text) != 10
          || value->v.text[4] != '-')
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                       _("%s: ‘%s’ is not a date (expected YYYY-MM-DD)"),
                       _(info->label), value->v.text);
          return FALSE;
        }
      return TRUE;

    case PEP_VALUE_DATETIME:
      if (!datetime_valid (value->v.text))
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                       _("%s: ‘%s’ is not a UTC time (expected YYYY-MM-DDTHH:MM:SSZ)"),
                       _(info->label), value->v.text);
          return FALSE;
        }
      return TRUE;

    case PEP_VALUE_CHOICE:
      if (pep_field_find_choice (info, value->v.text) == NULL)
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                       _("%s: ‘%s’ is not one of the choices"),
                       _(info->label), value->v.text);
          return FALSE;
        }
      return TRUE;

    case PEP_VALUE_TEXT:
      if (!g_utf8_validate (value->v.text, -1, NULL))
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                       _("%s is not valid UTF-8 text"), _(info->label));
          return FALSE;
        }
      return TRUE;

    case PEP_VALUE_BOOL:
    default:
      return TRUE;
    }
}

/* A NULL value is always valid: it means "not entered". Whether it must be entered is the
 * business of the checks, not of storage. */
gboolean
pep_field_validate (const PepFieldInfo  *info,
                    GVariant            *value,
                    GError             **error)
{
  PepFieldValue native;

  g_return_val_if_fail (info != NULL, FALSE);

  if (value == NULL)
    return TRUE;

  if (!g_variant_is_of_type (value, pep_value_type_get_variant_type (info->type))
      || !pep_field_value_from_variant (value, &native))
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("%s: a value of type ‘%s’ cannot be stored here"),
                   _(info->label), g_variant_get_type_string (value));
      return FALSE;
    }
  return pep_field_validate_value (info, &native, error);
}

/**
 * pep_field_validate_new_value:
 * @value: (nullable): %NULL for "not entered", always valid
 *
 * pep_field_validate_new() for a value held natively.
 */
gboolean
pep_field_validate_new_value (const PepFieldInfo   *info,
                              const PepFieldValue  *value,
                              GError              **error)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (!pep_field_validate_value (info, value, error))
    return FALSE;
  if (value != NULL && info->type == PEP_VALUE_TEXT && (info->flags & PEP_FIELD_NAMES))
    return pep_field_check_name_text (info->label, value->v.text, error);
  return TRUE;
}

/**
 * pep_field_validate_new:
 *
 * pep_field_validate() and the rules for a value being written now — typed, stored or
 * imported — but not for one read back: names (%PEP_FIELD_NAMES) in NFC with no invisible
 * or direction-changing character. A file written before that rule still opens, and
 * pepctl escapes what it prints from it.
 */
gboolean
pep_field_validate_new (const PepFieldInfo  *info,
                        GVariant            *value,
                        GError             **error)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (!pep_field_validate (info, value, error))
    return FALSE;
  if (value != NULL && info->type == PEP_VALUE_TEXT && (info->flags & PEP_FIELD_NAMES))
    return pep_field_check_name_text (info->label, g_variant_get_string (value, NULL), error);
  return TRUE;
}

static gboolean
parse_bool (const char *text,
            gboolean   *out)
{
  static const char * const yes[] = { "yes", "y", "true", "1", NULL };
  static const char * const no[] = { "no", "n", "false", "0", NULL };

  for (guint i = 0; yes[i]; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*out = TRUE);
  for (guint i = 0; no[i]; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return !(*out = FALSE);
  return FALSE;
}

/* Turns what a person typed into a value for @info, or explains what is wrong with it.
 * Empty text means "not entered" and gives NULL with no error. */
GVariant *
pep_field_parse (const PepFieldInfo  *info,
                 const char          *text,
                 GError             **error)
{
  g_autoptr(GVariant) value = NULL;
  g_autofree char *stripped = NULL;
  char *end = NULL;
  GDate date;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (!g_utf8_validate (text, -1, NULL))
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("%s is not valid UTF-8 text"), _(info->label));
      return NULL;
    }
  stripped = g_strstrip (g_strdup (text));
  if (*stripped == '\0')
    return NULL;

  switch (info->type)
    {
    case PEP_VALUE_INT:
      {
        gint64 v;

        errno = 0;
        v = g_ascii_strtoll (stripped, &end, 10);
        if (*end != '\0' || errno != 0)
          break;
        value = g_variant_ref_sink (g_variant_new_int64 (v));
      }
      break;

    case PEP_VALUE_REAL:
      {
        double v;
        gsize len = strlen (stripped);

        if (len > 0 && stripped[len - 1] == '%')
          stripped[len - 1] = '\0';
        errno = 0;
        v = g_ascii_strtod (stripped, &end);
        if (*stripped == '\0' || *end != '\0' || errno != 0)
          break;
        value = g_variant_ref_sink (g_variant_new_double (v));
      }
      break;

    case PEP_VALUE_MONEY:
      {
        gint64 pence;

        if (stripped[0] == '-')
          {
            g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                         _("%s cannot be negative"), _(info->label));
            return NULL;
          }
        if (!pep_money_parse (stripped, &pence))
          break;
        value = g_variant_ref_sink (g_variant_new_int64 (pence));
      }
      break;

    case PEP_VALUE_BOOL:
      {
        gboolean v;

        if (!parse_bool (stripped, &v))
          break;
        value = g_variant_ref_sink (g_variant_new_boolean (v));
      }
      break;

    case PEP_VALUE_DATE:
      {
        g_autoptr(GError) why = NULL;
        char buf[16];

        if (!pep_date_parse_typed (stripped, &date, &why))
          {
            /* Translators: a field's label, then why what was typed is not a date */
            g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID, _("%s: %s"),
                         _(info->label), why->message);
            return NULL;
          }
        g_snprintf (buf, sizeof buf, "%04u-%02u-%02u", g_date_get_year (&date),
                    g_date_get_month (&date), g_date_get_day (&date));
        value = g_variant_ref_sink (g_variant_new_string (buf));
      }
      break;

    case PEP_VALUE_TEXT:
      if (info->flags & PEP_FIELD_NAMES)
        {
          g_autofree char *nfc = pep_field_normalize_name (stripped);

          value = g_variant_ref_sink (g_variant_new_string (nfc));
          break;
        }
      value = g_variant_ref_sink (g_variant_new_string (stripped));
      break;

    case PEP_VALUE_DATETIME:
    case PEP_VALUE_CHOICE:
    default:
      value = g_variant_ref_sink (g_variant_new_string (stripped));
      break;
    }

  if (value == NULL)
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID,
                   _("%s: ‘%s’ is not a valid value"), _(info->label), stripped);
      return NULL;
    }
  if (!pep_field_validate_new (info, value, error))
    return NULL;
  return g_steal_pointer (&value);
}

/* The Department for Education's ethnicity codes (the school census), as the census names
 * them. */
static const struct { const char *code; const char *label; } ethnicities[] = {
  { "WBRI", N_("White British") }, { "WIRI", N_("White Irish") },
  { "WIRT", N_("Traveller of Irish heritage") }, { "WROM", N_("Gypsy or Roma") },
  { "WOTH", N_("Any other White background") },
  { "MWBC", N_("White and Black Caribbean") }, { "MWBA", N_("White and Black African") },
  { "MWAS", N_("White and Asian") }, { "MOTH", N_("Any other mixed background") },
  { "AIND", N_("Indian") }, { "APKN", N_("Pakistani") }, { "ABAN", N_("Bangladeshi") },
  { "AOTH", N_("Any other Asian background") }, { "BCRB", N_("Black Caribbean") },
  { "BAFR", N_("Black African") }, { "BOTH", N_("Any other Black background") },
  { "CHNE", N_("Chinese") }, { "OOTH", N_("Any other ethnic group") },
  { "REFU", N_("Refused") }, { "NOBT", N_("Information not yet obtained") },
};

/* Returns: (nullable): the census's words for an ethnicity code ("AIND": "Indian") */
const char *
pep_ethnicity_to_label (const char *code)
{
  for (guint i = 0; code != NULL && i < G_N_ELEMENTS (ethnicities); i++)
    if (g_ascii_strcasecmp (code, ethnicities[i].code) == 0)
      return _(ethnicities[i].label);
  return NULL;
}

/**
 * pep_field_describe:
 *
 * A value as a reader sees it, where nothing is typed (the PEP view, the child's page, the
 * printed PEP): pep_field_format()'s words, with days as pep_date_format() writes them and
 * codes by what they stand for ("Indian (AIND)").
 *
 * Returns: (transfer full): the words
 */
char *
pep_field_describe (const PepFieldInfo *info,
                    GVariant           *value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (value == NULL)
    return g_strdup ("");
  if (info->type == PEP_VALUE_DATE)
    return pep_date_format_iso (g_variant_get_string (value, NULL));
  if (info->table == PEP_TABLE_CHILD && info->index == PEP_CHILD_ETHNICITY)
    {
      const char *code = g_variant_get_string (value, NULL);
      const char *label = pep_ethnicity_to_label (code);

      if (label != NULL)
        /* Translators: an ethnicity in words, then its census code: "Indian (AIND)" */
        return g_strdup_printf (_("%s (%s)"), label, code);
    }
  return pep_field_format (info, value);
}

/* The value as a person reads it: choices by label, money in pounds, days as pep_date_format()
 * writes them (which pep_date_parse_typed() reads back), moments as pep_datetime_format(). */
char *
pep_field_format (const PepFieldInfo *info,
                  GVariant           *value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (value == NULL)
    return g_strdup ("");

  switch (info->type)
    {
    case PEP_VALUE_INT:
      return g_strdup_printf ("%" G_GINT64_FORMAT, g_variant_get_int64 (value));
    case PEP_VALUE_MONEY:
      return pep_money_format (g_variant_get_int64 (value));
    case PEP_VALUE_REAL:
      {
        char buf[G_ASCII_DTOSTR_BUF_SIZE];
        return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.1f", g_variant_get_double (value)));
      }
    case PEP_VALUE_BOOL:
      return g_strdup (g_variant_get_boolean (value) ? _("Yes") : _("No"));
    case PEP_VALUE_DATE:
      {
        GDate date;
        if (pep_date_parse (g_variant_get_string (value, NULL), &date))
          return pep_date_format (&date);
        return g_variant_dup_string (value, NULL);
      }
    case PEP_VALUE_CHOICE:
      {
        const PepChoice *choice = pep_field_find_choice (info, g_variant_get_string (value, NULL));
        if (choice != NULL)
          return g_strdup (_(choice->label));
        return g_variant_dup_string (value, NULL);
      }
    case PEP_VALUE_DATETIME:
      /* Never typed (a sign-off's or a step's moment): shown as people read one. */
      return pep_datetime_format (g_variant_get_string (value, NULL));
    case PEP_VALUE_TEXT:
    default:
      return g_variant_dup_string (value, NULL);
    }
}
