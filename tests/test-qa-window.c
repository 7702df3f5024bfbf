/* test-qa-window.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The QA window on a demo file in a private temporary folder, through its widgets: the queue
 * lists what pep_qa_queue_list() lists, longest waiting first; a QA officer rates every
 * section of a submitted PEP with the rating buttons (a rating that departs from the proposal
 * is refused until a reason is given), rates it overall as the rule proposes and returns it
 * with a follow-up action, all of it found saved in the file; the follow-up action is marked
 * done from the follow-ups view; an advisor authorises an approved PEP with a comment (and
 * not without one); a designated teacher finds the rating controls insensitive. Runs under
 * Xvfb (suite 'ui').
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pep-demo.h"
#include "pep-qa-follow-up.h"
#include "pep-qa-item.h"
#include "pep-qa-window.h"
#include "pep-settings.h"
#include "pep-signoff.h"
#include "pep-window.h"
#include "test-util.h"

#define N_CHILDREN    160
#define WAIT_SECONDS  60

static void
set_user (const char *role,
          const char *name)
{
  g_autoptr(GSettings) settings = pep_settings_new ();

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "role", role);
  g_settings_set_string (settings, "user-name", name);
}

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

static void
wait_for_window (PepQaWindow *window)
{
  gint64 deadline = g_get_monotonic_time ()
                    + (gint64) (WAIT_SECONDS * test_time_scale () * G_USEC_PER_SEC);
  guint source = g_timeout_add (20, wake, NULL);

  while (pep_qa_window_get_busy (window))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The QA window was still busy after %d seconds", WAIT_SECONDS);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (source);
  iterate ();
}

static PepQaWindow *
open_window (PepStore *store)
{
  PepQaWindow *window = pep_qa_window_new (NULL, store);

  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_window (window);
  return window;
}

static void
close_window (PepQaWindow *window)
{
  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  test_wait_for_last_ref (window);
  g_assert_finalize_object (window);
}

static PepPlan *
reload (PepStore *store,
        gint64    plan_id)
{
  g_autoptr(GError) error = NULL;
  PepPlan *plan = pep_store_load_plan (store, plan_id, &error);

  g_assert_no_error (error);
  return plan;
}

static GtkWidget *
find_action_button (GtkWidget  *root,
                    const char *action)
{
  if (GTK_IS_BUTTON (root)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (root)), action) == 0)
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action_button (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
click (GtkToggleButton *button)
{
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (button)));
  g_assert_true (gtk_widget_is_sensitive (GTK_WIDGET (button)));
  /* What a click or Space does; gtk_widget_activate() would only click after a delay. */
  g_signal_emit_by_name (button, "clicked");
  iterate ();
  g_assert_true (gtk_toggle_button_get_active (button));
}

static PepRecord *
find_rating_row (PepPlan    *plan,
                 PepSection  section)
{
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_RATING);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (pep_record_get_text (g_ptr_array_index (rows, i), PEP_RATING_SECTION),
                   pep_section_to_nick (section)) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* A QA officer rates a submitted PEP section by section and returns it. */
