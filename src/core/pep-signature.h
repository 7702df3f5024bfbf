/* pep-signature.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a sign-off signs and how anyone checks it (docs/signatures.md): Ed25519 through
 * libsodium over a short text message naming the PEP, the digest of its content, the status
 * it moves to, the signer's role and name, the time and the comment. Public keys and
 * signatures travel in base64; a key is read out over the phone as its fingerprint.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PEP_SIGNATURE_ERROR (pep_signature_error_quark ())

typedef enum
{
  PEP_SIGNATURE_ERROR_FAILED,      /* the crypto library could not start, or a key is unusable */
  PEP_SIGNATURE_ERROR_INVALID,     /* a key or signature that is not what it should be */
  PEP_SIGNATURE_ERROR_PASSPHRASE,  /* a key file's passphrase is wrong (or the file damaged) */
  PEP_SIGNATURE_ERROR_NO_KEY,      /* no key where one was looked for */
} PepSignatureError;

#define PEP_PUBLIC_KEY_BYTES 32
#define PEP_SIGNATURE_BYTES  64

/* One signed statement, as the signoff row and the exchange's Signature carry it. */
typedef struct
{
  const char *plan_uuid;
  const char *digest;      /* pep_xml_plan_signed_digest(): hex SHA-256 of the content */
  const char *status;      /* the status the PEP moves to: "submitted", "signed-off" … */
  const char *role;        /* the signoff role: "designated-teacher", "qa-officer" … */
  const char *name;
  const char *signed_at;   /* YYYY-MM-DDTHH:MM:SSZ */
  const char *comment;     /* nullable */
} PepSignedStatement;

GQuark    pep_signature_error_quark   (void);
gboolean  pep_signature_init          (GError                   **error);

char     *pep_signature_message       (const PepSignedStatement  *statement);
gboolean  pep_signature_verify        (const char                *public_key_b64,
                                       const char                *message,
                                       const char                *signature_b64,
                                       GError                   **error);
gboolean  pep_public_key_decode       (const char                *public_key_b64,
                                       guint8                     key[PEP_PUBLIC_KEY_BYTES],
                                       GError                   **error);
char     *pep_public_key_fingerprint  (const char                *public_key_b64);
gboolean  pep_fingerprint_matches     (const char                *fingerprint,
                                       const char                *public_key_b64);
char     *pep_public_key_to_pem       (const char                *public_key_b64);

G_END_DECLS
