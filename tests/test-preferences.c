/* test-preferences.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The preferences window is bound to GSettings both ways: a key set shows in its row, a row
 * changed sets its key; dates are shown as DD/MM/YYYY and kept as YYYY-MM-DD; what is not a
 * date is marked and not kept. Also the school-closures parser, the help pages for F1 and
 * the recent-files menu. Runs under Xvfb with the memory settings backend (suite 'ui').
 */

#include "config.h"

#include <adwaita.h>

#include "pep-application.h"
#include "pep-calendar.h"
#include "pep-help.h"
#include "pep-preferences-window.h"
#include "pep-settings.h"
#include "pep-term.h"

/* The first row (or other widget) under @widget whose "title" is @title. */
static GtkWidget *
find_titled (GtkWidget  *widget,
             GType       type,
             const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type)
      && g_object_class_find_property (G_OBJECT_GET_CLASS (widget), "title") != NULL)
    {
      g_autofree char *widget_title = NULL;

      g_object_get (widget, "title", &widget_title, NULL);
      if (g_strcmp0 (widget_title, title) == 0)
        return widget;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_titled (child, type, title);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static GtkWidget *
find_first (GtkWidget *widget,
            GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_first (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
set_text (GtkWidget  *row,
          const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  iterate ();
}

static void
test_preferences_bindings (void)
{
  g_autoptr(GSettings) settings = pep_settings_new ();
  g_auto(GStrv) closures = NULL;
  g_autofree char *text = NULL;
  PepPreferencesWindow *window;
  GtkWidget *root, *row, *spin;

  g_assert_nonnull (settings);
  window = pep_preferences_window_new (NULL, settings);
  g_object_ref_sink (window);
  gtk_window_present (GTK_WINDOW (window));
  iterate ();
  root = GTK_WIDGET (window);
  g_assert_true (pep_preferences_window_get_settings (window) == settings);

  /* A date typed is kept as YYYY-MM-DD; a key set shows as DD/MM/YYYY. */
  row = find_titled (root, ADW_TYPE_ENTRY_ROW, "Autumn term starts");
  g_assert_nonnull (row);
  set_text (row, "3/9/2025");
  text = g_settings_get_string (settings, "autumn-term-start");
  g_assert_cmpstr (text, ==, "2025-09-03");
  g_clear_pointer (&text, g_free);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "3/9/2025");
  g_assert_false (gtk_widget_has_css_class (row, "error"));

  /* Not a date: marked, and the key keeps the last good date. */
  set_text (row, "31/02/2025");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  text = g_settings_get_string (settings, "autumn-term-start");
  g_assert_cmpstr (text, ==, "2025-09-03");
  g_clear_pointer (&text, g_free);

  /* Empty is the built-in rule. */
  set_text (row, "");
  g_assert_false (gtk_widget_has_css_class (row, "error"));
  text = g_settings_get_string (settings, "autumn-term-start");
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  g_settings_set_string (settings, "spring-term-end", "2026-04-02");
  iterate ();
  row = find_titled (root, ADW_TYPE_ENTRY_ROW, "Spring term ends");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "02/04/2026");

  g_settings_set_string (settings, "summer-deadline", "2026-07-10");
  iterate ();
  row = find_titled (root, ADW_TYPE_ENTRY_ROW, "Summer PEPs due by");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, "10/07/2026");

  /* School closures: dates and ranges. */
  row = find_titled (root, ADW_TYPE_ENTRY_ROW, "Closures");
  set_text (row, "27/10/2025..31/10/2025, 2026-02-16");
  closures = g_settings_get_strv (settings, "school-closures");
  g_assert_cmpuint (g_strv_length (closures), ==, 2);
  g_assert_cmpstr (closures[0], ==, "2025-10-27..2025-10-31");
  g_assert_cmpstr (closures[1], ==, "2026-02-16");
  set_text (row, "31/10/2025..27/10/2025");
  g_assert_true (gtk_widget_has_css_class (row, "error"));

  /* Your name and role. */
  row = find_titled (root, ADW_TYPE_ENTRY_ROW, "Your name");
  set_text (row, "Ann Example");
  text = g_settings_get_string (settings, "user-name");
  g_assert_cmpstr (text, ==, "Ann Example");
  g_clear_pointer (&text, g_free);

  row = find_titled (root, ADW_TYPE_COMBO_ROW, "Your role");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 3);
  text = g_settings_get_string (settings, "role");
  g_assert_cmpstr (text, ==, "qa-officer");
  g_clear_pointer (&text, g_free);
  g_settings_set_string (settings, "role", "carer");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);

  /* Choices kept as the schema's nicks. */
  row = find_titled (root, ADW_TYPE_COMBO_ROW, "Export profile");
  g_settings_set_string (settings, "export-profile", "pseudonymised");
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 2);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  text = g_settings_get_string (settings, "export-profile");
  g_assert_cmpstr (text, ==, "carer");
  g_clear_pointer (&text, g_free);

  row = find_titled (root, ADW_TYPE_COMBO_ROW, "Count the days as");
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
  text = g_settings_get_string (settings, "school-change-day-basis");
  g_assert_cmpstr (text, ==, "school-days");
  g_clear_pointer (&text, g_free);

  /* Numbers. */
  row = find_titled (root, ADW_TYPE_ACTION_ROW, "Review after a change of school");
  spin = find_first (row, GTK_TYPE_SPIN_BUTTON);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 10);
  g_settings_set_uint (settings, "school-change-days", 20);
  g_assert_cmpfloat (gtk_spin_button_get_value (GTK_SPIN_BUTTON (spin)), ==, 20);
  row = find_titled (root, ADW_TYPE_ACTION_ROW, "Follow-up actions due after");
  spin = find_first (row, GTK_TYPE_SPIN_BUTTON);
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), 15);
  g_assert_cmpuint (g_settings_get_uint (settings, "follow-up-days"), ==, 15);

  /* The rubric row says what is used, and Reset is there only for a file of one's own. */
  row = find_titled (root, ADW_TYPE_ACTION_ROW, "Rubric");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "The rubric built into PEP Studio");
  g_assert_false (gtk_widget_get_sensitive (find_first (row, GTK_TYPE_BUTTON)));
  g_settings_set_string (settings, "rubric-file", "/srv/rubrics/our-rubric.xml");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==,
                   "/srv/rubrics/our-rubric.xml");
  g_assert_true (gtk_widget_get_sensitive (find_first (row, GTK_TYPE_BUTTON)));
  gtk_widget_activate_action (GTK_WIDGET (window), "prefs.reset-rubric", NULL);
  text = g_settings_get_string (settings, "rubric-file");
  g_assert_cmpstr (text, ==, "");
  g_clear_pointer (&text, g_free);

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_assert_finalize_object (window);
}

