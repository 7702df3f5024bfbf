/* pep-store-exchange.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What XML exchange needs from the store beyond pep-store.h: records by UUID, the digest
 * last exchanged for each PEP (table plan_sync), a PEP's history, and writing a PEP as
 * another copy of the file holds it (its revision, its time, its rows) in one step.
 */

#pragma once

#include "pep-store.h"

G_BEGIN_DECLS

gint64      pep_store_exchange_find_plan     (PepStore             *store,
                                              const char           *uuid,
                                              GError              **error);
gint64      pep_store_exchange_find_child    (PepStore             *store,
                                              const char           *uuid,
                                              GError              **error);
char       *pep_store_exchange_plan_uuid     (PepStore             *store,
                                              gint64                plan_id,
                                              GError              **error);
char       *pep_store_exchange_child_uuid    (PepStore             *store,
                                              gint64                child_id,
                                              GError              **error);
gint64      pep_store_exchange_plan_amends   (PepStore             *store,
                                              gint64                plan_id,
                                              GError              **error);
gboolean    pep_store_exchange_target_ref    (PepStore             *store,
                                              gint64                target_id,
                                              gint64               *plan_id,
                                              guint                *index,
                                              GError              **error);
gint64      pep_store_exchange_target_at     (PepStore             *store,
                                              gint64                plan_id,
                                              guint                 index,
                                              GError              **error);

gboolean    pep_store_exchange_get_sync      (PepStore             *store,
                                              gint64                plan_id,
                                              char                **digest,
                                              GError              **error);
gboolean    pep_store_exchange_set_sync      (PepStore             *store,
                                              gint64                plan_id,
                                              const char           *digest,
                                              GError              **error);

GPtrArray  *pep_store_exchange_history       (PepStore             *store,
                                              gint64                plan_id,
                                              GError              **error);
int         pep_store_exchange_knows_history (PepStore             *store,
                                              gint64                plan_id,
                                              const PepAuditEntry  *entry,
                                              GError              **error);
gboolean    pep_store_exchange_add_history   (PepStore             *store,
                                              gint64                plan_id,
                                              const char           *sender,
                                              const PepAuditEntry  *entry,
                                              GError              **error);
GPtrArray  *pep_store_exchange_sender_history (PepStore            *store,
                                               gint64               plan_id,
                                               GError             **error);
gboolean    pep_store_exchange_mark_import   (PepStore             *store,
                                              gint64                plan_id,
                                              const char           *digest,
                                              GError              **error);

gboolean    pep_store_exchange_insert_plan   (PepStore             *store,
                                              PepPlan              *plan,
                                              gint64                child_id,
                                              GError              **error);
gboolean    pep_store_exchange_replace_plan  (PepStore             *store,
                                              gint64                plan_id,
                                              PepPlan              *plan,
                                              gint64                child_id,
                                              GError              **error);
gboolean    pep_store_exchange_supersede     (PepStore             *store,
                                              gint64                plan_id,
                                              gint64                revision,
                                              const char           *updated_at,
                                              GError              **error);

gboolean    pep_store_exchange_add_event     (PepStore             *store,
                                              gint64                plan_id,
                                              guint                 position,
                                              PepRecord            *event,
                                              GError              **error);

G_END_DECLS
