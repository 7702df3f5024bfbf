/* pep-bench.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test: times what a Virtual School waits for, each beside a baseline
 * measured in the same run — the bare SQLite statements doing the same read or write — and
 * prints the ratio, since these machines are noisy. Usage:
 *
 *   pep-bench FILE             a file made by `pepctl demo FILE --children 80000 --terms 3`
 *
 * Each figure is the median of several runs.
 */

#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

#include "pep-child-summary.h"
#include "pep-store.h"

#define RUNS 7

typedef double (*BenchFunc) (gpointer data);

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Milliseconds, the median of RUNS runs. */
static double
median_ms (BenchFunc func,
           gpointer  data)
{
  double times[RUNS];

  for (guint i = 0; i < RUNS; i++)
    times[i] = func (data);
  qsort (times, RUNS, sizeof (double), compare_double);
  return times[RUNS / 2];
}

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
row (const char *what,
     double      ours,
     double      baseline,
     const char *baseline_name)
{
  printf ("| %-34s | %10.2f ms | %10.2f ms | %6.2f× | %s |\n",
          what, ours, baseline, baseline > 0 ? ours / baseline : 0.0, baseline_name);
}

typedef struct
{
  const char *path;
  PepStore   *store;
  sqlite3    *db;
  PepTermId   term;
  gint64      plan_id;
  GPtrArray  *children;
  guint       edit;
} Bench;

/* Opening ------------------------------------------------------------------------------- */

static double
bench_open (gpointer data)
{
  Bench *b = data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PepStore) store = pep_store_open (b->path, PEP_STORE_OPEN_DEFAULT, NULL);

  g_assert_nonnull (store);
  return since (start);
}

static double
base_open (gpointer data)
{
  Bench *b = data;
  gint64 start = g_get_monotonic_time ();
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  sqlite3_open_v2 (b->path, &db, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return since (start);
}

/* The child list ------------------------------------------------------------------------ */

static double
bench_list (gpointer data)
{
  Bench *b = data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(GPtrArray) children = pep_store_list_children (b->store, &b->term, NULL);

  g_assert_nonnull (children);
  return since (start);
}

static double
base_list (gpointer data)
{
  Bench *b = data;
  gint64 start = g_get_monotonic_time ();
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  sqlite3_prepare_v2 (b->db,
    "SELECT c.id, c.upn, c.legal_forename, c.legal_surname, c.preferred_name, c.nc_year,"
    "       s.name, p.id, p.status, p.kind"
    "  FROM child c LEFT JOIN school s ON s.urn = c.school_urn"
    "  LEFT JOIN plan p ON p.child_id = c.id AND p.academic_year = ? AND p.term = ?"
    "                  AND p.review_reason IS NULL"
    " ORDER BY c.legal_surname, c.legal_forename, c.id", -1, &stmt, NULL);
  sqlite3_bind_int (stmt, 1, b->term.year);
  sqlite3_bind_text (stmt, 2, pep_term_to_nick (b->term.term), -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      /* Touch the text, as any reader must. */
      n += sqlite3_column_bytes (stmt, 3) > 0;
    }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, >, 0);
  return since (start);
}

/* Search as you type: each keystroke filters every child again. */
static double
bench_search (gpointer data)
{
  Bench *b = data;
  static const char *keystrokes[] = { "w", "wi", "wil", "wils", "wilso", "wilson" };
  double worst = 0;

  for (guint k = 0; k < G_N_ELEMENTS (keystrokes); k++)
    {
      gint64 start = g_get_monotonic_time ();
      g_autofree char *folded = g_utf8_casefold (keystrokes[k], -1);
      guint matches = 0;

      for (guint i = 0; i < b->children->len; i++)
        matches += pep_child_summary_matches (g_ptr_array_index (b->children, i), folded);
      worst = MAX (worst, since (start));
      g_assert_cmpuint (matches, <=, b->children->len);
    }
  return worst;
}

static double
base_search (gpointer data)
{
  Bench *b = data;
  gint64 start = g_get_monotonic_time ();
  sqlite3_stmt *stmt = NULL;
  guint n = 0;

  sqlite3_prepare_v2 (b->db, "SELECT count(*) FROM child WHERE legal_surname LIKE '%wilson%'"
                             " OR legal_forename LIKE '%wilson%' OR upn LIKE '%wilson%'",
                      -1, &stmt, NULL);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpuint (n, <=, b->children->len);
  return since (start);
}

/* One PEP ------------------------------------------------------------------------------- */

static double
bench_open_plan (gpointer data)
{
  Bench *b = data;
  gint64 start = g_get_monotonic_time ();
  g_autoptr(PepPlan) plan = pep_store_load_plan (b->store, b->plan_id, NULL);
  g_autoptr(PepRecord) child = NULL;

  g_assert_nonnull (plan);
  child = pep_store_load_child (b->store, pep_plan_get_child_id (plan), NULL);
  g_assert_nonnull (child);
  return since (start);
}

