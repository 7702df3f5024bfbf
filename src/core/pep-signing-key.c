/* pep-signing-key.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The private key lives in memory from sodium_malloc() (guarded pages, wiped when freed).
 * Sealed for a file, its 32-byte seed is encrypted with crypto_secretbox (XSalsa20-Poly1305)
 * under a key derived from the passphrase by crypto_pwhash (Argon2id, libsodium's
 * "interactive" limits), with a fresh salt and nonce each time. The sealed form is a small
 * GKeyFile, so that a person can see whose key a file holds without the passphrase.
 */

#define G_LOG_DOMAIN "pep-signing-key"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pep-signing-key.h"

#define GROUP "PEP Studio signing key"

struct _PepSigningKey
{
  GObject   parent_instance;

  guint8   *secret;       /* crypto_sign_SECRETKEYBYTES from sodium_malloc () */
  char     *public_key;   /* base64 */
  char     *name;
  char     *role;
  gboolean  demo;
};

G_DEFINE_FINAL_TYPE (PepSigningKey, pep_signing_key, G_TYPE_OBJECT)

static void
pep_signing_key_finalize (GObject *object)
{
  PepSigningKey *self = (PepSigningKey *)object;

  g_clear_pointer (&self->secret, sodium_free);
  g_clear_pointer (&self->public_key, g_free);
  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->role, g_free);

  G_OBJECT_CLASS (pep_signing_key_parent_class)->finalize (object);
}

static void
pep_signing_key_class_init (PepSigningKeyClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pep_signing_key_finalize;
}

static void
pep_signing_key_init (PepSigningKey *self)
{
}

static gboolean
check_identity (const char  *name,
                const char  *role,
                GError     **error)
{
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));

  if (*stripped == '\0' || strpbrk (name, "\r\n") != NULL
      || role == NULL || *role == '\0' || strpbrk (role, "\r\n ") != NULL)
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                           _("A signing key needs the name of the person it belongs to, on one "
                             "line, and their role."));
      return FALSE;
    }
  return TRUE;
}

/**
 * pep_signing_key_new_from_seed:
 *
 * The key whose Ed25519 seed is @seed (RFC 8032: the same seed always gives the same key).
 */
PepSigningKey *
pep_signing_key_new_from_seed (const guint8   seed[PEP_SIGNING_KEY_SEED_BYTES],
                               const char    *name,
                               const char    *role,
                               GError       **error)
{
  g_autoptr(PepSigningKey) self = NULL;
  guint8 pk[crypto_sign_PUBLICKEYBYTES];

  g_return_val_if_fail (seed != NULL, NULL);

  if (!pep_signature_init (error) || !check_identity (name, role, error))
    return NULL;
  self = g_object_new (PEP_TYPE_SIGNING_KEY, NULL);
  self->secret = sodium_malloc (crypto_sign_SECRETKEYBYTES);
  if (self->secret == NULL)
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_FAILED,
                           _("There is no memory to hold a signing key."));
      return NULL;
    }
  crypto_sign_seed_keypair (pk, self->secret, seed);
  self->public_key = g_base64_encode (pk, sizeof pk);
  self->name = g_strdup (name);
  self->role = g_strdup (role);
  return g_steal_pointer (&self);
}

/* A new key from the system's random source. */
PepSigningKey *
pep_signing_key_generate (const char  *name,
                          const char  *role,
                          GError     **error)
{
  guint8 seed[PEP_SIGNING_KEY_SEED_BYTES];
  PepSigningKey *self;

  if (!pep_signature_init (error))
    return NULL;
  randombytes_buf (seed, sizeof seed);
  self = pep_signing_key_new_from_seed (seed, name, role, error);
  sodium_memzero (seed, sizeof seed);
  return self;
}

