/* pep-review-view.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each choice is written when it is made: a rating as its button is pressed (with the reason
 * when it departs from the proposal, and the feedback typed so far), the reason and the
 * feedback when confirmed with Enter or the apply button. What could not be written stays on
 * screen with the reason beside it; before returning, approving or leaving, whatever is
 * unsaved is tried again (pep_review_view_flush), so nothing typed is lost silently. After a
 * refused step the PEP is read again from the file, as the workflow asks.
 */

#define G_LOG_DOMAIN "pep-review-view"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-child-name.h"
#include "pep-help.h"
#include "pep-plan-view.h"
#include "pep-passphrase-dialog.h"
#include "pep-review-view.h"
#include "pep-signoff.h"
#include "pep-store-exchange.h"

struct _PepReviewView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  AdwToastOverlay   *toast_overlay;
  GtkPaned          *paned;
  GtkScrolledWindow *scrolled_window;
  GtkLabel          *title_label;
  GtkLabel          *subtitle_label;
  GtkLabel          *seal_label;
  GtkLabel          *notice_label;
  GtkBox            *sections_box;
  GtkBox            *overall_box;
  GtkLabel          *rule_label;
  GtkBox            *authorise_group;
  AdwEntryRow       *comment_row;
  PepPlanView       *plan_view;

  /* Owned references */
  PepStore          *store;
  PepWorkflow       *workflow;
  PepRubric         *rubric;
  PepPlan           *plan;
  PepRecord         *child;
  PepChecks         *checks;
  PepReturnDialog   *return_dialog;
  GPtrArray         *ratings;          /* PepSectionRating, the sections in rubric order */
  PepSectionRating  *overall;

  /* Plain state */
  char              *title;
  PepSeal            seal;             /* what the last signature check found */
  char              *seal_reason;
};

G_DEFINE_FINAL_TYPE (PepReviewView, pep_review_view, GTK_TYPE_WIDGET)

enum {
  FINISHED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_toast (PepReviewView *self,
            const char    *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  adw_toast_set_timeout (toast, 8);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  pep_accessible_announce (GTK_WIDGET (self), text);
}

static PepRole
current_role (PepReviewView *self)
{
  return self->workflow != NULL ? pep_workflow_get_role (self->workflow) : PEP_ROLE_CARER;
}

static PepStatus
current_status (PepReviewView *self)
{
  return self->plan != NULL ? pep_plan_get_status (self->plan) : PEP_STATUS_DRAFT;
}

static gboolean
can_rate (PepReviewView *self)
{
  return self->plan != NULL && pep_role_can (current_role (self), PEP_OPERATION_RATE)
         && current_status (self) == PEP_STATUS_SUBMITTED;
}

static void
update_actions (PepReviewView *self)
{
  PepRole role = current_role (self);
  PepStatus status = current_status (self);
  gboolean have = self->plan != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.return",
                                 have && pep_role_can (role, PEP_OPERATION_RETURN)
                                 && status == PEP_STATUS_SUBMITTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.approve",
                                 have && pep_role_can (role, PEP_OPERATION_APPROVE)
                                 && status == PEP_STATUS_SUBMITTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "review.authorise",
                                 have && pep_role_can (role, PEP_OPERATION_AUTHORISE)
                                 && status == PEP_STATUS_APPROVED);
  gtk_widget_set_visible (GTK_WIDGET (self->authorise_group),
                          have && status == PEP_STATUS_APPROVED);
  gtk_widget_set_sensitive (GTK_WIDGET (self->comment_row),
                            pep_role_can (role, PEP_OPERATION_AUTHORISE));
}

