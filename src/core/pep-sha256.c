/* pep-sha256.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * SHA-256 (FIPS 180-4). An export digests each PEP twice (its own digest and the one its
 * sign-offs sign), a hundred megabytes for ten thousand PEPs: GLib's SHA-256 took a sixth
 * of the writing. x86-64 processors with the SHA extensions do a block in a few dozen
 * instructions; others take the portable rounds below. test-xml-export holds both to GLib's.
 */

#include "config.h"

#include <string.h>

#include "pep-sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define HAVE_SHA_NI 1
#include <cpuid.h>
#include <immintrin.h>
#endif

static const guint32 k[64] = {
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

#define ROTR(x, n) (((x) >> (n)) | ((x) << (32 - (n))))

static void
blocks_portable (guint32       state[8],
                 const guint8 *data,
                 gsize         n_blocks)
{
  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      guint32 w[64], a, b, c, d, e, f, g, h;

      for (guint i = 0; i < 16; i++)
        w[i] = (guint32) data[4 * i] << 24 | (guint32) data[4 * i + 1] << 16
               | (guint32) data[4 * i + 2] << 8 | data[4 * i + 3];
      for (guint i = 16; i < 64; i++)
        w[i] = (ROTR (w[i - 2], 17) ^ ROTR (w[i - 2], 19) ^ (w[i - 2] >> 10)) + w[i - 7]
               + (ROTR (w[i - 15], 7) ^ ROTR (w[i - 15], 18) ^ (w[i - 15] >> 3)) + w[i - 16];
      a = state[0]; b = state[1]; c = state[2]; d = state[3];
      e = state[4]; f = state[5]; g = state[6]; h = state[7];
      for (guint i = 0; i < 64; i++)
        {
          guint32 t1 = h + (ROTR (e, 6) ^ ROTR (e, 11) ^ ROTR (e, 25)) + ((e & f) ^ (~e & g))
                       + k[i] + w[i];
          guint32 t2 = (ROTR (a, 2) ^ ROTR (a, 13) ^ ROTR (a, 22)) + ((a & b) ^ (a & c) ^ (b & c));

          h = g; g = f; f = e; e = d + t1;
          d = c; c = b; b = a; a = t1 + t2;
        }
      state[0] += a; state[1] += b; state[2] += c; state[3] += d;
      state[4] += e; state[5] += f; state[6] += g; state[7] += h;
    }
}

#ifdef HAVE_SHA_NI
/* Four rounds a step with sha256rnds2; the message schedule four words at a time with
 * sha256msg1/msg2, in a ring of four. */
__attribute__ ((target ("sha,sse4.1")))
static void
blocks_sha_ni (guint32       state[8],
               const guint8 *data,
               gsize         n_blocks)
{
  const __m128i swap = _mm_set_epi64x (0x0c0d0e0f08090a0bULL, 0x0405060700010203ULL);
  __m128i tmp = _mm_loadu_si128 ((const __m128i *) &state[0]);
  __m128i state1 = _mm_loadu_si128 ((const __m128i *) &state[4]);
  __m128i state0;

  tmp = _mm_shuffle_epi32 (tmp, 0xB1);                /* CDAB */
  state1 = _mm_shuffle_epi32 (state1, 0x1B);          /* EFGH */
  state0 = _mm_alignr_epi8 (tmp, state1, 8);          /* ABEF */
  state1 = _mm_blend_epi16 (state1, tmp, 0xF0);       /* CDGH */

  for (; n_blocks > 0; n_blocks--, data += 64)
    {
      __m128i abef = state0, cdgh = state1;
      __m128i w[4];

      for (guint i = 0; i < 4; i++)
        w[i] = _mm_shuffle_epi8 (_mm_loadu_si128 ((const __m128i *) (data + 16 * i)), swap);
      for (guint r = 0; r < 16; r++)
        {
          __m128i msg = _mm_add_epi32 (w[r & 3], _mm_loadu_si128 ((const __m128i *) &k[4 * r]));

          state1 = _mm_sha256rnds2_epu32 (state1, state0, msg);
          state0 = _mm_sha256rnds2_epu32 (state0, state1, _mm_shuffle_epi32 (msg, 0x0E));
          if (r < 12)
            {
              /* Words 4r+16…4r+19 from 4r…4r+15, in the place of 4r…4r+3. */
              __m128i next = _mm_sha256msg1_epu32 (w[r & 3], w[(r + 1) & 3]);

              next = _mm_add_epi32 (next, _mm_alignr_epi8 (w[(r + 3) & 3], w[(r + 2) & 3], 4));
              w[r & 3] = _mm_sha256msg2_epu32 (next, w[(r + 3) & 3]);
            }
        }
      state0 = _mm_add_epi32 (state0, abef);
      state1 = _mm_add_epi32 (state1, cdgh);
    }

  tmp = _mm_shuffle_epi32 (state0, 0x1B);             /* FEBA */
  state1 = _mm_shuffle_epi32 (state1, 0xB1);          /* DCHG */
  state0 = _mm_blend_epi16 (tmp, state1, 0xF0);       /* DCBA */
  state1 = _mm_alignr_epi8 (state1, tmp, 8);          /* HGFE */
  _mm_storeu_si128 ((__m128i *) &state[0], state0);
  _mm_storeu_si128 ((__m128i *) &state[4], state1);
}

