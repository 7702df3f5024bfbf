/* pep-targets-editor.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One expander row per target, rebuilt when targets are added, removed or moved; its title,
 * subtitle and hint follow the fields as they are typed.
 */

#define G_LOG_DOMAIN "pep-targets-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-field-rows.h"
#include "pep-targets-editor.h"

typedef struct
{
  gint64     id;
  GtkWidget *expander;
  GtkWidget *hint_row;
  GtkWidget *hint_icon;
} TargetRow;

struct _PepTargetsEditor
{
  GtkWidget            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  GtkWidget           *add_button;
  GtkWidget           *empty_row;

  /* Owned references */
  PepEditSession      *session;
  GArray              *rows;   /* TargetRow */

  /* Plain state */
  gint64               focus_id;
};

G_DEFINE_FINAL_TYPE (PepTargetsEditor, pep_targets_editor, GTK_TYPE_WIDGET)

static char *
target_hint (PepEditSession *session,
             PepRecord      *target)
{
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();

  if (pep_edit_session_get_value (session, target, PEP_TARGET_SUCCESS_CRITERIA) == NULL)
    g_ptr_array_add (missing, (gpointer) _("success criteria"));
  if (pep_edit_session_get_value (session, target, PEP_TARGET_OWNER) == NULL)
    g_ptr_array_add (missing, (gpointer) _("who is responsible"));
  if (pep_edit_session_get_value (session, target, PEP_TARGET_DUE) == NULL)
    g_ptr_array_add (missing, (gpointer) _("a date"));
  if (missing->len == 0)
    return NULL;
  g_ptr_array_add (missing, NULL);
  {
    g_autofree char *list = g_strjoinv (_(", "), (char **) missing->pdata);
    /* Translators: what a target still lacks, e.g. "success criteria, a date" */
    return g_strdup_printf (_("This target still needs %s."), list);
  }
}

static void
update_row (PepTargetsEditor *self,
            TargetRow        *tr)
{
  PepRecord *target = pep_edit_session_find_record (self->session, PEP_TABLE_TARGET, tr->id);
  const PepFieldInfo *area_info = pep_table_get_field (PEP_TABLE_TARGET, PEP_TARGET_AREA);
  GVariant *description, *area;
  g_autofree char *hint = NULL;
  g_autofree char *area_text = NULL;

  if (target == NULL)
    return;
  description = pep_edit_session_get_value (self->session, target, PEP_TARGET_DESCRIPTION);
  area = pep_edit_session_get_value (self->session, target, PEP_TARGET_AREA);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tr->expander),
                                 description ? g_variant_get_string (description, NULL)
                                             : _("New target"));
  area_text = area ? pep_field_format (area_info, area) : g_strdup (_("No area chosen"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (tr->expander), area_text);

  hint = target_hint (self->session, target);
  if (hint != NULL)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (tr->hint_row), hint);
  gtk_widget_set_visible (tr->hint_row, hint != NULL);
  gtk_widget_set_visible (tr->hint_icon, hint != NULL);
  gtk_widget_set_tooltip_text (tr->hint_icon, hint);
}

static GtkWidget *
icon_button_new (const char *icon,
                 const char *tooltip,
                 const char *action,
                 gint64      id)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_add_css_class (button, "flat");
  if (action != NULL)
    {
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", id);
    }
  else
    {
      gtk_widget_set_sensitive (button, FALSE);
    }
  return button;
}

static void
clear (PepTargetsEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_array_index (self->rows, TargetRow, i).expander);
  g_array_set_size (self->rows, 0);
}

