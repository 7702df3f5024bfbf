/* pep-edit-session.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is typed is turned into a value by the core's one validator (pep_edit_session_parse(),
 * pep-validator.c), which import runs too; a value handed over any other way is checked by it
 * again before it is written, so that the editor keeps nothing import would refuse.
 *
 * Each field edit is kept as pending (its record, field and new value) and the timer is
 * started again; when it fires, on a change of focus, before rows are added, removed or
 * moved, and when the editor goes, every pending edit is written, each in its own small
 * transaction through the store (and the workflow, which checks the role may make it), so
 * the audit trail has one line per field changed.
 *
 * What the store refuses:
 * - a conflict (someone else changed the PEP since it was read): the edits are kept, not
 *   written, and the editor offers to re-apply them to the PEP as it is now, or discard
 *   them;
 * - the file busy, the disk full, an I/O error: kept, and tried again every few seconds;
 * - a value the file cannot take (a duplicate UPN), or a change the role may not make: that
 *   edit is dropped, and the field shows why ("commit-failed"); the text stays in the field;
 * - a signed-off PEP: the session becomes read-only.
 * Nothing is written silently over someone else's work, and nothing typed is dropped
 * without the field saying so.
 */

#define G_LOG_DOMAIN "pep-edit-session"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pep-edit-session.h"
#include "pep-validator.h"

#define RETRY_MS 3000

typedef struct
{
  PepTable  table;
  gint64    record_id;
  guint     field;
  GVariant *value;   /* NULL: clear the field */
} Edit;

struct _PepEditSession
{
  GObject       parent_instance;

  /* Owned references */
  PepStore     *store;
  PepPlan      *plan;      /* NULL when only the child's details are edited */
  PepRecord    *child;
  PepWorkflow  *workflow;  /* NULL: no role to check (tests, tools) */
  PepValidator *validator;
  GPtrArray    *pending;   /* Edit, oldest first */

  /* Plain state */
  char         *message;
  PepSaveState  state;
  guint         timeout_id;
  guint         read_only : 1;
  guint         flushing : 1;
};

G_DEFINE_FINAL_TYPE (PepEditSession, pep_edit_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STATE,
  PROP_MESSAGE,
  PROP_READ_ONLY,
  N_PROPS
};

enum {
  EDITED,
  COMMIT_FAILED,
  ROWS_CHANGED,
  RELOADED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static void
edit_free (gpointer data)
{
  Edit *edit = data;

  g_clear_pointer (&edit->value, g_variant_unref);
  g_free (edit);
}

static void
set_state (PepEditSession *self,
           PepSaveState    state,
           const char     *message)
{
  if (g_strcmp0 (self->message, message) != 0)
    {
      g_free (self->message);
      self->message = g_strdup (message);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MESSAGE]);
    }
  if (self->state != state)
    {
      self->state = state;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
    }
}

static void
set_read_only (PepEditSession *self,
               gboolean        read_only)
{
  if (self->read_only == !!read_only)
    return;
  self->read_only = !!read_only;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_READ_ONLY]);
}

static gboolean
plan_is_locked (PepPlan *plan)
{
  PepStatus status;

  if (plan == NULL)
    return FALSE;
  status = pep_plan_get_status (plan);
  return status == PEP_STATUS_SIGNED_OFF || status == PEP_STATUS_SUPERSEDED;
}

static gboolean
on_timeout (gpointer user_data)
{
  PepEditSession *self = user_data;

  self->timeout_id = 0;
  pep_edit_session_flush (self);
  return G_SOURCE_REMOVE;
}

static void
schedule (PepEditSession *self,
          guint           delay_ms)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (delay_ms, on_timeout, self);
}

static void
pep_edit_session_dispose (GObject *object)
{
  PepEditSession *self = PEP_EDIT_SESSION (object);

  /* The last chance: whatever is still pending goes to the file now. */
  if (self->store != NULL && self->pending != NULL && self->pending->len > 0)
    pep_edit_session_flush (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);

  g_clear_object (&self->workflow);
  g_clear_object (&self->validator);
  g_clear_object (&self->plan);
  g_clear_object (&self->child);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pep_edit_session_parent_class)->dispose (object);
}

