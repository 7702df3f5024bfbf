/* pep-signoff.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a signature covers, and why: the content digest (pep_xml_plan_signed_digest()) is
 * the exchange format's canonical form of the PEP less Revision, LastChanged and Status,
 * which move on after the signature (a signed-off PEP is later superseded), and less the
 * signatures themselves; the status, role, name, time and comment are in the message. So
 * the advisor's authorisation covers every section, every rating and follow-up, and the
 * PEP's place (child, term, kind, amended PEP); earlier signatures (the submission, QA's
 * return or approval) each cover the content as it was when they were made, and are
 * checked as signatures only.
 */

#define G_LOG_DOMAIN "pep-signoff"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <sodium.h>
#include <string.h>

#include "pep-authority-trust.h"
#include "pep-signoff.h"
#include "pep-store-private.h"
#include "pep-xml-private.h"

static const struct
{
  const char *nick;
  const char *label;
} seals[PEP_N_SEALS] = {
  [PEP_SEAL_OK] = { "ok", N_("Signatures verified") },
  [PEP_SEAL_UNSIGNED] = { "unsigned", N_("Signed off without a signature") },
  [PEP_SEAL_BAD_SIGNATURE] = { "bad-signature", N_("A signature does not match") },
  [PEP_SEAL_CHANGED] = { "changed", N_("Changed after sign-off") },
  [PEP_SEAL_UNTRUSTED] = { "untrusted-key", N_("Signed with a key not trusted here") },
  [PEP_SEAL_ORPHANED] = { "orphaned", N_("Superseded by no signed-off amendment") },
};

const char *
pep_seal_to_nick (PepSeal seal)
{
  g_return_val_if_fail (seal < PEP_N_SEALS, NULL);
  return seals[seal].nick;
}

gboolean
pep_seal_from_nick (const char *nick,
                    PepSeal    *seal)
{
  for (guint i = 0; i < PEP_N_SEALS; i++)
    if (g_strcmp0 (nick, seals[i].nick) == 0)
      {
        *seal = i;
        return TRUE;
      }
  return FALSE;
}

const char *
pep_seal_to_label (PepSeal seal)
{
  g_return_val_if_fail (seal < PEP_N_SEALS, NULL);
  return _(seals[seal].label);
}

/* Returns: (transfer full): the hex SHA-256 a sign-off of @plan signs now */
char *
pep_signoff_content_digest (PepStore  *store,
                            PepPlan   *plan,
                            GError   **error)
{
  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);
  return pep_xml_plan_signed_digest (store, plan, error);
}

/* Returns: (transfer full): the message @row of @plan signs (pep_signature_message()) */
char *
pep_signoff_row_message (PepPlan   *plan,
                         PepRecord *row)
{
  PepSignedStatement statement = {
    .plan_uuid = pep_plan_get_uuid (plan),
    .digest = pep_record_get_text (row, PEP_SIGNOFF_CONTENT_DIGEST),
    .status = pep_record_get_text (row, PEP_SIGNOFF_STATUS),
    .role = pep_record_get_text (row, PEP_SIGNOFF_ROLE),
    .name = pep_record_get_text (row, PEP_SIGNOFF_NAME),
    .signed_at = pep_record_get_text (row, PEP_SIGNOFF_SIGNED_AT),
    .comment = pep_record_get_text (row, PEP_SIGNOFF_COMMENT),
  };

  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (PEP_IS_RECORD (row), NULL);
  return pep_signature_message (&statement);
}

/**
 * pep_signoff_sign:
 * @row: a signoff row with its role, name, time and comment set; not yet saved
 * @status: the status @plan moves to with this sign-off
 *
 * Signs @plan's content as it is now, in memory: sets @row's status, content digest,
 * public key and signature. The name and role must be @key's.
 */
gboolean
pep_signoff_sign (PepStore       *store,
                  PepPlan        *plan,
                  PepRecord      *row,
                  const char     *status,
                  PepSigningKey  *key,
                  GError        **error)
{
  g_autofree char *digest = NULL;
  g_autofree char *message = NULL;
  g_autofree char *value = NULL;

  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);
  g_return_val_if_fail (pep_record_get_table (row) == PEP_TABLE_SIGNOFF, FALSE);
  g_return_val_if_fail (PEP_IS_SIGNING_KEY (key), FALSE);
  g_return_val_if_fail (status != NULL, FALSE);

  if (g_strcmp0 (pep_record_get_text (row, PEP_SIGNOFF_ROLE), pep_signing_key_get_role (key)) != 0
      || g_strcmp0 (pep_record_get_text (row, PEP_SIGNOFF_NAME), pep_signing_key_get_name (key)) != 0)
    {
      g_set_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID,
                   _("This signing key is %s's, as %s: it cannot sign for %s as %s."),
                   pep_signing_key_get_name (key), pep_signing_key_get_role (key),
                   pep_record_get_text (row, PEP_SIGNOFF_NAME),
                   pep_record_get_text (row, PEP_SIGNOFF_ROLE));
      return FALSE;
    }
  if (!(digest = pep_signoff_content_digest (store, plan, error)))
    return FALSE;
  pep_record_set_text (row, PEP_SIGNOFF_STATUS, status);
  pep_record_set_text (row, PEP_SIGNOFF_CONTENT_DIGEST, digest);
  pep_record_set_text (row, PEP_SIGNOFF_PUBLIC_KEY, pep_signing_key_get_public_key (key));
  message = pep_signoff_row_message (plan, row);
  value = pep_signing_key_sign (key, message);
  pep_record_set_text (row, PEP_SIGNOFF_VALUE, value);
  return TRUE;
}

/* Checking -------------------------------------------------------------------------------- */

