/* test-field.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The field registry, and turning what people type into values.
 */

#include "config.h"

#include <string.h>

#include "pep-child-name.h"
#include "pep-child-summary.h"
#include "pep-field.h"
#include "pep-plan.h"

static void
test_registry_sane (void)
{
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    {
      g_autoptr(GHashTable) names = g_hash_table_new (g_str_hash, g_str_equal);

      g_assert_cmpuint (pep_table_get_n_fields (t), >, 0);
      for (guint i = 0; i < pep_table_get_n_fields (t); i++)
        {
          const PepFieldInfo *info = pep_table_get_field (t, i);

          g_assert_cmpint (info->table, ==, t);
          g_assert_cmpuint (info->index, ==, i);
          g_assert_true (g_hash_table_add (names, (gpointer) info->name));
          g_assert_cmpstr (info->label, !=, "");
          g_assert_cmpuint (info->kinds, !=, 0);
          g_assert_true (pep_table_lookup_field (t, info->name) == info);
          g_assert_true ((info->type == PEP_VALUE_CHOICE) == (info->choices != NULL));
          g_assert_cmpfloat (info->min, <=, info->max);
        }
    }
}

/* The rules of DOMAIN.md that the registry carries. */
static void
test_registry_domain_rules (void)
{
  const PepFieldInfo *se = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_SE_STRENGTHS);
  const PepFieldInfo *neet = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_NEET_REENGAGEMENT);
  const PepFieldInfo *p16 = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_POST16_PROVIDER);
  const PepFieldInfo *ey = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_EY_PRIME_AREAS);
  const PepFieldInfo *sens = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_SW_SENSITIVE_ISSUES);

  /* Early years has no social and emotional section, and its own early-learning fields. */
  g_assert_false (pep_field_applies_to (se, PEP_KIND_EARLY_YEARS));
  g_assert_true (pep_field_applies_to (se, PEP_KIND_SCHOOL_AGE));
  g_assert_true (pep_field_applies_to (ey, PEP_KIND_EARLY_YEARS));
  g_assert_false (pep_field_applies_to (ey, PEP_KIND_SCHOOL_AGE));
  /* Post-16 adds provider and course; NEET the re-engagement plan. */
  g_assert_true (pep_field_applies_to (p16, PEP_KIND_POST_16));
  g_assert_false (pep_field_applies_to (p16, PEP_KIND_SCHOOL_AGE));
  g_assert_true (pep_field_applies_to (neet, PEP_KIND_NEET));
  g_assert_false (pep_field_applies_to (neet, PEP_KIND_POST_16));
  /* Sensitive issues never reach carers or anonymised reports. */
  g_assert_true (sens->flags & PEP_FIELD_SENSITIVE);
}

static GVariant *
parse_ok (PepTable    table,
          guint       field,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  GVariant *value = pep_field_parse (pep_table_get_field (table, field), text, &error);

  g_assert_no_error (error);
  g_assert_nonnull (value);
  return value;
}

static void
parse_fails (PepTable    table,
             guint       field,
             const char *text,
             const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = pep_field_parse (pep_table_get_field (table, field), text, &error);

  g_assert_null (value);
  g_assert_nonnull (error);
  if (strstr (error->message, says) == NULL)
    g_error ("“%s” → “%s” does not say “%s”", text, error->message, says);
}

static void
test_parse_dates (void)
{
  g_autoptr(GVariant) a = parse_ok (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, "29/02/2024");
  g_autoptr(GVariant) b = parse_ok (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, " 2025-11-03 ");

  g_assert_cmpstr (g_variant_get_string (a, NULL), ==, "2024-02-29");
  g_assert_cmpstr (g_variant_get_string (b, NULL), ==, "2025-11-03");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, "29/02/2023", "not a date that exists");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, "31/04/2025", "not a date that exists");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, "2025-13-01", "not a date");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, "tomorrow", "not a date");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, "01/01/1066", "not a date");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE, "2025-11-03x", "not a date");
}

/* A day is typed as people in England write one, in any of its usual forms, and means the
 * same day; what could be read two ways, or not at all, is refused saying why. */
