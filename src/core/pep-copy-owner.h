/* pep-copy-owner.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Whose copy a PEP Studio file is (DOMAIN.md §9): a school's, known by its URN, or a Virtual
 * School's, known by its authority's LA code and name. Kept in the file (table copy_owner),
 * set once and never changed; a file made for use on its own has none until it is given one,
 * which it must have before its first export. Every export names it as its sender.
 *
 * A pseudonymised copy (docs/privacy.md) is a file made to hold one pseudonymised export for
 * its figures: it has no owner and is never given one, so it never exports; it takes
 * pseudonymised documents only, and an owned file never takes one.
 */

#pragma once

#include "pep-store.h"

G_BEGIN_DECLS

typedef enum
{
  PEP_COPY_UNOWNED,    /* a file for use on its own: no owner yet */
  PEP_COPY_SCHOOL,     /* a school's copy: its children */
  PEP_COPY_AUTHORITY,  /* a Virtual School's copy: every child the authority looks after */
} PepCopyKind;

typedef struct
{
  PepCopyKind  kind;
  gint64       urn;      /* a school's URN */
  guint        la_code;  /* an authority's LA code */
  char        *name;     /* the authority's name (a school's is in its school record) */
} PepCopyOwner;

PepCopyOwner *pep_copy_owner_new_school     (gint64               urn);
PepCopyOwner *pep_copy_owner_new_authority  (guint                la_code,
                                             const char          *name);
PepCopyOwner *pep_copy_owner_copy           (const PepCopyOwner  *owner);
void          pep_copy_owner_free           (PepCopyOwner        *owner);
gboolean      pep_copy_owner_check          (const PepCopyOwner  *owner,
                                             GError             **error);
char         *pep_copy_owner_to_sender      (const PepCopyOwner  *owner);
char         *pep_copy_owner_describe       (const PepCopyOwner  *owner);

PepCopyOwner *pep_store_get_owner           (PepStore            *store,
                                             GError             **error);
gboolean      pep_store_set_owner           (PepStore            *store,
                                             const PepCopyOwner  *owner,
                                             GError             **error);
gboolean      pep_store_is_pseudonymised    (PepStore            *store);
gboolean      pep_store_make_pseudonymised  (PepStore            *store,
                                             GError             **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepCopyOwner, pep_copy_owner_free)

G_END_DECLS
