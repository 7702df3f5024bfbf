/* test-util.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sys/wait.h>

#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "pep-authority-trust.h"
#include "pep-demo.h"
#include "test-util.h"

/* A folder only we can read, removed by test_remove_tree(). */
char *
test_make_tmpdir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("pepstudio-test-XXXXXX", &error);

  g_assert_no_error (error);
  g_chmod (dir, 0700);
  return dir;
}

void
test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir == NULL)
    {
      g_unlink (path);
      return;
    }
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);
      test_remove_tree (child);
    }
  g_rmdir (path);
}

char *
test_file_checksum (const char *path)
{
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
}

/* Whether SQLite left a journal, WAL or shared-memory file beside @path. */
gboolean
test_has_side_files (const char *path)
{
  static const char *suffixes[] = { "-journal", "-wal", "-shm" };

  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, suffixes[i], NULL);
      if (g_file_test (side, G_FILE_TEST_EXISTS))
        return TRUE;
    }
  return FALSE;
}

void
test_write_file (const char *path,
                 const char *contents,
                 gssize      length)
{
  g_autoptr(GError) error = NULL;

  g_file_set_contents_full (path, contents, length, G_FILE_SET_CONTENTS_NONE, 0600, &error);
  g_assert_no_error (error);
}

/* Today's school term: the one the app's lists and figures start at. */
/* A GCompareFunc for gint64s, in increasing order (ids, as the store lists them). */
int
test_compare_int64 (gconstpointer a,
                    gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

void
test_current_term (PepTermId *term)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  pep_term_for_date (&today, term);
}

/* A new demo file at @path: @n_children children, @n_terms terms up to today's, made from
 * the tests' one seed, so that a failure can be made again. */
PepStore *
test_make_demo_file (const char *path,
                     guint       n_children,
                     guint       n_terms)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepDemoOptions options;

  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  pep_demo_options_init (&options);
  options.n_children = n_children;
  options.n_terms = n_terms;
  options.seed = 20240901;
  test_current_term (&options.last_term);
  g_assert_true (pep_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&store);
}

/* How much slower than usual this build runs: PEP_TEST_TIME_SCALE, which make test sets for
 * the sanitizer build. Waits for the app scale with it; the ordinary build is held to 1. */
double
test_time_scale (void)
{
  const char *scale = g_getenv ("PEP_TEST_TIME_SCALE");
  double value = scale ? g_ascii_strtod (scale, NULL) : 1.0;

  return value >= 1.0 ? value : 1.0;
}

/* Lets the main loop run until the caller holds the last reference to @object: a GTask run
 * in a thread (a window's list load or signature check) drops its reference to its source
 * object on the worker thread, which may come just after its callback has run in the main
 * loop; a test that asserted the object finalized at once would race that thread. */
void
test_wait_for_last_ref (gpointer object)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (10 * test_time_scale () * G_USEC_PER_SEC);

  while (g_atomic_int_get (&G_OBJECT (object)->ref_count) > 1
         && g_get_monotonic_time () < deadline)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (1000);
    }
}

/* A workflow for @who in @role that signs with their demo key (pep_signing_key_new_demo(),
 * seed 1, or a demo file's own seed): every sign-off is signed with the person's own key. */
PepWorkflow *
test_workflow_new (PepStore   *store,
                   PepRubric  *rubric,
                   const char *who,
                   PepRole     role)
{
  PepWorkflow *workflow = pep_workflow_new (store, rubric, who, role);

  if (pep_role_to_signoff_role (role) != NULL)
    {
      /* In a demo file, its own seed's keys: those on its officers list. */
      g_autofree char *seed = pep_store_get_meta (store, "demo_seed");
      g_autoptr(PepSigningKey) key =
        pep_signing_key_new_demo (seed ? (guint32) g_ascii_strtoull (seed, NULL, 10) : 1, who,
                                  pep_role_to_signoff_role (role));
      pep_workflow_set_signing_key (workflow, key);
    }
  return workflow;
}