static void
test_parse_typed_dates (void)
{
  const char *same_day[] = {
    "23/09/2026", "23/9/2026", " 23-09-2026 ", "23.09.2026", "23 Sep 2026", "23 sept 2026",
    "23 September 2026", "23rd September 2026", "Sep 23 2026", "September 23, 2026",
    "2026-09-23",
  };
  const struct { const char *text, *says; } refused[] = {
    { "09/23/2026", "type the day first" },
    { "23/09/26", "year in full" },
    { "23 Sep", "has no year" },
    { "31 Sep 2026", "not a date that exists" },
    { "29/02/2027", "not a date that exists" },
    { "23 Ju 2026", "not a date" },            /* June or July */
    { "23 Smarch 2026", "not a date" },
    { "1/1/1899", "between 1900 and 2199" },
    { "", "No date given" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (same_day); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      if (!pep_date_parse_typed (same_day[i], &date, &error))
        g_error ("“%s” refused: %s", same_day[i], error->message);
      g_assert_cmpuint (g_date_get_day (&date), ==, 23);
      g_assert_cmpuint (g_date_get_month (&date), ==, 9);
      g_assert_cmpuint (g_date_get_year (&date), ==, 2026);
    }
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_false (pep_date_parse_typed (refused[i].text, &date, &error));
      g_assert_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID);
      if (strstr (error->message, refused[i].says) == NULL)
        g_error ("“%s” → “%s” does not say “%s”", refused[i].text, error->message,
                 refused[i].says);
    }
  /* What is stored is YYYY-MM-DD only, whatever form was typed. */
  {
    const PepFieldInfo *meeting = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE);
    g_autoptr(GVariant) typed_form = g_variant_ref_sink (g_variant_new_string ("23/09/2026"));
    g_autoptr(GVariant) stored_form = g_variant_ref_sink (g_variant_new_string ("2026-09-23"));

    g_assert_false (pep_field_validate (meeting, typed_form, NULL));
    g_assert_true (pep_field_validate (meeting, stored_form, NULL));
  }
  /* Every day of a leap year comes back from the form it is shown in. */
  for (guint n = 0; n < 366; n++)
    {
      GDate day, back;
      g_autofree char *shown = NULL;

      g_date_clear (&day, 1);
      g_date_set_dmy (&day, 1, 1, 2028);
      g_date_add_days (&day, n);
      shown = pep_date_format (&day);
      g_assert_true (pep_date_parse_typed (shown, &back, NULL));
      g_assert_cmpint (g_date_compare (&day, &back), ==, 0);
    }
}

static void
test_parse_numbers (void)
{
  g_autoptr(GVariant) pct = parse_ok (PEP_TABLE_PLAN, PEP_PLAN_ATTENDANCE_TERM, "87.5%");
  g_autoptr(GVariant) sdq = parse_ok (PEP_TABLE_PLAN, PEP_PLAN_SDQ_TOTAL, "17");
  g_autoptr(GVariant) money = parse_ok (PEP_TABLE_TARGET, PEP_TARGET_FUNDING_AMOUNT, "£1,234.50");
  g_autoptr(GVariant) pounds = parse_ok (PEP_TABLE_TARGET, PEP_TARGET_FUNDING_AMOUNT, "400");
  g_autoptr(GVariant) tenth = parse_ok (PEP_TABLE_TARGET, PEP_TARGET_FUNDING_AMOUNT, "2.5");
  g_autoptr(GVariant) empty = pep_field_parse (pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_SDQ_TOTAL), "  ", NULL);

  g_assert_cmpfloat (g_variant_get_double (pct), ==, 87.5);
  g_assert_cmpint (g_variant_get_int64 (sdq), ==, 17);
  g_assert_cmpint (g_variant_get_int64 (money), ==, 123450);
  g_assert_cmpint (g_variant_get_int64 (pounds), ==, 40000);
  g_assert_cmpint (g_variant_get_int64 (tenth), ==, 250);
  g_assert_null (empty);

  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_ATTENDANCE_TERM, "104", "between 0 and 100");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_ATTENDANCE_TERM, "-1", "between 0 and 100");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_ATTENDANCE_TERM, "nan", "must be a number");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_SDQ_TOTAL, "41", "between 0 and 40");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_SDQ_TOTAL, "12a", "not a valid value");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_SDQ_TOTAL, "99999999999999999999999", "not a valid value");
  parse_fails (PEP_TABLE_TARGET, PEP_TARGET_FUNDING_AMOUNT, "-5", "cannot be negative");
  parse_fails (PEP_TABLE_TARGET, PEP_TARGET_FUNDING_AMOUNT, "1.234", "not a valid value");
  parse_fails (PEP_TABLE_TARGET, PEP_TARGET_FUNDING_AMOUNT, "£", "not a valid value");
}

