/* test-i18n.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The Welsh translation, as an uninstalled PEP Studio finds it (the build folder's po/):
 * the main window on an empty file shows Welsh, and so do the core's section names, field
 * labels and roles. Runs under Xvfb (suite 'ui').
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <locale.h>

#include "pep-dirs.h"
#include "pep-field.h"
#include "pep-types.h"
#include "pep-window.h"
#include "test-util.h"

/* The titles of every status page in @widget. */
static void
collect_titles (GtkWidget *widget,
                GPtrArray *titles)
{
  if (ADW_IS_STATUS_PAGE (widget))
    g_ptr_array_add (titles, (gpointer) adw_status_page_get_title (ADW_STATUS_PAGE (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_titles (child, titles);
}

static void
test_i18n_uninstalled (void)
{
  g_autofree char *mo = NULL;

  g_assert_true (pep_dirs_running_uninstalled ());
  g_assert_cmpstr (pep_dirs_get_locale_dir (), ==, BUILD_LOCALEDIR);
  mo = g_build_filename (pep_dirs_get_locale_dir (), "cy", "LC_MESSAGES",
                         GETTEXT_PACKAGE ".mo", NULL);
  g_assert_true (g_file_test (mo, G_FILE_TEST_IS_REGULAR));
}

static void
test_i18n_core (void)
{
  g_assert_cmpstr (_("No Children Yet"), ==, "Dim plant eto");
  g_assert_cmpstr (pep_section_to_label (PEP_SECTION_TARGETS), ==, "Targedau");
  g_assert_cmpstr (pep_role_to_label (PEP_ROLE_SOCIAL_WORKER), ==, "Gweithiwr cymdeithasol");
  g_assert_cmpstr (pep_status_to_label (PEP_STATUS_DRAFT), ==, "Drafft");
}

static void
test_i18n_window (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "empty.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) titles = g_ptr_array_new ();
  PepWindow *window;

  window = pep_window_new_for_path (NULL, path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  while (pep_window_get_busy (window) || g_strcmp0 (pep_window_get_visible_page (window), "empty") != 0)
    g_main_context_iteration (NULL, TRUE);
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* The window's template is read in Welsh: the empty page, the no-results page. */
  collect_titles (GTK_WIDGET (window), titles);
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "Dim plant eto", g_str_equal, NULL));
  g_assert_true (g_ptr_array_find_with_equal_func (titles, "Dim canlyniadau", g_str_equal, NULL));
  g_assert_false (g_ptr_array_find_with_equal_func (titles, "No Children Yet", g_str_equal, NULL));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "PEP Studio");

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_wait_for_last_ref (window);
  g_assert_finalize_object (window);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* As PEP Studio's main () does, with Welsh asked for as a user without a generated Welsh
   * locale asks for it: LANG names Welsh, which glibc cannot set, and nothing else. */
  g_unsetenv ("LC_ALL");
  g_unsetenv ("LC_MESSAGES");
  g_unsetenv ("LANGUAGE");
  g_setenv ("LANG", "cy_GB.UTF-8", TRUE);
  g_setenv ("LOCPATH", "/nonexistent", TRUE);
  gtk_disable_setlocale ();
  pep_dirs_init_locale ();
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pep/i18n/uninstalled", test_i18n_uninstalled);
  g_test_add_func ("/pep/i18n/core", test_i18n_core);
  g_test_add_func ("/pep/i18n/window", test_i18n_window);

  return g_test_run ();
}
