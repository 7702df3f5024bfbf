/* pep-preferences-window.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Two pages. General is yours, bound to GSettings: your name and role, the export folder
 * and profile. Roles are proven, not chosen: QA officer and advisor are offered only when your
 * own key is on the file's officers list in that role today (the core's rule,
 * pep_authority_trust_proven_roles()). Authority Rules is the file's own authority profile (pep-authority.h), kept in
 * the file and shared by every copy it is sent to: each valid change of a row is saved as a
 * new profile through the working context, which every window follows. Only the Virtual
 * School's head or an administrator may change it; to everyone else it is shown read-only.
 * Dates are shown as pep_date_format() writes them and read as pep_date_parse_typed() does; a row holding something that is not a date is marked as an
 * error and the profile keeps the last good value.
 */

#define G_LOG_DOMAIN "pep-preferences-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pep-accessible.h"
#include "pep-authority-trust.h"
#include "pep-copy-owner.h"
#include "pep-field.h"
#include "pep-help.h"
#include "pep-passphrase-dialog.h"
#include "pep-preferences-window.h"
#include "pep-settings.h"
#include "pep-store-authority.h"
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

  AdwPreferencesPage   *authority_page;
  AdwPreferencesGroup  *authority_group;
  AdwPreferencesGroup  *term_dates_group;
  AdwEntryRow          *la_code_row;
  AdwEntryRow          *authority_name_row;
  AdwComboRow          *cohort_row;
  AdwComboRow          *shown_row;
  AdwComboRow          *year_row;
  GtkButton            *add_year_button;
  AdwPreferencesGroup  *closures_group;
  AdwPreferencesGroup  *deadlines_group;
  AdwPreferencesGroup  *ppplus_group;
  AdwEntryRow          *ppplus_year_row;
  AdwEntryRow          *ppplus_term_row;
  AdwEntryRow          *request_max_row;
  GtkSwitch            *needs_intervention_switch;
  GtkSwitch            *needs_outcome_switch;

  /* Owned references */
  GSettings            *settings;
  PepWorkContext       *context;

  /* Plain state */
  int                   year;       /* the academic year whose dates the rows show; 0: this one */
  GArray               *years;      /* of int: the years year_row lists, in order */
  guint                 shown;      /* which of the context's profiles the page shows (0: own) */
  GArray               *roles;      /* of PepRole: the roles role_row offers, in order */
  gboolean              filling_roles;
  gboolean              unproven_listed;  /* roles lists the setting's role, not proven */
  guint                 fill_roles_id;
  gboolean              loading;    /* rows being filled from the profile: nothing to save */
};