static void
pep_edit_session_finalize (GObject *object)
{
  PepEditSession *self = PEP_EDIT_SESSION (object);

  g_clear_pointer (&self->pending, g_ptr_array_unref);
  g_free (self->message);

  G_OBJECT_CLASS (pep_edit_session_parent_class)->finalize (object);
}

static void
pep_edit_session_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PepEditSession *self = PEP_EDIT_SESSION (object);

  switch (prop_id)
    {
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_MESSAGE:
      g_value_set_string (value, self->message);
      break;
    case PROP_READ_ONLY:
      g_value_set_boolean (value, self->read_only);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_edit_session_class_init (PepEditSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pep_edit_session_dispose;
  object_class->finalize = pep_edit_session_finalize;
  object_class->get_property = pep_edit_session_get_property;

  properties[PROP_STATE] =
    g_param_spec_uint ("state", NULL, NULL, 0, PEP_SAVE_STATE_CONFLICT, PEP_SAVE_STATE_SAVED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_MESSAGE] =
    g_param_spec_string ("message", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_READ_ONLY] =
    g_param_spec_boolean ("read-only", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PepEditSession::edited:
   * A field was changed in the session (not yet necessarily in the file).
   */
  signals[EDITED] =
    g_signal_new ("edited", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 3, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_UINT);
  /**
   * PepEditSession::commit-failed:
   * The file refused a field's value; the message says why, for the person who typed it.
   */
  signals[COMMIT_FAILED] =
    g_signal_new ("commit-failed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 4, G_TYPE_UINT, G_TYPE_INT64, G_TYPE_UINT, G_TYPE_STRING);
  /**
   * PepEditSession::rows-changed:
   * Rows of a table were added, removed or moved.
   */
  signals[ROWS_CHANGED] =
    g_signal_new ("rows-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);
  /**
   * PepEditSession::reloaded:
   * The PEP was read again from the file: everything shown must be shown afresh.
   */
  signals[RELOADED] =
    g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

static void
pep_edit_session_init (PepEditSession *self)
{
  self->pending = g_ptr_array_new_with_free_func (edit_free);
}

/**
 * pep_edit_session_new:
 * @plan: (nullable): the PEP to edit, or %NULL to edit only @child's details
 * @child: the child
 * @workflow: (nullable): who is editing, in which role; %NULL for no checks
 */
PepEditSession *
pep_edit_session_new (PepStore    *store,
                      PepPlan     *plan,
                      PepRecord   *child,
                      PepWorkflow *workflow)
{
  PepEditSession *self;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (plan == NULL || PEP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (PEP_IS_RECORD (child), NULL);
  g_return_val_if_fail (workflow == NULL || PEP_IS_WORKFLOW (workflow), NULL);

  self = g_object_new (PEP_TYPE_EDIT_SESSION, NULL);
  self->store = g_object_ref (store);
  self->plan = plan ? g_object_ref (plan) : NULL;
  self->child = g_object_ref (child);
  self->workflow = workflow ? g_object_ref (workflow) : NULL;
  self->validator = pep_validator_new (NULL);
  /* The child's authority's PP+ rules, as the workflow applies them. */
  if (workflow != NULL)
    pep_validator_set_authority (self->validator, pep_workflow_get_authority (workflow));
  self->read_only = plan_is_locked (plan);
  return self;
}

/* What a value of @record is checked against: the child's date of birth as typed (pending
 * or not), and an attainment line's scheme. */
static void
context_for (PepEditSession  *self,
             PepRecord       *record,
             PepValueContext *context)
{
  GVariant *dob = pep_edit_session_get_value (self, self->child, PEP_CHILD_DOB);
  GVariant *scheme = NULL;

  pep_value_context_init (context, dob ? g_variant_get_string (dob, NULL) : NULL);
  if (pep_record_get_table (record) == PEP_TABLE_ATTAINMENT)
    scheme = pep_edit_session_get_value (self, record, PEP_ATTAINMENT_SCHEME);
  context->scheme = scheme ? g_variant_get_string (scheme, NULL) : NULL;
  /* The authority's PP+ rules bind what is still being written (as pep_validator_check_plan()). */
  if (self->plan != NULL && (pep_plan_get_status (self->plan) == PEP_STATUS_DRAFT
                             || pep_plan_get_status (self->plan) == PEP_STATUS_SUBMITTED
                             || pep_plan_get_status (self->plan) == PEP_STATUS_RETURNED))
    context->ppplus_open = pep_record_get_table (record) != PEP_TABLE_FUNDING_REQUEST
                           || pep_funding_request_is_pending (record);
}

/**
 * pep_edit_session_parse:
 * @record: the child, the PEP's content or one of its rows
 * @text: what was typed in @field
 *
 * What was typed, as a value the file may keep, by every rule of the validator
 * (pep_validator_parse()): the child's date of birth and the line's scheme are those of
 * this session, as typed so far.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL for "not entered" (no error) or
 *   for text that cannot be kept (@error set, with a message for the person typing)
 */
GVariant *
pep_edit_session_parse (PepEditSession  *self,
                        PepRecord       *record,
                        guint            field,
                        const char      *text,
                        GError         **error)
{
  PepValueContext context;
  PepTable table;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);
  g_return_val_if_fail (PEP_IS_RECORD (record), NULL);
  g_return_val_if_fail (text != NULL, NULL);

  table = pep_record_get_table (record);
  g_return_val_if_fail (field < pep_table_get_n_fields (table), NULL);

  context_for (self, record, &context);
  return pep_validator_parse (self->validator, pep_table_get_field (table, field), text,
                              &context, error);
}

/* The validator the session checks values with; its today is the day it was made. */
PepValidator *
pep_edit_session_get_validator (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);
  return self->validator;
}

PepStore *
pep_edit_session_get_store (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);
  return self->store;
}

PepPlan *
pep_edit_session_get_plan (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);
  return self->plan;
}

PepRecord *
pep_edit_session_get_child (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);
  return self->child;
}

PepWorkflow *
pep_edit_session_get_workflow (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);
  return self->workflow;
}