/**
 * pep_signing_key_new_demo:
 *
 * An invented person's key for `pepctl demo`, tests and screenshots: its seed is the
 * BLAKE2b-256 of "PEP Studio demo key", the demo's seed, the role and the name, so the same
 * demo seed always gives the same keys, and anyone can make them: a demo key proves nothing
 * and is marked as one wherever it shows.
 */
PepSigningKey *
pep_signing_key_new_demo (guint32     demo_seed,
                          const char *name,
                          const char *role)
{
  g_autofree char *input = g_strdup_printf ("PEP Studio demo key\n%u\n%s\n%s", demo_seed, role, name);
  guint8 seed[PEP_SIGNING_KEY_SEED_BYTES];
  PepSigningKey *self;

  g_assert (sodium_init () >= 0);
  crypto_generichash (seed, sizeof seed, (const guchar *) input, strlen (input), NULL, 0);
  self = pep_signing_key_new_from_seed (seed, name, role, NULL);
  g_return_val_if_fail (self != NULL, NULL);
  self->demo = TRUE;
  return self;
}

const char *
pep_signing_key_get_name (PepSigningKey *self)
{
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (self), NULL);
  return self->name;
}

const char *
pep_signing_key_get_role (PepSigningKey *self)
{
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (self), NULL);
  return self->role;
}

gboolean
pep_signing_key_is_demo (PepSigningKey *self)
{
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (self), FALSE);
  return self->demo;
}

/* Returns: the public key, 32 bytes in base64 */
const char *
pep_signing_key_get_public_key (PepSigningKey *self)
{
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (self), NULL);
  return self->public_key;
}

char *
pep_signing_key_dup_fingerprint (PepSigningKey *self)
{
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (self), NULL);
  return pep_public_key_fingerprint (self->public_key);
}

/* Returns: (transfer full): the Ed25519 signature of @message (its UTF-8 bytes), in base64 */
char *
pep_signing_key_sign (PepSigningKey *self,
                      const char    *message)
{
  guint8 signature[crypto_sign_BYTES];

  g_return_val_if_fail (PEP_IS_SIGNING_KEY (self), NULL);
  g_return_val_if_fail (message != NULL, NULL);

  crypto_sign_detached (signature, NULL, (const guchar *) message, strlen (message), self->secret);
  return g_base64_encode (signature, sizeof signature);
}

/* Sealing --------------------------------------------------------------------------------- */

static GKeyFile *
identity_file (PepSigningKey *self)
{
  GKeyFile *file = g_key_file_new ();

  g_key_file_set_integer (file, GROUP, "version", 1);
  g_key_file_set_string (file, GROUP, "name", self->name);
  g_key_file_set_string (file, GROUP, "role", self->role);
  g_key_file_set_string (file, GROUP, "public-key", self->public_key);
  g_key_file_set_boolean (file, GROUP, "demo", self->demo);
  return file;
}

static char *
seed_base64 (PepSigningKey *self)
{
  guint8 *seed = sodium_malloc (crypto_sign_SEEDBYTES);
  char *text;

  crypto_sign_ed25519_sk_to_seed (seed, self->secret);
  text = g_base64_encode (seed, crypto_sign_SEEDBYTES);
  sodium_free (seed);
  return text;
}

/**
 * pep_signing_key_export_secret:
 *
 * The key with its seed in the clear, for the login keyring (which encrypts what it keeps).
 * pep-keyring.c wipes it once the keyring has it.
 *
 * Returns: (transfer full): the key as GKeyFile text
 */
char *
pep_signing_key_export_secret (PepSigningKey *self)
{
  g_autoptr(GKeyFile) file = NULL;
  char *seed;

  g_return_val_if_fail (PEP_IS_SIGNING_KEY (self), NULL);

  file = identity_file (self);
  seed = seed_base64 (self);
  g_key_file_set_string (file, GROUP, "seed", seed);
  sodium_memzero (seed, strlen (seed));
  g_free (seed);
  return g_key_file_to_data (file, NULL, NULL);
}