static void
test_parse_choices_and_text (void)
{
  g_autoptr(GVariant) mode = parse_ok (PEP_TABLE_PLAN, PEP_PLAN_MEETING_MODE, "virtual");
  g_autoptr(GVariant) yes = parse_ok (PEP_TABLE_PLAN, PEP_PLAN_ATTENDED_SW, "Yes");
  g_autoptr(GVariant) no = parse_ok (PEP_TABLE_PLAN, PEP_PLAN_ATTENDED_SW, "n");
  g_autofree char *label = pep_field_format (pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_MEETING_MODE), mode);

  g_assert_cmpstr (label, ==, "Virtually");
  g_assert_true (g_variant_get_boolean (yes));
  g_assert_false (g_variant_get_boolean (no));
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_MEETING_MODE, "by pigeon", "not one of the choices");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_ATTENDED_SW, "maybe", "not a valid value");
  parse_fails (PEP_TABLE_PLAN, PEP_PLAN_VOICE_HOPES, "\xff\xfe", "UTF-8");
}

static void
test_format (void)
{
  const PepFieldInfo *money = pep_table_get_field (PEP_TABLE_TARGET, PEP_TARGET_FUNDING_AMOUNT);
  const PepFieldInfo *date = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_MEETING_DATE);
  g_autoptr(GVariant) pence = g_variant_ref_sink (g_variant_new_int64 (123456789));
  g_autoptr(GVariant) day = g_variant_ref_sink (g_variant_new_string ("2025-11-03"));
  g_autofree char *m = pep_field_format (money, pence);
  g_autofree char *d = pep_field_format (date, day);
  g_autofree char *none = pep_field_format (date, NULL);
  g_autofree char *small = pep_money_format (5);

  g_assert_cmpstr (m, ==, "£1,234,567.89");
  g_assert_cmpstr (d, ==, "3 Nov 2025");
  g_assert_cmpstr (none, ==, "");
  g_assert_cmpstr (small, ==, "£0.05");
}

/* One way of writing a day wherever a person reads one: "23 Sep 2026", never 23/09/2026
 * or 2026-09-23; a moment as its local day and time, never "2026-09-13T16:26:00Z". */
static void
test_date_format (void)
{
  GDate date;
  g_autofree char *day = NULL;
  g_autofree char *single = NULL;
  g_autofree char *stored = NULL;
  g_autofree char *not_a_day = NULL;
  g_autofree char *winter = NULL;
  g_autofree char *summer = NULL;
  g_autofree char *signed_at = NULL;

  g_date_clear (&date, 1);
  g_date_set_dmy (&date, 23, G_DATE_SEPTEMBER, 2026);
  day = pep_date_format (&date);
  g_assert_cmpstr (day, ==, "23 Sep 2026");
  g_date_set_dmy (&date, 3, G_DATE_MARCH, 2027);
  single = pep_date_format (&date);
  g_assert_cmpstr (single, ==, "3 Mar 2027");
  stored = pep_date_format_iso ("2026-12-01");
  g_assert_cmpstr (stored, ==, "1 Dec 2026");
  not_a_day = pep_date_format_iso ("soon");
  g_assert_cmpstr (not_a_day, ==, "soon");

  /* In the UK's time: GMT in winter, BST in summer. */
  g_setenv ("TZ", "Europe/London", TRUE);
  winter = pep_datetime_format ("2026-01-13T16:26:00Z");
  g_assert_cmpstr (winter, ==, "13 Jan 2026, 16:26");
  summer = pep_datetime_format ("2026-09-13T16:26:00Z");
  g_assert_cmpstr (summer, ==, "13 Sep 2026, 17:26");
  /* A sign-off's moment, as the PEP view shows it. */
  {
    const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_SIGNOFF, PEP_SIGNOFF_SIGNED_AT);
    g_autoptr(GVariant) value = g_variant_ref_sink (g_variant_new_string ("2026-09-13T16:26:00Z"));

    signed_at = pep_field_format (info, value);
    g_assert_cmpstr (signed_at, ==, "13 Sep 2026, 17:26");
  }
}

