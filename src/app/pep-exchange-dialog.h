/* pep-exchange-dialog.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export… and Import… of PEP exchange XML (docs/xml-format.md): the choices, a summary
 * before anything happens, the work on a worker thread with its own PepStore, the result.
 */

#pragma once

#include <adwaita.h>

#include "pep-work-context.h"
#include "pep-xml.h"

G_BEGIN_DECLS

#define PEP_TYPE_EXCHANGE_DIALOG (pep_exchange_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PepExchangeDialog, pep_exchange_dialog, PEP, EXCHANGE_DIALOG, AdwWindow)

PepExchangeDialog *pep_exchange_dialog_new_export      (GtkWindow          *parent,
                                                        const char         *db_path);
PepExchangeDialog *pep_exchange_dialog_new_import      (GtkWindow          *parent,
                                                        const char         *db_path);

void               pep_exchange_dialog_set_context     (PepExchangeDialog  *self,
                                                        PepWorkContext     *context);

/* The page shown: "options", "working", "summary" or "result". */
const char        *pep_exchange_dialog_get_page        (PepExchangeDialog  *self);
const char        *pep_exchange_dialog_get_summary     (PepExchangeDialog  *self);
GtkCheckButton    *pep_exchange_dialog_get_identity_check (PepExchangeDialog *self);
GtkWidget         *pep_exchange_dialog_get_confirm_button (PepExchangeDialog *self);
GtkCheckButton    *pep_exchange_dialog_get_keys_check     (PepExchangeDialog *self);
const char        *pep_exchange_dialog_get_keys           (PepExchangeDialog *self);
const char        *pep_exchange_dialog_get_result      (PepExchangeDialog  *self);
gboolean           pep_exchange_dialog_get_succeeded   (PepExchangeDialog  *self);
void               pep_exchange_dialog_confirm         (PepExchangeDialog  *self);

/* Test hooks: what choosing a file does, without the file chooser. */
void               pep_exchange_dialog_set_export_choice (PepExchangeDialog *self,
                                                          PepXmlProfile      profile,
                                                          gboolean           all_states);
void               pep_exchange_dialog_export_to_path  (PepExchangeDialog  *self,
                                                        const char         *path);
void               pep_exchange_dialog_import_from_path (PepExchangeDialog *self,
                                                         const char        *path);

G_END_DECLS
