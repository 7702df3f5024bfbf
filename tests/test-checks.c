/* test-checks.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every automatic check with a PEP that passes and one that fails; what the checks propose;
 * and the combining rules, St Helens' and the lowest rating, on constructed section ratings.
 */

#include "config.h"

#include <string.h>

#include "pep-checks.h"
#include "test-util.h"

#define PREVIOUS_TARGET_ID 101

/* A school-age PEP for Autumn 2024 that meets every check of the default rubric. */
static PepPlan *
good_plan (PepKind kind)
{
  PepTermId term = { 2024, PEP_TERM_AUTUMN };
  PepPlan *plan = pep_plan_new (1, &term, kind);
  PepRecord *c = pep_plan_get_content (plan);
  PepRecord *row;

  pep_plan_set_id (plan, 2);
  pep_record_set_text (c, PEP_PLAN_MEETING_DATE, "2024-10-10");
  pep_record_set_text (c, PEP_PLAN_MEETING_MODE, "in-person");
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_DT, TRUE);
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_CHILD, TRUE);
  pep_record_set_text (c, PEP_PLAN_VOICE_GOING_WELL, "Art and football.");
  pep_record_set_text (c, PEP_PLAN_SETTING_TYPE, "mainstream");
  pep_record_set_real (c, PEP_PLAN_HOURS_PER_WEEK, 25);
  pep_record_set_real (c, PEP_PLAN_ATTENDANCE_TERM, 95.5);
  pep_record_set_int (c, PEP_PLAN_SDQ_TOTAL, 10);
  pep_record_set_text (c, PEP_PLAN_SDQ_DATE, "2024-09-20");
  pep_record_set_int (c, PEP_PLAN_PPPLUS_ALLOCATED, 40000);
  pep_record_set_text (c, PEP_PLAN_SW_CHECKED, "2024-10-01");

  row = pep_plan_add_row (plan, PEP_TABLE_ATTAINMENT);
  pep_record_set_text (row, PEP_ATTAINMENT_SUBJECT, "English");
  pep_record_set_text (row, PEP_ATTAINMENT_SCHEME, "ks2");
  pep_record_set_text (row, PEP_ATTAINMENT_CURRENT, "Expected standard");
  pep_record_set_text (row, PEP_ATTAINMENT_PROGRESS, "expected");
  row = pep_plan_add_row (plan, PEP_TABLE_ATTAINMENT);
  pep_record_set_text (row, PEP_ATTAINMENT_SUBJECT, "Maths");
  pep_record_set_text (row, PEP_ATTAINMENT_SCHEME, "ks2");
  pep_record_set_text (row, PEP_ATTAINMENT_CURRENT, "Working towards");
  pep_record_set_text (row, PEP_ATTAINMENT_PROGRESS, "above");

  row = pep_plan_add_row (plan, PEP_TABLE_TARGET);
  pep_record_set_text (row, PEP_TARGET_AREA, "academic");
  pep_record_set_text (row, PEP_TARGET_DESCRIPTION, "Read for ten minutes every day.");
  pep_record_set_text (row, PEP_TARGET_SUCCESS_CRITERIA, "Reading log signed five days a week.");
  pep_record_set_text (row, PEP_TARGET_OWNER, "Ms Designated");
  pep_record_set_text (row, PEP_TARGET_DUE, "2025-02-14");
  pep_record_set_int (row, PEP_TARGET_FUNDING_AMOUNT, 20000);
  pep_record_set_text (row, PEP_TARGET_FUNDING_SOURCE, "ppplus");
  pep_record_set_text (row, PEP_TARGET_VOICE_LINK, "I want to read Harry Potter.");

  row = pep_plan_add_row (plan, PEP_TABLE_TARGET_REVIEW);
  pep_record_set_int (row, PEP_TARGET_REVIEW_PREVIOUS_TARGET, PREVIOUS_TARGET_ID);
  pep_record_set_text (row, PEP_TARGET_REVIEW_TARGET_TEXT, "Learn the 6 times table.");
  pep_record_set_text (row, PEP_TARGET_REVIEW_OUTCOME, "achieved");
  return plan;
}

/* Aged 10 on 31 March 2024, in care since 2020. */
static PepRecord *
good_child (void)
{
  PepRecord *child = pep_record_new (PEP_TABLE_CHILD);

  pep_record_set_id (child, 1);
  pep_record_set_text (child, PEP_CHILD_DOB, "2014-01-15");
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, "2020-06-01");
  return child;
}

