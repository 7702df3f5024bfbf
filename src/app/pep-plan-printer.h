/* pep-plan-printer.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PEP on paper or as PDF, through GtkPrintOperation: a clean document for the meeting and
 * the care file, section by section as the PEP view shows it, or a carer copy that leaves out
 * every sensitive field (PEP_FIELD_SENSITIVE: the social worker's sensitive issues, family
 * time, care plan changes, and the child's gender and ethnicity).
 */

#pragma once

#include <gtk/gtk.h>

#include "pep-plan.h"
#include "pep-store.h"

G_BEGIN_DECLS

#define PEP_TYPE_PLAN_PRINTER (pep_plan_printer_get_type ())

G_DECLARE_FINAL_TYPE (PepPlanPrinter, pep_plan_printer, PEP, PLAN_PRINTER, GObject)

PepPlanPrinter          *pep_plan_printer_new             (PepPlan                  *plan,
                                                           PepRecord                *child,
                                                           gboolean                  carer_copy);
gboolean                 pep_plan_printer_get_carer_copy  (PepPlanPrinter           *self);
char                    *pep_plan_printer_get_text        (PepPlanPrinter           *self);
guint                    pep_plan_printer_get_n_pages     (PepPlanPrinter           *self);
GtkPrintOperationResult  pep_plan_printer_run             (PepPlanPrinter           *self,
                                                           GtkWindow                *parent,
                                                           GtkPrintOperationAction   action,
                                                           const char               *export_filename,
                                                           GError                  **error);
gboolean                 pep_plan_printer_print_plan      (GtkWindow                *parent,
                                                           PepStore                 *store,
                                                           PepPlan                  *plan,
                                                           gboolean                  carer_copy,
                                                           GError                  **error);
gboolean                 pep_plan_printer_prepare_output  (GtkPrintSettings         *settings,
                                                           GError                  **error);

G_END_DECLS