static void
test_qa_window_rate_and_return (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(GPtrArray) expected = NULL;
  g_autoptr(PepQaItem) chosen = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepChecks) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *due_text = NULL;
  g_autofree char *due_shown = NULL;
  const char *action_text = "Record the child's own words and link each target to them.";
  PepSection departed = PEP_N_SECTIONS;
  PepSection with_feedback = PEP_N_SECTIONS;
  PepSectionRating *overall;
  PepReturnDialog *dialog;
  PepReviewView *review;
  PepQaWindow *window;
  GListModel *model;
  GListModel *follow_model;
  PepRating overall_proposed;
  gint64 plan_id;
  guint position = 0;
  gint64 longest = 0;
  guint n_rated = 0;
  GDate due;
  GPtrArray *rows;
  gboolean found;
  guint n_open = 0, n_range = 0, n_settled = 0;

  set_user ("qa-officer", "Quinn Officer");
  store = test_make_demo_file (path, N_CHILDREN, 2);
  expected = pep_qa_queue_list (store, rubric, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->len, >, 0);

  window = open_window (store);
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "queue");

  /* The queue lists what the core lists, longest waiting first. */
  model = pep_qa_window_get_queue_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    longest = MAX (longest, ((PepQaQueueItem *) g_ptr_array_index (expected, i))->waiting_days);
  chosen = g_list_model_get_item (model, 0);
  g_assert_cmpint (pep_qa_item_get_waiting_days (chosen), ==, longest);
  g_clear_object (&chosen);

  /* Its Proposed column says what the core proposes: the rating, the range the checks
   * leave open, or "To judge" when they rule out none, never only the floor; a range or one
   * to judge takes no rating's colour. The demo file has PEPs of each. */
  for (guint i = 0; i < expected->len; i++)
    {
      const PepQaQueueItem *core = g_ptr_array_index (expected, i);
      g_autofree char *words = pep_checks_describe_proposal (core->proposed,
                                                             core->proposed_ceiling,
                                                             core->proposal_open);
      gboolean settled = !core->proposal_open && core->proposed_ceiling <= core->proposed;

      for (guint j = 0; j < g_list_model_get_n_items (model); j++)
        {
          g_autoptr(PepQaItem) item = g_list_model_get_item (model, j);
          g_autofree char *label = NULL;
          g_auto(GStrv) classes = NULL;

          if (pep_qa_item_get_plan_id (item) != core->plan_id)
            continue;
          g_object_get (item, "proposed-label", &label, "proposed-classes", &classes, NULL);
          g_assert_cmpstr (label, ==, words);
          g_assert_cmpint (pep_qa_item_proposal_is_settled (item), ==, settled);
          g_assert_true (g_strv_contains ((const char * const *) classes, "rating-none") != settled);
          g_assert_true (pep_qa_item_proposal_includes (item, core->proposed));
          if (core->proposal_open)
            g_assert_true (pep_qa_item_proposal_includes (item, PEP_RATING_GOLD));
          n_open += core->proposal_open;
          n_range += !settled && !core->proposal_open;
          n_settled += settled;
        }
    }
  g_assert_cmpuint (n_open, >, 0);
  g_assert_cmpuint (n_range, >, 0);
  g_assert_cmpuint (n_settled, >, 0);

  /* A school-age PEP, with the most sections to rate. */
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PepQaItem) item = g_list_model_get_item (model, i);

      if (pep_qa_item_get_kind (item) == PEP_KIND_SCHOOL_AGE)
        {
          position = i;
          break;
        }
    }
  chosen = g_list_model_get_item (model, position);
  plan_id = pep_qa_item_get_plan_id (chosen);
  pep_qa_window_activate_queue_row (window, position);
  iterate ();
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "review");
  review = pep_qa_window_get_review_view (window);
  g_assert_null (pep_review_view_get_notice (review));

  plan = reload (store, plan_id);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_SUBMITTED);
  checks = pep_checks_new_for_store (store, rubric, plan, &error);
  g_assert_no_error (error);

  /* Every section the rubric rates for this kind, through its buttons. */
  for (guint i = 0; i < pep_rubric_get_n_sections (rubric); i++)
    {
      PepSection section = pep_rubric_get_section (rubric, i);
      PepRating proposed = pep_checks_get_proposed (checks, section);
      PepSectionRating *rating = pep_review_view_get_section_rating (review, section);
      g_autoptr(PepPlan) saved = NULL;

      if (!pep_rubric_rates (rubric, section, pep_plan_get_kind (plan)))
        {
          g_assert_null (rating);
          continue;
        }
      g_assert_nonnull (rating);
      g_assert_cmpint (pep_section_rating_get_proposed (rating), ==, proposed);

      /* Only the ratings the section's scale allows. */
      for (PepRating r = PEP_RATING_RED; r < PEP_RATING_NOT_RATED; r++)
        g_assert_cmpint (gtk_widget_get_visible (GTK_WIDGET (pep_section_rating_get_button (rating, r))),
                         ==, pep_rubric_allows_rating (rubric, section, r));

      if (departed == PEP_N_SECTIONS)
        {
          /* A rating other than the proposal is refused until a reason is given. */
          PepRating other = proposed == PEP_RATING_RED ? PEP_RATING_AMBER : PEP_RATING_RED;
          PepRating before = pep_workflow_get_section_rating (plan, section);
          AdwEntryRow *reason_row = pep_section_rating_get_reason_row (rating);

          departed = section;
          click (pep_section_rating_get_button (rating, other));
          g_assert_nonnull (pep_section_rating_get_message (rating));
          g_assert_true (gtk_widget_get_visible (GTK_WIDGET (reason_row)));
          g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (reason_row), "error"));
          saved = reload (store, plan_id);
          g_assert_cmpint (pep_workflow_get_section_rating (saved, section), ==, before);
          g_assert_false (pep_section_rating_get_saved (rating));
          g_clear_object (&saved);

          /* Nor does leaving save it: Escape keeps the review open, once. */
          gtk_widget_activate_action (GTK_WIDGET (window), "qa.back", NULL);
          iterate ();
          g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "review");

          gtk_editable_set_text (GTK_EDITABLE (reason_row), "The child's voice runs through the targets.");
          g_signal_emit_by_name (reason_row, "apply");
          iterate ();
          g_assert_null (pep_section_rating_get_message (rating));
          g_assert_true (pep_section_rating_get_saved (rating));
          saved = reload (store, plan_id);
          g_assert_cmpint (pep_workflow_get_section_rating (saved, section), ==, other);
          g_assert_cmpstr (pep_record_get_text (find_rating_row (saved, section), PEP_RATING_REASON),
                           ==, "The child's voice runs through the targets.");
          g_assert_cmpstr (pep_record_get_text (find_rating_row (saved, section), PEP_RATING_RATED_BY),
                           ==, "Quinn Officer");
        }
      else
        {
          if (with_feedback == PEP_N_SECTIONS)
            {
              with_feedback = section;
              gtk_editable_set_text (GTK_EDITABLE (pep_section_rating_get_feedback_row (rating)),
                                     "Clear and well evidenced.");
            }
          click (pep_section_rating_get_button (rating, proposed));
          g_assert_null (pep_section_rating_get_message (rating));
          saved = reload (store, plan_id);
          g_assert_cmpint (pep_workflow_get_section_rating (saved, section), ==, proposed);
        }
      n_rated++;
    }
  g_assert_cmpuint (n_rated, >=, 5);
  g_assert_cmpint (with_feedback, <, PEP_N_SECTIONS);

  /* Overall: the rule's proposal from the ratings just given. */
  g_clear_object (&plan);
  plan = reload (store, plan_id);
  g_assert_cmpstr (pep_record_get_text (find_rating_row (plan, with_feedback), PEP_RATING_FEEDBACK),
                   ==, "Clear and well evidenced.");
  overall = pep_review_view_get_overall_rating (review);
  overall_proposed = pep_workflow_propose_overall (pep_qa_window_get_workflow (window), plan);
  g_assert_cmpint (overall_proposed, <, PEP_RATING_NOT_RATED);
  g_assert_cmpint (pep_section_rating_get_proposed (overall), ==, overall_proposed);
  click (pep_section_rating_get_button (overall, overall_proposed));
  g_assert_null (pep_section_rating_get_message (overall));
  g_clear_object (&plan);
  plan = reload (store, plan_id);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_QA_OVERALL), ==,
                   pep_rating_to_nick (overall_proposed));
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_QA_OFFICER), ==,
                   "Quinn Officer");

  /* Return to the school with one follow-up action, due by default in ten school days. */
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (review), "review.return")));
  gtk_widget_activate_action (GTK_WIDGET (review), "review.return", NULL);
  iterate ();
  dialog = pep_review_view_get_return_dialog (review);
  g_assert_nonnull (dialog);
  pep_workflow_get_default_due (pep_qa_window_get_workflow (window), &due);
  due_text = format_date (&due);
  /* Shown as every date is ("18 Dec 2026"), kept as stored. */
  due_shown = pep_date_format (&due);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (pep_return_dialog_get_due_row (dialog))), ==,
                   due_shown);
  g_assert_false (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "return"));
  gtk_editable_set_text (GTK_EDITABLE (pep_return_dialog_get_action_row (dialog)), action_text);
  g_assert_true (adw_message_dialog_get_response_enabled (ADW_MESSAGE_DIALOG (dialog), "return"));
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "return");
  iterate ();
  g_assert_null (pep_review_view_get_return_dialog (review));
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "queue");

  g_clear_object (&plan);
  plan = reload (store, plan_id);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_RETURNED);
  g_assert_cmpint (pep_workflow_get_section_rating (plan, departed), <, PEP_RATING_NOT_RATED);
  rows = pep_plan_get_rows (plan, PEP_TABLE_FOLLOW_UP);
  found = FALSE;
  for (guint i = 0; i < rows->len; i++)
    {
      PepRecord *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (pep_record_get_text (row, PEP_FOLLOW_UP_ACTION), action_text) != 0)
        continue;
      found = TRUE;
      g_assert_cmpstr (pep_record_get_text (row, PEP_FOLLOW_UP_OWNER_ROLE), ==, "designated-teacher");
      g_assert_cmpstr (pep_record_get_text (row, PEP_FOLLOW_UP_DUE), ==, due_text);
      g_assert_cmpstr (pep_record_get_text (row, PEP_FOLLOW_UP_STATUS), ==, "open");
      g_assert_cmpstr (pep_record_get_text (row, PEP_FOLLOW_UP_RAISED_BY), ==, "Quinn Officer");
    }
  g_assert_true (found);

  /* The queue is read again, without it. */
  wait_for_window (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len - 1);

  /* The follow-ups view lists the new action as open; marking it done is saved. */
  pep_qa_window_set_visible_page (window, "follow-ups");
  follow_model = pep_qa_window_get_follow_ups_model (window);
  found = FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (follow_model); i++)
    {
      g_autoptr(PepQaFollowUp) item = g_list_model_get_item (follow_model, i);

      g_assert_cmpstr (pep_qa_follow_up_get_status (item), ==, "open");
      if (pep_qa_follow_up_get_plan_id (item) == plan_id
          && g_strcmp0 (pep_qa_follow_up_get_action (item), action_text) == 0)
        {
          found = TRUE;
          g_assert_false (pep_qa_follow_up_get_overdue (item));
          gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (follow_model), i);
        }
    }
  g_assert_true (found);
  iterate ();
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "qa.mark-done", NULL));
  iterate ();
  wait_for_window (window);
  g_clear_object (&plan);
  plan = reload (store, plan_id);
  rows = pep_plan_get_rows (plan, PEP_TABLE_FOLLOW_UP);
  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (pep_record_get_text (g_ptr_array_index (rows, i), PEP_FOLLOW_UP_ACTION),
                   action_text) == 0)
      g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (rows, i), PEP_FOLLOW_UP_STATUS),
                       ==, "done");

  close_window (window);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static gboolean