/* Codes a teacher reads in words: the DfE's ethnicity codes with their census names. */
static void
test_describe_codes (void)
{
  const PepFieldInfo *ethnicity = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_ETHNICITY);
  const PepFieldInfo *dob = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_DOB);
  g_autoptr(GVariant) aind = g_variant_ref_sink (g_variant_new_string ("AIND"));
  g_autoptr(GVariant) aoth = g_variant_ref_sink (g_variant_new_string ("AOTH"));
  g_autoptr(GVariant) other = g_variant_ref_sink (g_variant_new_string ("XYZW"));
  g_autoptr(GVariant) born = g_variant_ref_sink (g_variant_new_string ("2015-02-07"));
  g_autofree char *a = pep_field_describe (ethnicity, aind);
  g_autofree char *b = pep_field_describe (ethnicity, aoth);
  g_autofree char *c = pep_field_describe (ethnicity, other);
  g_autofree char *d = pep_field_describe (dob, born);
  g_autofree char *typed = pep_field_format (dob, born);

  g_assert_cmpstr (a, ==, "Indian (AIND)");
  g_assert_cmpstr (b, ==, "Any other Asian background (AOTH)");
  g_assert_cmpstr (c, ==, "XYZW");
  g_assert_cmpstr (d, ==, "7 Feb 2015");
  /* A date field shows the one form people read, which it takes back when typed. */
  g_assert_cmpstr (typed, ==, "7 Feb 2015");
  {
    g_autoptr(GVariant) again = parse_ok (PEP_TABLE_CHILD, PEP_CHILD_DOB, typed);

    g_assert_cmpstr (g_variant_get_string (again, NULL), ==, "2015-02-07");
  }
}

/* Fields of one phase are not shown, nor required, for a child of another: no EYFS or
 * phonics for a Year 10 child, no Attainment 8 for a Year 3 child. */
static void
test_phase_rule (void)
{
  const PepFieldInfo *eyfs = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_EYFS_GLD);
  const PepFieldInfo *phonics = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_PHONICS_MARK);
  const PepFieldInfo *a8 = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_ATTAINMENT_8);
  const PepFieldInfo *p8 = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_PROGRESS_8);
  const PepFieldInfo *attendance = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_ATTENDANCE_TERM);
  const PepFieldInfo *prime = pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_EY_PRIME_AREAS);

  /* Year 10 */
  g_assert_false (pep_field_applies_to_year (eyfs, PEP_KIND_SCHOOL_AGE, 10));
  g_assert_false (pep_field_applies_to_year (phonics, PEP_KIND_SCHOOL_AGE, 10));
  g_assert_true (pep_field_applies_to_year (a8, PEP_KIND_SCHOOL_AGE, 10));
  g_assert_true (pep_field_applies_to_year (p8, PEP_KIND_SCHOOL_AGE, 11));
  g_assert_true (pep_field_applies_to_year (attendance, PEP_KIND_SCHOOL_AGE, 10));
  /* Reception and Years 1 to 3 */
  g_assert_true (pep_field_applies_to_year (eyfs, PEP_KIND_SCHOOL_AGE, 0));
  g_assert_true (pep_field_applies_to_year (eyfs, PEP_KIND_SCHOOL_AGE, 1));
  g_assert_false (pep_field_applies_to_year (eyfs, PEP_KIND_SCHOOL_AGE, 2));
  g_assert_false (pep_field_applies_to_year (phonics, PEP_KIND_SCHOOL_AGE, 0));
  g_assert_true (pep_field_applies_to_year (phonics, PEP_KIND_SCHOOL_AGE, 1));
  g_assert_true (pep_field_applies_to_year (phonics, PEP_KIND_SCHOOL_AGE, 2));
  g_assert_false (pep_field_applies_to_year (phonics, PEP_KIND_SCHOOL_AGE, 3));
  g_assert_false (pep_field_applies_to_year (a8, PEP_KIND_SCHOOL_AGE, 3));
  /* Early years: EYFS, no attendance; post-16 keeps its Key Stage 4 results. */
  g_assert_true (pep_field_applies_to_year (eyfs, PEP_KIND_EARLY_YEARS, -1));
  g_assert_true (pep_field_applies_to_year (prime, PEP_KIND_EARLY_YEARS, -2));
  g_assert_false (pep_field_applies_to_year (attendance, PEP_KIND_EARLY_YEARS, -1));
  g_assert_false (pep_field_applies_to_year (prime, PEP_KIND_SCHOOL_AGE, 1));
  g_assert_true (pep_field_applies_to_year (a8, PEP_KIND_POST_16, 12));
  /* Not in education, employment or training: no attendance. */
  g_assert_false (pep_field_applies_to_year (attendance, PEP_KIND_NEET, 12));

  /* A PEP's child is in the year their date of birth gives in the PEP's academic year, or
   * the year recorded without one; the PEP view, the printer and pepctl show by this. */
  {
    PepTermId term = { 2026, PEP_TERM_AUTUMN };
    g_autoptr(PepPlan) plan = pep_plan_new (1, &term, PEP_KIND_SCHOOL_AGE);
    g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
    const PepFieldInfo *surname = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_LEGAL_SURNAME);

    pep_record_set_text (child, PEP_CHILD_DOB, "2011-10-01");   /* Year 10 in 2026/27 */
    g_assert_cmpint (pep_plan_get_child_nc_year (plan, child), ==, 10);
    g_assert_false (pep_plan_field_applies (plan, child, eyfs));
    g_assert_false (pep_plan_field_applies (plan, child, phonics));
    g_assert_true (pep_plan_field_applies (plan, child, a8));
    g_assert_true (pep_plan_field_applies (plan, child, surname));
    pep_record_set_text (child, PEP_CHILD_DOB, "2020-08-31");   /* Year 2 */
    g_assert_cmpint (pep_plan_get_child_nc_year (plan, child), ==, 2);
    g_assert_true (pep_plan_field_applies (plan, child, phonics));
    g_assert_false (pep_plan_field_applies (plan, child, a8));
    g_assert_true (pep_record_set (child, PEP_CHILD_DOB, NULL, NULL));
    pep_record_set_int (child, PEP_CHILD_NC_YEAR, 11);
    g_assert_cmpint (pep_plan_get_child_nc_year (plan, child), ==, 11);
    g_assert_false (pep_plan_field_applies (plan, child, eyfs));
    /* Without the child, the kind's fields. */
    g_assert_true (pep_plan_field_applies (plan, NULL, eyfs));
  }
}

