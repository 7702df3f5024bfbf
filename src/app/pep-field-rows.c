/* pep-field-rows.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What is typed is checked at every keystroke by the core's validator, through the session
 * (pep_edit_session_parse(), the rules import applies too): a valid value is
 * handed to the session, which writes it a moment later; text that cannot be kept shows
 * its message under the field, is not written, and stays in the field for the person to
 * correct. A value the file refuses (a UPN another child has) comes back through the
 * session's ::commit-failed and is shown the same way.
 */

#define G_LOG_DOMAIN "pep-field-rows"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-field-input.h"
#include "pep-field-rows.h"

#define ROW_KEY "pep-field-row"

typedef enum
{
  ROW_ENTRY = 'e',
  ROW_TEXT = 't',
  ROW_COMBO = 'c',
  ROW_SWITCH = 's',
  ROW_READ_ONLY = 'r',
} RowKind;

typedef struct
{
  PepEditSession     *session;   /* weak: the session outlives the rows it made */
  PepRecord          *record;
  const PepFieldInfo *info;
  GtkWidget          *row;
  GtkWidget          *message_row;
  GtkLabel           *message_label;
  GtkLabel           *required_label;
  GtkLabel           *band_label;
  GtkSwitch          *toggle;
  GtkTextView        *text_view;
  RowKind             kind;
  guint               setting : 1;
} FieldRow;

static void
field_row_free (gpointer data)
{
  FieldRow *fr = data;

  g_clear_object (&fr->record);
  g_free (fr);
}

/* Rows of a PEP's tables are edited under their table's section (as the workflow checks). */
PepSection
pep_field_rows_edit_section (const PepFieldInfo *info)
{
  if (info->table == PEP_TABLE_PLAN || info->table == PEP_TABLE_CHILD)
    return info->section;
  return pep_table_get_field (info->table, 0)->section;
}

static void
show_message (FieldRow   *fr,
              const char *message)
{
  if (message != NULL)
    {
      gtk_label_set_text (fr->message_label, message);
      gtk_widget_add_css_class (fr->row, "error");
    }
  else
    {
      gtk_widget_remove_css_class (fr->row, "error");
    }
  gtk_widget_set_visible (fr->message_row, message != NULL);
  pep_accessible_set_error (fr->text_view != NULL ? GTK_WIDGET (fr->text_view) : fr->row,
                            message);
}

static void
update_decorations (FieldRow *fr)
{
  GVariant *value = pep_edit_session_get_value (fr->session, fr->record, fr->info->index);

  if (fr->required_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (fr->required_label), value == NULL);

  if (fr->band_label != NULL)
    {
      static const char *styles[] = { "success", "warning", "error" };

      for (guint i = 0; i < G_N_ELEMENTS (styles); i++)
        gtk_widget_remove_css_class (GTK_WIDGET (fr->band_label), styles[i]);
      if (value != NULL)
        {
          gint64 score = g_variant_get_int64 (value);

          gtk_label_set_text (fr->band_label, pep_sdq_band_label (score));
          gtk_widget_add_css_class (GTK_WIDGET (fr->band_label), pep_sdq_band_style (score));
        }
      gtk_widget_set_visible (GTK_WIDGET (fr->band_label), value != NULL);
    }
}

static void
text_changed (FieldRow   *fr,
              const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;

  value = pep_edit_session_parse (fr->session, fr->record, fr->info->index, text, &error);
  if (error != NULL)
    {
      show_message (fr, error->message);
      pep_edit_session_forget_value (fr->session, fr->record, fr->info->index);
    }
  else
    {
      show_message (fr, NULL);
      pep_edit_session_set_value (fr->session, fr->record, fr->info->index, value);
    }
  update_decorations (fr);
}

static void
on_entry_changed (GtkEditable *editable,
                  FieldRow    *fr)
{
  if (!fr->setting && fr->session != NULL)
    text_changed (fr, gtk_editable_get_text (editable));
}

static void
on_buffer_changed (GtkTextBuffer *buffer,
                   FieldRow      *fr)
{
  g_autofree char *text = NULL;
  GtkTextIter start, end;

  if (fr->setting || fr->session == NULL)
    return;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  text = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  text_changed (fr, text);
}

