/* test-workflow.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A PEP's way through QA on a real file: submit, return with a follow-up action, resubmit,
 * rate, approve, authorise; who may do what; amendments superseding what they amend; the
 * queue, the follow-up list and PP+ lines; and due dates counted in school days.
 */

#include "config.h"

#include <string.h>

#include "pep-calendar.h"
#include "pep-qa-queue.h"
#include "pep-signoff.h"
#include "pep-store-exchange.h"
#include "pep-workflow.h"
#include "test-util.h"

typedef struct
{
  char      *dir;
  char      *path;
  PepStore  *store;
  PepRubric *rubric;
  PepRecord *child;
} Fixture;

static void
set_now (Fixture    *f,
         const char *iso)
{
  g_autoptr(GDateTime) now = g_date_time_new_from_iso8601 (iso, NULL);

  g_assert_nonnull (now);
  pep_store_set_fixed_time (f->store, now);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "peps.db", NULL);
  f->store = pep_store_open (f->path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  f->rubric = pep_rubric_new_default ();
  /* Wednesday 12 March 2025, in the Spring term of 2024/25. */
  set_now (f, "2025-03-12T10:00:00Z");

  f->child = pep_record_new (PEP_TABLE_CHILD);
  pep_record_set_text (f->child, PEP_CHILD_LA_CHILD_ID, "LAC000001");
  pep_record_set_text (f->child, PEP_CHILD_LEGAL_FORENAME, "Test");
  pep_record_set_text (f->child, PEP_CHILD_LEGAL_SURNAME, "Child");
  pep_record_set_text (f->child, PEP_CHILD_DOB, "2014-01-15");
  pep_record_set_text (f->child, PEP_CHILD_ENTERED_CARE, "2020-06-01");
  pep_record_set_text (f->child, PEP_CHILD_VS_ADVISOR, "Ada Advisor");
  pep_store_insert_child (f->store, f->child, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->child);
  g_clear_object (&f->rubric);
  g_clear_object (&f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* A Spring 2024/25 PEP that meets every automatic check, saved as a draft. */
static PepPlan *
insert_good_plan (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  PepTermId term = { 2024, PEP_TERM_SPRING };
  PepPlan *plan = pep_plan_new (pep_record_get_id (f->child), &term, PEP_KIND_SCHOOL_AGE);
  PepRecord *c = pep_plan_get_content (plan);
  PepRecord *row;

  pep_record_set_text (c, PEP_PLAN_MEETING_DATE, "2025-02-10");
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_DT, TRUE);
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_CHILD, TRUE);
  pep_record_set_text (c, PEP_PLAN_VOICE_GOING_WELL, "Art.");
  pep_record_set_real (c, PEP_PLAN_HOURS_PER_WEEK, 25);
  pep_record_set_real (c, PEP_PLAN_ATTENDANCE_TERM, 96);
  pep_record_set_int (c, PEP_PLAN_SDQ_TOTAL, 8);
  pep_record_set_int (c, PEP_PLAN_PPPLUS_ALLOCATED, 40000);
  pep_record_set_text (c, PEP_PLAN_PPPLUS_NOTES, "Tutoring.");
  pep_record_set_text (c, PEP_PLAN_SW_CHECKED, "2025-02-01");
  for (guint i = 0; i < 2; i++)
    {
      row = pep_plan_add_row (plan, PEP_TABLE_ATTAINMENT);
      pep_record_set_text (row, PEP_ATTAINMENT_SUBJECT, i == 0 ? "English" : "Maths");
      pep_record_set_text (row, PEP_ATTAINMENT_SCHEME, "ks2");
      pep_record_set_text (row, PEP_ATTAINMENT_CURRENT, "Expected standard");
      pep_record_set_text (row, PEP_ATTAINMENT_PROGRESS, "expected");
    }
  row = pep_plan_add_row (plan, PEP_TABLE_TARGET);
  pep_record_set_text (row, PEP_TARGET_DESCRIPTION, "Read daily.");
  pep_record_set_text (row, PEP_TARGET_SUCCESS_CRITERIA, "Reading log.");
  pep_record_set_text (row, PEP_TARGET_OWNER, "Ms Designated");
  pep_record_set_text (row, PEP_TARGET_DUE, "2025-04-01");
  pep_record_set_text (row, PEP_TARGET_VOICE_LINK, "I like stories.");
  pep_store_insert_plan (f->store, plan, &error);
  g_assert_no_error (error);
  return plan;
}

