/* test-crash.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PEP Studio file may hold the only copy of a term's work. A writer killed with SIGKILL at
 * random moments, a hundred times, must leave a file that passes integrity_check and holds
 * every edit it acknowledged; two writers on one file both get their work done.
 */

#include "config.h"

#include <signal.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "pep-demo.h"
#include "pep-store.h"
#include "pep-xml-export.h"
#include "test-util.h"

#define N_KILLS 100

typedef struct
{
  GPid   pid;
  int    out_fd;
  GString *out;
} Writer;

static gint64
make_file (const char *path,
           guint       n_plans)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  gint64 first = 0;

  g_assert_no_error (error);
  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, "Test");
  pep_store_insert_child (store, child, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n_plans; i++)
    {
      PepTermId term = { 2020 + (int) i, PEP_TERM_AUTUMN };
      g_autoptr(PepPlan) plan = pep_plan_new (pep_record_get_id (child), &term, PEP_KIND_SCHOOL_AGE);

      pep_store_insert_plan (store, plan, &error);
      g_assert_no_error (error);
      if (first == 0)
        first = pep_plan_get_id (plan);
    }
  return first;
}

static void
writer_start (Writer     *writer,
              const char *path,
              gint64      plan_id,
              const char *name,
              guint       count)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, plan_id);
  g_autofree char *n = g_strdup_printf ("%u", count);
  const char *argv[] = { g_getenv ("CRASH_WRITER"), path, id, name, n, NULL };

  g_assert_nonnull (argv[0]);
  writer->out = g_string_new (NULL);
  g_spawn_async_with_pipes (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL,
                            &writer->pid, NULL, &writer->out_fd, NULL, &error);
  g_assert_no_error (error);
}

static void
writer_wait_first_ack (Writer *writer)
{
  char c;

  while (strchr (writer->out->str, '\n') == NULL && read (writer->out_fd, &c, 1) == 1)
    g_string_append_c (writer->out, c);
}

/* Reads what the writer said until it ends; returns its wait status. */
static int
writer_finish (Writer *writer)
{
  char buf[4096];
  ssize_t n;
  int status = 0;

  while ((n = read (writer->out_fd, buf, sizeof buf)) > 0)
    g_string_append_len (writer->out, buf, n);
  close (writer->out_fd);
  waitpid (writer->pid, &status, 0);
  g_spawn_close_pid (writer->pid);
  return status;
}

/* The highest edit the writer acknowledged, from its output. */
static guint
last_ack (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  guint last = 0;

  for (guint i = 0; lines[i]; i++)
    if (g_ascii_isdigit (lines[i][0]))
      last = (guint) g_ascii_strtoull (lines[i], NULL, 10);
  return last;
}

static void
assert_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static gboolean
has_target (PepPlan    *plan,
            const char *text)
{
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_TARGET);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (pep_record_get_text (g_ptr_array_index (rows, i), PEP_TARGET_DESCRIPTION), text) == 0)
      return TRUE;
  return FALSE;
}

static void
test_kill_nine (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peps.db", NULL);
  gint64 plan_id = make_file (path, 1);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20261124);
  guint total_acked = 0;

  for (guint round = 0; round < N_KILLS; round++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(PepStore) store = NULL;
      g_autoptr(PepPlan) plan = NULL;
      g_autofree char *name = g_strdup_printf ("r%u", round);
      Writer writer;
      guint acked;
      int status;

      writer_start (&writer, path, plan_id, name, 0);
      /* Once it is writing (however slow its start, as under a sanitizer), kill it at a
       * random moment. */
      writer_wait_first_ack (&writer);
      g_usleep ((gulong) g_rand_int_range (rand, 0, 40000));
      kill (writer.pid, SIGKILL);
      status = writer_finish (&writer);
      g_assert_true (WIFSIGNALED (status) || WIFEXITED (status));
      acked = last_ack (writer.out->str);
      total_acked += acked;

      /* The file opens as a PEP Studio file, is intact, and holds every acknowledged edit. */
      store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
      g_assert_no_error (error);
      g_clear_object (&store);
      assert_intact (path);
      store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
      plan = pep_store_load_plan (store, plan_id, &error);
      g_assert_no_error (error);
      for (guint n = 1; n <= acked; n++)
        {
          g_autofree char *text = g_strdup_printf ("%s %u", name, n);
          if (!has_target (plan, text))
            g_error ("round %u: acknowledged edit %u was lost", round, n);
        }
      g_string_free (writer.out, TRUE);
    }

  g_test_message ("%u kills, %u acknowledged edits, none lost", N_KILLS, total_acked);
  g_assert_cmpuint (total_acked, >, N_KILLS);
  test_remove_tree (dir);
}

/* Two programs writing at once: each waits for the other rather than failing. */
static void
test_two_writers (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peps.db", NULL);
  gint64 first = make_file (path, 2);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepPlan) a_plan = NULL, b_plan = NULL;
  Writer a, b;
  int status_a, status_b;

  writer_start (&a, path, first, "a", 150);
  writer_start (&b, path, first + 1, "b", 150);
  status_a = writer_finish (&a);
  status_b = writer_finish (&b);
  g_assert_true (WIFEXITED (status_a) && WEXITSTATUS (status_a) == 0);
  g_assert_true (WIFEXITED (status_b) && WEXITSTATUS (status_b) == 0);
  g_assert_cmpuint (last_ack (a.out->str), ==, 150);
  g_assert_cmpuint (last_ack (b.out->str), ==, 150);

  store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  a_plan = pep_store_load_plan (store, first, &error);
  b_plan = pep_store_load_plan (store, first + 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pep_plan_get_rows (a_plan, PEP_TABLE_TARGET)->len, ==, 150);
  g_assert_cmpuint (pep_plan_get_rows (b_plan, PEP_TABLE_TARGET)->len, ==, 150);
  g_string_free (a.out, TRUE);
  g_string_free (b.out, TRUE);
  g_clear_object (&store);
  assert_intact (path);
  test_remove_tree (dir);
}