/* Reads what pep_signing_key_export_secret() wrote, or, with @passphrase, a sealed key. */
static PepSigningKey *
read_key (const char  *text,
          gsize        len,
          const char  *passphrase,
          GError     **error)
{
  g_autoptr(GKeyFile) file = g_key_file_new ();
  g_autofree char *name = NULL;
  g_autofree char *role = NULL;
  g_autofree char *public_key = NULL;
  g_autofree char *seed_text = NULL;
  g_autofree guint8 *seed = NULL;
  PepSigningKey *self;
  gsize seed_len = 0;

  if (!pep_signature_init (error))
    return NULL;
  if (!g_key_file_load_from_data (file, text, len, G_KEY_FILE_NONE, NULL)
      || g_key_file_get_integer (file, GROUP, "version", NULL) != 1
      || !(name = g_key_file_get_string (file, GROUP, "name", NULL))
      || !(role = g_key_file_get_string (file, GROUP, "role", NULL))
      || !(public_key = g_key_file_get_string (file, GROUP, "public-key", NULL)))
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                           _("This is not a PEP Studio signing key, or it is damaged."));
      return NULL;
    }

  if (passphrase == NULL)
    {
      if ((seed_text = g_key_file_get_string (file, GROUP, "seed", NULL)) != NULL)
        seed = g_base64_decode (seed_text, &seed_len);
    }
  else
    {
      g_autofree char *kdf = g_key_file_get_string (file, GROUP, "kdf", NULL);
      g_autofree char *salt_text = g_key_file_get_string (file, GROUP, "salt", NULL);
      g_autofree char *nonce_text = g_key_file_get_string (file, GROUP, "nonce", NULL);
      g_autofree char *sealed_text = g_key_file_get_string (file, GROUP, "sealed-seed", NULL);
      guint64 ops = g_key_file_get_uint64 (file, GROUP, "opslimit", NULL);
      guint64 mem = g_key_file_get_uint64 (file, GROUP, "memlimit", NULL);
      g_autofree guint8 *salt = NULL, *nonce = NULL, *sealed = NULL;
      gsize salt_len = 0, nonce_len = 0, sealed_len = 0;
      guint8 *box_key;
      int rc;

      if (salt_text) salt = g_base64_decode (salt_text, &salt_len);
      if (nonce_text) nonce = g_base64_decode (nonce_text, &nonce_len);
      if (sealed_text) sealed = g_base64_decode (sealed_text, &sealed_len);
      if (g_strcmp0 (kdf, "argon2id13") != 0 || salt_len != crypto_pwhash_SALTBYTES
          || nonce_len != crypto_secretbox_NONCEBYTES
          || sealed_len != crypto_secretbox_MACBYTES + crypto_sign_SEEDBYTES
          || ops < crypto_pwhash_OPSLIMIT_MIN || ops > crypto_pwhash_OPSLIMIT_SENSITIVE
          || mem < crypto_pwhash_MEMLIMIT_MIN || mem > crypto_pwhash_MEMLIMIT_SENSITIVE)
        {
          g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                               _("This signing key file is damaged: its sealed key cannot be read."));
          return NULL;
        }
      box_key = sodium_malloc (crypto_secretbox_KEYBYTES);
      seed = g_malloc (crypto_sign_SEEDBYTES);
      seed_len = crypto_sign_SEEDBYTES;
      rc = crypto_pwhash (box_key, crypto_secretbox_KEYBYTES, passphrase, strlen (passphrase),
                          salt, ops, mem, crypto_pwhash_ALG_ARGON2ID13);
      if (rc == 0)
        rc = crypto_secretbox_open_easy (seed, sealed, sealed_len, nonce, box_key);
      sodium_free (box_key);
      if (rc != 0)
        {
          sodium_memzero (seed, seed_len);
          g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE,
                               _("The passphrase is wrong, or the key file was changed."));
          return NULL;
        }
    }

  if (seed == NULL || seed_len != crypto_sign_SEEDBYTES)
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                           _("This signing key holds no usable private key."));
      return NULL;
    }
  self = pep_signing_key_new_from_seed (seed, name, role, error);
  sodium_memzero (seed, seed_len);
  if (self != NULL && !g_str_equal (self->public_key, public_key))
    {
      g_clear_object (&self);
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                           _("This signing key is damaged: its private and public keys differ."));
      return NULL;
    }
  if (self != NULL)
    self->demo = g_key_file_get_boolean (file, GROUP, "demo", NULL);
  return self;
}

