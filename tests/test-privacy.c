/* test-privacy.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 15, as someone testing the promises would: files stay private under the usual
 * umask, pepctl says when a file is readable by others; names are text, not tricks.
 */

#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pep-child-summary.h"
#include "pep-copy-owner.h"
#include "pep-demo.h"
#include "pep-privacy.h"
#include "pep-private-file.h"
#include "pep-xml-export.h"
#include "test-util.h"

static char *tmpdir;
static char *demo_path;

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

/* Files ------------------------------------------------------------------------------------ */

/* What the core says about a file, and what it makes. */
static void
test_private_file (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "made.txt", NULL);
  g_autoptr(GError) error = NULL;
  int fd;

  g_assert_false (pep_file_is_private (path));
  fd = pep_file_create_private (path, 0, &error);
  g_assert_no_error (error);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_cmpint (file_mode (path), ==, 0600);
  g_assert_true (pep_file_is_private (path));

  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_false (pep_file_is_private (path));
  fd = pep_file_create_private (path, O_TRUNC, &error);
  g_assert_cmpint (fd, >=, 0);
  close (fd);
  g_assert_cmpint (file_mode (path), ==, 0600);

  g_assert_cmpint (g_chmod (path, 0604), ==, 0);
  g_assert_true (pep_file_make_private (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (file_mode (path), ==, 0600);
}

/* Every export profile, by the core and by pepctl, and the file pepctl makes. */
static void
test_export_modes (void)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 5, 9, 0, 0);

  store = pep_store_open (demo_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (PepXmlProfile profile = 0; profile < PEP_XML_N_PROFILES; profile++)
    {
      g_autofree char *name = g_strdup_printf ("export-%s.xml", pep_xml_profile_to_nick (profile));
      g_autofree char *path = g_build_filename (tmpdir, name, NULL);
      PepXmlExportOptions options;

      pep_xml_export_options_init (&options);
      options.profile = profile;
      options.time = now;
      options.all_states = TRUE;
      g_assert_true (pep_xml_export (store, &options, path, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (file_mode (path), ==, 0600);
    }
}

/* A file readable by others: pepctl warns on stderr and goes on; a private one, silence. */
static void
test_pepctl_warns (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "shared.db", NULL);
  g_autofree char *xml = g_build_filename (tmpdir, "shared.xml", NULL);
  g_auto(Run) init = { 0 }, quiet = { 0 }, loud = { 0 }, export = { 0 };

  pepctl (&init, "init", "--school", "100001", path, NULL);
  g_assert_cmpint (init.status, ==, 0);
  g_assert_cmpint (file_mode (path), ==, 0600);
  pepctl (&quiet, "list", path, NULL);
  g_assert_cmpint (quiet.status, ==, 0);
  g_assert_cmpstr (quiet.err, ==, "");

  g_assert_cmpint (g_chmod (path, 0644), ==, 0);
  pepctl (&loud, "list", path, NULL);
  g_assert_cmpint (loud.status, ==, 0);
  g_assert_nonnull (strstr (loud.err, "can be read by other users"));
  g_assert_cmpstr (loud.out, ==, "");
  /* Its journal files were made private all the same. */
  pepctl (&export, "export", path, "-o", xml, NULL);
  g_assert_cmpint (export.status, ==, 0);
  g_assert_cmpint (file_mode (xml), ==, 0600);
  g_assert_cmpint (file_mode (path), ==, 0644);
}

/* Names ------------------------------------------------------------------------------------ */

static void
test_names (void)
{
  const PepFieldInfo *forename = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_LEGAL_FORENAME);
  const PepFieldInfo *carer = pep_table_get_field (PEP_TABLE_CHILD, PEP_CHILD_CARER);
  const char *tricks[] = {
    "Jo\u200Bhn",              /* zero-width space */
    "Smith\u202Enhoj",         /* right-to-left override */
    "\u2066John\u2069",        /* isolates */
    "John\u200F",              /* right-to-left mark */
    "Jo\u200Dhn", "J\u2060ohn", "\uFEFFJohn", "Jo\u00ADhn", "Ali\u061C",
    "John\x1b[31m",            /* a terminal escape */
  };
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (tricks); i++)
    {
      g_autoptr(GVariant) refused = pep_field_parse (forename, tricks[i], &error);

      g_assert_null (refused);
      g_assert_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID);
      g_assert_nonnull (strstr (error->message, "invisible or direction-changing"));
      g_clear_error (&error);
      refused = pep_field_parse (carer, tricks[i], &error);
      g_assert_null (refused);
      g_clear_error (&error);
    }

  /* Stored NFC: "Zoë" typed with a combining diaeresis is the same "Zoë". */
  value = pep_field_parse (forename, "Zoe\u0308", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_string (value, NULL), ==, "Zo\u00EB");
  /* A value that reaches the store another way is held to the same rule. */
  {
    g_autoptr(GVariant) nfd = g_variant_ref_sink (g_variant_new_string ("Zoe\u0308"));

    g_assert_false (pep_field_validate_new (forename, nfd, &error));
    g_assert_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID);
    g_clear_error (&error);
  }
  /* Right-to-left names are names: Arabic and Hebrew are accepted as typed. */
  g_clear_pointer (&value, g_variant_unref);
  value = pep_field_parse (forename, "\u0645\u0631\u064A\u0645", &error);
  g_assert_no_error (error);
  g_clear_pointer (&value, g_variant_unref);
  value = pep_field_parse (forename, "\u05E9\u05E8\u05D4", &error);
  g_assert_no_error (error);

  /* Search folds case and accents, and what older files may still hold. */
  {
    g_autofree char *key = pep_child_summary_fold ("Zo\u00EB Jo\u200Bhn-Smith");
    g_autofree char *zoe = pep_child_summary_fold ("ZOE");
    g_autofree char *john = pep_child_summary_fold ("john");

    g_assert_nonnull (strstr (key, zoe));
    g_assert_nonnull (strstr (key, john));
  }
}