static gboolean
has_signed_amendment (PepStore  *store,
                      gint64     plan_id,
                      gboolean  *found,
                      GError   **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store,
                                           "SELECT 1 FROM plan WHERE amends_id = ? "
                                           "AND status IN ('signed-off', 'superseded')", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  *found = rc == SQLITE_ROW;
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _pep_store_set_sqlite_error (store, rc, error);
}

static char *
describe_row (PepRecord *row)
{
  const char *role = pep_record_get_text (row, PEP_SIGNOFF_ROLE);
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_SIGNOFF, PEP_SIGNOFF_ROLE);
  const PepChoice *choice = pep_field_find_choice (info, role);

  return g_strdup_printf (_("%s's signature as %s (%s)"),
                          pep_record_get_text (row, PEP_SIGNOFF_NAME) ? pep_record_get_text (row, PEP_SIGNOFF_NAME) : "?",
                          choice != NULL ? _(choice->label) : role ? role : "?",
                          pep_record_get_text (row, PEP_SIGNOFF_SIGNED_AT) ? pep_record_get_text (row, PEP_SIGNOFF_SIGNED_AT) : "?");
}

/**
 * pep_signoff_check_plan:
 * @seal: (out): %PEP_SEAL_OK, or the first problem found
 * @reason: (out) (optional): why, in a sentence, when there is a problem
 *
 * Checks every signature of @plan, and that a signed-off (or superseded) PEP is still what
 * its authorisation signed.
 *
 * Returns: %FALSE only when the check itself could not be made
 */
gboolean
pep_signoff_check_plan (PepStore   *store,
                        PepPlan    *plan,
                        PepSeal    *seal,
                        char      **reason,
                        GError    **error)
{
  g_autoptr(PepOfficers) officers = NULL;

  return pep_signoff_check_plan_given (store, plan, NULL, NULL, NULL, NULL, &officers, seal,
                                       reason, error);
}

/**
 * pep_signoff_batch_plan:
 *
 * Gives @batch every signature of @plan that pep_signoff_check_plan_given() will verify,
 * to be verified ahead while the caller goes on.
 */
void
pep_signoff_batch_plan (PepSignatureBatch *batch,
                        PepPlan           *plan)
{
  GPtrArray *rows;

  g_return_if_fail (batch != NULL);
  g_return_if_fail (PEP_IS_PLAN (plan));

  rows = pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF);
  for (guint i = 0; i < rows->len; i++)
    {
      PepRecord *row = g_ptr_array_index (rows, i);
      const char *value = pep_record_get_text (row, PEP_SIGNOFF_VALUE);
      g_autofree char *message = NULL;

      if (value == NULL)
        continue;
      message = pep_signoff_row_message (plan, row);
      pep_signature_batch_add (batch, pep_record_get_text (row, PEP_SIGNOFF_PUBLIC_KEY), message,
                               value);
    }
}

/* pep_signoff_batch_plans() for one run of ids (_pep_store_id_run()), by one query. */
static gboolean
batch_run (PepSignatureBatch  *batch,
           PepStore           *store,
           const gint64       *plan_ids,
           guint               n_plans,
           GError            **error)
{
  sqlite3_stmt *stmt;
  guint next = 0;
  int rc;

  stmt = _pep_store_prepare (store,
                             "SELECT s.plan_id, p.uuid, s.content_digest, s.status, s.role, s.name,"
                             " s.signed_at, s.comment, s.public_key, s.value"
                             " FROM signoff s JOIN plan p ON p.id = s.plan_id"
                             " WHERE s.plan_id BETWEEN ? AND ? AND s.value IS NOT NULL"
                             " ORDER BY s.plan_id, s.position", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_ids[0]);
  sqlite3_bind_int64 (stmt, 2, plan_ids[n_plans - 1]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 plan_id = sqlite3_column_int64 (stmt, 0);
      PepSignedStatement statement = {
        .plan_uuid = (const char *) sqlite3_column_text (stmt, 1),
        .digest = (const char *) sqlite3_column_text (stmt, 2),
        .status = (const char *) sqlite3_column_text (stmt, 3),
        .role = (const char *) sqlite3_column_text (stmt, 4),
        .name = (const char *) sqlite3_column_text (stmt, 5),
        .signed_at = (const char *) sqlite3_column_text (stmt, 6),
        .comment = (const char *) sqlite3_column_text (stmt, 7),
      };
      g_autofree char *message = NULL;

      /* The range holds PEPs not asked for too (not exported): skipped. */
      while (next < n_plans && plan_ids[next] < plan_id)
        next++;
      if (next == n_plans || plan_ids[next] != plan_id)
        continue;
      message = pep_signature_message (&statement);
      pep_signature_batch_add (batch, (const char *) sqlite3_column_text (stmt, 8), message,
                               (const char *) sqlite3_column_text (stmt, 9));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);
  return TRUE;
}

/**
 * pep_signoff_batch_plans:
 * @plan_ids: (array length=n_plans): PEP ids in increasing order
 *
 * pep_signoff_batch_plan() for many PEPs by one query over their sign-offs, without loading
 * them: an export hands the next window of PEPs' signatures to @batch while it writes the
 * ones before, so the verdicts are ready when it asks. The message each signature signs is
 * built from the same columns pep_signoff_row_message() reads; were it ever to differ, the
 * batch would not answer and the signature would be verified when asked (never trusted).
 */
