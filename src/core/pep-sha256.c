/* pep-sha256.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin layer over Nettle's SHA-256, never cryptography of our own: Debian builds Nettle
 * "fat", choosing at run time the rounds the processor has instructions for (x86-64's SHA
 * extensions), where GLib's GChecksum has portable C only. The digests were a large part of
 * exporting and importing thousands of PEPs.
 */

#include "config.h"

#include "pep-sha256.h"

void
pep_sha256_init (PepSha256 *sum)
{
  sha256_init (&sum->ctx);
}

void
pep_sha256_update (PepSha256  *sum,
                   const void *data,
                   gsize       length)
{
  sha256_update (&sum->ctx, length, data);
}

/* Returns: the sum in lower-case hexadecimal, as GLib gives it; @sum is spent */
char *
pep_sha256_end_hex (PepSha256 *sum)
{
  static const char hex[] = "0123456789abcdef";
  guint8 digest[SHA256_DIGEST_SIZE];
  char *text = g_malloc (PEP_SHA256_HEX_LENGTH + 1);

  sha256_digest (&sum->ctx, sizeof digest, digest);
  for (guint i = 0; i < sizeof digest; i++)
    {
      text[2 * i] = hex[digest[i] >> 4];
      text[2 * i + 1] = hex[digest[i] & 0xf];
    }
  text[PEP_SHA256_HEX_LENGTH] = '\0';
  return text;
}

char *
pep_sha256_hex (const void *data,
                gsize       length)
{
  PepSha256 sum;

  pep_sha256_init (&sum);
  pep_sha256_update (&sum, data, length);
  return pep_sha256_end_hex (&sum);
}
