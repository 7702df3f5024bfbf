/* pep-store.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * All SQL text is made of constants: the statements here, and the column lists of the
 * field registry (compile-time names). Every value is bound with sqlite3_bind_*.
 */

#define G_LOG_DOMAIN "pep-store"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <gio/gunixmounts.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pep-child-summary.h"
#include "pep-copy-owner.h"
#include "pep-store.h"
#include "pep-signoff.h"
#include "pep-store-private.h"
#include "pep-private-file.h"
#include "pep-record-private.h"
#include "pep-store-schema.h"
#include "pep-upn.h"

struct _PepStore
{
  GObject     parent_instance;

  sqlite3    *db;
  GHashTable *statements;   /* SQL text → sqlite3_stmt, prepared once */
  GHashTable *by_address;   /* where a caller's SQL text was → its statement, not owned */
  GDateTime  *fixed_now;    /* for reproducible demo files and tests; NULL for the clock */
  char       *path;
  char       *actor;
  dev_t       dev;          /* which file @path named when it was opened */
  ino_t       ino;
  gboolean    counted_open; /* in open_files */
  PepRole     role;
  GCancellable *cancellable; /* a long read stops when it is cancelled */
};

G_DEFINE_FINAL_TYPE (PepStore, pep_store, G_TYPE_OBJECT)
G_DEFINE_QUARK (pep-store-error-quark, pep_store_error)

static const char SQLITE_MAGIC[16] = "SQLite format 3";   /* with its NUL: 16 bytes */

static void count_open (dev_t dev,
                        ino_t ino,
                        int   delta);

static void
pep_store_finalize (GObject *object)
{
  PepStore *self = (PepStore *)object;

  g_clear_pointer (&self->by_address, g_hash_table_unref);
  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      /* Copy what the WAL holds into the file itself, without waiting for other programs
       * (a passive checkpoint): the file stays whole even if it was moved while open, when
       * SQLite's own checkpoint at close would look for the WAL under the new name. */
      sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  if (self->counted_open)
    count_open (self->dev, self->ino, -1);
  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (pep_store_parent_class)->finalize (object);
}

/* SQLite counts every allocation under one process-wide mutex by default, for
 * sqlite3_memory_used() and a soft heap limit, neither of which PEP Studio uses: an import's
 * hundreds of thousands of inserts paid a lock and an unlock on each malloc and free. It
 * must be said before SQLite starts, so every sqlite3_open_v2() here comes after it. */
static gpointer
configure_sqlite (gpointer data)
{
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
  return NULL;
}

static void
ensure_sqlite_configured (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, configure_sqlite, NULL);
}

static void
pep_store_class_init (PepStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pep_store_finalize;
  ensure_sqlite_configured ();
}

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static void
pep_store_init (PepStore *self)
{
  self->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  self->by_address = g_hash_table_new (NULL, NULL);
  self->actor = g_strdup (g_get_user_name ());
  self->role = PEP_ROLE_ADMINISTRATOR;
}

void
pep_audit_entry_free (PepAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->at);
  g_free (entry->who);
  g_free (entry->role);
  g_free (entry->action);
  g_free (entry->table);
  g_free (entry->field);
  g_free (entry->old_value);
  g_free (entry->new_value);
  g_free (entry);
}

/* Errors -------------------------------------------------------------------------------- */

gboolean
_pep_store_set_sqlite_error (PepStore    *self,
                  int          rc,
                  GError     **error)
{
  int primary = rc & 0xff;
  const char *detail = self->db ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc);

  switch (primary)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_BUSY,
                   _("Another program is writing to this file and did not finish in time. "
                     "Nothing was changed; try again in a moment."));
      break;
    case SQLITE_FULL:
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DISK_FULL,
                   _("The disk is full, so the change was not saved. Free some space and "
                     "try again; everything saved before is safe."));
      break;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      if (rc == SQLITE_READONLY_DBMOVED)
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_IO,
                     _("The file was moved, deleted or replaced while it was open, so this "
                       "change was not saved. Open the file again from where it is now."));
      else
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_READ_ONLY,
                     _("This file cannot be written to (it or its folder is read-only). "
                       "Copy it somewhere you can write to, or ask for write access."));
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                   _("This file is damaged (%s). Open your most recent backup, and keep "
                     "the damaged file for recovery."), detail);
      break;
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_IO,
                   _("The file could not be read or written (%s). Check that the disk or "
                     "network drive is still there."), detail);
      break;
    case SQLITE_CONSTRAINT:
      if (rc == SQLITE_CONSTRAINT_TRIGGER && strstr (detail, "pep-locked") != NULL)
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_LOCKED,
                     _("This PEP has been signed off and can no longer change. To correct it, "
                       "start an amendment: it replaces this PEP once it is signed off."));
      else if (rc == SQLITE_CONSTRAINT_TRIGGER && strstr (detail, "owner-set") != NULL)
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_OWNER_SET,
                     _("This file already has its owner, which never changes."));
      else if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr (detail, "child.upn") != NULL)
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DUPLICATE,
                     _("A child with this UPN is already recorded."));
      else if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr (detail, "plan.") != NULL)
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DUPLICATE,
                     _("This child already has a PEP for that term. Open it, or record an "
                       "unscheduled review with its reason."));
      else if (rc == SQLITE_CONSTRAINT_UNIQUE && strstr (detail, "school.urn") != NULL)
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DUPLICATE,
                     _("A school with this URN is already recorded."));
      else
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                     _("The change breaks a rule of the file (%s)."), detail);
      break;
    default:
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_FAILED,
                   _("The file could not be used (%s)."), detail);
      break;
    }
  return FALSE;
}

/* Statements ---------------------------------------------------------------------------- */

sqlite3_stmt *
_pep_store_prepare (PepStore    *self,
         const char  *sql,
         GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->by_address, sql);
  int rc;

  /* Found by where its text is, as most SQL here is a constant or made once, and checked
   * against its text (a temporary string may be where another was): hashing a multi-row
   * INSERT's few kilobytes of SQL for every PEP was a fiftieth of an import. */
  if (stmt == NULL || strcmp (sqlite3_sql (stmt), sql) != 0)
    {
      stmt = g_hash_table_lookup (self->statements, sql);
      if (stmt != NULL)
        g_hash_table_insert (self->by_address, (gpointer) sql, stmt);
    }
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _pep_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, g_strdup (sql), stmt);
  g_hash_table_insert (self->by_address, (gpointer) sql, stmt);
  return stmt;
}

/* Runs a statement that returns no rows; leaves it reset. */
gboolean
_pep_store_step_done (PepStore      *self,
           sqlite3_stmt  *stmt,
           GError       **error)
{
  int rc = sqlite3_step (stmt);

  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
  return TRUE;
}

gboolean
_pep_store_exec (PepStore    *self,
      const char  *sql,
      GError     **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
  return TRUE;
}

/* The column list of a table's registry fields, "a, b, c", and "?, ?, ?" to match. */
char *
_pep_store_field_columns (PepTable    table,
               const char *prefix)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    g_string_append_printf (str, "%s%s%s", i ? ", " : "", prefix, pep_table_get_field (table, i)->name);
  return g_string_free (g_steal_pointer (&str), FALSE);
}

static char *
placeholders (guint n)
{
  g_autoptr(GString) str = g_string_new (NULL);

  for (guint i = 0; i < n; i++)
    g_string_append (str, i ? ", ?" : "?");
  return g_string_free (g_steal_pointer (&str), FALSE);
}

void
_pep_store_bind_value (sqlite3_stmt *stmt,
            int           index,
            GVariant     *value)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
    sqlite3_bind_text (stmt, index, g_variant_get_string (value, NULL), -1, SQLITE_TRANSIENT);
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
    sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
    sqlite3_bind_double (stmt, index, g_variant_get_double (value));
  else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
    sqlite3_bind_int (stmt, index, g_variant_get_boolean (value) ? 1 : 0);
  else
    g_assert_not_reached ();
}

/* Binds one value as the record holds it; its text with @text_lifetime (SQLITE_STATIC when
 * the record outlives the statement's use, else SQLITE_TRANSIENT). */
static void
bind_native (sqlite3_stmt         *stmt,
             int                   index,
             const PepFieldValue  *value,
             sqlite3_destructor_type text_lifetime)
{
  if (value == NULL)
    sqlite3_bind_null (stmt, index);
  else
    switch (value->kind)
      {
      case PEP_VALUE_KIND_INT:
        sqlite3_bind_int64 (stmt, index, value->v.integer);
        break;
      case PEP_VALUE_KIND_REAL:
        sqlite3_bind_double (stmt, index, value->v.real);
        break;
      case PEP_VALUE_KIND_BOOL:
        sqlite3_bind_int (stmt, index, value->v.boolean ? 1 : 0);
        break;
      case PEP_VALUE_KIND_TEXT:
      default:
        sqlite3_bind_text (stmt, index, value->v.text, -1, text_lifetime);
        break;
      }
}

/* The record's fields bound from parameter @first on, as it holds them (no GVariant each). */
static void
bind_fields_with (sqlite3_stmt            *stmt,
                  int                      first,
                  PepRecord               *record,
                  sqlite3_destructor_type  text_lifetime)
{
  PepTable table = pep_record_get_table (record);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    {
      PepFieldValue value;

      bind_native (stmt, first + (int) i,
                   pep_record_get_value (record, i, &value) ? &value : NULL, text_lifetime);
    }
}

void
_pep_store_bind_fields (sqlite3_stmt *stmt,
             int           first,
             PepRecord    *record)
{
  bind_fields_with (stmt, first, record, SQLITE_TRANSIENT);
}

/* Reads column @col as a value of @type. Returns: %FALSE for NULL ("not entered"). Text
 * points into @stmt's row (valid until its next step), or into *@made when SQLite's was not
 * UTF-8: text that is not UTF-8 did not come from us; keep what can be read. */
static gboolean
column_native (sqlite3_stmt   *stmt,
               int             col,
               PepValueType    type,
               PepFieldValue  *out,
               char          **made)
{
  if (sqlite3_column_type (stmt, col) == SQLITE_NULL)
    return FALSE;

  out->kind = pep_value_type_get_kind (type);
  switch (out->kind)
    {
    case PEP_VALUE_KIND_INT:
      out->v.integer = sqlite3_column_int64 (stmt, col);
      break;
    case PEP_VALUE_KIND_REAL:
      out->v.real = sqlite3_column_double (stmt, col);
      break;
    case PEP_VALUE_KIND_BOOL:
      out->v.boolean = sqlite3_column_int (stmt, col) != 0;
      break;
    case PEP_VALUE_KIND_TEXT:
    default:
      out->v.text = (const char *) sqlite3_column_text (stmt, col);
      if (!g_utf8_validate (out->v.text, -1, NULL))
        out->v.text = *made = g_utf8_make_valid (out->v.text, -1);
      break;
    }
  return TRUE;
}

GVariant *
_pep_store_column_value (sqlite3_stmt *stmt,
              int           col,
              PepValueType  type)
{
  g_autofree char *made = NULL;
  PepFieldValue value;

  if (!column_native (stmt, col, type, &value, &made))
    return NULL;
  return pep_field_value_to_variant (&value);
}

/* Reads the registry fields of @record from @stmt, starting at column @first, straight into
 * the record (no GVariant each). A value the field cannot hold means the file was changed
 * behind our back: refused, with the field. */
gboolean
_pep_store_read_fields (sqlite3_stmt  *stmt,
             int            first,
             PepRecord     *record,
             GError       **error)
{
  PepTable table = pep_record_get_table (record);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    {
      const PepFieldInfo *info = pep_table_get_field (table, i);
      g_autoptr(GError) local_error = NULL;
      g_autofree char *made = NULL;
      PepFieldValue value;
      gboolean has = column_native (stmt, first + (int) i, info->type, &value, &made);

      if (!pep_record_set_value (record, i, has ? &value : NULL, &local_error))
        {
          g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                       _("Record %lld of ‘%s’ holds a value PEP Studio cannot "
                         "read: %s"), (long long) pep_record_get_id (record), pep_table_get_name (table),
                       local_error->message);
          return FALSE;
        }
    }
  return TRUE;
}

