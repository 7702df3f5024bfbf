/* pep-officers.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An authority's list of officers (docs/signatures.md, "The officers list"): who may act for
 * its Virtual School in which role — their name, role (QA officer, advisor, headteacher,
 * administrator), public key and the days it is valid — signed by the authority's own key.
 * It is kept in the file (tables officer_list and officer), rides inside the authority's
 * profile (the <Officers> element, data/schema/authority-profile.xsd) and can travel alone
 * as a document whose root is <Officers>. A QA officer's or advisor's signature counts only
 * when its key is on the list with that role on the day it was made.
 */

#pragma once

#include "pep-signing-key.h"
#include "pep-store.h"

G_BEGIN_DECLS

#define PEP_OFFICERS_ERROR (pep_officers_error_quark ())

typedef enum
{
  PEP_OFFICERS_ERROR_INVALID,     /* not a list, or a field it cannot hold */
  PEP_OFFICERS_ERROR_UNVERIFIED,  /* the list's signature does not verify */
  PEP_OFFICERS_ERROR_NOT_LISTED,  /* a key, role or day the list does not grant */
  PEP_OFFICERS_ERROR_NOT_FOUND,   /* no such officer on the list */
} PepOfficersError;

typedef struct
{
  char     *name;
  char     *role;        /* a PepRole nick: qa-officer, advisor, headteacher, administrator */
  char     *public_key;  /* base64 Ed25519 */
  char     *valid_from;  /* YYYY-MM-DD */
  char     *valid_to;    /* YYYY-MM-DD, or NULL: until removed */
  gboolean  demo;        /* a demo key (pepctl demo): anyone can make it */
} PepOfficer;

#define PEP_TYPE_OFFICERS (pep_officers_get_type ())

G_DECLARE_FINAL_TYPE (PepOfficers, pep_officers, PEP, OFFICERS, GObject)

GQuark            pep_officers_error_quark    (void);
gboolean          pep_officers_role_is_valid  (const char        *role);

PepOfficers      *pep_officers_new            (const char        *la_code,
                                               const char        *authority);
PepOfficers      *pep_officers_new_from_xml   (const char        *data,
                                               gssize             length,
                                               GError           **error);
char             *pep_officers_to_xml         (PepOfficers       *self,
                                               gboolean           as_document);
char             *pep_officers_message        (PepOfficers       *self);

const char       *pep_officers_get_la_code    (PepOfficers       *self);
const char       *pep_officers_get_authority  (PepOfficers       *self);
const char       *pep_officers_get_key        (PepOfficers       *self);
gboolean          pep_officers_key_is_demo    (PepOfficers       *self);
const char       *pep_officers_get_issued_at  (PepOfficers       *self);
const char       *pep_officers_get_signature  (PepOfficers       *self);
guint             pep_officers_get_n_officers (PepOfficers       *self);
const PepOfficer *pep_officers_get_officer    (PepOfficers       *self,
                                               guint              index);

gboolean          pep_officers_add            (PepOfficers       *self,
                                               const PepOfficer  *officer,
                                               GError           **error);
gboolean          pep_officers_remove         (PepOfficers       *self,
                                               const char        *name_or_fingerprint,
                                               GError           **error);
gboolean          pep_officers_sign           (PepOfficers       *self,
                                               PepSigningKey     *authority_key,
                                               const char        *issued_at,
                                               GError           **error);
gboolean          pep_officers_verify         (PepOfficers       *self,
                                               GError           **error);
const PepOfficer *pep_officers_check_signer   (PepOfficers       *self,
                                               const char        *signoff_role,
                                               const char        *name,
                                               const char        *public_key,
                                               const char        *day,
                                               GError           **error);
guint             pep_officers_roles_proven   (PepOfficers       *self,
                                               const char        *public_key,
                                               const char        *name,
                                               const char        *day);
const PepOfficer *pep_officers_find_key       (PepOfficers       *self,
                                               const char        *public_key,
                                               const char        *role);

PepOfficers      *pep_store_load_officers     (PepStore          *store,
                                               GError           **error);
gboolean          pep_store_save_officers     (PepStore          *store,
                                               PepOfficers       *officers,
                                               GError           **error);

G_END_DECLS
