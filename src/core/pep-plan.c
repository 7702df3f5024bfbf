/* pep-plan.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-plan"

#include "config.h"

#include <string.h>

#include "pep-plan.h"
#include "pep-stats.h"

struct _PepPlan
{
  GObject    parent_instance;

  PepRecord *content;
  GPtrArray *rows[PEP_N_TABLES];   /* only the plan-row tables are set */

  gint64     id;
  gint64     child_id;
  gint64     revision;
  gint64     school_urn;
  gint64     amends_id;            /* the signed-off PEP this one amends, or 0 */
  char      *review_reason;        /* set only for an unscheduled review */
  char      *updated_at;
  PepTermId  term;
  PepKind    kind;
  PepStatus  status;
};

G_DEFINE_FINAL_TYPE (PepPlan, pep_plan, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_KIND,
  PROP_STATUS,
  PROP_REVISION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pep_plan_finalize (GObject *object)
{
  PepPlan *self = (PepPlan *)object;

  g_clear_object (&self->content);
  for (guint i = 0; i < PEP_N_TABLES; i++)
    g_clear_pointer (&self->rows[i], g_ptr_array_unref);
  g_clear_pointer (&self->review_reason, g_free);
  g_clear_pointer (&self->updated_at, g_free);

  G_OBJECT_CLASS (pep_plan_parent_class)->finalize (object);
}

static void
pep_plan_get_property (GObject    *object,
                       guint       prop_id,
                       GValue     *value,
                       GParamSpec *pspec)
{
  PepPlan *self = PEP_PLAN (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_uint (value, self->kind);
      break;
    case PROP_STATUS:
      g_value_set_uint (value, self->status);
      break;
    case PROP_REVISION:
      g_value_set_int64 (value, self->revision);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_plan_class_init (PepPlanClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = pep_plan_finalize;
  object_class->get_property = pep_plan_get_property;

  properties[PROP_KIND] =
    g_param_spec_uint ("kind", NULL, NULL, 0, PEP_N_KINDS - 1, PEP_KIND_SCHOOL_AGE,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_STATUS] =
    g_param_spec_uint ("status", NULL, NULL, 0, PEP_N_STATUSES - 1, PEP_STATUS_DRAFT,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_REVISION] =
    g_param_spec_int64 ("revision", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pep_plan_init (PepPlan *self)
{
  self->content = pep_record_new (PEP_TABLE_PLAN);
  for (guint i = 0; i < PEP_N_TABLES; i++)
    if (pep_table_is_plan_row (i))
      self->rows[i] = g_ptr_array_new_with_free_func (g_object_unref);
}

PepPlan *
pep_plan_new (gint64           child_id,
              const PepTermId *term,
              PepKind          kind)
{
  PepPlan *self;

  g_return_val_if_fail (term != NULL, NULL);
  g_return_val_if_fail (kind < PEP_N_KINDS, NULL);

  self = g_object_new (PEP_TYPE_PLAN, NULL);
  self->child_id = child_id;
  self->term = *term;
  self->kind = kind;
  self->status = PEP_STATUS_DRAFT;
  return self;
}

gint64
pep_plan_get_id (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), 0);
  return self->id;
}

void
pep_plan_set_id (PepPlan *self,
                 gint64   id)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  self->id = id;
}

/* The PEP's identity in every copy of the file; the content record holds it. */
const char *
pep_plan_get_uuid (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), NULL);
  return pep_record_get_uuid (self->content);
}

void
pep_plan_set_uuid (PepPlan    *self,
                   const char *uuid)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  pep_record_set_uuid (self->content, uuid);
}

gint64
pep_plan_get_child_id (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), 0);
  return self->child_id;
}

void
pep_plan_get_term (PepPlan   *self,
                   PepTermId *term)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  *term = self->term;
}

PepKind
pep_plan_get_kind (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), 0);
  return self->kind;
}