/* Opening ------------------------------------------------------------------------------- */

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
refuse_foreign (const char  *display,
                GError     **error)
{
  g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_PEP_FILE,
               _("“%s” is a database, but not one made by PEP Studio. It has been left as it "
                 "was."), display);
  return FALSE;
}

static gboolean
refuse_too_new (const char  *display,
                guint32      version,
                GError     **error)
{
  g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_TOO_NEW,
               _("“%s” was written by a newer version of PEP Studio (file version %u; this "
                 "version reads up to %u). Update PEP Studio to open it; the file has not been "
                 "changed."), display, version, PEP_STORE_SCHEMA_VERSION);
  return FALSE;
}

static gboolean
has_wal (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  GStatBuf st;

  return g_stat (wal, &st) == 0 && st.st_size > 0;
}

/* Looks at the file's first 100 bytes, its SQLite header, without opening it with SQLite,
 * so that a file we refuse is left exactly as it was. While another program has the file
 * open (a -wal beside it), the header may not show our stamp yet: @deferred is set and the
 * stamp is checked again once SQLite has the file open (check_open()). */
static gboolean
check_header (const char  *path,
              gboolean    *deferred,
              GError     **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  guint8 header[100];
  GStatBuf st;
  guint32 page_size, n_pages, user_version, app_id;
  gboolean wal;
  ssize_t n;
  int fd;

  *deferred = FALSE;
  fd = g_open (path, O_RDONLY | O_CLOEXEC, 0);
  if (fd < 0 || fstat (fd, &st) != 0)
    {
      int saved = errno;
      if (fd >= 0)
        close (fd);
      g_set_error (error, PEP_STORE_ERROR,
                   saved == ENOENT ? PEP_STORE_ERROR_NOT_FOUND : PEP_STORE_ERROR_IO,
                   _("“%s” could not be opened: %s"), display, g_strerror (saved));
      return FALSE;
    }
  if (!S_ISREG (st.st_mode))
    {
      close (fd);
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_PEP_FILE,
                   _("“%s” is not a file."), display);
      return FALSE;
    }
  n = read (fd, header, sizeof header);
  close (fd);

  if (n == 0)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_PEP_FILE,
                   _("“%s” is empty, so it is not a PEP Studio file. It has been left as it "
                     "was."), display);
      return FALSE;
    }
  if (n < 16 || memcmp (header, SQLITE_MAGIC, 16) != 0)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_PEP_FILE,
                   _("“%s” is not a PEP Studio file: it is not a database at all. "
                     "Choose a file made by PEP Studio (usually ending in .db)."), display);
      return FALSE;
    }
  if (n < (ssize_t) sizeof header)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: it stops before the end of its header. Open your most "
                     "recent backup instead."), display);
      return FALSE;
    }

  page_size = ((guint32) header[16] << 8) | header[17];
  if (page_size == 1)
    page_size = 65536;
  n_pages = be32 (header + 28);
  user_version = be32 (header + 60);
  app_id = be32 (header + 68);

  if (page_size < 512 || (page_size & (page_size - 1)) != 0)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: its header is not valid. Open your most recent backup "
                     "instead."), display);
      return FALSE;
    }
  /* The page count is valid when the "version-valid-for" number matches the change counter.
   * With a WAL beside the file (another program has it open, or a checkpoint was cut short
   * by a full disk), the WAL holds the truth and the file may rightly be short. */
  wal = has_wal (path);
  if (!wal && be32 (header + 92) == be32 (header + 24)
      && (guint64) st.st_size < (guint64) n_pages * page_size)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged: it is shorter than it should be, probably cut off while "
                     "being copied. Open your most recent backup instead."), display);
      return FALSE;
    }
  /* The stamp and version only ever move from 0 to ours and upwards, so a stale header can
   * still prove a file foreign or too new; anything else waits for SQLite to read the WAL. */
  if (app_id != PEP_STORE_APPLICATION_ID && !(wal && app_id == 0))
    return refuse_foreign (display, error);
  if (user_version > PEP_STORE_SCHEMA_VERSION)
    return refuse_too_new (display, user_version, error);
  *deferred = wal;
  return TRUE;
}

/* Reads the schema with SQLite in immutable mode, which never writes and never leaves a
 * journal: damage to the schema pages shows up here, before the real open. */
static gboolean
check_schema (const char  *path,
              GError     **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  g_autofree char *escaped = g_uri_escape_bytes ((const guint8 *) path, strlen (path), "/");
  g_autofree char *uri = g_strdup_printf ("file:%s?immutable=1", escaped);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  ensure_sqlite_configured ();
  rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "SELECT count(*) FROM sqlite_schema", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  sqlite3_close_v2 (db);

  if (rc != SQLITE_ROW)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                   _("“%s” is damaged (%s). It has been left as it was; open your most recent "
                     "backup instead."), display, sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

static gint64
pragma_int (PepStore   *self,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (self->db, sql, -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* With the file open: is it ours, not too new, and are our tables all there? Nothing has
 * been written yet. @created: a file we have just made, which is empty. */
static gboolean
check_open (PepStore  *self,
            gboolean   created,
            GError   **error)
{
  g_autofree char *display = g_filename_display_basename (self->path);
  static const char *required[] = { "meta", "school", "child", "plan", "audit" };
  gint64 app_id = pragma_int (self, "PRAGMA application_id");
  gint64 version = pragma_int (self, "PRAGMA user_version");
  gint64 n_tables = pragma_int (self, "SELECT count(*) FROM sqlite_schema WHERE type = 'table'");

  if (app_id < 0 || version < 0 || n_tables < 0)
    return _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
  if (created && app_id == 0 && version == 0 && n_tables == 0)
    return TRUE;
  if (app_id != PEP_STORE_APPLICATION_ID)
    return refuse_foreign (display, error);
  if (version > PEP_STORE_SCHEMA_VERSION)
    return refuse_too_new (display, (guint32) version, error);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      sqlite3_stmt *stmt = NULL;
      gboolean found;

      sqlite3_prepare_v2 (self->db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?",
                          -1, &stmt, NULL);
      sqlite3_bind_text (stmt, 1, required[i], -1, SQLITE_STATIC);
      found = sqlite3_step (stmt) == SQLITE_ROW;
      sqlite3_finalize (stmt);
      if (!found)
        {
          g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                       _("“%s” is damaged: some of its tables are missing. It has been left as "
                         "it was; open your most recent backup instead."), display);
          return FALSE;
        }
    }
  return TRUE;
}

/* The network file systems among the mount table's types, with the name a person knows them
 * by; NULL for a local one. SQLite's WAL keeps its index in shared memory that every writer
 * maps (sqlite.org/wal.html): on a share, two computers each believe they hold the lock and
 * the file is corrupted. GNOME Files opens a Windows share through gvfsd-fuse. */
const char *
_pep_store_network_file_system (const char *fs_type)
{
  static const struct { const char *type; const char *name; } shares[] = {
    { "nfs", "NFS" }, { "nfs4", "NFS" }, { "cifs", "SMB" }, { "smb3", "SMB" }, { "smbfs", "SMB" },
    { "fuse.gvfsd-fuse", N_("a share opened in Files") }, { "fuse.sshfs", "SSHFS" },
    { "fuse.rclone", "rclone" }, { "davfs", "WebDAV" }, { "fuse.davfs2", "WebDAV" },
    { "9p", "9P" }, { "afs", "AFS" }, { "ceph", "Ceph" }, { "glusterfs", "GlusterFS" },
    { "fuse.glusterfs", "GlusterFS" }, { "ncpfs", "NetWare" }, { "coda", "Coda" },
    { "fuse.s3fs", "S3" }, { "fuse.gcsfuse", "Cloud Storage" },
  };

  for (guint i = 0; fs_type != NULL && i < G_N_ELEMENTS (shares); i++)
    if (g_str_equal (fs_type, shares[i].type))
      return shares[i].name;
  return NULL;
}

/* Refuses a file on a network share before SQLite opens it, saying why and what to do. */
static gboolean
check_local (const char  *path,
             GError     **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  g_autofree char *dir = g_path_get_dirname (absolute);
  GUnixMountEntry *mount = g_unix_mount_for (g_file_test (absolute, G_FILE_TEST_EXISTS) ? absolute : dir, NULL);
  const char *share = mount != NULL ? _pep_store_network_file_system (g_unix_mount_get_fs_type (mount)) : NULL;

  if (mount != NULL)
    g_unix_mount_free (mount);
  if (share != NULL)
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NETWORK_SHARE,
                   /* Translators: the second %s is a kind of network share, like "NFS" or "SMB" */
                   _("“%s” is on a network share (%s), where two computers can damage it by "
                     "writing at once. Copy the file to this computer and open the copy, or share "
                     "PEPs with Export and Import."), display, g_dgettext (GETTEXT_PACKAGE, share));
      return FALSE;
    }
  return TRUE;
}

/* The files this process has open as stores, by device and inode, with how many stores each.
 * POSIX drops every lock a process holds on a file when it closes any descriptor of it, so
 * the checks before SQLite opens a file (a raw read of its header, an immutable read of its
 * schema, the side files made private) must not run on a file this process already has
 * open: they would release the locks of the store already open — its WAL read marks among
 * them — and another program could then checkpoint and delete the WAL under it. The file
 * was checked when it was first opened. */
static GMutex open_files_lock;
static GHashTable *open_files;   /* "dev:ino" → count, guarded by open_files_lock */

static char *
file_key (dev_t dev,
          ino_t ino)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT ":%" G_GUINT64_FORMAT, (guint64) dev, (guint64) ino);
}

static gboolean
is_open_here (const char *path)
{
  g_autofree char *key = NULL;
  GStatBuf st;
  gboolean open_here;

  if (g_stat (path, &st) != 0)
    return FALSE;
  key = file_key (st.st_dev, st.st_ino);
  g_mutex_lock (&open_files_lock);
  open_here = open_files != NULL && g_hash_table_contains (open_files, key);
  g_mutex_unlock (&open_files_lock);
  return open_here;
}

static void
count_open (dev_t dev,
            ino_t ino,
            int   delta)
{
  g_autofree char *key = file_key (dev, ino);
  int n;

  g_mutex_lock (&open_files_lock);
  if (open_files == NULL)
    open_files = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  n = GPOINTER_TO_INT (g_hash_table_lookup (open_files, key)) + delta;
  if (n > 0)
    g_hash_table_insert (open_files, g_steal_pointer (&key), GINT_TO_POINTER (n));
  else
    g_hash_table_remove (open_files, key);
  g_mutex_unlock (&open_files_lock);
}

