/* test-authority.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authority profile: England's usual pattern for a new file, the one term model (spans
 * that meet, school days, deadlines), the profile document (the same bytes back, refusals
 * naming the element), the file's profiles (own and imported, audited), a school file with
 * children of two authorities, and the profile travelling between a Virtual School's copy
 * and a school's copy through pepctl: the same deadlines, figures and proposals in both.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pep-authority.h"
#include "pep-checks.h"
#include "pep-demo.h"
#include "pep-officers.h"
#include "pep-stats.h"
#include "pep-store-authority.h"
#include "pep-work-context.h"
#include "test-util.h"

static void
set_dmy (GDate *date,
         guint  day,
         guint  month,
         guint  year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static void
assert_date (const GDate *date,
             guint        day,
             guint        month,
             guint        year)
{
  g_assert_true (g_date_valid (date));
  g_assert_cmpuint (g_date_get_day (date), ==, day);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_year (date), ==, year);
}

static void
assert_term_for (PepAuthority *authority,
                 guint         day,
                 guint         month,
                 guint         year,
                 int           term_year,
                 PepTerm       term)
{
  GDate date;
  PepTermId id;

  set_dmy (&date, day, month, year);
  pep_authority_term_for_date (authority, &date, &id);
  g_assert_cmpint (id.year, ==, term_year);
  g_assert_cmpint (id.term, ==, term);
}

/* A new profile: England's usual pattern, the defaults written once, the built-in rubric. */
static void
test_defaults (void)
{
  g_autoptr(PepAuthority) authority = pep_authority_new ();
  PepTermId summer = { 2024, PEP_TERM_SUMMER };
  GDate first, last;

  g_assert_null (pep_authority_get_la_code (authority));
  g_assert_cmpuint (pep_authority_get_new_to_care_days (authority), ==, 20);
  g_assert_cmpuint (pep_authority_get_school_change_days (authority), ==, 10);
  g_assert_cmpuint (pep_authority_get_follow_up_days (authority), ==, 10);
  g_assert_cmpstr (pep_authority_get_cohort (authority), ==, "years1-11-month");
  g_assert_cmpstr (pep_rubric_get_id (pep_authority_get_rubric (authority)), ==, "default");
  /* NULL is the same pattern. */
  g_assert_cmpuint (pep_authority_get_new_to_care_days (NULL), ==, 20);

  /* Summer 2024/25: schools open from nine days after Easter (20 April 2025) to 22 July; the
   * span runs from Easter Sunday to 31 August; the deadline and as-at day is 22 July. */
  pep_authority_school_days (authority, &summer, &first, &last);
  assert_date (&first, 29, 4, 2025);
  assert_date (&last, 22, 7, 2025);
  pep_authority_term_span (NULL, &summer, &first, &last);
  assert_date (&first, 20, 4, 2025);
  assert_date (&last, 31, 8, 2025);
  pep_authority_deadline (authority, &summer, &last);
  assert_date (&last, 22, 7, 2025);
}

/* The one term model with an authority's own dates: spans meet, a holiday belongs to the
 * term before, deadlines and closures count. */
