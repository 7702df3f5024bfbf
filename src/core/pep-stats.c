/* pep-stats.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Definitions, where the reports leave them open (README, "Figures a Virtual School reports"):
 * - a child's PEP for a term is their termly PEP; a superseded one gives way to the amendment
 *   that replaced it, and an amendment counts only once it is signed off;
 * - "in place": that PEP is completed (submitted or beyond); "completed in time": submitted by
 *   the termly deadline (the rule's, or else the last day of the term); "overdue": not
 *   completed and the deadline has passed; "authorised": signed off;
 * - cohort figures count the children the cohort rule selects; PEP figures (ratings, meetings,
 *   targets, PP+, attendance, SDQ) count every child's PEP for the term;
 * - national curriculum years come from the date of birth (born September to August: one
 *   year group), so they are right for any past term.
 */

#define G_LOG_DOMAIN "pep-stats"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <math.h>
#include <string.h>

#include "pep-calendar.h"
#include "pep-stats.h"
#include "pep-store-private.h"

#define SMALL_GROUP 10

/* The child's PEP for the term, as the comment at the top defines it. */
#define CURRENT_PLAN(p) \
  p ".academic_year = ?1 AND " p ".term = ?2 AND " p ".review_reason IS NULL" \
  " AND " p ".status != 'superseded'" \
  " AND NOT (" p ".amends_id IS NOT NULL AND " p ".status != 'signed-off')"

static const char *rating_nicks[PEP_N_RAG_RATINGS] = { "red", "amber", "green", "gold" };
static const char *outcome_nicks[4] = { "achieved", "partially-achieved", "on-track", "not-met" };

void
pep_figures_free (PepFigures *figures)
{
  if (figures == NULL)
    return;
  g_free (figures->group);
  g_free (figures);
}

/* Cambridgeshire's rule: Years 1–11, in care at least a month at the end of the term. */
void
pep_cohort_rule_init (PepCohortRule *rule)
{
  g_return_if_fail (rule != NULL);

  memset (rule, 0, sizeof *rule);
  rule->first_year = 1;
  rule->last_year = 11;
  rule->min_months = 1;
  rule->statutory_days = 20;
  g_date_clear (&rule->as_at, 1);
  g_date_clear (&rule->deadline, 1);
}

/* Bromley's rule: school age (Reception to Year 11), in care 28 days or more, as at a date. */
void
pep_cohort_rule_init_bromley (PepCohortRule *rule,
                              const GDate   *as_at)
{
  pep_cohort_rule_init (rule);
  rule->first_year = 0;
  rule->min_months = 0;
  rule->min_days = 28;
  if (as_at != NULL)
    {
      rule->has_as_at = TRUE;
      rule->as_at = *as_at;
    }
}

static void
as_at_date (const PepCohortRule *rule,
            const PepTermId     *term,
            GDate               *as_at)
{
  GDate first;

  if (rule->has_as_at)
    *as_at = rule->as_at;
  else
    pep_term_bounds (term, &first, as_at);
}

char *
pep_cohort_rule_describe (const PepCohortRule *rule,
                          const PepTermId     *term)
{
  g_autofree char *years = NULL;
  g_autofree char *care = NULL;
  GDate as_at;
  char date[32];

  g_return_val_if_fail (rule != NULL && term != NULL, NULL);

  as_at_date (rule, term, &as_at);
  g_date_strftime (date, sizeof date, "%d/%m/%Y", &as_at);
  years = rule->first_year == 0
          ? g_strdup_printf (_("Reception to Year %d"), rule->last_year)
          : g_strdup_printf (_("Years %d to %d"), rule->first_year, rule->last_year);
  care = rule->min_days > 0
         ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in care at least %u day",
                                         "in care at least %u days", rule->min_days), rule->min_days)
         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in care at least %u month",
                                         "in care at least %u months", rule->min_months),
                            rule->min_months);
  return g_strdup_printf (_("%s, %s, as at %s"), years, care, date);
}

