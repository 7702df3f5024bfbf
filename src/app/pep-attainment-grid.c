/* pep-attainment-grid.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The usual subjects of each phase, where DOMAIN.md lists the schemes but not the subjects:
 * early years the three prime areas (EYFS); Reception to Year 2 reading, writing, maths
 * (key stage 1) and phonics in Years 1 and 2; Years 3 to 6 reading, writing, maths (key
 * stage 2); Years 7 to 11 English, maths and science (GCSE 9–1); post-16 the main course.
 */

#define G_LOG_DOMAIN "pep-attainment-grid"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-attainment-grid.h"
#include "pep-field-rows.h"

typedef struct
{
  gint64     id;
  GtkWidget *expander;
} LineRow;

struct _PepAttainmentGrid
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GtkWidget           *empty_row;

  /* Owned references */
  PepEditSession      *session;
  GArray              *rows;   /* LineRow */

  /* Plain state */
  gint64               focus_id;
};

G_DEFINE_FINAL_TYPE (PepAttainmentGrid, pep_attainment_grid, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/**
 * pep_attainment_default_scheme:
 *
 * The assessment scheme of a child's phase, as a choice nick of the scheme field.
 */
const char *
pep_attainment_default_scheme (PepKind kind,
                               int     nc_year)
{
  if (kind == PEP_KIND_EARLY_YEARS || nc_year < 0)
    return "eyfs";
  if (kind != PEP_KIND_SCHOOL_AGE)
    return "post16";
  if (nc_year <= 2)
    return "ks1";
  if (nc_year <= 6)
    return "ks2";
  return "gcse";
}

static int
child_year (PepAttainmentGrid *self)
{
  return (int) pep_record_get_int (pep_edit_session_get_child (self->session), PEP_CHILD_NC_YEAR, 0);
}

static void
update_row (PepAttainmentGrid *self,
            LineRow           *lr)
{
  PepRecord *line = pep_edit_session_find_record (self->session, PEP_TABLE_ATTAINMENT, lr->id);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  static const guint summary[] = { PEP_ATTAINMENT_SCHEME, PEP_ATTAINMENT_CURRENT,
                                   PEP_ATTAINMENT_TARGET_YEAR, PEP_ATTAINMENT_PROGRESS };
  GVariant *subject;
  g_autofree char *subtitle = NULL;

  if (line == NULL)
    return;
  subject = pep_edit_session_get_value (self->session, line, PEP_ATTAINMENT_SUBJECT);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (lr->expander),
                                 subject ? g_variant_get_string (subject, NULL) : _("New subject"));
  for (guint i = 0; i < G_N_ELEMENTS (summary); i++)
    {
      GVariant *value = pep_edit_session_get_value (self->session, line, summary[i]);

      if (value != NULL)
        g_ptr_array_add (parts, pep_field_format (pep_table_get_field (PEP_TABLE_ATTAINMENT,
                                                                       summary[i]), value));
    }
  g_ptr_array_add (parts, NULL);
  subtitle = g_strjoinv (" · ", (char **) parts->pdata);
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (lr->expander),
                                 *subtitle ? subtitle : _("Nothing entered yet"));
}

/* A line's fields, made when it is first opened (pep_field_rows_defer). */
static void
fill_line (GtkWidget *expander,
           gint64     line_id,
           gpointer   user_data)
{
  PepEditSession *session = user_data;
  PepRecord *line = pep_edit_session_find_record (session, PEP_TABLE_ATTAINMENT, line_id);

  if (line != NULL)
    pep_field_rows_add_record (expander, session, line, -1);
}

static void
clear (PepAttainmentGrid *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_array_index (self->rows, LineRow, i).expander);
  g_array_set_size (self->rows, 0);
}

static void
rebuild (PepAttainmentGrid *self)
{
  GPtrArray *lines = pep_plan_get_rows (pep_edit_session_get_plan (self->session),
                                        PEP_TABLE_ATTAINMENT);
  gboolean editable = pep_edit_session_can_edit (self->session, PEP_SECTION_ATTAINMENT);

  clear (self);

  for (guint i = 0; i < lines->len; i++)
    {
      PepRecord *line = g_ptr_array_index (lines, i);
      LineRow lr = { pep_record_get_id (line), adw_expander_row_new () };

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (lr.expander), FALSE);
      if (editable)
        {
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");

          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (remove, _("Remove Subject"));
          gtk_widget_add_css_class (remove, "flat");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "attainment.remove");
          gtk_actionable_set_action_target (GTK_ACTIONABLE (remove), "x", lr.id);
          adw_expander_row_add_action (ADW_EXPANDER_ROW (lr.expander), remove);
        }
      pep_field_rows_defer (lr.expander, PEP_TABLE_ATTAINMENT, lr.id, fill_line, self->session);
      pep_accessible_fix_tree (lr.expander);
      adw_preferences_group_add (self->group, lr.expander);
      g_array_append_val (self->rows, lr);
      update_row (self, &lr);

      if (lr.id == self->focus_id)
        {
          GtkWidget *subject = pep_field_rows_find (lr.expander, PEP_TABLE_ATTAINMENT, lr.id,
                                                    PEP_ATTAINMENT_SUBJECT);

          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (lr.expander), TRUE);
          if (subject != NULL)
            gtk_widget_grab_focus (subject);
        }
    }
  self->focus_id = 0;
  gtk_widget_set_visible (self->empty_row, lines->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attainment.add", editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "attainment.add-usual", editable);
}

