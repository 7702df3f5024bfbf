/* pep-keyring.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsecret is a GLib library (no GTK), so the keyring lives in the core beside the key.
 * The keyring holds the key's GKeyFile text with its seed in the clear, as the Secret Service
 * encrypts what it keeps; a key file holds it sealed under a passphrase.
 */

#define G_LOG_DOMAIN "pep-keyring"

#include "config.h"

#include <errno.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <libsecret/secret.h>
#include <sodium.h>
#include <string.h>

#include "pep-keyring.h"

static const SecretSchema *
key_schema (void)
{
  static const SecretSchema schema = {
    "io.github.pepstudio.PepStudio.SigningKey", SECRET_SCHEMA_NONE,
    {
      { "public-key", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "name", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "role", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };
  return &schema;
}

static gboolean
use_secret_service (void)
{
  return g_strcmp0 (g_getenv ("PEPSTUDIO_KEYRING"), "file") != 0;
}

/* Returns: (transfer full): where the key file of @public_key_b64 is, or would be */
char *
pep_keyring_key_file_path (const char *public_key_b64)
{
  g_autofree char *fingerprint = pep_public_key_fingerprint (public_key_b64);
  g_autofree char *name = NULL;

  g_return_val_if_fail (fingerprint != NULL, NULL);
  name = g_strdup_printf ("%s.key", fingerprint);
  g_strdelimit (name, " ", '-');
  return g_build_filename (g_get_user_data_dir (), "pepstudio", "keys", name, NULL);
}

/**
 * pep_keyring_save_file:
 *
 * Writes @key sealed under @passphrase to @path, readable by its owner only, atomically.
 */
gboolean
pep_keyring_save_file (PepSigningKey  *key,
                       const char     *path,
                       const char     *passphrase,
                       GError        **error)
{
  g_autoptr(GBytes) sealed = NULL;
  g_autofree char *dir = NULL;
  gsize len;
  const char *data;

  g_return_val_if_fail (PEP_IS_SIGNING_KEY (key), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (passphrase == NULL)
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE,
                           _("There is no keyring here: a passphrase is needed to keep the "
                             "key in a file."));
      return FALSE;
    }
  if (!(sealed = pep_signing_key_seal (key, passphrase, error)))
    return FALSE;
  dir = g_path_get_dirname (path);
  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved),
                   _("The folder for signing keys cannot be made: %s"), g_strerror (saved));
      return FALSE;
    }
  data = g_bytes_get_data (sealed, &len);
  return g_file_set_contents_full (path, data, len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

PepSigningKey *
pep_keyring_load_file (const char  *path,
                       const char  *passphrase,
                       GError     **error)
{
  g_autoptr(GBytes) sealed = NULL;
  char *data;
  gsize len;

  g_return_val_if_fail (path != NULL, NULL);

  if (!g_file_get_contents (path, &data, &len, error))
    return NULL;
  sealed = g_bytes_new_take (data, len);
  if (passphrase == NULL)
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE,
                           _("The signing key file needs its passphrase."));
      return NULL;
    }
  return pep_signing_key_unseal (sealed, passphrase, error);
}

/**
 * pep_keyring_store:
 * @passphrase: (nullable): for the key file, used only when there is no keyring
 * @place: (out) (optional): where the key went
 *
 * Keeps @key in the login keyring, or, when there is none, in its key file.
 */
gboolean
pep_keyring_store (PepSigningKey    *key,
                   const char       *passphrase,
                   PepKeyringPlace  *place,
                   GError          **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (PEP_IS_SIGNING_KEY (key), FALSE);

  if (use_secret_service ())
    {
      g_autofree char *label = g_strdup_printf (_("PEP Studio signing key of %s"),
                                                pep_signing_key_get_name (key));
      char *secret = pep_signing_key_export_secret (key);
      g_autoptr(GError) local_error = NULL;
      gboolean stored;

      stored = secret_password_store_sync (key_schema (), SECRET_COLLECTION_DEFAULT, label,
                                           secret, NULL, &local_error,
                                           "public-key", pep_signing_key_get_public_key (key),
                                           "name", pep_signing_key_get_name (key),
                                           "role", pep_signing_key_get_role (key),
                                           NULL);
      sodium_memzero (secret, strlen (secret));
      g_free (secret);
      if (stored)
        {
          if (place != NULL)
            *place = PEP_KEYRING_SECRET_SERVICE;
          return TRUE;
        }
      g_debug ("No Secret Service: %s", local_error->message);
    }

  path = pep_keyring_key_file_path (pep_signing_key_get_public_key (key));
  if (!pep_keyring_save_file (key, path, passphrase, error))
    return FALSE;
  if (place != NULL)
    *place = PEP_KEYRING_FILE;
  return TRUE;
}

/**
 * pep_keyring_load:
 * @passphrase: (nullable): for the key file, when the key is not in the keyring
 *
 * Returns: (transfer full): the private key whose public key is @public_key_b64
 */
