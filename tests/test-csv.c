/* test-csv.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "pep-csv.h"

static void
test_cells (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "plain", "plain" },
    { "Smith, Jo", "\"Smith, Jo\"" },
    { "say \"hi\"", "\"say \"\"hi\"\"\"" },
    { "two\nlines", "\"two\nlines\"" },
    { "=SUM(A1:A9)", "'=SUM(A1:A9)" },
    { "@cmd", "'@cmd" },
    { "-12.5", "-12.5" },
    { "+44 1234", "'+44 1234" },
    { "-5%", "-5%" },
    { "", "" },
    { " padded ", "\" padded \"" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *cell = pep_csv_cell (cases[i].in);
      g_assert_cmpstr (cell, ==, cases[i].out);
    }
}

static void
test_rows (void)
{
  g_autoptr(GString) csv = pep_csv_new ();
  const char *header[] = { "Group", "In place %", NULL };
  const char *row[] = { "Oak, Ash & Elm", "99.3%", NULL };

  pep_csv_add_row (csv, header);
  pep_csv_add_row (csv, row);
  g_assert_cmpstr (csv->str, ==, "\xEF\xBB\xBFGroup,In place %\r\n\"Oak, Ash & Elm\",99.3%\r\n");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/csv/cells", test_cells);
  g_test_add_func ("/pep/csv/rows", test_rows);
  return g_test_run ();
}
