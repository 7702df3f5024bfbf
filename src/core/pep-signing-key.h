/* pep-signing-key.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One person's Ed25519 key: their name, the role they sign in (a sign-off role:
 * "designated-teacher", "social-worker", "qa-officer", "vs-advisor"; "authority" for the
 * key that signs an authority's list of officers), the public key, and the private key,
 * which stays in memory only as long as this object lives and is wiped when it goes. It is
 * kept in the login keyring or a passphrase-protected file (pep-keyring.h), never in a PEP
 * file or an export.
 */

#pragma once

#include <glib-object.h>

#include "pep-signature.h"

G_BEGIN_DECLS

#define PEP_SIGNING_KEY_SEED_BYTES 32

#define PEP_TYPE_SIGNING_KEY (pep_signing_key_get_type ())

G_DECLARE_FINAL_TYPE (PepSigningKey, pep_signing_key, PEP, SIGNING_KEY, GObject)

PepSigningKey *pep_signing_key_generate        (const char     *name,
                                                const char     *role,
                                                GError        **error);
PepSigningKey *pep_signing_key_new_from_seed   (const guint8    seed[PEP_SIGNING_KEY_SEED_BYTES],
                                                const char     *name,
                                                const char     *role,
                                                GError        **error);
PepSigningKey *pep_signing_key_new_demo        (guint32         demo_seed,
                                                const char     *name,
                                                const char     *role);
const char    *pep_signing_key_get_name        (PepSigningKey  *self);
const char    *pep_signing_key_get_role        (PepSigningKey  *self);
gboolean       pep_signing_key_is_demo         (PepSigningKey  *self);
const char    *pep_signing_key_get_public_key  (PepSigningKey  *self);
char          *pep_signing_key_dup_fingerprint (PepSigningKey  *self);
char          *pep_signing_key_sign            (PepSigningKey  *self,
                                                const char     *message);

GBytes        *pep_signing_key_seal            (PepSigningKey  *self,
                                                const char     *passphrase,
                                                GError        **error);
PepSigningKey *pep_signing_key_unseal          (GBytes         *sealed,
                                                const char     *passphrase,
                                                GError        **error);
char          *pep_signing_key_export_secret   (PepSigningKey  *self);
PepSigningKey *pep_signing_key_import_secret   (const char     *secret,
                                                GError        **error);

G_END_DECLS