/* Which text fields hold sentences and get a multi-line editor rather than an entry: the
 * text fields of the PEP's own content in the sections written in prose (the child's
 * voice, the meeting's notes, education, early years, SEND, social and emotional, PP+,
 * careers, the social worker's and the carer's), except the few that hold a name or a
 * short title (listed in short_names); and the funding request's rationale, intervention,
 * expected outcome and decision note. Everything else (names, ids, subjects, grades, the
 * targets' one-line fields) stays an entry row. */
gboolean
pep_field_rows_is_long_text (const PepFieldInfo *info)
{
  static const char *const short_names[] = {
    "se_trusted_adult", "post16_provider", "post16_course", "intended_destination", NULL
  };

  g_return_val_if_fail (info != NULL, FALSE);

  if (info->type != PEP_VALUE_TEXT)
    return FALSE;
  if (info->table == PEP_TABLE_FUNDING_REQUEST)
    return info->index != PEP_FUNDING_REQUEST_AMOUNT;
  if (info->table != PEP_TABLE_PLAN)
    return FALSE;
  if (g_strv_contains (short_names, info->name))
    return FALSE;
  switch (info->section)
    {
    case PEP_SECTION_MEETING:
    case PEP_SECTION_VOICE:
    case PEP_SECTION_EDUCATION:
    case PEP_SECTION_EARLY_YEARS:
    case PEP_SECTION_SEND:
    case PEP_SECTION_SOCIAL_EMOTIONAL:
    case PEP_SECTION_PPPLUS:
    case PEP_SECTION_CAREERS:
    case PEP_SECTION_SOCIAL_WORKER:
    case PEP_SECTION_CARER:
      return TRUE;
    case PEP_SECTION_IDENTITY:
    case PEP_SECTION_CARE:
    case PEP_SECTION_SCHOOL:
    case PEP_SECTION_PEOPLE:
    case PEP_SECTION_ATTENDANCE:
    case PEP_SECTION_ATTAINMENT:
    case PEP_SECTION_TARGETS:
    case PEP_SECTION_SIGNOFF:
    case PEP_SECTION_QA:
    case PEP_N_SECTIONS:
    default:
      return FALSE;
    }
}

static void
on_combo_selected (AdwComboRow *combo,
                   GParamSpec  *pspec,
                   FieldRow    *fr)
{
  guint selected = adw_combo_row_get_selected (combo);
  GVariant *value = NULL;

  if (fr->setting || fr->session == NULL)
    return;
  if (selected != GTK_INVALID_LIST_POSITION && selected > 0)
    value = g_variant_new_string (fr->info->choices[selected - 1].nick);
  show_message (fr, NULL);
  pep_edit_session_set_value (fr->session, fr->record, fr->info->index, value);
  update_decorations (fr);
}

static void
on_switch_active (GtkSwitch  *toggle,
                  GParamSpec *pspec,
                  FieldRow   *fr)
{
  if (fr->setting || fr->session == NULL)
    return;
  show_message (fr, NULL);
  pep_edit_session_set_value (fr->session, fr->record, fr->info->index,
                              g_variant_new_boolean (gtk_switch_get_active (toggle)));
}

static void
on_commit_failed (PepEditSession *session,
                  guint           table,
                  gint64          record_id,
                  guint           field,
                  const char     *message,
                  GtkWidget      *row)
{
  FieldRow *fr = g_object_get_data (G_OBJECT (row), ROW_KEY);

  if (fr->record != NULL && fr->info->table == table && pep_record_get_id (fr->record) == record_id
      && fr->info->index == field)
    show_message (fr, message);
}

static GtkLabel *
tag_new (const char *text,
         const char *style)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_valign (label, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (label, "pep-tag");
  if (style != NULL)
    gtk_widget_add_css_class (label, style);
  return GTK_LABEL (label);
}

static char *
row_title (const PepFieldInfo *info)
{
  /* A date is typed as people write one (pep_date_parse_typed()): no format to learn. */
  if (info->type == PEP_VALUE_MONEY)
    /* Translators: a field's name, then the currency */
    return g_strdup_printf (_("%s (£)"), _(info->label));
  return g_strdup (_(info->label));
}