count_plan (const PepPlanListing *listing,
            gpointer              user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

/* An advisor authorises an approved PEP, with a comment and not without. */
static void
test_qa_window_authorise (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepQaItem) chosen = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  PepPlanQuery query = { 0 };
  PepSectionRating *rating;
  PepReviewView *review;
  PepQaWindow *window;
  GListModel *model;
  GPtrArray *rows;
  guint n_approved = 0;
  gint64 plan_id;
  gboolean signed_by_advisor = FALSE;

  set_user ("advisor", "Ada Advisor");
  store = test_make_demo_file (path, N_CHILDREN, 2);
  query.has_status = TRUE;
  query.status = PEP_STATUS_APPROVED;
  g_assert_true (pep_store_foreach_plan (store, &query, count_plan, &n_approved, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_approved, >, 0);

  /* An advisor's queue starts at the PEPs waiting for authorisation. */
  window = open_window (store);
  model = pep_qa_window_get_queue_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_approved);

  chosen = g_list_model_get_item (model, 0);
  g_assert_cmpint (pep_qa_item_get_status (chosen), ==, PEP_STATUS_APPROVED);
  plan_id = pep_qa_item_get_plan_id (chosen);
  pep_qa_window_activate_queue_row (window, 0);
  iterate ();
  review = pep_qa_window_get_review_view (window);
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "review");

  /* Approved: the ratings are settled; only authorising is left. */
  rating = pep_review_view_get_section_rating (review, PEP_SECTION_TARGETS);
  g_assert_nonnull (rating);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (pep_section_rating_get_button (rating, PEP_RATING_GREEN))));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (review), "review.approve")));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (review), "review.return")));
  g_assert_true (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (review), "review.authorise")));

  /* No comment, no sign-off. */
  gtk_widget_activate_action (GTK_WIDGET (review), "review.authorise", NULL);
  iterate ();
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "review");
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (pep_review_view_get_comment_row (review)), "error"));
  plan = reload (store, plan_id);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_APPROVED);
  g_clear_object (&plan);

  gtk_editable_set_text (GTK_EDITABLE (pep_review_view_get_comment_row (review)),
                         "Strong targets; attendance plan agreed with the carer.");
  gtk_widget_activate_action (GTK_WIDGET (review), "review.authorise", NULL);
  iterate ();
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "queue");

  plan = reload (store, plan_id);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_SIGNED_OFF);
  rows = pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF);
  for (guint i = 0; i < rows->len; i++)
    {
      PepRecord *row = g_ptr_array_index (rows, i);

      if (g_strcmp0 (pep_record_get_text (row, PEP_SIGNOFF_ROLE), "vs-advisor") != 0)
        continue;
      signed_by_advisor = TRUE;
      g_assert_cmpstr (pep_record_get_text (row, PEP_SIGNOFF_NAME), ==, "Ada Advisor");
      g_assert_cmpstr (pep_record_get_text (row, PEP_SIGNOFF_COMMENT), ==,
                       "Strong targets; attendance plan agreed with the carer.");
    }
  g_assert_true (signed_by_advisor);

  wait_for_window (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, n_approved - 1);

  close_window (window);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A designated teacher may read the review but not rate, return or approve. */