/* Why the controls cannot be used, if they cannot. */
static void
update_notice (PepReviewView *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  PepStatus status = current_status (self);

  if (self->plan == NULL)
    ;
  else if (!pep_role_check (current_role (self), PEP_OPERATION_RATE, &error))
    /* Translators: the user's role, then why it cannot rate */
    text = g_strdup_printf (_("You are working as %s. %s You can read the review here."),
                            pep_role_to_label (current_role (self)), error->message);
  else if (status == PEP_STATUS_APPROVED)
    text = g_strdup (pep_role_can (current_role (self), PEP_OPERATION_AUTHORISE)
                     ? _("QA approved this PEP: it waits for your authorisation.")
                     : _("QA approved this PEP: it waits for the advisor’s authorisation."));
  else if (status != PEP_STATUS_SUBMITTED)
    /* Translators: %s is a PEP's status, such as "Returned" */
    text = g_strdup_printf (_("This PEP is %s: its ratings can no longer be changed."),
                            pep_status_to_label (status));

  gtk_label_set_text (self->notice_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->notice_label), text != NULL);
}

static PepRecord *
find_rating_row (PepPlan    *plan,
                 PepSection  section)
{
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_RATING);
  const char *nick = pep_section_to_nick (section);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (pep_record_get_text (g_ptr_array_index (rows, i), PEP_RATING_SECTION), nick) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

static gboolean
all_sections_rated (PepReviewView *self)
{
  for (guint i = 0; i < self->ratings->len; i++)
    if (pep_workflow_get_section_rating (self->plan, pep_section_rating_get_section (
                                           g_ptr_array_index (self->ratings, i)))
        == PEP_RATING_NOT_RATED)
      return FALSE;
  return TRUE;
}

/* The overall rating the rule gives from the section ratings recorded so far. */
static void
update_overall_proposal (PepReviewView *self)
{
  PepRating proposed = PEP_RATING_NOT_RATED;
  PepRating stored_proposed;
  PepRecord *content;

  if (self->overall == NULL)
    return;
  if (all_sections_rated (self))
    proposed = pep_workflow_propose_overall (self->workflow, self->plan);
  pep_section_rating_set_proposed (self->overall, proposed);

  /* A section rated again after the overall rating was given. */
  content = pep_plan_get_content (self->plan);
  if (pep_record_has (content, PEP_PLAN_QA_OVERALL)
      && pep_rating_from_nick (pep_record_get_text (content, PEP_PLAN_QA_OVERALL_PROPOSED),
                               &stored_proposed)
      && stored_proposed != proposed && can_rate (self))
    {
      g_autoptr(GError) error = NULL;

      g_set_error (&error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE,
                   _("The section ratings changed after the overall rating was given: the "
                     "rule now gives %s. Choose the overall rating again."),
                   pep_rating_to_label (proposed));
      pep_section_rating_set_error (self->overall, error);
    }
}

static void
reload_plan (PepReviewView *self)
{
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;

  plan = pep_store_load_plan (self->store, pep_plan_get_id (self->plan), &error);
  if (plan == NULL)
    {
      show_toast (self, error->message);
      return;
    }
  g_set_object (&self->plan, plan);
}

/* Records what @rating shows. Returns whether it is saved. */
static gboolean
save_rating (PepReviewView    *self,
             PepSectionRating *rating)
{
  g_autoptr(GError) error = NULL;
  PepSection section = pep_section_rating_get_section (rating);
  PepRating chosen = pep_section_rating_get_rating (rating);
  gboolean ok;

  if (self->plan == NULL || chosen == PEP_RATING_NOT_RATED)
    return TRUE;

  if (section >= PEP_N_SECTIONS)
    ok = pep_workflow_rate_overall (self->workflow, self->plan, chosen,
                                    pep_section_rating_get_reason (rating), &error);
  else
    ok = pep_workflow_rate_section (self->workflow, self->plan, self->checks, section, chosen,
                                    pep_section_rating_get_reason (rating),
                                    pep_section_rating_get_feedback (rating), &error);
  if (!ok)
    {
      pep_section_rating_set_error (rating, error);
      /* A refusal by the file (someone else's change, a full disk): read the PEP again. */
      if (error->domain != PEP_WORKFLOW_ERROR)
        {
          reload_plan (self);
          show_toast (self, error->message);
        }
      return FALSE;
    }

  pep_section_rating_set_saved (rating, TRUE);
  if (section < PEP_N_SECTIONS)
    update_overall_proposal (self);
  return TRUE;
}

static void
on_rating_rate (PepReviewView    *self,
                PepSectionRating *rating)
{
  save_rating (self, rating);
}

