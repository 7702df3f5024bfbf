/* test-signatures.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Signing keys, signed sign-offs and tamper evidence (docs/signatures.md): keys sign and
 * verify, sealed key files open only with their passphrase, OpenSSL checks a signature by
 * the documented recipe, and a signed-off PEP changed with sqlite3 or in an export is found.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>

#include "pep-demo.h"
#include "pep-keyring.h"
#include "pep-signature-batch.h"
#include "pep-signoff.h"
#include "pep-xml-export.h"
#include "pep-xml-import.h"
#include "pep-xml-private.h"
#include "test-util.h"

typedef struct
{
  char *dir;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->dir = test_make_tmpdir ();
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
}

static int
run (const char  *const *argv,
     char              **out,
     char              **err)
{
  g_autoptr(GError) error = NULL;
  int wait_status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, out, err,
                &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  return WEXITSTATUS (wait_status);
}

static char *
make_demo (Fixture    *f,
           const char *name)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, NULL);
  g_autoptr(GError) error = NULL;
  PepDemoOptions options;

  g_assert_nonnull (store);
  pep_demo_options_init (&options);
  options.n_children = 40;
  options.n_terms = 2;
  options.seed = 5;
  options.last_term = (PepTermId) { 2025, PEP_TERM_SUMMER };
  pep_demo_generate (store, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

/* A key signs; the signature checks out under its public key and nothing else. */
static void
test_sign_verify (void)
{
  g_autoptr(PepSigningKey) key = pep_signing_key_new_demo (1, "Ada Adeyemi", "vs-advisor");
  g_autoptr(PepSigningKey) same = pep_signing_key_new_demo (1, "Ada Adeyemi", "vs-advisor");
  g_autoptr(PepSigningKey) other = pep_signing_key_new_demo (2, "Ada Adeyemi", "vs-advisor");
  g_autoptr(PepSigningKey) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *signature = NULL;
  g_autofree char *fingerprint = NULL;
  g_autofree char *typed = NULL;

  g_assert_true (pep_signing_key_is_demo (key));
  g_assert_cmpstr (pep_signing_key_get_public_key (key), ==, pep_signing_key_get_public_key (same));
  g_assert_cmpstr (pep_signing_key_get_public_key (key), !=, pep_signing_key_get_public_key (other));

  signature = pep_signing_key_sign (key, "message");
  g_assert_true (pep_signature_verify (pep_signing_key_get_public_key (key), "message", signature, &error));
  g_assert_no_error (error);
  g_assert_false (pep_signature_verify (pep_signing_key_get_public_key (key), "messagE", signature, &error));
  g_assert_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pep_signature_verify (pep_signing_key_get_public_key (other), "message", signature, &error));
  g_assert_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (pep_signature_verify ("not a key", "message", signature, &error));
  g_assert_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID);
  g_clear_error (&error);

  /* Read out over the phone: eight groups of four hex digits, typed back any old way. */
  fingerprint = pep_signing_key_dup_fingerprint (key);
  g_assert_cmpuint (strlen (fingerprint), ==, 39);
  g_assert_true (g_regex_match_simple ("^([0-9A-F]{4} ){7}[0-9A-F]{4}$", fingerprint, 0, 0));
  typed = g_ascii_strdown (fingerprint, -1);
  g_strdelimit (typed, " ", '-');
  g_assert_true (pep_fingerprint_matches (typed, pep_signing_key_get_public_key (key)));
  g_assert_false (pep_fingerprint_matches (typed, pep_signing_key_get_public_key (other)));
  typed[3] = typed[3] == '0' ? '1' : '0';
  g_assert_false (pep_fingerprint_matches (typed, pep_signing_key_get_public_key (key)));

  /* A generated key is new each time, and names its owner on one line. */
  fresh = pep_signing_key_generate ("Quinn Officer", "qa-officer", &error);
  g_assert_no_error (error);
  g_assert_false (pep_signing_key_is_demo (fresh));
  g_assert_cmpstr (pep_signing_key_get_public_key (fresh), !=, pep_signing_key_get_public_key (key));
  g_assert_null (pep_signing_key_generate ("Two\nLines", "qa-officer", &error));
  g_assert_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID);
}

/* A key file is sealed with its passphrase, readable by its owner only, and useless without
 * the passphrase; the private key is nowhere in it in the clear. */
