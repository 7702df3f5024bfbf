/* pep-qa-window.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both lists are GListStores read on a worker thread (which opens its own PepStore on the
 * same file and its own rubric, since neither is shared across threads), then filtered by
 * the drop-downs, sorted by the column view's sorter and shown through a single selection.
 * The queue is read whole and filtered here, so that the drop-downs offer only the terms,
 * schools, advisors and phases that have PEPs waiting. The review and the follow-up actions
 * write through a PepWorkflow on the window's store, on the main thread, as the user in the
 * "user-name" and "role" preferences.
 */

#define G_LOG_DOMAIN "pep-qa-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pep-accessible.h"
#include "pep-help.h"
#include "pep-qa-follow-up.h"
#include "pep-qa-item.h"
#include "pep-qa-window.h"
#include "pep-table-cell.h"
#include "pep-settings.h"

typedef struct
{
  char      *path;
  GPtrArray *authorities;   /* the file's profiles: each PEP is proposed by its child's */
} LoadJob;

struct _PepQaWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  GtkButton            *back_button;
  GtkStack             *title_stack;
  AdwViewSwitcherTitle *switcher_title;
  AdwWindowTitle       *review_title;
  GtkStack             *stack;
  AdwViewStack         *view_stack;
  GtkDropDown          *status_dropdown;
  GtkDropDown          *term_dropdown;
  GtkDropDown          *school_dropdown;
  GtkDropDown          *advisor_dropdown;
  GtkDropDown          *phase_dropdown;
  GtkDropDown          *rating_dropdown;
  GtkStringList        *term_list;
  GtkStringList        *school_list;
  GtkStringList        *advisor_list;
  GtkStringList        *phase_list;
  GtkLabel             *queue_count_label;
  GtkStack             *queue_stack;
  GtkColumnView        *queue_view;
  GtkColumnViewColumn  *waited_column;
  GtkDropDown          *show_dropdown;
  GtkDropDown          *owner_dropdown;
  GtkLabel             *follow_count_label;
  GtkStack             *follow_stack;
  GtkColumnView        *follow_view;
  GtkColumnViewColumn  *follow_due_column;
  PepReviewView        *review_view;

  /* Owned references */
  PepStore             *store;
  PepWorkContext       *context;    /* the file's: who you are, the authorities' rules */
  GSettings            *settings;
  PepRubric            *rubric;     /* of the PEP shown: its child's authority's, … */
  PepWorkflow          *workflow;   /* … and the workflow under that authority's rules */
  GListStore           *queue;
  GtkCustomFilter      *queue_filter;
  GtkFilterListModel   *queue_filter_model;
  GtkSortListModel     *queue_sort_model;
  GtkSingleSelection   *queue_selection;
  GListStore           *follow_ups;
  GtkCustomFilter      *follow_filter;
  GtkFilterListModel   *follow_filter_model;
  GtkSortListModel     *follow_sort_model;
  GtkSingleSelection   *follow_selection;
  GCancellable         *queue_cancellable;
  GCancellable         *follow_cancellable;

  /* Plain state */
  char                 *pending_open;
  guint                 loading_queue : 1;
  guint                 loading_follow_ups : 1;
  guint                 updating_filters : 1;
  guint                 back_refused : 1;
};

G_DEFINE_FINAL_TYPE (PepQaWindow, pep_qa_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
load_job_free (gpointer data)
{
  LoadJob *job = data;

  g_free (job->path);
  g_clear_pointer (&job->authorities, g_ptr_array_unref);
  g_free (job);
}

static LoadJob *
load_job_new (PepQaWindow *self)
{
  LoadJob *job = g_new0 (LoadJob, 1);

  job->path = g_strdup (pep_store_get_path (self->store));
  job->authorities = g_ptr_array_ref (pep_work_context_get_authorities (self->context));
  return job;
}

static void
show_toast (PepQaWindow *self,
            const char  *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 6);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  pep_accessible_announce (GTK_WIDGET (self), text);
}

/* Who is working, from the preferences --------------------------------------------------- */

/* The workflow and rubric under @authority's rules (%NULL: the file's own), acting for you. */
static void
use_authority (PepQaWindow  *self,
               PepAuthority *authority)
{
  PepWorkflow *workflow = pep_work_context_get_workflow (self->context, authority);

  g_set_object (&self->workflow, workflow);
  g_set_object (&self->rubric, pep_workflow_get_rubric (workflow));
}

static void
make_workflow (PepQaWindow *self)
{
  PepPlan *plan = pep_review_view_get_plan (self->review_view);

  use_authority (self, plan ? pep_work_context_for_plan (self->context, plan, NULL) : NULL);
}

static void
update_actions (PepQaWindow *self)
{
  PepQaFollowUp *follow_up = gtk_single_selection_get_selected_item (self->follow_selection);
  gboolean reviewing = g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") == 0;
  gboolean can_mark = FALSE;

  if (follow_up != NULL && self->workflow != NULL
      && g_strcmp0 (pep_qa_follow_up_get_status (follow_up), "open") == 0)
    {
      static const struct { const char *owner; PepRole role; } owners[] = {
        { "designated-teacher", PEP_ROLE_DESIGNATED_TEACHER },
        { "social-worker", PEP_ROLE_SOCIAL_WORKER },
        { "advisor", PEP_ROLE_ADVISOR },
      };
      PepRole role = pep_workflow_get_role (self->workflow);

      can_mark = pep_role_can (role, PEP_OPERATION_RETURN);
      for (guint i = 0; i < G_N_ELEMENTS (owners); i++)
        can_mark |= owners[i].role == role
                    && g_strcmp0 (owners[i].owner, pep_qa_follow_up_get_owner_role (follow_up)) == 0;
    }

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "qa.mark-done", can_mark && !reviewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "qa.back", reviewing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "qa.refresh", !reviewing);
}

