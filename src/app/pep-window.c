/* pep-window.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a GListStore of PepChildSummary, filtered (incrementally) by the search
 * text, sorted by the column view's sorter and shown through a single selection. It is
 * read on a worker thread. A PepStore belongs to one thread only, so each worker opens
 * its own PepStore on the same file and drops it when done; the window's own store is
 * only ever touched on the main thread.
 */

#define G_LOG_DOMAIN "pep-window"

#include "config.h"

#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>

#include "pep-accessible.h"
#include "pep-application.h"
#include "pep-child-dialog.h"
#include "pep-child-page.h"
#include "pep-child-summary.h"
#include "pep-dashboard-window.h"
#include "pep-exchange-dialog.h"
#include "pep-demo.h"
#include "pep-help.h"
#include "pep-owner-dialog.h"
#include "pep-plan-editor.h"
#include "pep-plan-printer.h"
#include "pep-rubric.h"
#include "pep-privacy.h"
#include "pep-settings.h"
#include "pep-table-cell.h"
#include "pep-signoff.h"
#include "pep-tamper-dialog.h"
#include "pep-window.h"

#define DEMO_N_CHILDREN 600
#define DEMO_N_TERMS    3

/* Shared between the demo worker thread (which writes) and the main thread (which reads). */
typedef struct
{
  char      *path;
  PepTermId  term;
  int        done;
  int        total;
} DemoJob;

typedef struct
{
  char      *path;
  PepTermId  term;
} LoadJob;

struct _PepWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *back_button;
  GtkButton            *add_button;
  AdwWindowTitle       *window_title;
  AdwHeaderBar         *header_bar;
  GtkSearchEntry       *search_entry;
  GtkStack             *stack;
  AdwStatusPage        *loading_page;
  GtkSpinner           *spinner;
  GtkProgressBar       *progress_bar;
  GtkStack             *list_stack;
  GtkColumnView        *column_view;
  GtkColumnViewColumn  *name_column;
  /* Made on first use (ensure_child_page(), ensure_plan_editor()): not for the first frame */
  PepChildPage         *child_page;
  PepPlanEditor        *plan_editor;
  GMenu                *recent_menu;
  GtkRevealer          *tamper_banner;
  GtkLabel             *tamper_label;

  /* Owned references */
  PepStore             *store;
  GSettings            *settings;
  GListStore           *children;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filter_model;
  GtkSortListModel     *sort_model;
  GtkSingleSelection   *selection;
  GCancellable         *load_cancellable;
  GCancellable         *cancellable;
  GPtrArray            *tampered;  /* PepTamperedPlan: what the check on opening found */
  DemoJob              *demo_job;
  char                 *demo_path;
  GApplication         *held_application;
  PepWorkContext       *context;   /* the file's, shared with the app's other windows on it */

  /* Plain state */
  char                 *folded_query;
  char                 *file_title;
  char                 *term_title;
  PepTermId             term;
  guint                 progress_source;
  guint                 loading : 1;
  guint                 generating : 1;
  guint                 showing_plan : 1;
  guint                 showing_child : 1;
  guint                 close_refused : 1;
  guint                 check_started : 1;
  guint                 checking : 1;
};

G_DEFINE_FINAL_TYPE (PepWindow, pep_window, ADW_TYPE_APPLICATION_WINDOW)

/* For tests/bench/bench-startup: with PEPSTUDIO_BENCH=first-frame the app quits once the
 * window has painted its first frame; with PEPSTUDIO_BENCH=listed, once the child list is
 * shown. Unset, nothing happens. */
static void
bench_quit (PepWindow *self)
{
  GApplication *app = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));

  if (app != NULL)
    g_application_quit (app);
}

static void
bench_quit_after_paint (PepWindow *self)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));

  if (clock == NULL)
    return;
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (bench_quit), self, G_CONNECT_SWAPPED);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
bench_on_map (PepWindow *self)
{
  bench_quit_after_paint (self);
}

enum {
  PROP_0,
  PROP_STORE,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->path);
  g_free (job);
}

static void
demo_job_clear (gpointer data)
{
  DemoJob *job = data;

  g_free (job->path);
}

static void
demo_job_release (gpointer data)
{
  g_atomic_rc_box_release_full (data, demo_job_clear);
}

static void
show_toast (PepWindow  *self,
            const char *text)
{
  /* Toast titles are markup; the text may hold a file name. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  pep_accessible_announce (GTK_WIDGET (self), text);
}

/* A file others can read: said when it opens, with the one click that makes it private. */
static void
offer_privacy (PepWindow *self)
{
  AdwToast *toast;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.make-private",
                                 self->store != NULL && !pep_store_is_private (self->store));
  if (self->store == NULL || pep_store_is_private (self->store))
    return;
  toast = adw_toast_new (_("Other users of this computer can read this file"));
  adw_toast_set_button_label (toast, _("_Make Private"));
  adw_toast_set_action_name (toast, "win.make-private");
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  pep_accessible_announce (GTK_WIDGET (self), adw_toast_get_title (toast));
}

static void
pep_window_make_private (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!pep_store_make_private (self->store, &error))
    show_toast (self, error->message);
  else
    show_toast (self, _("Only you can read this file now"));
  gtk_widget_action_set_enabled (widget, "win.make-private", !pep_store_is_private (self->store));
}

static void
update_list_page (PepWindow *self)
{
  guint n_shown = g_list_model_get_n_items (G_LIST_MODEL (self->filter_model));
  guint pending = gtk_filter_list_model_get_pending (self->filter_model);
  gboolean no_results = n_shown == 0 && pending == 0
                        && g_list_model_get_n_items (G_LIST_MODEL (self->children)) > 0;

  gtk_stack_set_visible_child_name (self->list_stack, no_results ? "no-results" : "list");
}

static void on_child_page_open_plan (PepWindow    *self,
                                     gint64        plan_id,
                                     PepChildPage *page);
static void on_plan_editor_title (PepWindow *self);

/* The child's page and the PEP editor are pages of the stack made the first time they are
 * needed, so that opening a file builds, styles and measures only the list. */
static PepChildPage *
ensure_child_page (PepWindow *self)
{
  if (self->child_page == NULL)
    {
      self->child_page = PEP_CHILD_PAGE (pep_child_page_new ());
      g_signal_connect_object (self->child_page, "open-plan", G_CALLBACK (on_child_page_open_plan),
                               self, G_CONNECT_SWAPPED);
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->child_page), "child");
    }
  return self->child_page;
}

