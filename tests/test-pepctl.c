/* test-pepctl.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pepctl as a script would use it: real processes, real files, exit codes and output.
 */

#include "config.h"

#include <sqlite3.h>
#include <string.h>

#include "test-util.h"

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (const char *p = text; *p; p++)
    n += *p == '\n';
  return n;
}

static void
test_usage_errors (void)
{
  g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, e = { 0 };

  pepctl (&a, NULL);
  g_assert_cmpint (a.status, ==, 1);
  g_assert_nonnull (strstr (a.err, "Usage"));
  g_assert_cmpstr (a.out, ==, "");

  pepctl (&b, "frobnicate", "x.db", NULL);
  g_assert_cmpint (b.status, ==, 1);
  g_assert_nonnull (strstr (b.err, "unknown command"));

  pepctl (&c, "list", NULL);
  g_assert_cmpint (c.status, ==, 1);
  g_assert_nonnull (strstr (c.err, "missing arguments"));

  pepctl (&d, "list", "x.db", "--term", "2023-winter", NULL);
  g_assert_cmpint (d.status, ==, 1);
  g_assert_nonnull (strstr (d.err, "--term"));

  pepctl (&e, "--help", NULL);
  g_assert_cmpint (e.status, ==, 0);
  g_assert_nonnull (strstr (e.out, "demo"));
}

static void
test_data_errors (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *missing = g_build_filename (dir, "missing.db", NULL);
  g_autofree char *notes = g_build_filename (dir, "notes.txt", NULL);
  g_autofree char *before = NULL;
  g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 };

  pepctl (&a, "list", missing, NULL);
  g_assert_cmpint (a.status, ==, 2);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  test_write_file (notes, "not a database", -1);
  before = test_file_checksum (notes);
  pepctl (&b, "list", notes, NULL);
  g_assert_cmpint (b.status, ==, 2);
  g_assert_nonnull (strstr (b.err, "not a PEP Studio file"));
  g_assert_cmpstr (b.out, ==, "");

  /* init and demo never overwrite a file. */
  pepctl (&c, "init", notes, NULL);
  g_assert_cmpint (c.status, ==, 2);
  pepctl (&d, "demo", notes, "--children", "5", NULL);
  g_assert_cmpint (d.status, ==, 2);
  {
    g_autofree char *after = test_file_checksum (notes);
    g_assert_cmpstr (before, ==, after);
  }
  test_remove_tree (dir);
}

