/* test-keyboard.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PEP Studio walked with the keyboard alone, as a person without a mouse walks it: the real
 * application and its windows, driven by key presses that come from the X server.
 *
 * How the keys are pressed: xdotool (package xdotool), through the XTEST extension of the
 * Xvfb the UI suite runs in. The keys then travel the whole way a person's do — X server,
 * GDK's event translation, the window's shortcut and key controllers in capture and bubble
 * phases, the focused widget — so a shortcut caught by the wrong widget (a text view typing
 * a new line for Ctrl+Enter) fails here as it fails for a person. The other ways were
 * weighed: gtk_test_widget_send_key() is gone in GTK 4; gtk_widget_activate_action() and
 * emitting signals skip the key handling that is being tested; a GdkEvent cannot be made
 * by an application in GTK 4 (gdk_key_event_new is private). xdotool's `key` needs the X
 * window to have the input focus, which, without a window manager, `windowfocus` gives it
 * (XSetInputFocus); events sent to a window with XSendEvent (`--window`) are not used, as
 * GTK ignores such synthetic events.
 *
 * The test looks at what happened in process (where the focus is, which page is shown) and
 * in the file (the PEP started, the text saved, the PEP submitted, the rating and its
 * reason), never by calling what a key should call. Without xdotool or an X display it is
 * skipped, saying why.
 *
 * The X server's key auto-repeat is turned off first: on a loaded machine xdotool can be held
 * up between a key's press and its release for longer than the repeat delay (660 ms), and
 * the server then repeats the key — one Tab pressed, two Tabs moved.
 */

#include "config.h"

#include <adwaita.h>
#include <gdk/x11/gdkx.h>
#include <string.h>

#include "pep-application.h"
#include "pep-child-dialog.h"
#include "pep-child-page.h"
#include "pep-copy-owner.h"
#include "pep-dashboard-window.h"
#include "pep-exchange-dialog.h"
#include "pep-preferences-window.h"
#include "pep-field-rows.h"
#include "pep-plan-editor.h"
#include "pep-plan-next.h"
#include "pep-qa-window.h"
#include "pep-demo.h"
#include "pep-return-dialog.h"
#include "pep-history-dialog.h"
#include "pep-owner-dialog.h"
#include "pep-passphrase-dialog.h"
#include "pep-tamper-dialog.h"
#include "pep-review-view.h"
#include "pep-rubric.h"
#include "pep-section-page.h"
#include "pep-section-rating.h"
#include "pep-settings.h"
#include "pep-window.h"
#include "test-util.h"

#define URN 123456

/* The application, registered once for every test (a second one in the same process could
 * not export its actions on the bus). */
static PepApplication *the_app;

typedef struct
{
  char           *dir;
  char           *path;
  PepApplication *app;
  gint64          ashdown;      /* a child with last term's PEP, none this term */
  gint64          brookfield;   /* a child with this term's PEP, one required entry short */
  gint64          brookfield_plan;
} Fixture;

/* Pressing keys ------------------------------------------------------------------------- */

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Lets the app work for @ms milliseconds (the keys' events, idle work, saving). */
static void
settle (guint ms)
{
  gint64 until = g_get_monotonic_time () + (gint64) (ms * test_time_scale ()) * 1000;
  guint source = g_timeout_add (10, wake, NULL);

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (source);
  iterate ();
}

static void
on_xdotool_exited (GPid     pid,
                   int      status,
                   gpointer data)
{
  *(int *) data = status;
  g_spawn_close_pid (pid);
}

/* Runs xdotool with @args while the app goes on handling events, then lets it settle. */
static void
xdotool (const char *const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = -1;
  GPid pid;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_async (NULL, (char **) argv->pdata, NULL,
                                G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                                &pid, &error));
  g_assert_no_error (error);
  g_child_watch_add (pid, on_xdotool_exited, &status);
  while (status == -1)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  settle (150);
}

static void
focus_x_window (GtkWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *xid = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *args[] = { "windowfocus", "--sync", xid, NULL };
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  xdotool (args);
  while (!gtk_window_is_active (window) && g_get_monotonic_time () < deadline)
    settle (20);
  g_assert_true (gtk_window_is_active (window));
}

/* Presses @keys (xdotool's names: "Tab", "ctrl+Return", "shift+Tab") in @window, in turn. */
static void
press (GtkWindow  *window,
       const char *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();

  focus_x_window (window);
  g_ptr_array_add (args, (gpointer) "key");
  g_ptr_array_add (args, (gpointer) "--delay");
  g_ptr_array_add (args, (gpointer) "60");
  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (args, names[i]);
  g_ptr_array_add (args, NULL);
  xdotool ((const char *const *) args->pdata);
}

static void
type (GtkWindow  *window,
      const char *text)
{
  const char *args[] = { "type", "--delay", "30", text, NULL };

  focus_x_window (window);
  xdotool (args);
}

static GtkWidget *
focus (GtkWindow *window)
{
  return gtk_root_get_focus (GTK_ROOT (window));
}

/* The title of the field row @widget is in, for messages. */
static const char *
row_title (GtkWidget *widget)
{
  GtkWidget *row = widget ? gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW) : NULL;

  return row ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)) : "none";
}

/* @expected has @window's focus; if not, says which widget has it instead. */
static void
assert_focus_is (GtkWindow *window,
                 GtkWidget *expected)
{
  GtkWidget *now = focus (window);

  if (now != expected)
    g_error ("The focus is on a %s (row “%s”), not on the %s (row “%s”) expected",
             now ? G_OBJECT_TYPE_NAME (now) : "nothing", row_title (now),
             G_OBJECT_TYPE_NAME (expected), row_title (expected));
}

/* The newest visible window of the app that is not @except: a dialog just opened. */
static GtkWindow *
find_window (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i - 1);

      if (G_TYPE_CHECK_INSTANCE_TYPE (item, type) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return GTK_WINDOW (item);
    }
  return NULL;
}

/* Lets the app work until a window of @type is shown (or, with @shown FALSE, until @window
 * is no longer the one shown), for as long as a busy or sanitized build may need: not a
 * fixed pause. */
