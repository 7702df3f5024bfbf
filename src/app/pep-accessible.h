/* pep-accessible.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a screen reader hears, where GTK 4.8 and libadwaita 1.2 leave it unsaid: icons as
 * decoration, names for the toolkit's own parts (the list inside a drop-down, a column
 * view's titles and their sort order), and announcements (README, Accessibility).
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void pep_accessible_init            (void);
void pep_accessible_label           (GtkWidget   *widget,
                                     const char  *label);
void pep_accessible_describe        (GtkWidget   *widget,
                                     const char  *description);
void pep_accessible_fix_tree        (GtkWidget   *root);
void pep_accessible_announce        (GtkWidget   *widget,
                                     const char  *text);
void pep_accessible_set_error       (GtkWidget   *field,
                                     const char  *message);
GtkWidget *pep_accessible_find_cell (GtkWidget *child);
void pep_accessible_name_cell       (GtkWidget   *child,
                                     const char  *text,
                                     const char  *row_text);
void pep_accessible_label_list      (GtkWidget   *container,
                                     const char  *label);
void pep_accessible_focus_rows      (GtkColumnView *view);
void pep_accessible_label_table     (GtkColumnView *view,
                                     const char    *label);

G_END_DECLS