static void
test_term_model (void)
{
  g_autoptr(PepAuthority) authority = pep_authority_new ();
  g_autoptr(GError) error = NULL;
  PepTermId autumn = { 2025, PEP_TERM_AUTUMN };
  PepTermId spring = { 2025, PEP_TERM_SPRING };
  PepTermId summer = { 2024, PEP_TERM_SUMMER };
  static const char *half_term[] = { "2025-10-27..2025-10-31", NULL };
  GDate a, b, c, first, last, day;

  assert_term_for (authority, 29, 8, 2025, 2024, PEP_TERM_SUMMER);
  assert_term_for (authority, 22, 12, 2025, 2025, PEP_TERM_AUTUMN);

  /* Autumn 27 August to 19 December, due 28 November; Spring from 5 January. */
  set_dmy (&a, 27, 8, 2025);
  set_dmy (&b, 19, 12, 2025);
  set_dmy (&c, 28, 11, 2025);
  g_assert_true (pep_authority_set_term (authority, &autumn, &a, &b, &c, &error));
  set_dmy (&a, 5, 1, 2026);
  g_assert_true (pep_authority_set_term (authority, &spring, &a, NULL, NULL, &error));
  g_assert_true (pep_authority_set_closures (authority, 2025, half_term, &error));
  g_assert_no_error (error);

  pep_authority_term_span (authority, &autumn, &first, &last);
  assert_date (&first, 27, 8, 2025);
  assert_date (&last, 4, 1, 2026);           /* the Christmas holidays are Autumn's */
  pep_authority_term_span (authority, &summer, &first, &last);
  assert_date (&last, 26, 8, 2025);          /* the day before Autumn starts */
  pep_authority_school_days (authority, &spring, &first, &last);
  assert_date (&first, 5, 1, 2026);
  assert_date (&last, 26, 3, 2026);          /* England's pattern: ten days before Easter */
  pep_authority_deadline (authority, &autumn, &day);
  assert_date (&day, 28, 11, 2025);
  pep_authority_deadline (authority, &spring, &day);
  assert_date (&day, 26, 3, 2026);

  assert_term_for (authority, 26, 8, 2025, 2024, PEP_TERM_SUMMER);
  assert_term_for (authority, 27, 8, 2025, 2025, PEP_TERM_AUTUMN);
  assert_term_for (authority, 2, 1, 2026, 2025, PEP_TERM_AUTUMN);
  assert_term_for (authority, 5, 1, 2026, 2025, PEP_TERM_SPRING);
  assert_term_for (authority, 22, 12, 2026, 2026, PEP_TERM_AUTUMN);   /* other years: usual */

  set_dmy (&day, 29, 10, 2025);
  g_assert_false (pep_authority_is_school_day (authority, &day));
  g_assert_true (pep_authority_is_school_day (NULL, &day));
  set_dmy (&day, 22, 12, 2025);
  g_assert_false (pep_authority_is_school_day (authority, &day));

  /* Refused: a term ending before it starts, a date out of its year; nothing changes. */
  set_dmy (&a, 27, 8, 2025);
  g_assert_false (pep_authority_set_term (authority, &autumn, &b, &a, NULL, &error));
  g_assert_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID);
  g_clear_error (&error);
  set_dmy (&a, 1, 1, 2030);
  g_assert_false (pep_authority_set_term (authority, &autumn, &a, NULL, NULL, &error));
  g_clear_error (&error);
  g_assert_false (pep_authority_set_closures (authority, 2024, half_term, &error));
  g_clear_error (&error);
  pep_authority_term_span (authority, &autumn, &first, &last);
  assert_date (&first, 27, 8, 2025);

  /* Cleared: the usual pattern again. */
  g_assert_true (pep_authority_set_term (authority, &autumn, NULL, NULL, NULL, NULL));
  pep_authority_term_span (authority, &autumn, &first, &last);
  assert_date (&first, 1, 9, 2025);
}

static PepAuthority *
shire_profile (void)
{
  PepAuthority *authority = pep_authority_new ();
  static const char *closures[] = { "2025-10-27..2025-10-31", "2026-02-16..2026-02-20", NULL };
  GDate a, b, c;

  g_assert_true (pep_authority_set_la_code (authority, "873", NULL));
  pep_authority_set_name (authority, "Example Shire");
  g_assert_true (pep_authority_set_days (authority, 15, PEP_DAYS_SCHOOL, 20, PEP_DAYS_SCHOOL, 12, NULL));
  g_assert_true (pep_authority_set_cohort (authority, "school-age-28-days", NULL));
  g_assert_true (pep_authority_set_ppplus_pence (authority, 255000, NULL));
  set_dmy (&a, 3, 9, 2025);
  set_dmy (&b, 19, 12, 2025);
  set_dmy (&c, 28, 11, 2025);
  g_assert_true (pep_authority_set_term (authority, &(PepTermId) { 2025, PEP_TERM_AUTUMN }, &a, &b, &c, NULL));
  g_assert_true (pep_authority_set_closures (authority, 2025, closures, NULL));
  /* A real officers list (pep-officers.h), signed by the authority's demo key. */
  {
    g_autoptr(PepOfficers) officers = pep_officers_new ("873", "Example Shire");
    g_autoptr(PepSigningKey) head = pep_signing_key_new_demo (1, "A. Head", "headteacher");
    g_autoptr(PepSigningKey) key = pep_signing_key_new_demo (1, "Example Shire", "authority");
    g_autofree char *xml = NULL;
    PepOfficer officer = { .name = "A. Head", .role = "headteacher",
                           .public_key = (char *) pep_signing_key_get_public_key (head),
                           .valid_from = "2025-09-01" };

    g_assert_true (pep_officers_add (officers, &officer, NULL));
    g_assert_true (pep_officers_sign (officers, key, "2025-09-01T09:00:00Z", NULL));
    xml = pep_officers_to_xml (officers, FALSE);
    pep_authority_set_officers_xml (authority, xml);
  }
  return authority;
}

