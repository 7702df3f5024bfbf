/* pep-passphrase-dialog.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pep-work-context.h"
#include "pep-workflow.h"

G_BEGIN_DECLS

#define PEP_TYPE_PASSPHRASE_DIALOG (pep_passphrase_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PepPassphraseDialog, pep_passphrase_dialog, PEP, PASSPHRASE_DIALOG, AdwMessageDialog)

gboolean             pep_passphrase_dialog_ensure_key (GtkWidget           *widget,
                                                       PepStore            *store,
                                                       PepWorkflow         *workflow,
                                                       const char          *action_name);
gboolean             pep_passphrase_dialog_unlock     (PepPassphraseDialog *self,
                                                       const char          *passphrase);
PepPassphraseDialog *pep_passphrase_dialog_ask_authority_key (GtkWidget      *widget,
                                                              PepWorkContext *context,
                                                              const char     *action_name);

G_END_DECLS
