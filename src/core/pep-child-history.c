/* pep-child-history.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list is written whole (pep_store_set_care_episodes()): rows kept keep their id, and each
 * row added, changed or removed is audited under its table's name, as the child's fields are.
 * Then the child's own fields take the latest row's values, audited as any change to them.
 */

#define G_LOG_DOMAIN "pep-child-history"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "pep-child-history.h"
#include "pep-store-private.h"

/* Dates ----------------------------------------------------------------------------------- */

static void
date_from_text (const char *text,
                GDate      *date)
{
  g_date_clear (date, 1);
  if (text != NULL && !pep_date_parse (text, date))
    g_date_clear (date, 1);
}

/* "2025-03-01", or NULL for an invalid date. */
static char *
date_to_text (const GDate *date)
{
  char text[16];

  if (!g_date_valid (date))
    return NULL;
  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static GVariant *
date_value (const GDate *date)
{
  g_autofree char *text = date_to_text (date);

  return text ? g_variant_new_string (text) : NULL;
}

static GVariant *
text_value (const char *text)
{
  return text ? g_variant_new_string (text) : NULL;
}

/* Episodes -------------------------------------------------------------------------------- */

/**
 * pep_care_episode_new:
 * @entered: "YYYY-MM-DD"
 * @left: (nullable): the last day in care, NULL while in care
 */
PepCareEpisode *
pep_care_episode_new (const char *entered,
                      const char *left,
                      const char *legal_status,
                      const char *placement_type)
{
  PepCareEpisode *episode = g_new0 (PepCareEpisode, 1);

  date_from_text (entered, &episode->entered);
  date_from_text (left, &episode->left);
  episode->legal_status = g_strdup (legal_status);
  episode->placement_type = g_strdup (placement_type);
  return episode;
}

PepCareEpisode *
pep_care_episode_copy (const PepCareEpisode *episode)
{
  PepCareEpisode *copy;

  g_return_val_if_fail (episode != NULL, NULL);

  copy = g_memdup2 (episode, sizeof *episode);
  copy->legal_status = g_strdup (episode->legal_status);
  copy->placement_type = g_strdup (episode->placement_type);
  return copy;
}

void
pep_care_episode_free (PepCareEpisode *episode)
{
  if (episode == NULL)
    return;
  g_free (episode->legal_status);
  g_free (episode->placement_type);
  g_free (episode);
}

/* The child was in care on @day in @episode: from the day they entered to the day they left,
 * both included. */
gboolean
pep_care_episode_covers (const PepCareEpisode *episode,
                         const GDate          *day)
{
  g_return_val_if_fail (episode != NULL && day != NULL, FALSE);

  return g_date_valid (&episode->entered) && g_date_compare (&episode->entered, day) <= 0
         && (!g_date_valid (&episode->left) || g_date_compare (day, &episode->left) <= 0);
}

/**
 * pep_care_episodes_on:
 * @episodes: (element-type PepCareEpisode)
 *
 * Returns: (nullable) (transfer none): the episode the child was in care on @day, or NULL
 *   when they were not in care that day
 */
const PepCareEpisode *
pep_care_episodes_on (GPtrArray   *episodes,
                      const GDate *day)
{
  g_return_val_if_fail (episodes != NULL && day != NULL, NULL);

  for (guint i = 0; i < episodes->len; i++)
    if (pep_care_episode_covers (g_ptr_array_index (episodes, i), day))
      return g_ptr_array_index (episodes, i);
  return NULL;
}

static int
compare_episodes (gconstpointer a,
                  gconstpointer b)
{
  const PepCareEpisode *x = *(PepCareEpisode * const *) a;
  const PepCareEpisode *y = *(PepCareEpisode * const *) b;

  return g_date_compare (&x->entered, &y->entered);
}

static gboolean
invalid (GError    **error,
         const char *message)
{
  g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
check_choice (guint        field,
              const char  *nick,
              GError     **error)
{
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_CHILD, field);
  g_autoptr(GVariant) value = nick ? g_variant_ref_sink (g_variant_new_string (nick)) : NULL;
  g_autoptr(GError) local_error = NULL;

  if (value != NULL && !pep_field_validate (info, value, &local_error))
    return invalid (error, local_error->message);
  return TRUE;
}

/**
 * pep_care_episodes_check:
 * @episodes: (element-type PepCareEpisode): in any order
 * @dob: (nullable): the child's date of birth, when known
 *
 * Whether @episodes can be a child's time in care: each has the day they entered, on or
 * after birth, and leaves on or after it; the episodes do not overlap; only the latest may
 * still be going on.
 */
gboolean
pep_care_episodes_check (GPtrArray    *episodes,
                         const GDate  *dob,
                         GError      **error)
{
  g_autoptr(GPtrArray) sorted = NULL;

  g_return_val_if_fail (episodes != NULL, FALSE);

  /* Borrowed: not g_ptr_array_copy(), which would take the free function too. */
  sorted = g_ptr_array_sized_new (episodes->len);
  for (guint i = 0; i < episodes->len; i++)
    g_ptr_array_add (sorted, g_ptr_array_index (episodes, i));
  g_ptr_array_sort (sorted, compare_episodes);
  for (guint i = 0; i < sorted->len; i++)
    {
      const PepCareEpisode *e = g_ptr_array_index (sorted, i);
      const PepCareEpisode *next = i + 1 < sorted->len ? g_ptr_array_index (sorted, i + 1) : NULL;

      if (!g_date_valid (&e->entered))
        return invalid (error, _("Each episode in care needs the date the child entered care."));
      if (dob != NULL && g_date_valid (dob) && g_date_compare (&e->entered, dob) < 0)
        return invalid (error, _("A child cannot enter care before they were born."));
      if (g_date_valid (&e->left) && g_date_compare (&e->left, &e->entered) < 0)
        return invalid (error, _("A child cannot leave care before the day they entered it."));
      if (next != NULL && !g_date_valid (&e->left))
        return invalid (error, _("Only the latest episode in care can still be going on: give "
                                 "the earlier one the date the child left care."));
      if (next != NULL && g_date_compare (&next->entered, &e->left) <= 0)
        return invalid (error, _("Episodes in care cannot overlap: a child returns to care "
                                 "after the day they left."));
      if (!check_choice (PEP_CHILD_LEGAL_STATUS, e->legal_status, error)
          || !check_choice (PEP_CHILD_PLACEMENT_TYPE, e->placement_type, error))
        return FALSE;
    }
  return TRUE;
}

/* Schools --------------------------------------------------------------------------------- */

/**
 * pep_school_spell_new:
 * @started: (nullable): "YYYY-MM-DD", NULL when not known
 * @ended: (nullable): the last day at the school, NULL while still there
 */
PepSchoolSpell *
pep_school_spell_new (gint64      school_urn,
                      const char *started,
                      const char *ended)
{
  PepSchoolSpell *spell = g_new0 (PepSchoolSpell, 1);

  spell->school_urn = school_urn;
  date_from_text (started, &spell->started);
  date_from_text (ended, &spell->ended);
  return spell;
}

PepSchoolSpell *
pep_school_spell_copy (const PepSchoolSpell *spell)
{
  g_return_val_if_fail (spell != NULL, NULL);
  return g_memdup2 (spell, sizeof *spell);
}

void
pep_school_spell_free (PepSchoolSpell *spell)
{
  g_free (spell);
}

/**
 * pep_school_history_on:
 * @spells: (element-type PepSchoolSpell): in the order pep_store_list_school_history() gives
 *
 * Returns: (nullable) (transfer none): the school the child attended on @day — the latest
 *   started by then and not ended before it (a school with no recorded start counts from
 *   always) — or NULL
 */
const PepSchoolSpell *
pep_school_history_on (GPtrArray   *spells,
                       const GDate *day)
{
  const PepSchoolSpell *found = NULL;

  g_return_val_if_fail (spells != NULL && day != NULL, NULL);

  for (guint i = 0; i < spells->len; i++)
    {
      const PepSchoolSpell *s = g_ptr_array_index (spells, i);

      if (g_date_valid (&s->started) && g_date_compare (&s->started, day) > 0)
        continue;
      if (g_date_valid (&s->ended) && g_date_compare (&s->ended, day) < 0)
        continue;
      found = s;
    }
  return found;
}

/**
 * pep_school_history_check:
 * @spells: (element-type PepSchoolSpell): in any order
 *
 * Whether @spells can be a child's schools: each names a school; only the first may have no
 * start; none ends before it started.
 */
gboolean
pep_school_history_check (GPtrArray  *spells,
                          GError    **error)
{
  g_return_val_if_fail (spells != NULL, FALSE);

  for (guint i = 0; i < spells->len; i++)
    {
      const PepSchoolSpell *s = g_ptr_array_index (spells, i);

      if (s->school_urn < 100000 || s->school_urn > 999999)
        return invalid (error, _("Each school the child attended needs its URN, six digits."));
      if (g_date_valid (&s->started) && g_date_valid (&s->ended)
          && g_date_compare (&s->ended, &s->started) < 0)
        return invalid (error, _("A child cannot leave a school before the day they started."));
      for (guint j = 0; j < spells->len; j++)
        if (j != i && !g_date_valid (&s->started)
            && !g_date_valid (&((PepSchoolSpell *) g_ptr_array_index (spells, j))->started))
          return invalid (error, _("Only the first school can have no start date."));
    }
  return TRUE;
}

/* Reading --------------------------------------------------------------------------------- */

static const char *
column_text (sqlite3_stmt *stmt,
             int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static gboolean
finish (PepStore      *store,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (store, sqlite3_extended_errcode (_pep_store_get_db (store)), error);
  return TRUE;
}

/**
 * pep_store_list_care_episodes:
 *
 * Returns: (transfer full) (element-type PepCareEpisode): the child's episodes in care, the
 *   earliest first; empty when none is recorded; NULL on error
 */
GPtrArray *
pep_store_list_care_episodes (PepStore  *store,
                              gint64     child_id,
                              GError   **error)
{
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_care_episode_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(stmt = _pep_store_prepare (store,
          "SELECT id, entered_care, left_care, legal_status, placement_type FROM care_episode"
          " WHERE child_id = ? ORDER BY entered_care, id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, child_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepCareEpisode *e = pep_care_episode_new (column_text (stmt, 1), column_text (stmt, 2),
                                                column_text (stmt, 3), column_text (stmt, 4));

      e->id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (episodes, e);
    }
  return finish (store, stmt, rc, error) ? g_steal_pointer (&episodes) : NULL;
}

/**
 * pep_store_list_school_history:
 *
 * Returns: (transfer full) (element-type PepSchoolSpell): the schools the child attended, the
 *   earliest first (one with no recorded start before all); NULL on error
 */
GPtrArray *
pep_store_list_school_history (PepStore  *store,
                               gint64     child_id,
                               GError   **error)
{
  g_autoptr(GPtrArray) spells = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_school_spell_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);

  if (!(stmt = _pep_store_prepare (store,
          "SELECT id, school_urn, started, ended FROM school_history"
          " WHERE child_id = ? ORDER BY started IS NOT NULL, started, id", error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, child_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepSchoolSpell *s = pep_school_spell_new (sqlite3_column_int64 (stmt, 1),
                                                column_text (stmt, 2), column_text (stmt, 3));

      s->id = sqlite3_column_int64 (stmt, 0);
      g_ptr_array_add (spells, s);
    }
  return finish (store, stmt, rc, error) ? g_steal_pointer (&spells) : NULL;
}

/* Writing --------------------------------------------------------------------------------- */

/* One column of a history row: its name and how to read it from a row. */
typedef GVariant *(*ColumnGetter) (gconstpointer row);

typedef struct
{
  const char   *name;
  ColumnGetter  get;
} Column;

typedef struct
{
  const char   *table;
  const char   *insert_sql;
  const char   *delete_sql;
  const Column *columns;
  guint         n_columns;
  gint64      (*get_id) (gconstpointer row);
  void        (*set_id) (gpointer row, gint64 id);
} HistoryTable;

static GVariant *episode_entered (gconstpointer r) { return date_value (&((const PepCareEpisode *) r)->entered); }
static GVariant *episode_left (gconstpointer r) { return date_value (&((const PepCareEpisode *) r)->left); }
static GVariant *episode_legal (gconstpointer r) { return text_value (((const PepCareEpisode *) r)->legal_status); }
static GVariant *episode_placement (gconstpointer r) { return text_value (((const PepCareEpisode *) r)->placement_type); }
static gint64 episode_id (gconstpointer r) { return ((const PepCareEpisode *) r)->id; }
static void episode_set_id (gpointer r, gint64 id) { ((PepCareEpisode *) r)->id = id; }

static GVariant *spell_urn (gconstpointer r) { return g_variant_new_int64 (((const PepSchoolSpell *) r)->school_urn); }
static GVariant *spell_started (gconstpointer r) { return date_value (&((const PepSchoolSpell *) r)->started); }
static GVariant *spell_ended (gconstpointer r) { return date_value (&((const PepSchoolSpell *) r)->ended); }
static gint64 spell_id (gconstpointer r) { return ((const PepSchoolSpell *) r)->id; }
static void spell_set_id (gpointer r, gint64 id) { ((PepSchoolSpell *) r)->id = id; }

static const Column episode_columns[] = {
  { "entered_care", episode_entered }, { "left_care", episode_left },
  { "legal_status", episode_legal }, { "placement_type", episode_placement },
};

static const Column spell_columns[] = {
  { "school_urn", spell_urn }, { "started", spell_started }, { "ended", spell_ended },
};

static const HistoryTable episode_table = {
  "care_episode",
  "INSERT INTO care_episode (child_id, entered_care, left_care, legal_status, placement_type)"
  " VALUES (?1, ?2, ?3, ?4, ?5)",
  "DELETE FROM care_episode WHERE id = ?",
  episode_columns, G_N_ELEMENTS (episode_columns), episode_id, episode_set_id,
};

static const HistoryTable spell_table = {
  "school_history",
  "INSERT INTO school_history (child_id, school_urn, started, ended) VALUES (?1, ?2, ?3, ?4)",
  "DELETE FROM school_history WHERE id = ?",
  spell_columns, G_N_ELEMENTS (spell_columns), spell_id, spell_set_id,
};

static gboolean
insert_row (PepStore            *store,
            const HistoryTable  *table,
            gint64               child_id,
            gpointer             row,
            GError             **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store, table->insert_sql, error);
  gint64 id;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, child_id);
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(GVariant) value = table->columns[c].get (row);

      if (value)
        g_variant_ref_sink (value);
      _pep_store_bind_value (stmt, 2 + (int) c, value);
    }
  if (!_pep_store_step_done (store, stmt, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (_pep_store_get_db (store));
  table->set_id (row, id);
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(GVariant) value = table->columns[c].get (row);

      if (value)
        g_variant_ref_sink (value);
      if (value != NULL && !_pep_store_audit_table (store, "create", table->table, id,
                                                    table->columns[c].name, NULL, value, error))
        return FALSE;
    }
  return TRUE;
}

/* Sets the columns of the stored @old that @row changes, each audited. */
static gboolean
update_row (PepStore            *store,
            const HistoryTable  *table,
            gconstpointer        old,
            gpointer             row,
            GError             **error)
{
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(GVariant) before = table->columns[c].get (old);
      g_autoptr(GVariant) after = table->columns[c].get (row);
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;

      if (before)
        g_variant_ref_sink (before);
      if (after)
        g_variant_ref_sink (after);
      if ((before == NULL && after == NULL)
          || (before != NULL && after != NULL && g_variant_equal (before, after)))
        continue;
      /* The column names are this file's constants. */
      sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?", table->table, table->columns[c].name);
      if (!(stmt = _pep_store_prepare (store, sql, error)))
        return FALSE;
      _pep_store_bind_value (stmt, 1, after);
      sqlite3_bind_int64 (stmt, 2, table->get_id (row));
      if (!_pep_store_step_done (store, stmt, error)
          || !_pep_store_audit_table (store, "update", table->table, table->get_id (row),
                                      table->columns[c].name, before, after, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
delete_row (PepStore            *store,
            const HistoryTable  *table,
            gconstpointer        old,
            GError             **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store, table->delete_sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, table->get_id (old));
  if (!_pep_store_step_done (store, stmt, error))
    return FALSE;
  for (guint c = 0; c < table->n_columns; c++)
    {
      g_autoptr(GVariant) value = table->columns[c].get (old);

      if (value)
        g_variant_ref_sink (value);
      if (value != NULL && !_pep_store_audit_table (store, "delete", table->table, table->get_id (old),
                                                    table->columns[c].name, value, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Makes the stored rows @stored into @rows: a row whose id is stored is updated, one with
 * another id added, and a stored row not in @rows removed. */
static gboolean
write_rows (PepStore            *store,
            const HistoryTable  *table,
            gint64               child_id,
            GPtrArray           *stored,
            GPtrArray           *rows,
            GError             **error)
{
  for (guint i = 0; i < stored->len; i++)
    {
      gconstpointer old = g_ptr_array_index (stored, i);
      gboolean kept = FALSE;

      for (guint j = 0; j < rows->len && !kept; j++)
        kept = table->get_id (g_ptr_array_index (rows, j)) == table->get_id (old);
      if (!kept && !delete_row (store, table, old, error))
        return FALSE;
    }
  for (guint j = 0; j < rows->len; j++)
    {
      gpointer row = g_ptr_array_index (rows, j);
      gconstpointer old = NULL;

      for (guint i = 0; i < stored->len && old == NULL; i++)
        if (table->get_id (g_ptr_array_index (stored, i)) == table->get_id (row))
          old = g_ptr_array_index (stored, i);
      if (old != NULL ? !update_row (store, table, old, row, error)
                      : !insert_row (store, table, child_id, row, error))
        return FALSE;
    }
  return TRUE;
}

/* The child's fields that stand for their latest episode: with none, they are not in care
 * and have no date they entered it (their legal status and placement stay as they were). */
static gboolean
mirror_episode (PepStore  *store,
                gint64     child_id,
                GError   **error)
{
  g_autoptr(GPtrArray) episodes = pep_store_list_care_episodes (store, child_id, error);
  const PepCareEpisode *e;

  if (episodes == NULL)
    return FALSE;
  if (episodes->len == 0)
    return _pep_store_update_field (store, PEP_TABLE_CHILD, child_id, PEP_CHILD_ENTERED_CARE, NULL, error);
  e = g_ptr_array_index (episodes, episodes->len - 1);
  return _pep_store_update_field (store, PEP_TABLE_CHILD, child_id, PEP_CHILD_ENTERED_CARE,
                                  date_value (&e->entered), error)
         && _pep_store_update_field (store, PEP_TABLE_CHILD, child_id, PEP_CHILD_LEGAL_STATUS,
                                     text_value (e->legal_status), error)
         && _pep_store_update_field (store, PEP_TABLE_CHILD, child_id, PEP_CHILD_PLACEMENT_TYPE,
                                     text_value (e->placement_type), error);
}

/* The child's fields that stand for their latest school. */
static gboolean
mirror_school (PepStore  *store,
               gint64     child_id,
               GError   **error)
{
  g_autoptr(GPtrArray) spells = pep_store_list_school_history (store, child_id, error);
  const PepSchoolSpell *s;

  if (spells == NULL)
    return FALSE;
  s = spells->len > 0 ? g_ptr_array_index (spells, spells->len - 1) : NULL;
  return _pep_store_update_field (store, PEP_TABLE_CHILD, child_id, PEP_CHILD_SCHOOL_URN,
                                  s ? g_variant_new_int64 (s->school_urn) : NULL, error)
         && _pep_store_update_field (store, PEP_TABLE_CHILD, child_id, PEP_CHILD_SCHOOL_START,
                                     s ? date_value (&s->started) : NULL, error);
}

/* One text column of the child, by @sql. */
static gboolean
child_text (PepStore    *store,
            gint64       child_id,
            const char  *sql,
            char       **out,
            GError     **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (store, sql, error);
  int rc;

  *out = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, child_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *out = g_strdup (column_text (stmt, 0));
      rc = sqlite3_step (stmt);
    }
  else if (rc == SQLITE_DONE)
    {
      sqlite3_reset (stmt);
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND,
                   _("This child is no longer in this file."));
      return FALSE;
    }
  return finish (store, stmt, rc, error);
}

static gboolean
child_dob (PepStore  *store,
           gint64     child_id,
           GDate     *dob,
           GError   **error)
{
  g_autofree char *text = NULL;

  if (!child_text (store, child_id, "SELECT dob FROM child WHERE id = ?", &text, error))
    return FALSE;
  date_from_text (text, dob);
  return TRUE;
}

/* @with_dob: checked against the child's date of birth too; the child's own fields, which
 * seed and follow the episodes, are checked as fields are. */
static gboolean
set_episodes (PepStore   *store,
              gint64      child_id,
              GPtrArray  *episodes,
              gboolean    with_dob,
              GError    **error)
{
  g_autoptr(GPtrArray) stored = NULL;
  GDate dob;

  if (!child_dob (store, child_id, &dob, error)
      || !pep_care_episodes_check (episodes, with_dob ? &dob : NULL, error))
    return FALSE;
  return (stored = pep_store_list_care_episodes (store, child_id, error)) != NULL
         && write_rows (store, &episode_table, child_id, stored, episodes, error)
         && mirror_episode (store, child_id, error);
}

static gboolean
set_spells (PepStore   *store,
            gint64      child_id,
            GPtrArray  *spells,
            GError    **error)
{
  g_autoptr(GPtrArray) stored = NULL;

  if (!pep_school_history_check (spells, error))
    return FALSE;
  return (stored = pep_store_list_school_history (store, child_id, error)) != NULL
         && write_rows (store, &spell_table, child_id, stored, spells, error)
         && mirror_school (store, child_id, error);
}

/**
 * pep_store_set_care_episodes:
 * @episodes: (element-type PepCareEpisode): the child's whole time in care, in any order;
 *   the ids of rows added are set in them
 *
 * Replaces the child's episodes in care, in one change: refused as a whole, with the reason,
 * when pep_care_episodes_check() refuses them. The child's entered_care, legal_status and
 * placement_type become the latest episode's.
 */
gboolean
pep_store_set_care_episodes (PepStore   *store,
                             gint64      child_id,
                             GPtrArray  *episodes,
                             GError    **error)
{
  PepStoreChange change;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (episodes != NULL, FALSE);

  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  return _pep_store_change_end (&change, set_episodes (store, child_id, episodes, TRUE, error), error);
}

/**
 * pep_store_set_school_history:
 * @spells: (element-type PepSchoolSpell): every school the child attended, in any order;
 *   the ids of rows added are set in them
 *
 * Replaces the child's schools, in one change. The child's school_urn and school_start
 * become the latest school's (which must be a school this file describes).
 */
gboolean
pep_store_set_school_history (PepStore   *store,
                              gint64      child_id,
                              GPtrArray  *spells,
                              GError    **error)
{
  PepStoreChange change;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (spells != NULL, FALSE);

  if (!_pep_store_change_begin (store, &change, error))
    return FALSE;
  return _pep_store_change_end (&change, set_spells (store, child_id, spells, error), error);
}

/* For the store ------------------------------------------------------------------------- */

/* A new child's first episode and school, from the fields they were recorded with. */
gboolean
_pep_child_history_seed (PepStore   *store,
                         PepRecord  *child,
                         GError    **error)
{
  gint64 id = pep_record_get_id (child);

  if (pep_record_has (child, PEP_CHILD_ENTERED_CARE))
    {
      g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_care_episode_free);

      g_ptr_array_add (episodes, pep_care_episode_new (pep_record_get_text (child, PEP_CHILD_ENTERED_CARE), NULL,
                                                       pep_record_get_text (child, PEP_CHILD_LEGAL_STATUS),
                                                       pep_record_get_text (child, PEP_CHILD_PLACEMENT_TYPE)));
      if (!set_episodes (store, id, episodes, FALSE, error))
        return FALSE;
    }
  if (pep_record_has (child, PEP_CHILD_SCHOOL_URN))
    {
      g_autoptr(GPtrArray) spells = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_school_spell_free);

      g_ptr_array_add (spells, pep_school_spell_new (pep_record_get_int (child, PEP_CHILD_SCHOOL_URN, 0),
                                                     pep_record_get_text (child, PEP_CHILD_SCHOOL_START), NULL));
      if (!set_spells (store, id, spells, error))
        return FALSE;
    }
  return TRUE;
}

/* One of the child's fields that stand for their latest episode or school was set to @value:
 * the latest episode or school takes it (a correction, not a new one). */
gboolean
_pep_child_history_follow (PepStore   *store,
                           gint64      child_id,
                           guint       field,
                           GVariant   *value,
                           GError    **error)
{
  const char *text = value && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING)
                     ? g_variant_get_string (value, NULL) : NULL;

  switch (field)
    {
    case PEP_CHILD_ENTERED_CARE:
    case PEP_CHILD_LEGAL_STATUS:
    case PEP_CHILD_PLACEMENT_TYPE:
      {
        g_autoptr(GPtrArray) episodes = pep_store_list_care_episodes (store, child_id, error);
        PepCareEpisode *latest;

        if (episodes == NULL)
          return FALSE;
        if (episodes->len == 0)
          {
            /* The first episode comes with the day the child entered care. */
            if (field != PEP_CHILD_ENTERED_CARE || text == NULL)
              return TRUE;
            g_ptr_array_add (episodes, pep_care_episode_new (text, NULL, NULL, NULL));
          }
        latest = g_ptr_array_index (episodes, episodes->len - 1);
        if (field == PEP_CHILD_ENTERED_CARE && text == NULL)
          g_ptr_array_remove_index (episodes, episodes->len - 1);
        else if (field == PEP_CHILD_ENTERED_CARE)
          date_from_text (text, &latest->entered);
        else
          {
            char **slot = field == PEP_CHILD_LEGAL_STATUS ? &latest->legal_status : &latest->placement_type;

            g_free (*slot);
            *slot = g_strdup (text);
          }
        return set_episodes (store, child_id, episodes, FALSE, error);
      }
    case PEP_CHILD_SCHOOL_URN:
    case PEP_CHILD_SCHOOL_START:
      {
        g_autoptr(GPtrArray) spells = pep_store_list_school_history (store, child_id, error);
        PepSchoolSpell *latest;

        if (spells == NULL)
          return FALSE;
        if (spells->len == 0)
          {
            g_autofree char *started = NULL;

            /* The first school comes with its URN, and the start the child has already. */
            if (field != PEP_CHILD_SCHOOL_URN || value == NULL
                || !child_text (store, child_id, "SELECT school_start FROM child WHERE id = ?",
                                &started, error))
              return value == NULL || field != PEP_CHILD_SCHOOL_URN;
            g_ptr_array_add (spells, pep_school_spell_new (g_variant_get_int64 (value), started, NULL));
          }
        latest = g_ptr_array_index (spells, spells->len - 1);
        if (field == PEP_CHILD_SCHOOL_URN && value == NULL)
          g_ptr_array_remove_index (spells, spells->len - 1);
        else if (field == PEP_CHILD_SCHOOL_URN)
          latest->school_urn = g_variant_get_int64 (value);
        else
          date_from_text (text, &latest->started);
        return set_spells (store, child_id, spells, error);
      }
    default:
      return TRUE;
    }
}
