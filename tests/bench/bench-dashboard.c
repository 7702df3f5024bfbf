/* bench-dashboard.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test: the dashboard's figures (pep_stats_compute() for the term, whole
 * and broken down by school, and the previous term for the scorecard) beside the same
 * aggregates written as plain SQL and run by the sqlite3 shell in the same run, and the
 * ratio, since these machines are noisy. The shell's answers are checked against ours, so
 * the two sides are known to count the same things. Usage:
 *
 *   bench-dashboard FILE [--term 2025-autumn] [--sqlite3 PATH]
 *
 * on a file made by `pepctl demo FILE --children 80000 --terms 3`. Each time is the median
 * of RUNS runs; the shell's includes starting it (a few milliseconds).
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pep-stats.h"

#define RUNS 5

/* The child's PEP for the term, as pep-stats.c defines it; one temporary table per term,
 * named with the suffix that stands in for @S@. */
static const char sql_term[] =
  "CREATE TEMP TABLE cur@S@ AS SELECT p.id, p.child_id, p.school_urn, p.status, p.meeting_date,"
  "  p.attended_sw, p.attended_child, p.qa_overall, p.ppplus_allocated, p.attendance_term"
  "  FROM plan p WHERE p.academic_year = @year@S@"
  "  AND p.term = @term@S@ AND p.review_reason IS NULL AND p.status != 'superseded'"
  "  AND NOT (p.amends_id IS NOT NULL AND p.status != 'signed-off');\n"
  "CREATE INDEX temp.cur@S@_child ON cur@S@ (child_id);\n"
  "CREATE INDEX temp.cur@S@_id ON cur@S@ (id);\n"
  /* Every child, with their school for the term and whether the cohort rule takes them. */
  "CREATE TEMP TABLE kids@S@ AS SELECT c.id, coalesce (cur.school_urn, c.school_urn) AS urn,"
  "  cur.status, cur.meeting_date,"
  "  c.dob IS NOT NULL AND c.entered_care IS NOT NULL AND c.entered_care <= @needed@S@"
  "  AND @year@S@ - (CAST (strftime ('%Y', c.dob) AS INT) - (CAST (strftime ('%m', c.dob) AS INT) < 9)) - 5"
  "      BETWEEN 1 AND 11 AS in_cohort"
  "  FROM child c LEFT JOIN cur@S@ cur ON cur.child_id = c.id;\n"
  "CREATE INDEX temp.kids@S@_id ON kids@S@ (id);\n"
  "SELECT 'cohort@S@', count (*), sum (status IS NOT NULL AND status != 'draft'),"
  "  sum (status = 'signed-off'), sum (meeting_date IS NOT NULL) FROM kids@S@ WHERE in_cohort;\n"
  "SELECT 'overall@S@', sum (qa_overall = 'red'), sum (qa_overall = 'amber'),"
  "  sum (qa_overall = 'green'), sum (qa_overall = 'gold'), count (*) FROM cur@S@;\n"
  "SELECT 'sections@S@', r.section, r.rating, count (*) FROM rating r"
  "  JOIN cur@S@ p ON p.id = r.plan_id GROUP BY r.section, r.rating;\n"
  "SELECT 'meetings@S@', count (*), sum (attended_sw), sum (attended_child) FROM cur@S@"
  "  WHERE meeting_date IS NOT NULL;\n"
  "SELECT 'ppplus@S@', coalesce (sum (ppplus_allocated), 0),"
  "  (SELECT coalesce (sum (t.funding_amount), 0) FROM target t JOIN cur@S@ p ON p.id = t.plan_id"
  "    WHERE t.funding_amount > 0 AND t.funding_source IN ('ppplus', 'additional-ppplus', 'post16-ppplus'))"
  "  FROM cur@S@;\n"
  "SELECT 'attendance@S@', sum (attendance_term < 50), sum (attendance_term >= 50 AND attendance_term < 90),"
  "  sum (attendance_term >= 90 AND attendance_term < 95), sum (attendance_term >= 95) FROM cur@S@"
  "  WHERE attendance_term IS NOT NULL;\n"
  "SELECT 'outcomes@S@', t.outcome, count (*) FROM target_review t JOIN cur@S@ p ON p.id = t.plan_id"
  "  GROUP BY t.outcome;\n"
  "SELECT 'follow-ups@S@', count (*), sum (f.due < @today) FROM follow_up f"
  "  JOIN cur@S@ p ON p.id = f.plan_id WHERE f.status = 'open';\n";

