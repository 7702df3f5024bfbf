/* test-validator.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one validator (pep-validator.c): what a value must be, whole PEPs, rows per PEP, and
 * the edit session that applies it for the editor, with no display. Import's side is in
 * test-xml-import.c (/pep/xml-import/editor-rules). Every child here is invented.
 */

#include "config.h"

#include <string.h>

#include "pep-edit-session.h"
#include "pep-upn.h"
#include "pep-validator.h"
#include "test-util.h"

static PepValidator *
make_validator (void)
{
  PepValidator *validator = pep_validator_new (NULL);
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2025);
  pep_validator_set_today (validator, &today);
  return validator;
}

/* Checks @text typed in @field of @table: NULL @says for accepted. */
static void
typed (PepValidator *validator,
       PepTable      table,
       guint         field,
       const char   *dob,
       const char   *scheme,
       const char   *text,
       const char   *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;
  PepValueContext context;

  pep_value_context_init (&context, dob);
  context.scheme = scheme;
  value = pep_validator_parse (validator, pep_table_get_field (table, field), text, &context,
                               &error);
  if (says == NULL)
    {
      g_assert_no_error (error);
      g_assert_nonnull (value);
      /* What parse accepts, the check of a stored value accepts too (import's path). */
      g_assert_true (pep_validator_check_value (validator, pep_table_get_field (table, field),
                                                value, &context, NULL));
      return;
    }
  g_assert_null (value);
  g_assert_nonnull (error);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” → “%s” does not say “%s”", text, error->message, says);
}

static void
test_upn (void)
{
  g_autoptr(PepValidator) v = make_validator ();
  g_autofree char *made = pep_upn_make (999, 1000, 24, 1);
  g_autofree char *wrong = g_strdup (made);
  g_autofree char *small = g_ascii_strdown (made, -1);
  g_autoptr(GVariant) lower = g_variant_ref_sink (g_variant_new_string (small));
  const PepFieldInfo *upn = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_UPN);

  wrong[0] = wrong[0] == 'A' ? 'B' : 'A';
  typed (v, PEP_TABLE_CHILD, PEP_CHILD_UPN, NULL, NULL, made, NULL);
  typed (v, PEP_TABLE_CHILD, PEP_CHILD_UPN, NULL, NULL, "P00000000000B", NULL);   /* temporary */
  typed (v, PEP_TABLE_CHILD, PEP_CHILD_UPN, NULL, NULL, small, NULL);   /* typed in small letters */
  typed (v, PEP_TABLE_CHILD, PEP_CHILD_UPN, NULL, NULL, wrong, "check letter");
  typed (v, PEP_TABLE_CHILD, PEP_CHILD_UPN, NULL, NULL, "hello world", "13 characters");
  /* Stored, as import reads it, a UPN is in capitals. */
  g_assert_false (pep_validator_check_value (v, upn, lower, NULL, NULL));
}

static void
test_dates (void)
{
  g_autoptr(PepValidator) v = make_validator ();
  const char *dob = "2015-03-01";

  typed (v, PEP_TABLE_CHILD, PEP_CHILD_DOB, NULL, NULL, "01/03/2015", NULL);
  typed (v, PEP_TABLE_CHILD, PEP_CHILD_DOB, NULL, NULL, "02/06/2025", "cannot be in the future");
  typed (v, PEP_TABLE_CHILD, PEP_CHILD_DOB, NULL, NULL, "01/01/1990", "over 25");
  typed (v, PEP_TABLE_CHILD, PEP_CHILD_ENTERED_CARE, dob, NULL, "01/01/2015", "before the child was born");
  typed (v, PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, dob, NULL, "28/02/2015", "before the child was born");
  typed (v, PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, dob, NULL, "01/05/2026", NULL);
  typed (v, PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, dob, NULL, "02/06/2026", "too far ahead");
  typed (v, PEP_TABLE_PLAN, PEP_PLAN_SDQ_DATE, dob, NULL, "02/06/2025", "cannot be in the future");
  typed (v, PEP_TABLE_TARGET, PEP_TARGET_DUE, dob, NULL, "01/06/2028", NULL);
  typed (v, PEP_TABLE_TARGET, PEP_TARGET_DUE, dob, NULL, "02/06/2028", "too far ahead");
  typed (v, PEP_TABLE_FOLLOW_UP, PEP_FOLLOW_UP_DUE, dob, NULL, "28/02/2015", "before the child was born");
  /* Without a date of birth, only today bounds them. */
  typed (v, PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, NULL, NULL, "28/02/2015", NULL);
}