/* The queue -------------------------------------------------------------------------------- */

static PepStatus
waiting_for (PepQaWindow *self)
{
  return gtk_drop_down_get_selected (self->status_dropdown) == 1 ? PEP_STATUS_APPROVED
                                                                 : PEP_STATUS_SUBMITTED;
}

/* The text chosen in a filter drop-down, or %NULL for its first entry ("Any …"). */
static const char *
chosen (GtkDropDown *dropdown)
{
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  if (gtk_drop_down_get_selected (dropdown) == 0 || item == NULL)
    return NULL;
  return gtk_string_object_get_string (item);
}

static const char *
phase_label (const char *nick)
{
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_SCHOOL, PEP_SCHOOL_PHASE);
  const PepChoice *choice = nick != NULL ? pep_field_find_choice (info, nick) : NULL;

  return choice != NULL ? _(choice->label) : _("Unknown phase");
}

static const char *
advisor_label (const char *advisor)
{
  return advisor != NULL && *advisor != '\0' ? advisor : _("No advisor recorded");
}

static gboolean
queue_filter_func (gpointer item,
                   gpointer user_data)
{
  PepQaWindow *self = user_data;
  PepQaItem *qa = PEP_QA_ITEM (item);
  const char *text;
  guint rating;

  if (pep_qa_item_get_status (qa) != waiting_for (self))
    return FALSE;
  if ((text = chosen (self->term_dropdown)) != NULL)
    {
      g_autofree char *term_text = NULL;
      PepTermId term;

      pep_qa_item_get_term (qa, &term);
      term_text = pep_term_format_long (&term);
      if (g_strcmp0 (term_text, text) != 0)
        return FALSE;
    }
  if ((text = chosen (self->school_dropdown)) != NULL
      && g_strcmp0 (pep_qa_item_get_school (qa), text) != 0)
    return FALSE;
  if ((text = chosen (self->advisor_dropdown)) != NULL
      && g_strcmp0 (advisor_label (pep_qa_item_get_advisor (qa)), text) != 0)
    return FALSE;
  if ((text = chosen (self->phase_dropdown)) != NULL
      && g_strcmp0 (phase_label (pep_qa_item_get_phase (qa)), text) != 0)
    return FALSE;
  rating = gtk_drop_down_get_selected (self->rating_dropdown);
  /* A rating keeps the PEPs whose proposal leaves it open: "Amber–Green" under both. */
  if (rating > 0 && rating != GTK_INVALID_LIST_POSITION
      && !pep_qa_item_proposal_includes (qa, (PepRating) (rating - 1)))
    return FALSE;
  return TRUE;
}

static void
update_queue_page (PepQaWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->queue_filter_model));
  g_autofree char *count = NULL;

  if (self->loading_queue && g_list_model_get_n_items (G_LIST_MODEL (self->queue)) == 0)
    gtk_stack_set_visible_child_name (self->queue_stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->queue_stack, n > 0 ? "list" : "empty");

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u PEP", "%u PEPs", n), n);
  gtk_label_set_text (self->queue_count_label, self->loading_queue ? "" : count);
}

static void
update_follow_page (PepQaWindow *self)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->follow_filter_model));
  g_autofree char *count = NULL;

  if (self->loading_follow_ups && g_list_model_get_n_items (G_LIST_MODEL (self->follow_ups)) == 0)
    gtk_stack_set_visible_child_name (self->follow_stack, "loading");
  else
    gtk_stack_set_visible_child_name (self->follow_stack, n > 0 ? "list" : "empty");

  count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u action", "%u actions", n), n);
  gtk_label_set_text (self->follow_count_label, self->loading_follow_ups ? "" : count);
  update_actions (self);
}

static void
on_filter_changed (PepQaWindow *self)
{
  if (self->updating_filters || self->queue_filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->queue_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_queue_page (self);
}

/* Fills @list with "Any …" and then @values, sorted, keeping the choice made when it is
 * still there. */
static void
set_choices (PepQaWindow   *self,
             GtkDropDown   *dropdown,
             GtkStringList *list,
             GPtrArray     *values)
{
  g_autofree char *was = g_strdup (chosen (dropdown));
  g_autofree char *any = g_strdup (gtk_string_list_get_string (list, 0));
  guint n_old = g_list_model_get_n_items (G_LIST_MODEL (list));
  guint selected = 0;

  g_ptr_array_add (values, NULL);
  gtk_string_list_splice (list, 1, n_old - 1, (const char * const *) values->pdata);
  g_ptr_array_set_size (values, values->len - 1);
  for (guint i = 0; was != NULL && i < values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (values, i), was) == 0)
      selected = i + 1;
  gtk_drop_down_set_selected (dropdown, selected);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_utf8_collate (*(const char **) a, *(const char **) b);
}

static int
compare_terms (gconstpointer a,
               gconstpointer b)
{
  PepTermId x, y;

  pep_qa_item_get_term (*(PepQaItem **) a, &x);
  pep_qa_item_get_term (*(PepQaItem **) b, &y);
  return -pep_term_compare (&x, &y);
}

