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

  return pep_signoff_check_plan_given (store, plan, NULL, NULL, &officers, seal, reason, error);
}

/**
 * pep_signoff_check_plan_given:
 * @child_uuid: (nullable): the UUID of @plan's child, when the caller has it; then
 *   @amends_uuid is taken as given too (NULL: it amends nothing). With NULL both are read
 *   from the store by @plan's ids.
 * @officers: (inout): the trusted officers list, loaded on first use and kept by the caller
 *   for the next PEP (unref it when done)
 *
 * pep_signoff_check_plan() for many PEPs in a row, or a PEP held in memory exactly as the
 * store now holds it (import's, just written): the content digest is computed from @plan as
 * it is, so @plan need not be read back.
 */
gboolean
pep_signoff_check_plan_given (PepStore      *store,
                              PepPlan       *plan,
                              const char    *child_uuid,
                              const char    *amends_uuid,
                              PepOfficers  **officers,
                              PepSeal       *seal,
                              char         **reason,
                              GError       **error)
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
      if (!pep_signature_verify (pep_record_get_text (row, PEP_SIGNOFF_PUBLIC_KEY), message,
                                 value, &local_error))
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
      else if (child_uuid != NULL
               ? !(digest = pep_xml_plan_signed_digest_given (plan, child_uuid, amends_uuid))
               : !(digest = pep_signoff_content_digest (store, plan, error)))
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

/**
 * pep_signoff_check_store:
 * @record: write the result into plan_tamper (one transaction), for the figures and the app
 * @func: (nullable): called for each PEP that fails
 * @n_checked: (out) (optional): how many PEPs were checked
 *
 * Checks every PEP that is signed off, superseded or carries a signature.
 */
gboolean
pep_signoff_check_store (PepStore     *store,
                         gboolean      record,
                         PepSealFunc   func,
                         gpointer      user_data,
                         guint        *n_checked,
                         GError      **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) failed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) reasons = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  stmt = _pep_store_prepare (store,
                             "SELECT id FROM plan WHERE status IN ('signed-off', 'superseded') "
                             "UNION SELECT plan_id FROM signoff WHERE value IS NOT NULL "
                             "ORDER BY 1", error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error);

  for (guint i = 0; i < ids->len; i++)
    {
      gint64 id = g_array_index (ids, gint64, i);
      g_autoptr(PepPlan) plan = pep_store_load_plan (store, id, error);
      g_autofree char *reason = NULL;
      PepSeal seal;

      if (plan == NULL || !pep_signoff_check_plan (store, plan, &seal, &reason, error))
        return FALSE;
      if (seal == PEP_SEAL_OK)
        continue;
      g_array_append_val (failed, id);
      g_ptr_array_add (problems, g_strdup (pep_seal_to_nick (seal)));
      if (func != NULL && !func (id, pep_plan_get_uuid (plan), seal, reason, user_data))
        func = NULL;
      g_ptr_array_add (reasons, g_steal_pointer (&reason));
    }
  if (n_checked != NULL)
    *n_checked = ids->len;
  if (!record)
    return TRUE;

  if (!(stmt = _pep_store_prepare (store, "SELECT plan_id, problem, reason FROM plan_tamper "
                                          "ORDER BY plan_id", error)))
    return FALSE;
  {
    guint n = 0;
    gboolean same = TRUE;

    while (same && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
      same = n < failed->len
             && sqlite3_column_int64 (stmt, 0) == g_array_index (failed, gint64, n)
             && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 1), g_ptr_array_index (problems, n)) == 0
             && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 2), g_ptr_array_index (reasons, n)) == 0
             && ++n;
    sqlite3_reset (stmt);
    if (same && rc == SQLITE_DONE && n == failed->len)
      return TRUE;   /* as recorded: the file is not written */
  }

  now = pep_store_now (store);
  if (!pep_store_begin (store, error))
    return FALSE;
  ok = _pep_store_exec (store, "DELETE FROM plan_tamper", error);
  for (guint i = 0; ok && i < failed->len; i++)
    {
      if (!(stmt = _pep_store_prepare (store, "INSERT INTO plan_tamper (plan_id, problem, reason, "
                                              "found_at) VALUES (?, ?, ?, ?)", error)))
        ok = FALSE;
      else
        {
          sqlite3_bind_int64 (stmt, 1, g_array_index (failed, gint64, i));
          sqlite3_bind_text (stmt, 2, g_ptr_array_index (problems, i), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 3, g_ptr_array_index (reasons, i), -1, SQLITE_TRANSIENT);
          sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
          ok = _pep_store_step_done (store, stmt, error);
        }
    }
  if (!ok)
    {
      pep_store_rollback (store);
      return FALSE;
    }
  return pep_store_commit (store, error);
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
