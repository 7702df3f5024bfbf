/* pep-child-dialog.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each field is checked as it is typed, with the core's validator (pep_validator_parse(), the
 * rules the editor and import apply) and its messages shown under the field. Add stays
 * insensitive until the required fields hold valid values. If the store refuses the child
 * (a UPN already recorded), the dialog stays open with everything typed still there.
 *
 * Required to add a child are what names them to a person: the legal forename and surname
 * and the date of birth (the year group always has a value), each marked "Required". The
 * LA child ID is the Virtual School's and often not known to a school when a child
 * arrives: asked for, not required here (the child's page counts it among what their
 * details still need). The school is asked in its group: its URN, filled in with the
 * file's own school in a school's copy, and named as soon as the file knows it. The dialog
 * opens in the first field.
 */

#define G_LOG_DOMAIN "pep-child-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-child-dialog.h"
#include "pep-copy-owner.h"
#include "pep-term.h"
#include "pep-validator.h"

/* The combo row lists Age 2, Nursery, Reception, Year 1 … Year 13. */
#define FIRST_NC_YEAR (-2)
#define LAST_NC_YEAR  13

struct _PepChildDialog
{
  AdwWindow         parent_instance;

  /* Template widgets */
  AdwToastOverlay  *toast_overlay;
  AdwEntryRow      *forename_row;
  AdwEntryRow      *surname_row;
  AdwEntryRow      *dob_row;
  GtkLabel         *dob_error_label;
  AdwComboRow      *year_row;
  AdwEntryRow      *la_id_row;
  AdwEntryRow      *upn_row;
  GtkLabel         *upn_error_label;
  AdwEntryRow      *school_row;   /* made in code, in the "School and Local Authority" group */
  GtkLabel         *school_label;

  /* Owned references */
  PepStore         *store;
  PepValidator     *validator;
  GVariant         *dob;

  /* Plain state */
  guint             upn_valid : 1;
  guint             school_valid : 1;
  guint             year_chosen : 1;
  guint             setting_year : 1;
};

G_DEFINE_FINAL_TYPE (PepChildDialog, pep_child_dialog, ADW_TYPE_WINDOW)

enum {
  CHILD_ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static char *
get_stripped (AdwEntryRow *row)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
}

static gboolean
has_text (AdwEntryRow *row)
{
  g_autofree char *text = get_stripped (row);

  return *text != '\0';
}

static void
set_row_error (AdwEntryRow *row,
               GtkLabel    *label,
               const char  *message)
{
  if (message != NULL)
    {
      gtk_label_set_text (label, message);
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL);
  pep_accessible_set_error (GTK_WIDGET (row), message);
}

static void
update_save (PepChildDialog *self)
{
  gboolean valid = has_text (self->forename_row)
                   && has_text (self->surname_row)
                   && self->dob != NULL
                   && self->school_valid
                   && self->upn_valid;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "child.save", valid);
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* The national curriculum year of a child born on @dob, this academic year: a child born
 * between September and August starts Reception in the September after turning four. */
static int
nc_year_for_dob (const GDate *dob)
{
  GDate now;
  PepTermId term;
  int cohort;

  today (&now);
  pep_term_for_date (&now, &term);
  cohort = g_date_get_year (dob) - (g_date_get_month (dob) >= G_DATE_SEPTEMBER ? 0 : 1);
  return term.year - (cohort + 5);
}

static void
on_entry_row_changed (PepChildDialog *self,
                      AdwEntryRow    *row)
{
  update_save (self);
}

static void
on_dob_row_changed (PepChildDialog *self,
                    AdwEntryRow    *row)
{
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_DOB);
  g_autofree char *text = get_stripped (row);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;

  g_clear_pointer (&self->dob, g_variant_unref);

  if (*text != '\0')
    value = pep_validator_parse (self->validator, info, text, NULL, &error);

  if (value != NULL)
    {
      GDate dob;
      int nc_year;

      pep_date_parse (g_variant_get_string (value, NULL), &dob);
      nc_year = nc_year_for_dob (&dob);
      self->dob = g_steal_pointer (&value);
      set_row_error (row, self->dob_error_label, NULL);

      /* Suggest the year group, until the user picks one. */
      if (!self->year_chosen && nc_year >= FIRST_NC_YEAR && nc_year <= LAST_NC_YEAR)
        {
          self->setting_year = TRUE;
          adw_combo_row_set_selected (self->year_row, nc_year - FIRST_NC_YEAR);
          self->setting_year = FALSE;
        }
    }
  else if (*text != '\0')
    {
      set_row_error (row, self->dob_error_label,
                     error != NULL ? error->message : _("This is not a date"));
    }
  else
    {
      set_row_error (row, self->dob_error_label, NULL);
    }

  update_save (self);
}