static void
test_grades_and_bounds (void)
{
  g_autoptr(PepValidator) v = make_validator ();
  g_autoptr(GVariant) purple = g_variant_ref_sink (g_variant_new_string ("purple"));
  g_autoptr(GError) error = NULL;

  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_CURRENT, NULL, "gcse", "4", NULL);
  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_CURRENT, NULL, "gcse", "U", NULL);
  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_TARGET_YEAR, NULL, "gcse", "10", "GCSE grade");
  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_TARGET_KS, NULL, "gcse", "4.5", "GCSE grade");
  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_CURRENT, NULL, "ks2-scaled", "120", NULL);
  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_CURRENT, NULL, "ks2-scaled", "79", "80 to 120");
  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_CURRENT, NULL, "phonics", "32", NULL);
  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_CURRENT, NULL, "phonics", "41", "0 to 40");
  typed (v, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_CURRENT, NULL, "eyfs", "Expected", NULL);
  typed (v, PEP_TABLE_PLAN, PEP_PLAN_ATTENDANCE_TERM, NULL, NULL, "100.5", "between 0 and 100");
  typed (v, PEP_TABLE_PLAN, PEP_PLAN_SDQ_TOTAL, NULL, NULL, "41", "between 0 and 40");
  typed (v, PEP_TABLE_PLAN, PEP_PLAN_PHONICS_MARK, NULL, NULL, "41", "between 0 and 40");

  /* Enumerations: only the field's choices. */
  g_assert_false (pep_validator_check_value (v, pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_GENDER),
                                             purple, NULL, &error));
  g_assert_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID);
}

static void
test_ratings (void)
{
  g_autoptr(PepValidator) v = make_validator ();
  g_autoptr(GError) error = NULL;

  g_assert_true (pep_validator_check_rating (v, PEP_KIND_SCHOOL_AGE, "voice", "gold", &error));
  g_assert_true (pep_validator_check_rating (v, PEP_KIND_SCHOOL_AGE, "attainment", "green", &error));
  g_assert_no_error (error);
  g_assert_false (pep_validator_check_rating (v, PEP_KIND_SCHOOL_AGE, "attainment", "gold", &error));
  g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_SCALE);
  g_clear_error (&error);
  g_assert_false (pep_validator_check_rating (v, PEP_KIND_SCHOOL_AGE, "astrology", "red", &error));
  g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_UNKNOWN_SECTION);
  g_clear_error (&error);
  /* A section the rubric does not rate (identity), and one it does not rate in early years. */
  g_assert_false (pep_validator_check_rating (v, PEP_KIND_SCHOOL_AGE, "identity", "red", &error));
  g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_UNKNOWN_SECTION);
  g_clear_error (&error);
  g_assert_false (pep_validator_check_rating (v, PEP_KIND_EARLY_YEARS, "social-emotional", "red", &error));
  g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_NOT_RATED);
}

static PepRecord *
make_child (const char *dob)
{
  PepRecord *child = pep_record_new (PEP_TABLE_CHILD);
  g_autofree char *upn = pep_upn_make (999, 1000, 24, 7);

  pep_record_set_text (child, PEP_CHILD_UPN, upn);
  pep_record_set_text (child, PEP_CHILD_LA_CHILD_ID, "LAC-T1");
  pep_record_set_text (child, PEP_CHILD_LEGAL_FORENAME, "Ada");
  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, "Testperson");
  pep_record_set_text (child, PEP_CHILD_DOB, dob);
  return child;
}