PepSigningKey *
pep_signing_key_import_secret (const char  *secret,
                               GError     **error)
{
  g_return_val_if_fail (secret != NULL, NULL);
  return read_key (secret, strlen (secret), NULL, error);
}

/**
 * pep_signing_key_seal:
 * @passphrase: at least 8 characters
 *
 * Returns: (transfer full): the key sealed under @passphrase, as the text of a key file
 */
GBytes *
pep_signing_key_seal (PepSigningKey  *self,
                      const char     *passphrase,
                      GError        **error)
{
  g_autoptr(GKeyFile) file = NULL;
  guint8 salt[crypto_pwhash_SALTBYTES];
  guint8 nonce[crypto_secretbox_NONCEBYTES];
  guint8 sealed[crypto_secretbox_MACBYTES + crypto_sign_SEEDBYTES];
  g_autofree char *salt_text = NULL, *nonce_text = NULL, *sealed_text = NULL;
  guint8 *box_key, *seed;
  char *data;
  gsize len;

  g_return_val_if_fail (PEP_IS_SIGNING_KEY (self), NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  if (g_utf8_strlen (passphrase, -1) < 8)
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE,
                           _("Choose a passphrase of at least 8 characters."));
      return NULL;
    }
  randombytes_buf (salt, sizeof salt);
  randombytes_buf (nonce, sizeof nonce);
  box_key = sodium_malloc (crypto_secretbox_KEYBYTES);
  if (crypto_pwhash (box_key, crypto_secretbox_KEYBYTES, passphrase, strlen (passphrase), salt,
                     crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE,
                     crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      sodium_free (box_key);
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_FAILED,
                           _("There is not enough memory to protect the key with the passphrase."));
      return NULL;
    }
  seed = sodium_malloc (crypto_sign_SEEDBYTES);
  crypto_sign_ed25519_sk_to_seed (seed, self->secret);
  crypto_secretbox_easy (sealed, seed, crypto_sign_SEEDBYTES, nonce, box_key);
  sodium_free (seed);
  sodium_free (box_key);

  file = identity_file (self);
  salt_text = g_base64_encode (salt, sizeof salt);
  nonce_text = g_base64_encode (nonce, sizeof nonce);
  sealed_text = g_base64_encode (sealed, sizeof sealed);
  g_key_file_set_string (file, GROUP, "kdf", "argon2id13");
  g_key_file_set_uint64 (file, GROUP, "opslimit", crypto_pwhash_OPSLIMIT_INTERACTIVE);
  g_key_file_set_uint64 (file, GROUP, "memlimit", crypto_pwhash_MEMLIMIT_INTERACTIVE);
  g_key_file_set_string (file, GROUP, "salt", salt_text);
  g_key_file_set_string (file, GROUP, "nonce", nonce_text);
  g_key_file_set_string (file, GROUP, "sealed-seed", sealed_text);
  data = g_key_file_to_data (file, &len, NULL);
  return g_bytes_new_take (data, len);
}

PepSigningKey *
pep_signing_key_unseal (GBytes      *sealed,
                        const char  *passphrase,
                        GError     **error)
{
  gsize len;
  const char *data;

  g_return_val_if_fail (sealed != NULL, NULL);
  g_return_val_if_fail (passphrase != NULL, NULL);

  data = g_bytes_get_data (sealed, &len);
  return read_key (data, len, passphrase, error);
}
