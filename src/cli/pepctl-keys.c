/* pepctl-keys.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pepctl verify (every signed-off PEP against its signatures) and pepctl key (a person's
 * signing key: make one, show a public key as people compare it). docs/signatures.md.
 */

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

#include "pep-keyring.h"
#include "pep-signoff.h"
#include "pepctl.h"

/* verify -------------------------------------------------------------------------------- */

static gboolean
print_failure (gint64      plan_id,
               const char *uuid,
               PepSeal     seal,
               const char *reason,
               gpointer    user_data)
{
  printf ("%s\t%s\t%" G_GINT64_FORMAT "\t%s\n", pep_seal_to_nick (seal), uuid, plan_id, reason);
  (*(guint *) user_data)++;
  return TRUE;
}

int
pepctl_command_verify (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — check every signed-off PEP against its signatures"));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  guint n_failed = 0, n_checked = 0;
  int status;

  g_option_context_set_description (context,
    _("Prints one line for each PEP that fails, tab-separated: the problem (changed, "
      "unsigned, bad-signature, untrusted-key, orphaned), its UUID, its id and why. The result "
      "is recorded in FILE, so the figures count none of them as authorised. Exit status 2 "
      "when any PEP fails."));
  if ((status = pepctl_parse (context, &argc, &argv, 1)) >= 0)
    return status;
  if (!(store = pepctl_open_store (argv[1], &error))
      || !pep_signoff_check_store (store, PEP_SIGNOFF_CHECK_RECORD | PEP_SIGNOFF_CHECK_AHEAD,
                                   print_failure, &n_failed, &n_checked, &error))
    return pepctl_data_error (error);
  if (fflush (stdout) != 0)
    return EXIT_DATA;
  if (n_failed > 0)
    {
      g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u of %u signed PEPs fails its signatures.\n",
                               "%u of %u signed PEPs fail their signatures.\n", n_checked),
                  n_failed, n_checked);
      return EXIT_DATA;
    }
  g_printerr (g_dngettext (GETTEXT_PACKAGE, "%u signed PEP checked: its signatures match.\n",
                           "%u signed PEPs checked: every signature matches.\n", n_checked),
              n_checked);
  return EXIT_OK;
}

/* key ----------------------------------------------------------------------------------- */

static void
print_key (const char *public_key,
           gboolean    demo)
{
  g_autofree char *fingerprint = pep_public_key_fingerprint (public_key);

  printf ("%s %s%s\n", _("Public key:"), public_key, demo ? _(" (demo key)") : "");
  printf ("%s %s\n", _("Fingerprint:"), fingerprint);
}

int
pepctl_command_key (int    argc,
                    char **argv)
{
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *file = NULL;
  g_autofree char *passphrase_file = NULL;
  int seed = -1;
  GOptionEntry entries[] = {
    { "name", 0, 0, G_OPTION_ARG_STRING, &name, N_("Whose key it is"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role,
      N_("The role it signs in: designated-teacher, social-worker, qa-officer, vs-advisor or authority"),
      N_("ROLE") },
    { "file", 0, 0, G_OPTION_ARG_FILENAME, &file,
      N_("Keep the new key in this file (sealed with the passphrase), not the keyring"), N_("PATH") },
    { "passphrase-file", 0, 0, G_OPTION_ARG_FILENAME, &passphrase_file,
      N_("Read the passphrase from this file (else PEPSTUDIO_PASSPHRASE)"), N_("PATH") },
    { "demo-seed", 0, 0, G_OPTION_ARG_INT, &seed,
      N_("show: the demo key of NAME and ROLE in pepctl demo --seed SEED"), N_("SEED") },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("new|show [PUBLIC-KEY|KEY-FILE] — make a signing key, or show one"));
  g_autoptr(GError) error = NULL;
  g_autoptr(PepSigningKey) key = NULL;
  g_autofree char *passphrase = NULL;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  g_option_context_set_description (context,
    _("new: makes NAME's key for ROLE, kept in the login keyring or, where there is none (or "
      "with --file), in a file readable by you only, sealed with a passphrase; prints its "
      "public key and fingerprint.\n"
      "show KEY: prints a public key (base64) or a key file's public key, its fingerprint and "
      "its PEM form for OpenSSL; show --demo-seed S --name N --role R the demo key of an "
      "invented officer."));
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pepctl_usage_error (context, error->message);
  if (argc < 2)
    return pepctl_usage_error (context, _("missing arguments"));

  if (g_str_equal (argv[1], "new") && argc == 2)
    {
      PepKeyringPlace place = PEP_KEYRING_FILE;

      if (name == NULL || role == NULL)
        return pepctl_usage_error (context, _("new needs --name and --role"));
      if (!(key = pep_signing_key_generate (name, role, &error)))
        return pepctl_data_error (error);
      passphrase = pepctl_read_passphrase (passphrase_file, &error);
      if (error != NULL)
        return pepctl_data_error (error);
      if (file != NULL ? !pep_keyring_save_file (key, file, passphrase, &error)
                       : !pep_keyring_store (key, passphrase, &place, &error))
        return pepctl_data_error (error);
      print_key (pep_signing_key_get_public_key (key), FALSE);
      if (file == NULL)
        {
          g_autofree char *path = pep_keyring_key_file_path (pep_signing_key_get_public_key (key));
          g_printerr (place == PEP_KEYRING_SECRET_SERVICE ? _("Kept in the login keyring.\n")
                                                          : _("Kept in %s, sealed with the passphrase.\n"),
                      path);
        }
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "show") && (argc == 3 || (argc == 2 && seed >= 0)))
    {
      g_autofree char *pem = NULL;
      const char *public_key;
      gboolean demo = FALSE;

      if (argc == 2)
        {
          if (name == NULL || role == NULL)
            return pepctl_usage_error (context, _("--demo-seed needs --name and --role"));
          key = pep_signing_key_new_demo ((guint32) seed, name, role);
          if (key == NULL)
            return pepctl_usage_error (context, _("not a name and role a key can have"));
        }
      else if (g_file_test (argv[2], G_FILE_TEST_IS_REGULAR))
        {
          passphrase = pepctl_read_passphrase (passphrase_file, &error);
          if (error != NULL || !(key = pep_keyring_load_file (argv[2], passphrase, &error)))
            return pepctl_data_error (error);
        }
      if (key != NULL)
        {
          public_key = pep_signing_key_get_public_key (key);
          demo = pep_signing_key_is_demo (key);
          printf ("%s %s (%s)\n", _("Key of:"), pep_signing_key_get_name (key),
                  pep_signing_key_get_role (key));
        }
      else
        public_key = argv[2];
      if (!(pem = pep_public_key_to_pem (public_key)))
        {
          g_printerr ("pepctl: %s\n", _("that is neither a public key nor a key file"));
          return EXIT_DATA;
        }
      print_key (public_key, demo);
      printf ("%s", pem);
      return EXIT_OK;
    }
  return pepctl_usage_error (context, _("say new or show"));
}
