/* pep-section-rating.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rating is shown with its name as well as its colour. A criterion's result says
 * "Passes", "Fails", "Does not apply" or "For you to judge" in words, beside an icon.
 */

#define G_LOG_DOMAIN "pep-section-rating"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-qa-item.h"
#include "pep-section-rating.h"
#include "pep-workflow.h"

struct _PepSectionRating
{
  GtkWidget         parent_instance;

  /* Template widgets */
  GtkBox           *card;
  GtkLabel         *title_label;
  GtkLabel         *proposed_label;
  GtkBox           *buttons_box;
  GtkToggleButton  *red_button;
  GtkToggleButton  *amber_button;
  GtkToggleButton  *green_button;
  GtkToggleButton  *gold_button;
  GtkBox           *message_box;
  GtkImage         *message_icon;
  GtkLabel         *message_label;
  GtkListBox       *entries_list;
  AdwEntryRow      *reason_row;
  AdwEntryRow      *feedback_row;
  GtkListBox       *criteria_list;

  /* Plain state */
  PepSection        section;
  PepRating         proposed;   /* the floor the checks establish, … */
  PepRating         ceiling;    /* … and the highest rating they leave open */
  PepRating         rating;
  guint             updating : 1;
  guint             saved : 1;
  guint             show_feedback : 1;
};

G_DEFINE_FINAL_TYPE (PepSectionRating, pep_section_rating, GTK_TYPE_WIDGET)

enum {
  RATE,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static GtkToggleButton *
button_for (PepSectionRating *self,
            PepRating         rating)
{
  switch (rating)
    {
    case PEP_RATING_RED:
      return self->red_button;
    case PEP_RATING_AMBER:
      return self->amber_button;
    case PEP_RATING_GREEN:
      return self->green_button;
    case PEP_RATING_GOLD:
      return self->gold_button;
    case PEP_RATING_NOT_RATED:
    case PEP_N_RATINGS:
    default:
      return NULL;
    }
}

/* A reason is asked only for a rating outside the range the checks leave open. */
static gboolean
needs_reason (PepSectionRating *self)
{
  return self->rating != PEP_RATING_NOT_RATED && self->proposed != PEP_RATING_NOT_RATED
         && (self->rating < self->proposed || self->rating > self->ceiling);
}

static void
update_reason_row (PepSectionRating *self)
{
  gboolean needed = needs_reason (self);

  gtk_widget_set_visible (GTK_WIDGET (self->reason_row), needed);
  gtk_widget_set_visible (GTK_WIDGET (self->entries_list), needed || self->show_feedback);
}

static void
show_message (PepSectionRating *self,
              const char       *text,
              const char       *icon_name,
              const char       *style)
{
  gtk_widget_set_visible (GTK_WIDGET (self->message_box), text != NULL);
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_image_set_from_icon_name (self->message_icon, icon_name);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_box), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_box), "dim-label");
  if (style != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_box), style);
}

static void
on_button_toggled (PepSectionRating *self,
                   GtkToggleButton  *button)
{
  PepRating rating = PEP_RATING_NOT_RATED;

  if (self->updating || !gtk_toggle_button_get_active (button))
    return;

  for (PepRating r = PEP_RATING_RED; r < PEP_RATING_NOT_RATED; r++)
    if (button_for (self, r) == button)
      rating = r;

  self->rating = rating;
  self->saved = FALSE;
  update_reason_row (self);
  g_signal_emit (self, signals[RATE], 0);
}

static void
on_row_changed (PepSectionRating *self,
                AdwEntryRow      *row)
{
  if (self->updating)
    return;
  self->saved = FALSE;
  gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  pep_accessible_set_error (GTK_WIDGET (row), NULL);
}

static void
on_row_apply (PepSectionRating *self,
              AdwEntryRow      *row)
{
  /* Enter with the apply button shown both applies and activates: record once. */
  if (self->saved)
    return;
  /* Feedback alone is kept until a rating is chosen. */
  if (self->rating == PEP_RATING_NOT_RATED)
    {
      show_message (self, _("Choose a rating: your feedback is saved with it."),
                    "dialog-information-symbolic", "dim-label");
      return;
    }
  g_signal_emit (self, signals[RATE], 0);
}