static PepPlanEditor *
ensure_plan_editor (PepWindow *self)
{
  if (self->plan_editor == NULL)
    {
      self->plan_editor = PEP_PLAN_EDITOR (pep_plan_editor_new ());
      g_signal_connect_object (self->plan_editor, "notify::title", G_CALLBACK (on_plan_editor_title),
                               self, G_CONNECT_SWAPPED);
      pep_help_set_page (GTK_WIDGET (self->plan_editor), "pep");
      gtk_stack_add_named (self->stack, GTK_WIDGET (self->plan_editor), "plan");
    }
  return self->plan_editor;
}

static void
update_header (PepWindow *self)
{
  gboolean away = self->showing_plan || self->showing_child;

  if (self->showing_plan)
    {
      PepPlan *plan = pep_plan_editor_get_plan (self->plan_editor);
      g_autofree char *term_text = NULL;
      PepTermId term;

      if (plan != NULL)
        {
          pep_plan_get_term (plan, &term);
          term_text = pep_term_format_long (&term);
        }
      adw_window_title_set_title (self->window_title,
                                  pep_plan_editor_get_title (self->plan_editor));
      adw_window_title_set_subtitle (self->window_title, term_text);
    }
  else if (self->showing_child)
    {
      adw_window_title_set_title (self->window_title,
                                  pep_child_page_get_title (self->child_page));
      adw_window_title_set_subtitle (self->window_title, self->file_title);
    }
  else
    {
      adw_window_title_set_title (self->window_title, self->file_title);
      adw_window_title_set_subtitle (self->window_title, self->term_title);
    }

  gtk_widget_set_visible (GTK_WIDGET (self->back_button), away);
  gtk_widget_set_visible (GTK_WIDGET (self->add_button), !away);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.back", away);
}

static void
update_page (PepWindow *self)
{
  guint n_children = g_list_model_get_n_items (G_LIST_MODEL (self->children));
  gboolean busy = self->loading || self->generating;
  const char *page;

  if (self->showing_plan)
    page = "plan";
  else if (self->showing_child)
    page = "child";
  else if (busy)
    page = "loading";
  else if (n_children == 0)
    page = "empty";
  else
    page = "children";

  gtk_stack_set_visible_child_name (self->stack, page);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->search_entry), strcmp (page, "children") == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.load-demo", !busy && n_children == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.add-child", !self->generating);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print", self->showing_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.print-carer-copy", self->showing_plan);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.search",
                                 !self->showing_plan && !self->showing_child && !busy);
  update_header (self);
  update_list_page (self);
}

static void check_signatures (PepWindow *self);

/* Work the next frame need not wait for ------------------------------------------------- */

typedef void (*PepWindowStep) (PepWindow *self);

typedef struct
{
  GWeakRef       window;
  PepWindowStep  step;
  GdkFrameClock *clock;
  gulong         handler;
} AfterPaint;

static void
after_paint_free (gpointer data)
{
  AfterPaint *after = data;

  g_weak_ref_clear (&after->window);
  g_clear_object (&after->clock);
  g_free (after);
}

static gboolean
after_paint_idle (gpointer data)
{
  AfterPaint *after = data;
  g_autoptr(PepWindow) self = g_weak_ref_get (&after->window);

  if (self != NULL && !gtk_widget_in_destruction (GTK_WIDGET (self)))
    after->step (self);
  return G_SOURCE_REMOVE;
}

static void
after_paint_painted (GdkFrameClock *clock,
                     AfterPaint    *after)
{
  g_clear_signal_handler (&after->handler, clock);
  g_idle_add_full (G_PRIORITY_LOW, after_paint_idle, after, after_paint_free);
}

/* Runs @step once the window has painted its next frame, when the main loop is idle: what
 * the first frame and the list's first paint need not wait for (a window not shown, as in
 * the tests, runs it at idle). */
static void
run_after_paint (PepWindow     *self,
                 PepWindowStep  step)
{
  AfterPaint *after = g_new0 (AfterPaint, 1);

  g_weak_ref_init (&after->window, self);
  after->step = step;
  if (!gtk_widget_get_mapped (GTK_WIDGET (self))
      || gtk_widget_get_frame_clock (GTK_WIDGET (self)) == NULL)
    {
      g_idle_add_full (G_PRIORITY_LOW, after_paint_idle, after, after_paint_free);
      return;
    }
  after->clock = g_object_ref (gtk_widget_get_frame_clock (GTK_WIDGET (self)));
  after->handler = g_signal_connect (after->clock, "after-paint", G_CALLBACK (after_paint_painted),
                                     after);
}

/* Loading the list ------------------------------------------------------------------------ */

static void
load_children_thread (GTask        *task,
                      gpointer      source_object,
                      gpointer      task_data,
                      GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *children;

  /* A file of its own, never the person's: made afresh, and removed if it cannot be
   * finished, so that a half-made demo is never opened as one. */
  store = pep_store_open (job->path, PEP_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  children = pep_store_list_children (store, &job->term, &error);
  if (children == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_pointer (task, children, (GDestroyNotify) g_ptr_array_unref);
}

static void
load_children_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PepWindow) self = user_data;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;

  children = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading = FALSE;
  g_clear_object (&self->load_cancellable);

  if (children == NULL)
    {
      show_toast (self, error->message);
    }
  else
    {
      guint n_old = g_list_model_get_n_items (G_LIST_MODEL (self->children));

      g_list_store_splice (self->children, 0, n_old, children->pdata, children->len);
    }

  update_page (self);
  if (!self->showing_plan && !self->showing_child
      && g_list_model_get_n_items (G_LIST_MODEL (self->children)) > 0)
    pep_accessible_focus_rows (self->column_view);

  /* Once the list is shown, every signature of the file is checked, in the background. */
  if (children != NULL && !self->check_started)
    {
      self->check_started = TRUE;
      self->checking = TRUE;
      run_after_paint (self, check_signatures);
    }

  /* The benchmark says how many it listed, so that it can check it timed a list at all. */
  if (g_strcmp0 (g_getenv ("PEPSTUDIO_BENCH"), "listed") == 0)
    {
      g_print ("listed %u\n", children != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->children)) : 0);
      bench_quit_after_paint (self);
    }
}

/**
 * pep_window_reload:
 *
 * Reads the child list again, on a worker thread; a read already under way is cancelled.
 */
