/* pep-private-file.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-private-file"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pep-private-file.h"

/**
 * pep_file_is_private:
 * @path: a file, in the GLib filename encoding
 *
 * Returns: %TRUE when @path exists and neither its group nor others may read, write or run
 *   it; %FALSE when they may, or when it cannot be looked at
 */
gboolean
pep_file_is_private (const char *path)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  return g_stat (path, &st) == 0 && (st.st_mode & 077) == 0;
}

static void
set_errno_error (GError     **error,
                 int          saved,
                 const char  *path)
{
  g_autofree char *display = g_filename_display_name (path);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
               _("Could not write “%s”: %s"), display, g_strerror (saved));
}

/**
 * pep_file_create_private:
 * @extra_flags: more open(2) flags, such as O_EXCL or O_TRUNC
 *
 * Opens @path for writing, creating it with mode 0600. A file that is already there is
 * narrowed to 0600 before anything is written to it.
 *
 * Returns: the file descriptor (close it), or -1 with @error set
 */
int
pep_file_create_private (const char  *path,
                         int          extra_flags,
                         GError     **error)
{
  int fd;
  struct stat st;

  g_return_val_if_fail (path != NULL, -1);

  fd = g_open (path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW | extra_flags, 0600);
  if (fd < 0 || fstat (fd, &st) != 0 || ((st.st_mode & 077) != 0 && fchmod (fd, 0600) != 0))
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      set_errno_error (error, saved, path);
      return -1;
    }
  return fd;
}

/**
 * pep_file_make_private:
 *
 * Narrows @path (which must exist) to its owner: what the app's "Make Private" does to a
 * file someone else made readable by others.
 */
gboolean
pep_file_make_private (const char  *path,
                       GError     **error)
{
  GStatBuf st;

  g_return_val_if_fail (path != NULL, FALSE);

  if (g_stat (path, &st) != 0 || g_chmod (path, st.st_mode & 0700) != 0)
    {
      set_errno_error (error, errno, path);
      return FALSE;
    }
  return TRUE;
}
