/* pep-preferences-window.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row is bound to its key with g_settings_bind or g_settings_bind_with_mapping. Dates
 * are kept as YYYY-MM-DD and shown as DD/MM/YYYY; a row holding something that is not a date
 * is marked as an error and its key keeps the last good value. Choices are kept as the
 * schema's nicks and shown as the combo rows' labels. The file choosers set their key, and
 * the rows show it through their bindings.
 */

#define G_LOG_DOMAIN "pep-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pep-field.h"
#include "pep-help.h"
#include "pep-preferences-window.h"
#include "pep-types.h"

struct _PepPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  /* Template widgets */
  AdwEntryRow          *user_name_row;
  AdwComboRow          *role_row;
  AdwActionRow         *rubric_row;
  GtkButton            *rubric_reset_button;
  GtkSpinButton        *follow_up_spin;
  AdwActionRow         *export_folder_row;
  GtkButton            *export_folder_reset_button;
  AdwComboRow          *export_profile_row;
  AdwEntryRow          *autumn_start_row;
  AdwEntryRow          *autumn_end_row;
  AdwEntryRow          *spring_start_row;
  AdwEntryRow          *spring_end_row;
  AdwEntryRow          *summer_start_row;
  AdwEntryRow          *summer_end_row;
  AdwEntryRow          *closures_row;
  GtkSpinButton        *school_change_spin;
  AdwComboRow          *day_basis_row;
  GtkSpinButton        *new_to_care_spin;
  AdwEntryRow          *autumn_deadline_row;
  AdwEntryRow          *spring_deadline_row;
  AdwEntryRow          *summer_deadline_row;

  /* Owned references */
  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (PepPreferencesWindow, pep_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The combo rows' items, in the order of their models. */
static const char *export_profiles[] = { "full", "carer", "pseudonymised", NULL };
static const char *day_bases[] = { "working-days", "school-days", NULL };

/* Dates ------------------------------------------------------------------------------------ */

static char *
format_date (const GDate *date)
{
  char buffer[16];

  g_date_strftime (buffer, sizeof buffer, "%d/%m/%Y", date);
  return g_strdup (buffer);
}

static char *
iso_date (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* Empty text is a valid "no date"; anything else must be a date. */
static gboolean
parse_optional_date (const char *text,
                     char      **iso)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  GDate date;

  if (*stripped == '\0')
    {
      *iso = g_strdup ("");
      return TRUE;
    }
  if (!pep_date_parse (stripped, &date))
    return FALSE;
  *iso = iso_date (&date);
  return TRUE;
}

static gboolean
date_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  AdwEntryRow *row = user_data;
  const char *stored = g_variant_get_string (variant, NULL);
  const char *shown = gtk_editable_get_text (GTK_EDITABLE (row));
  g_autofree char *shown_iso = NULL;
  GDate date;

  /* What the row shows already means this date: leave it as typed. */
  if (parse_optional_date (shown, &shown_iso) && g_strcmp0 (shown_iso, stored) == 0)
    {
      g_value_set_string (value, shown);
      return TRUE;
    }

  if (*stored != '\0' && pep_date_parse (stored, &date))
    g_value_take_string (value, format_date (&date));
  else
    g_value_set_string (value, "");
  return TRUE;
}

static GVariant *
date_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  g_autofree char *iso = NULL;

  /* Not a date (yet): the key keeps its value. */
  if (!parse_optional_date (g_value_get_string (value), &iso))
    return NULL;
  return g_variant_new_string (iso);
}

static void
bind_date (PepPreferencesWindow *self,
           const char           *key,
           AdwEntryRow          *row)
{
  g_settings_bind_with_mapping (self->settings, key, row, "text", G_SETTINGS_BIND_DEFAULT,
                                date_get_mapping, date_set_mapping, row, NULL);
}

static void
set_row_valid (AdwEntryRow *row,
               gboolean     valid)
{
  if (valid)
    gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
}

static void
on_date_row_changed (PepPreferencesWindow *self,
                     AdwEntryRow          *row)
{
  g_autofree char *iso = NULL;

  set_row_valid (row, parse_optional_date (gtk_editable_get_text (GTK_EDITABLE (row)), &iso));
}

/* School closures -------------------------------------------------------------------------- */

