/* pep-record.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-record"

#include "config.h"

#include <string.h>

#include "pep-record-private.h"

/* One field's value, held as its kind (pep_value_type_get_kind()) is: a PEP has hundreds of
 * fields and an export or import reads tens of thousands of PEPs, so no allocation but the
 * text's own and no atomic reference counts. */
typedef struct
{
  gboolean set;
  union
  {
    char     *text;
    gint64    integer;
    double    real;
    gboolean  boolean;
  } v;
} Slot;

struct _PepRecord
{
  GObject              parent_instance;

  PepTable             table;
  gint64               id;
  char                *uuid;      /* children and PEPs: the same in every copy of the file */
  const PepFieldInfo  *fields;    /* the table's, n_fields of them */
  guint                n_fields;
  Slot                *values;    /* one per field, unset when not entered */
  GVariant           **variants;  /* pep_record_get()'s, made on first asking and kept until
                                   * the field changes; NULL until it is first asked */
};

G_DEFINE_FINAL_TYPE (PepRecord, pep_record, G_TYPE_OBJECT)

static PepValueKind
field_kind (PepRecord *self,
            guint      field)
{
  return pep_value_type_get_kind (self->fields[field].type);
}

/* Forgets a field's value and the GVariant made of it. */
static void
clear_field (PepRecord *self,
             guint      field)
{
  Slot *slot = &self->values[field];

  if (slot->set && field_kind (self, field) == PEP_VALUE_KIND_TEXT)
    g_free (slot->v.text);
  memset (slot, 0, sizeof *slot);
  if (self->variants != NULL)
    g_clear_pointer (&self->variants[field], g_variant_unref);
}

static void
pep_record_finalize (GObject *object)
{
  PepRecord *self = (PepRecord *)object;

  for (guint i = 0; i < self->n_fields; i++)
    clear_field (self, i);
  g_free (self->values);
  g_free (self->variants);
  g_free (self->uuid);

  G_OBJECT_CLASS (pep_record_parent_class)->finalize (object);
}

static void
pep_record_class_init (PepRecordClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pep_record_finalize;
}

static void
pep_record_init (PepRecord *self)
{
}

PepRecord *
pep_record_new (PepTable table)
{
  PepRecord *self;

  g_return_val_if_fail (table < PEP_N_TABLES, NULL);

  self = g_object_new (PEP_TYPE_RECORD, NULL);
  self->table = table;
  self->n_fields = pep_table_get_n_fields (table);
  self->fields = pep_table_get_field (table, 0);
  self->values = g_new0 (Slot, self->n_fields);
  return self;
}

/* A copy holds its own text, not the GVariants made for @self (made again if asked). */
PepRecord *
pep_record_copy (PepRecord *self)
{
  PepRecord *copy;

  g_return_val_if_fail (PEP_IS_RECORD (self), NULL);

  copy = pep_record_new (self->table);
  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  memcpy (copy->values, self->values, self->n_fields * sizeof (Slot));
  for (guint i = 0; i < self->n_fields; i++)
    if (copy->values[i].set && field_kind (self, i) == PEP_VALUE_KIND_TEXT)
      copy->values[i].v.text = g_strdup (self->values[i].v.text);
  return copy;
}

PepTable
pep_record_get_table (PepRecord *self)
{
  g_return_val_if_fail (PEP_IS_RECORD (self), 0);
  return self->table;
}

gint64
pep_record_get_id (PepRecord *self)
{
  g_return_val_if_fail (PEP_IS_RECORD (self), 0);
  return self->id;
}

void
pep_record_set_id (PepRecord *self,
                   gint64     id)
{
  g_return_if_fail (PEP_IS_RECORD (self));
  self->id = id;
}

const char *
pep_record_get_uuid (PepRecord *self)
{
  g_return_val_if_fail (PEP_IS_RECORD (self), NULL);
  return self->uuid;
}

void
pep_record_set_uuid (PepRecord  *self,
                     const char *uuid)
{
  g_return_if_fail (PEP_IS_RECORD (self));
  g_return_if_fail (uuid == NULL || g_uuid_string_is_valid (uuid));

  g_free (self->uuid);
  self->uuid = g_strdup (uuid);
}

/**
 * pep_record_get_value:
 * @out: (out caller-allocates): the value, its text the record's own (valid until the field
 *   is set again)
 *
 * Returns: %FALSE, @out untouched, when the field is not entered
 */