/* The national curriculum year of a child born on @dob, in the academic year starting in
 * September of @academic_year: Reception is 0, nursery −1, age two −2. */
int
pep_stats_nc_year (const GDate *dob,
                   int          academic_year)
{
  int cohort = g_date_get_year (dob) - (g_date_get_month (dob) >= G_DATE_SEPTEMBER ? 0 : 1);

  return academic_year - cohort - 5;
}

/* "99.3%": @digits decimals (0 to 3), rounded half up exactly — integer arithmetic, so a
 * count that is exactly halfway rounds the way a person working it out by hand would. */
char *
pep_stats_percent_digits (guint numerator,
                          guint denominator,
                          guint digits)
{
  guint64 scale = 1, units;

  g_return_val_if_fail (digits <= 3, NULL);

  if (denominator == 0)
    return g_strdup ("–");
  for (guint i = 0; i < digits; i++)
    scale *= 10;
  units = ((guint64) numerator * 100 * scale * 2 + denominator) / (2 * (guint64) denominator);
  if (digits == 0)
    return g_strdup_printf ("%" G_GUINT64_FORMAT "%%", units);
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT "%%",
                          units / scale, (int) digits, units % scale);
}

char *
pep_stats_percent (guint numerator,
                   guint denominator)
{
  return pep_stats_percent_digits (numerator, denominator, 1);
}

/* A count as published: under @threshold (and not zero) it becomes "c", so that a child
 * cannot be picked out of a small group. A threshold of 0 publishes every count. */
char *
pep_stats_count (guint count,
                 guint threshold)
{
  if (count > 0 && count < threshold)
    return g_strdup ("c");
  return g_strdup_printf ("%u", count);
}

/* Groups this small give percentages that swing with one child: marked in every table. */
gboolean
pep_stats_is_small (guint denominator)
{
  return denominator < SMALL_GROUP;
}

/* Computing ---------------------------------------------------------------------------- */

typedef struct
{
  char    *name;
  char    *trust;
  gboolean in_authority;
} School;

static void
school_free (gpointer data)
{
  School *school = data;

  g_free (school->name);
  g_free (school->trust);
  g_free (school);
}

typedef struct
{
  PepStore            *store;
  const PepTermId     *term;
  const PepCohortRule *rule;
  PepBreakdown         breakdown;
  GDate                as_at;
  GDate                term_first;
  GDate                term_last;
  GDate                due;          /* the termly deadline: the rule's, or the term's end */
  GDate                today;
  GHashTable          *schools;      /* urn → School */
  GHashTable          *group_index;  /* group name → index + 1 in figures */
  GHashTable          *child_group;  /* child id → index in figures */
  GPtrArray           *figures;      /* [0] is everyone */
} Stats;

static const char *
text (sqlite3_stmt *stmt,
      int           col)
{
  return (const char *) sqlite3_column_text (stmt, col);
}

static gboolean
parse_date (const char *s,
            GDate      *date)
{
  return s != NULL && pep_date_parse (s, date);
}

static guint
group_for (Stats       *stats,
           const char  *name)
{
  gpointer found;
  PepFigures *figures;

  if (stats->breakdown == PEP_BREAKDOWN_NONE)
    return 0;
  if (g_hash_table_lookup_extended (stats->group_index, name, NULL, &found))
    return GPOINTER_TO_UINT (found);

  figures = g_new0 (PepFigures, 1);
  figures->group = g_strdup (name);
  g_ptr_array_add (stats->figures, figures);
  g_hash_table_insert (stats->group_index, g_strdup (name), GUINT_TO_POINTER (stats->figures->len - 1));
  return stats->figures->len - 1;
}