/* A new file, readable by its owner only, stamped as ours before anything else is in it. */
static gboolean
create_file (const char  *path,
             GError     **error)
{
  g_autofree char *display = g_filename_display_basename (path);
  int fd = g_open (path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

  if (fd < 0)
    {
      int saved = errno;
      g_set_error (error, PEP_STORE_ERROR,
                   saved == EEXIST ? PEP_STORE_ERROR_EXISTS : PEP_STORE_ERROR_IO,
                   _("“%s” could not be created: %s"), display, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

static gboolean
migrate (PepStore  *self,
         GError   **error)
{
  sqlite3_stmt *stmt;
  gint64 version;

  /* A file that is up to date needs no write lock: opening it must not wait for another
   * program's long write (an import, demo data) to finish. */
  if (pragma_int (self, "PRAGMA user_version") == PEP_STORE_SCHEMA_VERSION)
    return TRUE;

  if (!_pep_store_exec (self, "BEGIN IMMEDIATE", error))
    return FALSE;

  if (!(stmt = _pep_store_prepare (self, "PRAGMA user_version", error)))
    goto fail;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      goto fail;
    }
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  if (version > PEP_STORE_SCHEMA_VERSION)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_TOO_NEW,
                   _("This file was written by a newer version of PEP Studio. Update PEP "
                     "Studio to open it."));
      goto fail;
    }

  for (gint64 v = version + 1; v <= PEP_STORE_SCHEMA_VERSION; v++)
    {
      g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", (int) v);

      if (!_pep_store_exec (self, pep_store_schema_migration ((guint) v), error)
          || !_pep_store_exec (self, set_version, error))
        goto fail;
    }

  if (version == 0)
    {
      g_autofree char *set_id = g_strdup_printf ("PRAGMA application_id = %d",
                                                 (int) PEP_STORE_APPLICATION_ID);
      g_autofree char *now = pep_store_now (self);

      if (!_pep_store_exec (self, set_id, error) || !(stmt = _pep_store_prepare (self,
            "INSERT INTO meta (key, value) VALUES ('created_at', ?), ('created_by', ?)", error)))
        goto fail;
      sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, "PEP Studio " PACKAGE_VERSION, -1, SQLITE_STATIC);
      if (!_pep_store_step_done (self, stmt, error))
        goto fail;
    }

  return _pep_store_exec (self, "COMMIT", error);

fail:
  sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

static const char * const side_suffixes[] = { "-wal", "-shm" };

/* SQLite's unix VFS gives the -wal and -shm files the database's own mode, so a database
 * someone made readable by others would spill every edit into files readable by others.
 * Made here first, 0600, SQLite opens them as they are. They hold one zero byte: SQLite
 * gives an *empty* file it opens the database's mode (its robust_open), while a WAL shorter
 * than its header reads as an empty WAL, and the first connection resets the -shm anyway.
 * An existing one is narrowed. Whatever cannot be made is left to SQLite to report. */
static void
prepare_side_files (const char *path,
                    gboolean   *made)
{
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, side_suffixes[i], NULL);
      gboolean existed = g_file_test (side, G_FILE_TEST_EXISTS);
      int fd = pep_file_create_private (side, 0, NULL);
      struct stat st;

      if (fd < 0)
        continue;
      if (fstat (fd, &st) == 0 && st.st_size == 0)
        {
          static const char zero = 0;

          if (write (fd, &zero, 1) != 1)
            g_debug ("could not write a side file: %s", g_strerror (errno));
        }
      close (fd);
      made[i] = !existed;
    }
}

/* After a refusal: the side files we made go, if SQLite left them as we made them. */
static void
remove_side_files (const char     *path,
                   const gboolean *made)
{
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (path, side_suffixes[i], NULL);
      GStatBuf st;

      if (made[i] && g_stat (side, &st) == 0 && st.st_size <= 1)
        g_unlink (side);
    }
}

/**
 * pep_store_is_private:
 *
 * Returns: %TRUE when the file, and its -wal and -shm files where they are there, are
 *   readable and writable by their owner only
 */
gboolean
pep_store_is_private (PepStore *self)
{
  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);

  if (!pep_file_is_private (self->path))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (self->path, side_suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS) && !pep_file_is_private (side))
        return FALSE;
    }
  return TRUE;
}

/**
 * pep_store_make_private:
 *
 * Makes the file and its -wal and -shm files readable and writable by their owner only.
 */
