/* pep-copy-owner.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The owner is one row of table copy_owner (migration 6), whose triggers refuse a second
 * row, a change and a deletion, even through sqlite3. A pseudonymised copy is a mark in
 * table meta, set on an empty file with no owner.
 */

#define G_LOG_DOMAIN "pep-copy-owner"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pep-copy-owner.h"
#include "pep-store-private.h"

PepCopyOwner *
pep_copy_owner_new_school (gint64 urn)
{
  PepCopyOwner *owner = g_new0 (PepCopyOwner, 1);

  owner->kind = PEP_COPY_SCHOOL;
  owner->urn = urn;
  return owner;
}

PepCopyOwner *
pep_copy_owner_new_authority (guint       la_code,
                              const char *name)
{
  PepCopyOwner *owner = g_new0 (PepCopyOwner, 1);

  owner->kind = PEP_COPY_AUTHORITY;
  owner->la_code = la_code;
  owner->name = g_strdup (name);
  return owner;
}

PepCopyOwner *
pep_copy_owner_copy (const PepCopyOwner *owner)
{
  PepCopyOwner *copy;

  g_return_val_if_fail (owner != NULL, NULL);

  copy = g_memdup2 (owner, sizeof *owner);
  copy->name = g_strdup (owner->name);
  return copy;
}

void
pep_copy_owner_free (PepCopyOwner *owner)
{
  if (owner == NULL)
    return;
  g_free (owner->name);
  g_free (owner);
}

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* A URN has six digits and an LA code three (DOMAIN.md §4); an authority is named. */
gboolean
pep_copy_owner_check (const PepCopyOwner  *owner,
                      GError             **error)
{
  g_return_val_if_fail (owner != NULL, FALSE);

  if (owner->kind == PEP_COPY_SCHOOL && (owner->urn < 100000 || owner->urn > 999999))
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                           _("A school's URN has six digits."));
      return FALSE;
    }
  if (owner->kind == PEP_COPY_AUTHORITY && (owner->la_code < 100 || owner->la_code > 999))
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                           _("An authority's LA code has three digits."));
      return FALSE;
    }
  if (owner->kind == PEP_COPY_AUTHORITY && is_blank (owner->name))
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                           _("Give the authority's name as well as its LA code."));
      return FALSE;
    }
  if (owner->kind == PEP_COPY_UNOWNED)
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                           _("A file's owner is a school or an authority."));
      return FALSE;
    }
  return TRUE;
}

/* Returns: "school URN" or "authority CODE", as the sender's history records it */
char *
pep_copy_owner_to_sender (const PepCopyOwner *owner)
{
  g_return_val_if_fail (owner != NULL, NULL);

  switch (owner->kind)
    {
    case PEP_COPY_SCHOOL:
      return g_strdup_printf ("school %" G_GINT64_FORMAT, owner->urn);
    case PEP_COPY_AUTHORITY:
      return g_strdup_printf ("authority %u", owner->la_code);
    case PEP_COPY_UNOWNED:
    default:
      return g_strdup ("unowned");
    }
}

/* Returns: the owner in words, for people */
char *
pep_copy_owner_describe (const PepCopyOwner *owner)
{
  g_return_val_if_fail (owner != NULL, NULL);

  switch (owner->kind)
    {
    case PEP_COPY_SCHOOL:
      return g_strdup_printf (_("the copy of the school with URN %" G_GINT64_FORMAT), owner->urn);
    case PEP_COPY_AUTHORITY:
      return g_strdup_printf (_("the Virtual School's copy of %s (LA %u)"), owner->name, owner->la_code);
    case PEP_COPY_UNOWNED:
    default:
      return g_strdup (_("a file for use on its own, with no owner yet"));
    }
}

/**
 * pep_store_get_owner:
 *
 * Returns: (transfer full): the file's owner, of kind %PEP_COPY_UNOWNED when it has none
 *   yet; NULL with @error set when the file could not be read
 */
