/* pep-term.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Term boundaries, until term dates become a setting: Autumn is 1 September to
 * 31 December, Spring 1 January to the day before Easter Sunday, Summer Easter Sunday to
 * 31 August (the summer holiday belongs to the Summer term, as its PEP is still open).
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "pep-term.h"

static const char *term_nicks[PEP_N_TERMS] = { "autumn", "spring", "summer" };
static const char *term_labels[PEP_N_TERMS] = { N_("Autumn"), N_("Spring"), N_("Summer") };

const char *
pep_term_to_nick (PepTerm term)
{
  g_return_val_if_fail (term < PEP_N_TERMS, NULL);
  return term_nicks[term];
}

gboolean
pep_term_from_nick (const char *nick,
                    PepTerm    *term)
{
  for (guint i = 0; nick != NULL && i < PEP_N_TERMS; i++)
    if (strcmp (nick, term_nicks[i]) == 0)
      {
        *term = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
pep_term_parse (const char *text,
                PepTermId  *out)
{
  int year;
  char nick[8];
  int consumed = 0;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL
      || sscanf (text, "%4d-%7[a-z]%n", &year, nick, &consumed) != 2
      || (gsize) consumed != strlen (text)
      || year < 1990 || year > 2199)
    return FALSE;
  if (!pep_term_from_nick (nick, &out->term))
    return FALSE;
  out->year = year;
  return TRUE;
}

char *
pep_term_format (const PepTermId *id)
{
  g_return_val_if_fail (id != NULL && id->term < PEP_N_TERMS, NULL);
  return g_strdup_printf ("%d-%s", id->year, term_nicks[id->term]);
}

/* "Autumn 2023/24" */
char *
pep_term_format_long (const PepTermId *id)
{
  g_return_val_if_fail (id != NULL && id->term < PEP_N_TERMS, NULL);
  return g_strdup_printf ("%s %d/%02d", _(term_labels[id->term]), id->year, (id->year + 1) % 100);
}

/* The anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
void
pep_easter_sunday (int    year,
                   GDate *out)
{
  int a = year % 19, b = year / 100, c = year % 100;
  int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
  int h = (19 * a + b - d - g + 15) % 30;
  int i = c / 4, k = c % 4;
  int l = (32 + 2 * e + 2 * i - h - k) % 7;
  int m = (a + 11 * h + 22 * l) / 451;
  int month = (h + l - 7 * m + 114) / 31;
  int day = ((h + l - 7 * m + 114) % 31) + 1;

  g_date_clear (out, 1);
  g_date_set_dmy (out, day, month, year);
}

void
pep_term_bounds (const PepTermId *id,
                 GDate           *first,
                 GDate           *last)
{
  GDate easter;

  g_return_if_fail (id != NULL);

  pep_easter_sunday (id->year + 1, &easter);
  g_date_clear (first, 1);
  g_date_clear (last, 1);
  switch (id->term)
    {
    case PEP_TERM_AUTUMN:
      g_date_set_dmy (first, 1, G_DATE_SEPTEMBER, id->year);
      g_date_set_dmy (last, 31, G_DATE_DECEMBER, id->year);
      break;
    case PEP_TERM_SPRING:
      g_date_set_dmy (first, 1, G_DATE_JANUARY, id->year + 1);
      *last = easter;
      g_date_subtract_days (last, 1);
      break;
    case PEP_TERM_SUMMER:
    case PEP_N_TERMS:
    default:
      *first = easter;
      g_date_set_dmy (last, 31, G_DATE_AUGUST, id->year + 1);
      break;
    }
}

void
pep_term_for_date (const GDate *date,
                   PepTermId   *out)
{
  int year = g_date_get_year (date);
  GDate easter;

  if (g_date_get_month (date) >= G_DATE_SEPTEMBER)
    {
      out->year = year;
      out->term = PEP_TERM_AUTUMN;
      return;
    }
  out->year = year - 1;
  pep_easter_sunday (year, &easter);
  out->term = g_date_compare (date, &easter) < 0 ? PEP_TERM_SPRING : PEP_TERM_SUMMER;
}

/* Moves @id by @n_terms, forwards or backwards. */
void
pep_term_step (PepTermId *id,
               int        n_terms)
{
  int index = id->year * PEP_N_TERMS + (int) id->term + n_terms;

  id->year = index / PEP_N_TERMS;
  id->term = index % PEP_N_TERMS;
}

int
pep_term_compare (const PepTermId *a,
                  const PepTermId *b)
{
  if (a->year != b->year)
    return a->year < b->year ? -1 : 1;
  if (a->term != b->term)
    return a->term < b->term ? -1 : 1;
  return 0;
}
