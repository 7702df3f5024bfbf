/* pep-stats.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Definitions, where the reports leave them open (README, "Figures a Virtual School reports"):
 * - a child's PEP for a term is their termly PEP; a superseded one gives way to the amendment
 *   that replaced it, and an amendment counts only once it is signed off;
 * - "in place": that PEP is completed, its first "submitted" step dated (PEP_TABLE_EVENT);
 *   "completed in time": first submitted by the termly deadline (the rule's, or else the
 *   last day of the term); "overdue": not completed and the deadline has passed;
 *   "authorised": signed off, with its "authorised" step, and not found changed after
 *   sign-off by the last signature check (pep-signoff.h). The dates are the steps', which
 *   travel with the PEP: never when a record was made or imported;
 * - cohort figures count the children the cohort rule selects; PEP figures (ratings, meetings,
 *   targets, PP+, attendance, SDQ) count every child's PEP for the term;
 * - national curriculum years come from the date of birth (born September to August: one
 *   year group), so they are right for any past term;
 * - in care: a child is in care on the days of their care episodes (pep-child-history.h),
 *   both ends included; the cohort takes a child in care on the as-at date whose episode
 *   then began long enough before it, so a child who left is in no later cohort and one who
 *   returned counts their time from the day they came back;
 * - "overdue (statutory)": a child of the rule's year groups who came into care (or back
 *   into care: each episode has its own clock) since the term before ended (holidays
 *   included), whose first PEP completed in that episode came later than the rule's school
 *   days, or none has and they were still in care when the days ran out — counted however
 *   short their time in care, which the cohort would not; a child once in a term;
 * - "school changes": every start at a school, in the school history, of a child of the
 *   rule's years while in care (after the day the episode began), since the term before
 *   ended; "overdue" when their first PEP completed on or after that day — termly or an
 *   unscheduled review — came later than the rule's days (working or school days), or none
 *   has and the days ran out while they were in care;
 * - the school a PEP counts under is the one named on it (plan.school_urn); a child with no
 *   PEP, or a PEP naming none, counts under the school they attended on the as-at date, or
 *   else their school now;
 * - an academic year adds up its terms (pep_stats_compute_year() says how), so that its
 *   figures agree with the termly returns a committee has already seen.
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

/* When PEP @p was first submitted (NULL when it never was): its first "submitted" step, by
 * the plan_event_submitted index. The steps travel with the PEP, so an imported PEP counts
 * from when it was submitted, never from when it was made or imported. */
#define FIRST_SUBMITTED(p) \
  "(SELECT min (e.at) FROM plan_event e WHERE e.plan_id = " p ".id AND e.kind = 'submitted')"
/* Whether PEP @p was authorised (signed off by the advisor): its "authorised" step. */
#define AUTHORISED(p) \
  "EXISTS (SELECT 1 FROM plan_event e WHERE e.plan_id = " p ".id AND e.kind = 'authorised')"

/* The children's PEPs for the terms of academic years ?1 to ?2 named ?3, ?4 or ?5, as the
 * comment at the top defines them. */
#define CURRENT_PLANS(p) \
  p ".academic_year BETWEEN ?1 AND ?2 AND " p ".term IN (?3, ?4, ?5)" \
  " AND " p ".review_reason IS NULL" \
  " AND " p ".status != 'superseded'" \
  " AND NOT (" p ".amends_id IS NOT NULL AND " p ".status != 'signed-off')"

/* PEP @p's status for the figures: a signed-off PEP that the last signature check found
 * changed after sign-off (plan_tamper, pep-signoff.h) counts as completed, never authorised. */
#define STATUS_FOR_FIGURES(p) \
  "CASE WHEN " p ".status = 'signed-off'" \
  " AND EXISTS (SELECT 1 FROM plan_tamper x WHERE x.plan_id = " p ".id)" \
  " THEN 'approved' ELSE " p ".status END"

static const char *rating_nicks[PEP_N_RAG_RATINGS] = { "red", "amber", "green", "gold" };
static const char *outcome_nicks[4] = { "achieved", "partially-achieved", "on-track", "not-met" };

/* A copy of @figures, its group name too. */
PepFigures *
pep_figures_copy (const PepFigures *figures)
{
  PepFigures *copy;

  g_return_val_if_fail (figures != NULL, NULL);

  copy = g_memdup2 (figures, sizeof *figures);
  copy->group = g_strdup (figures->group);
  return copy;
}

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
  rule->statutory_days = PEP_AUTHORITY_DEFAULT_NEW_TO_CARE_DAYS;
  rule->statutory_basis = PEP_DAYS_WORKING;
  rule->school_change_days = PEP_AUTHORITY_DEFAULT_SCHOOL_CHANGE_DAYS;
  rule->school_change_basis = PEP_DAYS_WORKING;
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

/* A cohort rule by the name pepctl and the profile give it: years1-11-month or
 * school-age-28-days. */
gboolean
pep_cohort_rule_init_named (PepCohortRule *rule,
                            const char    *name,
                            const GDate   *as_at)
{
  g_return_val_if_fail (rule != NULL, FALSE);

  if (g_strcmp0 (name, "school-age-28-days") == 0)
    {
      pep_cohort_rule_init_bromley (rule, as_at);
      return TRUE;
    }
  pep_cohort_rule_init (rule);
  if (as_at != NULL)
    {
      rule->has_as_at = TRUE;
      rule->as_at = *as_at;
    }
  return g_strcmp0 (name, "years1-11-month") == 0;
}

/**
 * pep_cohort_rule_init_for:
 * @authority: whose rule: its cohort, deadlines and days, terms and closures
 * @authorities: (nullable) (element-type PepAuthority): the file's profiles, to count only
 *   @authority's children; %NULL to count every child
 */
void
pep_cohort_rule_init_for (PepCohortRule *rule,
                          PepAuthority  *authority,
                          GPtrArray     *authorities)
{
  g_return_if_fail (rule != NULL);

  pep_cohort_rule_init_named (rule, pep_authority_get_cohort (authority), NULL);
  rule->statutory_days = pep_authority_get_new_to_care_days (authority);
  rule->statutory_basis = pep_authority_get_new_to_care_basis (authority);
  rule->school_change_days = pep_authority_get_school_change_days (authority);
  rule->school_change_basis = pep_authority_get_school_change_basis (authority);
  rule->authority = authority;
  rule->authorities = authorities;
}

/* The day the cohort is counted at: the rule's, or the term's last school day. */
static void
as_at_date (const PepCohortRule *rule,
            const PepTermId     *term,
            GDate               *as_at)
{
  GDate first;

  if (rule->has_as_at)
    *as_at = rule->as_at;
  else
    pep_authority_school_days (rule->authority, term, &first, as_at);
}

static char *
describe (const PepCohortRule *rule,
          const char          *as_at)
{
  g_autofree char *years = NULL;
  g_autofree char *care = NULL;

  years = rule->first_year == 0
          ? g_strdup_printf (_("Reception to Year %d"), rule->last_year)
          : g_strdup_printf (_("Years %d to %d"), rule->first_year, rule->last_year);
  care = rule->min_days > 0
         ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in care at least %u day",
                                         "in care at least %u days", rule->min_days), rule->min_days)
         : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "in care at least %u month",
                                         "in care at least %u months", rule->min_months),
                            rule->min_months);
  if (rule->filter_group != NULL)
    /* Translators: the year groups, the time in care, a date or "the end of each term", and
     * the one group counted, like "Oakfield Primary" */
    return g_strdup_printf (_("%s, %s, as at %s; only %s"), years, care, as_at, rule->filter_group);
  /* Translators: the year groups, the time in care, and a date or "the end of each term" */
  return g_strdup_printf (_("%s, %s, as at %s"), years, care, as_at);
}

char *
pep_cohort_rule_describe (const PepCohortRule *rule,
                          const PepTermId     *term)
{
  GDate as_at;
  g_autofree char *date = NULL;

  g_return_val_if_fail (rule != NULL && term != NULL, NULL);

  as_at_date (rule, term, &as_at);
  date = pep_date_format (&as_at);
  return describe (rule, date);
}

