/* pep-keyring.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where a person's private key is kept: the login keyring through libsecret (the Secret
 * Service) when there is one; otherwise a passphrase-protected file readable by its owner
 * only (0600) in $XDG_DATA_HOME/pepstudio/keys/, named by the key's fingerprint. Never in a
 * PEP Studio file or an export. PEPSTUDIO_KEYRING=file skips the Secret Service (tests,
 * machines whose keyring should not be used).
 */

#pragma once

#include "pep-signing-key.h"
#include "pep-store.h"

G_BEGIN_DECLS

typedef enum
{
  PEP_KEYRING_SECRET_SERVICE,
  PEP_KEYRING_FILE,
} PepKeyringPlace;

char          *pep_keyring_key_file_path  (const char       *public_key_b64);
gboolean       pep_keyring_store          (PepSigningKey    *key,
                                           const char       *passphrase,
                                           PepKeyringPlace  *place,
                                           GError          **error);
PepSigningKey *pep_keyring_load           (const char       *public_key_b64,
                                           const char       *passphrase,
                                           GError          **error);
PepSigningKey *pep_keyring_load_file      (const char       *path,
                                           const char       *passphrase,
                                           GError          **error);
PepSigningKey *pep_keyring_find           (PepStore         *store,
                                           const char       *name,
                                           const char       *role,
                                           const char       *passphrase,
                                           GError          **error);
char          *pep_keyring_find_public_key (PepStore       *store,
                                            const char     *name,
                                            const char     *role);
gboolean       pep_keyring_save_file      (PepSigningKey    *key,
                                           const char       *path,
                                           const char       *passphrase,
                                           GError          **error);

G_END_DECLS
