/* pep-store-authority.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authority table (pep-store-schema.c, migration 5). A file that never stored its own
 * profile has England's usual pattern and the built-in rubric (pep_authority_new()): the
 * defaults are written there once, not into every new file.
 */

#define G_LOG_DOMAIN "pep-store"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pep-copy-owner.h"
#include "pep-store-authority.h"
#include "pep-store-private.h"

/* A Virtual School's copy's own profile is its authority's: the copy owner's LA code and
 * name (fixed when the owner is set), whatever an older profile in the file says. A profile
 * that had to be changed for that is no longer what the authority signed. */
static PepAuthority *
as_owner (PepAuthority       *own,
          const PepCopyOwner *owner)
{
  g_autofree char *code = NULL;
  PepAuthority *copy;

  if (owner->kind != PEP_COPY_AUTHORITY)
    return own;
  code = g_strdup_printf ("%03u", owner->la_code);
  if (g_strcmp0 (pep_authority_get_la_code (own), code) == 0
      && g_strcmp0 (pep_authority_get_name (own), owner->name) == 0)
    return own;
  copy = pep_authority_copy (own);
  pep_authority_set_la_code (copy, code, NULL);
  pep_authority_set_name (copy, owner->name);
  g_object_unref (own);
  return copy;
}

/**
 * pep_store_list_authorities:
 *
 * Returns: (transfer container) (element-type PepAuthority): the file's own profile first,
 *   then the others by LA code
 */
GPtrArray *
pep_store_list_authorities (PepStore  *store,
                            GError   **error)
{
  g_autoptr(GPtrArray) profiles = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(PepCopyOwner) owner = NULL;
  gboolean has_own = FALSE;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(owner = pep_store_get_owner (store, error)))
    return NULL;
  if (!(stmt = _pep_store_prepare (store,
          "SELECT own, document FROM authority ORDER BY own DESC, la_code", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *document = (const char *) sqlite3_column_text (stmt, 1);
      g_autoptr(GError) local_error = NULL;
      PepAuthority *profile;

      profile = pep_authority_new_from_xml (document, (gsize) sqlite3_column_bytes (stmt, 1),
                                            &local_error);
      if (profile == NULL)
        {
          sqlite3_reset (stmt);
          g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                       _("An authority’s profile in the file is damaged: %s"), local_error->message);
          return NULL;
        }
      if (sqlite3_column_int (stmt, 0) == 0 && profiles->len == 0)
        g_ptr_array_add (profiles, pep_authority_new ());
      has_own |= sqlite3_column_int (stmt, 0) != 0;
      g_ptr_array_add (profiles, profile);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, rc, error), NULL;
  if (profiles->len == 0)
    g_ptr_array_add (profiles, pep_authority_new ());
  /* Another copy of the same Virtual School that has kept no rules of its own yet has its
   * authority's as they were sent (signed, with the officers list), not the defaults. */
  if (owner->kind == PEP_COPY_AUTHORITY && !has_own)
    {
      g_autofree char *code = g_strdup_printf ("%03u", owner->la_code);

      for (guint i = 1; i < profiles->len; i++)
        if (g_strcmp0 (pep_authority_get_la_code (profiles->pdata[i]), code) == 0)
          {
            PepAuthority *sent = g_ptr_array_steal_index (profiles, i);

            g_object_unref (profiles->pdata[0]);
            profiles->pdata[0] = sent;
            break;
          }
    }
  profiles->pdata[0] = as_owner (profiles->pdata[0], owner);
  return g_steal_pointer (&profiles);
}

static gboolean
audit (PepStore    *store,
       gint64       id,
       const char  *action,
       const char  *old_document,
       const char  *new_document,
       GError     **error)
{
  g_autofree char *now = pep_store_now (store);
  sqlite3_stmt *stmt = _pep_store_prepare (store,
    "INSERT INTO audit (at, who, role, action, table_name, record_id, field, old_value, new_value)"
    " VALUES (?, ?, ?, ?, 'authority', ?, 'document', ?, ?)", error);
  PepRole role;
  const char *who = _pep_store_get_actor (store, &role);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, who, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pep_role_to_nick (role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 5, id);
  sqlite3_bind_text (stmt, 6, old_document, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 7, new_document, -1, SQLITE_TRANSIENT);
  return _pep_store_step_done (store, stmt, error);
}

