/* pep-exchange-dialog.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export: the profile, term and states → a file → a worker counts what would be exported
 * (a query; a pseudonymised export is written in memory, for its k)
 * → the summary → the worker exports → the result. Import: a file → a worker makes a dry
 * run → the summary, with every conflict and its reason → the worker imports → the result,
 * and "imported" so that the main window reloads. Each worker opens its own PepStore on the
 * file: the window's store is only ever used on the main thread.
 *
 * An import is checked by the authority trust, as pepctl's is (pep-authority-trust.h): the
 * sending authority's profile must be signed by its pinned key. A key not pinned yet (the
 * authority's, a school's designated teacher's) is listed by the dry run with its
 * fingerprint, to be confirmed with its owner; Import waits until the person ticks that they
 * have, and only the fingerprints shown are accepted by the import.
 */

#define G_LOG_DOMAIN "pepstudio"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pep-accessible.h"
#include "pep-authority-trust.h"
#include "pep-exchange-dialog.h"
#include "pep-privacy.h"
#include "pep-settings.h"
#include "pep-signature.h"
#include "pep-store.h"
#include "pep-term.h"
#include "pep-xml-export.h"
#include "pep-xml-import.h"

#define RESOURCE_BASE "/io/github/pepstudio/PepStudio"
#define N_TERMS       9

typedef enum
{
  MODE_EXPORT,
  MODE_IMPORT,
} Mode;

typedef enum
{
  STEP_COUNT,     /* export: what would be exported, nothing written */
  STEP_EXPORT,
  STEP_DRY_RUN,
  STEP_IMPORT,
} Step;

struct _PepExchangeDialog
{
  AdwWindow             parent_instance;

  AdwWindowTitle       *window_title;
  GtkStack             *stack;
  AdwComboRow          *profile_row;
  AdwComboRow          *term_row;
  GtkSwitch            *signed_switch;
  GtkLabel             *working_label;
  GtkProgressBar       *progress_bar;
  GtkLabel             *summary_title;
  GtkLabel             *summary_label;
  GtkScrolledWindow    *conflicts_window;
  GtkListView          *conflicts_view;
  GtkButton            *confirm_button;
  GtkCheckButton       *identity_check;
  GtkWidget            *keys_box;
  GtkLabel             *keys_label;
  GtkCheckButton       *keys_check;
  AdwStatusPage        *result_page;

  GtkFileChooserNative *chooser;
  GSettings            *settings;
  GCancellable         *cancellable;
  PepWorkContext       *context;       /* the file's: reloaded after an import */

  Mode                  mode;
  char                 *db_path;
  char                 *file_path;
  PepTermId             terms[N_TERMS];
  char                 *summary;
  char                 *result;
  GStrv                 keys_to_confirm; /* fingerprints the last dry run showed */
  gboolean              succeeded;
  gboolean              busy;
  gboolean              can_confirm;   /* the summary has something to do */
  guint                 pulse_id;
};

G_DEFINE_FINAL_TYPE (PepExchangeDialog, pep_exchange_dialog, ADW_TYPE_WINDOW)

enum {
  IMPORTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

typedef struct
{
  Step                 step;
  char                *db_path;
  char                *file_path;
  PepXmlExportOptions  options;
  gboolean             accept_identity;
  GStrv                accepted_keys;  /* fingerprints the person confirmed */
} Job;

typedef struct
{
  guint               n_exported;
  PepXmlImportReport *report;
  char               *authority_key;   /* the authority's key, when it wants confirming */
  char               *authority_name;
  char               *authority_subject;
  gboolean            authority_replaces;
} JobResult;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->db_path);
  g_free (job->file_path);
  g_clear_pointer (&job->options.time, g_date_time_unref);
  g_strfreev (job->accepted_keys);
  g_free (job);
}

static void
job_result_free (gpointer data)
{
  JobResult *result = data;

  g_clear_pointer (&result->report, pep_xml_import_report_free);
  g_free (result->authority_key);
  g_free (result->authority_name);
  g_free (result->authority_subject);
  g_free (result);
}

/* The authority trust on the worker's own store, as pepctl import makes it: the dry run
 * takes a key not pinned yet for its own run (rolled back) and says which it was; the import
 * pins only the keys the person confirmed. */