static char *
group_name (Stats       *stats,
            gint64       urn,
            const GDate *dob,
            const char  *advisor)
{
  School *school = g_hash_table_lookup (stats->schools, &urn);

  switch (stats->breakdown)
    {
    case PEP_BREAKDOWN_SCHOOL:
      return g_strdup (school ? school->name : _("No school recorded"));
    case PEP_BREAKDOWN_TRUST:
      return g_strdup (school && school->trust ? school->trust : _("Not in a trust"));
    case PEP_BREAKDOWN_YEAR:
      if (dob == NULL)
        return g_strdup (_("Date of birth not recorded"));
      else
        {
          int year = pep_stats_nc_year (dob, stats->term->year);
          return year < 0 ? g_strdup (_("Early years")) : year == 0 ? g_strdup (_("Reception"))
                 : year > 13 ? g_strdup (_("Post-18")) : g_strdup_printf (_("Year %02d"), year);
        }
    case PEP_BREAKDOWN_AREA:
      if (school == NULL)
        return g_strdup (_("No school recorded"));
      return g_strdup (school->in_authority ? _("In the authority") : _("Out of the authority"));
    case PEP_BREAKDOWN_ADVISOR:
      return g_strdup (advisor && *advisor ? advisor : _("No advisor"));
    case PEP_BREAKDOWN_NONE:
    default:
      return NULL;
    }
}

/* Adds to the whole and to the child's group. */
#define EACH(stats, index, code) \
  G_STMT_START { \
    PepFigures *f = g_ptr_array_index ((stats)->figures, 0); \
    code; \
    if ((index) != 0) \
      { \
        f = g_ptr_array_index ((stats)->figures, (index)); \
        code; \
      } \
  } G_STMT_END

static gboolean
prepare_term (Stats         *stats,
              const char    *sql,
              sqlite3_stmt **stmt,
              GError       **error)
{
  if (!(*stmt = _pep_store_prepare (stats->store, sql, error)))
    return FALSE;
  sqlite3_bind_int (*stmt, 1, stats->term->year);
  sqlite3_bind_text (*stmt, 2, pep_term_to_nick (stats->term->term), -1, SQLITE_STATIC);
  return TRUE;
}

static gboolean
finish (Stats         *stats,
        sqlite3_stmt  *stmt,
        int            rc,
        GError       **error)
{
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (stats->store, rc, error);
  return TRUE;
}

static gboolean
load_schools (Stats   *stats,
              GError **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (stats->store,
                                           "SELECT urn, name, trust, in_authority FROM school", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      School *school = g_new0 (School, 1);
      gint64 *urn = g_new (gint64, 1);

      *urn = sqlite3_column_int64 (stmt, 0);
      school->name = g_strdup (text (stmt, 1));
      school->trust = g_strdup (text (stmt, 2));
      school->in_authority = sqlite3_column_int (stmt, 3) != 0;
      g_hash_table_insert (stats->schools, urn, school);
    }
  return finish (stats, stmt, rc, error);
}

static gboolean
in_cohort (Stats       *stats,
           const GDate *dob,
           const GDate *entered)
{
  const PepCohortRule *rule = stats->rule;
  GDate needed;
  int year;

  if (dob == NULL || entered == NULL)
    return FALSE;
  year = pep_stats_nc_year (dob, stats->term->year);
  if (year < rule->first_year || year > rule->last_year)
    return FALSE;

  /* In care long enough by the as-at date (and not entering after it). */
  needed = stats->as_at;
  if (rule->min_days > 0)
    g_date_subtract_days (&needed, rule->min_days);
  else
    g_date_subtract_months (&needed, rule->min_months);
  return g_date_compare (entered, &needed) <= 0;
}

static gboolean
is_completed (const char *status)
{
  return status != NULL && !g_str_equal (status, "draft");
}

/* When a PEP was completed: its first move to submitted, or — for PEPs that arrived already
 * past draft, as demo data and imports do — when it was made. */