/**
 * pep_preferences_parse_closures:
 * @text: what the user typed: dates (DD/MM/YYYY or YYYY-MM-DD) and ranges "FIRST..LAST",
 *   separated by commas
 * @closures: (out) (transfer full): the closures as the schema keeps them, "YYYY-MM-DD" or
 *   "YYYY-MM-DD..YYYY-MM-DD"
 *
 * Returns: whether @text was valid; a range must not end before it starts
 */
gboolean
pep_preferences_parse_closures (const char   *text,
                                char       ***closures)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) tokens = NULL;

  g_return_val_if_fail (closures != NULL, FALSE);

  tokens = g_strsplit_set (text != NULL ? text : "", ",;\n", -1);
  for (guint i = 0; tokens[i] != NULL; i++)
    {
      g_auto(GStrv) ends = NULL;
      GDate first, last;
      char *token = g_strstrip (tokens[i]);

      if (*token == '\0')
        continue;

      ends = g_strsplit (token, "..", 2);
      if (!pep_date_parse (g_strstrip (ends[0]), &first))
        return FALSE;
      if (ends[1] == NULL)
        {
          g_autofree char *day = iso_date (&first);

          g_strv_builder_add (builder, day);
        }
      else
        {
          g_autofree char *a = NULL;
          g_autofree char *b = NULL;
          g_autofree char *range = NULL;

          if (!pep_date_parse (g_strstrip (ends[1]), &last) || g_date_compare (&last, &first) < 0)
            return FALSE;
          a = iso_date (&first);
          b = iso_date (&last);
          range = g_strdup_printf ("%s..%s", a, b);
          g_strv_builder_add (builder, range);
        }
    }

  *closures = g_strv_builder_end (builder);
  return TRUE;
}

static char *
format_closures (const char * const *closures)
{
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; closures[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (closures[i], "..", 2);
      GDate date;

      if (text->len > 0)
        g_string_append (text, ", ");
      for (guint j = 0; ends[j] != NULL; j++)
        {
          g_autofree char *shown = NULL;

          if (j > 0)
            g_string_append (text, "..");
          shown = pep_date_parse (ends[j], &date) ? format_date (&date) : g_strdup (ends[j]);
          g_string_append (text, shown);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
}

static gboolean
closures_get_mapping (GValue   *value,
                      GVariant *variant,
                      gpointer  user_data)
{
  AdwEntryRow *row = user_data;
  g_autofree const char **stored = g_variant_get_strv (variant, NULL);
  g_auto(GStrv) shown = NULL;

  if (pep_preferences_parse_closures (gtk_editable_get_text (GTK_EDITABLE (row)), &shown)
      && g_strv_equal ((const char * const *) shown, stored))
    {
      g_value_set_string (value, gtk_editable_get_text (GTK_EDITABLE (row)));
      return TRUE;
    }

  g_value_take_string (value, format_closures (stored));
  return TRUE;
}

static GVariant *
closures_set_mapping (const GValue       *value,
                      const GVariantType *expected_type,
                      gpointer            user_data)
{
  g_auto(GStrv) closures = NULL;

  if (!pep_preferences_parse_closures (g_value_get_string (value), &closures))
    return NULL;
  return g_variant_new_strv ((const char * const *) closures, -1);
}

static void
on_closures_row_changed (PepPreferencesWindow *self,
                         AdwEntryRow          *row)
{
  g_auto(GStrv) closures = NULL;

  set_row_valid (row, pep_preferences_parse_closures (gtk_editable_get_text (GTK_EDITABLE (row)),
                                                      &closures));
}

/* Choices ---------------------------------------------------------------------------------- */

static gboolean
nick_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  const char **nicks = user_data;
  const char *nick = g_variant_get_string (variant, NULL);

  for (guint i = 0; nicks[i] != NULL; i++)
    if (g_str_equal (nicks[i], nick))
      {
        g_value_set_uint (value, i);
        return TRUE;
      }
  return FALSE;
}

static GVariant *
nick_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  const char **nicks = user_data;
  guint index = g_value_get_uint (value);

  if (index >= g_strv_length ((char **) nicks))
    return NULL;
  return g_variant_new_string (nicks[index]);
}

static gboolean
role_get_mapping (GValue   *value,
                  GVariant *variant,
                  gpointer  user_data)
{
  PepRole role;

  if (!pep_role_from_nick (g_variant_get_string (variant, NULL), &role))
    return FALSE;
  g_value_set_uint (value, role);
  return TRUE;
}

