/* test-demo.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "pep-demo.h"
#include "pep-edit-session.h"
#include "pep-work-context.h"
#include "pep-stats.h"
#include "pep-upn.h"
#include "test-util.h"

static char *
make_demo (const char *dir,
           const char *name,
           guint32     seed,
           guint       n_children)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  PepDemoOptions options;

  g_assert_no_error (error);
  pep_demo_options_init (&options);
  options.n_children = n_children;
  options.n_terms = 3;
  options.seed = seed;
  options.last_term = (PepTermId) { 2025, PEP_TERM_SUMMER };
  pep_demo_generate (store, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  return path;
}

/* Every row of every table, as text: what two files must share to hold the same data. */
static char *
dump (const char *path)
{
  static const char *tables[] = { "meta", "school", "child", "plan", "attainment", "target",
                                  "target_review", "funding_request", "signoff", "audit" };
  g_autoptr(GString) out = g_string_new (NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  for (guint t = 0; t < G_N_ELEMENTS (tables); t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY 1", tables[t]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          for (int c = 0; c < sqlite3_column_count (stmt); c++)
            g_string_append_printf (out, "%s|", (const char *) sqlite3_column_text (stmt, c));
          g_string_append_c (out, '\n');
        }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
test_deterministic (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *a = make_demo (dir, "a.db", 42, 150);
  g_autofree char *b = (g_usleep (G_USEC_PER_SEC + 100000),  /* the clock must not leak in */
                        make_demo (dir, "b.db", 42, 150));
  g_autofree char *c = make_demo (dir, "c.db", 43, 150);
  g_autofree char *dump_a = dump (a);
  g_autofree char *dump_b = dump (b);
  g_autofree char *dump_c = dump (c);
  g_autofree char *sum_a = test_file_checksum (a);
  g_autofree char *sum_b = test_file_checksum (b);

  /* Compared whole, not printed: a failure would print the whole file. */
  g_assert_cmpuint (strlen (dump_a), >, 100000);
  g_assert_true (g_str_equal (dump_a, dump_b));
  g_assert_cmpstr (sum_a, ==, sum_b);
  g_assert_false (g_str_equal (dump_a, dump_c));
  test_remove_tree (dir);
}

static gint64
count (sqlite3    *db,
       const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* What a Virtual School demonstrating the product expects to see in it. */
static void
test_realistic (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_demo (dir, "demo.db", 7, 600);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 plans;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);

  g_assert_cmpint (count (db, "SELECT count(*) FROM child"), ==, 600);
  plans = count (db, "SELECT count(*) FROM plan");
  g_assert_cmpint (plans, >, 1400);
  g_assert_cmpint (count (db, "SELECT count(DISTINCT kind) FROM plan"), ==, 5);
  g_assert_cmpint (count (db, "SELECT count(DISTINCT status) FROM plan"), ==, 6);
  g_assert_cmpint (count (db, "SELECT min(nc_year) FROM child"), ==, -2);
  g_assert_cmpint (count (db, "SELECT max(nc_year) FROM child"), ==, 13);
  g_assert_cmpint (count (db, "SELECT count(*) FROM school"), >=, 36);
  g_assert_cmpint (count (db, "SELECT count(*) FROM school WHERE in_authority = 0"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM child WHERE sen_status = 'ehcp'"), >, 60);
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan WHERE review_reason IS NOT NULL"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan WHERE suspensions > 0"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan WHERE attendance_term < 90"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan WHERE sdq_total >= 17"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM target WHERE funding_amount > 0"), >, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM target_review"), >, 0);
  /* Social workers attend about four meetings in five (DOMAIN.md §6: 73–82 %). */
  g_assert_cmpint (count (db, "SELECT round(100.0 * avg(attended_sw)) FROM plan"), >=, 70);
  g_assert_cmpint (count (db, "SELECT round(100.0 * avg(attended_sw)) FROM plan"), <=, 90);
  /* Rated sections, and follow-up actions for PEPs that came back. */
  g_assert_cmpint (count (db, "SELECT count(DISTINCT rating) FROM rating"), ==, 4);
  g_assert_cmpint (count (db, "SELECT count(*) FROM rating WHERE section = 'attainment' AND rating = 'gold'"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan WHERE status = 'returned'"
                              " AND id NOT IN (SELECT plan_id FROM follow_up)"), ==, 0);
  g_assert_cmpint (count (db, "SELECT round(100.0 * avg(rating = 'red')) FROM rating WHERE section = 'social-worker'"), >=, 15);
  g_assert_cmpint (count (db, "SELECT round(100.0 * avg(rating = 'red')) FROM rating WHERE section = 'social-worker'"), <=, 35);
  /* No meeting before the child was born, nor after the term. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan p JOIN child c ON c.id = p.child_id"
                              " WHERE p.meeting_date < c.dob"), ==, 0);
  /* Every meeting while the child was in care: some children left, some came back, and
   * c.entered_care is the day their latest episode began. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan p WHERE p.meeting_date IS NOT NULL"
                              " AND NOT EXISTS (SELECT 1 FROM care_episode e WHERE e.child_id = p.child_id"
                              "  AND e.entered_care <= p.meeting_date"
                              "  AND (e.left_care IS NULL OR p.meeting_date <= e.left_care))"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM care_episode WHERE left_care IS NOT NULL"), >, 10);
  g_assert_cmpint (count (db, "SELECT count(*) FROM (SELECT child_id FROM care_episode"
                              " GROUP BY child_id HAVING count(*) > 1)"), >, 3);
  g_assert_cmpint (count (db, "SELECT count(*) FROM (SELECT child_id FROM school_history"
                              " GROUP BY child_id HAVING count(*) > 1)"), >, 5);
  /* Nobody has a PEP for a term they spent wholly out of care. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM care_episode e JOIN care_episode n"
                              " ON n.child_id = e.child_id AND n.entered_care > e.left_care"
                              " JOIN plan p ON p.child_id = e.child_id AND p.meeting_date > e.left_care"
                              "  AND p.meeting_date < n.entered_care"), ==, 0);

  /* Every UPN has a valid check letter. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT upn FROM child WHERE upn IS NOT NULL", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GError) error = NULL;
      pep_upn_validate ((const char *) sqlite3_column_text (stmt, 0), NULL, &error);
      g_assert_no_error (error);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  test_remove_tree (dir);
}

/* Each PEP is stamped when it was written up, a few days to a few weeks after its meeting,
 * and a few after the end of the term: an earlier term's figures show most PEPs completed
 * in time and some late, as a Virtual School's do (DOMAIN.md §6), not all on one day. */
static void
test_written_up_after_meeting (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_demo (dir, "demo.db", 5, 300);
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(GPtrArray) figures = NULL;
  const PepTermId autumn = { 2025, PEP_TERM_AUTUMN };
  const PepFigures *all;
  PepCohortRule rule;
  GDate today;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  pep_cohort_rule_init (&rule);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_SEPTEMBER, 2026);
  figures = pep_stats_compute (store, &autumn, &rule, PEP_BREAKDOWN_NONE, &today, &error);
  g_assert_no_error (error);
  all = g_ptr_array_index (figures, 0);
  g_assert_cmpuint (all->cohort, >, 100);
  g_assert_cmpuint (all->in_place, >, all->cohort * 9 / 10);
  g_assert_cmpuint (all->completed_in_time, >, all->in_place / 2);
  g_assert_cmpuint (all->completed_in_time, <, all->in_place);
  g_clear_object (&store);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* Written up on many days, never before the meeting, nor after the demo's "now": 30 days
   * into the last term (Easter Sunday 2026 is 5 April). */
  g_assert_cmpint (count (db, "SELECT count(DISTINCT substr(created_at, 1, 10)) FROM plan"
                              " WHERE academic_year = 2025 AND term = 'autumn'"), >, 40);
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan"
                              " WHERE substr(created_at, 1, 10) < meeting_date"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM signoff s JOIN plan p ON p.id = s.plan_id"
                              " WHERE substr(s.signed_at, 1, 10) < p.meeting_date"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM audit"
                              " WHERE at >= '2026-05-05T09:00:00Z'"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM rating"
                              " WHERE rated_at >= '2026-05-05T09:00:00Z'"), ==, 0);
  g_assert_cmpint (count (db, "SELECT count(*) FROM signoff"
                              " WHERE signed_at >= '2026-05-05T09:00:00Z'"), ==, 0);
  /* A child is on file before their PEPs are. */
  g_assert_cmpint (count (db, "SELECT count(*) FROM plan p JOIN audit a ON a.table_name = 'child'"
                              " AND a.record_id = p.child_id AND a.action = 'create'"
                              " WHERE a.at > p.created_at"), ==, 0);
  sqlite3_close (db);
  test_remove_tree (dir);
}