static gboolean
completed_on (sqlite3_stmt *stmt,
              int           submitted_col,
              int           created_col,
              GDate        *date)
{
  const char *when = text (stmt, submitted_col) ? text (stmt, submitted_col) : text (stmt, created_col);
  char day[11];

  if (when == NULL || strlen (when) < 10)
    return FALSE;
  memcpy (day, when, 10);
  day[10] = '\0';
  return pep_date_parse (day, date);
}

static gboolean
add_children (Stats   *stats,
              GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!prepare_term (stats,
        "SELECT c.id, c.dob, c.entered_care, c.vs_advisor, coalesce (p.school_urn, c.school_urn),"
        "       p.id, p.status, p.meeting_date, p.created_at,"
        "       (SELECT min (a.at) FROM audit a WHERE a.table_name = 'plan' AND a.record_id = p.id"
        "          AND a.field = 'status' AND a.new_value = 'submitted')"
        "  FROM child c LEFT JOIN plan p ON p.child_id = c.id AND " CURRENT_PLAN ("p"),
        &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 child_id = sqlite3_column_int64 (stmt, 0);
      GDate dob, entered, done, deadline;
      gboolean has_dob = parse_date (text (stmt, 1), &dob);
      gboolean has_entered = parse_date (text (stmt, 2), &entered);
      g_autofree char *name = group_name (stats, sqlite3_column_int64 (stmt, 4),
                                          has_dob ? &dob : NULL, text (stmt, 3));
      guint index = group_for (stats, name);
      const char *status = text (stmt, 6);
      gboolean completed = is_completed (status);
      gboolean has_done = completed && completed_on (stmt, 9, 8, &done);
      gint64 *key = g_new (gint64, 1);

      *key = child_id;
      g_hash_table_insert (stats->child_group, key, GUINT_TO_POINTER (index));

      if (!in_cohort (stats, has_dob ? &dob : NULL, has_entered ? &entered : NULL))
        continue;

      EACH (stats, index, {
        f->cohort++;
        f->in_place += completed;
        f->meeting_held += text (stmt, 7) != NULL;
        f->completed_in_time += has_done && g_date_compare (&done, &stats->due) <= 0;
        f->authorised += status && g_str_equal (status, "signed-off");
        f->overdue += !completed && g_date_compare (&stats->today, &stats->due) > 0;
      });

      /* Entered care this term: the first PEP has its statutory clock. */
      if (has_entered && g_date_compare (&entered, &stats->term_first) >= 0
          && g_date_compare (&entered, &stats->term_last) <= 0)
        {
          pep_calendar_add_school_days (&entered, stats->rule->statutory_days, &deadline);
          if ((has_done && g_date_compare (&done, &deadline) > 0)
              || (!completed && g_date_compare (&stats->today, &deadline) > 0))
            EACH (stats, index, f->overdue_statutory++);
        }
    }
  return finish (stats, stmt, rc, error);
}

static guint
child_index (Stats  *stats,
             gint64  child_id)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (stats->child_group, &child_id));
}

