/* pep-store-private.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the core's own modules that extend PepStore with queries of their own (statistics, the
 * QA queue, XML exchange): the connection, cached statements, transactions and the audit
 * trail. Not for the app or the CLI, which use pep-store.h. All SQL text stays constant and
 * every value is bound.
 */

#pragma once

#include <sqlite3.h>

#include "pep-store.h"

G_BEGIN_DECLS

/* One atomic change: its own transaction, or a savepoint inside the caller's. */
typedef struct
{
  PepStore *store;
  gboolean  outer;
} PepStoreChange;

sqlite3      *_pep_store_get_db            (PepStore        *self);
const char   *_pep_store_get_actor         (PepStore        *self,
                                            PepRole         *role);
gboolean      _pep_store_set_sqlite_error  (PepStore        *self,
                                            int              rc,
                                            GError         **error);
sqlite3_stmt *_pep_store_prepare           (PepStore        *self,
                                            const char      *sql,
                                            GError         **error);
gboolean      _pep_store_step_done         (PepStore        *self,
                                            sqlite3_stmt    *stmt,
                                            GError         **error);
gboolean      _pep_store_exec              (PepStore        *self,
                                            const char      *sql,
                                            GError         **error);
guint         _pep_store_id_run            (const gint64    *ids,
                                            guint            n_ids);
char         *_pep_store_field_columns     (PepTable         table,
                                            const char      *prefix);
void          _pep_store_bind_value        (sqlite3_stmt    *stmt,
                                            int              index,
                                            GVariant        *value);
void          _pep_store_bind_fields       (sqlite3_stmt    *stmt,
                                            int              first,
                                            PepRecord       *record);
GVariant     *_pep_store_column_value      (sqlite3_stmt    *stmt,
                                            int              col,
                                            PepValueType     type);
gboolean      _pep_store_read_fields       (sqlite3_stmt    *stmt,
                                            int              first,
                                            PepRecord       *record,
                                            GError         **error);
gboolean      _pep_store_change_begin      (PepStore        *self,
                                            PepStoreChange  *change,
                                            GError         **error);
gboolean      _pep_store_change_end        (PepStoreChange  *change,
                                            gboolean         ok,
                                            GError         **error);
gboolean      _pep_store_audit             (PepStore        *self,
                                            const char      *action,
                                            PepTable         table,
                                            gint64           record_id,
                                            const char      *field,
                                            GVariant        *old_value,
                                            GVariant        *new_value,
                                            GError         **error);
gboolean      _pep_store_audit_table       (PepStore        *self,
                                            const char      *action,
                                            const char      *table_name,
                                            gint64           record_id,
                                            const char      *field,
                                            GVariant        *old_value,
                                            GVariant        *new_value,
                                            GError         **error);
/* Sets one field of one row and audits it; an unchanged value writes nothing. */
gboolean      _pep_store_update_field      (PepStore        *self,
                                            PepTable         table,
                                            gint64           id,
                                            guint            field,
                                            GVariant        *value,
                                            GError         **error);
/* pep-child-history.c: a new child's first episode and school from their fields, and the
 * latest episode or school following a change to one of those fields. */
gboolean      _pep_child_history_seed      (PepStore        *self,
                                            PepRecord       *child,
                                            GError         **error);
gboolean      _pep_child_history_follow    (PepStore        *self,
                                            gint64           child_id,
                                            guint            field,
                                            GVariant        *value,
                                            GError         **error);
/* Writes a row of a PEP; the caller audits the change it is part of. */
gboolean      _pep_store_insert_row        (PepStore        *self,
                                            gint64           plan_id,
                                            guint            position,
                                            PepRecord       *row,
                                            GError         **error);
gboolean      _pep_store_insert_rows       (PepStore        *self,
                                            gint64           plan_id,
                                            GPtrArray       *rows,
                                            GError         **error);
gboolean      _pep_store_bump_revision     (PepStore        *self,
                                            PepPlan         *plan,
                                            GError         **error);
void          _pep_store_plan_saved        (PepStore        *self,
                                            PepPlan         *plan);
gboolean      _pep_store_has_uuid          (PepTable         table);
void          _pep_store_ensure_uuid       (PepRecord       *record);

const char *_pep_store_network_file_system (const char *fs_type);

G_END_DECLS
