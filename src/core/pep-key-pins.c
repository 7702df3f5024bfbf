/* pep-key-pins.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-store"

#include "config.h"

#include "pep-key-pins.h"
#include "pep-store-private.h"

void
pep_key_pin_free (PepKeyPin *pin)
{
  if (pin == NULL)
    return;
  g_free (pin->subject);
  g_free (pin->public_key);
  g_free (pin->name);
  g_free (pin->role);
  g_free (pin->pinned_at);
  g_free (pin->replaced_at);
  g_free (pin);
}

static PepKeyPin *
read_pin (sqlite3_stmt *stmt)
{
  PepKeyPin *pin = g_new0 (PepKeyPin, 1);

  pin->subject = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  pin->public_key = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  pin->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
  pin->role = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  pin->pinned_at = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  pin->replaced_at = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  return pin;
}

/**
 * pep_store_list_pins:
 * @subject: (nullable): whose keys; %NULL for every subject
 * @with_replaced: also the keys that were replaced
 *
 * Returns: (transfer container) (element-type PepKeyPin): by subject, then as pinned
 */
GPtrArray *
pep_store_list_pins (PepStore    *store,
                     const char  *subject,
                     gboolean     with_replaced,
                     GError     **error)
{
  g_autoptr(GPtrArray) pins = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_key_pin_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(stmt = _pep_store_prepare (store,
          "SELECT subject, public_key, name, role, pinned_at, replaced_at FROM pinned_key"
          " WHERE (?1 IS NULL OR subject = ?1) AND (?2 OR replaced_at IS NULL)"
          " ORDER BY subject, pinned_at, rowid", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 2, with_replaced);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (pins, read_pin (stmt));
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error), NULL;
  return g_steal_pointer (&pins);
}

/**
 * pep_store_find_pin:
 * @role: (nullable): only a key pinned for this role
 * @name: (nullable): only a key pinned under this name
 *
 * Returns: (transfer full) (nullable): the key pinned now for @subject, or %NULL (with
 *   @error unset when there is none)
 */
PepKeyPin *
pep_store_find_pin (PepStore    *store,
                    const char  *subject,
                    const char  *role,
                    const char  *name,
                    GError     **error)
{
  sqlite3_stmt *stmt;
  PepKeyPin *pin = NULL;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (subject != NULL, NULL);

  if (!(stmt = _pep_store_prepare (store,
          "SELECT subject, public_key, name, role, pinned_at, replaced_at FROM pinned_key"
          " WHERE subject = ?1 AND replaced_at IS NULL AND (?2 IS NULL OR role = ?2)"
          "   AND (?3 IS NULL OR name = ?3)"
          " ORDER BY pinned_at DESC, rowid DESC LIMIT 1", error)))
    return NULL;
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    pin = read_pin (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _pep_store_set_sqlite_error (store, rc, error);
  return pin;
}

/* Whether @public_key is pinned now for @subject. */
gboolean
pep_store_is_pinned (PepStore    *store,
                     const char  *subject,
                     const char  *public_key,
                     GError     **error)
{
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  if (!(stmt = _pep_store_prepare (store, "SELECT 1 FROM pinned_key WHERE subject = ? AND "
                                          "public_key = ? AND replaced_at IS NULL", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, public_key, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    _pep_store_set_sqlite_error (store, rc, error);
  return rc == SQLITE_ROW;
}

static gboolean
pin (PepStore    *store,
     const char  *subject,
     const char  *public_key,
     const char  *name,
     const char  *role,
     GError     **error)
{
  g_autofree char *now = pep_store_now (store);
  sqlite3_stmt *stmt;

  /* The key it replaces: the authority's one key, or this designated teacher's. */
  if (!(stmt = _pep_store_prepare (store,
          "UPDATE pinned_key SET replaced_at = ?4 WHERE subject = ?1 AND replaced_at IS NULL"
          " AND public_key != ?5 AND role IS ?2 AND (?2 = 'authority' OR name IS ?3)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, public_key, -1, SQLITE_TRANSIENT);
  if (!_pep_store_step_done (store, stmt, error))
    return FALSE;
  if (!(stmt = _pep_store_prepare (store,
          "INSERT INTO pinned_key (subject, public_key, name, role, pinned_at) VALUES (?, ?, ?, ?, ?)"
          " ON CONFLICT (subject, public_key) DO UPDATE SET replaced_at = NULL,"
          "   pinned_at = excluded.pinned_at, name = excluded.name, role = excluded.role"
          "   WHERE replaced_at IS NOT NULL", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, subject, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, public_key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, role, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  return _pep_store_step_done (store, stmt, error);
}

/**
 * pep_store_pin_key:
 * @subject: "authority CODE" or "school URN"
 * @role: "authority", or the signer's role ("designated-teacher")
 *
 * Pins @public_key for @subject, once a person has confirmed its fingerprint. The key it
 * replaces (the authority's previous key; this designated teacher's previous key) is kept,
 * marked replaced. One transaction.
 */
gboolean
pep_store_pin_key (PepStore    *store,
                   const char  *subject,
                   const char  *public_key,
                   const char  *name,
                   const char  *role,
                   GError     **error)
{
  PepStoreChange change;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (subject != NULL && public_key != NULL && role != NULL, FALSE);

  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  return _pep_store_change_end (&change, pin (store, subject, public_key, name, role, error),
                                error);
}
