/* pep-plan-view.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The groups and rows are made from the field registry (pep-field-list.h), so a field
 * added there shows here with no change: section by section, the child's fields of that
 * section, then the PEP's fields for its kind and the child's phase, then its rows (attainment,
 * targets, reviews, funding requests, sign-offs). Every value is the user's text and is
 * shown as plain text, never as markup.
 */

#define G_LOG_DOMAIN "pep-plan-view"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-child-name.h"
#include "pep-plan-view.h"
#include "pep-store.h"

/* How one table of PEP rows is shown: a group, one expander row per record. */
typedef struct
{
  PepTable    table;
  guint       title_field;
  guint       subtitle_field;
  const char *title;
} RowTable;

static const RowTable row_tables[] = {
  { PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_SUBJECT, PEP_ATTAINMENT_CURRENT,
    N_("Attainment by subject") },
  { PEP_TABLE_TARGET_REVIEW, PEP_TARGET_REVIEW_TARGET_TEXT, PEP_TARGET_REVIEW_OUTCOME,
    N_("Review of the previous targets") },
  { PEP_TABLE_TARGET, PEP_TARGET_DESCRIPTION, PEP_TARGET_AREA,
    N_("Targets") },
  { PEP_TABLE_FUNDING_REQUEST, PEP_FUNDING_REQUEST_AMOUNT, PEP_FUNDING_REQUEST_DECISION,
    N_("Pupil Premium Plus requests") },
  { PEP_TABLE_SIGNOFF, PEP_SIGNOFF_NAME, PEP_SIGNOFF_ROLE,
    N_("Sign-off") },
};

struct _PepPlanView
{
  GtkWidget          parent_instance;

  /* Template widgets */
  GtkScrolledWindow *scrolled_window;
  GtkLabel          *title_label;
  GtkLabel          *term_label;
  GtkLabel          *kind_label;
  GtkLabel          *status_label;
  GtkBox            *sections_box;

  /* Owned references */
  PepPlan           *plan;
  PepRecord         *child;

  /* Plain state */
  char              *status_class;
};

G_DEFINE_FINAL_TYPE (PepPlanView, pep_plan_view, GTK_TYPE_WIDGET)

static char *
format_value (const PepFieldInfo *info,
              PepRecord          *record)
{
  GVariant *value = pep_record_get (record, info->index);
  char *text;

  if (value == NULL)
    return NULL;

  text = pep_field_describe (info, value);
  if (text != NULL && *text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static GtkWidget *
field_row_new (const PepFieldInfo *info,
               PepRecord          *record)
{
  g_autofree char *text = format_value (info, record);
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(info->label));
  gtk_widget_add_css_class (row, "pep-field");

  if (text != NULL)
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), text);
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Not entered"));
      gtk_widget_add_css_class (row, "not-entered");
    }

  return row;
}

static GtkWidget *
group_new (const char *title)
{
  GtkWidget *group = adw_preferences_group_new ();

  /* Group titles are our own strings, but they are markup: escape them all the same. */
  if (title != NULL)
    {
      g_autofree char *escaped = g_markup_escape_text (title, -1);

      adw_preferences_group_set_title (ADW_PREFERENCES_GROUP (group), escaped);
    }

  return group;
}

static GtkWidget *
record_row_new (PepPlanView    *self,
                const RowTable *row_table,
                PepRecord      *record,
                guint           number)
{
  const PepFieldInfo *title_info = pep_table_get_field (row_table->table, row_table->title_field);
  const PepFieldInfo *subtitle_info = pep_table_get_field (row_table->table,
                                                           row_table->subtitle_field);
  g_autofree char *title = format_value (title_info, record);
  g_autofree char *subtitle = format_value (subtitle_info, record);
  guint n_fields = pep_table_get_n_fields (row_table->table);
  GtkWidget *row = adw_expander_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  if (title == NULL)
    title = g_strdup_printf (_("Entry %u"), number);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle);

  for (guint i = 0; i < n_fields; i++)
    {
      const PepFieldInfo *info = pep_table_get_field (row_table->table, i);

      if (pep_plan_field_applies (self->plan, self->child, info))
        adw_expander_row_add_row (ADW_EXPANDER_ROW (row), field_row_new (info, record));
    }

  return row;
}