static void
test_key_file (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(PepSigningKey) key = pep_signing_key_generate ("Quinn Officer", "qa-officer", NULL);
  g_autoptr(PepSigningKey) loaded = NULL;
  g_autoptr(PepSigningKey) again = NULL;
  g_autofree char *path = g_build_filename (f->dir, "me.key", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *secret = NULL;
  g_autofree char *seed_line = NULL;
  g_autoptr(GError) error = NULL;
  PepKeyringPlace place = PEP_KEYRING_SECRET_SERVICE;
  struct stat st;

  g_assert_false (pep_keyring_save_file (key, path, "short", &error));
  g_assert_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  g_assert_true (pep_keyring_save_file (key, path, "correct horse battery", &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  /* The seed, as the keyring would hold it, appears nowhere in the sealed file. */
  secret = pep_signing_key_export_secret (key);
  seed_line = g_strdup (strstr (secret, "seed="));
  g_assert_nonnull (seed_line);
  *strchr (seed_line, '\n') = '\0';
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_null (strstr (contents, seed_line + strlen ("seed=")));
  g_assert_nonnull (strstr (contents, pep_signing_key_get_public_key (key)));

  g_assert_null (pep_keyring_load_file (path, "wrong horse battery", &error));
  g_assert_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_PASSPHRASE);
  g_clear_error (&error);
  loaded = pep_keyring_load_file (path, "correct horse battery", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_signing_key_get_public_key (loaded), ==, pep_signing_key_get_public_key (key));
  g_assert_cmpstr (pep_signing_key_get_name (loaded), ==, "Quinn Officer");
  g_assert_cmpstr (pep_signing_key_get_role (loaded), ==, "qa-officer");

  /* With no keyring, the key goes to its file in the user's data folder. */
  g_setenv ("PEPSTUDIO_KEYRING", "file", TRUE);
  g_setenv ("XDG_DATA_HOME", f->dir, TRUE);
  g_assert_true (pep_keyring_store (key, "correct horse battery", &place, &error));
  g_assert_no_error (error);
  g_assert_cmpint (place, ==, PEP_KEYRING_FILE);
  g_clear_pointer (&path, g_free);
  path = pep_keyring_key_file_path (pep_signing_key_get_public_key (key));
  g_assert_true (g_str_has_prefix (path, f->dir));
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  again = pep_keyring_load (pep_signing_key_get_public_key (key), "correct horse battery", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_signing_key_get_public_key (again), ==, pep_signing_key_get_public_key (key));
  g_unsetenv ("PEPSTUDIO_KEYRING");
}

/* The text of the fenced block that follows @marker in @doc. */
static char *
doc_block (const char *doc,
           const char *marker)
{
  const char *at = strstr (doc, marker);
  const char *start, *end;

  g_assert_nonnull (at);
  start = strstr (at, "```");
  g_assert_nonnull (start);
  start = strchr (start, '\n') + 1;
  end = strstr (start, "```");
  g_assert_nonnull (end);
  return g_strndup (start, end - start);
}

/* docs/signatures.md's worked example is what PEP Studio makes, and its recipe, run as
 * written, has OpenSSL 3 check the signature with nothing of PEP Studio's. */
static void
test_openssl_recipe (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *openssl = g_find_program_in_path ("openssl");
  g_autofree char *doc_path = g_test_build_filename (G_TEST_DIST, "..", "docs", "signatures.md", NULL);
  g_autofree char *doc = NULL;
  g_autofree char *pem = NULL, *message = NULL, *signature = NULL, *recipe = NULL;
  g_autoptr(PepSigningKey) key = pep_signing_key_new_demo (1, "Ada Adeyemi", "vs-advisor");
  PepSignedStatement statement = {
    .plan_uuid = "0b7c3a8e-5f61-4d2a-9c1e-2f3a4b5c6d7e",
    .digest = "5d41402abc4b2a76b9719d911017c592ae4f5a2b5c2f7f6e0d8b1b0e3c6a9d11",
    .status = "signed-off",
    .role = "vs-advisor",
    .name = "Ada Adeyemi",
    .signed_at = "2025-11-28T14:05:00Z",
    .comment = "Good, specific targets.\nLinked to the child's views.",
  };
  g_autofree char *ours = pep_signature_message (&statement);
  g_autofree char *our_signature = pep_signing_key_sign (key, ours);
  g_autofree char *our_pem = pep_public_key_to_pem (pep_signing_key_get_public_key (key));
  g_autofree char *msg_path = g_build_filename (f->dir, "message.txt", NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_get_contents (doc_path, &doc, NULL, NULL));
  pem = doc_block (doc, "<!-- file: key.pem -->");
  message = doc_block (doc, "<!-- file: message.txt -->");
  signature = doc_block (doc, "<!-- file: signature.b64 -->");
  recipe = doc_block (doc, "With OpenSSL 3");

  /* The page shows exactly what the code makes. */
  g_assert_cmpstr (pem, ==, our_pem);
  g_assert_cmpstr (message, ==, ours);
  g_assert_cmpstr (g_strchomp (signature), ==, our_signature);
  g_assert_true (pep_signature_verify (pep_signing_key_get_public_key (key), message, signature, &error));
  g_assert_no_error (error);

  if (openssl == NULL)
    {
      g_test_skip ("openssl is not installed");
      return;
    }
  {
    g_autofree char *pem_path = g_build_filename (f->dir, "key.pem", NULL);
    g_autofree char *sig_path = g_build_filename (f->dir, "signature.b64", NULL);

    test_write_file (pem_path, pem, -1);
    test_write_file (sig_path, signature, -1);
  }
  test_write_file (msg_path, message, -1);
  {
    const char *argv[] = { "sh", "-ec", recipe, NULL };
    g_autofree char *out = NULL, *err = NULL;
    g_autofree char *cwd = g_get_current_dir ();

    g_assert_cmpint (g_chdir (f->dir), ==, 0);
    g_assert_cmpint (run (argv, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "Signature Verified Successfully"));

    /* One character of the message changed: OpenSSL refuses it too. */
    message[strlen (message) - 2] ^= 1;
    test_write_file (msg_path, message, -1);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run (argv, &out, &err), !=, 0);
    g_assert_null (strstr (out, "Signature Verified Successfully"));
    g_assert_cmpint (g_chdir (cwd), ==, 0);
  }
}

/* A demo file's sign-offs are signed; pepctl verify passes it. Rows of a signed-off PEP
 * edited with sqlite3 once its lock triggers are dropped are found and named, recorded for
 * the figures, and pepctl verify exits 2. */
static void
test_sqlite_tamper (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *path = make_demo (f, "vs.db");
  g_autofree char *uuid = NULL;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  const char *pepctl = g_getenv ("PEPCTL");
  const char *argv[] = { pepctl, "verify", path, NULL };
  sqlite3 *db;
  sqlite3_stmt *stmt;

  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (argv, &out, &err), ==, 0);
    g_assert_cmpstr (out, ==, "");
    g_assert_nonnull (strstr (err, "every signature matches"));
  }

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT uuid FROM plan WHERE status = 'signed-off' "
                                           "ORDER BY id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  /* The lock refuses the edit while its triggers stand. */
  {
    sqlite3 *raw = NULL;
    g_assert_cmpint (sqlite3_open (path, &raw), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (raw, "UPDATE plan SET voice_hopes = 'Forged' "
                                        "WHERE status = 'signed-off'", NULL, NULL, NULL), !=, SQLITE_OK);
    sqlite3_close (raw);
  }
  test_drop_lock_triggers (path);
  test_sql_exec (path, "UPDATE plan SET voice_hopes = 'Forged' WHERE id = "
                  "(SELECT min (id) FROM plan WHERE status = 'signed-off')");

  {
    g_autofree char *out = NULL, *err = NULL;
    g_auto(GStrv) lines = NULL;

    g_assert_cmpint (run (argv, &out, &err), ==, 2);
    lines = g_strsplit (out, "\n", -1);
    g_assert_cmpuint (g_strv_length (lines), ==, 2);   /* one line and the last newline */
    g_assert_true (g_str_has_prefix (lines[0], "changed\t"));
    g_assert_nonnull (strstr (lines[0], uuid));
    g_assert_nonnull (strstr (lines[0], "changed after sign-off"));
    g_assert_nonnull (strstr (err, "1 of "));
  }

  /* The result is in the file, for the figures and the app. */
  store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    gint64 id = 0;
    PepSeal seal;
    g_autofree char *reason = NULL;
    g_autoptr(PepPlan) plan = NULL;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM plan WHERE uuid = ?", -1, &stmt, NULL), ==, SQLITE_OK);
    sqlite3_bind_text (stmt, 1, uuid, -1, SQLITE_STATIC);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    id = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    sqlite3_close (db);

    /* pepctl show says so too. */
    {
      g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
      const char *show[] = { pepctl, "show", path, id_text, NULL };
      g_autofree char *out = NULL, *err = NULL;

      g_assert_cmpint (run (show, &out, &err), ==, 0);
      g_assert_nonnull (strstr (out, "Signatures: Changed after sign-off"));
    }
    g_assert_true (pep_signoff_get_recorded (store, id, &seal, &reason, &error));
    g_assert_no_error (error);
    g_assert_cmpint (seal, ==, PEP_SEAL_CHANGED);
    g_assert_nonnull (reason);

    /* Forging the signature row's digest too only breaks the signature. */
    plan = pep_store_load_plan (store, id, &error);
    g_assert_no_error (error);
    {
      g_autofree char *digest = pep_signoff_content_digest (store, plan, &error);
      g_autofree char *sql = g_strdup_printf ("UPDATE signoff SET content_digest = '%s' "
                                              "WHERE plan_id = %" G_GINT64_FORMAT, digest, id);
      g_assert_no_error (error);
      test_sql_exec (path, sql);
    }
    g_clear_object (&plan);
    plan = pep_store_load_plan (store, id, &error);
    g_assert_true (pep_signoff_check_plan (store, plan, &seal, NULL, &error));
    g_assert_cmpint (seal, ==, PEP_SEAL_BAD_SIGNATURE);

    /* And a signed-off PEP whose signatures are taken away is signed off by no one. */
    {
      g_autofree char *sql = g_strdup_printf ("DELETE FROM signoff WHERE plan_id = %" G_GINT64_FORMAT, id);
      test_sql_exec (path, sql);
    }
    g_clear_object (&plan);
    plan = pep_store_load_plan (store, id, &error);
    g_assert_true (pep_signoff_check_plan (store, plan, &seal, NULL, &error));
    g_assert_cmpint (seal, ==, PEP_SEAL_UNSIGNED);
  }

  /* A signed-off PEP marked superseded with no amendment to replace it. */
  test_sql_exec (path, "UPDATE plan SET status = 'superseded' WHERE id = "
                  "(SELECT max (id) FROM plan WHERE status = 'signed-off')");
  g_clear_object (&store);
  {
    g_autofree char *out = NULL, *err = NULL;

    g_assert_cmpint (run (argv, &out, &err), ==, 2);
    g_assert_nonnull (strstr (out, "orphaned\t"));
    g_assert_nonnull (strstr (out, "unsigned\t"));
  }
}

