/* test-dashboard.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard on a demo file in a private temporary folder: it works the figures out on a
 * worker thread and shows the numbers pep_stats_compute() gives, in its tiles, charts and
 * table; the breakdown and the cohort rule change what it shows; the CSV export is the
 * table, written readable by the owner only; the main window opens it. Printing a PEP to PDF
 * makes a real PDF, and the carer copy holds no sensitive field. Runs under Xvfb (suite 'ui').
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pep-child-summary.h"
#include "pep-csv.h"
#include "pep-dashboard-window.h"
#include "pep-demo.h"
#include "pep-plan-printer.h"
#include "pep-plan-view.h"
#include "pep-privacy.h"
#include "pep-private-file.h"
#include "pep-signoff.h"
#include "pep-stats-row.h"
#include "pep-tamper-dialog.h"
#include "pep-window.h"
#include "test-util.h"

#define N_CHILDREN   150
#define WAIT_SECONDS 120

static char *tmpdir;
static char *db_path;

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* What the dashboard should show: the core's figures for the same term, rule and day. */
static GPtrArray *
expected_figures (PepDashboardWindow *window,
                  PepBreakdown        breakdown)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepCohortRule rule;
  PepTermId term;
  GPtrArray *figures;
  GDate date;

  store = pep_store_open (db_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  pep_dashboard_window_get_term (window, &term);
  pep_dashboard_window_get_rule (window, &rule);
  today (&date);
  figures = pep_stats_compute (store, &term, &rule, breakdown, &date, &error);
  g_assert_no_error (error);
  return figures;
}

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
wait_for (PepDashboardWindow *window)
{
  gint64 deadline = g_get_monotonic_time ()
                    + (gint64) (WAIT_SECONDS * test_time_scale () * G_USEC_PER_SEC);
  guint source = g_timeout_add (20, wake, NULL);

  while (pep_dashboard_window_get_busy (window))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The dashboard was still busy after %d seconds", WAIT_SECONDS);
      g_main_context_iteration (NULL, TRUE);
    }
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (source);
}

/* The main window's list and signature check done. */
static void
wait_for_main_window (PepWindow *window)
{
  gint64 deadline = g_get_monotonic_time ()
                    + (gint64) (WAIT_SECONDS * test_time_scale () * G_USEC_PER_SEC);
  guint source = g_timeout_add (20, wake, NULL);

  while (pep_window_get_busy (window))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The window was still busy after %d seconds", WAIT_SECONDS);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (source);
}

/* The file's working context, as the app makes it. */
static PepWorkContext *
open_context (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (db_path, PEP_STORE_OPEN_DEFAULT, &error);
  PepWorkContext *context;

  g_assert_no_error (error);
  context = pep_work_context_new (store, "Test", PEP_ROLE_QA_OFFICER, &error);
  g_assert_no_error (error);
  return context;
}

static PepDashboardWindow *
open_dashboard (void)
{
  g_autoptr(PepWorkContext) context = open_context ();
  PepDashboardWindow *window = pep_dashboard_window_new (NULL, context);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (window);
  g_assert_nonnull (pep_dashboard_window_get_figures (window));
  return window;
}