static gboolean
add_plans (Stats   *stats,
           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!prepare_term (stats,
        "SELECT p.child_id, p.kind, p.meeting_date IS NOT NULL, p.attended_sw, p.attended_child,"
        "       p.voice_going_well IS NOT NULL OR p.voice_hard IS NOT NULL"
        "         OR p.voice_help IS NOT NULL OR p.voice_hopes IS NOT NULL"
        "         OR p.child_wishes IS NOT NULL,"
        "       p.qa_overall, p.ppplus_allocated, p.attendance_term, p.suspensions,"
        "       p.hours_per_week, p.post16_status, p.sdq_total"
        "  FROM plan p WHERE " CURRENT_PLAN ("p"), &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint index = child_index (stats, sqlite3_column_int64 (stmt, 0));
      const char *kind = text (stmt, 1);
      const char *overall = text (stmt, 6);
      gboolean met = sqlite3_column_int (stmt, 2) != 0;
      gboolean has_attendance = sqlite3_column_type (stmt, 8) != SQLITE_NULL;
      double attendance = sqlite3_column_double (stmt, 8);
      int suspensions = sqlite3_column_int (stmt, 9);
      gboolean part_time = g_strcmp0 (kind, "school-age") == 0
                           && sqlite3_column_type (stmt, 10) != SQLITE_NULL
                           && sqlite3_column_double (stmt, 10) < 25;
      gboolean neet = g_strcmp0 (kind, "neet") == 0 || g_strcmp0 (text (stmt, 11), "neet") == 0;
      gboolean has_sdq = sqlite3_column_type (stmt, 12) != SQLITE_NULL;
      int sdq = sqlite3_column_int (stmt, 12);
      int band = attendance < 50 ? PEP_ATTENDANCE_SEVERE : attendance < 90 ? PEP_ATTENDANCE_PERSISTENT
                 : attendance < 95 ? PEP_ATTENDANCE_BELOW : PEP_ATTENDANCE_GOOD;
      int rating = -1;

      for (guint r = 0; overall && r < PEP_N_RAG_RATINGS; r++)
        if (g_str_equal (overall, rating_nicks[r]))
          rating = (int) r;

      EACH (stats, index, {
        f->plans++;
        if (met)
          {
            f->meetings++;
            f->sw_attended += sqlite3_column_int (stmt, 3) != 0;
            f->child_attended += sqlite3_column_int (stmt, 4) != 0;
            f->child_participated += sqlite3_column_int (stmt, 4) != 0 || sqlite3_column_int (stmt, 5) != 0;
          }
        if (rating >= 0)
          {
            f->overall.count[rating]++;
            f->overall.rated++;
          }
        f->ppplus_allocated += sqlite3_column_int64 (stmt, 7);
        if (has_attendance)
          {
            f->attendance_entered++;
            f->attendance_bands[band]++;
          }
        f->suspended_pupils += suspensions > 0;
        f->suspensions += (guint) MAX (suspensions, 0);
        f->part_time += part_time;
        f->neet += neet;
        if (has_sdq)
          {
            f->sdq_entered++;
            f->sdq_bands[sdq <= 13 ? 0 : sdq <= 16 ? 1 : 2]++;
          }
      });
    }
  return finish (stats, stmt, rc, error);
}

