/* pep-chart.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A chart drawn natively: horizontal 100 % bars stacked red, amber, green and gold (one bar
 * per section or per term), or lines across terms. Labelled axes, a legend, colours from the
 * style in light and dark, and a text alternative for screen readers.
 */

#pragma once

#include <gtk/gtk.h>

#include "pep-stats.h"

G_BEGIN_DECLS

#define PEP_TYPE_CHART (pep_chart_get_type ())

G_DECLARE_FINAL_TYPE (PepChart, pep_chart, PEP, CHART, GtkWidget)

GtkWidget  *pep_chart_new          (void);
const char *pep_chart_get_title    (PepChart               *self);
void        pep_chart_set_title    (PepChart               *self,
                                    const char             *title);
void        pep_chart_clear        (PepChart               *self);
void        pep_chart_set_bars     (PepChart               *self,
                                    guint                   n_bars,
                                    const char * const     *labels,
                                    const PepRatingCounts  *counts);
void        pep_chart_set_lines    (PepChart               *self,
                                    guint                   n_points,
                                    const char * const     *labels,
                                    guint                   n_series,
                                    const char * const     *names,
                                    const double           *values);
const char *pep_chart_get_summary  (PepChart               *self);

G_END_DECLS