void
pep_window_reload (PepWindow *self)
{
  g_autoptr(GTask) task = NULL;
  LoadJob *job;

  g_return_if_fail (PEP_IS_WINDOW (self));
  g_return_if_fail (self->store != NULL);

  g_cancellable_cancel (self->load_cancellable);
  g_clear_object (&self->load_cancellable);
  self->load_cancellable = g_cancellable_new ();

  job = g_new0 (LoadJob, 1);
  job->path = g_strdup (pep_store_get_path (self->store));
  job->term = self->term;

  task = g_task_new (NULL, self->load_cancellable, load_children_cb, g_object_ref (self));
  g_task_set_source_tag (task, pep_window_reload);
  g_task_set_task_data (task, job, load_job_free);
  g_task_run_in_thread (task, load_children_thread);

  self->loading = TRUE;
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), FALSE);
  adw_status_page_set_title (self->loading_page, _("Opening…"));
  update_page (self);
}

/* Checking every signature ------------------------------------------------------------------ */

/* The whole file against its signatures (pep_signoff_check_store()), recorded in the file
 * for the figures and the lists, on a worker thread with its own store: a few seconds for
 * thousands of PEPs, which the first frame and the list do not wait for. Each PEP that fails
 * comes back with its child and term, for the banner's list. */
static void
check_signatures_thread (GTask        *task,
                         gpointer      source_object,
                         gpointer      task_data,
                         GCancellable *cancellable)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepTamperedList tampered = { NULL, NULL, NULL };

  store = pep_store_open (task_data, PEP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  tampered.store = store;
  tampered.found = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_tampered_plan_free);
  if (!pep_signoff_check_store (store, PEP_SIGNOFF_CHECK_RECORD, pep_tampered_list_add, &tampered,
                                NULL, &error)
      || tampered.error != NULL)
    {
      g_ptr_array_unref (tampered.found);
      g_task_return_error (task, tampered.error != NULL ? tampered.error : g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, tampered.found, (GDestroyNotify) g_ptr_array_unref);
}

static void
update_tamper_banner (PepWindow *self)
{
  guint n = self->tampered != NULL ? self->tampered->len : 0;

  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u signed-off PEP was changed after sign-off",
                                                            "%u signed-off PEPs were changed after sign-off",
                                                            n), n);

      gtk_label_set_text (self->tamper_label, text);
    }
  gtk_revealer_set_reveal_child (self->tamper_banner, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-tampered", n > 0);
}

static void
check_signatures_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PepWindow) self = user_data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;
  gboolean marked = FALSE;

  found = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  self->checking = FALSE;
  if (found == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  g_clear_pointer (&self->tampered, g_ptr_array_unref);
  self->tampered = g_steal_pointer (&found);
  update_tamper_banner (self);

  /* The list shows what the last check recorded: read it again when that has changed. */
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->children)) && !marked; i++)
    {
      g_autoptr(PepChildSummary) summary = g_list_model_get_item (G_LIST_MODEL (self->children), i);

      marked = pep_child_summary_get_seal (summary) != PEP_SEAL_OK;
    }
  if (marked || self->tampered->len > 0)
    pep_window_reload (self);
}

static void
check_signatures (PepWindow *self)
{
  g_autoptr(GTask) task = NULL;

  self->check_started = TRUE;
  self->checking = TRUE;
  task = g_task_new (NULL, self->cancellable, check_signatures_cb, g_object_ref (self));
  g_task_set_source_tag (task, check_signatures);
  g_task_set_task_data (task, g_strdup (pep_store_get_path (self->store)), g_free);
  g_task_set_priority (task, G_PRIORITY_LOW);
  g_task_run_in_thread (task, check_signatures_thread);
}

static void
on_tamper_dialog_open_plan (PepWindow       *self,
                            gint64           plan_id,
                            PepTamperDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  gtk_window_close (GTK_WINDOW (dialog));
  if (!pep_window_open_plan (self, plan_id, &error))
    show_toast (self, error->message);
}

static void
pep_window_show_tampered (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);
  PepTamperDialog *dialog;

  if (self->tampered == NULL || self->tampered->len == 0)
    return;
  dialog = pep_tamper_dialog_new (GTK_WINDOW (self), self->tampered);
  g_signal_connect_object (dialog, "open-plan", G_CALLBACK (on_tamper_dialog_open_plan), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}


/* Demo data ------------------------------------------------------------------------------- */

static void
demo_progress_cb (guint    done,
                  guint    total,
                  gpointer user_data)
{
  DemoJob *job = user_data;

  g_atomic_int_set (&job->total, (int) total);
  g_atomic_int_set (&job->done, (int) done);
}

static void
load_demo_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  DemoJob *job = task_data;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepDemoOptions options;

  /* A file of its own, never the person's: made afresh, and removed if it cannot be
   * finished, so that a half-made demo is never opened as one. */
  store = pep_store_open (job->path, PEP_STORE_OPEN_CREATE, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  pep_demo_options_init (&options);
  options.n_children = DEMO_N_CHILDREN;
  options.n_terms = DEMO_N_TERMS;
  options.last_term = job->term;

  if (!pep_demo_generate (store, &options, demo_progress_cb, job, &error))
    {
      g_clear_object (&store);
      for (guint i = 0; i < 3; i++)
        {
          g_autofree char *file = g_strconcat (job->path, (const char *[]) { "", "-wal", "-shm" }[i],
                                               NULL);

          g_unlink (file);
        }
      g_task_return_error (task, g_steal_pointer (&error));
    }
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * pep_window_get_demo_path:
 *
 * Where Load Demo Data puts its invented children: a file of its own in the person's data
 * folder (`~/.local/share/pepstudio/demo-peps.db`), named as a demo, never their own file.
 *
 * Returns: (transfer full): the path
 */
char *
pep_window_get_demo_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "pepstudio", "demo-peps.db", NULL);
}

/* Whether the window's file is a demo (pepctl demo or Load Demo Data wrote it). */
gboolean
pep_window_is_demo (PepWindow *self)
{
  g_autofree char *seed = NULL;

  g_return_val_if_fail (PEP_IS_WINDOW (self), FALSE);

  if (self->store == NULL)
    return FALSE;
  seed = pep_store_get_meta (self->store, "demo_seed");
  return seed != NULL;
}

/* Opens the demo file in a window of its own, beside this one. */
static void
open_demo_window (PepWindow  *self,
                  const char *path)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  g_autoptr(GError) error = NULL;
  PepWindow *window;

  if (PEP_IS_APPLICATION (application))
    {
      pep_application_open_path (PEP_APPLICATION (application), path, FALSE);
      return;
    }
  window = pep_window_new_for_path (NULL, path, PEP_STORE_OPEN_DEFAULT, &error);
  if (window == NULL)
    show_toast (self, error->message);
  else
    gtk_window_present (GTK_WINDOW (window));
}

