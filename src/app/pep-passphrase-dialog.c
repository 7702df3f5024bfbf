/* pep-passphrase-dialog.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A person's signing key kept in a passphrase-sealed file (no login keyring here,
 * pep-keyring.h) is unlocked when they first sign: this asks for the passphrase, opens the
 * key and gives it to the workflow, then takes the action that needed it again. The
 * passphrase lives only in the password entry's own (non-pageable) buffer, which is emptied
 * as soon as it has been tried; it is never logged, copied or kept. A wrong one asks again,
 * saying so.
 *
 * The authority's own key, which signs its rules, is unlocked the same way for the head or
 * an administrator (pep_passphrase_dialog_ask_authority_key()): the working context keeps
 * it for the session, and the action is taken with TRUE once unlocked, FALSE if cancelled.
 */

#define G_LOG_DOMAIN "pep-passphrase-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-keyring.h"
#include "pep-passphrase-dialog.h"
#include "pep-work-context.h"

struct _PepPassphraseDialog
{
  AdwMessageDialog  parent_instance;

  /* Template widgets */
  GtkPasswordEntry *entry;
  GtkLabel         *problem_label;

  /* Owned references */
  PepStore         *store;
  PepWorkflow      *workflow;
  PepWorkContext   *context;       /* set when unlocking the authority's key */
  GtkWidget        *widget;        /* what signs: its action is taken again once unlocked */

  /* Plain state */
  char             *action_name;
};

G_DEFINE_FINAL_TYPE (PepPassphraseDialog, pep_passphrase_dialog, ADW_TYPE_MESSAGE_DIALOG)

static void
pep_passphrase_dialog_dispose (GObject *object)
{
  PepPassphraseDialog *self = PEP_PASSPHRASE_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_object (&self->workflow);
  g_clear_object (&self->context);
  g_clear_object (&self->widget);
  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_PASSPHRASE_DIALOG);

  G_OBJECT_CLASS (pep_passphrase_dialog_parent_class)->dispose (object);
}

static void
pep_passphrase_dialog_finalize (GObject *object)
{
  PepPassphraseDialog *self = PEP_PASSPHRASE_DIALOG (object);

  g_free (self->action_name);

  G_OBJECT_CLASS (pep_passphrase_dialog_parent_class)->finalize (object);
}

static void pep_passphrase_dialog_present_for (GtkWidget   *widget,
                                               PepStore    *store,
                                               PepWorkflow *workflow,
                                               const char  *action_name,
                                               const char  *problem);

static PepPassphraseDialog *present_for_authority (GtkWidget      *widget,
                                                   PepWorkContext *context,
                                                   const char     *action_name,
                                                   const char     *problem);

static void
on_response (PepPassphraseDialog *self,
             const char          *response)
{
  /* The dialog closes after any response: the focus leaves the password entry first, or
   * GTK 4.8's entry is told of it after it is gone when the window is destroyed (an
   * "invalid cast to GtkPasswordEntry" warning). */
  gtk_window_set_focus (GTK_WINDOW (self), NULL);
  if (g_strcmp0 (response, "unlock") != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      if (self->context != NULL)
        gtk_widget_activate_action (self->widget, self->action_name, "b", FALSE);
      return;
    }
  pep_passphrase_dialog_unlock (self, gtk_editable_get_text (GTK_EDITABLE (self->entry)));
}

static void
pep_passphrase_dialog_class_init (PepPassphraseDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_passphrase_dialog_dispose;
  object_class->finalize = pep_passphrase_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pepstudio/PepStudio/ui/pep-passphrase-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PepPassphraseDialog, entry);
  gtk_widget_class_bind_template_child (widget_class, PepPassphraseDialog, problem_label);
  gtk_widget_class_bind_template_callback (widget_class, on_response);
}

