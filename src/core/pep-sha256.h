/* pep-sha256.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SHA-256 for the digests of the exchange format (pep-xml.c, pep-xml-export.c): the same
 * sums as GLib's GChecksum, with the processor's SHA instructions where it has them.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define PEP_SHA256_HEX_LENGTH 64

typedef struct
{
  guint32  state[8];
  guint8   block[64];
  gsize    in_block;
  guint64  length;
} PepSha256;

void  pep_sha256_init    (PepSha256   *sum);
void  pep_sha256_update  (PepSha256   *sum,
                          const void  *data,
                          gsize        length);
char *pep_sha256_end_hex (PepSha256   *sum);
char *pep_sha256_hex     (const void  *data,
                          gsize        length);
void  pep_sha256_set_portable (gboolean portable);

G_END_DECLS
