/* test-store.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PepStore against real files on disk.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "pep-child-history.h"
#include "pep-child-summary.h"
#include "pep-copy-owner.h"
#include "pep-demo.h"
#include "pep-signoff.h"
#include "pep-store.h"
#include "pep-store-private.h"
#include "pep-xml-private.h"
#include "test-util.h"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "peps.db", NULL);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static PepStore *
create_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  PepStore *store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* The first column of the first row of @sql on @path, as text. */
static char *
raw_text (const char *path,
          const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static gint64
raw_int (const char *path,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

/* A valid value for @info that differs from field to field (by @salt). */
static GVariant *
sample_value (const PepFieldInfo *info,
              guint               salt)
{
  switch (info->type)
    {
    case PEP_VALUE_INT:
      return g_variant_new_int64 (info->min == info->max ? 1000 + salt
                                  : (gint64) info->min + salt % (guint) (info->max - info->min + 1));
    case PEP_VALUE_MONEY:
      return g_variant_new_int64 (12345 + salt);
    case PEP_VALUE_REAL:
      return g_variant_new_double (info->min == info->max ? 1.5 + salt
                                   : info->min + (info->max - info->min) * ((salt % 10) / 10.0));
    case PEP_VALUE_BOOL:
      return g_variant_new_boolean (salt % 2 == 0);
    case PEP_VALUE_DATE:
      {
        g_autofree char *date = g_strdup_printf ("2024-%02u-%02u", 1 + salt % 12, 1 + salt % 28);
        return g_variant_new_string (date);
      }
    case PEP_VALUE_DATETIME:
      {
        g_autofree char *dt = g_strdup_printf ("2024-03-%02uT10:%02u:00Z", 1 + salt % 28, salt % 60);
        return g_variant_new_string (dt);
      }
    case PEP_VALUE_CHOICE:
      {
        guint n = 0;
        while (info->choices[n].nick != NULL)
          n++;
        return g_variant_new_string (info->choices[salt % n].nick);
      }
    case PEP_VALUE_TEXT:
    default:
      {
        /* Text a person might type: quotes, a newline, non-ASCII, an SQL-looking fragment. */
        g_autofree char *text = g_strdup_printf ("%s #%u — “Zoë's” notes;\nline 2 '); DROP TABLE plan; --",
                                                 info->name, salt);
        return g_variant_new_string (text);
      }
    }
}

static void
fill_record (PepRecord *record,
             guint      salt)
{
  PepTable table = pep_record_get_table (record);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    {
      g_autoptr(GError) error = NULL;
      pep_record_set (record, i, sample_value (pep_table_get_field (table, i), salt + i), &error);
      g_assert_no_error (error);
    }
}

static PepRecord *
insert_school (PepStore *store,
               gint64    urn)
{
  g_autoptr(GError) error = NULL;
  PepRecord *school = pep_record_new (PEP_TABLE_SCHOOL);

  fill_record (school, 3);
  pep_record_set_int (school, PEP_SCHOOL_URN, urn);
  pep_store_insert_school (store, school, &error);
  g_assert_no_error (error);
  return school;
}

static PepRecord *
insert_child (PepStore   *store,
              const char *upn)
{
  g_autoptr(GError) error = NULL;
  PepRecord *child = pep_record_new (PEP_TABLE_CHILD);

  fill_record (child, 7);
  pep_record_set_text (child, PEP_CHILD_UPN, upn);
  pep_record_set (child, PEP_CHILD_SCHOOL_URN, NULL, NULL);
  pep_store_insert_child (store, child, &error);
  g_assert_no_error (error);
  return child;
}

static PepPlan *
insert_plan (PepStore        *store,
             gint64           child_id,
             const PepTermId *term)
{
  g_autoptr(GError) error = NULL;
  PepPlan *plan = pep_plan_new (child_id, term, PEP_KIND_SCHOOL_AGE);

  pep_record_set_text (pep_plan_get_content (plan), PEP_PLAN_VOICE_GOING_WELL, "Reading");
  pep_record_set_real (pep_plan_get_content (plan), PEP_PLAN_ATTENDANCE_TERM, 91.5);
  pep_store_insert_plan (store, plan, &error);
  g_assert_no_error (error);
  return plan;
}

static void
test_create (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(PepStore) store = create_store (f->path);
  GStatBuf st;

  g_assert_cmpint (g_stat (f->path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&store);

  g_assert_false (test_has_side_files (f->path));
  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, PEP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "PRAGMA application_id"), ==, PEP_STORE_APPLICATION_ID);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM meta WHERE key = 'created_at'"), ==, 1);

  /* Opening it again runs no migration and keeps it as it is. */
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, NULL);
  g_assert_nonnull (store);
  g_assert_cmpint (pep_store_count (store, PEP_TABLE_CHILD, NULL), ==, 0);
}

/* A file written by the first release (schema 1) is brought up to date when it is opened,
 * keeping what it holds. */