static void
pep_section_rating_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PEP_TYPE_SECTION_RATING);

  G_OBJECT_CLASS (pep_section_rating_parent_class)->dispose (object);
}

static void
pep_section_rating_class_init (PepSectionRatingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_section_rating_dispose;

  /**
   * PepSectionRating::rate:
   *
   * The officer chose a rating, or confirmed the reason or the feedback: record them.
   */
  signals[RATE] = g_signal_new ("rate", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-section-rating.ui");
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, card);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, title_label);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, proposed_label);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, buttons_box);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, red_button);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, amber_button);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, green_button);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, gold_button);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, message_box);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, message_icon);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, message_label);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, entries_list);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, reason_row);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, feedback_row);
  gtk_widget_class_bind_template_child (widget_class, PepSectionRating, criteria_list);
  gtk_widget_class_bind_template_callback (widget_class, on_button_toggled);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_row_apply);
}

static void
pep_section_rating_init (PepSectionRating *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));

  self->proposed = self->ceiling = PEP_RATING_NOT_RATED;
  self->rating = PEP_RATING_NOT_RATED;
  self->saved = TRUE;
  self->show_feedback = TRUE;
  pep_section_rating_set_proposed (self, PEP_RATING_NOT_RATED);
}

GtkWidget *
pep_section_rating_new (PepSection section)
{
  PepSectionRating *self = g_object_new (PEP_TYPE_SECTION_RATING, NULL);

  self->section = section;
  return GTK_WIDGET (self);
}

/* PEP_N_SECTIONS for the overall rating. */
PepSection
pep_section_rating_get_section (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), PEP_N_SECTIONS);
  return self->section;
}

void
pep_section_rating_set_title (PepSectionRating *self,
                              const char       *title)
{
  g_autofree char *entries = NULL;
  g_autofree char *criteria = NULL;

  g_return_if_fail (PEP_IS_SECTION_RATING (self));
  gtk_label_set_text (self->title_label, title);

  /* A screen reader hears whose rating a button gives ("Meeting: Amber") and whose lists. */
  for (PepRating rating = PEP_RATING_RED; rating <= PEP_RATING_GOLD; rating++)
    {
      /* Translators: a rating button as a screen reader names it: the section, the rating */
      g_autofree char *name = g_strdup_printf (_("%s: %s"), title, pep_rating_to_label (rating));

      pep_accessible_label (GTK_WIDGET (button_for (self, rating)), name);
    }
  /* Translators: the list of a section's reason and feedback, as a screen reader names it */
  entries = g_strdup_printf (_("%s: reason and feedback"), title);
  pep_accessible_label (GTK_WIDGET (self->entries_list), entries);
  /* Translators: the list of a section's checks, as a screen reader names it */
  criteria = g_strdup_printf (_("%s: checks"), title);
  pep_accessible_label (GTK_WIDGET (self->criteria_list), criteria);
}

/* Shows only the ratings the rubric allows for the section; the overall rating allows all. */
void
pep_section_rating_set_allowed (PepSectionRating *self,
                                PepRubric        *rubric)
{
  g_return_if_fail (PEP_IS_SECTION_RATING (self));
  g_return_if_fail (rubric == NULL || PEP_IS_RUBRIC (rubric));

  for (PepRating r = PEP_RATING_RED; r < PEP_RATING_NOT_RATED; r++)
    gtk_widget_set_visible (GTK_WIDGET (button_for (self, r)),
                            rubric == NULL || self->section >= PEP_N_SECTIONS
                            || pep_rubric_allows_rating (rubric, self->section, r));
}

void
pep_section_rating_set_proposed (PepSectionRating *self,
                                 PepRating         proposed)
{
  pep_section_rating_set_range (self, proposed, proposed);
}

/**
 * pep_section_rating_set_range:
 * @floor: what the checks establish
 * @ceiling: the highest rating they leave open; a rating in between needs no reason
 */