PepRole
pep_edit_session_get_role (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), PEP_ROLE_ADMINISTRATOR);
  return self->workflow ? pep_workflow_get_role (self->workflow) : PEP_ROLE_ADMINISTRATOR;
}

PepKind
pep_edit_session_get_kind (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), PEP_KIND_SCHOOL_AGE);
  return self->plan ? pep_plan_get_kind (self->plan) : PEP_KIND_SCHOOL_AGE;
}

/**
 * pep_edit_session_get_nc_year:
 *
 * The child's national curriculum year in the PEP's academic year: from the date of birth,
 * or the year recorded for a child without one.
 */
int
pep_edit_session_get_nc_year (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), 0);

  if (self->plan != NULL)
    return pep_plan_get_child_nc_year (self->plan, self->child);
  return (int) pep_record_get_int (self->child, PEP_CHILD_NC_YEAR, 0);
}

/**
 * pep_edit_session_field_applies:
 *
 * Whether the PEP being edited has @info: its kind's fields for the child's phase
 * (pep_field_applies_to_year()). The child's own details all apply.
 */
gboolean
pep_edit_session_field_applies (PepEditSession     *self,
                                const PepFieldInfo *info)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);

  if (info->table == PEP_TABLE_CHILD)
    return TRUE;
  return pep_field_applies_to_year (info, pep_edit_session_get_kind (self),
                                    pep_edit_session_get_nc_year (self));
}

PepSaveState
pep_edit_session_get_state (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), PEP_SAVE_STATE_SAVED);
  return self->state;
}

/* Why the last save failed, or %NULL. */
const char *
pep_edit_session_get_message (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);
  return self->message;
}

gboolean
pep_edit_session_get_read_only (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), TRUE);
  return self->read_only;
}

/**
 * pep_edit_session_can_edit:
 *
 * Whether the person may change @section now: the PEP is not signed off, and the workflow
 * (pep_workflow_can_edit(): the role, and the PEP's status) allows it. The child's own
 * details may be changed by those who may edit either the school's or the social worker's
 * sections.
 */