static gboolean
import_with_trust (PepStore   *store,
                   Job        *job,
                   JobResult  *result,
                   GError    **error)
{
  g_autoptr(PepAuthorityTrust) trust = pep_authority_trust_new (store);
  gboolean dry_run = job->step == STEP_DRY_RUN;
  const char *pending;

  for (guint i = 0; job->accepted_keys != NULL && job->accepted_keys[i] != NULL; i++)
    pep_authority_trust_accept_key (trust, job->accepted_keys[i]);
  pep_authority_trust_set_provisional (trust, dry_run);
  result->report = pep_xml_import_file_full (store, job->file_path,
                                             (dry_run ? PEP_XML_IMPORT_DRY_RUN
                                                      : PEP_XML_IMPORT_DEFAULT)
                                             | (job->accept_identity
                                                ? PEP_XML_IMPORT_ACCEPT_IDENTITY : 0),
                                             pep_authority_trust_verify, trust,
                                             (const char * const *) job->accepted_keys, error);
  if (result->report == NULL)
    return FALSE;
  if (dry_run && (pending = pep_authority_trust_get_pending (trust, &result->authority_replaces)))
    {
      result->authority_key = g_strdup (pending);
      result->authority_name = g_strdup (pep_authority_trust_get_pending_name (trust));
      result->authority_subject = g_strdup (pep_authority_trust_get_pending_subject (trust));
    }
  return TRUE;
}

/* The worker: its own store, never the window's. */
static void
job_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  Job *job = task_data;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  JobResult *result = g_new0 (JobResult, 1);
  gboolean ok = FALSE;

  store = pep_store_open (job->db_path, PEP_STORE_OPEN_DEFAULT, &error);
  if (store != NULL)
    {
      switch (job->step)
        {
        case STEP_COUNT:
          /* A count is a query, with a pseudonymised document's re-identification check
           * (which belongs in the summary before anyone confirms): nothing is written. */
          job->options.record_sync = FALSE;
          ok = pep_xml_export_count (store, &job->options, &result->n_exported, &error);
          break;
        case STEP_EXPORT:
          job->options.record_sync = TRUE;
          ok = pep_xml_export (store, &job->options, job->file_path, &result->n_exported, &error);
          break;
        case STEP_DRY_RUN:
        case STEP_IMPORT:
          ok = import_with_trust (store, job, result, &error);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  if (!ok)
    {
      job_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, job_result_free);
}

static gboolean
pulse_cb (gpointer user_data)
{
  PepExchangeDialog *self = user_data;

  gtk_progress_bar_pulse (self->progress_bar);
  return G_SOURCE_CONTINUE;
}

static void
set_busy (PepExchangeDialog *self,
          gboolean           busy,
          const char        *what)
{
  self->busy = busy;
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  if (busy)
    {
      gtk_label_set_text (self->working_label, what);
      gtk_progress_bar_set_fraction (self->progress_bar, 0.0);
      gtk_stack_set_visible_child_name (self->stack, "working");
      self->pulse_id = g_timeout_add (100, pulse_cb, self);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "exchange.choose", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "exchange.confirm", !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "window.close", !busy);
  gtk_window_set_deletable (GTK_WINDOW (self), !busy);
}

static void
show_result (PepExchangeDialog *self,
             gboolean           succeeded,
             const char        *title,
             const char        *description)
{
  self->succeeded = succeeded;
  g_free (self->result);
  self->result = g_strdup (description);
  adw_status_page_set_icon_name (self->result_page, succeeded ? "emblem-ok-symbolic"
                                                              : "dialog-error-symbolic");
  adw_status_page_set_title (self->result_page, title);
  adw_status_page_set_description (self->result_page, description);
  gtk_stack_set_visible_child_name (self->stack, "result");
}

/* A child's identity changes only when the person importing has ticked that they checked
 * the changes listed; a key is trusted only when they ticked that they confirmed its
 * fingerprint with its owner. */
static void
update_confirm (PepExchangeDialog *self)
{
  gboolean identity = gtk_widget_get_visible (GTK_WIDGET (self->identity_check));
  gboolean keys = gtk_widget_get_visible (self->keys_box);

  gtk_widget_set_sensitive (GTK_WIDGET (self->confirm_button),
                            self->can_confirm
                            && (!identity || gtk_check_button_get_active (self->identity_check))
                            && (!keys || gtk_check_button_get_active (self->keys_check)));
}

static void
on_identity_check_toggled (PepExchangeDialog *self)
{
  update_confirm (self);
}

static void
on_keys_check_toggled (PepExchangeDialog *self)
{
  update_confirm (self);
}

static void
show_summary (PepExchangeDialog *self,
              const char        *title,
              const char        *text,
              const char        *confirm_label,
              gboolean           can_confirm,
              GListModel        *conflicts)
{
  g_autoptr(GtkNoSelection) selection = NULL;

  g_free (self->summary);
  self->summary = g_strdup (text);
  gtk_label_set_text (self->summary_title, title);
  gtk_label_set_text (self->summary_label, text);
  gtk_button_set_label (self->confirm_button, confirm_label);
  self->can_confirm = can_confirm;
  update_confirm (self);
  selection = gtk_no_selection_new (conflicts ? g_object_ref (conflicts) : NULL);
  gtk_list_view_set_model (self->conflicts_view, GTK_SELECTION_MODEL (selection));
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_window),
                          conflicts != NULL && g_list_model_get_n_items (conflicts) > 0);
  gtk_stack_set_visible_child_name (self->stack, "summary");
  gtk_widget_grab_focus (GTK_WIDGET (self->confirm_button));
}

