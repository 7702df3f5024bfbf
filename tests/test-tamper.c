/* test-tamper.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Tamper evidence across a whole file (docs/signatures.md): signed-off PEPs edited with
 * sqlite3 behind the lock's back are found by the whole-file check the app runs when it opens
 * a file, marked in the child list, counted as authorised in no figure (pepctl stats checks
 * first), exported only with their mark, and imported as not authorised; a mark stripped
 * from, or added to, an export is refused.
 */

#include "config.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>
#include <string.h>

#include "pep-child-summary.h"
#include "pep-copy-owner.h"
#include "pep-demo.h"
#include "pep-signoff.h"
#include "pep-stats.h"
#include "pep-xml.h"
#include "pep-xml-export.h"
#include "pep-xml-import.h"
#include "test-util.h"

/* The term whose signed-off PEPs are changed; the demo's last. */
#define TERM_YEAR 2025
#define TERM_NICK "summer"

typedef struct
{
  char *dir;
  char *path;
} Fixture;

/* The signed-off PEPs of the term, by id. */
static GArray *
signed_off_ids (const char *path)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM plan WHERE status = 'signed-off' "
                                           "AND academic_year = " G_STRINGIFY (TERM_YEAR)
                                           " AND term = '" TERM_NICK "' ORDER BY id",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return ids;
}