static GtkWidget *
entry_row_new (FieldRow *fr,
               gboolean  editable)
{
  g_autofree char *title = row_title (fr->info);
  g_autofree char *text = pep_field_input_format (fr->info, pep_record_get (fr->record,
                                                                             fr->info->index));
  GtkWidget *row = adw_entry_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  switch (fr->info->type)
    {
    case PEP_VALUE_INT:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_DIGITS);
      break;
    case PEP_VALUE_REAL:
    case PEP_VALUE_MONEY:
      adw_entry_row_set_input_purpose (ADW_ENTRY_ROW (row), GTK_INPUT_PURPOSE_NUMBER);
      break;
    case PEP_VALUE_TEXT:
    case PEP_VALUE_BOOL:
    case PEP_VALUE_DATE:
    case PEP_VALUE_DATETIME:
    case PEP_VALUE_CHOICE:
    default:
      break;
    }
  fr->setting = TRUE;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  fr->setting = FALSE;
  gtk_editable_set_editable (GTK_EDITABLE (row), editable);
  if (editable)
    g_signal_connect (row, "changed", G_CALLBACK (on_entry_changed), fr);

  if (fr->info->table == PEP_TABLE_PLAN && fr->info->index == PEP_PLAN_SDQ_TOTAL)
    {
      fr->band_label = tag_new ("", NULL);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (fr->band_label));
    }
  if (fr->info->flags & PEP_FIELD_REQUIRED)
    {
      fr->required_label = tag_new (_("Required"), "required");
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), GTK_WIDGET (fr->required_label));
    }
  return row;
}

/* A field that holds sentences: its name over a text view that wraps. Tab moves on to the
 * next field (Ctrl+Tab too); Enter starts a new line; Ctrl+Enter submits (the editor's). */
static GtkWidget *
text_row_new (FieldRow *fr)
{
  g_autofree char *text = pep_field_input_format (fr->info, pep_record_get (fr->record,
                                                                             fr->info->index));
  GtkWidget *row, *box, *header, *label, *view, *icon;
  GtkTextBuffer *buffer;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  gtk_widget_add_css_class (box, "pep-text-box");
  header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (_(fr->info->label));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_widget_add_css_class (label, "pep-text-title");
  gtk_box_append (GTK_BOX (header), label);
  if (fr->info->flags & PEP_FIELD_REQUIRED)
    {
      fr->required_label = tag_new (_("Required"), "required");
      gtk_box_append (GTK_BOX (header), GTK_WIDGET (fr->required_label));
    }
  /* The pencil an entry row shows: this can be written in. */
  icon = gtk_image_new_from_icon_name ("document-edit-symbolic");
  gtk_widget_add_css_class (icon, "dim-label");
  gtk_box_append (GTK_BOX (header), icon);
  gtk_box_append (GTK_BOX (box), header);

  view = gtk_text_view_new ();
  fr->text_view = GTK_TEXT_VIEW (view);
  gtk_text_view_set_wrap_mode (fr->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_accepts_tab (fr->text_view, FALSE);
  gtk_widget_add_css_class (view, "pep-text-view");
  buffer = gtk_text_view_get_buffer (fr->text_view);
  fr->setting = TRUE;
  gtk_text_buffer_set_text (buffer, text, -1);
  fr->setting = FALSE;
  g_signal_connect (buffer, "changed", G_CALLBACK (on_buffer_changed), fr);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (view),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL,
                                  -1);
  gtk_box_append (GTK_BOX (box), view);

  /* One Tab stop per field: the row itself takes no focus, so Tab goes straight into the
   * text (a list box row that cannot take the focus hands it to its child); a click on the
   * row's name moves into the text too. */
  row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                      "activatable", TRUE,
                      "selectable", FALSE,
                      "focusable", FALSE,
                      "title", _(fr->info->label),
                      "use-markup", FALSE,
                      "child", box,
                      NULL);
  g_signal_connect_swapped (row, "activate", G_CALLBACK (gtk_widget_grab_focus), view);
  pep_accessible_label (row, _(fr->info->label));
  gtk_widget_add_css_class (row, "pep-text-row");
  return row;
}

static GtkWidget *
combo_row_new (FieldRow *fr,
               gboolean  editable)
{
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  GVariant *value = pep_record_get (fr->record, fr->info->index);
  GtkWidget *row = adw_combo_row_new ();
  guint selected = 0, n = 0;

  gtk_string_list_append (model, _("Not entered"));
  for (const PepChoice *c = fr->info->choices; c->nick != NULL; c++)
    {
      n++;
      gtk_string_list_append (model, _(c->label));
      if (value != NULL && g_strcmp0 (c->nick, g_variant_get_string (value, NULL)) == 0)
        selected = n;
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fr->info->label));
  fr->setting = TRUE;
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  fr->setting = FALSE;
  gtk_widget_set_sensitive (row, editable);
  g_signal_connect (row, "notify::selected", G_CALLBACK (on_combo_selected), fr);

  if (fr->info->flags & PEP_FIELD_REQUIRED)
    {
      fr->required_label = tag_new (_("Required"), "required");
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), GTK_WIDGET (fr->required_label));
    }
  return row;
}