gboolean
pep_store_make_private (PepStore  *self,
                        GError   **error)
{
  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);

  if (!pep_file_make_private (self->path, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (side_suffixes); i++)
    {
      g_autofree char *side = g_strconcat (self->path, side_suffixes[i], NULL);

      if (g_file_test (side, G_FILE_TEST_EXISTS) && !pep_file_make_private (side, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
writable (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  return g_access (path, W_OK) == 0 && g_access (dir, W_OK) == 0;
}

/**
 * pep_store_open:
 * @path: the file, in the GLib filename encoding
 *
 * Opens a PEP Studio file, bringing an older schema up to date. With
 * %PEP_STORE_OPEN_CREATE a missing file is created (mode 0600).
 *
 * A file that is not SQLite, is SQLite of another program, is damaged or was written by a
 * newer version is refused with an error that says which, and is not modified.
 */
PepStore *
pep_store_open (const char         *path,
                PepStoreOpenFlags   flags,
                GError            **error)
{
  g_autoptr(PepStore) self = NULL;
  gboolean created = FALSE, open_here = FALSE;
  gboolean made_side_files[G_N_ELEMENTS (side_suffixes)] = { FALSE };
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_local (path, error))
    return NULL;
  if ((flags & PEP_STORE_OPEN_CREATE) && !g_file_test (path, G_FILE_TEST_EXISTS))
    {
      if (!create_file (path, error))
        return NULL;
      created = TRUE;
    }
  else if ((flags & PEP_STORE_OPEN_EXCLUSIVE))
    {
      g_autofree char *display = g_filename_display_basename (path);
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_EXISTS,
                   _("“%s” already exists; it has been left as it was."), display);
      return NULL;
    }
  else if (!(open_here = is_open_here (path)))
    {
      gboolean deferred;

      if (!check_header (path, &deferred, error) || (!deferred && !check_schema (path, error)))
        return NULL;
    }

  self = g_object_new (PEP_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  if (!open_here)
    prepare_side_files (path, made_side_files);

  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READWRITE, NULL);
  if (rc != SQLITE_OK)
    {
      _pep_store_set_sqlite_error (self, rc, error);
      goto fail;
    }
  sqlite3_extended_result_codes (self->db, 1);
  sqlite3_busy_timeout (self->db, 5000);
  {
    GStatBuf st;

    if (g_stat (path, &st) == 0)
      {
        self->dev = st.st_dev;
        self->ino = st.st_ino;
        self->counted_open = TRUE;
        count_open (self->dev, self->ino, 1);
      }
  }

  /* synchronous=FULL: a laptop whose battery dies at a school visit keeps every edit it
   * acknowledged. An edit is one small transaction, so the cost is one fsync. */
  if (!check_open (self, created, error)
      || !_pep_store_exec (self, "PRAGMA foreign_keys = ON", error)
      || !_pep_store_exec (self, "PRAGMA journal_mode = WAL", error)
      || !_pep_store_exec (self, "PRAGMA synchronous = FULL", error)
      || !migrate (self, error))
    goto fail;

  /* Put the new schema and our stamp into the file itself, not only the WAL, so that a
   * second program opening it at once sees a PEP Studio file. */
  if (created)
    sqlite3_exec (self->db, "PRAGMA wal_checkpoint(TRUNCATE)", NULL, NULL, NULL);

  return g_steal_pointer (&self);

fail:
  g_clear_object (&self);
  /* SQLite says "unable to open" when it cannot make the WAL beside a file on a read-only
   * disk or in a read-only folder: say what is really wrong. */
  if (error != NULL && *error != NULL
      && g_error_matches (*error, PEP_STORE_ERROR, PEP_STORE_ERROR_IO) && !writable (path))
    {
      g_autofree char *display = g_filename_display_basename (path);

      g_clear_error (error);
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_READ_ONLY,
                   _("“%s” is on a disk or in a folder that cannot be written to, and PEP Studio "
                     "needs to write beside it. Copy it somewhere you can write to, or ask for "
                     "write access; the file has not been changed."), display);
    }
  remove_side_files (path, made_side_files);
  if (created)
    {
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
    }
  return NULL;
}

const char *
pep_store_get_path (PepStore *self)
{
  g_return_val_if_fail (PEP_IS_STORE (self), NULL);
  return self->path;
}

/* Who the audit trail records for the changes that follow. */
/* Who makes the changes, for the core's own audit lines. */
const char *
_pep_store_get_actor (PepStore *self,
                      PepRole  *role)
{
  *role = self->role;
  return self->actor;
}

void
pep_store_set_actor (PepStore   *self,
                     const char *name,
                     PepRole     role)
{
  g_return_if_fail (PEP_IS_STORE (self));
  g_return_if_fail (name != NULL);
  g_return_if_fail (role < PEP_N_ROLES);

  g_free (self->actor);
  self->actor = g_strdup (name);
  self->role = role;
}

static int
on_progress (void *data)
{
  return g_cancellable_is_cancelled (data);
}

/**
 * pep_store_set_cancellable:
 * @cancellable: (nullable): stops the statement running when cancelled; %NULL for none
 *
 * For a worker's long read (the dashboard's figures): once @cancellable is cancelled, the
 * statement running stops with an error instead of reading to the end.
 */
void
pep_store_set_cancellable (PepStore     *self,
                           GCancellable *cancellable)
{
  g_return_if_fail (PEP_IS_STORE (self));

  g_set_object (&self->cancellable, cancellable);
  if (cancellable != NULL)
    sqlite3_progress_handler (self->db, 1000, on_progress, cancellable);
  else
    sqlite3_progress_handler (self->db, 0, NULL, NULL);
}

void
pep_store_set_fixed_time (PepStore  *self,
                          GDateTime *now)
{
  g_return_if_fail (PEP_IS_STORE (self));

  g_clear_pointer (&self->fixed_now, g_date_time_unref);
  if (now != NULL)
    self->fixed_now = g_date_time_to_utc (now);
}

/* Returns: the time to stamp changes with, "YYYY-MM-DDTHH:MM:SSZ" */
char *
pep_store_now (PepStore *self)
{
  g_autoptr(GDateTime) now = NULL;

  g_return_val_if_fail (PEP_IS_STORE (self), NULL);

  now = self->fixed_now ? g_date_time_ref (self->fixed_now) : g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* The lock ---------------------------------------------------------------------------------- */

static int
sort_strings (gconstpointer a,
              gconstpointer b)
{
  return g_strcmp0 (*(char **) a, *(char **) b);
}

/* The triggers every file has, name → SQL: the migrations run once on an empty database in
 * memory, so the list follows the migrations by itself. */
static gpointer
expected_triggers (gpointer data)
{
  GHashTable *triggers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  ensure_sqlite_configured ();
  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
    g_error ("no memory for the schema");
  for (guint v = 1; v <= PEP_STORE_SCHEMA_VERSION; v++)
    if (sqlite3_exec (db, pep_store_schema_migration (v), NULL, NULL, NULL) != SQLITE_OK)
      g_error ("migration %u does not apply to an empty file: %s", v, sqlite3_errmsg (db));
  sqlite3_prepare_v2 (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'", -1,
                      &stmt, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (triggers, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return triggers;
}

/**
 * pep_store_check_locks:
 *
 * Compares the file's triggers (the sign-off lock and the owner's) with those its schema
 * version makes: one dropped or rewritten (with sqlite3, say) means signed-off PEPs may have
 * been changed behind the lock's back. Tamper evidence for the app, pepctl and `pepctl
 * verify`.
 *
 * Returns: (transfer full) (element-type utf8): one sentence per trigger missing, changed or
 *   not PEP Studio's, empty when the lock is whole; NULL with @error set when the file could
 *   not be read
 */
GPtrArray *
pep_store_check_locks (PepStore  *self,
                       GError   **error)
{
  static GOnce once = G_ONCE_INIT;
  g_autoptr(GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *expected;
  GHashTableIter iter;
  gpointer name, sql;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (self), NULL);

  expected = g_once (&once, expected_triggers, NULL);
  if (!(stmt = _pep_store_prepare (self,
          "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger' ORDER BY name", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *found = (const char *) sqlite3_column_text (stmt, 0);
      const char *text = (const char *) sqlite3_column_text (stmt, 1);
      const char *want = g_hash_table_lookup (expected, found);

      if (want == NULL)
        g_ptr_array_add (problems, g_strdup_printf (_("The trigger “%s” was not made by PEP Studio."), found));
      else
        {
          g_hash_table_add (seen, (gpointer) g_intern_string (found));
          if (g_strcmp0 (want, text) != 0)
            g_ptr_array_add (problems, g_strdup_printf (_("The lock trigger “%s” has been changed."), found));
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return NULL;
    }
  g_hash_table_iter_init (&iter, expected);
  while (g_hash_table_iter_next (&iter, &name, &sql))
    if (!g_hash_table_contains (seen, g_intern_string (name)))
      g_ptr_array_add (problems, g_strdup_printf (_("The lock trigger “%s” is missing."), (char *) name));
  /* The same order every time, for messages and tests. */
  g_ptr_array_sort (problems, (GCompareFunc) sort_strings);
  return g_steal_pointer (&problems);
}

/* Facts about the file as a whole: when it was created, by what, for which authority. */
char *
pep_store_get_meta (PepStore   *self,
                    const char *key)
{
  sqlite3_stmt *stmt;
  char *value = NULL;

  g_return_val_if_fail (PEP_IS_STORE (self), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = _pep_store_prepare (self, "SELECT value FROM meta WHERE key = ?", NULL)))
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_reset (stmt);
  return value;
}

gboolean
pep_store_set_meta (PepStore    *self,
                    const char  *key,
                    const char  *value,
                    GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  if (!(stmt = _pep_store_prepare (self, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", error)))
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_TRANSIENT);
  return _pep_store_step_done (self, stmt, error);
}

/* Transactions -------------------------------------------------------------------------- */

/* Whether @path still names the file we opened. Deleted or replaced, what we wrote would go
 * into a file nobody can open again (SQLite notices only in rollback-journal mode). */
static gboolean
still_there (PepStore  *self,
             GError   **error)
{
  GStatBuf st;

  if (g_stat (self->path, &st) != 0 || st.st_dev != self->dev || st.st_ino != self->ino)
    {
      /* Make sure what was saved reaches the file where it is now. */
      sqlite3_wal_checkpoint_v2 (self->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_IO,
                   _("The file was moved, deleted or replaced while it was open, so this change "
                     "was not saved. Open the file again from where it is now."));
      return FALSE;
    }
  return TRUE;
}

/* Callers group many changes (demo data, an import) into one transaction with
 * pep_store_begin()/commit(); each change below is atomic by itself either way. */
gboolean
pep_store_begin (PepStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  return _pep_store_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
pep_store_commit (PepStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  return _pep_store_exec (self, "COMMIT", error);
}

void
pep_store_rollback (PepStore *self)
{
  g_return_if_fail (PEP_IS_STORE (self));
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

/* Many reads as one (an export): each sees the file as it was at the first, and none pays
 * for a transaction of its own. Nests inside a transaction, or around changes. */
gboolean
pep_store_begin_read (PepStore  *self,
                      GError   **error)
{
  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  return _pep_store_exec (self, "SAVEPOINT read", error);
}

void
pep_store_end_read (PepStore *self)
{
  g_return_if_fail (PEP_IS_STORE (self));
  sqlite3_exec (self->db, "RELEASE read", NULL, NULL, NULL);
}

/* A savepoint is taken and released for each change of an import, tens of thousands of
 * times: its statement is prepared once rather than parsed by sqlite3_exec() each time. */
static gboolean
run_prepared (PepStore    *self,
              const char  *sql,
              GError     **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (self, sql, error);

  return stmt != NULL && _pep_store_step_done (self, stmt, error);
}

gboolean
_pep_store_change_begin (PepStore       *self,
                         PepStoreChange *change,
                         GError        **error)
{
  change->store = self;
  change->outer = sqlite3_get_autocommit (self->db) != 0;
  if (change->outer && !still_there (self, error))
    return FALSE;
  return change->outer ? _pep_store_exec (self, "BEGIN IMMEDIATE", error)
                       : run_prepared (self, "SAVEPOINT change", error);
}

gboolean
_pep_store_change_end (PepStoreChange *change,
            gboolean   ok,
            GError   **error)
{
  PepStore *self = change->store;

  if (ok)
    ok = change->outer ? _pep_store_exec (self, "COMMIT", error)
                       : run_prepared (self, "RELEASE change", error);
  if (!ok)
    {
      if (change->outer)
        sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
      else
        sqlite3_exec (self->db, "ROLLBACK TO change; RELEASE change", NULL, NULL, NULL);
    }
  return ok;
}

/* Audit --------------------------------------------------------------------------------- */

gboolean
_pep_store_audit (PepStore     *self,
       const char   *action,
       PepTable      table,
       gint64        record_id,
       const char   *field,
       GVariant     *old_value,
       GVariant     *new_value,
       GError      **error)
{
  return _pep_store_audit_table (self, action, pep_table_get_name (table), record_id, field,
                                 old_value, new_value, error);
}

/* For tables outside the field registry (a child's care episodes and schools, the owner). */
gboolean
_pep_store_audit_table (PepStore     *self,
                        const char   *action,
                        const char   *table_name,
                        gint64        record_id,
                        const char   *field,
                        GVariant     *old_value,
                        GVariant     *new_value,
                        GError      **error)
{
  g_autofree char *now = pep_store_now (self);
  sqlite3_stmt *stmt = _pep_store_prepare (self,
    "INSERT INTO audit (at, who, role, action, table_name, record_id, field, old_value, new_value)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, self->actor, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, pep_role_to_nick (self->role), -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, table_name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, record_id);
  if (field != NULL)
    sqlite3_bind_text (stmt, 7, field, -1, SQLITE_STATIC);
  _pep_store_bind_value (stmt, 8, old_value);
  _pep_store_bind_value (stmt, 9, new_value);
  return _pep_store_step_done (self, stmt, error);
}

GPtrArray *
pep_store_list_audit (PepStore  *self,
                      PepTable   table,
                      gint64     record_id,
                      GError   **error)
{
  g_autoptr(GPtrArray) entries = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_audit_entry_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (self), NULL);

  stmt = _pep_store_prepare (self,
                  "SELECT at, who, role, action, table_name, record_id, field, old_value, new_value"
                  " FROM audit WHERE table_name = ? AND record_id = ? ORDER BY id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, pep_table_get_name (table), -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, record_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepAuditEntry *entry = g_new0 (PepAuditEntry, 1);

      entry->at = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      entry->who = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      entry->role = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      entry->action = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      entry->table = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      entry->record_id = sqlite3_column_int64 (stmt, 5);
      entry->field = g_strdup ((const char *) sqlite3_column_text (stmt, 6));
      entry->old_value = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      entry->new_value = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      g_ptr_array_add (entries, entry);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (self, rc, error);
      return NULL;
    }
  return g_steal_pointer (&entries);
}

/* Generic records ----------------------------------------------------------------------- */

/* The INSERTs of registry records: a record with its UUID if its table has one, a PEP's row
 * after its plan and place, a PEP after its fixed columns. */
typedef enum
{
  INSERT_RECORD,
  INSERT_ROW,
  INSERT_PLAN,
  N_INSERTS
} InsertKind;

#define PLAN_FIXED "child_id, academic_year, term, review_reason, kind, status, revision, " \
                   "school_urn, created_at, updated_at, uuid, amends_id"
#define PLAN_N_FIXED 12
#define ROW_FIXED "plan_id, position"
#define ROW_N_FIXED 2

/* Each text is made once: an import inserts hundreds of thousands of rows. */
static sqlite3_stmt *
prepare_insert (PepStore    *self,
                PepTable     table,
                InsertKind   kind,
                GError     **error)
{
  static gsize sql_of[N_INSERTS][PEP_N_TABLES];

  if (g_once_init_enter (&sql_of[kind][table]))
    {
      const char *fixed = kind == INSERT_ROW ? ROW_FIXED : kind == INSERT_PLAN ? PLAN_FIXED
                          : _pep_store_has_uuid (table) ? "uuid" : "";
      guint n_fixed = kind == INSERT_ROW ? ROW_N_FIXED : kind == INSERT_PLAN ? PLAN_N_FIXED
                      : _pep_store_has_uuid (table) ? 1 : 0;
      g_autofree char *columns = _pep_store_field_columns (table, "");
      g_autofree char *marks = placeholders (n_fixed + pep_table_get_n_fields (table));

      g_once_init_leave (&sql_of[kind][table],
                         (gsize) g_strdup_printf ("INSERT INTO %s (%s%s%s) VALUES (%s)",
                                                  pep_table_get_name (table), fixed,
                                                  n_fixed ? ", " : "", columns, marks));
    }
  return _pep_store_prepare (self, (const char *) sql_of[kind][table], error);
}

/* Children and PEPs carry a UUID, the same in every copy of the file; one is made for a new
 * record that has none. */
gboolean
_pep_store_has_uuid (PepTable table)
{
  return table == PEP_TABLE_CHILD || table == PEP_TABLE_PLAN;
}

void
_pep_store_ensure_uuid (PepRecord *record)
{
  if (pep_record_get_uuid (record) == NULL)
    {
      g_autofree char *uuid = g_uuid_string_random ();
      pep_record_set_uuid (record, uuid);
    }
}

static gboolean validate_record_field_for_store (PepRecord *record, guint field, GError **error);

static gboolean
insert_record (PepStore    *self,
               PepRecord   *record,
               GError     **error)
{
  PepTable table = pep_record_get_table (record);
  gboolean uuid = _pep_store_has_uuid (table);
  sqlite3_stmt *stmt;

  /* A record is made with pep_record_set(), which a file read back also uses: the rules
   * for new values (names as text, not tricks) are applied here. */
  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    if ((pep_table_get_field (table, i)->flags & PEP_FIELD_NAMES)
        && !validate_record_field_for_store (record, i, error))
      return FALSE;
  if (!(stmt = prepare_insert (self, table, INSERT_RECORD, error)))
    return FALSE;
  if (uuid)
    {
      _pep_store_ensure_uuid (record);
      sqlite3_bind_text (stmt, 1, pep_record_get_uuid (record), -1, SQLITE_TRANSIENT);
    }
  _pep_store_bind_fields (stmt, uuid ? 2 : 1, record);
  if (!_pep_store_step_done (self, stmt, error))
    return FALSE;
  pep_record_set_id (record, sqlite3_last_insert_rowid (self->db));
  return _pep_store_audit (self, "create", table, pep_record_get_id (record), NULL, NULL, NULL, error);
}

static PepRecord *
load_record (PepStore    *self,
             PepTable     table,
             const char  *key,
             gint64       key_value,
             GError     **error)
{
  g_autofree char *columns = _pep_store_field_columns (table, "");
  g_autofree char *sql = g_strdup_printf ("SELECT id, %s, %s FROM %s WHERE %s = ?",
                                          _pep_store_has_uuid (table) ? "uuid" : "NULL",
                                          columns, pep_table_get_name (table), key);
  g_autoptr(PepRecord) record = pep_record_new (table);
  sqlite3_stmt *stmt = _pep_store_prepare (self, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, key_value);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      pep_record_set_id (record, sqlite3_column_int64 (stmt, 0));
      pep_record_set_uuid (record, (const char *) sqlite3_column_text (stmt, 1));
      if (!_pep_store_read_fields (stmt, 2, record, error))
        g_clear_object (&record);
    }
  else if (rc == SQLITE_DONE)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND,
                   _("There is no %s %lld in this file."),
                   pep_table_get_name (table), (long long) key_value);
      g_clear_object (&record);
    }
  else
    {
      _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      g_clear_object (&record);
    }
  sqlite3_reset (stmt);
  return g_steal_pointer (&record);
}

/* Sets one field of one row, auditing the old and new value. Returns in @changed whether
 * the value was different (an unchanged value writes nothing). */
static gboolean
update_field (PepStore    *self,
              PepTable     table,
              gint64       id,
              guint        field,
              GVariant    *value,
              gboolean    *changed,
              GError     **error)
{
  const PepFieldInfo *info = pep_table_get_field (table, field);
  g_autofree char *select_sql = g_strdup_printf ("SELECT %s FROM %s WHERE id = ?",
                                                 info->name, pep_table_get_name (table));
  g_autofree char *update_sql = g_strdup_printf ("UPDATE %s SET %s = ? WHERE id = ?",
                                                 pep_table_get_name (table), info->name);
  g_autoptr(GVariant) old_value = NULL;
  sqlite3_stmt *stmt;
  int rc;

  *changed = FALSE;
  if (!(stmt = _pep_store_prepare (self, select_sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      old_value = _pep_store_column_value (stmt, 0, info->type);
      if (old_value)
        g_variant_ref_sink (old_value);
    }
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND,
                   _("This record has been deleted by someone else."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);

  if ((old_value == NULL && value == NULL)
      || (old_value != NULL && value != NULL && g_variant_equal (old_value, value)))
    return TRUE;

  if (!(stmt = _pep_store_prepare (self, update_sql, error)))
    return FALSE;
  _pep_store_bind_value (stmt, 1, value);
  sqlite3_bind_int64 (stmt, 2, id);
  if (!_pep_store_step_done (self, stmt, error))
    return FALSE;

  *changed = TRUE;
  return _pep_store_audit (self, "update", table, id, info->name, old_value, value, error);
}

gboolean
_pep_store_update_field (PepStore    *self,
                         PepTable     table,
                         gint64       id,
                         guint        field,
                         GVariant    *value,
                         GError     **error)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;
  gboolean changed;

  return update_field (self, table, id, field, sunk, &changed, error);
}

static gboolean
validate_value_for_store (PepTable              table,
                          guint                 field,
                          const PepFieldValue  *value,
                          GError              **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!pep_field_validate_new_value (pep_table_get_field (table, field), value, &local_error)
      /* The one rule of the validator that needs neither today nor the child: no file holds
       * a UPN with a wrong check letter, whoever writes it. */
      || (table == PEP_TABLE_CHILD && field == PEP_CHILD_UPN && value != NULL
          && !pep_upn_validate (value->v.text, NULL, &local_error)))
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate_for_store (PepTable     table,
                    guint        field,
                    GVariant    *value,
                    GError     **error)
{
  g_autoptr(GError) local_error = NULL;
  PepFieldValue native;

  if (value == NULL)
    return validate_value_for_store (table, field, NULL, error);
  if (!pep_field_validate (pep_table_get_field (table, field), value, &local_error))
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID, local_error->message);
      return FALSE;
    }
  pep_field_value_from_variant (value, &native);
  return validate_value_for_store (table, field, &native, error);
}

/* validate_for_store() for the value @record holds. */
static gboolean
validate_record_field_for_store (PepRecord  *record,
                                 guint       field,
                                 GError    **error)
{
  PepFieldValue value;

  return validate_value_for_store (pep_record_get_table (record), field,
                                   pep_record_get_value (record, field, &value) ? &value : NULL,
                                   error);
}

/* Schools and children ------------------------------------------------------------------ */

static gboolean
insert_atomic (PepStore   *self,
               PepRecord  *record,
               GError    **error)
{
  PepStoreChange change;

  if (!_pep_store_change_begin (self, &change, error))
    return FALSE;
  return _pep_store_change_end (&change, insert_record (self, record, error), error);
}

gboolean
pep_store_insert_school (PepStore   *self,
                         PepRecord  *school,
                         GError    **error)
{
  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (school), FALSE);
  g_return_val_if_fail (pep_record_get_table (school) == PEP_TABLE_SCHOOL, FALSE);

  return insert_atomic (self, school, error);
}

PepRecord *
pep_store_load_school (PepStore  *self,
                       gint64     urn,
                       GError   **error)
{
  g_return_val_if_fail (PEP_IS_STORE (self), NULL);
  return load_record (self, PEP_TABLE_SCHOOL, "urn", urn, error);
}

gboolean
pep_store_insert_child (PepStore   *self,
                        PepRecord  *child,
                        GError    **error)
{
  PepStoreChange change;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (child), FALSE);
  g_return_val_if_fail (pep_record_get_table (child) == PEP_TABLE_CHILD, FALSE);

  if (!validate_record_field_for_store (child, PEP_CHILD_UPN, error))
    return FALSE;
  /* The child's first episode in care and school come with them. */
  if (!_pep_store_change_begin (self, &change, error))
    return FALSE;
  return _pep_store_change_end (&change, insert_record (self, child, error)
                                         && _pep_child_history_seed (self, child, error), error);
}

PepRecord *
pep_store_load_child (PepStore  *self,
                      gint64     id,
                      GError   **error)
{
  g_return_val_if_fail (PEP_IS_STORE (self), NULL);
  return load_record (self, PEP_TABLE_CHILD, "id", id, error);
}

/* Sets one field of @child in the file and, once saved, in @child. */
gboolean
pep_store_update_child (PepStore   *self,
                        PepRecord  *child,
                        guint       field,
                        GVariant   *value,
                        GError    **error)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;
  gboolean changed;
  PepStoreChange change;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (child), FALSE);
  g_return_val_if_fail (pep_record_get_table (child) == PEP_TABLE_CHILD, FALSE);
  g_return_val_if_fail (field < PEP_CHILD_N_FIELDS, FALSE);

  if (!validate_for_store (PEP_TABLE_CHILD, field, sunk, error)
      || !_pep_store_change_begin (self, &change, error))
    return FALSE;
  /* The latest episode in care or school follows what is written here. */
  if (!_pep_store_change_end (&change, update_field (self, PEP_TABLE_CHILD, pep_record_get_id (child),
                                                     field, sunk, &changed, error)
                              && (!changed || _pep_child_history_follow (self, pep_record_get_id (child),
                                                                         field, sunk, error)),
                              error))
    return FALSE;
  return pep_record_set (child, field, sunk, NULL);
}

/* Plans --------------------------------------------------------------------------------- */

gboolean
_pep_store_insert_row (PepStore   *self,
            gint64      plan_id,
            guint       position,
            PepRecord  *row,
            GError    **error)
{
  PepTable table = pep_record_get_table (row);
  sqlite3_stmt *stmt = prepare_insert (self, table, INSERT_ROW, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, plan_id);
  sqlite3_bind_int64 (stmt, 2, position);
  _pep_store_bind_fields (stmt, ROW_N_FIXED + 1, row);
  if (!_pep_store_step_done (self, stmt, error))
    return FALSE;
  pep_record_set_id (row, sqlite3_last_insert_rowid (self->db));
  return TRUE;
}

/* A PEP's rows of one table, this many to a statement: a statement's own cost (its
 * statement journal, opening its cursors, ending) is paid once for them, not per row. */
#define ROWS_PER_INSERT 16

/* Each row with its id given: the ids SQLite would have chosen (next_row_id()), known before
 * the statement runs, where RETURNING them made SQLite build a table of its own for each
 * statement (a twentieth of an import's instructions). */
static sqlite3_stmt *
prepare_insert_rows (PepStore  *self,
                     PepTable   table,
                     guint      n_rows,
                     GError   **error)
{
  static gsize sql_of[PEP_N_TABLES][ROWS_PER_INSERT + 1];

  if (g_once_init_enter (&sql_of[table][n_rows]))
    {
      g_autofree char *columns = _pep_store_field_columns (table, "");
      g_autofree char *marks = placeholders (1 + ROW_N_FIXED + pep_table_get_n_fields (table));
      GString *sql = g_string_new (NULL);

      g_string_printf (sql, "INSERT INTO %s (id, " ROW_FIXED ", %s) VALUES ",
                       pep_table_get_name (table), columns);
      for (guint i = 0; i < n_rows; i++)
        g_string_append_printf (sql, "%s(%s)", i ? ", " : "", marks);
      g_once_init_leave (&sql_of[table][n_rows], (gsize) g_string_free (sql, FALSE));
    }
  return _pep_store_prepare (self, (const char *) sql_of[table][n_rows], error);
}

/* _pep_store_bind_fields(), the text bound where it is: @record holds it until the
 * statement has been stepped and reset, and _pep_store_prepare() clears the bindings
 * before the statement is used again. */
static void
bind_fields_in_place (sqlite3_stmt *stmt,
                      int           first,
                      PepRecord    *record)
{
  bind_fields_with (stmt, first, record, SQLITE_STATIC);
}

/* The id SQLite gives the next row of @table when none is given: one past the largest (its
 * rows have an INTEGER PRIMARY KEY without AUTOINCREMENT), or 1. */
static gboolean
next_row_id (PepStore  *self,
             PepTable   table,
             gint64    *out,
             GError   **error)
{
  static gsize sql_of[PEP_N_TABLES];
  sqlite3_stmt *stmt;
  int rc;

  if (g_once_init_enter (&sql_of[table]))
    g_once_init_leave (&sql_of[table], (gsize) g_strdup_printf ("SELECT max(id) FROM %s",
                                                                pep_table_get_name (table)));
  if (!(stmt = _pep_store_prepare (self, (const char *) sql_of[table], error)))
    return FALSE;
  rc = sqlite3_step (stmt);
  *out = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW)
    return _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
  /* At the largest id SQLite picks free ones at random: so do the rows, one at a time. */
  if (*out > G_MAXINT64 - ROWS_PER_INSERT)
    *out = -1;
  else
    *out += 1;
  return TRUE;
}

/**
 * _pep_store_insert_rows:
 * @rows: rows of one table, at positions 0, 1, … in PEP @plan_id
 *
 * _pep_store_insert_row() for each of @rows, in fewer statements: the same rows, positions,
 * ids and triggers, and each row's id set.
 */
gboolean
_pep_store_insert_rows (PepStore   *self,
                        gint64      plan_id,
                        GPtrArray  *rows,
                        GError    **error)
{
  for (guint done = 0; done < rows->len;)
    {
      PepTable table = pep_record_get_table (g_ptr_array_index (rows, done));
      guint n = MIN (rows->len - done, ROWS_PER_INSERT);
      int per_row = 1 + ROW_N_FIXED + (int) pep_table_get_n_fields (table);
      sqlite3_stmt *stmt;
      gint64 first_id;

      if (!next_row_id (self, table, &first_id, error))
        return FALSE;
      if (first_id < 0)
        {
          if (!_pep_store_insert_row (self, plan_id, done, g_ptr_array_index (rows, done), error))
            return FALSE;
          done++;
          continue;
        }
      if (!(stmt = prepare_insert_rows (self, table, n, error)))
        return FALSE;
      for (guint i = 0; i < n; i++)
        {
          PepRecord *row = g_ptr_array_index (rows, done + i);

          g_return_val_if_fail (pep_record_get_table (row) == table, FALSE);
          sqlite3_bind_int64 (stmt, i * per_row + 1, first_id + i);
          sqlite3_bind_int64 (stmt, i * per_row + 2, plan_id);
          sqlite3_bind_int64 (stmt, i * per_row + 3, done + i);
          bind_fields_in_place (stmt, (int) i * per_row + 1 + ROW_N_FIXED + 1, row);
        }
      if (!_pep_store_step_done (self, stmt, error))
        return FALSE;
      for (guint i = 0; i < n; i++)
        pep_record_set_id (g_ptr_array_index (rows, done + i), first_id + i);
      done += n;
    }
  return TRUE;
}

/* Saves a new PEP with all its rows, in one transaction; sets the ids it was given. The
 * audit trail records it as one creation: its rows came with it. */

/* A pseudonymised copy (pep_store_is_pseudonymised()) is kept for figures: its PEPs hold
 * pseudonyms and no signatures, so nothing in it is written as a PEP's content, a row or a
 * step; it takes pseudonymised documents only, through import. */
static gboolean
refuse_pseudonymised (PepStore  *self,
                      GError   **error)
{
  if (!pep_store_is_pseudonymised (self))
    return TRUE;
  g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_READ_ONLY,
                       _("This is a pseudonymised copy, kept for figures: its PEPs cannot be "
                         "changed here. Change them in the copy they came from, and export a "
                         "pseudonymised copy again."));
  return FALSE;
}

