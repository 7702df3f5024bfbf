/* fuzz-input.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target for everything a person types that PEP Studio parses: UPNs, dates,
 * money, terms, and every field of every table through pep_field_parse(). Whatever it
 * accepts must be a value the field can hold, and must read back the same.
 */

#include "config.h"

#include <stdint.h>
#include <string.h>

#include "pep-field.h"
#include "pep-term.h"
#include "pep-upn.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = g_strndup ((const char *) data, size);   /* stops at a NUL */
  gint64 pence;
  PepTermId term;
  GDate date;

  if (pep_upn_validate (text, NULL, NULL))
    g_assert (strlen (text) == 13 && pep_upn_check_letter (text) == text[0]);
  if (pep_date_parse (text, &date))
    g_assert (g_date_valid (&date));
  if (pep_money_parse (text, &pence))
    g_assert (pence >= 0);
  if (pep_term_parse (text, &term))
    {
      /* Many forms are read; the one printed reads back as the same term. */
      g_autofree char *again = pep_term_format (&term);
      PepTermId back;

      g_assert (pep_term_parse (again, &back));
      g_assert (back.year == term.year && back.term == term.term);
    }

  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    for (guint i = 0; i < pep_table_get_n_fields (t); i++)
      {
        const PepFieldInfo *info = pep_table_get_field (t, i);
        g_autoptr(GError) error = NULL;
        g_autoptr(GVariant) value = pep_field_parse (info, text, &error);

        if (value != NULL)
          {
            g_autofree char *shown = pep_field_format (info, value);

            g_assert_no_error (error);
            g_assert (pep_field_validate (info, value, NULL));
            g_assert (g_utf8_validate (shown, -1, NULL));
          }
      }
  return 0;
}