void
pep_section_rating_set_range (PepSectionRating *self,
                              PepRating         floor,
                              PepRating         ceiling)
{
  g_auto(GStrv) classes = NULL;
  g_autofree char *text = NULL;
  PepRating proposed = floor;

  g_return_if_fail (PEP_IS_SECTION_RATING (self));

  self->proposed = floor;
  self->ceiling = MAX (floor, ceiling);
  classes = pep_rating_css_classes (proposed);
  if (proposed == PEP_RATING_NOT_RATED)
    text = g_strdup (self->section >= PEP_N_SECTIONS ? _("Rate every section first")
                                                     : _("No proposal"));
  else if (self->ceiling != floor)
    /* Translators: the ratings the checks leave open, e.g. "Proposed: Amber to Gold" */
    text = g_strdup_printf (_("Proposed: %s to %s"), pep_rating_to_label (floor),
                            pep_rating_to_label (self->ceiling));
  else
    /* Translators: the rating the rubric proposes, e.g. "Proposed: Green" */
    text = g_strdup_printf (_("Proposed: %s"), pep_rating_to_label (proposed));
  gtk_label_set_text (self->proposed_label, text);
  gtk_widget_set_css_classes (GTK_WIDGET (self->proposed_label), (const char **) classes);
  gtk_widget_add_css_class (GTK_WIDGET (self->proposed_label), "pep-tag");
  update_reason_row (self);
}

PepRating
pep_section_rating_get_proposed (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), PEP_RATING_NOT_RATED);
  return self->proposed;
}

/* Shows @rating as chosen, without asking for it to be recorded. */
void
pep_section_rating_set_rating (PepSectionRating *self,
                               PepRating         rating)
{
  g_return_if_fail (PEP_IS_SECTION_RATING (self));

  self->updating = TRUE;
  self->rating = rating;
  for (PepRating r = PEP_RATING_RED; r < PEP_RATING_NOT_RATED; r++)
    gtk_toggle_button_set_active (button_for (self, r), r == rating);
  self->updating = FALSE;
  update_reason_row (self);
}

PepRating
pep_section_rating_get_rating (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), PEP_RATING_NOT_RATED);
  return self->rating;
}

void
pep_section_rating_set_reason (PepSectionRating *self,
                               const char       *reason)
{
  g_return_if_fail (PEP_IS_SECTION_RATING (self));

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->reason_row), reason != NULL ? reason : "");
  self->updating = FALSE;
}

/* The reason, when the rating departs from the proposal; else %NULL. */
const char *
pep_section_rating_get_reason (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), NULL);
  return needs_reason (self) ? gtk_editable_get_text (GTK_EDITABLE (self->reason_row)) : NULL;
}

void
pep_section_rating_set_feedback (PepSectionRating *self,
                                 const char       *feedback)
{
  g_return_if_fail (PEP_IS_SECTION_RATING (self));

  self->updating = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (self->feedback_row), feedback != NULL ? feedback : "");
  self->updating = FALSE;
}

const char *
pep_section_rating_get_feedback (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), NULL);
  return self->show_feedback ? gtk_editable_get_text (GTK_EDITABLE (self->feedback_row)) : NULL;
}

void
pep_section_rating_set_show_feedback (PepSectionRating *self,
                                      gboolean          show)
{
  g_return_if_fail (PEP_IS_SECTION_RATING (self));

  self->show_feedback = !!show;
  gtk_widget_set_visible (GTK_WIDGET (self->feedback_row), show);
  update_reason_row (self);
}

static const char *
outcome_icon (PepCheckOutcome outcome)
{
  switch (outcome)
    {
    case PEP_CHECK_PASS:
      return "emblem-ok-symbolic";
    case PEP_CHECK_FAIL:
      return "dialog-warning-symbolic";
    case PEP_CHECK_NOT_APPLICABLE:
      return "action-unavailable-symbolic";
    case PEP_CHECK_JUDGED:
    default:
      return "avatar-default-symbolic";
    }
}

static const char *
outcome_label (PepCheckOutcome outcome)
{
  switch (outcome)
    {
    case PEP_CHECK_PASS:
      return _("Passes");
    case PEP_CHECK_FAIL:
      return _("Fails");
    case PEP_CHECK_NOT_APPLICABLE:
      return _("Does not apply");
    case PEP_CHECK_JUDGED:
    default:
      return _("For you to judge");
    }
}

