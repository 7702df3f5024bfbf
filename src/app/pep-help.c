/* pep-help.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages are plain HTML, installed to PKGDATADIR/help/LANG/ (C is British English) and
 * read from the source folder's help/ when PEP Studio runs from its build folder. The page
 * in the user's language is shown when there is one.
 *
 * Pages today: index, child-list, pep, editor, qa, preferences. A new view calls
 * pep_help_set_page (GTK_WIDGET (self), "its-page") in its init and adds help/C/its-page.html
 * to help/meson.build.
 */

#define G_LOG_DOMAIN "pep-help"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pep-dirs.h"
#include "pep-help.h"

#define HELP_PAGE_KEY "pep-help-page"

/**
 * pep_help_set_page:
 * @view: a view: a page of the window, a dialog
 * @page: (nullable): the name of its help page, without ".html"
 */
void
pep_help_set_page (GtkWidget  *view,
                   const char *page)
{
  g_return_if_fail (GTK_IS_WIDGET (view));

  g_object_set_data_full (G_OBJECT (view), HELP_PAGE_KEY, g_strdup (page), g_free);
}

/**
 * pep_help_get_page:
 * @widget: (nullable): a widget inside a view
 *
 * Returns: (nullable): the help page of the innermost view holding @widget
 */
const char *
pep_help_get_page (GtkWidget *widget)
{
  for (; widget != NULL; widget = gtk_widget_get_parent (widget))
    {
      const char *page = g_object_get_data (G_OBJECT (widget), HELP_PAGE_KEY);

      if (page != NULL)
        return page;
    }

  return NULL;
}

/**
 * pep_help_find_page:
 * @page: a page name, such as "child-list"
 *
 * Returns: (nullable) (transfer full): the file of @page in the user's language, or in
 *   British English, or %NULL when the help is not there
 */
char *
pep_help_find_page (const char *page)
{
  const char * const *languages = g_get_language_names ();
  g_autofree char *file_name = NULL;

  g_return_val_if_fail (page != NULL, NULL);

  file_name = g_strconcat (page, ".html", NULL);
  for (guint i = 0; languages[i] != NULL; i++)
    {
      g_autofree char *path = NULL;

      /* "C" comes last in the list, so British English is the fallback. */
      if (strchr (languages[i], '.') != NULL || strchr (languages[i], '@') != NULL)
        continue;
      path = g_build_filename (pep_dirs_get_help_dir (), languages[i], file_name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        return g_steal_pointer (&path);
    }

  return NULL;
}

/**
 * pep_help_show:
 * @parent: (nullable): the window asking
 * @page: a page name; an unknown page shows the index
 *
 * Opens the page in the user's browser.
 */
void
pep_help_show (GtkWindow  *parent,
               const char *page)
{
  g_autofree char *path = NULL;
  g_autofree char *uri = NULL;

  g_return_if_fail (parent == NULL || GTK_IS_WINDOW (parent));
  g_return_if_fail (page != NULL);

  path = pep_help_find_page (page);
  if (path == NULL)
    path = pep_help_find_page ("index");
  if (path == NULL)
    {
      g_message ("The help is not installed (looked in %s)", pep_dirs_get_help_dir ());
      return;
    }

  uri = g_filename_to_uri (path, NULL, NULL);
  gtk_show_uri (parent, uri, GDK_CURRENT_TIME);
}
