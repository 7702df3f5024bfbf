/* pep-term.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Term boundaries. The built-in rule: Autumn is 1 September to 31 December, Spring
 * 1 January to the day before Easter Sunday, Summer Easter Sunday to 31 August (the summer
 * holiday belongs to the Summer term, as its PEP is still open).
 *
 * These are England's usual pattern. An authority's own term dates are in its profile
 * (pep-authority.h), which is where the term model is defined once.
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

/* "2025-spring": the academic year by the year it starts in, PEP Studio's first form. */
static gboolean
parse_start_year (const char *text,
                  PepTermId  *out)
{
  int year;
  char nick[8];
  int consumed = 0;

  if (sscanf (text, "%4d-%7[a-z]%n", &year, nick, &consumed) != 2
      || (gsize) consumed != strlen (text) || strlen (text) != 5 + strlen (nick)
      || !pep_term_from_nick (nick, &out->term))
    return FALSE;
  out->year = year;
  return TRUE;
}

/* "spring-2026": the calendar year the term falls in, as a teacher says it. */
static gboolean
parse_calendar_year (const char *text,
                     PepTermId  *out)
{
  const char *dash = strchr (text, '-');
  g_autofree char *nick = NULL;
  guint64 year;

  if (dash == NULL || strlen (dash + 1) != 4
      || !g_ascii_string_to_unsigned (dash + 1, 10, 1900, 2999, &year, NULL))
    return FALSE;
  nick = g_strndup (text, dash - text);
  if (!pep_term_from_nick (nick, &out->term))
    return FALSE;
  out->year = out->term == PEP_TERM_AUTUMN ? (int) year : (int) year - 1;
  return TRUE;
}

/* "2025/26-spring", "2025-26-spring", or the label "Spring 2025/26": the academic year
 * written out, which no one misreads. */
static gboolean
parse_academic_year (const char *text,
                     PepTermId  *out)
{
  g_autofree char *year_text = NULL;
  const char *nick;

  if (strlen (text) > 8 && (text[7] == '-' || text[7] == ' '))
    {
      year_text = g_strndup (text, 7);
      nick = text + 8;
    }
  else
    {
      const char *space = strchr (text, ' ');

      if (space == NULL)
        return FALSE;
      year_text = g_strdup (space + 1);
      nick = NULL;
      for (guint i = 0; i < PEP_N_TERMS; i++)
        if ((gsize) (space - text) == strlen (term_nicks[i]) && strncmp (text, term_nicks[i], space - text) == 0)
          {
            out->term = i;
            nick = term_nicks[i];
          }
      if (nick == NULL)
        return FALSE;
    }
  if (strlen (year_text) != 7 || !pep_academic_year_parse (year_text, &out->year))
    return FALSE;
  return pep_term_from_nick (nick, &out->term);
}

/**
 * pep_term_parse:
 * @text: a term as typed
 * @out: (out): the term
 *
 * Reads a term in any of the forms people and scripts write, case aside: the academic year
 * written out ("2025/26-spring", "2025-26-spring", "Spring 2025/26" — what
 * pep_term_format() and pep_term_format_long() print), the calendar year the term falls in
 * ("spring-2026": Spring is January to Easter 2026, in the academic year 2025/26), or PEP
 * Studio's first form, the year the academic year starts in ("2025-spring", also
 * January 2026; read as before so that scripts keep working, but never printed).
 *
 * Returns: %TRUE if @text is a term from 1990/91 to 2199/00
 */
gboolean
pep_term_parse (const char *text,
                PepTermId  *out)
{
  g_autofree char *lower = NULL;
  PepTermId id;

  g_return_val_if_fail (out != NULL, FALSE);

  if (text == NULL || !g_utf8_validate (text, -1, NULL))
    return FALSE;
  lower = g_ascii_strdown (text, -1);
  g_strstrip (lower);
  if (!(parse_academic_year (lower, &id) || parse_calendar_year (lower, &id)
        || parse_start_year (lower, &id))
      || id.year < 1990 || id.year > 2199)
    return FALSE;
  *out = id;
  return TRUE;
}

