/* pep-dirs.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A program runs uninstalled when its own executable lies inside the build folder it was
 * built in. Then the translations come from the build folder (meson writes
 * po/LANG/LC_MESSAGES/pepstudio.mo there) and the help from the source folder; an installed
 * copy, wherever it was installed to, uses LOCALEDIR and PKGDATADIR.
 */

#define G_LOG_DOMAIN "pep-dirs"

#include "config.h"

#include <limits.h>
#include <stdlib.h>

#include "pep-dirs.h"

gboolean
pep_dirs_running_uninstalled (void)
{
  static gsize initialized = 0;
  static gboolean uninstalled = FALSE;

  if (g_once_init_enter (&initialized))
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      char build_root[PATH_MAX];

      if (exe != NULL && realpath (BUILD_ROOT, build_root) != NULL)
        {
          g_autofree char *prefix = g_strconcat (build_root, G_DIR_SEPARATOR_S, NULL);

          uninstalled = g_str_has_prefix (exe, prefix);
        }
      g_once_init_leave (&initialized, 1);
    }

  return uninstalled;
}

const char *
pep_dirs_get_locale_dir (void)
{
  return pep_dirs_running_uninstalled () ? BUILD_LOCALEDIR : LOCALEDIR;
}

/* Holds C/PAGE.html and, for translated help, LANG/PAGE.html. */
const char *
pep_dirs_get_help_dir (void)
{
  return pep_dirs_running_uninstalled () ? SOURCE_HELPDIR : HELPDIR;
}
