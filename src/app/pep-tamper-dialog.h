/* pep-tamper-dialog.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "pep-signoff.h"

G_BEGIN_DECLS

/* One PEP the whole-file check found failing its signatures, as the dialog lists it. */
typedef struct
{
  gint64   plan_id;
  char    *child;    /* "Surname, Forename" */
  char    *term;     /* "Summer 2025/26" */
  PepSeal  seal;
  char    *reason;
} PepTamperedPlan;

PepTamperedPlan *pep_tampered_plan_load (PepStore    *store,
                                         gint64       plan_id,
                                         PepSeal      seal,
                                         const char  *reason,
                                         GError     **error);
void             pep_tampered_plan_free (PepTamperedPlan *plan);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepTamperedPlan, pep_tampered_plan_free)

/* What a signature check's callback fills: each failing PEP loaded from @store. */
typedef struct
{
  PepStore  *store;
  GPtrArray *found;   /* of PepTamperedPlan */
  GError    *error;   /* the first PEP that could not be read */
} PepTamperedList;

gboolean         pep_tampered_list_add  (gint64       plan_id,
                                         const char  *uuid,
                                         PepSeal      seal,
                                         const char  *reason,
                                         gpointer     list);

#define PEP_TYPE_TAMPER_DIALOG (pep_tamper_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PepTamperDialog, pep_tamper_dialog, PEP, TAMPER_DIALOG, AdwWindow)

PepTamperDialog *pep_tamper_dialog_new       (GtkWindow       *parent,
                                              GPtrArray       *plans);
guint            pep_tamper_dialog_get_n_rows (PepTamperDialog *self);

G_END_DECLS