G_DEFINE_FINAL_TYPE (PepPreferencesWindow, pep_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

enum {
  PROP_0,
  PROP_SETTINGS,
  PROP_CONTEXT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The combo rows' items, in the order of their models. */
static const char *export_profiles[] = { "full", "carer", "pseudonymised", NULL };
static const char *cohorts[] = { "years1-11-month", "school-age-28-days", NULL };

/* Dates ------------------------------------------------------------------------------------ */

static char *
format_date (const GDate *date)
{
  return pep_date_format (date);
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
  if (!pep_date_parse_typed (stripped, &date, NULL))
    return FALSE;
  *iso = iso_date (&date);
  return TRUE;
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

/* School closures -------------------------------------------------------------------------- */

/**
 * pep_preferences_parse_closures:
 * @text: what the user typed: dates as people type them (pep_date_parse_typed()) and ranges "FIRST..LAST",
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
      if (!pep_date_parse_typed (g_strstrip (ends[0]), &first, NULL))
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

          if (!pep_date_parse_typed (g_strstrip (ends[1]), &last, NULL) || g_date_compare (&last, &first) < 0)
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
          shown = pep_date_parse_typed (ends[j], &date, NULL) ? format_date (&date) : g_strdup (ends[j]);
          g_string_append (text, shown);
        }
    }

  return g_string_free (g_steal_pointer (&text), FALSE);
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

/* Roles ------------------------------------------------------------------------------------ */

static gboolean
is_officer_role (PepRole role)
{
  return role == PEP_ROLE_QA_OFFICER || role == PEP_ROLE_ADVISOR;
}

static PepRole
settings_role (PepPreferencesWindow *self)
{
  g_autofree char *who = NULL;
  PepRole role;

  pep_settings_get_actor (self->settings, &who, &role);
  return role;
}

/* Shows the role of the settings, when role_row offers it. */
static gboolean
select_role (PepPreferencesWindow *self)
{
  PepRole role = settings_role (self);

  for (guint i = 0; i < self->roles->len; i++)
    if (g_array_index (self->roles, PepRole, i) == role)
      {
        self->filling_roles = TRUE;
        adw_combo_row_set_selected (self->role_row, i);
        self->filling_roles = FALSE;
        return TRUE;
      }
  return FALSE;
}

/* The roles to offer: every role but QA officer and advisor, and those when your key proves
 * them in this file today. The role of the settings stays listed even unproven, so that the
 * row shows what it is (the workflow refuses its steps, and says why). */
static void
fill_roles (PepPreferencesWindow *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GString) subtitle = g_string_new (NULL);
  g_autofree char *who = NULL;   /* as the working context names you: your account's if empty */
  PepRole current;
  guint proven = 0;

  pep_settings_get_actor (self->settings, &who, &current);

  if (self->context != NULL)
    proven = pep_authority_trust_proven_roles (pep_work_context_get_store (self->context), who);
  g_array_set_size (self->roles, 0);
  for (PepRole role = 0; role < PEP_N_ROLES; role++)
    if (!is_officer_role (role) || (proven & (1u << role)) != 0 || role == current)
      {
        g_array_append_val (self->roles, role);
        gtk_string_list_append (labels, pep_role_to_label (role));
      }
  self->unproven_listed = is_officer_role (current) && (proven & (1u << current)) == 0;
  self->filling_roles = TRUE;
  adw_combo_row_set_model (self->role_row, G_LIST_MODEL (labels));
  self->filling_roles = FALSE;
  select_role (self);

  if (proven == 0)
    g_string_append (subtitle, _("Your key is not on the authority’s list of officers, so you "
                                 "cannot act as QA officer or advisor"));
  else
    {
      g_string_append (subtitle, _("Decides what you may change. Proven by your key on the "
                                   "authority’s list of officers:"));
      for (PepRole role = 0; role < PEP_N_ROLES; role++)
        if ((proven & (1u << role)) != 0)
          g_string_append_printf (subtitle, " %s", pep_role_to_label (role));
    }
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->role_row), subtitle->str);
}

static void
on_role_row_selected (PepPreferencesWindow *self)
{
  guint index = adw_combo_row_get_selected (self->role_row);

  if (self->filling_roles || index >= self->roles->len)
    return;
  g_settings_set_string (self->settings, "role",
                         pep_role_to_nick (g_array_index (self->roles, PepRole, index)));
}

static gboolean
fill_roles_cb (gpointer user_data)
{
  PepPreferencesWindow *self = user_data;

  self->fill_roles_id = 0;
  fill_roles (self);
  return G_SOURCE_REMOVE;
}

/* A role not listed yet, or an unproven one left behind: the list is made again, from the
 * main loop (this may be the row's own selection, inside its handler). */
static void
on_role_setting_changed (PepPreferencesWindow *self)
{
  if ((!select_role (self) || self->unproven_listed) && self->fill_roles_id == 0)
    self->fill_roles_id = g_idle_add (fill_roles_cb, self);
}

/* Files and folders ------------------------------------------------------------------------ */

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

/* The authority's rules ------------------------------------------------------------------- */

static void
show_toast (PepPreferencesWindow *self,
            const char           *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (escaped));
  pep_accessible_announce (GTK_WIDGET (self), text);
}

static void load_profile (PepPreferencesWindow *self);

/* Saves @profile as the file's own, when it differs from what is saved. */
static void
save_profile (PepPreferencesWindow *self,
              PepAuthority         *profile)
{
  g_autofree char *before = pep_authority_to_xml (pep_work_context_get_own (self->context), FALSE);
  g_autofree char *after = pep_authority_to_xml (profile, FALSE);
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (before, after) == 0)
    return;
  self->loading = TRUE;
  if (!pep_work_context_save_own (self->context, profile, &error))
    show_toast (self, error->message);
  self->loading = FALSE;
  /* Saved unsigned because the authority's key is sealed: asked once per change until it
   * is typed (then kept for the session, and every later change is signed at once). */
  if (error == NULL && pep_work_context_needs_authority_passphrase (self->context))
    pep_passphrase_dialog_ask_authority_key (GTK_WIDGET (self), self->context, "prefs.sign-rules");
  /* What was saved, as the rows show it (a row as typed is left as it is). */
  load_profile (self);
}

