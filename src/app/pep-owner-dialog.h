/* pep-owner-dialog.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * "Whose copy is this file?": asked when a file has no owner yet, on first run and once for
 * an existing file. A school's copy is known by its URN, a Virtual School's by its
 * authority's LA code and name; Save is possible once what is typed is that. The owner is
 * set through the core (pep_store_set_owner()), once; "Not Now" leaves the file for use on
 * its own until its first export asks for an owner.
 */

#pragma once

#include <adwaita.h>

#include "pep-copy-owner.h"

G_BEGIN_DECLS

#define PEP_TYPE_OWNER_DIALOG (pep_owner_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PepOwnerDialog, pep_owner_dialog, PEP, OWNER_DIALOG, AdwMessageDialog)

PepOwnerDialog *pep_owner_dialog_new        (GtkWindow       *parent,
                                             PepStore        *store);
PepCopyOwner   *pep_owner_dialog_get_owner  (PepOwnerDialog  *self);
AdwEntryRow    *pep_owner_dialog_get_urn_row (PepOwnerDialog *self);

G_END_DECLS
