/* pep-return-dialog.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The action being typed counts as one of the actions when it says what is to be done, so
 * a single action needs no "Add". Returning is possible once there is at least one action
 * and every date typed is a date.
 */

#define G_LOG_DOMAIN "pep-return-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-qa-follow-up.h"
#include "pep-return-dialog.h"

typedef struct
{
  char *action;
  char *owner_role;
  char *due;
} Entry;

struct _PepReturnDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkListBox       *actions_list;
  AdwEntryRow      *action_row;
  AdwComboRow      *owner_row;
  AdwEntryRow      *due_row;
  GtkButton        *add_button;
  GtkLabel         *message_label;

  /* Owned */
  GPtrArray        *entries;   /* of Entry */
  GArray           *actions;   /* of PepFollowUpAction, pointing into entries */
  Entry            *typed;
};

G_DEFINE_FINAL_TYPE (PepReturnDialog, pep_return_dialog, ADW_TYPE_MESSAGE_DIALOG)

static const char * const owners[] = { "designated-teacher", "social-worker", "advisor" };

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  if (entry == NULL)
    return;
  g_free (entry->action);
  g_free (entry->owner_role);
  g_free (entry->due);
  g_free (entry);
}

static gboolean
is_blank (const char *text)
{
  g_autofree char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  return *copy == '\0';
}

/* The action typed in the rows, or %NULL when it says nothing or its date is not a date. */
static Entry *
typed_entry (PepReturnDialog *self)
{
  const char *action = gtk_editable_get_text (GTK_EDITABLE (self->action_row));
  const char *due = gtk_editable_get_text (GTK_EDITABLE (self->due_row));
  guint owner = adw_combo_row_get_selected (self->owner_row);
  g_autofree char *due_copy = g_strstrip (g_strdup (due));
  GDate date;
  Entry *entry;

  if (is_blank (action) || (*due_copy != '\0' && !pep_date_parse_typed (due_copy, &date, NULL)))
    return NULL;

  entry = g_new0 (Entry, 1);
  entry->action = g_strstrip (g_strdup (action));
  entry->owner_role = g_strdup (owners[MIN (owner, G_N_ELEMENTS (owners) - 1)]);
  /* Kept as stored (YYYY-MM-DD), whatever form it was typed in. */
  entry->due = *due_copy != '\0'
               ? g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date),
                                  g_date_get_month (&date), g_date_get_day (&date))
               : NULL;
  return entry;
}

static void
update_responses (PepReturnDialog *self)
{
  const char *action = gtk_editable_get_text (GTK_EDITABLE (self->action_row));
  const char *due = gtk_editable_get_text (GTK_EDITABLE (self->due_row));
  g_autofree char *due_copy = g_strstrip (g_strdup (due));
  gboolean due_ok;
  gboolean typed_ok;
  GDate date;

  due_ok = *due_copy == '\0' || pep_date_parse_typed (due_copy, &date, NULL);
  typed_ok = !is_blank (action) && due_ok;

  if (due_ok)
    gtk_widget_remove_css_class (GTK_WIDGET (self->due_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->due_row), "error");

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "return.add", typed_ok);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "return",
                                           typed_ok || (self->entries->len > 0
                                                        && is_blank (action)));
}

static void
on_row_changed (PepReturnDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), FALSE);
  update_responses (self);
}

static void
on_remove_clicked (GtkButton *button,
                   gpointer   user_data)
{
  PepReturnDialog *self = PEP_RETURN_DIALOG (user_data);
  Entry *entry = g_object_get_data (G_OBJECT (button), "entry");
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (button), GTK_TYPE_LIST_BOX_ROW);

  g_ptr_array_remove (self->entries, entry);
  gtk_list_box_remove (self->actions_list, row);
  gtk_widget_set_visible (GTK_WIDGET (self->actions_list), self->entries->len > 0);
  gtk_widget_grab_focus (GTK_WIDGET (self->action_row));
  update_responses (self);
}

static char *
describe (const Entry *entry)
{
  if (entry->due == NULL)
    /* Translators: whom a follow-up action is for, when no date was typed */
    return g_strdup_printf (_("For %s · due by default"),
                            pep_follow_up_owner_to_label (entry->owner_role));
  /* Translators: whom a follow-up action is for, then its due date */
  {
    g_autofree char *due = pep_date_format_iso (entry->due);

    return g_strdup_printf (_("For %s · due %s"), pep_follow_up_owner_to_label (entry->owner_role),
                            due);
  }
}