static GtkWindow *
await_window (GType      type,
              GtkWindow *window,
              gboolean   shown)
{
  gint64 until = g_get_monotonic_time () + (gint64) (10 * test_time_scale () * G_USEC_PER_SEC);
  GtkWindow *found = NULL;

  while (g_get_monotonic_time () < until)
    {
      found = find_window (type);
      /* Compared, never touched: a closed window may be freed already. */
      if (shown ? found != NULL : found != window)
        break;
      settle (20);
    }
  return found;
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Presses Tab until @done says the focus is where it should be; fails after @max. */
static void
tab_until (GtkWindow  *window,
           const char *key,
           gboolean  (*done) (GtkWidget *focus, gpointer data),
           gpointer    data,
           guint       max)
{
  for (guint i = 0; i < max; i++)
    {
      if (focus (window) != NULL && done (focus (window), data))
        return;
      press (window, key);
    }
  g_assert_true (focus (window) != NULL && done (focus (window), data));
}

/* The data ------------------------------------------------------------------------------ */

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static char *
iso_days_ago (int days)
{
  GDate date;

  today (&date);
  if (days >= 0)
    g_date_subtract_days (&date, (guint) days);
  else
    g_date_add_days (&date, (guint) -days);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static gint64
add_child (PepStore   *store,
           const char *forename,
           const char *surname)
{
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autoptr(GError) error = NULL;
  g_autofree char *dob = iso_days_ago (10 * 365 + 40);
  g_autofree char *entered = iso_days_ago (3 * 365);

  pep_record_set_text (child, PEP_CHILD_LA_CHILD_ID, forename);
  pep_record_set_text (child, PEP_CHILD_LEGAL_FORENAME, forename);
  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, surname);
  pep_record_set_text (child, PEP_CHILD_DOB, dob);
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, entered);
  pep_record_set_int (child, PEP_CHILD_NC_YEAR, 5);
  pep_record_set_int (child, PEP_CHILD_SCHOOL_URN, URN);
  g_assert_true (pep_store_insert_child (store, child, &error));
  g_assert_no_error (error);
  return pep_record_get_id (child);
}

/* Every required entry of a school-age PEP but the child's voice, "What is going well". */
static void
fill_all_but_voice (PepPlan *plan)
{
  PepRecord *content = pep_plan_get_content (plan);
  g_autofree char *meeting = iso_days_ago (3);
  PepRecord *target;

  pep_record_set_text (content, PEP_PLAN_MEETING_DATE, meeting);
  pep_record_set_text (content, PEP_PLAN_MEETING_MODE, pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_MEETING_MODE)->choices[0].nick);
  pep_record_set_text (content, PEP_PLAN_SETTING_TYPE, pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_SETTING_TYPE)->choices[0].nick);
  pep_record_set_real (content, PEP_PLAN_ATTENDANCE_TERM, 96.5);
  pep_record_set_text (content, PEP_PLAN_SEN_STATUS, pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_SEN_STATUS)->choices[0].nick);
  pep_record_set_text (content, PEP_PLAN_SW_CHECKED, meeting);
  target = pep_plan_add_row (plan, PEP_TABLE_TARGET);
  pep_record_set_text (target, PEP_TARGET_AREA, pep_table_get_field (PEP_TABLE_TARGET, PEP_TARGET_AREA)->choices[0].nick);
  pep_record_set_text (target, PEP_TARGET_DESCRIPTION, "Read for twenty minutes every night");
  pep_record_set_text (target, PEP_TARGET_SUCCESS_CRITERIA, "A reading log signed each week");
  pep_record_set_text (target, PEP_TARGET_OWNER, "Class teacher");
  g_free (meeting);
  meeting = iso_days_ago (-60);
  pep_record_set_text (target, PEP_TARGET_DUE, meeting);
}

static void
set_user (const char *role,
          const char *name)
{
  g_autoptr(GSettings) settings = pep_settings_new ();

  g_settings_set_string (settings, "role", role);
  g_settings_set_string (settings, "user-name", name);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepCopyOwner) owner = pep_copy_owner_new_school (URN);
  g_autoptr(PepRecord) school = pep_record_new (PEP_TABLE_SCHOOL);
  g_autoptr(PepPlan) last = NULL;
  g_autoptr(PepPlan) current = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId term, last_term;
  GDate date;

  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "school.db", NULL);
  store = pep_store_open (f->path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (pep_store_set_owner (store, owner, &error));
  g_assert_no_error (error);
  /* Sign-offs are signed with the person's demo key, as in a demo file: the app finds a
   * key file's passphrase only by asking, and no login keyring runs here. */
  g_assert_true (pep_store_set_meta (store, "demo_seed", "1", &error));
  g_assert_no_error (error);
  pep_record_set_int (school, PEP_SCHOOL_URN, URN);
  pep_record_set_text (school, PEP_SCHOOL_NAME, "Oakfield Primary");
  pep_record_set_int (school, PEP_SCHOOL_LA_CODE, 999);
  pep_record_set_text (school, PEP_SCHOOL_PHASE, "primary");
  g_assert_true (pep_store_insert_school (store, school, &error));
  g_assert_no_error (error);

  today (&date);
  pep_term_for_date (&date, &term);
  last_term = term;
  pep_term_step (&last_term, -1);

  f->ashdown = add_child (store, "Alys", "Ashdown");
  last = pep_plan_new (f->ashdown, &last_term, PEP_KIND_SCHOOL_AGE);
  fill_all_but_voice (last);
  g_assert_true (pep_store_insert_plan (store, last, &error));
  g_assert_no_error (error);

  f->brookfield = add_child (store, "Bryn", "Brookfield");
  current = pep_plan_new (f->brookfield, &term, PEP_KIND_SCHOOL_AGE);
  fill_all_but_voice (current);
  g_assert_true (pep_store_insert_plan (store, current, &error));
  g_assert_no_error (error);
  f->brookfield_plan = pep_plan_get_id (current);

  set_user ("designated-teacher", "Dana Teacher");

  f->app = the_app;
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  GList *windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (f->app)));

  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_destroy (GTK_WINDOW (l->data));
  g_list_free (windows);
  iterate ();
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static PepWindow *
open_main_window (Fixture *f)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;
  PepWindow *window;

  pep_application_open_path (f->app, f->path, FALSE);
  window = PEP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (window);
  while (pep_window_get_busy (window) && g_get_monotonic_time () < deadline)
    settle (20);
  g_assert_false (pep_window_get_busy (window));
  settle (200);
  return window;
}