static void
on_edited (PepAttainmentGrid *self,
           guint              table,
           gint64             record_id,
           guint              field)
{
  if (table != PEP_TABLE_ATTAINMENT)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, LineRow, i).id == record_id)
      update_row (self, &g_array_index (self->rows, LineRow, i));
}

static void
on_rows_changed (PepAttainmentGrid *self,
                 guint              table)
{
  if (table == PEP_TABLE_ATTAINMENT)
    rebuild (self);
}

static void
show_error (PepAttainmentGrid *self,
            const GError      *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  pep_accessible_announce (GTK_WIDGET (self), error->message);
}

static gboolean
add_line (PepAttainmentGrid *self,
          const char        *subject,
          const char        *scheme)
{
  g_autoptr(PepRecord) line = pep_record_new (PEP_TABLE_ATTAINMENT);
  g_autoptr(GError) error = NULL;

  if (subject != NULL)
    pep_record_set_text (line, PEP_ATTAINMENT_SUBJECT, subject);
  pep_record_set_text (line, PEP_ATTAINMENT_SCHEME, scheme);
  if (!pep_edit_session_add_row (self->session, line, &error))
    {
      show_error (self, error);
      return FALSE;
    }
  self->focus_id = pep_record_get_id (line);
  return TRUE;
}

static void
attainment_add (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PepAttainmentGrid *self = PEP_ATTAINMENT_GRID (widget);
  const char *scheme = pep_attainment_default_scheme (pep_edit_session_get_kind (self->session),
                                                      child_year (self));

  if (add_line (self, NULL, scheme))
    rebuild (self);
}

static void
attainment_add_usual (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PepAttainmentGrid *self = PEP_ATTAINMENT_GRID (widget);
  int year = child_year (self);
  const char *scheme = pep_attainment_default_scheme (pep_edit_session_get_kind (self->session),
                                                      year);
  const char *early[] = { N_("Communication and language"), N_("Physical development"),
                          N_("Personal, social and emotional development"), NULL };
  const char *primary[] = { N_("Reading"), N_("Writing"), N_("Maths"), NULL };
  const char *secondary[] = { N_("English"), N_("Maths"), N_("Science"), NULL };
  const char *post16[] = { N_("Main course"), NULL };
  const char **subjects;

  if (g_str_equal (scheme, "eyfs"))
    subjects = early;
  else if (g_str_equal (scheme, "gcse"))
    subjects = secondary;
  else if (g_str_equal (scheme, "post16"))
    subjects = post16;
  else
    subjects = primary;

  for (guint i = 0; subjects[i] != NULL; i++)
    if (!add_line (self, _(subjects[i]), scheme))
      return;
  if (g_str_equal (scheme, "ks1") && year >= 1)
    add_line (self, _("Phonics"), "phonics");
  self->focus_id = 0;
  rebuild (self);
}

static void
attainment_remove (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PepAttainmentGrid *self = PEP_ATTAINMENT_GRID (widget);
  PepRecord *line = pep_edit_session_find_record (self->session, PEP_TABLE_ATTAINMENT,
                                                  g_variant_get_int64 (parameter));
  g_autoptr(GError) error = NULL;

  if (line != NULL && !pep_edit_session_remove_row (self->session, line, &error))
    show_error (self, error);
}

/* Another PEP's lines, in the same grid (pages are kept across PEPs); %NULL lets go. */
static void
set_session (PepAttainmentGrid *self,
             PepEditSession    *session)
{
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  clear (self);
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
pep_attainment_grid_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PepAttainmentGrid *self = PEP_ATTAINMENT_GRID (object);

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
pep_attainment_grid_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  PepAttainmentGrid *self = PEP_ATTAINMENT_GRID (object);

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
pep_attainment_grid_dispose (GObject *object)
{
  PepAttainmentGrid *self = PEP_ATTAINMENT_GRID (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_ATTAINMENT_GRID);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (pep_attainment_grid_parent_class)->dispose (object);
}

static void
pep_attainment_grid_class_init (PepAttainmentGridClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_attainment_grid_dispose;
  object_class->get_property = pep_attainment_grid_get_property;
  object_class->set_property = pep_attainment_grid_set_property;

  /* Set again when the page is kept for another PEP. */
  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, PEP_TYPE_EDIT_SESSION,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-attainment-grid.ui");
  gtk_widget_class_bind_template_child (widget_class, PepAttainmentGrid, group);
  gtk_widget_class_bind_template_child (widget_class, PepAttainmentGrid, add_button);
  gtk_widget_class_bind_template_child (widget_class, PepAttainmentGrid, empty_row);

  gtk_widget_class_install_action (widget_class, "attainment.add", NULL, attainment_add);
  gtk_widget_class_install_action (widget_class, "attainment.add-usual", NULL,
                                   attainment_add_usual);
  gtk_widget_class_install_action (widget_class, "attainment.remove", "x", attainment_remove);
}

static void
pep_attainment_grid_init (PepAttainmentGrid *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (LineRow));
}

GtkWidget *
pep_attainment_grid_new (PepEditSession *session)
{
  PepAttainmentGrid *self;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (session), NULL);
  g_return_val_if_fail (pep_edit_session_get_plan (session) != NULL, NULL);

  self = g_object_new (PEP_TYPE_ATTAINMENT_GRID, NULL);
  set_session (self, session);
  return GTK_WIDGET (self);
}