/* A name with a terminal escape in a file written before the rule (or by another program):
 * pepctl prints it escaped, never raw. */
static void
test_pepctl_escapes (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "escapes.db", NULL);
  g_autofree char *plan_id = NULL;
  g_auto(Run) demo = { 0 }, list = { 0 }, show = { 0 }, stats = { 0 };
  sqlite3 *db = NULL;

  pepctl (&demo, "demo", path, "--children", "5", "--terms", "1", "--until", "2025/26-spring", NULL);
  g_assert_cmpint (demo.status, ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db,
                                 "UPDATE child SET legal_surname = 'Smith' || char(27) || ']0;pwned' || char(7) "
                                 "  || char(8238) || 'gnp.exe';"
                                 "UPDATE school SET name = 'Oak' || char(27) || '[2J';"
                                 "UPDATE plan SET voice_going_well = 'ok' || char(27) || '[31m red' "
                                 "  WHERE id = (SELECT min(id) FROM plan WHERE status <> 'signed-off' AND status <> 'superseded');",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  {
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT min(id) FROM plan WHERE status <> 'signed-off' AND status <> 'superseded'", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    plan_id = g_strdup_printf ("%lld", (long long) sqlite3_column_int64 (stmt, 0));
    sqlite3_finalize (stmt);
  }
  sqlite3_close (db);

  pepctl (&list, "list", path, NULL);
  g_assert_cmpint (list.status, ==, 0);
  g_assert_null (strchr (list.out, '\x1b'));
  g_assert_null (strchr (list.out, '\a'));
  g_assert_null (strstr (list.out, "\u202E"));
  g_assert_nonnull (strstr (list.out, "Smith\\x1B]0;pwned\\x07\\u{202E}gnp.exe"));

  pepctl (&show, "show", path, plan_id, NULL);
  g_assert_cmpint (show.status, ==, 0);
  g_assert_null (strchr (show.out, '\x1b'));
  g_assert_nonnull (strstr (show.out, "ok\\x1B[31m red"));

  pepctl (&stats, "stats", path, "--term", "2025/26-spring", "--by", "school", NULL);
  g_assert_cmpint (stats.status, ==, 0);
  g_assert_null (strchr (stats.out, '\x1b'));
}

/* Exports -------------------------------------------------------------------------------- */

