/* pep-history-dialog.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pep-store.h"

G_BEGIN_DECLS

#define PEP_TYPE_HISTORY_DIALOG (pep_history_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PepHistoryDialog, pep_history_dialog, PEP, HISTORY_DIALOG, AdwWindow)

/* Which history the dialog edits a row of. */
typedef enum
{
  PEP_HISTORY_CARE,
  PEP_HISTORY_SCHOOLS,
} PepHistoryKind;

GtkWidget *pep_history_dialog_new (GtkWindow       *parent,
                                   PepStore        *store,
                                   gint64           child_id,
                                   PepHistoryKind   kind,
                                   guint            index,
                                   GError         **error);
gboolean   pep_history_dialog_save (PepHistoryDialog  *self,
                                    GError           **error);

G_END_DECLS
