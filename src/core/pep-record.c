/* pep-record.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-record"

#include "config.h"

#include "pep-record.h"

struct _PepRecord
{
  GObject    parent_instance;

  PepTable   table;
  gint64     id;
  char      *uuid;     /* children and PEPs: the same in every copy of the file */
  GVariant **values;   /* pep_table_get_n_fields() of them, NULL when not entered */
};

G_DEFINE_FINAL_TYPE (PepRecord, pep_record, G_TYPE_OBJECT)

static void
pep_record_finalize (GObject *object)
{
  PepRecord *self = (PepRecord *)object;
  guint n = pep_table_get_n_fields (self->table);

  for (guint i = 0; i < n; i++)
    g_clear_pointer (&self->values[i], g_variant_unref);
  g_free (self->values);
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
  self->values = g_new0 (GVariant *, pep_table_get_n_fields (table));
  return self;
}

PepRecord *
pep_record_copy (PepRecord *self)
{
  PepRecord *copy;

  g_return_val_if_fail (PEP_IS_RECORD (self), NULL);

  copy = pep_record_new (self->table);
  copy->id = self->id;
  copy->uuid = g_strdup (self->uuid);
  for (guint i = 0; i < pep_table_get_n_fields (self->table); i++)
    if (self->values[i] != NULL)
      copy->values[i] = g_variant_ref (self->values[i]);
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

/* Returns: (transfer none) (nullable): the value, or NULL when not entered */
GVariant *
pep_record_get (PepRecord *self,
                guint      field)
{
  g_return_val_if_fail (PEP_IS_RECORD (self), NULL);
  g_return_val_if_fail (field < pep_table_get_n_fields (self->table), NULL);
  return self->values[field];
}

gboolean
pep_record_has (PepRecord *self,
                guint      field)
{
  return pep_record_get (self, field) != NULL;
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

  g_return_val_if_fail (PEP_IS_RECORD (self), FALSE);
  g_return_val_if_fail (field < pep_table_get_n_fields (self->table), FALSE);

  if (!pep_field_validate (pep_table_get_field (self->table, field), sunk, error))
    return FALSE;
  g_clear_pointer (&self->values[field], g_variant_unref);
  self->values[field] = g_steal_pointer (&sunk);
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
  g_return_if_fail (PEP_IS_RECORD (self));
  g_return_if_fail (field < pep_table_get_n_fields (self->table));

  if (value != NULL)
    g_variant_ref_sink (value);
  g_clear_pointer (&self->values[field], g_variant_unref);
  self->values[field] = value;
}

static void
set_or_warn (PepRecord *self,
             guint      field,
             GVariant  *value)
{
  g_autoptr(GError) error = NULL;

  if (!pep_record_set (self, field, value, &error))
    g_critical ("%s.%s: %s", pep_table_get_name (self->table),
                pep_table_get_field (self->table, field)->name, error->message);
}

const char *
pep_record_get_text (PepRecord *self,
                     guint      field)
{
  GVariant *value = pep_record_get (self, field);

  return (value && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
         ? g_variant_get_string (value, NULL) : NULL;
}

gint64
pep_record_get_int (PepRecord *self,
                    guint      field,
                    gint64     fallback)
{
  GVariant *value = pep_record_get (self, field);

  return (value && g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
         ? g_variant_get_int64 (value) : fallback;
}

double
pep_record_get_real (PepRecord *self,
                     guint      field,
                     double     fallback)
{
  GVariant *value = pep_record_get (self, field);

  return (value && g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
         ? g_variant_get_double (value) : fallback;
}

gboolean
pep_record_get_bool (PepRecord *self,
                     guint      field)
{
  GVariant *value = pep_record_get (self, field);

  return value && g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN)
         && g_variant_get_boolean (value);
}

/* The typed setters are for code that knows its values are valid (demo data, tests, the
 * importer after validation): an invalid value is a programming error, reported as such. */
void
pep_record_set_text (PepRecord  *self,
                     guint       field,
                     const char *text)
{
  set_or_warn (self, field, text ? g_variant_new_string (text) : NULL);
}

void
pep_record_set_int (PepRecord *self,
                    guint      field,
                    gint64     value)
{
  set_or_warn (self, field, g_variant_new_int64 (value));
}

void
pep_record_set_real (PepRecord *self,
                     guint      field,
                     double     value)
{
  set_or_warn (self, field, g_variant_new_double (value));
}

void
pep_record_set_bool (PepRecord *self,
                     guint      field,
                     gboolean   value)
{
  set_or_warn (self, field, g_variant_new_boolean (value));
}

gboolean
pep_record_equal (PepRecord *a,
                  PepRecord *b)
{
  g_return_val_if_fail (PEP_IS_RECORD (a), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (b), FALSE);

  if (a->table != b->table)
    return FALSE;
  for (guint i = 0; i < pep_table_get_n_fields (a->table); i++)
    {
      if ((a->values[i] == NULL) != (b->values[i] == NULL))
        return FALSE;
      if (a->values[i] != NULL && !g_variant_equal (a->values[i], b->values[i]))
        return FALSE;
    }
  return TRUE;
}