static void
add_section (PepPlanView *self,
             PepSection   section)
{
  PepRecord *content = pep_plan_get_content (self->plan);
  GtkWidget *group = NULL;

  /* The child's own details that belong to this section (identity, care, school, people). */
  for (guint i = 0; self->child != NULL && i < PEP_CHILD_N_FIELDS; i++)
    {
      const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, i);

      if (info->section != section)
        continue;
      if (group == NULL)
        group = group_new (pep_section_to_label (section));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group),
                                 field_row_new (info, self->child));
    }

  for (guint i = 0; i < PEP_PLAN_N_FIELDS; i++)
    {
      const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_PLAN, i);

      /* The fields of the PEP's kind for the child's phase, as the editor shows them. */
      if (info->section != section || !pep_plan_field_applies (self->plan, self->child, info))
        continue;
      if (group == NULL)
        group = group_new (pep_section_to_label (section));
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), field_row_new (info, content));
    }

  if (group != NULL)
    {
      gtk_box_append (self->sections_box, group);
      pep_accessible_fix_tree (group);
    }

  /* Then the PEP's rows whose table belongs to this section. */
  for (guint t = 0; t < G_N_ELEMENTS (row_tables); t++)
    {
      const RowTable *row_table = &row_tables[t];
      GPtrArray *rows;
      GtkWidget *rows_group;

      if (pep_table_get_field (row_table->table, 0)->section != section)
        continue;

      rows = pep_plan_get_rows (self->plan, row_table->table);
      rows_group = group_new (_(row_table->title));

      if (rows == NULL || rows->len == 0)
        {
          GtkWidget *row = adw_action_row_new ();

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("None recorded"));
          gtk_widget_add_css_class (row, "dim-label");
          adw_preferences_group_add (ADW_PREFERENCES_GROUP (rows_group), row);
        }
      else
        {
          for (guint i = 0; i < rows->len; i++)
            adw_preferences_group_add (ADW_PREFERENCES_GROUP (rows_group),
                                       record_row_new (self, row_table,
                                                       g_ptr_array_index (rows, i), i + 1));
        }

      gtk_box_append (self->sections_box, rows_group);
      pep_accessible_fix_tree (rows_group);
    }
}

static void
clear_sections (PepPlanView *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sections_box))) != NULL)
    gtk_box_remove (self->sections_box, child);
}

static void
pep_plan_view_dispose (GObject *object)
{
  PepPlanView *self = PEP_PLAN_VIEW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_PLAN_VIEW);

  g_clear_object (&self->plan);
  g_clear_object (&self->child);

  G_OBJECT_CLASS (pep_plan_view_parent_class)->dispose (object);
}

static void
pep_plan_view_finalize (GObject *object)
{
  PepPlanView *self = PEP_PLAN_VIEW (object);

  g_free (self->status_class);

  G_OBJECT_CLASS (pep_plan_view_parent_class)->finalize (object);
}

static gboolean
pep_plan_view_grab_focus (GtkWidget *widget)
{
  PepPlanView *self = PEP_PLAN_VIEW (widget);

  /* Start at the top of the PEP, on its first row. */
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return gtk_widget_child_focus (GTK_WIDGET (self->sections_box), GTK_DIR_TAB_FORWARD);
}

static void
pep_plan_view_class_init (PepPlanViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_plan_view_dispose;
  object_class->finalize = pep_plan_view_finalize;
  widget_class->grab_focus = pep_plan_view_grab_focus;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "planview");

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-plan-view.ui");
  gtk_widget_class_bind_template_child (widget_class, PepPlanView, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PepPlanView, title_label);
  gtk_widget_class_bind_template_child (widget_class, PepPlanView, term_label);
  gtk_widget_class_bind_template_child (widget_class, PepPlanView, kind_label);
  gtk_widget_class_bind_template_child (widget_class, PepPlanView, status_label);
  gtk_widget_class_bind_template_child (widget_class, PepPlanView, sections_box);
}