/* The rule as a year applies it: term by term. */
char *
pep_cohort_rule_describe_year (const PepCohortRule *rule)
{
  g_autofree char *date = NULL;

  g_return_val_if_fail (rule != NULL, NULL);

  if (!rule->has_as_at)
    return describe (rule, _("the end of each term"));
  date = pep_date_format (&rule->as_at);
  return describe (rule, date);
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

/* The figures of several terms come from one read of each table: the dashboard's trend
 * charts cover six terms, and a Virtual School's file holds tens of thousands of children. */

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

/* A child, as the cohort rule and the breakdowns see them. */
typedef struct
{
  gint64      id;
  GDate       dob;          /* invalid when not recorded */
  const char *advisor;      /* in Stats.strings */
  gint64      school_urn;   /* their school now */
  guint       episodes;     /* their first in Stats.episodes … */
  guint       n_episodes;   /* … and how many, the earliest first */
  guint       spells;       /* likewise in Stats.spells */
  guint       n_spells;
} Child;

/* One episode in care (care_episode). */
typedef struct
{
  GDate       entered;
  GDate       left;         /* invalid while in care */
  guint32     first_pep;    /* the first PEP completed since entering, as a Julian day, or 0 */
} Episode;

/* One school in a child's history (school_history). */
typedef struct
{
  gint64      urn;
  GDate       started;      /* invalid when not known */
  GDate       ended;        /* invalid while there */
  guint32     reviewed;     /* the first PEP completed since starting, as a Julian day, or 0 */
} Spell;

typedef enum
{
  NO_PLAN,
  DRAFT,
  COMPLETED,                /* submitted or beyond */
  SIGNED_OFF,
} PlanState;

/* A child's PEP for one of the terms computed. */
typedef struct
{
  guint8  state;            /* PlanState */
  guint8  meeting;
  guint8  excluded;         /* left out by the rule's filter */
  guint8  ppplus;           /* the PEP had a PP+ allocation */
  guint32 done;             /* the Julian day it was completed; 0 when not known */
  guint   group;            /* index in the term's figures */
} ChildTerm;

/* A child's academic year, for the figures a year counts per pupil rather than per PEP. */
typedef struct
{
  double  attendance;       /* the sum of the termly percentages … */
  guint8  attendance_terms; /* … over this many terms */
  guint8  suspended;
  guint8  part_time;
  guint8  neet;
  gint8   sdq_term;         /* the term of the latest SDQ score, −1 for none */
  gint8   last_term;        /* the term of the latest PEP, −1 for none */
  gint16  sdq;
} ChildYear;

typedef struct
{
  PepTermId      id;
  PepCohortRule  rule;
  GDate          first;
  GDate          last;
  GDate          since;        /* the day after the term before ended: new to care from here */
  GDate          due;          /* the termly deadline: the rule's, or the term's end */
  GDate          as_at;
  GPtrArray     *figures;      /* [0] is everyone */
  GHashTable    *group_index;  /* group name → index in figures */
} Term;

typedef struct
{
  PepStore     *store;
  PepBreakdown  breakdown;
  GDate         today;
  int           first_ordinal; /* of the first term: academic year × 3 + term */
  guint         n_terms;
  Term         *terms;
  GHashTable   *schools;       /* urn → School */
  GArray       *children;      /* Child, by id */
  GArray       *episodes;      /* Episode, by child */
  GArray       *spells;        /* Spell, by child */
  GStringChunk *strings;
  ChildTerm    *child_terms;   /* [child × n_terms + term] */
  ChildYear    *child_years;   /* NULL unless a whole academic year is computed */
  gssize        last_child;    /* what child_at() found last */
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
  if (s != NULL && pep_date_parse (s, date))
    return TRUE;
  g_date_clear (date, 1);
  return FALSE;
}

static guint
group_for (Stats       *stats,
           Term        *term,
           const char  *name)
{
  gpointer found;
  PepFigures *figures;

  if (g_hash_table_lookup_extended (term->group_index, name, NULL, &found))
    return GPOINTER_TO_UINT (found);

  figures = g_new0 (PepFigures, 1);
  figures->group = g_strdup (name);
  g_ptr_array_add (term->figures, figures);
  g_hash_table_insert (term->group_index, g_strdup (name), GUINT_TO_POINTER (term->figures->len - 1));
  return term->figures->len - 1;
}

static char *
group_name (Stats        *stats,
            PepBreakdown  breakdown,
            Term         *term,
            gint64        urn,
            const Child  *child)
{
  School *school = g_hash_table_lookup (stats->schools, &urn);

  switch (breakdown)
    {
    case PEP_BREAKDOWN_SCHOOL:
      return g_strdup (school ? school->name : _("No school recorded"));
    case PEP_BREAKDOWN_TRUST:
      return g_strdup (school && school->trust ? school->trust : _("Not in a trust"));
    case PEP_BREAKDOWN_YEAR:
      if (!g_date_valid (&child->dob))
        return g_strdup (_("Date of birth not recorded"));
      else
        {
          int year = pep_stats_nc_year (&child->dob, term->id.year);
          return year < 0 ? g_strdup (_("Early years")) : year == 0 ? g_strdup (_("Reception"))
                 : year > 13 ? g_strdup (_("Post-18")) : g_strdup_printf (_("Year %02d"), year);
        }
    case PEP_BREAKDOWN_AREA:
      if (school == NULL)
        return g_strdup (_("No school recorded"));
      return g_strdup (school->in_authority ? _("In the authority") : _("Out of the authority"));
    case PEP_BREAKDOWN_ADVISOR:
      return g_strdup (child->advisor && *child->advisor ? child->advisor : _("No advisor"));
    case PEP_BREAKDOWN_NONE:
    default:
      return NULL;
    }
}

/* Whether group names @a and @b are the same, as a person typing one would mean it. */
static gboolean
same_group (const char *a,
            const char *b)
{
  g_autofree char *x = g_utf8_casefold (a, -1);
  g_autofree char *y = g_utf8_casefold (b, -1);

  return g_utf8_collate (x, y) == 0;
}

/* Places the child in @term, when their school that term is @urn: in their group, or out of
 * the figures when the rule's filter leaves them out. */
static void
place_child (Stats       *stats,
             Term        *term,
             ChildTerm   *ct,
             gint64       urn,
             const Child *child)
{
  g_autofree char *name = NULL;

  if (term->rule.filter_group != NULL)
    {
      g_autofree char *in = group_name (stats, term->rule.filter_by, term, urn, child);

      ct->excluded = in == NULL || !same_group (in, term->rule.filter_group);
    }
  if (ct->excluded || stats->breakdown == PEP_BREAKDOWN_NONE)
    {
      ct->group = 0;
      return;
    }
  name = group_name (stats, stats->breakdown, term, urn, child);
  ct->group = group_for (stats, term, name);
}

/* Adds to the whole and to the group at @index. */
#define EACH(figures, index, code) \
  G_STMT_START { \
    PepFigures *f = g_ptr_array_index ((figures), 0); \
    code; \
    if ((index) != 0) \
      { \
        f = g_ptr_array_index ((figures), (index)); \
        code; \
      } \
  } G_STMT_END

/* Binds the academic years the terms span, and the terms themselves: a single term reads
 * only its own PEPs. */
static gboolean
prepare_terms (Stats         *stats,
               const char    *sql,
               sqlite3_stmt **stmt,
               GError       **error)
{
  if (!(*stmt = _pep_store_prepare (stats->store, sql, error)))
    return FALSE;
  sqlite3_bind_int (*stmt, 1, stats->terms[0].id.year);
  sqlite3_bind_int (*stmt, 2, stats->terms[stats->n_terms - 1].id.year);
  for (guint i = 0; i < PEP_N_TERMS; i++)
    {
      PepTerm term = stats->n_terms >= PEP_N_TERMS ? (PepTerm) i
                     : stats->terms[MIN (i, stats->n_terms - 1)].id.term;

      sqlite3_bind_text (*stmt, 3 + (int) i, pep_term_to_nick (term), -1, SQLITE_STATIC);
    }
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

/* The index in stats->terms of the term in columns @col (academic year) and @col + 1 (term),
 * or −1 when it is not one of them. */
static int
term_at (Stats        *stats,
         sqlite3_stmt *stmt,
         int           col)
{
  PepTerm term;
  int index;

  if (!pep_term_from_nick (text (stmt, col + 1), &term))
    return -1;
  index = sqlite3_column_int (stmt, col) * PEP_N_TERMS + (int) term - stats->first_ordinal;
  return index >= 0 && index < (int) stats->n_terms ? index : -1;
}

static int
compare_child_id (gconstpointer key,
                  gconstpointer element)
{
  gint64 id = *(const gint64 *) key;
  gint64 other = ((const Child *) element)->id;

  return id < other ? -1 : id > other;
}

/* The index in stats->children of the child in column @col, or −1. A PEP's rows come
 * together, so the last child found is tried first. */
static gssize
child_at (Stats        *stats,
          sqlite3_stmt *stmt,
          int           col)
{
  gint64 id = sqlite3_column_int64 (stmt, col);
  const Child *children = (const Child *) (void *) stats->children->data;
  const Child *found;

  if (stats->last_child >= 0 && children[stats->last_child].id == id)
    return stats->last_child;
  if (stats->children->len == 0)   /* no child counted (another authority's only): bsearch wants an array */
    return stats->last_child = -1;
  found = bsearch (&id, children, stats->children->len, sizeof (Child), compare_child_id);
  stats->last_child = found ? found - children : -1;
  return stats->last_child;
}

/* The ChildTerm of the PEP in a row that starts with its child id, academic year and term;
 * NULL when the row is not for a term computed. */
static ChildTerm *
row_child_term (Stats        *stats,
                sqlite3_stmt *stmt,
                int          *term)
{
  gssize child = child_at (stats, stmt, 0);

  ChildTerm *ct;

  *term = term_at (stats, stmt, 1);
  if (child < 0 || *term < 0)
    return NULL;
  ct = &stats->child_terms[(gsize) child * stats->n_terms + (guint) *term];
  return ct->excluded ? NULL : ct;
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

/* The children under the rule's authority: the others are left out of every figure, as
 * their PEPs are read only for their children. */
static gboolean
load_children (Stats   *stats,
               GError **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (stats->store,
    "SELECT id, dob, vs_advisor, school_urn, care_authority FROM child ORDER BY id", error);
  const PepCohortRule *rule = &stats->terms[0].rule;
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      Child child = { sqlite3_column_int64 (stmt, 0) };
      const char *advisor = text (stmt, 2);

      if (rule->authorities != NULL
          && pep_authority_find_for_child (rule->authorities, text (stmt, 4)) != rule->authority)
        continue;

      parse_date (text (stmt, 1), &child.dob);
      child.advisor = advisor ? g_string_chunk_insert_const (stats->strings, advisor) : NULL;
      child.school_urn = sqlite3_column_int64 (stmt, 3);
      g_array_append_val (stats->children, child);
    }
  if (!finish (stats, stmt, rc, error))
    return FALSE;

  stats->child_terms = g_new0 (ChildTerm, (gsize) stats->children->len * stats->n_terms);
  return TRUE;
}

/* Every child's episodes in care and schools, read in the children's order. */
static gboolean
load_histories (Stats   *stats,
                GError **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (stats->store,
    "SELECT child_id, entered_care, left_care FROM care_episode ORDER BY child_id, entered_care, id",
    error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  stats->last_child = -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gssize c = child_at (stats, stmt, 0);
      Child *child;
      Episode episode = { 0 };

      if (c < 0 || !parse_date (text (stmt, 1), &episode.entered))
        continue;
      parse_date (text (stmt, 2), &episode.left);
      child = &g_array_index (stats->children, Child, c);
      if (child->n_episodes++ == 0)
        child->episodes = stats->episodes->len;
      g_array_append_val (stats->episodes, episode);
    }
  if (!finish (stats, stmt, rc, error))
    return FALSE;

  if (!(stmt = _pep_store_prepare (stats->store,
        "SELECT child_id, school_urn, started, ended FROM school_history"
        " ORDER BY child_id, started IS NOT NULL, started, id", error)))
    return FALSE;
  stats->last_child = -1;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gssize c = child_at (stats, stmt, 0);
      Child *child;
      Spell spell = { sqlite3_column_int64 (stmt, 1) };

      if (c < 0)
        continue;
      parse_date (text (stmt, 2), &spell.started);
      parse_date (text (stmt, 3), &spell.ended);
      child = &g_array_index (stats->children, Child, c);
      if (child->n_spells++ == 0)
        child->spells = stats->spells->len;
      g_array_append_val (stats->spells, spell);
    }
  stats->last_child = -1;
  return finish (stats, stmt, rc, error);
}

static Episode *
child_episode (Stats       *stats,
               const Child *child,
               guint        i)
{
  return &g_array_index (stats->episodes, Episode, child->episodes + i);
}

static Spell *
child_spell (Stats       *stats,
             const Child *child,
             guint        i)
{
  return &g_array_index (stats->spells, Spell, child->spells + i);
}

/* The episode @child was in care in on @day, or NULL. */
static const Episode *
episode_on (Stats       *stats,
            const Child *child,
            const GDate *day)
{
  for (guint i = 0; i < child->n_episodes; i++)
    {
      const Episode *e = child_episode (stats, child, i);

      if (g_date_compare (&e->entered, day) <= 0
          && (!g_date_valid (&e->left) || g_date_compare (day, &e->left) <= 0))
        return e;
    }
  return NULL;
}

/* The school @child attended on @day (as pep_school_history_on()), or else their school now. */
static gint64
school_on (Stats       *stats,
           const Child *child,
           const GDate *day)
{
  gint64 urn = 0;

  for (guint i = 0; i < child->n_spells; i++)
    {
      const Spell *s = child_spell (stats, child, i);

      if ((!g_date_valid (&s->started) || g_date_compare (&s->started, day) <= 0)
          && (!g_date_valid (&s->ended) || g_date_compare (&s->ended, day) >= 0))
        urn = s->urn;
    }
  return urn != 0 ? urn : child->school_urn;
}

/* Whether a clock started in @episode on @start and due on @deadline ran out: the first PEP
 * done on or after @start came after @deadline — or none came while the child was in care and
 * they were still in care after @deadline (by @today, or by the day they left). */
static gboolean
clock_overdue (const Stats   *stats,
               const Episode *episode,
               guint32        done,
               const GDate   *deadline)
{
  guint32 due = g_date_get_julian (deadline);

  if (done != 0 && (!g_date_valid (&episode->left) || done <= g_date_get_julian (&episode->left)))
    return done > due;
  if (g_date_valid (&episode->left) && g_date_compare (&episode->left, &stats->today) < 0)
    return g_date_get_julian (&episode->left) > due;
  return g_date_compare (&stats->today, deadline) > 0;
}

/* The rule's year groups take the child in @term. */
static gboolean
in_years (const Term  *term,
          const Child *child)
{
  int year;

  if (!g_date_valid (&child->dob))
    return FALSE;
  year = pep_stats_nc_year (&child->dob, term->id.year);
  return year >= term->rule.first_year && year <= term->rule.last_year;
}

/* The child is in care on the as-at date, in an episode that began long enough before it. */
static gboolean
in_care_long_enough (Stats       *stats,
                     const Term  *term,
                     const Child *child)
{
  const Episode *episode = episode_on (stats, child, &term->as_at);
  GDate needed = term->as_at;

  if (episode == NULL)
    return FALSE;
  if (term->rule.min_days > 0)
    g_date_subtract_days (&needed, term->rule.min_days);
  else
    g_date_subtract_months (&needed, term->rule.min_months);
  return g_date_compare (&episode->entered, &needed) <= 0;
}

/* When a PEP was completed, as a Julian day: its first submission (FIRST_SUBMITTED), or 0. */
static guint32
completed_on (sqlite3_stmt *stmt,
              int           submitted_col)
{
  const char *when = text (stmt, submitted_col);
  char day[11];
  GDate date;

  if (when == NULL || strlen (when) < 10)
    return 0;
  memcpy (day, when, 10);
  day[10] = '\0';
  return pep_date_parse (day, &date) ? g_date_get_julian (&date) : 0;
}

/* A year in progress counts the terms begun by today: the year to date. */
static gboolean
term_begun (const Stats *stats,
            const Term  *term)
{
  return g_date_compare (&term->first, &stats->today) <= 0;
}

/* Every current PEP of the terms: the PEP figures, and what the cohort figures need. */
static gboolean
add_plans (Stats   *stats,
           GError **error)
{
  sqlite3_stmt *stmt;
  int rc;

  if (!prepare_terms (stats,
        "SELECT p.child_id, p.academic_year, p.term, p.school_urn, " STATUS_FOR_FIGURES ("p") ","
        "       " AUTHORISED ("p") ","
        "       " FIRST_SUBMITTED ("p") ","
        "       p.kind, p.meeting_date IS NOT NULL, p.attended_sw, p.attended_child,"
        "       p.voice_going_well IS NOT NULL OR p.voice_hard IS NOT NULL"
        "         OR p.voice_help IS NOT NULL OR p.voice_hopes IS NOT NULL"
        "         OR p.child_wishes IS NOT NULL,"
        "       p.qa_overall, p.ppplus_allocated, p.attendance_term, p.suspensions,"
        "       p.hours_per_week, p.post16_status, p.sdq_total,"
        /* An amendment was completed when the PEP it amends was. */
        "       (SELECT " FIRST_SUBMITTED ("o") " FROM plan o WHERE o.id = p.amends_id)"
        "  FROM plan p WHERE " CURRENT_PLANS ("p"), &stmt, error))
    return FALSE;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gssize c = child_at (stats, stmt, 0);
      int t = term_at (stats, stmt, 1);
      Term *term;
      ChildTerm *ct;
      const Child *child;
      const char *status = text (stmt, 4);
      const char *kind = text (stmt, 7);
      const char *overall = text (stmt, 12);
      gboolean met = sqlite3_column_int (stmt, 8) != 0;
      gboolean has_attendance = sqlite3_column_type (stmt, 14) != SQLITE_NULL;
      double attendance = sqlite3_column_double (stmt, 14);
      int suspensions = sqlite3_column_int (stmt, 15);
      gboolean part_time = g_strcmp0 (kind, "school-age") == 0
                           && sqlite3_column_type (stmt, 16) != SQLITE_NULL
                           && sqlite3_column_double (stmt, 16) < 25;
      gboolean neet = g_strcmp0 (kind, "neet") == 0 || g_strcmp0 (text (stmt, 17), "neet") == 0;
      gboolean has_sdq = sqlite3_column_type (stmt, 18) != SQLITE_NULL;
      int sdq = sqlite3_column_int (stmt, 18);
      int band = attendance < 50 ? PEP_ATTENDANCE_SEVERE : attendance < 90 ? PEP_ATTENDANCE_PERSISTENT
                 : attendance < 95 ? PEP_ATTENDANCE_BELOW : PEP_ATTENDANCE_GOOD;
      int rating = -1;

      if (c < 0 || t < 0)
        continue;
      term = &stats->terms[t];
      child = &g_array_index (stats->children, Child, c);
      ct = &stats->child_terms[(gsize) c * stats->n_terms + (guint) t];

      /* Completed when first submitted, authorised when signed off: by the PEP's dated steps
       * (an amendment was completed when the PEP it amends was). */
      ct->meeting = met;
      ct->done = completed_on (stmt, 6);
      {
        guint32 original = completed_on (stmt, 19);

        if (original != 0 && (ct->done == 0 || original < ct->done))
          ct->done = original;
      }
      ct->state = g_strcmp0 (status, "signed-off") == 0 && sqlite3_column_int (stmt, 5) != 0
                  ? SIGNED_OFF : ct->done != 0 ? COMPLETED : DRAFT;
      place_child (stats, term, ct, sqlite3_column_type (stmt, 3) != SQLITE_NULL
                                    ? sqlite3_column_int64 (stmt, 3) : school_on (stats, child, &term->as_at),
                   child);
      if (ct->excluded)
        continue;

      for (guint r = 0; overall && r < PEP_N_RAG_RATINGS; r++)
        if (g_str_equal (overall, rating_nicks[r]))
          rating = (int) r;

      EACH (term->figures, ct->group, {
        f->plans++;
        if (met)
          {
            f->meetings++;
            f->sw_attended += sqlite3_column_int (stmt, 9) != 0;
            f->child_attended += sqlite3_column_int (stmt, 10) != 0;
            f->child_participated += sqlite3_column_int (stmt, 10) != 0 || sqlite3_column_int (stmt, 11) != 0;
          }
        if (rating >= 0)
          {
            f->overall.count[rating]++;
            f->overall.rated++;
          }
        f->ppplus_allocated += sqlite3_column_int64 (stmt, 13);
        ct->ppplus = sqlite3_column_int64 (stmt, 13) > 0;
        f->ppplus_pupils += sqlite3_column_int64 (stmt, 13) > 0;
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

      if (stats->child_years != NULL && term_begun (stats, term))
        {
          ChildYear *cy = &stats->child_years[c];

          if (has_attendance)
            {
              cy->attendance += attendance;
              cy->attendance_terms++;
            }
          cy->suspended |= suspensions > 0;
          cy->part_time |= part_time;
          cy->neet |= neet;
          if (has_sdq && t > cy->sdq_term)
            {
              cy->sdq = (gint16) CLAMP (sdq, G_MININT16, G_MAXINT16);
              cy->sdq_term = (gint8) t;
            }
          cy->last_term = MAX (cy->last_term, (gint8) t);
        }
    }
  return finish (stats, stmt, rc, error);
}

/* Whether @date falls in @term, from the day after the term before it ended. */
static gboolean
in_term (const Term  *term,
         const GDate *date)
{
  return g_date_valid (date) && g_date_compare (date, &term->since) >= 0
         && g_date_compare (date, &term->last) <= 0;
}

/* The episode in care a start at a school on @started was a change of school in: the child
 * was in care that day, and had come into care before it. */
static const Episode *
changed_school_in_care (Stats       *stats,
                        const Child *child,
                        const GDate *started)
{
  const Episode *episode;

  if (!g_date_valid (started) || !(episode = episode_on (stats, child, started)))
    return NULL;
  return g_date_compare (started, &episode->entered) > 0 ? episode : NULL;
}

/* Whether @date falls in the terms computed, from the day after the term before the first. */
static gboolean
in_window (Stats       *stats,
           const GDate *date)
{
  return g_date_valid (date)
         && g_date_compare (date, &stats->terms[0].since) >= 0
         && g_date_compare (date, &stats->terms[stats->n_terms - 1].last) <= 0;
}

/* The first day a PEP of @child was completed on or after @since — termly, an amendment's
 * original or an unscheduled review, whichever term it is for — as a Julian day, or 0. */
static gboolean
first_completed_since (Stats          *stats,
                       sqlite3_stmt  **stmt,
                       const Child    *child,
                       const GDate    *since,
                       guint32        *out,
                       GError        **error)
{
  char day[16];
  int rc;

  if (*stmt == NULL && !(*stmt = _pep_store_prepare (stats->store,
        "SELECT min (done) FROM ("
        "  SELECT substr (" FIRST_SUBMITTED ("p") ", 1, 10) AS done"
        "  FROM plan p WHERE p.child_id = ?1)"
        " WHERE done >= ?2", error)))
    return FALSE;

  *out = 0;
  g_date_strftime (day, sizeof day, "%Y-%m-%d", since);
  sqlite3_bind_int64 (*stmt, 1, child->id);
  sqlite3_bind_text (*stmt, 2, day, -1, SQLITE_TRANSIENT);
  if ((rc = sqlite3_step (*stmt)) == SQLITE_ROW)
    {
      GDate done;

      *out = parse_date (text (*stmt, 0), &done) ? g_date_get_julian (&done) : 0;
      rc = sqlite3_step (*stmt);
    }
  return finish (stats, *stmt, rc, error);
}

/* For each child who came into care or changed school in the terms, when a PEP was first
 * completed after: a few per cent of children, so a lookup each. The first PEP after entering
 * care is often next term's, so it is looked for in any term. */
static gboolean
load_clocks (Stats   *stats,
             GError **error)
{
  sqlite3_stmt *stmt = NULL;

  for (guint c = 0; c < stats->children->len; c++)
    {
      Child *child = &g_array_index (stats->children, Child, c);

      for (guint i = 0; i < child->n_spells; i++)
        {
          Spell *spell = child_spell (stats, child, i);

          if (in_window (stats, &spell->started)
              && !first_completed_since (stats, &stmt, child, &spell->started, &spell->reviewed, error))
            return FALSE;
        }
      for (guint i = 0; i < child->n_episodes; i++)
        {
          Episode *episode = child_episode (stats, child, i);

          if (in_window (stats, &episode->entered)
              && !first_completed_since (stats, &stmt, child, &episode->entered, &episode->first_pep, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* The cohort figures: every child the rule takes, term by term. */
static void
add_cohorts (Stats *stats)
{
  for (guint c = 0; c < stats->children->len; c++)
    {
      const Child *child = &g_array_index (stats->children, Child, c);

      for (guint t = 0; t < stats->n_terms; t++)
        {
          Term *term = &stats->terms[t];
          ChildTerm *ct = &stats->child_terms[(gsize) c * stats->n_terms + t];
          gboolean completed = ct->state >= COMPLETED;
          gboolean overdue = FALSE;
          GDate deadline;

          if (ct->state == NO_PLAN)
            place_child (stats, term, ct, school_on (stats, child, &term->as_at), child);
          if (ct->excluded || !in_years (term, child))
            continue;

          if (in_care_long_enough (stats, term, child))
            EACH (term->figures, ct->group, {
              f->cohort++;
              f->in_place += completed;
              f->meeting_held += ct->meeting;
              f->completed_in_time += ct->done != 0 && ct->done <= g_date_get_julian (&term->due);
              f->authorised += ct->state == SIGNED_OFF;
              f->overdue += !completed && g_date_compare (&stats->today, &term->due) > 0;
            });

          /* Each change of school in care since the term before: a review is due within the
           * rule's days. */
          for (guint i = 0; i < child->n_spells; i++)
            {
              const Spell *spell = child_spell (stats, child, i);
              const Episode *episode;
              gboolean late;

              if (!in_term (term, &spell->started)
                  || !(episode = changed_school_in_care (stats, child, &spell->started)))
                continue;
              pep_authority_add_days (term->rule.authority, &spell->started,
                                      term->rule.school_change_days,
                                      term->rule.school_change_basis, &deadline);
              late = clock_overdue (stats, episode, spell->reviewed, &deadline);
              EACH (term->figures, ct->group, {
                f->school_changes++;
                f->school_change_overdue += late;
              });
            }

          /* New to care since the term before, or back in care: the first PEP has its
           * statutory clock, however short their time in care so far. */
          for (guint i = 0; i < child->n_episodes; i++)
            {
              const Episode *episode = child_episode (stats, child, i);

              if (!in_term (term, &episode->entered))
                continue;
              pep_authority_add_days (term->rule.authority, &episode->entered,
                                      term->rule.statutory_days, term->rule.statutory_basis,
                                      &deadline);
              overdue |= clock_overdue (stats, episode, episode->first_pep, &deadline);
            }
          if (overdue)
            EACH (term->figures, ct->group, f->overdue_statutory++);
        }
    }
}

/* The slot of ppplus_by_category for a target's strategy category. */
static guint
ppplus_category (const char *nick)
{
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_TARGET, PEP_TARGET_STRATEGY_CATEGORY);

  for (guint i = 0; nick != NULL && info->choices[i].nick != NULL; i++)
    if (g_str_equal (nick, info->choices[i].nick))
      return MIN (i, PEP_N_PPPLUS_CATEGORIES - 1);
  return PEP_N_PPPLUS_CATEGORIES - 1;
}

static gboolean
add_rows (Stats   *stats,
          GError **error)
{
  sqlite3_stmt *stmt;
  ChildTerm *ct;
  int rc, t;

  /* Section ratings */
  if (!prepare_terms (stats,
        "SELECT p.child_id, p.academic_year, p.term, r.section, r.rating"
        "  FROM rating r JOIN plan p ON p.id = r.plan_id WHERE " CURRENT_PLANS ("p"), &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepSection section;

      if (!(ct = row_child_term (stats, stmt, &t)) || !pep_section_from_nick (text (stmt, 3), &section))
        continue;
      for (guint r = 0; r < PEP_N_RAG_RATINGS; r++)
        if (g_strcmp0 (text (stmt, 4), rating_nicks[r]) == 0)
          EACH (stats->terms[t].figures, ct->group, {
            f->sections[section].count[r]++;
            f->sections[section].rated++;
          });
    }
  if (!finish (stats, stmt, rc, error))
    return FALSE;

  /* How the previous targets went */
  if (!prepare_terms (stats,
        "SELECT p.child_id, p.academic_year, p.term, t.outcome"
        "  FROM target_review t JOIN plan p ON p.id = t.plan_id WHERE " CURRENT_PLANS ("p"), &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!(ct = row_child_term (stats, stmt, &t)))
        continue;
      for (guint o = 0; o < G_N_ELEMENTS (outcome_nicks); o++)
        if (g_strcmp0 (text (stmt, 3), outcome_nicks[o]) == 0)
          EACH (stats->terms[t].figures, ct->group, f->outcomes[o]++);
    }
  if (!finish (stats, stmt, rc, error))
    return FALSE;

  /* PP+ spent: the targets it funds, by the kind of intervention */
  if (!prepare_terms (stats,
        "SELECT p.child_id, p.academic_year, p.term, t.funding_amount, t.strategy_category"
        "  FROM target t JOIN plan p ON p.id = t.plan_id WHERE " CURRENT_PLANS ("p")
        "   AND t.funding_amount > 0"
        "   AND t.funding_source IN ('ppplus', 'additional-ppplus', 'post16-ppplus')", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 amount = sqlite3_column_int64 (stmt, 3);
      guint category = ppplus_category (text (stmt, 4));

      if ((ct = row_child_term (stats, stmt, &t)))
        EACH (stats->terms[t].figures, ct->group, {
          f->ppplus_spent += amount;
          f->ppplus_by_category[category] += amount;
        });
    }
  if (!finish (stats, stmt, rc, error))
    return FALSE;

  /* Follow-up actions still open, and those past their date */
  if (!prepare_terms (stats,
        "SELECT p.child_id, p.academic_year, p.term, f.due"
        "  FROM follow_up f JOIN plan p ON p.id = f.plan_id WHERE " CURRENT_PLANS ("p")
        "   AND f.status = 'open'", &stmt, error))
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GDate due;
      gboolean overdue = parse_date (text (stmt, 3), &due) && g_date_compare (&due, &stats->today) < 0;

      if ((ct = row_child_term (stats, stmt, &t)))
        EACH (stats->terms[t].figures, ct->group, { f->follow_ups_open++; f->follow_ups_overdue += overdue; });
    }
  return finish (stats, stmt, rc, error);
}

static void
add_rating_counts (PepRatingCounts       *into,
                   const PepRatingCounts *from)
{
  for (guint r = 0; r < PEP_N_RAG_RATINGS; r++)
    into->count[r] += from->count[r];
  into->rated += from->rated;
}

/* Sums every figure counted per PEP or per child-term; those a year counts per pupil are
 * left for add_pupils(). */
static void
add_figures (PepFigures       *into,
             const PepFigures *from)
{
  into->cohort += from->cohort;
  into->in_place += from->in_place;
  into->meeting_held += from->meeting_held;
  into->completed_in_time += from->completed_in_time;
  into->authorised += from->authorised;
  into->overdue += from->overdue;
  into->overdue_statutory += from->overdue_statutory;
  into->school_changes += from->school_changes;
  into->school_change_overdue += from->school_change_overdue;
  into->plans += from->plans;
  add_rating_counts (&into->overall, &from->overall);
  for (guint s = 0; s < PEP_N_SECTIONS; s++)
    add_rating_counts (&into->sections[s], &from->sections[s]);
  into->meetings += from->meetings;
  into->sw_attended += from->sw_attended;
  into->child_attended += from->child_attended;
  into->child_participated += from->child_participated;
  for (guint o = 0; o < G_N_ELEMENTS (into->outcomes); o++)
    into->outcomes[o] += from->outcomes[o];
  into->ppplus_allocated += from->ppplus_allocated;
  into->ppplus_spent += from->ppplus_spent;
  for (guint c = 0; c < PEP_N_PPPLUS_CATEGORIES; c++)
    into->ppplus_by_category[c] += from->ppplus_by_category[c];
  into->suspensions += from->suspensions;
  into->follow_ups_open += from->follow_ups_open;
  into->follow_ups_overdue += from->follow_ups_overdue;
}

/* The year's figures per pupil: attendance over the year's terms, suspended, part-time or
 * NEET in any term, the latest SDQ score; each child in the group of their latest PEP. */
/* A year's PP+ pupils: each child once in the whole, and once in every group they had an
 * allocation in, so that a group's money and its pupils agree when a child moves. */
static void
add_ppplus_pupils (Stats *stats,
                   Term  *year)
{
  g_autofree guint *counted = g_new (guint, stats->n_terms);

  for (guint c = 0; c < stats->children->len; c++)
    {
      guint n_counted = 0;

      for (guint t = 0; t < stats->n_terms && term_begun (stats, &stats->terms[t]); t++)
        {
          const ChildTerm *ct = &stats->child_terms[(gsize) c * stats->n_terms + t];
          const PepFigures *in_term;
          guint index;
          gboolean seen = FALSE;

          if (!ct->ppplus || ct->excluded)
            continue;
          in_term = g_ptr_array_index (stats->terms[t].figures, ct->group);
          index = in_term->group ? group_for (stats, year, in_term->group) : 0;
          for (guint i = 0; i < n_counted && !seen; i++)
            seen = counted[i] == index;
          if (seen)
            continue;
          if (n_counted == 0)
            ((PepFigures *) g_ptr_array_index (year->figures, 0))->ppplus_pupils++;
          if (index != 0)
            ((PepFigures *) g_ptr_array_index (year->figures, index))->ppplus_pupils++;
          counted[n_counted++] = index;
        }
    }
}

static void
add_pupils (Stats *stats,
            Term  *year)
{
  for (guint c = 0; c < stats->children->len; c++)
    {
      const ChildYear *cy = &stats->child_years[c];
      const ChildTerm *ct;
      const PepFigures *latest;
      guint index;

      if (cy->last_term < 0)
        continue;
      ct = &stats->child_terms[(gsize) c * stats->n_terms + (guint) cy->last_term];
      latest = g_ptr_array_index (stats->terms[cy->last_term].figures, ct->group);
      index = latest->group ? group_for (stats, year, latest->group) : 0;

      EACH (year->figures, index, {
        if (cy->attendance_terms > 0)
          {
            double mean = cy->attendance / cy->attendance_terms;

            f->attendance_entered++;
            f->attendance_bands[mean < 50 ? PEP_ATTENDANCE_SEVERE : mean < 90 ? PEP_ATTENDANCE_PERSISTENT
                                : mean < 95 ? PEP_ATTENDANCE_BELOW : PEP_ATTENDANCE_GOOD]++;
          }
        f->suspended_pupils += cy->suspended;
        f->part_time += cy->part_time;
        f->neet += cy->neet;
        if (cy->sdq_term >= 0)
          {
            f->sdq_entered++;
            f->sdq_bands[cy->sdq <= 13 ? 0 : cy->sdq <= 16 ? 1 : 2]++;
          }
      });
    }
}

static void
term_init (Term                *term,
           const PepTermId     *id,
           const PepCohortRule *rule)
{
  PepTermId before = *id;
  GDate first;

  term->id = *id;
  term->rule = *rule;
  pep_authority_term_span (rule->authority, id, &term->first, &term->last);
  pep_term_step (&before, -1);
  pep_authority_term_span (rule->authority, &before, &first, &term->since);
  g_date_add_days (&term->since, 1);
  if (rule->has_deadline)
    term->due = rule->deadline;
  else
    pep_authority_deadline (rule->authority, id, &term->due);
  as_at_date (rule, id, &term->as_at);
  term->figures = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_figures_free);
  term->group_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_ptr_array_add (term->figures, g_new0 (PepFigures, 1));
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const PepFigures *x = *(PepFigures * const *) a;
  const PepFigures *y = *(PepFigures * const *) b;

  return g_utf8_collate (x->group, y->group);
}

/* The term's figures, the whole first and then its groups in alphabetical order. */
static GPtrArray *
term_finish (Term *term)
{
  GPtrArray *figures = g_steal_pointer (&term->figures);

  if (figures->len > 2)
    qsort (figures->pdata + 1, figures->len - 1, sizeof (gpointer), compare_groups);
  g_clear_pointer (&term->group_index, g_hash_table_unref);
  return figures;
}

static void
term_clear (Term *term)
{
  g_clear_pointer (&term->figures, g_ptr_array_unref);
  g_clear_pointer (&term->group_index, g_hash_table_unref);
}

/* Computes @n_terms terms from @first, and with @year their academic year after them. */
static GPtrArray *
compute (PepStore             *store,
         const PepTermId      *first,
         guint                 n_terms,
         const PepCohortRule  *rules,
         gboolean              year,
         PepBreakdown          breakdown,
         const GDate          *today,
         GError              **error)
{
  g_autoptr(GHashTable) schools = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, school_free);
  g_autoptr(GArray) children = g_array_new (FALSE, FALSE, sizeof (Child));
  g_autoptr(GArray) episodes = g_array_new (FALSE, FALSE, sizeof (Episode));
  g_autoptr(GArray) spells = g_array_new (FALSE, FALSE, sizeof (Spell));
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GStringChunk *strings = g_string_chunk_new (256);
  Stats stats = { 0 };
  Term year_term = { 0 };
  gboolean ok;

  stats.store = store;
  stats.breakdown = breakdown;
  stats.today = *today;
  stats.first_ordinal = first->year * PEP_N_TERMS + (int) first->term;
  stats.n_terms = n_terms;
  stats.terms = g_new0 (Term, n_terms);
  stats.schools = schools;
  stats.children = children;
  stats.episodes = episodes;
  stats.spells = spells;
  stats.strings = strings;
  stats.last_child = -1;
  for (guint t = 0; t < n_terms; t++)
    {
      PepTermId id = *first;

      pep_term_step (&id, (int) t);
      term_init (&stats.terms[t], &id, &rules[t]);
    }

  /* One read transaction: every figure from the same moment. (Mapping the file into memory
   * for it measured no faster, and a file cut short under a mapping kills the process.) */
  if (!_pep_store_exec (store, "SAVEPOINT stats", error))
    goto out;
  ok = load_schools (&stats, error) && load_children (&stats, error)
       && load_histories (&stats, error);
  if (ok && year)
    {
      stats.child_years = g_new0 (ChildYear, children->len);
      for (guint c = 0; c < children->len; c++)
        stats.child_years[c].last_term = stats.child_years[c].sdq_term = -1;
    }
  ok = ok && load_clocks (&stats, error) && add_plans (&stats, error);
  if (ok)
    add_cohorts (&stats);
  ok = ok && add_rows (&stats, error);
  _pep_store_exec (store, "RELEASE stats", NULL);
  if (!ok)
    goto out;

  if (year)
    {
      term_init (&year_term, first, &rules[0]);
      for (guint t = 0; t < n_terms && term_begun (&stats, &stats.terms[t]); t++)
        for (guint g = 0; g < stats.terms[t].figures->len; g++)
          {
            const PepFigures *f = g_ptr_array_index (stats.terms[t].figures, g);
            guint index = f->group ? group_for (&stats, &year_term, f->group) : 0;

            add_figures (g_ptr_array_index (year_term.figures, index), f);
          }
      add_pupils (&stats, &year_term);
      add_ppplus_pupils (&stats, &year_term);
    }
  for (guint t = 0; t < n_terms; t++)
    {
      GPtrArray *figures = term_finish (&stats.terms[t]);

      /* A year's terms to come are nothing yet, as the year to date leaves them out. */
      if (year && !term_begun (&stats, &stats.terms[t]))
        {
          g_ptr_array_set_size (figures, 0);
          g_ptr_array_add (figures, g_new0 (PepFigures, 1));
        }
      g_ptr_array_add (result, figures);
    }
  if (year)
    g_ptr_array_add (result, term_finish (&year_term));

out:
  for (guint t = 0; t < n_terms; t++)
    term_clear (&stats.terms[t]);
  term_clear (&year_term);
  g_free (stats.terms);
  g_free (stats.child_terms);
  g_free (stats.child_years);
  g_string_chunk_free (strings);
  return result->len > 0 ? g_steal_pointer (&result) : NULL;
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
  g_autoptr(GPtrArray) terms = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (term != NULL && rule != NULL && today != NULL, NULL);

  if (!(terms = compute (store, term, 1, rule, FALSE, breakdown, today, error)))
    return NULL;
  return g_ptr_array_steal_index (terms, 0);
}

/**
 * pep_stats_compute_terms:
 * @first: the earliest term
 * @n_terms: how many terms, from @first on
 * @rules: (array length=n_terms): the cohort rule for each term
 *
 * The figures of several consecutive terms at once, as pep_stats_compute() gives each, in
 * one read of the file: the dashboard's trends.
 *
 * Returns: (element-type GPtrArray): one array of PepFigures per term, oldest first
 */
GPtrArray *
pep_stats_compute_terms (PepStore             *store,
                         const PepTermId      *first,
                         guint                 n_terms,
                         const PepCohortRule  *rules,
                         PepBreakdown          breakdown,
                         const GDate          *today,
                         GError              **error)
{
  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (first != NULL && n_terms > 0 && n_terms <= G_MAXINT8, NULL);
  g_return_val_if_fail (rules != NULL && today != NULL, NULL);

  return compute (store, first, n_terms, rules, FALSE, breakdown, today, error);
}

/**
 * pep_stats_compute_year:
 * @academic_year: the year it starts in: 2022 is 2022/23
 * @rules: (array fixed-size=3): the cohort rule for autumn, spring and summer
 * @terms: (out) (optional) (element-type GPtrArray): the three terms' figures
 *
 * The figures of an academic year. Cohort figures count PEPs due: a child in the cohort for
 * three terms counts three times, as the termly returns add up. PEP figures count every
 * current PEP of the year. Attendance, suspended pupils, part-time timetables, NEET and SDQ
 * count pupils: each child once, by their attendance over the year's terms, any term
 * suspended, part-time or NEET, and their latest SDQ score, in the group of their latest PEP.
 * A year in progress counts the terms begun by @today: the year to date.
 *
 * Returns: (element-type PepFigures): as pep_stats_compute()
 */
GPtrArray *
pep_stats_compute_year (PepStore             *store,
                        int                   academic_year,
                        const PepCohortRule  *rules,
                        PepBreakdown          breakdown,
                        const GDate          *today,
                        GPtrArray           **terms,
                        GError              **error)
{
  PepTermId autumn = { academic_year, PEP_TERM_AUTUMN };
  g_autoptr(GPtrArray) all = NULL;
  GPtrArray *year;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (rules != NULL && today != NULL, NULL);

  if (!(all = compute (store, &autumn, PEP_N_TERMS, rules, TRUE, breakdown, today, error)))
    return NULL;
  year = g_ptr_array_steal_index (all, PEP_N_TERMS);
  if (terms != NULL)
    *terms = g_steal_pointer (&all);
  return year;
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

/* Pounds per pupil, to the penny, rounded half up; "–" with no pupils. */
static char *
per_pupil (gint64 pence,
           guint  pupils)
{
  if (pupils == 0)
    return g_strdup ("–");
  return money ((pence * 2 + pupils) / (2 * (gint64) pupils));
}

static const char *
category_label (guint category)
{
  const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_TARGET, PEP_TARGET_STRATEGY_CATEGORY);

  for (guint i = 0; info->choices[i].nick != NULL; i++)
    if (i == category && category < PEP_N_PPPLUS_CATEGORIES - 1)
      return _(info->choices[i].label);
  return _("kind not recorded");
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
    N_("School changes"), N_("Review after a school change overdue"),
    N_("PEPs"), N_("Rated"), N_("Red"), N_("Amber"), N_("Green"), N_("Gold"), N_("AGG %"),
    N_("Good or better %"), N_("Social worker at meeting %"), N_("Child participation %"),
    N_("Targets achieved"), N_("Partially"), N_("On track"), N_("Not met"),
    N_("PP+ allocated £"), N_("PP+ spent £"), N_("PP+ allocated per pupil £"),
    N_("PP+ spent per pupil £"), N_("Persistent absence %"),
    N_("Suspended pupils"), N_("Part-time timetables"), N_("NEET"), N_("SDQ cause for concern"),
    N_("Follow-ups open"), N_("Follow-ups overdue"), NULL
  };
  GPtrArray *rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  GStrvBuilder *builder = g_strv_builder_new ();

  g_return_val_if_fail (figures != NULL, rows);

  for (guint i = 0; header[i]; i++)
    g_strv_builder_add (builder, _(header[i]));
  for (guint c = 0; c < PEP_N_PPPLUS_CATEGORIES; c++)
    {
      /* Translators: PP+ spent on a kind of intervention, like "PP+ on Tutoring £" */
      g_autofree char *name = g_strdup_printf (_("PP+ on %s £"), category_label (c));
      g_strv_builder_add (builder, name);
    }
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
        pep_stats_count (f->school_changes, threshold),
        pep_stats_count (f->school_change_overdue, threshold),
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
        per_pupil (f->ppplus_allocated, f->ppplus_pupils),
        per_pupil (f->ppplus_spent, f->ppplus_pupils),
        published_percent (absent, f->attendance_entered, threshold),
        pep_stats_count (f->suspended_pupils, threshold),
        pep_stats_count (f->part_time, threshold),
        pep_stats_count (f->neet, threshold),
        pep_stats_count (f->sdq_bands[2], threshold),
        pep_stats_count (f->follow_ups_open, threshold),
        pep_stats_count (f->follow_ups_overdue, threshold),
        NULL
      };

      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();

      G_STATIC_ASSERT (G_N_ELEMENTS (cells) == G_N_ELEMENTS (header));
      for (guint i = 0; cells[i]; i++)
        {
          g_strv_builder_add (row, cells[i]);
          g_free (cells[i]);
        }
      for (guint c = 0; c < PEP_N_PPPLUS_CATEGORIES; c++)
        {
          g_autofree char *spent = money (f->ppplus_by_category[c]);
          g_strv_builder_add (row, spent);
        }
      g_ptr_array_add (rows, g_strv_builder_end (row));
    }
  return rows;
}

/* g_strv_builder_take() is GLib 2.80. */
static void
builder_take (GStrvBuilder *builder,
              char         *text)
{
  g_strv_builder_add (builder, text);
  g_free (text);
}

/**
 * pep_stats_table_add_sections:
 * @table: (element-type GStrv): from pep_stats_table() over @figures
 * @figures: (element-type PepFigures): the same groups, in the same order
 * @threshold: as for pep_stats_table()
 *
 * Adds the ratings of each section (DOMAIN.md §6: "rating distribution per section") as
 * columns after the others: rated, red, amber, green, gold and AGG % for every section that
 * any group has a rating for, in the order of the PEP. A column per count rather than one
 * cell per section, so that a spreadsheet can add them up.
 */
void
pep_stats_table_add_sections (GPtrArray *table,
                              GPtrArray *figures,
                              guint      threshold)
{
  static const PepRating scale[] = { PEP_RATING_RED, PEP_RATING_AMBER, PEP_RATING_GREEN, PEP_RATING_GOLD };
  const char *columns[] = { N_("rated"), N_("red"), N_("amber"), N_("green"), N_("gold"), N_("AGG %") };
  gboolean shown[PEP_N_SECTIONS] = { FALSE };

  g_return_if_fail (table != NULL && figures != NULL && table->len == figures->len + 1);

  for (guint g = 0; g < figures->len; g++)
    for (guint s = 0; s < PEP_N_SECTIONS; s++)
      shown[s] |= ((const PepFigures *) g_ptr_array_index (figures, g))->sections[s].rated > 0;

  for (guint r = 0; r < table->len; r++)
    {
      g_autoptr(GStrvBuilder) row = g_strv_builder_new ();
      char **old = g_ptr_array_index (table, r);

      g_strv_builder_addv (row, (const char **) old);
      for (guint s = 0; s < PEP_N_SECTIONS; s++)
        {
          const PepRatingCounts *c;

          if (!shown[s])
            continue;
          if (r == 0)
            {
              for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
                /* Translators: a column of the ratings per section, like "Meeting: amber" */
                builder_take (row, g_strdup_printf (_("%s: %s"), pep_section_to_label (s), _(columns[i])));
              continue;
            }
          c = &((const PepFigures *) g_ptr_array_index (figures, r - 1))->sections[s];
          builder_take (row, pep_stats_count (c->rated, threshold));
          for (guint i = 0; i < G_N_ELEMENTS (scale); i++)
            builder_take (row, pep_stats_count (c->count[scale[i]], threshold));
          builder_take (row, published_percent (c->count[PEP_RATING_AMBER] + c->count[PEP_RATING_GREEN]
                                                       + c->count[PEP_RATING_GOLD], c->rated, threshold));
        }
      table->pdata[r] = g_strv_builder_end (row);
      g_strfreev (old);
    }
}

static char *
pseudonym (PepBreakdown breakdown,
           guint        n)
{
  switch (breakdown)
    {
    case PEP_BREAKDOWN_SCHOOL:
      /* Translators: a school in a pseudonymised table, like "School 3" */
      return g_strdup_printf (_("School %u"), n);
    case PEP_BREAKDOWN_TRUST:
      /* Translators: a multi-academy trust in a pseudonymised table, like "Trust 2" */
      return g_strdup_printf (_("Trust %u"), n);
    case PEP_BREAKDOWN_ADVISOR:
    case PEP_BREAKDOWN_NONE:
    case PEP_BREAKDOWN_YEAR:
    case PEP_BREAKDOWN_AREA:
    default:
      /* Translators: a Virtual School advisor in a pseudonymised table, like "Advisor 4" */
      return g_strdup_printf (_("Advisor %u"), n);
    }
}

/**
 * pep_stats_pseudonymise:
 * @figures: (element-type PepFigures): from pep_stats_compute(), broken down by @breakdown
 * @also: (nullable) (element-type GPtrArray): more tables of the same groups (a year's terms),
 *   renamed the same way
 *
 * For tables shared beyond the Virtual School (the pseudonymised export profile): schools,
 * trusts and advisors become "School 1", "Trust 2", "Advisor 3"…, numbered in a random order
 * made afresh each time, so that neither a name nor its place in the alphabet is left to
 * work back from. Year groups and in or out of the authority stay as they are, as do the
 * groups that name no one ("No school recorded").
 */
static int
compare_by_rank (gconstpointer a,
                 gconstpointer b,
                 gpointer      user_data)
{
  GHashTable *rank = user_data;
  guint x = GPOINTER_TO_UINT (g_hash_table_lookup (rank, (*(PepFigures * const *) a)->group));
  guint y = GPOINTER_TO_UINT (g_hash_table_lookup (rank, (*(PepFigures * const *) b)->group));

  return (x > y) - (x < y);
}

void
pep_stats_pseudonymise (GPtrArray    *figures,
                        PepBreakdown  breakdown,
                        GPtrArray    *also)
{
  const char *keep;
  g_autoptr(GPtrArray) named = NULL;
  g_autoptr(GHashTable) pseudonyms = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GHashTable) rank = g_hash_table_new (g_str_hash, g_str_equal);
  PepFigures *nobody = NULL;

  g_return_if_fail (figures != NULL);

  switch (breakdown)
    {
    case PEP_BREAKDOWN_SCHOOL:
      keep = _("No school recorded");
      break;
    case PEP_BREAKDOWN_TRUST:
      keep = _("Not in a trust");
      break;
    case PEP_BREAKDOWN_ADVISOR:
      keep = _("No advisor");
      break;
    case PEP_BREAKDOWN_NONE:
    case PEP_BREAKDOWN_YEAR:
    case PEP_BREAKDOWN_AREA:
    default:
      return;
    }

  /* Shuffle the named groups (Fisher–Yates), then number them in that order. */
  named = g_ptr_array_new ();
  for (guint g = 1; g < figures->len; g++)
    {
      PepFigures *f = g_ptr_array_index (figures, g);

      if (g_strcmp0 (f->group, keep) == 0)
        nobody = f;
      else
        g_ptr_array_add (named, f);
    }
  for (guint i = named->len; i > 1; i--)
    {
      guint j = (guint) g_random_int_range (0, (gint32) i);
      gpointer swap = named->pdata[i - 1];

      named->pdata[i - 1] = named->pdata[j];
      named->pdata[j] = swap;
    }

  /* Listed by number, the group that names no one last; the whole stays first. */
  for (guint i = 0; i < named->len; i++)
    {
      PepFigures *f = g_ptr_array_index (named, i);
      char *code = pseudonym (breakdown, i + 1);

      g_hash_table_insert (pseudonyms, f->group, g_strdup (code));
      f->group = code;
      figures->pdata[1 + i] = f;
    }
  if (nobody != NULL)
    figures->pdata[figures->len - 1] = nobody;

  /* The other tables (a year's terms) under the same names, listed in the same order. */
  for (guint i = 0; i < named->len; i++)
    g_hash_table_insert (rank, ((PepFigures *) g_ptr_array_index (named, i))->group, GUINT_TO_POINTER (i + 1));
  if (nobody != NULL)
    g_hash_table_insert (rank, nobody->group, GUINT_TO_POINTER (named->len + 1));
  for (guint t = 0; also != NULL && t < also->len; t++)
    {
      GPtrArray *table = g_ptr_array_index (also, t);

      for (guint g = 1; g < table->len; g++)
        {
          PepFigures *f = g_ptr_array_index (table, g);
          const char *code = g_hash_table_lookup (pseudonyms, f->group);

          if (code == NULL && g_strcmp0 (f->group, keep) != 0)
            code = "?";   /* not in the first table: never its real name */
          if (code != NULL)
            {
              g_free (f->group);
              f->group = g_strdup (code);
            }
        }
      if (table->len > 2)
        g_qsort_with_data (table->pdata + 1, (gint) table->len - 1, sizeof (gpointer),
                           compare_by_rank, rank);
    }
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

  /* A percentage tile: its counts now, and the percentage before. */
#define PERCENT_TILE(label_, num_, den_, prev_num_, prev_den_, target_, high_) \
  G_STMT_START { \
    PepScoreTile t = { label_, percent (num_, den_), target_, \
                       p ? percent (prev_num_, prev_den_) : NAN, high_, TRUE, num_, den_ }; \
    g_array_append_val (tiles, t); \
  } G_STMT_END

  g_return_val_if_fail (now != NULL, tiles);

  PERCENT_TILE (N_("PEP in place"), now->in_place, now->cohort, p->in_place, p->cohort, 100, TRUE);
  PERCENT_TILE (N_("Authorised"), now->authorised, now->cohort, p->authorised, p->cohort, 100, TRUE);
  PERCENT_TILE (N_("Good or better"),
                now->overall.count[PEP_RATING_GREEN] + now->overall.count[PEP_RATING_GOLD], now->overall.rated,
                p->overall.count[PEP_RATING_GREEN] + p->overall.count[PEP_RATING_GOLD], p->overall.rated,
                75, TRUE);
  PERCENT_TILE (N_("Social worker at the meeting"), now->sw_attended, now->meetings,
                p->sw_attended, p->meetings, NAN, TRUE);
  PERCENT_TILE (N_("Persistent absence"),
                now->attendance_bands[PEP_ATTENDANCE_SEVERE] + now->attendance_bands[PEP_ATTENDANCE_PERSISTENT],
                now->attendance_entered,
                p->attendance_bands[PEP_ATTENDANCE_SEVERE] + p->attendance_bands[PEP_ATTENDANCE_PERSISTENT],
                p->attendance_entered, NAN, FALSE);
#undef PERCENT_TILE
  {
    PepScoreTile t = { N_("Overdue follow-up actions"), now->follow_ups_overdue, 0,
                       p ? p->follow_ups_overdue : NAN, FALSE, FALSE, 0, 0 };
    g_array_append_val (tiles, t);
  }

  return tiles;
}