static gboolean
update_demo_progress (gpointer user_data)
{
  PepWindow *self = user_data;
  int done = g_atomic_int_get (&self->demo_job->done);
  int total = g_atomic_int_get (&self->demo_job->total);

  if (total > 0)
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP ((double) done / total, 0.0, 1.0));
  else
    gtk_progress_bar_pulse (self->progress_bar);

  return G_SOURCE_CONTINUE;
}

static void
load_demo_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PepWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  ok = g_task_propagate_boolean (G_TASK (result), &error);

  if (self->held_application != NULL)
    {
      g_application_release (self->held_application);
      g_clear_object (&self->held_application);
    }

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_handle_id (&self->progress_source, g_source_remove);
  g_clear_pointer (&self->demo_job, demo_job_release);
  self->generating = FALSE;

  if (!ok)
    {
      show_toast (self, error->message);
      update_page (self);
      return;
    }

  update_page (self);
  show_toast (self, _("The demo is in a file of its own, opened in a new window. Your file is unchanged."));
  open_demo_window (self, self->demo_path);
}

static void
pep_window_load_demo (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);
  g_autoptr(GTask) task = NULL;
  GApplication *application;

  if (self->generating || self->store == NULL)
    return;

  /* Demo data goes into a demo file of its own, made once and opened beside this window:
   * invented children never enter the person's own file. */
  g_free (self->demo_path);
  self->demo_path = pep_window_get_demo_path ();
  if (g_file_test (self->demo_path, G_FILE_TEST_EXISTS))
    {
      open_demo_window (self, self->demo_path);
      return;
    }
  {
    g_autofree char *dir = g_path_get_dirname (self->demo_path);

    if (g_mkdir_with_parents (dir, 0700) != 0)
      {
        int saved_errno = errno;

        show_toast (self, g_strerror (saved_errno));
        return;
      }
  }

  self->demo_job = g_atomic_rc_box_new0 (DemoJob);
  self->demo_job->path = g_strdup (self->demo_path);
  self->demo_job->term = self->term;

  task = g_task_new (NULL, self->cancellable, load_demo_cb, g_object_ref (self));
  g_task_set_source_tag (task, pep_window_load_demo);
  g_task_set_task_data (task, g_atomic_rc_box_acquire (self->demo_job), demo_job_release);
  g_task_run_in_thread (task, load_demo_thread);

  /* Writing the demo file takes a few seconds; keep the app alive until it is done. */
  application = G_APPLICATION (gtk_window_get_application (GTK_WINDOW (self)));
  if (application != NULL)
    {
      self->held_application = g_object_ref (application);
      g_application_hold (application);
    }

  self->generating = TRUE;
  adw_status_page_set_title (self->loading_page, _("Creating Demo Data…"));
  gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), TRUE);
  self->progress_source = g_timeout_add (100, update_demo_progress, self);
  update_page (self);
}

/* Search and the list ---------------------------------------------------------------------- */

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  PepWindow *self = user_data;

  return pep_child_summary_matches (PEP_CHILD_SUMMARY (item), self->folded_query);
}

static void
set_query (PepWindow  *self,
           const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *folded = pep_child_summary_fold (stripped);
  GtkFilterChange change;

  if (g_strcmp0 (folded, self->folded_query) == 0)
    return;

  /* A longer query that contains the old one can only match fewer children, and the other
   * way round; telling the filter lets it look at fewer rows. */
  if (strstr (folded, self->folded_query) != NULL)
    change = GTK_FILTER_CHANGE_MORE_STRICT;
  else if (strstr (self->folded_query, folded) != NULL)
    change = GTK_FILTER_CHANGE_LESS_STRICT;
  else
    change = GTK_FILTER_CHANGE_DIFFERENT;

  g_free (self->folded_query);
  self->folded_query = g_steal_pointer (&folded);
  gtk_filter_changed (GTK_FILTER (self->filter), change);
  update_list_page (self);
}

