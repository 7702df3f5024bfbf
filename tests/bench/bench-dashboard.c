/* bench-dashboard.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test: what the dashboard window computes when it opens, beside the same
 * aggregates written as plain SQL and run by the sqlite3 shell in the same run, and the
 * ratio, since these machines are noisy. It times
 *
 * - the dashboard on a term: one pep_stats_compute_terms() over the six terms ending with the
 *   chosen one (the trend line, and the scorecard's previous term), broken down by school;
 * - the dashboard on a year: pep_stats_compute_year() for the chosen term's academic year by
 *   school, and for the year before, whole, for the scorecard;
 * - the sqlite3 shell: each of the six terms' aggregates, and the breakdown by school for
 *   the chosen term (ours breaks all six down, so the ratio if anything flatters the shell);
 * - for reference, pep_stats_compute() for the chosen term alone, by school.
 *
 * The shell's answers are checked against ours for every one of the six terms (and against
 * the year's terms and the single term where they overlap), so the two sides are known to
 * count the same things. Usage:
 *
 *   bench-dashboard FILE [--term 2025-autumn] [--sqlite3 PATH]
 *
 * on a file made by `pepctl demo FILE --children 80000 --terms 3`. Each time is the median
 * of RUNS runs, the four measurements taken in turn so that a burst of load falls on all of
 * them alike; the shell's includes starting it (a few milliseconds).
 */

#include "config.h"

#include <gio/gio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pep-stats.h"

#define RUNS 5

/* The window's trend: the chosen term and the five before it. */
#define N_TERMS 6

/* pep_stats_compute_year() takes a rule per term of the year from the same array. */
G_STATIC_ASSERT (N_TERMS >= PEP_N_TERMS);

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
  /* In care on the as-at date, in an episode begun by the date needed. */
  "  c.dob IS NOT NULL AND EXISTS (SELECT 1 FROM care_episode e WHERE e.child_id = c.id"
  "    AND e.entered_care <= @needed@S@ AND coalesce (e.left_care, @asat@S@) >= @asat@S@)"
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

/* The breakdown by school for the chosen term (its tables have no suffix): the cohort
 * figures and the overall ratings per school. */
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
  PepTermId      term;        /* the chosen term */
  PepTermId      first;       /* N_TERMS - 1 terms before it */
  PepCohortRule  rules[N_TERMS];
  GDate          today;
  /* The last run's figures, to check the shell's against */
  GPtrArray     *single;      /* pep_stats_compute(): the term, by school */
  GPtrArray     *terms;       /* pep_stats_compute_terms(): N_TERMS arrays, oldest first */
  GPtrArray     *year;        /* pep_stats_compute_year(): the term's year, by school */
  GPtrArray     *year_terms;
  GPtrArray     *previous_year;
  GPtrArray     *previous_year_terms;
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

/* Runs each of @funcs in turn, RUNS rounds, rather than one's runs and then the next's: the
 * load from other builds comes and goes, and the ratios should not depend on which
 * measurement a busy minute fell on. */
static void
median_ms (const BenchFunc *funcs,
           guint            n_funcs,
           Bench           *b,
           double          *medians)
{
  g_autofree double *times = g_new (double, n_funcs * RUNS);

  for (guint i = 0; i < RUNS; i++)
    for (guint f = 0; f < n_funcs; f++)
      times[f * RUNS + i] = funcs[f] (b);
  for (guint f = 0; f < n_funcs; f++)
    {
      qsort (times + f * RUNS, RUNS, sizeof (double), compare_double);
      medians[f] = times[f * RUNS + RUNS / 2];
    }
}

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

/* The chosen term alone, as the window computed it before it read six terms at once. */
static double
bench_single (Bench *b)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_clear_pointer (&b->single, g_ptr_array_unref);
  b->single = pep_stats_compute (b->store, &b->term, &b->rules[N_TERMS - 1],
                                 PEP_BREAKDOWN_SCHOOL, &b->today, &error);
  if (b->single == NULL)
    g_error ("pep_stats_compute: %s", error->message);
  return since (start);
}

/* The dashboard opening on a term. */
static double
bench_terms (Bench *b)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_clear_pointer (&b->terms, g_ptr_array_unref);
  b->terms = pep_stats_compute_terms (b->store, &b->first, N_TERMS, b->rules,
                                      PEP_BREAKDOWN_SCHOOL, &b->today, &error);
  if (b->terms == NULL)
    g_error ("pep_stats_compute_terms: %s", error->message);
  return since (start);
}

/* The dashboard opening on a year: the year broken down, and the year before for the
 * scorecard's "previous" column. Both keep their terms, which cost nothing more (the year
 * is worked out from them) and let us check them against the shell. */