static PepRecord *
add_row (PepPlan    *plan,
         PepTable    table,
         guint       field,
         const char *text)
{
  PepRecord *row = pep_plan_add_row (plan, table);

  pep_record_set_text (row, field, text);
  return row;
}

/* A whole PEP: where its problem is, and that the first one found is the one named. */
static void
test_whole_plan (void)
{
  g_autoptr(PepValidator) v = make_validator ();
  g_autoptr(PepRecord) child = make_child ("2015-03-01");
  PepTermId term = { 2024, PEP_TERM_SPRING };
  PepValidationSite site;
  g_autoptr(GError) error = NULL;

  g_assert_true (pep_validator_check_child (v, child, &site, &error));
  g_assert_no_error (error);

  /* A good PEP passes. */
  {
    g_autoptr(PepPlan) plan = pep_plan_new (0, &term, PEP_KIND_SCHOOL_AGE);
    PepRecord *line = add_row (plan, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_SCHEME, "ks2-scaled");

    pep_record_set_text (pep_plan_get_content (plan), PEP_PLAN_MEETING_DATE, "2025-02-03");
    pep_record_set_text (line, PEP_ATTAINMENT_CURRENT, "104");
    add_row (plan, PEP_TABLE_RATING, PEP_RATING_SECTION, "voice");
    g_assert_true (pep_validator_check_plan (v, plan, child, &site, &error));
    g_assert_no_error (error);

    /* The same section twice. */
    add_row (plan, PEP_TABLE_RATING, PEP_RATING_SECTION, "voice");
    g_assert_false (pep_validator_check_plan (v, plan, child, &site, &error));
    g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_RATED_TWICE);
    g_assert_cmpint (site.table, ==, PEP_TABLE_RATING);
    g_assert_cmpuint (site.row, ==, 1);
    g_clear_error (&error);
  }

  /* A scaled score out of its scale, in the second line. */
  {
    g_autoptr(PepPlan) plan = pep_plan_new (0, &term, PEP_KIND_SCHOOL_AGE);
    PepRecord *line;

    add_row (plan, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_SUBJECT, "Reading");
    line = add_row (plan, PEP_TABLE_ATTAINMENT, PEP_ATTAINMENT_SCHEME, "ks2-scaled");
    pep_record_set_text (line, PEP_ATTAINMENT_CURRENT, "130");
    g_assert_false (pep_validator_check_plan (v, plan, child, &site, &error));
    g_assert_nonnull (strstr (error->message, "80 to 120"));
    g_assert_cmpint (site.table, ==, PEP_TABLE_ATTAINMENT);
    g_assert_cmpuint (site.row, ==, 1);
    g_assert_cmpint (site.field, ==, PEP_ATTAINMENT_CURRENT);
    g_clear_error (&error);
  }

  /* More sessions attended and missed than there were. */
  {
    g_autoptr(PepPlan) plan = pep_plan_new (0, &term, PEP_KIND_SCHOOL_AGE);
    PepRecord *content = pep_plan_get_content (plan);

    pep_record_set_int (content, PEP_PLAN_SESSIONS_POSSIBLE, 120);
    pep_record_set_int (content, PEP_PLAN_SESSIONS_ATTENDED, 110);
    pep_record_set_int (content, PEP_PLAN_SESSIONS_AUTHORISED, 11);
    g_assert_false (pep_validator_check_plan (v, plan, child, &site, &error));
    g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_INCONSISTENT);
    g_clear_error (&error);
  }

  /* Too many targets: named at the first one over the limit. */
  {
    g_autoptr(PepPlan) plan = pep_plan_new (0, &term, PEP_KIND_SCHOOL_AGE);
    guint max = pep_validator_max_rows (PEP_TABLE_TARGET);

    g_assert_cmpuint (max, >=, 10);
    g_assert_cmpuint (max, <=, 50);
    for (guint i = 0; i < max; i++)
      add_row (plan, PEP_TABLE_TARGET, PEP_TARGET_DESCRIPTION, "Read every night");
    g_assert_true (pep_validator_check_plan (v, plan, child, &site, &error));
    add_row (plan, PEP_TABLE_TARGET, PEP_TARGET_DESCRIPTION, "One too many");
    g_assert_false (pep_validator_check_plan (v, plan, child, &site, &error));
    g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_TOO_MANY_ROWS);
    g_assert_cmpint (site.table, ==, PEP_TABLE_TARGET);
    g_assert_cmpuint (site.row, ==, max);
    g_assert_cmpint (site.field, ==, -1);
  }

  /* Every table of a PEP has a limit. */
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    if (pep_table_is_plan_row (t))
      {
        g_assert_cmpuint (pep_validator_max_rows (t), >, 0);
        g_assert_true (pep_validator_check_n_rows (t, pep_validator_max_rows (t), NULL));
        g_assert_false (pep_validator_check_n_rows (t, pep_validator_max_rows (t) + 1, NULL));
      }
}

