/* test-term.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

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
  g_assert_cmpstr (text, ==, "2023-autumn");
  label = pep_term_format_long (&id);
  g_assert_cmpstr (label, ==, "Autumn 2023/24");

  g_assert_false (pep_term_parse ("2023-winter", &id));
  g_assert_false (pep_term_parse ("2023-autumnx", &id));
  g_assert_false (pep_term_parse ("autumn", &id));
  g_assert_false (pep_term_parse ("", &id));
  g_assert_false (pep_term_parse ("1066-spring", &id));
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
  g_test_add_func ("/pep/term/for-date", test_for_date);
  g_test_add_func ("/pep/term/step", test_step);
  return g_test_run ();
}