static PepPlan *
previous_plan (void)
{
  PepTermId term = { 2023, PEP_TERM_SUMMER };
  PepPlan *plan = pep_plan_new (1, &term, PEP_KIND_SCHOOL_AGE);
  PepRecord *row = pep_plan_add_row (plan, PEP_TABLE_TARGET);

  pep_plan_set_id (plan, 1);
  pep_record_set_id (row, PREVIOUS_TARGET_ID);
  pep_record_set_text (row, PEP_TARGET_DESCRIPTION, "Learn the 6 times table.");
  return plan;
}

static void
assert_check (const char      *check,
              PepPlan         *plan,
              PepRecord       *child,
              PepPlan         *previous,
              PepCheckOutcome  expected,
              const char      *says)
{
  g_autofree char *reason = NULL;
  PepCheckOutcome outcome = pep_check_run (check, plan, child, previous, &reason);

  if (outcome != expected)
    g_error ("%s: outcome %d, expected %d (%s)", check, outcome, expected, reason);
  g_assert_nonnull (reason);
  g_assert_cmpuint (strlen (reason), >, 0);
  if (says != NULL && strstr (reason, says) == NULL)
    g_error ("%s: “%s” does not say “%s”", check, reason, says);
}

/* Each check passes on the good PEP. */
static void
test_all_pass (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepRecord) child = good_child ();
  g_autoptr(PepPlan) previous = previous_plan ();
  const char * const *ids = pep_check_list_ids ();

  g_assert_cmpuint (g_strv_length ((char **) ids), ==, 11);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      g_autofree char *reason = NULL;

      g_assert_true (pep_check_is_known (ids[i]));
      g_assert_nonnull (pep_check_get_title (ids[i]));
      g_assert_cmpint (pep_check_run (ids[i], plan, child, previous, &reason), ==, PEP_CHECK_PASS);
    }
  g_assert_false (pep_check_is_known ("no-such-check"));
}

static void
test_voice_recorded (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  PepRecord *c = pep_plan_get_content (plan);

  assert_check ("voice-recorded", plan, NULL, NULL, PEP_CHECK_PASS, "own words are recorded");
  pep_record_set_text (c, PEP_PLAN_VOICE_GOING_WELL, "   ");
  assert_check ("voice-recorded", plan, NULL, NULL, PEP_CHECK_FAIL, "no reason is given");
  pep_record_set_text (c, PEP_PLAN_VOICE_NOT_RECORDED, "Did not want to take part this term.");
  assert_check ("voice-recorded", plan, NULL, NULL, PEP_CHECK_PASS, "reason why is given");
}

static void
test_targets_voice_linked (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  PepRecord *second = pep_plan_add_row (plan, PEP_TABLE_TARGET);

  pep_record_set_text (second, PEP_TARGET_VOICE_LINK, "I want more friends.");
  assert_check ("targets-voice-linked", plan, NULL, NULL, PEP_CHECK_PASS, NULL);
  pep_record_set (second, PEP_TARGET_VOICE_LINK, NULL, NULL);
  assert_check ("targets-voice-linked", plan, NULL, NULL, PEP_CHECK_FAIL, "Target 2 does not say");
  g_ptr_array_set_size (pep_plan_get_rows (plan, PEP_TABLE_TARGET), 0);
  assert_check ("targets-voice-linked", plan, NULL, NULL, PEP_CHECK_FAIL, "no targets");
}

static void
test_targets_complete (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  PepRecord *second = pep_plan_add_row (plan, PEP_TABLE_TARGET);

  pep_record_set_text (second, PEP_TARGET_SUCCESS_CRITERIA, "Attends the club weekly.");
  pep_record_set_text (second, PEP_TARGET_DUE, "2025-01-31");
  assert_check ("targets-complete", plan, NULL, NULL, PEP_CHECK_FAIL, "Target 2 has no owner.");
  pep_record_set_text (second, PEP_TARGET_OWNER, "Mr Mentor");
  assert_check ("targets-complete", plan, NULL, NULL, PEP_CHECK_PASS, NULL);
  pep_record_set (second, PEP_TARGET_SUCCESS_CRITERIA, NULL, NULL);
  pep_record_set (second, PEP_TARGET_DUE, NULL, NULL);
  assert_check ("targets-complete", plan, NULL, NULL, PEP_CHECK_FAIL, "Target 2 has no success criteria.");
  assert_check ("targets-complete", plan, NULL, NULL, PEP_CHECK_FAIL, "Target 2 has no date");
  g_ptr_array_set_size (pep_plan_get_rows (plan, PEP_TABLE_TARGET), 0);
  assert_check ("targets-complete", plan, NULL, NULL, PEP_CHECK_FAIL, "There are no targets.");
}