static AdwEntryRow *
term_row (PepPreferencesWindow *self,
          PepTerm               term,
          guint                 which)   /* 0 first, 1 last, 2 deadline */
{
  AdwEntryRow *rows[PEP_N_TERMS][3] = {
    { self->autumn_start_row, self->autumn_end_row, self->autumn_deadline_row },
    { self->spring_start_row, self->spring_end_row, self->spring_deadline_row },
    { self->summer_start_row, self->summer_end_row, self->summer_deadline_row },
  };

  return rows[term][which];
}

/* Shows @date (or nothing) in @row, unless the row already says that date as typed. */
static void
show_date (AdwEntryRow *row,
           const GDate *date)
{
  g_autofree char *shown_iso = NULL;
  g_autofree char *iso = g_date_valid (date) ? iso_date (date) : g_strdup ("");
  g_autofree char *text = g_date_valid (date) ? format_date (date) : g_strdup ("");

  if (parse_optional_date (gtk_editable_get_text (GTK_EDITABLE (row)), &shown_iso)
      && g_strcmp0 (shown_iso, iso) == 0)
    return;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  set_row_valid (row, TRUE);
}

/* The profile the page shows: the file's own, or one it received (a school's copy). */
static PepAuthority *
shown_profile (PepPreferencesWindow *self)
{
  GPtrArray *all = pep_work_context_get_authorities (self->context);

  return g_ptr_array_index (all, MIN (self->shown, all->len - 1));
}

/* Only the file's own rules, and only by the people who may set them. */
static gboolean
shown_editable (PepPreferencesWindow *self)
{
  return self->shown == 0 && pep_work_context_can_edit_rules (self->context);
}

/* Replaces @row's list with @labels when it says something else, keeping @selected. */
static void
set_choices (AdwComboRow *row,
             GStrv        labels,
             guint        selected)
{
  GListModel *model = adw_combo_row_get_model (row);
  gboolean same = model != NULL && g_list_model_get_n_items (model) == g_strv_length (labels);

  for (guint i = 0; same && labels[i] != NULL; i++)
    same = g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), labels[i]);
  if (!same)
    {
      g_autoptr(GtkStringList) list = gtk_string_list_new ((const char * const *) labels);

      adw_combo_row_set_model (row, G_LIST_MODEL (list));
    }
  adw_combo_row_set_selected (row, selected);
}