gboolean
pep_signoff_batch_plans (PepSignatureBatch  *batch,
                         PepStore           *store,
                         const gint64       *plan_ids,
                         guint               n_plans,
                         GError            **error)
{
  g_return_val_if_fail (batch != NULL, FALSE);
  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  /* Run by run (_pep_store_id_run()): a few PEPs spread over a large file do not have every
   * sign-off between them read. */
  for (guint from = 0, n; from < n_plans; from += n)
    {
      n = _pep_store_id_run (plan_ids + from, n_plans - from);
      if (!batch_run (batch, store, plan_ids + from, n, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pep_signoff_check_plan_given:
 * @child_uuid: (nullable): the UUID of @plan's child, when the caller has it; then
 *   @amends_uuid is taken as given too (NULL: it amends nothing). With NULL both are read
 *   from the store by @plan's ids.
 * @signed_digest: (nullable): @plan's content digest (pep_xml_plan_signed_digest()) when the
 *   caller has computed it as it wrote or read @plan (export, import); else it is computed
 *   here, from @child_uuid or the store
 * @batch: (nullable): where @plan's signatures were given ahead (pep_signature_batch_add());
 *   their verdicts are taken from it
 * @officers: (inout): the trusted officers list, loaded on first use and kept by the caller
 *   for the next PEP (unref it when done)
 *
 * pep_signoff_check_plan() for many PEPs in a row, or a PEP held in memory exactly as the
 * store now holds it (import's, just written): the content digest is computed from @plan as
 * it is, or given, so @plan need not be read back.
 */
gboolean
pep_signoff_check_plan_given (PepStore           *store,
                              PepPlan            *plan,
                              const char         *child_uuid,
                              const char         *amends_uuid,
                              const char         *signed_digest,
                              PepSignatureBatch  *batch,
                              PepOfficers       **officers,
                              PepSeal            *seal,
                              char              **reason,
                              GError            **error)
{
  GPtrArray *rows;
  PepRecord *authorisation = NULL;
  PepStatus status;
  g_autofree char *why = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (officers != NULL, FALSE);
  g_return_val_if_fail (seal != NULL, FALSE);

  *seal = PEP_SEAL_OK;
  rows = pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF);
  for (guint i = 0; i < rows->len && *seal == PEP_SEAL_OK; i++)
    {
      PepRecord *row = g_ptr_array_index (rows, i);
      const char *value = pep_record_get_text (row, PEP_SIGNOFF_VALUE);
      g_autofree char *message = NULL;
      g_autoptr(GError) local_error = NULL;

      if (value == NULL)
        continue;
      message = pep_signoff_row_message (plan, row);
      if (!pep_signature_batch_verify (batch, pep_record_get_text (row, PEP_SIGNOFF_PUBLIC_KEY),
                                       message, value, &local_error))
        {
          g_autofree char *what = describe_row (row);

          *seal = PEP_SEAL_BAD_SIGNATURE;
          why = g_strdup_printf (_("%s does not match what it signs: %s"), what,
                                 local_error->message);
        }
      /* A QA officer's or advisor's key must be on the authority's list, in that role, that day. */
      else if (!pep_authority_trust_check_signer (store, officers,
                                                  pep_record_get_text (row, PEP_SIGNOFF_ROLE),
                                                  pep_record_get_text (row, PEP_SIGNOFF_NAME),
                                                  pep_record_get_text (row, PEP_SIGNOFF_PUBLIC_KEY),
                                                  pep_record_get_text (row, PEP_SIGNOFF_SIGNED_AT),
                                                  &local_error))
        {
          g_autofree char *what = describe_row (row);

          if (!g_error_matches (local_error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED))
            {
              g_propagate_error (error, g_steal_pointer (&local_error));
              return FALSE;
            }
          *seal = PEP_SEAL_UNTRUSTED;
          why = g_strdup_printf (_("%s is by a key this copy does not trust for that role: %s"),
                                 what, local_error->message);
        }
      else if (g_strcmp0 (pep_record_get_text (row, PEP_SIGNOFF_STATUS), "signed-off") == 0)
        authorisation = row;
    }

  status = pep_plan_get_status (plan);
  if (*seal == PEP_SEAL_OK && (status == PEP_STATUS_SIGNED_OFF || status == PEP_STATUS_SUPERSEDED))
    {
      g_autofree char *digest = NULL;
      gboolean amended = TRUE;

      if (authorisation == NULL
          || g_strcmp0 (pep_record_get_text (authorisation, PEP_SIGNOFF_ROLE), "vs-advisor") != 0)
        {
          *seal = PEP_SEAL_UNSIGNED;
          why = g_strdup (_("It is signed off, but no Virtual School advisor's signature "
                            "authorises it."));
        }
      else if (!(digest = signed_digest != NULL ? g_strdup (signed_digest)
                          : child_uuid != NULL
                          ? pep_xml_plan_signed_digest_given (plan, child_uuid, amends_uuid)
                          : pep_signoff_content_digest (store, plan, error)))
        return FALSE;
      else if (!g_str_equal (digest, pep_record_get_text (authorisation, PEP_SIGNOFF_CONTENT_DIGEST)))
        {
          g_autofree char *what = describe_row (authorisation);

          *seal = PEP_SEAL_CHANGED;
          why = g_strdup_printf (_("Its content was changed after sign-off: it is no longer "
                                   "what %s signed."), what);
        }
      else if (status == PEP_STATUS_SUPERSEDED
               && !has_signed_amendment (store, pep_plan_get_id (plan), &amended, error))
        return FALSE;
      else if (!amended)
        {
          *seal = PEP_SEAL_ORPHANED;
          why = g_strdup (_("It is marked superseded, but no signed-off amendment replaces it."));
        }
    }

  if (reason != NULL)
    *reason = g_steal_pointer (&why);
  return TRUE;
}

/* Stamps ---------------------------------------------------------------------------------- */

/* What the cheap check compares (pep_signoff_refresh_store()): a SHA-256 over every row the
 * check of one PEP reads — its plan row with its child's UUID, the UUID of the PEP it
 * amends and the status of its amendment; every row of its own tables, sign-offs included —
 * and over what decides whose keys count (the officers list, the pinned keys, the copy's
 * owner) and this build's version. Any change to those, made by PEP Studio or with sqlite3
 * behind the triggers' back, changes the stamp. It is not keyed: whoever rewrites the marks
 * themselves (plan_checked) can hide a change from it; pepctl verify checks everything. */

#define STAMP_VERSION "pep-signoff-stamp 1 " PACKAGE_VERSION
#define STAMP_BYTES crypto_generichash_BYTES

/* BLAKE2b (libsodium's generic hash): several times quicker than GLib's SHA-256 here, where
 * the stamps read every row of every signed PEP. */
typedef crypto_generichash_state Stamp;

static void
stamp_init (Stamp *sum)
{
  crypto_generichash_init (sum, NULL, 0, STAMP_BYTES);
}

static void
stamp_bytes (Stamp        *sum,
             const guchar *bytes,
             gsize         size)
{
  crypto_generichash_update (sum, bytes, size);
}

/* One value, with its type (and a text's length), so that no two rows hash alike by
 * accident; in one update where it can be, for a row has a hundred of them. */
static void
stamp_value (Stamp         *sum,
             sqlite3_value *value)
{
  guchar head[1 + sizeof (guint64)];
  guint64 word = 0;
  const guchar *bytes = NULL;
  int type = sqlite3_value_type (value);

  switch (type)
    {
    case SQLITE_INTEGER:
      word = (guint64) sqlite3_value_int64 (value);
      break;
    case SQLITE_FLOAT:
      {
        double real = sqlite3_value_double (value);

        memcpy (&word, &real, sizeof word);
      }
      break;
    case SQLITE_TEXT:
    case SQLITE_BLOB:
      bytes = type == SQLITE_TEXT ? sqlite3_value_text (value) : sqlite3_value_blob (value);
      word = (guint64) sqlite3_value_bytes (value);
      break;
    default:
      break;
    }
  head[0] = (guchar) type;
  word = GUINT64_TO_LE (word);
  memcpy (head + 1, &word, sizeof word);
  stamp_bytes (sum, head, sizeof head);
  if (bytes != NULL && word > 0)
    stamp_bytes (sum, bytes, GUINT64_FROM_LE (word));
}

/* pep_stamp_row (a, b, …): the SHA-256 of its arguments, each with its type, as a blob.
 * SQLite hands a function its values whole, which is quicker than reading a wide row
 * column by column through the API. */
static void
stamp_row_function (sqlite3_context  *context,
                    int               argc,
                    sqlite3_value   **argv)
{
  Stamp sum;
  guint8 digest[STAMP_BYTES];

  stamp_init (&sum);
  for (int i = 0; i < argc; i++)
    stamp_value (&sum, argv[i]);
  crypto_generichash_final (&sum, digest, sizeof digest);
  sqlite3_result_blob (context, digest, sizeof digest, SQLITE_TRANSIENT);
}

/* Once per connection: defining it again would expire every prepared statement. */
static gboolean
ensure_stamp_function (PepStore  *store,
                       GError   **error)
{
  int rc;

  if (g_object_get_data (G_OBJECT (store), "pep-signoff-stamp-row") != NULL)
    return TRUE;
  rc = sqlite3_create_function_v2 (_pep_store_get_db (store), "pep_stamp_row", -1,
                                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_DIRECTONLY,
                                   NULL, stamp_row_function, NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    return _pep_store_set_sqlite_error (store, rc, error);
  g_object_set_data (G_OBJECT (store), "pep-signoff-stamp-row", GINT_TO_POINTER (TRUE));
  return TRUE;
}

/* The row stamps (pep_stamp_row()) of one row of a stamping query, from column @first on. */
static void
stamp_row (Stamp        *sum,
           sqlite3_stmt *stmt,
           int           first)
{
  for (int i = first; i < sqlite3_column_count (stmt); i++)
    {
      guchar row[STAMP_BYTES] = { 0, };

      if (sqlite3_column_bytes (stmt, i) == STAMP_BYTES)
        memcpy (row, sqlite3_column_blob (stmt, i), STAMP_BYTES);
      stamp_bytes (sum, row, sizeof row);
    }
}

/* "pep_stamp_row (p."a", p."b", …)" over every column of @table as the file has them,
 * in calls of at most 100 arguments (SQLite takes 127 at most). */
static gboolean
append_row_stamp (PepStore    *store,
                  GString     *sql,
                  const char  *table,
                  const char  *alias,
                  GError     **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store, "SELECT name FROM pragma_table_info (?) "
                                                  "ORDER BY cid", error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      char *column = sqlite3_mprintf ("%s%s.\"%w\"",
                                      n == 0 ? "pep_stamp_row (" : n % 100 == 0 ? "), pep_stamp_row (" : ", ",
                                      alias, (const char *) sqlite3_column_text (stmt, 0));

      g_string_append (sql, column);
      sqlite3_free (column);
      n++;
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);
  g_string_append (sql, n > 0 ? ")" : "NULL");
  return TRUE;
}

/* "SELECT @key, pep_stamp_row (every column of @table) … FROM @table @alias @tail". */
static sqlite3_stmt *
prepare_stamping (PepStore    *store,
                  const char  *key,
                  const char  *table,
                  const char  *alias,
                  const char  *extra,
                  const char  *tail,
                  GError     **error)
{
  g_autoptr(GString) sql = g_string_new (NULL);

  g_string_append_printf (sql, "SELECT %s, ", key);
  if (!append_row_stamp (store, sql, table, alias, error))
    return NULL;
  g_string_append_printf (sql, "%s FROM %s %s %s", extra, table, alias, tail);
  return _pep_store_prepare (store, sql->str, error);
}

/* The plan row (with its child's UUID, the UUID of the PEP it amends and its amendment's
 * status, which its check reads too), then each table of a PEP's rows: every query orders
 * by PEP, so that all are read side by side, once, whatever the number of PEPs. */
static sqlite3_stmt *
prepare_plan_stamping (PepStore  *store,
                       PepTable   table,
                       GError   **error)
{
  if (table == PEP_TABLE_PLAN)
    return prepare_stamping (store, "p.id", "plan", "p",
                             ", pep_stamp_row (c.uuid, a.uuid, m.id, m.status)",
                             "LEFT JOIN child c ON c.id = p.child_id "
                             "LEFT JOIN plan a ON a.id = p.amends_id "
                             "LEFT JOIN plan m ON m.amends_id = p.id "
                             "ORDER BY p.id, m.id", error);
  return prepare_stamping (store, "t.plan_id", pep_table_get_name (table), "t", "",
                           "ORDER BY t.plan_id, t.position, t.id", error);
}

/* What decides whose keys count: the officers list, the pinned keys, the copy's owner. */
static gboolean
stamp_trust (PepStore  *store,
             Stamp     *sum,
             GError   **error)
{
  static const struct
  {
    const char *table;
    const char *order;
  } tables[] = {
    { "officer_list", "ORDER BY t.id" },
    { "officer", "ORDER BY t.position, t.id" },
    { "pinned_key", "ORDER BY t.subject, t.public_key" },
    { "copy_owner", "ORDER BY t.rowid" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      sqlite3_stmt *stmt = prepare_stamping (store, "0", tables[i].table, "t", "",
                                             tables[i].order, error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      stamp_bytes (sum, (const guchar *) tables[i].table, strlen (tables[i].table) + 1);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        stamp_row (sum, stmt, 1);
      sqlite3_reset (stmt);
      if (rc != SQLITE_DONE)
        return _pep_store_set_sqlite_error (store, rc, error);
    }
  return TRUE;
}

/* Returns: (transfer full) (element-type utf8): the stamp of each of @ids (ascending), hex */
static GPtrArray *
compute_stamps (PepStore  *store,
                GArray    *ids,
                GError   **error)
{
  Stamp trust;
  g_autoptr(GPtrArray) stamps = g_ptr_array_new_full (ids->len, g_free);
  sqlite3_stmt *cursors[PEP_N_TABLES] = { NULL, };
  int rcs[PEP_N_TABLES];
  guint8 trust_digest[STAMP_BYTES];
  gboolean ok = TRUE;

  /* sodium_init() also picks the quickest BLAKE2b for this processor. */
  if (!pep_signature_init (error) || !ensure_stamp_function (store, error))
    return NULL;
  stamp_init (&trust);
  stamp_bytes (&trust, (const guchar *) STAMP_VERSION, strlen (STAMP_VERSION));
  if (!stamp_trust (store, &trust, error))
    return NULL;
  crypto_generichash_final (&trust, trust_digest, sizeof trust_digest);

  for (PepTable t = PEP_TABLE_PLAN; t < PEP_N_TABLES && ok; t++)
    {
      if (!(cursors[t] = prepare_plan_stamping (store, t, error)))
        ok = FALSE;
      else
        rcs[t] = sqlite3_step (cursors[t]);
    }

  for (guint i = 0; ok && i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      Stamp sum;
      guint8 digest[STAMP_BYTES];

      stamp_init (&sum);
      stamp_bytes (&sum, trust_digest, sizeof trust_digest);
      for (PepTable t = PEP_TABLE_PLAN; t < PEP_N_TABLES && ok; t++)
        {
          guchar table = (guchar) t;

          stamp_bytes (&sum, &table, 1);
          while (rcs[t] == SQLITE_ROW && sqlite3_column_int64 (cursors[t], 0) < id)
            rcs[t] = sqlite3_step (cursors[t]);
          while (rcs[t] == SQLITE_ROW && sqlite3_column_int64 (cursors[t], 0) == id)
            {
              stamp_row (&sum, cursors[t], 1);
              rcs[t] = sqlite3_step (cursors[t]);
            }
          if (rcs[t] != SQLITE_ROW && rcs[t] != SQLITE_DONE)
            ok = _pep_store_set_sqlite_error (store, rcs[t], error);
        }
      crypto_generichash_final (&sum, digest, sizeof digest);
      g_ptr_array_add (stamps, sodium_bin2hex (g_malloc (2 * sizeof digest + 1), 2 * sizeof digest + 1,
                                               digest, sizeof digest));
    }

  for (PepTable t = PEP_TABLE_PLAN; t < PEP_N_TABLES; t++)
    if (cursors[t] != NULL)
      sqlite3_reset (cursors[t]);
  return ok ? g_steal_pointer (&stamps) : NULL;
}

/* Checking a whole file ------------------------------------------------------------------- */

/* What one check found, PEP by PEP, ascending. */
typedef struct
{
  GArray    *ids;       /* gint64 */
  GPtrArray *stamps;    /* hex; NULL when not recording */
  GArray    *seals;     /* PepSeal */
  GPtrArray *reasons;   /* NULL for a PEP that passes */
  GArray    *checked;   /* gboolean: checked now, or its mark still stands */
} Marks;

static void
marks_clear (Marks *marks)
{
  g_clear_pointer (&marks->ids, g_array_unref);
  g_clear_pointer (&marks->stamps, g_ptr_array_unref);
  g_clear_pointer (&marks->seals, g_array_unref);
  g_clear_pointer (&marks->reasons, g_ptr_array_unref);
  g_clear_pointer (&marks->checked, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Marks, marks_clear)

/* Every PEP a check looks at: signed off, superseded, or carrying a signature. */
static gboolean
marks_init (Marks     *marks,
            PepStore  *store,
            gboolean   stamp,
            GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  marks->ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  marks->seals = g_array_new (FALSE, TRUE, sizeof (PepSeal));
  marks->reasons = g_ptr_array_new_with_free_func (g_free);
  marks->checked = g_array_new (FALSE, TRUE, sizeof (gboolean));
  stmt = _pep_store_prepare (store,
                             "SELECT id FROM plan WHERE status IN ('signed-off', 'superseded') "
                             "UNION SELECT plan_id FROM signoff WHERE value IS NOT NULL "
                             "ORDER BY 1", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (marks->ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);
  g_array_set_size (marks->seals, marks->ids->len);
  g_array_set_size (marks->checked, marks->ids->len);
  g_ptr_array_set_size (marks->reasons, marks->ids->len);
  /* Stamped before checking: a change made meanwhile leaves a stamp that no longer matches. */
  return !stamp || (marks->stamps = compute_stamps (store, marks->ids, error)) != NULL;
}

/* Checks @plan, the @i-th of @marks, and marks it. */
static gboolean
check_loaded (PepStore           *store,
              Marks              *marks,
              guint               i,
              PepPlan            *plan,
              PepSignatureBatch  *batch,
              PepOfficers       **officers,
              PepSealFunc        *func,
              gpointer            user_data,
              GError            **error)
{
  gint64 id = g_array_index (marks->ids, gint64, i);
  g_autofree char *reason = NULL;
  PepSeal seal;

  g_assert (pep_plan_get_id (plan) == id);
  if (!pep_signoff_check_plan_given (store, plan, NULL, NULL, NULL, batch, officers, &seal,
                                     &reason, error))
    return FALSE;
  g_array_index (marks->seals, PepSeal, i) = seal;
  g_array_index (marks->checked, gboolean, i) = TRUE;
  if (seal != PEP_SEAL_OK && *func != NULL
      && !(*func) (id, pep_plan_get_uuid (plan), seal, reason, user_data))
    *func = NULL;
  g_free (g_ptr_array_index (marks->reasons, i));
  g_ptr_array_index (marks->reasons, i) = g_steal_pointer (&reason);
  return TRUE;
}

static gboolean
check_one (PepStore      *store,
           Marks         *marks,
           guint          i,
           PepOfficers  **officers,
           PepSealFunc   *func,
           gpointer       user_data,
           GError       **error)
{
  g_autoptr(PepPlan) plan = pep_store_load_plan (store, g_array_index (marks->ids, gint64, i),
                                                 error);

  return plan != NULL
         && check_loaded (store, marks, i, plan, NULL, officers, func, user_data, error);
}

/* A check of every PEP loads them a window at a time (pep_store_load_plans()) and, with
 * PEP_SIGNOFF_CHECK_AHEAD, has the next window's signatures verified on another thread
 * meanwhile (pep_signoff_batch_plans()), as an export does. */
#define WINDOW 128

static gboolean
check_all (PepStore              *store,
           Marks                 *marks,
           PepSignoffCheckFlags   flags,
           PepSealFunc            func,
           gpointer               user_data,
           GError               **error)
{
  const gint64 *ids = (const gint64 *) (gpointer) marks->ids->data;
  guint n = marks->ids->len;
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PepOfficers) officers = NULL;
  PepSignatureBatch *batch = NULL;
  gboolean ok = TRUE;

  if (flags & PEP_SIGNOFF_CHECK_AHEAD)
    {
      batch = pep_signature_batch_new ();
      ok = pep_signoff_batch_plans (batch, store, ids, MIN (WINDOW, n), error);
    }
  for (guint from = 0; ok && from < n; from += WINDOW)
    {
      guint size = MIN (WINDOW, n - from);

      if (batch != NULL && from + size < n)
        ok = pep_signoff_batch_plans (batch, store, ids + from + size,
                                      MIN (WINDOW, n - from - size), error);
      g_ptr_array_set_size (plans, 0);
      ok = ok && pep_store_load_plans (store, ids + from, size, plans, error);
      for (guint i = 0; ok && i < size; i++)
        ok = check_loaded (store, marks, from + i, g_ptr_array_index (plans, i), batch,
                           &officers, &func, user_data, error);
    }
  pep_signature_batch_free (batch);
  return ok;
}

/* Whether the file records @marks already, failures and stamps alike. */
static gboolean
marks_as_recorded (PepStore  *store,
                   Marks     *marks,
                   gboolean  *same,
                   GError   **error)
{
  sqlite3_stmt *stmt;
  guint n = 0;
  int rc = SQLITE_DONE;

  *same = TRUE;
  if (!(stmt = _pep_store_prepare (store, "SELECT plan_id, problem, reason FROM plan_tamper "
                                          "ORDER BY plan_id", error)))
    return FALSE;
  while (*same && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      while (n < marks->ids->len && g_array_index (marks->seals, PepSeal, n) == PEP_SEAL_OK)
        n++;
      *same = n < marks->ids->len
              && id == g_array_index (marks->ids, gint64, n)
              && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1),
                            pep_seal_to_nick (g_array_index (marks->seals, PepSeal, n))) == 0
              && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2),
                            g_ptr_array_index (marks->reasons, n)) == 0;
      n++;
    }
  sqlite3_reset (stmt);
  if (*same && rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);
  while (*same && n < marks->ids->len)
    *same = g_array_index (marks->seals, PepSeal, n++) == PEP_SEAL_OK;
  if (!*same)
    return TRUE;

  n = 0;
  if (!(stmt = _pep_store_prepare (store, "SELECT plan_id, stamp, seal FROM plan_checked "
                                          "ORDER BY plan_id", error)))
    return FALSE;
  while (*same && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      *same = n < marks->ids->len
              && sqlite3_column_int64 (stmt, 0) == g_array_index (marks->ids, gint64, n)
              && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1),
                            g_ptr_array_index (marks->stamps, n)) == 0
              && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2),
                            pep_seal_to_nick (g_array_index (marks->seals, PepSeal, n))) == 0;
      n++;
    }
  sqlite3_reset (stmt);
  if (*same && rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);
  *same = *same && n == marks->ids->len;
  return TRUE;
}