static void
update_choices (PepQaWindow *self,
                GPtrArray   *items)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) by_term = g_ptr_array_sized_new (items->len);
  g_autoptr(GPtrArray) terms = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) schools = g_ptr_array_new ();
  g_autoptr(GPtrArray) advisors = g_ptr_array_new ();
  g_autoptr(GPtrArray) phases = g_ptr_array_new ();

  /* Terms newest first; the rest alphabetically. */
  for (guint i = 0; i < items->len; i++)
    g_ptr_array_add (by_term, g_ptr_array_index (items, i));
  g_ptr_array_sort (by_term, compare_terms);
  for (guint i = 0; i < by_term->len; i++)
    {
      PepTermId term;
      char *text;

      pep_qa_item_get_term (g_ptr_array_index (by_term, i), &term);
      text = pep_term_format_long (&term);
      if (g_hash_table_add (seen, g_strconcat ("t:", text, NULL)))
        g_ptr_array_add (terms, text);
      else
        g_free (text);
    }
  for (guint i = 0; i < items->len; i++)
    {
      PepQaItem *item = g_ptr_array_index (items, i);
      const char *school = pep_qa_item_get_school (item);
      const char *advisor = advisor_label (pep_qa_item_get_advisor (item));
      const char *phase = phase_label (pep_qa_item_get_phase (item));

      if (g_hash_table_add (seen, g_strconcat ("s:", school, NULL)))
        g_ptr_array_add (schools, (gpointer) school);
      if (g_hash_table_add (seen, g_strconcat ("a:", advisor, NULL)))
        g_ptr_array_add (advisors, (gpointer) advisor);
      if (g_hash_table_add (seen, g_strconcat ("p:", phase, NULL)))
        g_ptr_array_add (phases, (gpointer) phase);
    }
  g_ptr_array_sort (schools, compare_strings);
  g_ptr_array_sort (advisors, compare_strings);
  g_ptr_array_sort (phases, compare_strings);

  self->updating_filters = TRUE;
  set_choices (self, self->term_dropdown, self->term_list, terms);
  set_choices (self, self->school_dropdown, self->school_list, schools);
  set_choices (self, self->advisor_dropdown, self->advisor_list, advisors);
  set_choices (self, self->phase_dropdown, self->phase_list, phases);
  self->updating_filters = FALSE;
}

static gint64
days_since (GDateTime  *now,
            const char *iso)
{
  g_autoptr(GDateTime) then = NULL;

  if (now == NULL || iso == NULL || (then = g_date_time_new_from_iso8601 (iso, NULL)) == NULL)
    return 0;
  return MAX (0, g_date_time_difference (now, then) / G_TIME_SPAN_DAY);
}

static gboolean
collect_plan_id (const PepPlanListing *listing,
                 gpointer              user_data)
{
  GArray *ids = user_data;

  g_array_append_val (ids, listing->id);
  return TRUE;
}

/* The PEPs approved by QA, waiting for the advisor: as queue items whose proposed rating is
 * the overall rating QA gave, waiting since QA approved them. */
static gboolean
list_approved (PepStore   *store,
               GPtrArray  *authorities,
               GPtrArray  *out,
               GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GHashTable) schools = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                         (GDestroyNotify) g_object_unref);
  g_autofree char *now_text = pep_store_now (store);
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (now_text, NULL);
  PepPlanQuery query = { 0 };

  query.has_status = TRUE;
  query.status = PEP_STATUS_APPROVED;
  if (!pep_store_foreach_plan (store, &query, collect_plan_id, ids, error))
    return FALSE;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PepPlan) plan = NULL;
      g_autoptr(PepRecord) child = NULL;
      g_autoptr(PepChecks) checks = NULL;
      PepQaQueueItem item = { 0 };
      PepRecord *school = NULL;
      gint64 urn;

      if (!(plan = pep_store_load_plan (store, g_array_index (ids, gint64, i), error))
          || !(child = pep_store_load_child (store, pep_plan_get_child_id (plan), error))
          || !(checks = pep_checks_new_for_plan (store, authorities, plan, error)))
        return FALSE;

      urn = pep_plan_get_school_urn (plan);
      if (urn != 0 && (school = g_hash_table_lookup (schools, &urn)) == NULL)
        {
          school = pep_store_load_school (store, urn, NULL);
          if (school != NULL)
            g_hash_table_insert (schools, g_memdup2 (&urn, sizeof urn), school);
        }

      item.plan_id = pep_plan_get_id (plan);
      item.child_id = pep_plan_get_child_id (plan);
      item.forename = (char *) pep_record_get_text (child, PEP_CHILD_LEGAL_FORENAME);
      item.surname = (char *) pep_record_get_text (child, PEP_CHILD_LEGAL_SURNAME);
      item.preferred_name = (char *) pep_record_get_text (child, PEP_CHILD_PREFERRED_NAME);
      item.upn = (char *) pep_record_get_text (child, PEP_CHILD_UPN);
      pep_plan_get_term (plan, &item.term);
      item.kind = pep_plan_get_kind (plan);
      item.unscheduled = pep_plan_is_unscheduled (plan);
      item.school_urn = urn;
      item.school_name = school ? (char *) pep_record_get_text (school, PEP_SCHOOL_NAME) : NULL;
      item.phase = school ? (char *) pep_record_get_text (school, PEP_SCHOOL_PHASE) : NULL;
      item.advisor = (char *) pep_record_get_text (child, PEP_CHILD_VS_ADVISOR);
      /* Waiting for the advisor since QA approved it (its last "approved" step). */
      item.waiting_days = days_since (now, pep_plan_get_event_at (plan, "approved", TRUE)
                                           ? pep_plan_get_event_at (plan, "approved", TRUE)
                                           : pep_plan_get_updated_at (plan));
      if (pep_rating_from_nick (pep_record_get_text (pep_plan_get_content (plan),
                                                     PEP_PLAN_QA_OVERALL), &item.proposed))
        item.proposed_ceiling = item.proposed;
      else
        {
          pep_checks_get_overall_range (checks, &item.proposed, &item.proposed_ceiling);
          item.proposal_open = pep_checks_get_overall_open (checks);
        }
      item.n_failures = pep_checks_count_failures (checks);
      if (!pep_signoff_get_recorded (store, item.plan_id, &item.seal, NULL, error))
        return FALSE;
      g_ptr_array_add (out, pep_qa_item_new (&item, PEP_STATUS_APPROVED));
    }
  return TRUE;
}

