/* pep-record-private.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the core's own modules that read and write records in bulk (the store, the exchange,
 * the validator): a record's values as it holds them, without making a GVariant of each.
 */

#pragma once

#include "pep-field-private.h"
#include "pep-record.h"

G_BEGIN_DECLS

gboolean  pep_record_get_value          (PepRecord            *self,
                                         guint                 field,
                                         PepFieldValue        *out);
gboolean  pep_record_set_value          (PepRecord            *self,
                                         guint                 field,
                                         const PepFieldValue  *value,
                                         GError              **error);
void      pep_record_set_value_checked  (PepRecord            *self,
                                         guint                 field,
                                         const PepFieldValue  *value);

G_END_DECLS
