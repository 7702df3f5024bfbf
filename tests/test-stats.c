/* test-stats.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The dashboard's figures on constructed cohorts, checked against values worked out by hand.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include "pep-checks.h"
#include "pep-child-history.h"
#include "pep-rubric.h"
#include "pep-stats.h"
#include "pep-workflow.h"
#include "test-util.h"

typedef struct
{
  char     *dir;
  PepStore *store;
  guint     n;
} Fixture;

static const PepTermId AUTUMN = { 2022, PEP_TERM_AUTUMN };   /* 1 Sep – 31 Dec 2022 */

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_tmpdir ();
  path = g_build_filename (f->dir, "peps.db", NULL);
  f->store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static gint64
add_school (Fixture    *f,
            gint64      urn,
            const char *name,
            gboolean    in_authority)
{
  g_autoptr(PepRecord) school = pep_record_new (PEP_TABLE_SCHOOL);
  g_autoptr(GError) error = NULL;

  pep_record_set_int (school, PEP_SCHOOL_URN, urn);
  pep_record_set_text (school, PEP_SCHOOL_NAME, name);
  pep_record_set_bool (school, PEP_SCHOOL_IN_AUTHORITY, in_authority);
  pep_store_insert_school (f->store, school, &error);
  g_assert_no_error (error);
  return urn;
}

static gint64
add_child (Fixture    *f,
           const char *dob,
           const char *entered,
           gint64      urn)
{
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("Child %u", ++f->n);

  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, name);
  pep_record_set_text (child, PEP_CHILD_DOB, dob);
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, entered);
  if (urn != 0)
    pep_record_set_int (child, PEP_CHILD_SCHOOL_URN, urn);
  pep_store_insert_child (f->store, child, &error);
  g_assert_no_error (error);
  return pep_record_get_id (child);
}

static PepPlan *
new_plan (gint64    child_id,
          PepStatus status)
{
  PepPlan *plan = pep_plan_new (child_id, &AUTUMN, PEP_KIND_SCHOOL_AGE);

  pep_plan_set_status (plan, status);
  return plan;
}

/* The steps a PEP past draft has taken, all at the store's time (pep_store_now()), as if
 * the workflow had taken them then: the figures count from these dates. */
static void
add_steps (Fixture *f,
           PepPlan *plan)
{
  g_autofree char *now = pep_store_now (f->store);
  PepStatus status = pep_plan_get_status (plan);

  if (status == PEP_STATUS_DRAFT || pep_plan_get_rows (plan, PEP_TABLE_EVENT)->len > 0)
    return;
  pep_plan_add_event (plan, "submitted", now, "A Teacher", "designated-teacher");
  if (status == PEP_STATUS_RETURNED)
    pep_plan_add_event (plan, "returned", now, "A Officer", "qa-officer");
  if (status == PEP_STATUS_APPROVED || status == PEP_STATUS_SIGNED_OFF)
    pep_plan_add_event (plan, "approved", now, "A Officer", "qa-officer");
  if (status == PEP_STATUS_SIGNED_OFF)
    pep_plan_add_event (plan, "authorised", now, "An Advisor", "advisor");
}

static void
save (Fixture *f,
      PepPlan *plan)
{
  g_autoptr(GError) error = NULL;

  add_steps (f, plan);
  pep_store_insert_plan (f->store, plan, &error);
  g_assert_no_error (error);
}

static GPtrArray *
compute (Fixture             *f,
         const PepCohortRule *rule,
         PepBreakdown         breakdown)
{
  g_autoptr(GError) error = NULL;
  GDate today;
  GPtrArray *figures;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JANUARY, 2023);
  figures = pep_stats_compute (f->store, &AUTUMN, rule, breakdown, &today, &error);
  g_assert_no_error (error);
  return figures;
}

static void
assert_percent (guint       numerator,
                guint       denominator,
                guint       digits,
                const char *expected)
{
  g_autofree char *text = pep_stats_percent_digits (numerator, denominator, digits);
  g_assert_cmpstr (text, ==, expected);
}

static void
test_percent (void)
{
  assert_percent (408, 411, 1, "99.3%");   /* Cambridgeshire's PEP in place [C] */
  assert_percent (1, 8, 1, "12.5%");
  assert_percent (1, 16, 1, "6.3%");       /* 6.25 rounds half up */
  assert_percent (1, 3, 0, "33%");
  assert_percent (2, 3, 2, "66.67%");
  assert_percent (0, 5, 1, "0.0%");
  assert_percent (5, 5, 0, "100%");
  assert_percent (3, 0, 1, "–");
}

static void
test_nc_year (void)
{
  GDate dob;

  g_date_clear (&dob, 1);
  g_date_set_dmy (&dob, 1, G_DATE_SEPTEMBER, 2017);
  g_assert_cmpint (pep_stats_nc_year (&dob, 2022), ==, 0);    /* the youngest in Reception */
  g_date_set_dmy (&dob, 31, G_DATE_AUGUST, 2017);
  g_assert_cmpint (pep_stats_nc_year (&dob, 2022), ==, 1);    /* the oldest in Year 1 */
  g_date_set_dmy (&dob, 15, G_DATE_MARCH, 2007);
  g_assert_cmpint (pep_stats_nc_year (&dob, 2022), ==, 11);
  g_date_set_dmy (&dob, 15, G_DATE_MARCH, 2020);
  g_assert_cmpint (pep_stats_nc_year (&dob, 2022), ==, -2);   /* aged two */
}

/* Cambridgeshire, Autumn 2022/23, the social-worker section: 572 PEPs, red 24 %, amber 40 %,
 * green 30 %, gold 6 %, AGG 76 % [C]. 137 + 229 + 172 + 34 = 572. */