/* The store keeps no UPN with a wrong check letter, whoever writes it. */
static void
test_store_upn (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peps.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_autoptr(PepRecord) child = make_child ("2015-03-01");
  g_autoptr(PepRecord) again = NULL;
  g_autofree char *upn = g_strdup (pep_record_get_text (child, PEP_CHILD_UPN));

  g_assert_no_error (error);
  pep_record_set_text (child, PEP_CHILD_UPN, "hello world");
  g_assert_false (pep_store_insert_child (store, child, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "13 characters"));
  g_clear_error (&error);
  g_assert_cmpint (pep_store_count (store, PEP_TABLE_CHILD, NULL), ==, 0);

  pep_record_set_text (child, PEP_CHILD_UPN, upn);
  g_assert_true (pep_store_insert_child (store, child, &error));
  g_assert_no_error (error);
  upn[0] = upn[0] == 'A' ? 'B' : 'A';
  g_assert_false (pep_store_update_child (store, child, PEP_CHILD_UPN, g_variant_new_string (upn),
                                          &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "check letter"));
  g_clear_error (&error);
  again = pep_store_load_child (store, pep_record_get_id (child), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_record_get_text (again, PEP_CHILD_UPN), !=, upn);
  g_clear_object (&store);
  test_remove_tree (dir);
}

/* The edit session --------------------------------------------------------------------------- */

typedef struct
{
  guint  n_failed;
  char  *message;
} Failures;

static void
on_commit_failed (PepEditSession *session,
                  guint           table,
                  gint64          record_id,
                  guint           field,
                  const char     *message,
                  Failures       *failures)
{
  failures->n_failed++;
  g_free (failures->message);
  failures->message = g_strdup (message);
}

/* The editor's session applies the validator: what is typed, and what is handed to it
 * another way, is refused with the validator's message and never written; rows stay within
 * their limit; moving a row is the store's. */