gboolean
pep_store_insert_plan (PepStore  *self,
                       PepPlan   *plan,
                       GError   **error)
{
  g_autofree char *now = NULL;
  sqlite3_stmt *stmt;
  PepTermId term;
  PepStoreChange change;
  gboolean ok;
  gint64 id;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (pep_plan_get_id (plan) == 0, FALSE);
  if (!refuse_pseudonymised (self, error))
    return FALSE;

  if (!_pep_store_change_begin (self, &change, error))
    return FALSE;

  now = pep_store_now (self);
  pep_plan_get_term (plan, &term);
  ok = (stmt = prepare_insert (self, PEP_TABLE_PLAN, INSERT_PLAN, error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, pep_plan_get_child_id (plan));
      sqlite3_bind_int (stmt, 2, term.year);
      sqlite3_bind_text (stmt, 3, pep_term_to_nick (term.term), -1, SQLITE_STATIC);
      if (pep_plan_get_review_reason (plan))
        sqlite3_bind_text (stmt, 4, pep_plan_get_review_reason (plan), -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 5, pep_kind_to_nick (pep_plan_get_kind (plan)), -1, SQLITE_STATIC);
      /* Written as a draft, rows and all, then given its status: the lock would refuse the
       * rows of a PEP that is already signed off. One transaction either way. */
      sqlite3_bind_text (stmt, 6, pep_status_to_nick (PEP_STATUS_DRAFT), -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 7, 1);
      if (pep_plan_get_school_urn (plan) != 0)
        sqlite3_bind_int64 (stmt, 8, pep_plan_get_school_urn (plan));
      sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 10, now, -1, SQLITE_TRANSIENT);
      _pep_store_ensure_uuid (pep_plan_get_content (plan));
      sqlite3_bind_text (stmt, 11, pep_plan_get_uuid (plan), -1, SQLITE_TRANSIENT);
      if (pep_plan_get_amends_id (plan) != 0)
        sqlite3_bind_int64 (stmt, 12, pep_plan_get_amends_id (plan));
      _pep_store_bind_fields (stmt, PLAN_N_FIXED + 1, pep_plan_get_content (plan));
      ok = _pep_store_step_done (self, stmt, error);
    }

  id = sqlite3_last_insert_rowid (self->db);
  ok = ok && _pep_store_audit (self, "create", PEP_TABLE_PLAN, id, NULL, NULL, NULL, error);

  for (guint t = 0; ok && t < PEP_N_TABLES; t++)
    {
      GPtrArray *rows;

      if (!pep_table_is_plan_row (t))
        continue;
      rows = pep_plan_get_rows (plan, t);
      for (guint i = 0; ok && i < rows->len; i++)
        ok = _pep_store_insert_row (self, id, i, g_ptr_array_index (rows, i), error);
    }

  if (ok && pep_plan_get_status (plan) != PEP_STATUS_DRAFT)
    {
      ok = (stmt = _pep_store_prepare (self, "UPDATE plan SET status = ? WHERE id = ?", error)) != NULL;
      if (ok)
        {
          sqlite3_bind_text (stmt, 1, pep_status_to_nick (pep_plan_get_status (plan)), -1, SQLITE_STATIC);
          sqlite3_bind_int64 (stmt, 2, id);
          ok = _pep_store_step_done (self, stmt, error);
        }
    }

  if (!_pep_store_change_end (&change, ok, error))
    return FALSE;

  pep_plan_set_id (plan, id);
  pep_plan_set_revision (plan, 1);
  pep_plan_set_updated_at (plan, now);
  pep_record_set_id (pep_plan_get_content (plan), id);
  return TRUE;
}