static void
test_init_demo_list_show (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *empty = g_build_filename (dir, "empty.db", NULL);
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  g_auto(Run) init = { 0 }, list_empty = { 0 }, make = { 0 }, list = { 0 }, term = { 0 },
              show = { 0 }, missing = { 0 }, status = { 0 };
  g_auto(GStrv) lines = NULL;
  g_auto(GStrv) fields = NULL;

  pepctl (&init, "init", empty, NULL);
  g_assert_cmpint (init.status, ==, 0);
  pepctl (&list_empty, "list", empty, NULL);
  g_assert_cmpint (list_empty.status, ==, 0);
  g_assert_cmpstr (list_empty.out, ==, "");

  pepctl (&make, "demo", demo, "--children", "40", "--terms", "2", "--seed", "3",
          "--until", "2024-spring", NULL);
  g_assert_cmpint (make.status, ==, 0);

  pepctl (&list, "list", demo, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_cmpuint (count_lines (list.out), >=, 60);

  /* One line per PEP: its id, the child, the term, kind and status. */
  lines = g_strsplit (list.out, "\n", -1);
  fields = g_strsplit (lines[0], "\t", -1);
  g_assert_cmpuint (g_strv_length (fields), >=, 5);
  g_assert_cmpstr (fields[0], ==, "1");
  g_assert_true (g_str_equal (fields[2], "2024/25-autumn") || g_str_equal (fields[2], "2024/25-spring"));

  pepctl (&term, "list", demo, "--term", "2024-spring", NULL);
  g_assert_cmpint (term.status, ==, 0);
  g_assert_cmpuint (count_lines (term.out), >, 0);
  g_assert_cmpuint (count_lines (term.out), <, count_lines (list.out));
  g_assert_null (strstr (term.out, "2024/25-autumn"));

  pepctl (&status, "list", demo, "--status", "signed-off", NULL);
  g_assert_cmpint (status.status, ==, 0);
  g_assert_null (strstr (status.out, "\tdraft"));

  pepctl (&show, "show", demo, fields[0], NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_nonnull (strstr (show.out, "Pupil voice"));
  g_assert_nonnull (strstr (show.out, "Targets"));
  g_assert_nonnull (strstr (show.out, "Date of birth"));

  {
    g_auto(Run) text = { 0 }, json = { 0 }, csv = { 0 }, bad = { 0 };

    pepctl (&text, "stats", demo, "--term", "2024-spring", "--by", "area", NULL);
    g_assert_cmpint (text.status, ==, 0);
    g_assert_nonnull (strstr (text.out, "PEP in place"));
    g_assert_nonnull (strstr (text.out, "In the authority"));

    pepctl (&json, "stats", demo, "--term", "2024-spring", "--json", NULL);
    g_assert_cmpint (json.status, ==, 0);
    {
      g_autofree char *term_name = test_json_string (json.out, "$.term");

      g_assert_cmpstr (term_name, ==, "2024/25-spring");
      g_assert_cmpint (test_json_int (json.out, "$.groups[0].cohort"), >, 0);
    }

    pepctl (&csv, "stats", demo, "--term", "2024-spring", "--csv", "--publish", "5", NULL);
    g_assert_cmpint (csv.status, ==, 0);
    g_assert_true (g_str_has_prefix (csv.out, "\xEF\xBB\xBFGroup,Cohort,"));
    g_assert_nonnull (strstr (csv.out, "\r\n"));

    pepctl (&bad, "stats", demo, "--by", "shoe-size", NULL);
    g_assert_cmpint (bad.status, ==, 1);
  }

  /* A whole academic year: its terms side by side, then the year, whose PEPs due are the
   * terms' added up. */
  {
    g_auto(Run) year = { 0 }, json = { 0 }, bad = { 0 };
    g_auto(GStrv) rows = NULL;
    guint64 sum = 0, total = 0;

    pepctl (&year, "stats", demo, "--year", "2024/25", NULL);
    g_assert_cmpint (year.status, ==, 0);
    g_assert_nonnull (strstr (year.out, "PEP figures, 2024/25"));
    g_assert_nonnull (strstr (year.out, "as at the end of each term"));
    g_assert_nonnull (strstr (year.out, "Autumn 2024/25 | Spring 2024/25 | Summer 2024/25 | Year 2024/25"));
    rows = g_strsplit (year.out, "\n", -1);
    for (guint i = 0; rows[i] != NULL; i++)
      if (g_str_has_prefix (rows[i], "Cohort "))
        {
          g_auto(GStrv) cells = g_strsplit (rows[i] + strlen ("Cohort"), "|", -1);

          g_assert_cmpuint (g_strv_length (cells), ==, 4);
          for (guint t = 0; t < 3; t++)
            sum += g_ascii_strtoull (g_strstrip (cells[t]), NULL, 10);
          total = g_ascii_strtoull (g_strstrip (cells[3]), NULL, 10);
        }
    g_assert_cmpuint (total, >, 0);
    g_assert_cmpuint (total, ==, sum);

    pepctl (&json, "stats", demo, "--year", "2024", "--json", "--by", "school", NULL);
    g_assert_cmpint (json.status, ==, 0);
    {
      g_autofree char *year_name = test_json_string (json.out, "$.year");
      g_autofree char *summer = test_json_string (json.out, "$.terms[2].term");

      g_assert_cmpstr (year_name, ==, "2024/25");
      g_assert_cmpstr (summer, ==, "2024/25-summer");
    }

    {
      g_auto(Run) shared = { 0 };

      pepctl (&shared, "stats", demo, "--term", "2024-spring", "--by", "school", "--csv",
              "--pseudonymise", NULL);
      g_assert_cmpint (shared.status, ==, 0);
      g_assert_nonnull (strstr (shared.out, "\r\nSchool 1"));
      g_assert_null (strstr (shared.out, "Primary"));   /* no demo school's name */
      g_assert_null (strstr (shared.out, "Academy"));
    }
    /* A year's terms under the same pseudonyms, and a filter not named. */
    {
      g_auto(Run) year_shared = { 0 }, only_shared = { 0 };

      pepctl (&year_shared, "stats", demo, "--year", "2024/25", "--by", "school", "--json",
              "--pseudonymise", NULL);
      g_assert_cmpint (year_shared.status, ==, 0);
      {
        g_autofree char *first = test_json_string (year_shared.out, "$.terms[0].groups[1].group");

        g_assert_cmpstr (first, ==, "School 1");
      }
      g_assert_null (strstr (year_shared.out, "Primary"));
      g_assert_null (strstr (year_shared.out, "Academy"));
      g_assert_null (strstr (year_shared.out, "School\","));

      pepctl (&only_shared, "stats", demo, "--term", "2024-spring", "--only", "area=in",
              "--by", "advisor", "--pseudonymise", NULL);
      g_assert_cmpint (only_shared.status, ==, 0);
      g_assert_nonnull (strstr (only_shared.out, "; only one group\n"));
      g_assert_nonnull (strstr (only_shared.out, "Advisor 1"));
    }

    /* One group only: Year 10, said the short way. */
    {
      g_auto(Run) only = { 0 }, wrong = { 0 };

      pepctl (&only, "stats", demo, "--term", "2024-spring", "--only", "year=10", NULL);
      g_assert_cmpint (only.status, ==, 0);
      g_assert_nonnull (strstr (only.out, "; only Year 10\n"));
      pepctl (&wrong, "stats", demo, "--only", "shoe-size=9", NULL);
      g_assert_cmpint (wrong.status, ==, 1);
    }

    pepctl (&bad, "stats", demo, "--year", "2024/26", NULL);
    g_assert_cmpint (bad.status, ==, 1);
    g_assert_nonnull (strstr (bad.err, "--year"));
  }

  pepctl (&missing, "show", demo, "999999", NULL);
  g_assert_cmpint (missing.status, ==, 2);
  g_assert_nonnull (strstr (missing.err, "no PEP 999999"));

  test_remove_tree (dir);
}

/* The count after @key in a line of @text that starts with @line (the text table), or
 * G_MAXUINT when there is none. */
static guint
text_count (const char *text,
            const char *line)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], line) && lines[i][strlen (line)] == ' ')
      return (guint) g_ascii_strtoull (g_strchug (lines[i] + strlen (line)), NULL, 10);
  return G_MAXUINT;
}

