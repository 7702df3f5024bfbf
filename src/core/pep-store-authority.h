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

/* What became of a profile an exchange carried. */
typedef enum
{
  PEP_AUTHORITY_TAKEN_NEW,     /* the file had none for its authority: kept */
  PEP_AUTHORITY_TAKEN_NEWER,   /* saved later than the file's: replaced it */
  PEP_AUTHORITY_TAKEN_SAME,    /* the file's is the same: nothing to do */
  PEP_AUTHORITY_TAKEN_OLDER,   /* the file's is newer: the file's kept */
} PepAuthorityTaken;

const char *pep_authority_taken_to_nick (PepAuthorityTaken taken);

GPtrArray *pep_store_list_authorities   (PepStore      *store,
                                         GError       **error);
gboolean   pep_store_put_authority      (PepStore      *store,
                                         PepAuthority  *profile,
                                         gboolean       as_own,
                                         GError       **error);
gboolean   pep_store_take_authority     (PepStore           *store,
                                         PepAuthority       *profile,
                                         PepAuthorityTaken  *outcome,
                                         GError            **error);

G_END_DECLS
