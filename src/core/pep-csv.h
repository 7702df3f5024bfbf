/* pep-csv.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV as RFC 4180 has it (quoted where needed, CRLF line ends), in UTF-8 with a byte-order
 * mark so that spreadsheets read it as UTF-8, and safe to open: a cell that would start a
 * formula is prefixed with an apostrophe.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

GString *pep_csv_new      (void);
void     pep_csv_add_row  (GString            *csv,
                           const char * const *cells);
char    *pep_csv_cell     (const char         *text);

G_END_DECLS