static double
bench_year (Bench *b)
{
  g_autoptr(GError) error = NULL;
  gint64 start = g_get_monotonic_time ();

  g_clear_pointer (&b->year, g_ptr_array_unref);
  g_clear_pointer (&b->year_terms, g_ptr_array_unref);
  g_clear_pointer (&b->previous_year, g_ptr_array_unref);
  g_clear_pointer (&b->previous_year_terms, g_ptr_array_unref);
  b->year = pep_stats_compute_year (b->store, b->term.year, b->rules, PEP_BREAKDOWN_SCHOOL,
                                    &b->today, &b->year_terms, &error);
  if (b->year != NULL)
    b->previous_year = pep_stats_compute_year (b->store, b->term.year - 1, b->rules,
                                               PEP_BREAKDOWN_NONE, &b->today,
                                               &b->previous_year_terms, &error);
  if (b->year == NULL || b->previous_year == NULL)
    g_error ("pep_stats_compute_year: %s", error->message);
  return since (start);
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

/* The suffix of the shell's tables and answers for the term @back terms before the chosen
 * one; none for the chosen term, whose tables sql_by_school reads. */
static char *
suffix_for (guint back)
{
  return back == 0 ? g_strdup ("") : g_strdup_printf ("_back%u", back);
}

/* How many terms @id is before the chosen term (negative: after it). */
static int
terms_back (Bench           *b,
            const PepTermId *id)
{
  return (b->term.year - id->year) * PEP_N_TERMS + ((int) b->term.term - (int) id->term);
}

/* The shell's script: the parameters and the SQL for each of the N_TERMS terms, and the
 * breakdown by school for the chosen term. */
static char *
make_script (Bench *b)
{
  GString *script = g_string_new (NULL);
  char date[16];

  g_date_strftime (date, sizeof date, "%Y-%m-%d", &b->today);
  g_string_append (script, "PRAGMA temp_store = MEMORY;\n");
  g_string_append_printf (script, ".parameter set @today \"'%s'\"\n", date);
  for (guint back = 0; back < N_TERMS; back++)
    {
      const PepCohortRule *rule = &b->rules[N_TERMS - 1 - back];
      g_autofree char *suffix = suffix_for (back);
      PepTermId term = b->term;
      GDate first, last;

      pep_term_step (&term, -(int) back);
      pep_term_bounds (&term, &first, &last);
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &last);
      g_string_append_printf (script, ".parameter set @asat%s \"'%s'\"\n", suffix, date);
      g_date_subtract_months (&last, rule->min_months);
      g_date_strftime (date, sizeof date, "%Y-%m-%d", &last);
      g_string_append_printf (script, ".parameter set @year%s %d\n", suffix, term.year);
      g_string_append_printf (script, ".parameter set @term%s \"'%s'\"\n", suffix,
                              pep_term_to_nick (term.term));
      g_string_append_printf (script, ".parameter set @needed%s \"'%s'\"\n", suffix, date);
    }
  for (guint back = 0; back < N_TERMS; back++)
    {
      g_autofree char *suffix = suffix_for (back);
      g_auto(GStrv) parts = g_strsplit (sql_term, "@S@", -1);
      g_autofree char *sql = g_strjoinv (suffix, parts);

      g_string_append (script, sql);
      if (back == 0)
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

/* Compares the shell's answers for the term @back terms before the chosen one with @f, the
 * whole Virtual School's figures from @ours; prints each difference, returns how many. */
static guint
check (Bench            *b,
       guint             back,
       const char       *ours,
       const PepFigures *f)
{
  g_autofree char *key = suffix_for (back);
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
        printf ("    differs: %s%s[%d]: sqlite3 %" G_GINT64_FORMAT ", %s %" G_GINT64_FORMAT "\n", \
                #cells, key, i, theirs, ours, (gint64) (value)); \
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

/* Checks the terms pep_stats_compute_year() gave for @year (@terms, autumn to summer) that
 * the shell also computed; adds to *@checked how many it did. */
static guint
check_year_terms (Bench     *b,
                  int        year,
                  GPtrArray *terms,
                  guint     *checked)
{
  guint wrong = 0;

  for (guint t = 0; t < terms->len; t++)
    {
      PepTermId id = { year, (PepTerm) t };
      int back = terms_back (b, &id);
      GPtrArray *figures = g_ptr_array_index (terms, t);

      if (back < 0 || back >= N_TERMS)
        continue;
      wrong += check (b, (guint) back, "pep_stats_compute_year", g_ptr_array_index (figures, 0));
      (*checked)++;
    }
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
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *year_name = NULL;
  g_autofree char *previous_year_name = NULL;
  g_autofree char *rule_text = NULL;
  g_autofree char *label_terms = NULL;
  g_autofree char *label_year = NULL;
  const BenchFunc funcs[] = { bench_single, bench_terms, bench_year, bench_shell };
  double t[G_N_ELEMENTS (funcs)];
  double t_single, t_terms, t_year, t_shell;
  Bench b = { 0 };
  guint wrong = 0, wrong_others = 0, checked = 0;

  /* A benchmark that does not do what it says must fail. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 2)
    {
      fprintf (stderr, "%s\n", error ? error->message
                                     : "usage: bench-dashboard FILE [--term 2025-autumn] "
                                       "[--sqlite3 PATH]");
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
  b.first = b.term;
  pep_term_step (&b.first, -(N_TERMS - 1));
  /* The same rule for every term: the default one, whose as-at date follows the term. */
  for (guint i = 0; i < N_TERMS; i++)
    pep_cohort_rule_init (&b.rules[i]);
  b.script = make_script (&b);

  term_name = pep_term_format_long (&b.term);
  first_name = pep_term_format (&b.first);
  last_name = pep_term_format (&b.term);
  year_name = pep_academic_year_format (b.term.year);
  previous_year_name = pep_academic_year_format (b.term.year - 1);
  rule_text = pep_cohort_rule_describe (&b.rules[N_TERMS - 1], &b.term);
  printf ("Dashboard benchmark: %s, %s\n", b.path, term_name);
  printf ("Cohort rule: %s; median of %d runs, taken in turn\n\n", rule_text, RUNS);

  /* Once each to warm the page cache, then the runs. */
  for (guint f = 0; f < G_N_ELEMENTS (funcs); f++)
    funcs[f] (&b);
  median_ms (funcs, G_N_ELEMENTS (funcs), &b, t);
  t_single = t[0];
  t_terms = t[1];
  t_year = t[2];
  t_shell = t[3];

  label_terms = g_strdup_printf ("the dashboard on a term: %d terms, %s to %s, by school",
                                 N_TERMS, first_name, last_name);
  label_year = g_strdup_printf ("the dashboard on a year: %s by school, %s whole",
                                year_name, previous_year_name);
  printf ("  %-70s %9.1f ms  (%u schools)\n",
          "reference: pep_stats_compute, the term alone, by school", t_single, b.single->len - 1);
  printf ("  %-70s %9.1f ms\n", label_terms, t_terms);
  printf ("  %-70s %9.1f ms\n", label_year, t_year);
  printf ("  %-70s %9.1f ms\n", "sqlite3 shell: the 6 terms, by school for the term, plain SQL",
          t_shell);
  printf ("\n  %-70s %9.2f ×\n", "ratio, the dashboard on a term / sqlite3 shell",
          t_terms / t_shell);
  printf ("  %-70s %9.2f ×  (yardstick: the shell runs the term view's SQL)\n",
          "ratio, the dashboard on a year / sqlite3 shell", t_year / t_shell);
  printf ("  %-70s %9.2f ×\n", "ratio, the term alone / sqlite3 shell", t_single / t_shell);

  /* Every one of the six terms, oldest first, as the window shows them. */
  printf ("\n  check against the sqlite3 shell, pep_stats_compute_terms:\n");
  for (guint i = 0; i < N_TERMS; i++)
    {
      guint back = N_TERMS - 1 - i;
      GPtrArray *figures = g_ptr_array_index (b.terms, i);
      const PepFigures *f = g_ptr_array_index (figures, 0);
      PepTermId id = b.first;
      g_autofree char *name = NULL;
      guint term_wrong;

      pep_term_step (&id, (int) i);
      name = pep_term_format (&id);
      term_wrong = check (&b, back, "pep_stats_compute_terms", f);
      wrong += term_wrong;
      printf ("    %-12s cohort %6u, in place %6u, authorised %6u, PEPs %6u, rated %6u — %s\n",
              name, f->cohort, f->in_place, f->authorised, f->plans, f->overall.rated,
              term_wrong == 0 ? "agrees" : "DIFFERS (above)");
    }

  /* The other calls count the same terms the same way, or the timings compare unlike work. */
  wrong_others += check (&b, 0, "pep_stats_compute", g_ptr_array_index (b.single, 0));
  wrong_others += check_year_terms (&b, b.term.year, b.year_terms, &checked);
  wrong_others += check_year_terms (&b, b.term.year - 1, b.previous_year_terms, &checked);
  printf ("  and pep_stats_compute for the term, pep_stats_compute_year for %u of its terms: %s\n",
          checked, wrong_others == 0 ? "agree" : "DIFFER (above)");
  wrong += wrong_others;
  printf ("  %s\n", wrong == 0 ? "the shell agrees with us on every term"
                               : "the shell DISAGREES with us (above)");

  g_clear_pointer (&b.single, g_ptr_array_unref);
  g_clear_pointer (&b.terms, g_ptr_array_unref);
  g_clear_pointer (&b.year, g_ptr_array_unref);
  g_clear_pointer (&b.year_terms, g_ptr_array_unref);
  g_clear_pointer (&b.previous_year, g_ptr_array_unref);
  g_clear_pointer (&b.previous_year_terms, g_ptr_array_unref);
  g_clear_object (&b.store);
  g_free (b.script);
  g_free (b.output);
  if (b.sqlite3 != sqlite3_path)
    g_free (b.sqlite3);
  return wrong == 0 ? 0 : 1;
}