static GtkWidget *
switch_row_new (FieldRow *fr,
                gboolean  editable)
{
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *toggle = gtk_switch_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _(fr->info->label));
  gtk_widget_set_valign (toggle, GTK_ALIGN_CENTER);
  gtk_switch_set_active (GTK_SWITCH (toggle), pep_record_get_bool (fr->record, fr->info->index));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), toggle);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), toggle);
  /* One Tab stop per field: the switch, named by its row; the row itself takes no focus. */
  gtk_widget_set_focusable (row, FALSE);
  pep_accessible_label (toggle, _(fr->info->label));
  gtk_widget_set_sensitive (toggle, editable);
  g_signal_connect (toggle, "notify::active", G_CALLBACK (on_switch_active), fr);
  fr->toggle = GTK_SWITCH (toggle);
  return row;
}

/* A field the person may read but not change: its name small, its value as text to read,
 * as in the PEP view. */
static void
show_read_only_value (FieldRow *fr)
{
  GVariant *value = pep_record_get (fr->record, fr->info->index);
  g_autofree char *text = NULL;

  if (value != NULL && (fr->info->type == PEP_VALUE_CHOICE || fr->info->type == PEP_VALUE_BOOL))
    text = pep_field_format (fr->info, value);
  else if (value != NULL)
    text = pep_field_input_format (fr->info, value);

  if (text != NULL && *text != '\0')
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (fr->row), text);
      gtk_widget_remove_css_class (fr->row, "not-entered");
    }
  else
    {
      adw_action_row_set_subtitle (ADW_ACTION_ROW (fr->row), _("Not entered"));
      gtk_widget_add_css_class (fr->row, "not-entered");
    }
}

static GtkWidget *
read_only_row_new (FieldRow *fr)
{
  fr->row = adw_action_row_new ();
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (fr->row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (fr->row), _(fr->info->label));
  gtk_widget_add_css_class (fr->row, "pep-field");
  show_read_only_value (fr);
  return fr->row;
}

/* The value of the record now bound, shown in a row made for another record of its table. */
static void
load_value (FieldRow *fr)
{
  GVariant *value = pep_record_get (fr->record, fr->info->index);

  fr->setting = TRUE;
  switch (fr->kind)
    {
    case ROW_ENTRY:
      {
        g_autofree char *text = pep_field_input_format (fr->info, value);

        /* Irreversible in GtkText: Undo does not bring back the other PEP's text. */
        gtk_editable_set_text (GTK_EDITABLE (fr->row), text);
      }
      break;
    case ROW_TEXT:
      {
        g_autofree char *text = pep_field_input_format (fr->info, value);
        GtkTextBuffer *buffer = gtk_text_view_get_buffer (fr->text_view);

        gtk_text_buffer_begin_irreversible_action (buffer);
        gtk_text_buffer_set_text (buffer, text, -1);
        gtk_text_buffer_end_irreversible_action (buffer);
      }
      break;
    case ROW_COMBO:
      {
        guint selected = 0, n = 0;

        for (const PepChoice *c = fr->info->choices; value != NULL && c->nick != NULL; c++)
          {
            n++;
            if (g_strcmp0 (c->nick, g_variant_get_string (value, NULL)) == 0)
              selected = n;
          }
        adw_combo_row_set_selected (ADW_COMBO_ROW (fr->row), selected);
      }
      break;
    case ROW_SWITCH:
      gtk_switch_set_active (fr->toggle, pep_record_get_bool (fr->record, fr->info->index));
      break;
    case ROW_READ_ONLY:
    default:
      show_read_only_value (fr);
      break;
    }
  fr->setting = FALSE;
}

