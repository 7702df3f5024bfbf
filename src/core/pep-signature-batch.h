/* pep-signature-batch.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signatures checked ahead, beside the work that needs them: the exchange hands each PEP's
 * signatures over as soon as it has the PEP (import when it has read it, export one PEP
 * ahead of the one it writes), a worker thread verifies them, and the check that follows
 * takes the verdict instead of verifying again. Each signature is still verified, once.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PepSignatureBatch PepSignatureBatch;

PepSignatureBatch *pep_signature_batch_new    (void);
void               pep_signature_batch_add    (PepSignatureBatch  *batch,
                                               const char         *public_key_b64,
                                               const char         *message,
                                               const char         *signature_b64);
gboolean           pep_signature_batch_verify (PepSignatureBatch  *batch,
                                               const char         *public_key_b64,
                                               const char         *message,
                                               const char         *signature_b64,
                                               GError            **error);
void               pep_signature_batch_free   (PepSignatureBatch  *batch);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepSignatureBatch, pep_signature_batch_free)

G_END_DECLS