static gboolean
add_rows (Stats   *stats,
          GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  /* Section ratings */
  if (!prepare_term (stats,
        "SELECT p.child_id, r.section, r.rating FROM rating r JOIN plan p ON p.id = r.plan_id"
        " WHERE " CURRENT_PLAN ("p"), &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint index = child_index (stats, sqlite3_column_int64 (stmt, 0));
      PepSection section;

      if (!pep_section_from_nick (text (stmt, 1), &section))
        continue;
      for (guint r = 0; r < PEP_N_RAG_RATINGS; r++)
        if (g_strcmp0 (text (stmt, 2), rating_nicks[r]) == 0)
          EACH (stats, index, { f->sections[section].count[r]++; f->sections[section].rated++; });
    }
  if (!finish (stats, stmt, rc, error))
    return FALSE;

  /* How the previous targets went */
  if (!prepare_term (stats,
        "SELECT p.child_id, t.outcome FROM target_review t JOIN plan p ON p.id = t.plan_id"
        " WHERE " CURRENT_PLAN ("p"), &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint index = child_index (stats, sqlite3_column_int64 (stmt, 0));

      for (guint o = 0; o < G_N_ELEMENTS (outcome_nicks); o++)
        if (g_strcmp0 (text (stmt, 1), outcome_nicks[o]) == 0)
          EACH (stats, index, f->outcomes[o]++);
    }
  if (!finish (stats, stmt, rc, error))
    return FALSE;

  /* PP+ spent: the targets it funds */
  if (!prepare_term (stats,
        "SELECT p.child_id, t.funding_amount FROM target t JOIN plan p ON p.id = t.plan_id"
        " WHERE " CURRENT_PLAN ("p") " AND t.funding_amount > 0"
        "   AND t.funding_source IN ('ppplus', 'additional-ppplus', 'post16-ppplus')", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint index = child_index (stats, sqlite3_column_int64 (stmt, 0));
      gint64 amount = sqlite3_column_int64 (stmt, 1);

      EACH (stats, index, f->ppplus_spent += amount);
    }
  if (!finish (stats, stmt, rc, error))
    return FALSE;

  /* Follow-up actions still open, and those past their date */
  if (!prepare_term (stats,
        "SELECT p.child_id, f.due FROM follow_up f JOIN plan p ON p.id = f.plan_id"
        " WHERE " CURRENT_PLAN ("p") " AND f.status = 'open'", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint index = child_index (stats, sqlite3_column_int64 (stmt, 0));
      GDate due;
      gboolean overdue = parse_date (text (stmt, 1), &due) && g_date_compare (&due, &stats->today) < 0;

      EACH (stats, index, { f->follow_ups_open++; f->follow_ups_overdue += overdue; });
    }
  return finish (stats, stmt, rc, error);
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const PepFigures *x = *(PepFigures * const *) a;
  const PepFigures *y = *(PepFigures * const *) b;

  return g_utf8_collate (x->group, y->group);
}

/**
 * pep_stats_compute:
 * @rule: who is in the cohort
 * @today: the day overdue is counted against
 *
 * Returns: (element-type PepFigures): the whole Virtual School first, then one entry per
 *   group of @breakdown in alphabetical order
 */
GPtrArray *
pep_stats_compute (PepStore             *store,
                   const PepTermId      *term,
                   const PepCohortRule  *rule,
                   PepBreakdown          breakdown,
                   const GDate          *today,
                   GError              **error)
{
  g_autoptr(GPtrArray) figures = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_figures_free);
  g_autoptr(GHashTable) schools = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, school_free);
  g_autoptr(GHashTable) group_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) child_group = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  Stats stats = { 0 };
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (term != NULL && rule != NULL && today != NULL, NULL);

  stats.store = store;
  stats.term = term;
  stats.rule = rule;
  stats.breakdown = breakdown;
  stats.today = *today;
  stats.schools = schools;
  stats.group_index = group_index;
  stats.child_group = child_group;
  stats.figures = figures;
  pep_term_bounds (term, &stats.term_first, &stats.term_last);
  stats.due = rule->has_deadline ? rule->deadline : stats.term_last;
  as_at_date (rule, term, &stats.as_at);
  g_ptr_array_add (figures, g_new0 (PepFigures, 1));

  /* One read transaction: every figure from the same moment. */
  if (!_pep_store_exec (store, "SAVEPOINT stats", error))
    return NULL;
  ok = load_schools (&stats, error) && add_children (&stats, error)
       && add_plans (&stats, error) && add_rows (&stats, error);
  _pep_store_exec (store, "RELEASE stats", NULL);
  if (!ok)
    return NULL;

  if (figures->len > 2)
    {
      /* Sort the groups, leaving the whole first. */
      qsort (figures->pdata + 1, figures->len - 1, sizeof (gpointer), compare_groups);
    }
  return g_steal_pointer (&figures);
}

/* Tables -------------------------------------------------------------------------------- */

/* A percentage as published: "c" when its count is suppressed, so it cannot be worked back. */
static char *
published_percent (guint numerator,
                   guint denominator,
                   guint threshold)
{
  if (threshold > 0 && numerator > 0 && numerator < threshold)
    return g_strdup ("c");
  return pep_stats_percent (numerator, denominator);
}

static char *
money (gint64 pence)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ".%02d", pence / 100, (int) (pence % 100));
}