gboolean
pep_edit_session_can_edit (PepEditSession *self,
                           PepSection      section)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);

  if (self->read_only)
    return FALSE;
  if (self->workflow == NULL)
    return TRUE;
  if (section <= PEP_SECTION_PEOPLE)
    {
      PepRole role = pep_workflow_get_role (self->workflow);

      return pep_role_can (role, PEP_OPERATION_EDIT_TEACHER)
             || pep_role_can (role, PEP_OPERATION_EDIT_SOCIAL_WORKER);
    }
  if (self->plan == NULL)
    return FALSE;
  return pep_workflow_can_edit (self->workflow, self->plan, section, NULL);
}

/**
 * pep_edit_session_can_see:
 *
 * Whether the field is shown at all: carers never see what is sensitive (DOMAIN.md §4).
 */
gboolean
pep_edit_session_can_see (PepEditSession     *self,
                          const PepFieldInfo *info)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);

  return !((info->flags & PEP_FIELD_SENSITIVE) && pep_edit_session_get_role (self) == PEP_ROLE_CARER);
}

/**
 * pep_edit_session_find_record:
 *
 * Returns: (transfer none) (nullable): the child, the PEP's content or one of its rows
 */
PepRecord *
pep_edit_session_find_record (PepEditSession *self,
                              PepTable        table,
                              gint64          record_id)
{
  GPtrArray *rows;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);

  if (table == PEP_TABLE_CHILD)
    return pep_record_get_id (self->child) == record_id ? self->child : NULL;
  if (self->plan == NULL)
    return NULL;
  if (table == PEP_TABLE_PLAN)
    return pep_plan_get_id (self->plan) == record_id ? pep_plan_get_content (self->plan) : NULL;
  if (!pep_table_is_plan_row (table))
    return NULL;
  rows = pep_plan_get_rows (self->plan, table);
  for (guint i = 0; i < rows->len; i++)
    if (pep_record_get_id (g_ptr_array_index (rows, i)) == record_id)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static Edit *
find_edit (PepEditSession *self,
           PepTable        table,
           gint64          record_id,
           guint           field,
           guint          *index)
{
  for (guint i = 0; i < self->pending->len; i++)
    {
      Edit *edit = g_ptr_array_index (self->pending, i);

      if (edit->table == table && edit->record_id == record_id && edit->field == field)
        {
          if (index != NULL)
            *index = i;
          return edit;
        }
    }
  return NULL;
}

/**
 * pep_edit_session_get_value:
 *
 * The field's value as the person sees it: what they typed (pending or not), else what is
 * in the file.
 *
 * Returns: (transfer none) (nullable): the value
 */
GVariant *
pep_edit_session_get_value (PepEditSession *self,
                            PepRecord      *record,
                            guint           field)
{
  Edit *edit;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), NULL);
  g_return_val_if_fail (PEP_IS_RECORD (record), NULL);

  edit = find_edit (self, pep_record_get_table (record), pep_record_get_id (record), field, NULL);
  if (edit != NULL)
    return edit->value;
  return pep_record_get (record, field);
}

/**
 * pep_edit_session_set_value:
 * @value: (nullable) (transfer floating): the new value, valid for the field, or %NULL to
 *   clear it
 *
 * Records an edit, to be written within %PEP_EDIT_SESSION_DELAY_MS.
 */
void
pep_edit_session_set_value (PepEditSession *self,
                            PepRecord      *record,
                            guint           field,
                            GVariant       *value)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;
  PepTable table;
  gint64 id;
  Edit *edit;

  g_return_if_fail (PEP_IS_EDIT_SESSION (self));
  g_return_if_fail (PEP_IS_RECORD (record));

  if (self->read_only)
    return;

  table = pep_record_get_table (record);
  id = pep_record_get_id (record);
  edit = find_edit (self, table, id, field, NULL);
  if (edit == NULL)
    {
      edit = g_new0 (Edit, 1);
      edit->table = table;
      edit->record_id = id;
      edit->field = field;
      g_ptr_array_add (self->pending, edit);
    }
  g_clear_pointer (&edit->value, g_variant_unref);
  edit->value = g_steal_pointer (&sunk);

  if (self->state != PEP_SAVE_STATE_CONFLICT)
    {
      set_state (self, PEP_SAVE_STATE_PENDING, NULL);
      schedule (self, PEP_EDIT_SESSION_DELAY_MS);
    }
  g_signal_emit (self, signals[EDITED], 0, (guint) table, id, field);
}