static void
rebuild (PepTargetsEditor *self)
{
  PepPlan *plan = pep_edit_session_get_plan (self->session);
  GPtrArray *targets = pep_plan_get_rows (plan, PEP_TABLE_TARGET);
  gboolean editable = pep_edit_session_can_edit (self->session, PEP_SECTION_TARGETS);

  clear (self);
  for (guint i = 0; i < targets->len; i++)
    {
      PepRecord *target = g_ptr_array_index (targets, i);
      TargetRow tr = { pep_record_get_id (target), NULL, NULL, NULL };
      GtkWidget *icon;

      tr.expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (tr.expander), FALSE);
      if (editable)
        {
          /* Each action goes in front of the last: added from the right. */
          adw_expander_row_add_action (ADW_EXPANDER_ROW (tr.expander),
                                       icon_button_new ("user-trash-symbolic", _("Remove Target"),
                                                        "targets.remove", tr.id));
          adw_expander_row_add_action (ADW_EXPANDER_ROW (tr.expander),
                                       icon_button_new ("go-down-symbolic", _("Move Down"),
                                                        i + 1 < targets->len ? "targets.move-down" : NULL,
                                                        tr.id));
          adw_expander_row_add_action (ADW_EXPANDER_ROW (tr.expander),
                                       icon_button_new ("go-up-symbolic", _("Move Up"),
                                                        i > 0 ? "targets.move-up" : NULL, tr.id));
        }

      /* Seen with the target folded: it still lacks something. */
      tr.hint_icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (tr.hint_icon, "warning");
      adw_expander_row_add_prefix (ADW_EXPANDER_ROW (tr.expander), tr.hint_icon);

      tr.hint_row = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (tr.hint_row), FALSE);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      adw_action_row_add_prefix (ADW_ACTION_ROW (tr.hint_row), icon);
      gtk_widget_add_css_class (tr.hint_row, "pep-hint");
      adw_expander_row_add_row (ADW_EXPANDER_ROW (tr.expander), tr.hint_row);

      pep_field_rows_add_record (tr.expander, self->session, target, -1);
      adw_preferences_group_add (self->group, tr.expander);
      g_array_append_val (self->rows, tr);
      update_row (self, &g_array_index (self->rows, TargetRow, self->rows->len - 1));

      if (tr.id == self->focus_id)
        {
          GtkWidget *description = pep_field_rows_find (tr.expander, PEP_TABLE_TARGET, tr.id,
                                                        PEP_TARGET_DESCRIPTION);

          adw_expander_row_set_expanded (ADW_EXPANDER_ROW (tr.expander), TRUE);
          if (description != NULL)
            gtk_widget_grab_focus (description);
        }
    }
  self->focus_id = 0;
  gtk_widget_set_visible (self->empty_row, targets->len == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "targets.add", editable);
}

static void
on_edited (PepTargetsEditor *self,
           guint             table,
           gint64            record_id,
           guint             field)
{
  if (table != PEP_TABLE_TARGET)
    return;
  for (guint i = 0; i < self->rows->len; i++)
    if (g_array_index (self->rows, TargetRow, i).id == record_id)
      update_row (self, &g_array_index (self->rows, TargetRow, i));
}

static void
on_rows_changed (PepTargetsEditor *self,
                 guint             table)
{
  if (table == PEP_TABLE_TARGET)
    rebuild (self);
}

static void
show_error (PepTargetsEditor *self,
            const GError     *error)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (error->message, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
}

static void
targets_add (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (widget);
  g_autoptr(PepRecord) target = pep_record_new (PEP_TABLE_TARGET);
  g_autoptr(GError) error = NULL;

  pep_record_set_text (target, PEP_TARGET_AREA, "academic");
  self->focus_id = -1;
  if (!pep_edit_session_add_row (self->session, target, &error))
    {
      self->focus_id = 0;
      show_error (self, error);
      return;
    }
  /* The rows were rebuilt before the new target had its id: open it now. */
  self->focus_id = pep_record_get_id (target);
  rebuild (self);
}

