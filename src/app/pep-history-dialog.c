/* pep-history-dialog.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One episode in care, or one school a child attended, added or corrected. The whole list is
 * written back through the core (pep_store_set_care_episodes() or
 * pep_store_set_school_history()), which checks it; if it refuses, the dialog stays open with
 * the reason and everything typed.
 */

#define G_LOG_DOMAIN "pep-history-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-child-history.h"
#include "pep-history-dialog.h"

struct _PepHistoryDialog
{
  AdwWindow            parent_instance;

  /* Template widgets */
  AdwPreferencesGroup *group;
  AdwEntryRow         *from_row;
  AdwEntryRow         *to_row;
  AdwEntryRow         *urn_row;
  AdwComboRow         *legal_row;
  AdwComboRow         *placement_row;
  GtkLabel            *error_label;

  /* Owned references */
  PepStore            *store;
  GPtrArray           *rows;          /* PepCareEpisode or PepSchoolSpell */

  /* Plain state */
  gint64               child_id;
  PepHistoryKind       kind;
  guint                index;         /* in rows; rows->len for a new one */
};

G_DEFINE_FINAL_TYPE (PepHistoryDialog, pep_history_dialog, ADW_TYPE_WINDOW)

enum {
  SAVED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
fill_choices (AdwComboRow *row,
              guint        field,
              const char  *nick)
{
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, field);
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  guint selected = 0;

  gtk_string_list_append (model, _("Not entered"));
  for (guint i = 0; info->choices[i].nick != NULL; i++)
    {
      gtk_string_list_append (model, _(info->choices[i].label));
      if (g_strcmp0 (nick, info->choices[i].nick) == 0)
        selected = i + 1;
    }
  adw_combo_row_set_model (row, G_LIST_MODEL (model));
  adw_combo_row_set_selected (row, selected);
}

static const char *
chosen (AdwComboRow *row,
        guint        field)
{
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, field);
  guint selected = adw_combo_row_get_selected (row);

  return selected == 0 || selected == GTK_INVALID_LIST_POSITION ? NULL : info->choices[selected - 1].nick;
}

static void
set_date (AdwEntryRow *row,
          const GDate *date)
{
  g_autofree char *text = g_date_valid (date) ? pep_date_format (date) : g_strdup ("");

  gtk_editable_set_text (GTK_EDITABLE (row), text);
}

/* An empty entry is no date; one that is not a date refuses. */
static gboolean
get_date (AdwEntryRow  *row,
          GDate        *date,
          GError      **error)
{
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  g_autoptr(GError) why = NULL;

  g_date_clear (date, 1);
  if (*text == '\0' || pep_date_parse_typed (text, date, &why))
    return TRUE;
  g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
               /* Translators: the title of a date field, then why what was typed is not a date */
               _("%s: %s"), adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), why->message);
  return FALSE;
}

/**
 * pep_history_dialog_save:
 *
 * Writes the row as typed into the child's history, what Save does.
 *
 * Returns: whether the core took it; if not, @error says why
 */
gboolean
pep_history_dialog_save (PepHistoryDialog  *self,
                         GError           **error)
{
  GDate from, to;

  g_return_val_if_fail (PEP_IS_HISTORY_DIALOG (self), FALSE);

  if (!get_date (self->from_row, &from, error) || !get_date (self->to_row, &to, error))
    return FALSE;
  if (self->kind == PEP_HISTORY_CARE)
    {
      PepCareEpisode *episode = self->index < self->rows->len
                                ? g_ptr_array_index (self->rows, self->index)
                                : pep_care_episode_new (NULL, NULL, NULL, NULL);

      if (self->index >= self->rows->len)
        g_ptr_array_add (self->rows, episode);
      episode->entered = from;
      episode->left = to;
      g_free (episode->legal_status);
      episode->legal_status = g_strdup (chosen (self->legal_row, PEP_CHILD_LEGAL_STATUS));
      g_free (episode->placement_type);
      episode->placement_type = g_strdup (chosen (self->placement_row, PEP_CHILD_PLACEMENT_TYPE));
      return pep_store_set_care_episodes (self->store, self->child_id, self->rows, error);
    }
  else
    {
      g_autofree char *urn = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->urn_row))));
      PepSchoolSpell *spell = self->index < self->rows->len
                              ? g_ptr_array_index (self->rows, self->index)
                              : pep_school_spell_new (0, NULL, NULL);
      guint64 number = 0;

      if (self->index >= self->rows->len)
        g_ptr_array_add (self->rows, spell);
      g_ascii_string_to_unsigned (urn, 10, 0, G_MAXINT64, &number, NULL);
      spell->school_urn = (gint64) number;
      spell->started = from;
      spell->ended = to;
      return pep_store_set_school_history (self->store, self->child_id, self->rows, error);
    }
}

