/* test-calendar.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Counting the days a due date is counted in: working days (weekdays less England's bank
 * holidays) and school days (term time less the authority's closures), worked out on a
 * calendar by hand.
 */

#include "config.h"

#include <string.h>

#include "pep-authority.h"
#include "pep-calendar.h"
#include "pep-term.h"

static void
set_day (GDate *date,
         int    day,
         int    month,
         int    year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
}

static void
assert_added (PepAuthority *authority,
              int         day,
              int         month,
              int         year,
              guint       n_days,
              PepDayBasis basis,
              const char *expected)
{
  GDate from, out;
  char text[16];

  set_day (&from, day, month, year);
  pep_authority_add_days (authority, &from, n_days, basis, &out);
  g_date_strftime (text, sizeof text, "%Y-%m-%d", &out);
  g_assert_cmpstr (text, ==, expected);
}

/* 2025–26 as an authority sets it: summer term to 22 July, autumn from 3 September (a
 * training day) to 19 December, half term 27–31 October. */
static PepAuthority *
authority_calendar (void)
{
  static const char *closures[] = { "2025-09-03", "2025-10-27..2025-10-31", NULL };
  PepAuthority *authority = pep_authority_new ();
  g_autoptr(GError) error = NULL;
  GDate first, last;

  set_day (&first, 23, G_DATE_APRIL, 2025);
  set_day (&last, 22, G_DATE_JULY, 2025);
  g_assert_true (pep_authority_set_term (authority, &(PepTermId) { 2024, PEP_TERM_SUMMER },
                                         &first, &last, NULL, &error));
  set_day (&first, 3, G_DATE_SEPTEMBER, 2025);
  set_day (&last, 19, G_DATE_DECEMBER, 2025);
  g_assert_true (pep_authority_set_term (authority, &(PepTermId) { 2025, PEP_TERM_AUTUMN },
                                         &first, &last, NULL, &error));
  g_assert_true (pep_authority_set_closures (authority, 2025, closures, &error));
  g_assert_no_error (error);
  return authority;
}

static void
test_working_days (void)
{
  /* From Friday 22 August 2025: the bank holiday Monday 25 August is not counted. */
  assert_added (NULL, 22, 8, 2025, 1, PEP_DAYS_WORKING, "2025-08-26");
  /* Twenty working days from 1 December 2022: 26, 27 December and 2 January are holidays. */
  assert_added (NULL, 1, 12, 2022, 20, PEP_DAYS_WORKING, "2023-01-03");
}

/* With no term dates set, school days follow England's usual pattern: the summer and
 * Christmas holidays are not counted. */
static void
test_usual_school_days (void)
{
  assert_added (NULL, 25, 7, 2025, 5, PEP_DAYS_WORKING, "2025-08-01");
  assert_added (NULL, 25, 7, 2025, 5, PEP_DAYS_SCHOOL, "2025-09-09");
  assert_added (NULL, 19, 12, 2025, 5, PEP_DAYS_SCHOOL, "2026-01-09");
}

static void
test_school_days (void)
{
  g_autoptr(PepAuthority) authority = authority_calendar ();
  g_autoptr(PepAuthority) no_closures = NULL;

  /* Ten days from Wednesday 22 October: working days run through half term, school days
   * step over it. */
  assert_added (authority, 22, 10, 2025, 10, PEP_DAYS_WORKING, "2025-11-05");
  assert_added (authority, 22, 10, 2025, 10, PEP_DAYS_SCHOOL, "2025-11-12");
  /* From Sunday 20 July: two days of the summer term, then the holidays and the training
   * day pass uncounted. */
  assert_added (authority, 20, 7, 2025, 5, PEP_DAYS_SCHOOL, "2025-09-08");
  {
    GDate day;

    set_day (&day, 3, G_DATE_SEPTEMBER, 2025);
    g_assert_true (pep_calendar_is_school_day (&day));
    g_assert_false (pep_authority_is_school_day (authority, &day));
    set_day (&day, 4, G_DATE_SEPTEMBER, 2025);
    g_assert_true (pep_authority_is_school_day (authority, &day));
    set_day (&day, 12, G_DATE_AUGUST, 2025);
    g_assert_false (pep_authority_is_school_day (authority, &day));
  }

  no_closures = pep_authority_copy (authority);
  g_assert_true (pep_authority_set_closures (no_closures, 2025, (const char *[]) { NULL }, NULL));
  assert_added (no_closures, 22, 10, 2025, 10, PEP_DAYS_SCHOOL, "2025-11-05");
}

/* A closure that is not a date is refused, and the closures set before stand. */
static void
test_bad_closures (void)
{
  static const char *bad[][3] = {
    { "2025-10-31..2025-10-27", NULL },
    { "next Tuesday", NULL },
    { "2025-10-27", "2025-02-30", NULL },
  };

  g_autoptr(PepAuthority) authority = authority_calendar ();

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pep_authority_set_closures (authority, 2025, bad[i], &error));
      g_assert_nonnull (error);
      g_assert_nonnull (strstr (error->message, "is not a school closure"));
    }
  assert_added (authority, 22, 10, 2025, 10, PEP_DAYS_SCHOOL, "2025-11-12");

  /* Closures over every day there is: the count gives up rather than search for ever. */
  {
    static const char *everything[] = { "2024-09-01..2099-12-31", NULL };
    GDate from, out;

    g_assert_true (pep_authority_set_closures (authority, 2024, everything, NULL));
    set_day (&from, 1, G_DATE_SEPTEMBER, 2025);
    pep_authority_add_days (authority, &from, 10, PEP_DAYS_SCHOOL, &out);
    g_assert_true (g_date_valid (&out));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/calendar/working-days", test_working_days);
  g_test_add_func ("/pep/calendar/usual-school-days", test_usual_school_days);
  g_test_add_func ("/pep/calendar/school-days", test_school_days);
  g_test_add_func ("/pep/calendar/bad-closures", test_bad_closures);
  return g_test_run ();
}
