/* pep-field-input.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bounds for dates, where DOMAIN.md asks only for "sensible" ones:
 *
 * - nothing about a child happens before they were born (meeting, entering care, EHCP, SDQ,
 *   due dates…);
 * - a date of birth is not in the future and not more than 25 years ago (PEPs end at 18);
 * - what has happened (entering care, an EHCP issued, an SDQ completed, a progress check, the
 *   social worker's check) is not in the future;
 * - a meeting is at most a year ahead; a due date or an EHCP review at most three years.
 */

#define G_LOG_DOMAIN "pep-field-input"

#include "config.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#include "pep-field-input.h"
#include "pep-upn.h"

typedef enum
{
  DATE_PAST,      /* happened already: up to today */
  DATE_MEETING,   /* up to a year ahead */
  DATE_PLANNED,   /* up to three years ahead */
} DateKind;

void
pep_input_context_init (PepInputContext *context,
                        const char      *dob)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (&context->dob, 1);
  if (dob != NULL && !pep_date_parse (dob, &context->dob))
    g_date_clear (&context->dob, 1);
  g_date_clear (&context->today, 1);
  g_date_set_dmy (&context->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
  context->scheme = NULL;
}

static DateKind
date_kind (const PepFieldInfo *info)
{
  if (info->table == PEP_TABLE_PLAN && info->index == PEP_PLAN_MEETING_DATE)
    return DATE_MEETING;
  if ((info->table == PEP_TABLE_PLAN && info->index == PEP_PLAN_EHCP_REVIEW)
      || (info->table == PEP_TABLE_TARGET && info->index == PEP_TARGET_DUE)
      || (info->table == PEP_TABLE_FOLLOW_UP && info->index == PEP_FOLLOW_UP_DUE))
    return DATE_PLANNED;
  return DATE_PAST;
}

static char *
format_date (const GDate *date)
{
  return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (date), g_date_get_month (date),
                          g_date_get_year (date));
}

static gboolean
check_date (const PepFieldInfo     *info,
            GVariant               *value,
            const PepInputContext  *context,
            GError                **error)
{
  GDate date, latest;
  gboolean is_dob = info->table == PEP_TABLE_CHILD && info->index == PEP_CHILD_DOB;

  if (!pep_date_parse (g_variant_get_string (value, NULL), &date))
    return TRUE;

  if (is_dob)
    {
      GDate earliest = context->today;

      g_date_subtract_years (&earliest, 25);
      if (g_date_compare (&date, &context->today) > 0)
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                       _("A date of birth cannot be in the future."));
          return FALSE;
        }
      if (g_date_compare (&date, &earliest) < 0)
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                       _("This date of birth makes the child over 25: check the year."));
          return FALSE;
        }
      return TRUE;
    }

  if (g_date_valid (&context->dob) && g_date_compare (&date, &context->dob) < 0)
    {
      g_autofree char *born = format_date (&context->dob);

      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                   _("%s is before the child was born (%s)."), _(info->label), born);
      return FALSE;
    }

  latest = context->today;
  switch (date_kind (info))
    {
    case DATE_MEETING:
      g_date_add_years (&latest, 1);
      break;
    case DATE_PLANNED:
      g_date_add_years (&latest, 3);
      break;
    case DATE_PAST:
    default:
      break;
    }
  if (g_date_compare (&date, &latest) > 0)
    {
      g_autofree char *limit = format_date (&latest);

      if (date_kind (info) == DATE_PAST)
        g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                     _("%s cannot be in the future."), _(info->label));
      else
        g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                     _("%s is too far ahead: at the latest %s."), _(info->label), limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_number (const char  *text,
              double       min,
              double       max,
              gboolean     integer,
              const char  *what,
              GError     **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || (integer && v != (gint64) v) || v < min || v > max)
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE, "%s", what);
      return FALSE;
    }
  return TRUE;
}

/* Attainment written in the terms of its scheme, where the scheme has numbers. */
static gboolean
check_attainment (const char             *text,
                  const PepInputContext  *context,
                  GError                **error)
{
  if (context->scheme == NULL)
    return TRUE;
  if (strcmp (context->scheme, "gcse") == 0)
    {
      if (g_ascii_strcasecmp (text, "U") == 0)
        return TRUE;
      return check_number (text, 1, 9, TRUE, _("A GCSE grade is a whole number from 9 to 1, or U."),
                           error);
    }
  if (strcmp (context->scheme, "ks2-scaled") == 0)
    return check_number (text, 80, 120, TRUE,
                         _("A key stage 2 scaled score is a whole number from 80 to 120."), error);
  if (strcmp (context->scheme, "phonics") == 0)
    return check_number (text, 0, 40, TRUE,
                         _("A phonics screening mark is a whole number from 0 to 40."), error);
  return TRUE;
}

/**
 * pep_field_input_parse:
 * @text: what was typed
 *
 * Like pep_field_parse(), with the editor's own checks on top.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL for "not entered" (no error) or
 *   for text that cannot be kept (@error set, with a message for the person typing)
 */
GVariant *
pep_field_input_parse (const PepFieldInfo     *info,
                       const char             *text,
                       const PepInputContext  *context,
                       GError                **error)
{
  g_autoptr(GVariant) value = NULL;
  g_autofree char *upper = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (info->table == PEP_TABLE_CHILD && info->index == PEP_CHILD_UPN)
    {
      /* UPNs are written in capitals; accept them typed in either case. */
      upper = g_ascii_strup (g_strstrip (g_strdup (text)), -1);
      if (*upper != '\0' && !pep_upn_validate (upper, NULL, error))
        return NULL;
      text = upper;
    }

  value = pep_field_parse (info, text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (value == NULL)
    return NULL;

  if (info->type == PEP_VALUE_DATE && context != NULL && !check_date (info, value, context, error))
    return NULL;

  if (info->table == PEP_TABLE_ATTAINMENT && context != NULL
      && (info->index == PEP_ATTAINMENT_CURRENT || info->index == PEP_ATTAINMENT_TARGET_YEAR
          || info->index == PEP_ATTAINMENT_TARGET_KS)
      && !check_attainment (g_variant_get_string (value, NULL), context, error))
    return NULL;

  return g_steal_pointer (&value);
}

/**
 * pep_field_input_format:
 *
 * @value as it would be typed, so that what was typed reads back the same: numbers with
 * the decimals they have, money in pounds, dates as DD/MM/YYYY, text as it is.
 */
char *
pep_field_input_format (const PepFieldInfo *info,
                        GVariant           *value)
{
  g_return_val_if_fail (info != NULL, NULL);

  if (value == NULL)
    return g_strdup ("");

  if (info->type == PEP_VALUE_REAL)
    {
      char buf[G_ASCII_DTOSTR_BUF_SIZE];

      return g_strdup (g_ascii_formatd (buf, sizeof buf, "%.10g", g_variant_get_double (value)));
    }
  if (info->type == PEP_VALUE_CHOICE)
    return g_variant_dup_string (value, NULL);
  return pep_field_format (info, value);
}

const char *
pep_sdq_band_label (gint64 score)
{
  if (score <= 13)
    return _("Normal");
  if (score <= 16)
    return _("Borderline");
  return _("Cause for concern");
}

/* A style class for the band: none, warning, error. */
const char *
pep_sdq_band_style (gint64 score)
{
  if (score <= 13)
    return "success";
  if (score <= 16)
    return "warning";
  return "error";
}