static void
on_search_entry_search_changed (PepWindow      *self,
                                GtkSearchEntry *entry)
{
  set_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
on_search_entry_activate (PepWindow      *self,
                          GtkSearchEntry *entry)
{
  guint position;

  set_query (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  position = gtk_single_selection_get_selected (self->selection);
  if (position != GTK_INVALID_LIST_POSITION)
    pep_window_activate_row (self, position);
}

static void
on_search_entry_stop_search (PepWindow      *self,
                             GtkSearchEntry *entry)
{
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  set_query (self, "");
  pep_accessible_focus_rows (self->column_view);
}

static void
on_column_view_activate (PepWindow     *self,
                         guint          position,
                         GtkColumnView *column_view)
{
  pep_window_activate_row (self, position);
}

static void
on_filter_model_changed (PepWindow *self)
{
  update_list_page (self);
}

static void
pep_window_search (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

/* The PEP view ----------------------------------------------------------------------------- */

static void
pep_window_back (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);

  if (self->showing_plan)
    {
      /* Back from a PEP to its child, whose history may have changed. */
      pep_plan_editor_flush (self->plan_editor);
      self->showing_plan = FALSE;
      if (self->child_page != NULL && pep_child_page_get_child_id (self->child_page) != 0)
        {
          g_autoptr(GError) error = NULL;

          pep_window_open_child (self, pep_child_page_get_child_id (self->child_page), &error);
          pep_plan_editor_clear (self->plan_editor);
          return;
        }
      pep_plan_editor_clear (self->plan_editor);
    }
  else if (self->showing_child)
    {
      pep_child_page_clear (self->child_page);
      self->showing_child = FALSE;
      /* The child's name or status may have changed. */
      pep_window_reload (self);
    }
  else
    {
      return;
    }

  update_page (self);
  pep_accessible_focus_rows (self->column_view);
}

/* Who is editing: the user's name and role from the preferences, for the workflow's checks
 * and the audit trail. */
static PepWorkflow *
make_workflow (PepWindow *self,
               gint64     child_id)
{
  PepAuthority *authority = pep_work_context_for_child (self->context, child_id, NULL);

  return g_object_ref (pep_work_context_get_workflow (self->context, authority));
}

static void
on_child_page_open_plan (PepWindow    *self,
                         gint64        plan_id,
                         PepChildPage *page)
{
  g_autoptr(GError) error = NULL;

  if (!pep_window_open_plan (self, plan_id, &error))
    show_toast (self, error->message);
}

static void
on_plan_editor_title (PepWindow *self)
{
  update_header (self);
}

/* Closing the window writes what was typed; if the file refuses it (someone else changed
 * the PEP, the disk is full), the window stays open once, to say so. */
static gboolean
pep_window_close_request (GtkWindow *window)
{
  PepWindow *self = PEP_WINDOW (window);
  gboolean saved;

  /* A page never made has nothing to write. */
  saved = (self->plan_editor == NULL || pep_plan_editor_flush (self->plan_editor))
          & (self->child_page == NULL || pep_child_page_flush (self->child_page));
  if (!saved && !self->close_refused)
    {
      self->close_refused = TRUE;
      show_toast (self, _("Your last changes are not saved yet (see above). Close again to "
                          "close without them."));
      return TRUE;
    }

  return GTK_WINDOW_CLASS (pep_window_parent_class)->close_request (window);
}

/* Adding a child --------------------------------------------------------------------------- */

static void
on_child_added (PepWindow *self,
                gint64     child_id)
{
  show_toast (self, _("Child added"));
  pep_window_reload (self);
}

static void
pep_window_add_child (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);
  PepChildDialog *dialog;

  if (self->store == NULL)
    return;

  dialog = pep_child_dialog_new (GTK_WINDOW (self), self->store);
  g_signal_connect_object (dialog, "child-added", G_CALLBACK (on_child_added), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The dashboard and printing --------------------------------------------------------------- */

/* The Virtual School's figures for this file, in a window of their own. */
static void
pep_window_dashboard (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);

  if (self->store != NULL)
    pep_dashboard_window_present_for (GTK_WINDOW (self), self->context);
}

/* Export… and Import… of PEP exchange XML: a dialog of their own, working on its own store. */
static void
pep_window_exchange (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);
  PepExchangeDialog *dialog;

  if (self->store == NULL)
    return;
  if (g_str_equal (action_name, "win.export"))
    {
      dialog = pep_exchange_dialog_new_export (GTK_WINDOW (self), pep_store_get_path (self->store));
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }
  dialog = pep_exchange_dialog_new_import (GTK_WINDOW (self), pep_store_get_path (self->store));
  pep_exchange_dialog_set_context (dialog, self->context);
  g_signal_connect_object (dialog, "imported", G_CALLBACK (pep_window_reload), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_activate_action (GTK_WIDGET (dialog), "exchange.choose", NULL);
}

/* The PEP shown, as it is now: in full, or the carer copy without sensitive fields. */
static void
pep_window_print (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);
  PepPlan *plan = self->showing_plan ? pep_plan_editor_get_plan (self->plan_editor) : NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  PepRole role;

  if (plan == NULL)
    return;
  /* A carer prints the carer copy only, whichever print they ask for (docs/privacy.md). */
  pep_settings_get_actor (self->settings, &name, &role);
  pep_plan_editor_flush (self->plan_editor);
  if (!pep_plan_printer_print_plan (GTK_WINDOW (self), self->store, plan,
                                    g_str_equal (action_name, "win.print-carer-copy")
                                    || !pep_privacy_role_may_use (role, PEP_XML_PROFILE_FULL),
                                    &error))
    show_toast (self, error->message);
}

/* For screenshots, documented in README.md: PEPSTUDIO_OPEN=dashboard or dashboard:BY (BY is
 * school, trust, year, area or advisor) opens the dashboard once the window is shown;
 * dashboard:annual opens it on this academic year. PEPSTUDIO_OPEN=action:NAME activates the
 * window's action NAME (win.add-child, app.about, win.show-help-overlay…), as the
 * accessibility test does to open each dialog. */
static gboolean
open_dashboard_from_environment (gpointer user_data)
{
  PepWindow *self = user_data;
  const char *value = g_getenv ("PEPSTUDIO_OPEN");
  static const char *by[] = { "", "school", "trust", "year", "area", "advisor" };
  PepDashboardWindow *dashboard;

  if (self->store != NULL && g_strcmp0 (value, "export") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "win.export", NULL);
  if (self->store != NULL && value != NULL && g_str_has_prefix (value, "action:"))
    gtk_widget_activate_action (GTK_WIDGET (self), value + strlen ("action:"), NULL);
  if (self->store == NULL || value == NULL || !g_str_has_prefix (value, "dashboard"))
    return G_SOURCE_REMOVE;
  dashboard = pep_dashboard_window_present_for (GTK_WINDOW (self), self->context);
  for (guint i = 1; i < G_N_ELEMENTS (by); i++)
    if (g_str_has_suffix (value, by[i]))
      pep_dashboard_window_set_breakdown (dashboard, i);
  if (g_str_has_suffix (value, ":annual"))
    {
      PepTermId term;

      pep_dashboard_window_get_term (dashboard, &term);
      pep_dashboard_window_set_year (dashboard, term.year);
    }
  return G_SOURCE_REMOVE;
}

/* Help and recent files -------------------------------------------------------------------- */

/* F1: the help page of the view with the focus, or else of the visible page. */
static void
pep_window_help (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PepWindow *self = PEP_WINDOW (widget);
  const char *page = pep_help_get_page (gtk_root_get_focus (GTK_ROOT (self)));

  if (page == NULL)
    page = pep_help_get_page (gtk_stack_get_visible_child (self->stack));
  pep_help_show (GTK_WINDOW (self), page != NULL ? page : "index");
}

/* The Open Recent menu: the files in the recent-files key that are still there. */
static void
update_recent_menu (PepWindow *self)
{
  g_auto(GStrv) paths = g_settings_get_strv (self->settings, "recent-files");

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      g_auto(GStrv) parts = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (!g_file_test (paths[i], G_FILE_TEST_IS_REGULAR))
        continue;
      /* Menu labels take "_" as a mnemonic; a file name's own underscores are doubled. */
      name = g_filename_display_basename (paths[i]);
      parts = g_strsplit (name, "_", -1);
      label = g_strjoinv ("__", parts);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target (item, "app.open-recent", "s", paths[i]);
      g_menu_append_item (self->recent_menu, item);
    }

  if (g_menu_model_get_n_items (G_MENU_MODEL (self->recent_menu)) == 0)
    g_menu_append (self->recent_menu, _("No Recent Files"), "app.no-recent-files");
}

/* GObject ---------------------------------------------------------------------------------- */

