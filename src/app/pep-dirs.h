/* pep-dirs.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where PEP Studio's translations and help are: installed, or in the build and source
 * folders when it runs from its build folder (`make run`, the tests).
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean    pep_dirs_running_uninstalled (void);
const char *pep_dirs_get_locale_dir      (void);
const char *pep_dirs_get_help_dir        (void);
void        pep_dirs_init_locale         (void);

G_END_DECLS