/* "2025/26-spring": the form pepctl prints, which cannot be read as another year. */
char *
pep_term_format (const PepTermId *id)
{
  g_return_val_if_fail (id != NULL && id->term < PEP_N_TERMS, NULL);
  return g_strdup_printf ("%d/%02d-%s", id->year, (id->year + 1) % 100, term_nicks[id->term]);
}

/* "2025-26-spring": the same for a file name, which cannot hold a "/". */
char *
pep_term_format_file_name (const PepTermId *id)
{
  g_return_val_if_fail (id != NULL && id->term < PEP_N_TERMS, NULL);
  return g_strdup_printf ("%d-%02d-%s", id->year, (id->year + 1) % 100, term_nicks[id->term]);
}

/* "Autumn 2023/24" */
/* "2022/23": the academic year starting in September of @year. */
char *
pep_academic_year_format (int year)
{
  return g_strdup_printf ("%d/%02d", year, (year + 1) % 100);
}

/* Reads "2022", "2022/23" or "2022-23": the academic year starting in September 2022. */
gboolean
pep_academic_year_parse (const char *text,
                         int        *year)
{
  guint64 start, end;
  const char *rest;
  char first[5];

  g_return_val_if_fail (text != NULL && year != NULL, FALSE);

  if (strlen (text) < 4)
    return FALSE;
  memcpy (first, text, 4);
  first[4] = '\0';
  if (!g_ascii_string_to_unsigned (first, 10, 1900, 2999, &start, NULL))
    return FALSE;
  rest = text + 4;
  if (*rest != '\0')
    {
      if ((*rest != '/' && *rest != '-') || strlen (rest + 1) != 2
          || !g_ascii_string_to_unsigned (rest + 1, 10, 0, 99, &end, NULL)
          || end != (start + 1) % 100)
        return FALSE;
    }
  *year = (int) start;
  return TRUE;
}

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

static void
builtin_bounds (const PepTermId *id,
                GDate           *first,
                GDate           *last)
{
  GDate easter;

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

/* When schools are open in a term, as far as England's usual pattern goes: autumn 3 September
 * to 19 December, spring 5 January to ten days before Easter Sunday, summer from nine days
 * after it to 22 July. The built-in terms meet end to end (every day is in a term); these
 * leave the holidays out. */
static void
school_bounds (const PepTermId *id,
               GDate           *first,
               GDate           *last)
{
  GDate easter;

  g_date_clear (first, 1);
  g_date_clear (last, 1);
  switch (id->term)
    {
    case PEP_TERM_AUTUMN:
      g_date_set_dmy (first, 3, G_DATE_SEPTEMBER, id->year);
      g_date_set_dmy (last, 19, G_DATE_DECEMBER, id->year);
      break;
    case PEP_TERM_SPRING:
      pep_easter_sunday (id->year + 1, &easter);
      g_date_set_dmy (first, 5, G_DATE_JANUARY, id->year + 1);
      *last = easter;
      g_date_subtract_days (last, 10);
      break;
    case PEP_TERM_SUMMER:
    case PEP_N_TERMS:
    default:
      pep_easter_sunday (id->year + 1, &easter);
      *first = easter;
      g_date_add_days (first, 9);
      g_date_set_dmy (last, 22, G_DATE_JULY, id->year + 1);
      break;
    }
}

/**
 * pep_term_school_bounds:
 *
 * The days schools are open in @id as far as England's usual pattern goes; an authority's
 * own dates are pep_authority_school_days().
 */
void
pep_term_school_bounds (const PepTermId *id,
                        GDate           *first,
                        GDate           *last)
{
  g_return_if_fail (id != NULL && first != NULL && last != NULL);
  school_bounds (id, first, last);
}


/* A term's calendar span in England's usual pattern: every day is in one term. An
 * authority's own is pep_authority_term_span(). */
void
pep_term_bounds (const PepTermId *id,
                 GDate           *first,
                 GDate           *last)
{
  g_return_if_fail (id != NULL);
  builtin_bounds (id, first, last);
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