/* One way of naming a child everywhere: the name they go by, then the surname. */
static void
test_child_name (void)
{
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  struct { const char *forename, *surname, *preferred, *expected; } cases[] = {
    { "Jayden", "Smith", NULL, "Jayden Smith" },
    { "Jayden", "Smith", "", "Jayden Smith" },
    { "Jayden", "Smith", "Jay", "Jay Smith" },
    { "Jayden", "Smith", "Jayden", "Jayden Smith" },
    { " Jayden ", " Smith-Jones ", "  ", "Jayden Smith-Jones" },
    { NULL, "Smith", NULL, "Smith" },
    { "Jayden", NULL, NULL, "Jayden" },
    { NULL, NULL, NULL, "" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = pep_child_display_name (cases[i].forename, cases[i].surname,
                                                      cases[i].preferred);
      g_assert_cmpstr (name, ==, cases[i].expected);
    }

  pep_record_set_text (child, PEP_CHILD_LEGAL_FORENAME, "Oluwaseun");
  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, "Adeyemi");
  pep_record_set_text (child, PEP_CHILD_PREFERRED_NAME, "Seun");
  {
    g_autofree char *name = pep_child_record_display_name (child);
    g_autoptr(PepChildSummary) summary = pep_child_summary_new (1, "A123456789012", "Oluwaseun",
                                                                "Adeyemi", "Seun", 5, "", 0,
                                                                -1, 0);
    g_autofree char *surname = NULL;
    g_autofree char *given = NULL;
    g_autofree char *folded = pep_child_summary_fold ("oluwaseun");

    g_assert_cmpstr (name, ==, "Seun Adeyemi");
    /* The child list shows the same, sorts by surname then that name, and finds the child
     * by their legal forename too. */
    g_assert_cmpstr (pep_child_summary_get_name (summary), ==, name);
    g_object_get (summary, "surname", &surname, "given-name", &given, NULL);
    g_assert_cmpstr (surname, ==, "Adeyemi");
    g_assert_cmpstr (given, ==, "Seun");
    g_assert_true (pep_child_summary_matches (summary, folded));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/field/registry-sane", test_registry_sane);
  g_test_add_func ("/pep/field/registry-domain-rules", test_registry_domain_rules);
  g_test_add_func ("/pep/field/parse-dates", test_parse_dates);
  g_test_add_func ("/pep/field/parse-typed-dates", test_parse_typed_dates);
  g_test_add_func ("/pep/field/parse-numbers", test_parse_numbers);
  g_test_add_func ("/pep/field/parse-choices-and-text", test_parse_choices_and_text);
  g_test_add_func ("/pep/field/format", test_format);
  g_test_add_func ("/pep/field/date-format", test_date_format);
  g_test_add_func ("/pep/field/phase-rule", test_phase_rule);
  g_test_add_func ("/pep/field/describe-codes", test_describe_codes);
  g_test_add_func ("/pep/field/child-name", test_child_name);
  return g_test_run ();
}