static void
test_preferences_closures (void)
{
  g_auto(GStrv) closures = NULL;

  g_assert_true (pep_preferences_parse_closures ("", &closures));
  g_assert_cmpuint (g_strv_length (closures), ==, 0);
  g_clear_pointer (&closures, g_strfreev);

  g_assert_true (pep_preferences_parse_closures (" 2025-12-01 ; 16/02/2026..20/02/2026,", &closures));
  g_assert_cmpuint (g_strv_length (closures), ==, 2);
  g_assert_cmpstr (closures[0], ==, "2025-12-01");
  g_assert_cmpstr (closures[1], ==, "2026-02-16..2026-02-20");
  g_clear_pointer (&closures, g_strfreev);

  g_assert_false (pep_preferences_parse_closures ("half term", &closures));
  g_assert_false (pep_preferences_parse_closures ("20/02/2026..16/02/2026", &closures));
  g_assert_false (pep_preferences_parse_closures ("16/02/2026..", &closures));
  g_assert_false (pep_preferences_parse_closures ("30/02/2026", &closures));
}

static void
test_help_pages (void)
{
  const char *pages[] = { "index", "child-list", "pep", "editor", "qa", "dashboard", "preferences" };
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *inner = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *label = gtk_label_new ("x");

  g_object_ref_sink (box);
  for (guint i = 0; i < G_N_ELEMENTS (pages); i++)
    {
      g_autofree char *path = pep_help_find_page (pages[i]);

      g_assert_nonnull (path);
      g_assert_true (g_str_has_suffix (path, ".html"));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
    }
  g_assert_null (pep_help_find_page ("no-such-page"));

  /* F1 asks the innermost view holding the focus. */
  gtk_box_append (GTK_BOX (box), inner);
  gtk_box_append (GTK_BOX (inner), label);
  g_assert_null (pep_help_get_page (label));
  pep_help_set_page (box, "child-list");
  g_assert_cmpstr (pep_help_get_page (label), ==, "child-list");
  pep_help_set_page (inner, "pep");
  g_assert_cmpstr (pep_help_get_page (label), ==, "pep");
  g_assert_cmpstr (pep_help_get_page (box), ==, "child-list");
  g_assert_null (pep_help_get_page (NULL));

  g_assert_finalize_object (box);
}

/* The application hands the term dates and school closures to the core as soon as they
 * change, so that figures counted in school days use them. */
static void
test_settings_take_effect (void)
{
  g_autoptr(PepApplication) app = pep_application_new ();
  g_autoptr(GSettings) settings = pep_settings_new ();
  static const char *half_term[] = { "2025-10-27..2025-10-31", NULL };
  static const PepTermId autumn = { 2025, PEP_TERM_AUTUMN };
  g_autoptr(GError) error = NULL;
  GDate day, first, last;

  /* Closures set before the app starts are in effect from the start. */
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 29, G_DATE_OCTOBER, 2025);
  pep_calendar_clear_closures ();
  g_settings_set_strv (settings, "school-closures", half_term);
  g_assert_true (pep_calendar_is_term_day (&day));
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE | G_APPLICATION_HANDLES_OPEN);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  g_assert_false (pep_calendar_is_term_day (&day));

  g_settings_reset (settings, "school-closures");
  g_settings_reset (settings, "autumn-term-start");
  iterate ();
  g_assert_true (pep_calendar_is_term_day (&day));

  g_settings_set_strv (settings, "school-closures", half_term);
  g_settings_set_string (settings, "autumn-term-start", "2025-09-03");
  iterate ();
  g_assert_false (pep_calendar_is_term_day (&day));
  pep_term_bounds (&autumn, &first, &last);
  g_assert_cmpint (g_date_get_day (&first), ==, 3);

  g_settings_reset (settings, "school-closures");
  g_settings_reset (settings, "autumn-term-start");
  iterate ();
  g_assert_true (pep_calendar_is_term_day (&day));
  pep_term_bounds (&autumn, &first, &last);
  g_assert_cmpint (g_date_get_day (&first), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pep/preferences/bindings", test_preferences_bindings);
  g_test_add_func ("/pep/preferences/closures", test_preferences_closures);
  g_test_add_func ("/pep/preferences/settings-take-effect", test_settings_take_effect);
  g_test_add_func ("/pep/help/pages", test_help_pages);

  return g_test_run ();
}
