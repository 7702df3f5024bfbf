/* pepctl-xml.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pepctl export, import and validate: the PEP exchange format (docs/xml-format.md).
 */

#define G_LOG_DOMAIN "pepctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pep-xml-export.h"
#include "pep-xml-import.h"
#include "pep-privacy.h"
#include "pepctl.h"

int pepctl_command_export   (int argc, char **argv);
int pepctl_command_import   (int argc, char **argv);
int pepctl_command_validate (int argc, char **argv);

/* export --------------------------------------------------------------------------------- */

int
pepctl_command_export (int    argc,
                       char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *term = NULL;
  g_autofree char *profile_nick = NULL;
  g_autofree char *role_nick = NULL;
  int k = PEP_XML_DEFAULT_K;
  guint k_reached = 0;
  PepRole role = PEP_ROLE_ADMINISTRATOR;
  g_auto(GStrv) ids = NULL;
  gint64 school = 0;
  gboolean all_states = FALSE;
  GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("The XML file to write (required)"), "OUT.xml" },
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("Only PEPs of this term, like 2024/25-autumn or autumn-2024"), "TERM" },
    { "school", 0, 0, G_OPTION_ARG_INT64, &school, N_("Only PEPs at the school with this URN"), "URN" },
    { "all-states", 0, 0, G_OPTION_ARG_NONE, &all_states,
      N_("PEPs in every state, not only signed-off ones"), NULL },
    { "id", 0, 0, G_OPTION_ARG_STRING_ARRAY, &ids,
      N_("Exactly this PEP, in any state (repeat for more); --term, --school and --all-states are then not used"), "PEP-ID" },
    { "profile", 0, 0, G_OPTION_ARG_STRING, &profile_nick,
      N_("Who the file is for: full (default), carer, pseudonymised"), "PROFILE" },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_nick,
      N_("The role you export in (docs/privacy.md): a carer may export the carer profile only"), "ROLE" },
    { "k", 0, 0, G_OPTION_ARG_INT, &k,
      N_("Pseudonymised: every pupil shares what remains with at least K-1 others (default 5)"), "K" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — export PEPs as one PEP exchange XML file"));
  g_autoptr(GArray) plan_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  PepXmlExportOptions options;
  guint n_exported = 0;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = pepctl_parse (context, &argc, &argv, 1)) >= 0)
    return status;

  pep_xml_export_options_init (&options);
  if (output == NULL)
    return pepctl_usage_error (context, _("-o OUT.xml is required"));
  if (term != NULL && !(options.has_term = pep_term_parse (term, &options.term)))
    return pepctl_usage_error (context, _("--term takes a term like 2024/25-autumn or autumn-2024"));
  if (profile_nick != NULL && !pep_xml_profile_from_nick (profile_nick, &options.profile))
    return pepctl_usage_error (context, _("--profile takes full, carer or pseudonymised"));
  if (role_nick != NULL && !pep_role_from_nick (role_nick, &role))
    return pepctl_usage_error (context, _("--role takes a role such as designated-teacher, carer or administrator"));
  if (role_nick != NULL && profile_nick == NULL)
    options.profile = pep_privacy_profile_for_role (role);
  if (!pep_privacy_role_may_use (role, options.profile))
    {
      g_printerr (_("pepctl: a %s may not export the %s profile (docs/privacy.md); use --profile %s\n"),
                  pep_role_to_nick (role), pep_xml_profile_to_nick (options.profile),
                  pep_xml_profile_to_nick (pep_privacy_profile_for_role (role)));
      return EXIT_USAGE;
    }
  if (k < 2 || k > 1000)
    return pepctl_usage_error (context, _("--k takes a number from 2 to 1000"));
  options.k_anonymity = (guint) k;
  options.k_reached = &k_reached;
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      guint64 id;

      if (!g_ascii_string_to_unsigned (ids[i], 10, 1, G_MAXINT64, &id, NULL))
        return pepctl_usage_error (context, _("--id takes the number at the start of a line of ‘pepctl list’"));
      g_array_append_val (plan_ids, id);
    }
  options.school_urn = school;
  options.all_states = all_states;
  options.plan_ids = plan_ids->len ? (const gint64 *) plan_ids->data : NULL;
  options.n_plan_ids = plan_ids->len;
  options.time = now;
  options.record_sync = TRUE;

  if (!(store = pepctl_open_store (argv[1], &error))
      || !pep_xml_export (store, &options, output, &n_exported, &error))
    return pepctl_data_error (error);
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u PEP exported (%s profile).\n",
                           "%u PEPs exported (%s profile).\n", n_exported),
              n_exported, pep_xml_profile_to_nick (options.profile));
  if (options.profile == PEP_XML_PROFILE_PSEUDONYMISED)
    g_printerr (_("k-anonymity: every pupil shares what remains about them with at least %u "
                  "others (k = %u, asked for %d).\n"), k_reached - 1, k_reached, k);
  return EXIT_OK;
}

/* import --------------------------------------------------------------------------------- */