/* Drops a pending edit: the field now holds text that cannot be kept. */
void
pep_edit_session_forget_value (PepEditSession *self,
                               PepRecord      *record,
                               guint           field)
{
  guint index;

  g_return_if_fail (PEP_IS_EDIT_SESSION (self));
  g_return_if_fail (PEP_IS_RECORD (record));

  if (find_edit (self, pep_record_get_table (record), pep_record_get_id (record), field, &index))
    {
      g_ptr_array_remove_index (self->pending, index);
      g_signal_emit (self, signals[EDITED], 0, (guint) pep_record_get_table (record),
                     pep_record_get_id (record), field);
    }
  if (self->pending->len == 0 && self->state == PEP_SAVE_STATE_PENDING)
    set_state (self, PEP_SAVE_STATE_SAVED, NULL);
}

guint
pep_edit_session_get_n_pending (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), 0);
  return self->pending->len;
}

static gboolean
commit (PepEditSession  *self,
        Edit            *edit,
        PepRecord       *record,
        GError         **error)
{
  GVariant *value = edit->value;   /* borrowed: the store takes its own reference */
  PepValueContext context;

  context_for (self, record, &context);
  if (!pep_validator_check_value (self->validator, pep_table_get_field (edit->table, edit->field),
                                  value, &context, error))
    return FALSE;

  switch (edit->table)
    {
    case PEP_TABLE_CHILD:
      return pep_store_update_child (self->store, record, edit->field, value, error);
    case PEP_TABLE_PLAN:
      if (self->workflow != NULL)
        return pep_workflow_set_field (self->workflow, self->plan, edit->field, value, error);
      return pep_store_update_plan (self->store, self->plan, edit->field, value, error);
    default:
      if (self->workflow != NULL)
        return pep_workflow_update_row (self->workflow, self->plan, record, edit->field, value,
                                        error);
      return pep_store_update_plan_row (self->store, self->plan, record, edit->field, value,
                                        error);
    }
}

static gboolean
is_transient (const GError *error)
{
  return g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_BUSY)
         || g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DISK_FULL)
         || g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_IO)
         || g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_FAILED);
}

static void
enter_conflict (PepEditSession *self,
                const GError   *error)
{
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  set_state (self, PEP_SAVE_STATE_CONFLICT, error->message);
}

/**
 * pep_edit_session_flush:
 *
 * Writes every pending edit now. Returns %TRUE when nothing typed is left unwritten
 * (edits the file refused for good are dropped, and said so with ::commit-failed).
 */
gboolean
pep_edit_session_flush (PepEditSession *self)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (self->state == PEP_SAVE_STATE_CONFLICT)
    return self->pending->len == 0;
  if (self->flushing)
    return FALSE;

  self->flushing = TRUE;
  g_object_ref (self);
  while (self->pending->len > 0)
    {
      Edit *edit = g_ptr_array_index (self->pending, 0);
      PepRecord *record = pep_edit_session_find_record (self, edit->table, edit->record_id);
      g_autoptr(GError) error = NULL;
      PepTable table = edit->table;
      gint64 record_id = edit->record_id;
      guint field = edit->field;

      if (record == NULL)
        {
          g_ptr_array_remove_index (self->pending, 0);
          g_signal_emit (self, signals[COMMIT_FAILED], 0, (guint) table, record_id, field,
                         _("This entry was removed, so the change was not kept."));
          continue;
        }

      if (commit (self, edit, record, &error))
        {
          g_ptr_array_remove_index (self->pending, 0);
          continue;
        }

      if (g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CONFLICT))
        {
          enter_conflict (self, error);
          break;
        }
      if (is_transient (error))
        {
          set_state (self, PEP_SAVE_STATE_FAILED, error->message);
          schedule (self, RETRY_MS);
          break;
        }

      /* Refused for good: the field says why; the text stays where it was typed. */
      g_ptr_array_remove_index (self->pending, 0);
      if (g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED))
        set_read_only (self, TRUE);
      g_signal_emit (self, signals[COMMIT_FAILED], 0, (guint) table, record_id, field,
                     error->message);
    }

  if (self->pending->len == 0)
    set_state (self, PEP_SAVE_STATE_SAVED, NULL);
  self->flushing = FALSE;
  g_object_unref (self);

  return self->pending->len == 0;
}

