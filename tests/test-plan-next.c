/* test-plan-next.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starting the next PEP from the last one: what is carried forward and what is not, every
 * previous target listed for review, the kind following the child's year, unscheduled
 * reviews and their reasons, the history, and moving rows.
 */

#include "config.h"

#include "pep-plan-next.h"
#include "test-util.h"

typedef struct
{
  char      *dir;
  char      *path;
  PepStore  *store;
  PepRecord *child;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "peps.db", NULL);
  f->store = pep_store_open (f->path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);

  f->child = pep_record_new (PEP_TABLE_CHILD);
  pep_record_set_text (f->child, PEP_CHILD_LA_CHILD_ID, "LAC000001");
  pep_record_set_text (f->child, PEP_CHILD_LEGAL_FORENAME, "Ada");
  pep_record_set_text (f->child, PEP_CHILD_LEGAL_SURNAME, "Example");
  pep_record_set_text (f->child, PEP_CHILD_DOB, "2014-03-02");
  pep_record_set_text (f->child, PEP_CHILD_SEN_STATUS, "sen-support");
  pep_record_set_int (f->child, PEP_CHILD_NC_YEAR, 5);
  g_assert_true (pep_store_insert_child (f->store, f->child, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->child);
  g_assert_finalize_object (f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static PepRecord *
fill_target (PepRecord  *target,
             const char *description)
{
  pep_record_set_text (target, PEP_TARGET_AREA, "academic");
  pep_record_set_text (target, PEP_TARGET_DESCRIPTION, description);
  pep_record_set_text (target, PEP_TARGET_SUCCESS_CRITERIA, "Reads a chapter book alone");
  pep_record_set_text (target, PEP_TARGET_OWNER, "Class teacher");
  pep_record_set_text (target, PEP_TARGET_DUE, "2024-12-13");
  return target;
}

/* An autumn 2024 PEP with something in every kind of field. */
static PepPlan *
insert_autumn (Fixture   *f,
               PepKind    kind,
               PepStatus  status)
{
  PepTermId term = { 2024, PEP_TERM_AUTUMN };
  g_autoptr(PepPlan) plan = pep_plan_new (pep_record_get_id (f->child), &term, kind);
  g_autoptr(GError) error = NULL;
  PepRecord *content = pep_plan_get_content (plan);
  PepRecord *line;

  pep_plan_set_status (plan, status);
  /* Carried */
  pep_record_set_text (content, PEP_PLAN_SETTING_TYPE, "mainstream");
  pep_record_set_real (content, PEP_PLAN_HOURS_PER_WEEK, 25.0);
  pep_record_set_text (content, PEP_PLAN_SEN_STATUS, "ehcp");
  pep_record_set_text (content, PEP_PLAN_SEN_NEEDS, "Speech and language");
  pep_record_set_int (content, PEP_PLAN_SDQ_TOTAL, 18);
  pep_record_set_text (content, PEP_PLAN_SW_CONTACTS, "Grandmother, weekly");
  pep_record_set_text (content, PEP_PLAN_SE_TRUSTED_ADULT, "Mrs Patel");
  pep_record_set_text (content, PEP_PLAN_CAREER_ASPIRATIONS, "Vet");
  pep_record_set_text (content, PEP_PLAN_NEET_REENGAGEMENT, "Taster days at college");
  pep_record_set_text (content, PEP_PLAN_EY_FUNDED_HOURS, "universal-15");
  /* Not carried */
  pep_record_set_text (content, PEP_PLAN_MEETING_DATE, "2024-10-10");
  pep_record_set_text (content, PEP_PLAN_MEETING_MODE, "in-person");
  pep_record_set_text (content, PEP_PLAN_VOICE_GOING_WELL, "Football club");
  pep_record_set_real (content, PEP_PLAN_ATTENDANCE_TERM, 93.5);
  pep_record_set_text (content, PEP_PLAN_SW_SENSITIVE_ISSUES, "Not for the next PEP");
  pep_record_set_text (content, PEP_PLAN_SW_CHECKED, "2024-10-11");
  pep_record_set_text (content, PEP_PLAN_CARER_VIEWS, "Settled");
  pep_record_set_int (content, PEP_PLAN_PPPLUS_ALLOCATED, 40000);

  fill_target (pep_plan_add_row (plan, PEP_TABLE_TARGET), "Read every night");
  fill_target (pep_plan_add_row (plan, PEP_TABLE_TARGET), "Join a club");

  line = pep_plan_add_row (plan, PEP_TABLE_ATTAINMENT);
  pep_record_set_text (line, PEP_ATTAINMENT_SUBJECT, "Reading");
  pep_record_set_text (line, PEP_ATTAINMENT_SCHEME, "ks2");
  pep_record_set_text (line, PEP_ATTAINMENT_CURRENT, "Working towards");
  pep_record_set_text (line, PEP_ATTAINMENT_TARGET_YEAR, "Expected standard");
  pep_record_set_text (line, PEP_ATTAINMENT_PROGRESS, "below");

  line = pep_plan_add_row (plan, PEP_TABLE_SIGNOFF);
  pep_record_set_text (line, PEP_SIGNOFF_ROLE, "designated-teacher");
  pep_record_set_text (line, PEP_SIGNOFF_NAME, "J Smith");
  pep_record_set_text (line, PEP_SIGNOFF_SIGNED_AT, "2024-10-12T10:00:00Z");

  g_assert_true (pep_store_insert_plan (f->store, plan, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&plan);
}

static void
test_kind (void)
{
  g_assert_cmpint (pep_plan_next_kind_for_year (-2, FALSE, 0), ==, PEP_KIND_EARLY_YEARS);
  g_assert_cmpint (pep_plan_next_kind_for_year (-1, TRUE, PEP_KIND_EARLY_YEARS), ==,
                   PEP_KIND_EARLY_YEARS);
  g_assert_cmpint (pep_plan_next_kind_for_year (0, TRUE, PEP_KIND_EARLY_YEARS), ==,
                   PEP_KIND_SCHOOL_AGE);
  g_assert_cmpint (pep_plan_next_kind_for_year (11, FALSE, 0), ==, PEP_KIND_SCHOOL_AGE);
  g_assert_cmpint (pep_plan_next_kind_for_year (12, TRUE, PEP_KIND_SCHOOL_AGE), ==,
                   PEP_KIND_POST_16);
  g_assert_cmpint (pep_plan_next_kind_for_year (12, TRUE, PEP_KIND_NEET), ==, PEP_KIND_NEET);
  g_assert_cmpint (pep_plan_next_kind_for_year (13, TRUE, PEP_KIND_POST_18), ==,
                   PEP_KIND_POST_18);
  g_assert_cmpint (pep_plan_next_kind_for_year (13, FALSE, 0), ==, PEP_KIND_POST_16);
}

static void
assert_carried (PepPlan *next)
{
  PepRecord *content = pep_plan_get_content (next);

  g_assert_cmpstr (pep_record_get_text (content, PEP_PLAN_SETTING_TYPE), ==, "mainstream");
  g_assert_cmpfloat (pep_record_get_real (content, PEP_PLAN_HOURS_PER_WEEK, 0), ==, 25.0);
  g_assert_cmpstr (pep_record_get_text (content, PEP_PLAN_SEN_STATUS), ==, "ehcp");
  g_assert_cmpstr (pep_record_get_text (content, PEP_PLAN_SEN_NEEDS), ==, "Speech and language");
  g_assert_cmpint (pep_record_get_int (content, PEP_PLAN_SDQ_TOTAL, -1), ==, 18);
  g_assert_cmpstr (pep_record_get_text (content, PEP_PLAN_SW_CONTACTS), ==, "Grandmother, weekly");
  g_assert_cmpstr (pep_record_get_text (content, PEP_PLAN_SE_TRUSTED_ADULT), ==, "Mrs Patel");
  g_assert_cmpstr (pep_record_get_text (content, PEP_PLAN_CAREER_ASPIRATIONS), ==, "Vet");

  /* Only what applies to a school-age PEP. */
  g_assert_false (pep_record_has (content, PEP_PLAN_NEET_REENGAGEMENT));
  g_assert_false (pep_record_has (content, PEP_PLAN_EY_FUNDED_HOURS));

  /* Each term asks afresh. */
  g_assert_false (pep_record_has (content, PEP_PLAN_MEETING_DATE));
  g_assert_false (pep_record_has (content, PEP_PLAN_MEETING_MODE));
  g_assert_false (pep_record_has (content, PEP_PLAN_VOICE_GOING_WELL));
  g_assert_false (pep_record_has (content, PEP_PLAN_ATTENDANCE_TERM));
  g_assert_false (pep_record_has (content, PEP_PLAN_SW_SENSITIVE_ISSUES));
  g_assert_false (pep_record_has (content, PEP_PLAN_SW_CHECKED));
  g_assert_false (pep_record_has (content, PEP_PLAN_CARER_VIEWS));
  g_assert_false (pep_record_has (content, PEP_PLAN_PPPLUS_ALLOCATED));

  for (guint i = 0; i < PEP_PLAN_N_FIELDS; i++)
    if (pep_record_has (content, i))
      g_assert_true (pep_plan_next_carries_field (i));
}

static void
test_carry_forward (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(PepPlan) previous = insert_autumn (f, PEP_KIND_SCHOOL_AGE, PEP_STATUS_SIGNED_OFF);
  g_autoptr(PepPlan) next = NULL;
  g_autoptr(PepPlan) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId spring = { 2024, PEP_TERM_SPRING };
  PepTermId term;
  GPtrArray *reviews, *targets, *lines;

  next = pep_plan_next_start (f->store, pep_record_get_id (f->child), &spring, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (next);
  g_assert_cmpint (pep_plan_get_id (next), >, pep_plan_get_id (previous));
  g_assert_cmpint (pep_plan_get_status (next), ==, PEP_STATUS_DRAFT);
  g_assert_cmpint (pep_plan_get_kind (next), ==, PEP_KIND_SCHOOL_AGE);
  g_assert_false (pep_plan_is_unscheduled (next));
  pep_plan_get_term (next, &term);
  g_assert_cmpint (pep_term_compare (&term, &spring), ==, 0);

  reloaded = pep_store_load_plan (f->store, pep_plan_get_id (next), &error);
  g_assert_no_error (error);
  g_assert_true (pep_plan_equal_content (next, reloaded));
  assert_carried (reloaded);

  /* Every previous target, in order, waiting for its outcome; no new targets yet. */
  reviews = pep_plan_get_rows (reloaded, PEP_TABLE_TARGET_REVIEW);
  targets = pep_plan_get_rows (previous, PEP_TABLE_TARGET);
  g_assert_cmpuint (reviews->len, ==, 2);
  for (guint i = 0; i < reviews->len; i++)
    {
      PepRecord *review = g_ptr_array_index (reviews, i);
      PepRecord *target = g_ptr_array_index (targets, i);

      g_assert_cmpint (pep_record_get_int (review, PEP_TARGET_REVIEW_PREVIOUS_TARGET, 0), ==,
                       pep_record_get_id (target));
      g_assert_cmpstr (pep_record_get_text (review, PEP_TARGET_REVIEW_TARGET_TEXT), ==,
                       pep_record_get_text (target, PEP_TARGET_DESCRIPTION));
      g_assert_false (pep_record_has (review, PEP_TARGET_REVIEW_OUTCOME));
    }
  g_assert_cmpuint (pep_plan_get_rows (reloaded, PEP_TABLE_TARGET)->len, ==, 0);
  g_assert_cmpuint (pep_plan_get_rows (reloaded, PEP_TABLE_SIGNOFF)->len, ==, 0);

  /* Same academic year: the subjects and their targets, not the judgements. */
  lines = pep_plan_get_rows (reloaded, PEP_TABLE_ATTAINMENT);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (lines, 0), PEP_ATTAINMENT_SUBJECT), ==,
                   "Reading");
  g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (lines, 0), PEP_ATTAINMENT_SCHEME), ==,
                   "ks2");
  g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (lines, 0), PEP_ATTAINMENT_TARGET_YEAR),
                   ==, "Expected standard");
  g_assert_false (pep_record_has (g_ptr_array_index (lines, 0), PEP_ATTAINMENT_CURRENT));
  g_assert_false (pep_record_has (g_ptr_array_index (lines, 0), PEP_ATTAINMENT_PROGRESS));

  /* The previous PEP is untouched. */
  g_clear_object (&reloaded);
  reloaded = pep_store_load_plan (f->store, pep_plan_get_id (previous), &error);
  g_assert_no_error (error);
  g_assert_true (pep_plan_equal_content (previous, reloaded));
}