/* Which row edits a field: decided by the field's type and whether the person may change it. */
static RowKind
row_kind (PepEditSession     *session,
          const PepFieldInfo *info,
          gboolean            read_only)
{
  if (read_only || !pep_edit_session_can_edit (session, pep_field_rows_edit_section (info)))
    return ROW_READ_ONLY;
  switch (info->type)
    {
    case PEP_VALUE_CHOICE:
      return ROW_COMBO;
    case PEP_VALUE_BOOL:
      return ROW_SWITCH;
    case PEP_VALUE_DATETIME:
      return ROW_READ_ONLY;
    case PEP_VALUE_TEXT:
      return pep_field_rows_is_long_text (info) ? ROW_TEXT : ROW_ENTRY;
    case PEP_VALUE_INT:
    case PEP_VALUE_REAL:
    case PEP_VALUE_MONEY:
    case PEP_VALUE_DATE:
    default:
      return ROW_ENTRY;
    }
}

static void
container_add (GtkWidget *container,
               GtkWidget *row)
{
  pep_accessible_fix_tree (row);
  if (ADW_IS_EXPANDER_ROW (container))
    adw_expander_row_add_row (ADW_EXPANDER_ROW (container), row);
  else
    adw_preferences_group_add (ADW_PREFERENCES_GROUP (container), row);
}

/**
 * pep_field_rows_add:
 * @container: an #AdwPreferencesGroup or an #AdwExpanderRow
 * @record: the child, the PEP's content or one of its rows
 *
 * Adds the row that edits @field of @record, and its message row, to @container. The row
 * can be changed only when the session allows its section to be.
 *
 * Returns: (transfer none): the row
 */
static GtkWidget *
add_row (GtkWidget      *container,
         PepEditSession *session,
         PepRecord      *record,
         guint           field,
         gboolean        read_only)
{
  FieldRow *fr = g_new0 (FieldRow, 1);
  GtkWidget *label;

  fr->session = session;
  fr->record = g_object_ref (record);
  fr->info = pep_table_get_field (pep_record_get_table (record), field);
  fr->kind = row_kind (session, fr->info, read_only);

  switch (fr->kind)
    {
    case ROW_COMBO:
      fr->row = combo_row_new (fr, TRUE);
      break;
    case ROW_SWITCH:
      fr->row = switch_row_new (fr, TRUE);
      break;
    case ROW_READ_ONLY:
      fr->row = read_only_row_new (fr);
      break;
    case ROW_TEXT:
      fr->row = text_row_new (fr);
      break;
    case ROW_ENTRY:
    default:
      fr->row = entry_row_new (fr, TRUE);
      break;
    }
  g_object_set_data_full (G_OBJECT (fr->row), ROW_KEY, fr, field_row_free);

  label = gtk_label_new (NULL);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "caption");
  gtk_widget_add_css_class (label, "error");
  fr->message_label = GTK_LABEL (label);
  fr->message_row = g_object_new (ADW_TYPE_PREFERENCES_ROW,
                                  "activatable", FALSE,
                                  "selectable", FALSE,
                                  "child", label,
                                  "visible", FALSE,
                                  NULL);
  gtk_widget_add_css_class (fr->message_row, "pep-message");

  g_signal_connect_object (session, "commit-failed", G_CALLBACK (on_commit_failed), fr->row, 0);
  update_decorations (fr);

  container_add (container, fr->row);
  container_add (container, fr->message_row);
  return fr->row;
}

GtkWidget *
pep_field_rows_add (GtkWidget      *container,
                    PepEditSession *session,
                    PepRecord      *record,
                    guint           field)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (session), NULL);
  g_return_val_if_fail (PEP_IS_RECORD (record), NULL);

  return add_row (container, session, record, field, FALSE);
}

/**
 * pep_field_rows_add_read_only:
 *
 * Like pep_field_rows_add(), for a field that this editor only shows, whoever opens it.
 *
 * Returns: (transfer none): the row
 */
GtkWidget *
pep_field_rows_add_read_only (GtkWidget      *container,
                              PepEditSession *session,
                              PepRecord      *record,
                              guint           field)
{
  g_return_val_if_fail (PEP_IS_EDIT_SESSION (session), NULL);
  g_return_val_if_fail (PEP_IS_RECORD (record), NULL);

  return add_row (container, session, record, field, TRUE);
}

/* Whether pep_field_rows_add_record() makes a row for @field. */
static gboolean
record_shows (PepEditSession *session,
              PepTable        table,
              guint           field,
              int             section)
{
  const PepFieldInfo *info = pep_table_get_field (table, field);

  if (section >= 0 && info->section != (PepSection) section)
    return FALSE;
  if (!pep_edit_session_field_applies (session, info))
    return FALSE;
  if (!pep_edit_session_can_see (session, info))
    return FALSE;
  /* The link to the target reviewed is the file's, not the person's. */
  if (table == PEP_TABLE_TARGET_REVIEW && field == PEP_TARGET_REVIEW_PREVIOUS_TARGET)
    return FALSE;
  return TRUE;
}