static void
test_cambridgeshire_social_worker_row (Fixture       *f,
                                       gconstpointer  data)
{
  static const struct { const char *rating; guint n; } rows[] = {
    { "red", 137 }, { "amber", 229 }, { "green", 172 }, { "gold", 34 },
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  PepCohortRule rule;
  const PepRatingCounts *sw;
  static const char *whole[] = { "24%", "40%", "30%", "6%" };
  static const char *tenths[] = { "24.0%", "40.0%", "30.1%", "5.9%" };

  pep_store_begin (f->store, &error);
  for (guint r = 0; r < G_N_ELEMENTS (rows); r++)
    for (guint i = 0; i < rows[r].n; i++)
      {
        gint64 child = add_child (f, "2012-05-01", "2020-01-01", 0);
        g_autoptr(PepPlan) plan = new_plan (child, PEP_STATUS_SIGNED_OFF);
        PepRecord *rating = pep_plan_add_row (plan, PEP_TABLE_RATING);

        pep_record_set_text (rating, PEP_RATING_SECTION, "social-worker");
        pep_record_set_text (rating, PEP_RATING_RATING, rows[r].rating);
        save (f, plan);
      }
  pep_store_commit (f->store, &error);
  g_assert_no_error (error);

  pep_cohort_rule_init (&rule);
  figures = compute (f, &rule, PEP_BREAKDOWN_NONE);
  sw = &((PepFigures *) g_ptr_array_index (figures, 0))->sections[PEP_SECTION_SOCIAL_WORKER];
  g_assert_cmpuint (sw->rated, ==, 572);
  for (guint r = 0; r < PEP_N_RAG_RATINGS; r++)
    {
      g_autofree char *pct = pep_stats_percent_digits (sw->count[r], sw->rated, 0);
      g_autofree char *pct1 = pep_stats_percent (sw->count[r], sw->rated);

      g_assert_cmpstr (pct, ==, whole[r]);
      g_assert_cmpstr (pct1, ==, tenths[r]);
    }
  {
    g_autofree char *agg = pep_stats_percent_digits (sw->count[PEP_RATING_AMBER] + sw->count[PEP_RATING_GREEN]
                                                     + sw->count[PEP_RATING_GOLD], sw->rated, 0);
    g_assert_cmpstr (agg, ==, "76%");
  }
}

/* Who is in the cohort, at its edges, and what counts as in place. */
static void
test_cohort (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) bromley_figures = NULL;
  g_autofree char *described = NULL;
  PepCohortRule rule, bromley;
  PepFigures *all;
  GDate as_at;
  gint64 c;
  g_autoptr(PepPlan) p1 = NULL, p2 = NULL, p3 = NULL, p4 = NULL;

  /* Every PEP below is made, and so completed, on 29 November 2022. */
  {
    g_autoptr(GDateTime) made = g_date_time_new_utc (2022, 11, 29, 10, 0, 0);
    pep_store_set_fixed_time (f->store, made);
  }

  /* Year 1 (born 31 Aug 2016), in care since long ago: in, PEP signed off. */
  c = add_child (f, "2016-08-31", "2019-01-01", 0);
  save (f, p1 = new_plan (c, PEP_STATUS_SIGNED_OFF));
  /* Year 11 (born 1 Sep 2006), in care exactly a month at the term's last school day
   * (19 December, England's usual pattern): in, submitted. */
  c = add_child (f, "2006-09-01", "2022-11-19", 0);
  save (f, p2 = new_plan (c, PEP_STATUS_SUBMITTED));
  /* Year 11, in care a day less than a month: out. */
  c = add_child (f, "2006-09-01", "2022-11-20", 0);
  save (f, p3 = new_plan (c, PEP_STATUS_SUBMITTED));
  /* Reception (born 1 Sep 2017): out by default, in under Bromley's rule. Draft: not in place. */
  c = add_child (f, "2017-09-01", "2020-01-01", 0);
  save (f, p4 = new_plan (c, PEP_STATUS_DRAFT));
  /* Year 12 (born 31 Aug 2006): out. No PEP. */
  add_child (f, "2006-08-31", "2019-01-01", 0);
  /* Year 5, no PEP at all: in the cohort, not in place, overdue (the term has ended). */
  add_child (f, "2012-10-10", "2018-01-01", 0);

  pep_cohort_rule_init (&rule);
  figures = compute (f, &rule, PEP_BREAKDOWN_NONE);
  all = g_ptr_array_index (figures, 0);
  g_assert_cmpuint (all->cohort, ==, 3);
  g_assert_cmpuint (all->in_place, ==, 2);
  g_assert_cmpuint (all->authorised, ==, 1);
  g_assert_cmpuint (all->overdue, ==, 1);
  g_assert_cmpuint (all->plans, ==, 4);

  /* By the end of term both completed PEPs were in time; by an authority's own deadline of
   * 28 November, neither was. */
  {
    g_autoptr(GPtrArray) with_deadline = NULL;
    PepCohortRule early = rule;
    PepFigures *in_time;

    early.has_deadline = TRUE;
    g_date_set_dmy (&early.deadline, 28, G_DATE_NOVEMBER, 2022);
    with_deadline = compute (f, &early, PEP_BREAKDOWN_NONE);
    in_time = g_ptr_array_index (with_deadline, 0);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index (figures, 0))->completed_in_time, ==, 2);
    g_assert_cmpuint (in_time->completed_in_time, ==, 0);
    g_assert_cmpuint (in_time->overdue, ==, 1);
  }

  /* Bromley: school age, 28 days, as at 30 November 2022. */
  g_date_clear (&as_at, 1);
  g_date_set_dmy (&as_at, 30, G_DATE_NOVEMBER, 2022);
  pep_cohort_rule_init_bromley (&bromley, &as_at);
  bromley_figures = compute (f, &bromley, PEP_BREAKDOWN_NONE);
  all = g_ptr_array_index (bromley_figures, 0);
  /* Year 1, Reception and Year 5 are in; both Year 11s entered care too late for 30 Nov. */
  g_assert_cmpuint (all->cohort, ==, 3);
  g_assert_cmpuint (all->in_place, ==, 1);

  described = pep_cohort_rule_describe (&bromley, &AUTUMN);
  g_assert_cmpstr (described, ==, "Reception to Year 11, in care at least 28 days, as at 30 Nov 2022");
}

/* The PEP-level figures, each at its band edges. */
static void
test_plan_figures (Fixture       *f,
                   gconstpointer  data)
{
  static const double attendance[] = { 49.9, 50.0, 89.9, 90.0, 94.9, 95.0 };
  static const gint64 sdq[] = { 13, 14, 16, 17, 40, -1 };
  g_autoptr(GPtrArray) figures = NULL;
  PepCohortRule rule;
  PepFigures *all;

  for (guint i = 0; i < G_N_ELEMENTS (attendance); i++)
    {
      gint64 c = add_child (f, "2012-05-01", "2020-01-01", 0);
      g_autoptr(PepPlan) plan = new_plan (c, PEP_STATUS_SUBMITTED);
      PepRecord *content = pep_plan_get_content (plan);
      PepRecord *row;

      pep_record_set_real (content, PEP_PLAN_ATTENDANCE_TERM, attendance[i]);
      if (sdq[i] >= 0)
        pep_record_set_int (content, PEP_PLAN_SDQ_TOTAL, sdq[i]);
      pep_record_set_text (content, PEP_PLAN_MEETING_DATE, "2022-10-10");
      pep_record_set_bool (content, PEP_PLAN_ATTENDED_SW, i < 4);            /* 4 of 6 */
      pep_record_set_bool (content, PEP_PLAN_ATTENDED_CHILD, i < 2);         /* 2 of 6 … */
      if (i == 2)
        pep_record_set_text (content, PEP_PLAN_VOICE_HOPES, "A vet");       /* … +1 views */
      pep_record_set_int (content, PEP_PLAN_PPPLUS_ALLOCATED, 40000);
      pep_record_set_int (content, PEP_PLAN_SUSPENSIONS, i == 0 ? 2 : 0);
      pep_record_set_real (content, PEP_PLAN_HOURS_PER_WEEK, i == 1 ? 24.5 : 25);
      if (i == 5)
        pep_record_set_text (content, PEP_PLAN_POST16_STATUS, "neet");

      row = pep_plan_add_row (plan, PEP_TABLE_TARGET);
      pep_record_set_int (row, PEP_TARGET_FUNDING_AMOUNT, 25000);
      pep_record_set_text (row, PEP_TARGET_FUNDING_SOURCE, i % 2 ? "ppplus" : "school-budget");
      if (i == 1 || i == 2)
        pep_record_set_text (row, PEP_TARGET_STRATEGY_CATEGORY, "tutoring");
      else if (i == 5)
        pep_record_set_text (row, PEP_TARGET_STRATEGY_CATEGORY, "other");
      row = pep_plan_add_row (plan, PEP_TABLE_TARGET_REVIEW);
      pep_record_set_text (row, PEP_TARGET_REVIEW_OUTCOME, i < 3 ? "achieved" : "not-met");
      row = pep_plan_add_row (plan, PEP_TABLE_FOLLOW_UP);
      pep_record_set_text (row, PEP_FOLLOW_UP_STATUS, i < 4 ? "open" : "done");
      pep_record_set_text (row, PEP_FOLLOW_UP_DUE, i < 2 ? "2023-01-10" : "2023-02-01");
      pep_record_set_text (content, PEP_PLAN_QA_OVERALL, i < 3 ? "green" : i < 5 ? "amber" : "gold");
      save (f, plan);
    }

  pep_cohort_rule_init (&rule);
  figures = compute (f, &rule, PEP_BREAKDOWN_NONE);
  all = g_ptr_array_index (figures, 0);
  g_assert_cmpuint (all->plans, ==, 6);
  g_assert_cmpuint (all->meetings, ==, 6);
  g_assert_cmpuint (all->sw_attended, ==, 4);
  g_assert_cmpuint (all->child_attended, ==, 2);
  g_assert_cmpuint (all->child_participated, ==, 3);
  g_assert_cmpuint (all->attendance_bands[PEP_ATTENDANCE_SEVERE], ==, 1);
  g_assert_cmpuint (all->attendance_bands[PEP_ATTENDANCE_PERSISTENT], ==, 2);
  g_assert_cmpuint (all->attendance_bands[PEP_ATTENDANCE_BELOW], ==, 2);
  g_assert_cmpuint (all->attendance_bands[PEP_ATTENDANCE_GOOD], ==, 1);
  g_assert_cmpuint (all->sdq_entered, ==, 5);
  g_assert_cmpuint (all->sdq_bands[0], ==, 1);
  g_assert_cmpuint (all->sdq_bands[1], ==, 2);
  g_assert_cmpuint (all->sdq_bands[2], ==, 2);
  g_assert_cmpuint (all->suspended_pupils, ==, 1);
  g_assert_cmpuint (all->suspensions, ==, 2);
  g_assert_cmpuint (all->part_time, ==, 1);
  g_assert_cmpuint (all->neet, ==, 1);
  g_assert_cmpint (all->ppplus_allocated, ==, 6 * 40000);
  g_assert_cmpint (all->ppplus_spent, ==, 3 * 25000);
  g_assert_cmpuint (all->ppplus_pupils, ==, 6);
  {
    const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_TARGET, PEP_TARGET_STRATEGY_CATEGORY);
    guint n = 0;

    while (info->choices[n].nick != NULL)
      n++;
    g_assert_cmpuint (n, ==, PEP_N_PPPLUS_CATEGORIES - 1);   /* a slot per kind, and "not recorded" */
  }
  /* By the kind of intervention: only PP+ counts (the second tutoring target is the school's). */
  g_assert_cmpint (all->ppplus_by_category[6], ==, 25000);                           /* tutoring */
  g_assert_cmpint (all->ppplus_by_category[7], ==, 25000);                           /* other */
  g_assert_cmpint (all->ppplus_by_category[PEP_N_PPPLUS_CATEGORIES - 1], ==, 25000); /* not recorded */
  {
    g_autoptr(GPtrArray) table = pep_stats_table (figures, 0);
    char **header = g_ptr_array_index (table, 0), **whole = g_ptr_array_index (table, 1);
    guint found = 0;

    for (guint i = 0; header[i] != NULL; i++)
      {
        if (g_str_equal (header[i], "PP+ allocated per pupil £"))
          found += g_str_equal (whole[i], "400.00");
        if (g_str_equal (header[i], "PP+ spent per pupil £"))
          found += g_str_equal (whole[i], "125.00");
        if (g_str_equal (header[i], "PP+ on Tutoring £"))
          found += g_str_equal (whole[i], "250.00");
        if (g_str_equal (header[i], "PP+ on kind not recorded £"))
          found += g_str_equal (whole[i], "250.00");
      }
    g_assert_cmpuint (found, ==, 4);
    g_assert_cmpuint (g_strv_length (header), ==, g_strv_length (whole));
  }
  g_assert_cmpuint (all->outcomes[0], ==, 3);
  g_assert_cmpuint (all->outcomes[3], ==, 3);
  g_assert_cmpuint (all->follow_ups_open, ==, 4);
  g_assert_cmpuint (all->follow_ups_overdue, ==, 2);
  g_assert_cmpuint (all->overall.rated, ==, 6);
  g_assert_cmpuint (all->overall.count[PEP_RATING_GREEN], ==, 3);
  g_assert_cmpuint (all->overall.count[PEP_RATING_GOLD], ==, 1);
}