static void
test_migrate (Fixture       *f,
              gconstpointer  data)
{
  static const PepTermId term = { 2024, PEP_TERM_SPRING };
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) school = insert_school (store, 100001);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  g_autoptr(PepPlan) plan = insert_plan (store, pep_record_get_id (child), &term);
  g_autoptr(PepPlan) loaded = NULL;
  g_autoptr(GError) error = NULL;

  g_clear_object (&store);
  /* What version 1 was: migration 2 adds indexes, migration 3 a column, migration 5 the
   * care episodes and schools (from the child's own fields), migration 7 the authorities,
   * migration 8 the signature columns and the tables of keys. */
  test_sql_exec (f->path, "UPDATE child SET school_urn = 100001, school_start = NULL;");
  /* Migration 10: the signature check's stamps. */
  test_sql_exec (f->path, "DROP TABLE plan_checked;");
  /* Migration 9: the PEPs' dated steps. */
  test_sql_exec (f->path, "DROP TABLE plan_event;");
  /* Migration 6: the owner's and the sender's history tables and more lock triggers. */
  test_sql_exec (f->path, "DROP TABLE copy_owner; DROP TABLE sender_history;"
                     "DROP TRIGGER plan_lock_replace; DROP TRIGGER plan_lock_supersede;"
                     "DROP TRIGGER attainment_lock_replace; DROP TRIGGER attainment_lock_move;"
                     "DROP TRIGGER target_lock_replace; DROP TRIGGER target_lock_move;"
                     "DROP TRIGGER target_review_lock_replace; DROP TRIGGER target_review_lock_move;"
                     "DROP TRIGGER funding_request_lock_replace; DROP TRIGGER funding_request_lock_move;"
                     "DROP TRIGGER signoff_lock_replace; DROP TRIGGER signoff_lock_move;"
                     "DROP TRIGGER rating_lock_replace; DROP TRIGGER rating_lock_move;"
                     "DROP TRIGGER follow_up_lock_replace; DROP TRIGGER follow_up_lock_move;");
  test_sql_exec (f->path, "DROP TABLE authority;"
                     "DROP INDEX plan_stats; DROP INDEX rating_stats; DROP INDEX target_review_stats;"
                     "DROP INDEX target_stats; DROP INDEX follow_up_stats; DROP INDEX audit_submitted;"
                     "DROP TABLE care_episode; DROP TABLE school_history;"
                     "ALTER TABLE child DROP COLUMN school_start;"
                     "ALTER TABLE signoff DROP COLUMN status; ALTER TABLE signoff DROP COLUMN content_digest;"
                     "ALTER TABLE signoff DROP COLUMN public_key; ALTER TABLE signoff DROP COLUMN value;"
                     "DROP TABLE plan_tamper; DROP TABLE officer_list; DROP TABLE officer;"
                     "DROP TABLE pinned_key;"
                     "PRAGMA user_version = 1;");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_master WHERE name = 'rating_stats'"), ==, 0);

  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  loaded = pep_store_load_plan (store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (pep_record_get_real (pep_plan_get_content (loaded), PEP_PLAN_ATTENDANCE_TERM, 0), ==, 91.5);
  g_clear_object (&store);

  g_assert_cmpint (raw_int (f->path, "PRAGMA user_version"), ==, PEP_STORE_SCHEMA_VERSION);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM pragma_table_info ('child')"
                                     " WHERE name = 'school_start'"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                     " AND name IN ('plan_stats', 'rating_stats', 'target_review_stats',"
                                     " 'target_stats', 'follow_up_stats', 'audit_submitted')"), ==, 6);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM child"), ==, 1);
  /* The child's one episode in care and one school, from their fields. */
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM care_episode e JOIN child c ON c.id = e.child_id"
                                     " WHERE e.entered_care = c.entered_care AND e.left_care IS NULL"
                                     " AND e.legal_status IS c.legal_status"
                                     " AND e.placement_type IS c.placement_type"), ==, 1);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM school_history"
                                     " WHERE school_urn = 100001 AND started IS NULL AND ended IS NULL"), ==, 1);

  /* Every table, index and trigger as a new file has them, to the letter. */
  {
    static const char schema_sql[] =
      "SELECT group_concat (name || ': ' || coalesce (sql, ''), char (10))"
      "  FROM (SELECT name, sql FROM sqlite_master ORDER BY name)";
    g_autofree char *fresh_path = g_build_filename (f->dir, "fresh.db", NULL);
    g_autoptr(PepStore) fresh = create_store (fresh_path);
    g_autofree char *migrated_schema = raw_text (f->path, schema_sql);
    g_autofree char *fresh_schema = NULL;

    g_clear_object (&fresh);
    fresh_schema = raw_text (fresh_path, schema_sql);
    g_assert_cmpstr (migrated_schema, ==, fresh_schema);
  }
}

static void
test_create_exclusive (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autofree char *before = NULL;

  g_clear_object (&store);
  before = test_file_checksum (f->path);
  store = pep_store_open (f->path, PEP_STORE_OPEN_CREATE | PEP_STORE_OPEN_EXCLUSIVE, &error);
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_EXISTS);
  g_assert_null (store);
  {
    g_autofree char *after = test_file_checksum (f->path);
    g_assert_cmpstr (before, ==, after);
  }
}

static void
test_missing_file (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);

  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND);
  g_assert_null (store);
  g_assert_false (g_file_test (f->path, G_FILE_TEST_EXISTS));
}

/* The schema's columns are exactly the registry's fields, table by table. */
static void
test_columns_match_registry (Fixture       *f,
                             gconstpointer  data)
{
  static const char *row_fixed[] = { "id", "plan_id", "position", NULL };
  static const char *plan_fixed[] = { "id", "uuid", "amends_id", "child_id", "academic_year",
                                      "term", "review_reason", "kind", "status", "revision",
                                      "school_urn", "created_at", "updated_at", NULL };
  static const char *child_fixed[] = { "id", "uuid", NULL };
  g_autoptr(PepStore) store = create_store (f->path);
  sqlite3 *db = NULL;

  g_clear_object (&store);
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT name FROM pragma_table_info('%s')",
                                              pep_table_get_name (t));
      sqlite3_stmt *stmt = NULL;
      guint n_columns = 0, n_fixed = 0;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          const char *name = (const char *) sqlite3_column_text (stmt, 0);

          const char * const *fixed = t == PEP_TABLE_PLAN ? plan_fixed
                                      : t == PEP_TABLE_CHILD ? child_fixed : row_fixed;

          n_columns++;
          if (g_strv_contains (fixed, name))
            n_fixed++;
          else if (pep_table_lookup_field (t, name) == NULL)
            g_error ("column %s.%s is not in the field registry", pep_table_get_name (t), name);
        }
      sqlite3_finalize (stmt);
      g_assert_cmpuint (n_columns - n_fixed, ==, pep_table_get_n_fields (t));
    }
  sqlite3_close (db);
}

/* Every field of every section, and every row table, survives a save, a close and a load. */
static void
test_round_trip (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) school = insert_school (store, 123456);
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autoptr(PepPlan) earlier = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepPlan) loaded = NULL;
  g_autoptr(PepRecord) loaded_child = NULL;
  g_autoptr(PepRecord) loaded_school = NULL;
  PepTermId term = { 2024, PEP_TERM_SPRING }, before = { 2024, PEP_TERM_AUTUMN };
  gint64 previous_target;

  fill_record (child, 11);
  pep_record_set_text (child, PEP_CHILD_UPN, "H999100000001");
  pep_record_set_int (child, PEP_CHILD_SCHOOL_URN, 123456);
  pep_store_insert_child (store, child, &error);
  g_assert_no_error (error);

  earlier = pep_plan_new (pep_record_get_id (child), &before, PEP_KIND_SCHOOL_AGE);
  fill_record (pep_plan_add_row (earlier, PEP_TABLE_TARGET), 5);
  pep_store_insert_plan (store, earlier, &error);
  g_assert_no_error (error);
  previous_target = pep_record_get_id (g_ptr_array_index (pep_plan_get_rows (earlier, PEP_TABLE_TARGET), 0));

  plan = pep_plan_new (pep_record_get_id (child), &term, PEP_KIND_POST_16);
  pep_plan_set_status (plan, PEP_STATUS_RETURNED);
  pep_plan_set_school_urn (plan, 123456);
  fill_record (pep_plan_get_content (plan), 17);
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    if (pep_table_is_plan_row (t))
      for (guint r = 0; r < 2; r++)
        fill_record (pep_plan_add_row (plan, t), 100 * t + 10 * r);
  for (guint r = 0; r < 2; r++)
    pep_record_set_int (g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_TARGET_REVIEW), r),
                        PEP_TARGET_REVIEW_PREVIOUS_TARGET, previous_target);
  pep_store_insert_plan (store, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_id (plan), >, 0);

  /* Close the file and read it back in a new store. */
  g_clear_object (&store);
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  loaded = pep_store_load_plan (store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_true (pep_plan_equal_content (plan, loaded));
  g_assert_cmpint (pep_plan_get_revision (loaded), ==, 1);
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    if (pep_table_is_plan_row (t))
      g_assert_cmpuint (pep_plan_get_rows (loaded, t)->len, ==, 2);

  loaded_child = pep_store_load_child (store, pep_record_get_id (child), &error);
  g_assert_no_error (error);
  g_assert_true (pep_record_equal (child, loaded_child));
  g_assert_true (g_uuid_string_is_valid (pep_record_get_uuid (loaded_child)));
  g_assert_cmpstr (pep_record_get_uuid (child), ==, pep_record_get_uuid (loaded_child));
  g_assert_true (g_uuid_string_is_valid (pep_plan_get_uuid (loaded)));

  loaded_school = pep_store_load_school (store, 123456, &error);
  g_assert_no_error (error);
  g_assert_true (pep_record_equal (school, loaded_school));

  /* And the comparison is not vacuous: one field changed is noticed. */
  pep_record_set_text (pep_plan_get_content (loaded), PEP_PLAN_CARER_VIEWS, "changed");
  g_assert_false (pep_plan_equal_content (plan, loaded));
}