static PepSectionRating *
add_rating (PepReviewView *self,
            PepSection     section,
            GtkBox        *box)
{
  PepSectionRating *rating = PEP_SECTION_RATING (pep_section_rating_new (section));

  g_signal_connect_object (rating, "rate", G_CALLBACK (on_rating_rate), self, G_CONNECT_SWAPPED);
  gtk_box_append (box, GTK_WIDGET (rating));
  return rating;
}

static void
remove_ratings (PepReviewView *self)
{
  for (guint i = 0; i < self->ratings->len; i++)
    gtk_box_remove (self->sections_box, g_ptr_array_index (self->ratings, i));
  g_ptr_array_set_size (self->ratings, 0);
  if (self->overall != NULL)
    gtk_box_remove (self->overall_box, GTK_WIDGET (self->overall));
  self->overall = NULL;
}

static void
build_ratings (PepReviewView *self)
{
  PepKind kind = pep_plan_get_kind (self->plan);
  PepRecord *content = pep_plan_get_content (self->plan);
  gboolean editable = can_rate (self);
  PepRating overall;

  remove_ratings (self);

  for (guint i = 0; i < pep_rubric_get_n_sections (self->rubric); i++)
    {
      PepSection section = pep_rubric_get_section (self->rubric, i);
      PepSectionRating *rating;
      const PepCheckResult *results;
      PepRecord *row;
      guint n_results;

      if (!pep_rubric_rates (self->rubric, section, kind))
        continue;

      rating = add_rating (self, section, self->sections_box);
      g_ptr_array_add (self->ratings, rating);
      pep_section_rating_set_title (rating, pep_section_to_label (section));
      pep_section_rating_set_allowed (rating, self->rubric);
      {
        PepRating floor, ceiling;

        pep_checks_get_range (self->checks, section, &floor, &ceiling);
        pep_section_rating_set_range (rating, floor, ceiling);
      }
      results = pep_checks_get_results (self->checks, section, &n_results);
      pep_section_rating_set_results (rating, results, n_results);
      if ((row = find_rating_row (self->plan, section)) != NULL)
        {
          pep_section_rating_set_feedback (rating, pep_record_get_text (row, PEP_RATING_FEEDBACK));
          pep_section_rating_set_reason (rating, pep_record_get_text (row, PEP_RATING_REASON));
        }
      pep_section_rating_set_rating (rating, pep_workflow_get_section_rating (self->plan, section));
      pep_section_rating_set_editable (rating, editable);
    }

  self->overall = add_rating (self, PEP_N_SECTIONS, self->overall_box);
  gtk_box_reorder_child_after (self->overall_box, GTK_WIDGET (self->overall), NULL);
  pep_section_rating_set_title (self->overall, _("Overall rating"));
  pep_section_rating_set_show_feedback (self->overall, FALSE);
  pep_section_rating_set_reason (self->overall,
                                 pep_record_get_text (content, PEP_PLAN_QA_OVERRIDE_REASON));
  if (!pep_rating_from_nick (pep_record_get_text (content, PEP_PLAN_QA_OVERALL), &overall))
    overall = PEP_RATING_NOT_RATED;
  pep_section_rating_set_rating (self->overall, overall);
  pep_section_rating_set_editable (self->overall, editable);
  update_overall_proposal (self);
}

static void
update_heading (PepReviewView *self)
{
  g_autofree char *term_text = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *rule = NULL;
  PepTermId term;

  g_free (self->title);
  self->title = pep_child_record_display_name (self->child);
  pep_plan_get_term (self->plan, &term);
  term_text = pep_term_format_long (&term);
  /* Translators: a term, the kind of PEP and its status, e.g. "Autumn 2026/27 · School age · Submitted" */
  subtitle = g_strdup_printf (_("%s · %s · %s"), term_text,
                              pep_kind_to_label (pep_plan_get_kind (self->plan)),
                              pep_status_to_label (current_status (self)));
  gtk_label_set_text (self->title_label, self->title);
  gtk_label_set_text (self->subtitle_label, subtitle);

  /* Translators: the rubric's title, then how its rule combines the section ratings */
  rule = g_strdup_printf (_("%s: %s"), pep_rubric_translate (pep_rubric_get_title (self->rubric)),
                          pep_rubric_translate (pep_rubric_get_rule_description (self->rubric)));
  gtk_label_set_text (self->rule_label, rule);
}

