/* pep-plan-editor.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PEP editor: the sections of a PEP in a sidebar (which folds away on narrow windows),
 * each with how many of its required entries are made, and the section chosen beside it.
 * Saved as you type; no Save button.
 */

#pragma once

#include <adwaita.h>

#include "pep-edit-session.h"

G_BEGIN_DECLS

#define PEP_TYPE_PLAN_EDITOR (pep_plan_editor_get_type ())

G_DECLARE_FINAL_TYPE (PepPlanEditor, pep_plan_editor, PEP, PLAN_EDITOR, GtkWidget)

GtkWidget      *pep_plan_editor_new             (void);
void            pep_plan_editor_set_plan        (PepPlanEditor *self,
                                                 PepStore      *store,
                                                 PepPlan       *plan,
                                                 PepRecord     *child,
                                                 PepWorkflow   *workflow);
gboolean        pep_plan_editor_flush           (PepPlanEditor *self);
void            pep_plan_editor_clear           (PepPlanEditor *self);
PepEditSession *pep_plan_editor_get_session     (PepPlanEditor *self);
PepPlan        *pep_plan_editor_get_plan        (PepPlanEditor *self);
const char     *pep_plan_editor_get_title       (PepPlanEditor *self);
gboolean        pep_plan_editor_select_section  (PepPlanEditor *self,
                                                 PepSection     section);
PepSection      pep_plan_editor_get_section     (PepPlanEditor *self);
GtkWidget      *pep_plan_editor_get_page        (PepPlanEditor *self,
                                                 PepSection     section);
GtkWidget      *pep_plan_editor_find_row        (PepPlanEditor *self,
                                                 PepTable       table,
                                                 gint64         record_id,
                                                 guint          field);

G_END_DECLS
