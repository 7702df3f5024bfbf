/* pep-term.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Academic terms. The academic year runs September to August and is named by the year it
 * starts in: 2023 is 2023/24. A term is written like "2023/24-autumn" (pep_term_parse()
 * says which other forms it reads).
 */

#pragma once

#include "pep-types.h"

G_BEGIN_DECLS

typedef struct
{
  int     year;   /* the calendar year the academic year starts in */
  PepTerm term;
} PepTermId;

gboolean  pep_term_parse       (const char      *text,
                                PepTermId       *out);
char     *pep_term_format      (const PepTermId *id);
char     *pep_term_format_long (const PepTermId *id);
char     *pep_term_format_file_name (const PepTermId *id);
char     *pep_academic_year_format (int          year);
gboolean  pep_academic_year_parse  (const char  *text,
                                    int         *year);
void      pep_term_for_date    (const GDate     *date,
                                PepTermId       *out);
void      pep_term_bounds      (const PepTermId *id,
                                GDate           *first,
                                GDate           *last);
void      pep_term_school_bounds (const PepTermId *id,
                                  GDate           *first,
                                  GDate           *last);
void      pep_term_step        (PepTermId       *id,
                                int              n_terms);
int       pep_term_compare     (const PepTermId *a,
                                const PepTermId *b);
void      pep_easter_sunday    (int              year,
                                GDate           *out);
const char *pep_term_to_nick   (PepTerm          term);
gboolean  pep_term_from_nick   (const char      *nick,
                                PepTerm         *term);

G_END_DECLS