static void
test_edit_session (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peps.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_autoptr(PepRecord) child = make_child ("2015-03-01");
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepPlan) reloaded = NULL;
  g_autoptr(PepEditSession) session = NULL;
  g_autoptr(GVariant) before_birth = NULL;
  g_autoptr(GVariant) good = NULL;
  PepTermId term = { 2024, PEP_TERM_SPRING };
  PepRecord *content;
  Failures failures = { 0, NULL };
  guint max = pep_validator_max_rows (PEP_TABLE_FUNDING_REQUEST);
  GPtrArray *requests;

  g_assert_no_error (error);
  pep_store_set_actor (store, "Test Teacher", PEP_ROLE_DESIGNATED_TEACHER);
  g_assert_true (pep_store_insert_child (store, child, &error));
  plan = pep_plan_new (pep_record_get_id (child), &term, PEP_KIND_SCHOOL_AGE);
  g_assert_true (pep_store_insert_plan (store, plan, &error));
  g_assert_no_error (error);

  session = pep_edit_session_new (store, plan, child, NULL);
  g_signal_connect (session, "commit-failed", G_CALLBACK (on_commit_failed), &failures);
  content = pep_plan_get_content (plan);

  /* Typed: the same message as the validator gives import. */
  before_birth = pep_edit_session_parse (session, content, PEP_PLAN_MEETING_DATE, "01/01/2015",
                                         &error);
  g_assert_null (before_birth);
  g_assert_nonnull (strstr (error->message, "Meeting date is before the child was born (1 Mar 2015)."));
  g_clear_error (&error);
  good = pep_edit_session_parse (session, content, PEP_PLAN_MEETING_DATE, "03/02/2025", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_string (good, NULL), ==, "2025-02-03");

  /* A date of birth typed later in the session counts at once. */
  pep_edit_session_set_value (session, child, PEP_CHILD_DOB, g_variant_new_string ("2025-01-01"));
  g_assert_null (pep_edit_session_parse (session, content, PEP_PLAN_MEETING_DATE, "03/12/2024",
                                         &error));
  g_assert_nonnull (strstr (error->message, "before the child was born (1 Jan 2025)"));
  g_clear_error (&error);
  pep_edit_session_set_value (session, child, PEP_CHILD_DOB, g_variant_new_string ("2015-03-01"));

  /* Handed over without parsing: checked again before it is written, and not written. */
  pep_edit_session_set_value (session, content, PEP_PLAN_MEETING_DATE,
                              g_variant_new_string ("2014-01-01"));
  g_assert_true (pep_edit_session_flush (session));
  g_assert_cmpuint (failures.n_failed, ==, 1);
  g_assert_nonnull (strstr (failures.message, "before the child was born"));
  reloaded = pep_store_load_plan (store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  g_assert_false (pep_record_has (pep_plan_get_content (reloaded), PEP_PLAN_MEETING_DATE));
  g_clear_object (&reloaded);

  pep_edit_session_set_value (session, content, PEP_PLAN_MEETING_DATE, good);
  g_assert_true (pep_edit_session_flush (session));
  g_assert_cmpuint (failures.n_failed, ==, 1);

  /* Rows up to the limit, and not one more. */
  for (guint i = 0; i < max; i++)
    {
      g_autoptr(PepRecord) row = pep_record_new (PEP_TABLE_FUNDING_REQUEST);
      g_autofree char *why = g_strdup_printf ("Request %u", i + 1);

      pep_record_set_text (row, PEP_FUNDING_REQUEST_RATIONALE, why);
      g_assert_true (pep_edit_session_add_row (session, row, &error));
      g_assert_no_error (error);
    }
  {
    g_autoptr(PepRecord) row = pep_record_new (PEP_TABLE_FUNDING_REQUEST);

    g_assert_false (pep_edit_session_add_row (session, row, &error));
    g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_TOO_MANY_ROWS);
    g_clear_error (&error);
  }

  /* The last to the top, through the store. */
  requests = pep_plan_get_rows (plan, PEP_TABLE_FUNDING_REQUEST);
  g_assert_true (pep_edit_session_move_row (session, g_ptr_array_index (requests, max - 1), 0,
                                            &error));
  g_assert_no_error (error);
  reloaded = pep_store_load_plan (store, pep_plan_get_id (plan), &error);
  g_assert_no_error (error);
  requests = pep_plan_get_rows (reloaded, PEP_TABLE_FUNDING_REQUEST);
  g_assert_cmpuint (requests->len, ==, max);
  {
    g_autofree char *last = g_strdup_printf ("Request %u", max);

    g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (requests, 0),
                                         PEP_FUNDING_REQUEST_RATIONALE), ==, last);
  }

  g_clear_object (&session);
  g_free (failures.message);
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pep/validator/upn", test_upn);
  g_test_add_func ("/pep/validator/dates", test_dates);
  g_test_add_func ("/pep/validator/grades-and-bounds", test_grades_and_bounds);
  g_test_add_func ("/pep/validator/ratings", test_ratings);
  g_test_add_func ("/pep/validator/whole-plan", test_whole_plan);
  g_test_add_func ("/pep/validator/store-upn", test_store_upn);
  g_test_add_func ("/pep/validator/edit-session", test_edit_session);

  return g_test_run ();
}