/* Its figures' worker done first: a task in flight holds the window until it ends. */
static void
close_window (gpointer window)
{
  if (PEP_IS_DASHBOARD_WINDOW (window))
    wait_for (window);
  else if (PEP_IS_WINDOW (window))
    wait_for_main_window (window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_wait_for_last_ref (window);
  g_assert_finalize_object (window);
}

/* Every label's text under @widget, one a line. */
static void
collect_text (GtkWidget *widget,
              GString   *out)
{
  if (GTK_IS_LABEL (widget))
    g_string_append_printf (out, "%s\n", gtk_label_get_text (GTK_LABEL (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_text (child, out);
}

static GtkWidget *
find_column_view (GtkWidget *widget)
{
  if (GTK_IS_COLUMN_VIEW (widget))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_column_view (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
assert_same_figures (const PepFigures *a,
                     const PepFigures *b)
{
  g_assert_cmpstr (a->group, ==, b->group);
  g_assert_cmpuint (a->cohort, ==, b->cohort);
  g_assert_cmpuint (a->in_place, ==, b->in_place);
  g_assert_cmpuint (a->authorised, ==, b->authorised);
  g_assert_cmpuint (a->plans, ==, b->plans);
  g_assert_cmpmem (&a->overall, sizeof a->overall, &b->overall, sizeof b->overall);
  g_assert_cmpmem (a->sections, sizeof a->sections, b->sections, sizeof b->sections);
  g_assert_cmpuint (a->sw_attended, ==, b->sw_attended);
  g_assert_cmpint (a->ppplus_allocated, ==, b->ppplus_allocated);
}

/* The rows the table shows are the core's table, cell for cell. */
static void
assert_table_matches (PepDashboardWindow *window,
                      GPtrArray          *expected)
{
  GListModel *rows = pep_dashboard_window_get_table (window);
  g_autoptr(GPtrArray) table = pep_stats_table (expected, 0);

  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, table->len - 1);
  for (guint r = 1; r < table->len; r++)
    {
      g_autoptr(PepStatsRow) row = g_list_model_get_item (rows, r - 1);
      const PepFigures *f = g_ptr_array_index (expected, r - 1);
      const char * const *cells = g_ptr_array_index (table, r);

      g_assert_true (g_strv_equal (pep_stats_row_get_cells (row), cells));
      g_assert_cmpint (pep_stats_row_is_small (row), ==,
                       f->group != NULL && pep_stats_is_small (f->cohort));
      g_assert_cmpint (pep_stats_row_is_small (row), ==, g_str_has_suffix (cells[0], " *"));
    }
}

static void
test_figures (void)
{
  PepDashboardWindow *window = open_dashboard ();
  g_autoptr(GPtrArray) expected = expected_figures (window, PEP_BREAKDOWN_NONE);
  GPtrArray *shown = pep_dashboard_window_get_figures (window);
  const PepFigures *whole = g_ptr_array_index (expected, 0);
  const PepRatingCounts *o = &whole->overall;
  g_autoptr(GString) tiles = g_string_new (NULL);
  g_autofree char *in_place = pep_stats_percent (whole->in_place, whole->cohort);
  g_autofree char *authorised = pep_stats_percent (whole->authorised, whole->cohort);
  g_autofree char *good = pep_stats_percent (o->count[PEP_RATING_GREEN] + o->count[PEP_RATING_GOLD],
                                             o->rated);
  g_autofree char *red = pep_stats_percent (o->count[PEP_RATING_RED], o->rated);
  g_autofree char *in_place_line = g_strdup_printf ("PEP in place\n%s\n%u of %u\n", in_place,
                                                    whole->in_place, whole->cohort);
  g_autofree char *authorised_line = g_strdup_printf ("Authorised\n%s\n", authorised);
  g_autofree char *good_line = g_strdup_printf ("Good or better\n%s\n", good);
  g_autofree char *red_text = g_strdup_printf ("red %s", red);
  g_autofree char *n_rated = g_strdup_printf ("%u rated", o->rated);
  const char *summary;

  g_assert_cmpuint (whole->cohort, >, 0);
  g_assert_cmpuint (o->rated, >, 0);
  g_assert_cmpuint (shown->len, ==, 1);
  assert_same_figures (g_ptr_array_index (shown, 0), whole);

  /* The tiles: each value under its name, the target, the trend in words, which way is good. */
  collect_text (pep_dashboard_window_get_scorecard (window), tiles);
  g_assert_nonnull (strstr (tiles->str, in_place_line));
  g_assert_nonnull (strstr (tiles->str, authorised_line));
  g_assert_nonnull (strstr (tiles->str, good_line));
  g_assert_nonnull (strstr (tiles->str, "Target 100.0%"));
  g_assert_nonnull (strstr (tiles->str, "High is good"));
  g_assert_nonnull (strstr (tiles->str, "Low is good"));
  g_assert_true (strstr (tiles->str, "▲ Improved") || strstr (tiles->str, "▬ Same")
                 || strstr (tiles->str, "▼ Deteriorated"));

  assert_table_matches (window, expected);

  /* The charts say in words what they draw. */
  summary = pep_chart_get_summary (pep_dashboard_window_get_chart (window, 0));
  g_assert_nonnull (strstr (summary, "Overall: "));
  g_assert_nonnull (strstr (summary, n_rated));
  g_assert_nonnull (strstr (summary, red_text));
  summary = pep_chart_get_summary (pep_dashboard_window_get_chart (window, 2));
  g_assert_nonnull (strstr (summary, "PEP in place:"));
  g_assert_nonnull (strstr (pep_chart_get_summary (pep_dashboard_window_get_chart (window, 1)),
                            n_rated));

  close_window (window);
}

static void
test_breakdown (void)
{
  PepDashboardWindow *window = open_dashboard ();
  static const PepBreakdown breakdowns[] = {
    PEP_BREAKDOWN_SCHOOL, PEP_BREAKDOWN_YEAR, PEP_BREAKDOWN_AREA, PEP_BREAKDOWN_NONE,
  };
  guint previous_rows = 1;

  for (guint i = 0; i < G_N_ELEMENTS (breakdowns); i++)
    {
      g_autoptr(GPtrArray) expected = NULL;
      GListModel *rows = pep_dashboard_window_get_table (window);
      g_autoptr(PepStatsRow) first = NULL;

      pep_dashboard_window_set_breakdown (window, breakdowns[i]);
      g_assert_true (pep_dashboard_window_get_busy (window));
      wait_for (window);

      expected = expected_figures (window, breakdowns[i]);
      assert_table_matches (window, expected);
      first = g_list_model_get_item (rows, 0);
      g_assert_cmpstr (pep_stats_row_get_cell (first, 0), ==, "Whole Virtual School");
      if (breakdowns[i] != PEP_BREAKDOWN_NONE)
        g_assert_cmpuint (g_list_model_get_n_items (rows), >, 2);
      g_assert_cmpuint (g_list_model_get_n_items (rows), !=, previous_rows);
      previous_rows = g_list_model_get_n_items (rows);
    }

  /* Bromley's rule counts another cohort. */
  pep_dashboard_window_set_cohort (window, PEP_DASHBOARD_COHORT_SCHOOL_AGE);
  wait_for (window);
  {
    g_autoptr(GPtrArray) expected = expected_figures (window, PEP_BREAKDOWN_NONE);

    assert_same_figures (g_ptr_array_index (pep_dashboard_window_get_figures (window), 0),
                         g_ptr_array_index (expected, 0));
  }

  close_window (window);
}

/* A whole academic year: the figures pep_stats_compute_year() gives, the scorecard against
 * the year before, the charts over both years' terms. The demo's three terms end this term,
 * so last academic year holds two of them and this year one. */
static void
test_year (void)
{
  PepDashboardWindow *window = open_dashboard ();
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepCohortRule rules[PEP_N_TERMS];
  PepTermId term, last_spring;
  GDate date;
  int year;

  test_current_term (&term);
  last_spring = term;
  pep_term_step (&last_spring, -2);
  store = pep_store_open (db_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  today (&date);

  for (int back = 1; back >= 0; back--)
    {
      g_autoptr(GPtrArray) expected = NULL;
      g_autoptr(GString) tiles = g_string_new (NULL);
      g_autoptr(GString) all_text = g_string_new (NULL);
      g_autofree char *spring_label = pep_term_format_long (&last_spring);
      g_autofree char *cohort_text = NULL;
      const char *summary;

      year = term.year - back;
      g_assert_true (pep_dashboard_window_set_year (window, year));
      g_assert_cmpint (pep_dashboard_window_get_year (window), ==, year);
      wait_for (window);

      pep_dashboard_window_get_rule (window, &rules[0]);
      rules[1] = rules[2] = rules[0];
      expected = pep_stats_compute_year (store, year, rules, PEP_BREAKDOWN_NONE, &date, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (((PepFigures *) g_ptr_array_index (expected, 0))->plans, >, 0);
      assert_same_figures (g_ptr_array_index (pep_dashboard_window_get_figures (window), 0),
                           g_ptr_array_index (expected, 0));
      assert_table_matches (window, expected);

      /* Before the demo's first term there is nothing to compare with. */
      collect_text (pep_dashboard_window_get_scorecard (window), tiles);
      if (last_spring.year == year)
        g_assert_nonnull (strstr (tiles->str, "No previous year"));
      else
        g_assert_nonnull (strstr (tiles->str, "Previous year "));

      /* The trend runs over the terms of both years that hold PEPs. */
      summary = pep_chart_get_summary (pep_dashboard_window_get_chart (window, 1));
      g_assert_nonnull (strstr (summary, spring_label));
      /* The cohort line says what a year counts. */
      collect_text (GTK_WIDGET (window), all_text);
      cohort_text = g_strdup_printf ("%u PEPs due across the year",
                                     ((PepFigures *) g_ptr_array_index (expected, 0))->cohort);
      g_assert_nonnull (strstr (all_text->str, cohort_text));
    }

  /* Back to a term. */
  g_assert_true (pep_dashboard_window_set_term (window, &term));
  g_assert_cmpint (pep_dashboard_window_get_year (window), ==, -1);
  wait_for (window);

  close_window (window);
}

/* Drilling down: activating a group of the table shows its children only, until Show
 * Everyone. */
static void
test_filter (void)
{
  PepDashboardWindow *window = open_dashboard ();
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autofree char *school = NULL;
  const PepFigures *before, *shown;
  guint whole_cohort;
  PepCohortRule rule;
  PepBreakdown by;
  PepTermId term;
  GDate date;

  pep_dashboard_window_set_breakdown (window, PEP_BREAKDOWN_SCHOOL);
  wait_for (window);
  before = g_ptr_array_index (pep_dashboard_window_get_figures (window), 1);
  school = g_strdup (before->group);
  whole_cohort = ((PepFigures *) g_ptr_array_index (pep_dashboard_window_get_figures (window), 0))->cohort;

  g_signal_emit_by_name (find_column_view (GTK_WIDGET (window)), "activate", 1);
  g_assert_cmpstr (pep_dashboard_window_get_filter (window, &by), ==, school);
  g_assert_cmpint (by, ==, PEP_BREAKDOWN_SCHOOL);
  wait_for (window);

  /* The whole is now that school's, as the core counts it with the filter. */
  store = pep_store_open (db_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  pep_dashboard_window_get_term (window, &term);
  pep_dashboard_window_get_rule (window, &rule);
  rule.filter_by = PEP_BREAKDOWN_SCHOOL;
  rule.filter_group = school;
  today (&date);
  expected = pep_stats_compute (store, &term, &rule, PEP_BREAKDOWN_SCHOOL, &date, &error);
  g_assert_no_error (error);
  shown = g_ptr_array_index (pep_dashboard_window_get_figures (window), 0);
  assert_same_figures (shown, g_ptr_array_index (expected, 0));
  g_assert_cmpuint (shown->cohort, <, whole_cohort);
  {
    g_autoptr(GString) text = g_string_new (NULL);
    g_autofree char *line = g_strdup_printf ("Showing only the children of %s", school);

    collect_text (GTK_WIDGET (window), text);
    g_assert_nonnull (strstr (text->str, line));
    g_assert_nonnull (strstr (text->str, "; only "));
  }

  gtk_widget_activate_action (GTK_WIDGET (window), "win.clear-filter", NULL);
  g_assert_null (pep_dashboard_window_get_filter (window, NULL));
  wait_for (window);
  shown = g_ptr_array_index (pep_dashboard_window_get_figures (window), 0);
  g_assert_cmpuint (shown->cohort, ==, whole_cohort);

  close_window (window);
}

static void
test_export_csv (void)
{
  PepDashboardWindow *window = open_dashboard ();
  g_autofree char *path = g_build_filename (tmpdir, "figures.csv", NULL);
  g_autofree char *published = g_build_filename (tmpdir, "published.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GString) csv = pep_csv_new ();
  gsize length;
  GStatBuf st;

  pep_dashboard_window_set_breakdown (window, PEP_BREAKDOWN_SCHOOL);
  wait_for (window);

  g_assert_true (pep_dashboard_window_export_csv (window, path, 0, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_true (g_str_has_prefix (contents, "\xEF\xBB\xBF" "Group,Cohort,PEP in place,In place %,"));

  /* Published: the core's table with small counts as "c", byte for byte. */
  g_assert_true (pep_dashboard_window_export_csv (window, published, 10, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (published, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (published, &contents, &length, &error));
  expected = expected_figures (window, PEP_BREAKDOWN_SCHOOL);
  table = pep_stats_table (expected, 10);
  for (guint r = 0; r < table->len; r++)
    pep_csv_add_row (csv, g_ptr_array_index (table, r));
  g_assert_cmpstr (contents, ==, csv->str);
  g_assert_nonnull (strstr (contents, ",c,"));

  /* Pseudonymised: the same rows under "School 1"…, no school named; the window still names
   * them. */
  {
    g_autofree char *shared = g_build_filename (tmpdir, "shared.csv", NULL);
    g_autofree char *first_school = g_strdup (((PepFigures *) g_ptr_array_index (expected, 1))->group);

    g_clear_pointer (&contents, g_free);
    g_assert_true (pep_dashboard_window_export_csv (window, shared, 5, TRUE, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_get_contents (shared, &contents, &length, &error));
    g_assert_nonnull (strstr (contents, "\r\nSchool 1"));   /* "School 1 *" when small */
    /* No school of the window's table is named in the file. */
    for (guint g = 1; g < expected->len; g++)
      {
        const char *name = ((PepFigures *) g_ptr_array_index (expected, g))->group;

        if (!g_str_equal (name, "No school recorded"))
          g_assert_null (strstr (contents, name));
      }
    g_assert_cmpstr (((PepFigures *) g_ptr_array_index (pep_dashboard_window_get_figures (window), 1))->group,
                     ==, first_school);
    g_assert_cmpint (g_stat (shared, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }

  close_window (window);
}

/* The main window's Dashboard action opens the dashboard on its file. */
static void
test_window_action (void)
{
  g_autoptr(GError) error = NULL;
  PepWindow *window = pep_window_new_for_path (NULL, db_path, PEP_STORE_OPEN_DEFAULT, &error);
  PepDashboardWindow *dashboard = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_no_error (error);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.dashboard", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (PEP_IS_DASHBOARD_WINDOW (toplevel))
        dashboard = PEP_DASHBOARD_WINDOW (toplevel);
    }
  g_assert_nonnull (dashboard);
  g_assert_cmpstr (pep_dashboard_window_get_path (dashboard), ==, db_path);
  g_object_ref (dashboard);
  wait_for (dashboard);
  close_window (dashboard);
  close_window (window);
}

/* A PEP of this term whose social worker recorded sensitive issues. */
static PepPlan *
find_sensitive_plan (PepStore *store)
{
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId term;

  test_current_term (&term);
  children = pep_store_list_children (store, &term, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < children->len; i++)
    {
      gint64 id = pep_child_summary_get_plan_id (g_ptr_array_index (children, i));
      g_autoptr(PepPlan) plan = NULL;
      const char *issues;

      if (id <= 0)
        continue;
      plan = pep_store_load_plan (store, id, &error);
      g_assert_no_error (error);
      issues = pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_SW_SENSITIVE_ISSUES);
      if (issues != NULL && *issues != '\0')
        return g_steal_pointer (&plan);
    }
  g_assert_not_reached ();
  return NULL;
}

/* The PDF's text, with every run of white space made one space (lines wrap anywhere). */
static char *
pdf_text (const char *pdf)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  const char *argv[] = { "pdftotext", "-enc", "UTF-8", pdf, "-", NULL };
  int status;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out,
                               NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_regex_replace_literal (spaces, out, -1, 0, " ", 0, NULL);
}

static void
assert_pdf (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 2000);
  g_assert_true (g_str_has_prefix (contents, "%PDF-"));
  /* A child's record: readable by its owner only, whatever the umask. */
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
}

static void
test_print (void)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepPlanPrinter) full = NULL;
  g_autoptr(PepPlanPrinter) carer = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *full_pdf = g_build_filename (tmpdir, "pep.pdf", NULL);
  g_autofree char *carer_pdf = g_build_filename (tmpdir, "pep-carer.pdf", NULL);
  g_autofree char *full_text = NULL;
  g_autofree char *carer_text = NULL;
  g_autofree char *issues = NULL;
  const char *family_time;
  const char *name;

  store = pep_store_open (db_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  plan = find_sensitive_plan (store);
  child = pep_store_load_child (store, pep_plan_get_child_id (plan), &error);
  g_assert_no_error (error);
  issues = g_strdup (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_SW_SENSITIVE_ISSUES));
  family_time = pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_SW_FAMILY_TIME);
  name = pep_record_get_text (child, PEP_CHILD_LEGAL_SURNAME);

  full = pep_plan_printer_new (plan, child, FALSE);
  g_assert_cmpint (pep_plan_printer_run (full, NULL, GTK_PRINT_OPERATION_ACTION_EXPORT, full_pdf,
                                         &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_pdf (full_pdf);
  g_assert_cmpuint (pep_plan_printer_get_n_pages (full), >=, 2);
  full_text = pep_plan_printer_get_text (full);
  g_assert_nonnull (strstr (full_text, issues));
  g_assert_nonnull (strstr (full_text, name));

  carer = pep_plan_printer_new (plan, child, TRUE);
  g_assert_cmpint (pep_plan_printer_run (carer, NULL, GTK_PRINT_OPERATION_ACTION_EXPORT, carer_pdf,
                                         &error), ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_no_error (error);
  assert_pdf (carer_pdf);
  carer_text = pep_plan_printer_get_text (carer);
  g_assert_null (strstr (carer_text, issues));
  g_assert_null (strstr (carer_text, "Sensitive issues"));
  if (family_time != NULL)
    g_assert_null (strstr (carer_text, family_time));
  g_assert_nonnull (strstr (carer_text, name));
  g_assert_nonnull (strstr (carer_text, "Carer copy"));
  /* Nor anything else docs/privacy.md keeps from carers (issue 15). */
  g_assert_nonnull (strstr (full_text, "Legal status"));
  g_assert_nonnull (strstr (full_text, "Placement stability"));
  for (PepTable table = 0; table < PEP_N_TABLES; table++)
    for (guint f = 0; f < pep_table_get_n_fields (table); f++)
      {
        const PepFieldInfo *info = pep_table_get_field (table, f);
        g_autofree char *label = g_strdup_printf ("\n%s: ", info->label);

        if (pep_privacy_action (PEP_XML_PROFILE_CARER, info) == PEP_PRIVACY_DROP
            && strstr (carer_text, label) != NULL)
          g_error ("the carer copy prints %s", info->name);
      }

  /* And on the paper itself. */
  if (g_find_program_in_path ("pdftotext") != NULL)
    {
      g_autofree char *on_full = pdf_text (full_pdf);
      g_autofree char *on_carer = pdf_text (carer_pdf);

      g_assert_nonnull (strstr (on_full, issues));
      g_assert_nonnull (strstr (on_full, "Sensitive issues"));
      g_assert_null (strstr (on_carer, issues));
      g_assert_null (strstr (on_carer, "Sensitive issues"));
      g_assert_null (strstr (on_carer, "Legal status"));
      g_assert_null (strstr (on_carer, "Placement stability"));
      g_assert_nonnull (strstr (on_carer, name));
    }
  else
    {
      g_test_message ("pdftotext is not installed: the PDFs' text is not read back");
    }
}

/* Every row title under @widget, one a line, to know which fields a view shows. */
static void
collect_row_titles (GtkWidget *widget,
                    GString   *titles)
{
  if (ADW_IS_PREFERENCES_ROW (widget))
    g_string_append_printf (titles, "%s\n",
                            adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)));
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_row_titles (child, titles);
}

/* The PEP view and the printed PEP show a Year 10 child's Key Stage 4 results and neither
 * EYFS nor phonics, a Year 1 child's phonics and not Attainment 8: the editor's rule. */
static void
test_print_phase (void)
{
  static const struct { int age_in_september; gboolean eyfs, phonics, a8; } cases[] = {
    { 14, FALSE, FALSE, TRUE },   /* Year 10 */
    { 5, TRUE, TRUE, FALSE },     /* Year 1 */
  };
  PepTermId term;

  test_current_term (&term);
  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr(PepPlan) plan = pep_plan_new (1, &term, PEP_KIND_SCHOOL_AGE);
      g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
      g_autoptr(PepPlanPrinter) printer = NULL;
      g_autofree char *text = NULL;
      g_autofree char *dob = NULL;
      g_autoptr(GString) shown = g_string_new (NULL);
      GtkWidget *view = g_object_ref_sink (pep_plan_view_new ());
      PepRecord *content = pep_plan_get_content (plan);
      const char *labels[] = { "EYFS good level of development", "Phonics screening mark",
                               "Attainment 8" };
      gboolean expected[] = { cases[c].eyfs, cases[c].phonics, cases[c].a8 };

      /* Born in October: in Year N when N + 4 on 1 September of the academic year. */
      dob = g_strdup_printf ("%04d-10-01", term.year - cases[c].age_in_september - 1);
      pep_record_set_text (child, PEP_CHILD_LEGAL_FORENAME, "Robin");
      pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, "Testchild");
      pep_record_set_text (child, PEP_CHILD_DOB, dob);
      g_assert_cmpint (pep_plan_get_child_nc_year (plan, child), ==, cases[c].age_in_september - 4);
      pep_record_set_bool (content, PEP_PLAN_EYFS_GLD, TRUE);
      pep_record_set_int (content, PEP_PLAN_PHONICS_MARK, 35);
      pep_record_set_real (content, PEP_PLAN_ATTAINMENT_8, 45.5);

      printer = pep_plan_printer_new (plan, child, FALSE);
      text = pep_plan_printer_get_text (printer);
      pep_plan_view_set_plan (PEP_PLAN_VIEW (view), plan, child);
      g_string_append_c (shown, '\n');
      collect_row_titles (view, shown);
      for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
        {
          g_autofree char *line = g_strdup_printf ("\n%s\n", labels[i]);
          g_autofree char *printed = g_strdup_printf ("%s: ", labels[i]);

          if (expected[i] != (strstr (text, printed) != NULL))
            g_error ("the printed PEP of a Year %d child %s %s", cases[c].age_in_september - 4,
                     expected[i] ? "lacks" : "shows", labels[i]);
          if (expected[i] != (strstr (shown->str, line) != NULL))
            g_error ("the PEP view of a Year %d child %s %s", cases[c].age_in_september - 4,
                     expected[i] ? "lacks" : "shows", labels[i]);
        }
      g_object_unref (view);
    }
}

/* "Print to File": the print dialog's settings name the file; before a page is drawn it is
 * made 0600 (or narrowed, when someone left one readable by others there), and GTK's file
 * printer then writes it with GIO's replace, as here, which keeps that mode (issue 15). */
static void
test_print_to_file (void)
{
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (tmpdir, i == 0 ? "printed.pdf" : "printed-over.pdf", NULL);
      g_autofree char *uri = g_filename_to_uri (path, NULL, NULL);
      g_autoptr(GtkPrintSettings) settings = gtk_print_settings_new ();
      g_autoptr(GFile) file = g_file_new_for_path (path);
      g_autoptr(GFileOutputStream) stream = NULL;
      GStatBuf st;

      if (i == 1)
        {
          g_assert_true (g_file_set_contents (path, "old", -1, NULL));
          g_assert_cmpint (g_chmod (path, 0644), ==, 0);
        }
      gtk_print_settings_set (settings, GTK_PRINT_SETTINGS_OUTPUT_URI, uri);
      g_assert_true (pep_plan_printer_prepare_output (settings, &error));
      g_assert_no_error (error);
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);

      /* What gtkprintbackendfile.c does with the output URI. */
      stream = g_file_replace (file, NULL, FALSE, G_FILE_CREATE_NONE, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_output_stream_write_all (G_OUTPUT_STREAM (stream), "%PDF-1.5", 8, NULL, NULL, &error));
      g_assert_true (g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, &error));
      g_assert_cmpint (g_stat (path, &st), ==, 0);
      g_assert_cmpint (st.st_mode & 0777, ==, 0600);
    }
}

/* pepctl stats on the file, its JSON. */
static char *
pepctl_stats_json (const char *term)
{
  const char *argv[] = { g_getenv ("PEPCTL"), "stats", db_path, "--term", term, "--json", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status;

  g_assert_nonnull (argv[0]);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* Makes @own the file's own profile, as another program would. */
static void
import_own (PepAuthority *own)
{
  g_autofree char *xml = pep_authority_to_xml (own, TRUE);
  g_autofree char *path = g_build_filename (tmpdir, "own.xml", NULL);
  const char *argv[] = { g_getenv ("PEPCTL"), "authority", db_path, "import", "--as-own", path, NULL };
  g_autoptr(GError) error = NULL;
  int status;

  g_assert_true (g_file_set_contents (path, xml, -1, &error));
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_unlink (path);
}

static const char * const cohort_names[] = {
  "cohort", "in_place", "meeting_held", "completed_in_time", "authorised", "overdue",
  "overdue_statutory", "school_changes", "school_change_overdue", "plans",
};

/* The whole's cohort figures, name by name, as the dashboard holds them. */
static char *
cohort_text (const PepFigures *f)
{
  guint values[] = { f->cohort, f->in_place, f->meeting_held, f->completed_in_time,
                     f->authorised, f->overdue, f->overdue_statutory, f->school_changes,
                     f->school_change_overdue, f->plans };
  GString *text = g_string_new (NULL);

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (cohort_names));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    g_string_append_printf (text, "%s %u; ", cohort_names[i], values[i]);
  return g_string_free (text, FALSE);
}

/* The same, as pepctl's JSON has them (its first group is the whole). */
static char *
cohort_text_of_json (const char *json)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cohort_names); i++)
    {
      g_autofree char *path = g_strdup_printf ("$.groups[0].%s", cohort_names[i]);

      g_string_append_printf (text, "%s %" G_GINT64_FORMAT "; ", cohort_names[i],
                              test_json_int (json, path));
    }
  return g_string_free (text, FALSE);
}

/* The dashboard's figures are pepctl stats' for the same file: both read the authority's
 * rules from the file, and follow a change of them. */
static void
test_same_as_pepctl (void)
{
  g_autoptr(PepWorkContext) context = open_context ();
  g_autoptr(PepAuthority) own = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *term_text = NULL;
  g_autofree char *before = NULL;
  PepDashboardWindow *window;
  PepTermId term;
  GDate first, last, deadline;

  test_current_term (&term);
  term_text = pep_term_format (&term);

  window = pep_dashboard_window_new (NULL, context);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (window);
  before = cohort_text (g_ptr_array_index (pep_dashboard_window_get_figures (window), 0));
  {
    g_autofree char *json = pepctl_stats_json (term_text);
    g_autofree char *theirs = cohort_text_of_json (json);

    g_assert_cmpstr (theirs, ==, before);
  }

  /* The head sets this term's deadline to its tenth school day and shorter clocks, from
   * another program (pepctl authority import --as-own): the dashboard on the file counts
   * by them, and pepctl counts the same. */
  own = pep_authority_copy (pep_work_context_get_own (context));
  pep_authority_school_days (own, &term, &first, &last);
  pep_authority_add_days (own, &first, 10, PEP_DAYS_WORKING, &deadline);
  g_assert_true (pep_authority_set_term (own, &term, NULL, NULL, &deadline, &error));
  g_assert_true (pep_authority_set_days (own, 5, PEP_DAYS_SCHOOL, 3, PEP_DAYS_SCHOOL, 10, &error));
  import_own (own);
  close_window (window);
  g_clear_object (&context);
  context = open_context ();
  g_assert_cmpuint (pep_authority_get_new_to_care_days (pep_work_context_get_own (context)), ==, 5);
  window = pep_dashboard_window_new (NULL, context);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for (window);
  {
    g_autofree char *after = cohort_text (g_ptr_array_index (pep_dashboard_window_get_figures (window), 0));
    g_autofree char *json = pepctl_stats_json (term_text);
    g_autofree char *theirs = cohort_text_of_json (json);

    g_assert_cmpstr (after, !=, before);
    g_assert_cmpstr (theirs, ==, after);
  }
  /* One authority at a time: one the file has no profile of is refused. */
  g_assert_false (pep_dashboard_window_set_authority (window, "123"));
  g_assert_true (pep_dashboard_window_set_authority (window, "999"));
  wait_for (window);

  /* Another authority's profile in the file: its figures count its children only (none
   * here), as pepctl stats --authority counts them. */
  {
    g_autoptr(PepAuthority) other = pep_authority_new ();
    g_autofree char *xml = NULL;
    g_autofree char *other_path = g_build_filename (tmpdir, "other.xml", NULL);
    const char *argv[] = { g_getenv ("PEPCTL"), "authority", db_path, "import", other_path, NULL };
    int status;

    g_assert_true (pep_authority_set_la_code (other, "208", NULL));
    pep_authority_set_name (other, "Example Borough");
    xml = pep_authority_to_xml (other, TRUE);
    g_assert_true (g_file_set_contents (other_path, xml, -1, NULL));
    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL, NULL,
                  &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    close_window (window);
    g_clear_object (&context);
    context = open_context ();
    window = pep_dashboard_window_new (NULL, context);
    g_object_ref (window);
    gtk_window_present (GTK_WINDOW (window));
    wait_for (window);
    g_assert_true (pep_dashboard_window_set_authority (window, "208"));
    wait_for (window);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index (pep_dashboard_window_get_figures (window), 0))->cohort, ==, 0);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index (pep_dashboard_window_get_figures (window), 0))->plans, ==, 0);
    g_assert_true (pep_dashboard_window_set_authority (window, NULL));
    wait_for (window);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index (pep_dashboard_window_get_figures (window), 0))->cohort, >, 0);
  }

  /* Put back for the other tests. */
  g_clear_object (&own);
  own = pep_authority_copy (pep_work_context_get_own (context));
  g_assert_true (pep_authority_set_term (own, &term, NULL, NULL, NULL, NULL));
  g_assert_true (pep_authority_set_days (own, 20, PEP_DAYS_WORKING, 10, PEP_DAYS_WORKING, 10, NULL));
  import_own (own);
  close_window (window);
}