/* The id and document of the row @sql finds, or 0; -1 on an error. */
static gint64
find_row (PepStore    *store,
          const char  *sql,
          const char  *la_code,
          char       **document,
          gboolean    *own,
          GError     **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store, sql, error);
  gint64 id = 0;

  if (stmt == NULL)
    return -1;
  sqlite3_bind_text (stmt, 1, la_code, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      id = sqlite3_column_int64 (stmt, 0);
      *document = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      *own = sqlite3_column_int (stmt, 2);
    }
  sqlite3_reset (stmt);
  return id;
}

/* Writes @profile over the row it replaces: the own one, or the one with its LA code. */
static gboolean
put (PepStore      *store,
     PepAuthority  *profile,
     gboolean       as_own,
     GError       **error)
{
  g_autofree char *document = pep_authority_to_xml (profile, TRUE);
  g_autofree char *old_document = NULL;
  g_autofree char *same_document = NULL;
  g_autofree char *now = pep_store_now (store);
  const char *la_code = pep_authority_get_la_code (profile);
  gboolean own = FALSE, same_own = FALSE;
  g_autoptr(PepCopyOwner) owner = pep_store_get_owner (store, error);
  sqlite3_stmt *stmt;
  gint64 id, same;

  if (owner == NULL)
    return FALSE;
  if (!as_own && la_code == NULL)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                   _("The profile names no authority (it has no LA code)"));
      return FALSE;
    }
  /* A school's copy keeps the profiles it received and has none of its own to set. */
  if (as_own && owner->kind == PEP_COPY_SCHOOL)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                   _("This is a school’s copy: it keeps the authorities’ profiles as they sent "
                     "them and has no rules of its own to set"));
      return FALSE;
    }
  /* A Virtual School's copy: its own profile is its authority's, and another authority's
   * profile never becomes it. */
  if (owner->kind == PEP_COPY_AUTHORITY)
    {
      g_autofree char *code = g_strdup_printf ("%03u", owner->la_code);

      if (as_own && g_strcmp0 (la_code, code) != 0)
        {
          g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                       _("This is the Virtual School’s copy of LA %s: its own rules are that "
                         "authority’s, not LA %s’s"), code, la_code ? la_code : "—");
          return FALSE;
        }
      if (as_own && g_strcmp0 (pep_authority_get_name (profile), owner->name) != 0)
        {
          g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                       _("This is the Virtual School’s copy of %s: its own rules carry that "
                         "name, not “%s”"), owner->name, pep_authority_get_name (profile));
          return FALSE;
        }
      as_own = as_own || g_strcmp0 (la_code, code) == 0;
    }
  same = la_code == NULL ? 0
         : find_row (store, "SELECT id, document, own FROM authority WHERE la_code = ?1",
                     la_code, &same_document, &same_own, error);
  if (same < 0)
    return FALSE;
  if (as_own)
    {
      id = find_row (store, "SELECT id, document, own FROM authority WHERE own = 1 AND ?1 IS ?1",
                     NULL, &old_document, &own, error);
      if (id < 0)
        return FALSE;
      /* The own profile takes over this authority's code from the profile it had imported. */
      if (same != 0 && same != id)
        {
          if (!(stmt = _pep_store_prepare (store, "DELETE FROM authority WHERE id = ?", error)))
            return FALSE;
          sqlite3_bind_int64 (stmt, 1, same);
          if (!_pep_store_step_done (store, stmt, error)
              || !audit (store, same, "delete", same_document, NULL, error))
            return FALSE;
        }
    }
  else
    {
      /* A profile of the file's own authority stays its own. */
      id = same;
      as_own = same_own;
      old_document = g_steal_pointer (&same_document);
    }

  if (id == 0)
    stmt = _pep_store_prepare (store,
             "INSERT INTO authority (own, la_code, name, document, updated_at) VALUES (?, ?, ?, ?, ?)",
             error);
  else
    stmt = _pep_store_prepare (store,
             "UPDATE authority SET own = ?, la_code = ?, name = ?, document = ?, updated_at = ?"
             " WHERE id = ?6", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, as_own);
  sqlite3_bind_text (stmt, 2, la_code, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pep_authority_get_name (profile), -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, document, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (id != 0)
    sqlite3_bind_int64 (stmt, 6, id);
  if (!_pep_store_step_done (store, stmt, error))
    return FALSE;
  if (id == 0)
    id = sqlite3_last_insert_rowid (_pep_store_get_db (store));
  return audit (store, id, old_document ? "update" : "create", old_document, document, error);
}