static void
test_qa_window_role_refused (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(PepQaItem) chosen = NULL;
  g_autoptr(PepPlan) plan = NULL;
  PepReviewView *review;
  PepQaWindow *window;
  GListModel *model;
  const char *notice;
  guint n_sections = 0;
  guint n_ratings;

  set_user ("designated-teacher", "Dana Teacher");
  store = test_make_demo_file (path, N_CHILDREN, 2);
  window = open_window (store);
  model = pep_qa_window_get_queue_model (window);
  g_assert_cmpuint (g_list_model_get_n_items (model), >, 0);

  chosen = g_list_model_get_item (model, 0);
  plan = reload (store, pep_qa_item_get_plan_id (chosen));
  n_ratings = pep_plan_get_rows (plan, PEP_TABLE_RATING)->len;
  g_clear_object (&plan);
  pep_qa_window_activate_queue_row (window, 0);
  iterate ();
  review = pep_qa_window_get_review_view (window);
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "review");

  notice = pep_review_view_get_notice (review);
  g_assert_nonnull (notice);
  g_assert_nonnull (strstr (notice, "Only a QA officer or a Virtual School advisor can rate"));

  for (guint i = 0; i < pep_rubric_get_n_sections (rubric); i++)
    {
      PepSectionRating *rating =
        pep_review_view_get_section_rating (review, pep_rubric_get_section (rubric, i));

      if (rating == NULL)
        continue;
      n_sections++;
      for (PepRating r = PEP_RATING_RED; r < PEP_RATING_NOT_RATED; r++)
        g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (pep_section_rating_get_button (rating, r))));
      g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (pep_section_rating_get_feedback_row (rating))));
    }
  g_assert_cmpuint (n_sections, >, 0);
  g_assert_false (gtk_widget_is_sensitive (GTK_WIDGET (pep_section_rating_get_button (
    pep_review_view_get_overall_rating (review), PEP_RATING_GREEN))));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (review), "review.return")));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (review), "review.approve")));
  g_assert_false (gtk_widget_is_sensitive (find_action_button (GTK_WIDGET (review), "review.authorise")));

  /* Escape goes back to the queue, and nothing was written. */
  gtk_widget_activate_action (GTK_WIDGET (window), "qa.back", NULL);
  iterate ();
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "queue");
  plan = reload (store, pep_qa_item_get_plan_id (chosen));
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_SUBMITTED);
  g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_RATING)->len, ==, n_ratings);

  wait_for_window (window);
  close_window (window);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* A submitted PEP whose signature was edited with sqlite3, as the file's signature check found
 * it: the queue lists it with its mark, not hidden and not like the others, and the workspace
 * says what failed and why before anything else; a PEP whose signatures hold has no mark. */