static char *
export_text (PepXmlProfile profile,
             guint         k,
             guint        *k_reached,
             GError      **error)
{
  g_autoptr(PepStore) store = pep_store_open (demo_path, PEP_STORE_OPEN_DEFAULT, error);
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 1, 5, 9, 0, 0);
  g_autoptr(GBytes) bytes = NULL;
  PepXmlExportOptions options;

  g_assert_nonnull (store);
  pep_xml_export_options_init (&options);
  options.profile = profile;
  options.time = now;
  options.all_states = TRUE;
  options.k_anonymity = k;
  options.k_reached = k_reached;
  if (!(bytes = pep_xml_export_to_bytes (store, &options, NULL, error)))
    return NULL;
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* Every value in @node that identifies or was typed by someone: identifiers and names by
 * their element, free text as text with a space in it; the header, the sender and the
 * rubric's own name (the system's, not a person's) aside. */
static void
collect_values (xmlNode    *node,
                GHashTable *values)
{
  static const char * const identifiers[] = {
    "UUID", "PupilUUID", "Amends", "LAChildID", "URN", "SchoolURN", "SchoolName", "Surname",
    "Forename", "PreferredName", "UPN", "UniqueLearnerNumber", "Trust", "Estab", NULL
  };

  for (xmlNode *n = node; n != NULL; n = n->next)
    {
      if (n->type != XML_ELEMENT_NODE)
        continue;
      /* The sender says who sent the file, openly: the authority or school, not a child. */
      if (g_str_equal ((const char *) n->name, "Header") || g_str_equal ((const char *) n->name, "Sender")
          || g_str_equal ((const char *) n->name, "Rubric")
          || g_str_equal ((const char *) n->name, "RubricVersion"))
        continue;
      if (n->children != NULL && n->children->type == XML_TEXT_NODE && n->children->next == NULL)
        {
          g_autofree char *text = (char *) xmlNodeGetContent (n);

          if (g_strv_contains (identifiers, (const char *) n->name)
              || (strchr (text, ' ') != NULL && strlen (text) >= 10))
            g_hash_table_add (values, g_steal_pointer (&text));
        }
      collect_values (n->children, values);
    }
}

/* What no pseudonymised export, nor a file it is imported into, may hold: every identifier,
 * name and free-text value of the demo's full export. */