static void
pep_return_dialog_add (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PepReturnDialog *self = PEP_RETURN_DIALOG (widget);
  Entry *entry = typed_entry (self);
  g_autofree char *subtitle = NULL;
  AdwActionRow *row;
  GtkWidget *remove;

  if (entry == NULL)
    return;

  g_ptr_array_add (self->entries, entry);
  subtitle = describe (entry);
  row = ADW_ACTION_ROW (adw_action_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), entry->action);
  adw_action_row_set_subtitle (row, subtitle);
  remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
  gtk_widget_set_tooltip_text (remove, _("Remove This Action"));
  gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (remove, "flat");
  g_object_set_data (G_OBJECT (remove), "entry", entry);
  g_signal_connect (remove, "clicked", G_CALLBACK (on_remove_clicked), self);
  adw_action_row_add_suffix (row, remove);
  pep_accessible_fix_tree (GTK_WIDGET (row));
  gtk_list_box_append (self->actions_list, GTK_WIDGET (row));
  gtk_widget_set_visible (GTK_WIDGET (self->actions_list), TRUE);

  /* Ready for the next one, for the same person and date. */
  gtk_editable_set_text (GTK_EDITABLE (self->action_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->action_row));
  update_responses (self);
}

static void
pep_return_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PEP_TYPE_RETURN_DIALOG);

  G_OBJECT_CLASS (pep_return_dialog_parent_class)->dispose (object);
}

static void
pep_return_dialog_finalize (GObject *object)
{
  PepReturnDialog *self = PEP_RETURN_DIALOG (object);

  g_clear_pointer (&self->entries, g_ptr_array_unref);
  g_clear_pointer (&self->actions, g_array_unref);
  g_clear_pointer (&self->typed, entry_free);

  G_OBJECT_CLASS (pep_return_dialog_parent_class)->finalize (object);
}

static void
pep_return_dialog_class_init (PepReturnDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_return_dialog_dispose;
  object_class->finalize = pep_return_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-return-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PepReturnDialog, actions_list);
  gtk_widget_class_bind_template_child (widget_class, PepReturnDialog, action_row);
  gtk_widget_class_bind_template_child (widget_class, PepReturnDialog, owner_row);
  gtk_widget_class_bind_template_child (widget_class, PepReturnDialog, due_row);
  gtk_widget_class_bind_template_child (widget_class, PepReturnDialog, add_button);
  gtk_widget_class_bind_template_child (widget_class, PepReturnDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed);

  gtk_widget_class_install_action (widget_class, "return.add", NULL, pep_return_dialog_add);
}

static void
pep_return_dialog_init (PepReturnDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));

  self->entries = g_ptr_array_new_with_free_func (entry_free);
  self->actions = g_array_new (FALSE, TRUE, sizeof (PepFollowUpAction));
  update_responses (self);
}

/**
 * pep_return_dialog_new:
 * @default_due: the date a follow-up action is due unless another is typed
 */
PepReturnDialog *
pep_return_dialog_new (GtkWindow   *parent,
                       const GDate *default_due)
{
  PepReturnDialog *self;
  g_autofree char *due = NULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (default_due != NULL && g_date_valid (default_due), NULL);

  self = g_object_new (PEP_TYPE_RETURN_DIALOG, "transient-for", parent, NULL);
  due = pep_date_format (default_due);
  gtk_editable_set_text (GTK_EDITABLE (self->due_row), due);
  update_responses (self);
  return self;
}

/**
 * pep_return_dialog_get_actions:
 *
 * The actions added, then the one typed when it says what is to be done.
 *
 * Returns: (array length=n_actions) (transfer none): valid until the dialog changes
 */
const PepFollowUpAction *
pep_return_dialog_get_actions (PepReturnDialog *self,
                               guint           *n_actions)
{
  g_return_val_if_fail (PEP_IS_RETURN_DIALOG (self), NULL);
  g_return_val_if_fail (n_actions != NULL, NULL);

  g_clear_pointer (&self->typed, entry_free);
  self->typed = typed_entry (self);
  g_array_set_size (self->actions, 0);
  for (guint i = 0; i <= self->entries->len; i++)
    {
      Entry *entry = i < self->entries->len ? g_ptr_array_index (self->entries, i) : self->typed;
      PepFollowUpAction action;

      if (entry == NULL)
        continue;
      action.action = entry->action;
      action.owner_role = entry->owner_role;
      action.due = entry->due;
      g_array_append_val (self->actions, action);
    }
  *n_actions = self->actions->len;
  return (const PepFollowUpAction *) self->actions->data;
}

void
pep_return_dialog_set_error (PepReturnDialog *self,
                             const char      *message)
{
  g_return_if_fail (PEP_IS_RETURN_DIALOG (self));

  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

AdwEntryRow *
pep_return_dialog_get_action_row (PepReturnDialog *self)
{
  g_return_val_if_fail (PEP_IS_RETURN_DIALOG (self), NULL);
  return self->action_row;
}

AdwComboRow *
pep_return_dialog_get_owner_row (PepReturnDialog *self)
{
  g_return_val_if_fail (PEP_IS_RETURN_DIALOG (self), NULL);
  return self->owner_row;
}

AdwEntryRow *
pep_return_dialog_get_due_row (PepReturnDialog *self)
{
  g_return_val_if_fail (PEP_IS_RETURN_DIALOG (self), NULL);
  return self->due_row;
}
