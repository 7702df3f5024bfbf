/* pep-field-input.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the editor checks as a person types, beyond the registry's own bounds: dates that
 * make sense for this child, the UPN's check letter, attainment written in the assessment
 * scheme's terms. Also the SDQ band, and values written back the way people type them.
 */

#pragma once

#include "pep-field.h"

G_BEGIN_DECLS

typedef struct
{
  GDate       dob;      /* the child's date of birth; cleared (invalid) when unknown */
  GDate       today;
  const char *scheme;   /* for an attainment line: its assessment scheme nick, or NULL */
} PepInputContext;

void        pep_input_context_init    (PepInputContext    *context,
                                       const char         *dob);
GVariant   *pep_field_input_parse     (const PepFieldInfo *info,
                                       const char         *text,
                                       const PepInputContext *context,
                                       GError            **error);
char       *pep_field_input_format    (const PepFieldInfo *info,
                                       GVariant           *value);
const char *pep_sdq_band_label        (gint64              score);
const char *pep_sdq_band_style        (gint64              score);

G_END_DECLS