/* Export ----------------------------------------------------------------------------------- */

/* The role in the preferences decides what may leave the building (docs/privacy.md): a
 * carer is offered the carer copy only. */
static PepRole
acting_role (PepExchangeDialog *self)
{
  g_autofree char *name = NULL;
  PepRole role;

  pep_settings_get_actor (self->settings, &name, &role);
  return role;
}

static void
limit_profiles_to_role (PepExchangeDialog *self)
{
  PepRole role = acting_role (self);

  if (pep_privacy_role_may_use (role, adw_combo_row_get_selected (self->profile_row))
      && pep_privacy_role_may_use (role, PEP_XML_PROFILE_FULL))
    return;
  adw_combo_row_set_selected (self->profile_row, pep_privacy_profile_for_role (role));
  gtk_widget_set_sensitive (GTK_WIDGET (self->profile_row), FALSE);
}

static void
read_export_options (PepExchangeDialog   *self,
                     PepXmlExportOptions *options)
{
  guint term = adw_combo_row_get_selected (self->term_row);

  pep_xml_export_options_init (options);
  options->profile = MIN (adw_combo_row_get_selected (self->profile_row),
                          PEP_XML_N_PROFILES - 1);
  if (!pep_privacy_role_may_use (acting_role (self), options->profile))
    options->profile = pep_privacy_profile_for_role (acting_role (self));
  options->has_term = term >= 1 && term <= N_TERMS;
  if (options->has_term)
    options->term = self->terms[term - 1];
  options->all_states = !gtk_switch_get_active (self->signed_switch);
  options->time = g_date_time_new_now_utc ();
}

static char *
describe_export (PepExchangeDialog         *self,
                 const PepXmlExportOptions *options)
{
  g_autofree char *term = options->has_term ? pep_term_format_long (&options->term)
                                            : g_strdup (_("all terms"));
  GListModel *profiles = adw_combo_row_get_model (self->profile_row);
  g_autoptr(GtkStringObject) profile = g_list_model_get_item (profiles, options->profile);

  return g_strdup_printf (_("Profile: %s\nTerm: %s\n%s"),
                          gtk_string_object_get_string (profile), term,
                          options->all_states ? _("PEPs in every state")
                                              : _("Signed-off PEPs only"));
}

static void
run_job (PepExchangeDialog   *self,
         Step                 step,
         GAsyncReadyCallback  callback,
         const char          *what);

static void
export_cb (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  g_autoptr(PepExchangeDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (async_result));
  g_autoptr(GError) error = NULL;
  JobResult *result;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;

  set_busy (self, FALSE, NULL);
  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (result == NULL)
    {
      show_result (self, FALSE, _("Export Failed"), error->message);
      return;
    }

  name = g_filename_display_name (job->file_path);
  if (job->step == STEP_COUNT)
    {
      g_autofree char *options = describe_export (self, &job->options);
      g_autofree char *title = NULL;

      if (result->n_exported == 0)
        title = g_strdup (_("Nothing to Export"));
      else
        title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Export %u PEP?",
                                              "Export %u PEPs?", result->n_exported),
                                 result->n_exported);
      text = g_strdup_printf (_("%s\n\nTo: %s\n\nNothing is written until you export."),
                              options, name);
      show_summary (self, title, text, _("_Export"), result->n_exported > 0, NULL);
    }
  else
    {
      text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                           "%u PEP exported (%s profile) to %s.",
                                           "%u PEPs exported (%s profile) to %s.",
                                           result->n_exported),
                              result->n_exported, pep_xml_profile_to_nick (job->options.profile),
                              name);
      show_result (self, TRUE, _("Exported"), text);
    }
  job_result_free (result);
}

