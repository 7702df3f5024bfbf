/* test-passphrase.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A signing key kept in a passphrase-sealed file (no login keyring): the first sign-off asks
 * for the passphrase, a wrong one asks again saying why and signs nothing, the right one
 * gives the workflow the key and takes the action that needed it; the entry never keeps the
 * passphrase. Runs under Xvfb (suite 'ui').
 */

#include "config.h"

#include <adwaita.h>

#include "pep-keyring.h"
#include "pep-passphrase-dialog.h"
#include "pep-rubric.h"
#include "test-util.h"

#define NAME "Dana Okafor"
#define PASSPHRASE "correct horse battery staple"

/* The passphrase dialog shown, other than @other. */
static PepPassphraseDialog *
find_dialog (gpointer other)
{
  PepPassphraseDialog *found = NULL;
  GList *toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PEP_IS_PASSPHRASE_DIALOG (l->data) && gtk_widget_get_visible (l->data) && l->data != other)
      found = l->data;
  g_list_free (toplevels);
  return found;
}

static void
on_sign (GSimpleAction *action,
         GVariant      *parameter,
         gpointer       user_data)
{
  (*(guint *) user_data)++;
}

static void
test_unlock (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, NULL);
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(PepWorkflow) workflow = pep_workflow_new (store, rubric, NAME, PEP_ROLE_DESIGNATED_TEACHER);
  g_autoptr(PepSigningKey) key = NULL;
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GSimpleAction) sign = g_simple_action_new ("sign", NULL);
  g_autoptr(GError) error = NULL;
  PepKeyringPlace place;
  PepPassphraseDialog *dialog;
  GtkWidget *window, *entry;
  guint n_signed = 0;

  /* The key, in a sealed file: there is no keyring here (PEPSTUDIO_KEYRING=file). */
  key = pep_signing_key_generate (NAME, "designated-teacher", &error);
  g_assert_no_error (error);
  g_assert_true (pep_keyring_store (key, PASSPHRASE, &place, &error));
  g_assert_no_error (error);
  g_assert_cmpint (place, ==, PEP_KEYRING_FILE);

  window = gtk_window_new ();
  g_signal_connect (sign, "activate", G_CALLBACK (on_sign), &n_signed);
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (sign));
  gtk_widget_insert_action_group (window, "test", G_ACTION_GROUP (group));
  gtk_window_present (GTK_WINDOW (window));

  /* Signing asks for the passphrase first. */
  g_assert_null (pep_workflow_get_signing_key (workflow));
  g_assert_false (pep_passphrase_dialog_ensure_key (window, store, workflow, "test.sign"));
  dialog = find_dialog (NULL);
  g_assert_nonnull (dialog);
  entry = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), PEP_TYPE_PASSPHRASE_DIALOG, "entry");
  g_assert_true (GTK_IS_PASSWORD_ENTRY (entry));

  /* A wrong one: nothing signed, asked again with the reason, the entry empty. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "wrong");
  g_object_ref (entry);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_object_unref (entry);
  g_assert_null (pep_workflow_get_signing_key (workflow));
  g_assert_cmpuint (n_signed, ==, 0);
  dialog = find_dialog (dialog);
  g_assert_nonnull (dialog);
  {
    GtkWidget *problem = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), PEP_TYPE_PASSPHRASE_DIALOG,
                                                                      "problem_label");

    g_assert_true (gtk_widget_get_visible (problem));
    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (problem)), !=, "");
  }

  /* The right one: the workflow has the key, the action is taken, nothing is kept. */
  entry = (GtkWidget *) gtk_widget_get_template_child (GTK_WIDGET (dialog), PEP_TYPE_PASSPHRASE_DIALOG, "entry");
  gtk_editable_set_text (GTK_EDITABLE (entry), PASSPHRASE);
  g_object_ref (entry);
  adw_message_dialog_response (ADW_MESSAGE_DIALOG (dialog), "unlock");
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==, "");
  g_object_unref (entry);
  g_assert_nonnull (pep_workflow_get_signing_key (workflow));
  g_assert_cmpstr (pep_signing_key_get_public_key (pep_workflow_get_signing_key (workflow)), ==,
                   pep_signing_key_get_public_key (key));
  g_assert_cmpuint (n_signed, ==, 1);

  /* Closed as its buttons close it, cleanly. */
  gtk_window_close (GTK_WINDOW (dialog));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  /* Unlocked: the next sign-off asks nothing. */
  g_assert_true (pep_passphrase_dialog_ensure_key (window, store, workflow, "test.sign"));

  gtk_window_destroy (GTK_WINDOW (window));
  while (g_main_context_iteration (NULL, FALSE))
    ;
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *home = test_make_tmpdir ();

  /* The keys go to a private folder, never the login keyring: set before GLib reads them. */
  g_setenv ("XDG_DATA_HOME", home, TRUE);
  g_setenv ("PEPSTUDIO_KEYRING", "file", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add_func ("/pep/passphrase/unlock", test_unlock);

  {
    int status = g_test_run ();

    test_remove_tree (home);
    return status;
  }
}