static void
on_year_row_selected (PepChildDialog *self,
                      GParamSpec     *pspec,
                      AdwComboRow    *row)
{
  if (!self->setting_year)
    self->year_chosen = TRUE;
}

static char *
get_upn (PepChildDialog *self)
{
  g_autofree char *text = get_stripped (self->upn_row);

  /* UPNs are written in capitals; accept them typed in either case. */
  return g_ascii_strup (text, -1);
}

static void
on_upn_row_changed (PepChildDialog *self,
                    AdwEntryRow    *row)
{
  g_autofree char *upn = get_upn (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;

  if (*upn == '\0')
    {
      self->upn_valid = TRUE;
      set_row_error (row, self->upn_error_label, NULL);
    }
  else if ((value = pep_validator_parse (self->validator,
                                         pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_UPN),
                                         upn, NULL, &error)) != NULL)
    {
      self->upn_valid = TRUE;
      set_row_error (row, self->upn_error_label, NULL);
    }
  else
    {
      self->upn_valid = FALSE;
      set_row_error (row, self->upn_error_label, error->message);
    }

  update_save (self);
}

/* The school's URN as typed, checked by the core's rule for the field; the school's name
 * under it when the file knows it. Returns 0 when none is typed or it is not valid. */
static gint64
get_school_urn (PepChildDialog  *self,
                GError         **error)
{
  g_autofree char *text = get_stripped (self->school_row);
  g_autoptr(GVariant) value = NULL;

  if (*text == '\0')
    return 0;
  value = pep_validator_parse (self->validator,
                               pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_SCHOOL_URN),
                               text, NULL, error);
  return value != NULL ? g_variant_get_int64 (value) : 0;
}

static void
on_school_row_changed (PepChildDialog *self,
                       AdwEntryRow    *row)
{
  g_autoptr(GError) error = NULL;
  gint64 urn = get_school_urn (self, &error);

  self->school_valid = error == NULL;
  if (error != NULL)
    {
      gtk_label_set_text (self->school_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->school_label), "error");
      gtk_widget_add_css_class (GTK_WIDGET (row), "error");
    }
  else
    {
      g_autoptr(PepRecord) school = urn > 0 && self->store != NULL
                                    ? pep_store_load_school (self->store, urn, NULL) : NULL;

      gtk_label_set_text (self->school_label,
                          school != NULL ? pep_record_get_text (school, PEP_SCHOOL_NAME) : "");
      gtk_widget_remove_css_class (GTK_WIDGET (self->school_label), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  gtk_widget_set_visible (GTK_WIDGET (self->school_label),
                          *gtk_label_get_text (self->school_label) != '\0');
  update_save (self);
}

static void
on_entry_activated (PepChildDialog *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "child.save", NULL);
}

static GtkWidget *
required_tag_new (void)
{
  GtkWidget *tag = gtk_label_new (_("Required"));

  gtk_widget_set_valign (tag, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (tag, "pep-tag");
  gtk_widget_add_css_class (tag, "required");
  return tag;
}

static void
add_school_row (PepChildDialog *self)
{
  GtkWidget *group = gtk_widget_get_ancestor (GTK_WIDGET (self->la_id_row),
                                              ADW_TYPE_PREFERENCES_GROUP);
  GtkWidget *label = gtk_label_new (NULL);

  self->school_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (self->school_row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->school_row),
                                 _("School (its URN, six digits)"));
  adw_entry_row_set_input_purpose (self->school_row, GTK_INPUT_PURPOSE_DIGITS);
  adw_entry_row_set_activates_default (self->school_row, TRUE);
  g_signal_connect_swapped (self->school_row, "changed", G_CALLBACK (on_school_row_changed), self);
  g_signal_connect_swapped (self->school_row, "entry-activated", G_CALLBACK (on_entry_activated),
                            self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), GTK_WIDGET (self->school_row));

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_set_visible (label, FALSE);
  self->school_label = GTK_LABEL (label);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (group), label);
}