static void
pep_passphrase_dialog_init (PepPassphraseDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pep_passphrase_dialog_unlock:
 * @passphrase: what was typed; the entry is emptied whatever happens
 *
 * What the "unlock" response does: opens the key with @passphrase, gives it to the workflow
 * and takes the action again; with a wrong passphrase, presents a new dialog that says why.
 *
 * Returns: whether the key was unlocked
 */
gboolean
pep_passphrase_dialog_unlock (PepPassphraseDialog *self,
                              const char          *passphrase)
{
  g_autoptr(PepSigningKey) key = NULL;
  g_autoptr(GError) error = NULL;
  const char *role;

  g_return_val_if_fail (PEP_IS_PASSPHRASE_DIALOG (self), FALSE);

  if (self->context != NULL)
    {
      gboolean unlocked = pep_work_context_unlock_authority_key (self->context,
                                                                 passphrase != NULL ? passphrase : "",
                                                                 &error);

      gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
      if (!unlocked)
        present_for_authority (self->widget, self->context, self->action_name, error->message);
      else
        gtk_widget_activate_action (self->widget, self->action_name, "b", TRUE);
      return unlocked;
    }

  role = pep_role_to_signoff_role (pep_workflow_get_role (self->workflow));
  key = pep_keyring_find (self->store, pep_workflow_get_who (self->workflow), role,
                          passphrase != NULL ? passphrase : "", &error);
  /* Tried: the passphrase goes at once (the entry's buffer is wiped as it is cleared). */
  gtk_editable_set_text (GTK_EDITABLE (self->entry), "");
  if (key == NULL)
    {
      /* Asked again; this one closes, as after any response. */
      pep_passphrase_dialog_present_for (self->widget, self->store, self->workflow, self->action_name,
                                         error->message);
      return FALSE;
    }
  pep_workflow_set_signing_key (self->workflow, key);
  gtk_widget_activate_action (self->widget, self->action_name, NULL);
  return TRUE;
}

static void
pep_passphrase_dialog_present_for (GtkWidget   *widget,
                                   PepStore    *store,
                                   PepWorkflow *workflow,
                                   const char  *action_name,
                                   const char  *problem)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  PepPassphraseDialog *self = g_object_new (PEP_TYPE_PASSPHRASE_DIALOG,
                                            "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            NULL);
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_SIGNOFF, PEP_SIGNOFF_ROLE);
  const PepChoice *choice = pep_field_find_choice (info, pep_role_to_signoff_role (pep_workflow_get_role (workflow)));

  self->store = g_object_ref (store);
  self->workflow = g_object_ref (workflow);
  self->widget = g_object_ref (widget);
  self->action_name = g_strdup (action_name);
  /* Translators: a person's name, then their role, e.g. "Virtual School advisor" */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (self),
                                  _("There is no login keyring here, so your signing key is kept "
                                    "in a file sealed with a passphrase. Type it to sign as %s, %s."),
                                  pep_workflow_get_who (workflow),
                                  choice != NULL ? _(choice->label) : "");
  gtk_label_set_text (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
}

/**
 * pep_passphrase_dialog_ensure_key:
 * @widget: what signs; @action_name is one of its actions, taken again once unlocked
 *
 * Before a sign-off: whether @workflow can sign now. When the person's key is in a sealed
 * key file and not yet unlocked, asks for its passphrase and returns %FALSE (the action
 * follows once the key is open). With no key at all, returns %TRUE and the workflow says why
 * it cannot sign.
 */
gboolean
pep_passphrase_dialog_ensure_key (GtkWidget   *widget,
                                  PepStore    *store,
                                  PepWorkflow *workflow,
                                  const char  *action_name)
{
  g_autoptr(PepSigningKey) key = NULL;
  g_autoptr(GError) error = NULL;
  const char *role;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), TRUE);

  if (store == NULL || workflow == NULL || pep_workflow_get_signing_key (workflow) != NULL
      || (role = pep_role_to_signoff_role (pep_workflow_get_role (workflow))) == NULL)
    return TRUE;
  key = pep_keyring_find (store, pep_workflow_get_who (workflow), role, NULL, &error);
  if (key != NULL)
    {
      pep_workflow_set_signing_key (workflow, key);
      return TRUE;
    }
  if (!g_error_matches (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE))
    return TRUE;
  pep_passphrase_dialog_present_for (widget, store, workflow, action_name, NULL);
  return FALSE;
}

static PepPassphraseDialog *
present_for_authority (GtkWidget      *widget,
                       PepWorkContext *context,
                       const char     *action_name,
                       const char     *problem)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  PepPassphraseDialog *self = g_object_new (PEP_TYPE_PASSPHRASE_DIALOG,
                                            "transient-for", GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                            "heading", _("Sign the Authority’s Rules"),
                                            NULL);

  self->context = g_object_ref (context);
  self->widget = g_object_ref (widget);
  self->action_name = g_strdup (action_name);
  adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (self),
                               _("The rules are saved. Schools take them only when they are "
                                 "signed with the authority’s key, which is sealed with a "
                                 "passphrase: type it to sign them."));
  adw_message_dialog_set_response_label (ADW_MESSAGE_DIALOG (self), "unlock", _("_Sign"));
  gtk_label_set_text (self->problem_label, problem);
  gtk_widget_set_visible (GTK_WIDGET (self->problem_label), problem != NULL);
  gtk_window_present (GTK_WINDOW (self));
  gtk_widget_grab_focus (GTK_WIDGET (self->entry));
  return self;
}

/**
 * pep_passphrase_dialog_ask_authority_key:
 * @widget: what saved the rules; @action_name (with a boolean parameter) is one of its
 *   actions: TRUE once the key is unlocked, FALSE if the person cancelled
 *
 * After the authority's rules were saved unsigned because its key is sealed
 * (pep_work_context_needs_authority_passphrase()): asks for the passphrase.
 *
 * Returns: (transfer none): the dialog
 */
PepPassphraseDialog *
pep_passphrase_dialog_ask_authority_key (GtkWidget      *widget,
                                         PepWorkContext *context,
                                         const char     *action_name)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (context), NULL);

  return present_for_authority (widget, context, action_name, NULL);
}