static double
base_open_plan (gpointer data)
{
  Bench *b = data;
  static const char *tables[] = { "attainment", "target", "target_review", "funding_request",
                                  "signoff", "rating", "follow_up" };
  gint64 start = g_get_monotonic_time ();
  sqlite3_stmt *stmt = NULL;
  gint64 child_id = 0;

  sqlite3_exec (b->db, "BEGIN", NULL, NULL, NULL);
  sqlite3_prepare_v2 (b->db, "SELECT * FROM plan WHERE id = ?", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, b->plan_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    child_id = sqlite3_column_int64 (stmt, 3);
  sqlite3_finalize (stmt);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s WHERE plan_id = ? ORDER BY position", tables[t]);
      sqlite3_prepare_v2 (b->db, sql, -1, &stmt, NULL);
      sqlite3_bind_int64 (stmt, 1, b->plan_id);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        ;
      sqlite3_finalize (stmt);
    }
  sqlite3_prepare_v2 (b->db, "SELECT * FROM child WHERE id = ?", -1, &stmt, NULL);
  sqlite3_bind_int64 (stmt, 1, child_id);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  sqlite3_exec (b->db, "COMMIT", NULL, NULL, NULL);
  return since (start);
}

/* One field edit, committed (synchronous=FULL on both sides). */
static double
bench_edit (gpointer data)
{
  Bench *b = data;
  g_autoptr(PepPlan) plan = pep_store_load_plan (b->store, b->plan_id, NULL);
  g_autofree char *text = g_strdup_printf ("Edit %u", ++b->edit);
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  pep_store_update_plan (b->store, plan, PEP_PLAN_CARER_VIEWS, g_variant_new_string (text), &error);
  g_assert_no_error (error);
  return since (start);
}

static double
base_edit (gpointer data)
{
  Bench *b = data;
  g_autofree char *text = g_strdup_printf ("Edit %u", ++b->edit);
  gint64 start = g_get_monotonic_time ();
  sqlite3_stmt *stmt = NULL;

  sqlite3_exec (b->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  sqlite3_prepare_v2 (b->db, "UPDATE plan SET carer_views = ?, revision = revision + 1 WHERE id = ?",
                      -1, &stmt, NULL);
  sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, b->plan_id);
  sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  sqlite3_exec (b->db, "COMMIT", NULL, NULL, NULL);
  return since (start);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  Bench b = { 0 };
  sqlite3_stmt *stmt = NULL;
  struct rusage usage;
  GDate today;

  /* A benchmark that does not do what it says must fail. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  if (argc != 2)
    {
      fprintf (stderr, "usage: pep-bench FILE (made by pepctl demo FILE --children 80000 --terms 3)\n");
      return 1;
    }
  b.path = argv[1];
  if (!(b.store = pep_store_open (b.path, PEP_STORE_OPEN_DEFAULT, &error)))
    {
      fprintf (stderr, "pep-bench: %s\n", error->message);
      return 2;
    }
  sqlite3_open_v2 (b.path, &b.db, SQLITE_OPEN_READWRITE, NULL);
  sqlite3_busy_timeout (b.db, 5000);
  sqlite3_exec (b.db, "PRAGMA synchronous = FULL", NULL, NULL, NULL);

  /* The newest term in the file, and a PEP of it that is not locked. */
  sqlite3_prepare_v2 (b.db, "SELECT academic_year, term, id FROM plan WHERE status IN ('draft', 'returned')"
                            " ORDER BY academic_year DESC, id DESC LIMIT 1", -1, &stmt, NULL);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      fprintf (stderr, "pep-bench: the file has no draft PEP to edit\n");
      return 2;
    }
  b.term.year = sqlite3_column_int (stmt, 0);
  pep_term_from_nick ((const char *) sqlite3_column_text (stmt, 1), &b.term.term);
  b.plan_id = sqlite3_column_int64 (stmt, 2);
  sqlite3_finalize (stmt);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  b.children = pep_store_list_children (b.store, &b.term, NULL);

  printf ("%u children, %" G_GINT64_FORMAT " PEPs; median of %d runs\n\n",
          b.children->len, pep_store_count (b.store, PEP_TABLE_PLAN, NULL), RUNS);
  printf ("| %-34s | %13s | %13s | %7s | %s |\n", "what", "PEP Studio", "baseline", "ratio", "baseline is");
  printf ("|%s|%s|%s|%s|%s|\n", "------------------------------------", "---------------",
          "---------------", "---------", "---");
  row ("open the file", median_ms (bench_open, &b), median_ms (base_open, &b),
       "sqlite3_open_v2 and one query");
  row ("list all children", median_ms (bench_list, &b), median_ms (base_list, &b),
       "the same SELECT, stepped");
  row ("search keystroke (worst of 6)", median_ms (bench_search, &b), median_ms (base_search, &b),
       "one SELECT … LIKE '%wilson%'");
  row ("open one PEP", median_ms (bench_open_plan, &b), median_ms (base_open_plan, &b),
       "SELECT * of the PEP, its rows, the child");
  row ("commit one field edit", median_ms (bench_edit, &b), median_ms (base_edit, &b),
       "one UPDATE in its own transaction");

  getrusage (RUSAGE_SELF, &usage);
  printf ("\npeak memory (maxrss): %.1f MB\n", usage.ru_maxrss / 1024.0);

  g_ptr_array_unref (b.children);
  sqlite3_close (b.db);
  g_object_unref (b.store);
  return 0;
}