static void
pep_plan_view_init (PepPlanView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
}

GtkWidget *
pep_plan_view_new (void)
{
  return g_object_new (PEP_TYPE_PLAN_VIEW, NULL);
}

/**
 * pep_plan_view_set_plan:
 * @plan: the PEP to show
 * @child: (nullable): whose PEP it is
 */
void
pep_plan_view_set_plan (PepPlanView *self,
                        PepPlan     *plan,
                        PepRecord   *child)
{
  g_autofree char *name = NULL;
  g_autofree char *term_text = NULL;
  PepTermId term;
  PepStatus status;

  g_return_if_fail (PEP_IS_PLAN_VIEW (self));
  g_return_if_fail (PEP_IS_PLAN (plan));
  g_return_if_fail (child == NULL || PEP_IS_RECORD (child));

  g_set_object (&self->plan, plan);
  g_set_object (&self->child, child);

  name = child != NULL ? pep_child_record_display_name (child) : g_strdup (_("Unknown child"));
  gtk_label_set_text (self->title_label, name);

  pep_plan_get_term (plan, &term);
  term_text = pep_term_format_long (&term);
  if (pep_plan_is_unscheduled (plan) && pep_plan_get_review_reason (plan) != NULL)
    {
      /* Translators: a term, then the reason for an unscheduled review */
      g_autofree char *full = g_strdup_printf (_("%s, unscheduled review: %s"), term_text,
                                               pep_plan_get_review_reason (plan));
      gtk_label_set_text (self->term_label, full);
    }
  else
    {
      gtk_label_set_text (self->term_label, term_text);
    }

  gtk_label_set_text (self->kind_label, pep_kind_to_label (pep_plan_get_kind (plan)));

  status = pep_plan_get_status (plan);
  gtk_label_set_text (self->status_label, pep_status_to_label (status));
  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  g_free (self->status_class);
  self->status_class = g_strdup_printf ("status-%s", pep_status_to_nick (status));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);

  clear_sections (self);
  for (guint section = 0; section < PEP_N_SECTIONS; section++)
    add_section (self, section);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
}

/**
 * pep_plan_view_set_sender_history:
 * @history: (element-type PepAuditEntry): what other copies sent as the PEP's history
 *   (pep_store_exchange_sender_history()), each entry's @table its sender
 *
 * Shows, after the PEP, the history other copies sent with it: as theirs, never as this
 * copy's own audit trail. Call after pep_plan_view_set_plan().
 */
void
pep_plan_view_set_sender_history (PepPlanView *self,
                                  GPtrArray   *history)
{
  GtkWidget *group;

  g_return_if_fail (PEP_IS_PLAN_VIEW (self));

  if (history == NULL || history->len == 0)
    return;
  group = group_new (_("History Sent by Other Copies"));
  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group),
                                         _("As the sending copy recorded it; not this copy's "
                                           "own audit trail, and not checked here."));
  for (guint i = 0; i < history->len; i++)
    {
      PepAuditEntry *entry = g_ptr_array_index (history, i);
      GtkWidget *row = adw_action_row_new ();
      g_autofree char *title = g_strdup_printf ("%s, %s (%s)", entry->at, entry->who, entry->role);
      g_autofree char *subtitle = g_strdup_printf (_("%s %s — sent by %s"), entry->action,
                                                   entry->field ? entry->field : "",
                                                   entry->table);

      /* People's names and fields are text, never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), row);
    }
  gtk_box_append (self->sections_box, group);
  pep_accessible_fix_tree (group);
}

PepPlan *
pep_plan_view_get_plan (PepPlanView *self)
{
  g_return_val_if_fail (PEP_IS_PLAN_VIEW (self), NULL);

  return self->plan;
}

/**
 * pep_plan_view_get_title:
 *
 * The heading the view shows: the child's name.
 */
const char *
pep_plan_view_get_title (PepPlanView *self)
{
  g_return_val_if_fail (PEP_IS_PLAN_VIEW (self), NULL);

  return gtk_label_get_text (self->title_label);
}
