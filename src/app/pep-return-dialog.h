/* pep-return-dialog.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Returning a PEP to the school: the follow-up actions, each with what is to be done, for
 * whom (the designated teacher, the social worker or the advisor) and by when, the date
 * prefilled with the workflow's default. It hides on close and keeps what was typed, so a
 * return the file refuses can be tried again.
 */

#pragma once

#include <adwaita.h>

#include "pep-workflow.h"

G_BEGIN_DECLS

#define PEP_TYPE_RETURN_DIALOG (pep_return_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PepReturnDialog, pep_return_dialog, PEP, RETURN_DIALOG, AdwMessageDialog)

PepReturnDialog         *pep_return_dialog_new          (GtkWindow       *parent,
                                                         const GDate     *default_due);
const PepFollowUpAction *pep_return_dialog_get_actions  (PepReturnDialog *self,
                                                         guint           *n_actions);
void                     pep_return_dialog_set_error    (PepReturnDialog *self,
                                                         const char      *message);
AdwEntryRow             *pep_return_dialog_get_action_row (PepReturnDialog *self);
AdwComboRow             *pep_return_dialog_get_owner_row  (PepReturnDialog *self);
AdwEntryRow             *pep_return_dialog_get_due_row    (PepReturnDialog *self);

G_END_DECLS
