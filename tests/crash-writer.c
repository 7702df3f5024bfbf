/* crash-writer.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A writer for the crash and two-writer tests: opens FILE, then edits PEP PLAN-ID again and
 * again — each edit adds a target "NAME N" — printing "N" on stdout once edit N is
 * committed (acknowledged). A conflict with another writer is printed as "conflict" and
 * the PEP is read again. Stops after COUNT edits (0 for never) or when killed.
 */

#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "pep-store.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gint64 plan_id;
  guint count, done = 0;

  if (argc != 5)
    {
      fprintf (stderr, "usage: crash-writer FILE PLAN-ID NAME COUNT\n");
      return 1;
    }
  plan_id = g_ascii_strtoll (argv[2], NULL, 10);
  count = (guint) g_ascii_strtoull (argv[4], NULL, 10);

  if (!(store = pep_store_open (argv[1], PEP_STORE_OPEN_DEFAULT, &error))
      || !(plan = pep_store_load_plan (store, plan_id, &error)))
    {
      fprintf (stderr, "crash-writer: %s\n", error->message);
      return 2;
    }
  pep_store_set_actor (store, argv[3], PEP_ROLE_DESIGNATED_TEACHER);

  while (count == 0 || done < count)
    {
      g_autoptr(PepRecord) row = pep_record_new (PEP_TABLE_TARGET);
      g_autofree char *text = g_strdup_printf ("%s %u", argv[3], done + 1);

      pep_record_set_text (row, PEP_TARGET_DESCRIPTION, text);
      if (pep_store_add_plan_row (store, plan, row, &error))
        {
          done++;
          printf ("%u\n", done);
          fflush (stdout);
        }
      else if (g_error_matches (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CONFLICT))
        {
          /* Someone else moved the PEP on: read it again, as the app would. */
          printf ("conflict\n");
          fflush (stdout);
          g_clear_error (&error);
          g_clear_object (&plan);
          if (!(plan = pep_store_load_plan (store, plan_id, &error)))
            break;
        }
      else
        break;
    }

  if (error != NULL)
    {
      fprintf (stderr, "crash-writer: %s\n", error->message);
      return 2;
    }
  return 0;
}
