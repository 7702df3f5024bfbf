/* test-hostile.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file in a hostile place: a full disk, a read-only disk, deleted or replaced while
 * open, a path that is not UTF-8. Each gives a clear error, loses nothing written before,
 * and leaves the file intact. The disk tests mount a small tmpfs, which needs root (CI and
 * the development machines run as root); elsewhere they are skipped, and say so.
 */

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

#include "pep-store.h"
#include "test-util.h"

static gboolean
mount_tmpfs (const char *dir,
             const char *size)
{
  g_autofree char *options = g_strdup_printf ("size=%s,mode=0700", size);

  if (mount ("tmpfs", dir, "tmpfs", 0, options) != 0)
    {
      g_autofree char *why = g_strdup_printf ("cannot mount a tmpfs here (%s)", g_strerror (errno));
      g_test_skip (why);
      return FALSE;
    }
  return TRUE;
}

static PepRecord *
child_named (guint n)
{
  PepRecord *child = pep_record_new (PEP_TABLE_CHILD);
  g_autofree char *name = g_strdup_printf ("Child %u", n);
  /* Bulk, so that the disk fills up in a few hundred children. */
  g_autofree char *padding = g_strnfill (2000, 'x');

  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, name);
  pep_record_set_text (child, PEP_CHILD_ETHNICITY, padding);
  return child;
}

static guint
count_children (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  return (guint) pep_store_count (store, PEP_TABLE_CHILD, NULL);
}

static void
assert_intact (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
}

static void
test_disk_full (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peps.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = NULL;
  guint saved = 0;

  if (!mount_tmpfs (dir, "1m"))
    {
      test_remove_tree (dir);
      return;
    }

  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  for (guint n = 1; n < 10000; n++)
    {
      g_autoptr(PepRecord) child = child_named (n);

      if (!pep_store_insert_child (store, child, &error))
        break;
      saved = n;
    }
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_DISK_FULL);
  g_assert_nonnull (strstr (error->message, "disk is full"));
  g_assert_cmpuint (saved, >, 10);
  g_clear_error (&error);
  g_clear_object (&store);

  /* Everything saved before the disk filled is there, and the file is whole. */
  assert_intact (path);
  g_assert_cmpuint (count_children (path), ==, saved);

  g_assert_cmpint (umount (dir), ==, 0);
  test_remove_tree (dir);
}

static void
test_read_only_disk (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peps.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepRecord) child = child_named (1);
  g_autofree char *before = NULL;

  if (!mount_tmpfs (dir, "4m"))
    {
      test_remove_tree (dir);
      return;
    }
  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  pep_store_insert_child (store, child, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  before = test_file_checksum (path);

  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", MS_REMOUNT | MS_RDONLY, NULL), ==, 0);
  store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_null (store);
  g_assert_nonnull (error);
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_READ_ONLY);
  g_assert_nonnull (strstr (error->message, "cannot be written"));
  g_test_message ("read-only disk: %s", error->message);
  {
    g_autofree char *after = test_file_checksum (path);
    g_assert_cmpstr (before, ==, after);
  }

  g_assert_cmpint (mount ("tmpfs", dir, "tmpfs", MS_REMOUNT, NULL), ==, 0);
  g_assert_cmpuint (count_children (path), ==, 1);
  g_assert_cmpint (umount (dir), ==, 0);
  test_remove_tree (dir);
}

/* Deleted, or replaced by another file, while open: the next change says so and is not
 * written into a file nobody can see any more. */
static void
test_deleted_while_open (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "peps.db", NULL);
  g_autofree char *moved = g_build_filename (dir, "moved.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_autoptr(PepRecord) first = child_named (1);
  g_autoptr(PepRecord) second = child_named (2);

  pep_store_insert_child (store, first, &error);
  g_assert_no_error (error);

  g_assert_cmpint (g_rename (path, moved), ==, 0);
  g_assert_false (pep_store_insert_child (store, second, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_IO);
  g_assert_nonnull (strstr (error->message, "moved, deleted or replaced"));
  g_clear_object (&store);

  /* What was saved is in the file where it now is. */
  assert_intact (moved);
  g_assert_cmpuint (count_children (moved), ==, 1);
  test_remove_tree (dir);
}

static void
test_non_utf8_path (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *odd = g_build_filename (dir, "PEPs \xff\xfe caf\xe9", NULL);
  g_autofree char *path = g_build_filename (odd, "peps \xe9t\xe9.db", NULL);
  g_autofree char *foreign = g_build_filename (odd, "notes \xff.txt", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepRecord) child = child_named (1);

  g_assert_cmpint (g_mkdir (odd, 0700), ==, 0);
  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  pep_store_insert_child (store, child, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  g_assert_cmpuint (count_children (path), ==, 1);

  /* Messages about such a file are still valid UTF-8. */
  test_write_file (foreign, "not a database", -1);
  store = pep_store_open (foreign, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_PEP_FILE);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  test_remove_tree (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/hostile/disk-full", test_disk_full);
  g_test_add_func ("/pep/hostile/read-only-disk", test_read_only_disk);
  g_test_add_func ("/pep/hostile/deleted-while-open", test_deleted_while_open);
  g_test_add_func ("/pep/hostile/non-utf8-path", test_non_utf8_path);
  return g_test_run ();
}
