/* pep-table-cell.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The text of one cell of a table (a GtkColumnView or a GtkListView row), shown as a
 * GtkInscription shows it, which also names the cell and its row for a screen reader: the
 * row by all the cells' texts, as it reads on screen. GTK 4.8 names both by their class.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define PEP_TYPE_TABLE_CELL (pep_table_cell_get_type ())

G_DECLARE_FINAL_TYPE (PepTableCell, pep_table_cell, PEP, TABLE_CELL, GtkWidget)

GtkWidget  *pep_table_cell_new      (void);
const char *pep_table_cell_get_text (PepTableCell *self);
void        pep_table_cell_set_text (PepTableCell *self,
                                     const char   *text);

G_END_DECLS
