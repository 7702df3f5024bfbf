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
 *   build/tests/bench-xml /tmp/bench.db [data/schema/pep-exchange.xsd]
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

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepStore) target = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *xsd = NULL;
  g_autofree char *lint_err = NULL;
  PepXmlExportOptions options;
  GStatBuf st;
  guint n = 0;
  gint64 start;
  double t_export, t_import, t_lint;
  double cpu_start, c_export, c_import, c_lint;
  int lint_status = 0;

  /* A benchmark that does not do what it says must fail. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  if (argc < 2)
    {
      g_printerr ("Usage: bench-xml FILE [XSD]\n");
      return 2;
    }
  xsd = g_strdup (argc > 2 ? argv[2] : "data/schema/pep-exchange.xsd");

  if (!(dir = g_dir_make_tmp ("bench-xml-XXXXXX", &error)))
    die ("temporary folder", error);
  xml = g_build_filename (dir, "export.xml", NULL);
  empty = g_build_filename (dir, "empty.db", NULL);

  if (!(store = pep_store_open (argv[1], PEP_STORE_OPEN_DEFAULT, &error)))
    die (argv[1], error);
  pep_xml_export_options_init (&options);
  options.all_states = TRUE;
  options.time = now;

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds (RUSAGE_SELF);
  if (!pep_xml_export (store, &options, xml, &n, &error))
    die ("export", error);
  t_export = seconds_since (start);
  c_export = cpu_seconds (RUSAGE_SELF) - cpu_start;
  g_clear_object (&store);
  g_stat (xml, &st);

  if (!(target = pep_store_open (empty, PEP_STORE_OPEN_CREATE, &error)))
    die (empty, error);
  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds (RUSAGE_SELF);
  if (!(report = pep_xml_import_file (target, xml, PEP_XML_IMPORT_DEFAULT, &error)))
    die ("import", error);
  t_import = seconds_since (start);
  c_import = cpu_seconds (RUSAGE_SELF) - cpu_start;
  /* What was timed happened: every PEP exported was imported as new. */
  if (n == 0 || report->counts[PEP_XML_OUTCOME_NEW] != n
      || pep_store_count (target, PEP_TABLE_PLAN, NULL) != (gint64) n)
    {
      g_printerr ("bench-xml: exported %u PEPs but imported %u\n", n, report->counts[PEP_XML_OUTCOME_NEW]);
      return 1;
    }

  start = g_get_monotonic_time ();
  cpu_start = cpu_seconds (RUSAGE_CHILDREN);
  if (!g_spawn_sync (NULL, (char *[]) { "xmllint", "--noout", "--nonet", "--schema", xsd, xml, NULL },
                     NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                     NULL, &lint_err, &lint_status, &error))
    die ("xmllint", error);
  t_lint = seconds_since (start);
  c_lint = cpu_seconds (RUSAGE_CHILDREN) - cpu_start;
  if (!g_spawn_check_wait_status (lint_status, &error))
    die (lint_err, error);

  printf ("%u PEPs, %.1f MB of XML                 wall       processor\n", n, st.st_size / 1e6);
  printf ("export (validated, all states)   %8.2f s     %8.2f s  %8.0f PEPs/s\n",
          t_export, c_export, n / t_export);
  printf ("import into an empty file        %8.2f s     %8.2f s  %8.0f PEPs/s  (%u new)\n",
          t_import, c_import, n / t_import, report->counts[PEP_XML_OUTCOME_NEW]);
  printf ("xmllint --noout --schema         %8.2f s     %8.2f s\n", t_lint, c_lint);
  printf ("export / xmllint                 %8.2f       %8.2f\n", t_export / t_lint, c_export / c_lint);
  printf ("import / xmllint                 %8.2f       %8.2f\n", t_import / t_lint, c_import / c_lint);

  g_clear_object (&target);
  g_unlink (xml);
  g_unlink (empty);
  {
    g_autofree char *wal = g_strconcat (empty, "-wal", NULL);
    g_autofree char *shm = g_strconcat (empty, "-shm", NULL);

    g_unlink (wal);
    g_unlink (shm);
  }
  g_rmdir (dir);
  return 0;
}