static void
test_new_year (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PepPlan) previous = insert_autumn (f, PEP_KIND_EARLY_YEARS, PEP_STATUS_APPROVED);
  g_autoptr(PepPlan) next = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId autumn = { 2025, PEP_TERM_AUTUMN };
  PepRecord *content;

  /* A nursery child is now in Reception: school age, with no early-learning fields. */
  g_assert_true (pep_store_update_child (f->store, f->child, PEP_CHILD_NC_YEAR,
                                         g_variant_new_int64 (0), &error));
  g_assert_no_error (error);

  next = pep_plan_next_start (f->store, pep_record_get_id (f->child), &autumn, NULL, &error);
  g_assert_no_error (error);
  content = pep_plan_get_content (next);
  g_assert_cmpint (pep_plan_get_kind (next), ==, PEP_KIND_SCHOOL_AGE);
  g_assert_false (pep_record_has (content, PEP_PLAN_EY_FUNDED_HOURS));
  g_assert_cmpstr (pep_record_get_text (content, PEP_PLAN_SEN_STATUS), ==, "ehcp");

  /* A new academic year: no attainment lines carried; the targets still reviewed. */
  g_assert_cmpuint (pep_plan_get_rows (next, PEP_TABLE_ATTAINMENT)->len, ==, 0);
  g_assert_cmpuint (pep_plan_get_rows (next, PEP_TABLE_TARGET_REVIEW)->len, ==, 2);
}