static GVariant *
role_set_mapping (const GValue       *value,
                  const GVariantType *expected_type,
                  gpointer            user_data)
{
  guint index = g_value_get_uint (value);

  if (index >= PEP_N_ROLES)
    return NULL;
  return g_variant_new_string (pep_role_to_nick (index));
}

/* Files and folders ------------------------------------------------------------------------ */

static gboolean
rubric_subtitle_mapping (GValue   *value,
                         GVariant *variant,
                         gpointer  user_data)
{
  const char *path = g_variant_get_string (variant, NULL);

  if (*path == '\0')
    g_value_set_string (value, _("The rubric built into PEP Studio"));
  else
    g_value_take_string (value, g_filename_display_name (path));
  return TRUE;
}

static const char *
documents_folder (void)
{
  const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

  return documents != NULL ? documents : g_get_home_dir ();
}

static gboolean
export_folder_subtitle_mapping (GValue   *value,
                                GVariant *variant,
                                gpointer  user_data)
{
  const char *path = g_variant_get_string (variant, NULL);

  g_value_take_string (value, g_filename_display_name (*path != '\0' ? path : documents_folder ()));
  return TRUE;
}

static gboolean
not_empty_mapping (GValue   *value,
                   GVariant *variant,
                   gpointer  user_data)
{
  g_value_set_boolean (value, *g_variant_get_string (variant, NULL) != '\0');
  return TRUE;
}

typedef struct
{
  PepPreferencesWindow *self;
  const char           *key;
} ChooserData;

static void
on_chooser_response (GtkNativeDialog *native,
                     int              response,
                     gpointer         user_data)
{
  ChooserData *data = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

      if (path != NULL)
        g_settings_set_string (data->self->settings, data->key, path);
    }

  g_object_unref (data->self);
  g_free (data);
  g_object_unref (native);
}

static void
choose_file (PepPreferencesWindow *self,
             const char           *key,
             GtkFileChooserNative *native)
{
  ChooserData *data = g_new0 (ChooserData, 1);
  g_autofree char *current = g_settings_get_string (self->settings, key);

  if (*current != '\0')
    {
      g_autoptr(GFile) file = g_file_new_for_path (current);

      if (g_file_query_file_type (file, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY)
        gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (native), file, NULL);
      else
        gtk_file_chooser_set_file (GTK_FILE_CHOOSER (native), file, NULL);
    }

  data->self = g_object_ref (self);
  data->key = key;
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_chooser_response), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

static void
pep_preferences_window_choose_rubric (GtkWidget  *widget,
                                      const char *action_name,
                                      GVariant   *parameter)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) xml_filter = gtk_file_filter_new ();

  native = gtk_file_chooser_native_new (_("Choose a Rubric"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_OPEN, _("_Choose"), _("_Cancel"));
  gtk_file_filter_set_name (xml_filter, _("Rubrics (XML)"));
  gtk_file_filter_add_pattern (xml_filter, "*.xml");
  gtk_file_filter_add_mime_type (xml_filter, "application/xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), xml_filter);
  choose_file (self, "rubric-file", native);
}

static void
pep_preferences_window_choose_export_folder (GtkWidget  *widget,
                                             const char *action_name,
                                             GVariant   *parameter)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (widget);
  GtkFileChooserNative *native;

  native = gtk_file_chooser_native_new (_("Choose the Export Folder"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, _("_Choose"),
                                        _("_Cancel"));
  choose_file (self, "export-folder", native);
}

static void
pep_preferences_window_reset_key (GtkWidget  *widget,
                                  const char *action_name,
                                  GVariant   *parameter)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (widget);

  if (g_str_equal (action_name, "prefs.reset-rubric"))
    g_settings_reset (self->settings, "rubric-file");
  else
    g_settings_reset (self->settings, "export-folder");
}

static void
pep_preferences_window_help (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  pep_help_show (GTK_WINDOW (widget), "preferences");
}

/* Binding it all --------------------------------------------------------------------------- */

