/* test-window.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The main window on real files in a private temporary folder: the list is read on a
 * worker thread and shows every child, search narrows it, Enter opens the child's page and
 * from there their PEP opens in the editor, an empty
 * file shows the status page, demo data can be loaded, and a foreign file is refused and
 * left byte for byte as it was. Runs under Xvfb (suite 'ui').
 */

#include "config.h"

#include <glib/gstdio.h>

#include <adwaita.h>
#include <sqlite3.h>
#include <string.h>

#include "pep-application.h"
#include "pep-child-history.h"
#include "pep-child-name.h"
#include "pep-child-summary.h"
#include "pep-demo.h"
#include "pep-history-dialog.h"
#include "pep-owner-dialog.h"
#include "pep-signoff.h"
#include "pep-tamper-dialog.h"
#include "pep-window.h"
#include "test-util.h"

#define N_CHILDREN     120
#define WAIT_SECONDS   60

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main loop until the window has finished reading, writing and filtering. */
static void
wait_for_window (PepWindow *window)
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

  /* Let the list draw once. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_source_remove (source);
}

static PepWindow *
open_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  PepWindow *window;

  window = pep_window_new_for_path (NULL, path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (PEP_IS_WINDOW (window));

  /* GTK owns toplevels; keep our own reference to check the window is freed. */
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_window (window);

  return window;
}

/* Its background work (a reload after an action, the signature check) done first: a task
 * in flight holds the window until it ends, and the test would race it. */
static void
close_window (PepWindow *window)
{
  wait_for_window (window);
  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_wait_for_last_ref (window);
  g_assert_finalize_object (window);
}

/* A child whose name matches no other child's, and who has a PEP this term. */
static PepChildSummary *
find_unique_child (GPtrArray *children)
{
  for (guint i = 0; i < children->len; i++)
    {
      PepChildSummary *candidate = g_ptr_array_index (children, i);
      g_autofree char *folded = g_utf8_casefold (pep_child_summary_get_name (candidate), -1);
      guint n_matches = 0;

      if (pep_child_summary_get_plan_id (candidate) == 0)
        continue;

      for (guint j = 0; j < children->len; j++)
        if (pep_child_summary_matches (g_ptr_array_index (children, j), folded))
          n_matches++;

      if (n_matches == 1)
        return g_object_ref (candidate);
    }

  return NULL;
}

