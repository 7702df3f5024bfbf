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

  pep_application_choose_renderer ();

  app = pep_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