static gboolean
row_op_begin (PepEditSession  *self,
              PepRecord       *row,
              GError         **error)
{
  PepSection section = pep_table_get_field (pep_record_get_table (row), 0)->section;

  if (self->plan == NULL || self->read_only)
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED,
                           _("This PEP has been signed off and can no longer change."));
      return FALSE;
    }
  if (self->workflow != NULL && !pep_workflow_can_edit (self->workflow, self->plan, section, error))
    return FALSE;
  /* Edits first, so that they are written against the revision they were made on. */
  if (!pep_edit_session_flush (self))
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CONFLICT,
                           self->message ? self->message : _("Your changes are not saved yet."));
      return FALSE;
    }
  return TRUE;
}

static gboolean
row_op_end (PepEditSession  *self,
            PepTable         table,
            gboolean         ok,
            GError         **error)
{
  if (ok)
    {
      g_signal_emit (self, signals[ROWS_CHANGED], 0, (guint) table);
      return TRUE;
    }
  if (error != NULL && g_error_matches (*error, PEP_STORE_ERROR, PEP_STORE_ERROR_CONFLICT))
    enter_conflict (self, *error);
  else if (error != NULL && g_error_matches (*error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED))
    set_read_only (self, TRUE);
  return FALSE;
}

/* Adds @row (new, with no id) to the PEP in the file, at the end of its table. */
gboolean
pep_edit_session_add_row (PepEditSession  *self,
                          PepRecord       *row,
                          GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);

  if (!row_op_begin (self, row, error))
    return FALSE;
  /* No more rows of a kind than the validator allows (import refuses the same). */
  if (!pep_validator_check_n_rows (pep_record_get_table (row),
                                   pep_plan_get_rows (self->plan,
                                                      pep_record_get_table (row))->len + 1,
                                   error))
    return FALSE;
  if (self->workflow != NULL)
    ok = pep_workflow_add_row (self->workflow, self->plan, row, error);
  else
    ok = pep_store_add_plan_row (self->store, self->plan, row, error);
  return row_op_end (self, pep_record_get_table (row), ok, error);
}

gboolean
pep_edit_session_remove_row (PepEditSession  *self,
                             PepRecord       *row,
                             GError         **error)
{
  g_autoptr(PepRecord) keep = NULL;
  PepTable table;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);

  keep = g_object_ref (row);
  table = pep_record_get_table (row);
  if (!row_op_begin (self, row, error))
    return FALSE;
  ok = pep_store_remove_plan_row (self->store, self->plan, row, error);
  return row_op_end (self, table, ok, error);
}

gboolean
pep_edit_session_move_row (PepEditSession  *self,
                           PepRecord       *row,
                           guint            position,
                           GError         **error)
{
  gboolean ok;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);

  if (!row_op_begin (self, row, error))
    return FALSE;
  ok = pep_store_move_plan_row (self->store, self->plan, row, position, error);
  return row_op_end (self, pep_record_get_table (row), ok, error);
}

static gboolean
reload (PepEditSession  *self,
        GError         **error)
{
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepRecord) child = NULL;

  if (self->plan != NULL)
    {
      plan = pep_store_load_plan (self->store, pep_plan_get_id (self->plan), error);
      if (plan == NULL)
        return FALSE;
    }
  child = pep_store_load_child (self->store, pep_record_get_id (self->child), error);
  if (child == NULL)
    return FALSE;

  g_set_object (&self->plan, plan);
  g_set_object (&self->child, child);
  set_read_only (self, plan_is_locked (self->plan));
  set_state (self, self->pending->len > 0 ? PEP_SAVE_STATE_PENDING : PEP_SAVE_STATE_SAVED, NULL);
  return TRUE;
}