PepSigningKey *
pep_keyring_load (const char  *public_key_b64,
                  const char  *passphrase,
                  GError     **error)
{
  g_autofree char *path = NULL;

  g_return_val_if_fail (public_key_b64 != NULL, NULL);

  if (use_secret_service ())
    {
      g_autoptr(GError) local_error = NULL;
      char *secret = secret_password_lookup_sync (key_schema (), NULL, &local_error,
                                                  "public-key", public_key_b64, NULL);

      if (secret != NULL)
        {
          PepSigningKey *key = pep_signing_key_import_secret (secret, error);

          secret_password_free (secret);
          return key;
        }
    }

  if (!(path = pep_keyring_key_file_path (public_key_b64)))
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                           _("That is not a public key."));
      return NULL;
    }
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_NO_KEY,
                           _("Your signing key is neither in the keyring nor in a key file here."));
      return NULL;
    }
  return pep_keyring_load_file (path, passphrase, error);
}

/* Returns: the public key of the first key file in the user's folder of keys that is
 * @name's for @role, or NULL */
static char *
find_key_file (const char *name,
               const char *role)
{
  g_autofree char *dir_path = g_build_filename (g_get_user_data_dir (), "pepstudio", "keys", NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *entry;

  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (dir_path, entry, NULL);
      g_autoptr(GKeyFile) file = g_key_file_new ();
      g_autofree char *file_name = NULL;
      g_autofree char *file_role = NULL;

      if (!g_str_has_suffix (entry, ".key")
          || !g_key_file_load_from_file (file, path, G_KEY_FILE_NONE, NULL))
        continue;
      file_name = g_key_file_get_string (file, "PEP Studio signing key", "name", NULL);
      file_role = g_key_file_get_string (file, "PEP Studio signing key", "role", NULL);
      if (g_strcmp0 (file_name, name) == 0 && g_strcmp0 (file_role, role) == 0)
        return g_key_file_get_string (file, "PEP Studio signing key", "public-key", NULL);
    }
  return NULL;
}

/**
 * pep_keyring_find_public_key:
 * @store: (nullable): the file being worked on
 *
 * The public key of @name's signing key for @role, found as pep_keyring_find() finds the key
 * but without opening it: no passphrase is asked and no secret is read (a keyring item's
 * attributes, a key file's public part; in a demo file, the invented person's demo key).
 *
 * Returns: (transfer full) (nullable): the public key, or %NULL when there is none
 */
char *
pep_keyring_find_public_key (PepStore   *store,
                             const char *name,
                             const char *role)
{
  g_autofree char *demo_seed = store != NULL ? pep_store_get_meta (store, "demo_seed") : NULL;

  g_return_val_if_fail (role != NULL, NULL);

  if (name == NULL || name[0] == '\0')
    return NULL;
  if (demo_seed != NULL)
    {
      g_autoptr(PepSigningKey) key =
        pep_signing_key_new_demo ((guint32) g_ascii_strtoull (demo_seed, NULL, 10), name, role);

      return key != NULL ? g_strdup (pep_signing_key_get_public_key (key)) : NULL;
    }
  if (use_secret_service ())
    {
      g_autoptr(GError) local_error = NULL;
      GList *items = secret_password_search_sync (key_schema (), SECRET_SEARCH_NONE, NULL,
                                                  &local_error, "name", name, "role", role, NULL);
      char *public_key = NULL;

      if (items != NULL)
        {
          g_autoptr(GHashTable) attributes =
            secret_retrievable_get_attributes (SECRET_RETRIEVABLE (items->data));

          public_key = g_strdup (g_hash_table_lookup (attributes, "public-key"));
        }
      g_list_free_full (items, g_object_unref);
      if (public_key != NULL)
        return public_key;
    }
  return find_key_file (name, role);
}

/**
 * pep_keyring_find:
 * @store: (nullable): the file being worked on
 * @passphrase: (nullable): for a key file
 *
 * The signing key of @name in @role: in a demo file (pepctl demo), the invented person's
 * demo key; otherwise theirs from the login keyring or their key file.
 *
 * Returns: (transfer full): the key, or %NULL with @error set
 */
PepSigningKey *
pep_keyring_find (PepStore    *store,
                  const char  *name,
                  const char  *role,
                  const char  *passphrase,
                  GError     **error)
{
  g_autofree char *demo_seed = store != NULL ? pep_store_get_meta (store, "demo_seed") : NULL;
  g_autofree char *public_key = NULL;

  g_return_val_if_fail (name != NULL && role != NULL, NULL);

  if (demo_seed != NULL)
    {
      PepSigningKey *key = pep_signing_key_new_demo ((guint32) g_ascii_strtoull (demo_seed, NULL, 10),
                                                     name, role);
      if (key == NULL)
        g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_NO_KEY,
                             _("An invented person of the demo needs a name to have a key."));
      return key;
    }

  if (use_secret_service ())
    {
      g_autoptr(GError) local_error = NULL;
      char *secret = secret_password_lookup_sync (key_schema (), NULL, &local_error,
                                                  "name", name, "role", role, NULL);

      if (secret != NULL)
        {
          PepSigningKey *key = pep_signing_key_import_secret (secret, error);

          secret_password_free (secret);
          return key;
        }
    }
  if ((public_key = find_key_file (name, role)) == NULL)
    {
      g_set_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_NO_KEY,
                   _("%s has no signing key for this role here: make one with pepctl key new."),
                   name);
      return NULL;
    }
  return pep_keyring_load (public_key, passphrase, error);
}