static GHashTable *
full_export_values (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *full = export_text (PEP_XML_PROFILE_FULL, 0, NULL, &error);
  GHashTable *values = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlDoc *doc;

  g_assert_no_error (error);
  doc = xmlReadMemory (full, (int) strlen (full), NULL, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  collect_values (xmlDocGetRootElement (doc), values);
  xmlFreeDoc (doc);
  g_assert_cmpuint (g_hash_table_size (values), >, 1000);
  return values;
}

/* Issue 15's done-when: no identifier, name, URN, UUID or free-text value of the full
 * export is in the pseudonymised one; the k it reports is at least the threshold. */
static void
test_pseudonymised (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pseudo = NULL;
  g_autofree char *again = NULL;
  g_autoptr(GHashTable) values = full_export_values ();
  GHashTableIter iter;
  gpointer value;
  guint k = 0, k_again = 0, n_checked = 0;

  pseudo = export_text (PEP_XML_PROFILE_PSEUDONYMISED, 5, &k, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (k, >=, 5);
  /* The sender names itself openly (the authority or school that sent the file); the
   * authority's name is also every pupil's care authority in the full export. */
  {
    char *sender = strstr (pseudo, "<Sender>");
    char *end = sender ? strstr (sender, "</Sender>") : NULL;

    if (end != NULL)
      memset (sender, ' ', end - sender);
  }
  g_hash_table_iter_init (&iter, values);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      g_autofree char *element = g_strdup_printf (">%s<", (char *) value);

      if (strstr (pseudo, element) != NULL)
        g_error ("the pseudonymised export holds %s from the full one", element);
      n_checked++;
    }
  g_test_message ("%u values of the full export checked; k = %u", n_checked, k);
  g_assert_null (strstr (pseudo, "<Initials>"));
  g_assert_null (strstr (pseudo, "<DOB>"));
  g_assert_null (strstr (pseudo, "<AuditSummary>"));
  g_assert_nonnull (strstr (pseudo, "<Profile>pseudonymised</Profile>"));
  g_assert_nonnull (strstr (pseudo, "<NCyearActual>"));

  /* Afresh each time: two exports share no pseudonym. */
  again = export_text (PEP_XML_PROFILE_PSEUDONYMISED, 5, &k_again, &error);
  g_assert_no_error (error);
  {
    const char *uuid = strstr (pseudo, "<PupilUUID>");
    g_autofree char *element = uuid ? g_strndup (uuid, strlen ("<PupilUUID>") + 36) : NULL;

    g_assert_nonnull (element);
    g_assert_null (strstr (again, element));
  }

  /* A threshold no grouping can reach is refused, and says why. */
  {
    g_autofree char *refused = export_text (PEP_XML_PROFILE_PSEUDONYMISED, 1000, &k, &error);

    g_assert_null (refused);
    g_assert_error (error, PEP_XML_ERROR, PEP_XML_ERROR_FAILED);
    g_assert_nonnull (strstr (error->message, "pick out a pupil"));
    g_clear_error (&error);
  }
}

/* The pseudonymised copy ------------------------------------------------------------------- */

/* The figures docs/privacy.md says survive pseudonymisation: its "Surviving figures:" list. */
static GStrv
surviving_figures (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "docs", "privacy.md", NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  const char *p;
  const char *end;

  g_assert_true (g_file_get_contents (path, &doc, NULL, NULL));
  p = strstr (doc, "\nSurviving figures: ");
  g_assert_nonnull (p);
  end = strstr (p, ".\n");
  g_assert_nonnull (end);
  while ((p = strchr (p, '`')) != NULL && p < end)
    {
      const char *close = strchr (p + 1, '`');
      g_autofree char *name = NULL;

      g_assert_nonnull (close);
      name = g_strndup (p + 1, close - p - 1);
      g_strv_builder_add (names, name);   /* it copies: g_strv_builder_take is GLib 2.80 */
      p = close + 1;
    }
  return g_strv_builder_end (names);
}

/* The first cell of the SQLite file at @path that is one of @values, or NULL. */
static char *
file_holds_any (const char *path,
                GHashTable *values)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  char *found = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_master WHERE type = 'table'", -1,
                                       &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  g_assert_cmpuint (tables->len, >, 10);
  for (guint t = 0; found == NULL && t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\"", (char *) g_ptr_array_index (tables, t));

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      while (found == NULL && sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; found == NULL && c < sqlite3_column_count (stmt); c++)
          {
            int type = sqlite3_column_type (stmt, c);
            const char *text = (const char *) sqlite3_column_text (stmt, c);

            /* Text, and numbers as long as a URN: not row ids and counts that happen to equal
             * a four-digit establishment number. */
            if (text != NULL && (type == SQLITE_TEXT || (type == SQLITE_INTEGER && strlen (text) >= 6))
                && g_hash_table_contains (values, text))
              found = g_strdup_printf ("%s: %s", (char *) g_ptr_array_index (tables, t), text);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return found;
}

/* Issue 15's done-when: a pseudonymised export is imported into a pseudonymised copy made for
 * it, every figure docs/privacy.md says survives comes out of it equal to the original's,
 * and the copy holds no identifier, name, URN, UUID or free-text value of the full export.
 * The copy takes that export only: not a full one, not a second export (fresh pseudonyms
 * would count each child twice); and no other file takes a pseudonymised one. */
static void
test_pseudonymised_copy (void)
{
  static const char * const terms[] = { "2025/26-autumn", "2025/26-spring" };
  g_autofree char *xml = g_build_filename (tmpdir, "copy-pseudo.xml", NULL);
  g_autofree char *xml2 = g_build_filename (tmpdir, "copy-pseudo-2.xml", NULL);
  g_autofree char *full_xml = g_build_filename (tmpdir, "copy-full.xml", NULL);
  g_autofree char *copy = g_build_filename (tmpdir, "copy.db", NULL);
  g_autofree char *owned = g_build_filename (tmpdir, "copy-owned.db", NULL);
  g_autoptr(GHashTable) values = full_export_values ();
  g_auto(GStrv) figures = surviving_figures ();
  g_autofree char *found = NULL;
  g_auto(Run) run = { 0 };
  guint n_compared = 0;

  g_assert_cmpuint (g_strv_length (figures), >=, 10);
  pepctl (&run, "export", demo_path, "-o", xml, "--profile", "pseudonymised", "--all-states", NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "init", copy, "--pseudonymised", NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "import", copy, xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, ", 0 in conflict;"));
  g_assert_cmpint (file_mode (copy), ==, 0600);
  pepctl (&run, "owner", copy, NULL);
  g_assert_true (g_str_has_prefix (run.out, "pseudonymised\t"));

  for (guint t = 0; t < G_N_ELEMENTS (terms); t++)
    {
      g_auto(Run) original = { 0 }, pseudonymised = { 0 };

      pepctl (&original, "stats", demo_path, "--term", terms[t], "--json", NULL);
      pepctl (&pseudonymised, "stats", copy, "--term", terms[t], "--json", NULL);
      g_assert_cmpint (original.status, ==, 0);
      g_assert_cmpint (pseudonymised.status, ==, 0);
      for (guint i = 0; figures[i]; i++)
        {
          g_autofree char *path = g_strdup_printf ("$.groups[0].%s", figures[i]);
          g_autofree char *theirs = test_json_text (original.out, path);
          g_autofree char *ours = test_json_text (pseudonymised.out, path);

          g_assert_cmpstr (ours, ==, theirs);
          n_compared++;
        }
      /* Its PEPs carry no signatures, by design: said so, not warned of as failures, and
       * none counts as authorised. */
      g_assert_nonnull (strstr (pseudonymised.err, "a pseudonymised copy holds no signatures, so no "
                                                   "PEP in it counts as authorised"));
      g_assert_null (strstr (pseudonymised.err, "fail"));
      g_assert_cmpint (test_json_int (pseudonymised.out, "$.groups[0].authorised"), ==, 0);
      /* Not trivially equal: the term has PEPs, and ratings. */
      g_assert_cmpint (test_json_int (original.out, "$.groups[0].plans"), >, 100);
      g_assert_cmpint (test_json_int (original.out, "$.groups[0].overall.rated"), >, 50);
    }
  g_test_message ("%u figures compared", n_compared);

  found = file_holds_any (copy, values);
  if (found != NULL)
    g_error ("the pseudonymised copy holds %s from the full export", found);

  /* Read-only: the store refuses every change to a PEP, whoever asks. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PepStore) store = pep_store_open (copy, PEP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(PepPlan) plan = NULL;
    g_autoptr(PepRecord) row = NULL;
    g_autofree char *before = NULL;
    g_autofree char *after = NULL;

    g_assert_no_error (error);
    g_assert_true (pep_store_is_pseudonymised (store));
    plan = pep_store_load_plan (store, 1, &error);
    g_assert_no_error (error);
    before = test_file_checksum (copy);
    g_assert_false (pep_store_update_plan (store, plan, PEP_PLAN_VOICE_HOPES,
                                           g_variant_new_string ("Changed in the copy"), &error));
    g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_READ_ONLY);
    g_assert_nonnull (strstr (error->message, "pseudonymised copy"));
    g_clear_error (&error);
    row = pep_record_new (PEP_TABLE_TARGET);
    g_assert_false (pep_store_add_plan_row (store, plan, row, &error));
    g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    g_assert_false (pep_store_set_plan_status (store, plan, PEP_STATUS_DRAFT, &error));
    g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_READ_ONLY);
    g_clear_error (&error);
    after = test_file_checksum (copy);
    g_assert_cmpstr (before, ==, after);
  }

  /* Nothing else goes in: a full export, another pseudonymised export; and an owner never. */
  pepctl (&run, "export", demo_path, "-o", full_xml, "--all-states", NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "import", copy, full_xml, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "takes a pseudonymised export only"));
  pepctl (&run, "export", demo_path, "-o", xml2, "--profile", "pseudonymised", "--all-states", NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "import", copy, xml2, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "counted twice"));
  pepctl (&run, "import", copy, xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.err, " 0 new, 0 updated,"));
  pepctl (&run, "owner", copy, "--authority", "999", "Demoshire", NULL);
  g_assert_cmpint (run.status, !=, 0);
  g_assert_nonnull (strstr (run.err, "pseudonymised copy"));
  pepctl (&run, "export", copy, "-o", xml2, "--profile", "pseudonymised", "--all-states", NULL);
  g_assert_cmpint (run.status, ==, 2);

  /* An owned file never takes a pseudonymised document, and a pseudonymised copy is made
   * from an empty file with no owner only. */
  pepctl (&run, "init", owned, "--authority", "999", "Demoshire", NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "import", owned, xml, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "into a pseudonymised copy only"));
  pepctl (&run, "init", owned, "--pseudonymised", "--school", "123456", NULL);
  g_assert_cmpint (run.status, ==, 1);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(PepStore) store = pep_store_open (demo_path, PEP_STORE_OPEN_DEFAULT, &error);

    g_assert_no_error (error);
    g_assert_false (pep_store_make_pseudonymised (store, &error));
    g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_OWNER_SET);
    g_assert_false (pep_store_is_pseudonymised (store));
  }
}