/**
 * pep_exchange_dialog_set_export_choice:
 *
 * Sets the profile and the states of the export choices, as the rows do.
 */
void
pep_exchange_dialog_set_export_choice (PepExchangeDialog *self,
                                       PepXmlProfile      profile,
                                       gboolean           all_states)
{
  g_return_if_fail (PEP_IS_EXCHANGE_DIALOG (self));
  g_return_if_fail (profile < PEP_XML_N_PROFILES);

  adw_combo_row_set_selected (self->profile_row, profile);
  gtk_switch_set_active (self->signed_switch, !all_states);
}

/**
 * pep_exchange_dialog_export_to_path:
 * @path: the file to write
 *
 * What choosing @path in the save dialog does: works out what would be exported on a
 * worker thread and shows the summary. Nothing is written until
 * pep_exchange_dialog_confirm().
 */
void
pep_exchange_dialog_export_to_path (PepExchangeDialog *self,
                                    const char        *path)
{
  g_return_if_fail (PEP_IS_EXCHANGE_DIALOG (self));
  g_return_if_fail (self->mode == MODE_EXPORT);
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->busy);

  g_free (self->file_path);
  self->file_path = g_strdup (path);
  run_job (self, STEP_COUNT, export_cb, _("Counting the PEPs to export…"));
}

/* Import ----------------------------------------------------------------------------------- */

/* Whose a pinned key is, in words: "school 123456" names a school by its URN. */
static char *
describe_subject (const char *subject)
{
  if (g_str_has_prefix (subject, "school "))
    return g_strdup_printf (_("the school with URN %s"), subject + strlen ("school "));
  if (g_str_has_prefix (subject, "authority "))
    return g_strdup_printf (_("LA %s"), subject + strlen ("authority "));
  return g_strdup (subject);
}

/* The keys the dry run met that this copy has not pinned: who, in which role, and the
 * fingerprint in groups of four, as it is read out over the phone. Keeps their fingerprints
 * for the import, and shows the confirmation when there are any. */
static void
show_keys_to_confirm (PepExchangeDialog  *self,
                      PepXmlImportReport *report,
                      JobResult          *result)
{
  g_autoptr(GString) markup = g_string_new (NULL);
  g_autoptr(GStrvBuilder) fingerprints = g_strv_builder_new ();

  if (result->authority_key != NULL)
    {
      g_autofree char *fingerprint = pep_public_key_fingerprint (result->authority_key);
      g_autofree char *whose = describe_subject (result->authority_subject);
      g_autofree char *line =
        g_strdup_printf (result->authority_replaces
                         ? _("%s (%s): the authority’s key, a new one in place of the key this "
                             "copy pinned")
                         : _("%s (%s): the authority’s key"),
                         result->authority_name ? result->authority_name : _("The Virtual School"),
                         whose);
      g_autofree char *entry = g_markup_printf_escaped ("%s\n<tt>%s</tt>", line, fingerprint);

      g_string_append (markup, entry);
      g_strv_builder_add (fingerprints, fingerprint);
    }
  for (guint i = 0; i < report->new_keys->len; i++)
    {
      PepXmlKeyChange *change = g_ptr_array_index (report->new_keys, i);
      g_autofree char *whose = describe_subject (change->subject);
      g_autofree char *line = NULL;
      g_autofree char *entry = NULL;
      PepRole role;
      const char *role_label = pep_role_from_nick (change->role, &role)
                               ? pep_role_to_label (role) : change->role;

      if (change->pinned)
        continue;
      line = g_strdup_printf (_("%s, %s at %s"), change->name, role_label, whose);
      entry = g_markup_printf_escaped ("%s%s\n<tt>%s</tt>", markup->len > 0 ? "\n\n" : "",
                                       line, change->fingerprint);
      g_string_append (markup, entry);
      if (change->replaces != NULL)
        {
          g_autofree char *old = g_markup_printf_escaped (_("\nin place of the key this copy "
                                                            "pinned, %s"), change->replaces);

          g_string_append (markup, old);
        }
      g_strv_builder_add (fingerprints, change->fingerprint);
    }
  g_strfreev (self->keys_to_confirm);
  self->keys_to_confirm = g_strv_builder_end (fingerprints);
  gtk_label_set_markup (self->keys_label, markup->str);
  gtk_check_button_set_active (self->keys_check, FALSE);
  gtk_widget_set_visible (self->keys_box, self->keys_to_confirm[0] != NULL);
}

