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
#include "pep-authority-trust.h"
#include "pep-checks.h"
#include "pep-copy-owner.h"
#include "pep-demo.h"
#include "pep-edit-session.h"
#include "pep-validator.h"
#include "pep-officers.h"
#include "pep-stats.h"
#include "pep-store-authority.h"
#include "pep-work-context.h"
#include "pep-xml-export.h"
#include "pep-xml-import.h"
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


/* The exchange -------------------------------------------------------------------------- */

/* A stand-in for the authority's key (the officers part's verifier, issue 12): "signed" is
 * the SHA-256 of the signed bytes under the key "test-key". It tests the seam import calls,
 * not any cryptography. */
static char *
test_sign (GBytes *bytes)
{
  return g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
}

static gboolean
test_verify (PepAuthority  *profile,
             GBytes        *signed_bytes,
             const char    *key_id,
             const char    *signature,
             gpointer       user_data,
             GError       **error)
{
  g_autofree char *expected = test_sign (signed_bytes);

  (*(guint *) user_data)++;
  if (g_strcmp0 (key_id, "test-key") == 0 && g_str_equal (expected, signature))
    return TRUE;
  g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED,
               "the signature is not the authority's key's");
  return FALSE;
}

static PepStore *
new_owned_store (const char         *path,
                 const PepCopyOwner *owner)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) made = g_date_time_new_utc (2025, 12, 1, 10, 0, 0);
  PepStore *store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  pep_store_set_fixed_time (store, made);
  g_assert_true (pep_store_set_owner (store, owner, &error));
  g_assert_no_error (error);
  return store;
}