/* A school's pseudonymised export names its school by the export's own pseudonym, in
 * Header/Sender as in its PEPs: the real URN is nowhere in it. Import holds it to the same
 * ownership rules as a full export: a school's own PEPs only, and no sign-off of its own. */
static void
test_school_sender (void)
{
  g_autofree char *school = g_build_filename (tmpdir, "sender-school.db", NULL);
  g_autofree char *full_xml = g_build_filename (tmpdir, "sender-full.xml", NULL);
  g_autofree char *all_xml = g_build_filename (tmpdir, "sender-all.xml", NULL);
  g_autofree char *drafts_xml = g_build_filename (tmpdir, "sender-drafts.xml", NULL);
  g_autofree char *copy = g_build_filename (tmpdir, "sender-copy.db", NULL);
  g_autofree char *urn = NULL;
  g_autofree char *pseudo = NULL;
  g_autofree char *sender = NULL;
  g_autofree char *sender_urn = NULL;
  g_autofree char *from = NULL;
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
  g_auto(Run) run = { 0 };
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;
  const char *p;
  guint n_peps = 0;

  /* The school with most PEPs in the demo gets its copy from the Virtual School. */
  g_assert_cmpint (sqlite3_open_v2 (demo_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT school_urn FROM plan WHERE school_urn IS NOT NULL "
                                       "GROUP BY school_urn ORDER BY count (*) DESC, school_urn LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  urn = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  pepctl (&run, "export", demo_path, "-o", full_xml, "--all-states", "--school", urn, NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "init", school, "--school", urn, NULL);
  g_assert_cmpint (run.status, ==, 0);
  {
    /* The first time, the authority key's fingerprint confirmed. */
    g_autofree char *fingerprint = test_authority_fingerprint (demo_path);

    pepctl (&run, "import", school, full_xml, "--accept-key", fingerprint, NULL);
  }
  g_assert_cmpint (run.status, ==, 0);

  pepctl (&run, "export", school, "-o", all_xml, "--profile", "pseudonymised", "--all-states",
          "--k", "2", NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_true (g_file_get_contents (all_xml, &pseudo, NULL, NULL));
  sender = g_strdup (strstr (pseudo, "<Sender>"));
  *strstr (sender, "</Sender>") = '\0';
  p = strstr (sender, "<URN>");
  g_assert_nonnull (p);
  sender_urn = g_strndup (p + 5, 6);
  g_assert_cmpstr (sender_urn, !=, urn);
  g_assert_null (strstr (pseudo, urn));
  /* Its PEPs name their school by the same pseudonym. */
  for (p = strstr (pseudo, "<PEP>"); p != NULL; p = strstr (p + 1, "<PEP>"))
    {
      const char *own = strstr (p, "<SchoolURN>");

      g_assert_nonnull (own);
      g_assert_true (strncmp (own + strlen ("<SchoolURN>"), sender_urn, 6) == 0);
      n_peps++;
    }
  g_assert_cmpuint (n_peps, >=, 10);

  /* The ownership rules hold as for a full export: the Virtual School's sign-offs are not a
   * school's to send. */
  pepctl (&run, "init", copy, "--pseudonymised", NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "import", copy, all_xml, NULL);
  g_assert_cmpint (run.status, ==, 2);
  g_assert_nonnull (strstr (run.err, "only the Virtual School's copy may change"));

  /* Its drafts, which are the school's, go in, from the school by its pseudonym. */
  g_assert_cmpint (sqlite3_open_v2 (school, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id FROM plan WHERE status = 'draft'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  g_ptr_array_add (args, g_strdup ("export"));
  g_ptr_array_add (args, g_strdup (school));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (args, g_strdup_printf ("--id=%s", (const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  g_assert_cmpuint (args->len, >=, 4);
  pepctl (&run, g_ptr_array_index (args, 0), g_ptr_array_index (args, 1), "-o", drafts_xml,
          "--profile", "pseudonymised", "--k", "2", g_ptr_array_index (args, 2),
          g_ptr_array_index (args, 3), NULL);
  g_assert_cmpint (run.status, ==, 0);
  pepctl (&run, "import", copy, drafts_xml, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_clear_pointer (&pseudo, g_free);
  g_assert_true (g_file_get_contents (drafts_xml, &pseudo, NULL, NULL));
  g_assert_null (strstr (pseudo, urn));
  p = strstr (pseudo, "<URN>");
  g_assert_nonnull (p);
  from = g_strdup_printf ("From school %.6s.", p + 5);
  g_assert_true (g_str_has_prefix (run.err, from));
}

/* Issue 15's done-when: a carer's export holds no field the policy keeps from carers; and
 * pepctl refuses a carer the full profile and says which profile it writes. */
static void
test_carer_export (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *carer = export_text (PEP_XML_PROFILE_CARER, 0, NULL, &error);
  g_autofree char *full_xml = g_build_filename (tmpdir, "carer-refused.xml", NULL);
  g_autofree char *carer_xml = g_build_filename (tmpdir, "carer.xml", NULL);
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GPtrArray) children = NULL;
  g_auto(Run) refused = { 0 }, allowed = { 0 }, pseudo = { 0 };
  guint n_checked = 0;

  g_assert_no_error (error);
  g_assert_null (strstr (carer, "<LegalStatus>"));
  g_assert_null (strstr (carer, "<QA>"));
  g_assert_null (strstr (carer, "<SWPlacementStability>"));
  g_assert_null (strstr (carer, "<SWContacts>"));
  g_assert_null (strstr (carer, "<SocialWorker>\n"));
  store = pep_store_open (demo_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  /* Every free-text value the policy keeps from carers, PEP by PEP. */
  for (gint64 id = 1; id < 400; id++)
    {
      g_autoptr(PepPlan) plan = pep_store_load_plan (store, id, NULL);
      PepRecord *content;

      if (plan == NULL)
        continue;
      content = pep_plan_get_content (plan);
      for (guint f = 0; f < PEP_PLAN_N_FIELDS; f++)
        {
          const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_PLAN, f);
          const char *text = info->type == PEP_VALUE_TEXT ? pep_record_get_text (content, f) : NULL;
          g_autofree char *element = NULL;

          /* A name may be kept in another field (the carer is named in the contacts). */
          if (text == NULL || strlen (text) < 12 || (info->flags & PEP_FIELD_NAMES)
              || pep_privacy_action (PEP_XML_PROFILE_CARER, info) != PEP_PRIVACY_DROP)
            continue;
          element = g_strdup_printf (">%s<", text);
          if (strstr (carer, element) != NULL)
            g_error ("the carer export holds %s (%s)", info->name, text);
          n_checked++;
        }
      for (guint r = 0; r < pep_plan_get_rows (plan, PEP_TABLE_RATING)->len; r++)
        {
          PepRecord *rating = g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_RATING), r);
          const char *feedback = pep_record_get_text (rating, PEP_RATING_FEEDBACK);

          if (feedback != NULL && strlen (feedback) >= 12)
            {
              g_autofree char *element = g_strdup_printf (">%s<", feedback);
              g_assert_null (strstr (carer, element));
              n_checked++;
            }
        }
    }
  g_assert_cmpuint (n_checked, >, 50);

  pepctl (&refused, "export", demo_path, "-o", full_xml, "--role", "carer", "--profile", "full", NULL);
  g_assert_cmpint (refused.status, ==, 1);
  g_assert_nonnull (strstr (refused.err, "may not export the full profile"));
  g_assert_false (g_file_test (full_xml, G_FILE_TEST_EXISTS));
  pepctl (&allowed, "export", demo_path, "-o", carer_xml, "--role", "carer", "--all-states", NULL);
  g_assert_cmpint (allowed.status, ==, 0);
  g_assert_nonnull (strstr (allowed.err, "(carer profile)"));
  g_assert_cmpint (file_mode (carer_xml), ==, 0600);
  pepctl (&pseudo, "export", demo_path, "-o", carer_xml, "--profile", "pseudonymised", "--k", "5",
          "--all-states", NULL);
  g_assert_cmpint (pseudo.status, ==, 0);
  g_assert_nonnull (strstr (pseudo.err, "k = "));
}

/* The policy ----------------------------------------------------------------------------- */

/* One line of docs/privacy.md's table for a field, as pep-privacy.c applies the policy. */
static char *
policy_row (const PepFieldInfo *info)
{
  return g_strdup_printf ("| `%s.%s` | %s | %s | %s | %s |", pep_table_get_name (info->table),
                          info->name, pep_privacy_class_to_nick (pep_privacy_class (info)),
                          pep_privacy_action_to_nick (pep_privacy_action (PEP_XML_PROFILE_FULL, info)),
                          pep_privacy_action_to_nick (pep_privacy_action (PEP_XML_PROFILE_CARER, info)),
                          pep_privacy_action_to_nick (pep_privacy_action (PEP_XML_PROFILE_PSEUDONYMISED, info)));
}

/* Every field of the registry has its line in docs/privacy.md, saying exactly what the
 * code does: a new field cannot ship unmarked, nor the code drift from the document.
 * PEP_PRIVACY_PRINT=1 prints the lines, to paste after a change of policy. */
static void
test_policy_document (void)
{
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", "docs", "privacy.md", NULL);
  g_autofree char *doc = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_rows = 0, n_fields = 0;

  g_assert_true (g_file_get_contents (path, &doc, NULL, &error));
  g_assert_no_error (error);
  lines = g_strsplit (doc, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    n_rows += g_str_has_prefix (lines[i], "| `");

  for (PepTable table = 0; table < PEP_N_TABLES; table++)
    for (guint f = 0; f < pep_table_get_n_fields (table); f++)
      {
        const PepFieldInfo *info = pep_table_get_field (table, f);
        g_autofree char *row = policy_row (info);
        g_autofree char *needle = g_strconcat ("\n", row, "\n", NULL);

        n_fields++;
        if (g_getenv ("PEP_PRIVACY_PRINT"))
          g_print ("%s\n", row);
        else if (strstr (doc, needle) == NULL)
          g_error ("docs/privacy.md does not say, as the code does:\n%s", row);
        /* Names are never kept by the pseudonymised profile; carers never see the sensitive. */
        if (info->flags & (PEP_FIELD_NAMES | PEP_FIELD_PERSONAL))
          g_assert_cmpint (pep_privacy_action (PEP_XML_PROFILE_PSEUDONYMISED, info), !=, PEP_PRIVACY_KEEP);
        if (info->flags & PEP_FIELD_SENSITIVE)
          g_assert_cmpint (pep_privacy_action (PEP_XML_PROFILE_CARER, info), ==, PEP_PRIVACY_DROP);
      }
  if (!g_getenv ("PEP_PRIVACY_PRINT"))
    g_assert_cmpuint (n_rows, ==, n_fields);
  /* sw_contacts names people: marked, so it is identifying and leaves no pseudonymised file. */
  g_assert_true (pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_SW_CONTACTS)->flags & PEP_FIELD_NAMES);
  g_assert_cmpint (pep_privacy_class (pep_table_get_field (PEP_TABLE_PLAN, PEP_PLAN_SW_CONTACTS)), ==,
                   PEP_PRIVACY_IDENTIFYING);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepDemoOptions options;
  int status;

  /* Files must be private whatever the umask: test under the usual one, which is not. */
  umask (022);
  g_test_init (&argc, &argv, NULL);

  tmpdir = test_make_tmpdir ();
  demo_path = g_build_filename (tmpdir, "demo.db", NULL);
  store = pep_store_open (demo_path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  pep_demo_options_init (&options);
  options.n_children = 200;
  options.n_terms = 2;
  options.seed = 15;
  g_assert_true (pep_term_parse ("2025/26-spring", &options.last_term));
  g_assert_true (pep_demo_generate (store, &options, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_object (&store);

  g_test_add_func ("/pep/privacy/private-file", test_private_file);
  g_test_add_func ("/pep/privacy/export-modes", test_export_modes);
  g_test_add_func ("/pep/privacy/pepctl-warns", test_pepctl_warns);
  g_test_add_func ("/pep/privacy/names", test_names);
  g_test_add_func ("/pep/privacy/policy-document", test_policy_document);
  g_test_add_func ("/pep/privacy/pseudonymised", test_pseudonymised);
  g_test_add_func ("/pep/privacy/pseudonymised-copy", test_pseudonymised_copy);
  g_test_add_func ("/pep/privacy/school-sender", test_school_sender);
  g_test_add_func ("/pep/privacy/carer-export", test_carer_export);
  g_test_add_func ("/pep/privacy/pepctl-escapes", test_pepctl_escapes);

  status = g_test_run ();
  test_remove_tree (tmpdir);
  g_free (demo_path);
  g_free (tmpdir);
  return status;
}
