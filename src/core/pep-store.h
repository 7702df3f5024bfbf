/* pep-store.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * PepStore owns one PEP Studio file: an SQLite database with a versioned schema, foreign
 * keys on, WAL, and an audit trail of every change. A file that is not ours, is damaged,
 * or was written by a newer version is refused before SQLite touches it.
 */

#pragma once

#include <gio/gio.h>

#include "pep-plan.h"

G_BEGIN_DECLS

#define PEP_STORE_ERROR (pep_store_error_quark ())

typedef enum
{
  PEP_STORE_ERROR_FAILED,
  PEP_STORE_ERROR_NOT_FOUND,      /* no such file, or no such record */
  PEP_STORE_ERROR_NOT_PEP_FILE,   /* not SQLite, or SQLite of another program */
  PEP_STORE_ERROR_CORRUPT,
  PEP_STORE_ERROR_TOO_NEW,        /* written by a newer PEP Studio */
  PEP_STORE_ERROR_EXISTS,         /* creating a file that is already there */
  PEP_STORE_ERROR_BUSY,           /* another program held the file too long */
  PEP_STORE_ERROR_CONFLICT,       /* changed by someone else since it was read */
  PEP_STORE_ERROR_DUPLICATE,      /* for example a second child with the same UPN */
  PEP_STORE_ERROR_INVALID,        /* a value the field cannot hold */
  PEP_STORE_ERROR_READ_ONLY,
  PEP_STORE_ERROR_DISK_FULL,
  PEP_STORE_ERROR_IO,
  PEP_STORE_ERROR_LOCKED,         /* a signed-off PEP, which never changes */
  PEP_STORE_ERROR_NETWORK_SHARE,  /* on a network file system, where SQLite's WAL is unsafe */
  PEP_STORE_ERROR_OWNER_SET,      /* the file's owner is set once and never changes */
} PepStoreError;

typedef enum
{
  PEP_STORE_OPEN_DEFAULT   = 0,
  PEP_STORE_OPEN_CREATE    = 1 << 0,  /* create the file when it does not exist */
  PEP_STORE_OPEN_EXCLUSIVE = 1 << 1,  /* with CREATE: refuse a file that exists */
} PepStoreOpenFlags;

/* The schema version this build writes, kept in PRAGMA user_version. */
#define PEP_STORE_SCHEMA_VERSION 10
/* "PEPS", in PRAGMA application_id: how we know a file is ours. */
#define PEP_STORE_APPLICATION_ID 0x50455053

typedef struct
{
  gint64      id;
  gint64      child_id;
  const char *forename;
  const char *surname;
  const char *preferred_name;  /* NULL when none is recorded */
  const char *upn;
  PepTermId   term;
  gboolean    unscheduled;
  PepKind     kind;
  PepStatus   status;
  gint64      school_urn;
} PepPlanListing;

typedef struct
{
  gboolean    has_term;
  PepTermId   term;
  gint64      school_urn;   /* 0 for any */
  gboolean    has_status;
  PepStatus   status;
} PepPlanQuery;

typedef gboolean (*PepPlanListFunc) (const PepPlanListing *listing,
                                     gpointer              user_data);

typedef struct
{
  char   *at;
  char   *who;
  char   *role;
  char   *action;
  char   *table;
  gint64  record_id;
  char   *field;
  char   *old_value;
  char   *new_value;
} PepAuditEntry;

void pep_audit_entry_free (PepAuditEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PepAuditEntry, pep_audit_entry_free)

/* Values passed to the pep_store_update_*() functions (and pep_record_set()) follow
 * GVariant's floating convention: a new floating value is taken over, a value you hold is
 * borrowed and referenced if kept — never pass an extra g_variant_ref(). */

#define PEP_TYPE_STORE (pep_store_get_type ())

G_DECLARE_FINAL_TYPE (PepStore, pep_store, PEP, STORE, GObject)

GQuark      pep_store_error_quark        (void);

PepStore   *pep_store_open               (const char          *path,
                                          PepStoreOpenFlags    flags,
                                          GError             **error);