static void
import_cb (GObject      *object,
           GAsyncResult *async_result,
           gpointer      user_data)
{
  g_autoptr(PepExchangeDialog) self = user_data;
  Job *job = g_task_get_task_data (G_TASK (async_result));
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) conflicts = gtk_string_list_new (NULL);
  g_autofree char *text = NULL;
  g_autofree char *sender = NULL;
  JobResult *result;
  PepXmlImportReport *report;
  guint *counts;

  set_busy (self, FALSE, NULL);
  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (result == NULL)
    {
      g_autofree char *message =
        g_strdup_printf (_("%s\n\nNothing was imported and nothing was changed."), error->message);

      show_result (self, FALSE, _("File Refused"), message);
      return;
    }

  report = result->report;
  counts = report->counts;
  /* "LA 999", "the school with URN 123456", not the file's own "authority 999". */
  sender = describe_subject (report->sender);
  text = g_strdup_printf (_("%u new\n%u updated\n%u unchanged\n%u older (ignored)\n"
                            "%u in conflict (not imported)\n\n"
                            "%u new schools, %u new children, %u children updated; "
                            "%u changes to children's identity.\n\nSent by %s."),
                          counts[PEP_XML_OUTCOME_NEW],
                          counts[PEP_XML_OUTCOME_UPDATED],
                          counts[PEP_XML_OUTCOME_UNCHANGED], counts[PEP_XML_OUTCOME_OLDER],
                          counts[PEP_XML_OUTCOME_CONFLICT], report->n_schools_new,
                          report->n_children_new, report->n_children_updated,
                          report->identity_changes->len, sender);
  if (report->authority != NULL)
    {
      g_autofree char *line = NULL;
      char *joined;

      switch (report->authority_taken)
        {
        case PEP_AUTHORITY_TAKEN_NEW:
          line = g_strdup_printf (_("The rules of LA %s come with it: new to this file."), report->authority);
          break;
        case PEP_AUTHORITY_TAKEN_NEWER:
          line = g_strdup_printf (_("The rules of LA %s come with it, newer than this file’s: "
                                    "they replace them."), report->authority);
          break;
        case PEP_AUTHORITY_TAKEN_SAME:
          line = g_strdup_printf (_("The rules of LA %s come with it, the same as this file’s."),
                                  report->authority);
          break;
        case PEP_AUTHORITY_TAKEN_OLDER:
        default:
          line = g_strdup_printf (_("The rules of LA %s come with it, older than this file’s: "
                                    "this file’s are kept."), report->authority);
          break;
        }
      joined = g_strconcat (text, "\n\n", line, NULL);

      g_free (text);
      text = joined;
    }
  if (job->step == STEP_DRY_RUN)
    {
      guint n_changes;

      /* A key to pin is a change of its own: the officers list it signs comes with it. */
      show_keys_to_confirm (self, report, result);
      n_changes = counts[PEP_XML_OUTCOME_NEW] + counts[PEP_XML_OUTCOME_UPDATED]
                  + report->n_children_updated + report->identity_changes->len
                  + (report->authority != NULL
                     && report->authority_taken <= PEP_AUTHORITY_TAKEN_NEWER)
                  + g_strv_length (self->keys_to_confirm);

      /* Each change to who a child is, for the person importing to check and confirm. */
      for (guint i = 0; i < report->identity_changes->len; i++)
        {
          PepXmlIdentityChange *change = g_ptr_array_index (report->identity_changes, i);
          g_autofree char *line =
            g_strdup_printf (_("Identity: %s — %s: %s → %s"), change->path, change->field,
                             change->old_value ? change->old_value : "—",
                             change->new_value ? change->new_value : "—");

          gtk_string_list_append (conflicts, line);
        }
      gtk_check_button_set_active (self->identity_check, FALSE);
      gtk_widget_set_visible (GTK_WIDGET (self->identity_check), report->identity_changes->len > 0);

      for (guint i = 0; i < report->items->len; i++)
        {
          PepXmlImportItem *item = g_ptr_array_index (report->items, i);
          g_autofree char *line = NULL;

          if (item->outcome != PEP_XML_OUTCOME_CONFLICT)
            continue;
          line = g_strdup_printf ("%s — %s", item->path,
                                  item->detail ? item->detail : _("changed on both sides"));
          gtk_string_list_append (conflicts, line);
        }
      show_summary (self, n_changes > 0 ? _("Import These PEPs?") : _("Nothing to Import"),
                    text, _("_Import"), n_changes > 0, G_LIST_MODEL (conflicts));
    }
  else
    {
      show_result (self, TRUE, _("Imported"), text);
      /* The rules it brought count from now on, in every window. */
      if (report->authority != NULL && self->context != NULL)
        {
          g_autoptr(GError) reload_error = NULL;

          if (!pep_work_context_reload (self->context, &reload_error))
            g_warning ("The authorities' profiles could not be read again: %s", reload_error->message);
        }
      g_signal_emit (self, signals[IMPORTED], 0);
    }
  job_result_free (result);
}