/* The SQL that loads the rows of PEP_TABLE_PLAN, or of a table of a PEP's rows, for the PEPs
 * whose ids are in a range, each row's PEP id last; made once: making it for each PEP was a
 * tenth of loading one. */
static const char *
load_sql (PepTable table)
{
  static char *sql[PEP_N_TABLES];
  static gsize made;

  if (g_once_init_enter (&made))
    {
      for (PepTable t = 0; t < PEP_N_TABLES; t++)
        {
          g_autofree char *columns = NULL;

          if (t != PEP_TABLE_PLAN && !pep_table_is_plan_row (t))
            continue;
          columns = _pep_store_field_columns (t, "");
          if (t == PEP_TABLE_PLAN)
            sql[t] = g_strdup_printf ("SELECT " PLAN_FIXED ", %s, id FROM plan "
                                      "WHERE id BETWEEN ? AND ? ORDER BY id", columns);
          else
            sql[t] = g_strdup_printf ("SELECT id, %s, plan_id FROM %s WHERE plan_id BETWEEN ? AND ? "
                                      "ORDER BY plan_id, position, id", columns, pep_table_get_name (t));
        }
      g_once_init_leave (&made, 1);
    }
  return sql[table];
}

/* The PEP in @stmt's row (load_sql (PEP_TABLE_PLAN)), without its rows. */
static PepPlan *
plan_from_row (sqlite3_stmt  *stmt,
               gint64         id,
               GError       **error)
{
  g_autoptr(PepPlan) plan = NULL;
  PepTermId term;
  PepKind kind;
  PepStatus status;

  term.year = sqlite3_column_int (stmt, 1);
  if (!pep_term_from_nick ((const char *) sqlite3_column_text (stmt, 2), &term.term)
      || !pep_kind_from_nick ((const char *) sqlite3_column_text (stmt, 4), &kind)
      || !pep_status_from_nick ((const char *) sqlite3_column_text (stmt, 5), &status))
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                   _("PEP %lld has a term, kind or status PEP Studio does not "
                     "know."), (long long) id);
      return NULL;
    }

  plan = pep_plan_new (sqlite3_column_int64 (stmt, 0), &term, kind);
  pep_plan_set_id (plan, id);
  pep_record_set_id (pep_plan_get_content (plan), id);
  pep_plan_set_review_reason (plan, (const char *) sqlite3_column_text (stmt, 3));
  pep_plan_set_status (plan, status);
  pep_plan_set_revision (plan, sqlite3_column_int64 (stmt, 6));
  pep_plan_set_school_urn (plan, sqlite3_column_int64 (stmt, 7));
  pep_plan_set_updated_at (plan, (const char *) sqlite3_column_text (stmt, 9));
  pep_plan_set_uuid (plan, (const char *) sqlite3_column_text (stmt, 10));
  pep_plan_set_amends_id (plan, sqlite3_column_int64 (stmt, 11));
  if (!_pep_store_read_fields (stmt, PLAN_N_FIXED, pep_plan_get_content (plan), error))
    return NULL;
  return g_steal_pointer (&plan);
}

/* Steps @stmt (a load_sql() bound to the range of @ids) and hands each row whose PEP is one
 * of @ids to @take with that PEP's index in @ids; rows of PEPs in the range but not in @ids
 * are passed over. */
typedef gboolean (*LoadRowFunc) (sqlite3_stmt  *stmt,
                                 guint          index,
                                 gpointer       user_data,
                                 GError       **error);

static gboolean
load_range (PepStore      *self,
            PepTable       table,
            const gint64  *ids,
            guint          n_ids,
            LoadRowFunc    take,
            gpointer       user_data,
            GError       **error)
{
  sqlite3_stmt *stmt = _pep_store_prepare (self, load_sql (table), error);
  int id_column = table == PEP_TABLE_PLAN ? PLAN_N_FIXED + (int) pep_table_get_n_fields (table)
                                          : 1 + (int) pep_table_get_n_fields (table);
  guint next = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ids[0]);
  sqlite3_bind_int64 (stmt, 2, ids[n_ids - 1]);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 plan_id = sqlite3_column_int64 (stmt, id_column);

      while (next < n_ids && ids[next] < plan_id)
        next++;
      if (next == n_ids || ids[next] != plan_id)
        continue;
      if (!take (stmt, next, user_data, error))
        {
          sqlite3_reset (stmt);
          return FALSE;
        }
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    return _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
  return TRUE;
}

/**
 * _pep_store_id_run:
 * @ids: (array length=n_ids): ids in increasing order, at least one
 *
 * How many of @ids, from the first, one range query (`BETWEEN` the first and the last) should
 * read: a range read whole holds at most about twice the rows asked for, so a few PEPs spread
 * over a large file are read a few at a time, not with everything between them.
 */
guint
_pep_store_id_run (const gint64 *ids,
                   guint         n_ids)
{
  guint to;

  for (to = 1; to < n_ids && ids[to] - ids[0] <= 2 * (gint64) to + 16; to++)
    ;
  return to;
}

typedef struct
{
  const gint64  *ids;
  PepPlan      **plans;
  PepTable       table;
} Loading;

static gboolean
take_plan (sqlite3_stmt  *stmt,
           guint          index,
           gpointer       user_data,
           GError       **error)
{
  Loading *loading = user_data;

  return (loading->plans[index] = plan_from_row (stmt, loading->ids[index], error)) != NULL;
}

static gboolean
take_row (sqlite3_stmt  *stmt,
          guint          index,
          gpointer       user_data,
          GError       **error)
{
  Loading *loading = user_data;
  PepRecord *row = pep_plan_add_row (loading->plans[index], loading->table);

  pep_record_set_id (row, sqlite3_column_int64 (stmt, 0));
  return _pep_store_read_fields (stmt, 1, row, error);
}

/**
 * pep_store_load_plans:
 * @ids: (array length=n_ids): PEP ids, in increasing order, each once
 * @plans: (element-type PepPlan): where the PEPs are added, in the order of @ids
 *
 * pep_store_load_plan() for many PEPs, by one query per table for all of them rather than
 * one per table for each (an export loads every PEP of a file). All are read at one moment.
 *
 * Returns: %FALSE, adding none, if a PEP is not in the file or cannot be read.
 */
gboolean
pep_store_load_plans (PepStore      *self,
                      const gint64  *ids,
                      guint          n_ids,
                      GPtrArray     *plans,
                      GError       **error)
{
  g_autofree PepPlan **loaded = NULL;
  Loading loading = { NULL };
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (plans != NULL, FALSE);

  if (n_ids == 0)
    return TRUE;
  for (guint i = 1; i < n_ids; i++)
    g_return_val_if_fail (ids[i - 1] < ids[i], FALSE);

  loaded = g_new0 (PepPlan *, n_ids);
  /* One read transaction, so the PEPs and their rows are from the same moment; its statements
   * prepared once. */
  if (!run_prepared (self, "SAVEPOINT load", error))
    return FALSE;
  ok = TRUE;
  for (guint from = 0, to; ok && from < n_ids; from = to)
    {
      to = from + _pep_store_id_run (ids + from, n_ids - from);
      loading.ids = ids + from;
      loading.plans = loaded + from;
      ok = load_range (self, PEP_TABLE_PLAN, ids + from, to - from, take_plan, &loading, error);
      for (guint i = from; ok && i < to; i++)
        if (loaded[i] == NULL)
          {
            g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND,
                         _("There is no PEP %lld in this file."), (long long) ids[i]);
            ok = FALSE;
          }
      for (PepTable t = 0; ok && t < PEP_N_TABLES; t++)
        if (pep_table_is_plan_row (t))
          {
            loading.table = t;
            ok = load_range (self, t, ids + from, to - from, take_row, &loading, error);
          }
    }
  run_prepared (self, "RELEASE load", NULL);

  for (guint i = 0; i < n_ids; i++)
    if (ok)
      g_ptr_array_add (plans, loaded[i]);
    else
      g_clear_object (&loaded[i]);
  return ok;
}