static void
pep_child_dialog_save (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  PepChildDialog *self = PEP_CHILD_DIALOG (widget);
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autofree char *forename = get_stripped (self->forename_row);
  g_autofree char *surname = get_stripped (self->surname_row);
  g_autofree char *la_id = get_stripped (self->la_id_row);
  g_autofree char *upn = get_upn (self);
  g_autoptr(GError) error = NULL;
  guint year_index = adw_combo_row_get_selected (self->year_row);

  if (self->dob == NULL || year_index == GTK_INVALID_LIST_POSITION)
    return;

  pep_record_set_text (child, PEP_CHILD_LEGAL_FORENAME, forename);
  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, surname);
  if (*la_id != '\0')
    pep_record_set_text (child, PEP_CHILD_LA_CHILD_ID, la_id);
  pep_record_set_int (child, PEP_CHILD_NC_YEAR, FIRST_NC_YEAR + (int) year_index);
  if (*upn != '\0')
    pep_record_set_text (child, PEP_CHILD_UPN, upn);
  if (get_school_urn (self, NULL) > 0)
    pep_record_set_int (child, PEP_CHILD_SCHOOL_URN, get_school_urn (self, NULL));

  if (!pep_record_set (child, PEP_CHILD_DOB, self->dob, &error)
      || !pep_store_insert_child (self->store, child, &error))
    {
      if (g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DUPLICATE))
        {
          set_row_error (self->upn_row, self->upn_error_label, error->message);
          gtk_widget_grab_focus (GTK_WIDGET (self->upn_row));
        }
      else
        {
          g_autofree char *escaped = g_markup_escape_text (error->message, -1);
          AdwToast *toast = adw_toast_new (escaped);

          adw_toast_set_timeout (toast, 0);
          adw_toast_overlay_add_toast (self->toast_overlay, toast);
          pep_accessible_announce (GTK_WIDGET (self), error->message);
        }
      return;
    }

  g_signal_emit (self, signals[CHILD_ADDED], 0, pep_record_get_id (child));
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
pep_child_dialog_dispose (GObject *object)
{
  PepChildDialog *self = PEP_CHILD_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_CHILD_DIALOG);

  g_clear_object (&self->store);
  g_clear_object (&self->validator);
  g_clear_pointer (&self->dob, g_variant_unref);

  G_OBJECT_CLASS (pep_child_dialog_parent_class)->dispose (object);
}

/* The dialog opens in its first field, not on Cancel. */
static void
pep_child_dialog_map (GtkWidget *widget)
{
  PepChildDialog *self = PEP_CHILD_DIALOG (widget);

  GTK_WIDGET_CLASS (pep_child_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->forename_row));
}

static void
pep_child_dialog_class_init (PepChildDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_child_dialog_dispose;
  widget_class->map = pep_child_dialog_map;

  /**
   * PepChildDialog::child-added:
   * @child_id: the new child's id in the store
   */
  signals[CHILD_ADDED] =
    g_signal_new ("child-added",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-child-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, forename_row);
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, surname_row);
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, dob_row);
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, dob_error_label);
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, year_row);
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, la_id_row);
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, upn_row);
  gtk_widget_class_bind_template_child (widget_class, PepChildDialog, upn_error_label);
  gtk_widget_class_bind_template_callback (widget_class, on_entry_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_dob_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_year_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_upn_row_changed);

  gtk_widget_class_install_action (widget_class, "child.save", NULL, pep_child_dialog_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pep_child_dialog_init (PepChildDialog *self)
{
  self->upn_valid = TRUE;
  self->school_valid = TRUE;
  self->setting_year = TRUE;
  self->validator = pep_validator_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));

  /* Enter in any field adds the child, once Add can (an entry row's activates-default does
   * not reach the window's default button in libadwaita 1.2). */
  {
    AdwEntryRow *rows[] = { self->forename_row, self->surname_row, self->dob_row,
                            self->la_id_row, self->upn_row };

    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      g_signal_connect_swapped (rows[i], "entry-activated", G_CALLBACK (on_entry_activated), self);
  }
  adw_entry_row_add_suffix (self->forename_row, required_tag_new ());
  adw_entry_row_add_suffix (self->surname_row, required_tag_new ());
  adw_entry_row_add_suffix (self->dob_row, required_tag_new ());
  add_school_row (self);

  /* Reception, until the date of birth or the user says otherwise. */
  adw_combo_row_set_selected (self->year_row, 0 - FIRST_NC_YEAR);
  self->setting_year = FALSE;
  update_save (self);
}

/**
 * pep_child_dialog_new:
 * @parent: the window it belongs to
 * @store: where the child is added, on the main thread
 */
PepChildDialog *
pep_child_dialog_new (GtkWindow *parent,
                      PepStore  *store)
{
  PepChildDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  self = g_object_new (PEP_TYPE_CHILD_DIALOG,
                       "transient-for", parent,
                       NULL);
  self->store = g_object_ref (store);

  /* In a school's copy, its children are at that school. */
  {
    g_autoptr(PepCopyOwner) owner = pep_store_get_owner (store, NULL);

    if (owner != NULL && owner->urn > 0)
      {
        g_autofree char *urn = g_strdup_printf ("%" G_GINT64_FORMAT, owner->urn);

        gtk_editable_set_text (GTK_EDITABLE (self->school_row), urn);
      }
  }
  return self;
}