static GBytes *
export_full (PepStore *store)
{
  g_autoptr(GDateTime) when = g_date_time_new_utc (2025, 12, 2, 9, 0, 0);
  g_autoptr(GError) error = NULL;
  PepXmlExportOptions options;
  GBytes *bytes;

  pep_xml_export_options_init (&options);
  options.all_states = TRUE;
  options.time = when;
  bytes = pep_xml_export_to_bytes (store, &options, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

static char *
bytes_text (GBytes *bytes)
{
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A Virtual School's export carries its own profile; a school's copy takes it in, one per
 * authority, a newer one replacing an older and an older one ignored; a school's export
 * carries none, and one that claims to is refused; the file's own profile is its owner's. */
static void
test_exchange (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *vs_path = g_build_filename (dir, "vs.db", NULL);
  g_autofree char *school_path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepCopyOwner) vs_owner = pep_copy_owner_new_authority (873, "Example Shire");
  g_autoptr(PepCopyOwner) school_owner = pep_copy_owner_new_school (123456);
  g_autoptr(PepStore) vs = new_owned_store (vs_path, vs_owner);
  g_autoptr(PepStore) school = new_owned_store (school_path, school_owner);
  g_autoptr(PepWorkContext) vs_context = NULL;
  g_autoptr(PepWorkContext) school_context = NULL;
  g_autoptr(PepAuthority) own = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GBytes) first = NULL;
  g_autoptr(GBytes) second = NULL;
  g_autoptr(GBytes) from_school = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) later = g_date_time_new_utc (2025, 12, 3, 10, 0, 0);
  g_autofree char *text = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  PepTermId autumn = { 2025, PEP_TERM_AUTUMN };
  GDate deadline, due;

  /* The Virtual School's own profile is its authority: the owner's code and name, though
   * nobody saved it, and kept so when its head saves rules that say otherwise. */
  vs_context = pep_work_context_new (vs, "Head", PEP_ROLE_HEADTEACHER, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_authority_get_la_code (pep_work_context_get_own (vs_context)), ==, "873");
  g_assert_cmpstr (pep_authority_get_name (pep_work_context_get_own (vs_context)), ==, "Example Shire");
  own = pep_authority_copy (pep_work_context_get_own (vs_context));
  g_assert_true (pep_authority_set_la_code (own, "208", NULL));
  pep_authority_set_name (own, "Somewhere Else");
  set_dmy (&deadline, 28, 11, 2025);
  g_assert_true (pep_authority_set_term (own, &autumn, NULL, NULL, &deadline, NULL));
  g_assert_true (pep_work_context_save_own (vs_context, own, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (pep_authority_get_la_code (pep_work_context_get_own (vs_context)), ==, "873");
  g_assert_cmpstr (pep_authority_get_name (pep_work_context_get_own (vs_context)), ==, "Example Shire");
  g_assert_cmpstr (pep_authority_get_issued (pep_work_context_get_own (vs_context)), ==, "2025-12-01T10:00:00Z");
  /* Another authority's profile never becomes its own. */
  {
    g_autoptr(PepAuthority) other = pep_authority_new ();
    g_autofree char *xml = NULL;

    g_assert_true (pep_authority_set_la_code (other, "208", NULL));
    pep_authority_set_name (other, "Example Borough");
    xml = pep_authority_to_xml (other, TRUE);
    g_assert_null (pep_work_context_import (vs_context, xml, strlen (xml), TRUE, FALSE, &error));
    g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID);
    g_clear_error (&error);
  }

  /* Its export carries the profile, as its own document. */
  first = export_full (vs);
  text = bytes_text (first);
  g_assert_nonnull (strstr (text, "<AuthorityRules><AuthorityProfile xmlns=\"\" version=\"1\" issued=\"2025-12-01T10:00:00Z\">"));
  g_assert_nonnull (strstr (text, "<LEA>873</LEA>"));
  g_assert_true (pep_xml_validate (g_bytes_get_data (first, NULL), g_bytes_get_size (first), &error));
  g_assert_no_error (error);

  /* The school takes it in: its children of LA 873 now fall due on 28 November. */
  school_context = pep_work_context_new (school, "Teacher", PEP_ROLE_DESIGNATED_TEACHER, &error);
  g_assert_false (pep_work_context_can_edit_rules (school_context));
  report = pep_work_context_import_exchange (school_context, g_bytes_get_data (first, NULL),
                                             g_bytes_get_size (first), PEP_XML_IMPORT_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (report->authority, ==, "873");
  g_assert_cmpint (report->authority_taken, ==, PEP_AUTHORITY_TAKEN_NEW);
  g_assert_null (pep_work_context_find (school_context, "873"));     /* a dry run */
  g_clear_pointer (&report, pep_xml_import_report_free);
  report = pep_work_context_import_exchange (school_context, g_bytes_get_data (first, NULL),
                                             g_bytes_get_size (first), PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->authority_taken, ==, PEP_AUTHORITY_TAKEN_NEW);
  g_assert_nonnull (pep_work_context_find (school_context, "873"));
  pep_authority_deadline (pep_work_context_for_care_authority (school_context, "Example Shire"), &autumn, &due);
  assert_date (&due, 28, 11, 2025);
  g_assert_cmpuint (pep_work_context_get_authorities (school_context)->len, ==, 2);
  g_clear_pointer (&report, pep_xml_import_report_free);

  /* The same again: nothing to do. Then newer rules replace them, and the older export no
   * longer changes anything: one profile per authority, the newest. */
  report = pep_work_context_import_exchange (school_context, g_bytes_get_data (first, NULL),
                                             g_bytes_get_size (first), PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_cmpint (report->authority_taken, ==, PEP_AUTHORITY_TAKEN_SAME);
  g_clear_pointer (&report, pep_xml_import_report_free);
  pep_store_set_fixed_time (vs, later);
  g_clear_object (&own);
  own = pep_authority_copy (pep_work_context_get_own (vs_context));
  set_dmy (&deadline, 5, 12, 2025);
  g_assert_true (pep_authority_set_term (own, &autumn, NULL, NULL, &deadline, NULL));
  g_assert_true (pep_work_context_save_own (vs_context, own, &error));
  second = export_full (vs);
  report = pep_work_context_import_exchange (school_context, g_bytes_get_data (second, NULL),
                                             g_bytes_get_size (second), PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->authority_taken, ==, PEP_AUTHORITY_TAKEN_NEWER);
  g_clear_pointer (&report, pep_xml_import_report_free);
  report = pep_work_context_import_exchange (school_context, g_bytes_get_data (first, NULL),
                                             g_bytes_get_size (first), PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_cmpint (report->authority_taken, ==, PEP_AUTHORITY_TAKEN_OLDER);
  g_clear_pointer (&report, pep_xml_import_report_free);
  pep_authority_deadline (pep_work_context_find (school_context, "873"), &autumn, &due);
  assert_date (&due, 5, 12, 2025);
  g_assert_cmpuint (pep_work_context_get_authorities (school_context)->len, ==, 2);

  /* A school's copy has no rules of its own to set, by any path. */
  {
    g_autofree char *xml = pep_authority_to_xml (pep_work_context_get_own (vs_context), TRUE);

    pep_work_context_set_actor (school_context, "Admin", PEP_ROLE_ADMINISTRATOR);
    g_assert_false (pep_work_context_can_edit_rules (school_context));
    g_assert_null (pep_work_context_import (school_context, xml, strlen (xml), TRUE, FALSE, &error));
    g_assert_nonnull (error);
    g_clear_error (&error);
  }

  /* A school's export carries no profile; one that claims the authority's rules is refused
   * whole, with the path and the reason, and the Virtual School's file is unchanged. */
  from_school = export_full (school);
  g_clear_pointer (&text, g_free);
  text = bytes_text (from_school);
  g_assert_null (strstr (text, "AuthorityRules"));
  g_assert_null (strstr (text, "AuthorityProfile"));
  {
    g_autofree char *rules = bytes_text (second);
    const char *start = strstr (rules, "<AuthorityRules>");
    const char *end = strstr (rules, "</AuthorityRules>");
    g_autofree char *block = g_strndup (start, (gsize) (end - start) + strlen ("</AuthorityRules>"));
    g_auto(GStrv) parts = g_strsplit (text, "</Header>", 2);
    g_autofree char *forged = g_strconcat (parts[0], "</Header>", block, parts[1], NULL);

    g_clear_object (&vs_context);
    g_clear_object (&vs);
    before = test_file_checksum (vs_path);
    vs = pep_store_open (vs_path, PEP_STORE_OPEN_DEFAULT, &error);
    g_assert_no_error (error);
    g_assert_null (pep_xml_import (vs, forged, strlen (forged), PEP_XML_IMPORT_DEFAULT, &error));
    g_assert_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/AuthorityRules: "));
    g_clear_error (&error);
    g_clear_object (&vs);
    after = test_file_checksum (vs_path);
    g_assert_cmpstr (before, ==, after);
  }
  test_remove_tree (dir);
}

/* With the authority's verifier set (the officers part's), a Virtual School's export whose
 * profile is unsigned, or signed and then changed, is refused whole with the path and the
 * reason, and the school's file is unchanged; a signed one is taken. */
static void
test_exchange_verified (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *vs_path = g_build_filename (dir, "vs.db", NULL);
  g_autofree char *school_path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepCopyOwner) vs_owner = pep_copy_owner_new_authority (873, "Example Shire");
  g_autoptr(PepCopyOwner) school_owner = pep_copy_owner_new_school (123456);
  g_autoptr(PepStore) vs = new_owned_store (vs_path, vs_owner);
  g_autoptr(PepStore) school = new_owned_store (school_path, school_owner);
  g_autoptr(PepWorkContext) vs_context = pep_work_context_new (vs, "Head", PEP_ROLE_HEADTEACHER, NULL);
  g_autoptr(PepWorkContext) school_context = pep_work_context_new (school, "Teacher", PEP_ROLE_DESIGNATED_TEACHER, NULL);
  g_autoptr(PepAuthority) own = pep_authority_copy (pep_work_context_get_own (vs_context));
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GBytes) unsigned_export = NULL;
  g_autoptr(GBytes) signed_export = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tampered = NULL;
  guint n_verified = 0;

  g_assert_true (pep_work_context_save_own (vs_context, own, &error));
  unsigned_export = export_full (vs);
  pep_work_context_set_verifier (school_context, test_verify, &n_verified, NULL);

  g_clear_object (&school_context);
  g_clear_object (&school);
  before = test_file_checksum (school_path);
  school = pep_store_open (school_path, PEP_STORE_OPEN_DEFAULT, &error);
  school_context = pep_work_context_new (school, "Teacher", PEP_ROLE_DESIGNATED_TEACHER, &error);
  pep_work_context_set_verifier (school_context, test_verify, &n_verified, NULL);

  /* Unsigned: refused. */
  g_assert_null (pep_work_context_import_exchange (school_context, g_bytes_get_data (unsigned_export, NULL),
                                                   g_bytes_get_size (unsigned_export),
                                                   PEP_XML_IMPORT_DEFAULT, &error));
  g_assert_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/AuthorityRules/AuthorityProfile: "));
  g_clear_error (&error);

  /* Signed by the authority (the stand-in key), then a deadline changed on the way. */
  g_clear_object (&own);
  own = pep_authority_copy (pep_work_context_get_own (vs_context));
  {
    g_autoptr(GBytes) covered = pep_authority_get_signed_bytes (own);
    g_autofree char *signature = test_sign (covered);

    pep_authority_set_signature (own, "test-key", signature);
    g_assert_true (pep_store_put_authority (vs, own, TRUE, &error));
    g_assert_no_error (error);
  }
  signed_export = export_full (vs);
  text = bytes_text (signed_export);
  g_assert_nonnull (strstr (text, "<Signature key=\"test-key\">"));
  {
    g_auto(GStrv) parts = g_strsplit (text, "<FollowUp>10</FollowUp>", 2);

    g_assert_nonnull (parts[1]);
    tampered = g_strjoin ("<FollowUp>30</FollowUp>", parts[0], parts[1], NULL);
  }
  g_assert_null (pep_work_context_import_exchange (school_context, tampered, strlen (tampered),
                                                   PEP_XML_IMPORT_DEFAULT, &error));
  g_assert_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/AuthorityRules/AuthorityProfile/Signature: "));
  g_clear_error (&error);
  g_assert_null (pep_work_context_find (school_context, "873"));
  g_clear_object (&school_context);
  g_clear_object (&school);
  {
    g_autofree char *after = test_file_checksum (school_path);

    g_assert_cmpstr (before, ==, after);
  }

  /* As signed: taken, and kept with its signature so it can be verified again. */
  school = pep_store_open (school_path, PEP_STORE_OPEN_DEFAULT, &error);
  school_context = pep_work_context_new (school, "Teacher", PEP_ROLE_DESIGNATED_TEACHER, &error);
  pep_work_context_set_verifier (school_context, test_verify, &n_verified, NULL);
  report = pep_work_context_import_exchange (school_context, g_bytes_get_data (signed_export, NULL),
                                             g_bytes_get_size (signed_export), PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->authority_taken, ==, PEP_AUTHORITY_TAKEN_NEW);
  g_assert_cmpstr (pep_authority_get_signature (pep_work_context_find (school_context, "873"), NULL), !=, NULL);
  g_assert_cmpuint (n_verified, ==, 2);
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
  g_assert_nonnull (strstr (vs_stats, "as at 11 Jul 2025"));
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
  g_assert_nonnull (strstr (run.out, "as at 18 Jul 2025"));
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


/* The same with the authority's real key and the officers part's verifier: the first export
 * asks for the authority key's fingerprint to be confirmed and keeps nothing; once it is
 * confirmed, a profile changed on the way is refused and the signed one is taken, its
 * officers list with it. */
static void
test_exchange_authority_key (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *vs_path = g_build_filename (dir, "vs.db", NULL);
  g_autofree char *school_path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepCopyOwner) vs_owner = pep_copy_owner_new_authority (873, "Example Shire");
  g_autoptr(PepCopyOwner) school_owner = pep_copy_owner_new_school (123456);
  g_autoptr(PepStore) vs = new_owned_store (vs_path, vs_owner);
  g_autoptr(PepStore) school = new_owned_store (school_path, school_owner);
  g_autoptr(PepWorkContext) context = pep_work_context_new (school, "Teacher", PEP_ROLE_DESIGNATED_TEACHER, NULL);
  g_autoptr(PepAuthorityTrust) trust = pep_authority_trust_new (school);
  g_autoptr(PepSigningKey) key = NULL;
  g_autoptr(PepSigningKey) quinn = pep_signing_key_new_demo (3, "Quinn Officer", "qa-officer");
  g_autoptr(PepOfficers) list = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *fingerprint = NULL;
  PepOfficer q = { .name = (char *) "Quinn Officer", .role = (char *) "qa-officer",
                   .public_key = (char *) pep_signing_key_get_public_key (quinn),
                   .valid_from = (char *) "2025-09-01" };

  pep_store_set_actor (vs, "Head", PEP_ROLE_HEADTEACHER);
  key = pep_authority_key_create (vs, "a passphrase", &error);
  g_assert_no_error (error);
  list = pep_store_get_trusted_officers (vs, &error);
  g_assert_true (pep_officers_add (list, &q, &error));
  g_assert_true (pep_authority_publish (vs, list, key, &error));
  g_assert_no_error (error);
  bytes = export_full (vs);
  text = bytes_text (bytes);
  g_assert_nonnull (strstr (text, "<Officers "));
  pep_authority_trust_install (trust, context);

  g_assert_null (pep_work_context_import_exchange (context, text, strlen (text), PEP_XML_IMPORT_DEFAULT, &error));
  g_assert_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_CONFIRM);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/AuthorityRules/AuthorityProfile"));
  g_clear_error (&error);
  g_assert_null (pep_work_context_find (context, "873"));
  fingerprint = pep_public_key_fingerprint (pep_authority_trust_get_pending (trust, NULL));
  pep_authority_trust_accept_key (trust, fingerprint);

  {
    g_auto(GStrv) parts = g_strsplit (text, "<FollowUp>10</FollowUp>", 2);

    g_assert_nonnull (parts[1]);
    tampered = g_strjoin ("<FollowUp>30</FollowUp>", parts[0], parts[1], NULL);
  }
  g_assert_null (pep_work_context_import_exchange (context, tampered, strlen (tampered), PEP_XML_IMPORT_DEFAULT, &error));
  g_assert_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/AuthorityRules/AuthorityProfile/Signature"));
  g_clear_error (&error);
  g_assert_null (pep_work_context_find (context, "873"));

  report = pep_work_context_import_exchange (context, text, strlen (text), PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->authority_taken, ==, PEP_AUTHORITY_TAKEN_NEW);
  g_assert_nonnull (pep_work_context_find (context, "873"));
  {
    g_autoptr(PepOfficers) kept = pep_store_get_trusted_officers (school, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pep_officers_get_n_officers (kept), ==, 1);
  }
  test_remove_tree (dir);
}

/* A head whose authority key is sealed with a passphrase changes the rules: saved unsigned
 * (an old signature would only fail) and the app asks for the passphrase; once typed, the
 * rules are signed again and a school takes them. Only the head or an administrator may
 * unlock the key. */
static void
test_rules_signed_with_passphrase (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *vs_path = g_build_filename (dir, "vs.db", NULL);
  g_autofree char *school_path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepCopyOwner) vs_owner = pep_copy_owner_new_authority (873, "Example Shire");
  g_autoptr(PepCopyOwner) school_owner = pep_copy_owner_new_school (123456);
  g_autoptr(PepStore) vs = new_owned_store (vs_path, vs_owner);
  g_autoptr(PepStore) school = new_owned_store (school_path, school_owner);
  g_autoptr(PepWorkContext) head = NULL;
  g_autoptr(PepWorkContext) officer = NULL;
  g_autoptr(PepWorkContext) teacher = pep_work_context_new (school, "Teacher", PEP_ROLE_DESIGNATED_TEACHER, NULL);
  g_autoptr(PepAuthorityTrust) trust = pep_authority_trust_new (school);
  g_autoptr(PepSigningKey) key = NULL;
  g_autoptr(PepOfficers) list = NULL;
  g_autoptr(PepAuthority) own = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *fingerprint = NULL;

  pep_store_set_actor (vs, "Head", PEP_ROLE_HEADTEACHER);
  key = pep_authority_key_create (vs, "a passphrase", &error);
  g_assert_no_error (error);
  list = pep_store_get_trusted_officers (vs, &error);
  g_assert_true (pep_authority_publish (vs, list, key, &error));
  g_assert_no_error (error);

  head = pep_work_context_new (vs, "Head", PEP_ROLE_HEADTEACHER, NULL);
  g_assert_false (pep_work_context_needs_authority_passphrase (head));
  own = pep_authority_copy (pep_work_context_get_own (head));
  g_assert_true (pep_authority_set_days (own, 15, PEP_DAYS_SCHOOL, 20, PEP_DAYS_SCHOOL, 12, NULL));
  g_assert_true (pep_work_context_save_own (head, own, &error));
  g_assert_no_error (error);
  g_assert_null (pep_authority_get_signature (pep_work_context_get_own (head), NULL));
  g_assert_true (pep_work_context_needs_authority_passphrase (head));

  /* A QA officer may not unlock it; a wrong passphrase opens nothing. */
  officer = pep_work_context_new (vs, "Quinn Officer", PEP_ROLE_QA_OFFICER, NULL);
  g_assert_false (pep_work_context_needs_authority_passphrase (officer));
  g_assert_false (pep_work_context_unlock_authority_key (officer, "a passphrase", &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED);
  g_clear_error (&error);
  g_assert_false (pep_work_context_unlock_authority_key (head, "not it", &error));
  g_assert_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (pep_work_context_needs_authority_passphrase (head));

  g_assert_true (pep_work_context_unlock_authority_key (head, "a passphrase", &error));
  g_assert_no_error (error);
  g_assert_true (pep_work_context_sign_own (head, &error));
  g_assert_no_error (error);
  g_assert_nonnull (pep_authority_get_signature (pep_work_context_get_own (head), NULL));
  g_assert_false (pep_work_context_needs_authority_passphrase (head));
  g_assert_cmpuint (pep_authority_get_follow_up_days (pep_work_context_get_own (head)), ==, 12);

  /* The school takes the signed rules, with their new follow-up days. */
  bytes = export_full (vs);
  text = bytes_text (bytes);
  fingerprint = pep_public_key_fingerprint (pep_signing_key_get_public_key (key));
  pep_authority_trust_accept_key (trust, fingerprint);
  pep_authority_trust_install (trust, teacher);
  report = pep_work_context_import_exchange (teacher, text, strlen (text), PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->authority_taken, ==, PEP_AUTHORITY_TAKEN_NEW);
  g_assert_cmpuint (pep_authority_get_follow_up_days (pep_work_context_find (teacher, "873")), ==, 12);
  test_remove_tree (dir);
}

/* PP+ rules: the most a term's allocation and one request may be, and what a request must
 * name; they travel in the document (and leave a profile without them the same bytes), bind
 * a PEP being written and a request not yet decided, never the record of a finished one,
 * and are applied by the editor's session, the validator and import alike. */
static void
test_ppplus_rules (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *vs_path = g_build_filename (dir, "vs.db", NULL);
  g_autofree char *school_path = g_build_filename (dir, "school.db", NULL);
  g_autoptr(PepCopyOwner) vs_owner = pep_copy_owner_new_authority (873, "Example Shire");
  g_autoptr(PepCopyOwner) school_owner = pep_copy_owner_new_school (123456);
  g_autoptr(PepStore) vs = new_owned_store (vs_path, vs_owner);
  g_autoptr(PepStore) school = new_owned_store (school_path, school_owner);
  g_autoptr(PepWorkContext) context = pep_work_context_new (vs, "Head", PEP_ROLE_HEADTEACHER, NULL);
  g_autoptr(PepAuthority) own = pep_authority_copy (pep_work_context_get_own (context));
  g_autoptr(PepAuthority) back = NULL;
  g_autoptr(PepValidator) validator = pep_validator_new (NULL);
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *plain = pep_authority_to_xml (own, FALSE);
  g_autofree char *xml = NULL;
  g_autofree char *before = NULL;
  PepValidationSite site;
  PepRecord *request;
  PepTermId autumn = { 2025, PEP_TERM_AUTUMN };

  g_assert_null (strstr (plain, "PerChildTerm"));
  g_assert_null (strstr (plain, "<Request"));
  g_assert_false (pep_authority_set_ppplus_rules (own, -1, 0, 0, &error));
  g_assert_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID);
  g_clear_error (&error);
  /* Up to £550 a term (Worcestershire); a request up to £1,500 naming its intervention and
   * its expected outcome. */
  g_assert_true (pep_authority_set_ppplus_rules (own, 55000, 150000,
                                                 PEP_REQUEST_NEEDS_INTERVENTION | PEP_REQUEST_NEEDS_EXPECTED_OUTCOME,
                                                 &error));
  xml = pep_authority_to_xml (own, TRUE);
  g_assert_nonnull (strstr (xml, "<PerChildTerm>55000</PerChildTerm>"));
  back = pep_authority_new_from_xml (xml, strlen (xml), &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_authority_get_ppplus_term_pence (back), ==, 55000);
  g_assert_cmpint (pep_authority_get_request_max_pence (back), ==, 150000);
  g_assert_cmpint (pep_authority_get_request_needs (back), ==,
                   PEP_REQUEST_NEEDS_INTERVENTION | PEP_REQUEST_NEEDS_EXPECTED_OUTCOME);
  g_assert_true (pep_work_context_save_own (context, own, &error));
  g_assert_no_error (error);

  /* The validator, for the authority's child. */
  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, "Child");
  pep_record_set_text (child, PEP_CHILD_DOB, "2016-01-10");
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, "2020-01-01");
  pep_record_set_text (child, PEP_CHILD_CARE_AUTHORITY, "873");
  g_assert_true (pep_store_insert_child (vs, child, &error));
  plan = pep_plan_new (pep_record_get_id (child), &autumn, PEP_KIND_SCHOOL_AGE);
  pep_plan_set_status (plan, PEP_STATUS_SUBMITTED);
  request = pep_plan_add_row (plan, PEP_TABLE_FUNDING_REQUEST);
  pep_record_set_int (request, PEP_FUNDING_REQUEST_AMOUNT, 200000);
  pep_record_set_text (request, PEP_FUNDING_REQUEST_RATIONALE, "More tuition before exams.");
  pep_validator_set_authority (validator, pep_work_context_for_child (context, pep_record_get_id (child), NULL));
  g_assert_false (pep_validator_check_plan (validator, plan, child, &site, &error));
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "£1,500"));
  g_assert_cmpint (site.table, ==, PEP_TABLE_FUNDING_REQUEST);
  g_assert_cmpint (site.field, ==, PEP_FUNDING_REQUEST_AMOUNT);
  g_clear_error (&error);
  pep_record_set_int (request, PEP_FUNDING_REQUEST_AMOUNT, 120000);
  g_assert_false (pep_validator_check_plan (validator, plan, child, &site, &error));
  g_assert_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_INCONSISTENT);
  g_assert_cmpint (site.field, ==, PEP_FUNDING_REQUEST_INTERVENTION);
  g_clear_error (&error);
  pep_record_set_text (request, PEP_FUNDING_REQUEST_INTERVENTION, "One-to-one tuition");
  pep_record_set_text (request, PEP_FUNDING_REQUEST_EXPECTED_OUTCOME, "Grade 4 in maths");
  g_assert_true (pep_validator_check_plan (validator, plan, child, &site, &error));
  pep_record_set_int (pep_plan_get_content (plan), PEP_PLAN_PPPLUS_ALLOCATED, 60000);
  g_assert_false (pep_validator_check_plan (validator, plan, child, &site, &error));
  g_assert_nonnull (strstr (error->message, "£550"));
  g_assert_cmpint (site.table, ==, PEP_TABLE_PLAN);
  g_clear_error (&error);
  /* The record of a finished PEP, or a request decided, is not held to today's rules. */
  pep_record_set_int (request, PEP_FUNDING_REQUEST_AMOUNT, 200000);
  pep_plan_set_status (plan, PEP_STATUS_SIGNED_OFF);
  g_assert_true (pep_validator_check_plan (validator, plan, child, &site, &error));
  pep_plan_set_status (plan, PEP_STATUS_SUBMITTED);
  pep_record_set_int (pep_plan_get_content (plan), PEP_PLAN_PPPLUS_ALLOCATED, 55000);
  pep_record_set_text (request, PEP_FUNDING_REQUEST_DECISION, "approved");
  g_assert_true (pep_validator_check_plan (validator, plan, child, &site, &error));
  g_assert_no_error (error);

  /* The editor's session: a typed amount over the limit, and the names a request lacks in
   * the required entries Submit lists. */
  pep_record_set_text (request, PEP_FUNDING_REQUEST_DECISION, NULL);
  pep_record_set_int (request, PEP_FUNDING_REQUEST_AMOUNT, 120000);
  pep_record_set (request, PEP_FUNDING_REQUEST_EXPECTED_OUTCOME, NULL, NULL);
  pep_plan_set_status (plan, PEP_STATUS_DRAFT);
  g_assert_true (pep_store_insert_plan (vs, plan, &error));
  g_assert_no_error (error);
  {
    PepAuthority *authority = pep_work_context_for_plan (context, plan, NULL);
    g_autoptr(PepEditSession) session = NULL;
    g_autoptr(GVariant) value = NULL;
    g_autoptr(GPtrArray) missing = NULL;
    gboolean lists_outcome = FALSE;

    pep_work_context_set_actor (context, "Teacher", PEP_ROLE_DESIGNATED_TEACHER);
    session = pep_edit_session_new (vs, plan, child, pep_work_context_get_workflow (context, authority));
    value = pep_edit_session_parse (session, g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_FUNDING_REQUEST), 0),
                                    PEP_FUNDING_REQUEST_AMOUNT, "1600", &error);
    g_assert_null (value);
    g_assert_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE);
    g_clear_error (&error);
    value = pep_edit_session_parse (session, g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_FUNDING_REQUEST), 0),
                                    PEP_FUNDING_REQUEST_AMOUNT, "1400", &error);
    g_assert_no_error (error);
    g_assert_nonnull (value);
    missing = pep_edit_session_list_missing (session);
    for (guint i = 0; i < missing->len; i++)
      {
        PepMissing *m = g_ptr_array_index (missing, i);

        if (m->table == PEP_TABLE_FUNDING_REQUEST && m->field == PEP_FUNDING_REQUEST_EXPECTED_OUTCOME)
          lists_outcome = TRUE;
      }
    g_assert_true (lists_outcome);
  }

  /* Import: a PEP the Virtual School sends is held to the rules the same document brings. */
  request = g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_FUNDING_REQUEST), 0);
  g_assert_true (pep_store_update_plan_row (vs, plan, request, PEP_FUNDING_REQUEST_AMOUNT,
                                            g_variant_new_int64 (200000), &error));
  g_assert_true (pep_store_update_plan_row (vs, plan, request, PEP_FUNDING_REQUEST_EXPECTED_OUTCOME,
                                            g_variant_new_string ("Grade 4 in maths"), &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = export_full (vs);

    g_clear_object (&school);
    before = test_file_checksum (school_path);
    school = pep_store_open (school_path, PEP_STORE_OPEN_DEFAULT, &error);
    g_assert_null (pep_xml_import (school, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                                   PEP_XML_IMPORT_DEFAULT, &error));
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/PEP/PPPlus/FundingRequest/Amount: "));
    g_assert_nonnull (strstr (error->message, "FundingRequest"));
    g_assert_nonnull (strstr (error->message, "£1,500"));
    g_clear_error (&error);
    g_clear_object (&school);
    {
      g_autofree char *after = test_file_checksum (school_path);

      g_assert_cmpstr (before, ==, after);
    }
  }
  test_remove_tree (dir);
}