/**
 * pep_exchange_dialog_import_from_path:
 * @path: the PEP exchange file to read
 *
 * What choosing @path in the open dialog does: a dry run on a worker thread, then the
 * summary. Nothing changes until pep_exchange_dialog_confirm().
 */
void
pep_exchange_dialog_import_from_path (PepExchangeDialog *self,
                                      const char        *path)
{
  g_return_if_fail (PEP_IS_EXCHANGE_DIALOG (self));
  g_return_if_fail (self->mode == MODE_IMPORT);
  g_return_if_fail (path != NULL);
  g_return_if_fail (!self->busy);

  g_free (self->file_path);
  self->file_path = g_strdup (path);
  run_job (self, STEP_DRY_RUN, import_cb, _("Checking the file…"));
}

/* Both ------------------------------------------------------------------------------------- */

static void
run_job (PepExchangeDialog   *self,
         Step                 step,
         GAsyncReadyCallback  callback,
         const char          *what)
{
  g_autoptr(GTask) task = NULL;
  Job *job = g_new0 (Job, 1);

  job->step = step;
  job->db_path = g_strdup (self->db_path);
  job->file_path = g_strdup (self->file_path);
  job->accept_identity = step == STEP_IMPORT
                         && gtk_widget_get_visible (GTK_WIDGET (self->identity_check))
                         && gtk_check_button_get_active (self->identity_check);
  /* Only what the summary showed, and only once ticked. */
  if (step == STEP_IMPORT && gtk_widget_get_visible (self->keys_box)
      && gtk_check_button_get_active (self->keys_check))
    job->accepted_keys = g_strdupv (self->keys_to_confirm);
  if (self->mode == MODE_EXPORT)
    read_export_options (self, &job->options);

  /* The dialog is the callback's data, not the task's source: the worker thread may drop
   * its reference to the task last, and a widget must not be finalized on that thread. */
  set_busy (self, TRUE, what);
  task = g_task_new (NULL, NULL, callback, g_object_ref (self));
  g_task_set_source_tag (task, run_job);
  g_task_set_task_data (task, job, job_free);
  g_task_run_in_thread (task, job_thread);
}

/**
 * pep_exchange_dialog_confirm:
 *
 * The summary's Export or Import button: does it, on a worker thread.
 */
void
pep_exchange_dialog_confirm (PepExchangeDialog *self)
{
  g_return_if_fail (PEP_IS_EXCHANGE_DIALOG (self));
  g_return_if_fail (self->file_path != NULL);

  if (self->busy)
    return;
  if (self->mode == MODE_EXPORT)
    run_job (self, STEP_EXPORT, export_cb, _("Exporting…"));
  else
    run_job (self, STEP_IMPORT, import_cb, _("Importing…"));
}

static void
confirm_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  pep_exchange_dialog_confirm (PEP_EXCHANGE_DIALOG (widget));
}