static void
test_previous_targets_reviewed (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepPlan) previous = previous_plan ();
  PepRecord *second = pep_plan_add_row (previous, PEP_TABLE_TARGET);
  PepRecord *review;

  /* No previous PEP, or one with no targets: nothing to review. */
  assert_check ("previous-targets-reviewed", plan, NULL, NULL, PEP_CHECK_NOT_APPLICABLE, NULL);

  pep_record_set_id (second, PREVIOUS_TARGET_ID + 1);
  pep_record_set_text (second, PEP_TARGET_DESCRIPTION, "Join a club.");
  assert_check ("previous-targets-reviewed", plan, NULL, previous, PEP_CHECK_FAIL,
                "Target 2 of the previous PEP has not been reviewed.");

  /* A review that names the target by its words counts too. */
  review = pep_plan_add_row (plan, PEP_TABLE_TARGET_REVIEW);
  pep_record_set_text (review, PEP_TARGET_REVIEW_TARGET_TEXT, "Join a club.");
  assert_check ("previous-targets-reviewed", plan, NULL, previous, PEP_CHECK_FAIL,
                "does not say whether it was met");
  pep_record_set_text (review, PEP_TARGET_REVIEW_OUTCOME, "not-met");
  assert_check ("previous-targets-reviewed", plan, NULL, previous, PEP_CHECK_PASS,
                "All 2 previous targets are reviewed.");
}

static void
test_attendance_entered (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);

  assert_check ("attendance-entered", plan, NULL, NULL, PEP_CHECK_PASS, NULL);
  pep_record_set (pep_plan_get_content (plan), PEP_PLAN_ATTENDANCE_TERM, NULL, NULL);
  assert_check ("attendance-entered", plan, NULL, NULL, PEP_CHECK_FAIL, "not entered");
  pep_plan_set_kind (plan, PEP_KIND_EARLY_YEARS);
  assert_check ("attendance-entered", plan, NULL, NULL, PEP_CHECK_NOT_APPLICABLE, "early-years");
  pep_plan_set_kind (plan, PEP_KIND_NEET);
  assert_check ("attendance-entered", plan, NULL, NULL, PEP_CHECK_NOT_APPLICABLE, NULL);
  pep_plan_set_kind (plan, PEP_KIND_POST_16);
  assert_check ("attendance-entered", plan, NULL, NULL, PEP_CHECK_FAIL, NULL);
}

static void
test_attainment_entered (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_ATTAINMENT);
  PepRecord *row;

  assert_check ("attainment-entered", plan, NULL, NULL, PEP_CHECK_PASS, "English and maths");
  /* Maths named but with no current attainment does not count. */
  pep_record_set (g_ptr_array_index (rows, 1), PEP_ATTAINMENT_CURRENT, NULL, NULL);
  assert_check ("attainment-entered", plan, NULL, NULL, PEP_CHECK_FAIL, "in maths is not entered");
  g_ptr_array_set_size (rows, 0);
  assert_check ("attainment-entered", plan, NULL, NULL, PEP_CHECK_FAIL, "in English is not entered");

  /* Early years: an EYFS area of learning. */
  pep_plan_set_kind (plan, PEP_KIND_EARLY_YEARS);
  assert_check ("attainment-entered", plan, NULL, NULL, PEP_CHECK_FAIL, "EYFS");
  row = pep_plan_add_row (plan, PEP_TABLE_ATTAINMENT);
  pep_record_set_text (row, PEP_ATTAINMENT_SUBJECT, "Communication and language");
  pep_record_set_text (row, PEP_ATTAINMENT_SCHEME, "eyfs");
  pep_record_set_text (row, PEP_ATTAINMENT_CURRENT, "Developing");
  assert_check ("attainment-entered", plan, NULL, NULL, PEP_CHECK_PASS, NULL);

  /* Post-16: a course; NEET: nothing asked. */
  pep_plan_set_kind (plan, PEP_KIND_POST_16);
  assert_check ("attainment-entered", plan, NULL, NULL, PEP_CHECK_PASS, NULL);
  g_ptr_array_set_size (rows, 0);
  assert_check ("attainment-entered", plan, NULL, NULL, PEP_CHECK_FAIL, "course");
  pep_plan_set_kind (plan, PEP_KIND_NEET);
  assert_check ("attainment-entered", plan, NULL, NULL, PEP_CHECK_NOT_APPLICABLE, NULL);
}