static int
compare_years (gconstpointer a,
               gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The years to choose from: those the profile sets, this one, and the one being shown. */
static void
list_years (PepPreferencesWindow *self,
            PepAuthority         *profile,
            int                   this_year)
{
  g_autoptr(GArray) set = pep_authority_get_years (profile);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;
  int wanted[] = { this_year, self->year };
  guint selected = 0;

  g_array_set_size (self->years, 0);
  g_array_append_vals (self->years, set->data, set->len);
  for (guint w = 0; w < G_N_ELEMENTS (wanted); w++)
    {
      gboolean found = FALSE;

      for (guint i = 0; i < self->years->len; i++)
        found |= g_array_index (self->years, int, i) == wanted[w];
      if (!found)
        g_array_append_val (self->years, wanted[w]);
    }
  g_array_sort (self->years, compare_years);
  for (guint i = 0; i < self->years->len; i++)
    {
      g_autofree char *name = pep_academic_year_format (g_array_index (self->years, int, i));

      g_strv_builder_add (labels, name);
      if (g_array_index (self->years, int, i) == self->year)
        selected = i;
    }
  strv = g_strv_builder_end (labels);
  set_choices (self->year_row, strv, selected);
}

/* The profiles to choose from: the file's own first, then those it received. */
static void
list_profiles (PepPreferencesWindow *self,
               gboolean              school)
{
  GPtrArray *all = pep_work_context_get_authorities (self->context);
  g_autoptr(GStrvBuilder) labels = g_strv_builder_new ();
  g_auto(GStrv) strv = NULL;

  for (guint i = 0; i < all->len; i++)
    {
      g_autofree char *name = pep_authority_describe (g_ptr_array_index (all, i));

      /* A school's own are no authority's: what counts a child whose rules it has not got. */
      if (i == 0 && school)
        g_strv_builder_add (labels, _("Any other authority: England’s usual pattern"));
      else
        g_strv_builder_add (labels, name);
    }
  strv = g_strv_builder_end (labels);
  self->shown = MIN (self->shown, all->len - 1);
  set_choices (self->shown_row, strv, self->shown);
  gtk_widget_set_visible (GTK_WIDGET (self->shown_row), all->len > 1 || school);
}

static char *
money_text (gint64 pence)
{
  return pence > 0 ? pep_money_format (pence) : g_strdup ("");
}

static void
show_money (AdwEntryRow *row,
            gint64       pence)
{
  gint64 shown = 0;
  g_autofree char *text = money_text (pence);
  const char *typed = gtk_editable_get_text (GTK_EDITABLE (row));

  if ((*typed == '\0' && pence <= 0) || (pep_money_parse (typed, &shown) && shown == pence))
    return;
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  set_row_valid (row, TRUE);
}

/* Fills the rows from the profile shown (the file's own, unless a received one is chosen). */
static void
load_profile (PepPreferencesWindow *self)
{
  PepAuthority *own = NULL;
  gboolean editable;
  g_auto(GStrv) closures = NULL;
  g_auto(GStrv) shown_closures = NULL;
  g_autofree char *year_name = NULL;
  g_autofree char *title = NULL;
  g_autoptr(PepCopyOwner) owner = pep_store_get_owner (pep_work_context_get_store (self->context), NULL);
  gboolean school = owner != NULL && owner->kind == PEP_COPY_SCHOOL;
  gboolean owned_authority = owner != NULL && owner->kind == PEP_COPY_AUTHORITY;
  PepRubric *rubric;
  AdwPreferencesGroup *groups[] = { self->authority_group, self->term_dates_group, self->ppplus_group };
  GDate today;
  PepTermId now;

  self->loading = TRUE;
  list_profiles (self, school);
  own = shown_profile (self);
  editable = shown_editable (self);
  rubric = pep_authority_get_rubric (own);
  g_date_clear (&today, 1);
  g_date_set_time_t (&today, time (NULL));
  pep_authority_term_for_date (own, &today, &now);
  if (self->year == 0)
    self->year = now.year;
  list_years (self, own, now.year);
  year_name = pep_academic_year_format (self->year);
  /* Translators: the school closures of an academic year, like "School Closures 2025/26" */
  title = g_strdup_printf (_("School Closures %s"), year_name);
  adw_preferences_group_set_title (self->closures_group, title);
  g_free (title);
  /* Translators: like "Termly Deadlines 2025/26" */
  title = g_strdup_printf (_("Termly Deadlines %s"), year_name);
  adw_preferences_group_set_title (self->deadlines_group, title);
  adw_preferences_group_set_description (self->authority_group,
                                         editable ? _("The rules of the authority whose Virtual School keeps this file. They go with every export to schools, who rate and count its children by them.")
                                         : school ? _("The rules each authority sent with its Virtual School’s exports, for its children: this copy shows them and cannot change them.")
                                                  : _("Set by the Virtual School: only its headteacher or an administrator may change them."));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.add-year", editable);

  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->la_code_row)),
                 pep_authority_get_la_code (own) ? pep_authority_get_la_code (own) : "") != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->la_code_row),
                           pep_authority_get_la_code (own) ? pep_authority_get_la_code (own) : "");
  if (g_strcmp0 (gtk_editable_get_text (GTK_EDITABLE (self->authority_name_row)),
                 pep_authority_get_name (own)) != 0)
    gtk_editable_set_text (GTK_EDITABLE (self->authority_name_row), pep_authority_get_name (own));
  adw_combo_row_set_selected (self->cohort_row,
                              g_strcmp0 (pep_authority_get_cohort (own), cohorts[1]) == 0 ? 1 : 0);
  show_money (self->ppplus_year_row, pep_authority_get_ppplus_pence (own));
  show_money (self->ppplus_term_row, pep_authority_get_ppplus_term_pence (own));
  show_money (self->request_max_row, pep_authority_get_request_max_pence (own));
  gtk_switch_set_active (self->needs_intervention_switch,
                         (pep_authority_get_request_needs (own) & PEP_REQUEST_NEEDS_INTERVENTION) != 0);
  gtk_switch_set_active (self->needs_outcome_switch,
                         (pep_authority_get_request_needs (own) & PEP_REQUEST_NEEDS_EXPECTED_OUTCOME) != 0);

  for (PepTerm t = PEP_TERM_AUTUMN; t < PEP_N_TERMS; t++)
    {
      PepTermId id = { self->year, t };
      GDate first, last, deadline;

      pep_authority_get_term (own, &id, &first, &last, &deadline);
      show_date (term_row (self, t, 0), &first);
      show_date (term_row (self, t, 1), &last);
      show_date (term_row (self, t, 2), &deadline);
    }
  closures = pep_authority_get_closures (own, self->year);
  if (!pep_preferences_parse_closures (gtk_editable_get_text (GTK_EDITABLE (self->closures_row)),
                                       &shown_closures)
      || !g_strv_equal ((const char * const *) shown_closures, (const char * const *) closures))
    {
      g_autofree char *text = format_closures ((const char * const *) closures);

      gtk_editable_set_text (GTK_EDITABLE (self->closures_row), text);
      set_row_valid (self->closures_row, TRUE);
    }

  gtk_spin_button_set_value (self->school_change_spin, pep_authority_get_school_change_days (own));
  adw_combo_row_set_selected (self->day_basis_row, pep_authority_get_school_change_basis (own));
  gtk_spin_button_set_value (self->new_to_care_spin, pep_authority_get_new_to_care_days (own));
  gtk_spin_button_set_value (self->follow_up_spin, pep_authority_get_follow_up_days (own));
  adw_action_row_set_subtitle (self->rubric_row, pep_rubric_translate (pep_rubric_get_title (rubric)));
  gtk_widget_set_sensitive (GTK_WIDGET (self->rubric_reset_button),
                            editable && g_strcmp0 (pep_rubric_get_id (rubric), "default") != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "prefs.choose-rubric", editable);

  /* Read-only to all but the Virtual School's head or an administrator. */
  for (guint i = 0; i < G_N_ELEMENTS (groups); i++)
    gtk_widget_set_sensitive (GTK_WIDGET (groups[i]), editable || i < 2);
  /* The choice of profile and of year stays open to all; who the authority is, to nobody in
   * a Virtual School's copy (it is the copy's owner). */
  gtk_widget_set_sensitive (GTK_WIDGET (self->la_code_row), editable && !owned_authority);
  gtk_widget_set_sensitive (GTK_WIDGET (self->authority_name_row), editable && !owned_authority);
  gtk_widget_set_sensitive (GTK_WIDGET (self->cohort_row), editable);
  for (PepTerm t = PEP_TERM_AUTUMN; t < PEP_N_TERMS; t++)
    for (guint w = 0; w < 2; w++)
      gtk_widget_set_sensitive (GTK_WIDGET (term_row (self, t, w)), editable);
  for (PepTerm t = PEP_TERM_AUTUMN; t < PEP_N_TERMS; t++)
    gtk_widget_set_sensitive (GTK_WIDGET (term_row (self, t, 2)), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->closures_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->school_change_spin), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->day_basis_row), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->new_to_care_spin), editable);
  gtk_widget_set_sensitive (GTK_WIDGET (self->follow_up_spin), editable);
  self->loading = FALSE;
}