/* The breakdown by school: the cohort figures and the overall ratings per school. */
static const char sql_by_school[] =
  "SELECT 'school', s.name, count (*), sum (k.status IS NOT NULL AND k.status != 'draft'),"
  "  sum (k.status = 'signed-off') FROM kids k LEFT JOIN school s ON s.urn = k.urn"
  "  WHERE k.in_cohort GROUP BY s.name;\n"
  "SELECT 'school-ratings', s.name, p.qa_overall, count (*) FROM cur p"
  "  JOIN kids k ON k.id = p.child_id LEFT JOIN school s ON s.urn = k.urn"
  "  GROUP BY s.name, p.qa_overall;\n";

typedef struct
{
  PepStore      *store;
  PepTermId      term;
  PepTermId      previous;
  PepCohortRule  rule;
  GDate          today;
  GPtrArray     *whole;       /* the last run's figures, to check the shell's against */
  GPtrArray     *previous_whole;
  GPtrArray     *by_school;
  char          *sqlite3;
  char          *path;
  char          *script;
  char          *output;      /* the shell's last answer */
} Bench;

typedef double (*BenchFunc) (Bench *b);

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
median_ms (BenchFunc func,
           Bench    *b)
{
  double times[RUNS];

  for (guint i = 0; i < RUNS; i++)
    times[i] = func (b);
  qsort (times, RUNS, sizeof (double), compare_double);
  return times[RUNS / 2];
}

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static GPtrArray *
compute (Bench           *b,
         const PepTermId *term,
         PepBreakdown     breakdown)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *figures = pep_stats_compute (b->store, term, &b->rule, breakdown, &b->today, &error);

  if (figures == NULL)
    g_error ("pep_stats_compute: %s", error->message);
  return figures;
}

static double
bench_term (Bench *b)
{
  gint64 start = g_get_monotonic_time ();

  g_clear_pointer (&b->whole, g_ptr_array_unref);
  b->whole = compute (b, &b->term, PEP_BREAKDOWN_NONE);
  return since (start);
}

static double
bench_by_school (Bench *b)
{
  gint64 start = g_get_monotonic_time ();

  g_clear_pointer (&b->by_school, g_ptr_array_unref);
  b->by_school = compute (b, &b->term, PEP_BREAKDOWN_SCHOOL);
  return since (start);
}

static double
bench_previous (Bench *b)
{
  gint64 start = g_get_monotonic_time ();

  g_clear_pointer (&b->previous_whole, g_ptr_array_unref);
  b->previous_whole = compute (b, &b->previous, PEP_BREAKDOWN_NONE);
  return since (start);
}

/* What the dashboard does when it opens, less the older terms its charts also read. */
static double
bench_dashboard (Bench *b)
{
  return bench_term (b) + bench_by_school (b) + bench_previous (b);
}