static void
bind_settings (PepPreferencesWindow *self)
{
  g_autoptr(GtkStringList) roles = gtk_string_list_new (NULL);

  for (guint i = 0; i < PEP_N_ROLES; i++)
    gtk_string_list_append (roles, pep_role_to_label (i));
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (roles));

  g_settings_bind (self->settings, "user-name", self->user_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "role", self->role_row, "selected",
                                G_SETTINGS_BIND_DEFAULT, role_get_mapping, role_set_mapping,
                                NULL, NULL);

  g_settings_bind_with_mapping (self->settings, "rubric-file", self->rubric_row, "subtitle",
                                G_SETTINGS_BIND_GET, rubric_subtitle_mapping, NULL, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "rubric-file", self->rubric_reset_button,
                                "sensitive", G_SETTINGS_BIND_GET, not_empty_mapping, NULL,
                                NULL, NULL);
  g_settings_bind (self->settings, "follow-up-days", self->follow_up_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);

  g_settings_bind_with_mapping (self->settings, "export-folder", self->export_folder_row,
                                "subtitle", G_SETTINGS_BIND_GET, export_folder_subtitle_mapping,
                                NULL, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "export-folder",
                                self->export_folder_reset_button, "sensitive",
                                G_SETTINGS_BIND_GET, not_empty_mapping, NULL, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "export-profile", self->export_profile_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, nick_get_mapping,
                                nick_set_mapping, export_profiles, NULL);

  bind_date (self, "autumn-term-start", self->autumn_start_row);
  bind_date (self, "autumn-term-end", self->autumn_end_row);
  bind_date (self, "spring-term-start", self->spring_start_row);
  bind_date (self, "spring-term-end", self->spring_end_row);
  bind_date (self, "summer-term-start", self->summer_start_row);
  bind_date (self, "summer-term-end", self->summer_end_row);
  g_settings_bind_with_mapping (self->settings, "school-closures", self->closures_row, "text",
                                G_SETTINGS_BIND_DEFAULT, closures_get_mapping,
                                closures_set_mapping, self->closures_row, NULL);

  g_settings_bind (self->settings, "school-change-days", self->school_change_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind_with_mapping (self->settings, "school-change-day-basis", self->day_basis_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, nick_get_mapping,
                                nick_set_mapping, day_bases, NULL);
  g_settings_bind (self->settings, "new-to-care-days", self->new_to_care_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  bind_date (self, "autumn-deadline", self->autumn_deadline_row);
  bind_date (self, "spring-deadline", self->spring_deadline_row);
  bind_date (self, "summer-deadline", self->summer_deadline_row);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
pep_preferences_window_constructed (GObject *object)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (pep_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));
  bind_settings (self);
}

static void
pep_preferences_window_dispose (GObject *object)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (pep_preferences_window_parent_class)->dispose (object);
}

static void
pep_preferences_window_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_preferences_window_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SETTINGS:
      g_set_object (&self->settings, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_preferences_window_class_init (PepPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = pep_preferences_window_constructed;
  object_class->dispose = pep_preferences_window_dispose;
  object_class->get_property = pep_preferences_window_get_property;
  object_class->set_property = pep_preferences_window_set_property;

  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL,
                         G_TYPE_SETTINGS,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                          G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, user_name_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, role_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, rubric_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, rubric_reset_button);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, follow_up_spin);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, export_folder_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow,
                                        export_folder_reset_button);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, export_profile_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, autumn_start_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, autumn_end_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, spring_start_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, spring_end_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, summer_start_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, summer_end_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, closures_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, school_change_spin);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, day_basis_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, new_to_care_spin);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, autumn_deadline_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, spring_deadline_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, summer_deadline_row);
  gtk_widget_class_bind_template_callback (widget_class, on_date_row_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_closures_row_changed);

  gtk_widget_class_install_action (widget_class, "prefs.choose-rubric", NULL,
                                   pep_preferences_window_choose_rubric);
  gtk_widget_class_install_action (widget_class, "prefs.reset-rubric", NULL,
                                   pep_preferences_window_reset_key);
  gtk_widget_class_install_action (widget_class, "prefs.choose-export-folder", NULL,
                                   pep_preferences_window_choose_export_folder);
  gtk_widget_class_install_action (widget_class, "prefs.reset-export-folder", NULL,
                                   pep_preferences_window_reset_key);
  gtk_widget_class_install_action (widget_class, "prefs.help", NULL,
                                   pep_preferences_window_help);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "prefs.help", NULL);
}

static void
pep_preferences_window_init (PepPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * pep_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: the app's settings, which every row is bound to
 */
PepPreferencesWindow *
pep_preferences_window_new (GtkWindow *parent,
                            GSettings *settings)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  return g_object_new (PEP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       NULL);
}

GSettings *
pep_preferences_window_get_settings (PepPreferencesWindow *self)
{
  g_return_val_if_fail (PEP_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