/* A date row's date: %NULL when empty; FALSE when it is not a date. */
static gboolean
row_date (AdwEntryRow *row,
          GDate       *date,
          gboolean    *has)
{
  g_autofree char *iso = NULL;
  gboolean ok = parse_optional_date (gtk_editable_get_text (GTK_EDITABLE (row)), &iso);

  set_row_valid (row, ok);
  *has = ok && *iso != '\0' && pep_date_parse (iso, date);
  return ok;
}

/* The profile as the rows say it; NULL while a row holds something it cannot take (marked). */
static PepAuthority *
profile_from_rows (PepPreferencesWindow *self)
{
  g_autoptr(PepAuthority) profile = pep_authority_copy (pep_work_context_get_own (self->context));
  g_autofree char *code = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->la_code_row))));
  g_auto(GStrv) closures = NULL;
  gboolean ok = TRUE;
  gint64 year_pence = 0, term_pence = 0, request_pence = 0;
  const char *year_text = gtk_editable_get_text (GTK_EDITABLE (self->ppplus_year_row));
  const char *term_text = gtk_editable_get_text (GTK_EDITABLE (self->ppplus_term_row));
  const char *request_text = gtk_editable_get_text (GTK_EDITABLE (self->request_max_row));
  gboolean money_ok[3];

  if (self->shown != 0)
    return NULL;
  money_ok[0] = pep_money_parse (year_text, &year_pence)
                && pep_authority_set_ppplus_pence (profile, year_pence, NULL);
  money_ok[1] = *term_text == '\0' || (pep_money_parse (term_text, &term_pence) && term_pence >= 0);
  money_ok[2] = *request_text == '\0' || (pep_money_parse (request_text, &request_pence) && request_pence >= 0);
  set_row_valid (self->ppplus_year_row, money_ok[0]);
  set_row_valid (self->ppplus_term_row, money_ok[1]);
  set_row_valid (self->request_max_row, money_ok[2]);
  if (!money_ok[0] || !money_ok[1] || !money_ok[2]
      || !pep_authority_set_ppplus_rules (profile, term_pence, request_pence,
                                          (gtk_switch_get_active (self->needs_intervention_switch)
                                           ? PEP_REQUEST_NEEDS_INTERVENTION : 0)
                                          | (gtk_switch_get_active (self->needs_outcome_switch)
                                             ? PEP_REQUEST_NEEDS_EXPECTED_OUTCOME : 0), NULL))
    ok = FALSE;

  set_row_valid (self->la_code_row, pep_authority_set_la_code (profile, *code ? code : NULL, NULL));
  ok = !gtk_widget_has_css_class (GTK_WIDGET (self->la_code_row), "error");
  pep_authority_set_name (profile, gtk_editable_get_text (GTK_EDITABLE (self->authority_name_row)));
  pep_authority_set_cohort (profile, cohorts[MIN (adw_combo_row_get_selected (self->cohort_row), 1)], NULL);

  for (PepTerm t = PEP_TERM_AUTUMN; t < PEP_N_TERMS; t++)
    {
      PepTermId id = { self->year, t };
      GDate dates[3];
      gboolean has[3], rows_ok = TRUE;

      for (guint i = 0; i < 3; i++)
        rows_ok &= row_date (term_row (self, t, i), &dates[i], &has[i]);
      if (!rows_ok)
        {
          ok = FALSE;
          continue;
        }
      if (!pep_authority_set_term (profile, &id, has[0] ? &dates[0] : NULL, has[1] ? &dates[1] : NULL,
                                   has[2] ? &dates[2] : NULL, NULL))
        {
          /* Out of the year, or ending before it starts: the rows say so. */
          for (guint i = 0; i < 3; i++)
            set_row_valid (term_row (self, t, i), !has[i]);
          ok = FALSE;
        }
    }
  if (!pep_preferences_parse_closures (gtk_editable_get_text (GTK_EDITABLE (self->closures_row)), &closures)
      || !pep_authority_set_closures (profile, self->year, (const char * const *) closures, NULL))
    {
      set_row_valid (self->closures_row, FALSE);
      ok = FALSE;
    }
  else
    set_row_valid (self->closures_row, TRUE);

  pep_authority_set_days (profile,
                          (guint) gtk_spin_button_get_value_as_int (self->new_to_care_spin),
                          pep_authority_get_new_to_care_basis (profile),
                          (guint) gtk_spin_button_get_value_as_int (self->school_change_spin),
                          MIN (adw_combo_row_get_selected (self->day_basis_row), PEP_DAYS_SCHOOL),
                          (guint) gtk_spin_button_get_value_as_int (self->follow_up_spin), NULL);
  return ok ? g_steal_pointer (&profile) : NULL;
}

