/* pep-dashboard-window.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Virtual School's dashboard for one PEP Studio file (DOMAIN.md §6): scorecard tiles,
 * rating charts per section and per term, a trend across terms and the breakdown table,
 * for a chosen term, cohort rule and breakdown; the table exports as CSV.
 */

#pragma once

#include <adwaita.h>

#include "pep-chart.h"
#include "pep-stats.h"
#include "pep-work-context.h"

G_BEGIN_DECLS

/* The cohort rules offered, in the order of the Cohort menu. */
typedef enum
{
  PEP_DASHBOARD_COHORT_YEARS_1_11,   /* pep_cohort_rule_init(): Cambridgeshire's */
  PEP_DASHBOARD_COHORT_SCHOOL_AGE,   /* pep_cohort_rule_init_bromley(): Bromley's */
} PepDashboardCohort;

#define PEP_TYPE_DASHBOARD_WINDOW (pep_dashboard_window_get_type ())

G_DECLARE_FINAL_TYPE (PepDashboardWindow, pep_dashboard_window, PEP, DASHBOARD_WINDOW,
                      AdwApplicationWindow)

PepDashboardWindow *pep_dashboard_window_new           (GtkApplication      *application,
                                                        PepWorkContext      *context);
PepDashboardWindow *pep_dashboard_window_present_for   (GtkWindow           *parent,
                                                        PepWorkContext      *context);
gboolean            pep_dashboard_window_set_authority (PepDashboardWindow  *self,
                                                        const char          *la_code);
const char         *pep_dashboard_window_get_path      (PepDashboardWindow  *self);
gboolean            pep_dashboard_window_get_busy      (PepDashboardWindow  *self);
void                pep_dashboard_window_get_term      (PepDashboardWindow  *self,
                                                        PepTermId           *term);
gboolean            pep_dashboard_window_set_term      (PepDashboardWindow  *self,
                                                        const PepTermId     *term);
int                 pep_dashboard_window_get_year      (PepDashboardWindow  *self);
gboolean            pep_dashboard_window_set_year      (PepDashboardWindow  *self,
                                                        int                  year);
void                pep_dashboard_window_set_cohort    (PepDashboardWindow  *self,
                                                        PepDashboardCohort   cohort);
void                pep_dashboard_window_get_rule      (PepDashboardWindow  *self,
                                                        PepCohortRule       *rule);
void                pep_dashboard_window_set_breakdown (PepDashboardWindow  *self,
                                                        PepBreakdown         breakdown);
void                pep_dashboard_window_set_filter    (PepDashboardWindow  *self,
                                                        PepBreakdown         by,
                                                        const char          *group);
const char         *pep_dashboard_window_get_filter    (PepDashboardWindow  *self,
                                                        PepBreakdown        *by);
GPtrArray          *pep_dashboard_window_get_figures   (PepDashboardWindow  *self);
GListModel         *pep_dashboard_window_get_table     (PepDashboardWindow  *self);
GPtrArray          *pep_dashboard_window_get_tampered  (PepDashboardWindow  *self);
GtkWidget          *pep_dashboard_window_get_scorecard (PepDashboardWindow  *self);
PepChart           *pep_dashboard_window_get_chart     (PepDashboardWindow  *self,
                                                        guint                index);
gboolean            pep_dashboard_window_export_csv    (PepDashboardWindow  *self,
                                                        const char          *path,
                                                        guint                threshold,
                                                        gboolean             pseudonymise,
                                                        GError             **error);

G_END_DECLS