static void
test_window_list (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepStore) store = test_make_demo_file (path, N_CHILDREN, 2);
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(PepChildSummary) chosen = NULL;
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *display_name = NULL;
  GListModel *history;
  PepChildSummary *shown;
  PepWindow *window;
  GListModel *model;
  const char *title;
  gint64 n_children;
  PepTermId term;

  n_children = pep_store_count (store, PEP_TABLE_CHILD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_children, ==, N_CHILDREN);

  window = open_window (path);
  model = pep_window_get_children_model (window);

  /* Every child is listed, once the worker thread has read them. */
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "children");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, (guint) n_children);
  shown = g_list_model_get_item (model, 0);
  g_assert_true (PEP_IS_CHILD_SUMMARY (shown));
  g_object_unref (shown);

  /* Search by name finds exactly that child. */
  test_current_term (&term);
  children = pep_store_list_children (store, &term, &error);
  g_assert_no_error (error);
  chosen = find_unique_child (children);
  g_assert_nonnull (chosen);

  pep_window_set_search_text (window, pep_child_summary_get_name (chosen));
  wait_for_window (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  shown = g_list_model_get_item (model, 0);
  g_assert_cmpint (pep_child_summary_get_child_id (shown), ==,
                   pep_child_summary_get_child_id (chosen));
  g_object_unref (shown);

  /* And in another case, by UPN. */
  if (*pep_child_summary_get_upn (chosen) != '\0')
    {
      g_autofree char *lower = g_ascii_strdown (pep_child_summary_get_upn (chosen), -1);

      pep_window_set_search_text (window, lower);
      wait_for_window (window);
      g_assert_cmpuint (g_list_model_get_n_items (model), >=, 1);
    }

  /* Text nobody has shows nothing; clearing the search shows everyone again. */
  pep_window_set_search_text (window, "no child is called this");
  wait_for_window (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);

  pep_window_set_search_text (window, "");
  wait_for_window (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, (guint) n_children);

  /* Enter on the child's row opens their page: their PEPs term by term, newest first. */
  pep_window_set_search_text (window, pep_child_summary_get_name (chosen));
  wait_for_window (window);
  pep_window_activate_row (window, 0);
  wait_for_window (window);
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "child");

  child = pep_store_load_child (store, pep_child_summary_get_child_id (chosen), &error);
  g_assert_no_error (error);
  /* Named one way in every window (pep_child_display_name()): as the list names them. */
  display_name = pep_child_record_display_name (child);
  g_assert_cmpstr (pep_child_summary_get_name (chosen), ==, display_name);
  title = pep_child_page_get_title (pep_window_get_child_page (window));
  g_assert_cmpstr (title, ==, display_name);
  history = pep_child_page_get_history (pep_window_get_child_page (window));
  g_assert_cmpuint (g_list_model_get_n_items (history), >=, 1);

  /* Its PEP for this term opens in the editor. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (pep_window_get_child_page (window)),
                                             "child.open-plan", "x",
                                             pep_child_summary_get_plan_id (chosen)));
  wait_for_window (window);
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "plan");
  title = pep_plan_editor_get_title (pep_window_get_plan_editor (window));
  g_assert_cmpstr (title, ==, display_name);
  g_assert_cmpint (pep_plan_get_id (pep_plan_editor_get_plan (pep_window_get_plan_editor (window))),
                   ==, pep_child_summary_get_plan_id (chosen));

  /* Back (Escape, Alt+Left) returns to the child, then to the list as it was. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  wait_for_window (window);
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "child");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  wait_for_window (window);
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "children");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);

  close_window (window);
  g_assert_finalize_object (g_steal_pointer (&store));
  test_remove_tree (dir);
}

static void
test_window_empty (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  PepStore *store;
  PepWindow *window;

  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  window = open_window (path);
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (pep_window_get_children_model (window)), ==, 0);

  close_window (window);
  test_remove_tree (dir);
}

/* Issue 15: a file others can read is said when it opens, and one click makes it private. */
static void
test_window_make_private (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "shared.db", NULL);
  g_autoptr(GError) error = NULL;
  PepStore *store;
  PepWindow *window;
  GStatBuf st;

  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  window = open_window (path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.make-private", NULL));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_true (pep_store_is_private (pep_window_get_store (window)));
  close_window (window);

  /* And stays so when opened again. */
  window = open_window (path);
  g_assert_true (pep_store_is_private (pep_window_get_store (window)));
  close_window (window);
  test_remove_tree (dir);
}

/* Issue 12: a file that does not say whose copy it is asks, once; Save is possible only for
 * a real URN, and sets the owner through the core. A file whose lock was tampered with says
 * so. */
static void
test_window_owner_and_lock (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "new.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepCopyOwner) owner = NULL;
  PepStore *store;
  PepWindow *window;
  GtkWindow *dialog;
  GtkWidget *urn_row;

  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);

  window = open_window (path);
  dialog = pep_window_check_file (window);
  g_assert_true (PEP_IS_OWNER_DIALOG (dialog));
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  urn_row = GTK_WIDGET (pep_owner_dialog_get_urn_row (PEP_OWNER_DIALOG (dialog)));
  gtk_editable_set_text (GTK_EDITABLE (urn_row), "12");
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  gtk_editable_set_text (GTK_EDITABLE (urn_row), "123456");
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "save"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "save");
  owner = pep_store_get_owner (pep_window_get_store (window), &error);
  g_assert_no_error (error);
  g_assert_cmpint (owner->kind, ==, PEP_COPY_SCHOOL);
  g_assert_cmpint (owner->urn, ==, 123456);
  /* Asked once. */
  g_assert_null (pep_window_check_file (window));
  close_window (window);

  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER plan_lock_update", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  window = open_window (path);
  dialog = pep_window_check_file (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "plan_lock_update"));
  gtk_window_destroy (dialog);
  close_window (window);

  /* Every trigger dropped: a few named and the rest counted, so the dialog and its Close
   * still fit a 700-pixel screen. */
  test_drop_lock_triggers (path);
  window = open_window (path);
  dialog = pep_window_check_file (window);
  g_assert_true (ADW_IS_MESSAGE_DIALOG (dialog));
  {
    g_auto(GStrv) lines = g_strsplit (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "\n", -1);

    g_assert_cmpuint (g_strv_length (lines), <=, 7);
    g_assert_nonnull (strstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), "pepctl verify"));
  }
  gtk_window_destroy (dialog);
  close_window (window);
  test_remove_tree (dir);
}

