/* pep-stats-row.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row of a figures table (pep_stats_table()) as an item of a GListModel: its cells as
 * text, and whether its group is too small to compare.
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define PEP_TYPE_STATS_ROW (pep_stats_row_get_type ())

G_DECLARE_FINAL_TYPE (PepStatsRow, pep_stats_row, PEP, STATS_ROW, GObject)

PepStatsRow        *pep_stats_row_new        (const char * const *cells,
                                              gboolean            small,
                                              gboolean            whole);
const char         *pep_stats_row_get_cell   (PepStatsRow        *self,
                                              guint               column);
const char * const *pep_stats_row_get_cells  (PepStatsRow        *self);
gboolean            pep_stats_row_is_small   (PepStatsRow        *self);
gboolean            pep_stats_row_is_whole   (PepStatsRow        *self);

G_END_DECLS
