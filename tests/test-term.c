/* test-term.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pep-term.h"

static void
assert_date (const GDate *date,
             guint        day,
             guint        month,
             guint        year)
{
  g_assert_cmpuint (g_date_get_day (date), ==, day);
  g_assert_cmpuint (g_date_get_month (date), ==, month);
  g_assert_cmpuint (g_date_get_year (date), ==, year);
}

static void
test_easter (void)
{
  GDate d;

  pep_easter_sunday (2024, &d);
  assert_date (&d, 31, 3, 2024);
  pep_easter_sunday (2025, &d);
  assert_date (&d, 20, 4, 2025);
  pep_easter_sunday (2026, &d);
  assert_date (&d, 5, 4, 2026);
  pep_easter_sunday (2038, &d);
  assert_date (&d, 25, 4, 2038);
}

static void
test_parse_format (void)
{
  PepTermId id;
  g_autofree char *text = NULL;
  g_autofree char *label = NULL;

  g_assert_true (pep_term_parse ("2023-autumn", &id));
  g_assert_cmpint (id.year, ==, 2023);
  g_assert_cmpint (id.term, ==, PEP_TERM_AUTUMN);
  text = pep_term_format (&id);
  g_assert_cmpstr (text, ==, "2023/24-autumn");
  label = pep_term_format_long (&id);
  g_assert_cmpstr (label, ==, "Autumn 2023/24");

  g_assert_false (pep_term_parse ("2023-winter", &id));
  g_assert_false (pep_term_parse ("2023-autumnx", &id));
  g_assert_false (pep_term_parse ("autumn", &id));
  g_assert_false (pep_term_parse ("", &id));
  g_assert_false (pep_term_parse ("1066-spring", &id));
}

/* Spring 2025/26 runs from January to Easter 2026: every form a teacher or a script writes
 * names that term and no other, and the form printed cannot be read as Spring 2025. */
static void
test_parse_forms (void)
{
  static const char *spring_2026[] = {
    "2025/26-spring", "2025-26-spring", "spring-2026", "Spring 2025/26", "SPRING-2026",
    "2025-spring", " 2025/26 spring ",
  };
  PepTermId id;
  g_autofree char *printed = NULL, *file_name = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (spring_2026); i++)
    {
      g_test_message ("%s", spring_2026[i]);
      g_assert_true (pep_term_parse (spring_2026[i], &id));
      g_assert_cmpint (id.year, ==, 2025);
      g_assert_cmpint (id.term, ==, PEP_TERM_SPRING);
    }
  printed = pep_term_format (&id);
  g_assert_cmpstr (printed, ==, "2025/26-spring");
  file_name = pep_term_format_file_name (&id);
  g_assert_cmpstr (file_name, ==, "2025-26-spring");
  g_assert_null (strchr (file_name, '/'));

  /* Autumn falls in the calendar year the academic year starts in; summer in the next. */
  g_assert_true (pep_term_parse ("autumn-2025", &id));
  g_assert_cmpint (id.year, ==, 2025);
  g_assert_cmpint (id.term, ==, PEP_TERM_AUTUMN);
  g_assert_true (pep_term_parse ("summer-2026", &id));
  g_assert_cmpint (id.year, ==, 2025);
  g_assert_cmpint (id.term, ==, PEP_TERM_SUMMER);

  g_assert_false (pep_term_parse ("2025/27-spring", &id));   /* not consecutive years */
  g_assert_false (pep_term_parse ("spring-26", &id));
  g_assert_false (pep_term_parse ("winter-2026", &id));
  g_assert_false (pep_term_parse ("spring 2026", &id));      /* which academic year? */
  g_assert_false (pep_term_parse ("2025/26-", &id));
  g_assert_false (pep_term_parse ("spring-", &id));
}

/* An academic year as written on a committee report, and as typed. */
static void
test_academic_year (void)
{
  g_autofree char *text = pep_academic_year_format (2099);
  int year = 0;

  g_assert_cmpstr (text, ==, "2099/00");
  g_assert_true (pep_academic_year_parse ("2022", &year) && year == 2022);
  g_assert_true (pep_academic_year_parse ("2022/23", &year) && year == 2022);
  g_assert_true (pep_academic_year_parse ("2099-00", &year) && year == 2099);
  g_assert_false (pep_academic_year_parse ("2022/24", &year));   /* not consecutive */
  g_assert_false (pep_academic_year_parse ("2022/2023", &year));
  g_assert_false (pep_academic_year_parse ("22/23", &year));
  g_assert_false (pep_academic_year_parse ("2022-autumn", &year));
  g_assert_false (pep_academic_year_parse ("+202", &year));
  g_assert_false (pep_academic_year_parse ("", &year));
}

static void
test_for_date (void)
{
  static const struct { guint d, m, y; int year; PepTerm term; } cases[] = {
    { 1, 9, 2025, 2025, PEP_TERM_AUTUMN },
    { 31, 12, 2025, 2025, PEP_TERM_AUTUMN },
    { 1, 1, 2026, 2025, PEP_TERM_SPRING },
    { 4, 4, 2026, 2025, PEP_TERM_SPRING },   /* the day before Easter Sunday */
    { 5, 4, 2026, 2025, PEP_TERM_SUMMER },
    { 31, 8, 2026, 2025, PEP_TERM_SUMMER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      GDate date, first, last;
      PepTermId id;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, cases[i].d, cases[i].m, cases[i].y);
      pep_term_for_date (&date, &id);
      g_assert_cmpint (id.year, ==, cases[i].year);
      g_assert_cmpint (id.term, ==, cases[i].term);

      /* The term's bounds hold the date. */
      pep_term_bounds (&id, &first, &last);
      g_assert_cmpint (g_date_compare (&first, &date), <=, 0);
      g_assert_cmpint (g_date_compare (&date, &last), <=, 0);
    }
}

static void
test_step (void)
{
  PepTermId id = { 2025, PEP_TERM_AUTUMN }, other = id;

  pep_term_step (&id, -1);
  g_assert_cmpint (id.year, ==, 2024);
  g_assert_cmpint (id.term, ==, PEP_TERM_SUMMER);
  pep_term_step (&id, 2);
  g_assert_cmpint (id.year, ==, 2025);
  g_assert_cmpint (id.term, ==, PEP_TERM_SPRING);
  g_assert_cmpint (pep_term_compare (&other, &id), <, 0);
  g_assert_cmpint (pep_term_compare (&id, &id), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/term/easter", test_easter);
  g_test_add_func ("/pep/term/parse-format", test_parse_format);
  g_test_add_func ("/pep/term/parse-forms", test_parse_forms);
  g_test_add_func ("/pep/term/academic-year", test_academic_year);
  g_test_add_func ("/pep/term/for-date", test_for_date);
  g_test_add_func ("/pep/term/step", test_step);
  return g_test_run ();
}
