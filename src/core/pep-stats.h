/* pep-stats.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures a Virtual School reports to committee every term (DOMAIN.md §6), computed
 * from the PEPs: compliance for a cohort, quality ratings, meetings, targets, PP+,
 * attendance and wellbeing, whole and broken down by school, trust, year group, area or
 * advisor; scorecard tiles against the previous term.
 */

#pragma once

#include "pep-authority.h"
#include "pep-calendar.h"
#include "pep-store.h"

G_BEGIN_DECLS

typedef enum
{
  PEP_BREAKDOWN_NONE,
  PEP_BREAKDOWN_SCHOOL,
  PEP_BREAKDOWN_TRUST,
  PEP_BREAKDOWN_YEAR,
  PEP_BREAKDOWN_AREA,        /* in or out of the authority */
  PEP_BREAKDOWN_ADVISOR,
} PepBreakdown;

/* Who counts in "PEP in place": a rule every authority words its own way, and every figure
 * says which rule and date it used (pep_cohort_rule_describe()). */
typedef struct
{
  int      first_year;       /* national curriculum years, from the date of birth */
  int      last_year;
  guint    min_days;         /* in care at least this many days at the as-at date, or … */
  guint    min_months;       /* … at least this many calendar months (when min_days is 0) */
  gboolean has_as_at;        /* FALSE: the term's last school day */
  GDate    as_at;
  guint       statutory_days;       /* a first PEP within this many days of entering care, */
  PepDayBasis statutory_basis;      /* … counted as working or as school days */
  gboolean has_deadline;     /* FALSE: the authority's termly deadline, or the last school day */
  GDate    deadline;         /* a deadline of the caller's own for this term, e.g. 28 November */
  guint       school_change_days;   /* a PEP review within this many days of a change of school, */
  PepDayBasis school_change_basis;  /* … counted as working or as school days */
  PepAuthority *authority;          /* whose terms, deadlines and closures; NULL: England's usual
                                     * pattern (the caller keeps it while the rule is used) */
  GPtrArray    *authorities;        /* with it, only the children under @authority count
                                     * (pep_authority_find_for_child()); NULL: every child */
  PepBreakdown filter_by;           /* only the children in one group of a breakdown, … */
  const char  *filter_group;        /* … named as the breakdown names it; NULL for everyone
                                     * (the caller keeps it while the rule is used) */
} PepCohortRule;


/* PP+ spent by the kind of intervention it funds: a target's strategy category (the
 * Education Endowment Foundation's strands, PEP_TARGET_STRATEGY_CATEGORY's choices in their
 * order), and last, spending whose kind is not recorded. */
#define PEP_N_PPPLUS_CATEGORIES 9

/* Red, amber, green and gold (PepRating); "not rated" is not counted. */
#define PEP_N_RAG_RATINGS (PEP_RATING_GOLD + 1)

typedef struct
{
  guint count[PEP_N_RAG_RATINGS];
  guint rated;               /* the sum of the four */
} PepRatingCounts;

typedef enum
{
  PEP_ATTENDANCE_SEVERE,     /* under 50 % */
  PEP_ATTENDANCE_PERSISTENT, /* 50 % to under 90 %: with severe, persistent absence */
  PEP_ATTENDANCE_BELOW,      /* 90 % to under 95 % */
  PEP_ATTENDANCE_GOOD,       /* 95 % and over */
  PEP_N_ATTENDANCE_BANDS
} PepAttendanceBand;