/* A superseded PEP gives way to its amendment; a draft amendment does not count yet. */
static void
test_current_plan (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  gint64 a = add_child (f, "2012-05-01", "2020-01-01", 0);
  gint64 b = add_child (f, "2012-05-01", "2020-01-01", 0);
  g_autoptr(PepPlan) a_old = new_plan (a, PEP_STATUS_SIGNED_OFF);
  g_autoptr(PepPlan) a_new = NULL;
  g_autoptr(PepPlan) b_old = new_plan (b, PEP_STATUS_SIGNED_OFF);
  g_autoptr(PepPlan) b_new = NULL;
  PepCohortRule rule;
  PepFigures *all;

  /* Both done on 10 November; A amended after the term, on 10 January. */
  {
    g_autoptr(GDateTime) november = g_date_time_new_utc (2022, 11, 10, 10, 0, 0);
    pep_store_set_fixed_time (f->store, november);
  }
  save (f, a_old);
  save (f, b_old);
  a_new = new_plan (a, PEP_STATUS_SIGNED_OFF);
  pep_plan_set_amends_id (a_new, pep_plan_get_id (a_old));
  {
    g_autoptr(GDateTime) january = g_date_time_new_utc (2023, 1, 10, 10, 0, 0);
    pep_store_set_fixed_time (f->store, january);
  }
  save (f, a_new);
  pep_store_set_plan_status (f->store, a_old, PEP_STATUS_SUPERSEDED, &error);
  g_assert_no_error (error);
  b_new = new_plan (b, PEP_STATUS_DRAFT);
  pep_plan_set_amends_id (b_new, pep_plan_get_id (b_old));
  save (f, b_new);

  pep_cohort_rule_init (&rule);
  figures = compute (f, &rule, PEP_BREAKDOWN_NONE);
  all = g_ptr_array_index (figures, 0);
  g_assert_cmpuint (all->plans, ==, 2);
  g_assert_cmpuint (all->cohort, ==, 2);
  g_assert_cmpuint (all->authorised, ==, 2);
  /* An amendment was completed when the PEP it amends was: both in time. */
  g_assert_cmpuint (all->completed_in_time, ==, 2);
}

static void
test_breakdown_and_suppression (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(GPtrArray) figures = NULL;
  gint64 oak = add_school (f, 100001, "Oakfield Primary", TRUE);
  gint64 elm = add_school (f, 100002, "Elmwood Academy", FALSE);
  PepCohortRule rule;
  PepFigures *first, *second;

  for (guint i = 0; i < 12; i++)
    add_child (f, "2012-05-01", "2020-01-01", oak);
  for (guint i = 0; i < 3; i++)
    add_child (f, "2012-05-01", "2020-01-01", elm);

  pep_cohort_rule_init (&rule);
  figures = compute (f, &rule, PEP_BREAKDOWN_SCHOOL);
  g_assert_cmpuint (figures->len, ==, 3);
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (figures, 0))->cohort, ==, 15);
  first = g_ptr_array_index (figures, 1);
  second = g_ptr_array_index (figures, 2);
  g_assert_cmpstr (first->group, ==, "Elmwood Academy");
  g_assert_cmpuint (first->cohort, ==, 3);
  g_assert_true (pep_stats_is_small (first->cohort));
  g_assert_cmpstr (second->group, ==, "Oakfield Primary");
  g_assert_cmpuint (second->cohort, ==, 12);
  g_assert_false (pep_stats_is_small (second->cohort));

  g_clear_pointer (&figures, g_ptr_array_unref);
  figures = compute (f, &rule, PEP_BREAKDOWN_AREA);
  g_assert_cmpstr (((PepFigures *) g_ptr_array_index (figures, 1))->group, ==, "In the authority");
  g_assert_cmpstr (((PepFigures *) g_ptr_array_index (figures, 2))->group, ==, "Out of the authority");

  /* Only one school's children, however it is typed; broken down another way. */
  {
    g_autoptr(GPtrArray) only = NULL;
    g_autofree char *described = NULL;
    PepCohortRule one = rule;

    one.filter_by = PEP_BREAKDOWN_SCHOOL;
    one.filter_group = "elmwood ACADEMY";
    only = compute (f, &one, PEP_BREAKDOWN_AREA);
    g_assert_cmpuint (only->len, ==, 2);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index (only, 0))->cohort, ==, 3);
    g_assert_cmpstr (((PepFigures *) g_ptr_array_index (only, 1))->group, ==, "Out of the authority");
    described = pep_cohort_rule_describe (&one, &AUTUMN);
    g_assert_true (g_str_has_suffix (described, "; only elmwood ACADEMY"));

    /* A group no child is in: nobody, not everybody. */
    g_clear_pointer (&only, g_ptr_array_unref);
    one.filter_by = PEP_BREAKDOWN_YEAR;
    one.filter_group = "Year 04";
    only = compute (f, &one, PEP_BREAKDOWN_NONE);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index (only, 0))->cohort, ==, 0);
    g_clear_pointer (&only, g_ptr_array_unref);
    one.filter_group = "year 06";   /* born May 2012: Year 6 in 2022/23 */
    only = compute (f, &one, PEP_BREAKDOWN_NONE);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index (only, 0))->cohort, ==, 15);
  }

  {
    g_autofree char *c = pep_stats_count (3, 5);
    g_autofree char *zero = pep_stats_count (0, 5);
    g_autofree char *shown = pep_stats_count (12, 5);
    g_autofree char *all_shown = pep_stats_count (3, 0);

    g_assert_cmpstr (c, ==, "c");
    g_assert_cmpstr (zero, ==, "0");
    g_assert_cmpstr (shown, ==, "12");
    g_assert_cmpstr (all_shown, ==, "3");
  }
}

