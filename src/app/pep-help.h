/* pep-help.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The help: one HTML page per view in help/C/, opened in the browser by F1 (win.help).
 * A view says which page is its own with pep_help_set_page (); F1 shows the page of the view
 * that has the focus, or else of the window's visible page.
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void        pep_help_set_page        (GtkWidget  *view,
                                      const char *page);
const char *pep_help_get_page        (GtkWidget  *widget);
char       *pep_help_find_page       (const char *page);
void        pep_help_show            (GtkWindow  *parent,
                                      const char *page);

G_END_DECLS
