/* pep-store-authority.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Authorities' profiles in the file: the file's own, edited by its Virtual School, and the
 * profiles of the other authorities whose children it holds, as they were imported.
 */

#pragma once

#include "pep-authority.h"
#include "pep-store.h"

G_BEGIN_DECLS

GPtrArray *pep_store_list_authorities   (PepStore      *store,
                                         GError       **error);
gboolean   pep_store_put_authority      (PepStore      *store,
                                         PepAuthority  *profile,
                                         gboolean       as_own,
                                         GError       **error);

G_END_DECLS
