/* pep-stats-row.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-stats-row"

#include "config.h"

#include "pep-stats-row.h"

struct _PepStatsRow
{
  GObject   parent_instance;

  /* Plain state */
  GStrv     cells;
  gboolean  small;
  gboolean  whole;
};

G_DEFINE_FINAL_TYPE (PepStatsRow, pep_stats_row, G_TYPE_OBJECT)

static void
pep_stats_row_finalize (GObject *object)
{
  PepStatsRow *self = PEP_STATS_ROW (object);

  g_strfreev (self->cells);

  G_OBJECT_CLASS (pep_stats_row_parent_class)->finalize (object);
}

static void
pep_stats_row_class_init (PepStatsRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pep_stats_row_finalize;
}

static void
pep_stats_row_init (PepStatsRow *self)
{
}

/**
 * pep_stats_row_new:
 * @cells: the row's cells, %NULL-terminated
 * @small: whether the group is too small for its percentages to mean much
 * @whole: whether the row is the whole Virtual School
 */
PepStatsRow *
pep_stats_row_new (const char * const *cells,
                   gboolean            small,
                   gboolean            whole)
{
  PepStatsRow *self;

  g_return_val_if_fail (cells != NULL, NULL);

  self = g_object_new (PEP_TYPE_STATS_ROW, NULL);
  self->cells = g_strdupv ((char **) cells);
  self->small = small;
  self->whole = whole;
  return self;
}

/**
 * pep_stats_row_get_cell:
 *
 * Returns: (nullable): the text of @column, or %NULL past the last column
 */
const char *
pep_stats_row_get_cell (PepStatsRow *self,
                        guint        column)
{
  g_return_val_if_fail (PEP_IS_STATS_ROW (self), NULL);

  if (column >= g_strv_length (self->cells))
    return NULL;
  return self->cells[column];
}

const char * const *
pep_stats_row_get_cells (PepStatsRow *self)
{
  g_return_val_if_fail (PEP_IS_STATS_ROW (self), NULL);

  return (const char * const *) self->cells;
}

gboolean
pep_stats_row_is_small (PepStatsRow *self)
{
  g_return_val_if_fail (PEP_IS_STATS_ROW (self), FALSE);

  return self->small;
}

gboolean
pep_stats_row_is_whole (PepStatsRow *self)
{
  g_return_val_if_fail (PEP_IS_STATS_ROW (self), FALSE);

  return self->whole;
}
