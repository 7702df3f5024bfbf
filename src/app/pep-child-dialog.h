/* pep-child-dialog.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Adds a child: names, date of birth, year, UPN and LA child ID, checked as they are typed.
 */

#pragma once

#include <adwaita.h>

#include "pep-store.h"

G_BEGIN_DECLS

#define PEP_TYPE_CHILD_DIALOG (pep_child_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PepChildDialog, pep_child_dialog, PEP, CHILD_DIALOG, AdwWindow)

PepChildDialog *pep_child_dialog_new (GtkWindow *parent,
                                      PepStore  *store);

G_END_DECLS
