/* pep-field-input.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Presentation only: values written back the way people type them, and the SDQ band's
 * words and colour. What a value must be to be kept is the core's (pep-validator.c).
 */

#define G_LOG_DOMAIN "pep-field-input"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-field-input.h"

/**
 * pep_field_input_format:
 *
 * @value as it would be typed, so that what was typed reads back the same: numbers with
 * the decimals they have, money in pounds, days as pep_date_format() writes them, text as it is.
 */
char *
pep_field_input_format (const PepFieldInfo *info,
                        GVariant           *value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (value == NULL)
    return g_strdup ("");

  if (info->type == PEP_VALUE_REAL)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", g_variant_get_double (value)));
    }
  if (info->type == PEP_VALUE_CHOICE)
    return g_variant_dup_string (value, NULL);
  return pep_field_format (info, value);
}

const char *
pep_sdq_band_label (gint64 score)
{
  if (score <= 13)
    return _("Normal");
  if (score <= 16)
    return _("Borderline");
  return _("Cause for concern");
}

/* A style class for the band: none, warning, error. */
const char *
pep_sdq_band_style (gint64 score)
{
  if (score <= 13)
    return "success";
  if (score <= 16)
    return "warning";
  return "error";
}
