/* pep-signature.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * libsodium does the cryptography (Ed25519 signatures, SHA-256 for fingerprints): one
 * well-kept library for signing, passphrase key derivation and authenticated encryption
 * (pep-signing-key.c), and nothing hand-written. The message is plain text so that an
 * authority's own systems can rebuild it and check it with `openssl pkeyutl -verify`
 * (docs/signatures.md).
 */

#define G_LOG_DOMAIN "pep-signature"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pep-signature.h"

G_DEFINE_QUARK (pep-signature-error-quark, pep_signature_error)

/* sodium_init() is safe to call from several threads and more than once. */
gboolean
pep_signature_init (GError **error)
{
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_FAILED,
                           _("The cryptography library could not start."));
      return FALSE;
    }
  return TRUE;
}

/* A value on one line: backslash, line feed and carriage return escaped as \\, \n, \r. */
static void
append_line (GString    *message,
             const char *key,
             const char *value)
{
  g_string_append (message, key);
  g_string_append (message, ": ");
  for (const char *p = value != NULL ? value : ""; *p != '\0'; p++)
    {
      if (*p == '\\')
        g_string_append (message, "\\\\");
      else if (*p == '\n')
        g_string_append (message, "\\n");
      else if (*p == '\r')
        g_string_append (message, "\\r");
      else
        g_string_append_c (message, *p);
    }
  g_string_append_c (message, '\n');
}

/**
 * pep_signature_message:
 *
 * The exact bytes a sign-off signs (docs/signatures.md): eight lines, each ending in a line
 * feed, in this order:
 *
 *   PEP Studio sign-off 1
 *   pep: UUID
 *   digest: the content digest
 *   status: the status the PEP moves to
 *   role: the signer's role
 *   name: the signer's name
 *   signed-at: the time
 *   comment: the comment, or nothing
 *
 * Returns: (transfer full): the message, UTF-8
 */
char *
pep_signature_message (const PepSignedStatement *statement)
{
  GString *message = g_string_new ("PEP Studio sign-off 1\n");

  g_return_val_if_fail (statement != NULL, NULL);

  append_line (message, "pep", statement->plan_uuid);
  append_line (message, "digest", statement->digest);
  append_line (message, "status", statement->status);
  append_line (message, "role", statement->role);
  append_line (message, "name", statement->name);
  append_line (message, "signed-at", statement->signed_at);
  append_line (message, "comment", statement->comment);
  return g_string_free (message, FALSE);
}

static guint8 *
decode_exact (const char  *text,
              gsize        expected,
              const char  *what,
              GError     **error)
{
  g_autofree guint8 *bytes = NULL;
  gsize len = 0;

  if (text != NULL && *text != '\0')
    bytes = g_base64_decode (text, &len);
  if (bytes == NULL || len != expected)
    {
      g_set_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                   _("The %s is not %u bytes of base64."), what, (guint) expected);
      return NULL;
    }
  return g_steal_pointer (&bytes);
}

gboolean
pep_public_key_decode (const char  *public_key_b64,
                       guint8       key[PEP_PUBLIC_KEY_BYTES],
                       GError     **error)
{
  g_autofree guint8 *bytes = decode_exact (public_key_b64, PEP_PUBLIC_KEY_BYTES,
                                           _("public key"), error);

  if (bytes == NULL)
    return FALSE;
  memcpy (key, bytes, PEP_PUBLIC_KEY_BYTES);
  return TRUE;
}

/**
 * pep_signature_verify:
 *
 * Returns: whether @signature_b64 is @public_key_b64's Ed25519 signature of @message
 */
gboolean
pep_signature_verify (const char  *public_key_b64,
                      const char  *message,
                      const char  *signature_b64,
                      GError     **error)
{
  guint8 key[PEP_PUBLIC_KEY_BYTES];
  g_autofree guint8 *signature = NULL;

  g_return_val_if_fail (message != NULL, FALSE);

  if (!pep_signature_init (error) || !pep_public_key_decode (public_key_b64, key, error)
      || !(signature = decode_exact (signature_b64, PEP_SIGNATURE_BYTES, _("signature"), error)))
    return FALSE;
  if (crypto_sign_verify_detached (signature, (const guchar *) message, strlen (message), key) != 0)
    {
      g_set_error_literal (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                           _("The signature does not match what it signs."));
      return FALSE;
    }
  return TRUE;
}

/**
 * pep_public_key_fingerprint:
 *
 * A key as people compare it, on screen or read out over the phone: the first 16 bytes of
 * the SHA-256 of the 32 key bytes, in upper-case hex, in eight groups of four
 * ("3F2A 91C0 …").
 *
 * Returns: (transfer full) (nullable): the fingerprint, or %NULL when the key is not a key
 */
char *
pep_public_key_fingerprint (const char *public_key_b64)
{
  guint8 key[PEP_PUBLIC_KEY_BYTES];
  guint8 hash[crypto_hash_sha256_BYTES];
  GString *out = g_string_new (NULL);

  if (!pep_public_key_decode (public_key_b64, key, NULL))
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  crypto_hash_sha256 (hash, key, sizeof key);
  for (guint i = 0; i < 16; i++)
    {
      if (i > 0 && i % 2 == 0)
        g_string_append_c (out, ' ');
      g_string_append_printf (out, "%02X", hash[i]);
    }
  return g_string_free (out, FALSE);
}

/* Whether @fingerprint, as typed (any case, spaces or not), is @public_key_b64's. */
gboolean
pep_fingerprint_matches (const char *fingerprint,
                         const char *public_key_b64)
{
  g_autofree char *expected = pep_public_key_fingerprint (public_key_b64);
  GString *typed;
  gboolean same;

  if (expected == NULL || fingerprint == NULL)
    return FALSE;
  typed = g_string_new (NULL);
  for (const char *p = fingerprint; *p != '\0'; p++)
    if (g_ascii_isxdigit (*p))
      {
        if (typed->len > 0 && typed->len % 5 == 4)
          g_string_append_c (typed, ' ');
        g_string_append_c (typed, g_ascii_toupper (*p));
      }
    else if (*p != ' ' && *p != ':' && *p != '-')
      {
        g_string_free (typed, TRUE);
        return FALSE;
      }
  same = g_str_equal (typed->str, expected);
  g_string_free (typed, TRUE);
  return same;
}

/**
 * pep_public_key_to_pem:
 *
 * The key as OpenSSL reads it: the DER of its SubjectPublicKeyInfo (RFC 8410: the fixed
 * prefix 302a300506032b6570032100, then the 32 key bytes) in a PEM "PUBLIC KEY" block.
 *
 * Returns: (transfer full) (nullable): the PEM text, or %NULL when the key is not a key
 */
char *
pep_public_key_to_pem (const char *public_key_b64)
{
  static const guint8 prefix[] = { 0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65,
                                   0x70, 0x03, 0x21, 0x00 };
  guint8 der[sizeof prefix + PEP_PUBLIC_KEY_BYTES];
  g_autofree char *b64 = NULL;

  if (!pep_public_key_decode (public_key_b64, der + sizeof prefix, NULL))
    return NULL;
  memcpy (der, prefix, sizeof prefix);
  b64 = g_base64_encode (der, sizeof der);
  return g_strdup_printf ("-----BEGIN PUBLIC KEY-----\n%s\n-----END PUBLIC KEY-----\n", b64);
}
