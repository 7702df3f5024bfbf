/* pep-types.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Nicks are what the database and the XML hold; labels are what people read.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pep-types.h"

typedef struct
{
  const char *nick;
  const char *label;
} Name;

static const Name kinds[PEP_N_KINDS] = {
  { "early-years", N_("Early years") },
  { "school-age", N_("School age") },
  { "post-16", N_("Post-16") },
  { "post-18", N_("Post-18") },
  { "neet", N_("NEET") },
};

static const Name statuses[PEP_N_STATUSES] = {
  { "draft", N_("Draft") },
  { "submitted", N_("Submitted") },
  { "returned", N_("Returned") },
  { "approved", N_("Approved") },
  { "signed-off", N_("Signed off") },
  { "superseded", N_("Superseded") },
};

static const Name roles[PEP_N_ROLES] = {
  { "designated-teacher", N_("Designated teacher") },
  { "social-worker", N_("Social worker") },
  { "carer", N_("Carer") },
  { "qa-officer", N_("QA officer") },
  { "advisor", N_("Virtual School advisor") },
  { "headteacher", N_("Virtual School headteacher") },
  { "administrator", N_("Administrator") },
};

/* The nicks name sections in the rubric, in ratings and in the XML. */
static const Name sections[PEP_N_SECTIONS] = {
  { "identity", N_("Identity") },
  { "care", N_("Care") },
  { "school", N_("School") },
  { "people", N_("People") },
  { "meeting", N_("Meeting") },
  { "voice", N_("Pupil voice") },
  { "education", N_("Education and provision") },
  { "early-years", N_("Early learning") },
  { "attendance", N_("Attendance and behaviour") },
  { "attainment", N_("Progress and attainment") },
  { "send", N_("SEND and wellbeing") },
  { "social-emotional", N_("Social and emotional") },
  { "targets", N_("Targets") },
  { "ppplus", N_("Pupil Premium Plus") },
  { "careers", N_("Careers and post-16") },
  { "social-worker", N_("Social worker") },
  { "carer", N_("Carer's views") },
  { "signoff", N_("Sign-off") },
  { "qa", N_("Quality assurance") },
};

static gboolean
lookup (const Name *names,
        guint       n_names,
        const char *nick,
        guint      *out)
{
  if (nick == NULL)
    return FALSE;
  for (guint i = 0; i < n_names; i++)
    if (strcmp (names[i].nick, nick) == 0)
      {
        *out = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pep_kind_to_nick (PepKind kind)
{
  g_return_val_if_fail (kind < PEP_N_KINDS, NULL);
  return kinds[kind].nick;
}

const char *
pep_kind_to_label (PepKind kind)
{
  g_return_val_if_fail (kind < PEP_N_KINDS, NULL);
  return _(kinds[kind].label);
}

gboolean
pep_kind_from_nick (const char *nick,
                    PepKind    *kind)
{
  guint i;

  if (!lookup (kinds, PEP_N_KINDS, nick, &i))
    return FALSE;
  *kind = i;
  return TRUE;
}

const char *
pep_status_to_nick (PepStatus status)
{
  g_return_val_if_fail (status < PEP_N_STATUSES, NULL);
  return statuses[status].nick;
}

const char *
pep_status_to_label (PepStatus status)
{
  g_return_val_if_fail (status < PEP_N_STATUSES, NULL);
  return _(statuses[status].label);
}

gboolean
pep_status_from_nick (const char *nick,
                      PepStatus  *status)
{
  guint i;

  if (!lookup (statuses, PEP_N_STATUSES, nick, &i))
    return FALSE;
  *status = i;
  return TRUE;
}

const char *
pep_role_to_nick (PepRole role)
{
  g_return_val_if_fail (role < PEP_N_ROLES, NULL);
  return roles[role].nick;
}

const char *
pep_role_to_label (PepRole role)
{
  g_return_val_if_fail (role < PEP_N_ROLES, NULL);
  return _(roles[role].label);
}

gboolean
pep_role_from_nick (const char *nick,
                    PepRole    *role)
{
  guint i;

  if (!lookup (roles, PEP_N_ROLES, nick, &i))
    return FALSE;
  *role = i;
  return TRUE;
}

const char *
pep_section_to_label (PepSection section)
{
  g_return_val_if_fail (section < PEP_N_SECTIONS, NULL);
  return _(sections[section].label);
}

const char *
pep_section_to_nick (PepSection section)
{
  g_return_val_if_fail (section < PEP_N_SECTIONS, NULL);
  return sections[section].nick;
}

gboolean
pep_section_from_nick (const char *nick,
                       PepSection *section)
{
  guint i;

  if (!lookup (sections, PEP_N_SECTIONS, nick, &i))
    return FALSE;
  *section = i;
  return TRUE;
}