static void
test_unscheduled_and_unique (Fixture       *f,
                             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  PepTermId term = { 2025, PEP_TERM_AUTUMN };
  g_autoptr(PepPlan) first = insert_plan (store, pep_record_get_id (child), &term);
  g_autoptr(PepPlan) second = pep_plan_new (pep_record_get_id (child), &term, PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepPlan) review = pep_plan_new (pep_record_get_id (child), &term, PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepPlan) loaded = NULL;

  g_assert_false (pep_store_insert_plan (store, second, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);
  g_assert_cmpint (pep_store_count (store, PEP_TABLE_PLAN, NULL), ==, 1);

  pep_plan_set_review_reason (review, "Change of placement");
  pep_store_insert_plan (store, review, &error);
  g_assert_no_error (error);
  loaded = pep_store_load_plan (store, pep_plan_get_id (review), &error);
  g_assert_no_error (error);
  g_assert_true (pep_plan_is_unscheduled (loaded));
  g_assert_cmpstr (pep_plan_get_review_reason (loaded), ==, "Change of placement");
}

static void
test_duplicate_upn (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) first = insert_child (store, "H999100000001");
  g_autoptr(PepRecord) second = pep_record_new (PEP_TABLE_CHILD);

  pep_record_set_text (second, PEP_CHILD_UPN, "H999100000001");
  g_assert_false (pep_store_insert_child (store, second, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "UPN"));
  g_assert_cmpint (pep_store_count (store, PEP_TABLE_CHILD, NULL), ==, 1);
}

static void
test_audit (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  PepTermId term = { 2025, PEP_TERM_AUTUMN };
  g_autoptr(PepPlan) plan = insert_plan (store, pep_record_get_id (child), &term);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 10, 14, 9, 30, 0);
  PepAuditEntry *entry;

  pep_store_set_actor (store, "Test Teacher", PEP_ROLE_DESIGNATED_TEACHER);
  pep_store_set_fixed_time (store, when);

  g_assert_true (pep_store_update_plan (store, plan, PEP_PLAN_ATTENDANCE_TERM,
                                        g_variant_new_double (88.5), &error));
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_revision (plan), ==, 2);
  /* The same value again changes nothing and records nothing. */
  g_assert_true (pep_store_update_plan (store, plan, PEP_PLAN_ATTENDANCE_TERM,
                                        g_variant_new_double (88.5), &error));
  g_assert_cmpint (pep_plan_get_revision (plan), ==, 2);
  g_assert_true (pep_store_set_plan_status (store, plan, PEP_STATUS_SUBMITTED, &error));
  g_assert_no_error (error);

  entries = pep_store_list_audit (store, PEP_TABLE_PLAN, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 3);

  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->action, ==, "create");

  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->action, ==, "update");
  g_assert_cmpstr (entry->who, ==, "Test Teacher");
  g_assert_cmpstr (entry->role, ==, "designated-teacher");
  g_assert_cmpstr (entry->at, ==, "2025-10-14T09:30:00Z");
  g_assert_cmpstr (entry->field, ==, "attendance_term");
  g_assert_cmpstr (entry->old_value, ==, "91.5");
  g_assert_cmpstr (entry->new_value, ==, "88.5");

  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (entry->field, ==, "status");
  g_assert_cmpstr (entry->old_value, ==, "draft");
  g_assert_cmpstr (entry->new_value, ==, "submitted");

  /* Children's changes are audited too. */
  g_assert_true (pep_store_update_child (store, child, PEP_CHILD_LEGAL_SURNAME,
                                         g_variant_new_string ("Newname"), &error));
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = pep_store_list_audit (store, PEP_TABLE_CHILD, pep_record_get_id (child), &error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (((PepAuditEntry *) g_ptr_array_index (entries, 1))->new_value, ==, "Newname");
}