static void
load_queue_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (!(store = pep_store_open (job->path, PEP_STORE_OPEN_DEFAULT, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (!(queue = pep_qa_queue_list_for (store, job->authorities, NULL, &error))
      || !list_approved (store, job->authorities, items, &error))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < queue->len; i++)
    g_ptr_array_add (items, pep_qa_item_new (g_ptr_array_index (queue, i), PEP_STATUS_SUBMITTED));

  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

static void
load_queue_cb (GObject      *object,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PepQaWindow) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_queue = FALSE;
  g_clear_object (&self->queue_cancellable);

  if (items == NULL)
    show_toast (self, error->message);
  else
    {
      update_choices (self, items);
      g_list_store_splice (self->queue, 0, g_list_model_get_n_items (G_LIST_MODEL (self->queue)),
                           items->pdata, items->len);
      gtk_filter_changed (GTK_FILTER (self->queue_filter), GTK_FILTER_CHANGE_DIFFERENT);
    }
  update_queue_page (self);

  if (self->pending_open != NULL)
    {
      g_autofree char *spec = g_steal_pointer (&self->pending_open);

      pep_qa_window_open_from_spec (self, spec);
    }
  else if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "lists") == 0
           && g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "queue") == 0
           && g_list_model_get_n_items (G_LIST_MODEL (self->queue_selection)) > 0
           && gtk_window_is_active (GTK_WINDOW (self)))
    pep_accessible_focus_rows (self->queue_view);
}

static void
reload_queue (PepQaWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->queue_cancellable);
  g_clear_object (&self->queue_cancellable);
  self->queue_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->queue_cancellable, load_queue_cb, g_object_ref (self));
  g_task_set_source_tag (task, reload_queue);
  g_task_set_task_data (task, load_job_new (self), load_job_free);
  g_task_run_in_thread (task, load_queue_thread);

  self->loading_queue = TRUE;
  update_queue_page (self);
}

/* Follow-up actions ------------------------------------------------------------------------ */

static gboolean
follow_filter_func (gpointer item,
                    gpointer user_data)
{
  PepQaWindow *self = user_data;
  PepQaFollowUp *follow_up = PEP_QA_FOLLOW_UP (item);
  static const char * const owners[] = { NULL, "designated-teacher", "social-worker", "advisor" };
  const char *status = pep_qa_follow_up_get_status (follow_up);
  guint owner = gtk_drop_down_get_selected (self->owner_dropdown);

  switch (gtk_drop_down_get_selected (self->show_dropdown))
    {
    case 0: /* open */
      if (g_strcmp0 (status, "open") != 0)
        return FALSE;
      break;
    case 1: /* overdue */
      if (!pep_qa_follow_up_get_overdue (follow_up))
        return FALSE;
      break;
    case 2: /* done or cancelled */
      if (g_strcmp0 (status, "open") == 0)
        return FALSE;
      break;
    default:
      break;
    }
  if (owner > 0 && owner < G_N_ELEMENTS (owners)
      && g_strcmp0 (pep_qa_follow_up_get_owner_role (follow_up), owners[owner]) != 0)
    return FALSE;
  return TRUE;
}