static void
test_qa_window_marked (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "school.db", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GError) error = NULL;
  PepReviewView *review;
  PepQaWindow *window;
  GListModel *model;
  PepSeal seal;
  gint64 marked;
  guint marked_position = G_MAXUINT, other_position = G_MAXUINT;

  set_user ("qa-officer", "Quinn Officer");
  store = test_make_demo_file (path, N_CHILDREN, 2);
  queue = pep_qa_queue_list (store, rubric, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, >, 1);
  marked = ((PepQaQueueItem *) g_ptr_array_index (queue, 0))->plan_id;
  sql = g_strdup_printf ("UPDATE signoff SET comment = 'Not what was signed' WHERE plan_id = %"
                         G_GINT64_FORMAT " AND value IS NOT NULL", marked);
  test_sql_exec (path, sql);
  g_assert_true (pep_signoff_check_store (store, PEP_SIGNOFF_CHECK_RECORD, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (pep_signoff_get_recorded (store, marked, &seal, NULL, &error));
  g_assert_cmpint (seal, ==, PEP_SEAL_BAD_SIGNATURE);

  window = open_window (store);
  model = pep_qa_window_get_queue_model (window);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr(PepQaItem) item = g_list_model_get_item (model, i);
      g_autofree char *label = NULL;
      gboolean sealed;

      g_object_get (item, "seal-label", &label, "sealed", &sealed, NULL);
      if (pep_qa_item_get_plan_id (item) == marked)
        {
          marked_position = i;
          g_assert_cmpint (pep_qa_item_get_seal (item), ==, PEP_SEAL_BAD_SIGNATURE);
          g_assert_true (sealed);
          g_assert_cmpstr (label, ==, "A signature does not match");
        }
      else
        {
          other_position = i;
          g_assert_cmpint (pep_qa_item_get_seal (item), ==, PEP_SEAL_OK);
          g_assert_false (sealed);
          g_assert_null (label);
        }
    }
  g_assert_cmpuint (marked_position, !=, G_MAXUINT);
  g_assert_cmpuint (other_position, !=, G_MAXUINT);

  pep_qa_window_activate_queue_row (window, marked_position);
  iterate ();
  g_assert_cmpstr (pep_qa_window_get_visible_page (window), ==, "review");
  review = pep_qa_window_get_review_view (window);
  g_assert_nonnull (pep_review_view_get_seal_notice (review));
  g_assert_true (g_str_has_prefix (pep_review_view_get_seal_notice (review), "A signature does not match: "));
  g_assert_nonnull (strstr (pep_review_view_get_seal_notice (review), "does not match what it signs"));

  gtk_widget_activate_action (GTK_WIDGET (window), "qa.back", NULL);
  iterate ();
  pep_qa_window_activate_queue_row (window, other_position);
  iterate ();
  g_assert_null (pep_review_view_get_seal_notice (review));

  gtk_widget_activate_action (GTK_WIDGET (window), "qa.back", NULL);
  iterate ();
  wait_for_window (window);
  close_window (window);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* The editor's self-check and the QA workspace's proposal for the same PEP are one: both by
 * the rubric of the child's authority, here another authority's whose profile the file took
 * in. */
static void
test_qa_window_same_as_editor (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepStore) store = test_make_demo_file (path, N_CHILDREN, 2);
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(PepAuthority) borough = pep_authority_new ();
  g_autoptr(PepWorkContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepChecks) qa_checks = NULL;
  g_autoptr(PepChecks) editor_checks = NULL;
  g_autofree char *xml = NULL;
  PepQaWindow *qa;
  PepWindow *window;
  PepWorkflow *editor_workflow;
  gint64 plan_id;

  set_user ("qa-officer", "Quinn Officer");
  queue = pep_qa_queue_list (store, rubric, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, >, 0);
  plan_id = ((PepQaQueueItem *) g_ptr_array_index (queue, 0))->plan_id;
  plan = reload (store, plan_id);

  /* The child is Example Borough's, whose rubric the file took in. */
  {
    g_autofree char *rubric_path = g_test_build_filename (G_TEST_DIST, "..", "data", "rubric", "default.xml", NULL);
    g_autofree char *data = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *renamed = NULL;
    g_autoptr(PepRecord) child = pep_store_load_child (store, pep_plan_get_child_id (plan), &error);

    g_assert_true (g_file_get_contents (rubric_path, &data, NULL, NULL));
    parts = g_strsplit (data, "<rubric id=\"default\" version=\"1\">", 2);
    renamed = g_strconcat (parts[0], "<rubric id=\"borough\" version=\"1\">", parts[1], NULL);
    g_assert_true (pep_authority_set_rubric_xml (borough, renamed, strlen (renamed), &error));
    g_assert_true (pep_authority_set_la_code (borough, "208", &error));
    pep_authority_set_name (borough, "Example Borough");
    xml = pep_authority_to_xml (borough, TRUE);
    context = pep_work_context_new (store, "Quinn Officer", PEP_ROLE_QA_OFFICER, &error);
    g_assert_nonnull (pep_work_context_import (context, xml, strlen (xml), FALSE, FALSE, &error));
    g_assert_no_error (error);
    g_assert_true (pep_store_update_child (store, child, PEP_CHILD_CARE_AUTHORITY,
                                           g_variant_new_string ("Example Borough"), &error));
    g_assert_no_error (error);
  }

  qa = open_window (store);
  g_assert_true (pep_qa_window_open_plan (qa, plan_id, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pep_rubric_get_id (pep_workflow_get_rubric (pep_qa_window_get_workflow (qa))), ==, "borough");

  window = pep_window_new (NULL, store);
  g_object_ref_sink (window);
  g_assert_true (pep_window_open_plan (window, plan_id, &error));
  g_assert_no_error (error);
  editor_workflow = pep_edit_session_get_workflow (pep_plan_editor_get_session (pep_window_get_plan_editor (window)));
  g_assert_true (pep_workflow_get_rubric (editor_workflow) != NULL);
  g_assert_cmpstr (pep_rubric_get_id (pep_workflow_get_rubric (editor_workflow)), ==, "borough");

  /* The same checks, the same ranges, section by section. */
  qa_checks = pep_checks_new_for_store (store, pep_workflow_get_rubric (pep_qa_window_get_workflow (qa)), plan, &error);
  editor_checks = pep_checks_new_for_store (store, pep_workflow_get_rubric (editor_workflow), plan, &error);
  g_assert_no_error (error);
  for (PepSection s = 0; s < PEP_N_SECTIONS; s++)
    {
      PepRating a_floor, a_ceiling, b_floor, b_ceiling;

      pep_checks_get_range (qa_checks, s, &a_floor, &a_ceiling);
      pep_checks_get_range (editor_checks, s, &b_floor, &b_ceiling);
      g_assert_cmpint (a_floor, ==, b_floor);
      g_assert_cmpint (a_ceiling, ==, b_ceiling);
    }
  g_assert_cmpuint (pep_checks_count_failures (qa_checks), ==, pep_checks_count_failures (editor_checks));

  gtk_window_destroy (GTK_WINDOW (window));
  iterate ();
  g_object_unref (window);
  close_window (qa);
  g_clear_object (&context);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pep/qa-window/rate-and-return", test_qa_window_rate_and_return);
  g_test_add_func ("/pep/qa-window/authorise", test_qa_window_authorise);
  g_test_add_func ("/pep/qa-window/role-refused", test_qa_window_role_refused);
  g_test_add_func ("/pep/qa-window/marked", test_qa_window_marked);
  g_test_add_func ("/pep/qa-window/same-as-editor", test_qa_window_same_as_editor);

  return g_test_run ();
}