static void
test_invalid_value (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  PepTermId term = { 2025, PEP_TERM_AUTUMN };
  g_autoptr(PepPlan) plan = insert_plan (store, pep_record_get_id (child), &term);
  g_autoptr(PepPlan) loaded = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  g_assert_false (pep_store_update_plan (store, plan, PEP_PLAN_ATTENDANCE_TERM,
                                         g_variant_new_double (104), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pep_store_update_plan (store, plan, PEP_PLAN_SDQ_TOTAL,
                                         g_variant_new_int64 (41), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pep_store_update_plan (store, plan, PEP_PLAN_MEETING_DATE,
                                         g_variant_new_string ("2025-02-30"), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  loaded = pep_store_load_plan (store, pep_plan_get_id (plan), &error);
  g_assert_cmpfloat (pep_record_get_real (pep_plan_get_content (loaded), PEP_PLAN_ATTENDANCE_TERM, -1), ==, 91.5);
  g_assert_cmpint (pep_plan_get_revision (loaded), ==, 1);
  entries = pep_store_list_audit (store, PEP_TABLE_PLAN, pep_plan_get_id (plan), NULL);
  g_assert_cmpuint (entries->len, ==, 1);
}

/* Two programs on one file: the second edit of a PEP read before the first is refused. */
static void
test_conflict (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  PepTermId term = { 2025, PEP_TERM_AUTUMN };
  g_autoptr(PepPlan) plan = insert_plan (store, pep_record_get_id (child), &term);
  g_autoptr(PepStore) other = NULL;
  g_autoptr(PepPlan) mine = NULL;
  g_autoptr(PepPlan) theirs = NULL;
  g_autoptr(PepPlan) loaded = NULL;

  other = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  mine = pep_store_load_plan (store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  theirs = pep_store_load_plan (other, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_true (pep_store_update_plan (other, theirs, PEP_PLAN_CARER_VIEWS,
                                        g_variant_new_string ("Theirs"), &error));
  g_assert_no_error (error);

  g_assert_false (pep_store_update_plan (store, mine, PEP_PLAN_CARER_VIEWS,
                                         g_variant_new_string ("Mine"), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);
  g_assert_false (pep_store_update_plan (store, mine, PEP_PLAN_VOICE_HOPES,
                                         g_variant_new_string ("Mine"), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  loaded = pep_store_load_plan (store, pep_plan_get_id (plan), &error);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (loaded), PEP_PLAN_CARER_VIEWS), ==, "Theirs");
  g_assert_null (pep_record_get_text (pep_plan_get_content (loaded), PEP_PLAN_VOICE_HOPES));
  g_assert_cmpint (pep_plan_get_revision (loaded), ==, 2);
}

static void
test_rows (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  PepTermId term = { 2025, PEP_TERM_AUTUMN };
  g_autoptr(PepPlan) plan = insert_plan (store, pep_record_get_id (child), &term);
  g_autoptr(PepRecord) first = pep_record_new (PEP_TABLE_TARGET);
  g_autoptr(PepRecord) second = pep_record_new (PEP_TABLE_TARGET);
  g_autoptr(PepPlan) loaded = NULL;

  pep_record_set_text (first, PEP_TARGET_DESCRIPTION, "Read daily");
  pep_record_set_text (second, PEP_TARGET_DESCRIPTION, "Join a club");
  g_assert_true (pep_store_add_plan_row (store, plan, first, &error));
  g_assert_true (pep_store_add_plan_row (store, plan, second, &error));
  g_assert_true (pep_store_update_plan_row (store, plan, second, PEP_TARGET_FUNDING_AMOUNT,
                                            g_variant_new_int64 (25000), &error));
  g_assert_no_error (error);
  g_assert_false (pep_store_update_plan_row (store, plan, second, PEP_TARGET_FUNDING_AMOUNT,
                                             g_variant_new_int64 (-1), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pep_store_remove_plan_row (store, plan, first, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_revision (plan), ==, 5);

  loaded = pep_store_load_plan (store, pep_plan_get_id (plan), &error);
  g_assert_cmpuint (pep_plan_get_rows (loaded, PEP_TABLE_TARGET)->len, ==, 1);
  g_assert_true (pep_record_equal (second, g_ptr_array_index (pep_plan_get_rows (loaded, PEP_TABLE_TARGET), 0)));
  g_assert_cmpint (pep_plan_get_revision (loaded), ==, 5);
}

static gboolean
collect_ids (const PepPlanListing *listing,
             gpointer              user_data)
{
  g_array_append_val ((GArray *) user_data, listing->id);
  return TRUE;
}

/* Many PEPs loaded at once are the PEPs loaded one by one, whether the ids asked for are
 * every PEP, a few spread over the file, or a run with gaps; one id not in the file fails
 * the whole, adding nothing. */
static void
test_load_plans (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = test_make_demo_file (f->path, 30, 3);
  g_autoptr(GArray) all = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_assert_true (pep_store_foreach_plan (store, NULL, collect_ids, all, &error));
  g_assert_no_error (error);
  g_array_sort (all, test_compare_int64);
  g_assert_cmpuint (all->len, >, 40);

  for (guint step = 1; step <= 9; step += 4)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);

      /* Every step-th PEP, then the last: a spread, and one far from the others. */
      for (guint i = 0; i + 1 < all->len; i += step)
        g_array_append_val (ids, g_array_index (all, gint64, i));
      g_array_append_val (ids, g_array_index (all, gint64, all->len - 1));
      g_assert_true (pep_store_load_plans (store, (const gint64 *) (gpointer) ids->data, ids->len,
                                           plans, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (plans->len, ==, ids->len);
      for (guint i = 0; i < ids->len; i++)
        {
          PepPlan *many = g_ptr_array_index (plans, i);
          g_autoptr(PepPlan) one = pep_store_load_plan (store, g_array_index (ids, gint64, i), &error);
          g_autofree char *many_digest = NULL;
          g_autofree char *one_digest = NULL;

          g_assert_no_error (error);
          g_assert_cmpint (pep_plan_get_id (many), ==, g_array_index (ids, gint64, i));
          g_assert_cmpint (pep_plan_get_revision (many), ==, pep_plan_get_revision (one));
          g_assert_cmpint (pep_plan_get_status (many), ==, pep_plan_get_status (one));
          g_assert_cmpstr (pep_plan_get_uuid (many), ==, pep_plan_get_uuid (one));
          for (PepTable t = 0; t < PEP_N_TABLES; t++)
            if (pep_table_is_plan_row (t))
              g_assert_cmpuint (pep_plan_get_rows (many, t)->len, ==, pep_plan_get_rows (one, t)->len);
          many_digest = pep_xml_plan_digest (store, many, &error);
          g_assert_no_error (error);
          one_digest = pep_xml_plan_digest (store, one, &error);
          g_assert_no_error (error);
          g_assert_cmpstr (many_digest, ==, one_digest);
        }
    }

  {
    g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);
    gint64 ids[] = { g_array_index (all, gint64, 0), g_array_index (all, gint64, all->len - 1),
                     g_array_index (all, gint64, all->len - 1) + 1000 };

    g_assert_false (pep_store_load_plans (store, ids, G_N_ELEMENTS (ids), plans, &error));
    g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND);
    g_assert_cmpuint (plans->len, ==, 0);
  }
}

static void
test_foreach_plan (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) a = insert_child (store, NULL);
  g_autoptr(PepRecord) b = insert_child (store, NULL);
  PepTermId autumn = { 2025, PEP_TERM_AUTUMN }, spring = { 2025, PEP_TERM_SPRING };
  g_autoptr(PepPlan) p1 = insert_plan (store, pep_record_get_id (a), &autumn);
  g_autoptr(PepPlan) p2 = insert_plan (store, pep_record_get_id (a), &spring);
  g_autoptr(PepPlan) p3 = insert_plan (store, pep_record_get_id (b), &spring);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  PepPlanQuery query = { 0 };

  g_assert_true (pep_store_set_plan_status (store, p3, PEP_STATUS_SUBMITTED, &error));

  g_assert_true (pep_store_foreach_plan (store, NULL, collect_ids, ids, &error));
  g_assert_cmpuint (ids->len, ==, 3);

  g_array_set_size (ids, 0);
  query.has_term = TRUE;
  query.term = spring;
  g_assert_true (pep_store_foreach_plan (store, &query, collect_ids, ids, &error));
  g_assert_cmpuint (ids->len, ==, 2);

  g_array_set_size (ids, 0);
  query.has_status = TRUE;
  query.status = PEP_STATUS_SUBMITTED;
  g_assert_true (pep_store_foreach_plan (store, &query, collect_ids, ids, &error));
  g_assert_cmpuint (ids->len, ==, 1);
  g_assert_cmpint (g_array_index (ids, gint64, 0), ==, pep_plan_get_id (p3));
  g_assert_no_error (error);
}

/* A signed-off PEP never changes, whoever asks: the store, or SQLite directly. */
static void
test_lock (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  PepTermId term = { 2025, PEP_TERM_AUTUMN };
  g_autoptr(PepPlan) plan = insert_plan (store, pep_record_get_id (child), &term);
  g_autoptr(PepPlan) amendment = NULL;
  g_autoptr(PepRecord) row = pep_record_new (PEP_TABLE_TARGET);
  g_autofree char *update = NULL;
  g_autofree char *insert = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_true (pep_store_set_plan_status (store, plan, PEP_STATUS_SIGNED_OFF, &error));
  g_assert_no_error (error);

  g_assert_false (pep_store_update_plan (store, plan, PEP_PLAN_CARER_VIEWS,
                                         g_variant_new_string ("Too late"), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (pep_store_add_plan_row (store, plan, row, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_assert_false (pep_store_set_plan_status (store, plan, PEP_STATUS_DRAFT, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED);
  g_clear_error (&error);

  /* SQLite itself refuses, through the triggers. */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  update = g_strdup_printf ("UPDATE plan SET carer_views = 'x' WHERE id = %" G_GINT64_FORMAT,
                            pep_plan_get_id (plan));
  g_assert_cmpint (sqlite3_exec (db, update, NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);
  insert = g_strdup_printf ("INSERT INTO target (plan_id, position) VALUES (%" G_GINT64_FORMAT ", 9)",
                            pep_plan_get_id (plan));
  g_assert_cmpint (sqlite3_exec (db, insert, NULL, NULL, &message), ==, SQLITE_CONSTRAINT);
  sqlite3_free (message);
  sqlite3_close (db);

  /* An amendment is a new PEP for the same term; once it is signed off, the old one is
   * superseded, and stays readable and locked. */
  amendment = pep_plan_new (pep_record_get_id (child), &term, PEP_KIND_SCHOOL_AGE);
  pep_plan_set_amends_id (amendment, pep_plan_get_id (plan));
  g_assert_true (pep_store_insert_plan (store, amendment, &error));
  g_assert_no_error (error);
  g_assert_true (pep_store_set_plan_status (store, amendment, PEP_STATUS_SIGNED_OFF, &error));
  g_assert_true (pep_store_set_plan_status (store, plan, PEP_STATUS_SUPERSEDED, &error));
  g_assert_no_error (error);
  g_assert_false (pep_store_set_plan_status (store, plan, PEP_STATUS_SIGNED_OFF, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  g_clear_object (&amendment);
  amendment = pep_store_load_plan (store, pep_plan_get_id (plan) + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_amends_id (amendment), ==, pep_plan_get_id (plan));
}

/* Runs @sql with SQLite directly and says whether it was refused by a constraint. */
static gboolean
raw_refused (const char *path,
             const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  int rc;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  rc = sqlite3_exec (db, sql, NULL, NULL, &message);
  sqlite3_free (message);
  sqlite3_close (db);
  g_assert_true (rc == SQLITE_OK || rc == SQLITE_CONSTRAINT);
  return rc == SQLITE_CONSTRAINT;
}

/* Issue 12: the ways round the lock that sqlite3 offered are closed, in the file itself. */
static void
test_lock_gaps (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  PepTermId autumn = { 2025, PEP_TERM_AUTUMN }, spring = { 2026, PEP_TERM_SPRING };
  g_autoptr(PepPlan) locked = insert_plan (store, pep_record_get_id (child), &autumn);
  g_autoptr(PepPlan) draft = insert_plan (store, pep_record_get_id (child), &spring);
  g_autoptr(PepRecord) locked_row = pep_record_new (PEP_TABLE_TARGET);
  g_autoptr(PepRecord) draft_row = pep_record_new (PEP_TABLE_TARGET);
  g_autoptr(PepRecord) signoff = pep_record_new (PEP_TABLE_SIGNOFF);
  g_autoptr(GPtrArray) problems = NULL;
  gint64 l = pep_plan_get_id (locked), d = pep_plan_get_id (draft);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *columns = NULL;

  pep_record_set_text (locked_row, PEP_TARGET_DESCRIPTION, "Read daily");
  pep_record_set_text (draft_row, PEP_TARGET_DESCRIPTION, "Write daily");
  pep_record_set_text (signoff, PEP_SIGNOFF_ROLE, "vs-advisor");
  g_assert_true (pep_store_add_plan_row (store, locked, locked_row, &error));
  g_assert_true (pep_store_add_plan_row (store, draft, draft_row, &error));
  g_assert_true (pep_store_add_plan_row (store, draft, signoff, &error));
  g_assert_true (pep_store_set_plan_status (store, locked, PEP_STATUS_SIGNED_OFF, &error));
  g_assert_no_error (error);
  g_clear_object (&store);
  before = raw_text (f->path, "SELECT group_concat (id || plan_id || ifnull (description, ''))"
                              " FROM target");

  /* INSERT OR REPLACE of a locked PEP's row (moving it out) and of the PEP itself. */
  sql = g_strdup_printf ("INSERT OR REPLACE INTO target (id, plan_id, position) VALUES (%"
                         G_GINT64_FORMAT ", %" G_GINT64_FORMAT ", 0)",
                         pep_record_get_id (locked_row), d);
  g_assert_true (raw_refused (f->path, sql));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("INSERT OR REPLACE INTO plan (id, uuid, child_id, academic_year, term,"
                         " kind, status, created_at, updated_at) SELECT id, uuid, child_id,"
                         " academic_year, term, kind, 'draft', created_at, updated_at FROM plan"
                         " WHERE id = %" G_GINT64_FORMAT, l);
  g_assert_true (raw_refused (f->path, sql));
  g_clear_pointer (&sql, g_free);
  /* A new termly PEP replacing the signed-off one by the one-a-term index. */
  sql = g_strdup_printf ("INSERT OR REPLACE INTO plan (uuid, child_id, academic_year, term, kind,"
                         " status, created_at, updated_at) SELECT 'x', child_id, academic_year,"
                         " term, kind, 'draft', created_at, updated_at FROM plan WHERE id = %"
                         G_GINT64_FORMAT, l);
  g_assert_true (raw_refused (f->path, sql));
  g_clear_pointer (&sql, g_free);

  /* A target or a sign-off moved into the signed-off PEP. */
  sql = g_strdup_printf ("UPDATE target SET plan_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         l, pep_record_get_id (draft_row));
  g_assert_true (raw_refused (f->path, sql));
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE signoff SET plan_id = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         l, pep_record_get_id (signoff));
  g_assert_true (raw_refused (f->path, sql));
  g_clear_pointer (&sql, g_free);

  /* Superseded and changed in one UPDATE: refused for every column but the status, the
   * revision and the time (a column added later is covered or this fails). */
  g_assert_cmpint (sqlite3_open (f->path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info ('plan')", -1,
                                       &columns, NULL), ==, SQLITE_OK);
  while (sqlite3_step (columns) == SQLITE_ROW)
    {
      const char *column = (const char *) sqlite3_column_text (columns, 0);

      if (g_str_equal (column, "status") || g_str_equal (column, "revision")
          || g_str_equal (column, "updated_at"))
        continue;
      g_clear_pointer (&sql, g_free);
      /* A value no column holds in this PEP: the id of another row, or a text. */
      sql = g_strdup_printf ("UPDATE plan SET status = 'superseded', %s = CASE WHEN typeof (%s) = 'integer'"
                             " THEN %s + 1000 ELSE 'changed' END WHERE id = %" G_GINT64_FORMAT,
                             column, column, column, l);
      if (!raw_refused (f->path, sql))
        g_error ("superseding PEP %" G_GINT64_FORMAT " could change %s", l, column);
    }
  sqlite3_finalize (columns);
  sqlite3_close (db);
  after = raw_text (f->path, "SELECT group_concat (id || plan_id || ifnull (description, ''))"
                             " FROM target");
  g_assert_cmpstr (before, ==, after);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM plan WHERE status = 'signed-off'"), ==, 1);

  /* Superseded alone is still the one move the lock allows. */
  g_clear_pointer (&sql, g_free);
  sql = g_strdup_printf ("UPDATE plan SET status = 'superseded', revision = revision + 1 WHERE id = %"
                         G_GINT64_FORMAT, l);
  g_assert_false (raw_refused (f->path, sql));

  /* A file whose triggers were dropped or rewritten is told apart on open. */
  store = create_store (f->path);
  problems = pep_store_check_locks (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_clear_pointer (&problems, g_ptr_array_unref);
  g_clear_object (&store);
  test_sql_exec (f->path, "DROP TRIGGER plan_lock_update; DROP TRIGGER signoff_lock_move;"
                     "CREATE TRIGGER plan_lock_update BEFORE UPDATE ON plan WHEN 0"
                     "  BEGIN SELECT 1; END;");
  store = create_store (f->path);
  problems = pep_store_check_locks (store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "plan_lock_update"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 0), "changed"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "signoff_lock_move"));
  g_assert_nonnull (strstr (g_ptr_array_index (problems, 1), "missing"));
}

/* Whose copy a file is: none until given, then set once for good, even against sqlite3. */
static void
test_owner (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepCopyOwner) owner = pep_store_get_owner (store, &error);
  g_autoptr(PepCopyOwner) school = pep_copy_owner_new_school (123456);
  g_autoptr(PepCopyOwner) bad = pep_copy_owner_new_school (12);
  g_autoptr(PepCopyOwner) authority = pep_copy_owner_new_authority (999, "Demoshire");
  g_autoptr(PepCopyOwner) nameless = pep_copy_owner_new_authority (999, "  ");
  g_autofree char *sender = NULL;

  g_assert_no_error (error);
  g_assert_cmpint (owner->kind, ==, PEP_COPY_UNOWNED);
  g_assert_false (pep_store_set_owner (store, bad, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pep_store_set_owner (store, nameless, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (pep_store_set_owner (store, school, &error));
  g_assert_no_error (error);
  g_assert_false (pep_store_set_owner (store, authority, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_OWNER_SET);
  g_clear_error (&error);
  g_clear_object (&store);

  g_assert_true (raw_refused (f->path, "INSERT OR REPLACE INTO copy_owner VALUES"
                                       " (1, 'authority', NULL, 999, 'x', 'now')"));
  g_assert_true (raw_refused (f->path, "UPDATE copy_owner SET urn = 654321"));
  g_assert_true (raw_refused (f->path, "DELETE FROM copy_owner"));

  store = create_store (f->path);
  g_clear_pointer (&owner, pep_copy_owner_free);
  owner = pep_store_get_owner (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (owner->kind, ==, PEP_COPY_SCHOOL);
  g_assert_cmpint (owner->urn, ==, 123456);
  sender = pep_copy_owner_to_sender (owner);
  g_assert_cmpstr (sender, ==, "school 123456");
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM audit WHERE table_name = 'copy_owner'"), ==, 1);
}

/* Refusals ------------------------------------------------------------------------------ */

static void
assert_refused (const char *path,
                int         code,
                const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = test_file_checksum (path);
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);

  g_assert_null (store);
  g_assert_error (error, PEP_STORE_ERROR, code);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s”", error->message, says);
  {
    g_autofree char *after = test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }
  g_assert_false (test_has_side_files (path));
}

static void
test_refuse_foreign (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *text = g_build_filename (f->dir, "notes.txt", NULL);
  g_autofree char *empty = g_build_filename (f->dir, "empty.db", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.sqlite", NULL);

  test_write_file (text, "These are not PEPs.\n", -1);
  assert_refused (text, PEP_STORE_ERROR_NOT_PEP_FILE, "not a database");

  test_write_file (empty, "", 0);
  assert_refused (empty, PEP_STORE_ERROR_NOT_PEP_FILE, "empty");

  test_sql_exec (other, "CREATE TABLE songs (title TEXT); INSERT INTO songs VALUES ('x');");
  assert_refused (other, PEP_STORE_ERROR_NOT_PEP_FILE, "not one made by PEP Studio");

  /* Even one of another program in WAL mode, whose opening would make side files. */
  test_sql_exec (other, "PRAGMA journal_mode = WAL;");
  assert_refused (other, PEP_STORE_ERROR_NOT_PEP_FILE, "not one made by PEP Studio");
}

static void
test_refuse_newer (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(PepStore) store = create_store (f->path);

  g_clear_object (&store);
  test_sql_exec (f->path, "PRAGMA user_version = 99;");
  g_assert_false (test_has_side_files (f->path));
  assert_refused (f->path, PEP_STORE_ERROR_TOO_NEW, "newer version");
}

static void
test_refuse_corrupt (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) child = insert_child (store, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autofree char *cut = g_build_filename (f->dir, "cut.db", NULL);
  g_autofree char *scrambled = g_build_filename (f->dir, "scrambled.db", NULL);

  /* Enough children for the file to span many pages. */
  for (guint i = 0; i < 200; i++)
    {
      g_clear_object (&child);
      child = insert_child (store, NULL);
    }
  g_clear_object (&store);

  g_file_get_contents (f->path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >, 8192);

  /* Cut off halfway through a copy. */
  test_write_file (cut, contents, (gssize) length / 2);
  assert_refused (cut, PEP_STORE_ERROR_CORRUPT, "damaged");

  /* The schema page scribbled over, past the 100-byte header. */
  memset (contents + 100, 0xA5, 3000);
  test_write_file (scrambled, contents, (gssize) length);
  assert_refused (scrambled, PEP_STORE_ERROR_CORRUPT, "damaged");
}


/* A child's episodes in care and schools: written whole, audited, refused when they cannot
 * be, and the child's own fields are the latest episode's and school's. */
static void
test_child_history (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(PepRecord) first_school = insert_school (store, 100001);
  g_autoptr(PepRecord) second_school = insert_school (store, 100002);
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autoptr(PepRecord) loaded = NULL;
  g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_care_episode_free);
  g_autoptr(GPtrArray) spells = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_school_spell_free);
  g_autoptr(GPtrArray) listed = NULL;
  g_autofree char *before = NULL;
  gint64 id;
  GDate day;

  pep_record_set_text (child, PEP_CHILD_DOB, "2012-05-01");
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, "2019-03-04");
  pep_record_set_text (child, PEP_CHILD_LEGAL_STATUS, "care-order");
  pep_record_set_int (child, PEP_CHILD_SCHOOL_URN, 100001);
  pep_store_insert_child (store, child, &error);
  g_assert_no_error (error);
  id = pep_record_get_id (child);

  /* The child's fields made their first episode and school. */
  listed = pep_store_list_care_episodes (store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpstr (((PepCareEpisode *) listed->pdata[0])->legal_status, ==, "care-order");
  g_assert_false (g_date_valid (&((PepCareEpisode *) listed->pdata[0])->left));
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = pep_store_list_school_history (store, id, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpint (((PepSchoolSpell *) listed->pdata[0])->school_urn, ==, 100001);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* Left care, and came back under another order. */
  g_ptr_array_add (episodes, pep_care_episode_new ("2021-09-01", NULL, "section-20", "kinship"));
  g_ptr_array_add (episodes, pep_care_episode_new ("2019-03-04", "2020-07-31", "care-order", "foster"));
  pep_store_set_care_episodes (store, id, episodes, &error);
  g_assert_no_error (error);
  loaded = pep_store_load_child (store, id, &error);
  g_assert_cmpstr (pep_record_get_text (loaded, PEP_CHILD_ENTERED_CARE), ==, "2021-09-01");
  g_assert_cmpstr (pep_record_get_text (loaded, PEP_CHILD_LEGAL_STATUS), ==, "section-20");
  g_assert_cmpstr (pep_record_get_text (loaded, PEP_CHILD_PLACEMENT_TYPE), ==, "kinship");
  g_clear_object (&loaded);
  listed = pep_store_list_care_episodes (store, id, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_date_clear (&day, 1);
  g_date_set_dmy (&day, 31, G_DATE_JULY, 2020);
  g_assert_true (pep_care_episodes_on (listed, &day) == listed->pdata[0]);
  g_date_add_days (&day, 1);
  g_assert_null (pep_care_episodes_on (listed, &day));
  g_clear_pointer (&listed, g_ptr_array_unref);
  g_assert_cmpint (raw_int (f->path, "SELECT count(*) FROM audit WHERE table_name = 'care_episode'"
                                     " AND field = 'left_care' AND new_value = '2020-07-31'"), ==, 1);

  /* Refused as a whole, with the reason, and nothing changed. */
  before = raw_text (f->path, "SELECT group_concat (entered_care || '/' || coalesce (left_care, ''))"
                              " FROM care_episode");
  g_ptr_array_add (episodes, pep_care_episode_new ("2020-07-01", "2020-08-01", NULL, NULL));
  g_assert_false (pep_store_set_care_episodes (store, id, episodes, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "overlap"));
  g_clear_error (&error);
  g_ptr_array_set_size (episodes, 0);
  g_ptr_array_add (episodes, pep_care_episode_new ("2010-01-01", NULL, NULL, NULL));
  g_assert_false (pep_store_set_care_episodes (store, id, episodes, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_ptr_array_set_size (episodes, 0);
  g_ptr_array_add (episodes, pep_care_episode_new ("2019-01-01", NULL, NULL, NULL));
  g_ptr_array_add (episodes, pep_care_episode_new ("2020-01-01", NULL, NULL, NULL));
  g_assert_false (pep_store_set_care_episodes (store, id, episodes, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  {
    g_autofree char *after = raw_text (f->path, "SELECT group_concat (entered_care || '/' || coalesce (left_care, ''))"
                                                " FROM care_episode");
    g_assert_cmpstr (before, ==, after);
  }

  /* Changed school: the second is the child's school now. */
  g_ptr_array_add (spells, pep_school_spell_new (100001, NULL, "2023-02-10"));
  g_ptr_array_add (spells, pep_school_spell_new (100002, "2023-02-13", NULL));
  pep_store_set_school_history (store, id, spells, &error);
  g_assert_no_error (error);
  loaded = pep_store_load_child (store, id, &error);
  g_assert_cmpint (pep_record_get_int (loaded, PEP_CHILD_SCHOOL_URN, 0), ==, 100002);
  g_assert_cmpstr (pep_record_get_text (loaded, PEP_CHILD_SCHOOL_START), ==, "2023-02-13");

  /* Correcting the school's start on the child corrects the latest school's. */
  pep_store_update_child (store, loaded, PEP_CHILD_SCHOOL_START, g_variant_new_string ("2023-02-14"), &error);
  g_assert_no_error (error);
  listed = pep_store_list_school_history (store, id, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_date_set_dmy (&day, 10, G_DATE_FEBRUARY, 2023);
  g_assert_cmpint (pep_school_history_on (listed, &day)->school_urn, ==, 100001);
  g_date_set_dmy (&day, 13, G_DATE_FEBRUARY, 2023);
  g_assert_null (pep_school_history_on (listed, &day));
  g_date_set_dmy (&day, 14, G_DATE_FEBRUARY, 2023);
  g_assert_cmpint (pep_school_history_on (listed, &day)->school_urn, ==, 100002);

  /* A second school with no start is refused. */
  g_ptr_array_add (spells, pep_school_spell_new (100002, NULL, NULL));
  g_assert_false (pep_store_set_school_history (store, id, spells, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The child list shows a child who has left care. */
  {
    static const PepTermId term = { 2024, PEP_TERM_SPRING };
    g_autoptr(GPtrArray) children = NULL;
    PepChildSummary *summary;
    GDate left;

    children = pep_store_list_children (store, &term, &error);
    g_assert_no_error (error);
    summary = g_ptr_array_index (children, 0);
    g_assert_false (pep_child_summary_get_left_care (summary, NULL));
    g_assert_cmpstr (pep_child_summary_get_status_label (summary), ==, "No PEP this term");
    g_clear_pointer (&children, g_ptr_array_unref);

    g_ptr_array_set_size (episodes, 0);
    g_ptr_array_add (episodes, pep_care_episode_new ("2019-03-04", "2020-07-31", "care-order", "foster"));
    g_ptr_array_add (episodes, pep_care_episode_new ("2021-09-01", "2024-02-16", "section-20", "kinship"));
    pep_store_set_care_episodes (store, id, episodes, &error);
    g_assert_no_error (error);
    children = pep_store_list_children (store, &term, &error);
    summary = g_ptr_array_index (children, 0);
    g_assert_true (pep_child_summary_get_left_care (summary, &left));
    g_assert_cmpint (g_date_get_day (&left), ==, 16);
    g_assert_cmpstr (pep_child_summary_get_status_label (summary), ==, "Left care 16 Feb 2024");
  }
}

/* The child list gathers its PEPs, seals and care endings by a scan each rather than a
 * lookup a child: it must say what the plain query (a subquery a child) says, child by
 * child, in the same order, with seals and children who left care among them. */
static void
test_list_children_agree (Fixture       *f,
                          gconstpointer  data)
{
  static const PepTermId term = { 2024, PEP_TERM_SUMMER };
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;
  PepDemoOptions demo;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  guint n = 0, n_plans = 0, n_left = 0, n_sealed = 0;

  pep_demo_options_init (&demo);
  demo.n_children = 60;
  demo.n_terms = 2;
  demo.seed = 17;
  demo.last_term = term;
  g_assert_true (pep_demo_generate (store, &demo, NULL, NULL, &error));
  g_assert_no_error (error);

  /* As the signature check marks them, and some children's care ended. */
  g_assert_cmpint (sqlite3_open_v2 (f->path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO plan_tamper (plan_id, problem, reason, found_at)"
    "  SELECT id, CASE id % 2 WHEN 0 THEN 'changed' ELSE 'no-such-seal' END, 'test', '2024-06-01'"
    "    FROM plan WHERE id % 7 = 0;"
    "UPDATE care_episode SET left_care = '2024-05-31'"
    " WHERE child_id % 5 = 0 AND left_care IS NULL AND entered_care <= '2024-05-31';",
    NULL, NULL, NULL), ==, SQLITE_OK);

  children = pep_store_list_children (store, &term, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
    "SELECT c.id, p.id, (SELECT e.left_care FROM care_episode e WHERE e.child_id = c.id"
    "                     ORDER BY e.entered_care DESC LIMIT 1),"
    "       (SELECT x.problem FROM plan_tamper x WHERE x.plan_id = p.id)"
    "  FROM child c LEFT JOIN plan p ON p.child_id = c.id AND p.academic_year = 2024"
    "                 AND p.term = 'summer' AND p.review_reason IS NULL"
    " ORDER BY c.legal_surname, c.legal_forename, c.id", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      PepChildSummary *summary;
      const char *left = (const char *) sqlite3_column_text (stmt, 2);
      const char *problem = (const char *) sqlite3_column_text (stmt, 3);
      GDate day;

      g_assert_cmpuint (n, <, children->len);
      summary = g_ptr_array_index (children, n++);
      g_assert_cmpint (pep_child_summary_get_child_id (summary), ==, sqlite3_column_int64 (stmt, 0));
      g_assert_cmpint (pep_child_summary_get_plan_id (summary), ==, sqlite3_column_int64 (stmt, 1));
      g_assert_cmpint (pep_child_summary_get_status (summary) >= 0, ==,
                       sqlite3_column_type (stmt, 1) != SQLITE_NULL);
      g_assert_cmpint (pep_child_summary_get_left_care (summary, &day), ==, left != NULL);
      if (left != NULL)
        {
          g_autofree char *iso = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&day),
                                                  g_date_get_month (&day), g_date_get_day (&day));

          g_assert_cmpstr (iso, ==, left);
          n_left++;
        }
      if (problem != NULL)
        {
          g_assert_cmpint (pep_child_summary_get_seal (summary), ==, PEP_SEAL_CHANGED);
          n_sealed++;
        }
      else
        {
          g_assert_cmpint (pep_child_summary_get_seal (summary), !=, PEP_SEAL_CHANGED);
        }
      n_plans += sqlite3_column_type (stmt, 1) != SQLITE_NULL;
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (n, ==, children->len);
  g_assert_cmpuint (n, ==, 60);
  /* Every kind of row was there to compare. */
  g_assert_cmpuint (n_plans, >, 0);
  g_assert_cmpuint (n_plans, <, n);
  g_assert_cmpuint (n_left, >, 0);
  g_assert_cmpuint (n_sealed, >, 0);
}

/* A file on a network share is refused before SQLite opens it (its WAL is unsafe there);
 * the machine's own disks are not. The mount table's types decide: NFS, SMB and a share that
 * GNOME Files opened are shares, ext4, tmpfs and an encrypted home are not. */
static void
test_network_share (Fixture       *fixture,
                    gconstpointer  data)
{
  static const char *shares[] = { "nfs", "nfs4", "cifs", "smb3", "fuse.gvfsd-fuse", "fuse.sshfs", "9p" };
  static const char *local[] = { "ext4", "xfs", "btrfs", "tmpfs", "overlay", "ecryptfs", "fuse.gocryptfs",
                                 "vfat", "" };

  for (guint i = 0; i < G_N_ELEMENTS (shares); i++)
    g_assert_nonnull (_pep_store_network_file_system (shares[i]));
  for (guint i = 0; i < G_N_ELEMENTS (local); i++)
    g_assert_null (_pep_store_network_file_system (local[i]));
  g_assert_null (_pep_store_network_file_system (NULL));

  /* A file on this machine's disk opens. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PepStore) store = pep_store_open (fixture->path, PEP_STORE_OPEN_CREATE, &error);

    g_assert_no_error (error);
    g_assert_nonnull (store);
  }
}

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* A file someone made readable by others (0644): reported, its -wal and -shm files made
 * 0600 all the same (SQLite's unix VFS would give them the database's mode), and made
 * private on request (issue 15). */
static void
test_private (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PepStore) store = create_store (f->path);
  g_autoptr(GError) error = NULL;
  g_autofree char *wal = g_strconcat (f->path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (f->path, "-shm", NULL);

  g_assert_cmpint (file_mode (f->path), ==, 0600);
  g_assert_true (pep_store_is_private (store));
  g_clear_object (&store);
  g_assert_false (g_file_test (wal, G_FILE_TEST_EXISTS));

  g_assert_cmpint (g_chmod (f->path, 0644), ==, 0);
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_false (pep_store_is_private (store));
  g_assert_true (pep_store_begin (store, &error));
  g_assert_true (pep_store_set_meta (store, "privacy-test", "written", &error));
  g_assert_true (pep_store_commit (store, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_assert_cmpint (file_mode (shm), ==, 0600);
  g_assert_cmpint (file_mode (f->path), ==, 0644);

  g_assert_true (pep_store_make_private (store, &error));
  g_assert_no_error (error);
  g_assert_true (pep_store_is_private (store));
  g_assert_cmpint (file_mode (f->path), ==, 0600);
}

/* A second store on a file this process already has open (the dashboard's worker reads
 * through its own) must leave the first store's locks alone: POSIX drops all of a process's
 * locks on a file when any descriptor of it is closed. With the locks gone another program
 * (pepctl here) believes it is the last one using the file, checkpoints and deletes the WAL,
 * and what the first store writes next goes into a deleted file and is lost. */
static void
test_second_store_keeps_locks (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) first = create_store (f->path);
  g_autoptr(PepRecord) a = insert_school (first, 100001);
  g_autoptr(PepRecord) b = NULL;
  g_autoptr(PepStore) again = NULL;
  const char *argv[] = { g_getenv ("PEPCTL"), "list", f->path, NULL };
  int status;

  g_assert_nonnull (argv[0]);
  {
    g_autoptr(PepStore) second = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_cmpint (pep_store_count (second, PEP_TABLE_SCHOOL, NULL), ==, 1);
  }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));

  /* Another program sees what the first store writes next. */
  b = insert_school (first, 100002);
  {
    const char *count[] = { "sqlite3", f->path, "SELECT count(*) FROM school", NULL };
    g_autofree char *out = NULL;

    g_spawn_sync (NULL, (char **) count, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                  NULL, NULL, &out, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_cmpstr (g_strstrip (out), ==, "2");
  }
  g_clear_object (&first);

  again = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_store_count (again, PEP_TABLE_SCHOOL, NULL), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  /* Files must be private whatever the umask: test under the usual one, which is not. */
  umask (022);
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/pep/store/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("create", test_create);
  ADD ("create-exclusive", test_create_exclusive);
  ADD ("migrate", test_migrate);
  ADD ("missing-file", test_missing_file);
  ADD ("columns-match-registry", test_columns_match_registry);
  ADD ("round-trip", test_round_trip);
  ADD ("unscheduled-and-unique", test_unscheduled_and_unique);
  ADD ("duplicate-upn", test_duplicate_upn);
  ADD ("audit", test_audit);
  ADD ("child-history", test_child_history);
  ADD ("invalid-value", test_invalid_value);
  ADD ("conflict", test_conflict);
  ADD ("rows", test_rows);
  ADD ("foreach-plan", test_foreach_plan);
  ADD ("load-plans", test_load_plans);
  ADD ("list-children-agree", test_list_children_agree);
  ADD ("lock", test_lock);
  ADD ("lock-gaps", test_lock_gaps);
  ADD ("owner", test_owner);
  ADD ("refuse-foreign", test_refuse_foreign);
  ADD ("refuse-newer", test_refuse_newer);
  ADD ("refuse-corrupt", test_refuse_corrupt);
  ADD ("network-share", test_network_share);
  ADD ("second-store-keeps-locks", test_second_store_keeps_locks);
  ADD ("private", test_private);
#undef ADD

  return g_test_run ();
}
