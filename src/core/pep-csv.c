/* pep-csv.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "pep-csv.h"

GString *
pep_csv_new (void)
{
  return g_string_new ("\xEF\xBB\xBF");
}

static gboolean
is_number (const char *text)
{
  char *end = NULL;

  if (*text == '\0')
    return FALSE;
  g_ascii_strtod (text, &end);
  return *end == '\0' || (end[0] == '%' && end[1] == '\0');
}

/* One cell, quoted if it holds a comma, a quote or a line break; a leading = + - @ (that is
 * not a number) would make a spreadsheet run a formula, so it is prefixed with '. */
char *
pep_csv_cell (const char *text)
{
  g_autoptr(GString) cell = g_string_new (NULL);
  gboolean quote;

  if (text == NULL)
    return g_strdup ("");

  if (strchr ("=+-@\t\r", text[0]) != NULL && text[0] != '\0' && !is_number (text))
    g_string_append_c (cell, '\'');
  g_string_append (cell, text);

  quote = strpbrk (cell->str, ",\"\r\n") != NULL || cell->str[0] == ' '
          || (cell->len > 0 && cell->str[cell->len - 1] == ' ');
  if (quote)
    {
      g_autoptr(GString) quoted = g_string_new ("\"");

      for (const char *p = cell->str; *p; p++)
        {
          if (*p == '"')
            g_string_append_c (quoted, '"');
          g_string_append_c (quoted, *p);
        }
      g_string_append_c (quoted, '"');
      return g_string_free (g_steal_pointer (&quoted), FALSE);
    }
  return g_string_free (g_steal_pointer (&cell), FALSE);
}

void
pep_csv_add_row (GString            *csv,
                 const char * const *cells)
{
  g_return_if_fail (csv != NULL);
  g_return_if_fail (cells != NULL);

  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *cell = pep_csv_cell (cells[i]);

      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, cell);
    }
  g_string_append (csv, "\r\n");
}