/* Shared beyond the Virtual School: no school's name, nor its place in the alphabet. */
static void
test_pseudonymise (Fixture       *f,
                   gconstpointer  data)
{
  gint64 oak = add_school (f, 100001, "Oakfield Primary", TRUE);
  gint64 elm = add_school (f, 100002, "Elmwood Academy", FALSE);
  gint64 ash = add_school (f, 100003, "Ashby Church School", TRUE);
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);
  PepCohortRule rule;
  guint cohort_sum = 0;

  for (guint i = 0; i < 12; i++)
    add_child (f, "2012-05-01", "2020-01-01", oak);
  for (guint i = 0; i < 3; i++)
    add_child (f, "2012-05-01", "2020-01-01", elm);
  for (guint i = 0; i < 5; i++)
    add_child (f, "2012-05-01", "2020-01-01", ash);
  add_child (f, "2012-05-01", "2020-01-01", 0);

  pep_cohort_rule_init (&rule);
  for (guint run = 0; run < 20; run++)
    {
      g_autoptr(GPtrArray) figures = compute (f, &rule, PEP_BREAKDOWN_SCHOOL);
      g_autoptr(GPtrArray) table = NULL;

      pep_stats_pseudonymise (figures, PEP_BREAKDOWN_SCHOOL, NULL);
      g_assert_cmpuint (figures->len, ==, 5);
      g_assert_null (((PepFigures *) g_ptr_array_index (figures, 0))->group);
      g_assert_cmpstr (((PepFigures *) g_ptr_array_index (figures, 1))->group, ==, "School 1");
      g_assert_cmpstr (((PepFigures *) g_ptr_array_index (figures, 2))->group, ==, "School 2");
      g_assert_cmpstr (((PepFigures *) g_ptr_array_index (figures, 3))->group, ==, "School 3");
      g_assert_cmpstr (((PepFigures *) g_ptr_array_index (figures, 4))->group, ==, "No school recorded");
      g_assert_cmpuint (((PepFigures *) g_ptr_array_index (figures, 4))->cohort, ==, 1);

      /* The same figures, under other names: nothing lost, no name left. */
      cohort_sum = 0;
      for (guint g = 1; g < 4; g++)
        cohort_sum += ((PepFigures *) g_ptr_array_index (figures, g))->cohort;
      g_assert_cmpuint (cohort_sum, ==, 20);
      table = pep_stats_table (figures, 0);
      for (guint r = 0; r < table->len; r++)
        for (char **cell = g_ptr_array_index (table, r); *cell != NULL; cell++)
          g_assert_null (strstr (*cell, "Oakfield"));
      /* Which school is "School 1" is not always the same one. */
      g_hash_table_add (seen, GUINT_TO_POINTER (((PepFigures *) g_ptr_array_index (figures, 1))->cohort));
    }
  g_assert_cmpuint (g_hash_table_size (seen), >, 1);
}

/* A read the dashboard no longer wants stops: cancelled, it fails rather than read on. */
static void
test_cancelled (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;
  PepCohortRule rule;
  GDate today;

  for (guint i = 0; i < 100; i++)
    add_child (f, "2012-05-01", "2020-01-01", 0);
  pep_cohort_rule_init (&rule);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JANUARY, 2023);

  pep_store_set_cancellable (f->store, cancellable);
  figures = pep_stats_compute (f->store, &AUTUMN, &rule, PEP_BREAKDOWN_NONE, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (figures, 0))->cohort, ==, 100);
  g_clear_pointer (&figures, g_ptr_array_unref);

  g_cancellable_cancel (cancellable);
  figures = pep_stats_compute (f->store, &AUTUMN, &rule, PEP_BREAKDOWN_NONE, &today, &error);
  g_assert_null (figures);
  g_assert_nonnull (error);
  g_clear_error (&error);

  /* No longer watched: the store reads again. */
  pep_store_set_cancellable (f->store, NULL);
  figures = pep_stats_compute (f->store, &AUTUMN, &rule, PEP_BREAKDOWN_NONE, &today, &error);
  g_assert_no_error (error);
}

static void
test_scorecard (void)
{
  PepFigures now = { 0 }, before = { 0 };
  g_autoptr(GArray) tiles = NULL;
  PepScoreTile *in_place, *absence;

  now.cohort = 411;
  now.in_place = 408;
  before.cohort = 400;
  before.in_place = 390;
  now.attendance_entered = before.attendance_entered = 100;
  now.attendance_bands[PEP_ATTENDANCE_PERSISTENT] = 20;
  before.attendance_bands[PEP_ATTENDANCE_PERSISTENT] = 15;

  tiles = pep_stats_scorecard (&now, &before);
  in_place = &g_array_index (tiles, PepScoreTile, 0);
  g_assert_cmpfloat_with_epsilon (in_place->value, 99.27, 0.01);
  g_assert_cmpuint (in_place->numerator, ==, 408);     /* shown beside it: "408 of 411" */
  g_assert_cmpuint (in_place->denominator, ==, 411);
  g_assert_cmpfloat (in_place->target, ==, 100);
  g_assert_cmpint (pep_score_tile_trend (in_place), ==, PEP_TREND_IMPROVED);
  g_assert_cmpstr (pep_trend_symbol (pep_score_tile_trend (in_place)), ==, "▲");

  absence = &g_array_index (tiles, PepScoreTile, 4);
  g_assert_false (absence->high_is_good);
  g_assert_cmpint (pep_score_tile_trend (absence), ==, PEP_TREND_DETERIORATED);

  g_clear_pointer (&tiles, g_array_unref);
  tiles = pep_stats_scorecard (&now, NULL);
  g_assert_cmpint (pep_score_tile_trend (&g_array_index (tiles, PepScoreTile, 0)), ==, PEP_TREND_NONE);
  g_assert_true (isnan (g_array_index (tiles, PepScoreTile, 3).value));   /* no meetings */
}

/* A PEP for @term, completed (or last touched) on @day of 2022–23. */
static void
save_in (Fixture         *f,
         gint64           child_id,
         const PepTermId *term,
         PepStatus        status,
         const char      *day,
         void           (*fill) (PepRecord *content, gpointer data),
         gpointer         data)
{
  g_autoptr(PepPlan) plan = pep_plan_new (child_id, term, PEP_KIND_SCHOOL_AGE);
  g_autoptr(GDateTime) made = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *iso = g_strdup_printf ("%sT10:00:00Z", day);

  made = g_date_time_new_from_iso8601 (iso, utc);
  g_assert_nonnull (made);
  pep_store_set_fixed_time (f->store, made);
  pep_plan_set_status (plan, status);
  if (fill != NULL)
    fill (pep_plan_get_content (plan), data);
  save (f, plan);
}

/* The first PEP's statutory clock: 20 working days from entering care, for children of the
 * cohort's years however short their time in care. The terms always meet (one term model):
 * the summer holidays belong to the summer term, with an authority's own dates too. */
