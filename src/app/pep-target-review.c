/* pep-target-review.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reviews are made when the PEP is started (pep_plan_next_start()); here they are
 * judged. A target not yet judged is shown open, so that none is passed over.
 */

#define G_LOG_DOMAIN "pep-target-review"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-field-rows.h"
#include "pep-target-review.h"

struct _PepTargetReview
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkWidget           *empty_row;

  /* Owned references */
  PepEditSession      *session;
  GPtrArray           *expanders;

  /* Plain state */
  char                *shape;   /* of the rows made: pep_field_rows_shape() */
};

G_DEFINE_FINAL_TYPE (PepTargetReview, pep_target_review, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define REVIEW_ID "pep-review-id"

static void
update_row (PepTargetReview *self,
            GtkWidget       *expander)
{
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (expander), REVIEW_ID);
  PepRecord *review = pep_edit_session_find_record (self->session, PEP_TABLE_TARGET_REVIEW, id);
  GVariant *outcome;
  g_autofree char *text = NULL;

  if (review == NULL)
    return;
  outcome = pep_edit_session_get_value (self->session, review, PEP_TARGET_REVIEW_OUTCOME);
  text = outcome ? pep_field_format (pep_table_get_field (PEP_TABLE_TARGET_REVIEW,
                                                          PEP_TARGET_REVIEW_OUTCOME), outcome)
                 : g_strdup (_("Not reviewed yet"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), text);
  gtk_widget_set_visible (g_object_get_data (G_OBJECT (expander), "pep-review-icon"),
                          outcome == NULL);
}

static void
clear (PepTargetReview *self)
{
  for (guint i = 0; i < self->expanders->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->expanders, i));
  g_ptr_array_set_size (self->expanders, 0);
}

/* The rows made for the reviews before (another PEP's) show these, when they would be made
 * the same (the same kind of row for each field): as a list view recycles its rows, another
 * PEP's Targets page opens without making them again. */
static void
rebuild (PepTargetReview *self)
{
  GPtrArray *reviews = pep_plan_get_rows (pep_edit_session_get_plan (self->session),
                                          PEP_TABLE_TARGET_REVIEW);
  g_autofree char *shape = pep_field_rows_shape (self->session, PEP_TABLE_TARGET_REVIEW, -1);

  if (g_strcmp0 (shape, self->shape) != 0)
    {
      clear (self);
      g_free (self->shape);
      self->shape = g_steal_pointer (&shape);
    }
  while (self->expanders->len > reviews->len)
    adw_preferences_group_remove (self->group,
                                  g_ptr_array_steal_index (self->expanders,
                                                           self->expanders->len - 1));

  for (guint i = 0; i < reviews->len; i++)
    {
      PepRecord *review = g_ptr_array_index (reviews, i);
      const char *text = pep_record_get_text (review, PEP_TARGET_REVIEW_TARGET_TEXT);
      GtkWidget *expander;

      if (i < self->expanders->len)
        {
          expander = g_ptr_array_index (self->expanders, i);
          pep_field_rows_rebind (expander, self->session, review);
        }
      else
        {
          /* A target not yet judged, seen with the row folded. */
          GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");

          expander = adw_expander_row_new ();
          g_object_set_data_full (G_OBJECT (expander), REVIEW_ID, g_new0 (gint64, 1), g_free);
          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
          gtk_widget_add_css_class (icon, "warning");
          gtk_widget_set_tooltip_text (icon, _("Not reviewed yet"));
          adw_expander_row_add_prefix (ADW_EXPANDER_ROW (expander), icon);
          g_object_set_data (G_OBJECT (expander), "pep-review-icon", icon);
          pep_field_rows_add (expander, self->session, review, PEP_TARGET_REVIEW_OUTCOME);
          pep_field_rows_add (expander, self->session, review, PEP_TARGET_REVIEW_COMMENT);
          adw_preferences_group_add (self->group, expander);
          g_ptr_array_add (self->expanders, expander);
        }
      *(gint64 *) g_object_get_data (G_OBJECT (expander), REVIEW_ID) = pep_record_get_id (review);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), text ? text : "");
      adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander),
                                     !pep_record_has (review, PEP_TARGET_REVIEW_OUTCOME));
      pep_accessible_fix_tree (expander);
      update_row (self, expander);
    }
  gtk_widget_set_visible (self->empty_row, reviews->len == 0);
}

static void
on_edited (PepTargetReview *self,
           guint            table,
           gint64           record_id,
           guint            field)
{
  if (table != PEP_TABLE_TARGET_REVIEW)
    return;
  for (guint i = 0; i < self->expanders->len; i++)
    update_row (self, g_ptr_array_index (self->expanders, i));
}

static void
on_rows_changed (PepTargetReview *self,
                 guint            table)
{
  if (table == PEP_TABLE_TARGET_REVIEW)
    rebuild (self);
}

/* Another PEP's reviews, in the same widget (pages are kept across PEPs); %NULL lets go. */
static void
set_session (PepTargetReview *self,
             PepEditSession  *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  /* The rows stay, for the next PEP's reviews (rebuild()), holding no record. */
  for (guint i = 0; i < self->expanders->len; i++)
    pep_field_rows_rebind (g_ptr_array_index (self->expanders, i), NULL, NULL);
  g_set_object (&self->session, session);
  if (session != NULL)
    {
      g_signal_connect_object (session, "edited", G_CALLBACK (on_edited), self, G_CONNECT_SWAPPED);
      g_signal_connect_object (session, "rows-changed", G_CALLBACK (on_rows_changed), self,
                               G_CONNECT_SWAPPED);
      rebuild (self);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SESSION]);
}

static void
pep_target_review_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PepTargetReview *self = PEP_TARGET_REVIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_target_review_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  PepTargetReview *self = PEP_TARGET_REVIEW (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      set_session (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_target_review_dispose (GObject *object)
{
  PepTargetReview *self = PEP_TARGET_REVIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_TARGET_REVIEW);
  g_clear_object (&self->session);
  g_clear_pointer (&self->expanders, g_ptr_array_unref);
  g_clear_pointer (&self->shape, g_free);

  G_OBJECT_CLASS (pep_target_review_parent_class)->dispose (object);
}

static void
pep_target_review_class_init (PepTargetReviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_target_review_dispose;
  object_class->get_property = pep_target_review_get_property;
  object_class->set_property = pep_target_review_set_property;

  /* Set again when the page is kept for another PEP. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PEP_TYPE_EDIT_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-target-review.ui");
  gtk_widget_class_bind_template_child (widget_class, PepTargetReview, group);
  gtk_widget_class_bind_template_child (widget_class, PepTargetReview, empty_row);
}

static void
pep_target_review_init (PepTargetReview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  self->expanders = g_ptr_array_new ();
}

GtkWidget *
pep_target_review_new (PepEditSession *session)
{
  PepTargetReview *self;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (session), NULL);
  g_return_val_if_fail (pep_edit_session_get_plan (session) != NULL, NULL);

  self = g_object_new (PEP_TYPE_TARGET_REVIEW, NULL);
  set_session (self, session);
  return GTK_WIDGET (self);
}
