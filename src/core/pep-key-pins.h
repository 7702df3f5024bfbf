/* pep-key-pins.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The keys this copy has pinned (table pinned_key): the authority's key, which a school's
 * copy pins the first time it takes the authority's list, and a school's designated
 * teachers' keys, which the Virtual School's copy pins the first time it imports from that
 * school. Each is pinned only once a person has confirmed its fingerprint; a key that
 * replaces one keeps the old row, marked with when it was replaced.
 *
 * A subject is whose key it is, as an export's sender names a copy: "authority CODE" or
 * "school URN".
 */

#pragma once

#include "pep-store.h"

G_BEGIN_DECLS

typedef struct
{
  char *subject;
  char *public_key;
  char *name;         /* nullable */
  char *role;         /* nullable: "authority", "designated-teacher" */
  char *pinned_at;
  char *replaced_at;  /* NULL while it is the pinned key */
} PepKeyPin;

void       pep_key_pin_free            (PepKeyPin    *pin);

GPtrArray *pep_store_list_pins         (PepStore     *store,
                                        const char   *subject,
                                        gboolean      with_replaced,
                                        GError      **error);
PepKeyPin *pep_store_find_pin          (PepStore     *store,
                                        const char   *subject,
                                        const char   *role,
                                        const char   *name,
                                        GError      **error);
gboolean   pep_store_is_pinned         (PepStore     *store,
                                        const char   *subject,
                                        const char   *public_key,
                                        GError      **error);
gboolean   pep_store_pin_key           (PepStore     *store,
                                        const char   *subject,
                                        const char   *public_key,
                                        const char   *name,
                                        const char   *role,
                                        GError      **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepKeyPin, pep_key_pin_free)

G_END_DECLS