PepPlan *
pep_store_load_plan (PepStore  *self,
                     gint64     id,
                     GError   **error)
{
  g_autoptr(GPtrArray) plans = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_val_if_fail (PEP_IS_STORE (self), NULL);

  if (!pep_store_load_plans (self, &id, 1, plans, error))
    return NULL;
  return g_object_ref (g_ptr_array_index (plans, 0));
}

static gboolean
set_conflict (GError **error)
{
  g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CONFLICT,
               _("Someone else changed this PEP after you opened it. Your change was not saved: "
                 "reopen the PEP to see theirs, then make it again."));
  return FALSE;
}

/* Every change to a PEP goes through here: it is refused if someone else changed the PEP
 * since @plan was read, and otherwise moves the PEP on one revision. */
gboolean
_pep_store_bump_revision (PepStore  *self,
               PepPlan   *plan,
               GError   **error)
{
  g_autofree char *now = pep_store_now (self);
  sqlite3_stmt *stmt = _pep_store_prepare (self,
    "UPDATE plan SET revision = revision + 1, updated_at = ? WHERE id = ? AND revision = ?",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 2, pep_plan_get_id (plan));
  sqlite3_bind_int64 (stmt, 3, pep_plan_get_revision (plan));
  if (!_pep_store_step_done (self, stmt, error))
    return FALSE;
  if (sqlite3_changes (self->db) == 0)
    return set_conflict (error);
  return TRUE;
}

void
_pep_store_plan_saved (PepStore *self,
            PepPlan  *plan)
{
  g_autofree char *now = pep_store_now (self);

  pep_plan_set_revision (plan, pep_plan_get_revision (plan) + 1);
  pep_plan_set_updated_at (plan, now);
}

gboolean
pep_store_update_plan (PepStore   *self,
                       PepPlan    *plan,
                       guint       field,
                       GVariant   *value,
                       GError    **error)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;
  gboolean changed = FALSE;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (field < PEP_PLAN_N_FIELDS, FALSE);
  if (!refuse_pseudonymised (self, error))
    return FALSE;

  if (!validate_for_store (PEP_TABLE_PLAN, field, sunk, error)
      || !_pep_store_change_begin (self, &change, error))
    return FALSE;
  ok = update_field (self, PEP_TABLE_PLAN, pep_plan_get_id (plan), field, sunk, &changed, error)
       && (!changed || _pep_store_bump_revision (self, plan, error));
  if (!_pep_store_change_end (&change, ok, error))
    return FALSE;

  if (changed)
    _pep_store_plan_saved (self, plan);
  return pep_record_set (pep_plan_get_content (plan), field, sunk, NULL);
}

/* The step of the workflow a move from @old to @status is, or NULL (back to draft). */
static const char *
event_kind (PepStatus old,
            PepStatus status)
{
  switch (status)
    {
    case PEP_STATUS_SUBMITTED:  return old == PEP_STATUS_RETURNED ? "resubmitted" : "submitted";
    case PEP_STATUS_RETURNED:   return "returned";
    case PEP_STATUS_APPROVED:   return "approved";
    case PEP_STATUS_SIGNED_OFF: return "authorised";
    case PEP_STATUS_SUPERSEDED: return "superseded";
    case PEP_STATUS_DRAFT:
    case PEP_N_STATUSES:
    default:
      return NULL;
    }
}

/* Writes the step @plan takes, by the actor, now. */
static gboolean
add_event (PepStore    *self,
           PepPlan     *plan,
           const char  *kind,
           const char  *now,
           GError     **error)
{
  GPtrArray *events = pep_plan_get_rows (plan, PEP_TABLE_EVENT);
  g_autoptr(PepRecord) event = pep_record_new (PEP_TABLE_EVENT);

  pep_record_set_text (event, PEP_EVENT_KIND, kind);
  pep_record_set_text (event, PEP_EVENT_AT, now);
  pep_record_set_text (event, PEP_EVENT_NAME, self->actor);
  pep_record_set_text (event, PEP_EVENT_ROLE, pep_role_to_nick (self->role));
  if (!_pep_store_insert_row (self, pep_plan_get_id (plan), events->len, event, error)
      || !_pep_store_audit (self, "create", PEP_TABLE_EVENT, pep_record_get_id (event),
                            NULL, NULL, NULL, error))
    return FALSE;
  g_ptr_array_add (events, g_steal_pointer (&event));
  return TRUE;
}

/* Moves @plan to @status in one statement, revision and all, and records the step with its
 * time, the actor's name and role (%PEP_TABLE_EVENT): a signed-off PEP may still move to
 * superseded, which the lock allows only as a change of status and that one step. */
gboolean
pep_store_set_plan_status (PepStore   *self,
                           PepPlan    *plan,
                           PepStatus   status,
                           GError    **error)
{
  g_autoptr(GVariant) old_value = NULL;
  g_autoptr(GVariant) new_value = NULL;
  g_autofree char *now = NULL;
  const char *kind;
  guint n_events;
  PepStatus old;
  sqlite3_stmt *stmt;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (status < PEP_N_STATUSES, FALSE);
  if (!refuse_pseudonymised (self, error))
    return FALSE;

  old = pep_plan_get_status (plan);
  if (old == status)
    return TRUE;

  now = pep_store_now (self);
  old_value = g_variant_ref_sink (g_variant_new_string (pep_status_to_nick (old)));
  new_value = g_variant_ref_sink (g_variant_new_string (pep_status_to_nick (status)));
  if (!_pep_store_change_begin (self, &change, error))
    return FALSE;
  /* The step is written while the lock still lets it in: before signing off, after
   * superseding. */
  kind = event_kind (old, status);
  n_events = pep_plan_get_rows (plan, PEP_TABLE_EVENT)->len;
  ok = kind == NULL || status == PEP_STATUS_SUPERSEDED || add_event (self, plan, kind, now, error);
  ok = ok && (stmt = _pep_store_prepare (self,
         "UPDATE plan SET status = ?, revision = revision + 1, updated_at = ?"
         " WHERE id = ? AND revision = ?", error)) != NULL;
  if (ok)
    {
      sqlite3_bind_text (stmt, 1, pep_status_to_nick (status), -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, now, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int64 (stmt, 3, pep_plan_get_id (plan));
      sqlite3_bind_int64 (stmt, 4, pep_plan_get_revision (plan));
      ok = _pep_store_step_done (self, stmt, error);
    }
  if (ok && sqlite3_changes (self->db) == 0)
    ok = set_conflict (error);
  ok = ok && _pep_store_audit (self, "update", PEP_TABLE_PLAN, pep_plan_get_id (plan), "status",
                               old_value, new_value, error);
  ok = ok && (status != PEP_STATUS_SUPERSEDED || add_event (self, plan, kind, now, error));
  if (!_pep_store_change_end (&change, ok, error))
    {
      /* The step was not saved: nor is it in @plan. */
      g_ptr_array_set_size (pep_plan_get_rows (plan, PEP_TABLE_EVENT), n_events);
      return FALSE;
    }

  _pep_store_plan_saved (self, plan);
  pep_plan_set_status (plan, status);
  return TRUE;
}

gboolean
pep_store_add_plan_row (PepStore   *self,
                        PepPlan    *plan,
                        PepRecord  *row,
                        GError    **error)
{
  PepTable table;
  GPtrArray *rows;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);
  g_return_val_if_fail (pep_table_is_plan_row (pep_record_get_table (row)), FALSE);
  if (!refuse_pseudonymised (self, error))
    return FALSE;

  table = pep_record_get_table (row);
  rows = pep_plan_get_rows (plan, table);
  if (!_pep_store_change_begin (self, &change, error))
    return FALSE;
  ok = _pep_store_bump_revision (self, plan, error)
       && _pep_store_insert_row (self, pep_plan_get_id (plan), rows->len, row, error)
       && _pep_store_audit (self, "create", table, pep_record_get_id (row), NULL, NULL, NULL, error);
  if (!_pep_store_change_end (&change, ok, error))
    return FALSE;

  _pep_store_plan_saved (self, plan);
  g_ptr_array_add (rows, g_object_ref (row));
  return TRUE;
}

gboolean
pep_store_update_plan_row (PepStore   *self,
                           PepPlan    *plan,
                           PepRecord  *row,
                           guint       field,
                           GVariant   *value,
                           GError    **error)
{
  g_autoptr(GVariant) sunk = value ? g_variant_ref_sink (value) : NULL;
  gboolean changed = FALSE;
  PepTable table;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);

  table = pep_record_get_table (row);
  g_return_val_if_fail (pep_table_is_plan_row (table), FALSE);
  g_return_val_if_fail (field < pep_table_get_n_fields (table), FALSE);
  if (!refuse_pseudonymised (self, error))
    return FALSE;

  if (!validate_for_store (table, field, sunk, error) || !_pep_store_change_begin (self, &change, error))
    return FALSE;
  ok = update_field (self, table, pep_record_get_id (row), field, sunk, &changed, error)
       && (!changed || _pep_store_bump_revision (self, plan, error));
  if (!_pep_store_change_end (&change, ok, error))
    return FALSE;

  if (changed)
    _pep_store_plan_saved (self, plan);
  return pep_record_set (row, field, sunk, NULL);
}

gboolean
pep_store_remove_plan_row (PepStore   *self,
                           PepPlan    *plan,
                           PepRecord  *row,
                           GError    **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  PepTable table;
  PepStoreChange change;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);

  table = pep_record_get_table (row);
  g_return_val_if_fail (pep_table_is_plan_row (table), FALSE);
  if (!refuse_pseudonymised (self, error))
    return FALSE;

  sql = g_strdup_printf ("DELETE FROM %s WHERE id = ? AND plan_id = ?", pep_table_get_name (table));
  if (!_pep_store_change_begin (self, &change, error))
    return FALSE;
  ok = _pep_store_bump_revision (self, plan, error) && (stmt = _pep_store_prepare (self, sql, error)) != NULL;
  if (ok)
    {
      sqlite3_bind_int64 (stmt, 1, pep_record_get_id (row));
      sqlite3_bind_int64 (stmt, 2, pep_plan_get_id (plan));
      ok = _pep_store_step_done (self, stmt, error)
           && _pep_store_audit (self, "delete", table, pep_record_get_id (row), NULL, NULL, NULL, error);
    }
  if (!_pep_store_change_end (&change, ok, error))
    return FALSE;

  _pep_store_plan_saved (self, plan);
  g_ptr_array_remove (pep_plan_get_rows (plan, table), row);
  return TRUE;
}

/**
 * pep_store_move_plan_row:
 * @plan: the PEP @row belongs to
 * @row: one of @plan's rows (a target, an attainment line …)
 * @position: where it goes among the rows of its table, from 0
 *
 * Moves @row, renumbering the rows of its table in the file and in @plan, in one change:
 * refused as any change is when someone else changed the PEP since it was read, or the PEP
 * is signed off. Each row that moves is recorded in the audit trail.
 */