/**
 * pep_stats_table:
 * @figures: (element-type PepFigures): from pep_stats_compute()
 * @threshold: counts under it (but not zero) are published as "c"; 0 publishes all
 *
 * Returns: (element-type GStrv): a header row, then a row per group — the table pepctl
 *   prints and the dashboard exports as CSV. Groups too small to compare are marked "*".
 */
GPtrArray *
pep_stats_table (GPtrArray *figures,
                 guint      threshold)
{
  static const char *header[] = {
    N_("Group"), N_("Cohort"), N_("PEP in place"), N_("In place %"), N_("Meeting held %"),
    N_("Completed in time %"), N_("Authorised %"), N_("Overdue"), N_("Overdue (statutory)"),
    N_("PEPs"), N_("Rated"), N_("Red"), N_("Amber"), N_("Green"), N_("Gold"), N_("AGG %"),
    N_("Good or better %"), N_("Social worker at meeting %"), N_("Child participation %"),
    N_("Targets achieved"), N_("Partially"), N_("On track"), N_("Not met"),
    N_("PP+ allocated £"), N_("PP+ spent £"), N_("Persistent absence %"),
    N_("Suspended pupils"), N_("Part-time timetables"), N_("NEET"), N_("SDQ cause for concern"),
    N_("Follow-ups open"), N_("Follow-ups overdue"), NULL
  };
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GStrvBuilder *builder = g_strv_builder_new ();

  g_return_val_if_fail (figures != NULL, rows);

  for (guint i = 0; header[i]; i++)
    g_strv_builder_add (builder, _(header[i]));
  g_ptr_array_add (rows, g_strv_builder_end (builder));
  g_strv_builder_unref (builder);

  for (guint g = 0; g < figures->len; g++)
    {
      const PepFigures *f = g_ptr_array_index (figures, g);
      const PepRatingCounts *o = &f->overall;
      guint agg = o->count[PEP_RATING_AMBER] + o->count[PEP_RATING_GREEN] + o->count[PEP_RATING_GOLD];
      guint good = o->count[PEP_RATING_GREEN] + o->count[PEP_RATING_GOLD];
      guint absent = f->attendance_bands[PEP_ATTENDANCE_SEVERE] + f->attendance_bands[PEP_ATTENDANCE_PERSISTENT];
      g_autofree char *name = f->group == NULL ? g_strdup (_("Whole Virtual School"))
                              : pep_stats_is_small (f->cohort) ? g_strdup_printf ("%s *", f->group)
                              : g_strdup (f->group);
      char *cells[] = {
        g_strdup (name),
        pep_stats_count (f->cohort, threshold),
        pep_stats_count (f->in_place, threshold),
        published_percent (f->in_place, f->cohort, threshold),
        published_percent (f->meeting_held, f->cohort, threshold),
        published_percent (f->completed_in_time, f->cohort, threshold),
        published_percent (f->authorised, f->cohort, threshold),
        pep_stats_count (f->overdue, threshold),
        pep_stats_count (f->overdue_statutory, threshold),
        pep_stats_count (f->plans, threshold),
        pep_stats_count (o->rated, threshold),
        pep_stats_count (o->count[PEP_RATING_RED], threshold),
        pep_stats_count (o->count[PEP_RATING_AMBER], threshold),
        pep_stats_count (o->count[PEP_RATING_GREEN], threshold),
        pep_stats_count (o->count[PEP_RATING_GOLD], threshold),
        published_percent (agg, o->rated, threshold),
        published_percent (good, o->rated, threshold),
        published_percent (f->sw_attended, f->meetings, threshold),
        published_percent (f->child_participated, f->meetings, threshold),
        pep_stats_count (f->outcomes[0], threshold),
        pep_stats_count (f->outcomes[1], threshold),
        pep_stats_count (f->outcomes[2], threshold),
        pep_stats_count (f->outcomes[3], threshold),
        money (f->ppplus_allocated),
        money (f->ppplus_spent),
        published_percent (absent, f->attendance_entered, threshold),
        pep_stats_count (f->suspended_pupils, threshold),
        pep_stats_count (f->part_time, threshold),
        pep_stats_count (f->neet, threshold),
        pep_stats_count (f->sdq_bands[2], threshold),
        pep_stats_count (f->follow_ups_open, threshold),
        pep_stats_count (f->follow_ups_overdue, threshold),
        NULL
      };

      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (header));
      g_ptr_array_add (rows, g_boxed_copy (G_TYPE_STRV, cells));
      for (guint i = 0; cells[i]; i++)
        g_free (cells[i]);
    }
  return rows;
}