/* Every signed-off PEP of the term changed with sqlite3: what the child wants, rewritten. */
static void
tamper_term (const char *path)
{
  test_drop_lock_triggers (path);
  test_sql_exec (path, "UPDATE plan SET voice_hopes = 'Rewritten after sign-off' "
                  "WHERE status = 'signed-off' AND academic_year = " G_STRINGIFY (TERM_YEAR)
                  " AND term = '" TERM_NICK "'");
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepDemoOptions options;

  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "vs.db", NULL);
  store = pep_store_open (f->path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  pep_demo_options_init (&options);
  options.n_children = 60;
  options.n_terms = 2;
  options.seed = 12;
  options.last_term = (PepTermId) { TERM_YEAR, PEP_TERM_SUMMER };
  pep_demo_generate (store, &options, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

/* The term's authorised PEPs in the whole Virtual School's figures. */
static guint
authorised (PepStore *store)
{
  PepTermId term = { TERM_YEAR, PEP_TERM_SUMMER };
  PepCohortRule rule;
  GDate today;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GError) error = NULL;

  pep_cohort_rule_init (&rule);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_SEPTEMBER, TERM_YEAR + 1);
  figures = pep_stats_compute (store, &term, &rule, PEP_BREAKDOWN_NONE, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (figures->len, >, 0);
  return ((PepFigures *) g_ptr_array_index (figures, 0))->authorised;
}

static gboolean
collect_failure (gint64      plan_id,
                 const char *uuid,
                 PepSeal     seal,
                 const char *reason,
                 gpointer    user_data)
{
  g_assert_cmpint (seal, ==, PEP_SEAL_CHANGED);
  g_assert_nonnull (reason);
  g_array_append_val ((GArray *) user_data, plan_id);
  return TRUE;
}

/* The whole-file check (what the app runs in the background as it opens a file) finds every
 * signed-off PEP edited with sqlite3, records it, and the child list and the figures show it;
 * until a check has run, the figures cannot know, which is why pepctl stats checks first. */
static void
test_check_marks (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) ids = signed_off_ids (f->path);
  g_autoptr(GArray) failed = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId term = { TERM_YEAR, PEP_TERM_SUMMER };
  guint before, n_checked = 0, n_marked = 0;

  g_assert_cmpuint (ids->len, >, 2);
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  before = authorised (store);
  g_assert_cmpuint (before, >, 0);
  g_clear_object (&store);

  tamper_term (f->path);
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* Nothing has checked yet: the marks of the last check are all the figures know. */
  g_assert_cmpuint (authorised (store), ==, before);

  g_assert_true (pep_signoff_check_store (store, TRUE, collect_failure, failed, &n_checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, >=, ids->len);
  g_assert_cmpuint (failed->len, ==, ids->len);
  for (guint i = 0; i < ids->len; i++)
    g_assert_cmpint (g_array_index (failed, gint64, i), ==, g_array_index (ids, gint64, i));

  /* Authorised in no figure. */
  g_assert_cmpuint (authorised (store), ==, 0);

  /* The child list marks each one, as the editor does. */
  children = pep_store_list_children (store, &term, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < children->len; i++)
    {
      PepChildSummary *summary = g_ptr_array_index (children, i);
      gint64 plan_id = pep_child_summary_get_plan_id (summary);
      gboolean changed = FALSE;

      for (guint j = 0; j < ids->len; j++)
        changed |= g_array_index (ids, gint64, j) == plan_id;
      g_assert_cmpint (pep_child_summary_get_seal (summary), ==,
                       changed ? PEP_SEAL_CHANGED : PEP_SEAL_OK);
      if (changed)
        {
          g_assert_true (g_str_has_prefix (pep_child_summary_get_status_label (summary),
                                           "Changed after sign-off"));
          n_marked++;
        }
      else
        g_assert_null (strstr (pep_child_summary_get_status_label (summary), "sign-off"));
    }
  g_assert_cmpuint (n_marked, ==, ids->len);

  /* A second check finds the same and leaves the file as it is. */
  {
    g_autofree char *sum = test_file_checksum (f->path);
    g_autofree char *again = NULL;

    g_assert_true (pep_signoff_check_store (store, TRUE, NULL, NULL, NULL, &error));
    g_assert_no_error (error);
    again = test_file_checksum (f->path);
    g_assert_cmpstr (sum, ==, again);
  }
}

/* pepctl stats checks the signatures itself: a file edited since the last check is counted
 * from a fresh one, and --no-verify counts from the marks the last check left. */
static void
test_stats_checks (Fixture       *f,
                   gconstpointer  data)
{
  g_auto(Run) fresh = { 0 };
  g_auto(Run) stale = { 0 };
  g_auto(Run) checked = { 0 };
  const char *authorised_path = "$.groups[0].authorised";

  pepctl (&fresh, "stats", f->path, "--term", "2025/26-summer", "--json", NULL);
  g_assert_cmpint (fresh.status, ==, 0);
  g_assert_null (strstr (fresh.err, "fail"));
  g_assert_cmpint (test_json_int (fresh.out, authorised_path), >, 0);

  tamper_term (f->path);
  pepctl (&stale, "stats", f->path, "--term", "2025/26-summer", "--json", "--no-verify", NULL);
  g_assert_cmpint (stale.status, ==, 0);
  g_assert_cmpint (test_json_int (stale.out, authorised_path), ==,
                   test_json_int (fresh.out, authorised_path));
  pepctl (&checked, "stats", f->path, "--term", "2025/26-summer", "--json", NULL);
  g_assert_cmpint (checked.status, ==, 0);
  g_assert_nonnull (strstr (checked.err, "counted as authorised in no figure"));
  g_assert_cmpint (test_json_int (checked.out, authorised_path), ==, 0);
}

/* The first or last (@last) signed-off PEP of a term before the changed one. */
static gint64
earlier_signed_off (const char *path,
                    gboolean    last)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, last ? "SELECT max (id) FROM plan WHERE status = 'signed-off' "
                                                  "AND NOT (academic_year = " G_STRINGIFY (TERM_YEAR)
                                                  " AND term = '" TERM_NICK "')"
                                                : "SELECT min (id) FROM plan WHERE status = 'signed-off' "
                                                  "AND NOT (academic_year = " G_STRINGIFY (TERM_YEAR)
                                                  " AND term = '" TERM_NICK "')",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpint (id, >, 0);
  return id;
}

/* pep_signoff_refresh_store() on @path's store: how many PEPs it checked, and how many fail. */
static guint
refresh (PepStore *store,
         guint    *n_failing)
{
  g_autoptr(GError) error = NULL;
  guint n_checked = G_MAXUINT;

  *n_failing = G_MAXUINT;
  g_assert_true (pep_signoff_refresh_store (store, &n_checked, n_failing, &error));
  g_assert_no_error (error);
  return n_checked;
}

static PepSeal
recorded_seal (PepStore *store,
               gint64    plan_id)
{
  g_autoptr(GError) error = NULL;
  PepSeal seal = PEP_N_SEALS;

  g_assert_true (pep_signoff_get_recorded (store, plan_id, &seal, NULL, &error));
  g_assert_no_error (error);
  return seal;
}