static void
test_ppplus_linked (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  PepRecord *c = pep_plan_get_content (plan);
  PepRecord *target = g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_TARGET), 0);

  assert_check ("ppplus-linked", plan, NULL, NULL, PEP_CHECK_PASS, "linked to 1 target");
  /* Funding from the school's budget is not PP+ spend. */
  pep_record_set_text (target, PEP_TARGET_FUNDING_SOURCE, "school-budget");
  assert_check ("ppplus-linked", plan, NULL, NULL, PEP_CHECK_FAIL, "£400.00 of PP+ is allocated");
  pep_record_set_text (c, PEP_PLAN_PPPLUS_NOTES, "Provision map: tutoring £200, art club £200.");
  assert_check ("ppplus-linked", plan, NULL, NULL, PEP_CHECK_PASS, "provision map");
  pep_record_set_int (c, PEP_PLAN_PPPLUS_ALLOCATED, 0);
  assert_check ("ppplus-linked", plan, NULL, NULL, PEP_CHECK_NOT_APPLICABLE, NULL);
}

static void
test_sdq_entered (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepRecord) child = good_child ();
  PepRecord *c = pep_plan_get_content (plan);

  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_PASS, NULL);
  pep_record_set (c, PEP_PLAN_SDQ_TOTAL, NULL, NULL);
  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_FAIL, "31 Mar 2024");
  pep_record_set_int (c, PEP_PLAN_SDQ_TOTAL, 21);
  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_FAIL, "strategies for staff");
  pep_record_set_text (c, PEP_PLAN_SDQ_STRATEGIES, "Time-out card.");
  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_PASS, NULL);

  /* Not due: in care for less than 12 months at 31 March 2024 (from 1 April 2023). */
  pep_record_set (c, PEP_PLAN_SDQ_TOTAL, NULL, NULL);
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, "2023-04-01");
  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_NOT_APPLICABLE, "12 months");
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, "2023-03-31");
  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_FAIL, NULL);
  /* Not due: aged 3, or 17, on 31 March 2024. */
  pep_record_set_text (child, PEP_CHILD_DOB, "2020-04-01");
  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_NOT_APPLICABLE, "aged 4 to 16");
  pep_record_set_text (child, PEP_CHILD_DOB, "2020-03-31");
  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_FAIL, NULL);
  pep_record_set_text (child, PEP_CHILD_DOB, "2007-03-31");
  assert_check ("sdq-entered", plan, child, NULL, PEP_CHECK_NOT_APPLICABLE, NULL);
  /* Without the child's dates it cannot tell. */
  assert_check ("sdq-entered", plan, NULL, NULL, PEP_CHECK_FAIL, "date of birth");
}

static void
test_social_worker_updated (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  PepRecord *c = pep_plan_get_content (plan);

  assert_check ("social-worker-updated", plan, NULL, NULL, PEP_CHECK_PASS, "1 Oct 2024");
  pep_record_set_text (c, PEP_PLAN_SW_CHECKED, "2024-12-31");
  assert_check ("social-worker-updated", plan, NULL, NULL, PEP_CHECK_PASS, NULL);
  pep_record_set_text (c, PEP_PLAN_SW_CHECKED, "2024-08-31");
  assert_check ("social-worker-updated", plan, NULL, NULL, PEP_CHECK_FAIL, "not in the PEP's term");
  pep_record_set (c, PEP_PLAN_SW_CHECKED, NULL, NULL);
  assert_check ("social-worker-updated", plan, NULL, NULL, PEP_CHECK_FAIL, "has not recorded");
}

static void
test_meeting_recorded (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  PepRecord *c = pep_plan_get_content (plan);

  assert_check ("meeting-recorded", plan, NULL, NULL, PEP_CHECK_PASS, NULL);
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_CHILD, FALSE);
  assert_check ("meeting-recorded", plan, NULL, NULL, PEP_CHECK_FAIL, "wishes are not recorded");
  pep_record_set_text (c, PEP_PLAN_CHILD_WISHES, "Asked for their views to be read out.");
  assert_check ("meeting-recorded", plan, NULL, NULL, PEP_CHECK_PASS, NULL);
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_DT, FALSE);
  assert_check ("meeting-recorded", plan, NULL, NULL, PEP_CHECK_FAIL, "Who attended");
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_SW, TRUE);
  pep_record_set (c, PEP_PLAN_MEETING_DATE, NULL, NULL);
  assert_check ("meeting-recorded", plan, NULL, NULL, PEP_CHECK_FAIL, "date of the meeting");
}