/* For screenshots and trying things by hand, documented in README.md: with
 * PEPSTUDIO_OPEN_PLAN=ID or ID:SECTION (a section nick such as "targets") the window opens
 * that PEP, at that section, as it starts; with PEPSTUDIO_OPEN_CHILD=ID, that child's page.
 * An id the file does not have is ignored. */
static void
open_from_environment (PepWindow *self)
{
  const char *value = g_getenv ("PEPSTUDIO_OPEN_PLAN");
  const char *child = g_getenv ("PEPSTUDIO_OPEN_CHILD");
  g_auto(GStrv) parts = NULL;
  PepSection section;
  gint64 id;

  if (child != NULL && g_ascii_strtoll (child, NULL, 10) > 0)
    pep_window_open_child (self, g_ascii_strtoll (child, NULL, 10), NULL);
  if (value == NULL || *value == '\0')
    return;
  parts = g_strsplit (value, ":", 2);
  id = g_ascii_strtoll (parts[0], NULL, 10);
  if (id <= 0 || !pep_window_open_plan (self, id, NULL))
    return;
  if (parts[1] != NULL && pep_section_from_nick (parts[1], &section))
    pep_plan_editor_select_section (self->plan_editor, section);
}

static void
on_actor_changed (PepWindow *self)
{
  g_autofree char *name = NULL;
  PepRole role;

  pep_settings_get_actor (self->settings, &name, &role);
  pep_work_context_set_actor (self->context, name, role);
}

/* The keyboard shortcuts, built the first time they are asked for rather than with every
 * window as GtkApplication would (4 % of start-up), and named where GTK 4.8 leaves them
 * unnamed. */
static void
pep_window_show_shortcuts (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  GtkApplicationWindow *window = GTK_APPLICATION_WINDOW (widget);
  GtkShortcutsWindow *overlay = gtk_application_window_get_help_overlay (window);

  if (overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder = NULL;

      builder = gtk_builder_new_from_resource (RESOURCE_BASE "/ui/pep-shortcuts-window.ui");
      overlay = GTK_SHORTCUTS_WINDOW (gtk_builder_get_object (builder, "help_overlay"));
      gtk_application_window_set_help_overlay (window, overlay);
      pep_accessible_fix_tree (GTK_WIDGET (overlay));
    }
  gtk_window_present (GTK_WINDOW (overlay));
}

static void
pep_window_constructed (GObject *object)
{
  PepWindow *self = PEP_WINDOW (object);

  G_OBJECT_CLASS (pep_window_parent_class)->constructed (object);

  if (self->store != NULL && self->context == NULL)
    {
      g_autofree char *name = NULL;
      PepRole role;

      pep_settings_get_actor (self->settings, &name, &role);
      self->context = pep_work_context_new (self->store, name, role, NULL);
      /* With no application to do it, the window keeps its context acting for you. */
      if (self->settings != NULL && self->context != NULL)
        {
          g_signal_connect_object (self->settings, "changed::role", G_CALLBACK (on_actor_changed),
                                   self, G_CONNECT_SWAPPED);
          g_signal_connect_object (self->settings, "changed::user-name", G_CALLBACK (on_actor_changed),
                                   self, G_CONNECT_SWAPPED);
        }
    }
  if (self->store != NULL)
    {
      self->file_title = g_filename_display_basename (pep_store_get_path (self->store));
      if (pep_window_is_demo (self))
        {
          /* A demo file says so wherever it shows: its title, and a tag in the header. */
          GtkWidget *tag = gtk_label_new (_("Demo"));
          g_autofree char *title = NULL;

          g_free (self->file_title);
          self->file_title = g_strdup (_("Demo — Invented Children"));
          title = g_strdup_printf (_("%s — PEP Studio"), self->file_title);
          gtk_window_set_title (GTK_WINDOW (self), title);
          gtk_widget_add_css_class (tag, "pep-tag");
          gtk_widget_add_css_class (tag, "pep-demo");
          gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (tag, _("This file holds invented children only, apart "
                                              "from your own file"));
          adw_header_bar_pack_start (self->header_bar, tag);
        }
      update_tamper_banner (self);
      offer_privacy (self);
      pep_window_reload (self);
      open_from_environment (self);
      g_idle_add_full (G_PRIORITY_LOW, open_dashboard_from_environment, g_object_ref (self),
                       g_object_unref);
    }
  else
    {
      update_page (self);
    }
}

static void
pep_window_dispose (GObject *object)
{
  PepWindow *self = PEP_WINDOW (object);

  g_cancellable_cancel (self->load_cancellable);
  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->progress_source, g_source_remove);

  if (self->column_view != NULL)
    gtk_column_view_set_model (self->column_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_WINDOW);
  /* Pages of the stack, gone with it. */
  self->child_page = NULL;
  self->plan_editor = NULL;

  g_clear_object (&self->selection);
  g_clear_object (&self->sort_model);
  g_clear_object (&self->filter_model);
  g_clear_object (&self->filter);
  g_clear_object (&self->children);
  g_clear_object (&self->load_cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->store);
  g_clear_object (&self->context);
  g_clear_pointer (&self->demo_job, demo_job_release);
  g_clear_pointer (&self->tampered, g_ptr_array_unref);

  G_OBJECT_CLASS (pep_window_parent_class)->dispose (object);
}

static void
pep_window_finalize (GObject *object)
{
  PepWindow *self = PEP_WINDOW (object);

  g_free (self->folded_query);
  g_free (self->file_title);
  g_free (self->demo_path);
  g_free (self->term_title);

  G_OBJECT_CLASS (pep_window_parent_class)->finalize (object);
}