static void
on_follow_filter_changed (PepQaWindow *self)
{
  if (self->follow_filter == NULL)
    return;
  gtk_filter_changed (GTK_FILTER (self->follow_filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_follow_page (self);
}

static void
load_follow_ups_thread (GTask        *task,
                        gpointer      source_object,
                        gpointer      task_data,
                        GCancellable *cancellable)
{
  LoadJob *job = task_data;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GError) error = NULL;

  if (!(store = pep_store_open (job->path, PEP_STORE_OPEN_DEFAULT, &error))
      || !(list = pep_qa_list_follow_ups (store, NULL, &error)))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  for (guint i = 0; i < list->len; i++)
    g_ptr_array_add (items, pep_qa_follow_up_new (g_ptr_array_index (list, i)));
  g_task_return_pointer (task, g_steal_pointer (&items), (GDestroyNotify) g_ptr_array_unref);
}

static void
load_follow_ups_cb (GObject      *object,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(PepQaWindow) self = user_data;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;

  items = g_task_propagate_pointer (G_TASK (result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  self->loading_follow_ups = FALSE;
  g_clear_object (&self->follow_cancellable);

  if (items == NULL)
    show_toast (self, error->message);
  else
    g_list_store_splice (self->follow_ups, 0,
                         g_list_model_get_n_items (G_LIST_MODEL (self->follow_ups)),
                         items->pdata, items->len);
  update_follow_page (self);
}

static void
reload_follow_ups (PepQaWindow *self)
{
  g_autoptr(GTask) task = NULL;

  g_cancellable_cancel (self->follow_cancellable);
  g_clear_object (&self->follow_cancellable);
  self->follow_cancellable = g_cancellable_new ();

  task = g_task_new (NULL, self->follow_cancellable, load_follow_ups_cb, g_object_ref (self));
  g_task_set_source_tag (task, reload_follow_ups);
  g_task_set_task_data (task, load_job_new (self), load_job_free);
  g_task_run_in_thread (task, load_follow_ups_thread);

  self->loading_follow_ups = TRUE;
  update_follow_page (self);
}

static PepRecord *
find_follow_up_row (PepPlan *plan,
                    gint64   id)
{
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_FOLLOW_UP);

  for (guint i = 0; i < rows->len; i++)
    if (pep_record_get_id (g_ptr_array_index (rows, i)) == id)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static void
pep_qa_window_mark_done (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PepQaWindow *self = PEP_QA_WINDOW (widget);
  PepQaFollowUp *follow_up = gtk_single_selection_get_selected_item (self->follow_selection);
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  PepRecord *row;

  if (follow_up == NULL)
    return;

  plan = pep_store_load_plan (self->store, pep_qa_follow_up_get_plan_id (follow_up), &error);
  if (plan == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  row = find_follow_up_row (plan, pep_qa_follow_up_get_id (follow_up));
  if (row == NULL)
    {
      show_toast (self, _("This follow-up action is no longer in the file: the list is read again."));
      reload_follow_ups (self);
      return;
    }
  if (!pep_workflow_set_follow_up_status (pep_work_context_get_workflow (self->context,
                                            pep_work_context_for_plan (self->context, plan, NULL)),
                                          plan, row, "done", &error))
    {
      if (g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED))
        show_toast (self, _("This PEP is signed off, so its follow-up actions can no longer change."));
      else
        show_toast (self, error->message);
      return;
    }
  show_toast (self, _("Follow-up action marked done"));
  reload_follow_ups (self);
}

/* The review ------------------------------------------------------------------------------- */

static void
show_lists (PepQaWindow *self)
{
  gtk_stack_set_visible_child_name (self->stack, "lists");
  gtk_stack_set_visible_child_name (self->title_stack, "lists");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), FALSE);
  self->back_refused = FALSE;
  update_actions (self);
}

/* Focus the first rating button that can be used, or else the review itself. */
static void
focus_review (PepQaWindow *self)
{
  PepSectionRating *first = NULL;
  PepPlan *plan = pep_review_view_get_plan (self->review_view);

  for (guint i = 0; plan != NULL && first == NULL && i < pep_rubric_get_n_sections (self->rubric); i++)
    first = pep_review_view_get_section_rating (self->review_view,
                                                pep_rubric_get_section (self->rubric, i));
  if (first != NULL)
    for (PepRating r = PEP_RATING_RED; r < PEP_RATING_NOT_RATED; r++)
      {
        GtkWidget *button = GTK_WIDGET (pep_section_rating_get_button (first, r));

        if (gtk_widget_get_visible (button) && gtk_widget_is_sensitive (button))
          {
            gtk_widget_grab_focus (button);
            return;
          }
      }
  gtk_widget_child_focus (GTK_WIDGET (self->review_view), GTK_DIR_TAB_FORWARD);
}

gboolean
pep_qa_window_open_plan (PepQaWindow  *self,
                         gint64        plan_id,
                         GError      **error)
{
  g_return_val_if_fail (PEP_IS_QA_WINDOW (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  {
    g_autoptr(PepPlan) plan = pep_store_load_plan (self->store, plan_id, error);
    PepAuthority *authority;

    if (plan == NULL || !(authority = pep_work_context_for_plan (self->context, plan, error)))
      return FALSE;
    use_authority (self, authority);
  }
  if (!pep_review_view_set_plan (self->review_view, self->store, self->workflow, self->rubric,
                                 plan_id, error))
    return FALSE;

  adw_window_title_set_title (self->review_title, pep_review_view_get_title (self->review_view));
  adw_window_title_set_subtitle (self->review_title, _("Quality Assurance"));
  gtk_stack_set_visible_child_name (self->stack, "review");
  gtk_stack_set_visible_child_name (self->title_stack, "review");
  gtk_widget_set_visible (GTK_WIDGET (self->back_button), TRUE);
  self->back_refused = FALSE;
  update_actions (self);
  focus_review (self);
  return TRUE;
}

static void
pep_qa_window_back (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PepQaWindow *self = PEP_QA_WINDOW (widget);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") != 0)
    return;

  /* What could not be saved stays on screen, with why; a second Escape leaves anyway. */
  if (!pep_review_view_flush (self->review_view) && !self->back_refused)
    {
      self->back_refused = TRUE;
      show_toast (self, _("Some ratings are not saved: the sections say why. Go back again "
                          "to leave them unsaved."));
      return;
    }

  pep_review_view_clear (self->review_view);
  show_lists (self);
  pep_qa_window_reload (self);
  if (g_strcmp0 (adw_view_stack_get_visible_child_name (self->view_stack), "queue") == 0)
    pep_accessible_focus_rows (self->queue_view);
  else
    pep_accessible_focus_rows (self->follow_view);
}

static void
on_review_view_finished (PepQaWindow   *self,
                         const char    *message,
                         PepReviewView *view)
{
  pep_review_view_clear (self->review_view);
  show_lists (self);
  show_toast (self, message);
  pep_qa_window_reload (self);
  pep_accessible_focus_rows (self->queue_view);
}

void
pep_qa_window_activate_queue_row (PepQaWindow *self,
                                  guint        position)
{
  g_autoptr(PepQaItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PEP_IS_QA_WINDOW (self));

  item = g_list_model_get_item (G_LIST_MODEL (self->queue_selection), position);
  if (item != NULL && !pep_qa_window_open_plan (self, pep_qa_item_get_plan_id (item), &error))
    show_toast (self, error->message);
}

static void
on_queue_view_activate (PepQaWindow   *self,
                        guint          position,
                        GtkColumnView *view)
{
  pep_qa_window_activate_queue_row (self, position);
}

static void
on_follow_view_activate (PepQaWindow   *self,
                         guint          position,
                         GtkColumnView *view)
{
  g_autoptr(PepQaFollowUp) item = g_list_model_get_item (G_LIST_MODEL (self->follow_selection),
                                                         position);
  g_autoptr(GError) error = NULL;

  if (item != NULL && !pep_qa_window_open_plan (self, pep_qa_follow_up_get_plan_id (item), &error))
    show_toast (self, error->message);
}

/* Actions and settings --------------------------------------------------------------------- */

static void
pep_qa_window_refresh (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  pep_qa_window_reload (PEP_QA_WINDOW (widget));
}

static void
pep_qa_window_help (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  pep_help_show (GTK_WINDOW (widget), "qa");
}

/* You, your role or the authorities' rules changed: the PEP shown is rated by them now. */
static void
on_context_changed (PepQaWindow *self,
                    const char  *key)
{
  PepPlan *plan = pep_review_view_get_plan (self->review_view);

  /* A window with no application keeps its own context up to date. */
  if (key != NULL && gtk_window_get_application (GTK_WINDOW (self)) == NULL)
    {
      g_autofree char *name = NULL;
      PepRole role;

      pep_settings_get_actor (self->settings, &name, &role);
      pep_work_context_set_actor (self->context, name, role);
    }
  make_workflow (self);
  update_actions (self);
  if (plan != NULL)
    {
      g_autoptr(GError) error = NULL;

      pep_review_view_flush (self->review_view);
      if (!pep_qa_window_open_plan (self, pep_plan_get_id (plan), &error))
        show_toast (self, error->message);
    }
  if (key == NULL)
    pep_qa_window_reload (self);
}

static void
on_rules_changed (PepQaWindow *self)
{
  on_context_changed (self, NULL);
}

static gboolean
pep_qa_window_close_request (GtkWindow *window)
{
  PepQaWindow *self = PEP_QA_WINDOW (window);

  if (!pep_review_view_flush (self->review_view) && !self->back_refused)
    {
      self->back_refused = TRUE;
      show_toast (self, _("Some ratings are not saved: the sections say why. Close again to "
                          "close without them."));
      return TRUE;
    }
  return GTK_WINDOW_CLASS (pep_qa_window_parent_class)->close_request (window);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
pep_qa_window_constructed (GObject *object)
{
  PepQaWindow *self = PEP_QA_WINDOW (object);

  G_OBJECT_CLASS (pep_qa_window_parent_class)->constructed (object);

  g_return_if_fail (self->store != NULL);

  if (self->context == NULL)
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
      g_autofree char *name = NULL;
      PepRole role;

      if (PEP_IS_APPLICATION (app))
        self->context = pep_application_dup_context (PEP_APPLICATION (app), self->store, NULL);
      if (self->context == NULL)
        {
          pep_settings_get_actor (self->settings, &name, &role);
          self->context = pep_work_context_new (self->store, name, role, NULL);
        }
    }
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_rules_changed), self,
                           G_CONNECT_SWAPPED);
  make_workflow (self);
  {
    g_autofree char *file_name = g_filename_display_basename (pep_store_get_path (self->store));

    adw_view_switcher_title_set_subtitle (self->switcher_title, file_name);
  }
  if (self->settings != NULL)
    {
      g_signal_connect_object (self->settings, "changed::role",
                               G_CALLBACK (on_context_changed), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (self->settings, "changed::user-name",
                               G_CALLBACK (on_context_changed), self, G_CONNECT_SWAPPED);
    }

  /* An advisor's work is mostly the PEPs waiting for authorisation. */
  if (pep_workflow_get_role (self->workflow) == PEP_ROLE_ADVISOR)
    gtk_drop_down_set_selected (self->status_dropdown, 1);

  pep_qa_window_reload (self);
}

static void
pep_qa_window_dispose (GObject *object)
{
  PepQaWindow *self = PEP_QA_WINDOW (object);

  g_cancellable_cancel (self->queue_cancellable);
  g_cancellable_cancel (self->follow_cancellable);

  if (self->queue_view != NULL)
    gtk_column_view_set_model (self->queue_view, NULL);
  if (self->follow_view != NULL)
    gtk_column_view_set_model (self->follow_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_QA_WINDOW);

  g_clear_object (&self->queue_selection);
  g_clear_object (&self->queue_sort_model);
  g_clear_object (&self->queue_filter_model);
  g_clear_object (&self->queue_filter);
  g_clear_object (&self->queue);
  g_clear_object (&self->follow_selection);
  g_clear_object (&self->follow_sort_model);
  g_clear_object (&self->follow_filter_model);
  g_clear_object (&self->follow_filter);
  g_clear_object (&self->follow_ups);
  g_clear_object (&self->queue_cancellable);
  g_clear_object (&self->follow_cancellable);
  g_clear_object (&self->workflow);
  g_clear_object (&self->rubric);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pep_qa_window_parent_class)->dispose (object);
}

static void
pep_qa_window_finalize (GObject *object)
{
  PepQaWindow *self = PEP_QA_WINDOW (object);

  g_free (self->pending_open);

  G_OBJECT_CLASS (pep_qa_window_parent_class)->finalize (object);
}

static void
pep_qa_window_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  PepQaWindow *self = PEP_QA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_qa_window_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  PepQaWindow *self = PEP_QA_WINDOW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_set_object (&self->store, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_qa_window_class_init (PepQaWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pep_qa_window_constructed;
  object_class->dispose = pep_qa_window_dispose;
  object_class->finalize = pep_qa_window_finalize;
  object_class->get_property = pep_qa_window_get_property;
  object_class->set_property = pep_qa_window_set_property;
  GTK_WINDOW_CLASS (klass)->close_request = pep_qa_window_close_request;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         PEP_TYPE_STORE,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PEP_TYPE_QA_ITEM);
  g_type_ensure (PEP_TYPE_TABLE_CELL);
  g_type_ensure (PEP_TYPE_QA_FOLLOW_UP);
  g_type_ensure (PEP_TYPE_REVIEW_VIEW);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_BASE "/ui/pep-qa-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, back_button);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, title_stack);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, switcher_title);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, review_title);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, view_stack);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, status_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, term_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, school_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, advisor_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, phase_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, rating_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, term_list);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, school_list);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, advisor_list);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, phase_list);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, queue_count_label);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, queue_stack);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, queue_view);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, waited_column);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, show_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, owner_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, follow_count_label);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, follow_stack);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, follow_view);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, follow_due_column);
  gtk_widget_class_bind_template_child (widget_class, PepQaWindow, review_view);
  gtk_widget_class_bind_template_callback (widget_class, on_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_filter_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_queue_view_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_follow_view_activate);
  gtk_widget_class_bind_template_callback (widget_class, on_review_view_finished);

  gtk_widget_class_install_action (widget_class, "qa.back", NULL, pep_qa_window_back);
  gtk_widget_class_install_action (widget_class, "qa.refresh", NULL, pep_qa_window_refresh);
  gtk_widget_class_install_action (widget_class, "qa.mark-done", NULL, pep_qa_window_mark_done);
  gtk_widget_class_install_action (widget_class, "qa.help", NULL, pep_qa_window_help);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "qa.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK, "qa.back", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "qa.help", NULL);
}

static void
pep_qa_window_init (PepQaWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  pep_accessible_label_table (self->queue_view, _("PEPs waiting for QA"));
  pep_accessible_label_table (self->follow_view, _("Follow-up actions"));

  self->queue = g_list_store_new (PEP_TYPE_QA_ITEM);
  self->queue_filter = gtk_custom_filter_new (queue_filter_func, self, NULL);
  self->queue_filter_model = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->queue)),
                                                        g_object_ref (GTK_FILTER (self->queue_filter)));
  self->queue_sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->queue_filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->queue_view)));
  self->queue_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->queue_sort_model)));
  gtk_column_view_set_model (self->queue_view, GTK_SELECTION_MODEL (self->queue_selection));
  gtk_column_view_sort_by_column (self->queue_view, self->waited_column, GTK_SORT_DESCENDING);

  self->follow_ups = g_list_store_new (PEP_TYPE_QA_FOLLOW_UP);
  self->follow_filter = gtk_custom_filter_new (follow_filter_func, self, NULL);
  self->follow_filter_model =
    gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->follow_ups)),
                               g_object_ref (GTK_FILTER (self->follow_filter)));
  self->follow_sort_model =
    gtk_sort_list_model_new (g_object_ref (G_LIST_MODEL (self->follow_filter_model)),
                             g_object_ref (gtk_column_view_get_sorter (self->follow_view)));
  self->follow_selection = gtk_single_selection_new (g_object_ref (G_LIST_MODEL (self->follow_sort_model)));
  gtk_column_view_set_model (self->follow_view, GTK_SELECTION_MODEL (self->follow_selection));
  gtk_column_view_sort_by_column (self->follow_view, self->follow_due_column, GTK_SORT_ASCENDING);
  g_signal_connect_object (self->follow_selection, "notify::selected",
                           G_CALLBACK (update_actions), self, G_CONNECT_SWAPPED);

  pep_help_set_page (GTK_WIDGET (self), "qa");

  self->settings = pep_settings_new ();
  update_actions (self);
}