/* A file with three signed-off PEPs edited with sqlite3 behind the lock's back: once the main
 * window's check has found them, the dashboard says how many no figure counts as authorised,
 * and Show lists them as the main window's banner does, a row opening its PEP there. */
static void
test_changed_after_sign_off (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "tampered.db", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *attack = NULL;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepWorkContext) context = NULL;
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  PepDashboardWindow *dashboard;
  PepTamperDialog *dialog = NULL;
  PepWindow *window;
  GPtrArray *tampered;
  GList *toplevels;
  gint64 first;
  gsize length;

  g_assert_true (g_file_get_contents (db_path, &contents, &length, &error));
  g_assert_no_error (error);
  test_write_file (path, contents, length);
  test_drop_lock_triggers (path);
  test_sql_exec (path, "UPDATE plan SET voice_hopes = 'Rewritten after sign-off' WHERE id IN "
                       "(SELECT id FROM plan WHERE status = 'signed-off' ORDER BY id LIMIT 3)");

  /* The main window checks every signature as it opens the file, and records what it finds. */
  window = pep_window_new_for_path (NULL, path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_main_window (window);
  g_assert_cmpuint (pep_window_get_tampered (window)->len, ==, 3);
  first = ((PepTamperedPlan *) g_ptr_array_index (pep_window_get_tampered (window), 0))->plan_id;

  store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  context = pep_work_context_new (store, "Test", PEP_ROLE_QA_OFFICER, &error);
  g_assert_no_error (error);
  dashboard = pep_dashboard_window_new (NULL, context);
  g_object_ref (dashboard);
  gtk_window_present (GTK_WINDOW (dashboard));
  wait_for (dashboard);

  tampered = pep_dashboard_window_get_tampered (dashboard);
  g_assert_nonnull (tampered);
  g_assert_cmpuint (tampered->len, ==, 3);
  for (guint i = 0; i < tampered->len; i++)
    {
      PepTamperedPlan *plan = g_ptr_array_index (tampered, i);

      g_assert_cmpint (plan->seal, ==, PEP_SEAL_CHANGED);
      g_assert_nonnull (plan->child);
      g_assert_nonnull (plan->term);
    }
  collect_text (GTK_WIDGET (dashboard), text);
  g_assert_nonnull (strstr (text->str, "3 PEPs changed after sign-off are counted as authorised in no figure\n"));

  /* Show lists them; a row opens its PEP in the main window. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dashboard), "win.show-tampered", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PEP_IS_TAMPER_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (pep_tamper_dialog_get_n_rows (dialog), ==, 3);
  g_signal_emit_by_name (dialog, "open-plan", first);
  wait_for_main_window (window);
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "plan");

  close_window (dashboard);
  close_window (window);
}

int
main (int    argc,
      char **argv)
{
  int status;

  /* Files must be private whatever the umask: test under the usual one, which is not. */
  umask (022);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmpdir = test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "dashboard.db", NULL);
  g_object_unref (test_make_demo_file (db_path, N_CHILDREN, 3));

  g_test_add_func ("/pep/dashboard/figures", test_figures);
  g_test_add_func ("/pep/dashboard/same-as-pepctl", test_same_as_pepctl);
  g_test_add_func ("/pep/dashboard/breakdown", test_breakdown);
  g_test_add_func ("/pep/dashboard/year", test_year);
  g_test_add_func ("/pep/dashboard/filter", test_filter);
  g_test_add_func ("/pep/dashboard/export-csv", test_export_csv);
  g_test_add_func ("/pep/dashboard/window-action", test_window_action);
  g_test_add_func ("/pep/dashboard/changed-after-sign-off", test_changed_after_sign_off);
  g_test_add_func ("/pep/dashboard/print", test_print);
  g_test_add_func ("/pep/dashboard/print-phase", test_print_phase);
  g_test_add_func ("/pep/dashboard/print-to-file", test_print_to_file);

  status = g_test_run ();
  test_remove_tree (tmpdir);
  g_free (db_path);
  g_free (tmpdir);
  return status;
}