/* The cheap check pepctl stats runs: it takes the marks of the last check as they stand and
 * checks again only the PEPs changed since, each change made with sqlite3 behind the lock's
 * back — a PEP's content, a row moved into it, its mark deleted, the keys this copy trusts. */
static void
test_refresh_marks (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GArray) ids = signed_off_ids (f->path);
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint n_all = 0, n_failing, authorised_before;
  gint64 changed, moved_into, untouched;

  g_assert_cmpuint (ids->len, >, 2);
  changed = g_array_index (ids, gint64, 0);
  moved_into = earlier_signed_off (f->path, FALSE);
  untouched = earlier_signed_off (f->path, TRUE);
  g_assert_cmpint (moved_into, !=, untouched);
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);

  /* No marks yet: every PEP is checked. */
  g_assert_cmpuint (refresh (store, &n_failing), >=, ids->len);
  g_assert_cmpuint (n_failing, ==, 0);
  /* The full check leaves the same marks; then nothing has changed, nothing is checked, and
   * the file is not written. */
  g_assert_true (pep_signoff_check_store (store, TRUE, NULL, NULL, &n_all, &error));
  g_assert_no_error (error);
  before = test_file_checksum (f->path);
  g_assert_cmpuint (refresh (store, &n_failing), ==, 0);
  g_assert_cmpuint (n_failing, ==, 0);
  after = test_file_checksum (f->path);
  g_assert_cmpstr (before, ==, after);
  authorised_before = authorised (store);
  g_clear_object (&store);

  /* The term's signed-off PEPs rewritten behind the lock's back: only they are checked, and
   * they are out of the figures. */
  g_assert_cmpuint (authorised_before, >, 0);
  tamper_term (f->path);
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refresh (store, &n_failing), ==, ids->len);
  g_assert_cmpuint (n_failing, ==, ids->len);
  g_assert_cmpint (recorded_seal (store, changed), ==, PEP_SEAL_CHANGED);
  g_assert_cmpuint (authorised (store), ==, 0);
  g_assert_cmpuint (refresh (store, &n_failing), ==, 0);
  g_assert_cmpuint (n_failing, ==, ids->len);
  g_clear_object (&store);

  /* A target of another PEP moved into a signed-off one of another term: the PEP it joined
   * is checked. */
  sql = g_strdup_printf ("UPDATE target SET plan_id = %" G_GINT64_FORMAT " WHERE id = "
                         "(SELECT min (t.id) FROM target t JOIN plan p ON p.id = t.plan_id "
                         " WHERE p.status = 'draft')", moved_into);
  test_sql_exec (f->path, sql);
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refresh (store, &n_failing), ==, 1);
  g_assert_cmpuint (n_failing, ==, ids->len + 1);
  g_assert_cmpint (recorded_seal (store, moved_into), ==, PEP_SEAL_CHANGED);
  g_clear_object (&store);

  /* The marks themselves deleted: a mark that disagrees with plan_tamper is checked again. */
  test_sql_exec (f->path, "DELETE FROM plan_tamper");
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refresh (store, &n_failing), ==, ids->len + 1);
  g_assert_cmpuint (n_failing, ==, ids->len + 1);
  g_assert_cmpint (recorded_seal (store, changed), ==, PEP_SEAL_CHANGED);
  g_clear_object (&store);

  /* The keys this copy trusts changed: every PEP is checked again, and with the authority's
   * key unpinned no QA officer's or advisor's signature counts. */
  test_sql_exec (f->path, "DELETE FROM pinned_key");
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (refresh (store, &n_failing), ==, n_all);
  g_assert_cmpuint (n_failing, >=, ids->len);
  g_assert_cmpint (recorded_seal (store, untouched), ==, PEP_SEAL_UNTRUSTED);
  g_assert_cmpuint (authorised (store), ==, 0);
}

/* pepctl stats on a file no one changed since its last check checks no PEP again (it says
 * so when asked to debug), and one PEP changed since is checked and counted out. */