static void
history_save (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  PepHistoryDialog *self = PEP_HISTORY_DIALOG (widget);
  g_autoptr(GError) error = NULL;

  if (!pep_history_dialog_save (self, &error))
    {
      g_autoptr(GPtrArray) reread = NULL;

      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
      /* The list as the file still has it, for the next try. */
      reread = self->kind == PEP_HISTORY_CARE
               ? pep_store_list_care_episodes (self->store, self->child_id, NULL)
               : pep_store_list_school_history (self->store, self->child_id, NULL);
      if (reread != NULL)
        {
          g_ptr_array_unref (self->rows);
          self->rows = g_steal_pointer (&reread);
        }
      return;
    }
  g_signal_emit (self, signals[SAVED], 0);
  gtk_window_close (GTK_WINDOW (self));
}

static void
pep_history_dialog_dispose (GObject *object)
{
  PepHistoryDialog *self = PEP_HISTORY_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_HISTORY_DIALOG);
  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (pep_history_dialog_parent_class)->dispose (object);
}

/* Opens in its first field, as Add a Child does, not on Cancel. */
static void
pep_history_dialog_map (GtkWidget *widget)
{
  PepHistoryDialog *self = PEP_HISTORY_DIALOG (widget);

  GTK_WIDGET_CLASS (pep_history_dialog_parent_class)->map (widget);
  gtk_widget_grab_focus (GTK_WIDGET (self->from_row));
}

static void
pep_history_dialog_class_init (PepHistoryDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_history_dialog_dispose;
  widget_class->map = pep_history_dialog_map;

  /**
   * PepHistoryDialog::saved:
   *
   * The child's history was written.
   */
  signals[SAVED] = g_signal_new ("saved", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-history-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PepHistoryDialog, group);
  gtk_widget_class_bind_template_child (widget_class, PepHistoryDialog, from_row);
  gtk_widget_class_bind_template_child (widget_class, PepHistoryDialog, to_row);
  gtk_widget_class_bind_template_child (widget_class, PepHistoryDialog, urn_row);
  gtk_widget_class_bind_template_child (widget_class, PepHistoryDialog, legal_row);
  gtk_widget_class_bind_template_child (widget_class, PepHistoryDialog, placement_row);
  gtk_widget_class_bind_template_child (widget_class, PepHistoryDialog, error_label);

  gtk_widget_class_install_action (widget_class, "history.save", NULL, history_save);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pep_history_dialog_init (PepHistoryDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
}

/**
 * pep_history_dialog_new:
 * @index: the row to correct, or G_MAXUINT for a new one
 *
 * Returns: (transfer floating) (nullable): the dialog, or NULL with @error set when the
 *   child's history cannot be read
 */
GtkWidget *
pep_history_dialog_new (GtkWindow       *parent,
                        PepStore        *store,
                        gint64           child_id,
                        PepHistoryKind   kind,
                        guint            index,
                        GError         **error)
{
  PepHistoryDialog *self;
  GPtrArray *rows;
  gboolean care = kind == PEP_HISTORY_CARE;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  rows = care ? pep_store_list_care_episodes (store, child_id, error)
              : pep_store_list_school_history (store, child_id, error);
  if (rows == NULL)
    return NULL;
  self = g_object_new (PEP_TYPE_HISTORY_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  self->rows = rows;
  self->child_id = child_id;
  self->kind = kind;
  self->index = MIN (index, rows->len);

  gtk_widget_set_visible (GTK_WIDGET (self->urn_row), !care);
  gtk_widget_set_visible (GTK_WIDGET (self->legal_row), care);
  gtk_widget_set_visible (GTK_WIDGET (self->placement_row), care);
  if (care)
    {
      const PepCareEpisode *e = self->index < rows->len ? g_ptr_array_index (rows, self->index) : NULL;

      gtk_window_set_title (GTK_WINDOW (self), e ? _("Episode in Care") : _("New Episode in Care"));
      adw_preferences_group_set_description (self->group,
        _("From the day the child entered care to the last day in care: leave the end empty "
          "while they are in care. A child who returns to care has a new episode."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("Entered care"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("Left care"));
      if (e != NULL)
        {
          set_date (self->from_row, &e->entered);
          set_date (self->to_row, &e->left);
        }
      fill_choices (self->legal_row, PEP_CHILD_LEGAL_STATUS, e ? e->legal_status : NULL);
      fill_choices (self->placement_row, PEP_CHILD_PLACEMENT_TYPE, e ? e->placement_type : NULL);
    }
  else
    {
      const PepSchoolSpell *s = self->index < rows->len ? g_ptr_array_index (rows, self->index) : NULL;

      gtk_window_set_title (GTK_WINDOW (self), s ? _("School Attended") : _("New School"));
      adw_preferences_group_set_description (self->group,
        _("The latest school is the child's school now. Each start at a school while in care "
          "is a change of school, with a review due."));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->from_row), _("Started"));
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->to_row), _("Left"));
      if (s != NULL)
        {
          g_autofree char *urn = g_strdup_printf ("%" G_GINT64_FORMAT, s->school_urn);

          gtk_editable_set_text (GTK_EDITABLE (self->urn_row), urn);
          set_date (self->from_row, &s->started);
          set_date (self->to_row, &s->ended);
        }
    }
  return GTK_WIDGET (self);
}