/* A batch answers each signature as pep_signature_verify() does, whether its pool verified
 * it ahead or the caller verified it (asked before the pool started on it, or while waiting
 * for the pool: asking at once for hundreds, the caller verifies many of them); freed with
 * signatures still queued, it lets them go (the sanitizer build checks for leaks). */
static void
test_batch (void)
{
  g_autoptr(PepSigningKey) key = pep_signing_key_new_demo (1, "Ada Adeyemi", "vs-advisor");
  const char *public_key = pep_signing_key_get_public_key (key);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);
  PepSignatureBatch *batch = pep_signature_batch_new ();
  const guint n = 400;

  for (guint i = 0; i < n; i++)
    {
      g_ptr_array_add (messages, g_strdup_printf ("message %u", i));
      /* Every fifth signs another message. */
      g_ptr_array_add (signatures,
                       pep_signing_key_sign (key, i % 5 == 4 ? "another" : messages->pdata[i]));
    }
  for (guint i = 0; i < n; i++)
    pep_signature_batch_add (batch, public_key, messages->pdata[i], signatures->pdata[i]);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = pep_signature_batch_verify (batch, public_key, messages->pdata[i],
                                                signatures->pdata[i], &error);

      g_assert_cmpint (ok, ==, i % 5 != 4);
      if (ok)
        g_assert_no_error (error);
      else
        g_assert_error (error, PEP_SIGNATURE_ERROR, PEP_SIGNATURE_ERROR_INVALID);
    }
  pep_signature_batch_free (batch);

  batch = pep_signature_batch_new ();
  for (guint i = 0; i < n; i++)
    pep_signature_batch_add (batch, public_key, messages->pdata[i], signatures->pdata[i]);
  g_assert_true (pep_signature_batch_verify (batch, public_key, messages->pdata[n - 1],
                                             signatures->pdata[n - 2], NULL) == FALSE);
  g_assert_true (pep_signature_batch_verify (batch, public_key, messages->pdata[0],
                                             signatures->pdata[0], NULL));
  pep_signature_batch_free (batch);
}