/* A PEP the last signature check found failing says so first: the figures count it as
 * authorised nowhere, and QA should know before rating it. */
static void
update_seal (PepReviewView *self)
{
  g_autofree char *text = NULL;

  if (self->plan != NULL && self->seal != PEP_SEAL_OK)
    /* Translators: what the signature check found (like "Changed after sign-off"), then why */
    text = g_strdup_printf (_("%s: %s"), pep_seal_to_label (self->seal),
                            self->seal_reason ? self->seal_reason : "");
  gtk_label_set_text (self->seal_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->seal_label), text != NULL);
}

static void
refresh (PepReviewView *self)
{
  update_heading (self);
  update_seal (self);
  update_notice (self);
  build_ratings (self);
  update_actions (self);
}

/* Actions ---------------------------------------------------------------------------------- */

/**
 * pep_review_view_flush:
 *
 * Tries again to record every rating whose choice or text is not saved yet.
 *
 * Returns: whether everything shown is saved
 */
gboolean
pep_review_view_flush (PepReviewView *self)
{
  gboolean ok = TRUE;

  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), FALSE);

  if (self->plan == NULL || !can_rate (self))
    return TRUE;
  for (guint i = 0; i < self->ratings->len; i++)
    {
      PepSectionRating *rating = g_ptr_array_index (self->ratings, i);

      if (!pep_section_rating_get_saved (rating))
        ok &= save_rating (self, rating);
    }
  if (self->overall != NULL && !pep_section_rating_get_saved (self->overall))
    ok &= save_rating (self, self->overall);
  return ok;
}

static gboolean
flush_or_say (PepReviewView *self)
{
  if (pep_review_view_flush (self))
    return TRUE;
  show_toast (self, _("Some ratings are not saved yet: the sections say why."));
  return FALSE;
}

static void
finish (PepReviewView *self,
        const char    *message)
{
  g_signal_emit (self, signals[FINISHED], 0, message);
}

static void
on_return_dialog_response (PepReviewView   *self,
                           const char      *response,
                           PepReturnDialog *dialog)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const PepFollowUpAction *actions;
  guint n_actions = 0;

  if (g_strcmp0 (response, "return") != 0)
    {
      gtk_window_destroy (GTK_WINDOW (dialog));
      g_clear_object (&self->return_dialog);
      return;
    }

  actions = pep_return_dialog_get_actions (dialog, &n_actions);
  if (!pep_workflow_return (self->workflow, self->plan, actions, n_actions, &error))
    {
      /* Keep what was typed: show the dialog again, with the reason. */
      if (error->domain != PEP_WORKFLOW_ERROR)
        reload_plan (self);
      pep_return_dialog_set_error (dialog, error->message);
      gtk_window_present (GTK_WINDOW (dialog));
      return;
    }

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_clear_object (&self->return_dialog);
  message = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "%s’s PEP is returned to the school with %u follow-up action",
                                          "%s’s PEP is returned to the school with %u follow-up actions",
                                          n_actions), self->title, n_actions);
  finish (self, message);
}

static void
pep_review_view_return (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  PepReviewView *self = PEP_REVIEW_VIEW (widget);
  GDate due;

  if (self->plan == NULL || !flush_or_say (self))
    return;
  if (!pep_passphrase_dialog_ensure_key (widget, self->store, self->workflow, action_name))
    return;

  if (self->return_dialog == NULL)
    {
      pep_workflow_get_default_due (self->workflow, &due);
      self->return_dialog = g_object_ref_sink (pep_return_dialog_new (
        GTK_WINDOW (gtk_widget_get_root (widget)), &due));
      g_signal_connect_object (self->return_dialog, "response",
                               G_CALLBACK (on_return_dialog_response), self, G_CONNECT_SWAPPED);
    }
  gtk_window_present (GTK_WINDOW (self->return_dialog));
}

