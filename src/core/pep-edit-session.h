/* pep-edit-session.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Saved as you type: the edits made in one editor (a PEP, or a child's details), committed to
 * the store a moment after typing stops, on a change of focus, and before the editor goes.
 */

#pragma once

#include "pep-store.h"
#include "pep-validator.h"
#include "pep-workflow.h"

G_BEGIN_DECLS

/* How long after the last keystroke an edit is committed, at most. */
#define PEP_EDIT_SESSION_DELAY_MS 500

typedef enum
{
  PEP_SAVE_STATE_SAVED,     /* everything typed is in the file */
  PEP_SAVE_STATE_PENDING,   /* typed, to be committed in a moment */
  PEP_SAVE_STATE_FAILED,    /* the file refused for a while (busy, disk full): retrying */
  PEP_SAVE_STATE_CONFLICT,  /* someone else changed the PEP: the edits are kept, not saved */
} PepSaveState;

#define PEP_TYPE_EDIT_SESSION (pep_edit_session_get_type ())

/* A required entry not yet made: @field of the record @record_id of @table, shown in
 * @section; @field is -1 for "at least one target" (@record_id 0). */
typedef struct
{
  PepSection  section;
  PepTable    table;
  gint64      record_id;
  int         field;
  char       *label;   /* what it is, in words */
} PepMissing;

G_DECLARE_FINAL_TYPE (PepEditSession, pep_edit_session, PEP, EDIT_SESSION, GObject)

PepEditSession *pep_edit_session_new            (PepStore        *store,
                                                 PepPlan         *plan,
                                                 PepRecord       *child,
                                                 PepWorkflow     *workflow);
PepStore       *pep_edit_session_get_store      (PepEditSession  *self);
PepPlan        *pep_edit_session_get_plan       (PepEditSession  *self);
PepRecord      *pep_edit_session_get_child      (PepEditSession  *self);
PepRole         pep_edit_session_get_role       (PepEditSession  *self);
PepWorkflow    *pep_edit_session_get_workflow   (PepEditSession  *self);
PepKind         pep_edit_session_get_kind       (PepEditSession  *self);
int             pep_edit_session_get_nc_year    (PepEditSession  *self);
gboolean        pep_edit_session_field_applies  (PepEditSession  *self,
                                                 const PepFieldInfo *info);
PepSaveState    pep_edit_session_get_state      (PepEditSession  *self);
const char     *pep_edit_session_get_message    (PepEditSession  *self);
gboolean        pep_edit_session_get_read_only  (PepEditSession  *self);
gboolean        pep_edit_session_can_edit       (PepEditSession  *self,
                                                 PepSection       section);
gboolean        pep_edit_session_can_see        (PepEditSession  *self,
                                                 const PepFieldInfo *info);
PepRecord      *pep_edit_session_find_record    (PepEditSession  *self,
                                                 PepTable         table,
                                                 gint64           record_id);
PepValidator   *pep_edit_session_get_validator  (PepEditSession  *self);
GVariant       *pep_edit_session_parse          (PepEditSession  *self,
                                                 PepRecord       *record,
                                                 guint            field,
                                                 const char      *text,
                                                 GError         **error);
GVariant       *pep_edit_session_get_value      (PepEditSession  *self,
                                                 PepRecord       *record,
                                                 guint            field);
void            pep_edit_session_set_value      (PepEditSession  *self,
                                                 PepRecord       *record,
                                                 guint            field,
                                                 GVariant        *value);
void            pep_edit_session_forget_value   (PepEditSession  *self,
                                                 PepRecord       *record,
                                                 guint            field);
guint           pep_edit_session_get_n_pending  (PepEditSession  *self);
gboolean        pep_edit_session_flush          (PepEditSession  *self);
gboolean        pep_edit_session_add_row        (PepEditSession  *self,
                                                 PepRecord       *row,
                                                 GError         **error);
gboolean        pep_edit_session_remove_row     (PepEditSession  *self,
                                                 PepRecord       *row,
                                                 GError         **error);
gboolean        pep_edit_session_move_row       (PepEditSession  *self,
                                                 PepRecord       *row,
                                                 guint            position,
                                                 GError         **error);
gboolean        pep_edit_session_reapply        (PepEditSession  *self,
                                                 GError         **error);
gboolean        pep_edit_session_discard        (PepEditSession  *self,
                                                 GError         **error);
void            pep_edit_session_count_required (PepEditSession  *self,
                                                 PepSection       section,
                                                 guint           *n_done,
                                                 guint           *n_required);
GPtrArray      *pep_edit_session_list_missing   (PepEditSession  *self);

G_END_DECLS