/* The criteria of the section, each with its level, its result and the reason. */
void
pep_section_rating_set_results (PepSectionRating     *self,
                                const PepCheckResult *results,
                                guint                 n_results)
{
  GtkWidget *child;

  g_return_if_fail (PEP_IS_SECTION_RATING (self));

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->criteria_list))) != NULL)
    gtk_list_box_remove (self->criteria_list, child);

  for (guint i = 0; i < n_results; i++)
    {
      const PepCheckResult *result = &results[i];
      AdwActionRow *row = ADW_ACTION_ROW (adw_action_row_new ());
      GtkWidget *icon = gtk_image_new_from_icon_name (outcome_icon (result->outcome));
      GtkWidget *outcome = gtk_label_new (outcome_label (result->outcome));
      g_autofree char *title = NULL;
      g_auto(GStrv) classes = pep_rating_css_classes (result->criterion->level);

      /* Translators: a criterion's level (Amber, Green, Gold), then what it asks */
      title = g_strdup_printf (_("%s · %s"), pep_rating_to_label (result->criterion->level),
                               pep_rubric_translate (result->criterion->description));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      if (result->reason != NULL && result->outcome != PEP_CHECK_JUDGED)
        adw_action_row_set_subtitle (row, result->reason);
      gtk_widget_set_focusable (GTK_WIDGET (row), FALSE);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      adw_action_row_add_prefix (row, icon);
      gtk_widget_add_css_class (outcome, "pep-tag");
      gtk_widget_set_valign (outcome, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (row, outcome);
      gtk_widget_add_css_class (GTK_WIDGET (row), "pep-criterion");
      if (result->outcome == PEP_CHECK_FAIL)
        {
          gtk_widget_add_css_class (icon, "error");
          gtk_widget_add_css_class (outcome, "error");
        }
      else if (result->outcome == PEP_CHECK_PASS)
        {
          gtk_widget_add_css_class (icon, "success");
          gtk_widget_add_css_class (outcome, "success");
        }
      else
        {
          gtk_widget_add_css_class (icon, "dim-label");
        }
      gtk_list_box_append (self->criteria_list, GTK_WIDGET (row));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->criteria_list), n_results > 0);
}

void
pep_section_rating_set_editable (PepSectionRating *self,
                                 gboolean          editable)
{
  g_return_if_fail (PEP_IS_SECTION_RATING (self));

  gtk_widget_set_sensitive (GTK_WIDGET (self->buttons_box), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->entries_list), editable);
}

/* Whether what is shown is what the file holds; clears the message when it is. */
void
pep_section_rating_set_saved (PepSectionRating *self,
                              gboolean          saved)
{
  g_return_if_fail (PEP_IS_SECTION_RATING (self));

  self->saved = !!saved;
  if (saved)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->reason_row), "error");
      pep_accessible_set_error (GTK_WIDGET (self->reason_row), NULL);
      show_message (self, NULL, NULL, NULL);
    }
}

gboolean
pep_section_rating_get_saved (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), FALSE);
  return self->saved;
}

/* Says why the rating was not recorded; a missing reason marks the reason row and takes the
 * focus there. */
void
pep_section_rating_set_error (PepSectionRating *self,
                              const GError     *error)
{
  g_return_if_fail (PEP_IS_SECTION_RATING (self));
  g_return_if_fail (error != NULL);

  self->saved = FALSE;
  show_message (self, error->message, "dialog-warning-symbolic", "error");
  if (g_error_matches (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_REASON_NEEDED))
    {
      gtk_widget_set_visible (GTK_WIDGET (self->reason_row), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->reason_row), "error");
      /* Said as the focus comes to the reason, and again if it was there already (emptied
       * first: a screen reader says a description only when it changes). */
      pep_accessible_set_error (GTK_WIDGET (self->reason_row), NULL);
      pep_accessible_set_error (GTK_WIDGET (self->reason_row), error->message);
      gtk_widget_grab_focus (GTK_WIDGET (self->reason_row));
    }
  else
    {
      pep_accessible_announce (GTK_WIDGET (self), error->message);
    }
}

/* The message shown under the buttons, or %NULL. */
const char *
pep_section_rating_get_message (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_box)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

GtkToggleButton *
pep_section_rating_get_button (PepSectionRating *self,
                               PepRating         rating)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), NULL);
  return button_for (self, rating);
}

AdwEntryRow *
pep_section_rating_get_reason_row (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), NULL);
  return self->reason_row;
}

AdwEntryRow *
pep_section_rating_get_feedback_row (PepSectionRating *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_RATING (self), NULL);
  return self->feedback_row;
}