/**
 * pep_edit_session_reapply:
 *
 * After a conflict: reads the PEP as it is now in the file and writes the kept edits on
 * top of it. The editor shows the PEP afresh (::reloaded).
 */
gboolean
pep_edit_session_reapply (PepEditSession  *self,
                          GError         **error)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);

  if (!reload (self, error))
    return FALSE;
  pep_edit_session_flush (self);
  g_signal_emit (self, signals[RELOADED], 0);
  return TRUE;
}

/**
 * pep_edit_session_discard:
 *
 * After a conflict: drops the kept edits and shows the PEP as it is now in the file.
 */
gboolean
pep_edit_session_discard (PepEditSession  *self,
                          GError         **error)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), FALSE);

  g_ptr_array_set_size (self->pending, 0);
  if (!reload (self, error))
    return FALSE;
  g_signal_emit (self, signals[RELOADED], 0);
  return TRUE;
}

/* The one rule for what a PEP still needs, walked by both the sidebar's count ("4 of 6
 * required") and the submit check's list, so that the two cannot disagree: the section's
 * required fields for the PEP's kind (what has been typed counts, before it is written),
 * plus, for the targets, at least one target and the required fields of each target and of
 * each review of a previous target, and for attainment those of each subject. */
typedef void (*RequiredFunc) (PepSection          section,
                              PepRecord          *record,
                              const PepFieldInfo *info,   /* NULL: "at least one target" */
                              guint               position,
                              gboolean            done,
                              gpointer            data);

static void
walk_record (PepEditSession *self,
             PepRecord      *record,
             PepSection      section,
             PepKind         kind,
             guint           position,
             RequiredFunc    func,
             gpointer        data)
{
  PepTable table = pep_record_get_table (record);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    {
      const PepFieldInfo *info = pep_table_get_field (table, i);

      if (!(info->flags & PEP_FIELD_REQUIRED)
          || (table != PEP_TABLE_CHILD && !pep_field_applies_to_year (info, kind, pep_edit_session_get_nc_year (self))))
        continue;
      /* A row's fields count where the row is shown: its table's section. */
      if (table == PEP_TABLE_PLAN || table == PEP_TABLE_CHILD)
        {
          if (info->section != section)
            continue;
        }
      func (section, record, info, position, pep_edit_session_get_value (self, record, i) != NULL,
            data);
    }
}

static void
walk_required (PepEditSession *self,
               PepSection      section,
               RequiredFunc    func,
               gpointer        data)
{
  PepKind kind = pep_edit_session_get_kind (self);

  if (section <= PEP_SECTION_PEOPLE || self->plan == NULL)
    {
      walk_record (self, self->child, section, kind, 0, func, data);
      return;
    }

  walk_record (self, pep_plan_get_content (self->plan), section, kind, 0, func, data);

  if (section == PEP_SECTION_TARGETS)
    {
      GPtrArray *targets = pep_plan_get_rows (self->plan, PEP_TABLE_TARGET);
      GPtrArray *reviews = pep_plan_get_rows (self->plan, PEP_TABLE_TARGET_REVIEW);

      func (section, NULL, NULL, 0, targets->len > 0, data);
      for (guint i = 0; i < reviews->len; i++)
        walk_record (self, g_ptr_array_index (reviews, i), section, kind, i + 1, func, data);
      for (guint i = 0; i < targets->len; i++)
        walk_record (self, g_ptr_array_index (targets, i), section, kind, i + 1, func, data);
    }
  else if (section == PEP_SECTION_ATTAINMENT)
    {
      GPtrArray *lines = pep_plan_get_rows (self->plan, PEP_TABLE_ATTAINMENT);

      for (guint i = 0; i < lines->len; i++)
        walk_record (self, g_ptr_array_index (lines, i), section, kind, i + 1, func, data);
    }
  else if (section == PEP_SECTION_PPPLUS)
    {
      /* What the child's authority asks each request not yet decided to name
       * (pep_validator_check_plan() refuses the same). */
      GPtrArray *requests = pep_plan_get_rows (self->plan, PEP_TABLE_FUNDING_REQUEST);
      PepRequestNeeds needs = pep_authority_get_request_needs (pep_validator_get_authority (self->validator));
      static const struct { PepRequestNeeds need; guint field; } names[] = {
        { PEP_REQUEST_NEEDS_INTERVENTION, PEP_FUNDING_REQUEST_INTERVENTION },
        { PEP_REQUEST_NEEDS_EXPECTED_OUTCOME, PEP_FUNDING_REQUEST_EXPECTED_OUTCOME },
      };

      for (guint i = 0; needs != 0 && i < requests->len; i++)
        {
          PepRecord *request = g_ptr_array_index (requests, i);

          if (!pep_funding_request_is_pending (request))
            continue;
          for (guint n = 0; n < G_N_ELEMENTS (names); n++)
            if (needs & names[n].need)
              func (section, request, pep_table_get_field (PEP_TABLE_FUNDING_REQUEST, names[n].field),
                    i + 1, pep_edit_session_get_value (self, request, names[n].field) != NULL, data);
        }
    }
}