/* Writes the marks of the PEPs checked now (all of them with @whole, the rest of the file's
 * marks forgotten), in one transaction. */
static gboolean
marks_write (PepStore  *store,
             Marks     *marks,
             gboolean   whole,
             GError   **error)
{
  g_autofree char *now = pep_store_now (store);
  gboolean ok;

  if (!pep_store_begin (store, error))
    return FALSE;
  ok = !whole || _pep_store_exec (store, "DELETE FROM plan_tamper; DELETE FROM plan_checked",
                                  error);
  /* Marks of PEPs no check looks at any more (no longer signed, or deleted). */
  ok = ok && _pep_store_exec (store,
                              "DELETE FROM plan_tamper WHERE plan_id NOT IN ("
                              "  SELECT id FROM plan WHERE status IN ('signed-off', 'superseded')"
                              "  UNION SELECT plan_id FROM signoff WHERE value IS NOT NULL);"
                              "DELETE FROM plan_checked WHERE plan_id NOT IN ("
                              "  SELECT id FROM plan WHERE status IN ('signed-off', 'superseded')"
                              "  UNION SELECT plan_id FROM signoff WHERE value IS NOT NULL)",
                              error);
  for (guint i = 0; ok && i < marks->ids->len; i++)
    {
      gint64 id = g_array_index (marks->ids, gint64, i);
      PepSeal seal = g_array_index (marks->seals, PepSeal, i);
      sqlite3_stmt *stmt;

      if (!g_array_index (marks->checked, gboolean, i))
        continue;
      if (!whole)
        {
          if (!(stmt = _pep_store_prepare (store, "DELETE FROM plan_tamper WHERE plan_id = ?",
                                           error)))
            {
              ok = FALSE;
              break;
            }
          sqlite3_bind_int64 (stmt, 1, id);
          if (!(ok = _pep_store_step_done (store, stmt, error)))
            break;
        }
      if (seal != PEP_SEAL_OK)
        {
          if (!(stmt = _pep_store_prepare (store, "INSERT INTO plan_tamper (plan_id, problem, "
                                                  "reason, found_at) VALUES (?, ?, ?, ?)", error)))
            {
              ok = FALSE;
              break;
            }
          sqlite3_bind_int64 (stmt, 1, id);
          sqlite3_bind_text (stmt, 2, pep_seal_to_nick (seal), -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 3, g_ptr_array_index (marks->reasons, i), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
          if (!(ok = _pep_store_step_done (store, stmt, error)))
            break;
        }
      if (!(stmt = _pep_store_prepare (store, "INSERT OR REPLACE INTO plan_checked (plan_id, "
                                              "stamp, seal) VALUES (?, ?, ?)", error)))
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_text (stmt, 2, g_ptr_array_index (marks->stamps, i), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 3, pep_seal_to_nick (seal), -1, SQLITE_STATIC);
      ok = _pep_store_step_done (store, stmt, error);
    }
  if (!ok)
    {
      pep_store_rollback (store);
      return FALSE;
    }
  return pep_store_commit (store, error);
}

/**
 * pep_signoff_check_store:
 * @flags: PEP_SIGNOFF_CHECK_RECORD: write the result into plan_tamper and plan_checked (one
 *   transaction), for the figures, the app and pep_signoff_refresh_store();
 *   PEP_SIGNOFF_CHECK_AHEAD: verify signatures on another thread too (pepctl verify; not
 *   while the app opens a file and lists it)
 * @func: (nullable): called for each PEP that fails
 * @n_checked: (out) (optional): how many PEPs were checked
 *
 * Checks every PEP that is signed off, superseded or carries a signature: the full check,
 * what pepctl verify and the app on opening a file run.
 */
gboolean
pep_signoff_check_store (PepStore              *store,
                         PepSignoffCheckFlags   flags,
                         PepSealFunc            func,
                         gpointer               user_data,
                         guint                 *n_checked,
                         GError               **error)
{
  g_auto(Marks) marks = { NULL, };
  gboolean record = (flags & PEP_SIGNOFF_CHECK_RECORD) != 0;
  gboolean same;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  if (!marks_init (&marks, store, record, error)
      || !check_all (store, &marks, flags, func, user_data, error))
    return FALSE;
  if (n_checked != NULL)
    *n_checked = marks.ids->len;
  if (!record)
    return TRUE;
  if (!marks_as_recorded (store, &marks, &same, error))
    return FALSE;
  return same || marks_write (store, &marks, TRUE, error);   /* as recorded: not written */
}

/**
 * pep_signoff_refresh_store:
 * @n_checked: (out) (optional): how many PEPs were checked now
 * @n_failing: (out) (optional): how many PEPs fail their signatures, after the refresh
 *
 * Brings the file's marks up to date cheaply, for the figures (pepctl stats): checks again
 * only the PEPs the last check (pep_signoff_check_store() with @record, or this) did not
 * see as they are now — no mark, a stamp that differs (its rows, or the trust the check
 * relied on, changed since, even behind the lock's back), or a mark that disagrees with
 * plan_tamper — and takes the others' marks as they stand. The stamps are not keyed: a
 * change hidden by rewriting the marks too is found only by the full check.
 */
gboolean
pep_signoff_refresh_store (PepStore  *store,
                           guint     *n_checked,
                           guint     *n_failing,
                           GError   **error)
{
  g_auto(Marks) marks = { NULL, };
  g_autoptr(GHashTable) recorded = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  g_autoptr(PepOfficers) officers = NULL;   /* read once, for every PEP checked again */
  sqlite3_stmt *stmt;
  guint checked = 0, strays = 0;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  if (!marks_init (&marks, store, TRUE, error))
    return FALSE;

  /* Each mark, as "stamp seal", with plan_tamper's problem in place of "ok" when it has one. */
  if (!(stmt = _pep_store_prepare (store,
                                   "SELECT c.plan_id, c.stamp, c.seal, coalesce (t.problem, 'ok') "
                                   "FROM plan_checked c LEFT JOIN plan_tamper t USING (plan_id)",
                                   error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 *id = g_new (gint64, 1);

      *id = sqlite3_column_int64 (stmt, 0);
      g_hash_table_insert (recorded, id,
                           g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2),
                                      (const char *) sqlite3_column_text (stmt, 3)) == 0
                           ? g_strdup ((const char *) sqlite3_column_text (stmt, 1)) : NULL);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);

  for (guint i = 0; i < marks.ids->len; i++)
    {
      gint64 id = g_array_index (marks.ids, gint64, i);
      const char *stamp = g_hash_table_lookup (recorded, &id);
      gboolean fresh = stamp != NULL && g_str_equal (stamp, g_ptr_array_index (marks.stamps, i));
      PepSealFunc func = NULL;

      g_hash_table_remove (recorded, &id);
      if (fresh)
        continue;
      if (!check_one (store, &marks, i, &officers, &func, NULL, error))
        return FALSE;
      checked++;
    }

  /* Marks left over belong to PEPs no check looks at now; so may failures without a mark. */
  strays = g_hash_table_size (recorded);
  if (strays == 0)
    {
      if (!(stmt = _pep_store_prepare (store, "SELECT count (*) FROM plan_tamper t WHERE NOT "
                                              "EXISTS (SELECT 1 FROM plan_checked c WHERE "
                                              "c.plan_id = t.plan_id)", error)))
        return FALSE;
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        strays = (guint) sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        return _pep_store_set_sqlite_error (store, rc, error);
    }
  g_debug ("checked %u of %u PEPs again: changed since their mark", checked, marks.ids->len);
  if ((checked > 0 || strays > 0) && !marks_write (store, &marks, FALSE, error))
    return FALSE;

  if (n_checked != NULL)
    *n_checked = checked;
  if (n_failing != NULL)
    {
      if (!(stmt = _pep_store_prepare (store, "SELECT count (*) FROM plan_tamper", error)))
        return FALSE;
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        *n_failing = (guint) sqlite3_column_int64 (stmt, 0);
      sqlite3_reset (stmt);
      if (rc != SQLITE_ROW)
        return _pep_store_set_sqlite_error (store, rc, error);
    }
  return TRUE;
}

/**
 * pep_signoff_get_recorded:
 *
 * What the last check (pep_signoff_check_store() with @record) found for one PEP.
 */
gboolean
pep_signoff_get_recorded (PepStore  *store,
                          gint64     plan_id,
                          PepSeal   *seal,
                          char     **reason,
                          GError   **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store, "SELECT problem, reason FROM plan_tamper "
                                                  "WHERE plan_id = ?", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  *seal = PEP_SEAL_OK;
  if (reason != NULL)
    *reason = NULL;
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!pep_seal_from_nick ((const char *) sqlite3_column_text (stmt, 0), seal))
        *seal = PEP_SEAL_CHANGED;
      if (reason != NULL)
        *reason = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  return rc == SQLITE_ROW || rc == SQLITE_DONE || _pep_store_set_sqlite_error (store, rc, error);
}