static void
test_stats_reads_marks (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GArray) ids = signed_off_ids (f->path);
  g_auto(Run) first = { 0 };
  g_auto(Run) again = { 0 };
  g_auto(Run) changed = { 0 };
  g_autofree char *sql = NULL;

  g_setenv ("G_MESSAGES_DEBUG", "pep-signoff", TRUE);
  pepctl (&first, "stats", f->path, "--term", "2025/26-summer", NULL);
  g_assert_cmpint (first.status, ==, 0);
  g_assert_null (strstr (first.out, "checked 0 of"));
  pepctl (&again, "stats", f->path, "--term", "2025/26-summer", NULL);
  g_assert_cmpint (again.status, ==, 0);
  g_assert_nonnull (strstr (again.out, "checked 0 of"));

  test_drop_lock_triggers (f->path);
  sql = g_strdup_printf ("UPDATE rating SET feedback = 'Rewritten' WHERE plan_id = %" G_GINT64_FORMAT,
                         g_array_index (ids, gint64, 0));
  test_sql_exec (f->path, sql);
  pepctl (&changed, "stats", f->path, "--term", "2025/26-summer", NULL);
  g_unsetenv ("G_MESSAGES_DEBUG");
  g_assert_cmpint (changed.status, ==, 0);
  g_assert_nonnull (strstr (changed.out, "checked 1 of"));
  g_assert_nonnull (strstr (changed.err, "1 signed-off PEP fails its signatures"));
}

static xmlNode *
child_named (xmlNode    *parent,
             const char *name)
{
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, name))
      return c;
  return NULL;
}

/* The first PEP of the document with (or without) a mark, and its place from 1. */
static xmlNode *
find_pep (xmlDoc   *doc,
          gboolean  marked,
          guint    *place)
{
  guint n = 0;

  for (xmlNode *c = xmlDocGetRootElement (doc)->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, "PEP"))
      {
        xmlNode *status = child_named (c, "Status");
        g_autofree char *text = (char *) xmlNodeGetContent (status);

        n++;
        if ((child_named (c, "ChangedAfterSignOff") != NULL) == marked
            && g_str_equal (text, "signed-off"))
          {
            *place = n;
            return c;
          }
      }
  return NULL;
}

static GBytes *
dump (xmlDoc *doc)
{
  xmlChar *text = NULL;
  int size = 0;
  GBytes *bytes;

  xmlDocDumpFormatMemoryEnc (doc, &text, &size, "UTF-8", 1);
  bytes = g_bytes_new (text, (gsize) size);
  xmlFree (text);
  return bytes;
}

static void
assert_refused (const char *path,
                GBytes     *bytes,
                const char *where,
                const char *why)
{
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, NULL);
  g_autofree char *before = test_file_checksum (path);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PepXmlImportReport) report =
    pep_xml_import (store, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                    PEP_XML_IMPORT_DEFAULT, &error);

  g_assert_null (report);
  g_assert_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE);
  if (!g_str_has_prefix (error->message, where) || strstr (error->message, why) == NULL)
    g_error ("expected “%s…%s…”, got “%s”", where, why, error->message);
  g_clear_object (&store);
  after = test_file_checksum (path);
  g_assert_cmpstr (before, ==, after);
}

/* A PEP changed after sign-off is exported only with its mark; the document is valid; its
 * import takes it as changed after sign-off, and no figure of the receiving copy counts it as
 * authorised. Without the mark (stripped, the digest made again), or with a mark on a PEP
 * whose signatures hold, the import is refused and the receiving file is unchanged. */