static void
test_statutory (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GPtrArray) built_in = NULL;
  g_autoptr(GPtrArray) with_gap = NULL;
  g_autoptr(PepAuthority) authority = pep_authority_new ();
  PepTermId summer = { 2021, PEP_TERM_SUMMER };
  PepCohortRule rule;
  GDate first, last;
  gint64 c;

  /* Entered in the holidays; 20 working days ran out on 8 September (29 August is a bank
   * holiday); completed 29 November: late. */
  c = add_child (f, "2012-10-10", "2022-08-10", 0);
  save_in (f, c, &AUTUMN, PEP_STATUS_SUBMITTED, "2022-11-29", NULL, NULL);
  /* Entered 3 October, completed 20 October, the 13th working day: in time. */
  c = add_child (f, "2012-10-10", "2022-10-03", 0);
  save_in (f, c, &AUTUMN, PEP_STATUS_SUBMITTED, "2022-10-20", NULL, NULL);
  /* Entered 1 December, no PEP; the clock ran out on 3 January (bank holidays 26, 27 Dec and
   * 2 Jan): overdue on 15 January, though not yet a month in care at the end of term. */
  add_child (f, "2012-10-10", "2022-12-01", 0);
  /* Entered 15 December: the clock runs to 17 January, not yet overdue. */
  add_child (f, "2012-10-10", "2022-12-15", 0);
  /* Year 12: outside the cohort's years, not counted. */
  add_child (f, "2006-08-31", "2022-12-01", 0);
  /* Entered 12 December; the first PEP is next term's, completed 5 January, inside the days
   * that run to 12 January: not overdue in the autumn figures, though autumn has no PEP. */
  {
    static const PepTermId spring = { 2022, PEP_TERM_SPRING };

    c = add_child (f, "2012-10-10", "2022-12-12", 0);
    save_in (f, c, &spring, PEP_STATUS_SUBMITTED, "2023-01-05", NULL, NULL);
  }

  pep_cohort_rule_init (&rule);
  built_in = compute (f, &rule, PEP_BREAKDOWN_NONE);
  /* The built-in terms meet: 10 August is in the summer term, whose figures count it. */
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (built_in, 0))->overdue_statutory, ==, 1);
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (built_in, 0))->cohort, ==, 2);

  /* An authority's own dates: summer ends 22 July, autumn runs 5 September to 16 December. */
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_dmy (&first, 20, G_DATE_APRIL, 2022);
  g_date_set_dmy (&last, 22, G_DATE_JULY, 2022);
  g_assert_true (pep_authority_set_term (authority, &summer, &first, &last, NULL, NULL));
  g_date_set_dmy (&first, 5, G_DATE_SEPTEMBER, 2022);
  g_date_set_dmy (&last, 16, G_DATE_DECEMBER, 2022);
  g_assert_true (pep_authority_set_term (authority, &AUTUMN, &first, &last, NULL, NULL));
  rule.authority = authority;
  with_gap = compute (f, &rule, PEP_BREAKDOWN_NONE);
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (with_gap, 0))->overdue_statutory, ==, 1);
  pep_authority_term_span (authority, &summer, &first, &last);
  g_assert_cmpint (g_date_get_day (&last), ==, 4);        /* the day before autumn's first */
  g_assert_cmpint (g_date_get_month (&last), ==, G_DATE_SEPTEMBER);
}

static gint64
add_mover (Fixture    *f,
           const char *entered,
           const char *school_start)
{
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("Child %u", ++f->n);

  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, name);
  pep_record_set_text (child, PEP_CHILD_DOB, "2012-10-10");
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, entered);
  /* A school of their own: a start is at a school. */
  pep_record_set_int (child, PEP_CHILD_SCHOOL_URN, add_school (f, 200000 + f->n, name, TRUE));
  pep_record_set_text (child, PEP_CHILD_SCHOOL_START, school_start);
  pep_store_insert_child (f->store, child, &error);
  g_assert_no_error (error);
  return pep_record_get_id (child);
}

/* A change of school: the first PEP completed after it is due within the rule's days,
 * counted as working days or as school days. */
static void
test_school_change (Fixture       *f,
                    gconstpointer  data)
{
  static const char *half_term[] = { "2022-10-10..2022-10-14", NULL };
  g_autoptr(GPtrArray) working = NULL;
  g_autoptr(PepAuthority) authority = pep_authority_new ();
  g_autoptr(GPtrArray) school = NULL;
  g_autoptr(GPtrArray) unscheduled = NULL;
  g_autoptr(GError) error = NULL;
  PepCohortRule rule;
  const PepFigures *all;
  gint64 c, december;

  /* Started Monday 3 October; ten working days run to 17 October. Reviewed on the 12th: in
   * time. */
  c = add_mover (f, "2018-01-01", "2022-10-03");
  save_in (f, c, &AUTUMN, PEP_STATUS_SUBMITTED, "2022-10-12", NULL, NULL);
  /* Reviewed on 29 November: late. */
  c = add_mover (f, "2018-01-01", "2022-10-03");
  save_in (f, c, &AUTUMN, PEP_STATUS_SUBMITTED, "2022-11-29", NULL, NULL);
  /* Reviewed on 20 October: late in working days; in time in school days, half term
   * 10–14 October not counting (the days run to 24 October). */
  c = add_mover (f, "2018-01-01", "2022-10-03");
  save_in (f, c, &AUTUMN, PEP_STATUS_SUBMITTED, "2022-10-20", NULL, NULL);
  /* Started 12 December, nothing since: the days ran out on 28 December. */
  december = add_mover (f, "2018-01-01", "2022-12-12");
  /* Came into care and to the school on one day: the new-to-care clock's, not a change. */
  add_mover (f, "2022-10-03", "2022-10-03");
  /* Changed school last term: not this term's. */
  c = add_mover (f, "2018-01-01", "2022-06-01");
  save_in (f, c, &AUTUMN, PEP_STATUS_DRAFT, "2022-11-01", NULL, NULL);

  pep_cohort_rule_init (&rule);
  g_assert_cmpuint (rule.school_change_days, ==, 10);
  working = compute (f, &rule, PEP_BREAKDOWN_NONE);
  all = g_ptr_array_index (working, 0);
  g_assert_cmpuint (all->school_changes, ==, 4);
  g_assert_cmpuint (all->school_change_overdue, ==, 3);

  rule.school_change_basis = PEP_DAYS_SCHOOL;
  g_assert_true (pep_authority_set_closures (authority, 2022, half_term, &error));
  g_assert_no_error (error);
  rule.authority = authority;
  school = compute (f, &rule, PEP_BREAKDOWN_NONE);
  rule.authority = NULL;
  all = g_ptr_array_index (school, 0);
  g_assert_cmpuint (all->school_changes, ==, 4);
  g_assert_cmpuint (all->school_change_overdue, ==, 2);

  /* An unscheduled review counts as the review: the one started 12 December, reviewed on
   * 21 December. */
  {
    g_autoptr(PepPlan) review = pep_plan_new (december, &AUTUMN, PEP_KIND_SCHOOL_AGE);
    g_autoptr(GDateTime) made = g_date_time_new_utc (2022, 12, 21, 10, 0, 0);

    pep_plan_set_review_reason (review, "Change of school");
    pep_plan_set_status (review, PEP_STATUS_SUBMITTED);
    pep_store_set_fixed_time (f->store, made);
    save (f, review);
  }
  rule.school_change_basis = PEP_DAYS_WORKING;
  unscheduled = compute (f, &rule, PEP_BREAKDOWN_NONE);
  all = g_ptr_array_index (unscheduled, 0);
  g_assert_cmpuint (all->school_change_overdue, ==, 2);
  g_assert_cmpuint (all->plans, ==, 4);   /* the review is not the term's PEP */
}

static void
fill_term (PepRecord *content,
           gpointer   data)
{
  const double *values = data;   /* attendance, suspensions, SDQ (−1: none) */

  pep_record_set_real (content, PEP_PLAN_ATTENDANCE_TERM, values[0]);
  pep_record_set_int (content, PEP_PLAN_SUSPENSIONS, (gint64) values[1]);
  if (values[2] >= 0)
    pep_record_set_int (content, PEP_PLAN_SDQ_TOTAL, (gint64) values[2]);
}

/* An academic year: cohort figures count PEPs due across its terms, pupil figures count
 * each child once. Worked out by hand. */