/* The text of the first element @name after @after in @xml. */
static char *
element_after (const char *xml,
               const char *after,
               const char *name)
{
  g_autofree char *open = g_strdup_printf ("<%s>", name);
  const char *from = strstr (xml, after);
  const char *start = from ? strstr (from, open) : NULL;
  const char *end = start ? strchr (start + strlen (open), '<') : NULL;

  g_assert_nonnull (end);
  return g_strndup (start + strlen (open), (gsize) (end - start - strlen (open)));
}

/* The PEP ids of a `pepctl list`, by child and term. */
static GHashTable *
list_ids (const char *file)
{
  g_auto(Run) run = { 0 };
  g_auto(GStrv) lines = NULL;
  GHashTable *ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  pepctl (&run, "list", file, NULL);
  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], "\t", -1);

      if (g_strv_length (fields) < 3)
        continue;
      g_hash_table_insert (ids, g_strconcat (fields[1], " ", fields[2], NULL), g_strdup (fields[0]));
    }
  return ids;
}

/* `pepctl qa` without its first line (the PEP's id in that file). */
static char *
qa_without_id (const char *file,
               const char *id)
{
  g_auto(Run) run = { 0 };
  const char *rest;

  pepctl (&run, "qa", file, id, NULL);
  g_assert_cmpint (run.status, ==, 0);
  rest = strchr (run.out, '\n');
  g_assert_nonnull (rest);
  return g_strdup (rest);
}

