/* pep-targets-editor.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The targets of a PEP: added, reordered and removed; each with its SMART fields, funding
 * and the part of the child's voice it answers, and a live hint while it lacks success
 * criteria, an owner or a date. The same editor serves the additional-funding requests
 * (pep_targets_editor_new_for_table()).
 */

#pragma once

#include <adwaita.h>

#include "pep-edit-session.h"

G_BEGIN_DECLS

#define PEP_TYPE_TARGETS_EDITOR (pep_targets_editor_get_type ())

G_DECLARE_FINAL_TYPE (PepTargetsEditor, pep_targets_editor, PEP, TARGETS_EDITOR, GtkWidget)

GtkWidget  *pep_targets_editor_new      (PepEditSession   *session);
GtkWidget  *pep_targets_editor_new_for_table (PepEditSession *session,
                                              PepTable        table);
const char *pep_targets_editor_get_hint (PepTargetsEditor *self,
                                         gint64            target_id);

G_END_DECLS