/**
 * pep_field_rows_add_record:
 * @section: only the fields of this section, or -1 for every field
 *
 * Adds a row for each field of @record that applies to the PEP's kind and the child's phase
 * (pep_edit_session_field_applies()) and that the person may see.
 *
 * Returns: how many rows were added
 */
guint
pep_field_rows_add_record (GtkWidget      *container,
                           PepEditSession *session,
                           PepRecord      *record,
                           int             section)
{
  PepTable table = pep_record_get_table (record);
  guint n = 0;

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    if (record_shows (session, table, i, section))
      {
        pep_field_rows_add (container, session, record, i);
        n++;
      }
  return n;
}

/**
 * pep_field_rows_shape:
 *
 * What pep_field_rows_add_record() would make for a record of @table in @session: which
 * fields, each as which kind of row. Rows made for one session can show another's record
 * (pep_field_rows_rebind()) when both have the same shape.
 *
 * Returns: (transfer full): the shape, to compare with g_strcmp0()
 */
char *
pep_field_rows_shape (PepEditSession *session,
                      PepTable        table,
                      int             section)
{
  GString *shape = g_string_new (NULL);

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (session), NULL);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    if (record_shows (session, table, i, section))
      g_string_append_printf (shape, "%u%c", i,
                              (char) row_kind (session, pep_table_get_field (table, i), FALSE));
  return g_string_free (shape, FALSE);
}