/**
 * pep_signoff_foreach_recorded:
 * @func: called for each PEP the last check found failing, in PEP order; returns %FALSE
 *   to stop
 *
 * The marks as they stand (plan_tamper), for the lists of PEPs changed after sign-off.
 */
gboolean
pep_signoff_foreach_recorded (PepStore     *store,
                              PepSealFunc   func,
                              gpointer      user_data,
                              GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) found = g_array_new (FALSE, FALSE, sizeof (PepSeal));
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  if (!(stmt = _pep_store_prepare (store, "SELECT t.plan_id, p.uuid, t.problem, t.reason "
                                          "FROM plan_tamper t JOIN plan p ON p.id = t.plan_id "
                                          "ORDER BY t.plan_id", error)))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      PepSeal seal;

      if (!pep_seal_from_nick ((const char *) sqlite3_column_text (stmt, 2), &seal))
        seal = PEP_SEAL_CHANGED;
      g_array_append_val (ids, id);
      g_array_append_val (found, seal);
      g_ptr_array_add (uuids, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
      g_ptr_array_add (reasons, g_strdup ((const char *) sqlite3_column_text (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);

  /* Called once the statement is done with, so that @func may read the store. */
  for (guint i = 0; i < ids->len; i++)
    if (!func (g_array_index (ids, gint64, i), g_ptr_array_index (uuids, i),
               g_array_index (found, PepSeal, i), g_ptr_array_index (reasons, i), user_data))
      break;
  return TRUE;
}

/**
 * pep_signoff_record:
 * @seal: what a check of @plan_id found; %PEP_SEAL_OK forgets what was recorded
 *
 * Records one PEP's result as pep_signoff_check_store() would, until the next check of the
 * whole file: for import, which takes a PEP its sender marked as failing its signatures.
 */
gboolean
pep_signoff_record (PepStore    *store,
                    gint64       plan_id,
                    PepSeal      seal,
                    const char  *reason,
                    GError     **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (seal < PEP_N_SEALS, FALSE);

  /* Not what a check of this copy found: the next refresh checks it again. */
  if (!(stmt = _pep_store_prepare (store, "DELETE FROM plan_checked WHERE plan_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (!_pep_store_step_done (store, stmt, error))
    return FALSE;
  if (seal == PEP_SEAL_OK)
    stmt = _pep_store_prepare (store, "DELETE FROM plan_tamper WHERE plan_id = ?", error);
  else
    stmt = _pep_store_prepare (store, "INSERT OR REPLACE INTO plan_tamper (plan_id, problem, "
                                      "reason, found_at) VALUES (?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  if (seal != PEP_SEAL_OK)
    {
      now = pep_store_now (store);
      sqlite3_bind_text (stmt, 2, pep_seal_to_nick (seal), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, reason != NULL ? reason : pep_seal_to_label (seal), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
    }
  return _pep_store_step_done (store, stmt, error);
}