static void
test_year (Fixture       *f,
           gconstpointer  data)
{
  static const PepTermId spring = { 2022, PEP_TERM_SPRING };
  static const PepTermId summer = { 2022, PEP_TERM_SUMMER };
  static const double a_autumn[] = { 80, 1, -1 }, a_spring[] = { 100, 2, -1 };
  static const double b_autumn[] = { 85, 0, 20 }, b_spring[] = { 88, 0, -1 }, b_summer[] = { 86, 0, 12 };
  g_autoptr(GPtrArray) year = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *in_place = NULL;
  PepCohortRule rules[PEP_N_TERMS];
  const PepFigures *all, *autumn;
  GDate today;
  gint64 a, b, c;

  /* A, Year 5: autumn submitted, spring signed off, no summer PEP. Attendance 80 % and
   * 100 %: 90 % over the year, not persistently absent, though one term was. */
  a = add_child (f, "2012-10-10", "2018-01-01", 0);
  save_in (f, a, &AUTUMN, PEP_STATUS_SUBMITTED, "2022-11-01", fill_term, (gpointer) a_autumn);
  save_in (f, a, &spring, PEP_STATUS_SIGNED_OFF, "2023-02-01", fill_term, (gpointer) a_spring);
  /* B, Year 5: autumn still a draft, spring and summer submitted. Attendance 85, 88, 86 %:
   * persistently absent. SDQ 20 in autumn, 12 in summer: the latest, normal. */
  b = add_child (f, "2012-10-10", "2018-01-01", 0);
  save_in (f, b, &AUTUMN, PEP_STATUS_DRAFT, "2022-11-01", fill_term, (gpointer) b_autumn);
  save_in (f, b, &spring, PEP_STATUS_SUBMITTED, "2023-02-01", fill_term, (gpointer) b_spring);
  save_in (f, b, &summer, PEP_STATUS_SUBMITTED, "2023-06-01", fill_term, (gpointer) b_summer);
  /* C, Year 12: PEPs every term, outside the cohort. */
  c = add_child (f, "2006-08-31", "2018-01-01", 0);
  save_in (f, c, &AUTUMN, PEP_STATUS_SUBMITTED, "2022-11-01", NULL, NULL);
  save_in (f, c, &spring, PEP_STATUS_SUBMITTED, "2023-02-01", NULL, NULL);
  save_in (f, c, &summer, PEP_STATUS_SUBMITTED, "2023-06-01", NULL, NULL);

  for (guint t = 0; t < PEP_N_TERMS; t++)
    pep_cohort_rule_init (&rules[t]);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_SEPTEMBER, 2023);
  year = pep_stats_compute_year (f->store, 2022, rules, PEP_BREAKDOWN_NONE, &today, &terms, &error);
  g_assert_no_error (error);
  all = g_ptr_array_index (year, 0);

  /* Six PEPs due (A and B, three terms); four in place; one authorised; two overdue (A's
   * summer, B's autumn). */
  g_assert_cmpuint (all->cohort, ==, 6);
  g_assert_cmpuint (all->in_place, ==, 4);
  g_assert_cmpuint (all->authorised, ==, 1);
  g_assert_cmpuint (all->overdue, ==, 2);
  in_place = pep_stats_percent (all->in_place, all->cohort);
  g_assert_cmpstr (in_place, ==, "66.7%");
  g_assert_cmpuint (all->plans, ==, 8);

  /* Per pupil: A at 90 % (below 95), B at 86.3 % (persistent); one suspended pupil with three
   * suspensions; one SDQ, the latest, normal. */
  g_assert_cmpuint (all->attendance_entered, ==, 2);
  g_assert_cmpuint (all->attendance_bands[PEP_ATTENDANCE_BELOW], ==, 1);
  g_assert_cmpuint (all->attendance_bands[PEP_ATTENDANCE_PERSISTENT], ==, 1);
  g_assert_cmpuint (all->attendance_bands[PEP_ATTENDANCE_GOOD], ==, 0);
  g_assert_cmpuint (all->suspended_pupils, ==, 1);
  g_assert_cmpuint (all->suspensions, ==, 3);
  g_assert_cmpuint (all->sdq_entered, ==, 1);
  g_assert_cmpuint (all->sdq_bands[0], ==, 1);
  g_assert_cmpuint (all->sdq_bands[2], ==, 0);

  /* Halfway through the autumn term the year so far is the autumn term. */
  {
    g_autoptr(GPtrArray) so_far = NULL;
    const PepFigures *whole;

    g_autoptr(GPtrArray) so_far_terms = NULL;

    g_date_set_dmy (&today, 1, G_DATE_DECEMBER, 2022);
    so_far = pep_stats_compute_year (f->store, 2022, rules, PEP_BREAKDOWN_NONE, &today, &so_far_terms, &error);
    g_assert_no_error (error);
    whole = g_ptr_array_index (so_far, 0);
    g_assert_cmpuint (whole->cohort, ==, 2);
    g_assert_cmpuint (whole->in_place, ==, 1);
    g_assert_cmpuint (whole->plans, ==, 3);
    g_assert_cmpuint (whole->attendance_bands[PEP_ATTENDANCE_PERSISTENT], ==, 2);   /* 80 %, 85 % */
    /* The terms to come are nothing yet, so that the terms add up to the year. */
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index ((GPtrArray *) g_ptr_array_index (so_far_terms, 1), 0))->cohort, ==, 0);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index ((GPtrArray *) g_ptr_array_index (so_far_terms, 2), 0))->plans, ==, 0);
  }

  /* The terms, as each term alone would give them. */
  g_assert_cmpuint (terms->len, ==, PEP_N_TERMS);
  autumn = g_ptr_array_index ((GPtrArray *) g_ptr_array_index (terms, 0), 0);
  g_assert_cmpuint (autumn->cohort, ==, 2);
  g_assert_cmpuint (autumn->in_place, ==, 1);
  g_assert_cmpuint (autumn->attendance_bands[PEP_ATTENDANCE_PERSISTENT], ==, 2);
  g_assert_cmpuint (autumn->sdq_bands[2], ==, 1);
}

/* A year split by school: a child who moves counts as a PP+ pupil in each school that had
 * their money, and once in the whole. */
static void
test_year_mover (Fixture       *f,
                 gconstpointer  data)
{
  gint64 ash = add_school (f, 100001, "Ashby Primary", TRUE);
  gint64 beech = add_school (f, 100002, "Beech Primary", TRUE);
  g_autoptr(GPtrArray) year = NULL;
  g_autoptr(GError) error = NULL;
  PepCohortRule rules[PEP_N_TERMS];
  gint64 c = add_child (f, "2012-10-10", "2018-01-01", ash);
  GDate today;

  for (guint t = 0; t < PEP_N_TERMS; t++)
    {
      PepTermId term = { 2022, (PepTerm) t };
      g_autoptr(PepPlan) plan = pep_plan_new (c, &term, PEP_KIND_SCHOOL_AGE);

      pep_plan_set_status (plan, PEP_STATUS_SUBMITTED);
      pep_plan_set_school_urn (plan, t < 2 ? ash : beech);
      pep_record_set_int (pep_plan_get_content (plan), PEP_PLAN_PPPLUS_ALLOCATED, 60000);
      save (f, plan);
      pep_cohort_rule_init (&rules[t]);
    }
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_SEPTEMBER, 2023);
  year = pep_stats_compute_year (f->store, 2022, rules, PEP_BREAKDOWN_SCHOOL, &today, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (year->len, ==, 3);
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (year, 0))->ppplus_pupils, ==, 1);
  g_assert_cmpint (((PepFigures *) g_ptr_array_index (year, 0))->ppplus_allocated, ==, 180000);
  g_assert_cmpstr (((PepFigures *) g_ptr_array_index (year, 1))->group, ==, "Ashby Primary");
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (year, 1))->ppplus_pupils, ==, 1);
  g_assert_cmpint (((PepFigures *) g_ptr_array_index (year, 1))->ppplus_allocated, ==, 120000);
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (year, 2))->ppplus_pupils, ==, 1);
  g_assert_cmpint (((PepFigures *) g_ptr_array_index (year, 2))->ppplus_allocated, ==, 60000);
}

static void
assert_same_tables (GPtrArray *a,
                    GPtrArray *b)
{
  g_autoptr(GPtrArray) x = pep_stats_table (a, 0);
  g_autoptr(GPtrArray) y = pep_stats_table (b, 0);

  g_assert_cmpuint (x->len, ==, y->len);
  for (guint r = 0; r < x->len; r++)
    g_assert_cmpstrv (g_ptr_array_index (x, r), g_ptr_array_index (y, r));
}