void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

/* Runs $PEPCTL with the arguments up to NULL, as a script would: a real process, its exit
 * status and output kept in @run (which may be run again: the last output is freed). */
void
pepctl (Run        *run,
        const char *first,
        ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  const char *binary = g_getenv ("PEPCTL");
  va_list ap;
  int wait_status;

  g_assert_nonnull (binary);
  g_ptr_array_add (argv, (char *) binary);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  run_clear (run);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  run->status = WEXITSTATUS (wait_status);
}

/* The value at @path (JSONPath, "$.groups[0].cohort") of the JSON document @json: the test
 * fails when the document does not parse or nothing is at @path. */
static JsonNode *
json_at (const char *json,
         const char *path)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(JsonPath) query = json_path_new ();
  g_autoptr(JsonNode) found = NULL;
  g_autoptr(GError) error = NULL;
  JsonArray *matches;

  json_parser_load_from_data (parser, json, -1, &error);
  g_assert_no_error (error);
  json_path_compile (query, path, &error);
  g_assert_no_error (error);
  found = json_path_match (query, json_parser_get_root (parser));
  matches = json_node_get_array (found);
  if (json_array_get_length (matches) == 0)
    g_error ("Nothing at %s in the JSON", path);
  return json_node_copy (json_array_get_element (matches, 0));
}

gint64
test_json_int (const char *json,
               const char *path)
{
  g_autoptr(JsonNode) node = json_at (json, path);

  g_assert_cmpint (json_node_get_value_type (node), ==, G_TYPE_INT64);
  return json_node_get_int (node);
}

/* Returns: the string at @path, or %NULL for a JSON null. */
char *
test_json_string (const char *json,
                  const char *path)
{
  g_autoptr(JsonNode) node = json_at (json, path);

  if (JSON_NODE_HOLDS_NULL (node))
    return NULL;
  g_assert_true (JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING);
  return json_node_dup_string (node);
}

/* Returns: the value at @path written as JSON (a number, or an object with its members), to
 * compare the same figure of two documents whole. */
char *
test_json_text (const char *json,
                const char *path)
{
  g_autoptr(JsonNode) node = json_at (json, path);

  return json_to_string (node, FALSE);
}

/* @to takes @from's officers list (a school, or another copy of the same Virtual School,
 * receiving its authority's list), the authority key's fingerprint confirmed as a person
 * would confirm it. */
void
test_take_officers (PepStore *to,
                    PepStore *from)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepOfficers) officers = pep_store_get_trusted_officers (from, &error);
  g_autoptr(PepAuthorityTrust) trust = pep_authority_trust_new (to);
  g_autofree char *fingerprint = NULL;

  g_assert_no_error (error);
  g_assert_nonnull (officers);
  fingerprint = pep_public_key_fingerprint (pep_officers_get_key (officers));
  pep_authority_trust_accept_key (trust, fingerprint);
  g_assert_true (pep_authority_trust_take_list (trust, officers, &error));
  g_assert_no_error (error);
}

/* The fingerprint of the authority key that signs the officers list of the file at @path, as
 * its Virtual School reads it out to a school. */
char *
test_authority_fingerprint (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(PepOfficers) officers = NULL;

  g_assert_no_error (error);
  officers = pep_store_get_trusted_officers (store, &error);
  g_assert_no_error (error);
  g_assert_nonnull (officers);
  return pep_public_key_fingerprint (pep_officers_get_key (officers));
}

/* Runs @sql on the file at @path with SQLite directly, as another program would. */
void
test_sql_exec (const char *path,
               const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  sqlite3_close (db);
}

/* What an attacker with sqlite3 does first: drop every trigger of the sign-off lock. */
void
test_drop_lock_triggers (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GString) sql = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                                           "AND name LIKE '%lock%'", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (sql, "DROP TRIGGER \"%s\";", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (sql->len, >, 0);
  test_sql_exec (path, sql->str);
}