static PepWindow *
find_demo_window (PepWindow *except)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (PEP_IS_WINDOW (item) && PEP_WINDOW (item) != except)
        return PEP_WINDOW (item);
    }
  return NULL;
}

/* Load Demo Data never writes into the person's own file: it makes a demo file of its own in
 * their data folder (on a worker thread, with its own store) and opens it in a window beside
 * theirs, marked as a demo; their file is left byte for byte as it was. A second time, the
 * demo file is opened again, not made afresh. */
static void
test_window_demo (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "mine.db", NULL);
  g_autofree char *demo_path = pep_window_get_demo_path ();
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *demo_sum = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) demo = NULL;
  PepStore *store;
  PepWindow *window, *demo_window;
  gint64 n_children;
  GStatBuf st;

  /* The demo goes to this test's own data folder (main() points XDG_DATA_HOME there). */
  g_assert_true (g_str_has_prefix (demo_path, g_getenv ("XDG_DATA_HOME")));
  g_assert_false (g_file_test (demo_path, G_FILE_TEST_EXISTS));

  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_finalize_object (store);
  before = test_file_checksum (path);

  window = open_window (path);
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "empty");
  g_assert_false (pep_window_is_demo (window));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  g_assert_true (pep_window_get_busy (window));
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "loading");
  wait_for_window (window);

  /* The person's file: still empty, still as it was. */
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "empty");
  g_assert_cmpuint (g_list_model_get_n_items (pep_window_get_children_model (window)), ==, 0);

  /* The demo: its own file, readable by its owner only, opened beside, marked as a demo. */
  g_assert_true (g_file_test (demo_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpint (g_stat (demo_path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  demo = pep_store_open (demo_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  n_children = pep_store_count (demo, PEP_TABLE_CHILD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n_children, >, 0);
  demo_window = find_demo_window (window);
  g_assert_nonnull (demo_window);
  g_object_ref (demo_window);
  wait_for_window (demo_window);
  g_assert_true (pep_window_is_demo (demo_window));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (demo_window)), "Demo"));
  g_assert_cmpstr (pep_window_get_visible_page (demo_window), ==, "children");
  g_assert_cmpuint (g_list_model_get_n_items (pep_window_get_children_model (demo_window)), ==,
                    (guint) n_children);
  close_window (demo_window);
  g_clear_object (&demo);
  demo_sum = test_file_checksum (demo_path);

  /* Again: the same demo file is opened, not made again. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.load-demo", NULL));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  demo_window = find_demo_window (window);
  g_assert_nonnull (demo_window);
  g_object_ref (demo_window);
  wait_for_window (demo_window);
  g_assert_true (pep_window_is_demo (demo_window));
  close_window (demo_window);

  close_window (window);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  test_remove_tree (dir);
}

static void
test_window_foreign_file (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "hello.txt", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PepWindow *window;
  GtkWidget *dialog;

  test_write_file (path, "hello", -1);
  before = test_file_checksum (path);

  window = pep_window_new_for_path (NULL, path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (window);
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_PEP_FILE);

  /* Refused, and left exactly as it was, with nothing written beside it. */
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (test_has_side_files (path));

  /* The user is told why, in the store's own words, as plain text. */
  dialog = pep_application_open_error_dialog (NULL, error);
  g_object_ref (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (ADW_MESSAGE_DIALOG (dialog)), ==,
                   error->message);
  g_assert_false (adw_message_dialog_get_body_use_markup (ADW_MESSAGE_DIALOG (dialog)));
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "This File Cannot Be Opened");
  gtk_window_present (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (dialog);

  test_remove_tree (dir);
}


static void
type_into (GtkWidget  *dialog,
           const char *row,
           const char *text)
{
  GObject *entry = gtk_widget_get_template_child (dialog, PEP_TYPE_HISTORY_DIALOG, row);

  g_assert_nonnull (entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static GtkWidget *
history_dialog (PepWindow      *window,
                PepStore       *store,
                gint64          child_id,
                PepHistoryKind  kind,
                guint           index)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = pep_history_dialog_new (GTK_WINDOW (window), store, child_id, kind, index, &error);

  g_assert_no_error (error);
  g_object_ref_sink (dialog);
  gtk_window_present (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  return dialog;
}

static void
drop_dialog (GtkWidget *dialog)
{
  gtk_window_destroy (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_finalize_object (dialog);
}

/* On the child's page: an episode in care ended, a return to care and a change of school
 * recorded through the dialog, an overlapping episode refused with the reason, a row removed. */
static void
test_window_child_history (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  PepStore *store = test_make_demo_file (path, N_CHILDREN, 2);
  g_autoptr(GPtrArray) episodes = NULL;
  g_autoptr(GPtrArray) spells = NULL;
  g_autoptr(GError) error = NULL;
  PepWindow *window = open_window (path);
  PepChildPage *page = pep_window_get_child_page (window);
  GtkWidget *dialog;
  gint64 child_id = 1;
  guint n;

  g_assert_true (pep_window_open_child (window, child_id, &error));
  g_assert_no_error (error);
  wait_for_window (window);
  episodes = pep_store_list_care_episodes (store, child_id, &error);
  n = episodes->len;
  g_assert_cmpuint (n, >=, 1);
  g_clear_pointer (&episodes, g_ptr_array_unref);

  /* The latest episode ends, on a day after it began. */
  dialog = history_dialog (window, store, child_id, PEP_HISTORY_CARE, n - 1);
  type_into (dialog, "to_row", "31/12/2099");
  g_assert_true (pep_history_dialog_save (PEP_HISTORY_DIALOG (dialog), &error));
  g_assert_no_error (error);
  drop_dialog (dialog);
  /* Back in care: a new episode. */
  dialog = history_dialog (window, store, child_id, PEP_HISTORY_CARE, G_MAXUINT);
  type_into (dialog, "from_row", "02/01/2100");
  g_assert_true (pep_history_dialog_save (PEP_HISTORY_DIALOG (dialog), &error));
  g_assert_no_error (error);
  drop_dialog (dialog);
  episodes = pep_store_list_care_episodes (store, child_id, &error);
  g_assert_cmpuint (episodes->len, ==, n + 1);
  g_assert_true (g_date_valid (&((PepCareEpisode *) episodes->pdata[n - 1])->left));
  g_clear_pointer (&episodes, g_ptr_array_unref);

  /* One that overlaps is refused, with the reason; nothing changes. */
  dialog = history_dialog (window, store, child_id, PEP_HISTORY_CARE, G_MAXUINT);
  type_into (dialog, "from_row", "01/12/2099");
  type_into (dialog, "to_row", "01/01/2100");
  g_assert_false (pep_history_dialog_save (PEP_HISTORY_DIALOG (dialog), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  drop_dialog (dialog);
  episodes = pep_store_list_care_episodes (store, child_id, &error);
  g_assert_cmpuint (episodes->len, ==, n + 1);
  g_clear_pointer (&episodes, g_ptr_array_unref);

  /* A change of school, to a school the file describes. */
  spells = pep_store_list_school_history (store, child_id, &error);
  {
    gint64 other = ((PepSchoolSpell *) spells->pdata[spells->len - 1])->school_urn;
    g_autofree char *urn = NULL;
    g_autoptr(PepRecord) child = NULL;

    dialog = history_dialog (window, store, child_id, PEP_HISTORY_SCHOOLS, G_MAXUINT);
    urn = g_strdup_printf ("%" G_GINT64_FORMAT, other);
    type_into (dialog, "urn_row", urn);
    type_into (dialog, "from_row", "05/01/2100");
    g_assert_true (pep_history_dialog_save (PEP_HISTORY_DIALOG (dialog), &error));
    g_assert_no_error (error);
    drop_dialog (dialog);
    child = pep_store_load_child (store, child_id, &error);
    g_assert_cmpstr (pep_record_get_text (child, PEP_CHILD_SCHOOL_START), ==, "2100-01-05");
  }

  /* The page removes the return to care. */
  g_assert_true (pep_child_page_remove_history (page, PEP_HISTORY_CARE, n, &error));
  g_assert_no_error (error);
  wait_for_window (window);
  episodes = pep_store_list_care_episodes (store, child_id, &error);
  g_assert_cmpuint (episodes->len, ==, n);

  close_window (window);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

/* Signed-off PEPs changed with sqlite3, the lock's triggers dropped and put back as they were
 * (so that nothing but the signatures can tell): the window's check on opening finds them,
 * the banner says how many and lists them, the child list marks them, and a row of the list
 * opens its PEP. */
static void
test_window_tampered (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "demo.db", NULL);
  PepStore *store = test_make_demo_file (path, N_CHILDREN, 2);
  g_autoptr(GString) attack = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  PepTermId term;
  PepWindow *window;
  GtkWidget *banner, *label;
  GListModel *model;
  PepTamperDialog *dialog = NULL;
  GList *toplevels;
  guint n_marked = 0, n_this_term = 0;

  test_current_term (&term);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;
    g_autoptr(GString) sql = g_string_new (NULL);

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                                             "AND name LIKE '%lock%'", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        g_string_append_printf (attack, "DROP TRIGGER \"%s\";", sqlite3_column_text (stmt, 0));
        g_string_append_printf (sql, "%s;", sqlite3_column_text (stmt, 1));
      }
    sqlite3_finalize (stmt);
    /* Three signed-off PEPs, this term's first. */
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, academic_year = ? AND term = ? FROM plan "
                                             "WHERE status = 'signed-off' "
                                             "ORDER BY academic_year = ? AND term = ? DESC, id LIMIT 3",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_int (stmt, 1, term.year);
    sqlite3_bind_text (stmt, 2, pep_term_to_nick (term.term), -1, SQLITE_STATIC);
    sqlite3_bind_int (stmt, 3, term.year);
    sqlite3_bind_text (stmt, 4, pep_term_to_nick (term.term), -1, SQLITE_STATIC);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
        n_this_term += sqlite3_column_int (stmt, 1);
        g_string_append_printf (attack, "UPDATE plan SET voice_hopes = 'Rewritten' WHERE id = %"
                                G_GINT64_FORMAT ";", id);
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
    g_assert_cmpuint (ids->len, ==, 3);
    g_string_append (attack, sql->str);
  }
  test_sql_exec (path, attack->str);
  /* The lock looks whole: only the signatures tell. */
  {
    g_autoptr(GPtrArray) problems = pep_store_check_locks (store, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (problems->len, ==, 0);
  }

  window = open_window (path);
  g_assert_false (pep_window_get_checking_signatures (window));
  g_assert_nonnull (pep_window_get_tampered (window));
  g_assert_cmpuint (pep_window_get_tampered (window)->len, ==, 3);
  banner = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window), PEP_TYPE_WINDOW, "tamper_banner");
  label = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (window), PEP_TYPE_WINDOW, "tamper_label");
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (banner)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, "3 signed-off PEPs were changed after sign-off");

  /* The list (this term's PEPs) marks each, read again after the check. */
  model = pep_window_get_children_model (window);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PepChildSummary) summary = g_list_model_get_item (model, i);

      if (pep_child_summary_get_seal (summary) == PEP_SEAL_OK)
        continue;
      g_assert_nonnull (strstr (pep_child_summary_get_status_label (summary), "Changed after sign-off"));
      n_marked++;
    }
  g_assert_cmpuint (n_marked, ==, n_this_term);

  /* Show lists them; a row opens its PEP. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.show-tampered", NULL));
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PEP_IS_TAMPER_DIALOG (l->data))
      dialog = l->data;
  g_list_free (toplevels);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (pep_tamper_dialog_get_n_rows (dialog), ==, 3);
  g_signal_emit_by_name (dialog, "open-plan", g_array_index (ids, gint64, 0));
  wait_for_window (window);
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "plan");
  g_assert_cmpint (pep_plan_get_id (pep_plan_editor_get_plan (pep_window_get_plan_editor (window))), ==,
                   g_array_index (ids, gint64, 0));

  close_window (window);
  g_assert_finalize_object (store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *data_home = g_dir_make_tmp ("pepstudio-test-window-XXXXXX", NULL);
  int status;

  /* Load Demo Data writes into the data folder: this test's own, never the tester's. */
  g_assert_nonnull (data_home);
  g_setenv ("XDG_DATA_HOME", data_home, TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pep/window/list", test_window_list);
  g_test_add_func ("/pep/window/empty", test_window_empty);
  g_test_add_func ("/pep/window/make-private", test_window_make_private);
  g_test_add_func ("/pep/window/owner-and-lock", test_window_owner_and_lock);
  g_test_add_func ("/pep/window/demo", test_window_demo);
  g_test_add_func ("/pep/window/foreign-file", test_window_foreign_file);
  g_test_add_func ("/pep/window/child-history", test_window_child_history);
  g_test_add_func ("/pep/window/tampered", test_window_tampered);

  status = g_test_run ();
  test_remove_tree (data_home);
  return status;
}