/* Several terms read at once give what each term computed alone gives, group by group. */
static void
test_terms_at_once (Fixture       *f,
                    gconstpointer  data)
{
  gint64 schools[] = { add_school (f, 100001, "Oakfield Primary", TRUE),
                       add_school (f, 100002, "Elmwood Academy", FALSE) };
  g_autoptr(GPtrArray) together = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId first = { 2021, PEP_TERM_SUMMER };
  PepCohortRule rules[4];
  GDate today;

  for (guint i = 0; i < 24; i++)
    {
      gint64 c = add_child (f, i % 3 ? "2012-10-10" : "2016-01-05", i % 5 ? "2018-01-01" : "2022-10-01",
                            schools[i % 2]);
      PepTermId term = first;

      for (guint t = 0; t < 4; t++, pep_term_step (&term, 1))
        if ((i + t) % 4 != 0)
          save_in (f, c, &term, (i + t) % 3 ? PEP_STATUS_SUBMITTED : PEP_STATUS_DRAFT,
                   t == 0 ? "2022-06-01" : t == 1 ? "2022-11-01" : t == 2 ? "2023-02-01" : "2023-06-01",
                   NULL, NULL);
    }

  for (guint t = 0; t < G_N_ELEMENTS (rules); t++)
    pep_cohort_rule_init (&rules[t]);
  rules[1].has_deadline = TRUE;
  g_date_set_dmy (&rules[1].deadline, 28, G_DATE_NOVEMBER, 2022);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_MARCH, 2023);

  together = pep_stats_compute_terms (f->store, &first, G_N_ELEMENTS (rules), rules,
                                      PEP_BREAKDOWN_SCHOOL, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (together->len, ==, G_N_ELEMENTS (rules));
  for (guint t = 0; t < G_N_ELEMENTS (rules); t++)
    {
      g_autoptr(GPtrArray) alone = NULL;
      PepTermId term = first;

      pep_term_step (&term, (int) t);
      alone = pep_stats_compute (f->store, &term, &rules[t], PEP_BREAKDOWN_SCHOOL, &today, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (((PepFigures *) g_ptr_array_index (alone, 0))->plans, >, 0);
      assert_same_tables (g_ptr_array_index (together, t), alone);
    }
}


/* Care episodes and schools --------------------------------------------------------------- */

static void
set_time (Fixture    *f,
          const char *day)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autofree char *iso = g_strdup_printf ("%sT10:00:00Z", day);
  g_autoptr(GDateTime) when = g_date_time_new_from_iso8601 (iso, utc);

  g_assert_nonnull (when);
  pep_store_set_fixed_time (f->store, when);
}

/* A Year 5 child (born 10 October 2012) at @urn with the episodes in care @episodes:
 * "entered..left" (left empty while in care), separated by spaces. */
static gint64
add_episodes (Fixture    *f,
              gint64      urn,
              const char *episodes)
{
  g_auto(GStrv) each = g_strsplit (episodes, " ", -1);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_care_episode_free);
  g_autoptr(GError) error = NULL;
  gint64 id;

  for (guint i = 0; each[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (each[i], "..", 2);

      g_ptr_array_add (list, pep_care_episode_new (ends[0], *ends[1] ? ends[1] : NULL, "care-order", "foster"));
    }
  set_time (f, "2018-01-01");
  {
    g_auto(GStrv) first = g_strsplit (each[0], "..", 2);

    id = add_child (f, "2012-10-10", first[0], urn);
  }
  pep_store_set_care_episodes (f->store, id, list, &error);
  g_assert_no_error (error);
  return id;
}

/* The child's schools: "URN:started..ended", empty ends unknown or still there. */
static void
set_schools (Fixture    *f,
             gint64      child_id,
             const char *schools)
{
  g_auto(GStrv) each = g_strsplit (schools, " ", -1);
  g_autoptr(GPtrArray) list = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_school_spell_free);
  g_autoptr(GError) error = NULL;

  for (guint i = 0; each[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit_set (each[i], ":.", -1);   /* urn, started, "", ended */

      g_assert_cmpuint (g_strv_length (parts), ==, 4);
      g_ptr_array_add (list, pep_school_spell_new (g_ascii_strtoll (parts[0], NULL, 10),
                                                   *parts[1] ? parts[1] : NULL,
                                                   *parts[3] ? parts[3] : NULL));
    }
  pep_store_set_school_history (f->store, child_id, list, &error);
  g_assert_no_error (error);
}

/* The child's autumn PEP, written as a draft on 1 September and — with @submitted — submitted
 * by the designated teacher through the workflow that day; with @authorised, rated green,
 * approved and authorised that day. @urn: the school named on it, or 0. */
static void
write_pep (Fixture    *f,
           PepRubric  *rubric,
           gint64      child_id,
           gint64      urn,
           const char *submitted,
           const char *authorised)
{
  g_autoptr(PepPlan) plan = pep_plan_new (child_id, &AUTUMN, PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepWorkflow) dt = test_workflow_new (f->store, rubric, "Dee Teacher", PEP_ROLE_DESIGNATED_TEACHER);
  g_autoptr(PepWorkflow) qa = test_workflow_new (f->store, rubric, "Quinn Officer", PEP_ROLE_QA_OFFICER);
  g_autoptr(PepWorkflow) advisor = test_workflow_new (f->store, rubric, "Ada Advisor", PEP_ROLE_ADVISOR);
  g_autoptr(GError) error = NULL;

  if (urn != 0)
    pep_plan_set_school_urn (plan, urn);
  set_time (f, "2022-09-01");
  save (f, plan);
  if (submitted == NULL)
    return;
  set_time (f, submitted);
  pep_workflow_submit (dt, plan, &error);
  g_assert_no_error (error);
  if (authorised == NULL)
    return;

  set_time (f, authorised);
  {
    g_autoptr(PepChecks) checks = pep_checks_new_for_store (f->store, rubric, plan, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < pep_rubric_get_n_sections (rubric); i++)
      {
        PepSection section = pep_rubric_get_section (rubric, i);

        if (!pep_rubric_rates (rubric, section, PEP_KIND_SCHOOL_AGE))
          continue;
        pep_workflow_rate_section (qa, plan, checks, section, PEP_RATING_GREEN,
                                   "Rated by hand for the test.", NULL, &error);
        g_assert_no_error (error);
      }
  }
  pep_workflow_rate_overall (qa, plan, pep_workflow_propose_overall (qa, plan), "Rated by hand.", &error);
  g_assert_no_error (error);
  pep_workflow_approve (qa, plan, &error);
  g_assert_no_error (error);
  pep_workflow_authorise (advisor, plan, "Agreed.", &error);
  g_assert_no_error (error);
}

static const PepFigures *
group (GPtrArray  *figures,
       const char *name)
{
  for (guint i = 1; i < figures->len; i++)
    if (g_strcmp0 (((PepFigures *) g_ptr_array_index (figures, i))->group, name) == 0)
      return g_ptr_array_index (figures, i);
  g_assert_not_reached ();
  return NULL;
}

/* Children who left care before, during and after the term, children who came back into
 * care, and PEPs in time, late and missing: every cohort figure worked out by hand.
 *
 * Autumn 2022 under Cambridgeshire's rule (Years 1–11, in care at least a month), as at
 * Friday 16 December, the termly deadline Friday 2 December, counted on 15 January 2023.
 * Every child is in Year 5. "Needed": in care since 16 November at the latest. */