PepCopyOwner *
pep_store_get_owner (PepStore  *store,
                     GError   **error)
{
  g_autoptr(PepCopyOwner) owner = g_new0 (PepCopyOwner, 1);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(stmt = _pep_store_prepare (store, "SELECT kind, urn, la_code, name FROM copy_owner", error)))
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      owner->kind = g_str_equal ((const char *) sqlite3_column_text (stmt, 0), "school")
                    ? PEP_COPY_SCHOOL : PEP_COPY_AUTHORITY;
      owner->urn = sqlite3_column_int64 (stmt, 1);
      owner->la_code = (guint) sqlite3_column_int64 (stmt, 2);
      owner->name = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
      return NULL;
    }
  return g_steal_pointer (&owner);
}

/**
 * pep_store_set_owner:
 *
 * Gives a file its owner, once: a file that has one refuses another with
 * %PEP_STORE_ERROR_OWNER_SET. Audited like any change.
 */
gboolean
pep_store_set_owner (PepStore            *store,
                     const PepCopyOwner  *owner,
                     GError             **error)
{
  g_autofree char *now = NULL;
  g_autofree char *sender = NULL;
  g_autoptr(GVariant) value = NULL;
  PepStoreChange change;
  sqlite3_stmt *stmt;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (owner != NULL, FALSE);

  if (!pep_copy_owner_check (owner, error))
    return FALSE;
  if (pep_store_is_pseudonymised (store))
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_OWNER_SET,
                           _("This is a pseudonymised copy, kept for figures: it has no owner, "
                             "so that nothing in it is ever sent on as a school's or an "
                             "authority's."));
      return FALSE;
    }
  now = pep_store_now (store);
  sender = pep_copy_owner_to_sender (owner);
  value = g_variant_ref_sink (g_variant_new_string (sender));
  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  ok = (stmt = _pep_store_prepare (store,
          "INSERT INTO copy_owner (id, kind, urn, la_code, name, set_at) VALUES (1, ?, ?, ?, ?, ?)",
          error)) != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, owner->kind == PEP_COPY_SCHOOL ? "school" : "authority", -1,
                         SQLITE_STATIC);
      if (owner->kind == PEP_COPY_SCHOOL)
        sqlite3_bind_int64 (stmt, 2, owner->urn);
      else
        {
          sqlite3_bind_int64 (stmt, 3, owner->la_code);
          sqlite3_bind_text (stmt, 4, owner->name, -1, SQLITE_TRANSIENT);
        }
      sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
      ok = _pep_store_step_done (store, stmt, error);
    }
  ok = ok && _pep_store_audit_table (store, "create", "copy_owner", 1, NULL, NULL, value, error);
  return _pep_store_change_end (&change, ok, error);
}

/* A pseudonymised copy ------------------------------------------------------------------ */

#define PSEUDONYMISED_KEY "pseudonymised_copy"

/**
 * pep_store_is_pseudonymised:
 *
 * Returns: whether @store is a pseudonymised copy (pep_store_make_pseudonymised())
 */
gboolean
pep_store_is_pseudonymised (PepStore *store)
{
  g_autofree char *value = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  value = pep_store_get_meta (store, PSEUDONYMISED_KEY);
  return g_strcmp0 (value, "1") == 0;
}

/**
 * pep_store_make_pseudonymised:
 *
 * Makes an empty file with no owner a pseudonymised copy, for good: it then takes
 * pseudonymised documents only and is never given an owner. Refused for a file that has an
 * owner or holds a child or a PEP, whose real records would sit beside pseudonyms.
 */
gboolean
pep_store_make_pseudonymised (PepStore  *store,
                              GError   **error)
{
  g_autoptr(PepCopyOwner) owner = NULL;
  PepStoreChange change;
  gint64 children, plans;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);

  if (pep_store_is_pseudonymised (store))
    return TRUE;
  if (!(owner = pep_store_get_owner (store, error))
      || (children = pep_store_count (store, PEP_TABLE_CHILD, error)) < 0
      || (plans = pep_store_count (store, PEP_TABLE_PLAN, error)) < 0)
    return FALSE;
  ok = children == 0 && plans == 0;
  if (!ok || owner->kind != PEP_COPY_UNOWNED)
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_OWNER_SET,
                           _("Only an empty file with no owner can be made a pseudonymised copy: "
                             "make a new file for the pseudonymised export."));
      return FALSE;
    }
  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  ok = pep_store_set_meta (store, PSEUDONYMISED_KEY, "1", error);
  return _pep_store_change_end (&change, ok, error);
}