static void
rebind_tree (GtkWidget      *root,
             PepEditSession *session,
             PepRecord      *record)
{
  FieldRow *fr = g_object_get_data (G_OBJECT (root), ROW_KEY);

  if (fr != NULL && (record == NULL || fr->info->table == pep_record_get_table (record)))
    {
      if (fr->session != NULL)
        g_signal_handlers_disconnect_by_func (fr->session, on_commit_failed, fr->row);
      fr->session = session;
      g_set_object (&fr->record, record);
      if (session != NULL)
        {
          g_signal_connect_object (session, "commit-failed", G_CALLBACK (on_commit_failed),
                                   fr->row, 0);
          load_value (fr);
          show_message (fr, NULL);
          update_decorations (fr);
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    rebind_tree (child, session, record);
}

/**
 * pep_field_rows_rebind:
 * @root: holds rows made by pep_field_rows_add_record() in a session of the same shape
 *   (pep_field_rows_shape()) for a record of @record's table
 * @session: (nullable): the session that edits @record, or %NULL to let go of the last
 * @record: (nullable): the record to show, %NULL with @session %NULL
 *
 * Shows @record in the rows under @root, as if they had been made for it: another PEP opens
 * without making its rows again.
 */
void
pep_field_rows_rebind (GtkWidget      *root,
                       PepEditSession *session,
                       PepRecord      *record)
{
  g_return_if_fail (GTK_IS_WIDGET (root));
  g_return_if_fail ((session == NULL) == (record == NULL));

  rebind_tree (root, session, record);
}

/* A record's rows in an expander, made when first needed ------------------------------------ */

#define DEFERRED_KEY "pep-field-rows-deferred"

typedef struct
{
  PepTable             table;
  gint64               record_id;
  PepFieldRowsFillFunc fill;
  gpointer             user_data;
} Deferred;

static void
on_deferred_expanded (GtkWidget *expander)
{
  if (adw_expander_row_get_expanded (ADW_EXPANDER_ROW (expander)))
    pep_field_rows_fill (expander);
}

/**
 * pep_field_rows_defer:
 * @expander: an #AdwExpanderRow that will hold the rows of one record
 * @fill: adds them; called once, with @record_id and @user_data (which must live as long as
 *   @expander)
 *
 * The rows of a record folded in @expander are made when it is first opened, or found by
 * pep_field_rows_find(), or filled by pep_field_rows_fill(): a PEP with thirty targets and
 * sixty lines of attainment opens without making the thousand rows no one has opened.
 */
void
pep_field_rows_defer (GtkWidget            *expander,
                      PepTable              table,
                      gint64                record_id,
                      PepFieldRowsFillFunc  fill,
                      gpointer              user_data)
{
  Deferred *deferred = g_new0 (Deferred, 1);

  g_return_if_fail (ADW_IS_EXPANDER_ROW (expander));
  g_return_if_fail (fill != NULL);

  deferred->table = table;
  deferred->record_id = record_id;
  deferred->fill = fill;
  deferred->user_data = user_data;
  g_object_set_data_full (G_OBJECT (expander), DEFERRED_KEY, deferred, g_free);
  g_signal_connect (expander, "notify::expanded", G_CALLBACK (on_deferred_expanded), NULL);
}

/**
 * pep_field_rows_redefer:
 *
 * Points @expander, whose rows pep_field_rows_defer() put off, at another record of the same
 * table, so that it can be kept for it.
 *
 * Returns: %FALSE if its rows are made already (it cannot be kept)
 */
gboolean
pep_field_rows_redefer (GtkWidget *expander,
                        gint64     record_id)
{
  Deferred *deferred = g_object_get_data (G_OBJECT (expander), DEFERRED_KEY);

  if (deferred == NULL)
    return FALSE;
  deferred->record_id = record_id;
  return TRUE;
}

/**
 * pep_field_rows_fill:
 *
 * Makes the rows pep_field_rows_defer() put off, if they are not made yet.
 *
 * Returns: %TRUE if they were made now
 */
gboolean
pep_field_rows_fill (GtkWidget *expander)
{
  Deferred *deferred = g_object_steal_data (G_OBJECT (expander), DEFERRED_KEY);

  if (deferred == NULL)
    return FALSE;
  deferred->fill (expander, deferred->record_id, deferred->user_data);
  g_free (deferred);
  return TRUE;
}

#define PENDING_KEY "pep-field-rows-pending"

/**
 * pep_field_rows_set_pending:
 * @widget: a widget that makes some of its rows later (after the first frame)
 * @finish: (nullable): makes them all now; %NULL once they are all made
 *
 * pep_field_rows_find() calls @finish before it looks under @widget, so that rows not made
 * yet are found (a "go to field" link, a test).
 */
void
pep_field_rows_set_pending (GtkWidget             *widget,
                            PepFieldRowsFinishFunc finish)
{
  g_return_if_fail (GTK_IS_WIDGET (widget));

  g_object_set_data (G_OBJECT (widget), PENDING_KEY, finish);
}

/**
 * pep_field_rows_find:
 *
 * Returns: (transfer none) (nullable): the row under @root that edits @field of the record
 *   @record_id of @table
 */
GtkWidget *
pep_field_rows_find (GtkWidget *root,
                     PepTable   table,
                     gint64     record_id,
                     guint      field)
{
  FieldRow *fr = g_object_get_data (G_OBJECT (root), ROW_KEY);
  Deferred *deferred = g_object_get_data (G_OBJECT (root), DEFERRED_KEY);
  PepFieldRowsFinishFunc finish = g_object_get_data (G_OBJECT (root), PENDING_KEY);

  if (finish != NULL)
    finish (root);
  if (fr != NULL && fr->record != NULL && fr->info->table == table && fr->info->index == field
      && pep_record_get_id (fr->record) == record_id)
    return root;
  /* A record whose rows are not made yet: asked for, they are. */
  if (deferred != NULL && deferred->table == table && deferred->record_id == record_id)
    pep_field_rows_fill (root);

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = pep_field_rows_find (child, table, record_id, field);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/**
 * pep_field_rows_get_message:
 *
 * Returns: (nullable): the message shown under @row, or %NULL when there is none
 */
const char *
pep_field_rows_get_message (GtkWidget *row)
{
  FieldRow *fr = g_object_get_data (G_OBJECT (row), ROW_KEY);

  g_return_val_if_fail (fr != NULL, NULL);

  if (!gtk_widget_get_visible (fr->message_row))
    return NULL;
  return gtk_label_get_text (fr->message_label);
}

/**
 * pep_field_rows_get_text_view:
 *
 * Returns: (transfer none) (nullable): the text view of a field that holds sentences, or
 *   %NULL when @row is not one
 */
GtkTextView *
pep_field_rows_get_text_view (GtkWidget *row)
{
  FieldRow *fr = g_object_get_data (G_OBJECT (row), ROW_KEY);

  g_return_val_if_fail (fr != NULL, NULL);
  return fr->text_view;
}
