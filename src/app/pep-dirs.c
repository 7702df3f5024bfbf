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

#include <glib/gi18n.h>
#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>

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

/* The language a locale variable names ("cy" of "cy_GB.UTF-8"), or NULL for none or C. */
static char *
language_of (const char *locale)
{
  if (locale == NULL || *locale == '\0' || g_str_equal (locale, "C") || g_str_equal (locale, "POSIX")
      || g_str_has_prefix (locale, "C."))
    return NULL;
  return g_strndup (locale, strcspn (locale, "_.@"));
}

/**
 * pep_dirs_init_locale:
 *
 * Sets the locale from the environment and binds PEP Studio's translations (from the build
 * folder when uninstalled). glibc ignores LANGUAGE in the C locale, and a locale the
 * machine has not generated (LANG=cy_GB.UTF-8 with no cy_GB) falls back to C: then this
 * takes C.UTF-8 for the characters and keeps the language asked for, so that
 * `LANGUAGE=cy` or `LANG=cy_GB.UTF-8` shows Welsh either way. Call before gtk_init() (with
 * gtk_disable_setlocale()).
 */
void
pep_dirs_init_locale (void)
{
  const char *set = setlocale (LC_ALL, "");

  if (set == NULL || g_str_equal (set, "C") || g_str_equal (set, "POSIX"))
    {
      const char *language = g_getenv ("LANGUAGE");
      g_autofree char *wanted = NULL;

      if (language == NULL || *language == '\0')
        {
          const char *messages = g_getenv ("LC_ALL");

          if (messages == NULL || *messages == '\0')
            messages = g_getenv ("LC_MESSAGES");
          if (messages == NULL || *messages == '\0')
            messages = g_getenv ("LANG");
          wanted = language_of (messages);
          if (wanted != NULL)
            g_setenv ("LANGUAGE", wanted, TRUE);
        }
      setlocale (LC_ALL, "C.UTF-8");
    }
  bindtextdomain (GETTEXT_PACKAGE, pep_dirs_get_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
}
