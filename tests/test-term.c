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
assert_term_for (guint   day,
                 guint   month,
                 guint   year,
                 int     term_year,
                 PepTerm term)
{
  GDate date;
  PepTermId id;

  set_dmy (&date, day, month, year);
  pep_term_for_date (&date, &id);
  g_assert_cmpint (id.year, ==, term_year);
  g_assert_cmpint (id.term, ==, term);
}

static void
test_override (void)
{
  PepTermId autumn = { 2025, PEP_TERM_AUTUMN };
  PepTermId spring = { 2025, PEP_TERM_SPRING };
  GDate first, last, a, b;

  pep_term_clear_dates ();

  /* Built-in: 29 August 2025 is still the summer of 2024/25; 22 December is Autumn. */
  assert_term_for (29, 8, 2025, 2024, PEP_TERM_SUMMER);
  assert_term_for (22, 12, 2025, 2025, PEP_TERM_AUTUMN);

  /* Autumn starts early and ends on 19 December; Spring starts on 20 December. */
  set_dmy (&a, 27, 8, 2025);
  set_dmy (&b, 19, 12, 2025);
  pep_term_set_dates (2025, PEP_TERM_AUTUMN, &a, &b);
  set_dmy (&a, 20, 12, 2025);
  pep_term_set_dates (2025, PEP_TERM_SPRING, &a, NULL);

  pep_term_bounds (&autumn, &first, &last);
  assert_date (&first, 27, 8, 2025);
  assert_date (&last, 19, 12, 2025);
  pep_term_bounds (&spring, &first, &last);
  assert_date (&first, 20, 12, 2025);
  assert_date (&last, 4, 4, 2026);       /* still the day before Easter Sunday */

  assert_term_for (26, 8, 2025, 2024, PEP_TERM_SUMMER);
  assert_term_for (27, 8, 2025, 2025, PEP_TERM_AUTUMN);
  assert_term_for (29, 8, 2025, 2025, PEP_TERM_AUTUMN);
  assert_term_for (19, 12, 2025, 2025, PEP_TERM_AUTUMN);
  assert_term_for (20, 12, 2025, 2025, PEP_TERM_SPRING);
  assert_term_for (22, 12, 2025, 2025, PEP_TERM_SPRING);
  assert_term_for (5, 4, 2026, 2025, PEP_TERM_SUMMER);
  /* Other years keep the built-in rule. */
  assert_term_for (22, 12, 2026, 2026, PEP_TERM_AUTUMN);

  /* Setting a term back to NULL, NULL drops only that override. */
  pep_term_set_dates (2025, PEP_TERM_SPRING, NULL, NULL);
  assert_term_for (22, 12, 2025, 2025, PEP_TERM_AUTUMN);
  assert_term_for (29, 8, 2025, 2025, PEP_TERM_AUTUMN);

  /* Cleared: back to the built-in rule. */
  pep_term_clear_dates ();
  assert_term_for (29, 8, 2025, 2024, PEP_TERM_SUMMER);
  assert_term_for (22, 12, 2025, 2025, PEP_TERM_AUTUMN);
  pep_term_bounds (&autumn, &first, &last);
  assert_date (&first, 1, 9, 2025);
  assert_date (&last, 31, 12, 2025);
}

static gpointer
read_terms (gpointer data)
{
  for (guint i = 0; i < 2000; i++)
    {
      GDate date;
      PepTermId id;

      set_dmy (&date, 22, 12, 2025);
      pep_term_for_date (&date, &id);
      g_assert_cmpint (id.year, ==, 2025);
      g_assert_true (id.term == PEP_TERM_AUTUMN || id.term == PEP_TERM_SPRING);
    }
  return data;
}

/* Readers on other threads see one rule or the other, never a torn table. */
static void
test_override_threads (void)
{
  GThread *threads[4];
  GDate a;

  set_dmy (&a, 20, 12, 2025);
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    threads[i] = g_thread_new ("term-reader", read_terms, NULL);
  for (guint i = 0; i < 500; i++)
    {
      pep_term_set_dates (2025, PEP_TERM_SPRING, &a, NULL);
      pep_term_clear_dates ();
    }
  for (guint i = 0; i < G_N_ELEMENTS (threads); i++)
    g_thread_join (threads[i]);
  pep_term_clear_dates ();
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
  g_test_add_func ("/pep/term/override", test_override);
  g_test_add_func ("/pep/term/override-threads", test_override_threads);
  return g_test_run ();
}