static void
on_chooser_response (PepExchangeDialog *self,
                     int                response,
                     GtkNativeDialog   *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    path = g_file_get_path (file);
  g_clear_object (&self->chooser);

  if (path == NULL)
    {
      if (self->mode == MODE_IMPORT)
        gtk_window_close (GTK_WINDOW (self));
      return;
    }
  if (self->mode == MODE_EXPORT)
    pep_exchange_dialog_export_to_path (self, path);
  else
    pep_exchange_dialog_import_from_path (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PepExchangeDialog *self = PEP_EXCHANGE_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  gboolean saving = self->mode == MODE_EXPORT;

  if (self->chooser != NULL || self->busy)
    return;

  self->chooser = gtk_file_chooser_native_new (saving ? _("Export PEPs") : _("Import PEPs"),
                                               GTK_WINDOW (self),
                                               saving ? GTK_FILE_CHOOSER_ACTION_SAVE
                                                      : GTK_FILE_CHOOSER_ACTION_OPEN,
                                               saving ? _("_Save") : _("_Open"),
                                               _("_Cancel"));
  gtk_file_filter_set_name (filter, _("PEP exchange files"));
  gtk_file_filter_add_suffix (filter, "xml");
  gtk_file_filter_add_mime_type (filter, "application/xml");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);

  if (saving)
    {
      g_autofree char *folder = self->settings
                                ? g_settings_get_string (self->settings, "export-folder")
                                : NULL;
      PepXmlExportOptions options;
      g_autofree char *term = NULL;
      g_autofree char *name = NULL;

      if (folder == NULL || folder[0] == '\0')
        {
          g_free (folder);
          folder = g_strdup (g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS));
        }
      if (folder != NULL && g_file_test (folder, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) dir = g_file_new_for_path (folder);

          gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (self->chooser), dir, NULL);
        }
      read_export_options (self, &options);
      term = options.has_term ? pep_term_format_file_name (&options.term) : g_strdup ("all-terms");
      name = g_strdup_printf ("peps-%s-%s.xml", term, pep_xml_profile_to_nick (options.profile));
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
      g_date_time_unref (options.time);
    }

  g_signal_connect_object (self->chooser, "response", G_CALLBACK (on_chooser_response), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

const char *
pep_exchange_dialog_get_page (PepExchangeDialog *self)
{
  g_return_val_if_fail (PEP_IS_EXCHANGE_DIALOG (self), NULL);

  return gtk_stack_get_visible_child_name (self->stack);
}

/* The summary's confirmation that a child's identity may change, and its Import button:
 * for tests, which tick and press as a person would. */
GtkCheckButton *
pep_exchange_dialog_get_identity_check (PepExchangeDialog *self)
{
  g_return_val_if_fail (PEP_IS_EXCHANGE_DIALOG (self), NULL);
  return self->identity_check;
}

/* The summary's confirmation that the fingerprints of the keys listed were confirmed with
 * their owners: for tests. */
GtkCheckButton *
pep_exchange_dialog_get_keys_check (PepExchangeDialog *self)
{
  g_return_val_if_fail (PEP_IS_EXCHANGE_DIALOG (self), NULL);
  return self->keys_check;
}

/* Returns: (nullable): the keys listed for confirming, one to a paragraph, or %NULL */
const char *
pep_exchange_dialog_get_keys (PepExchangeDialog *self)
{
  g_return_val_if_fail (PEP_IS_EXCHANGE_DIALOG (self), NULL);
  return gtk_widget_get_visible (self->keys_box) ? gtk_label_get_text (self->keys_label) : NULL;
}

GtkWidget *
pep_exchange_dialog_get_confirm_button (PepExchangeDialog *self)
{
  g_return_val_if_fail (PEP_IS_EXCHANGE_DIALOG (self), NULL);
  return GTK_WIDGET (self->confirm_button);
}

const char *
pep_exchange_dialog_get_summary (PepExchangeDialog *self)
{
  g_return_val_if_fail (PEP_IS_EXCHANGE_DIALOG (self), NULL);

  return self->summary;
}

const char *
pep_exchange_dialog_get_result (PepExchangeDialog *self)
{
  g_return_val_if_fail (PEP_IS_EXCHANGE_DIALOG (self), NULL);

  return self->result;
}

gboolean
pep_exchange_dialog_get_succeeded (PepExchangeDialog *self)
{
  g_return_val_if_fail (PEP_IS_EXCHANGE_DIALOG (self), FALSE);

  return self->succeeded;
}

/* The terms to choose from: all of them, or one of the last N_TERMS up to now. */
static void
fill_terms (PepExchangeDialog *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GtkStringList) list = gtk_string_list_new (NULL);
  GDate today;
  PepTermId term;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  pep_term_for_date (&today, &term);
  gtk_string_list_append (list, _("All terms"));
  for (guint i = 0; i < N_TERMS; i++)
    {
      g_autofree char *name = pep_term_format_long (&term);

      self->terms[i] = term;
      gtk_string_list_append (list, name);
      pep_term_step (&term, -1);
    }
  adw_combo_row_set_model (self->term_row, G_LIST_MODEL (list));
}

static void
pep_exchange_dialog_dispose (GObject *object)
{
  PepExchangeDialog *self = PEP_EXCHANGE_DIALOG (object);

  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->settings);
  g_clear_object (&self->context);
  g_clear_handle_id (&self->pulse_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_EXCHANGE_DIALOG);

  G_OBJECT_CLASS (pep_exchange_dialog_parent_class)->dispose (object);
}