static void
test_part_time_explained (void)
{
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  PepRecord *c = pep_plan_get_content (plan);

  assert_check ("part-time-explained", plan, NULL, NULL, PEP_CHECK_PASS, "full-time");
  pep_record_set_real (c, PEP_PLAN_HOURS_PER_WEEK, 15);
  assert_check ("part-time-explained", plan, NULL, NULL, PEP_CHECK_FAIL, "no reason is given");
  pep_record_set_text (c, PEP_PLAN_PART_TIME_REASON, "Phased return after a change of placement.");
  assert_check ("part-time-explained", plan, NULL, NULL, PEP_CHECK_FAIL, "no plan back");
  pep_record_set_text (c, PEP_PLAN_PART_TIME_PLAN, "A morning more each week.");
  assert_check ("part-time-explained", plan, NULL, NULL, PEP_CHECK_PASS, NULL);
  pep_record_set (c, PEP_PLAN_HOURS_PER_WEEK, NULL, NULL);
  assert_check ("part-time-explained", plan, NULL, NULL, PEP_CHECK_FAIL, "not entered");
  pep_plan_set_kind (plan, PEP_KIND_POST_16);
  assert_check ("part-time-explained", plan, NULL, NULL, PEP_CHECK_NOT_APPLICABLE, NULL);
}

/* The proposal ------------------------------------------------------------------------------ */

