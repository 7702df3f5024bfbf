/* pepctl-officers.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authority's officers list and keys from the command line (docs/signatures.md):
 *
 *   pepctl officers FILE init-key                    the Virtual School's authority key
 *   pepctl officers FILE show                        the list, its key, the pinned keys
 *   pepctl officers FILE add NAME --role R --key PUBLIC-KEY [--from D] [--to D]
 *   pepctl officers FILE remove NAME|FINGERPRINT
 *   pepctl officers FILE export -o OUT.xml           the signed list alone, for a school
 *   pepctl officers FILE import IN.xml [--accept-key FINGERPRINT] [--dry-run]
 */

#define G_LOG_DOMAIN "pepctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pep-authority-trust.h"
#include "pep-copy-owner.h"
#include "pep-key-pins.h"
#include "pepctl.h"

static void
print_officers (PepOfficers *officers,
                gboolean     trusted,
                const char  *why)
{
  g_autofree char *authority = pepctl_escape (pep_officers_get_authority (officers), FALSE);
  g_autofree char *fingerprint = pep_officers_get_key (officers)
                                 ? pep_public_key_fingerprint (pep_officers_get_key (officers)) : NULL;

  printf (_("Officers of %s (LA %s), issued %s\n"), authority, pep_officers_get_la_code (officers),
          pep_officers_get_issued_at (officers) ? pep_officers_get_issued_at (officers) : "-");
  printf (_("Authority key: %s%s\n"), fingerprint ? fingerprint : _("none"),
          pep_officers_key_is_demo (officers) ? _(" (demo key)") : "");
  if (trusted)
    printf (_("Signed by the pinned authority key: yes\n"));
  else
    printf (_("Signed by the pinned authority key: NO — %s\n"), why);
  for (guint i = 0; i < pep_officers_get_n_officers (officers); i++)
    {
      const PepOfficer *o = pep_officers_get_officer (officers, i);
      g_autofree char *name = pepctl_escape (o->name, FALSE);
      g_autofree char *key = pep_public_key_fingerprint (o->public_key);

      /* One line each, tab-separated: name, role, fingerprint, from, to[, demo key]. */
      printf ("%s\t%s\t%s\t%s\t%s%s\n", name, o->role, key, o->valid_from,
              o->valid_to ? o->valid_to : "-", o->demo ? _("\tdemo key") : "");
    }
}

static int
show (PepStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) trust_error = NULL;
  g_autoptr(PepOfficers) officers = pep_store_load_officers (store, &error);
  g_autoptr(PepOfficers) trusted = NULL;
  g_autoptr(GPtrArray) pins = NULL;

  if (error != NULL)
    return pepctl_data_error (error);
  if (officers == NULL)
    printf (_("No officers list in this file.\n"));
  else
    {
      trusted = pep_store_get_trusted_officers (store, &trust_error);
      print_officers (officers, trusted != NULL, trust_error ? trust_error->message : "");
    }
  if (!(pins = pep_store_list_pins (store, NULL, TRUE, &error)))
    return pepctl_data_error (error);
  if (pins->len > 0)
    printf (_("Pinned keys:\n"));
  for (guint i = 0; i < pins->len; i++)
    {
      PepKeyPin *pin = g_ptr_array_index (pins, i);
      g_autofree char *fingerprint = pep_public_key_fingerprint (pin->public_key);
      g_autofree char *name = pepctl_escape (pin->name, FALSE);

      printf ("  %s\t%s\t%s\t%s\t%s%s%s\n", pin->subject, name, pin->role ? pin->role : "-",
              fingerprint, pin->pinned_at, pin->replaced_at ? _("\treplaced ") : "",
              pin->replaced_at ? pin->replaced_at : "");
    }
  return fflush (stdout) == 0 ? EXIT_OK : EXIT_DATA;
}

static int
import_list (PepStore    *store,
             const char  *path,
             const char  *accept_key,
             gboolean     dry_run)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepOfficers) officers = NULL;
  g_autoptr(PepAuthorityTrust) trust = pep_authority_trust_new (store);
  g_autofree char *data = NULL;
  g_autofree char *authority = NULL;
  gsize length;

  if (!g_file_get_contents (path, &data, &length, &error)
      || !(officers = pep_officers_new_from_xml (data, (gssize) length, &error)))
    return pepctl_data_error (error);
  pep_authority_trust_accept_key (trust, accept_key);
  pep_authority_trust_set_dry_run (trust, dry_run);
  authority = pepctl_escape (pep_officers_get_authority (officers), FALSE);
  if (!pep_authority_trust_take_list (trust, officers, &error))
    {
      g_printerr ("pepctl: %s: %s\n", path, error->message);
      if (g_error_matches (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_CONFIRM))
        {
          g_autofree char *fingerprint =
            pep_public_key_fingerprint (pep_authority_trust_get_pending (trust, NULL));

          /* The fingerprint alone on stdout, for reading out and for scripts. */
          printf ("%s\n", fingerprint);
          g_printerr (_("pepctl: nothing was changed; once confirmed: pepctl officers FILE "
                        "import %s --accept-key '%s'\n"), path, fingerprint);
        }
      return EXIT_DATA;
    }
  if (dry_run)
    g_printerr (_("%s: the officers list of %s is signed by its authority’s key; nothing was "
                  "changed (--dry-run)\n"), path, authority);
  else
    g_printerr (_("%s: the officers list of %s (%u officers) is now in this file\n"), path,
                authority, pep_officers_get_n_officers (officers));
  return EXIT_OK;
}