static void
pep_exchange_dialog_finalize (GObject *object)
{
  PepExchangeDialog *self = PEP_EXCHANGE_DIALOG (object);

  g_free (self->db_path);
  g_free (self->file_path);
  g_free (self->summary);
  g_free (self->result);
  g_strfreev (self->keys_to_confirm);

  G_OBJECT_CLASS (pep_exchange_dialog_parent_class)->finalize (object);
}

static void
pep_exchange_dialog_class_init (PepExchangeDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_exchange_dialog_dispose;
  object_class->finalize = pep_exchange_dialog_finalize;

  /**
   * PepExchangeDialog::imported:
   *
   * An import changed the file: views on it should reload.
   */
  signals[IMPORTED] = g_signal_new ("imported", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                    0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-exchange-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, stack);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, profile_row);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, term_row);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, signed_switch);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, working_label);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, summary_title);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, identity_check);
  gtk_widget_class_bind_template_callback (widget_class, on_identity_check_toggled);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, keys_box);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, keys_label);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, keys_check);
  gtk_widget_class_bind_template_callback (widget_class, on_keys_check_toggled);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, conflicts_window);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, conflicts_view);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, confirm_button);
  gtk_widget_class_bind_template_child (widget_class, PepExchangeDialog, result_page);

  gtk_widget_class_install_action (widget_class, "exchange.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "exchange.confirm", NULL, confirm_action);
  /* Escape closes it, as it closes any GNOME dialog. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
pep_exchange_dialog_init (PepExchangeDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));

  fill_terms (self);
  self->settings = pep_settings_new ();
}

static PepExchangeDialog *
exchange_dialog_new (GtkWindow  *parent,
                     const char *db_path,
                     Mode        mode)
{
  PepExchangeDialog *self = g_object_new (PEP_TYPE_EXCHANGE_DIALOG,
                                          "transient-for", parent,
                                          NULL);

  self->mode = mode;
  self->db_path = g_strdup (db_path);
  gtk_window_set_title (GTK_WINDOW (self), mode == MODE_EXPORT ? _("Export PEPs")
                                                               : _("Import PEPs"));
  adw_window_title_set_title (self->window_title, gtk_window_get_title (GTK_WINDOW (self)));
  return self;
}

/**
 * pep_exchange_dialog_set_context:
 * @context: the file's working context, which takes up the profiles an import brought (the
 *   import verifies them with a trust of its own, on the worker's store)
 */
void
pep_exchange_dialog_set_context (PepExchangeDialog *self,
                                 PepWorkContext    *context)
{
  g_return_if_fail (PEP_IS_EXCHANGE_DIALOG (self));
  g_return_if_fail (context == NULL || PEP_IS_WORK_CONTEXT (context));

  g_set_object (&self->context, context);
}

/**
 * pep_exchange_dialog_new_export:
 * @parent: (nullable): the window it is for
 * @db_path: the PEP Studio file to export from
 *
 * Returns: (transfer none): the dialog, on its options page; present it.
 */
PepExchangeDialog *
pep_exchange_dialog_new_export (GtkWindow  *parent,
                                const char *db_path)
{
  PepExchangeDialog *self;
  g_autofree char *nick = NULL;
  PepXmlProfile profile = PEP_XML_PROFILE_FULL;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  self = exchange_dialog_new (parent, db_path, MODE_EXPORT);
  if (self->settings != NULL)
    nick = g_settings_get_string (self->settings, "export-profile");
  if (nick != NULL && pep_xml_profile_from_nick (nick, &profile))
    adw_combo_row_set_selected (self->profile_row, profile);
  limit_profiles_to_role (self);
  gtk_stack_set_visible_child_name (self->stack, "options");
  return self;
}

/**
 * pep_exchange_dialog_new_import:
 * @parent: (nullable): the window it is for
 * @db_path: the PEP Studio file to import into
 *
 * Returns: (transfer none): the dialog; present it, then choose_file() (the window's
 *   action does both) or pep_exchange_dialog_import_from_path().
 */
PepExchangeDialog *
pep_exchange_dialog_new_import (GtkWindow  *parent,
                                const char *db_path)
{
  PepExchangeDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (db_path != NULL, NULL);

  self = exchange_dialog_new (parent, db_path, MODE_IMPORT);
  gtk_label_set_text (self->working_label, _("Choose a PEP exchange file to import."));
  gtk_stack_set_visible_child_name (self->stack, "working");
  return self;
}