static void
pep_review_view_approve (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  PepReviewView *self = PEP_REVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;

  if (self->plan == NULL || !flush_or_say (self))
    return;
  if (!pep_passphrase_dialog_ensure_key (widget, self->store, self->workflow, action_name))
    return;

  if (!pep_workflow_approve (self->workflow, self->plan, &error))
    {
      if (error->domain != PEP_WORKFLOW_ERROR)
        reload_plan (self);
      show_toast (self, error->message);
      return;
    }
  /* Translators: %s is the child's name */
  message = g_strdup_printf (_("%s’s PEP is approved: it waits for the advisor’s authorisation"),
                             self->title);
  finish (self, message);
}

static void
pep_review_view_authorise (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  PepReviewView *self = PEP_REVIEW_VIEW (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  const char *comment = gtk_editable_get_text (GTK_EDITABLE (self->comment_row));

  if (self->plan == NULL)
    return;
  if (!pep_passphrase_dialog_ensure_key (widget, self->store, self->workflow, action_name))
    return;

  if (!pep_workflow_authorise (self->workflow, self->plan, comment, &error))
    {
      if (g_error_matches (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE))
        {
          gtk_widget_add_css_class (GTK_WIDGET (self->comment_row), "error");
          gtk_widget_grab_focus (GTK_WIDGET (self->comment_row));
        }
      else if (error->domain != PEP_WORKFLOW_ERROR)
        {
          reload_plan (self);
        }
      show_toast (self, error->message);
      return;
    }
  /* Translators: %s is the child's name */
  message = g_strdup_printf (_("%s’s PEP is authorised and signed off"), self->title);
  finish (self, message);
}

static void
on_comment_row_changed (PepReviewView *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->comment_row), "error");
}

/* GObject ---------------------------------------------------------------------------------- */

static void
pep_review_view_dispose (GObject *object)
{
  PepReviewView *self = PEP_REVIEW_VIEW (object);

  if (self->return_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->return_dialog));
  g_clear_object (&self->return_dialog);
  g_clear_pointer (&self->ratings, g_ptr_array_unref);
  self->overall = NULL;

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_REVIEW_VIEW);

  g_clear_object (&self->checks);
  g_clear_object (&self->child);
  g_clear_object (&self->plan);
  g_clear_object (&self->rubric);
  g_clear_object (&self->workflow);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (pep_review_view_parent_class)->dispose (object);
}

static void
pep_review_view_finalize (GObject *object)
{
  PepReviewView *self = PEP_REVIEW_VIEW (object);

  g_free (self->title);
  g_free (self->seal_reason);

  G_OBJECT_CLASS (pep_review_view_parent_class)->finalize (object);
}

static void
pep_review_view_class_init (PepReviewViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_review_view_dispose;
  object_class->finalize = pep_review_view_finalize;

  /**
   * PepReviewView::finished:
   * @message: what was done, to tell the user
   *
   * The PEP was returned, approved or authorised: it has left this review.
   */
  signals[FINISHED] = g_signal_new ("finished", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  g_type_ensure (PEP_TYPE_PLAN_VIEW);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-review-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, paned);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, title_label);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, subtitle_label);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, seal_label);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, notice_label);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, sections_box);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, overall_box);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, rule_label);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, authorise_group);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, comment_row);
  gtk_widget_class_bind_template_child (widget_class, PepReviewView, plan_view);
  gtk_widget_class_bind_template_callback (widget_class, on_comment_row_changed);

  gtk_widget_class_install_action (widget_class, "review.return", NULL, pep_review_view_return);
  gtk_widget_class_install_action (widget_class, "review.approve", NULL, pep_review_view_approve);
  gtk_widget_class_install_action (widget_class, "review.authorise", NULL,
                                   pep_review_view_authorise);
}

static void
pep_review_view_init (PepReviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));

  self->ratings = g_ptr_array_new ();
  pep_help_set_page (GTK_WIDGET (self), "qa");
  update_actions (self);
}

GtkWidget *
pep_review_view_new (void)
{
  return g_object_new (PEP_TYPE_REVIEW_VIEW, NULL);
}

