/* pep-field-input.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Values as people type them, and the SDQ band's words and colour: presentation only. What
 * is typed is checked by the core's validator (pep-validator.h), through the edit session.
 */

#pragma once

#include "pep-field.h"

G_BEGIN_DECLS

char       *pep_field_input_format    (const PepFieldInfo *info,
                                       GVariant           *value);
const char *pep_sdq_band_label        (gint64              score);
const char *pep_sdq_band_style        (gint64              score);

G_END_DECLS
