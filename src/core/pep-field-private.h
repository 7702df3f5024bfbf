/* pep-field-private.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the core's own modules that read and write records in bulk (the store, the exchange,
 * the validator): a field's value as a record holds it, without a GVariant. Every rule of
 * pep_field_validate() applies to it the same way, with the same messages.
 */

#pragma once

#include "pep-field.h"

G_BEGIN_DECLS

/* What a value is held as: text for TEXT, DATE, DATETIME and CHOICE; a 64-bit integer for
 * INT and MONEY; a double for REAL; a boolean for BOOL (the GVariant types "s", "x", "d",
 * "b" of pep_value_type_get_variant_type()). */
typedef enum
{
  PEP_VALUE_KIND_TEXT,
  PEP_VALUE_KIND_INT,
  PEP_VALUE_KIND_REAL,
  PEP_VALUE_KIND_BOOL,
} PepValueKind;

/* One value; the text, if any, is borrowed from whoever holds it. */
typedef struct
{
  PepValueKind kind;
  union
  {
    const char *text;
    gint64      integer;
    double      real;
    gboolean    boolean;
  } v;
} PepFieldValue;

PepValueKind  pep_value_type_get_kind       (PepValueType          type);
gboolean      pep_field_value_from_variant  (GVariant             *variant,
                                             PepFieldValue        *out);
GVariant     *pep_field_value_to_variant    (const PepFieldValue  *value);
gboolean      pep_field_value_equal         (const PepFieldValue  *a,
                                             const PepFieldValue  *b);
gboolean      pep_field_validate_value      (const PepFieldInfo   *info,
                                             const PepFieldValue  *value,
                                             GError              **error);
gboolean      pep_field_validate_new_value  (const PepFieldInfo   *info,
                                             const PepFieldValue  *value,
                                             GError              **error);

G_END_DECLS