static void
test_export_mark (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GArray) ids = signed_off_ids (f->path);
  g_autofree char *copy_path = g_build_filename (f->dir, "copy.db", NULL);
  g_autofree char *empty_path = g_build_filename (f->dir, "empty.db", NULL);
  g_autoptr(GDateTime) time = g_date_time_new_utc (2026, 7, 20, 9, 0, 0);
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepStore) copy = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GBytes) clean_bytes = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PepCopyOwner) owner = pep_copy_owner_new_authority (999, "Demo");
  PepXmlExportOptions options;
  guint n_marked = 0, place = 0;
  xmlDoc *doc;
  xmlNode *pep;

  /* Before: the export carries no mark, and the copy that imports it counts them all. */
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  pep_xml_export_options_init (&options);
  options.time = time;
  options.has_term = TRUE;
  options.term = (PepTermId) { TERM_YEAR, PEP_TERM_SUMMER };
  clean_bytes = pep_xml_export_to_bytes (store, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (g_strstr_len (g_bytes_get_data (clean_bytes, NULL), g_bytes_get_size (clean_bytes),
                               "ChangedAfterSignOff"));
  g_clear_object (&store);

  tamper_term (f->path);
  store = pep_store_open (f->path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  bytes = pep_xml_export_to_bytes (store, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (pep_xml_validate (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error));
  g_assert_no_error (error);

  /* Each changed PEP carries the mark, found as it was written (no check was recorded). */
  doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes), NULL,
                       "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  g_assert_nonnull (doc);
  for (xmlNode *c = xmlDocGetRootElement (doc)->children; c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && g_str_equal ((const char *) c->name, "PEP"))
      {
        xmlNode *mark = child_named (c, "ChangedAfterSignOff");
        g_autofree char *status = (char *) xmlNodeGetContent (child_named (c, "Status"));

        if (mark != NULL)
          {
            g_autofree char *text = (char *) xmlNodeGetContent (mark);

            g_assert_cmpstr (text, ==, "changed");
            g_assert_cmpstr (status, ==, "signed-off");
            n_marked++;
          }
      }
  g_assert_cmpuint (n_marked, ==, ids->len);

  /* Imported: taken, recorded as changed after sign-off, and authorised in no figure. */
  copy = pep_store_open (copy_path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (pep_store_set_owner (copy, owner, &error));
  g_assert_no_error (error);
  /* Another copy of the same Virtual School, with its authority's officers list. */
  test_take_officers (copy, store);
  report = pep_xml_import (copy, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_nonnull (report);
  n_marked = 0;
  for (guint i = 0; i < report->items->len; i++)
    {
      PepXmlImportItem *item = g_ptr_array_index (report->items, i);
      PepSeal seal;

      g_assert_cmpint (item->outcome, ==, PEP_XML_OUTCOME_NEW);
      g_assert_true (pep_signoff_get_recorded (copy, item->plan_id, &seal, NULL, &error));
      g_assert_no_error (error);
      if (seal != PEP_SEAL_OK)
        {
          g_assert_cmpint (seal, ==, PEP_SEAL_CHANGED);
          g_assert_nonnull (item->detail);
          g_assert_nonnull (strstr (item->detail, "Changed after sign-off"));
          n_marked++;
        }
    }
  g_assert_cmpuint (n_marked, ==, ids->len);
  g_assert_cmpuint (authorised (copy), ==, 0);
  /* And the copy's own check, as it opens, agrees. */
  g_assert_true (pep_signoff_check_store (copy, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (authorised (copy), ==, 0);
  g_clear_object (&copy);

  /* The mark stripped, the digest made again as anyone can: refused. */
  {
    g_autoptr(PepStore) empty = pep_store_open (empty_path, PEP_STORE_OPEN_CREATE, &error);
    g_autoptr(GBytes) forged = NULL;
    g_autofree char *where = NULL;
    xmlNode *mark;

    g_assert_no_error (error);
    g_assert_true (pep_store_set_owner (empty, owner, &error));
    test_take_officers (empty, store);
    g_clear_object (&empty);
    pep = find_pep (doc, TRUE, &place);
    g_assert_nonnull (pep);
    mark = child_named (pep, "ChangedAfterSignOff");
    xmlUnlinkNode (mark);
    xmlFreeNode (mark);
    forged = dump (doc);
    where = g_strdup_printf ("/PEPExchange/PEP[%u]/Signoff: ", place);
    assert_refused (empty_path, forged, where, "changed after sign-off");
  }
  xmlFreeDoc (doc);

  /* A mark put on a PEP whose signatures hold: refused too. */
  doc = xmlReadMemory (g_bytes_get_data (clean_bytes, NULL), (int) g_bytes_get_size (clean_bytes),
                       NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);
  pep = find_pep (doc, FALSE, &place);
  g_assert_nonnull (pep);
  {
    g_autoptr(GBytes) forged = NULL;
    g_autofree char *where = g_strdup_printf ("/PEPExchange/PEP[%u]/ChangedAfterSignOff: ", place);

    xmlAddNextSibling (child_named (pep, "Status"),
                       xmlNewNode (NULL, BAD_CAST "ChangedAfterSignOff"));
    xmlNodeSetContent (child_named (pep, "ChangedAfterSignOff"), BAD_CAST "changed");
    forged = dump (doc);
    assert_refused (empty_path, forged, where, "signatures verify");
  }
  xmlFreeDoc (doc);
}

static gboolean
count_checked (gint64      plan_id,
               const char *uuid,
               PepSeal     seal,
               const char *reason,
               gpointer    user_data)
{
  g_error ("docs/example.xml: %s fails its signatures: %s", uuid, reason);
  return FALSE;
}

/* docs/example.xml's sign-offs are real signatures (the demo's keys): imported into a fresh
 * Virtual School's copy, every one verifies, the advisor's authorisation among them; and
 * the file says what signed it. */
static void
test_example_signed (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *example = g_test_build_filename (G_TEST_DIST, "..", "docs", "example.xml", NULL);
  g_autofree char *path = g_build_filename (f->dir, "fresh.db", NULL);
  g_autofree char *xml = NULL;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepCopyOwner) owner = pep_copy_owner_new_authority (999, "Demoshire County Council (invented)");
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;
  guint n_checked = 0, n_signed = 0;
  gboolean authorised = FALSE;

  g_assert_true (g_file_get_contents (example, &xml, &length, &error));
  g_assert_no_error (error);
  g_assert_nonnull (strstr (xml, "demo's keys"));
  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  g_assert_true (pep_store_set_owner (store, owner, &error));
  g_assert_no_error (error);
  /* The authority's officers list of the demo that made the example (its header says how),
   * taken as another copy of that Virtual School would take it. */
  {
    g_autofree char *demo_path = g_build_filename (f->dir, "example-demo.db", NULL);
    g_autoptr(PepStore) demo = pep_store_open (demo_path, PEP_STORE_OPEN_CREATE, &error);
    PepDemoOptions options;

    g_assert_no_error (error);
    pep_demo_options_init (&options);
    options.n_children = 6;
    options.n_terms = 1;
    options.seed = 7;
    options.last_term = (PepTermId) { 2025, PEP_TERM_SPRING };
    g_assert_true (pep_demo_generate (demo, &options, NULL, NULL, &error));
    g_assert_no_error (error);
    test_take_officers (store, demo);
  }
  report = pep_xml_import (store, xml, length, PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->items->len, ==, 1);

  g_assert_true (pep_signoff_check_store (store, TRUE, count_checked, NULL, &n_checked, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_checked, ==, 1);

  plan = pep_store_load_plan (store, ((PepXmlImportItem *) g_ptr_array_index (report->items, 0))->plan_id,
                              &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_SIGNED_OFF);
  for (guint i = 0; i < pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF)->len; i++)
    {
      PepRecord *row = g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF), i);

      g_assert_nonnull (pep_record_get_text (row, PEP_SIGNOFF_VALUE));
      n_signed++;
      authorised |= g_strcmp0 (pep_record_get_text (row, PEP_SIGNOFF_STATUS), "signed-off") == 0
                    && g_strcmp0 (pep_record_get_text (row, PEP_SIGNOFF_ROLE), "vs-advisor") == 0;
    }
  g_assert_cmpuint (n_signed, >=, 2);
  g_assert_true (authorised);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pep/tamper/check-marks", Fixture, NULL, fixture_set_up, test_check_marks, fixture_tear_down);
  g_test_add ("/pep/tamper/stats-checks", Fixture, NULL, fixture_set_up, test_stats_checks, fixture_tear_down);
  g_test_add ("/pep/tamper/refresh-marks", Fixture, NULL, fixture_set_up, test_refresh_marks, fixture_tear_down);
  g_test_add ("/pep/tamper/stats-reads-marks", Fixture, NULL, fixture_set_up, test_stats_reads_marks, fixture_tear_down);
  g_test_add ("/pep/tamper/export-mark", Fixture, NULL, fixture_set_up, test_export_mark, fixture_tear_down);
  g_test_add ("/pep/tamper/example-signed", Fixture, NULL, fixture_set_up, test_example_signed, fixture_tear_down);

  return g_test_run ();
}