/* The count of @rating in the JSON ratings of @section: {"rated": n, "red": n, …}. */
static guint
json_count (const char *json,
            const char *section,
            const char *rating)
{
  g_autofree char *path = g_strdup_printf ("$.groups[0].sections.%s.%s", section, rating);

  return (guint) test_json_int (json, path);
}

/* The ratings of each section are in the text and the CSV, not only the JSON, and agree
 * with it; a term is read in every form a teacher writes, and printed as one. */
/* Whose copy: pepctl init --school/--authority, pepctl owner (once), export refused from a
 * file with no owner, and the warning about a lock whose triggers were dropped. */
static void
test_owner (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *school = g_build_filename (dir, "school.db", NULL);
  g_autofree char *vs = g_build_filename (dir, "vs.db", NULL);
  g_autofree char *own = g_build_filename (dir, "own.db", NULL);
  g_autofree char *out = g_build_filename (dir, "out.xml", NULL);
  g_auto(Run) a = { 0 }, b = { 0 }, c = { 0 }, d = { 0 }, e = { 0 }, f = { 0 }, g = { 0 },
              h = { 0 }, i = { 0 }, j = { 0 }, k = { 0 };

  pepctl (&a, "init", school, "--school", "123456", NULL);
  g_assert_cmpint (a.status, ==, 0);
  pepctl (&b, "owner", school, NULL);
  g_assert_cmpint (b.status, ==, 0);
  g_assert_true (g_str_has_prefix (b.out, "school 123456\t"));

  pepctl (&c, "init", vs, "--authority", "999", "Demoshire", "County", NULL);
  g_assert_cmpint (c.status, ==, 0);
  pepctl (&d, "owner", vs, NULL);
  g_assert_true (g_str_has_prefix (d.out, "authority 999\t"));
  g_assert_nonnull (strstr (d.out, "Demoshire County"));

  /* A file for use on its own: no export until it is given an owner, then given once. */
  pepctl (&e, "init", own, NULL);
  g_assert_cmpint (e.status, ==, 0);
  pepctl (&f, "export", own, "-o", out, NULL);
  g_assert_cmpint (f.status, ==, 2);
  g_assert_nonnull (strstr (f.err, "no owner"));
  pepctl (&g, "owner", own, "--school", "12", NULL);
  g_assert_cmpint (g.status, ==, 1);
  pepctl (&h, "owner", own, "--school", "654321", NULL);
  g_assert_cmpint (h.status, ==, 0);
  pepctl (&i, "owner", own, "--authority", "999", "Someone", NULL);
  g_assert_cmpint (i.status, ==, 2);
  g_assert_nonnull (strstr (i.err, "already has its owner"));

  /* The lock's triggers dropped behind PEP Studio's back: every command warns. */
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (own, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER signoff_lock_update", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }
  pepctl (&j, "list", own, NULL);
  g_assert_cmpint (j.status, ==, 0);
  g_assert_nonnull (strstr (j.err, "signoff_lock_update"));
  pepctl (&k, "list", school, NULL);
  g_assert_cmpstr (k.err, ==, "");
  test_remove_tree (dir);
}

static void
test_stats_sections_and_terms (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *demo = g_build_filename (dir, "demo.db", NULL);
  static const char *ratings[] = { "rated", "red", "amber", "green", "gold" };
  static const char *labels[] = { "rated", "red", "amber", "green", "gold" };
  g_auto(Run) make = { 0 }, text = { 0 }, json = { 0 }, csv = { 0 }, calendar = { 0 },
              start = { 0 }, label = { 0 };

  pepctl (&make, "demo", demo, "--children", "40", "--terms", "2", "--seed", "5",
          "--until", "2024/25-spring", NULL);
  g_assert_cmpint (make.status, ==, 0);

  pepctl (&text, "stats", demo, "--term", "2024/25-spring", NULL);
  pepctl (&json, "stats", demo, "--term", "2024/25-spring", "--json", NULL);
  pepctl (&csv, "stats", demo, "--term", "2024/25-spring", "--csv", NULL);
  g_assert_cmpint (text.status, ==, 0);
  g_assert_cmpint (json.status, ==, 0);
  g_assert_cmpint (csv.status, ==, 0);
  g_assert_nonnull (strstr (text.out, "PEP figures, 2024/25-spring"));
  g_assert_cmpuint (json_count (json.out, "meeting", "rated"), >, 0);
  for (guint i = 0; i < G_N_ELEMENTS (ratings); i++)
    {
      g_autofree char *meeting = g_strdup_printf ("Meeting: %s", labels[i]);
      g_autofree char *targets = g_strdup_printf ("Targets: %s", labels[i]);
      g_autofree char *column = g_strdup_printf (",Meeting: %s,", labels[i]);

      g_assert_cmpuint (text_count (text.out, meeting), ==, json_count (json.out, "meeting", ratings[i]));
      g_assert_cmpuint (text_count (text.out, targets), ==, json_count (json.out, "targets", ratings[i]));
      g_assert_nonnull (strstr (csv.out, column));
    }
  g_assert_nonnull (strstr (text.out, "Meeting: AGG %"));

  /* The same term as a teacher says it, and in the first form (the year it starts in). */
  pepctl (&calendar, "stats", demo, "--term", "spring-2025", "--json", NULL);
  pepctl (&start, "stats", demo, "--term", "2024-spring", "--json", NULL);
  pepctl (&label, "stats", demo, "--term", "Spring 2024/25", "--json", NULL);
  g_assert_cmpint (calendar.status, ==, 0);
  g_assert_cmpstr (calendar.out, ==, json.out);
  g_assert_cmpstr (start.out, ==, json.out);
  g_assert_cmpstr (label.out, ==, json.out);
  test_remove_tree (dir);
}

/* The Virtual School's figures from imported PEPs are the school's own: every term's
 * `pepctl stats --json` is the same on a demo file and on a fresh file that imported its
 * export, for the dates that count (submitted, authorised) travel with each PEP. The import
 * happens today, after every deadline of 2024/25: were a PEP counted from its import,
 * "completed in time" would be 0 on the imported file (issue 13's report), so the equality
 * with the school's non-zero figure proves each import kept its submission date.
 * TODO(care/valid): the brief's `--until 2026-summer` demo cannot be imported today: the
 * validator refuses its 2026/27 dates (entered care, meetings) as in the future ("Date
 * entered care cannot be in the future"); the demo's last term is 2025-summer here until the
 * demo and the validator agree on what a future date is. */
static void
test_stats_survive_exchange (void)
{
  static const char *terms[] = { "2025-autumn", "2025-spring", "2025-summer" };
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *school = g_build_filename (dir, "school.db", NULL);
  g_autofree char *xml = g_build_filename (dir, "all.xml", NULL);
  g_autofree char *vs = g_build_filename (dir, "vs.db", NULL);
  g_auto(Run) make = { 0 }, out = { 0 }, init = { 0 }, in = { 0 };

  pepctl (&make, "demo", school, "--children", "200", "--terms", "3", "--until", "2025-summer", NULL);
  g_assert_cmpint (make.status, ==, 0);
  pepctl (&out, "export", school, "-o", xml, "--all-states", NULL);
  g_assert_cmpint (out.status, ==, 0);
  pepctl (&init, "init", "--authority", "999", vs, "Demoshire County Council (invented)", NULL);
  g_assert_cmpint (init.status, ==, 0);
  /* Another copy of the same Virtual School takes its officers list once, the key confirmed. */
  {
    g_autofree char *list = g_build_filename (dir, "officers.xml", NULL);
    g_auto(Run) exported = { 0 }, refused = { 0 }, taken = { 0 };
    g_autofree char *fingerprint = NULL;

    pepctl (&exported, "officers", school, "export", "-o", list, NULL);
    g_assert_cmpint (exported.status, ==, 0);
    pepctl (&refused, "officers", vs, "import", list, NULL);
    g_assert_cmpint (refused.status, ==, 2);
    fingerprint = g_strstrip (g_strdup (refused.out));
    pepctl (&taken, "officers", vs, "import", list, "--accept-key", fingerprint, NULL);
    g_assert_cmpint (taken.status, ==, 0);
  }
  pepctl (&in, "import", vs, xml, NULL);
  g_assert_cmpint (in.status, ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_auto(Run) theirs = { 0 }, ours = { 0 };

      pepctl (&theirs, "stats", school, "--term", terms[i], "--json", NULL);
      pepctl (&ours, "stats", vs, "--term", terms[i], "--json", NULL);
      g_assert_cmpint (theirs.status, ==, 0);
      g_assert_cmpint (ours.status, ==, 0);
      /* Not trivially equal: PEPs completed, some in time, some authorised. */
      g_assert_cmpint (test_json_int (theirs.out, "$.groups[0].in_place"), >, 0);
      g_assert_cmpint (test_json_int (theirs.out, "$.groups[0].completed_in_time"), >, 0);
      g_assert_cmpint (test_json_int (theirs.out, "$.groups[0].authorised"), >, 0);
      g_assert_cmpstr (ours.out, ==, theirs.out);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/pepctl/usage-errors", test_usage_errors);
  g_test_add_func ("/pep/pepctl/data-errors", test_data_errors);
  g_test_add_func ("/pep/pepctl/init-demo-list-show", test_init_demo_list_show);
  g_test_add_func ("/pep/pepctl/stats-sections-and-terms", test_stats_sections_and_terms);
  g_test_add_func ("/pep/pepctl/owner", test_owner);
  g_test_add_func ("/pep/pepctl/stats-survive-exchange", test_stats_survive_exchange);
  return g_test_run ();
}