/* Public API -------------------------------------------------------------------------------- */

/**
 * pep_qa_window_new:
 * @application: (nullable): the application, or %NULL (tests)
 * @store: the open file, shared with the main window and used on the main thread only
 */
PepQaWindow *
pep_qa_window_new (PepApplication *application,
                   PepStore       *store)
{
  g_return_val_if_fail (application == NULL || PEP_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  return g_object_new (PEP_TYPE_QA_WINDOW,
                       "application", application,
                       "store", store,
                       NULL);
}

PepStore *
pep_qa_window_get_store (PepQaWindow *self)
{
  g_return_val_if_fail (PEP_IS_QA_WINDOW (self), NULL);
  return self->store;
}

/* Whether a list is being read. */
gboolean
pep_qa_window_get_busy (PepQaWindow *self)
{
  g_return_val_if_fail (PEP_IS_QA_WINDOW (self), FALSE);
  return self->loading_queue || self->loading_follow_ups;
}

/* Reads the queue and the follow-up actions again, on worker threads. */
void
pep_qa_window_reload (PepQaWindow *self)
{
  g_return_if_fail (PEP_IS_QA_WINDOW (self));

  reload_queue (self);
  reload_follow_ups (self);
}

/**
 * pep_qa_window_get_visible_page:
 *
 * Returns: "queue", "follow-ups" or "review"
 */
const char *
pep_qa_window_get_visible_page (PepQaWindow *self)
{
  g_return_val_if_fail (PEP_IS_QA_WINDOW (self), NULL);

  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "review") == 0)
    return "review";
  return adw_view_stack_get_visible_child_name (self->view_stack);
}