static void
test_proposal (void)
{
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepRecord) child = good_child ();
  g_autoptr(PepPlan) previous = previous_plan ();
  g_autoptr(PepChecks) checks = pep_checks_new (rubric, plan, child, previous);
  const PepCheckResult *results;
  guint n, n_judged = 0;

  PepRating floor, ceiling;

  /* Every computed criterion passes. The checks establish the highest level whose automatic
   * criteria pass (voice: amber and green are checked, gold is judged) and leave the levels
   * they do not check open: a range, not a guess that judged criteria pass. */
  pep_checks_get_range (checks, PEP_SECTION_VOICE, &floor, &ceiling);
  g_assert_cmpint (floor, ==, PEP_RATING_GREEN);
  g_assert_cmpint (ceiling, ==, PEP_RATING_GOLD);
  g_assert_cmpint (pep_checks_get_proposed (checks, PEP_SECTION_VOICE), ==, PEP_RATING_GREEN);
  g_assert_false (pep_checks_in_range (checks, PEP_SECTION_VOICE, PEP_RATING_AMBER));
  g_assert_true (pep_checks_in_range (checks, PEP_SECTION_VOICE, PEP_RATING_GREEN));
  g_assert_true (pep_checks_in_range (checks, PEP_SECTION_VOICE, PEP_RATING_GOLD));
  /* Meeting: only its amber criterion is checked: amber to gold, as the example. */
  pep_checks_get_range (checks, PEP_SECTION_MEETING, &floor, &ceiling);
  g_assert_cmpint (floor, ==, PEP_RATING_AMBER);
  g_assert_cmpint (ceiling, ==, PEP_RATING_GOLD);
  /* Red, amber, green only: no gold above. */
  pep_checks_get_range (checks, PEP_SECTION_ATTAINMENT, &floor, &ceiling);
  g_assert_cmpint (floor, ==, PEP_RATING_AMBER);
  g_assert_cmpint (ceiling, ==, PEP_RATING_GREEN);
  /* Wholly judged: the checks establish nothing, and close nothing. */
  pep_checks_get_range (checks, PEP_SECTION_SOCIAL_EMOTIONAL, &floor, &ceiling);
  g_assert_cmpint (floor, ==, PEP_RATING_RED);
  g_assert_cmpint (ceiling, ==, PEP_RATING_GOLD);
  g_assert_cmpint (pep_checks_get_proposed (checks, PEP_SECTION_CAREERS), ==, PEP_RATING_NOT_RATED);
  pep_checks_get_overall_range (checks, &floor, &ceiling);
  g_assert_cmpint (floor, ==, PEP_RATING_RED);
  g_assert_cmpint (ceiling, ==, PEP_RATING_GOLD);
  g_assert_cmpint (pep_checks_get_overall (checks), ==, floor);
  /* A wholly judged section that counts leaves every overall rating open: the queue says
   * "To judge", not the floor (red). */
  g_assert_true (pep_checks_get_overall_open (checks));
  {
    g_autofree char *words = pep_checks_describe_proposal (floor, ceiling, TRUE);
    g_assert_cmpstr (words, ==, "To judge");
  }
  g_assert_cmpuint (pep_checks_count_failures (checks), ==, 0);
  results = pep_checks_get_results (checks, PEP_SECTION_VOICE, &n);
  g_assert_cmpuint (n, ==, 4);
  for (guint i = 0; i < n; i++)
    if (results[i].outcome == PEP_CHECK_JUDGED)
      {
        g_assert_null (results[i].criterion->check);
        g_assert_cmpstr (results[i].reason, ==, "For the QA officer to judge.");
        n_judged++;
      }
  g_assert_cmpuint (n_judged, ==, 2);
  g_clear_object (&checks);

  /* A good-practice criterion fails: amber, and nothing above. One amber under St Helens:
   * green overall at best. */
  pep_record_set (g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_TARGET), 0),
                  PEP_TARGET_VOICE_LINK, NULL, NULL);
  checks = pep_checks_new (rubric, plan, child, previous);
  pep_checks_get_range (checks, PEP_SECTION_VOICE, &floor, &ceiling);
  g_assert_cmpint (floor, ==, PEP_RATING_AMBER);
  g_assert_cmpint (ceiling, ==, PEP_RATING_AMBER);
  g_assert_false (pep_checks_in_range (checks, PEP_SECTION_VOICE, PEP_RATING_GREEN));
  pep_checks_get_overall_range (checks, &floor, &ceiling);
  g_assert_cmpint (ceiling, ==, PEP_RATING_GREEN);
  /* Narrowed, not settled: the range. */
  g_assert_false (pep_checks_get_overall_open (checks));
  {
    g_autofree char *words = pep_checks_describe_proposal (floor, ceiling, FALSE);
    g_assert_cmpstr (words, ==, "Red–Green");
  }
  g_assert_cmpuint (pep_checks_count_failures (checks), ==, 1);
  g_clear_object (&checks);

  /* A statutory criterion fails: red, whatever passes above it; red overall. */
  pep_record_set (pep_plan_get_content (plan), PEP_PLAN_SW_CHECKED, NULL, NULL);
  checks = pep_checks_new (rubric, plan, child, previous);
  g_assert_cmpint (pep_checks_get_proposed (checks, PEP_SECTION_SOCIAL_WORKER), ==, PEP_RATING_RED);
  pep_checks_get_range (checks, PEP_SECTION_SOCIAL_WORKER, NULL, &ceiling);
  g_assert_cmpint (ceiling, ==, PEP_RATING_RED);
  g_assert_cmpint (pep_checks_get_overall (checks), ==, PEP_RATING_RED);
  pep_checks_get_overall_range (checks, &floor, &ceiling);
  g_assert_cmpint (ceiling, ==, PEP_RATING_RED);
  /* Settled: one rating. */
  g_assert_false (pep_checks_get_overall_open (checks));
  {
    g_autofree char *words = pep_checks_describe_proposal (floor, ceiling, FALSE);
    g_assert_cmpstr (words, ==, "Red");
  }
  g_clear_object (&checks);

  /* Progress and attainment does not count: red there alone leaves the overall gold. */
  g_clear_object (&plan);
  plan = good_plan (PEP_KIND_SCHOOL_AGE);
  g_ptr_array_set_size (pep_plan_get_rows (plan, PEP_TABLE_ATTAINMENT), 0);
  checks = pep_checks_new (rubric, plan, child, previous);
  g_assert_cmpint (pep_checks_get_proposed (checks, PEP_SECTION_ATTAINMENT), ==, PEP_RATING_RED);
  pep_checks_get_overall_range (checks, NULL, &ceiling);
  g_assert_cmpint (ceiling, ==, PEP_RATING_GOLD);
  g_clear_object (&checks);

  /* Early years: no attendance or social and emotional rating. */
  g_clear_object (&plan);
  plan = good_plan (PEP_KIND_EARLY_YEARS);
  checks = pep_checks_new (rubric, plan, child, previous);
  g_assert_cmpint (pep_checks_get_proposed (checks, PEP_SECTION_SOCIAL_EMOTIONAL), ==, PEP_RATING_NOT_RATED);
  g_assert_cmpint (pep_checks_get_proposed (checks, PEP_SECTION_ATTENDANCE), ==, PEP_RATING_NOT_RATED);
  g_assert_null (pep_checks_get_results (checks, PEP_SECTION_ATTENDANCE, &n));
  g_assert_cmpuint (n, ==, 0);
}

/* Combining ------------------------------------------------------------------------------- */

static const PepSection counted[] = {
  PEP_SECTION_MEETING, PEP_SECTION_VOICE, PEP_SECTION_EDUCATION, PEP_SECTION_ATTENDANCE,
  PEP_SECTION_SEND, PEP_SECTION_SOCIAL_EMOTIONAL, PEP_SECTION_TARGETS, PEP_SECTION_PPPLUS,
  PEP_SECTION_SOCIAL_WORKER,
};

