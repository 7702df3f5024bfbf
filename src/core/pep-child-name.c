/* pep-child-name.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Why the name the child goes by: a designated teacher knows the child by it and says it in
 * the meeting; the legal names are the child's details (the identity section), shown as
 * such where they are recorded, never as a second name in a title or a list.
 */

#define G_LOG_DOMAIN "pep-child-name"

#include "config.h"

#include "pep-child-name.h"

static const char *
strip_or_empty (const char *text,
                char      **owned)
{
  if (text == NULL)
    return "";
  *owned = g_strstrip (g_strdup (text));
  return *owned;
}

static const char *
given_name (const char  *forename,
            const char  *preferred_name,
            char       **owned_forename,
            char       **owned_preferred)
{
  const char *preferred = strip_or_empty (preferred_name, owned_preferred);

  if (*preferred != '\0')
    return preferred;
  return strip_or_empty (forename, owned_forename);
}

/**
 * pep_child_display_name:
 * @forename: (nullable): the legal forename
 * @surname: (nullable): the legal surname
 * @preferred_name: (nullable): the name the child prefers, if recorded
 *
 * The child's name as every window, the printed PEP and pepctl's human output show it: the
 * preferred name (else the legal forename), a space, the surname: "Jay Smith". Either part
 * missing leaves the other alone, never a stray space or comma.
 *
 * Returns: (transfer full): the name ("" when nothing is recorded)
 */
char *
pep_child_display_name (const char *forename,
                        const char *surname,
                        const char *preferred_name)
{
  g_autofree char *owned_forename = NULL;
  g_autofree char *owned_preferred = NULL;
  g_autofree char *owned_surname = NULL;
  const char *given = given_name (forename, preferred_name, &owned_forename, &owned_preferred);
  const char *family = strip_or_empty (surname, &owned_surname);

  if (*given == '\0' || *family == '\0')
    return g_strconcat (given, family, NULL);
  return g_strconcat (given, " ", family, NULL);
}

/* pep_child_display_name() of a PEP_TABLE_CHILD record. */
char *
pep_child_record_display_name (PepRecord *child)
{
  g_return_val_if_fail (PEP_IS_RECORD (child), NULL);
  g_return_val_if_fail (pep_record_get_table (child) == PEP_TABLE_CHILD, NULL);

  return pep_child_display_name (pep_record_get_text (child, PEP_CHILD_LEGAL_FORENAME),
                                 pep_record_get_text (child, PEP_CHILD_LEGAL_SURNAME),
                                 pep_record_get_text (child, PEP_CHILD_PREFERRED_NAME));
}