/* Shows the "queue" or the "follow-ups", leaving the review. */
void
pep_qa_window_set_visible_page (PepQaWindow *self,
                                const char  *page)
{
  g_return_if_fail (PEP_IS_QA_WINDOW (self));
  g_return_if_fail (page != NULL);

  if (g_strcmp0 (pep_qa_window_get_visible_page (self), "review") == 0)
    gtk_widget_activate_action (GTK_WIDGET (self), "qa.back", NULL);
  adw_view_stack_set_visible_child_name (self->view_stack, page);
}

/**
 * pep_qa_window_set_waiting_for:
 * @status: %PEP_STATUS_SUBMITTED (the PEPs waiting for QA) or %PEP_STATUS_APPROVED (those
 *   waiting for the advisor's authorisation)
 */
void
pep_qa_window_set_waiting_for (PepQaWindow *self,
                               PepStatus    status)
{
  g_return_if_fail (PEP_IS_QA_WINDOW (self));
  g_return_if_fail (status == PEP_STATUS_SUBMITTED || status == PEP_STATUS_APPROVED);

  gtk_drop_down_set_selected (self->status_dropdown, status == PEP_STATUS_APPROVED ? 1 : 0);
}

/**
 * pep_qa_window_get_queue_model:
 *
 * Returns: (transfer none): the queue as shown, filtered and sorted: a #GtkSelectionModel
 *   of #PepQaItem
 */