/* Scorecard ----------------------------------------------------------------------------- */

static double
percent (guint numerator,
         guint denominator)
{
  return denominator ? 100.0 * numerator / denominator : NAN;
}

PepTrend
pep_score_tile_trend (const PepScoreTile *tile)
{
  double change;

  g_return_val_if_fail (tile != NULL, PEP_TREND_NONE);

  if (isnan (tile->previous) || isnan (tile->value))
    return PEP_TREND_NONE;
  /* Changes that vanish at the precision shown are no change. */
  change = round (tile->value * 10) - round (tile->previous * 10);
  if (change == 0)
    return PEP_TREND_SAME;
  return (change > 0) == tile->high_is_good ? PEP_TREND_IMPROVED : PEP_TREND_DETERIORATED;
}

const char *
pep_trend_symbol (PepTrend trend)
{
  switch (trend)
    {
    case PEP_TREND_IMPROVED:
      return "▲";
    case PEP_TREND_SAME:
      return "▬";
    case PEP_TREND_DETERIORATED:
      return "▼";
    case PEP_TREND_NONE:
    default:
      return "";
    }
}

/**
 * pep_stats_scorecard:
 * @previous: (nullable): the same figures for the previous term
 *
 * Returns: (element-type PepScoreTile): the tiles a committee report leads with
 */
GArray *
pep_stats_scorecard (const PepFigures *now,
                     const PepFigures *previous)
{
  GArray *tiles = g_array_new (FALSE, TRUE, sizeof (PepScoreTile));
  const PepFigures *p = previous;

#define TILE(label_, value_, prev_, target_, high_, pct_) \
  G_STMT_START { \
    PepScoreTile t = { label_, value_, target_, p ? prev_ : NAN, high_, pct_ }; \
    g_array_append_val (tiles, t); \
  } G_STMT_END

  g_return_val_if_fail (now != NULL, tiles);

  TILE (N_("PEP in place"), percent (now->in_place, now->cohort),
        percent (p->in_place, p->cohort), 100, TRUE, TRUE);
  TILE (N_("Authorised"), percent (now->authorised, now->cohort),
        percent (p->authorised, p->cohort), 100, TRUE, TRUE);
  TILE (N_("Good or better"),
        percent (now->overall.count[PEP_RATING_GREEN] + now->overall.count[PEP_RATING_GOLD], now->overall.rated),
        percent (p->overall.count[PEP_RATING_GREEN] + p->overall.count[PEP_RATING_GOLD], p->overall.rated),
        75, TRUE, TRUE);
  TILE (N_("Social worker at the meeting"), percent (now->sw_attended, now->meetings),
        percent (p->sw_attended, p->meetings), NAN, TRUE, TRUE);
  TILE (N_("Persistent absence"),
        percent (now->attendance_bands[PEP_ATTENDANCE_SEVERE] + now->attendance_bands[PEP_ATTENDANCE_PERSISTENT], now->attendance_entered),
        percent (p->attendance_bands[PEP_ATTENDANCE_SEVERE] + p->attendance_bands[PEP_ATTENDANCE_PERSISTENT], p->attendance_entered),
        NAN, FALSE, TRUE);
  TILE (N_("Overdue follow-up actions"), now->follow_ups_overdue, p->follow_ups_overdue, 0, FALSE, FALSE);
#undef TILE

  return tiles;
}