static void
test_neet_kept (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PepPlan) previous = NULL;
  g_autoptr(PepPlan) next = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId spring = { 2024, PEP_TERM_SPRING };

  g_assert_true (pep_store_update_child (f->store, f->child, PEP_CHILD_NC_YEAR,
                                         g_variant_new_int64 (12), &error));
  previous = insert_autumn (f, PEP_KIND_NEET, PEP_STATUS_DRAFT);
  next = pep_plan_next_start (f->store, pep_record_get_id (f->child), &spring, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_kind (next), ==, PEP_KIND_NEET);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (next), PEP_PLAN_NEET_REENGAGEMENT),
                   ==, "Taster days at college");
}

static void
test_first_plan (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(PepPlan) next = NULL;
  g_autoptr(PepPlan) none = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId autumn = { 2024, PEP_TERM_AUTUMN };

  none = pep_plan_next_find_previous (f->store, pep_record_get_id (f->child), &error);
  g_assert_no_error (error);
  g_assert_null (none);

  next = pep_plan_next_start (f->store, pep_record_get_id (f->child), &autumn, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_kind (next), ==, PEP_KIND_SCHOOL_AGE);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (next), PEP_PLAN_SEN_STATUS), ==,
                   "sen-support");
  g_assert_cmpuint (pep_plan_get_rows (next, PEP_TABLE_TARGET_REVIEW)->len, ==, 0);

  /* A missing child is an error, not a PEP. */
  g_assert_null (pep_plan_next_start (f->store, 9999, &autumn, NULL, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND);
}