static void
on_rule_row_changed (PepPreferencesWindow *self)
{
  g_autoptr(PepAuthority) profile = NULL;

  if (self->loading || self->context == NULL)
    return;
  if ((profile = profile_from_rows (self)) != NULL)
    save_profile (self, profile);
}

static void
on_shown_selected (PepPreferencesWindow *self)
{
  if (self->loading || self->context == NULL)
    return;
  self->shown = adw_combo_row_get_selected (self->shown_row);
  load_profile (self);
}

static void
on_year_selected (PepPreferencesWindow *self)
{
  guint i = adw_combo_row_get_selected (self->year_row);

  if (self->loading || self->context == NULL || i >= self->years->len)
    return;
  self->year = g_array_index (self->years, int, i);
  load_profile (self);
}

/**
 * pep_preferences_window_add_year:
 *
 * Adds the academic year after the last one listed, its terms set from England's usual
 * pattern (so they show and can be changed), and shows it. What "Add Year" does.
 */
void
pep_preferences_window_add_year (PepPreferencesWindow *self)
{
  g_autoptr(PepAuthority) profile = NULL;
  int year;

  g_return_if_fail (PEP_IS_PREFERENCES_WINDOW (self));

  if (self->context == NULL || !shown_editable (self) || self->years->len == 0)
    return;
  year = g_array_index (self->years, int, self->years->len - 1) + 1;
  profile = pep_authority_copy (pep_work_context_get_own (self->context));
  for (PepTerm t = PEP_TERM_AUTUMN; t < PEP_N_TERMS; t++)
    {
      PepTermId id = { year, t };
      GDate first, last;

      pep_term_school_bounds (&id, &first, &last);
      pep_authority_set_term (profile, &id, &first, &last, NULL, NULL);
    }
  self->year = year;
  save_profile (self, profile);
}