typedef struct
{
  char            *group;              /* NULL for the whole Virtual School */

  /* The cohort (PepCohortRule) */
  guint            cohort;
  guint            in_place;           /* a PEP completed (submitted or beyond) for the term */
  guint            meeting_held;
  guint            completed_in_time;  /* submitted by the end of the term */
  guint            authorised;         /* signed off */
  guint            overdue;            /* no completed PEP and the term has ended */
  guint            overdue_statutory;  /* new to care since the term before, first PEP not
                                        * done within the clock */
  guint            school_changes;     /* changed school since the term before */
  guint            school_change_overdue; /* … and no PEP completed within the clock */

  /* Every current PEP of the term, in the cohort or not */
  guint            plans;
  PepRatingCounts  overall;
  PepRatingCounts  sections[PEP_N_SECTIONS];
  guint            meetings;
  guint            sw_attended;
  guint            child_attended;
  guint            child_participated; /* attended, or their views recorded */
  guint            outcomes[4];        /* achieved, partially achieved, on track, not met */
  gint64           ppplus_allocated;   /* pence */
  gint64           ppplus_spent;       /* pence, on targets funded from PP+ */
  guint            ppplus_pupils;      /* with an allocation: the "per pupil" divisor */
  gint64           ppplus_by_category[PEP_N_PPPLUS_CATEGORIES];  /* pence spent */
  guint            attendance_entered;
  guint            attendance_bands[PEP_N_ATTENDANCE_BANDS];
  guint            suspended_pupils;
  guint            suspensions;
  guint            part_time;          /* school age, under 25 hours a week */
  guint            neet;
  guint            sdq_entered;
  guint            sdq_bands[3];       /* 0–13 normal, 14–16 borderline, 17–40 concern */
  guint            follow_ups_open;
  guint            follow_ups_overdue;
} PepFigures;

PepFigures *pep_figures_copy              (const PepFigures    *figures);
void        pep_figures_free              (PepFigures          *figures);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepFigures, pep_figures_free)

void        pep_cohort_rule_init          (PepCohortRule       *rule);
void        pep_cohort_rule_init_bromley  (PepCohortRule       *rule,
                                           const GDate         *as_at);
gboolean    pep_cohort_rule_init_named    (PepCohortRule       *rule,
                                           const char          *name,
                                           const GDate         *as_at);
void        pep_cohort_rule_init_for      (PepCohortRule       *rule,
                                           PepAuthority        *authority,
                                           GPtrArray           *authorities);
char       *pep_cohort_rule_describe      (const PepCohortRule *rule,
                                           const PepTermId     *term);
char       *pep_cohort_rule_describe_year (const PepCohortRule *rule);

GPtrArray  *pep_stats_compute             (PepStore            *store,
                                           const PepTermId     *term,
                                           const PepCohortRule *rule,
                                           PepBreakdown         breakdown,
                                           const GDate         *today,
                                           GError             **error);

GPtrArray  *pep_stats_compute_terms       (PepStore            *store,
                                           const PepTermId     *first,
                                           guint                n_terms,
                                           const PepCohortRule *rules,
                                           PepBreakdown         breakdown,
                                           const GDate         *today,
                                           GError             **error);
GPtrArray  *pep_stats_compute_year        (PepStore            *store,
                                           int                  academic_year,
                                           const PepCohortRule *rules,
                                           PepBreakdown         breakdown,
                                           const GDate         *today,
                                           GPtrArray          **terms,
                                           GError             **error);

int         pep_stats_nc_year             (const GDate         *dob,
                                           int                  academic_year);
char       *pep_stats_percent             (guint                numerator,
                                           guint                denominator);
char       *pep_stats_percent_digits      (guint                numerator,
                                           guint                denominator,
                                           guint                digits);
char       *pep_stats_count               (guint                count,
                                           guint                threshold);
gboolean    pep_stats_is_small            (guint                denominator);

GPtrArray  *pep_stats_table               (GPtrArray           *figures,
                                           guint                threshold);
void        pep_stats_table_add_sections  (GPtrArray           *table,
                                           GPtrArray           *figures,
                                           guint                threshold);
void        pep_stats_pseudonymise        (GPtrArray           *figures,
                                           PepBreakdown         breakdown,
                                           GPtrArray           *also);

typedef enum
{
  PEP_TREND_IMPROVED,
  PEP_TREND_SAME,
  PEP_TREND_DETERIORATED,
  PEP_TREND_NONE,            /* no previous period */
} PepTrend;

typedef struct
{
  const char *label;
  double      value;         /* percentages in percent, counts as counts */
  double      target;        /* NAN when there is none */
  double      previous;      /* NAN when there is none */
  gboolean    high_is_good;
  gboolean    is_percent;
  guint       numerator;     /* a percentage's counts, shown beside it: "408 of 411" */
  guint       denominator;
} PepScoreTile;

PepTrend    pep_score_tile_trend          (const PepScoreTile  *tile);
const char *pep_trend_symbol              (PepTrend             trend);
GArray     *pep_stats_scorecard           (const PepFigures    *now,
                                           const PepFigures    *previous);

G_END_DECLS