/* The document: valid against its schema, the same bytes back, refusals naming the element. */
static void
test_document (void)
{
  g_autoptr(PepAuthority) authority = shire_profile ();
  g_autoptr(PepAuthority) back = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = pep_authority_to_xml (authority, TRUE);
  g_autofree char *again = NULL;
  g_autofree char *signed_xml = NULL;
  g_auto(GStrv) closures = NULL;
  static const struct { const char *from, *to, *reason; } bad[] = {
    { "<LEA>873</LEA>", "<LEA>87</LEA>", "/AuthorityProfile/Authority/LEA" },
    { "first=\"2025-09-03\"", "first=\"2025-09-31\"", "/AuthorityProfile/Year/Term" },
    { "<FollowUp>12</FollowUp>", "<FollowUp>99</FollowUp>", "/AuthorityProfile/Deadlines/FollowUp" },
    { "<Cohort>", "<Colour>red</Colour><Cohort>", "/AuthorityProfile" },
    { "<rubric id=\"default\"", "<rubric id=\"default\" rule=\"nonsense\"", "/AuthorityProfile/Rubric" },
    { "first=\"2025-09-03\"", "first=\"2024-09-03\"", "/AuthorityProfile/Year/Term" },
  };

  back = pep_authority_new_from_xml (xml, strlen (xml), &error);
  g_assert_no_error (error);
  again = pep_authority_to_xml (back, TRUE);
  g_assert_cmpstr (xml, ==, again);
  g_assert_cmpstr (pep_authority_get_la_code (back), ==, "873");
  g_assert_cmpuint (pep_authority_get_new_to_care_days (back), ==, 15);
  g_assert_cmpint (pep_authority_get_school_change_basis (back), ==, PEP_DAYS_SCHOOL);
  closures = pep_authority_get_closures (back, 2025);
  g_assert_cmpuint (g_strv_length (closures), ==, 2);
  g_assert_nonnull (strstr (pep_authority_get_officers_xml (back), "A. Head"));
  g_clear_object (&back);

  /* A signature travels, and is not part of what it signs. */
  pep_authority_set_signature (authority, "key-1", "c2lnbmF0dXJl");
  signed_xml = pep_authority_to_xml (authority, TRUE);
  g_assert_nonnull (strstr (signed_xml, "<Signature key=\"key-1\">c2lnbmF0dXJl</Signature>"));
  {
    g_autoptr(GBytes) covered = pep_authority_get_signed_bytes (authority);

    g_assert_cmpmem (g_bytes_get_data (covered, NULL), g_bytes_get_size (covered), xml, strlen (xml));
  }
  back = pep_authority_new_from_xml (signed_xml, strlen (signed_xml), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_authority_get_signature (back, NULL), ==, "c2lnbmF0dXJl");
  g_clear_object (&back);

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_auto(GStrv) parts = g_strsplit (xml, bad[i].from, 2);
      g_autofree char *broken = NULL;

      g_assert_nonnull (parts[1]);
      broken = g_strjoin (bad[i].to, parts[0], parts[1], NULL);
      g_assert_null (pep_authority_new_from_xml (broken, strlen (broken), &error));
      g_assert_nonnull (error);
      g_test_message ("%s", error->message);
      g_assert_true (g_str_has_prefix (error->message, bad[i].reason));
      g_clear_error (&error);
    }
  g_assert_null (pep_authority_new_from_xml ("<PEPExchange/>", 14, &error));
  g_assert_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_MALFORMED);
}