static void
pep_preferences_window_add_year_action (GtkWidget  *widget,
                                        const char *action_name,
                                        GVariant   *parameter)
{
  pep_preferences_window_add_year (PEP_PREFERENCES_WINDOW (widget));
}

/* Shows another academic year's dates (for tests: what choosing it in the list does). */
void
pep_preferences_window_show_year (PepPreferencesWindow *self,
                                  int                   year)
{
  g_return_if_fail (PEP_IS_PREFERENCES_WINDOW (self));

  self->year = year;
  if (self->context != NULL)
    load_profile (self);
}

static void
on_context_changed (PepPreferencesWindow *self)
{
  if (!self->loading)
    load_profile (self);
}

static void
on_rubric_chosen (GtkNativeDialog *native,
                  int              response,
                  gpointer         user_data)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (user_data);

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autoptr(PepAuthority) profile = pep_authority_copy (pep_work_context_get_own (self->context));
      g_autoptr(GError) error = NULL;
      g_autofree char *data = NULL;
      gsize length;

      if (file != NULL
          && (!g_file_load_contents (file, NULL, &data, &length, NULL, &error)
              || !pep_authority_set_rubric_xml (profile, data, length, &error)))
        show_toast (self, error->message);
      else if (file != NULL)
        save_profile (self, profile);
    }
  g_object_unref (native);
  g_object_unref (self);
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
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  g_signal_connect (native, "response", G_CALLBACK (on_rubric_chosen), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/**
 * pep_preferences_window_set_rubric:
 * @xml: (nullable): a rubric document, or %NULL for the built-in rubric
 *
 * What choosing a rubric file (or resetting it) does, for tests: the file's own profile
 * takes the rubric, validated as any rubric is.
 */
gboolean
pep_preferences_window_set_rubric (PepPreferencesWindow  *self,
                                   const char            *xml,
                                   GError               **error)
{
  g_autoptr(PepAuthority) profile = NULL;
  g_autoptr(PepAuthority) builtin = pep_authority_new ();
  const char *rubric;

  g_return_val_if_fail (PEP_IS_PREFERENCES_WINDOW (self), FALSE);
  g_return_val_if_fail (self->context != NULL, FALSE);

  rubric = xml ? xml : pep_authority_get_rubric_xml (builtin);
  profile = pep_authority_copy (pep_work_context_get_own (self->context));
  if (!pep_authority_set_rubric_xml (profile, rubric, strlen (rubric), error))
    return FALSE;
  save_profile (self, profile);
  return TRUE;
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
    pep_preferences_window_set_rubric (self, NULL, NULL);
  else
    g_settings_reset (self->settings, "export-folder");
}

/* The passphrase dialog's answer: TRUE, the key is open and the rules are signed now. */
static void
pep_preferences_window_sign_rules (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (!g_variant_get_boolean (parameter))
    show_toast (self, _("The rules are saved but not signed: schools will refuse them until "
                        "they are. Change them again to be asked for the passphrase."));
  else if (!pep_work_context_sign_own (self->context, &error))
    show_toast (self, error->message);
  else
    show_toast (self, _("The rules are signed"));
  load_profile (self);
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
  g_settings_bind (self->settings, "user-name", self->user_name_row, "text",
                   G_SETTINGS_BIND_DEFAULT);
  /* The roles offered follow your name (whose key), the setting and the file's list. */
  fill_roles (self);
  g_signal_connect_object (self->role_row, "notify::selected", G_CALLBACK (on_role_row_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::role", G_CALLBACK (on_role_setting_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::user-name", G_CALLBACK (fill_roles), self,
                           G_CONNECT_SWAPPED);
  if (self->context != NULL)
    g_signal_connect_object (self->context, "changed", G_CALLBACK (fill_roles), self,
                             G_CONNECT_SWAPPED);

  g_settings_bind_with_mapping (self->settings, "export-folder", self->export_folder_row,
                                "subtitle", G_SETTINGS_BIND_GET, export_folder_subtitle_mapping,
                                NULL, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "export-folder",
                                self->export_folder_reset_button, "sensitive",
                                G_SETTINGS_BIND_GET, not_empty_mapping, NULL, NULL, NULL);
  g_settings_bind_with_mapping (self->settings, "export-profile", self->export_profile_row,
                                "selected", G_SETTINGS_BIND_DEFAULT, nick_get_mapping,
                                nick_set_mapping, export_profiles, NULL);

}

/* The authority page follows the file's own profile, and changes it when you may. */
static void
bind_profile (PepPreferencesWindow *self)
{
  GtkWidget *spins[] = {
    GTK_WIDGET (self->school_change_spin), GTK_WIDGET (self->new_to_care_spin),
    GTK_WIDGET (self->follow_up_spin),
  };

  gtk_widget_set_visible (GTK_WIDGET (self->authority_page), self->context != NULL);
  if (self->context == NULL)
    return;
  /* A school's copy opens on the first authority whose rules it received. */
  {
    g_autoptr(PepCopyOwner) owner = pep_store_get_owner (pep_work_context_get_store (self->context), NULL);

    if (owner != NULL && owner->kind == PEP_COPY_SCHOOL
        && pep_work_context_get_authorities (self->context)->len > 1)
      self->shown = 1;
  }
  load_profile (self);
  g_signal_connect_object (self->context, "changed", G_CALLBACK (on_context_changed), self,
                           G_CONNECT_SWAPPED);
  for (guint i = 0; i < G_N_ELEMENTS (spins); i++)
    g_signal_connect_object (spins[i], "value-changed", G_CALLBACK (on_rule_row_changed), self,
                             G_CONNECT_SWAPPED);
  g_signal_connect_object (self->day_basis_row, "notify::selected", G_CALLBACK (on_rule_row_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->cohort_row, "notify::selected", G_CALLBACK (on_rule_row_changed),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->shown_row, "notify::selected", G_CALLBACK (on_shown_selected),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->year_row, "notify::selected", G_CALLBACK (on_year_selected),
                           self, G_CONNECT_SWAPPED);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
pep_preferences_window_constructed (GObject *object)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (object);

  G_OBJECT_CLASS (pep_preferences_window_parent_class)->constructed (object);

  g_return_if_fail (G_IS_SETTINGS (self->settings));
  bind_settings (self);
  bind_profile (self);
}

static void
pep_preferences_window_dispose (GObject *object)
{
  PepPreferencesWindow *self = PEP_PREFERENCES_WINDOW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_PREFERENCES_WINDOW);

  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_pointer (&self->years, g_array_unref);
  g_clear_pointer (&self->roles, g_array_unref);
  g_clear_handle_id (&self->fill_roles_id, g_source_remove);

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
    case PROP_CONTEXT:
      g_value_set_object (value, self->context);
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
    case PROP_CONTEXT:
      g_set_object (&self->context, g_value_get_object (value));
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
  properties[PROP_CONTEXT] =
    g_param_spec_object ("context", NULL, NULL,
                         PEP_TYPE_WORK_CONTEXT,
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
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, authority_page);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, authority_group);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, term_dates_group);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, la_code_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, authority_name_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, shown_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, year_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, add_year_button);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, closures_group);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, deadlines_group);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, ppplus_group);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, ppplus_year_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, ppplus_term_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, request_max_row);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, needs_intervention_switch);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, needs_outcome_switch);
  gtk_widget_class_bind_template_child (widget_class, PepPreferencesWindow, cohort_row);
  gtk_widget_class_bind_template_callback (widget_class, on_rule_row_changed);

  gtk_widget_class_install_action (widget_class, "prefs.add-year", NULL,
                                   pep_preferences_window_add_year_action);
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
  gtk_widget_class_install_action (widget_class, "prefs.sign-rules", "b",
                                   pep_preferences_window_sign_rules);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "prefs.help", NULL);
}

static void
pep_preferences_window_init (PepPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  self->years = g_array_new (FALSE, FALSE, sizeof (int));
  self->roles = g_array_new (FALSE, FALSE, sizeof (PepRole));
}

/**
 * pep_preferences_window_new:
 * @parent: (nullable): the window it belongs to
 * @settings: the app's settings, which the General page is bound to
 * @context: (nullable): the working context of the file open, whose own authority profile
 *   the Authority Rules page shows; %NULL: no such page
 */
PepPreferencesWindow *
pep_preferences_window_new (GtkWindow      *parent,
                            GSettings      *settings,
                            PepWorkContext *context)
{
  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (context == NULL || PEP_IS_WORK_CONTEXT (context), NULL);

  return g_object_new (PEP_TYPE_PREFERENCES_WINDOW,
                       "transient-for", parent,
                       "settings", settings,
                       "context", context,
                       NULL);
}

GSettings *
pep_preferences_window_get_settings (PepPreferencesWindow *self)
{
  g_return_val_if_fail (PEP_IS_PREFERENCES_WINDOW (self), NULL);

  return self->settings;
}
