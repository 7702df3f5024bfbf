/* pep-calendar.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * England and Wales bank holidays by their rules: New Year's Day, Good Friday, Easter
 * Monday, the early May bank holiday (first Monday of May), the spring bank holiday (last
 * Monday of May), the summer bank holiday (last Monday of August), Christmas Day and Boxing
 * Day; a holiday that falls on a weekend, or on a day another holiday already took, moves
 * to the next weekday. The one-off changes since 2010 are listed below the rules.
 *
 * A "school day" of pep_calendar_add_school_days() is a working day: a weekday that is not
 * a bank holiday. Counting in term time, less an authority's closures, is
 * pep_authority_add_days() with PEP_DAYS_SCHOOL.
 */

#include "config.h"

#include <gio/gio.h>
#include <glib/gi18n-lib.h>
#include <stdlib.h>

#include "pep-calendar.h"
#include "pep-field.h"
#include "pep-term.h"

typedef struct
{
  int        year;
  GDateMonth month;
  int        day;        /* the holiday moved from here… */
  GDateMonth to_month;
  int        to_day;     /* …to here; or, with day 0, added on this day */
} Exception;

static const Exception exceptions[] = {
  { 2011, G_DATE_APRIL, 0, G_DATE_APRIL, 29 },   /* royal wedding */
  { 2012, G_DATE_MAY, 28, G_DATE_JUNE, 4 },      /* spring bank holiday moved */
  { 2012, G_DATE_JUNE, 0, G_DATE_JUNE, 5 },      /* diamond jubilee */
  { 2020, G_DATE_MAY, 4, G_DATE_MAY, 8 },        /* early May moved to VE day */
  { 2022, G_DATE_MAY, 30, G_DATE_JUNE, 2 },      /* spring bank holiday moved */
  { 2022, G_DATE_JUNE, 0, G_DATE_JUNE, 3 },      /* platinum jubilee */
  { 2022, G_DATE_SEPTEMBER, 0, G_DATE_SEPTEMBER, 19 },   /* the Queen's funeral */
  { 2023, G_DATE_MAY, 0, G_DATE_MAY, 8 },        /* the King's coronation */
};

static void
set (GDate      *date,
     int         day,
     GDateMonth  month,
     int         year)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, month, (GDateYear) year);
}

static gboolean
is_weekend (const GDate *date)
{
  GDateWeekday weekday = g_date_get_weekday (date);

  return weekday == G_DATE_SATURDAY || weekday == G_DATE_SUNDAY;
}

/* The first (n > 0) or last (n < 0) Monday of @month. */
static void
monday_of (int         year,
           GDateMonth  month,
           int         n,
           GDate      *out)
{
  if (n > 0)
    {
      set (out, 1, month, year);
      while (g_date_get_weekday (out) != G_DATE_MONDAY)
        g_date_add_days (out, 1);
    }
  else
    {
      set (out, g_date_get_days_in_month (month, (GDateYear) year), month, year);
      while (g_date_get_weekday (out) != G_DATE_MONDAY)
        g_date_subtract_days (out, 1);
    }
}

static gboolean
taken (const GDate *days,
       guint        n,
       const GDate *date)
{
  for (guint i = 0; i < n; i++)
    if (g_date_compare (&days[i], date) == 0)
      return TRUE;
  return FALSE;
}

/* Adds @date, moved on to the next weekday that no other holiday has taken. */
static void
add_substituted (GDate *days,
                 guint *n,
                 GDate  date)
{
  while (is_weekend (&date) || taken (days, *n, &date))
    g_date_add_days (&date, 1);
  days[(*n)++] = date;
}

static int
compare_dates (gconstpointer a,
               gconstpointer b)
{
  return g_date_compare (a, b);
}

/**
 * pep_calendar_bank_holidays:
 * @out: (out caller-allocates): the year's bank holidays, in date order
 *
 * Returns: how many bank holidays @year has in England
 */
guint
pep_calendar_bank_holidays (int   year,
                            GDate out[PEP_CALENDAR_MAX_BANK_HOLIDAYS])
{
  GDate date, easter;
  guint n = 0;

  g_return_val_if_fail (year >= 1900 && year <= 2199, 0);

  set (&date, 1, G_DATE_JANUARY, year);
  add_substituted (out, &n, date);

  pep_easter_sunday (year, &easter);
  date = easter;
  g_date_subtract_days (&date, 2);
  out[n++] = date;
  date = easter;
  g_date_add_days (&date, 1);
  out[n++] = date;

  monday_of (year, G_DATE_MAY, 1, &out[n++]);
  monday_of (year, G_DATE_MAY, -1, &out[n++]);
  monday_of (year, G_DATE_AUGUST, -1, &out[n++]);

  set (&date, 25, G_DATE_DECEMBER, year);
  add_substituted (out, &n, date);
  set (&date, 26, G_DATE_DECEMBER, year);
  add_substituted (out, &n, date);

  for (guint e = 0; e < G_N_ELEMENTS (exceptions); e++)
    {
      const Exception *x = &exceptions[e];

      if (x->year != year)
        continue;
      if (x->day == 0)
        {
          g_assert (n < PEP_CALENDAR_MAX_BANK_HOLIDAYS);
          set (&out[n++], x->to_day, x->to_month, year);
          continue;
        }
      set (&date, x->day, x->month, year);
      for (guint i = 0; i < n; i++)
        if (g_date_compare (&out[i], &date) == 0)
          set (&out[i], x->to_day, x->to_month, year);
    }

  qsort (out, n, sizeof (GDate), compare_dates);
  return n;
}

gboolean
pep_calendar_is_bank_holiday (const GDate *date)
{
  GDate days[PEP_CALENDAR_MAX_BANK_HOLIDAYS];
  guint n;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  n = pep_calendar_bank_holidays (g_date_get_year (date), days);
  return taken (days, n, date);
}

/* A weekday that is not a bank holiday. */
gboolean
pep_calendar_is_school_day (const GDate *date)
{
  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);
  return !is_weekend (date) && !pep_calendar_is_bank_holiday (date);
}

/**
 * pep_calendar_add_school_days:
 * @out: (out caller-allocates): the @n_days-th school day after @from
 *
 * Counts school days after @from (which does not count itself): from a Friday, one school
 * day is the Monday, or the Tuesday when the Monday is a bank holiday.
 */
void
pep_calendar_add_school_days (const GDate *from,
                              guint        n_days,
                              GDate       *out)
{
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (out != NULL);

  *out = *from;
  while (n_days > 0)
    {
      g_date_add_days (out, 1);
      if (pep_calendar_is_school_day (out))
        n_days--;
    }
}