static PepPlan *
load_plan (Fixture *f,
           gint64   plan_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  PepPlan *plan;

  g_assert_no_error (error);
  plan = pep_store_load_plan (store, plan_id, &error);
  g_assert_no_error (error);
  return plan;
}

/* The walk ------------------------------------------------------------------------------ */

static gboolean
in_section_page (GtkWidget *widget,
                 gpointer   data)
{
  GtkWidget *page = gtk_widget_get_ancestor (widget, PEP_TYPE_SECTION_PAGE);

  return page != NULL && pep_section_page_get_section (PEP_SECTION_PAGE (page)) == GPOINTER_TO_UINT (data);
}

static gboolean
is_text_view (GtkWidget *widget,
              gpointer   data)
{
  return GTK_IS_TEXT_VIEW (widget);
}

static gboolean
is_missing_link (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_BUTTON (widget) && g_object_get_data (G_OBJECT (widget), "pep-missing") != NULL;
}

static gboolean
in_history_list (GtkWidget *widget,
                 gpointer   data)
{
  return GTK_IS_LIST_BOX_ROW (widget)
         && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "child.open-plan") == 0;
}

/* The child list's search, then the child's page. */
static void
search_and_open (PepWindow  *window,
                 const char *name)
{
  GtkWindow *w = GTK_WINDOW (window);

  press (w, "ctrl+f");
  g_assert_true (GTK_IS_TEXT (focus (w)));
  press (w, "ctrl+a");
  type (w, name);
  settle (300);
  press (w, "Return");
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "child");
}

/* The chosen section's first field, from the sidebar: Down to choose, Tab to enter. */
static void
choose_section (PepWindow  *window,
                PepSection  section,
                guint       downs)
{
  GtkWindow *w = GTK_WINDOW (window);
  PepPlanEditor *editor = pep_window_get_plan_editor (window);

  g_assert_nonnull (gtk_widget_get_ancestor (focus (w), GTK_TYPE_LIST_BOX));
  for (guint i = 0; i < downs; i++)
    press (w, "Down");
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, section);
  press (w, "Tab");
  g_assert_true (in_section_page (focus (w), GUINT_TO_POINTER (section)));
}

static void
test_walk (Fixture       *f,
           gconstpointer  data)
{
  PepWindow *window = open_main_window (f);
  GtkWindow *w = GTK_WINDOW (window);
  PepPlanEditor *editor = pep_window_get_plan_editor (window);
  g_autoptr(PepPlan) started = NULL;
  g_autoptr(PepPlan) submitted = NULL;
  GtkWidget *first, *view;
  GtkWindow *dialog;
  gint64 plan_id;

  /* Search a child, open their page, start this term's PEP. */
  search_and_open (window, "Ashdown");
  press (w, "ctrl+shift+n");
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "plan");
  plan_id = pep_plan_get_id (pep_plan_editor_get_plan (editor));
  started = load_plan (f, plan_id);
  g_assert_cmpint (pep_plan_get_child_id (started), ==, f->ashdown);
  g_assert_cmpint (pep_plan_get_status (started), ==, PEP_STATUS_DRAFT);

  /* The editor opens in its sidebar; the third section is chosen with the arrows and Tab
   * goes into it, not to the next section. */
  choose_section (window, PEP_SECTION_EDUCATION, 2);
  first = focus (w);
  /* Shift+Tab goes back to the sidebar, at the section chosen. */
  press (w, "shift+Tab");
  g_assert_nonnull (gtk_widget_get_ancestor (focus (w), GTK_TYPE_LIST_BOX_ROW));
  g_assert_null (gtk_widget_get_ancestor (focus (w), PEP_TYPE_SECTION_PAGE));
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_EDUCATION);
  press (w, "Tab");
  assert_focus_is (w, first);

  /* One Tab stop per field: every stop is another field's row, and a text field's stop is
   * its text. */
  {
    GtkWidget *last_row = gtk_widget_get_ancestor (first, GTK_TYPE_LIST_BOX_ROW);

    for (guint i = 0; i < 40 && !GTK_IS_TEXT_VIEW (focus (w)); i++)
      {
        GtkWidget *row;

        press (w, "Tab");
        row = gtk_widget_get_ancestor (focus (w), GTK_TYPE_LIST_BOX_ROW);
        g_assert_nonnull (row);
        g_assert_true (row != last_row);
        last_row = row;
      }
    g_assert_true (GTK_IS_TEXT_VIEW (focus (w)));
  }

  /* Edit the field: saved as typed. Ctrl+Enter inside the text submits, not a new line:
   * the PEP is not ready, and the check lists what is missing. */
  view = focus (w);
  type (w, "Full time in Year 5");
  press (w, "ctrl+Return");
  {
    g_autofree char *text = NULL;
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start, &end);
    text = gtk_text_buffer_get_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (view)), &start,
                                     &end, FALSE);
    g_assert_cmpstr (text, ==, "Full time in Year 5");
  }
  dialog = find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Not Ready to Submit");
  press (dialog, "Escape");
  g_assert_null (find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_clear_object (&started);
  started = load_plan (f, plan_id);
  g_assert_cmpint (pep_plan_get_status (started), ==, PEP_STATUS_DRAFT);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (started), PEP_PLAN_PART_TIME_REASON),
                   ==, "Full time in Year 5");

  /* Ctrl+Page Down and Up change section from inside a field list too. */
  g_assert_true (focus (w) == view);
  press (w, "ctrl+Page_Down");
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_ATTENDANCE);
  g_assert_true (in_section_page (focus (w), GUINT_TO_POINTER (PEP_SECTION_ATTENDANCE)));
  press (w, "ctrl+Page_Up");
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_EDUCATION);

  /* Back to the list; the other child, whose PEP lacks one entry. */
  press (w, "alt+Left");
  press (w, "alt+Left");
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "children");
  search_and_open (window, "Brookfield");
  /* The child's page opens at their newest PEP. */
  g_assert_true (in_history_list (focus (w), NULL));
  tab_until (w, "Tab", in_history_list, NULL, 30);
  press (w, "Return");
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "plan");
  g_assert_cmpint (pep_plan_get_id (pep_plan_editor_get_plan (editor)), ==, f->brookfield_plan);
  choose_section (window, PEP_SECTION_EDUCATION, 2);
  tab_until (w, "Tab", is_text_view, NULL, 40);
  type (w, "Reading catch-up three mornings a week");
  press (w, "ctrl+Return");

  /* The check lists the missing entry as a link: it takes the focus to the field. */
  dialog = find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Not Ready to Submit");
  tab_until (dialog, "Tab", is_missing_link, NULL, 6);
  press (dialog, "Return");
  g_assert_null (find_window (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_VOICE);
  g_assert_true (GTK_IS_TEXT_VIEW (focus (w)));
  type (w, "Reading with my carer");
  press (w, "ctrl+Return");
  dialog = find_window (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                   "Submit for Quality Assurance?");
  press (dialog, "Return");
  g_assert_null (find_window (ADW_TYPE_MESSAGE_DIALOG));
  settle (300);
  submitted = load_plan (f, f->brookfield_plan);
  g_assert_cmpint (pep_plan_get_status (submitted), ==, PEP_STATUS_SUBMITTED);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (submitted), PEP_PLAN_VOICE_GOING_WELL),
                   ==, "Reading with my carer");
}