static void
test_care_episodes (Fixture       *f,
                    gconstpointer  data)
{
  static const PepTermId spring = { 2022, PEP_TERM_SPRING };
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(GPtrArray) autumn = NULL;
  g_autoptr(GPtrArray) by_school = NULL;
  g_autoptr(GPtrArray) later = NULL;
  g_autoptr(GError) error = NULL;
  const gint64 ash = add_school (f, 100001, "Ash Primary", TRUE);
  const gint64 beech = add_school (f, 100002, "Beech Primary", TRUE);
  const gint64 cedar = add_school (f, 100003, "Cedar Primary", FALSE);
  const PepFigures *all;
  PepCohortRule rule;
  GDate today;
  gint64 c;

  /* C1 left care in July: in no figure of the term. */
  add_episodes (f, ash, "2019-01-10..2022-07-15");
  /* C2 left on 21 October, after a PEP submitted on 5 October: the PEP counts (8 PEPs), the
   * child is in no cohort; their start at Cedar on 1 November, out of care, is no change of
   * school in care. */
  c = add_episodes (f, ash, "2019-01-10..2022-10-21");
  set_schools (f, c, "100001:..2022-10-31 100003:2022-11-01..");
  write_pep (f, rubric, c, 0, "2022-10-05", NULL);
  /* C3 leaves in February: in the autumn cohort, in place and in time (10 November). */
  c = add_episodes (f, ash, "2019-01-10..2023-02-10");
  write_pep (f, rubric, c, 0, "2022-11-10", NULL);
  /* C4 came back into care on 5 September: in the cohort (5 September is before 16
   * November), in place and in time (20 September); their new clock of 20 school days,
   * to early October, was met. */
  c = add_episodes (f, beech, "2016-05-01..2021-03-31 2022-09-05..");
  write_pep (f, rubric, c, 0, "2022-09-20", NULL);
  /* C5 came back on 17 October and has no PEP: in the cohort, not in place, overdue; the
   * clock ran out in mid-November while they were in care: overdue (statutory). */
  add_episodes (f, beech, "2015-02-01..2020-08-31 2022-10-17..");
  /* C6 came back on 1 December: too recently for the cohort; PEP submitted 8 December, the
   * fifth school day: in time for their clock. */
  c = add_episodes (f, beech, "2015-02-01..2021-06-30 2022-12-01..");
  write_pep (f, rubric, c, 0, "2022-12-08", NULL);
  /* C7 new on 12 September, left on 23 September, before the clock ran out (about
   * 10 October): not overdue. C8 the same, but left on 25 November with no PEP: overdue
   * (statutory). Neither is in the cohort. */
  add_episodes (f, cedar, "2022-09-12..2022-09-23");
  add_episodes (f, cedar, "2022-09-12..2022-11-25");
  /* C9 submitted on 9 December, after the deadline: in place, not in time. */
  c = add_episodes (f, ash, "2018-03-01..");
  write_pep (f, rubric, c, 0, "2022-12-09", NULL);
  /* C10 has a draft only: not in place, overdue. */
  c = add_episodes (f, ash, "2018-03-01..");
  write_pep (f, rubric, c, 0, NULL, NULL);
  /* C11 submitted 1 November, authorised 15 November. */
  c = add_episodes (f, beech, "2018-03-01..");
  write_pep (f, rubric, c, 0, "2022-11-01", "2022-11-15");
  /* C12 moved from Ash to Beech on 3 October and back to Ash on 7 November: two changes of
   * school. The PEP submitted on 12 October reviewed the first within its ten working days
   * (to 17 October); nothing was completed after the second (due 21 November): one overdue.
   * The PEP names Beech: it counts under Beech, though the child is at Ash now. */
  c = add_episodes (f, ash, "2018-03-01..");
  set_schools (f, c, "100001:..2022-09-30 100002:2022-10-03..2022-11-04 100001:2022-11-07..");
  write_pep (f, rubric, c, beech, "2022-10-12", NULL);
  /* C13 was at Cedar all term and moved to Ash on 9 January; no PEP: in the cohort under
   * Cedar, the school on the as-at date; not in place, overdue. */
  c = add_episodes (f, cedar, "2018-03-01..");
  set_schools (f, c, "100003:..2023-01-06 100001:2023-01-09..");

  pep_cohort_rule_init (&rule);
  rule.has_as_at = TRUE;
  g_date_clear (&rule.as_at, 1);
  g_date_set_dmy (&rule.as_at, 16, G_DATE_DECEMBER, 2022);
  rule.has_deadline = TRUE;
  g_date_clear (&rule.deadline, 1);
  g_date_set_dmy (&rule.deadline, 2, G_DATE_DECEMBER, 2022);
  autumn = compute (f, &rule, PEP_BREAKDOWN_NONE);
  all = g_ptr_array_index (autumn, 0);
  /* Cohort: C3, C4, C5, C9, C10, C11, C12, C13. */
  g_assert_cmpuint (all->cohort, ==, 8);
  /* In place: C3, C4, C9, C11, C12. */
  g_assert_cmpuint (all->in_place, ==, 5);
  /* In time (by 2 December): C3, C4, C11, C12; C9 was late. */
  g_assert_cmpuint (all->completed_in_time, ==, 4);
  g_assert_cmpuint (all->authorised, ==, 1);             /* C11 */
  g_assert_cmpuint (all->overdue, ==, 3);                /* C5, C10, C13 */
  g_assert_cmpuint (all->overdue_statutory, ==, 2);      /* C5, C8 */
  g_assert_cmpuint (all->school_changes, ==, 2);         /* C12, twice */
  g_assert_cmpuint (all->school_change_overdue, ==, 1);  /* C12's second */
  g_assert_cmpuint (all->plans, ==, 8);                  /* C2, C3, C4, C6, C9, C10, C11, C12 */

  /* By school: the school named on the PEP, or the one attended on the as-at date.
   * Ash: C3, C9, C10; Beech: C4, C5, C11, C12; Cedar: C13. */
  by_school = compute (f, &rule, PEP_BREAKDOWN_SCHOOL);
  g_assert_cmpuint (group (by_school, "Ash Primary")->cohort, ==, 3);
  g_assert_cmpuint (group (by_school, "Ash Primary")->in_place, ==, 2);
  g_assert_cmpuint (group (by_school, "Beech Primary")->cohort, ==, 4);
  g_assert_cmpuint (group (by_school, "Beech Primary")->in_place, ==, 3);
  g_assert_cmpuint (group (by_school, "Beech Primary")->school_changes, ==, 2);
  g_assert_cmpuint (group (by_school, "Beech Primary")->overdue_statutory, ==, 1);   /* C5 */
  g_assert_cmpuint (group (by_school, "Cedar Primary")->cohort, ==, 1);
  g_assert_cmpuint (group (by_school, "Cedar Primary")->overdue, ==, 1);
  g_assert_cmpuint (group (by_school, "Cedar Primary")->overdue_statutory, ==, 1);   /* C8 */

  /* Spring, as at the end of the term: C3 left in February and is in no later cohort; C6,
   * back since 1 December, now is. Cohort: C4, C5, C6, C9, C10, C11, C12, C13 — Ash: C9,
   * C10, C12 (at Ash again), C13 (since 9 January); Beech: C4, C5, C6, C11. */
  pep_cohort_rule_init (&rule);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, G_DATE_JANUARY, 2023);
  later = pep_stats_compute (f->store, &spring, &rule, PEP_BREAKDOWN_SCHOOL, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (((PepFigures *) g_ptr_array_index (later, 0))->cohort, ==, 8);
  g_assert_cmpuint (group (later, "Ash Primary")->cohort, ==, 4);
  g_assert_cmpuint (group (later, "Beech Primary")->cohort, ==, 4);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/stats/percent", test_percent);
  g_test_add_func ("/pep/stats/nc-year", test_nc_year);
  g_test_add_func ("/pep/stats/scorecard", test_scorecard);
#define ADD(name, func) \
  g_test_add ("/pep/stats/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("cambridgeshire-social-worker-row", test_cambridgeshire_social_worker_row);
  ADD ("cohort", test_cohort);
  ADD ("plan-figures", test_plan_figures);
  ADD ("current-plan", test_current_plan);
  ADD ("breakdown-and-suppression", test_breakdown_and_suppression);
  ADD ("pseudonymise", test_pseudonymise);
  ADD ("statutory", test_statutory);
  ADD ("school-change", test_school_change);
  ADD ("care-episodes", test_care_episodes);
  ADD ("year", test_year);
  ADD ("year-mover", test_year_mover);
  ADD ("cancelled", test_cancelled);
  ADD ("terms-at-once", test_terms_at_once);
#undef ADD
  return g_test_run ();
}
