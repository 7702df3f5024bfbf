/* pep-authority-trust.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authority's own key and what it vouches for (docs/signatures.md, issue 12).
 *
 * In a Virtual School's copy: the authority's signing key (Ed25519, kept like a person's key
 * in the login keyring or a sealed key file, never in the file or an export), made once by
 * the head or an administrator; with it the officers list is signed, and the file's own
 * profile, which carries the list, is signed too.
 *
 * In any copy: PepAuthorityTrust takes in an authority's profile or list. The first time, the
 * authority's key is pinned only once a person has confirmed its fingerprint (read out over
 * the phone); a different key later is refused until it is confirmed again. Its verify
 * function is the PepAuthorityVerifyFunc a PepWorkContext calls on every profile it imports.
 *
 * Whose signature counts: a QA officer's or advisor's signature only when its key is on the
 * file's officers list — signed by the pinned authority key — with that role on that day.
 */

#pragma once

#include "pep-authority.h"
#include "pep-officers.h"
#include "pep-signing-key.h"
#include "pep-store.h"
#include "pep-work-context.h"

G_BEGIN_DECLS

#define PEP_TRUST_ERROR (pep_trust_error_quark ())

typedef enum
{
  PEP_TRUST_ERROR_CONFIRM,    /* a key not pinned yet, or changed: confirm its fingerprint */
  PEP_TRUST_ERROR_UNTRUSTED,  /* signed by a key this copy does not trust for that */
  PEP_TRUST_ERROR_NO_KEY,     /* this copy has no authority key (or cannot have one) */
} PepTrustError;

GQuark             pep_trust_error_quark             (void);
char              *pep_authority_subject             (const char         *la_code);

#define PEP_TYPE_AUTHORITY_TRUST (pep_authority_trust_get_type ())

G_DECLARE_FINAL_TYPE (PepAuthorityTrust, pep_authority_trust, PEP, AUTHORITY_TRUST, GObject)

PepAuthorityTrust *pep_authority_trust_new           (PepStore           *store);
void               pep_authority_trust_accept_key    (PepAuthorityTrust  *self,
                                                      const char         *fingerprint);
void               pep_authority_trust_set_dry_run   (PepAuthorityTrust  *self,
                                                      gboolean            dry_run);
void               pep_authority_trust_set_provisional (PepAuthorityTrust *self,
                                                      gboolean            provisional);
const char        *pep_authority_trust_get_pending   (PepAuthorityTrust  *self,
                                                      gboolean           *replaces);
const char        *pep_authority_trust_get_pending_subject (PepAuthorityTrust *self);
const char        *pep_authority_trust_get_pending_name (PepAuthorityTrust *self);
gboolean           pep_authority_trust_verify        (PepAuthority       *profile,
                                                      GBytes             *signed_bytes,
                                                      const char         *key_id,
                                                      const char         *signature,
                                                      gpointer            trust,
                                                      GError            **error);
void               pep_authority_trust_install       (PepAuthorityTrust  *self,
                                                      PepWorkContext     *context);
gboolean           pep_authority_trust_take_list     (PepAuthorityTrust  *self,
                                                      PepOfficers        *officers,
                                                      GError            **error);

/* The Virtual School's side */
PepSigningKey     *pep_authority_key_create          (PepStore           *store,
                                                      const char         *passphrase,
                                                      GError            **error);
PepSigningKey     *pep_authority_key_load            (PepStore           *store,
                                                      const char         *passphrase,
                                                      GError            **error);
gboolean           pep_authority_publish             (PepStore           *store,
                                                      PepOfficers        *officers,
                                                      PepSigningKey      *authority_key,
                                                      GError            **error);
gboolean           pep_authority_sign_profile        (PepStore           *store,
                                                      PepAuthority       *profile,
                                                      PepSigningKey      *authority_key,
                                                      GError            **error);

/* Whose signature counts */
PepOfficers       *pep_store_get_trusted_officers    (PepStore           *store,
                                                      GError            **error);
gboolean           pep_authority_trust_check_signer  (PepStore           *store,
                                                      PepOfficers       **officers,
                                                      const char         *signoff_role,
                                                      const char         *name,
                                                      const char         *public_key,
                                                      const char         *signed_at,
                                                      GError            **error);
guint              pep_authority_trust_proven_roles  (PepStore           *store,
                                                      const char         *who);

G_END_DECLS