/* Add a Child, by keyboard: it opens in the first field, marks what is required, Add waits
 * for exactly that (the LA child ID is not required), the school is there, filled in with
 * the file's own; Enter adds, Escape closes. */
static void
test_add_child (Fixture       *f,
                gconstpointer  data)
{
  PepWindow *window = open_main_window (f);
  GtkWindow *w = GTK_WINDOW (window);
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GtkWindow *dialog;
  GtkWidget *entry_row;
  g_autofree char *dob = NULL;
  GDate date;
  gboolean found = FALSE;

  press (w, "ctrl+n");
  dialog = find_window (PEP_TYPE_CHILD_DIALOG);
  g_assert_nonnull (dialog);
  entry_row = gtk_widget_get_ancestor (focus (dialog), ADW_TYPE_ENTRY_ROW);
  g_assert_nonnull (entry_row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (entry_row)), ==,
                   "Legal forename");
  g_assert_false (gtk_widget_is_sensitive (gtk_window_get_default_widget (dialog)));
  /* Escape closes it; nothing added. */
  press (dialog, "Escape");
  g_assert_null (find_window (PEP_TYPE_CHILD_DIALOG));

  press (w, "ctrl+n");
  dialog = find_window (PEP_TYPE_CHILD_DIALOG);
  type (dialog, "Cai");
  press (dialog, "Tab");
  type (dialog, "Cedarwood");
  g_assert_false (gtk_widget_is_sensitive (gtk_window_get_default_widget (dialog)));
  press (dialog, "Tab");
  today (&date);
  g_date_subtract_years (&date, 9);
  dob = g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&date), g_date_get_month (&date),
                         g_date_get_year (&date));
  type (dialog, dob);
  /* Name and date of birth are all that is required. */
  g_assert_true (gtk_widget_is_sensitive (gtk_window_get_default_widget (dialog)));
  press (dialog, "Return");
  g_assert_null (find_window (PEP_TYPE_CHILD_DIALOG));

  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* The third child of the file: after Alys and Bryn. */
  {
    g_autoptr(PepRecord) child = pep_store_load_child (store, f->brookfield + 1, &error);

    g_assert_no_error (error);
    g_assert_nonnull (child);
    found = TRUE;
    g_assert_cmpstr (pep_record_get_text (child, PEP_CHILD_LEGAL_SURNAME), ==, "Cedarwood");
    g_assert_cmpstr (pep_record_get_text (child, PEP_CHILD_LEGAL_FORENAME), ==, "Cai");
    g_assert_cmpint (pep_record_get_int (child, PEP_CHILD_SCHOOL_URN, 0), ==, URN);
    g_assert_null (pep_record_get_text (child, PEP_CHILD_LA_CHILD_ID));
  }
  g_assert_true (found);
}

/* A table sorted by keyboard: Tab reaches the child list's column titles (GTK 4.8 gives
 * them no focus: pep-accessible.c does), and Space or Enter on one sorts by its column, the
 * other way each time, as a click does. */
static gboolean
is_column_title (GtkWidget *widget,
                 gpointer   data)
{
  GtkWidget *label = find_type (widget, GTK_TYPE_LABEL);

  return g_str_equal (G_OBJECT_TYPE_NAME (widget), "GtkColumnViewTitle") && label != NULL
         && g_strcmp0 (gtk_label_get_text (GTK_LABEL (label)), data) == 0;
}

static GtkWidget *
sort_indicator (GtkWidget *title)
{
  for (GtkWidget *child = gtk_widget_get_first_child (title); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (g_str_equal (gtk_widget_get_css_name (child), "sort-indicator"))
        return child;
      if ((found = sort_indicator (child)) != NULL)
        return found;
    }
  return NULL;
}

/* Tabs from the search to the child list's first title (the child's name, which sorts
 * the list at first, ascending) and presses each of @keys on it: each sorts the other way. */
static void
sorts_by_keys (PepWindow         *window,
               const char *const *keys)
{
  GtkWindow *w = GTK_WINDOW (window);
  GtkColumnView *view = GTK_COLUMN_VIEW (find_type (GTK_WIDGET (window), GTK_TYPE_COLUMN_VIEW));
  GListModel *rows = G_LIST_MODEL (gtk_column_view_get_model (view));
  g_autoptr(GtkColumnViewColumn) name_column = g_list_model_get_item (gtk_column_view_get_columns (view), 0);
  g_autoptr(GObject) first = NULL;
  g_autoptr(GObject) last = NULL;
  GtkWidget *title, *indicator;

  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "children");
  g_assert_cmpuint (g_list_model_get_n_items (rows), ==, 2);
  first = g_list_model_get_item (rows, 0);
  last = g_list_model_get_item (rows, 1);
  press (w, "ctrl+f");
  tab_until (w, "Tab", is_column_title, (gpointer) gtk_column_view_column_get_title (name_column), 10);
  title = focus (w);
  indicator = sort_indicator (title);
  g_assert_nonnull (indicator);
  g_assert_true (gtk_widget_has_css_class (indicator, "ascending"));

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gboolean descending = i % 2 == 0;
      g_autoptr(GObject) now_first = NULL;

      press (w, keys[i]);
      g_assert_true (focus (w) == title);
      g_assert_true (gtk_widget_has_css_class (indicator, descending ? "descending" : "ascending"));
      g_assert_false (gtk_widget_has_css_class (indicator, descending ? "ascending" : "descending"));
      now_first = g_list_model_get_item (rows, 0);
      g_assert_true (now_first == (descending ? last : first));
    }
  /* Back as it was. */
  if (gtk_widget_has_css_class (indicator, "descending"))
    press (w, keys[0]);
  g_assert_true (gtk_widget_has_css_class (indicator, "ascending"));
}