const char *pep_store_get_path           (PepStore            *self);
gboolean    pep_store_is_private         (PepStore            *self);
gboolean    pep_store_make_private       (PepStore            *self,
                                          GError             **error);
void        pep_store_set_actor          (PepStore            *self,
                                          const char          *name,
                                          PepRole              role);
void        pep_store_set_cancellable    (PepStore            *self,
                                          GCancellable        *cancellable);
void        pep_store_set_fixed_time     (PepStore            *self,
                                          GDateTime           *now);
char       *pep_store_now                (PepStore            *self);

char       *pep_store_get_meta           (PepStore            *self,
                                          const char          *key);
gboolean    pep_store_set_meta           (PepStore            *self,
                                          const char          *key,
                                          const char          *value,
                                          GError             **error);

GPtrArray  *pep_store_check_locks        (PepStore            *self,
                                          GError             **error);
gboolean    pep_store_begin              (PepStore            *self,
                                          GError             **error);
gboolean    pep_store_commit             (PepStore            *self,
                                          GError             **error);
void        pep_store_rollback           (PepStore            *self);
gboolean    pep_store_begin_read         (PepStore            *self,
                                          GError             **error);
void        pep_store_end_read           (PepStore            *self);

gboolean    pep_store_insert_school      (PepStore            *self,
                                          PepRecord           *school,
                                          GError             **error);
PepRecord  *pep_store_load_school        (PepStore            *self,
                                          gint64               urn,
                                          GError             **error);
gboolean    pep_store_insert_child       (PepStore            *self,
                                          PepRecord           *child,
                                          GError             **error);
PepRecord  *pep_store_load_child         (PepStore            *self,
                                          gint64               id,
                                          GError             **error);
gboolean    pep_store_update_child       (PepStore            *self,
                                          PepRecord           *child,
                                          guint                field,
                                          GVariant            *value,
                                          GError             **error);

gboolean    pep_store_insert_plan        (PepStore            *self,
                                          PepPlan             *plan,
                                          GError             **error);
PepPlan    *pep_store_load_plan          (PepStore            *self,
                                          gint64               id,
                                          GError             **error);
gboolean    pep_store_load_plans         (PepStore            *self,
                                          const gint64        *ids,
                                          guint                n_ids,
                                          GPtrArray           *plans,
                                          GError             **error);
gboolean    pep_store_update_plan        (PepStore            *self,
                                          PepPlan             *plan,
                                          guint                field,
                                          GVariant            *value,
                                          GError             **error);
gboolean    pep_store_set_plan_status    (PepStore            *self,
                                          PepPlan             *plan,
                                          PepStatus            status,
                                          GError             **error);
gboolean    pep_store_add_plan_row       (PepStore            *self,
                                          PepPlan             *plan,
                                          PepRecord           *row,
                                          GError             **error);
gboolean    pep_store_update_plan_row    (PepStore            *self,
                                          PepPlan             *plan,
                                          PepRecord           *row,
                                          guint                field,
                                          GVariant            *value,
                                          GError             **error);
gboolean    pep_store_remove_plan_row    (PepStore            *self,
                                          PepPlan             *plan,
                                          PepRecord           *row,
                                          GError             **error);
gboolean    pep_store_move_plan_row      (PepStore            *self,
                                          PepPlan             *plan,
                                          PepRecord           *row,
                                          guint                position,
                                          GError             **error);

gboolean    pep_store_foreach_plan       (PepStore            *self,
                                          const PepPlanQuery  *query,
                                          PepPlanListFunc      func,
                                          gpointer             user_data,
                                          GError             **error);
GPtrArray  *pep_store_list_children      (PepStore            *self,
                                          const PepTermId     *term,
                                          GError             **error);
gint64      pep_store_count              (PepStore            *self,
                                          PepTable             table,
                                          GError             **error);
GPtrArray  *pep_store_list_audit         (PepStore            *self,
                                          PepTable             table,
                                          gint64               record_id,
                                          GError             **error);

G_END_DECLS