gboolean
pep_record_get_value (PepRecord     *self,
                      guint          field,
                      PepFieldValue *out)
{
  g_return_val_if_fail (PEP_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field < self->n_fields, FALSE);
  g_return_val_if_fail (out != NULL, FALSE);

  if (!self->values[field].set)
    return FALSE;
  out->kind = field_kind (self, field);
  switch (out->kind)
    {
    case PEP_VALUE_KIND_INT:
      out->v.integer = self->values[field].v.integer;
      break;
    case PEP_VALUE_KIND_REAL:
      out->v.real = self->values[field].v.real;
      break;
    case PEP_VALUE_KIND_BOOL:
      out->v.boolean = self->values[field].v.boolean;
      break;
    case PEP_VALUE_KIND_TEXT:
    default:
      out->v.text = self->values[field].v.text;
      break;
    }
  return TRUE;
}

/**
 * pep_record_get:
 *
 * The value as a GVariant, made when first asked for and kept until the field changes.
 *
 * Returns: (transfer none) (nullable): the value, or NULL when not entered
 */
GVariant *
pep_record_get (PepRecord *self,
                guint      field)
{
  PepFieldValue value;
  GVariant **variants;
  GVariant *made;

  g_return_val_if_fail (PEP_IS_RECORD (self), NULL);
  g_return_val_if_fail (field < self->n_fields, NULL);

  if (!pep_record_get_value (self, field, &value))
    return NULL;
  /* Made and kept with compare-and-swap: reading a record from two threads at once was
   * safe when get() changed nothing, and stays so (setting one while reading never was). */
  variants = g_atomic_pointer_get (&self->variants);
  if (variants == NULL)
    {
      GVariant **fresh = g_new0 (GVariant *, self->n_fields);

      if (!g_atomic_pointer_compare_and_exchange (&self->variants, NULL, fresh))
        g_free (fresh);
      variants = g_atomic_pointer_get (&self->variants);
    }
  made = g_atomic_pointer_get (&variants[field]);
  if (made == NULL)
    {
      made = g_variant_ref_sink (pep_field_value_to_variant (&value));
      if (!g_atomic_pointer_compare_and_exchange (&variants[field], NULL, made))
        {
          g_variant_unref (made);
          made = g_atomic_pointer_get (&variants[field]);
        }
    }
  return made;
}

gboolean
pep_record_has (PepRecord *self,
                guint      field)
{
  g_return_val_if_fail (PEP_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field < self->n_fields, FALSE);
  return self->values[field].set;
}

/**
 * pep_record_set_value_checked:
 * @value: (nullable): a value of the field's kind that its rules have passed, or %NULL to
 *   clear it; its text is copied
 */
void
pep_record_set_value_checked (PepRecord           *self,
                              guint                field,
                              const PepFieldValue *value)
{
  Slot *slot;
  char *text;

  g_return_if_fail (PEP_IS_RECORD (self));
  g_return_if_fail (field < self->n_fields);
  g_return_if_fail (value == NULL || value->kind == field_kind (self, field));
  g_return_if_fail (value == NULL || value->kind != PEP_VALUE_KIND_TEXT || value->v.text != NULL);

  /* The text copied first: @value's may be this field's own. */
  text = value != NULL && value->kind == PEP_VALUE_KIND_TEXT ? g_strdup (value->v.text) : NULL;
  clear_field (self, field);
  if (value == NULL)
    return;
  slot = &self->values[field];
  slot->set = TRUE;
  switch (value->kind)
    {
    case PEP_VALUE_KIND_INT:
      slot->v.integer = value->v.integer;
      break;
    case PEP_VALUE_KIND_REAL:
      slot->v.real = value->v.real;
      break;
    case PEP_VALUE_KIND_BOOL:
      slot->v.boolean = value->v.boolean != FALSE;
      break;
    case PEP_VALUE_KIND_TEXT:
    default:
      slot->v.text = text;
      break;
    }
}

/**
 * pep_record_set_value:
 * @value: (nullable): the new value (its text copied), or %NULL to clear it
 *
 * pep_record_set() for a value held natively.
 *
 * Returns: %FALSE, with @error saying why, when @value is not valid for @field; the record
 *   keeps its old value then.
 */
gboolean
pep_record_set_value (PepRecord            *self,
                      guint                 field,
                      const PepFieldValue  *value,
                      GError              **error)
{
  g_return_val_if_fail (PEP_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field < self->n_fields, FALSE);

  if (!pep_field_validate_value (&self->fields[field], value, error))
    return FALSE;
  pep_record_set_value_checked (self, field, value);
  return TRUE;
}