static void
test_unscheduled (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(PepPlan) previous = insert_autumn (f, PEP_KIND_SCHOOL_AGE, PEP_STATUS_SUBMITTED);
  g_autoptr(PepPlan) review = NULL;
  g_autoptr(PepPlan) again = NULL;
  g_autoptr(PepPlan) reloaded = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId autumn = { 2024, PEP_TERM_AUTUMN };

  /* One termly PEP a term. */
  again = pep_plan_next_start (f->store, pep_record_get_id (f->child), &autumn, NULL, &error);
  g_assert_null (again);
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DUPLICATE);
  g_clear_error (&error);

  /* An unscheduled review needs a reason that says something. */
  again = pep_plan_next_start (f->store, pep_record_get_id (f->child), &autumn, "   ", &error);
  g_assert_null (again);
  g_assert_error (error, PEP_PLAN_NEXT_ERROR, PEP_PLAN_NEXT_ERROR_NO_REASON);
  g_clear_error (&error);

  review = pep_plan_next_start (f->store, pep_record_get_id (f->child), &autumn,
                                "  Change of placement ", &error);
  g_assert_no_error (error);
  reloaded = pep_store_load_plan (f->store, pep_plan_get_id (review), &error);
  g_assert_no_error (error);
  g_assert_true (pep_plan_is_unscheduled (reloaded));
  g_assert_cmpstr (pep_plan_get_review_reason (reloaded), ==, "Change of placement");
  g_assert_cmpuint (pep_plan_get_rows (reloaded, PEP_TABLE_TARGET_REVIEW)->len, ==, 2);
  assert_carried (reloaded);
}

