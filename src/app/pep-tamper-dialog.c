/* pep-tamper-dialog.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PEPs whose content no longer matches their signatures, as the check the window runs
 * when it opens a file found them (docs/signatures.md): one row each, the child, the term and
 * what failed, the reason in the subtitle; activating a row asks the window to open that PEP.
 */

#define G_LOG_DOMAIN "pep-tamper-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-tamper-dialog.h"

struct _PepTamperDialog
{
  AdwWindow             parent_instance;

  /* Template widgets */
  AdwPreferencesGroup  *group;

  /* Plain state */
  guint                 n_rows;
};

G_DEFINE_FINAL_TYPE (PepTamperDialog, pep_tamper_dialog, ADW_TYPE_WINDOW)

enum {
  OPEN_PLAN,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

void
pep_tampered_plan_free (PepTamperedPlan *plan)
{
  if (plan == NULL)
    return;
  g_free (plan->child);
  g_free (plan->term);
  g_free (plan->reason);
  g_free (plan);
}

/**
 * pep_tampered_list_add:
 * @list: a #PepTamperedList
 *
 * A signature check's callback (pep_signoff_check_store(), pep_signoff_foreach_recorded()):
 * adds the failing PEP to @list; stops the check at the first that cannot be read.
 */
gboolean
pep_tampered_list_add (gint64      plan_id,
                       const char *uuid,
                       PepSeal     seal,
                       const char *reason,
                       gpointer    list)
{
  PepTamperedList *tampered = list;
  PepTamperedPlan *plan = pep_tampered_plan_load (tampered->store, plan_id, seal, reason,
                                                  &tampered->error);

  if (plan == NULL)
    return FALSE;
  g_ptr_array_add (tampered->found, plan);
  return TRUE;
}

/**
 * pep_tampered_plan_load:
 *
 * One PEP a signature check found failing, with its child and term read from @store, as the
 * dialog lists it: for the main window's check and for the marks the dashboard reads.
 *
 * Returns: (transfer full): the PEP, or %NULL with @error set
 */
PepTamperedPlan *
pep_tampered_plan_load (PepStore    *store,
                        gint64       plan_id,
                        PepSeal      seal,
                        const char  *reason,
                        GError     **error)
{
  g_autoptr(PepPlan) plan = pep_store_load_plan (store, plan_id, error);
  g_autoptr(PepRecord) child = NULL;
  PepTamperedPlan *tampered;
  PepTermId term;

  if (plan == NULL || !(child = pep_store_load_child (store, pep_plan_get_child_id (plan), error)))
    return NULL;
  tampered = g_new0 (PepTamperedPlan, 1);
  tampered->plan_id = plan_id;
  tampered->seal = seal;
  tampered->reason = g_strdup (reason);
  pep_plan_get_term (plan, &term);
  tampered->term = pep_term_format_long (&term);
  tampered->child = g_strdup_printf ("%s, %s",
                                     pep_record_get_text (child, PEP_CHILD_LEGAL_SURNAME),
                                     pep_record_get_text (child, PEP_CHILD_LEGAL_FORENAME));
  return tampered;
}

static void
on_row_activated (PepTamperDialog *self,
                  AdwActionRow    *row)
{
  gint64 plan_id = *(gint64 *) g_object_get_data (G_OBJECT (row), "plan-id");

  g_signal_emit (self, signals[OPEN_PLAN], 0, plan_id);
}

static void
pep_tamper_dialog_class_init (PepTamperDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  /**
   * PepTamperDialog::open-plan:
   * @plan_id: the PEP whose row was activated
   */
  signals[OPEN_PLAN] = g_signal_new ("open-plan", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/pepstudio/PepStudio/ui/pep-tamper-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PepTamperDialog, group);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pep_tamper_dialog_init (PepTamperDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pep_tamper_dialog_new:
 * @plans: (element-type PepTamperedPlan): what the check found, in the order to list it
 */
PepTamperDialog *
pep_tamper_dialog_new (GtkWindow *parent,
                       GPtrArray *plans)
{
  PepTamperDialog *self;

  g_return_val_if_fail (plans != NULL, NULL);

  self = g_object_new (PEP_TYPE_TAMPER_DIALOG, "transient-for", parent, NULL);
  for (guint i = 0; i < plans->len; i++)
    {
      PepTamperedPlan *plan = g_ptr_array_index (plans, i);
      /* Translators: in the list of PEPs changed after sign-off: a term, then what failed */
      g_autofree char *title = g_strdup_printf (_("%s — %s"), plan->child, plan->term);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *label = gtk_label_new (pep_seal_to_label (plan->seal));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), plan->reason);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_widget_add_css_class (label, "error");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), label);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "plan-id", g_memdup2 (&plan->plan_id, sizeof plan->plan_id),
                              g_free);
      g_signal_connect_object (row, "activated", G_CALLBACK (on_row_activated), self, G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->group, row);
      self->n_rows++;
    }
  return self;
}

guint
pep_tamper_dialog_get_n_rows (PepTamperDialog *self)
{
  g_return_val_if_fail (PEP_IS_TAMPER_DIALOG (self), 0);
  return self->n_rows;
}