/**
 * pep_record_set:
 * @value: (nullable): the new value (a floating reference is sunk), or NULL to clear it
 *
 * Returns: %FALSE, with @error saying why, when @value is not valid for @field; the record
 *   keeps its old value then.
 */
gboolean
pep_record_set (PepRecord  *self,
                guint       field,
                GVariant   *value,
                GError    **error)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;
  PepFieldValue native;

  g_return_val_if_fail (PEP_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field < self->n_fields, FALSE);

  if (!pep_field_validate (&self->fields[field], sunk, error))
    return FALSE;
  if (sunk != NULL)
    pep_field_value_from_variant (sunk, &native);
  pep_record_set_value_checked (self, field, sunk ? &native : NULL);
  return TRUE;
}

/**
 * pep_record_set_checked:
 * @value: (nullable): a value pep_field_validate_new() has passed for this field
 *
 * pep_record_set() for a value already checked against its field (import's, parsed and
 * checked as it is read: hundreds of thousands of values, each checked once, not twice).
 */
void
pep_record_set_checked (PepRecord  *self,
                        guint       field,
                        GVariant   *value)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;
  PepFieldValue native;

  g_return_if_fail (PEP_IS_RECORD (self));
  g_return_if_fail (field < self->n_fields);
  if (sunk != NULL && !pep_field_value_from_variant (sunk, &native))
    g_return_if_reached ();

  pep_record_set_value_checked (self, field, sunk ? &native : NULL);
}

static void
set_or_warn (PepRecord           *self,
             guint                field,
             const PepFieldValue *value)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PEP_IS_RECORD (self));
  g_return_if_fail (field < self->n_fields);

  if (!pep_record_set_value (self, field, value, &error))
    g_critical ("%s.%s: %s", pep_table_get_name (self->table), self->fields[field].name,
                error->message);
}

const char *
pep_record_get_text (PepRecord *self,
                     guint      field)
{
  PepFieldValue value;

  return pep_record_get_value (self, field, &value) && value.kind == PEP_VALUE_KIND_TEXT
         ? value.v.text : NULL;
}

gint64
pep_record_get_int (PepRecord *self,
                    guint      field,
                    gint64     fallback)
{
  PepFieldValue value;

  return pep_record_get_value (self, field, &value) && value.kind == PEP_VALUE_KIND_INT
         ? value.v.integer : fallback;
}

double
pep_record_get_real (PepRecord *self,
                     guint      field,
                     double     fallback)
{
  PepFieldValue value;

  return pep_record_get_value (self, field, &value) && value.kind == PEP_VALUE_KIND_REAL
         ? value.v.real : fallback;
}

gboolean
pep_record_get_bool (PepRecord *self,
                     guint      field)
{
  PepFieldValue value;

  return pep_record_get_value (self, field, &value) && value.kind == PEP_VALUE_KIND_BOOL
         && value.v.boolean;
}

/* The typed setters are for code that knows its values are valid (demo data, tests, the
 * importer after validation): an invalid value is a programming error, reported as such. */
void
pep_record_set_text (PepRecord  *self,
                     guint       field,
                     const char *text)
{
  PepFieldValue value = { PEP_VALUE_KIND_TEXT, { .text = text } };

  set_or_warn (self, field, text ? &value : NULL);
}

void
pep_record_set_int (PepRecord *self,
                    guint      field,
                    gint64     integer)
{
  PepFieldValue value = { PEP_VALUE_KIND_INT, { .integer = integer } };

  set_or_warn (self, field, &value);
}

void
pep_record_set_real (PepRecord *self,
                     guint      field,
                     double     real)
{
  PepFieldValue value = { PEP_VALUE_KIND_REAL, { .real = real } };

  set_or_warn (self, field, &value);
}

void
pep_record_set_bool (PepRecord *self,
                     guint      field,
                     gboolean   boolean)
{
  PepFieldValue value = { PEP_VALUE_KIND_BOOL, { .boolean = boolean } };

  set_or_warn (self, field, &value);
}

gboolean
pep_record_equal (PepRecord *a,
                  PepRecord *b)
{
  g_return_val_if_fail (PEP_IS_RECORD (a), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (b), FALSE);

  if (a->table != b->table)
    return FALSE;
  for (guint i = 0; i < a->n_fields; i++)
    {
      PepFieldValue va, vb;
      gboolean has_a = pep_record_get_value (a, i, &va);
      gboolean has_b = pep_record_get_value (b, i, &vb);

      if (has_a != has_b)
        return FALSE;
      if (has_a && !pep_field_value_equal (&va, &vb))
        return FALSE;
    }
  return TRUE;
}