int
pepctl_command_officers (int    argc,
                         char **argv)
{
  g_autofree char *role = NULL;
  g_autofree char *key = NULL;
  g_autofree char *from = NULL;
  g_autofree char *to = NULL;
  g_autofree char *output = NULL;
  g_autofree char *accept_key = NULL;
  g_autofree char *passphrase_file = NULL;
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("add: qa-officer, advisor, headteacher or administrator"), N_("ROLE") },
    { "key", 0, 0, G_OPTION_ARG_STRING, &key, N_("add: the officer's public key (pepctl key new prints it)"), N_("PUBLIC-KEY") },
    { "from", 0, 0, G_OPTION_ARG_STRING, &from, N_("add: valid from this day (default today)"), N_("YYYY-MM-DD") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("add: valid to this day (default: until removed)"), N_("YYYY-MM-DD") },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("export: the XML file to write"), "OUT.xml" },
    { "accept-key", 0, 0, G_OPTION_ARG_STRING, &accept_key,
      N_("import: the authority key's fingerprint, confirmed with the Virtual School"), N_("FINGERPRINT") },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("import: check it and change nothing"), NULL },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("The authority key file's passphrase (else PEPSTUDIO_PASSPHRASE)"), N_("PATH") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE init-key|show|add|remove|export|import [ARG] — the authority's "
                            "officers list, signed by its own key"));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *passphrase = NULL;
  const char *what;
  int n_args;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("init-key: makes a Virtual School's authority key (kept in the login keyring or a sealed "
      "key file, never in FILE) and prints its fingerprint, which schools confirm over the "
      "phone.\n"
      "add, remove: change the list; it is signed again with the authority key.\n"
      "export: the signed list alone, for a school to import once.\n"
      "import: takes a list signed by its authority's key. The first time, or when the key "
      "has changed, it is refused and the key's fingerprint printed; confirm it with the "
      "Virtual School and import again with --accept-key FINGERPRINT."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pepctl_usage_error (context, error->message);
  if (argc < 3)
    return pepctl_usage_error (context, _("missing arguments"));
  what = argv[2];
  if (g_str_equal (what, "add") || g_str_equal (what, "remove") || g_str_equal (what, "import"))
    n_args = 4;
  else if (g_str_equal (what, "init-key") || g_str_equal (what, "show") || g_str_equal (what, "export"))
    n_args = 3;
  else
    return pepctl_usage_error (context, _("say init-key, show, add, remove, export or import"));
  if (argc != n_args)
    return pepctl_usage_error (context, argc < n_args ? _("missing arguments") : _("too many arguments"));
  if (g_str_equal (what, "export") && output == NULL)
    return pepctl_usage_error (context, _("-o OUT.xml is required"));
  if (g_str_equal (what, "add") && (role == NULL || key == NULL))
    return pepctl_usage_error (context, _("add needs --role and --key"));

  if (!(store = pepctl_open_store (argv[1], &error)))
    return pepctl_data_error (error);
  pep_store_set_actor (store, g_get_real_name (), PEP_ROLE_ADMINISTRATOR);
  passphrase = pepctl_read_passphrase (passphrase_file, &error);
  if (error != NULL)
    return pepctl_data_error (error);

  if (g_str_equal (what, "show"))
    return show (store);
  if (g_str_equal (what, "import"))
    return import_list (store, argv[3], accept_key, dry_run);
  if (g_str_equal (what, "init-key"))
    {
      g_autoptr(PepSigningKey) created = pep_authority_key_create (store, passphrase, &error);
      g_autofree char *fingerprint = NULL;

      if (created == NULL)
        return pepctl_data_error (error);
      fingerprint = pep_signing_key_dup_fingerprint (created);
      printf ("%s %s%s\n", _("Authority key fingerprint:"), fingerprint,
              pep_signing_key_is_demo (created) ? _(" (demo key)") : "");
      return EXIT_OK;
    }
  if (g_str_equal (what, "export"))
    {
      g_autoptr(PepOfficers) officers = pep_store_get_trusted_officers (store, &error);
      g_autofree char *xml = NULL;

      if (officers == NULL)
        {
          if (error == NULL)
            g_set_error_literal (&error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_NO_KEY,
                                 _("This file has no officers list."));
          return pepctl_data_error (error);
        }
      xml = pep_officers_to_xml (officers, TRUE);
      if (!g_file_set_contents_full (output, xml, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        return pepctl_data_error (error);
      return EXIT_OK;
    }

  /* add and remove: the head or an administrator, with the authority key. */
  {
    g_autoptr(PepSigningKey) authority_key = pep_authority_key_load (store, passphrase, &error);
    g_autoptr(PepOfficers) officers = NULL;

    if (authority_key == NULL
        || !(officers = pep_store_get_trusted_officers (store, &error)))
      return pepctl_data_error (error);
    if (g_str_equal (what, "add"))
      {
        g_autofree char *now = pep_store_now (store);
        g_autofree char *today = g_strndup (now, 10);
        PepOfficer officer = {
          .name = argv[3], .role = role, .public_key = key,
          .valid_from = from ? from : today, .valid_to = to,
          .demo = FALSE,
        };

        if (!pep_officers_add (officers, &officer, &error))
          return pepctl_data_error (error);
      }
    else if (!pep_officers_remove (officers, argv[3], &error))
      return pepctl_data_error (error);
    if (!pep_authority_publish (store, officers, authority_key, &error))
      return pepctl_data_error (error);
    g_printerr (_("The officers list now has %u officers, signed with the authority key.\n"),
                pep_officers_get_n_officers (officers));
    return EXIT_OK;
  }
}
