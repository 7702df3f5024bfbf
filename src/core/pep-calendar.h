/* pep-calendar.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * England's bank holidays and counting days: the days a due date is counted in (DOMAIN.md
 * §2, "10 working days"; a follow-up action's default due date), as working days or as
 * school days (term time less the authority's school closures).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most bank holidays England has had in one year (2022: 10). */
#define PEP_CALENDAR_MAX_BANK_HOLIDAYS 12

guint     pep_calendar_bank_holidays      (int          year,
                                           GDate        out[PEP_CALENDAR_MAX_BANK_HOLIDAYS]);
gboolean  pep_calendar_is_bank_holiday    (const GDate *date);
gboolean  pep_calendar_is_school_day      (const GDate *date);
void      pep_calendar_add_school_days    (const GDate *from,
                                           guint        n_days,
                                           GDate       *out);

/* How the days after an event are counted (the authority's setting). */
typedef enum
{
  PEP_DAYS_WORKING,    /* Monday to Friday, less bank holidays */
  PEP_DAYS_SCHOOL,     /* working days in term time, less school closures (pep_authority_add_days()) */
} PepDayBasis;


G_END_DECLS