/* The file's profiles: a default own one until one is saved, others kept by LA code, each
 * change in the audit trail. */
static void
test_store (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "file.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_autoptr(PepWorkContext) context = NULL;
  g_autoptr(PepAuthority) shire = shire_profile ();
  g_autoptr(PepAuthority) own = NULL;
  g_autofree char *xml = NULL;

  g_assert_no_error (error);
  context = pep_work_context_new (store, "Teacher", PEP_ROLE_DESIGNATED_TEACHER, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pep_work_context_get_authorities (context)->len, ==, 1);
  g_assert_null (pep_authority_get_la_code (pep_work_context_get_own (context)));

  /* A school takes in the Shire's profile; it may not change its own rules. */
  xml = pep_authority_to_xml (shire, TRUE);
  g_assert_nonnull (pep_work_context_import (context, xml, strlen (xml), FALSE, TRUE, &error));
  g_assert_cmpuint (pep_work_context_get_authorities (context)->len, ==, 1);   /* dry run */
  g_assert_nonnull (pep_work_context_import (context, xml, strlen (xml), FALSE, FALSE, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pep_work_context_get_authorities (context)->len, ==, 2);
  g_assert_true (pep_work_context_find (context, "873") != NULL);
  g_assert_true (pep_work_context_for_care_authority (context, "Example Shire")
                 == pep_work_context_find (context, "873"));
  g_assert_true (pep_work_context_for_care_authority (context, " 873 ")
                 == pep_work_context_find (context, "873"));
  g_assert_true (pep_work_context_for_care_authority (context, "Elsewhere")
                 == pep_work_context_get_own (context));
  own = pep_authority_copy (pep_work_context_get_own (context));
  pep_authority_set_name (own, "Mine");
  g_assert_false (pep_work_context_save_own (context, own, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED);
  g_clear_error (&error);

  /* A second import replaces the first. */
  g_assert_true (pep_authority_set_days (shire, 10, PEP_DAYS_WORKING, 10, PEP_DAYS_WORKING, 10, NULL));
  g_clear_pointer (&xml, g_free);
  xml = pep_authority_to_xml (shire, TRUE);
  g_assert_nonnull (pep_work_context_import (context, xml, strlen (xml), FALSE, FALSE, &error));
  g_assert_cmpuint (pep_work_context_get_authorities (context)->len, ==, 2);
  g_assert_cmpuint (pep_authority_get_new_to_care_days (pep_work_context_find (context, "873")), ==, 10);

  /* A refused profile changes nothing. */
  g_assert_null (pep_work_context_import (context, "<AuthorityProfile/>", 19, FALSE, FALSE, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (pep_work_context_get_authorities (context)->len, ==, 2);

  /* The Virtual School's head sets the file's own rules. */
  pep_work_context_set_actor (context, "Head", PEP_ROLE_HEADTEACHER);
  g_assert_true (pep_work_context_save_own (context, own, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pep_authority_get_name (pep_work_context_get_own (context)), ==, "Mine");
  g_clear_object (&context);
  g_clear_object (&store);

  /* Read again from the file. */
  store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  context = pep_work_context_new (store, "Reader", PEP_ROLE_QA_OFFICER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_authority_get_name (pep_work_context_get_own (context)), ==, "Mine");
  g_assert_cmpstr (pep_authority_get_la_code (g_ptr_array_index (pep_work_context_get_authorities (context), 1)), ==, "873");
  g_clear_object (&context);
  g_clear_object (&store);
  {
    sqlite3 *db = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM audit WHERE table_name = 'authority'",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 3);
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  test_remove_tree (dir);
}

/* A school's file with children of two authorities: each child counted and rated under their
 * own authority's rules, and only in their authority's figures. */
static void
test_two_authorities (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_autoptr(PepWorkContext) context = NULL;
  g_autoptr(PepAuthority) shire = pep_authority_new ();
  g_autoptr(PepAuthority) borough = pep_authority_new ();
  g_autoptr(GDateTime) made = g_date_time_new_utc (2025, 12, 1, 10, 0, 0);
  static const PepTermId autumn = { 2025, PEP_TERM_AUTUMN };
  const char *authorities[] = { "873", "Example Borough", "873", "Example Borough" };
  gint64 plan_ids[4];
  GDate today, deadline;
  g_autofree char *shire_xml = NULL;
  g_autofree char *borough_xml = NULL;

  g_assert_no_error (error);
  pep_store_set_fixed_time (store, made);
  /* The Shire's PEPs are due by 28 November, the Borough's at the end of term; the Borough
   * rates by a rubric of its own. */
  g_assert_true (pep_authority_set_la_code (shire, "873", NULL));
  pep_authority_set_name (shire, "Example Shire");
  set_dmy (&deadline, 28, 11, 2025);
  g_assert_true (pep_authority_set_term (shire, &autumn, NULL, NULL, &deadline, NULL));
  g_assert_true (pep_authority_set_la_code (borough, "208", NULL));
  pep_authority_set_name (borough, "Example Borough");
  {
    g_autofree char *rubric_path = g_test_build_filename (G_TEST_DIST, "..", "data", "rubric", "default.xml", NULL);
    g_autofree char *xml = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *renamed = NULL;

    g_assert_true (g_file_get_contents (rubric_path, &xml, NULL, NULL));
    parts = g_strsplit (xml, "<rubric id=\"default\" version=\"1\">", 2);
    g_assert_nonnull (parts[1]);
    renamed = g_strconcat (parts[0], "<rubric id=\"borough\" version=\"1\">", parts[1], NULL);
    g_assert_true (pep_authority_set_rubric_xml (borough, renamed, strlen (renamed), &error));
    g_assert_no_error (error);
  }
  shire_xml = pep_authority_to_xml (shire, TRUE);
  borough_xml = pep_authority_to_xml (borough, TRUE);
  context = pep_work_context_new (store, "Teacher", PEP_ROLE_DESIGNATED_TEACHER, &error);
  g_assert_nonnull (pep_work_context_import (context, shire_xml, strlen (shire_xml), FALSE, FALSE, &error));
  g_assert_nonnull (pep_work_context_import (context, borough_xml, strlen (borough_xml), FALSE, FALSE, &error));
  g_assert_no_error (error);

  /* Four children in Year 5, two of each authority; a PEP each, completed 1 December. */
  for (guint i = 0; i < G_N_ELEMENTS (authorities); i++)
    {
      g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
      g_autoptr(PepPlan) plan = NULL;
      g_autofree char *name = g_strdup_printf ("Child %u", i);

      pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, name);
      pep_record_set_text (child, PEP_CHILD_DOB, "2016-01-10");
      pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, "2020-01-01");
      pep_record_set_text (child, PEP_CHILD_CARE_AUTHORITY, authorities[i]);
      g_assert_true (pep_store_insert_child (store, child, &error));
      plan = pep_plan_new (pep_record_get_id (child), &autumn, PEP_KIND_SCHOOL_AGE);
      pep_plan_set_status (plan, i < 2 ? PEP_STATUS_SUBMITTED : PEP_STATUS_DRAFT);
      /* Submitted now (1 December): the figures count from the dated step. */
      if (i < 2)
        {
          g_autofree char *now = pep_store_now (store);
          pep_plan_add_event (plan, "submitted", now, "Teacher", "designated-teacher");
        }
      g_assert_true (pep_store_insert_plan (store, plan, &error));
      g_assert_no_error (error);
      plan_ids[i] = pep_plan_get_id (plan);
    }

  set_dmy (&today, 15, 1, 2026);
  {
    GPtrArray *all = pep_work_context_get_authorities (context);
    PepAuthority *a873 = pep_work_context_find (context, "873");
    PepAuthority *a208 = pep_work_context_find (context, "208");
    g_autoptr(GPtrArray) for_873 = NULL;
    g_autoptr(GPtrArray) for_208 = NULL;
    g_autoptr(GPtrArray) for_own = NULL;
    PepCohortRule rule;
    const PepFigures *f;

    pep_cohort_rule_init_for (&rule, a873, all);
    for_873 = pep_stats_compute (store, &autumn, &rule, PEP_BREAKDOWN_NONE, &today, &error);
    g_assert_no_error (error);
    f = g_ptr_array_index (for_873, 0);
    g_assert_cmpuint (f->cohort, ==, 2);
    g_assert_cmpuint (f->in_place, ==, 1);
    g_assert_cmpuint (f->completed_in_time, ==, 0);      /* 1 December: after 28 November */
    g_assert_cmpuint (f->overdue, ==, 1);

    pep_cohort_rule_init_for (&rule, a208, all);
    for_208 = pep_stats_compute (store, &autumn, &rule, PEP_BREAKDOWN_NONE, &today, &error);
    f = g_ptr_array_index (for_208, 0);
    g_assert_cmpuint (f->cohort, ==, 2);
    g_assert_cmpuint (f->completed_in_time, ==, 1);      /* by the term's last school day */

    /* The school's own (no children of its own authority): nobody. */
    pep_cohort_rule_init_for (&rule, pep_work_context_get_own (context), all);
    for_own = pep_stats_compute (store, &autumn, &rule, PEP_BREAKDOWN_NONE, &today, &error);
    g_assert_cmpuint (((PepFigures *) g_ptr_array_index (for_own, 0))->cohort, ==, 0);

    /* Each PEP is proposed by its child's authority's rubric, wherever it is looked at. */
    for (guint i = 0; i < G_N_ELEMENTS (plan_ids); i++)
      {
        g_autoptr(PepPlan) plan = pep_store_load_plan (store, plan_ids[i], &error);
        g_autoptr(PepChecks) checks = pep_checks_new_for_plan (store, all, plan, &error);
        PepWorkflow *workflow = pep_work_context_get_workflow (context,
                                                               pep_work_context_for_plan (context, plan, NULL));

        g_assert_no_error (error);
        g_assert_cmpstr (pep_rubric_get_id (pep_checks_get_rubric (checks)), ==,
                         i % 2 == 0 ? "default" : "borough");
        g_assert_true (pep_workflow_get_rubric (workflow) == pep_checks_get_rubric (checks));
      }
  }
  g_clear_object (&context);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autofree char *data = NULL;
  gsize length;

  g_assert_true (g_file_get_contents (from, &data, &length, NULL));
  test_write_file (to, data, (gssize) length);
}

/* The Virtual School sets its term dates, deadlines and rubric; its profile goes to a school
 * whose copy holds the same PEPs; from then on the school computes what the Virtual School
 * computes. And a changed term date changes pepctl stats at once, with no settings at all. */
static void
test_travels (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *vs = g_build_filename (dir, "vs.db", NULL);
  g_autofree char *school = g_build_filename (dir, "school.db", NULL);
  g_autofree char *profile = g_build_filename (dir, "profile.xml", NULL);
  g_autofree char *vs_stats = NULL;
  g_autofree char *vs_qa = NULL;
  g_autofree char *school_stats_before = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  PepTermId last = { 2024, PEP_TERM_SUMMER };
  g_autofree char *last_text = pep_term_format (&last);

  pepctl (&run, "demo", vs, "--children", "60", "--terms", "3", "--until", last_text, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* The school's copy: the same PEPs, none of the Virtual School's rules. */
  copy_file (vs, school);
  {
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (school, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "DELETE FROM authority", NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
  }

  /* The Virtual School's own rules: summer ends 11 July, due 20 June, a rubric of its own
   * (its id and version are in every proposal pepctl qa prints). */
  {
    g_autoptr(PepStore) store = pep_store_open (vs, PEP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(PepWorkContext) context = pep_work_context_new (store, "Head", PEP_ROLE_HEADTEACHER, &error);
    g_autoptr(PepAuthority) own = NULL;
    g_autofree char *rubric_path = g_test_build_filename (G_TEST_DIST, "..", "data", "rubric", "default.xml", NULL);
    g_autofree char *xml = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *strict = NULL;
    GDate first, end, due;

    g_assert_no_error (error);
    own = pep_authority_copy (pep_work_context_get_own (context));
    g_assert_cmpstr (pep_authority_get_la_code (own), ==, "999");
    set_dmy (&first, 22, 4, 2025);
    set_dmy (&end, 11, 7, 2025);
    set_dmy (&due, 20, 6, 2025);
    g_assert_true (pep_authority_set_term (own, &last, &first, &end, &due, &error));
    g_assert_true (g_file_get_contents (rubric_path, &xml, NULL, NULL));
    parts = g_strsplit (xml, "<rubric id=\"default\" version=\"1\">", 2);
    strict = g_strconcat (parts[0], "<rubric id=\"strict\" version=\"3\">", parts[1], NULL);
    g_assert_true (pep_authority_set_rubric_xml (own, strict, strlen (strict), &error));
    g_assert_true (pep_work_context_save_own (context, own, &error));
    g_assert_no_error (error);
  }

  pepctl (&run, "stats", vs, "--term", last_text, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  vs_stats = g_steal_pointer (&run.out);
  g_assert_nonnull (strstr (vs_stats, "as at 11/07/2025"));
  pepctl (&run, "qa", vs, "1", NULL);
  g_assert_cmpint (run.status, ==, 0);
  vs_qa = g_steal_pointer (&run.out);
  g_assert_nonnull (strstr (vs_qa, "(strict, version 3)"));

  /* Before the profile, the school counts by England's usual pattern: another answer. */
  pepctl (&run, "stats", school, "--term", last_text, "--json", NULL);
  g_assert_cmpint (run.status, ==, 0);
  school_stats_before = g_steal_pointer (&run.out);
  g_assert_cmpstr (school_stats_before, !=, vs_stats);

  pepctl (&run, "authority", vs, "export", "-o", profile, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    GStatBuf st;

    g_assert_cmpint (g_stat (profile, &st), ==, 0);
    g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  }
  pepctl (&run, "authority", school, "import", profile, NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "authority", school, "show", "--authority", "999", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "999 Demoshire County Council (invented)"));
  g_assert_nonnull (strstr (run.out, "deadline 2025-06-20"));

  /* The same figures (deadlines, overdue counts, in time) and the same proposals. */
  pepctl (&run, "stats", school, "--term", last_text, "--json", "--authority", "999", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.out, ==, vs_stats);
  pepctl (&run, "qa", school, "1", NULL);
  g_assert_cmpstr (run.out, ==, vs_qa);

  /* A term date changed in the file changes the figures at once. */
  {
    g_autoptr(PepStore) store = pep_store_open (vs, PEP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(PepWorkContext) context = pep_work_context_new (store, "Head", PEP_ROLE_HEADTEACHER, &error);
    g_autoptr(PepAuthority) own = pep_authority_copy (pep_work_context_get_own (context));
    GDate first, end;

    set_dmy (&first, 22, 4, 2025);
    set_dmy (&end, 18, 7, 2025);
    g_assert_true (pep_authority_set_term (own, &last, &first, &end, NULL, &error));
    g_assert_true (pep_work_context_save_own (context, own, &error));
    g_assert_no_error (error);
  }
  pepctl (&run, "stats", vs, "--term", last_text, "--json", NULL);
  g_assert_nonnull (strstr (run.out, "as at 18/07/2025"));
  g_assert_cmpstr (run.out, !=, vs_stats);

  /* Bad input: the path and the reason, and the file unchanged. */
  {
    g_autofree char *before = test_file_checksum (school);
    g_autofree char *after = NULL;

    g_unlink (profile);
    test_write_file (profile, "<AuthorityProfile version=\"1\"><Authority/></AuthorityProfile>", -1);
    pepctl (&run, "authority", school, "import", profile, NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "/AuthorityProfile/Authority"));
    after = test_file_checksum (school);
    g_assert_cmpstr (before, ==, after);
    pepctl (&run, "stats", school, "--authority", "123", NULL);
    g_assert_cmpint (run.status, ==, 2);
    g_assert_nonnull (strstr (run.err, "999"));
  }
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pep/authority/defaults", test_defaults);
  g_test_add_func ("/pep/authority/term-model", test_term_model);
  g_test_add_func ("/pep/authority/document", test_document);
  g_test_add_func ("/pep/authority/store", test_store);
  g_test_add_func ("/pep/authority/two-authorities", test_two_authorities);
  g_test_add_func ("/pep/authority/travels", test_travels);

  return g_test_run ();
}
