/* pep-plan-view.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A read-only PEP, section by section, built from the field registry.
 */

#pragma once

#include <gtk/gtk.h>

#include "pep-plan.h"

G_BEGIN_DECLS

#define PEP_TYPE_PLAN_VIEW (pep_plan_view_get_type ())

G_DECLARE_FINAL_TYPE (PepPlanView, pep_plan_view, PEP, PLAN_VIEW, GtkWidget)

GtkWidget  *pep_plan_view_new       (void);
void        pep_plan_view_set_plan  (PepPlanView *self,
                                     PepPlan     *plan,
                                     PepRecord   *child);
void        pep_plan_view_set_sender_history (PepPlanView *self,
                                              GPtrArray   *history);
PepPlan    *pep_plan_view_get_plan  (PepPlanView *self);
const char *pep_plan_view_get_title (PepPlanView *self);

G_END_DECLS