/**
 * pep_review_view_set_plan:
 * @store: the file, used on the main thread
 * @workflow: who is reviewing, in which role
 * @rubric: the rubric the PEP is rated against (the workflow's)
 *
 * Reads the PEP @plan_id and its checks, and shows them for review.
 */
gboolean
pep_review_view_set_plan (PepReviewView  *self,
                          PepStore       *store,
                          PepWorkflow    *workflow,
                          PepRubric      *rubric,
                          gint64          plan_id,
                          GError        **error)
{
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepChecks) checks = NULL;
  g_autofree char *seal_reason = NULL;
  PepSeal seal;

  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), FALSE);
  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_WORKFLOW (workflow), FALSE);
  g_return_val_if_fail (PEP_IS_RUBRIC (rubric), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!(plan = pep_store_load_plan (store, plan_id, error))
      || !(child = pep_store_load_child (store, pep_plan_get_child_id (plan), error))
      || !(checks = pep_checks_new_for_store (store, rubric, plan, error))
      || !pep_signoff_get_recorded (store, plan_id, &seal, &seal_reason, error))
    return FALSE;

  if (self->return_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->return_dialog));
  g_clear_object (&self->return_dialog);
  g_set_object (&self->store, store);
  g_set_object (&self->workflow, workflow);
  g_set_object (&self->rubric, rubric);
  g_set_object (&self->plan, plan);
  g_set_object (&self->child, child);
  g_set_object (&self->checks, checks);
  self->seal = seal;
  g_free (self->seal_reason);
  self->seal_reason = g_steal_pointer (&seal_reason);
  gtk_editable_set_text (GTK_EDITABLE (self->comment_row), "");

  pep_plan_view_set_plan (self->plan_view, plan, child);
  {
    g_autoptr(GPtrArray) history = pep_store_exchange_sender_history (store, plan_id, NULL);

    pep_plan_view_set_sender_history (self->plan_view, history);
  }
  refresh (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return TRUE;
}

void
pep_review_view_clear (PepReviewView *self)
{
  g_return_if_fail (PEP_IS_REVIEW_VIEW (self));

  if (self->return_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->return_dialog));
  g_clear_object (&self->return_dialog);
  remove_ratings (self);
  g_clear_object (&self->checks);
  g_clear_object (&self->child);
  g_clear_object (&self->plan);
  update_seal (self);
  update_notice (self);
  update_actions (self);
}

PepPlan *
pep_review_view_get_plan (PepReviewView *self)
{
  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), NULL);
  return self->plan;
}

const char *
pep_review_view_get_title (PepReviewView *self)
{
  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), NULL);
  return self->plan != NULL ? self->title : NULL;
}

PepSectionRating *
pep_review_view_get_section_rating (PepReviewView *self,
                                    PepSection     section)
{
  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), NULL);

  for (guint i = 0; i < self->ratings->len; i++)
    if (pep_section_rating_get_section (g_ptr_array_index (self->ratings, i)) == section)
      return g_ptr_array_index (self->ratings, i);
  return NULL;
}

PepSectionRating *
pep_review_view_get_overall_rating (PepReviewView *self)
{
  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), NULL);
  return self->overall;
}

/* The dialog of Return to School, while it is open. */
PepReturnDialog *
pep_review_view_get_return_dialog (PepReviewView *self)
{
  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), NULL);
  return self->return_dialog;
}

AdwEntryRow *
pep_review_view_get_comment_row (PepReviewView *self)
{
  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), NULL);
  return self->comment_row;
}

/* Why the review cannot be changed, or %NULL. */
/* Returns: (nullable): what the signature check found wrong with the PEP, as shown */
const char *
pep_review_view_get_seal_notice (PepReviewView *self)
{
  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->seal_label)))
    return NULL;
  return gtk_label_get_text (self->seal_label);
}

const char *
pep_review_view_get_notice (PepReviewView *self)
{
  g_return_val_if_fail (PEP_IS_REVIEW_VIEW (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->notice_label)))
    return NULL;
  return gtk_label_get_text (self->notice_label);
}