static double
bench_shell (Bench *b)
{
  const char *argv[] = { b->sqlite3, "-readonly", "-batch", "-separator", "|", b->path, NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *err = NULL;
  gint64 start = g_get_monotonic_time ();

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE
                               | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  if (process == NULL)
    g_error ("%s: %s", b->sqlite3, error->message);
  g_clear_pointer (&b->output, g_free);
  if (!g_subprocess_communicate_utf8 (process, b->script, NULL, &b->output, &err, &error))
    g_error ("%s: %s", b->sqlite3, error->message);
  if (!g_subprocess_get_successful (process) || (err != NULL && *err != '\0'))
    g_error ("%s failed: %s", b->sqlite3, err ? err : "");
  return since (start);
}

/* The shell's script: the parameters, then the SQL for the term and for the previous term. */
static char *
make_script (Bench *b)
{
  GString *script = g_string_new (NULL);
  const PepTermId *terms[] = { &b->term, &b->previous };
  const char *suffixes[] = { "", "_prev" };
  char date[16];

  g_date_strftime (date, sizeof date, "%Y-%m-%d", &b->today);
  g_string_append (script, "PRAGMA temp_store = MEMORY;\n");
  g_string_append_printf (script, ".parameter set @today \"'%s'\"\n", date);
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      GDate first, last;

      pep_term_bounds (terms[i], &first, &last);
      g_date_subtract_months (&last, b->rule.min_months);
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &last);
      g_string_append_printf (script, ".parameter set @year%s %d\n", suffixes[i], terms[i]->year);
      g_string_append_printf (script, ".parameter set @term%s \"'%s'\"\n", suffixes[i],
                              pep_term_to_nick (terms[i]->term));
      g_string_append_printf (script, ".parameter set @needed%s \"'%s'\"\n", suffixes[i], date);
    }
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_auto(GStrv) parts = g_strsplit (sql_term, "@S@", -1);
      g_autofree char *sql = g_strjoinv (suffixes[i], parts);

      g_string_append (script, sql);
      if (i == 0)
        g_string_append (script, sql_by_school);
    }
  return g_string_free (script, FALSE);
}

/* The shell's line for @key, split at "|"; NULL when there is none. */
static char **
answer (Bench      *b,
        const char *key)
{
  g_auto(GStrv) lines = g_strsplit (b->output, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      char **cells = g_strsplit (lines[i], "|", -1);

      if (g_strcmp0 (cells[0], key) == 0)
        return cells;
      g_strfreev (cells);
    }
  return NULL;
}