static PepWorkflow *
as (Fixture    *f,
    const char *who,
    PepRole     role)
{
  return test_workflow_new (f->store, f->rubric, who, role);
}

/* Rates every section as proposed, and the overall by the rule. */
static void
rate_as_proposed (Fixture     *f,
                  PepWorkflow *qa,
                  PepPlan     *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepChecks) checks = pep_checks_new_for_store (f->store, f->rubric, plan, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < pep_rubric_get_n_sections (f->rubric); i++)
    {
      PepSection section = pep_rubric_get_section (f->rubric, i);
      PepRating ceiling;

      if (!pep_rubric_rates (f->rubric, section, pep_plan_get_kind (plan)))
        continue;
      /* The highest rating the checks leave open: the officer judges the rest met, and a
       * rating inside the range needs no reason. */
      pep_checks_get_range (checks, section, NULL, &ceiling);
      pep_workflow_rate_section (qa, plan, checks, section, ceiling, NULL, NULL, &error);
      g_assert_no_error (error);
    }
  pep_workflow_rate_overall (qa, plan, pep_workflow_propose_overall (qa, plan), NULL, &error);
  g_assert_no_error (error);
}

static guint
count_status_changes (Fixture    *f,
                      PepPlan    *plan,
                      const char *status,
                      const char *role)
{
  g_autoptr(GPtrArray) audit = pep_store_list_audit (f->store, PEP_TABLE_PLAN,
                                                     pep_plan_get_id (plan), NULL);
  guint n = 0;

  for (guint i = 0; i < audit->len; i++)
    {
      PepAuditEntry *entry = g_ptr_array_index (audit, i);
      n += g_strcmp0 (entry->field, "status") == 0 && g_strcmp0 (entry->new_value, status) == 0
           && g_strcmp0 (entry->role, role) == 0;
    }
  return n;
}

