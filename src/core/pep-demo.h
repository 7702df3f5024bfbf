/* pep-demo.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A realistic synthetic Virtual School, for demonstrations, tests and benchmarks. Every
 * name in it is invented. The same options (seed and last term included) give the same file.
 */

#pragma once

#include "pep-store.h"

G_BEGIN_DECLS

typedef struct
{
  guint     n_children;
  guint     n_terms;     /* how many termly PEPs each child has, ending at last_term */
  guint32   seed;
  PepTermId last_term;
} PepDemoOptions;

typedef void (*PepDemoProgress) (guint    done,
                                 guint    total,
                                 gpointer user_data);

void     pep_demo_options_init (PepDemoOptions        *options);
gboolean pep_demo_generate     (PepStore              *store,
                                const PepDemoOptions  *options,
                                PepDemoProgress        progress,
                                gpointer               user_data,
                                GError               **error);

G_END_DECLS