static void
test_sort_by_keyboard (Fixture       *f,
                       gconstpointer  data)
{
  static const char *const keys[] = { "space", "Return", "KP_Enter", "space", NULL };

  sorts_by_keys (open_main_window (f), keys);
}

/* The shortcuts window tells the truth: every shortcut it lists, pressed, does what its
 * title says. A shortcut listed with no check here fails the test, so a new one is checked
 * when it is listed. */
typedef struct
{
  char  *title;
  char **keys;   /* xdotool's names of each of its accelerators */
} Listed;

static void
listed_free (gpointer data)
{
  Listed *l = data;

  g_free (l->title);
  g_strfreev (l->keys);
  g_free (l);
}

/* "<Control><Shift>n" as xdotool names it: "ctrl+shift+n". */
static char *
accel_to_xdotool (const char *accel)
{
  GdkModifierType mods;
  guint key;
  GString *out = g_string_new (NULL);

  g_assert_true (gtk_accelerator_parse (accel, &key, &mods));
  if (mods & GDK_CONTROL_MASK)
    g_string_append (out, "ctrl+");
  if (mods & GDK_ALT_MASK)
    g_string_append (out, "alt+");
  if (mods & GDK_SHIFT_MASK)
    g_string_append (out, "shift+");
  g_string_append (out, gdk_keyval_name (key));
  return g_string_free (out, FALSE);
}

static GPtrArray *
list_shortcuts (GtkApplication *app)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/pep-shortcuts-window.ui");
  g_autoptr(GSList) objects = gtk_builder_get_objects (builder);
  GPtrArray *listed = g_ptr_array_new_with_free_func (listed_free);

  for (GSList *l = objects; l != NULL; l = l->next)
    {
      g_autofree char *title = NULL;
      g_autofree char *accel = NULL;
      g_autofree char *action = NULL;
      g_auto(GStrv) accels = NULL;
      g_autoptr(GStrvBuilder) keys = g_strv_builder_new ();
      Listed *item;

      if (!GTK_IS_SHORTCUTS_SHORTCUT (l->data))
        continue;
      g_object_get (l->data, "title", &title, "accelerator", &accel, "action-name", &action, NULL);
      if (accel == NULL && action != NULL)
        {
          /* Shown as the app's accelerators for an action that exists. */
          accels = gtk_application_get_accels_for_action (app, action);
          g_assert_true (accels != NULL && accels[0] != NULL);
          for (guint i = 0; accels[i] != NULL; i++)
            {
              g_auto(GStrv) actions = gtk_application_get_actions_for_accel (app, accels[i]);

              g_assert_true (actions != NULL && g_strv_contains ((const char *const *) actions, action));
            }
        }
      else
        {
          g_assert_nonnull (accel);
          accels = g_strsplit (accel, " ", -1);
        }
      for (guint i = 0; accels[i] != NULL; i++)
        if (*accels[i] != '\0')
          {
            g_autofree char *key = accel_to_xdotool (accels[i]);

            g_strv_builder_add (keys, key);
          }
      item = g_new0 (Listed, 1);
      item->title = g_steal_pointer (&title);
      item->keys = g_strv_builder_end (keys);
      g_assert_nonnull (item->keys[0]);
      g_ptr_array_add (listed, item);
    }
  return listed;
}

/* Every accelerator the shortcuts window lists for @title, each of which is pressed and
 * checked; the title is marked checked. */
static const char *const *
all_keys_of (GPtrArray  *listed,
             GHashTable *checked,
             const char *title)
{
  for (guint i = 0; i < listed->len; i++)
    {
      Listed *l = g_ptr_array_index (listed, i);

      if (g_strcmp0 (l->title, title) == 0)
        {
          g_autofree char *shown = g_strjoinv (", ", l->keys);

          g_test_message ("%s: %s", title, shown);
          g_hash_table_add (checked, l->title);
          return (const char *const *) l->keys;
        }
    }
  g_error ("The shortcuts window no longer lists “%s”", title);
  return NULL;
}

/* A shortcut listed with one accelerator: it. */
static const char *
keys_of (GPtrArray  *listed,
         GHashTable *checked,
         const char *title)
{
  const char *const *keys = all_keys_of (listed, checked, title);

  if (keys[1] != NULL)
    g_error ("“%s” lists more than one accelerator: each is to be checked", title);
  return keys[0];
}

/* Presses the shortcut titled @title in @window; a window of @type opens, and is closed. */
static void
opens_window (GtkWindow  *window,
              GPtrArray  *listed,
              GHashTable *checked,
              const char *title,
              const char *type_name)   /* a name: GtkPrintUnixDialog is registered when used */
{
  GtkWindow *opened = NULL;

  press (window, keys_of (listed, checked, title));
  if (g_type_from_name (type_name) != 0)
    opened = await_window (g_type_from_name (type_name), NULL, TRUE);
  if (opened == NULL)
    g_error ("“%s” opened no %s", title, type_name);
  /* Closed as a person closes it: Escape. */
  press (opened, "Escape");
  if (await_window (g_type_from_name (type_name), opened, FALSE) == opened)
    g_error ("%s does not close with Escape", type_name);
}

