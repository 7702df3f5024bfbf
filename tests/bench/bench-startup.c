/* bench-startup.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test: how long PEP Studio takes from being started to its first frame,
 * and to showing the whole child list, beside a minimal GTK 4 window's start-up to its
 * first frame, measured in the same run (each a fresh process, the median of several):
 *
 *   xvfb-run -a bench-startup FILE      (FILE made by pepctl demo FILE --children 80000)
 *
 * PEPSTUDIO_BENCH_APP=PATH times another build of the app (say, one from before a change)
 * against the same baseline.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define MAX_RUNS 31

/* Fresh processes timed for each figure (PEPSTUDIO_BENCH_RUNS, odd, at most MAX_RUNS). */
static guint runs = 5;

static void
quit (GtkWindow *window)
{
  g_application_quit (G_APPLICATION (gtk_window_get_application (window)));
}

static void
on_map (GtkWidget *window)
{
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (quit), window, G_CONNECT_SWAPPED);
}

static void
on_activate (GtkApplication *app)
{
  GtkWidget *window = gtk_application_window_new (app);

  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_set_child (GTK_WINDOW (window), gtk_label_new ("Hello"));
  g_signal_connect (window, "map", G_CALLBACK (on_map), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

/* The baseline: the smallest GTK 4 application, quitting once it has painted. */
static int
run_minimal (void)
{
  g_autoptr(GtkApplication) app = gtk_application_new ("io.github.pepstudio.BenchMinimal",
                                                       G_APPLICATION_NON_UNIQUE);

  g_signal_connect (app, "activate", G_CALLBACK (on_activate), NULL);
  return g_application_run (G_APPLICATION (app), 0, NULL);
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

/* Milliseconds from spawning @argv to its exit, the median of runs, and the median of the
 * CPU time it used (all its threads: less at the mercy of a loaded machine). With @bench
 * "listed", the app must have listed at least @min_listed children, or the figure means
 * nothing. */
static double
time_process (const char * const *argv,
              const char         *bench,
              guint               min_listed,
              double             *cpu)
{
  double times[MAX_RUNS];
  double cpus[MAX_RUNS];

  for (guint i = 0; i < runs; i++)
    {
      g_autoptr(GError) error = NULL;
      g_auto(GStrv) env = g_get_environ ();
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      const char *listed;
      gint64 start;
      double cpu_start;
      int status;

      env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
      if (bench != NULL)
        env = g_environ_setenv (env, "PEPSTUDIO_BENCH", bench, TRUE);
      cpu_start = children_cpu_ms ();
      start = g_get_monotonic_time ();
      g_spawn_sync (NULL, (char **) argv, env, G_SPAWN_DEFAULT,
                    NULL, NULL, &out, &err, &status, &error);
      g_assert_no_error (error);
      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      cpus[i] = children_cpu_ms () - cpu_start;
      if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
        g_error ("%s exited with status %d:\n%s", argv[0], status, err);
      listed = out != NULL ? strstr (out, "listed ") : NULL;
      if (g_strcmp0 (bench, "listed") == 0
          && (listed == NULL || g_ascii_strtoull (listed + strlen ("listed "), NULL, 10) < min_listed))
        g_error ("%s listed %s children, not at least %u", argv[0], listed ? listed + 7 : "no", min_listed);
    }
  qsort (times, runs, sizeof (double), compare_double);
  qsort (cpus, runs, sizeof (double), compare_double);
  if (cpu != NULL)
    *cpu = cpus[runs / 2];
  return times[runs / 2];
}

int
main (int   argc,
      char *argv[])
{
  const char *self_argv[] = { argv[0], "--minimal", NULL };
  double minimal, first, listed, empty_first;
  double minimal_cpu, first_cpu, listed_cpu, empty_first_cpu;
  g_autofree char *dir = NULL;
  g_autofree char *empty = NULL;

  /* A benchmark that does not do what it says must fail. */
  g_log_set_always_fatal (G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_WARNING);
  /* And so must the app it starts. */
  g_setenv ("G_DEBUG", "fatal-criticals", TRUE);
  if (argc == 2 && g_str_equal (argv[1], "--minimal"))
    return run_minimal ();
  if (argc != 2)
    {
      fprintf (stderr, "usage: bench-startup FILE   (under X, e.g. xvfb-run -a)\n");
      return 1;
    }

  if (g_getenv ("PEPSTUDIO_BENCH_RUNS") != NULL)
    runs = CLAMP (g_ascii_strtoull (g_getenv ("PEPSTUDIO_BENCH_RUNS"), NULL, 10), 1, MAX_RUNS) | 1;
  dir = g_dir_make_tmp ("pepstudio-bench-XXXXXX", NULL);
  empty = g_build_filename (dir, "empty.db", NULL);
  {
    const char *bin = g_getenv ("PEPSTUDIO_BENCH_APP") ? g_getenv ("PEPSTUDIO_BENCH_APP") : PEPSTUDIO_BIN;
    const char *app_empty[] = { bin, empty, NULL };
    const char *app_file[] = { bin, argv[1], NULL };

    /* The app creates the empty file the first time; time it from then on. */
    time_process (app_empty, "first-frame", 0, NULL);
    minimal = time_process (self_argv, NULL, 0, &minimal_cpu);
    empty_first = time_process (app_empty, "first-frame", 0, &empty_first_cpu);
    first = time_process (app_file, "first-frame", 0, &first_cpu);
    listed = time_process (app_file, "listed", 1, &listed_cpu);
  }

  printf ("start-up, median of %u fresh processes each\n\n", runs);
  printf ("| what | time | ratio to a minimal GTK 4 window | CPU time | CPU ratio |\n|---|---|---|---|---|\n");
  printf ("| minimal GTK 4 window, first frame | %.0f ms | 1.00× | %.0f ms | 1.00× |\n", minimal, minimal_cpu);
  printf ("| PEP Studio, empty file, first frame | %.0f ms | %.2f× | %.0f ms | %.2f× |\n",
          empty_first, empty_first / minimal, empty_first_cpu, empty_first_cpu / minimal_cpu);
  printf ("| PEP Studio, this file, first frame | %.0f ms | %.2f× | %.0f ms | %.2f× |\n",
          first, first / minimal, first_cpu, first_cpu / minimal_cpu);
  printf ("| PEP Studio, this file, whole child list shown | %.0f ms | %.2f× | %.0f ms | %.2f× |\n",
          listed, listed / minimal, listed_cpu, listed_cpu / minimal_cpu);

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