typedef struct
{
  guint done;
  guint required;
} Count;

static void
count_one (PepSection          section,
           PepRecord          *record,
           const PepFieldInfo *info,
           guint               position,
           gboolean            done,
           gpointer            data)
{
  Count *count = data;

  count->required++;
  if (done)
    count->done++;
}

/**
 * pep_edit_session_count_required:
 *
 * How many of the section's required entries are made, for "4 of 6 required" (the rule is
 * walk_required()'s, which pep_edit_session_list_missing() lists by).
 */
void
pep_edit_session_count_required (PepEditSession *self,
                                 PepSection      section,
                                 guint          *n_done,
                                 guint          *n_required)
{
  Count count = { 0, 0 };

  g_return_if_fail (PEP_IS_EDIT_SESSION (self));

  walk_required (self, section, count_one, &count);
  *n_done = count.done;
  *n_required = count.required;
}

static void
pep_missing_free (PepMissing *missing)
{
  g_free (missing->label);
  g_free (missing);
}

static void
add_missing (PepSection          section,
             PepRecord          *record,
             const PepFieldInfo *info,
             guint               position,
             gboolean            done,
             gpointer            data)
{
  GPtrArray *list = data;
  PepMissing *missing;

  if (done)
    return;
  missing = g_new0 (PepMissing, 1);
  missing->section = section;
  if (info == NULL)
    {
      missing->table = PEP_TABLE_TARGET;
      missing->field = -1;
      missing->label = g_strdup (_("At least one target"));
    }
  else
    {
      missing->table = info->table;
      missing->record_id = pep_record_get_id (record);
      missing->field = (int) info->index;
      if (info->table == PEP_TABLE_TARGET)
        /* Translators: a target's field, then which target: "By when (target 2)" */
        missing->label = g_strdup_printf (_("%s (target %u)"), _(info->label), position);
      else if (info->table == PEP_TABLE_TARGET_REVIEW)
        /* Translators: a field of the review of a previous target: "Outcome (previous target 1)" */
        missing->label = g_strdup_printf (_("%s (previous target %u)"), _(info->label), position);
      else if (info->table == PEP_TABLE_ATTAINMENT)
        /* Translators: a field of an attainment line: "Current (subject 3)" */
        missing->label = g_strdup_printf (_("%s (subject %u)"), _(info->label), position);
      else
        missing->label = g_strdup (_(info->label));
    }
  g_ptr_array_add (list, missing);
}

/**
 * pep_edit_session_list_missing:
 *
 * The required entries not yet made in every section a PEP's editor shows (those after the
 * child's own details, QA's excepted), in the order of the sections and of their fields:
 * exactly what the sections' counts leave out, by the same rule. Submitting waits for an
 * empty list.
 *
 * Returns: (transfer full) (element-type PepMissing): the entries
 */
GPtrArray *
pep_edit_session_list_missing (PepEditSession *self)
{
  GPtrArray *list = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_missing_free);

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (self), list);

  if (self->plan == NULL)
    return list;
  for (PepSection section = PEP_SECTION_PEOPLE + 1; section < PEP_N_SECTIONS; section++)
    if (section != PEP_SECTION_QA)
      walk_required (self, section, add_missing, list);
  return list;
}