static void
move (PepTargetsEditor *self,
      gint64            id,
      int               delta)
{
  PepRecord *target = pep_edit_session_find_record (self->session, PEP_TABLE_TARGET, id);
  GPtrArray *targets = pep_plan_get_rows (pep_edit_session_get_plan (self->session),
                                          PEP_TABLE_TARGET);
  g_autoptr(GError) error = NULL;
  guint index;

  if (target == NULL || !g_ptr_array_find (targets, target, &index))
    return;
  if ((delta < 0 && index == 0) || (delta > 0 && index + 1 >= targets->len))
    return;
  if (!pep_edit_session_move_row (self->session, target, index + delta, &error))
    show_error (self, error);
}

static void
targets_move_up (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  move (PEP_TARGETS_EDITOR (widget), g_variant_get_int64 (parameter), -1);
}

static void
targets_move_down (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  move (PEP_TARGETS_EDITOR (widget), g_variant_get_int64 (parameter), 1);
}

static void
on_remove_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PepTargetsEditor *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "target-id"));
  PepRecord *target;
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "remove") != 0)
    return;
  target = pep_edit_session_find_record (self->session, PEP_TABLE_TARGET, id);
  if (target != NULL && !pep_edit_session_remove_row (self->session, target, &error))
    show_error (self, error);
}

static void
targets_remove (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *dialog;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Remove This Target?"),
                                   _("The target and everything written for it are removed from "
                                     "this PEP. The audit trail keeps a record of the removal."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "remove", _("_Remove"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "target-id",
                     GSIZE_TO_POINTER ((gsize) g_variant_get_int64 (parameter)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_response), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
pep_targets_editor_dispose (GObject *object)
{
  PepTargetsEditor *self = PEP_TARGETS_EDITOR (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_TARGETS_EDITOR);
  g_clear_object (&self->session);
  g_clear_pointer (&self->rows, g_array_unref);

  G_OBJECT_CLASS (pep_targets_editor_parent_class)->dispose (object);
}

static void
pep_targets_editor_class_init (PepTargetsEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_targets_editor_dispose;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-targets-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PepTargetsEditor, group);
  gtk_widget_class_bind_template_child (widget_class, PepTargetsEditor, add_button);
  gtk_widget_class_bind_template_child (widget_class, PepTargetsEditor, empty_row);

  gtk_widget_class_install_action (widget_class, "targets.add", NULL, targets_add);
  gtk_widget_class_install_action (widget_class, "targets.move-up", "x", targets_move_up);
  gtk_widget_class_install_action (widget_class, "targets.move-down", "x", targets_move_down);
  gtk_widget_class_install_action (widget_class, "targets.remove", "x", targets_remove);
}

static void
pep_targets_editor_init (PepTargetsEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->rows = g_array_new (FALSE, TRUE, sizeof (TargetRow));
}

GtkWidget *
pep_targets_editor_new (PepEditSession *session)
{
  PepTargetsEditor *self;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (session), NULL);
  g_return_val_if_fail (pep_edit_session_get_plan (session) != NULL, NULL);

  self = g_object_new (PEP_TYPE_TARGETS_EDITOR, NULL);
  self->session = g_object_ref (session);
  g_signal_connect_object (session, "edited", G_CALLBACK (on_edited), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (session, "rows-changed", G_CALLBACK (on_rows_changed), self,
                           G_CONNECT_SWAPPED);
  rebuild (self);
  return GTK_WIDGET (self);
}

/**
 * pep_targets_editor_get_hint:
 *
 * Returns: (nullable): the hint shown for the target, or %NULL when it has all it needs
 */
const char *
pep_targets_editor_get_hint (PepTargetsEditor *self,
                             gint64            target_id)
{
  g_return_val_if_fail (PEP_IS_TARGETS_EDITOR (self), NULL);

  for (guint i = 0; i < self->rows->len; i++)
    {
      TargetRow *tr = &g_array_index (self->rows, TargetRow, i);

      if (tr->id == target_id)
        return gtk_widget_get_visible (tr->hint_row)
               ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (tr->hint_row)) : NULL;
    }
  return NULL;
}