static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(PepPlan) autumn_plan = insert_autumn (f, PEP_KIND_SCHOOL_AGE, PEP_STATUS_SIGNED_OFF);
  g_autoptr(PepPlan) summer_plan = NULL;
  g_autoptr(PepPlan) spring_plan = NULL;
  g_autoptr(PepPlan) last = NULL;
  g_autoptr(GListModel) history = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId spring = { 2024, PEP_TERM_SPRING };
  PepTermId summer = { 2024, PEP_TERM_SUMMER };
  gint64 expected[3];

  spring_plan = pep_plan_next_start (f->store, pep_record_get_id (f->child), &spring, NULL, &error);
  g_assert_no_error (error);
  summer_plan = pep_plan_next_start (f->store, pep_record_get_id (f->child), &summer, NULL, &error);
  g_assert_no_error (error);

  history = pep_plan_next_list_history (f->store, pep_record_get_id (f->child), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (history), ==, 3);
  expected[0] = pep_plan_get_id (summer_plan);
  expected[1] = pep_plan_get_id (spring_plan);
  expected[2] = pep_plan_get_id (autumn_plan);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(PepPlan) header = g_list_model_get_item (history, i);
      g_assert_cmpint (pep_plan_get_id (header), ==, expected[i]);
    }

  /* A superseded PEP is not the one to start from. */
  g_assert_true (pep_store_set_plan_status (f->store, summer_plan, PEP_STATUS_SIGNED_OFF, &error));
  g_assert_true (pep_store_set_plan_status (f->store, summer_plan, PEP_STATUS_SUPERSEDED, &error));
  g_assert_no_error (error);
  last = pep_plan_next_find_previous (f->store, pep_record_get_id (f->child), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_id (last), ==, pep_plan_get_id (spring_plan));
}

/* Moving a row is the store's (pep_store_move_plan_row()); tested here, with the targets
 * this file's fixture has. */
static void
test_move_row (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PepPlan) plan = insert_autumn (f, PEP_KIND_SCHOOL_AGE, PEP_STATUS_DRAFT);
  g_autoptr(PepPlan) stale = NULL;
  g_autoptr(PepPlan) reloaded = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PepRecord) third = fill_target (pep_record_new (PEP_TABLE_TARGET), "Third");
  GPtrArray *targets;
  gint64 revision;

  g_assert_true (pep_store_add_plan_row (f->store, plan, third, &error));
  g_assert_no_error (error);
  stale = pep_store_load_plan (f->store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  revision = pep_plan_get_revision (plan);

  /* The last target to the top. */
  g_assert_true (pep_store_move_plan_row (f->store, plan, third, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_revision (plan), ==, revision + 1);
  targets = pep_plan_get_rows (plan, PEP_TABLE_TARGET);
  g_assert_true (g_ptr_array_index (targets, 0) == third);

  reloaded = pep_store_load_plan (f->store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  targets = pep_plan_get_rows (reloaded, PEP_TABLE_TARGET);
  g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (targets, 0), PEP_TARGET_DESCRIPTION),
                   ==, "Third");
  g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (targets, 1), PEP_TARGET_DESCRIPTION),
                   ==, "Read every night");
  g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (targets, 2), PEP_TARGET_DESCRIPTION),
                   ==, "Join a club");
  g_assert_true (pep_plan_equal_content (plan, reloaded));

  audit = pep_store_list_audit (f->store, PEP_TABLE_TARGET, pep_record_get_id (third), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 2);
  g_assert_cmpstr (((PepAuditEntry *) g_ptr_array_index (audit, 1))->field, ==, "position");

  /* Out of range, or someone else's change in between: refused, nothing moved. */
  g_assert_false (pep_store_move_plan_row (f->store, plan, third, 3, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pep_store_move_plan_row (f->store, stale,
                                           g_ptr_array_index (pep_plan_get_rows (stale, PEP_TABLE_TARGET), 2),
                                           1, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CONFLICT);
  g_clear_error (&error);

  /* A signed-off PEP never changes. */
  g_assert_true (pep_store_set_plan_status (f->store, plan, PEP_STATUS_SIGNED_OFF, &error));
  g_assert_no_error (error);
  g_assert_false (pep_store_move_plan_row (f->store, plan, third, 2, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pep/plan-next/kind", test_kind);
#define ADD(path, func) \
  g_test_add ("/pep/plan-next/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("carry-forward", test_carry_forward);
  ADD ("new-year", test_new_year);
  ADD ("neet-kept", test_neet_kept);
  ADD ("first-plan", test_first_plan);
  ADD ("unscheduled", test_unscheduled);
  ADD ("history", test_history);
  ADD ("move-row", test_move_row);
#undef ADD

  return g_test_run ();
}