/* Two programs on the same PEP: each edit lands once; a clash is reported, never lost. */
static void
test_two_writers_one_plan (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peps.db", NULL);
  gint64 plan_id = make_file (path, 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepPlan) plan = NULL;
  Writer a, b;

  writer_start (&a, path, plan_id, "a", 100);
  writer_start (&b, path, plan_id, "b", 100);
  g_assert_true (WIFEXITED (writer_finish (&a)));
  g_assert_true (WIFEXITED (writer_finish (&b)));
  g_assert_cmpuint (last_ack (a.out->str), ==, 100);
  g_assert_cmpuint (last_ack (b.out->str), ==, 100);

  store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  plan = pep_store_load_plan (store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_TARGET)->len, ==, 200);
  for (guint n = 1; n <= 100; n++)
    {
      g_autofree char *ta = g_strdup_printf ("a %u", n);
      g_autofree char *tb = g_strdup_printf ("b %u", n);
      g_assert_true (has_target (plan, ta));
      g_assert_true (has_target (plan, tb));
    }
  g_test_message ("conflicts reported: %s", strstr (a.out->str, "conflict") || strstr (b.out->str, "conflict") ? "yes" : "none");
  g_string_free (a.out, TRUE);
  g_string_free (b.out, TRUE);
  test_remove_tree (dir);
}

static gint64
count_plans (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return pep_store_count (store, PEP_TABLE_PLAN, NULL);
}

/* One file is one transaction: an import killed at any moment leaves all of it or none. */
static void
test_import_killed (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *source = g_build_filename (dir, "source.db", NULL);
  g_autofree char *xml = g_build_filename (dir, "exchange.xml", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 7, 1, 12, 0, 0);
  const char *pepctl = g_getenv ("PEPCTL");
  PepXmlExportOptions options;
  PepDemoOptions demo;
  gint64 n_plans;
  guint all = 0, none = 0;

  g_assert_nonnull (pepctl);
  {
    g_autoptr(PepStore) store = pep_store_open (source, PEP_STORE_OPEN_CREATE, &error);

    pep_demo_options_init (&demo);
    demo.n_children = 150;
    demo.n_terms = 2;
    demo.seed = 11;
    demo.last_term = (PepTermId) { 2024, PEP_TERM_SUMMER };
    pep_demo_generate (store, &demo, NULL, NULL, &error);
    g_assert_no_error (error);
    pep_xml_export_options_init (&options);
    options.all_states = TRUE;
    options.time = when;
    pep_xml_export (store, &options, xml, NULL, &error);
    g_assert_no_error (error);
    n_plans = pep_store_count (store, PEP_TABLE_PLAN, NULL);
  }

  /* Once to the end, to know how long an import takes here; then killed at random moments
   * within that time. */
  for (guint round = 0; round <= 12; round++)
    {
      g_autofree char *target = g_strdup_printf ("%s/target-%u.db", dir, round);
      g_autofree char *fingerprint = test_authority_fingerprint (source);
      /* The authority's key confirmed, as a person would the first time. */
      const char *argv[] = { pepctl, "import", target, xml, "--accept-key", fingerprint, NULL };
      gint64 start = g_get_monotonic_time ();
      static gint64 duration;
      GPid pid;
      gint64 found;
      int status;

      g_clear_error (&error);
      {
        g_autoptr(PepStore) empty = pep_store_open (target, PEP_STORE_OPEN_CREATE, &error);
        g_assert_no_error (error);
      }
      g_spawn_async (NULL, (char **) argv, NULL,
                     G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &pid, &error);
      g_assert_no_error (error);
      if (round == 0)
        {
          waitpid (pid, &status, 0);
          duration = g_get_monotonic_time () - start;
          g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
        }
      else
        {
          g_usleep ((gulong) g_rand_int_range (rand, 0, (gint32) MIN (duration, G_MAXINT32)));
          kill (pid, SIGKILL);
          waitpid (pid, &status, 0);
        }
      g_spawn_close_pid (pid);

      assert_intact (target);
      found = count_plans (target);
      if (found != 0 && found != n_plans)
        g_error ("round %u: a killed import left %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT " PEPs",
                 round, found, n_plans);
      if (round == 0)
        g_assert_cmpint (found, ==, n_plans);
      else
        {
          all += found == n_plans;
          none += found == 0;
        }
    }
  g_test_message ("12 imports killed: %u left all %" G_GINT64_FORMAT " PEPs, %u left none", all, n_plans, none);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/crash/kill-nine", test_kill_nine);
  g_test_add_func ("/pep/crash/two-writers", test_two_writers);
  g_test_add_func ("/pep/crash/two-writers-one-plan", test_two_writers_one_plan);
  g_test_add_func ("/pep/crash/import-killed", test_import_killed);
  return g_test_run ();
}