static void
test_shortcuts (Fixture       *f,
                gconstpointer  data)
{
  PepWindow *window = open_main_window (f);
  GtkWindow *w = GTK_WINDOW (window);
  PepPlanEditor *editor = pep_window_get_plan_editor (window);
  g_autoptr(GPtrArray) listed = list_shortcuts (GTK_APPLICATION (f->app));
  g_autoptr(GHashTable) checked = g_hash_table_new (g_str_hash, g_str_equal);
  /* What the test cannot see: the help opens in the desktop's own browser. */
  static const char *const unseen[] = { "Help for what is shown", NULL };
  const char *const *keys;
  GtkWindow *dialog;

  g_assert_cmpuint (listed->len, >, 10);

  /* Children */
  sorts_by_keys (window, all_keys_of (listed, checked, "Sort a table by the chosen column title"));
  keys = all_keys_of (listed, checked, "Close a dialog or window");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      press (w, keys_of (listed, checked, "Add a child"));
      dialog = find_window (PEP_TYPE_CHILD_DIALOG);
      g_assert_nonnull (dialog);
      press (dialog, keys[i]);
      g_assert_null (find_window (PEP_TYPE_CHILD_DIALOG));
    }

  press (w, keys_of (listed, checked, "Search by name or UPN"));
  g_assert_true (GTK_IS_TEXT (focus (w)));
  type (w, "Ashdown");
  settle (300);
  press (w, keys_of (listed, checked, "Open the chosen child’s page"));
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "child");
  keys = all_keys_of (listed, checked, "Back to the list");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      if (i > 0)
        search_and_open (window, "Ashdown");
      press (w, keys[i]);
      g_assert_cmpstr (pep_window_get_visible_page (window), ==, "children");
    }

  /* General */
  opens_window (w, listed, checked, "Open a file", g_type_name (GTK_TYPE_FILE_CHOOSER_DIALOG));
  opens_window (w, listed, checked, "Preferences", g_type_name (PEP_TYPE_PREFERENCES_WINDOW));
  {
    /* GTK 4.8's shortcuts window sizes one of its own labels below zero and warns about it
     * (in the app too): warnings are not fatal while it is open, criticals still are. */
    GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

    opens_window (w, listed, checked, "Keyboard shortcuts", g_type_name (GTK_TYPE_SHORTCUTS_WINDOW));
    g_log_set_always_fatal (fatal);
  }
  opens_window (w, listed, checked, "Quality assurance: the queue and follow-up actions", g_type_name (PEP_TYPE_QA_WINDOW));
  opens_window (w, listed, checked, "The dashboard", g_type_name (PEP_TYPE_DASHBOARD_WINDOW));
  opens_window (w, listed, checked, "Export PEPs as XML", g_type_name (PEP_TYPE_EXCHANGE_DIALOG));
  opens_window (w, listed, checked, "Import PEPs from XML", g_type_name (GTK_TYPE_FILE_CHOOSER_DIALOG));

  /* A child's PEPs, and the editor. */
  search_and_open (window, "Ashdown");
  press (w, keys_of (listed, checked, "Start this term’s PEP"));
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "plan");
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_MEETING);
  press (w, keys_of (listed, checked, "Next section"));
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_VOICE);
  press (w, keys_of (listed, checked, "Previous section"));
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_MEETING);
  keys = all_keys_of (listed, checked, "Submit the PEP");
  for (guint i = 0; keys[i] != NULL; i++)
    {
      press (w, keys[i]);
      dialog = find_window (ADW_TYPE_MESSAGE_DIALOG);
      g_assert_nonnull (dialog);
      g_assert_cmpstr (adw_message_dialog_get_heading (ADW_MESSAGE_DIALOG (dialog)), ==,
                       "Not Ready to Submit");
      press (dialog, "Escape");
      g_assert_null (find_window (ADW_TYPE_MESSAGE_DIALOG));
    }
  opens_window (w, listed, checked, "Print the PEP shown", "GtkPrintUnixDialog");
  opens_window (w, listed, checked, "Print a carer copy, without sensitive information", "GtkPrintUnixDialog");

  /* Last: Quit closes every window. */
  press (w, keys_of (listed, checked, "Quit"));
  settle (300);
  g_assert_null (gtk_application_get_windows (GTK_APPLICATION (f->app)));

  for (guint i = 0; i < listed->len; i++)
    {
      Listed *l = g_ptr_array_index (listed, i);

      if (!g_hash_table_contains (checked, l->title) && !g_strv_contains (unseen, l->title))
        g_error ("The shortcuts window lists “%s” (%s), which this test does not check",
                 l->title, l->keys[0]);
    }
}

/* Every dialog and secondary window closes with each key the shortcuts window lists under
 * "Close a dialog or window" (Escape, Ctrl+W), whoever made it; the main window stays. Those
 * a key opens are opened with it; the others (which need a tampered PEP, a sealed key, a
 * file with no owner…) are made as the app makes them and shown. */
typedef GtkWindow *(*OpenDialog) (Fixture *f, PepWindow *window);

static void wait_qa (PepQaWindow *window);

static GtkWindow *
opened_by (PepWindow  *window,
           const char *keys,
           GType       type)
{
  GtkWindow *opened;

  press (GTK_WINDOW (window), keys);
  opened = await_window (type, NULL, TRUE);
  if (opened == NULL)
    g_error ("%s opened no %s", keys, g_type_name (type));
  return opened;
}

static GtkWindow *
open_add_child (Fixture *f, PepWindow *window)
{
  return opened_by (window, "ctrl+n", PEP_TYPE_CHILD_DIALOG);
}

static GtkWindow *
open_export (Fixture *f, PepWindow *window)
{
  return opened_by (window, "ctrl+e", PEP_TYPE_EXCHANGE_DIALOG);
}

static GtkWindow *
open_preferences (Fixture *f, PepWindow *window)
{
  return opened_by (window, "ctrl+comma", PEP_TYPE_PREFERENCES_WINDOW);
}

static GtkWindow *
open_qa (Fixture *f, PepWindow *window)
{
  GtkWindow *qa = opened_by (window, "ctrl+shift+q", PEP_TYPE_QA_WINDOW);

  wait_qa (PEP_QA_WINDOW (qa));
  return qa;
}

static GtkWindow *
open_dashboard (Fixture *f, PepWindow *window)
{
  return opened_by (window, "ctrl+shift+d", PEP_TYPE_DASHBOARD_WINDOW);
}

static GtkWindow *
open_shortcuts (Fixture *f, PepWindow *window)
{
  return opened_by (window, "ctrl+question", GTK_TYPE_SHORTCUTS_WINDOW);
}

static GtkWindow *
open_file_chooser (Fixture *f, PepWindow *window)
{
  return opened_by (window, "ctrl+o", GTK_TYPE_FILE_CHOOSER_DIALOG);
}

static GtkWindow *
open_about (Fixture *f, PepWindow *window)
{
  g_action_group_activate_action (G_ACTION_GROUP (f->app), "about", NULL);
  settle (300);
  return find_window (ADW_TYPE_ABOUT_WINDOW);
}

static GtkWindow *
shown (GtkWindow *dialog)
{
  gtk_window_present (dialog);
  settle (300);
  return dialog;
}

