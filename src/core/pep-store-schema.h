/* pep-store-schema.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Returns: the SQL that takes a file from schema version @version - 1 to @version. */
const char *pep_store_schema_migration (guint version);

G_END_DECLS