static guint
check (Bench           *b,
       const char      *key,
       const PepFigures *f)
{
  g_auto(GStrv) cohort = NULL;
  g_auto(GStrv) overall = NULL;
  g_auto(GStrv) meetings = NULL;
  g_auto(GStrv) ppplus = NULL;
  g_autofree char *cohort_key = g_strconcat ("cohort", key, NULL);
  g_autofree char *overall_key = g_strconcat ("overall", key, NULL);
  g_autofree char *meetings_key = g_strconcat ("meetings", key, NULL);
  g_autofree char *ppplus_key = g_strconcat ("ppplus", key, NULL);
  guint wrong = 0;

#define SAME(cells, i, value) \
  G_STMT_START { \
    gint64 theirs = (cells) && (cells)[i] ? g_ascii_strtoll ((cells)[i], NULL, 10) : -1; \
    if (theirs != (gint64) (value)) \
      { \
        printf ("  differs: %s%s[%d]: sqlite3 %" G_GINT64_FORMAT ", pep_stats %" G_GINT64_FORMAT "\n", \
                #cells, key, i, theirs, (gint64) (value)); \
        wrong++; \
      } \
  } G_STMT_END

  cohort = answer (b, cohort_key);
  overall = answer (b, overall_key);
  meetings = answer (b, meetings_key);
  ppplus = answer (b, ppplus_key);
  SAME (cohort, 1, f->cohort);
  SAME (cohort, 2, f->in_place);
  SAME (cohort, 3, f->authorised);
  SAME (cohort, 4, f->meeting_held);
  for (guint r = 0; r < PEP_N_RAG_RATINGS; r++)
    SAME (overall, (int) r + 1, f->overall.count[r]);
  SAME (overall, 5, f->plans);
  SAME (meetings, 1, f->meetings);
  SAME (meetings, 2, f->sw_attended);
  SAME (ppplus, 1, f->ppplus_allocated);
  SAME (ppplus, 2, f->ppplus_spent);
#undef SAME
  return wrong;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *term_text = NULL;
  g_autofree char *sqlite3_path = NULL;
  GOptionEntry entries[] = {
    { "term", 0, 0, G_OPTION_ARG_STRING, &term_text, "The term (default: this term)", "TERM" },
    { "sqlite3", 0, 0, G_OPTION_ARG_FILENAME, &sqlite3_path, "The sqlite3 shell", "PATH" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("FILE — the dashboard against the sqlite3 shell");
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *term_name = NULL;
  g_autofree char *rule_text = NULL;
  Bench b = { 0 };
  double t_term, t_school, t_previous, t_dashboard, t_shell;
  guint wrong;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "%s\n", error ? error->message : "usage: bench-dashboard FILE");
      return 2;
    }

  b.path = argv[1];
  b.sqlite3 = sqlite3_path ? sqlite3_path : g_find_program_in_path ("sqlite3");
  if (b.sqlite3 == NULL)
    {
      fprintf (stderr, "The sqlite3 shell is not installed (Debian: apt install sqlite3)\n");
      return 2;
    }
  b.store = pep_store_open (b.path, PEP_STORE_OPEN_DEFAULT, &error);
  if (b.store == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  g_date_clear (&b.today, 1);
  g_date_set_dmy (&b.today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (term_text == NULL)
    pep_term_for_date (&b.today, &b.term);
  else if (!pep_term_parse (term_text, &b.term))
    {
      fprintf (stderr, "--term takes a term like 2025-autumn\n");
      return 2;
    }
  b.previous = b.term;
  pep_term_step (&b.previous, -1);
  pep_cohort_rule_init (&b.rule);
  b.script = make_script (&b);

  term_name = pep_term_format_long (&b.term);
  rule_text = pep_cohort_rule_describe (&b.rule, &b.term);
  printf ("Dashboard benchmark: %s, %s\n", b.path, term_name);
  printf ("Cohort rule: %s; median of %d runs\n\n", rule_text, RUNS);

  /* Once each to warm the page cache, then the runs. */
  bench_dashboard (&b);
  bench_shell (&b);

  t_term = median_ms (bench_term, &b);
  t_school = median_ms (bench_by_school, &b);
  t_previous = median_ms (bench_previous, &b);
  t_dashboard = median_ms (bench_dashboard, &b);
  t_shell = median_ms (bench_shell, &b);

  printf ("  %-52s %9.1f ms\n", "pep_stats_compute, the term, whole", t_term);
  printf ("  %-52s %9.1f ms  (%u schools)\n", "pep_stats_compute, the term, by school", t_school,
          b.by_school->len - 1);
  printf ("  %-52s %9.1f ms\n", "pep_stats_compute, the previous term, whole", t_previous);
  printf ("  %-52s %9.1f ms\n", "the dashboard: the three together", t_dashboard);
  printf ("  %-52s %9.1f ms\n", "sqlite3 shell: the same aggregates in plain SQL", t_shell);
  printf ("  %-52s %9.2f ×\n", "ratio, dashboard / sqlite3 shell", t_dashboard / t_shell);

  wrong = check (&b, "", g_ptr_array_index (b.whole, 0))
          + check (&b, "_prev", g_ptr_array_index (b.previous_whole, 0));
  {
    const PepFigures *f = g_ptr_array_index (b.whole, 0);

    printf ("\n  check: cohort %u, in place %u, authorised %u, PEPs %u, rated %u — %s\n",
            f->cohort, f->in_place, f->authorised, f->plans, f->overall.rated,
            wrong == 0 ? "the shell agrees, this term and the previous one"
                       : "the shell DISAGREES (above)");
  }

  g_clear_pointer (&b.whole, g_ptr_array_unref);
  g_clear_pointer (&b.previous_whole, g_ptr_array_unref);
  g_clear_pointer (&b.by_school, g_ptr_array_unref);
  g_clear_object (&b.store);
  g_free (b.script);
  g_free (b.output);
  if (b.sqlite3 != sqlite3_path)
    g_free (b.sqlite3);
  return wrong == 0 ? 0 : 1;
}