static void
test_cycle (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) plan = insert_good_plan (f);
  g_autoptr(PepPlan) loaded = NULL;
  g_autoptr(PepWorkflow) dt = as (f, "Ms Designated", PEP_ROLE_DESIGNATED_TEACHER);
  g_autoptr(PepWorkflow) qa = as (f, "Quinn Officer", PEP_ROLE_QA_OFFICER);
  g_autoptr(PepWorkflow) advisor = as (f, "Ada Advisor", PEP_ROLE_ADVISOR);
  g_autoptr(PepWorkflow) sw = as (f, "Sam Social", PEP_ROLE_SOCIAL_WORKER);
  g_autoptr(PepChecks) checks = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  g_autoptr(GPtrArray) follow_ups = NULL;
  g_autoptr(GPtrArray) lines = NULL;
  PepFollowUpAction action = { "Record the child's views on their targets.", "designated-teacher", NULL };
  PepFollowUpQuery open_query = { TRUE, FALSE, NULL, 0 };
  PepRecord *follow_up;
  PepTermId term = { 2024, PEP_TERM_SPRING };

  /* The school writes and submits. */
  g_assert_true (pep_workflow_set_field (dt, plan, PEP_PLAN_CARER_VIEWS,
                                         g_variant_new_string ("Settled."), &error));
  g_assert_no_error (error);
  g_assert_true (pep_workflow_submit (dt, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_SUBMITTED);
  g_assert_false (pep_workflow_set_field (dt, plan, PEP_PLAN_CARER_VIEWS,
                                          g_variant_new_string ("Changed."), &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_WRONG_STATUS);
  g_clear_error (&error);

  /* It waits in the queue; the checks establish red overall at least (some sections are
   * wholly the officer's to judge). */
  set_now (f, "2025-03-14T10:00:00Z");
  queue = pep_qa_queue_list (f->store, f->rubric, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 1);
  g_assert_cmpint (((PepQaQueueItem *) g_ptr_array_index (queue, 0))->plan_id, ==, pep_plan_get_id (plan));
  g_assert_cmpint (((PepQaQueueItem *) g_ptr_array_index (queue, 0))->waiting_days, ==, 2);
  g_assert_cmpint (((PepQaQueueItem *) g_ptr_array_index (queue, 0))->proposed, ==, PEP_RATING_RED);
  g_assert_cmpstr (((PepQaQueueItem *) g_ptr_array_index (queue, 0))->submitted_at, ==, "2025-03-12T10:00:00Z");

  /* QA rates a section, returns the PEP with a follow-up action due in 10 school days. */
  checks = pep_checks_new_for_store (f->store, f->rubric, plan, &error);
  g_assert_no_error (error);
  g_assert_false (pep_workflow_rate_section (qa, plan, checks, PEP_SECTION_VOICE, PEP_RATING_AMBER,
                                             "  ", NULL, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_REASON_NEEDED);
  g_clear_error (&error);
  g_assert_true (pep_workflow_rate_section (qa, plan, checks, PEP_SECTION_VOICE, PEP_RATING_AMBER,
                                            "The views are the carer's, not the child's.",
                                            "Please record the child's own words.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pep_workflow_get_section_rating (plan, PEP_SECTION_VOICE), ==, PEP_RATING_AMBER);
  g_assert_false (pep_workflow_rate_section (qa, plan, checks, PEP_SECTION_ATTAINMENT,
                                             PEP_RATING_GOLD, "Exceptional", NULL, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_false (pep_workflow_return (qa, plan, NULL, 0, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_true (pep_workflow_return (qa, plan, &action, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_RETURNED);
  follow_up = g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_FOLLOW_UP), 0);
  /* Friday 14 March + 10 school days = Friday 28 March. */
  g_assert_cmpstr (pep_record_get_text (follow_up, PEP_FOLLOW_UP_DUE), ==, "2025-03-28");
  g_assert_cmpstr (pep_record_get_text (follow_up, PEP_FOLLOW_UP_STATUS), ==, "open");
  g_assert_cmpstr (pep_record_get_text (follow_up, PEP_FOLLOW_UP_RAISED_BY), ==, "Quinn Officer");

  /* Overdue a month later. */
  set_now (f, "2025-04-10T09:00:00Z");
  follow_ups = pep_qa_list_follow_ups (f->store, &open_query, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (follow_ups->len, ==, 1);
  g_assert_true (((PepFollowUpItem *) g_ptr_array_index (follow_ups, 0))->overdue);

  /* The school puts it right, marks the action done and resubmits. */
  g_assert_true (pep_workflow_set_field (dt, plan, PEP_PLAN_VOICE_HOPES,
                                         g_variant_new_string ("To be a vet."), &error));
  g_assert_false (pep_workflow_set_follow_up_status (sw, plan, follow_up, "done", &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_true (pep_workflow_set_follow_up_status (dt, plan, follow_up, "done", &error));
  g_assert_no_error (error);
  g_assert_nonnull (pep_record_get_text (follow_up, PEP_FOLLOW_UP_DONE_AT));
  g_assert_true (pep_workflow_submit (dt, plan, &error));
  g_assert_no_error (error);
  /* The designated teacher's signature, made afresh; QA's signed return stays in the chain. */
  g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF)->len, ==, 2);
  g_clear_pointer (&follow_ups, g_ptr_array_unref);
  follow_ups = pep_qa_list_follow_ups (f->store, &open_query, &error);
  g_assert_cmpuint (follow_ups->len, ==, 0);

  /* QA: the overall rating waits for every section; then the rule, or a reason. */
  g_assert_false (pep_workflow_rate_overall (qa, plan, PEP_RATING_GREEN, NULL, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE);
  g_clear_error (&error);
  rate_as_proposed (f, qa, plan);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_QA_OVERALL), ==, "gold");
  g_assert_false (pep_workflow_rate_overall (qa, plan, PEP_RATING_GREEN, NULL, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_REASON_NEEDED);
  g_clear_error (&error);
  g_assert_true (pep_workflow_rate_overall (qa, plan, PEP_RATING_GREEN,
                                            "Targets are not yet ambitious enough.", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_QA_OVERALL_PROPOSED), ==, "gold");
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_QA_RUBRIC), ==, "default");

  g_assert_true (pep_workflow_approve (qa, plan, &error));
  g_assert_no_error (error);

  /* The advisor authorises, with a comment. */
  g_assert_false (pep_workflow_authorise (advisor, plan, " ", &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_true (pep_workflow_authorise (advisor, plan, "Good, specific targets.", &error));
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_SIGNED_OFF);

  /* What the file holds, read afresh. */
  loaded = pep_store_load_plan (f->store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_status (loaded), ==, PEP_STATUS_SIGNED_OFF);
  {
    /* The chain: the submission (signed again on resubmission), QA's return and approval,
     * the advisor's authorisation; each signed, each signature good. */
    static const char *expected[][2] = {
      { "designated-teacher", "submitted" }, { "qa-officer", "returned" },
      { "qa-officer", "approved" }, { "vs-advisor", "signed-off" },
    };
    GPtrArray *signoffs = pep_plan_get_rows (loaded, PEP_TABLE_SIGNOFF);
    PepSeal seal;
    g_autofree char *reason = NULL;

    g_assert_cmpuint (signoffs->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < signoffs->len; i++)
      {
        PepRecord *row = g_ptr_array_index (signoffs, i);

        g_assert_cmpstr (pep_record_get_text (row, PEP_SIGNOFF_ROLE), ==, expected[i][0]);
        g_assert_cmpstr (pep_record_get_text (row, PEP_SIGNOFF_STATUS), ==, expected[i][1]);
        g_assert_nonnull (pep_record_get_text (row, PEP_SIGNOFF_VALUE));
      }
    g_assert_true (pep_signoff_check_plan (f->store, loaded, &seal, &reason, &error));
    g_assert_no_error (error);
    g_assert_cmpstr (reason, ==, NULL);
    g_assert_cmpint (seal, ==, PEP_SEAL_OK);
  }
  g_assert_cmpuint (pep_plan_get_rows (loaded, PEP_TABLE_RATING)->len, ==, 10);
  g_assert_true (pep_plan_equal_content (plan, loaded));

  /* Every step is in the audit trail, with the role that took it. */
  g_assert_cmpuint (count_status_changes (f, plan, "submitted", "designated-teacher"), ==, 2);
  g_assert_cmpuint (count_status_changes (f, plan, "returned", "qa-officer"), ==, 1);
  g_assert_cmpuint (count_status_changes (f, plan, "approved", "qa-officer"), ==, 1);
  g_assert_cmpuint (count_status_changes (f, plan, "signed-off", "advisor"), ==, 1);

  /* Signed off: no longer in the queue, locked, and its PP+ line counts. */
  g_clear_pointer (&queue, g_ptr_array_unref);
  queue = pep_qa_queue_list (f->store, f->rubric, NULL, &error);
  g_assert_cmpuint (queue->len, ==, 0);
  g_assert_false (pep_store_update_plan (f->store, plan, PEP_PLAN_CARER_VIEWS,
                                         g_variant_new_string ("Too late"), &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED);
  g_clear_error (&error);
  lines = pep_qa_list_allocations (f->store, f->rubric, &term, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpint (((PepAllocationLine *) g_ptr_array_index (lines, 0))->overall, ==, PEP_RATING_GREEN);
  g_assert_cmpint (((PepAllocationLine *) g_ptr_array_index (lines, 0))->pence, ==, 40000);
}

static void
assert_not_allowed (gboolean     ok,
                    GError     **error,
                    const char  *says)
{
  g_assert_false (ok);
  g_assert_error (*error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED);
  if (says != NULL && strcmp ((*error)->message, says) != 0)
    g_error ("“%s” is not “%s”", (*error)->message, says);
  g_clear_error (error);
}

static void
test_roles (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) plan = insert_good_plan (f);
  g_autoptr(PepWorkflow) dt = as (f, "Ms Designated", PEP_ROLE_DESIGNATED_TEACHER);
  g_autoptr(PepWorkflow) sw = as (f, "Sam Social", PEP_ROLE_SOCIAL_WORKER);
  g_autoptr(PepWorkflow) qa = as (f, "Quinn Officer", PEP_ROLE_QA_OFFICER);
  g_autoptr(PepWorkflow) advisor = as (f, "Ada Advisor", PEP_ROLE_ADVISOR);
  g_autoptr(PepWorkflow) carer = as (f, "Carol Carer", PEP_ROLE_CARER);
  g_autoptr(PepChecks) checks = NULL;
  g_autoptr(PepRecord) subject = pep_record_new (PEP_TABLE_ATTAINMENT);

  pep_record_set_text (subject, PEP_ATTAINMENT_SUBJECT, "Science");
  pep_record_set_text (subject, PEP_ATTAINMENT_CURRENT, "Expected standard");

  /* Each writes their own sections only. */
  assert_not_allowed (pep_workflow_set_field (qa, plan, PEP_PLAN_VOICE_GOING_WELL,
                                              g_variant_new_string ("Rewritten by QA"), &error),
                      &error, "Only the designated teacher can change the school's sections of a PEP.");
  assert_not_allowed (pep_workflow_add_row (qa, plan, subject, &error), &error, NULL);
  assert_not_allowed (pep_workflow_set_field (sw, plan, PEP_PLAN_ATTENDANCE_TERM,
                                              g_variant_new_double (50), &error), &error, NULL);
  assert_not_allowed (pep_workflow_set_field (dt, plan, PEP_PLAN_SW_SENSITIVE_ISSUES,
                                              g_variant_new_string ("x"), &error), &error,
                      "Only the social worker can change the social worker's section of a PEP.");
  assert_not_allowed (pep_workflow_set_field (carer, plan, PEP_PLAN_VOICE_HOPES,
                                              g_variant_new_string ("x"), &error), &error, NULL);
  assert_not_allowed (pep_workflow_set_field (sw, plan, PEP_PLAN_CARER_VIEWS,
                                              g_variant_new_string ("x"), &error), &error,
                      "Only the carer or the designated teacher can change the carer's views.");
  /* The carer adds their own views. */
  g_assert_true (pep_workflow_set_field (carer, plan, PEP_PLAN_CARER_VIEWS,
                                         g_variant_new_string ("Settled at home."), &error));
  g_assert_no_error (error);
  assert_not_allowed (pep_workflow_set_field (dt, plan, PEP_PLAN_QA_OVERALL,
                                              g_variant_new_string ("gold"), &error), &error, NULL);
  g_assert_true (pep_workflow_set_field (sw, plan, PEP_PLAN_SW_CONTACTS,
                                         g_variant_new_string ("Sam Social, 01234 567890"), &error));
  g_assert_true (pep_workflow_add_row (dt, plan, subject, &error));
  g_assert_no_error (error);

  /* Only the school submits. */
  assert_not_allowed (pep_workflow_submit (qa, plan, &error), &error, "Only the designated teacher can submit a PEP.");
  g_assert_true (pep_workflow_submit (dt, plan, &error));
  g_assert_no_error (error);

  /* A designated teacher cannot rate, return or approve. */
  checks = pep_checks_new_for_store (f->store, f->rubric, plan, &error);
  g_assert_no_error (error);
  assert_not_allowed (pep_workflow_rate_section (dt, plan, checks, PEP_SECTION_VOICE,
                                                 pep_checks_get_proposed (checks, PEP_SECTION_VOICE),
                                                 NULL, NULL, &error),
                      &error, "Only a QA officer or a Virtual School advisor can rate a PEP.");
  assert_not_allowed (pep_workflow_rate_overall (dt, plan, PEP_RATING_GOLD, "x", &error), &error, NULL);
  assert_not_allowed (pep_workflow_return (dt, plan, NULL, 0, &error), &error, NULL);
  assert_not_allowed (pep_workflow_approve (dt, plan, &error), &error, NULL);

  rate_as_proposed (f, qa, plan);
  g_assert_true (pep_workflow_approve (qa, plan, &error));
  g_assert_no_error (error);

  /* Only an advisor authorises. */
  assert_not_allowed (pep_workflow_authorise (qa, plan, "Fine.", &error), &error,
                      "Only a Virtual School advisor can authorise a PEP.");
  assert_not_allowed (pep_workflow_authorise (dt, plan, "Fine.", &error), &error, NULL);
  g_assert_true (pep_workflow_authorise (advisor, plan, "Fine.", &error));
  g_assert_no_error (error);

  /* The matrix itself. */
  g_assert_true (pep_role_can (PEP_ROLE_ADVISOR, PEP_OPERATION_AUTHORISE));
  g_assert_false (pep_role_can (PEP_ROLE_QA_OFFICER, PEP_OPERATION_AUTHORISE));
  g_assert_false (pep_role_can (PEP_ROLE_HEADTEACHER, PEP_OPERATION_RATE));
  g_assert_false (pep_role_can (PEP_ROLE_ADMINISTRATOR, PEP_OPERATION_EDIT_TEACHER));
  g_assert_false (pep_role_can (PEP_ROLE_CARER, PEP_OPERATION_AMEND));
  g_assert_true (pep_role_can (PEP_ROLE_DESIGNATED_TEACHER, PEP_OPERATION_AMEND));
}

static void
test_wrong_status (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) plan = insert_good_plan (f);
  g_autoptr(PepWorkflow) qa = as (f, "Quinn Officer", PEP_ROLE_QA_OFFICER);
  g_autoptr(PepWorkflow) advisor = as (f, "Ada Advisor", PEP_ROLE_ADVISOR);
  g_autoptr(PepWorkflow) dt = as (f, "Ms Designated", PEP_ROLE_DESIGNATED_TEACHER);
  PepFollowUpAction action = { "Fix it.", "social-worker", "2025-03-20" };
  PepFollowUpAction bad_owner = { "Fix it.", "carer", NULL };

  /* A draft is neither returned, approved, authorised nor amended. */
  g_assert_false (pep_workflow_return (qa, plan, &action, 1, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_WRONG_STATUS);
  g_clear_error (&error);
  g_assert_false (pep_workflow_approve (qa, plan, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_WRONG_STATUS);
  g_clear_error (&error);
  g_assert_false (pep_workflow_authorise (advisor, plan, "Fine.", &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_WRONG_STATUS);
  g_clear_error (&error);
  g_assert_null (pep_workflow_amend (advisor, plan, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_WRONG_STATUS);
  g_clear_error (&error);

  g_assert_true (pep_workflow_submit (dt, plan, &error));
  g_assert_false (pep_workflow_return (qa, plan, &bad_owner, 1, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_SUBMITTED);

  /* A PEP rated red overall goes back to the school, not on to the advisor. */
  pep_workflow_rate_overall (qa, plan, PEP_RATING_RED, NULL, &error);
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE);
  g_clear_error (&error);
  rate_as_proposed (f, qa, plan);
  g_assert_true (pep_workflow_rate_overall (qa, plan, PEP_RATING_RED, "Safeguarding concerns.", &error));
  g_assert_false (pep_workflow_approve (qa, plan, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_INCOMPLETE);
  g_clear_error (&error);
  g_assert_true (pep_workflow_return (qa, plan, &action, 1, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_FOLLOW_UP), 0),
                                        PEP_FOLLOW_UP_DUE), ==, "2025-03-20");
}

static void
sign_off (Fixture *f,
          PepPlan *plan)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepWorkflow) dt = as (f, "Ms Designated", PEP_ROLE_DESIGNATED_TEACHER);
  g_autoptr(PepWorkflow) qa = as (f, "Quinn Officer", PEP_ROLE_QA_OFFICER);
  g_autoptr(PepWorkflow) advisor = as (f, "Ada Advisor", PEP_ROLE_ADVISOR);

  g_assert_true (pep_workflow_submit (dt, plan, &error));
  rate_as_proposed (f, qa, plan);
  g_assert_true (pep_workflow_approve (qa, plan, &error));
  g_assert_true (pep_workflow_authorise (advisor, plan, "Fine.", &error));
  g_assert_no_error (error);
}

static void
test_amendment (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) plan = insert_good_plan (f);
  g_autoptr(PepPlan) amendment = NULL;
  g_autoptr(PepPlan) loaded = NULL;
  g_autoptr(PepWorkflow) dt = as (f, "Ms Designated", PEP_ROLE_DESIGNATED_TEACHER);
  g_autoptr(PepWorkflow) carer = as (f, "Carol Carer", PEP_ROLE_CARER);

  sign_off (f, plan);
  g_assert_null (pep_workflow_amend (carer, plan, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  amendment = pep_workflow_amend (dt, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_status (amendment), ==, PEP_STATUS_DRAFT);
  g_assert_cmpint (pep_plan_get_amends_id (amendment), ==, pep_plan_get_id (plan));
  g_assert_cmpstr (pep_plan_get_uuid (amendment), !=, pep_plan_get_uuid (plan));
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (amendment), PEP_PLAN_VOICE_GOING_WELL), ==, "Art.");
  g_assert_null (pep_record_get_text (pep_plan_get_content (amendment), PEP_PLAN_QA_OVERALL));
  g_assert_cmpuint (pep_plan_get_rows (amendment, PEP_TABLE_TARGET)->len, ==, 1);
  g_assert_cmpuint (pep_plan_get_rows (amendment, PEP_TABLE_RATING)->len, ==, 0);
  g_assert_cmpuint (pep_plan_get_rows (amendment, PEP_TABLE_SIGNOFF)->len, ==, 0);

  /* One amendment at a time. */
  g_assert_null (pep_workflow_amend (dt, plan, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_WRONG_STATUS);
  g_clear_error (&error);

  /* Until it is authorised the original stands; then it is superseded. */
  g_assert_true (pep_workflow_set_field (dt, amendment, PEP_PLAN_CARER_VIEWS,
                                         g_variant_new_string ("Corrected."), &error));
  loaded = pep_store_load_plan (f->store, pep_plan_get_id (plan), &error);
  g_assert_cmpint (pep_plan_get_status (loaded), ==, PEP_STATUS_SIGNED_OFF);
  g_clear_object (&loaded);
  sign_off (f, amendment);
  loaded = pep_store_load_plan (f->store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_status (loaded), ==, PEP_STATUS_SUPERSEDED);
  g_assert_cmpuint (count_status_changes (f, plan, "superseded", "advisor"), ==, 1);
  /* Its dated steps end with the superseding, which the lock let in once and no more. */
  {
    GPtrArray *events = pep_plan_get_rows (loaded, PEP_TABLE_EVENT);
    PepRecord *last = g_ptr_array_index (events, events->len - 1);
    g_autoptr(PepRecord) again = pep_record_new (PEP_TABLE_EVENT);

    g_assert_cmpstr (pep_record_get_text (last, PEP_EVENT_KIND), ==, "superseded");
    g_assert_nonnull (pep_plan_get_event_at (loaded, "authorised", FALSE));
    pep_record_set_text (again, PEP_EVENT_KIND, "superseded");
    pep_record_set_text (again, PEP_EVENT_AT, "2025-03-12T10:00:00Z");
    g_assert_false (pep_store_exchange_add_event (f->store, pep_plan_get_id (plan), events->len,
                                                  again, &error));
    g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED);
    g_clear_error (&error);
  }
  g_clear_object (&loaded);
  loaded = pep_store_load_plan (f->store, pep_plan_get_id (amendment), &error);
  g_assert_cmpint (pep_plan_get_status (loaded), ==, PEP_STATUS_SIGNED_OFF);
  /* The amendment's first step says who started it. */
  g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (pep_plan_get_rows (loaded, PEP_TABLE_EVENT), 0),
                                        PEP_EVENT_KIND), ==, "amended");
}

/* Due dates in school days ------------------------------------------------------------------ */

static void
assert_date (const GDate *date,
             const char  *expected)
{
  g_autofree char *text = g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date),
                                           g_date_get_month (date), g_date_get_day (date));
  g_assert_cmpstr (text, ==, expected);
}

static void
assert_after (const char *from,
              guint       n,
              const char *expected)
{
  GDate start, end;

  g_assert_true (pep_date_parse (from, &start));
  pep_calendar_add_school_days (&start, n, &end);
  assert_date (&end, expected);
}

static void
assert_holidays (int          year,
                 const char  *expected)
{
  GDate days[PEP_CALENDAR_MAX_BANK_HOLIDAYS];
  guint n = pep_calendar_bank_holidays (year, days);
  g_autoptr(GString) text = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append_printf (text, "%s%02u-%02u", i ? " " : "", g_date_get_month (&days[i]),
                            g_date_get_day (&days[i]));
  g_assert_cmpstr (text->str, ==, expected);
}

static void
test_school_days (void)
{
  GDate date;

  assert_holidays (2024, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26");
  /* New Year on a Sunday; the coronation. */
  assert_holidays (2023, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26");
  /* New Year on a Saturday; the jubilee; the Queen's funeral; Christmas on a Sunday. */
  assert_holidays (2022, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27");
  /* Christmas on a Saturday, Boxing Day on a Sunday. */
  assert_holidays (2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28");
  /* Christmas on a Friday; VE day. */
  assert_holidays (2020, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28");

  g_assert_true (pep_date_parse ("2025-04-18", &date));
  g_assert_true (pep_calendar_is_bank_holiday (&date));
  g_assert_false (pep_calendar_is_school_day (&date));
  g_assert_true (pep_date_parse ("2025-04-22", &date));
  g_assert_true (pep_calendar_is_school_day (&date));

  /* Over a weekend. */
  assert_after ("2025-03-14", 1, "2025-03-17");
  assert_after ("2025-03-15", 1, "2025-03-17");
  assert_after ("2025-03-12", 10, "2025-03-26");
  /* Over Easter: Good Friday and Easter Monday skipped. */
  assert_after ("2025-04-11", 10, "2025-04-29");
  /* Over Christmas 2021, with its substitute days. */
  assert_after ("2021-12-23", 2, "2021-12-29");
  /* Over the early May and spring bank holidays. */
  assert_after ("2024-05-03", 1, "2024-05-07");
  assert_after ("2024-05-24", 1, "2024-05-28");
}

static void
test_default_due (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PepWorkflow) qa = as (f, "Quinn Officer", PEP_ROLE_QA_OFFICER);
  GDate due;

  g_assert_cmpuint (pep_workflow_get_follow_up_days (qa), ==, 10);
  /* Thursday 17 April 2025: Good Friday, Easter Monday and the early May bank holiday fall in
   * the next 10 school days. */
  set_now (f, "2025-04-17T16:00:00Z");
  pep_workflow_get_default_due (qa, &due);
  assert_date (&due, "2025-05-06");
  pep_workflow_set_follow_up_days (qa, 20);
  pep_workflow_get_default_due (qa, &due);
  assert_date (&due, "2025-05-20");
}

/* The QA queue's wait counts from the first submission, a dated step: rating a section a
 * week later does not put the PEP back to "0 days" (issue 16). */
static void
test_wait_from_submission (Fixture       *f,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) plan = insert_good_plan (f);
  g_autoptr(PepWorkflow) teacher = as (f, "Ms Designated", PEP_ROLE_DESIGNATED_TEACHER);
  g_autoptr(PepWorkflow) officer = as (f, "Olu Officer", PEP_ROLE_QA_OFFICER);
  g_autoptr(PepChecks) checks = NULL;
  g_autoptr(GPtrArray) queue = NULL;
  PepQaQueueItem *item;

  g_assert_true (pep_workflow_submit (teacher, plan, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pep_plan_get_event_at (plan, "submitted", FALSE), ==, "2025-03-12T10:00:00Z");

  set_now (f, "2025-03-19T10:00:00Z");
  checks = pep_checks_new_for_store (f->store, f->rubric, plan, &error);
  g_assert_no_error (error);
  g_assert_true (pep_workflow_rate_section (officer, plan, checks, PEP_SECTION_MEETING,
                                            pep_checks_get_proposed (checks, PEP_SECTION_MEETING),
                                            NULL, NULL, &error));
  g_assert_no_error (error);

  queue = pep_qa_queue_list (f->store, f->rubric, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (queue->len, ==, 1);
  item = g_ptr_array_index (queue, 0);
  g_assert_cmpstr (item->submitted_at, ==, "2025-03-12T10:00:00Z");
  g_assert_cmpint (item->waiting_days, ==, 7);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(name, func) \
  g_test_add ("/pep/workflow/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("cycle", test_cycle);
  ADD ("roles", test_roles);
  ADD ("wrong-status", test_wrong_status);
  ADD ("amendment", test_amendment);
  ADD ("default-due", test_default_due);
  ADD ("wait-from-submission", test_wait_from_submission);
#undef ADD
  g_test_add_func ("/pep/workflow/school-days", test_school_days);

  return g_test_run ();
}
