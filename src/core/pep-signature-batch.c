/* pep-signature-batch.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pep-signature.h"
#include "pep-signature-batch.h"

typedef enum
{
  PENDING,
  VERIFYING,   /* by a thread of the pool, or by whoever asked first */
  VERIFIED,
  FAILED,
} Verdict;

typedef struct
{
  char    *public_key;
  char    *message;
  char    *signature;
  Verdict  verdict;
  guint    refs;      /* the table's and the pool's queue's, under the batch's lock */
  GList    link;      /* in the batch's pending queue while PENDING */
} Entry;

struct _PepSignatureBatch
{
  GMutex       lock;
  GCond        decided;
  GHashTable  *entries;   /* key, signature and message on one string → Entry */
  GThreadPool *pool;      /* NULL when no thread could be had: then verified when asked */
  GQueue       pending;   /* Entry not yet started, in the order given */
  gboolean     closing;   /* what is still queued is dropped */
};

/* Under the batch's lock. */
static void
entry_unref (gpointer data)
{
  Entry *entry = data;

  if (--entry->refs > 0)
    return;
  g_free (entry->public_key);
  g_free (entry->message);
  g_free (entry->signature);
  g_free (entry);
}

/* Verifies @entry, PENDING, and tells its verdict: called with the batch's lock held, let go
 * while it works. */
static void
verify_locked (PepSignatureBatch *batch,
               Entry             *entry)
{
  gboolean ok;

  entry->verdict = VERIFYING;
  g_queue_unlink (&batch->pending, &entry->link);
  g_mutex_unlock (&batch->lock);
  ok = pep_signature_verify (entry->public_key, entry->message, entry->signature, NULL);
  g_mutex_lock (&batch->lock);
  entry->verdict = ok ? VERIFIED : FAILED;
  g_cond_broadcast (&batch->decided);
}

/* The whole of what is verified, so that a verdict answers only the same question. */
static char *
entry_key (const char *public_key_b64,
           const char *message,
           const char *signature_b64)
{
  return g_strjoin ("\n", public_key_b64, signature_b64, message, NULL);
}

static void
verify_in_thread (gpointer data,
                  gpointer user_data)
{
  Entry *entry = data;
  PepSignatureBatch *batch = user_data;

  g_mutex_lock (&batch->lock);
  /* Not when the caller has verified it already, or the batch is going. */
  if (entry->verdict == PENDING && !batch->closing)
    verify_locked (batch, entry);
  entry_unref (entry);
  g_mutex_unlock (&batch->lock);
}

PepSignatureBatch *
pep_signature_batch_new (void)
{
  PepSignatureBatch *batch = g_new0 (PepSignatureBatch, 1);
  /* One core for the caller, the rest (at least one) for the signatures. */
  int threads = MAX (1, (int) g_get_num_processors () - 1);

  g_mutex_init (&batch->lock);
  g_cond_init (&batch->decided);
  batch->entries = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, entry_unref);
  /* Started before any work reaches it: sodium_init() is not run for the first time in
   * two threads at once. */
  if (pep_signature_init (NULL))
    batch->pool = g_thread_pool_new (verify_in_thread, batch, threads, FALSE, NULL);
  return batch;
}

/**
 * pep_signature_batch_add:
 *
 * Starts verifying a signature that pep_signature_batch_verify() will be asked about; the
 * same signature over the same message by the same key, given again, is verified once.
 */
void
pep_signature_batch_add (PepSignatureBatch *batch,
                         const char        *public_key_b64,
                         const char        *message,
                         const char        *signature_b64)
{
  char *key;
  Entry *entry;

  g_return_if_fail (batch != NULL);

  if (batch->pool == NULL || public_key_b64 == NULL || message == NULL || signature_b64 == NULL)
    return;
  key = entry_key (public_key_b64, message, signature_b64);
  g_mutex_lock (&batch->lock);
  if (g_hash_table_contains (batch->entries, key))
    {
      g_mutex_unlock (&batch->lock);
      g_free (key);
      return;
    }
  entry = g_new0 (Entry, 1);
  entry->public_key = g_strdup (public_key_b64);
  entry->message = g_strdup (message);
  entry->signature = g_strdup (signature_b64);
  entry->refs = 2;
  entry->link.data = entry;
  g_queue_push_tail_link (&batch->pending, &entry->link);
  g_hash_table_insert (batch->entries, key, entry);
  g_mutex_unlock (&batch->lock);
  g_thread_pool_push (batch->pool, entry, NULL);
}

/**
 * pep_signature_batch_verify:
 * @batch: (nullable): without one, pep_signature_verify()
 *
 * pep_signature_verify(), answered from the verdict of the same signature given to
 * pep_signature_batch_add(), verified here if the pool has not started on it. While the
 * pool verifies it, the caller verifies the last signatures given rather than wait (the pool
 * takes the first), so that both work when the caller has nothing else to do. A signature
 * that failed is verified again here, for the reason in @error; one never added is verified
 * here.
 */
gboolean
pep_signature_batch_verify (PepSignatureBatch  *batch,
                            const char         *public_key_b64,
                            const char         *message,
                            const char         *signature_b64,
                            GError            **error)
{
  g_autofree char *key = NULL;
  Verdict verdict = FAILED;
  Entry *entry;

  if (batch == NULL || batch->pool == NULL || public_key_b64 == NULL || message == NULL
      || signature_b64 == NULL)
    return pep_signature_verify (public_key_b64, message, signature_b64, error);

  key = entry_key (public_key_b64, message, signature_b64);
  g_mutex_lock (&batch->lock);
  if ((entry = g_hash_table_lookup (batch->entries, key)) != NULL)
    {
      if (entry->verdict == PENDING)
        verify_locked (batch, entry);
      while (entry->verdict == VERIFYING)
        {
          if (batch->pending.tail != NULL)
            verify_locked (batch, batch->pending.tail->data);
          else
            g_cond_wait (&batch->decided, &batch->lock);
        }
      verdict = entry->verdict;
      /* Asked once: the memory goes back (an export or import of every PEP holds no more
       * than the signatures not yet asked about). */
      g_hash_table_remove (batch->entries, key);
    }
  g_mutex_unlock (&batch->lock);
  if (verdict == VERIFIED)
    return TRUE;
  return pep_signature_verify (public_key_b64, message, signature_b64, error);
}

void
pep_signature_batch_free (PepSignatureBatch *batch)
{
  if (batch == NULL)
    return;
  /* What is queued is dropped (its queue's reference only); what a thread is verifying is
   * waited for. */
  g_mutex_lock (&batch->lock);
  batch->closing = TRUE;
  g_mutex_unlock (&batch->lock);
  if (batch->pool != NULL)
    g_thread_pool_free (batch->pool, FALSE, TRUE);
  /* Its links are the entries' own, freed with them. */
  g_queue_init (&batch->pending);
  g_hash_table_unref (batch->entries);
  g_mutex_clear (&batch->lock);
  g_cond_clear (&batch->decided);
  g_free (batch);
}