/* @spec: one letter per counted section (r, a, g, G for gold, - for not rated); @attainment
 * the rating of the section that does not count. */
static PepRating
combine (PepRubric  *rubric,
         PepKind     kind,
         const char *spec,
         PepRating   attainment)
{
  PepRating ratings[PEP_N_SECTIONS];

  g_assert_cmpuint (strlen (spec), ==, G_N_ELEMENTS (counted));
  for (guint i = 0; i < PEP_N_SECTIONS; i++)
    ratings[i] = PEP_RATING_NOT_RATED;
  for (guint i = 0; i < G_N_ELEMENTS (counted); i++)
    ratings[counted[i]] = spec[i] == 'r' ? PEP_RATING_RED : spec[i] == 'a' ? PEP_RATING_AMBER
                        : spec[i] == 'g' ? PEP_RATING_GREEN : spec[i] == 'G' ? PEP_RATING_GOLD
                        : PEP_RATING_NOT_RATED;
  ratings[PEP_SECTION_ATTAINMENT] = attainment;
  return pep_rubric_combine (rubric, kind, ratings);
}

static void
test_combine_st_helens (void)
{
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  PepKind k = PEP_KIND_SCHOOL_AGE;
  PepRating none = PEP_RATING_NOT_RATED;

  g_assert_cmpstr (pep_rubric_get_rule (rubric), ==, "st-helens");
  g_assert_cmpint (combine (rubric, k, "GGGGGGGGG", none), ==, PEP_RATING_GOLD);
  /* Gold: all gold but one, which is green. */
  g_assert_cmpint (combine (rubric, k, "GGGGgGGGG", none), ==, PEP_RATING_GOLD);
  g_assert_cmpint (combine (rubric, k, "GGgGgGGGG", none), ==, PEP_RATING_GREEN);
  /* Green: all green (or better) but one, which is amber. */
  g_assert_cmpint (combine (rubric, k, "ggggggggg", none), ==, PEP_RATING_GREEN);
  g_assert_cmpint (combine (rubric, k, "gggaggggg", none), ==, PEP_RATING_GREEN);
  g_assert_cmpint (combine (rubric, k, "GGGaGGGGG", none), ==, PEP_RATING_GREEN);
  /* Amber: two or more amber. */
  g_assert_cmpint (combine (rubric, k, "gaggggagg", none), ==, PEP_RATING_AMBER);
  g_assert_cmpint (combine (rubric, k, "aaaaaaaaa", none), ==, PEP_RATING_AMBER);
  /* Red: any red. */
  g_assert_cmpint (combine (rubric, k, "GGGGGGGGr", none), ==, PEP_RATING_RED);
  g_assert_cmpint (combine (rubric, k, "raaGGGGGG", none), ==, PEP_RATING_RED);
  /* Progress and attainment is left out. */
  g_assert_cmpint (combine (rubric, k, "GGGGGGGGG", PEP_RATING_RED), ==, PEP_RATING_GOLD);
  /* Sections not rated, or not rated for the kind, are left out. */
  g_assert_cmpint (combine (rubric, k, "GG-GgGGGG", none), ==, PEP_RATING_GOLD);
  g_assert_cmpint (combine (rubric, PEP_KIND_EARLY_YEARS, "GGGrGrGGG", none), ==, PEP_RATING_GOLD);
  g_assert_cmpint (combine (rubric, k, "---------", PEP_RATING_GREEN), ==, PEP_RATING_NOT_RATED);
}

static const char lowest_rubric[] =
  "<?xml version=\"1.0\"?>\n"
  "<rubric id=\"lowest-test\" version=\"2\">\n"
  "  <title>Lowest</title>\n"
  "  <sections>\n"
  "    <section id=\"voice\" scale=\"ragg\">\n"
  "      <amber><criterion id=\"v1\" check=\"voice-recorded\">Voice.</criterion></amber>\n"
  "      <green><criterion id=\"v2\" check=\"targets-voice-linked\">Linked.</criterion></green>\n"
  "      <gold><criterion id=\"v3\">Vivid.</criterion></gold>\n"
  "    </section>\n"
  "    <section id=\"targets\" scale=\"ragg\">\n"
  "      <amber><criterion id=\"t1\" check=\"targets-complete\">Complete.</criterion></amber>\n"
  "      <green><criterion id=\"t2\">SMART.</criterion></green>\n"
  "      <gold><criterion id=\"t3\">Evidence.</criterion></gold>\n"
  "    </section>\n"
  "  </sections>\n"
  "  <overall rule=\"lowest\">\n"
  "    <when rating=\"red\"><count ratings=\"red\" min=\"1\"/></when>\n"
  "    <when rating=\"amber\"><count ratings=\"amber\" min=\"1\"/></when>\n"
  "    <when rating=\"green\"><count ratings=\"green\" min=\"1\"/></when>\n"
  "    <otherwise rating=\"gold\"/>\n"
  "  </overall>\n"
  "</rubric>\n";