static GtkWindow *
open_import (Fixture *f, PepWindow *window)
{
  return shown (GTK_WINDOW (pep_exchange_dialog_new_import (GTK_WINDOW (window), f->path)));
}

static GtkWindow *
open_history (Fixture *f, PepWindow *window)
{
  g_autoptr(GError) error = NULL;
  GtkWidget *dialog = pep_history_dialog_new (GTK_WINDOW (window), pep_window_get_store (window),
                                              f->ashdown, PEP_HISTORY_CARE, G_MAXUINT, &error);

  g_assert_no_error (error);
  return shown (GTK_WINDOW (dialog));
}

static GtkWindow *
open_tamper (Fixture *f, PepWindow *window)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_tampered_plan_free);
  g_autoptr(GError) error = NULL;
  PepTamperedPlan *plan = pep_tampered_plan_load (pep_window_get_store (window), f->brookfield_plan,
                                                  PEP_SEAL_CHANGED, "changed after sign-off", &error);

  g_assert_no_error (error);
  g_ptr_array_add (plans, plan);
  return shown (GTK_WINDOW (pep_tamper_dialog_new (GTK_WINDOW (window), plans)));
}

static GtkWindow *
open_return (Fixture *f, PepWindow *window)
{
  GDate due;

  today (&due);
  g_date_add_days (&due, 20);
  /* It hides on close, kept by what made it (the review view): kept here by the test. */
  return shown (g_object_ref_sink (GTK_WINDOW (pep_return_dialog_new (GTK_WINDOW (window), &due))));
}

static GtkWindow *
open_owner (Fixture *f, PepWindow *window)
{
  return shown (GTK_WINDOW (pep_owner_dialog_new (GTK_WINDOW (window), pep_window_get_store (window))));
}

static GtkWindow *
open_passphrase (Fixture *f, PepWindow *window)
{
  g_autoptr(PepWorkContext) context = pep_application_dup_context (f->app, pep_window_get_store (window), NULL);
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) answer = g_simple_action_new ("answer", G_VARIANT_TYPE_BOOLEAN);

  g_assert_nonnull (context);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (answer));
  gtk_widget_insert_action_group (GTK_WIDGET (window), "test", G_ACTION_GROUP (group));
  settle (300);
  return GTK_WINDOW (pep_passphrase_dialog_ask_authority_key (GTK_WIDGET (window), context,
                                                              "test.answer"));
}

static void
test_close_dialogs (Fixture       *f,
                    gconstpointer  data)
{
  PepWindow *window = open_main_window (f);
  g_autoptr(GPtrArray) listed = list_shortcuts (GTK_APPLICATION (f->app));
  g_autoptr(GHashTable) checked = g_hash_table_new (g_str_hash, g_str_equal);
  const char *const *keys = all_keys_of (listed, checked, "Close a dialog or window");
  static const struct { const char *what; OpenDialog open; } dialogs[] = {
    { "Add a Child", open_add_child },
    { "Export", open_export },
    { "Import", open_import },
    { "a care history row", open_history },
    { "PEPs changed after sign-off", open_tamper },
    { "Return to School", open_return },
    { "the passphrase", open_passphrase },
    { "whose copy this is", open_owner },
    { "Preferences", open_preferences },
    { "the QA window", open_qa },
    { "the dashboard", open_dashboard },
    { "the keyboard shortcuts", open_shortcuts },
    { "About", open_about },
    { "Open…", open_file_chooser },
  };
  /* GTK 4.8's shortcuts window sizes one of its own labels below zero and warns about it
   * (test_shortcuts): warnings are not fatal here, criticals still are. */
  GLogLevelFlags fatal = g_log_set_always_fatal (G_LOG_FATAL_MASK | G_LOG_LEVEL_CRITICAL);

  g_assert_true (g_strv_contains (keys, "Escape"));
  g_assert_true (g_strv_contains (keys, "ctrl+w"));
  for (guint d = 0; d < G_N_ELEMENTS (dialogs); d++)
    for (guint k = 0; keys[k] != NULL; k++)
      {
        g_autoptr(GtkWindow) opened = NULL;

        g_test_message ("%s, %s", dialogs[d].what, keys[k]);
        opened = dialogs[d].open (f, window);
        g_assert_nonnull (opened);
        g_object_ref (opened);
        g_assert_true (gtk_widget_get_visible (GTK_WIDGET (opened)));
        press (opened, keys[k]);
        await_window (G_OBJECT_TYPE (opened), opened, FALSE);
        if (gtk_widget_get_visible (GTK_WIDGET (opened)))
          g_error ("%s does not close with %s", dialogs[d].what, keys[k]);
        /* Gone, or hidden to be shown again: the shortcuts window is its main window's. */
        if (!GTK_IS_SHORTCUTS_WINDOW (opened))
          gtk_window_destroy (opened);
        settle (100);
      }
  g_log_set_always_fatal (fatal);

  /* A file's main window is not a dialog: Ctrl+W leaves it open (Escape there goes back). */
  press (GTK_WINDOW (window), "ctrl+w");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));
  g_assert_true (g_list_find (gtk_application_get_windows (GTK_APPLICATION (f->app)), window) != NULL);
}

/* The QA half, by keyboard: the demo's QA officer opens the QA workspace from the main
 * window, opens the longest-waiting PEP, rates a section below what the checks propose, gives
 * the reason the refusal asks for, and closes the Return dialog and the workspace with
 * Escape. */

static gboolean
is_red_to_depart (GtkWidget *widget,
                  gpointer   data)
{
  GtkWidget *card = gtk_widget_get_ancestor (widget, PEP_TYPE_SECTION_RATING);
  PepSectionRating *rating = card != NULL ? PEP_SECTION_RATING (card) : NULL;

  return rating != NULL
         && widget == GTK_WIDGET (pep_section_rating_get_button (rating, PEP_RATING_RED))
         && pep_section_rating_get_proposed (rating) != PEP_RATING_NOT_RATED
         && pep_section_rating_get_proposed (rating) > PEP_RATING_RED
         && pep_section_rating_get_section (rating) != PEP_SECTION_QA;
}

static gboolean
in_queue_row (GtkWidget *widget,
              gpointer   data)
{
  return gtk_widget_get_ancestor (widget, GTK_TYPE_COLUMN_VIEW) != NULL
         && g_strcmp0 (G_OBJECT_TYPE_NAME (widget), "GtkColumnListItemFactory") != 0
         && gtk_widget_get_ancestor (widget, GTK_TYPE_LIST_VIEW) != NULL;
}