static void
pep_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  PepWindow *self = PEP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  PepWindow *self = PEP_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_window_class_init (PepWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pep_window_constructed;
  object_class->dispose = pep_window_dispose;
  object_class->finalize = pep_window_finalize;
  object_class->get_property = pep_window_get_property;
  object_class->set_property = pep_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = pep_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PEP_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  /* Who works on the file and under which authorities' rules: the application's for the
   * file, or one of the window's own when it has no application (tests). */
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         PEP_TYPE_WORK_CONTEXT,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PEP_TYPE_CHILD_SUMMARY);
  g_type_ensure (PEP_TYPE_TABLE_CELL);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/pep-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PepWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, add_button);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, list_stack);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, column_view);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, name_column);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, recent_menu);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, tamper_banner);
  gtk_widget_class_bind_template_child (widget_class, PepWindow, tamper_label);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_search_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_search_entry_stop_search);
  gtk_widget_class_bind_template_callback (widget_class, on_column_view_activate);

  gtk_widget_class_install_action (widget_class, "win.back", NULL, pep_window_back);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, pep_window_search);
  gtk_widget_class_install_action (widget_class, "win.add-child", NULL, pep_window_add_child);
  gtk_widget_class_install_action (widget_class, "win.load-demo", NULL, pep_window_load_demo);
  gtk_widget_class_install_action (widget_class, "win.help", NULL, pep_window_help);
  gtk_widget_class_install_action (widget_class, "win.dashboard", NULL, pep_window_dashboard);
  gtk_widget_class_install_action (widget_class, "win.print", NULL, pep_window_print);
  gtk_widget_class_install_action (widget_class, "win.print-carer-copy", NULL, pep_window_print);
  gtk_widget_class_install_action (widget_class, "win.export", NULL, pep_window_exchange);
  gtk_widget_class_install_action (widget_class, "win.import", NULL, pep_window_exchange);
  gtk_widget_class_install_action (widget_class, "win.make-private", NULL, pep_window_make_private);
  gtk_widget_class_install_action (widget_class, "win.show-tampered", NULL, pep_window_show_tampered);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   pep_window_show_shortcuts);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "win.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.add-child", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "win.help", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.dashboard", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK, "win.print", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "win.print-carer-copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.export", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK, "win.import", NULL);
}

static void
pep_window_init (PepWindow *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  pep_accessible_label_table (self->column_view, _("Children"));

  if (g_strcmp0 (g_getenv ("PEPSTUDIO_BENCH"), "first-frame") == 0)
    g_signal_connect (self, "map", G_CALLBACK (bench_on_map), NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  pep_term_for_date (&today, &self->term);
  self->term_title = pep_term_format_long (&self->term);
  self->folded_query = g_strdup ("");
  self->cancellable = g_cancellable_new ();

  self->children = g_list_store_new (PEP_TYPE_CHILD_SUMMARY);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->children)),
                                                  g_object_ref (GTK_FILTER (self->filter)));
  gtk_filter_list_model_set_incremental (self->filter_model, TRUE);
  self->sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->column_view)));
  self->selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->sort_model)));
  gtk_column_view_set_model (self->column_view, GTK_SELECTION_MODEL (self->selection));
  gtk_column_view_sort_by_column (self->column_view, self->name_column, GTK_SORT_ASCENDING);

  g_signal_connect_object (self->filter_model, "items-changed",
                           G_CALLBACK (on_filter_model_changed), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->filter_model, "notify::pending",
                           G_CALLBACK (on_filter_model_changed), self, G_CONNECT_SWAPPED);

  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  /* The views' help pages, for F1; a view inside another names its own. */
  pep_help_set_page (GTK_WIDGET (self->stack), "child-list");

  self->settings = pep_settings_new ();
  if (self->settings != NULL)
    {
      g_settings_bind (self->settings, "window-width", self, "default-width",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-height", self, "default-height",
                       G_SETTINGS_BIND_DEFAULT);
      g_settings_bind (self->settings, "window-maximized", self, "maximized",
                       G_SETTINGS_BIND_DEFAULT);
      g_signal_connect_object (self->settings, "changed::recent-files",
                               G_CALLBACK (update_recent_menu), self, G_CONNECT_SWAPPED);
      update_recent_menu (self);
    }
}

/* Public API -------------------------------------------------------------------------------- */

/**
 * pep_window_new:
 * @application: (nullable): the application, or %NULL (tests)
 * @store: the open file to show; the window keeps a reference and uses it on the main
 *   thread only
 */
PepWindow *
pep_window_new (PepApplication *application,
                PepStore       *store)
{
  g_autoptr(PepWorkContext) context = NULL;

  g_return_val_if_fail (application == NULL || PEP_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (application != NULL)
    context = pep_application_dup_context (application, store, NULL);
  return g_object_new (PEP_TYPE_WINDOW,
                       "application", application,
                       "store", store,
                       "context", context,
                       NULL);
}

/**
 * pep_window_new_for_path:
 *
 * Opens @path and shows it in a new window. A file PEP Studio refuses (not a PEP file,
 * damaged, from a newer version) gives %NULL and @error, and is left as it was.
 */
PepWindow *
pep_window_new_for_path (PepApplication     *application,
                         const char         *path,
                         PepStoreOpenFlags   flags,
                         GError            **error)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepWorkContext) context = NULL;

  g_return_val_if_fail (application == NULL || PEP_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  store = pep_store_open (path, flags, error);
  if (store == NULL)
    return NULL;
  /* A file whose authority profiles cannot be read is refused here, with the reason. */
  if (application != NULL && !(context = pep_application_dup_context (application, store, error)))
    return NULL;

  return pep_window_new (application, store);
}

#define MAX_LOCK_PROBLEMS_SHOWN 3

static void
check_file_step (PepWindow *self)
{
  pep_window_check_file (self);
}

/**
 * pep_window_check_file_after_paint:
 *
 * pep_window_check_file() once the window has painted its first frame: opening a file
 * does not wait for the lock's check.
 */
void
pep_window_check_file_after_paint (PepWindow *self)
{
  g_return_if_fail (PEP_IS_WINDOW (self));

  run_after_paint (self, check_file_step);
}

/**
 * pep_window_check_file:
 *
 * Said once the window is shown, for a file just opened: a lock whose triggers were dropped
 * or rewritten (pep_store_check_locks()), and, for a file that does not yet say whose copy
 * it is and was never asked, the question. Returns the dialog shown last, or %NULL.
 *
 * Returns: (transfer none) (nullable): the dialog presented last
 */