void
pep_plan_set_kind (PepPlan *self,
                   PepKind  kind)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  g_return_if_fail (kind < PEP_N_KINDS);

  if (self->kind != kind)
    {
      self->kind = kind;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
    }
}

PepStatus
pep_plan_get_status (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), 0);
  return self->status;
}

void
pep_plan_set_status (PepPlan   *self,
                     PepStatus  status)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  g_return_if_fail (status < PEP_N_STATUSES);

  if (self->status != status)
    {
      self->status = status;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATUS]);
    }
}

gint64
pep_plan_get_revision (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), 0);
  return self->revision;
}

void
pep_plan_set_revision (PepPlan *self,
                       gint64   revision)
{
  g_return_if_fail (PEP_IS_PLAN (self));

  if (self->revision != revision)
    {
      self->revision = revision;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_REVISION]);
    }
}

const char *
pep_plan_get_review_reason (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), NULL);
  return self->review_reason;
}

/* An unscheduled review (a change of placement or school) is a PEP with a reason. */
void
pep_plan_set_review_reason (PepPlan    *self,
                            const char *reason)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  g_free (self->review_reason);
  self->review_reason = (reason && *reason) ? g_strdup (reason) : NULL;
}

gboolean
pep_plan_is_unscheduled (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), FALSE);
  return self->review_reason != NULL;
}

gint64
pep_plan_get_amends_id (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), 0);
  return self->amends_id;
}

void
pep_plan_set_amends_id (PepPlan *self,
                        gint64   plan_id)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  self->amends_id = plan_id;
}

gint64
pep_plan_get_school_urn (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), 0);
  return self->school_urn;
}

void
pep_plan_set_school_urn (PepPlan *self,
                         gint64   urn)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  self->school_urn = urn;
}

const char *
pep_plan_get_updated_at (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), NULL);
  return self->updated_at;
}

void
pep_plan_set_updated_at (PepPlan    *self,
                         const char *updated_at)
{
  g_return_if_fail (PEP_IS_PLAN (self));
  g_free (self->updated_at);
  self->updated_at = g_strdup (updated_at);
}

/* Returns: (transfer none): the PEP's own fields, PEP_TABLE_PLAN */
PepRecord *
pep_plan_get_content (PepPlan *self)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), NULL);
  return self->content;
}

/* Returns: (transfer none) (element-type PepRecord): the rows of @table, in order */
GPtrArray *
pep_plan_get_rows (PepPlan  *self,
                   PepTable  table)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), NULL);
  g_return_val_if_fail (pep_table_is_plan_row (table), NULL);
  return self->rows[table];
}

/* Returns: (transfer none): a new empty row appended to @table's rows */
PepRecord *
pep_plan_add_row (PepPlan  *self,
                  PepTable  table)
{
  PepRecord *row;

  g_return_val_if_fail (PEP_IS_PLAN (self), NULL);
  g_return_val_if_fail (pep_table_is_plan_row (table), NULL);

  row = pep_record_new (table);
  g_ptr_array_add (self->rows[table], row);
  return row;
}

/**
 * pep_plan_add_event:
 * @kind: the step: "submitted", "returned", "resubmitted", "approved", "authorised",
 *   "amended" or "superseded"
 * @at: when, in UTC as pep_store_now() gives it
 * @name: who took the step
 * @role: the nick of the role they acted in (pep_role_to_nick())
 *
 * Adds a step of the workflow to a PEP not yet saved (an amendment, demo data); the steps
 * of a saved PEP are written by pep_store_set_plan_status().
 *
 * Returns: (transfer none): the new row of %PEP_TABLE_EVENT
 */
PepRecord *
pep_plan_add_event (PepPlan    *self,
                    const char *kind,
                    const char *at,
                    const char *name,
                    const char *role)
{
  PepRecord *row;

  g_return_val_if_fail (PEP_IS_PLAN (self), NULL);

  row = pep_plan_add_row (self, PEP_TABLE_EVENT);
  pep_record_set_text (row, PEP_EVENT_KIND, kind);
  pep_record_set_text (row, PEP_EVENT_AT, at);
  pep_record_set_text (row, PEP_EVENT_NAME, name);
  pep_record_set_text (row, PEP_EVENT_ROLE, role);
  return row;
}