static gboolean
have_sha_ni (void)
{
  unsigned int a, b, c, d;

  if (!__get_cpuid (1, &a, &b, &c, &d) || !(c & bit_SSE4_1) || !(c & bit_SSSE3))
    return FALSE;
  return __get_cpuid_count (7, 0, &a, &b, &c, &d) && (b & bit_SHA);
}
#endif

typedef void (*BlocksFunc) (guint32 state[8], const guint8 *data, gsize n_blocks);

static gboolean portable_only;

static BlocksFunc
get_blocks (void)
{
  static gsize have_ni;

  if (g_once_init_enter (&have_ni))
    {
#ifdef HAVE_SHA_NI
      g_once_init_leave (&have_ni, have_sha_ni () ? 2 : 1);
#else
      g_once_init_leave (&have_ni, 1);
#endif
    }
#ifdef HAVE_SHA_NI
  if (have_ni == 2 && !portable_only)
    return blocks_sha_ni;
#endif
  return blocks_portable;
}

/* For tests: the portable rounds only, whatever the processor has. */
void
pep_sha256_set_portable (gboolean portable)
{
  portable_only = portable;
}

void
pep_sha256_init (PepSha256 *sum)
{
  static const guint32 initial[8] = {
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  };

  memcpy (sum->state, initial, sizeof initial);
  sum->in_block = 0;
  sum->length = 0;
}

void
pep_sha256_update (PepSha256  *sum,
                   const void *data,
                   gsize       length)
{
  const guint8 *p = data;
  BlocksFunc blocks = get_blocks ();

  sum->length += length;
  if (sum->in_block > 0)
    {
      gsize n = MIN (length, 64 - sum->in_block);

      memcpy (sum->block + sum->in_block, p, n);
      sum->in_block += n;
      p += n;
      length -= n;
      if (sum->in_block < 64)
        return;
      blocks (sum->state, sum->block, 1);
      sum->in_block = 0;
    }
  if (length >= 64)
    {
      blocks (sum->state, p, length / 64);
      p += length - length % 64;
      length %= 64;
    }
  memcpy (sum->block, p, length);
  sum->in_block = length;
}

/* Returns: the sum in lower-case hex, as g_checksum_get_string() gives it. */
char *
pep_sha256_end_hex (PepSha256 *sum)
{
  static const char hex[] = "0123456789abcdef";
  guint64 bits = sum->length * 8;
  guint8 tail[72] = { 0x80 };
  gsize pad = (sum->in_block < 56 ? 56 : 120) - sum->in_block;
  char *out = g_malloc (PEP_SHA256_HEX_LENGTH + 1);

  for (guint i = 0; i < 8; i++)
    tail[pad + i] = (guint8) (bits >> (56 - 8 * i));
  pep_sha256_update (sum, tail, pad + 8);
  g_assert (sum->in_block == 0);
  for (guint i = 0; i < 32; i++)
    {
      guint8 byte = (guint8) (sum->state[i / 4] >> (24 - 8 * (i % 4)));

      out[2 * i] = hex[byte >> 4];
      out[2 * i + 1] = hex[byte & 15];
    }
  out[PEP_SHA256_HEX_LENGTH] = '\0';
  return out;
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
