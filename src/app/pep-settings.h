/* pep-settings.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The app's GSettings, found whether PEP Studio is installed or run from its build folder.
 */

#pragma once

#include <gio/gio.h>

#include "pep-store.h"

G_BEGIN_DECLS

GSettings *pep_settings_new              (void);
char      *pep_settings_get_default_path (void);
void       pep_settings_get_actor        (GSettings *settings,
                                          char     **name,
                                          PepRole   *role);

G_END_DECLS
