/* pep-sha256.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SHA-256 for the digests of the exchange format (pep-xml.c, pep-xml-export.c): Nettle's,
 * which uses the processor's SHA instructions where it has them; the same sums as GLib's
 * GChecksum, several times faster (README, "Figures").
 */

#pragma once

#include <glib.h>
#include <nettle/sha2.h>

G_BEGIN_DECLS

#define PEP_SHA256_HEX_LENGTH 64

typedef struct
{
  struct sha256_ctx ctx;
} PepSha256;

void  pep_sha256_init    (PepSha256   *sum);
void  pep_sha256_update  (PepSha256   *sum,
                          const void  *data,
                          gsize        length);
char *pep_sha256_end_hex (PepSha256   *sum);
char *pep_sha256_hex     (const void  *data,
                          gsize        length);

G_END_DECLS
