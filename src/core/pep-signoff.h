/* pep-signoff.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signed sign-offs (docs/signatures.md). Signing: a signoff row gets the status it signs,
 * the digest of the PEP's content now, the signer's public key and the signature. Checking:
 * every signature must match what it signs, and a signed-off PEP's content must still be
 * what its authorisation signed; a PEP that fails is "changed after sign-off" (or signed off
 * without a signature), recorded in plan_tamper, and counted as authorised in no figure.
 *
 * Workflow events (issue 13) plug in the same way: an event row signs a PepSignedStatement
 * whose status is the event's and whose digest is pep_signoff_content_digest() at the time.
 */

#pragma once

#include "pep-officers.h"
#include "pep-signature-batch.h"
#include "pep-signing-key.h"
#include "pep-store.h"

G_BEGIN_DECLS

typedef enum
{
  PEP_SEAL_OK,
  PEP_SEAL_UNSIGNED,       /* signed off, but with no signed authorisation */
  PEP_SEAL_BAD_SIGNATURE,  /* a signature does not match what it says it signs */
  PEP_SEAL_CHANGED,        /* the content differs from what the authorisation signed */
  PEP_SEAL_UNTRUSTED,      /* signed with a key this copy does not trust for that role */
  PEP_SEAL_ORPHANED,       /* superseded with no signed-off amendment */
  PEP_N_SEALS
} PepSeal;

typedef enum
{
  PEP_SIGNOFF_CHECK_DEFAULT = 0,
  PEP_SIGNOFF_CHECK_RECORD = 1 << 0,  /* the result written into the file */
  PEP_SIGNOFF_CHECK_AHEAD  = 1 << 1,  /* signatures verified on another thread meanwhile */
} PepSignoffCheckFlags;

/* One PEP that fails, for pep_signoff_check_store(). */
typedef gboolean (*PepSealFunc) (gint64       plan_id,
                                 const char  *uuid,
                                 PepSeal      seal,
                                 const char  *reason,
                                 gpointer     user_data);

const char *pep_seal_to_nick               (PepSeal         seal);
gboolean    pep_seal_from_nick             (const char     *nick,
                                            PepSeal        *seal);
const char *pep_seal_to_label              (PepSeal         seal);

char       *pep_signoff_content_digest     (PepStore       *store,
                                            PepPlan        *plan,
                                            GError        **error);
gboolean    pep_signoff_sign               (PepStore       *store,
                                            PepPlan        *plan,
                                            PepRecord      *row,
                                            const char     *status,
                                            PepSigningKey  *key,
                                            GError        **error);
char       *pep_signoff_row_message        (PepPlan        *plan,
                                            PepRecord      *row);
gboolean    pep_signoff_check_plan         (PepStore       *store,
                                            PepPlan        *plan,
                                            PepSeal        *seal,
                                            char          **reason,
                                            GError        **error);
gboolean    pep_signoff_check_plan_given   (PepStore       *store,
                                            PepPlan        *plan,
                                            const char     *child_uuid,
                                            const char     *amends_uuid,
                                            const char     *signed_digest,
                                            PepSignatureBatch *batch,
                                            PepOfficers   **officers,
                                            PepSeal        *seal,
                                            char          **reason,
                                            GError        **error);
void        pep_signoff_batch_plan         (PepSignatureBatch *batch,
                                            PepPlan        *plan);
gboolean    pep_signoff_batch_plans        (PepSignatureBatch *batch,
                                            PepStore       *store,
                                            const gint64   *plan_ids,
                                            guint           n_plans,
                                            GError        **error);
gboolean    pep_signoff_check_store        (PepStore       *store,
                                            PepSignoffCheckFlags  flags,
                                            PepSealFunc     func,
                                            gpointer        user_data,
                                            guint          *n_checked,
                                            GError        **error);
gboolean    pep_signoff_refresh_store      (PepStore       *store,
                                            guint          *n_checked,
                                            guint          *n_failing,
                                            GError        **error);
gboolean    pep_signoff_record             (PepStore       *store,
                                            gint64          plan_id,
                                            PepSeal         seal,
                                            const char     *reason,
                                            GError        **error);
gboolean    pep_signoff_foreach_recorded   (PepStore       *store,
                                            PepSealFunc     func,
                                            gpointer        user_data,
                                            GError        **error);
gboolean    pep_signoff_get_recorded       (PepStore       *store,
                                            gint64          plan_id,
                                            PepSeal        *seal,
                                            char          **reason,
                                            GError        **error);

G_END_DECLS