GtkWindow *
pep_window_check_file (PepWindow *self)
{
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(PepCopyOwner) owner = NULL;
  g_autofree char *asked = NULL;
  GtkWindow *shown = NULL;

  g_return_val_if_fail (PEP_IS_WINDOW (self), NULL);

  problems = pep_store_check_locks (self->store, NULL);
  if (problems != NULL && problems->len > 0)
    {
      g_autoptr(GString) body = g_string_new (NULL);
      GtkWidget *dialog;

      /* A few, so that the dialog and its Close fit the screen when every trigger went;
       * pepctl verify lists them all. */
      for (guint i = 0; i < MIN (problems->len, MAX_LOCK_PROBLEMS_SHOWN); i++)
        g_string_append_printf (body, "%s\n", (char *) g_ptr_array_index (problems, i));
      if (problems->len > MAX_LOCK_PROBLEMS_SHOWN)
        {
          guint more = problems->len - MAX_LOCK_PROBLEMS_SHOWN;

          g_string_append_printf (body,
                                  g_dngettext (GETTEXT_PACKAGE,
                                               "And %u more problem: “pepctl verify FILE” lists every one.\n",
                                               "And %u more problems: “pepctl verify FILE” lists every one.\n",
                                               more),
                                  more);
        }
      g_string_append_c (body, '\n');
      g_string_append (body, _("Signed-off PEPs in this file may have been changed behind the "
                               "lock's back. Keep the file as it is for whoever looks into it, "
                               "and work from your most recent backup."));
      dialog = adw_message_dialog_new (GTK_WINDOW (self), _("This File's Lock Was Tampered With"),
                                       body->str);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      shown = GTK_WINDOW (dialog);
    }

  owner = pep_store_get_owner (self->store, NULL);
  asked = pep_store_get_meta (self->store, "owner_asked");
  if (owner != NULL && owner->kind == PEP_COPY_UNOWNED && asked == NULL)
    {
      PepOwnerDialog *dialog = pep_owner_dialog_new (GTK_WINDOW (self), self->store);

      gtk_window_present (GTK_WINDOW (dialog));
      shown = GTK_WINDOW (dialog);
    }
  return shown;
}

PepWorkContext *
pep_window_get_context (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), NULL);

  return self->context;
}

PepStore *
pep_window_get_store (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), NULL);

  return self->store;
}

/**
 * pep_window_get_children_model:
 *
 * The model the child list shows: filtered by the search text and sorted by the chosen
 * column. Items are #PepChildSummary.
 *
 * Returns: (transfer none): a #GtkSelectionModel
 */
GListModel *
pep_window_get_children_model (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), NULL);

  return G_LIST_MODEL (self->selection);
}

/**
 * pep_window_get_busy:
 *
 * Whether the list is being read, demo data written, the file's signatures checked, or the
 * search filter is still working through the list.
 */
gboolean
pep_window_get_busy (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), FALSE);

  return self->loading || self->generating || self->checking
         || gtk_filter_list_model_get_pending (self->filter_model) > 0;
}

/**
 * pep_window_get_visible_page:
 *
 * Returns: "loading", "empty", "children" or "plan"
 */
const char *
pep_window_get_visible_page (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

void
pep_window_set_search_text (PepWindow  *self,
                            const char *text)
{
  g_return_if_fail (PEP_IS_WINDOW (self));

  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text != NULL ? text : "");
  /* Do not wait for the entry's search delay. */
  set_query (self, text);
}

/**
 * pep_window_activate_row:
 * @position: a position in pep_window_get_children_model()
 *
 * What Enter or a double click on a row does: opens that child's page, with their PEPs
 * term by term and their details.
 */
void
pep_window_activate_row (PepWindow *self,
                         guint      position)
{
  g_autoptr(PepChildSummary) summary = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PEP_IS_WINDOW (self));

  summary = g_list_model_get_item (G_LIST_MODEL (self->selection), position);
  if (summary == NULL)
    return;

  if (!pep_window_open_child (self, pep_child_summary_get_child_id (summary), &error))
    show_toast (self, error->message);
}

/**
 * pep_window_open_child:
 *
 * Shows the page of the child @child_id, read from the window's store.
 */
gboolean
pep_window_open_child (PepWindow  *self,
                       gint64      child_id,
                       GError    **error)
{
  g_autoptr(PepWorkflow) workflow = NULL;

  g_return_val_if_fail (PEP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  workflow = make_workflow (self, child_id);
  if (!pep_child_page_set_child (ensure_child_page (self), self->store, child_id, workflow, &self->term,
                                 error))
    return FALSE;

  if (self->showing_plan)
    pep_plan_editor_clear (self->plan_editor);
  self->showing_plan = FALSE;
  self->showing_child = TRUE;
  update_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->child_page));
  return TRUE;
}

/**
 * pep_window_open_plan:
 *
 * Shows the PEP @plan_id, read from the window's store, in the editor; what was typed in
 * the PEP shown before is written first. A signed-off PEP opens read-only.
 */
gboolean
pep_window_open_plan (PepWindow  *self,
                      gint64      plan_id,
                      GError    **error)
{
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepWorkflow) workflow = NULL;

  g_return_val_if_fail (PEP_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* Written before the PEP is read, in case it is the same PEP. */
  if (self->plan_editor != NULL)
    pep_plan_editor_flush (self->plan_editor);
  if (self->child_page != NULL)
    pep_child_page_flush (self->child_page);

  plan = pep_store_load_plan (self->store, plan_id, error);
  if (plan == NULL)
    return FALSE;

  child = pep_store_load_child (self->store, pep_plan_get_child_id (plan), error);
  if (child == NULL)
    return FALSE;

  /* Back from the PEP goes to its child. */
  ensure_child_page (self);
  ensure_plan_editor (self);
  if (pep_child_page_get_child_id (self->child_page) != pep_record_get_id (child))
    pep_child_page_clear (self->child_page);
  if (pep_child_page_get_child_id (self->child_page) == 0)
    {
      g_autoptr(PepWorkflow) page_workflow = make_workflow (self, pep_record_get_id (child));

      pep_child_page_set_child (self->child_page, self->store, pep_record_get_id (child),
                                page_workflow, &self->term, NULL);
    }

  workflow = make_workflow (self, pep_record_get_id (child));
  pep_plan_editor_set_plan (self->plan_editor, self->store, plan, child, workflow);
  self->showing_child = FALSE;
  self->showing_plan = TRUE;
  update_page (self);
  gtk_widget_grab_focus (GTK_WIDGET (self->plan_editor));

  return TRUE;
}

/**
 * pep_window_get_checking_signatures:
 *
 * Whether the check of every signature in the file, started once the list is first shown,
 * is still running.
 */
gboolean
pep_window_get_checking_signatures (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), FALSE);

  return !self->check_started || self->checking;
}

/**
 * pep_window_get_tampered:
 *
 * Returns: (transfer none) (element-type PepTamperedPlan) (nullable): the PEPs the check on
 *   opening found failing their signatures (what the banner counts), or %NULL before it ends
 */
GPtrArray *
pep_window_get_tampered (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), NULL);

  return self->tampered;
}

PepPlanEditor *
pep_window_get_plan_editor (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), NULL);

  return ensure_plan_editor (self);
}

PepChildPage *
pep_window_get_child_page (PepWindow *self)
{
  g_return_val_if_fail (PEP_IS_WINDOW (self), NULL);

  return ensure_child_page (self);
}
