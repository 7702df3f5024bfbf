/* pep-owner-dialog.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whichever answer is given, the file records that it was asked (meta "owner_asked"), so an
 * existing file is asked once only.
 */

#define G_LOG_DOMAIN "pep-owner-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-owner-dialog.h"

struct _PepOwnerDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  AdwComboRow      *kind_row;
  AdwEntryRow      *urn_row;
  AdwEntryRow      *la_code_row;
  AdwEntryRow      *name_row;
  GtkLabel         *message_label;

  /* Owned */
  PepStore         *store;
};

G_DEFINE_FINAL_TYPE (PepOwnerDialog, pep_owner_dialog, ADW_TYPE_MESSAGE_DIALOG)

/**
 * pep_owner_dialog_get_owner:
 *
 * Returns: (transfer full) (nullable): the owner typed, or %NULL while it is not one
 */
PepCopyOwner *
pep_owner_dialog_get_owner (PepOwnerDialog *self)
{
  g_autoptr(PepCopyOwner) owner = NULL;
  guint64 number;
  gboolean school;
  g_autofree char *text = NULL;

  g_return_val_if_fail (PEP_IS_OWNER_DIALOG (self), NULL);

  school = adw_combo_row_get_selected (self->kind_row) == 0;
  text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (school ? self->urn_row
                                                                          : self->la_code_row))));
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32, &number, NULL))
    return NULL;
  if (school)
    owner = pep_copy_owner_new_school ((gint64) number);
  else
    owner = pep_copy_owner_new_authority ((guint) number,
                                          gtk_editable_get_text (GTK_EDITABLE (self->name_row)));
  if (!pep_copy_owner_check (owner, NULL))
    return NULL;
  return g_steal_pointer (&owner);
}

/* For tests, which type as a person would. */
AdwEntryRow *
pep_owner_dialog_get_urn_row (PepOwnerDialog *self)
{
  g_return_val_if_fail (PEP_IS_OWNER_DIALOG (self), NULL);
  return self->urn_row;
}

static void
update (PepOwnerDialog *self)
{
  gboolean school = adw_combo_row_get_selected (self->kind_row) == 0;
  g_autoptr(PepCopyOwner) owner = pep_owner_dialog_get_owner (self);

  gtk_widget_set_visible (GTK_WIDGET (self->urn_row), school);
  gtk_widget_set_visible (GTK_WIDGET (self->la_code_row), !school);
  gtk_widget_set_visible (GTK_WIDGET (self->name_row), !school);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (self), "save", owner != NULL);
}

static void
on_kind_row_notify (PepOwnerDialog *self)
{
  update (self);
}

static void
on_row_changed (PepOwnerDialog *self)
{
  update (self);
}

static void
pep_owner_dialog_response (AdwMessageDialog *dialog,
                           const char       *response)
{
  PepOwnerDialog *self = PEP_OWNER_DIALOG (dialog);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "save") == 0)
    {
      g_autoptr(PepCopyOwner) owner = pep_owner_dialog_get_owner (self);

      if (owner != NULL && !pep_store_set_owner (self->store, owner, &error))
        g_warning ("The owner was not saved: %s", error->message);
    }
  /* Asked once, whatever the answer. */
  pep_store_set_meta (self->store, "owner_asked", "yes", NULL);
}

static void
pep_owner_dialog_dispose (GObject *object)
{
  PepOwnerDialog *self = PEP_OWNER_DIALOG (object);

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_OWNER_DIALOG);

  G_OBJECT_CLASS (pep_owner_dialog_parent_class)->dispose (object);
}

static void
pep_owner_dialog_class_init (PepOwnerDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  AdwMessageDialogClass *dialog_class = ADW_MESSAGE_DIALOG_CLASS (klass);

  object_class->dispose = pep_owner_dialog_dispose;
  dialog_class->response = pep_owner_dialog_response;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-owner-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PepOwnerDialog, kind_row);
  gtk_widget_class_bind_template_child (widget_class, PepOwnerDialog, urn_row);
  gtk_widget_class_bind_template_child (widget_class, PepOwnerDialog, la_code_row);
  gtk_widget_class_bind_template_child (widget_class, PepOwnerDialog, name_row);
  gtk_widget_class_bind_template_child (widget_class, PepOwnerDialog, message_label);
  gtk_widget_class_bind_template_callback (widget_class, on_kind_row_notify);
  gtk_widget_class_bind_template_callback (widget_class, on_row_changed);
}

static void
pep_owner_dialog_init (PepOwnerDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  update (self);
}

PepOwnerDialog *
pep_owner_dialog_new (GtkWindow *parent,
                      PepStore  *store)
{
  PepOwnerDialog *self;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  self = g_object_new (PEP_TYPE_OWNER_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);
  return self;
}