static void
wait_qa (PepQaWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (pep_qa_window_get_busy (window) && g_get_monotonic_time () < deadline)
    settle (20);
  g_assert_false (pep_qa_window_get_busy (window));
  settle (200);
}

static void
test_qa (Fixture       *f,
         gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "virtual-school.db", NULL);
  g_autoptr(PepPlan) rated = NULL;
  g_autoptr(GError) error = NULL;
  PepSectionRating *rating;
  PepSection section;
  PepWindow *window;
  PepQaWindow *qa;
  GtkWindow *w, *dialog;
  GtkWidget *reason;
  gint64 plan_id;
  GDate date;

  {
    g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
    PepDemoOptions options;

    g_assert_no_error (error);
    pep_demo_options_init (&options);
    options.n_children = 30;
    options.n_terms = 1;
    options.seed = 16;
    today (&date);
    pep_term_for_date (&date, &options.last_term);
    g_assert_true (pep_demo_generate (store, &options, NULL, NULL, &error));
    g_assert_no_error (error);
  }
  /* The demo's QA officer, whose demo key is on its officers list. */
  set_user ("qa-officer", "Quinn Officer");
  pep_application_open_path (f->app, path, FALSE);
  window = PEP_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (f->app)));
  g_assert_nonnull (window);
  while (pep_window_get_busy (window))
    settle (20);
  settle (200);

  /* Ctrl+Shift+Q opens the QA window on the queue; Return opens the PEP waiting longest. */
  press (GTK_WINDOW (window), "ctrl+shift+q");
  qa = PEP_QA_WINDOW (find_window (PEP_TYPE_QA_WINDOW));
  g_assert_nonnull (qa);
  w = GTK_WINDOW (qa);
  wait_qa (qa);
  g_assert_cmpstr (pep_qa_window_get_visible_page (qa), ==, "queue");
  tab_until (w, "Tab", in_queue_row, NULL, 30);
  press (w, "Return");
  wait_qa (qa);
  g_assert_cmpstr (pep_qa_window_get_visible_page (qa), ==, "review");
  g_assert_nonnull (gtk_widget_get_ancestor (focus (w), PEP_TYPE_SECTION_RATING));

  /* Tab to the Red of a section the checks rate higher; Space rates it Red, which asks the
   * reason: the focus goes to the reason; typed and confirmed with Enter, both are saved. */
  tab_until (w, "Tab", is_red_to_depart, NULL, 80);
  rating = PEP_SECTION_RATING (gtk_widget_get_ancestor (focus (w), PEP_TYPE_SECTION_RATING));
  section = pep_section_rating_get_section (rating);
  plan_id = pep_plan_get_id (pep_review_view_get_plan (pep_qa_window_get_review_view (qa)));
  press (w, "space");
  reason = GTK_WIDGET (pep_section_rating_get_reason_row (rating));
  g_assert_true (gtk_widget_get_visible (reason));
  g_assert_true (focus (w) == reason || gtk_widget_is_ancestor (focus (w), reason));
  g_assert_nonnull (pep_section_rating_get_message (rating));
  type (w, "Views were gathered after the meeting");
  press (w, "Return");
  settle (300);
  {
    g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
    GPtrArray *rows;
    PepRecord *row = NULL;

    g_assert_no_error (error);
    rated = pep_store_load_plan (store, plan_id, &error);
    g_assert_no_error (error);
    rows = pep_plan_get_rows (rated, PEP_TABLE_RATING);
    for (guint i = 0; i < rows->len; i++)
      if (g_strcmp0 (pep_record_get_text (g_ptr_array_index (rows, i), PEP_RATING_SECTION),
                     pep_section_to_nick (section)) == 0)
        row = g_ptr_array_index (rows, i);
    g_assert_nonnull (row);
    g_assert_cmpstr (pep_record_get_text (row, PEP_RATING_RATING), ==,
                     pep_rating_to_nick (PEP_RATING_RED));
    g_assert_cmpstr (pep_record_get_text (row, PEP_RATING_REASON), ==,
                     "Views were gathered after the meeting");
  }
  g_assert_true (pep_section_rating_get_saved (rating));

  /* Every dialog closes with Escape: Return to School (Alt+R), then the workspace itself. */
  press (w, "alt+r");
  /* The dialog comes once the unsaved ratings are tried again (pep_review_view_flush). */
  for (guint i = 0; i < 100 && find_window (PEP_TYPE_RETURN_DIALOG) == NULL; i++)
    settle (50);
  dialog = find_window (PEP_TYPE_RETURN_DIALOG);
  g_assert_nonnull (dialog);
  press (dialog, "Escape");
  g_assert_null (find_window (PEP_TYPE_RETURN_DIALOG));
  g_assert_cmpstr (pep_qa_window_get_visible_page (qa), ==, "review");
  press (w, "Escape");
  wait_qa (qa);
  g_assert_cmpstr (pep_qa_window_get_visible_page (qa), !=, "review");
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *xdotool_path = g_find_program_in_path ("xdotool");

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  if (xdotool_path == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs xdotool and an X display (make test runs it under Xvfb)");
      return g_test_run ();
    }

  {
    Display *xdisplay = gdk_x11_display_get_xdisplay (gdk_display_get_default ());
    XKeyboardState keyboard;

    XAutoRepeatOff (xdisplay);
    XSync (xdisplay, False);
    XGetKeyboardControl (xdisplay, &keyboard);
    g_assert_cmpint (keyboard.global_auto_repeat, ==, AutoRepeatModeOff);
  }

  the_app = pep_application_new ();
  g_application_set_flags (G_APPLICATION (the_app),
                           G_APPLICATION_HANDLES_OPEN | G_APPLICATION_NON_UNIQUE);
  if (!g_application_register (G_APPLICATION (the_app), NULL, NULL))
    g_error ("The application could not start");
  g_application_hold (G_APPLICATION (the_app));

#define ADD(name, fn) g_test_add ("/pep/keyboard/" name, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("walk", test_walk);
  ADD ("add-child", test_add_child);
  ADD ("shortcuts", test_shortcuts);
  ADD ("qa", test_qa);
  ADD ("close-dialogs", test_close_dialogs);
  ADD ("sort", test_sort_by_keyboard);
#undef ADD

  return g_test_run ();
}