static void
test_combine_lowest (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_from_data (lowest_rubric, strlen (lowest_rubric),
                                                          "lowest.xml", &error);
  g_autoptr(PepPlan) plan = good_plan (PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepChecks) checks = NULL;
  PepRating ratings[PEP_N_SECTIONS];

  g_assert_no_error (error);
  g_assert_cmpstr (pep_rubric_get_rule (rubric), ==, "lowest");
  for (guint i = 0; i < PEP_N_SECTIONS; i++)
    ratings[i] = PEP_RATING_NOT_RATED;
  ratings[PEP_SECTION_VOICE] = PEP_RATING_GOLD;
  ratings[PEP_SECTION_TARGETS] = PEP_RATING_GOLD;
  g_assert_cmpint (pep_rubric_combine (rubric, PEP_KIND_SCHOOL_AGE, ratings), ==, PEP_RATING_GOLD);
  ratings[PEP_SECTION_TARGETS] = PEP_RATING_GREEN;
  g_assert_cmpint (pep_rubric_combine (rubric, PEP_KIND_SCHOOL_AGE, ratings), ==, PEP_RATING_GREEN);
  ratings[PEP_SECTION_VOICE] = PEP_RATING_AMBER;
  g_assert_cmpint (pep_rubric_combine (rubric, PEP_KIND_SCHOOL_AGE, ratings), ==, PEP_RATING_AMBER);
  ratings[PEP_SECTION_TARGETS] = PEP_RATING_RED;
  g_assert_cmpint (pep_rubric_combine (rubric, PEP_KIND_SCHOOL_AGE, ratings), ==, PEP_RATING_RED);
  /* Sections the rubric does not have are left out. */
  ratings[PEP_SECTION_VOICE] = PEP_RATING_GOLD;
  ratings[PEP_SECTION_TARGETS] = PEP_RATING_GOLD;
  ratings[PEP_SECTION_SEND] = PEP_RATING_RED;
  g_assert_cmpint (pep_rubric_combine (rubric, PEP_KIND_SCHOOL_AGE, ratings), ==, PEP_RATING_GOLD);

  /* The same PEP, one amber section: St Helens says green at best, the lowest rule amber. */
  pep_record_set (g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_TARGET), 0),
                  PEP_TARGET_VOICE_LINK, NULL, NULL);
  checks = pep_checks_new (rubric, plan, NULL, NULL);
  {
    PepRating ceiling;

    g_assert_cmpint (pep_checks_get_proposed (checks, PEP_SECTION_VOICE), ==, PEP_RATING_AMBER);
    pep_checks_get_range (checks, PEP_SECTION_TARGETS, NULL, &ceiling);
    g_assert_cmpint (ceiling, ==, PEP_RATING_GOLD);
    pep_checks_get_overall_range (checks, NULL, &ceiling);
    g_assert_cmpint (ceiling, ==, PEP_RATING_AMBER);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pep/checks/all-pass", test_all_pass);
  g_test_add_func ("/pep/checks/voice-recorded", test_voice_recorded);
  g_test_add_func ("/pep/checks/targets-voice-linked", test_targets_voice_linked);
  g_test_add_func ("/pep/checks/targets-complete", test_targets_complete);
  g_test_add_func ("/pep/checks/previous-targets-reviewed", test_previous_targets_reviewed);
  g_test_add_func ("/pep/checks/attendance-entered", test_attendance_entered);
  g_test_add_func ("/pep/checks/attainment-entered", test_attainment_entered);
  g_test_add_func ("/pep/checks/ppplus-linked", test_ppplus_linked);
  g_test_add_func ("/pep/checks/sdq-entered", test_sdq_entered);
  g_test_add_func ("/pep/checks/social-worker-updated", test_social_worker_updated);
  g_test_add_func ("/pep/checks/meeting-recorded", test_meeting_recorded);
  g_test_add_func ("/pep/checks/part-time-explained", test_part_time_explained);
  g_test_add_func ("/pep/checks/proposal", test_proposal);
  g_test_add_func ("/pep/checks/combine-st-helens", test_combine_st_helens);
  g_test_add_func ("/pep/checks/combine-lowest", test_combine_lowest);

  return g_test_run ();
}