static gboolean
collect_failure (gint64       plan_id,
                 const char  *uuid,
                 PepSeal      seal,
                 const char  *reason,
                 gpointer     user_data)
{
  g_string_append_printf (user_data, "%" G_GINT64_FORMAT " %s %s\n", plan_id,
                          pep_seal_to_nick (seal), reason);
  return TRUE;
}

/* The check of a whole file reads PEPs a window of 128 at a time, and with
 * PEP_SIGNOFF_CHECK_AHEAD verifies the next window's signatures meanwhile: PEPs forged with
 * sqlite3 in the first window, the second, the third and the last are found, each with its
 * problem, and exactly as the check one PEP at a time finds them. */
static void
test_check_store_windows (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_build_filename (f->dir, "big.db", NULL);
  g_autoptr(GString) ahead = g_string_new (NULL);
  g_autoptr(GString) plain = g_string_new (NULL);
  g_autoptr(GString) one_by_one = g_string_new (NULL);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepDemoOptions options;
  guint n_checked = 0;
  gint64 changed, swapped, swapped_from, orphaned, unsigned_;

  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  pep_demo_options_init (&options);
  options.n_children = 340;
  options.n_terms = 2;
  options.seed = 11;
  options.last_term = (PepTermId) { 2025, PEP_TERM_SUMMER };
  pep_demo_generate (store, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&store);
  {
    sqlite3 *db;
    sqlite3_stmt *stmt;

    g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM plan WHERE status = 'signed-off' "
                                             "ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);
        g_array_append_val (ids, id);
      }
    sqlite3_finalize (stmt);
    sqlite3_close (db);
  }
  g_assert_cmpuint (ids->len, >, 3 * 128);
  changed = g_array_index (ids, gint64, 2);
  swapped = g_array_index (ids, gint64, 140);
  swapped_from = g_array_index (ids, gint64, 141);
  orphaned = g_array_index (ids, gint64, 300);
  unsigned_ = g_array_index (ids, gint64, ids->len - 1);

  test_drop_lock_triggers (path);
  {
    g_autofree char *sql = g_strdup_printf (
      "UPDATE plan SET voice_hopes = 'Forged' WHERE id = %" G_GINT64_FORMAT ";"
      "UPDATE signoff SET value = (SELECT value FROM signoff WHERE plan_id = %" G_GINT64_FORMAT
      " AND status = 'signed-off') WHERE plan_id = %" G_GINT64_FORMAT " AND status = 'signed-off';"
      "UPDATE plan SET status = 'superseded' WHERE id = %" G_GINT64_FORMAT ";"
      "DELETE FROM signoff WHERE plan_id = %" G_GINT64_FORMAT " AND status = 'signed-off';",
      changed, swapped_from, swapped, orphaned, unsigned_);
    test_sql_exec (path, sql);
  }

  store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_true (pep_signoff_check_store (store, PEP_SIGNOFF_CHECK_AHEAD, collect_failure, ahead,
                                          &n_checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, >=, ids->len);
  g_assert_true (pep_signoff_check_store (store, PEP_SIGNOFF_CHECK_DEFAULT, collect_failure,
                                          plain, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(PepPlan) plan = pep_store_load_plan (store, g_array_index (ids, gint64, i), &error);
      g_autofree char *reason = NULL;
      PepSeal seal;

      g_assert_no_error (error);
      g_assert_true (pep_signoff_check_plan (store, plan, &seal, &reason, &error));
      if (seal != PEP_SEAL_OK)
        collect_failure (pep_plan_get_id (plan), NULL, seal, reason, one_by_one);
    }

  g_test_message ("%s", ahead->str);
  g_assert_cmpstr (ahead->str, ==, plain->str);
  g_assert_cmpstr (ahead->str, ==, one_by_one->str);
  {
    g_auto(GStrv) lines = g_strsplit (ahead->str, "\n", -1);
    g_autofree char *first = g_strdup_printf ("%" G_GINT64_FORMAT " changed ", changed);
    g_autofree char *second = g_strdup_printf ("%" G_GINT64_FORMAT " bad-signature ", swapped);
    g_autofree char *third = g_strdup_printf ("%" G_GINT64_FORMAT " orphaned ", orphaned);
    g_autofree char *last = g_strdup_printf ("%" G_GINT64_FORMAT " unsigned ", unsigned_);

    g_assert_cmpuint (g_strv_length (lines), ==, 5);
    g_assert_true (g_str_has_prefix (lines[0], first));
    g_assert_true (g_str_has_prefix (lines[1], second));
    g_assert_true (g_str_has_prefix (lines[2], third));
    g_assert_true (g_str_has_prefix (lines[3], last));
  }
}

/* On import, a signed-off PEP whose content was changed in the export (its digest made
 * again, as anyone can) is refused with its path and the reason, and nothing changes. */
static void
test_import_tamper (Fixture       *f,
                    gconstpointer  data)
{
  g_autofree char *vs_path = make_demo (f, "vs.db");
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *xml_path = g_build_filename (f->dir, "out.xml", NULL);
  g_autoptr(PepStore) vs = pep_store_open (vs_path, PEP_STORE_OPEN_DEFAULT, NULL);
  g_autoptr(PepStore) copy = pep_store_open (copy_path, PEP_STORE_OPEN_CREATE, NULL);
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *before = NULL;
  PepXmlExportOptions options;
  GString *forged;
  char *hopes, *end, *digest;

  g_autoptr(GDateTime) time = g_date_time_new_utc (2025, 7, 1, 9, 0, 0);
  g_autoptr(GBytes) bytes = NULL;

  pep_xml_export_options_init (&options);
  options.time = time;
  bytes = pep_xml_export_to_bytes (vs, &options, NULL, &error);
  g_assert_no_error (error);
  xml = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  (void) xml_path;

  /* The real export imports: every signature is borne out. */
  report = pep_xml_import (copy, xml, strlen (xml), PEP_XML_IMPORT_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->counts[PEP_XML_OUTCOME_NEW], >, 0);
  g_clear_pointer (&report, pep_xml_import_report_free);

  /* Change the first PEP's family time and make its digest again, as anyone can. */
  forged = g_string_new (xml);
  {
    char *record_start = strstr (forged->str, "<PEP>");
    char *record_end;
    gsize at;
    xmlDoc *doc;
    g_autofree char *record = NULL;
    g_autofree char *computed = NULL;

    g_assert_nonnull (record_start);
    hopes = strstr (record_start, "<SWFamilyTime>");
    record_end = strstr (record_start, "</PEP>");
    g_assert_true (hopes != NULL && hopes < record_end);
    end = strstr (hopes, "</SWFamilyTime>");
    at = (gsize) (hopes - forged->str) + strlen ("<SWFamilyTime>");
    g_string_erase (forged, (gssize) at, end - forged->str - (gssize) at);
    g_string_insert (forged, (gssize) at, "Forged");

    record_start = strstr (forged->str, "<PEP>");
    record_end = strstr (record_start, "</PEP>") + strlen ("</PEP>");
    record = g_strndup (record_start, record_end - record_start);
    doc = xmlReadMemory (record, (int) strlen (record), NULL, "UTF-8", XML_PARSE_NONET);
    g_assert_nonnull (doc);
    computed = pep_xml_node_canonical_digest (xmlDocGetRootElement (doc));
    xmlFreeDoc (doc);
    digest = strstr (record_start, "<Digest>") + strlen ("<Digest>");
    g_assert_true (digest < record_end);
    memcpy (digest, computed, 64);
  }

  before = test_file_checksum (copy_path);
  report = pep_xml_import (copy, forged->str, forged->len, PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_null (report);
  g_assert_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE);
  g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/PEP[1]/Signoff: "));
  g_assert_nonnull (strstr (error->message, "changed after sign-off"));
  g_assert_cmpint (pep_store_count (copy, PEP_TABLE_PLAN, NULL), ==, 0);
  g_clear_object (&copy);
  {
    g_autofree char *after = test_file_checksum (copy_path);
    g_assert_cmpstr (after, ==, before);
  }
  g_string_free (forged, TRUE);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pep/signatures/sign-verify", test_sign_verify);
  g_test_add_func ("/pep/signatures/batch", test_batch);
  g_test_add ("/pep/signatures/key-file", Fixture, NULL, fixture_set_up, test_key_file, fixture_tear_down);
  g_test_add ("/pep/signatures/openssl-recipe", Fixture, NULL, fixture_set_up, test_openssl_recipe, fixture_tear_down);
  g_test_add ("/pep/signatures/sqlite-tamper", Fixture, NULL, fixture_set_up, test_sqlite_tamper, fixture_tear_down);
  g_test_add ("/pep/signatures/check-store-windows", Fixture, NULL, fixture_set_up, test_check_store_windows, fixture_tear_down);
  g_test_add ("/pep/signatures/import-tamper", Fixture, NULL, fixture_set_up, test_import_tamper, fixture_tear_down);

  return g_test_run ();
}
