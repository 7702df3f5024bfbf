/* bench-startup.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A benchmark, not a test: how long PEP Studio takes from being started to its first frame,
 * and to showing the whole child list, with its CPU time and peak memory, beside a minimal
 * GTK 4 window's start-up to its first frame (with OpenGL, as GTK starts by default, and
 * without, as PEP Studio starts), measured in the same run (each a fresh process, the
 * median of several, the figures taking turns):
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
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

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

/* One figure: a command, the environment it adds, and what each run measured. */
typedef struct
{
  const char *what;
  const char *const *argv;
  const char *bench;     /* PEPSTUDIO_BENCH, or NULL for the minimal window */
  const char *gdk_debug; /* GDK_DEBUG, or NULL to leave it unset */
  const char *renderer;  /* GSK_RENDERER, or NULL to leave it unset */
  guint min_listed;
  double times[MAX_RUNS];
  double cpus[MAX_RUNS];
  double peaks[MAX_RUNS];
} Figure;

static double
median (double *values)
{
  double sorted[MAX_RUNS];

  memcpy (sorted, values, runs * sizeof (double));
  qsort (sorted, runs, sizeof (double), compare_double);
  return sorted[runs / 2];
}

static double
timeval_ms (struct timeval tv)
{
  return tv.tv_sec * 1000.0 + tv.tv_usec / 1000.0;
}

/* Runs @figure's command once: milliseconds from spawning to its exit, the CPU time it used
 * (all its threads: less at the mercy of a loaded machine) and its peak resident memory.
 * With bench "listed", the app must have listed at least min_listed children, or the
 * figure means nothing. */
static void
run_once (Figure *figure,
          guint   i)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GIOChannel) out_channel = NULL;
  g_autoptr(GIOChannel) err_channel = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *err_path = NULL;
  struct rusage usage;
  const char *listed;
  gint64 start;
  GPid pid;
  int out_fd, err_fd;
  int status;

  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_unsetenv (env, "GDK_DEBUG");
  env = g_environ_unsetenv (env, "GSK_RENDERER");
  if (figure->bench != NULL)
    env = g_environ_setenv (env, "PEPSTUDIO_BENCH", figure->bench, TRUE);
  if (figure->gdk_debug != NULL)
    env = g_environ_setenv (env, "GDK_DEBUG", figure->gdk_debug, TRUE);
  if (figure->renderer != NULL)
    env = g_environ_setenv (env, "GSK_RENDERER", figure->renderer, TRUE);
  /* Its errors go to a file only this descriptor reaches, its output to a pipe read to the
   * end before the wait: a child that writes much to either never blocks. */
  err_fd = g_file_open_tmp ("pepstudio-bench-XXXXXX", &err_path, &error);
  g_assert_no_error (error);
  g_unlink (err_path);
  start = g_get_monotonic_time ();
  g_spawn_async_with_pipes_and_fds (NULL, (const char * const *) figure->argv,
                                    (const char * const *) env, G_SPAWN_DO_NOT_REAP_CHILD,
                                    NULL, NULL, -1, -1, err_fd, NULL, NULL, 0,
                                    &pid, NULL, &out_fd, NULL, &error);
  g_assert_no_error (error);
  out_channel = g_io_channel_unix_new (out_fd);
  g_io_channel_set_close_on_unref (out_channel, TRUE);
  g_io_channel_read_to_end (out_channel, &out, NULL, NULL);
  if (wait4 (pid, &status, 0, &usage) != pid)
    g_error ("could not wait for %s", figure->argv[0]);
  figure->times[i] = (g_get_monotonic_time () - start) / 1000.0;
  figure->cpus[i] = timeval_ms (usage.ru_utime) + timeval_ms (usage.ru_stime);
  figure->peaks[i] = usage.ru_maxrss / 1024.0;
  lseek (err_fd, 0, SEEK_SET);
  err_channel = g_io_channel_unix_new (err_fd);
  g_io_channel_set_close_on_unref (err_channel, TRUE);
  g_io_channel_read_to_end (err_channel, &err, NULL, NULL);
  if (!WIFEXITED (status) || WEXITSTATUS (status) != 0)
    g_error ("%s exited with status %d:\n%s", figure->argv[0], status, err);
  listed = out != NULL ? strstr (out, "listed ") : NULL;
  if (g_strcmp0 (figure->bench, "listed") == 0
      && (listed == NULL
          || g_ascii_strtoull (listed + strlen ("listed "), NULL, 10) < figure->min_listed))
    g_error ("%s listed %s children, not at least %u", figure->argv[0],
             listed ? listed + 7 : "no", figure->min_listed);
}

static void
print_row (Figure *figure,
           Figure *baseline)
{
  double time = median (figure->times), cpu = median (figure->cpus);

  printf ("| %s | %.0f ms | %.2f× | %.0f ms | %.2f× | %.0f MB |\n", figure->what,
          time, time / median (baseline->times), cpu, cpu / median (baseline->cpus),
          median (figure->peaks));
}

int
main (int   argc,
      char *argv[])
{
  const char *self_argv[] = { argv[0], "--minimal", NULL };
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
    /* The app as it runs for a user (no renderer chosen), beside a minimal window as GTK
     * starts it by default (with OpenGL) and one with OpenGL left out, as the app does;
     * and the app with GTK's default renderer asked for, for its memory with OpenGL. */
    Figure figures[] = {
      { "minimal GTK 4 window, first frame", self_argv, NULL, NULL, NULL, 0 },
      { "minimal GTK 4 window without OpenGL, first frame", self_argv, NULL, "gl-disable", NULL, 0 },
      { "PEP Studio, empty file, first frame", app_empty, "first-frame", NULL, NULL, 0 },
      { "PEP Studio, this file, first frame", app_file, "first-frame", NULL, NULL, 0 },
      { "PEP Studio, this file, whole child list shown", app_file, "listed", NULL, NULL, 1 },
      { "PEP Studio with OpenGL (GSK_RENDERER=gl), whole child list shown", app_file, "listed", NULL, "gl", 1 },
    };
    Figure *minimal = &figures[0], *minimal_no_gl = &figures[1];

    /* The app creates the empty file the first time; time it from then on. Then the figures
     * take turns, run by run, so that a change in the machine's load falls on all alike. */
    run_once (&figures[2], 0);
    for (guint i = 0; i < runs; i++)
      for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
        run_once (&figures[f], i);

    printf ("start-up, median of %u fresh processes each, taking turns\n\n", runs);
    printf ("| what | time | ratio to a minimal GTK 4 window | CPU time | CPU ratio | peak memory |\n"
            "|---|---|---|---|---|---|\n");
    for (guint f = 0; f < G_N_ELEMENTS (figures); f++)
      print_row (&figures[f], minimal);
    printf ("\nthe same against the minimal window without OpenGL\n\n");
    printf ("| what | time | ratio | CPU time | CPU ratio | peak memory |\n|---|---|---|---|---|---|\n");
    for (guint f = 2; f < G_N_ELEMENTS (figures); f++)
      print_row (&figures[f], minimal_no_gl);
  }

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