GListModel *
pep_qa_window_get_queue_model (PepQaWindow *self)
{
  g_return_val_if_fail (PEP_IS_QA_WINDOW (self), NULL);
  return G_LIST_MODEL (self->queue_selection);
}

/**
 * pep_qa_window_get_follow_ups_model:
 *
 * Returns: (transfer none): the follow-up actions as shown: a #GtkSingleSelection of
 *   #PepQaFollowUp
 */
GListModel *
pep_qa_window_get_follow_ups_model (PepQaWindow *self)
{
  g_return_val_if_fail (PEP_IS_QA_WINDOW (self), NULL);
  return G_LIST_MODEL (self->follow_selection);
}

PepReviewView *
pep_qa_window_get_review_view (PepQaWindow *self)
{
  g_return_val_if_fail (PEP_IS_QA_WINDOW (self), NULL);
  return self->review_view;
}

PepWorkflow *
pep_qa_window_get_workflow (PepQaWindow *self)
{
  g_return_val_if_fail (PEP_IS_QA_WINDOW (self), NULL);
  return self->workflow;
}

/**
 * pep_qa_window_open_from_spec:
 * @spec: what the PEPSTUDIO_OPEN variable asked for: "qa" (the queue), "qa:follow-ups",
 *   "qa:authorise" (the PEPs waiting for authorisation), "qa:review" (the first PEP of the
 *   queue) or "qa:ID" (the PEP ID)
 *
 * For screenshots and trying things by hand: `PEPSTUDIO_OPEN=qa:review pepstudio FILE` opens
 * the QA window on FILE as it starts (pep-application.c), at the page asked for; harmless in
 * normal use, where the variable is not set. Waits for the queue when it is still being read.
 * Anything else is ignored.
 */
void
pep_qa_window_open_from_spec (PepQaWindow *self,
                              const char  *spec)
{
  const char *what;

  g_return_if_fail (PEP_IS_QA_WINDOW (self));

  if (spec == NULL || !g_str_has_prefix (spec, "qa"))
    return;
  what = spec[2] == ':' ? spec + 3 : "";

  if (self->loading_queue && (g_str_equal (what, "review") || g_ascii_isdigit (*what)))
    {
      g_free (self->pending_open);
      self->pending_open = g_strdup (spec);
      return;
    }

  if (g_str_equal (what, "follow-ups"))
    pep_qa_window_set_visible_page (self, "follow-ups");
  else if (g_str_equal (what, "authorise"))
    pep_qa_window_set_waiting_for (self, PEP_STATUS_APPROVED);
  else if (g_str_equal (what, "review"))
    pep_qa_window_activate_queue_row (self, 0);
  else if (g_ascii_isdigit (*what))
    pep_qa_window_open_plan (self, g_ascii_strtoll (what, NULL, 10), NULL);
}
