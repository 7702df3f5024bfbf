/* main.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pepstudio"

#include "config.h"

#include <glib/gi18n.h>
#include <gtk/gtk.h>

#include "pep-application.h"
#include "pep-dirs.h"

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PepApplication) app = NULL;

  /* Installed: LOCALEDIR; run from the build folder: the translations built there. The
   * locale is ours to set, so that LANGUAGE=cy works without a generated Welsh locale. */
  gtk_disable_setlocale ();
  pep_dirs_init_locale ();

  g_set_application_name (_("PEP Studio"));

  /* PEP Studio is forms and lists, drawn well by cairo: without a renderer asked for, GDK
   * is told to leave OpenGL out, whose set-up was half of start-up and 70 MB on a machine
   * without a GPU driver (README, "Speed"). GSK_RENDERER or GDK_DEBUG set by you wins. */
  if (g_getenv ("GSK_RENDERER") == NULL && g_getenv ("GDK_DEBUG") == NULL)
    g_setenv ("GDK_DEBUG", "gl-disable", FALSE);

  app = pep_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