/* Returns: (nullable): when step @kind was first taken (the last time, with @last), or
 * %NULL when it never was */
const char *
pep_plan_get_event_at (PepPlan    *self,
                       const char *kind,
                       gboolean    last)
{
  GPtrArray *events;
  const char *found = NULL;

  g_return_val_if_fail (PEP_IS_PLAN (self), NULL);
  g_return_val_if_fail (kind != NULL, NULL);

  events = self->rows[PEP_TABLE_EVENT];
  for (guint i = 0; i < events->len; i++)
    {
      PepRecord *event = g_ptr_array_index (events, i);
      const char *at = pep_record_get_text (event, PEP_EVENT_AT);

      if (g_strcmp0 (pep_record_get_text (event, PEP_EVENT_KIND), kind) != 0 || at == NULL)
        continue;
      if (found == NULL || (last ? strcmp (at, found) > 0 : strcmp (at, found) < 0))
        found = at;
    }
  return found;
}

/* Whether @a and @b hold the same PEP: the same term, kind, status, content and rows. */
gboolean
pep_plan_equal_content (PepPlan *a,
                        PepPlan *b)
{
  g_return_val_if_fail (PEP_IS_PLAN (a), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (b), FALSE);

  if (g_strcmp0 (pep_plan_get_uuid (a), pep_plan_get_uuid (b)) != 0
      || a->child_id != b->child_id || pep_term_compare (&a->term, &b->term) != 0
      || a->kind != b->kind || a->status != b->status || a->school_urn != b->school_urn
      || g_strcmp0 (a->review_reason, b->review_reason) != 0
      || !pep_record_equal (a->content, b->content))
    return FALSE;

  for (guint t = 0; t < PEP_N_TABLES; t++)
    {
      if (!pep_table_is_plan_row (t))
        continue;
      if (a->rows[t]->len != b->rows[t]->len)
        return FALSE;
      for (guint i = 0; i < a->rows[t]->len; i++)
        if (!pep_record_equal (g_ptr_array_index (a->rows[t], i), g_ptr_array_index (b->rows[t], i)))
          return FALSE;
    }
  return TRUE;
}

/**
 * pep_plan_get_child_nc_year:
 * @child: (nullable): the PEP's child
 *
 * The child's national curriculum year in the PEP's academic year: from the date of birth,
 * or the year recorded for a child without one (0 without a child).
 */
int
pep_plan_get_child_nc_year (PepPlan   *self,
                            PepRecord *child)
{
  GDate dob;

  g_return_val_if_fail (PEP_IS_PLAN (self), 0);

  if (child == NULL)
    return 0;
  if (pep_date_parse (pep_record_get_text (child, PEP_CHILD_DOB), &dob))
    return pep_stats_nc_year (&dob, self->term.year);
  return (int) pep_record_get_int (child, PEP_CHILD_NC_YEAR, 0);
}

/**
 * pep_plan_field_applies:
 * @child: (nullable): the PEP's child; without one, every field of the kind applies
 *
 * Whether this PEP has @info: its kind's fields for the child's phase
 * (pep_field_applies_to_year()), the one rule the editor, the PEP view, the printed PEP and
 * pepctl show by. The child's own details all apply.
 */
gboolean
pep_plan_field_applies (PepPlan            *self,
                        PepRecord          *child,
                        const PepFieldInfo *info)
{
  g_return_val_if_fail (PEP_IS_PLAN (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (info->table == PEP_TABLE_CHILD)
    return TRUE;
  if (child == NULL)
    return pep_field_applies_to (info, self->kind);
  return pep_field_applies_to_year (info, self->kind, pep_plan_get_child_nc_year (self, child));
}