/**
 * pep_store_put_authority:
 * @as_own: whether it becomes the file's own profile (a Virtual School officer's copy taking
 *   the head's rules)
 *
 * Keeps an authority's profile as it was sent, replacing the one the file had for that
 * authority; a profile for the file's own authority stays its own. One transaction.
 */
gboolean
pep_store_put_authority (PepStore      *store,
                         PepAuthority  *profile,
                         gboolean       as_own,
                         GError       **error)
{
  PepStoreChange change;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_AUTHORITY (profile), FALSE);

  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  return _pep_store_change_end (&change, put (store, profile, as_own, error), error);
}

static const char *taken_nicks[] = { "new", "updated", "unchanged", "older" };

/* Returns: what became of a profile an exchange carried, in the words import's list uses */
const char *
pep_authority_taken_to_nick (PepAuthorityTaken taken)
{
  g_return_val_if_fail (taken <= PEP_AUTHORITY_TAKEN_OLDER, NULL);
  return taken_nicks[taken];
}

/**
 * pep_store_take_authority:
 * @profile: an authority's profile as it arrived in an exchange (verified by then)
 * @outcome: (out): %PEP_AUTHORITY_TAKEN_NEW, %PEP_AUTHORITY_TAKEN_NEWER, or what kept the
 *   file's own (%PEP_AUTHORITY_TAKEN_SAME, %PEP_AUTHORITY_TAKEN_OLDER)
 *
 * One profile per authority: @profile replaces the one the file has for its authority only
 * when the authority saved it later (pep_authority_compare_issued()); for profiles that do
 * not say when, when it differs. Inside the caller's transaction, if there is one.
 */
gboolean
pep_store_take_authority (PepStore             *store,
                          PepAuthority         *profile,
                          PepAuthorityTaken    *outcome,
                          GError              **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  PepAuthority *here = NULL;
  const char *la_code;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (PEP_IS_AUTHORITY (profile), FALSE);
  g_return_val_if_fail (outcome != NULL, FALSE);

  la_code = pep_authority_get_la_code (profile);
  if (!(stored = pep_store_list_authorities (store, error)))
    return FALSE;
  for (guint i = 0; la_code != NULL && i < stored->len; i++)
    if (g_strcmp0 (pep_authority_get_la_code (g_ptr_array_index (stored, i)), la_code) == 0)
      here = g_ptr_array_index (stored, i);
  if (here == NULL)
    *outcome = PEP_AUTHORITY_TAKEN_NEW;
  else
    {
      int newer = pep_authority_compare_issued (profile, here);

      if (newer == 0 && pep_authority_get_issued (profile) == NULL)
        {
          g_autofree char *a = pep_authority_to_xml (profile, TRUE);
          g_autofree char *b = pep_authority_to_xml (here, TRUE);

          newer = g_str_equal (a, b) ? 0 : 1;
        }
      *outcome = newer > 0 ? PEP_AUTHORITY_TAKEN_NEWER
                 : newer == 0 ? PEP_AUTHORITY_TAKEN_SAME : PEP_AUTHORITY_TAKEN_OLDER;
    }
  if (*outcome == PEP_AUTHORITY_TAKEN_SAME || *outcome == PEP_AUTHORITY_TAKEN_OLDER)
    return TRUE;
  return pep_store_put_authority (store, profile, FALSE, error);
}
