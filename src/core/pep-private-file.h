/* pep-private-file.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every file PEP Studio writes holds children's records: it is made readable by its owner
 * only (0600) when it is created, whatever the umask, never narrowed after it was written.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

gboolean  pep_file_is_private      (const char  *path);
int       pep_file_create_private  (const char  *path,
                                    int          extra_flags,
                                    GError     **error);
gboolean  pep_file_make_private    (const char  *path,
                                    GError     **error);

G_END_DECLS