static gboolean
collect_past_submission (const PepPlanListing *listing,
                         gpointer              user_data)
{
  /* Submitted, approved and signed off: each passed the submit check once. */
  if (listing->status == PEP_STATUS_SUBMITTED || listing->status == PEP_STATUS_APPROVED ||
      listing->status == PEP_STATUS_SIGNED_OFF)
    g_array_append_val (user_data, listing->id);
  return TRUE;
}

/* A demo PEP that was submitted or signed off has every entry the required-fields rule asks
 * for (the rule the editor's sidebar counts by and Submit waits on): a Virtual School shown
 * the demo sees "Targets 27 of 27 required", never 26. */
static void
test_signed_off_complete (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_demo (dir, "demo.db", 7, 200);
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(PepWorkContext) context = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint n_signed_off = 0, n_incomplete = 0;

  g_assert_no_error (error);
  context = pep_work_context_new (store, "Test", PEP_ROLE_DESIGNATED_TEACHER, &error);
  g_assert_no_error (error);
  g_assert_true (pep_store_foreach_plan (store, NULL, collect_past_submission, ids, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (ids->len, >, 100);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PepPlan) plan = pep_store_load_plan (store, g_array_index (ids, gint64, i), &error);
      g_autoptr(PepRecord) child = NULL;
      g_autoptr(PepEditSession) session = NULL;
      g_autoptr(GPtrArray) missing = NULL;
      PepAuthority *authority;

      g_assert_no_error (error);
      child = pep_store_load_child (store, pep_plan_get_child_id (plan), &error);
      g_assert_no_error (error);
      authority = pep_work_context_for_plan (context, plan, &error);
      g_assert_no_error (error);
      session = pep_edit_session_new (store, plan, child, pep_work_context_get_workflow (context, authority));
      missing = pep_edit_session_list_missing (session);
      for (guint m = 0; m < missing->len; m++)
        {
          PepMissing *entry = g_ptr_array_index (missing, m);

          g_printerr ("demo PEP %" G_GINT64_FORMAT " (status %d, kind %d) lacks \"%s\" (section %d)\n",
                      pep_plan_get_id (plan), pep_plan_get_status (plan), pep_plan_get_kind (plan),
                      entry->label, entry->section);
          n_incomplete++;
        }
      if (pep_plan_get_status (plan) == PEP_STATUS_SIGNED_OFF)
        n_signed_off++;
    }
  g_assert_cmpuint (n_incomplete, ==, 0);
  g_assert_cmpuint (n_signed_off, >, 50);
  g_clear_object (&context);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_refuses_non_empty (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = make_demo (dir, "demo.db", 1, 20);
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  PepDemoOptions options;

  pep_demo_options_init (&options);
  g_assert_false (pep_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_EXISTS);
  g_assert_cmpint (pep_store_count (store, PEP_TABLE_CHILD, NULL), ==, 20);
  g_clear_object (&store);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/demo/deterministic", test_deterministic);
  g_test_add_func ("/pep/demo/realistic", test_realistic);
  g_test_add_func ("/pep/demo/written-up-after-meeting", test_written_up_after_meeting);
  g_test_add_func ("/pep/demo/signed-off-complete", test_signed_off_complete);
  g_test_add_func ("/pep/demo/refuses-non-empty", test_refuses_non_empty);
  return g_test_run ();
}