gboolean
pep_store_move_plan_row (PepStore   *self,
                         PepPlan    *plan,
                         PepRecord  *row,
                         guint       position,
                         GError    **error)
{
  g_autoptr(GPtrArray) order = NULL;
  g_autofree char *sql = NULL;
  PepStoreChange change;
  GPtrArray *rows;
  PepTable table;
  guint from;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (row), FALSE);

  table = pep_record_get_table (row);
  g_return_val_if_fail (pep_table_is_plan_row (table), FALSE);
  if (!refuse_pseudonymised (self, error))
    return FALSE;

  rows = pep_plan_get_rows (plan, table);
  if (!g_ptr_array_find (rows, row, &from) || position >= rows->len)
    {
      g_set_error_literal (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                           _("That row is not part of this PEP, or there is no such place."));
      return FALSE;
    }
  if (from == position)
    return TRUE;

  order = g_ptr_array_new_full (rows->len, g_object_unref);
  for (guint i = 0; i < rows->len; i++)
    if (i != from)
      g_ptr_array_add (order, g_object_ref (g_ptr_array_index (rows, i)));
  g_ptr_array_insert (order, (int) position, g_object_ref (row));

  sql = g_strdup_printf ("UPDATE %s SET position = ? WHERE id = ? AND plan_id = ?",
                         pep_table_get_name (table));
  if (!_pep_store_change_begin (self, &change, error))
    return FALSE;
  ok = _pep_store_bump_revision (self, plan, error);
  for (guint i = 0; ok && i < order->len; i++)
    {
      PepRecord *r = g_ptr_array_index (order, i);
      g_autoptr(GVariant) old_value = NULL;
      g_autoptr(GVariant) new_value = NULL;
      sqlite3_stmt *stmt = _pep_store_prepare (self, sql, error);
      guint was;

      if (stmt == NULL)
        {
          ok = FALSE;
          break;
        }
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_int64 (stmt, 2, pep_record_get_id (r));
      sqlite3_bind_int64 (stmt, 3, pep_plan_get_id (plan));
      ok = _pep_store_step_done (self, stmt, error);
      g_ptr_array_find (rows, r, &was);
      if (ok && was != i)
        {
          old_value = g_variant_ref_sink (g_variant_new_int64 (was));
          new_value = g_variant_ref_sink (g_variant_new_int64 (i));
          ok = _pep_store_audit (self, "update", table, pep_record_get_id (r), "position",
                                 old_value, new_value, error);
        }
    }
  if (!_pep_store_change_end (&change, ok, error))
    return FALSE;

  _pep_store_plan_saved (self, plan);
  g_ptr_array_set_size (rows, 0);
  for (guint i = 0; i < order->len; i++)
    g_ptr_array_add (rows, g_object_ref (g_ptr_array_index (order, i)));
  return TRUE;
}

/* Listing ------------------------------------------------------------------------------- */

/* Streams the PEPs matching @query to @func, one row at a time, in id order; @func returns
 * FALSE to stop. Nothing is held in memory but the current row. */
gboolean
pep_store_foreach_plan (PepStore            *self,
                        const PepPlanQuery  *query,
                        PepPlanListFunc      func,
                        gpointer             user_data,
                        GError             **error)
{
  sqlite3_stmt *stmt;
  gboolean ok = TRUE;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (self), FALSE);
  g_return_val_if_fail (func != NULL, FALSE);

  /* Its own statement, not the cache's: @func may call back into the store. */
  rc = sqlite3_prepare_v2 (self->db,
    "SELECT p.id, p.child_id, c.legal_forename, c.legal_surname, c.upn, p.academic_year, p.term,"
    "       p.review_reason IS NOT NULL, p.kind, p.status, p.school_urn, c.preferred_name"
    "  FROM plan p JOIN child c ON c.id = p.child_id"
    " WHERE (?1 IS NULL OR (p.academic_year = ?1 AND p.term = ?2))"
    "   AND (?3 IS NULL OR p.school_urn = ?3)"
    "   AND (?4 IS NULL OR p.status = ?4)"
    " ORDER BY p.id", -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    return _pep_store_set_sqlite_error (self, rc, error);

  if (query && query->has_term)
    {
      sqlite3_bind_int (stmt, 1, query->term.year);
      sqlite3_bind_text (stmt, 2, pep_term_to_nick (query->term.term), -1, SQLITE_STATIC);
    }
  if (query && query->school_urn != 0)
    sqlite3_bind_int64 (stmt, 3, query->school_urn);
  if (query && query->has_status)
    sqlite3_bind_text (stmt, 4, pep_status_to_nick (query->status), -1, SQLITE_STATIC);

  while (ok && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      PepPlanListing listing = { 0 };

      listing.id = sqlite3_column_int64 (stmt, 0);
      listing.child_id = sqlite3_column_int64 (stmt, 1);
      listing.forename = (const char *) sqlite3_column_text (stmt, 2);
      listing.surname = (const char *) sqlite3_column_text (stmt, 3);
      listing.upn = (const char *) sqlite3_column_text (stmt, 4);
      listing.term.year = sqlite3_column_int (stmt, 5);
      listing.unscheduled = sqlite3_column_int (stmt, 7);
      listing.school_urn = sqlite3_column_int64 (stmt, 10);
      listing.preferred_name = (const char *) sqlite3_column_text (stmt, 11);
      if (!pep_term_from_nick ((const char *) sqlite3_column_text (stmt, 6), &listing.term.term)
          || !pep_kind_from_nick ((const char *) sqlite3_column_text (stmt, 8), &listing.kind)
          || !pep_status_from_nick ((const char *) sqlite3_column_text (stmt, 9), &listing.status))
        {
          g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_CORRUPT,
                       _("PEP %lld has a term, kind or status PEP Studio does "
                         "not know."), (long long) listing.id);
          sqlite3_finalize (stmt);
          return FALSE;
        }
      ok = func (&listing, user_data);
    }

  if (ok && rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* What the child list knows of a child besides their row: their PEP for the term (with what
 * the last signature check found), or the end of their latest episode in care. Read in
 * child-id order by one scan of an index each and found by halving, not looked up child
 * by child: three seeks a child were half the list's time at 80 000 children. */
typedef struct
{
  gint64  child_id;
  gint64  plan_id;
  int     status;
  int     kind;
  char   *text;  /* the PEP's seal problem, or the day the child left care */
} ChildFact;

static void
child_fact_clear (gpointer data)
{
  g_free (((ChildFact *) data)->text);
}

static const ChildFact *
child_fact_find (GArray *facts,
                 gint64  child_id)
{
  guint lo = 0, hi = facts->len;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      const ChildFact *fact = &g_array_index (facts, ChildFact, mid);

      if (fact->child_id < child_id)
        lo = mid + 1;
      else if (fact->child_id > child_id)
        hi = mid;
      else
        return fact;
    }
  return NULL;
}

static GArray *
list_term_plans (PepStore         *self,
                 const PepTermId  *term,
                 GError          **error)
{
  g_autoptr(GArray) plans = g_array_new (FALSE, FALSE, sizeof (ChildFact));
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (plans, child_fact_clear);
  /* The covering index in child order; plan_stats would need each row of the table. */
  stmt = _pep_store_prepare (self,
    "SELECT p.child_id, p.id, p.status, p.kind, x.problem"
    "  FROM plan p INDEXED BY plan_child"
    "  LEFT JOIN plan_tamper x ON x.plan_id = p.id"
    " WHERE p.academic_year = ? AND p.term = ? AND p.review_reason IS NULL"
    " ORDER BY p.child_id", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int (stmt, 1, term->year);
  sqlite3_bind_text (stmt, 2, pep_term_to_nick (term->term), -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ChildFact plan = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1), 0, 0,
                         g_strdup ((const char *) sqlite3_column_text (stmt, 4)) };
      PepStatus status = 0;
      PepKind kind = 0;

      pep_status_from_nick ((const char *) sqlite3_column_text (stmt, 2), &status);
      pep_kind_from_nick ((const char *) sqlite3_column_text (stmt, 3), &kind);
      plan.status = status;
      plan.kind = kind;
      g_array_append_val (plans, plan);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return NULL;
    }
  return g_steal_pointer (&plans);
}

/* Only children whose latest episode has ended: most are still in care. */
static GArray *
list_left_care (PepStore  *self,
                GError   **error)
{
  g_autoptr(GArray) left = g_array_new (FALSE, FALSE, sizeof (ChildFact));
  g_autofree char *last_left = NULL;
  gint64 last_child = 0;
  sqlite3_stmt *stmt;
  int rc;

  g_array_set_clear_func (left, child_fact_clear);
  stmt = _pep_store_prepare (self,
    "SELECT child_id, left_care FROM care_episode ORDER BY child_id, entered_care", error);
  if (stmt == NULL)
    return NULL;
  for (;;)
    {
      gint64 child_id;

      rc = sqlite3_step (stmt);
      child_id = rc == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : 0;
      if ((rc != SQLITE_ROW || child_id != last_child) && last_left != NULL)
        {
          ChildFact fact = { last_child, 0, 0, 0, g_steal_pointer (&last_left) };

          g_array_append_val (left, fact);
        }
      if (rc != SQLITE_ROW)
        break;
      last_child = child_id;
      g_free (last_left);
      last_left = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return NULL;
    }
  return g_steal_pointer (&left);
}

/* Returns: (element-type PepChildSummary): every child, with their PEP for @term if any */
GPtrArray *
pep_store_list_children (PepStore         *self,
                         const PepTermId  *term,
                         GError          **error)
{
  g_autoptr(GPtrArray) children = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GArray) plans = NULL;
  g_autoptr(GArray) left = NULL;
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (self), NULL);
  g_return_val_if_fail (term != NULL, NULL);

  if (!(plans = list_term_plans (self, term, error)) || !(left = list_left_care (self, error)))
    return NULL;

  stmt = _pep_store_prepare (self,
    "SELECT c.id, c.upn, c.legal_forename, c.legal_surname, c.preferred_name, c.nc_year, s.name"
    "  FROM child c"
    "  LEFT JOIN school s ON s.urn = c.school_urn"
    " ORDER BY c.legal_surname, c.legal_forename, c.id", error);
  if (stmt == NULL)
    return NULL;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 child_id = sqlite3_column_int64 (stmt, 0);
      const ChildFact *plan = child_fact_find (plans, child_id);
      const ChildFact *ended = child_fact_find (left, child_id);
      PepChildSummary *summary;

      summary = pep_child_summary_new (child_id,
                                       (const char *) sqlite3_column_text (stmt, 1),
                                       (const char *) sqlite3_column_text (stmt, 2),
                                       (const char *) sqlite3_column_text (stmt, 3),
                                       (const char *) sqlite3_column_text (stmt, 4),
                                       sqlite3_column_int (stmt, 5),
                                       (const char *) sqlite3_column_text (stmt, 6),
                                       plan ? plan->plan_id : 0,
                                       plan ? plan->status : -1,
                                       plan ? plan->kind : -1);
      if (ended != NULL)
        pep_child_summary_set_left_care (summary, ended->text);
      /* What the last signature check found (pep-signoff.h): a PEP changed after sign-off. */
      if (plan != NULL && plan->text != NULL)
        {
          PepSeal seal;

          if (!pep_seal_from_nick (plan->text, &seal))
            seal = PEP_SEAL_CHANGED;
          pep_child_summary_set_seal (summary, seal);
        }
      g_ptr_array_add (children, summary);
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
      return NULL;
    }
  return g_steal_pointer (&children);
}

gint64
pep_store_count (PepStore  *self,
                 PepTable   table,
                 GError   **error)
{
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;
  gint64 count = -1;

  g_return_val_if_fail (PEP_IS_STORE (self), -1);
  g_return_val_if_fail (table < PEP_N_TABLES, -1);

  sql = g_strdup_printf ("SELECT count(*) FROM %s", pep_table_get_name (table));
  if (!(stmt = _pep_store_prepare (self, sql, error)))
    return -1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    count = sqlite3_column_int64 (stmt, 0);
  else
    _pep_store_set_sqlite_error (self, sqlite3_extended_errcode (self->db), error);
  sqlite3_reset (stmt);
  return count;
}

sqlite3 *
_pep_store_get_db (PepStore *self)
{
  g_return_val_if_fail (PEP_IS_STORE (self), NULL);
  return self->db;
}