/* The Virtual School's rules travel inside its export: a school's copy that imports the
 * PEPs of its children computes the same deadlines, figures (overdue counts, in time) and
 * proposed ratings for them as the Virtual School does, with no profile exported alone. */
static void
test_travels_in_export (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *vs = g_build_filename (dir, "vs.db", NULL);
  g_autofree char *school = g_build_filename (dir, "school.db", NULL);
  g_autofree char *all = g_build_filename (dir, "all.xml", NULL);
  g_autofree char *to_school = g_build_filename (dir, "to-school.xml", NULL);
  g_autofree char *xml = NULL;
  g_autofree char *urn = NULL;
  g_autofree char *school_name = NULL;
  g_autofree char *only = NULL;
  g_autoptr(GHashTable) vs_ids = NULL;
  g_autoptr(GHashTable) school_ids = NULL;
  g_auto(Run) run = { 0 };
  g_autoptr(GError) error = NULL;
  static const char *terms[] = { "2024-autumn", "2024-spring", "2024-summer" };
  PepTermId summer = { 2024, PEP_TERM_SUMMER };
  GHashTableIter iter;
  gpointer key, value;
  guint n_compared = 0;

  pepctl (&run, "demo", vs, "--children", "60", "--terms", "3", "--until", "2024-summer", NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* The Virtual School's own rules: summer ends 11 July, due 20 June; a rubric of its own. */
  {
    g_autoptr(PepStore) store = pep_store_open (vs, PEP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(PepWorkContext) context = pep_work_context_new (store, "Head", PEP_ROLE_HEADTEACHER, &error);
    g_autoptr(PepAuthority) own = pep_authority_copy (pep_work_context_get_own (context));
    g_autofree char *rubric_path = g_test_build_filename (G_TEST_DIST, "..", "data", "rubric", "default.xml", NULL);
    g_autofree char *rubric = NULL;
    g_auto(GStrv) parts = NULL;
    g_autofree char *strict = NULL;
    GDate first, end, due;

    g_assert_no_error (error);
    set_dmy (&first, 22, 4, 2025);
    set_dmy (&end, 11, 7, 2025);
    set_dmy (&due, 20, 6, 2025);
    g_assert_true (pep_authority_set_term (own, &summer, &first, &end, &due, &error));
    g_assert_true (g_file_get_contents (rubric_path, &rubric, NULL, NULL));
    parts = g_strsplit (rubric, "<rubric id=\"default\" version=\"1\">", 2);
    strict = g_strconcat (parts[0], "<rubric id=\"strict\" version=\"3\">", parts[1], NULL);
    g_assert_true (pep_authority_set_rubric_xml (own, strict, strlen (strict), &error));
    g_assert_true (pep_work_context_save_own (context, own, &error));
    g_assert_no_error (error);
  }

  /* A school of the demo, and the export of its PEPs to it. */
  pepctl (&run, "export", vs, "-o", all, "--all-states", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (all, &xml, NULL, NULL));
  urn = element_after (xml, "<School>", "URN");
  school_name = element_after (xml, "<School>", "SchoolName");
  only = g_strdup_printf ("school=%s", school_name);
  pepctl (&run, "export", vs, "-o", to_school, "--all-states", "--school", urn, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&xml, g_free);
  g_assert_true (g_file_get_contents (to_school, &xml, NULL, NULL));
  g_assert_nonnull (strstr (xml, "<AuthorityRules>"));
  g_assert_nonnull (strstr (xml, "deadline=\"2025-06-20\""));

  pepctl (&run, "init", "--school", urn, school, NULL);
  g_assert_cmpint (run.status, ==, 0);
  /* The first time, the school confirms the authority key's fingerprint (over the phone). */
  pepctl (&run, "import", school, to_school, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "/PEPExchange/AuthorityRules/AuthorityProfile/Signature: "
                                     "this copy has not pinned the key"));
  {
    g_autofree char *fingerprint = test_authority_fingerprint (vs);

    g_assert_nonnull (strstr (run.err, fingerprint));
    pepctl (&run, "import", school, to_school, "--accept-key", fingerprint, NULL);
  }
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "authority\t999\tnew\n"));

  /* The same deadlines… */
  pepctl (&run, "authority", school, "show", "--authority", "999", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "deadline 2025-06-20"));
  g_assert_nonnull (strstr (run.out, "(strict, version 3)"));

  /* …the same figures for the school's children, every term… */
  for (guint i = 0; i < G_N_ELEMENTS (terms); i++)
    {
      g_auto(Run) theirs = { 0 }, ours = { 0 };

      pepctl (&theirs, "stats", vs, "--term", terms[i], "--json", "--only", only, NULL);
      pepctl (&ours, "stats", school, "--term", terms[i], "--json", "--authority", "999", "--only", only, NULL);
      g_assert_cmpint (theirs.status, ==, 0);
      g_assert_cmpint (ours.status, ==, 0);
      g_assert_null (strstr (ours.out, "\"cohort\": 0,"));
      g_assert_cmpstr (ours.out, ==, theirs.out);
    }
  pepctl (&run, "stats", school, "--term", "2024-summer", "--json", "--authority", "999", NULL);
  g_assert_nonnull (strstr (run.out, "as at 11 Jul 2025"));

  /* …and the same proposed ratings, PEP by PEP. */
  vs_ids = list_ids (vs);
  school_ids = list_ids (school);
  g_assert_cmpuint (g_hash_table_size (school_ids), >, 0);
  g_hash_table_iter_init (&iter, school_ids);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      const char *vs_id = g_hash_table_lookup (vs_ids, key);
      g_autofree char *theirs = NULL;
      g_autofree char *ours = NULL;

      g_assert_nonnull (vs_id);
      theirs = qa_without_id (vs, vs_id);
      ours = qa_without_id (school, value);
      g_assert_nonnull (strstr (ours, "(strict, version 3)"));
      g_assert_cmpstr (ours, ==, theirs);
      n_compared++;
    }
  g_assert_cmpuint (n_compared, ==, g_hash_table_size (school_ids));

  /* The school's export carries no rules of its own. */
  pepctl (&run, "export", school, "-o", all, "--all-states", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&xml, g_free);
  g_assert_true (g_file_get_contents (all, &xml, NULL, NULL));
  g_assert_null (strstr (xml, "AuthorityRules"));
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_autofree char *keys_dir = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  /* The authority's key in a sealed file under the test's own folder, never a keyring. */
  keys_dir = test_make_tmpdir ();
  g_setenv ("PEPSTUDIO_KEYRING", "file", TRUE);
  g_setenv ("PEPSTUDIO_PASSPHRASE", "correct horse battery staple", TRUE);
  g_setenv ("XDG_DATA_HOME", keys_dir, TRUE);

  g_test_add_func ("/pep/authority/defaults", test_defaults);
  g_test_add_func ("/pep/authority/term-model", test_term_model);
  g_test_add_func ("/pep/authority/document", test_document);
  g_test_add_func ("/pep/authority/store", test_store);
  g_test_add_func ("/pep/authority/two-authorities", test_two_authorities);
  g_test_add_func ("/pep/authority/travels", test_travels);
  g_test_add_func ("/pep/authority/exchange", test_exchange);
  g_test_add_func ("/pep/authority/exchange-verified", test_exchange_verified);
  g_test_add_func ("/pep/authority/exchange-authority-key", test_exchange_authority_key);
  g_test_add_func ("/pep/authority/rules-signed-with-passphrase", test_rules_signed_with_passphrase);
  g_test_add_func ("/pep/authority/ppplus-rules", test_ppplus_rules);
  g_test_add_func ("/pep/authority/travels-in-export", test_travels_in_export);

  status = g_test_run ();
  test_remove_tree (keys_dir);
  return status;
}