int
pepctl_command_import (int    argc,
                       char **argv)
{
  gboolean dry_run = FALSE, accept_identity = FALSE;
  g_auto(GStrv) accepted_keys = NULL;
  GOptionEntry entries[] = {
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &dry_run, N_("Say what would happen, and change nothing"), NULL },
    { "accept-identity-changes", 0, 0, G_OPTION_ARG_NONE, &accept_identity,
      N_("Apply the changes to children's identity (names, date of birth, UPN) that the dry run lists"), NULL },
    { "accept-key", 0, 0, G_OPTION_ARG_STRING_ARRAY, &accepted_keys,
      N_("Pin a key the import asks you to confirm (the authority's, or a school's designated teacher's), its fingerprint confirmed with them (repeatable)"),
      N_("FINGERPRINT") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE IN.xml — import a PEP exchange XML file into FILE"));
  g_autoptr(PepWorkContext) work = NULL;
  g_autoptr(PepAuthorityTrust) trust = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = pepctl_parse (context, &argc, &argv, 2)) >= 0)
    return status;

  /* Through the file's working context: the sending authority's profile is verified with
   * the authority trust (pep-authority-trust.h), as the app does; the keys given with
   * --accept-key are pinned (the authority's, a school's designated teachers'). */
  if (!(work = pepctl_open_context (argv[1], &error)))
    return pepctl_data_error (error);
  /* The import's own transaction keeps nothing of a dry run: a key to confirm is listed. */
  trust = pepctl_trust_keys (work, (const char * const *) accepted_keys, FALSE);
  pep_authority_trust_set_provisional (trust, dry_run);
  if (!(mapped = g_mapped_file_new (argv[2], FALSE, &error)))
    {
      g_autoptr(GError) io_error = g_error_new (PEP_XML_ERROR, PEP_XML_ERROR_IO, "%s", error->message);
      return pepctl_data_error (io_error);
    }
  if (!(report = pep_work_context_import_exchange (work, g_mapped_file_get_contents (mapped),
                                                   g_mapped_file_get_length (mapped),
                                                   (dry_run ? PEP_XML_IMPORT_DRY_RUN : PEP_XML_IMPORT_DEFAULT)
                                                   | (accept_identity ? PEP_XML_IMPORT_ACCEPT_IDENTITY : 0),
                                                   &error)))
    return pepctl_data_error (error);

  /* The list on stdout, one PEP a line: outcome, UUID, path[, why]; the summary on stderr. */
  for (guint i = 0; i < report->items->len; i++)
    {
      PepXmlImportItem *item = g_ptr_array_index (report->items, i);

      printf ("%s\t%s\t%s%s%s\n", pep_xml_outcome_to_nick (item->outcome), item->uuid, item->path,
              item->detail ? "\t" : "", item->detail ? item->detail : "");
    }
  /* Then each change to a child's identity: "identity", the child's UUID, the element, and
   * the field with its old and new value, for the person importing to check. */
  for (guint i = 0; i < report->identity_changes->len; i++)
    {
      PepXmlIdentityChange *change = g_ptr_array_index (report->identity_changes, i);

      printf ("identity\t%s\t%s\t%s: %s → %s\n", change->uuid, change->path, change->field,
              change->old_value ? change->old_value : "—", change->new_value ? change->new_value : "—");
    }
  /* Then the authority's profile it carried: "authority", its LA code, what became of it. */
  if (report->authority != NULL)
    printf ("authority\t%s\t%s\n", report->authority,
            pep_authority_taken_to_nick (report->authority_taken));
  /* Then each signing key not pinned before: "key", whose, the name, the role, the
   * fingerprint to confirm, and "pinned" or what it replaces. */
  for (guint i = 0; i < report->new_keys->len; i++)
    {
      PepXmlKeyChange *change = g_ptr_array_index (report->new_keys, i);
      g_autofree char *name = pepctl_escape (change->name, FALSE);

      printf ("key\t%s\t%s\t%s\t%s\t%s%s%s\n", change->subject, name, change->role,
              change->fingerprint, change->pinned ? "pinned" : "to confirm",
              change->replaces ? _(", replacing ") : "", change->replaces ? change->replaces : "");
    }
  if (pep_authority_trust_get_pending (trust, NULL) != NULL && dry_run)
    {
      g_autofree char *fingerprint = pep_public_key_fingerprint (pep_authority_trust_get_pending (trust, NULL));

      printf ("key\t%s\t-\tauthority\t%s\tto confirm\n",
              pep_authority_trust_get_pending_subject (trust), fingerprint);
    }
  if (fflush (stdout) != 0)
    return EXIT_DATA;
  if (report->identity_changes->len > 0 && !report->identity_applied)
    g_printerr (_("%u changes to children's identity listed: check them, then import with "
                  "--accept-identity-changes to apply them.\n"), report->identity_changes->len);
  for (guint i = 0; i < report->new_keys->len + (dry_run && pep_authority_trust_get_pending (trust, NULL) ? 1 : 0); i++)
    if (i == report->new_keys->len
        || !((PepXmlKeyChange *) g_ptr_array_index (report->new_keys, i))->pinned)
      {
        g_printerr (_("Signing keys listed “to confirm”: confirm each fingerprint with its "
                      "owner (over the phone), then import with --accept-key FINGERPRINT for "
                      "each.\n"));
        break;
      }
  g_printerr (_("From %s. "), report->sender);
  g_printerr (_("%s%u new, %u updated, %u unchanged, %u older (ignored), %u in conflict; "
                "%u new schools, %u new children, %u children updated.\n"),
              report->dry_run ? _("Dry run, nothing changed: ") : "",
              report->counts[PEP_XML_OUTCOME_NEW], report->counts[PEP_XML_OUTCOME_UPDATED],
              report->counts[PEP_XML_OUTCOME_UNCHANGED], report->counts[PEP_XML_OUTCOME_OLDER],
              report->counts[PEP_XML_OUTCOME_CONFLICT], report->n_schools_new,
              report->n_children_new, report->n_children_updated);
  return EXIT_OK;
}

/* validate ------------------------------------------------------------------------------- */

int
pepctl_command_validate (int    argc,
                         char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("IN.xml — check a PEP exchange XML file against the schema"));
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = pepctl_parse (context, &argc, &argv, 1)) >= 0)
    return status;
  if (!pep_xml_validate_file (argv[1], &error))
    return pepctl_data_error (error);
  g_printerr (_("%s is a valid PEP exchange file.\n"), argv[1]);
  return EXIT_OK;
}
