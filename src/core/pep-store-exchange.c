/* pep-store-exchange.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Built on pep-store-private.h: every SQL text is a constant or made of the registry's
 * column names, and every value is bound. Callers run these inside a transaction
 * (pep_store_begin()) or let each be its own change.
 */

#define G_LOG_DOMAIN "pep-store-exchange"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pep-store-exchange.h"
#include "pep-store-private.h"
#include "pep-xml-private.h"

static gint64
find_by_uuid (PepStore    *store,
              const char  *sql,
              const char  *uuid,
              GError     **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store, sql, error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

/* Returns: the PEP's id, 0 when there is none with @uuid, -1 on error */
gint64
pep_store_exchange_find_plan (PepStore    *store,
                              const char  *uuid,
                              GError     **error)
{
  g_return_val_if_fail (PEP_IS_STORE (store), -1);
  return find_by_uuid (store, "SELECT id FROM plan WHERE uuid = ?", uuid, error);
}

/* Returns: the child's id, 0 when there is none with @uuid, -1 on error */
gint64
pep_store_exchange_find_child (PepStore    *store,
                               const char  *uuid,
                               GError     **error)
{
  g_return_val_if_fail (PEP_IS_STORE (store), -1);
  return find_by_uuid (store, "SELECT id FROM child WHERE uuid = ?", uuid, error);
}

/* Returns: the UUID of PEP @plan_id, or NULL (with @error set when something failed) */
char *
pep_store_exchange_plan_uuid (PepStore  *store,
                              gint64     plan_id,
                              GError   **error)
{
  sqlite3_stmt *stmt;
  char *uuid = NULL;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(stmt = _pep_store_prepare (store, "SELECT uuid FROM plan WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc != SQLITE_DONE)
    _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
  sqlite3_reset (stmt);
  return uuid;
}

/* Returns: (transfer full): the UUID of child @child_id, or NULL with @error set */
char *
pep_store_exchange_child_uuid (PepStore  *store,
                               gint64     child_id,
                               GError   **error)
{
  sqlite3_stmt *stmt;
  char *uuid = NULL;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(stmt = _pep_store_prepare (store, "SELECT uuid FROM child WHERE id = ?", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, child_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else if (rc == SQLITE_DONE)
    g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND,
                 _("There is no child %" G_GINT64_FORMAT " in this file."), child_id);
  else
    _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
  sqlite3_reset (stmt);
  return uuid;
}

/* Returns: the id of the PEP that PEP @plan_id amends, 0 for none, -1 on error */
gint64
pep_store_exchange_plan_amends (PepStore  *store,
                                gint64     plan_id,
                                GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), -1);

  if (!(stmt = _pep_store_prepare (store, "SELECT amends_id FROM plan WHERE id = ?", error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

/* Where target @target_id is: its PEP, and its place (from 1) among that PEP's targets as
 * pep_store_load_plan() orders them. @plan_id is 0 when there is no such target. */
gboolean
pep_store_exchange_target_ref (PepStore  *store,
                               gint64     target_id,
                               gint64    *plan_id,
                               guint     *index,
                               GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  *plan_id = 0;
  *index = 0;
  stmt = _pep_store_prepare (store,
    "SELECT t.plan_id, (SELECT count(*) FROM target o WHERE o.plan_id = t.plan_id"
    "                     AND (o.position < t.position OR (o.position = t.position AND o.id <= t.id)))"
    "  FROM target t WHERE t.id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, target_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *plan_id = sqlite3_column_int64 (stmt, 0);
      *index = (guint) sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
  return TRUE;
}

/* Returns: the id of the @index-th (from 1) target of PEP @plan_id, 0 if none, -1 on error */
gint64
pep_store_exchange_target_at (PepStore  *store,
                              gint64     plan_id,
                              guint      index,
                              GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), -1);

  if (index == 0)
    return 0;
  stmt = _pep_store_prepare (store,
    "SELECT id FROM target WHERE plan_id = ? ORDER BY position, id LIMIT 1 OFFSET ?", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, index - 1);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
      id = -1;
    }
  sqlite3_reset (stmt);
  return id;
}

/* The last exchange ---------------------------------------------------------------------- */

/* Sets @digest to the digest last exported or imported for PEP @plan_id, or NULL. */
gboolean
pep_store_exchange_get_sync (PepStore  *store,
                             gint64     plan_id,
                             char     **digest,
                             GError   **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  *digest = NULL;
  if (!(stmt = _pep_store_prepare (store, "SELECT digest FROM plan_sync WHERE plan_id = ?", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *digest = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
  return TRUE;
}

/* Records that PEP @plan_id was exchanged with @digest; writes nothing when that is already
 * what is recorded, so exchanging the same file twice changes nothing. */
gboolean
pep_store_exchange_set_sync (PepStore    *store,
                             gint64       plan_id,
                             const char  *digest,
                             GError     **error)
{
  g_autofree char *old = NULL;
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (digest != NULL, FALSE);

  if (!pep_store_exchange_get_sync (store, plan_id, &old, error))
    return FALSE;
  if (g_strcmp0 (old, digest) == 0)
    return TRUE;
  now = pep_store_now (store);
  stmt = _pep_store_prepare (store,
    "INSERT OR REPLACE INTO plan_sync (plan_id, digest, synced_at) VALUES (?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, digest, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, now, -1, SQLITE_TRANSIENT);
  return _pep_store_step_done (store, stmt, error);
}

/* History --------------------------------------------------------------------------------- */

/* Returns: (element-type PepAuditEntry): the PEP's own audit entries (not its rows'), with
 * when, who, role, action and field but never a value; once each, in a stable order; the
 * entries that record an import left out. */
GPtrArray *
pep_store_exchange_history (PepStore  *store,
                            gint64     plan_id,
                            GError   **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pep_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  /* This copy's own entries and those other copies sent, once each. */
  stmt = _pep_store_prepare (store,
    "SELECT at, who, role, action, field FROM audit"
    " WHERE table_name = 'plan' AND record_id = ?1 AND (field IS NULL OR field <> ?2)"
    " UNION SELECT at, who, role, action, field FROM sender_history WHERE plan_id = ?1"
    " ORDER BY 1, 2, 3, 4, 5", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, PEP_XML_IMPORT_MARK, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepAuditEntry *entry = g_new0 (PepAuditEntry, 1);

      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->who = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->table = g_strdup ("plan");
      entry->record_id = plan_id;
      entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Returns: 1 when PEP @plan_id's history here (its own or a sender's) has @entry, 0 when
 * not, -1 on error */
int
pep_store_exchange_knows_history (PepStore             *store,
                                  gint64                plan_id,
                                  const PepAuditEntry  *entry,
                                  GError              **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), -1);

  stmt = _pep_store_prepare (store,
    "SELECT 1 FROM audit WHERE table_name = 'plan' AND record_id = ?1 AND at = ?2 AND who = ?3"
    " AND role = ?4 AND action = ?5 AND field IS ?6"
    " UNION ALL SELECT 1 FROM sender_history WHERE plan_id = ?1 AND at = ?2 AND who = ?3"
    " AND role = ?4 AND action = ?5 AND field IS ?6", error);
  if (stmt == NULL)
    return -1;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, entry->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entry->who, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entry->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entry->action, -1, SQLITE_TRANSIENT);
  if (entry->field != NULL)
    sqlite3_bind_text (stmt, 6, entry->field, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
      return -1;
    }
  return rc == SQLITE_ROW;
}

/* Keeps an entry of another copy's history of PEP @plan_id as that copy's, never as one of
 * this copy's own audit rows; an entry known here already is not kept twice.
 * @sender: "school URN" or "authority CODE" (pep_copy_owner_to_sender()) */
gboolean
pep_store_exchange_add_history (PepStore             *store,
                                gint64                plan_id,
                                const char           *sender,
                                const PepAuditEntry  *entry,
                                GError              **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  int known;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (sender != NULL, FALSE);

  if ((known = pep_store_exchange_knows_history (store, plan_id, entry, error)) != 0)
    return known > 0;
  now = pep_store_now (store);
  stmt = _pep_store_prepare (store,
    "INSERT INTO sender_history (plan_id, sender, at, who, role, action, field, received_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_text (stmt, 2, sender, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, entry->at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, entry->who, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, entry->role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, entry->action, -1, SQLITE_TRANSIENT);
  if (entry->field != NULL)
    sqlite3_bind_text (stmt, 7, entry->field, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  return _pep_store_step_done (store, stmt, error);
}

/**
 * pep_store_exchange_sender_history:
 *
 * Returns: (element-type PepAuditEntry): what other copies sent as PEP @plan_id's history,
 *   oldest first; each entry's @table holds the sender ("school URN", "authority CODE")
 */
GPtrArray *
pep_store_exchange_sender_history (PepStore  *store,
                                   gint64     plan_id,
                                   GError   **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) pep_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  stmt = _pep_store_prepare (store,
    "SELECT at, who, role, action, field, sender FROM sender_history WHERE plan_id = ?"
    " ORDER BY at, id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepAuditEntry *entry = g_new0 (PepAuditEntry, 1);

      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->who = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->table = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      entry->record_id = plan_id;
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Records, with the store's actor and time, that PEP @plan_id was written from a file. */
gboolean
pep_store_exchange_mark_import (PepStore    *store,
                                gint64       plan_id,
                                const char  *digest,
                                GError     **error)
{
  g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_string (digest));

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  return _pep_store_audit (store, "update", PEP_TABLE_PLAN, plan_id, PEP_XML_IMPORT_MARK,
                           NULL, value, error);
}

/* Writing a PEP as it came ---------------------------------------------------------------- */

#define PLAN_FIXED "amends_id, child_id, academic_year, term, review_reason, kind, status, " \
                   "revision, school_urn, updated_at"
#define PLAN_N_FIXED 10

static void
bind_plan_fixed (sqlite3_stmt *stmt,
                 PepPlan      *plan,
                 gint64        child_id,
                 PepStatus     status)
{
  PepTermId term;

  pep_plan_get_term (plan, &term);
  if (pep_plan_get_amends_id (plan) != 0)
    sqlite3_bind_int64 (stmt, 1, pep_plan_get_amends_id (plan));
  else
    sqlite3_bind_null (stmt, 1);
  sqlite3_bind_int64 (stmt, 2, child_id);
  sqlite3_bind_int (stmt, 3, term.year);
  sqlite3_bind_text (stmt, 4, pep_term_to_nick (term.term), -1, SQLITE_STATIC);
  if (pep_plan_get_review_reason (plan) != NULL)
    sqlite3_bind_text (stmt, 5, pep_plan_get_review_reason (plan), -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, 5);
  sqlite3_bind_text (stmt, 6, pep_kind_to_nick (pep_plan_get_kind (plan)), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 7, pep_status_to_nick (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 8, pep_plan_get_revision (plan));
  if (pep_plan_get_school_urn (plan) != 0)
    sqlite3_bind_int64 (stmt, 9, pep_plan_get_school_urn (plan));
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_text (stmt, 10, pep_plan_get_updated_at (plan), -1, SQLITE_TRANSIENT);
  _pep_store_bind_fields (stmt, PLAN_N_FIXED + 1, pep_plan_get_content (plan));
}

static gboolean
is_locked_status (PepStatus status)
{
  return status == PEP_STATUS_SIGNED_OFF || status == PEP_STATUS_SUPERSEDED;
}

/* The rows are written while the PEP is a draft; a signed-off PEP gets its status last,
 * as pep_store_insert_plan() does, or the lock would refuse its rows. */
static gboolean
set_final_status (PepStore  *store,
                  gint64     plan_id,
                  PepStatus  status,
                  GError   **error)
{
  sqlite3_stmt *stmt;

  if (!is_locked_status (status))
    return TRUE;
  if (!(stmt = _pep_store_prepare (store, "UPDATE plan SET status = ? WHERE id = ?", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, pep_status_to_nick (status), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, plan_id);
  return _pep_store_step_done (store, stmt, error);
}

static PepStatus
writing_status (PepPlan *plan)
{
  return is_locked_status (pep_plan_get_status (plan)) ? PEP_STATUS_DRAFT : pep_plan_get_status (plan);
}

/**
 * pep_store_exchange_insert_plan:
 * @plan: a PEP with its UUID, revision and updated_at as another copy holds them
 * @child_id: its child here (@plan's child id is another copy's)
 *
 * Saves a PEP that came from another copy of the file, with that copy's revision and time
 * rather than new ones; its rows are audited as created here. The history of the PEP
 * itself comes with it (pep_store_exchange_add_history()).
 */
gboolean
pep_store_exchange_insert_plan (PepStore  *store,
                                PepPlan   *plan,
                                gint64     child_id,
                                GError   **error)
{
  static gsize sql = 0;
  g_autofree char *now = pep_store_now (store);
  sqlite3_stmt *stmt;
  PepStoreChange change;
  gboolean ok;
  gint64 id = 0;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (pep_plan_get_uuid (plan) != NULL, FALSE);

  /* The fixed columns, the fields, then uuid and created_at: made once, not per PEP. */
  if (g_once_init_enter (&sql))
    {
      g_autofree char *columns = _pep_store_field_columns (PEP_TABLE_PLAN, "");
      g_autoptr(GString) marks = g_string_new ("?, ?");

      for (guint i = 0; i < PLAN_N_FIXED + PEP_PLAN_N_FIELDS; i++)
        g_string_append (marks, ", ?");
      g_once_init_leave (&sql, (gsize) g_strdup_printf ("INSERT INTO plan (" PLAN_FIXED
                                                        ", %s, uuid, created_at) VALUES (%s)",
                                                        columns, marks->str));
    }

  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  ok = (stmt = _pep_store_prepare (store, (const char *) sql, error)) != NULL;
  if (ok)
    {
      bind_plan_fixed (stmt, plan, child_id, writing_status (plan));
      sqlite3_bind_text (stmt, PLAN_N_FIXED + PEP_PLAN_N_FIELDS + 1, pep_plan_get_uuid (plan), -1,
                         SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, PLAN_N_FIXED + PEP_PLAN_N_FIELDS + 2, now, -1, SQLITE_TRANSIENT);
      ok = _pep_store_step_done (store, stmt, error);
    }
  if (ok)
    id = sqlite3_last_insert_rowid (_pep_store_get_db (store));

  for (PepTable t = 0; ok && t < PEP_N_TABLES; t++)
    {
      GPtrArray *rows;

      if (!pep_table_is_plan_row (t))
        continue;
      rows = pep_plan_get_rows (plan, t);
      ok = _pep_store_insert_rows (store, id, rows, error);
    }
  ok = ok && set_final_status (store, id, pep_plan_get_status (plan), error);
  if (!_pep_store_change_end (&change, ok, error))
    return FALSE;

  pep_plan_set_id (plan, id);
  pep_record_set_id (pep_plan_get_content (plan), id);
  return TRUE;
}

/* Row ids of @table in PEP @plan_id, in the order pep_store_load_plan() gives them. */
static GArray *
row_ids (PepStore  *store,
         PepTable   table,
         gint64     plan_id,
         GError   **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM %s WHERE plan_id = ? ORDER BY position, id",
                                          pep_table_get_name (table));
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = _pep_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

/* "a = ?, b = ?, …" for the fields of @table. */
static char *
assignments (PepTable table)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    g_string_append_printf (out, "%s%s = ?", i ? ", " : "", pep_table_get_field (table, i)->name);
  return g_string_free (out, FALSE);
}

/* Rows are matched by their place: the first row here takes the first row of @plan, and so
 * on. Rows keep their ids, so a later PEP's review of one of these targets stays linked. */
static gboolean
replace_rows (PepStore  *store,
              gint64     plan_id,
              PepPlan   *plan,
              PepTable   table,
              GError   **error)
{
  g_autoptr(GArray) ids = row_ids (store, table, plan_id, error);
  GPtrArray *rows = pep_plan_get_rows (plan, table);
  g_autofree char *set = assignments (table);
  g_autofree char *update_sql = g_strdup_printf ("UPDATE %s SET position = ?, %s WHERE id = ?",
                                                 pep_table_get_name (table), set);
  g_autofree char *delete_sql = g_strdup_printf ("DELETE FROM %s WHERE id = ?",
                                                 pep_table_get_name (table));
  guint n_fields = pep_table_get_n_fields (table);

  if (ids == NULL)
    return FALSE;
  for (guint i = 0; i < MAX (ids->len, rows->len); i++)
    {
      sqlite3_stmt *stmt;

      if (i < ids->len && i < rows->len)
        {
          PepRecord *row = g_ptr_array_index (rows, i);

          if (!(stmt = _pep_store_prepare (store, update_sql, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, i);
          _pep_store_bind_fields (stmt, 2, row);
          sqlite3_bind_int64 (stmt, (int) n_fields + 2, g_array_index (ids, gint64, i));
          if (!_pep_store_step_done (store, stmt, error)
              || !_pep_store_audit (store, "update", table, g_array_index (ids, gint64, i),
                                    NULL, NULL, NULL, error))
            return FALSE;
          pep_record_set_id (row, g_array_index (ids, gint64, i));
        }
      else if (i < rows->len)
        {
          if (!_pep_store_insert_row (store, plan_id, i, g_ptr_array_index (rows, i), error))
            return FALSE;
        }
      else
        {
          if (!(stmt = _pep_store_prepare (store, delete_sql, error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
          if (!_pep_store_step_done (store, stmt, error)
              || !_pep_store_audit (store, "delete", table, g_array_index (ids, gint64, i),
                                    NULL, NULL, NULL, error))
            return FALSE;
        }
    }
  return TRUE;
}

/**
 * pep_store_exchange_replace_plan:
 *
 * Makes PEP @plan_id what @plan holds (another copy's newer revision): its term, kind,
 * status, revision, time, fields and rows, in one change. A PEP signed off here is refused
 * by the lock with %PEP_STORE_ERROR_LOCKED, and nothing changes.
 */
gboolean
pep_store_exchange_replace_plan (PepStore  *store,
                                 gint64     plan_id,
                                 PepPlan   *plan,
                                 gint64     child_id,
                                 GError   **error)
{
  g_autofree char *set = assignments (PEP_TABLE_PLAN);
  g_autofree char *sql = g_strdup_printf ("UPDATE plan SET amends_id = ?, child_id = ?, "
                                          "academic_year = ?, term = ?, review_reason = ?, "
                                          "kind = ?, status = ?, revision = ?, school_urn = ?, "
                                          "updated_at = ?, %s WHERE id = ?", set);
  sqlite3_stmt *stmt;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);

  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  ok = (stmt = _pep_store_prepare (store, sql, error)) != NULL;
  if (ok)
    {
      bind_plan_fixed (stmt, plan, child_id, writing_status (plan));
      sqlite3_bind_int64 (stmt, PLAN_N_FIXED + PEP_PLAN_N_FIELDS + 1, plan_id);
      ok = _pep_store_step_done (store, stmt, error);
    }
  for (PepTable t = 0; ok && t < PEP_N_TABLES; t++)
    if (pep_table_is_plan_row (t))
      ok = replace_rows (store, plan_id, plan, t, error);
  ok = ok && set_final_status (store, plan_id, pep_plan_get_status (plan), error);
  if (!_pep_store_change_end (&change, ok, error))
    return FALSE;

  pep_plan_set_id (plan, plan_id);
  pep_record_set_id (pep_plan_get_content (plan), plan_id);
  return TRUE;
}

/* The one change the lock allows a signed-off PEP: superseded by its amendment. */
gboolean
pep_store_exchange_supersede (PepStore    *store,
                              gint64       plan_id,
                              gint64       revision,
                              const char  *updated_at,
                              GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  stmt = _pep_store_prepare (store,
    "UPDATE plan SET status = 'superseded', revision = ?, updated_at = ? WHERE id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, revision);
  sqlite3_bind_text (stmt, 2, updated_at, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, plan_id);
  return _pep_store_step_done (store, stmt, error);
}

/* Adds a step another copy took (%PEP_TABLE_EVENT) to PEP @plan_id at @position: the
 * superseding of a PEP signed off here, which the lock allows once. */
gboolean
pep_store_exchange_add_event (PepStore   *store,
                              gint64      plan_id,
                              guint       position,
                              PepRecord  *event,
                              GError    **error)
{
  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (event), FALSE);
  g_return_val_if_fail (pep_record_get_table (event) == PEP_TABLE_EVENT, FALSE);

  return _pep_store_insert_row (store, plan_id, position, event, error)
         && _pep_store_audit (store, "create", PEP_TABLE_EVENT, pep_record_get_id (event),
                              NULL, NULL, NULL, error);
}
