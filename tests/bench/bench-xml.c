/* bench-xml.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exchange format's figures, not a timed test: on FILE, export every PEP (all states,
 * full profile), import that document into a new empty file, and run
 * `xmllint --noout --nonet --schema XSD` on the same document in the same run.
 *
 *   pepctl demo /tmp/bench.db --children 3500 --terms 3      (about 10 000 PEPs)
 *   [PEPSTUDIO_BENCH_RUNS=3] build/tests/bench-xml /tmp/bench.db [data/schema/pep-exchange.xsd]
 *
 * The three take turns, three turns by default: the figures are the medians, and the ratios
 * the medians' (each turn's wall ratios are printed too).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <sys/resource.h>
#include <stdlib.h>

#include "pep-store.h"
#include "pep-xml-export.h"
#include "pep-xml-import.h"

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
}

/* Processor time (user + system, every thread) of this process or of its waited children:
 * on a loaded machine the wall-clock seconds swing by half, processor time much less. */
static double
cpu_seconds (int who)
{
  struct rusage usage;

  getrusage (who, &usage);
  return usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
}

static void
die (const char *what,
     GError     *error)
{
  g_printerr ("bench-xml: %s: %s\n", what, error ? error->message : "failed");
  exit (1);
}

/* One turn: export every PEP of @source to @xml, import that into a new empty file, and run
 * xmllint on it; wall and processor seconds of each into @wall and @cpu (export, import,
 * xmllint). The import is asserted to have happened: every PEP exported arrives as new. */
static void
one_turn (const char *source,
          const char *xsd,
          const char *xml,
          const char *empty,
          guint      *n,
          double      wall[3],
          double      cpu[3])
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepStore) target = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *lint_err = NULL;
  g_autofree char *wal = g_strconcat (empty, "-wal", NULL);
  g_autofree char *shm = g_strconcat (empty, "-shm", NULL);
  PepXmlExportOptions options;
  gint64 start;
  double cpu_start;
  int lint_status = 0;

  if (!(store = pep_store_open (source, PEP_STORE_OPEN_DEFAULT, &error)))
    die (source, error);
  pep_xml_export_options_init (&options);
  options.all_states = TRUE;
  options.time = now;

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds (RUSAGE_SELF);
  if (!pep_xml_export (store, &options, xml, n, &error))
    die ("export", error);
  wall[0] = seconds_since (start);
  cpu[0] = cpu_seconds (RUSAGE_SELF) - cpu_start;
  g_clear_object (&store);

  g_unlink (empty);
  g_unlink (wal);
  g_unlink (shm);
  if (!(target = pep_store_open (empty, PEP_STORE_OPEN_CREATE, &error)))
    die (empty, error);
  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds (RUSAGE_SELF);
  if (!(report = pep_xml_import_file (target, xml, PEP_XML_IMPORT_DEFAULT, &error)))
    die ("import", error);
  wall[1] = seconds_since (start);
  cpu[1] = cpu_seconds (RUSAGE_SELF) - cpu_start;
  /* What was timed happened: every PEP exported was imported as new. */
  if (*n == 0 || report->counts[PEP_XML_OUTCOME_NEW] != *n
      || pep_store_count (target, PEP_TABLE_PLAN, NULL) != (gint64) *n)
    {
      g_printerr ("bench-xml: exported %u PEPs but imported %u\n", *n, report->counts[PEP_XML_OUTCOME_NEW]);
      exit (1);
    }
  g_clear_object (&target);
  g_unlink (empty);
  g_unlink (wal);
  g_unlink (shm);

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds (RUSAGE_CHILDREN);
  if (!g_spawn_sync (NULL, (char *[]) { "xmllint", "--noout", "--nonet", "--schema", (char *) xsd, (char *) xml, NULL },
                     NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &lint_err, &lint_status, &error))
    die ("xmllint", error);
  wall[2] = seconds_since (start);
  cpu[2] = cpu_seconds (RUSAGE_CHILDREN) - cpu_start;
  if (!g_spawn_check_wait_status (lint_status, &error))
    die (lint_err, error);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* The median of @values[0], @values[stride], … (@n of them). */
static double
median (const double *values,
        guint         n,
        guint         stride)
{
  g_autofree double *sorted = g_new (double, n);

  for (guint i = 0; i < n; i++)
    sorted[i] = values[i * stride];
  qsort (sorted, n, sizeof (double), compare_double);
  return sorted[n / 2];
}

#define MAX_RUNS 15

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *xsd = NULL;
  double wall[MAX_RUNS][3], cpu[MAX_RUNS][3];
  const char *what[] = { "export (validated, all states)", "import into an empty file",
                         "xmllint --noout --schema" };
  guint runs = 3, n = 0;
  GStatBuf st;

  /* A benchmark that does not do what it says must fail. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (argc < 2)
    {
      g_printerr ("Usage: bench-xml FILE [XSD]\n");
      return 2;
    }
  xsd = g_strdup (argc > 2 ? argv[2] : "data/schema/pep-exchange.xsd");
  /* Turns of export, import and xmllint, so that a change of load falls on all three; odd,
   * for a median. */
  if (g_getenv ("PEPSTUDIO_BENCH_RUNS") != NULL)
    runs = CLAMP (g_ascii_strtoull (g_getenv ("PEPSTUDIO_BENCH_RUNS"), NULL, 10), 1, MAX_RUNS) | 1;

  if (!(dir = g_dir_make_tmp ("bench-xml-XXXXXX", &error)))
    die ("temporary folder", error);
  xml = g_build_filename (dir, "export.xml", NULL);
  empty = g_build_filename (dir, "empty.db", NULL);

  for (guint r = 0; r < runs; r++)
    one_turn (argv[1], xsd, xml, empty, &n, wall[r], cpu[r]);
  g_stat (xml, &st);

  printf ("%u PEPs, %.1f MB of XML; median of %u turns     wall       processor\n",
          n, st.st_size / 1e6, runs);
  for (guint k = 0; k < 3; k++)
    printf ("%-32s %8.2f s     %8.2f s\n", what[k], median (&wall[0][k], runs, 3),
            median (&cpu[0][k], runs, 3));
  printf ("export / xmllint                 %8.2f       %8.2f\n",
          median (&wall[0][0], runs, 3) / median (&wall[0][2], runs, 3),
          median (&cpu[0][0], runs, 3) / median (&cpu[0][2], runs, 3));
  printf ("import / xmllint                 %8.2f       %8.2f\n",
          median (&wall[0][1], runs, 3) / median (&wall[0][2], runs, 3),
          median (&cpu[0][1], runs, 3) / median (&cpu[0][2], runs, 3));
  printf ("each turn, wall ratio (export, import):");
  for (guint r = 0; r < runs; r++)
    printf (" %.2f/%.2f", wall[r][0] / wall[r][2], wall[r][1] / wall[r][2]);
  printf ("\n");

  g_unlink (xml);
  g_rmdir (dir);
  return 0;
}
