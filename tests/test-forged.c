/* test-forged.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Issue 12's forged exchange files. A school's copy is made from the Virtual School's (a
 * demo) the way a school would get one, its real export is taken, and each attack is made
 * on that export as an attacker would: edited with libxml2 and every digest it touches
 * recomputed (digests are unkeyed, so anyone can). Each forged file is refused by the
 * Virtual School's copy with the element's path and the reason, and the Virtual School's
 * file is left exactly as it was. The export itself, untouched, imports.
 */

#include "config.h"

#include <libxml/tree.h>
#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "pep-authority-trust.h"
#include "pep-copy-owner.h"
#include "pep-demo.h"
#include "pep-key-pins.h"
#include "pep-store-exchange.h"
#include "pep-upn.h"
#include "pep-workflow.h"
#include "pep-xml-export.h"
#include "pep-xml-import.h"
#include "pep-xml-private.h"
#include "test-util.h"

typedef struct
{
  char     *dir;
  PepStore *vs;        /* the Virtual School's copy */
  PepStore *school;    /* one school's copy, made from the Virtual School's */
  gint64    urn;       /* that school */
  GBytes   *export;    /* the school's real export, every PEP of its school */
} World;

static World world;

/* Setting up ------------------------------------------------------------------------------ */

static PepStore *
open_store (const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (world.dir, name, NULL);
  PepStore *store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_autoptr(GDateTime) when = g_date_time_new_utc (2026, 9, 1, 10, 0, 0);

  g_assert_no_error (error);
  pep_store_set_fixed_time (store, when);
  pep_store_set_actor (store, "Test Importer", PEP_ROLE_ADMINISTRATOR);
  return store;
}

static GBytes *
export_school (PepStore *store,
               gint64    urn)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 8, 31, 9, 0, 0);
  PepXmlExportOptions options;
  GBytes *bytes;

  pep_xml_export_options_init (&options);
  options.all_states = TRUE;
  options.school_urn = urn;
  options.time = now;
  bytes = pep_xml_export_to_bytes (store, &options, NULL, &error);
  g_assert_no_error (error);
  return bytes;
}

static gint64
raw_int (PepStore   *store,
         const char *sql)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 value = 0;

  g_assert_cmpint (sqlite3_open_v2 (pep_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
world_set_up (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepCopyOwner) owner = NULL;
  g_autoptr(GBytes) from_vs = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  PepDemoOptions options;

  world.dir = test_make_tmpdir ();
  world.vs = open_store ("virtual-school.db");
  pep_demo_options_init (&options);
  options.n_children = 60;
  options.n_terms = 3;
  options.seed = 5;
  options.last_term = (PepTermId) { 2025, PEP_TERM_SUMMER };
  pep_demo_generate (world.vs, &options, NULL, NULL, &error);
  g_assert_no_error (error);

  /* The school with a draft, a submitted and a signed-off PEP, the most PEPs first. */
  world.urn = raw_int (world.vs,
    "SELECT school_urn FROM plan GROUP BY school_urn"
    " HAVING sum (status = 'draft') > 0 AND sum (status = 'submitted') > 0"
    "    AND sum (status = 'signed-off') > 0"
    " ORDER BY count(*) DESC, school_urn LIMIT 1");
  g_assert_cmpint (world.urn, >, 0);

  /* The school's copy starts from what the Virtual School sends it. */
  world.school = open_store ("school.db");
  owner = pep_copy_owner_new_school (world.urn);
  pep_store_set_owner (world.school, owner, &error);
  g_assert_no_error (error);
  /* Once, the authority's officers list, its key's fingerprint confirmed. */
  test_take_officers (world.school, world.vs);
  from_vs = export_school (world.vs, world.urn);
  report = pep_xml_import (world.school, g_bytes_get_data (from_vs, NULL),
                           g_bytes_get_size (from_vs), PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->counts[PEP_XML_OUTCOME_NEW], ==, report->items->len);

  world.export = export_school (world.school, world.urn);
}

static void
world_tear_down (void)
{
  g_clear_object (&world.vs);
  g_clear_object (&world.school);
  g_clear_pointer (&world.export, g_bytes_unref);
  test_remove_tree (world.dir);
  g_free (world.dir);
}

/* A checksum of every row of every table of the Virtual School's file. */
static char *
content_checksum (PepStore *store)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (pep_store_get_path (store), &db, SQLITE_OPEN_READONLY, NULL),
                   ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table'"
                                       " ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint t = 0; t < tables->len; t++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1",
                                              (char *) g_ptr_array_index (tables, t));

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_checksum_update (sum, (const guchar *) sql, -1);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        for (int c = 0; c < sqlite3_column_count (stmt); c++)
          {
            const unsigned char *text = sqlite3_column_text (stmt, c);

            g_checksum_update (sum, text ? text : (const guchar *) "\x01NULL", -1);
            g_checksum_update (sum, (const guchar *) "\x1f", 1);
          }
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_strdup (g_checksum_get_string (sum));
}

/* Forging --------------------------------------------------------------------------------- */

static xmlNode *
child_named (xmlNode    *parent,
             const char *name)
{
  for (xmlNode *c = pep_xml_first_element (parent); c != NULL; c = pep_xml_next_element (c))
    if (xmlStrEqual (c->name, BAD_CAST name))
      return c;
  return NULL;
}

static char *
text_in (xmlNode    *parent,
         const char *name)
{
  xmlNode *node = child_named (parent, name);

  return node ? pep_xml_node_text (node) : NULL;
}

static void
set_text (xmlNode    *parent,
          const char *name,
          const char *text)
{
  xmlNode *node = child_named (parent, name);

  g_assert_nonnull (node);
  xmlNodeSetContent (node, BAD_CAST text);
}

/* What anyone can do: the record's digest made to match what it now says. */
static void
redigest (xmlNode *record)
{
  g_autofree char *digest = pep_xml_node_canonical_digest (record);

  set_text (record, "Digest", digest);
}

static void
bump_revision (xmlNode *pep)
{
  g_autofree char *revision = text_in (pep, "Revision");
  g_autofree char *bumped = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             g_ascii_strtoll (revision, NULL, 10) + 1);

  set_text (pep, "Revision", bumped);
}

/* The @n-th PEP (from 0) of the document whose status here is @status, and its place. */
static xmlNode *
find_pep (xmlDoc     *doc,
          const char *status,
          guint       n,
          guint      *index)
{
  guint i = 0;

  for (xmlNode *c = pep_xml_first_element (xmlDocGetRootElement (doc)); c != NULL;
       c = pep_xml_next_element (c))
    {
      g_autofree char *s = NULL;

      if (!xmlStrEqual (c->name, BAD_CAST "PEP"))
        continue;
      i++;
      s = text_in (c, "Status");
      if (g_strcmp0 (s, status) == 0 && n-- == 0)
        {
          *index = i;
          return c;
        }
    }
  g_error ("no PEP %s in the school's export", status);
  return NULL;
}

static xmlNode *
find_pupil (xmlDoc  *doc,
            xmlNode *pep,
            guint   *index)
{
  g_autofree char *uuid = text_in (pep, "PupilUUID");
  guint i = 0;

  for (xmlNode *c = pep_xml_first_element (xmlDocGetRootElement (doc)); c != NULL;
       c = pep_xml_next_element (c))
    {
      g_autofree char *u = NULL;

      if (!xmlStrEqual (c->name, BAD_CAST "Pupil"))
        continue;
      i++;
      u = text_in (c, "UUID");
      if (g_strcmp0 (u, uuid) == 0)
        {
          *index = i;
          return c;
        }
    }
  g_error ("the PEP's pupil is not in the export");
  return NULL;
}

static xmlDoc *
parse_export (void)
{
  xmlDoc *doc = xmlReadMemory (g_bytes_get_data (world.export, NULL),
                               (int) g_bytes_get_size (world.export), NULL, "UTF-8",
                               XML_PARSE_NONET | XML_PARSE_NOBLANKS);

  g_assert_nonnull (doc);
  return doc;
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

/* @bytes imported into the Virtual School's copy: refused with an error that names @path
 * and says @reason, and its file unchanged. */
static void
assert_refused (GBytes     *bytes,
                const char *path,
                const char *reason)
{
  g_autofree char *before = content_checksum (world.vs);
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PepXmlImportReport) report =
    pep_xml_import (world.vs, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                    PEP_XML_IMPORT_DEFAULT, &error);

  g_assert_null (report);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  if (!g_str_has_prefix (error->message, path) || strstr (error->message, reason) == NULL)
    g_error ("expected “%s: …%s…”, got “%s”", path, reason, error->message);
  g_assert_true (error->domain == PEP_XML_ERROR);
  after = content_checksum (world.vs);
  g_assert_cmpstr (before, ==, after);
}

/* The attacks ----------------------------------------------------------------------------- */

/* The school's own export, untouched, is accepted: what is refused below is the forgery. */
static void
test_untouched (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *before = content_checksum (world.vs);
  g_autofree char *after = NULL;
  g_autoptr(PepXmlImportReport) report =
    pep_xml_import (world.vs, g_bytes_get_data (world.export, NULL),
                    g_bytes_get_size (world.export), PEP_XML_IMPORT_DRY_RUN, &error);

  g_autofree char *sender = g_strdup_printf ("school %" G_GINT64_FORMAT, world.urn);

  g_assert_no_error (error);
  g_assert_cmpstr (report->sender, ==, sender);
  g_assert_cmpuint (report->counts[PEP_XML_OUTCOME_UNCHANGED], ==, report->items->len);
  after = content_checksum (world.vs);
  g_assert_cmpstr (before, ==, after);
}

/* A submitted PEP, or a draft with no signatures and no ratings, turned signed-off with a
 * forged advisor's signature. */
static void
test_signed_off_by_school (void)
{
  static const char *statuses[] = { "submitted", "draft" };

  for (guint s = 0; s < G_N_ELEMENTS (statuses); s++)
    {
      xmlDoc *doc = parse_export ();
      guint index;
      xmlNode *pep = find_pep (doc, statuses[s], 0, &index);
      xmlNode *signoff = child_named (pep, "Signoff");
      g_autofree char *path = g_strdup_printf ("/PEPExchange/PEP[%u]/Status", index);
      g_autoptr(GBytes) forged = NULL;

      set_text (pep, "Status", "signed-off");
      bump_revision (pep);
      if (signoff != NULL)
        {
          xmlNode *signature = xmlNewChild (signoff, signoff->ns, BAD_CAST "Signature", NULL);

          xmlNewChild (signature, signoff->ns, BAD_CAST "Role", BAD_CAST "vs-advisor");
          xmlNewChild (signature, signoff->ns, BAD_CAST "Name", BAD_CAST "Forged Advisor");
          xmlNewChild (signature, signoff->ns, BAD_CAST "SignedAt", BAD_CAST "2025-07-20T10:00:00Z");
        }
      redigest (pep);
      forged = dump (doc);
      xmlFreeDoc (doc);
      assert_refused (forged, path, "a school's copy changes sign-off");
    }
}

/* A PEP signed off here marked superseded, with an amendment of it arriving signed off and
 * the social worker's section rewritten by the school; or marked superseded alone. */
static void
test_superseded_by_school (void)
{
  for (guint alone = 0; alone < 2; alone++)
    {
      xmlDoc *doc = parse_export ();
      guint index;
      xmlNode *pep = find_pep (doc, "signed-off", 0, &index);
      g_autofree char *path = g_strdup_printf ("/PEPExchange/PEP[%u]/Status", index);
      g_autofree char *uuid = text_in (pep, "UUID");
      g_autoptr(GBytes) forged = NULL;

      set_text (pep, "Status", "superseded");
      bump_revision (pep);
      redigest (pep);
      if (!alone)
        {
          xmlNode *amendment = xmlCopyNode (pep, 1);
          xmlNode *sw = child_named (amendment, "SocialWorker");
          xmlNode *status = child_named (amendment, "Status");
          char new_uuid[37];

          g_strlcpy (new_uuid, "0f0f0f0f-1111-4222-8333-444455556666", sizeof new_uuid);
          xmlAddNextSibling (pep, amendment);
          set_text (amendment, "UUID", new_uuid);
          set_text (amendment, "Status", "signed-off");
          set_text (amendment, "Revision", "1");
          xmlAddNextSibling (child_named (amendment, "ReviewReason") ? child_named (amendment, "ReviewReason")
                                                                     : status,
                             xmlNewNode (amendment->ns, BAD_CAST "Amends"));
          set_text (amendment, "Amends", uuid);
          if (sw == NULL)
            {
              sw = xmlNewNode (amendment->ns, BAD_CAST "SocialWorker");
              xmlAddPrevSibling (child_named (amendment, "Carer") ? child_named (amendment, "Carer")
                                                                 : child_named (amendment, "Signoff"),
                                 sw);
            }
          if (child_named (sw, "SWContacts") != NULL)
            set_text (sw, "SWContacts", "Rewritten by the school");
          else
            {
              xmlNode *contacts = xmlNewNode (sw->ns, BAD_CAST "SWContacts");

              xmlNodeSetContent (contacts, BAD_CAST "Rewritten by the school");
              if (pep_xml_first_element (sw) != NULL)
                xmlAddPrevSibling (pep_xml_first_element (sw), contacts);
              else
                xmlAddChild (sw, contacts);
            }
          redigest (amendment);
        }
      forged = dump (doc);
      xmlFreeDoc (doc);
      assert_refused (forged, path, "a school's copy changes a signed-off PEP superseded");
    }
}

/* A child's name, date of birth and UPN rewritten by bumping the revision of a draft. */
static void
test_identity_by_revision (void)
{
  xmlDoc *doc = parse_export ();
  guint index, pupil_index;
  xmlNode *pep = find_pep (doc, "draft", 0, &index);
  xmlNode *pupil = find_pupil (doc, pep, &pupil_index);
  g_autofree char *upn = pep_upn_make (999, 1002, 19, 777);
  g_autofree char *path = NULL;
  g_autofree char *before = content_checksum (world.vs);
  g_autofree char *after = NULL;
  g_autoptr(GBytes) forged = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PepXmlImportReport) dry = NULL;
  gboolean saw_surname = FALSE;

  bump_revision (pep);
  redigest (pep);
  set_text (pupil, "Surname", "Someone-Else");
  {
    /* A year earlier, so that every other date still follows it. */
    g_autofree char *dob = text_in (pupil, "DOB");
    g_autofree char *earlier = g_strdup_printf ("%04d-%.2s-%02d", atoi (dob) - 1, dob + 5,
                                                MIN (atoi (dob + 8), 28));

    set_text (pupil, "DOB", earlier);
  }
  if (child_named (pupil, "UPN") != NULL)
    set_text (pupil, "UPN", upn);
  redigest (pupil);
  forged = dump (doc);
  xmlFreeDoc (doc);

  /* The dry run lists each change, and changes nothing. */
  dry = pep_xml_import (world.vs, g_bytes_get_data (forged, NULL), g_bytes_get_size (forged),
                        PEP_XML_IMPORT_DRY_RUN, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dry->identity_changes->len, >=, 2);
  g_assert_false (dry->identity_applied);
  for (guint i = 0; i < dry->identity_changes->len; i++)
    {
      PepXmlIdentityChange *change = g_ptr_array_index (dry->identity_changes, i);
      g_autofree char *prefix = g_strdup_printf ("/PEPExchange/Pupil[%u]/", pupil_index);

      g_assert_true (g_str_has_prefix (change->path, prefix));
      saw_surname |= g_str_has_suffix (change->path, "/Surname")
                     && g_strcmp0 (change->new_value, "Someone-Else") == 0;
    }
  g_assert_true (saw_surname);
  after = content_checksum (world.vs);
  g_assert_cmpstr (before, ==, after);

  /* Unconfirmed, it is refused at the first of them. */
  path = g_strdup_printf ("/PEPExchange/Pupil[%u]/", pupil_index);
  assert_refused (forged, path, "would change");
}

/* Change lines injected into a signed-off PEP's AuditSummary (outside the digest), dated
 * 2019 by a headteacher, on a PEP otherwise unchanged. */
static void
test_history_injected (void)
{
  xmlDoc *doc = parse_export ();
  guint index;
  xmlNode *pep = find_pep (doc, "signed-off", 1, &index);
  xmlNode *summary = child_named (pep, "AuditSummary");
  xmlNode *change;
  g_autofree char *path = g_strdup_printf ("/PEPExchange/PEP[%u]/AuditSummary/Change[", index);
  g_autoptr(GBytes) forged = NULL;

  if (summary == NULL)
    {
      summary = xmlNewNode (pep->ns, BAD_CAST "AuditSummary");
      xmlAddPrevSibling (child_named (pep, "Digest"), summary);
    }
  change = xmlNewChild (summary, pep->ns, BAD_CAST "Change", NULL);
  xmlNewProp (change, BAD_CAST "at", BAD_CAST "2019-03-01T09:00:00Z");
  xmlNewProp (change, BAD_CAST "who", BAD_CAST "Someone");
  xmlNewProp (change, BAD_CAST "role", BAD_CAST "headteacher");
  xmlNewProp (change, BAD_CAST "action", BAD_CAST "update");
  xmlNewProp (change, BAD_CAST "field", BAD_CAST "voice_hopes");
  forged = dump (doc);
  xmlFreeDoc (doc);
  assert_refused (forged, path, "a signed-off PEP's history is closed");
  g_assert_cmpint (raw_int (world.vs, "SELECT count(*) FROM audit WHERE at LIKE '2019%'"), ==, 0);
}

/* Gold on a section the rubric rates red, amber or green only. */
static void
test_gold_on_rag (void)
{
  xmlDoc *doc = parse_export ();
  guint index = 0, found = 0;
  g_autofree char *path = NULL;
  g_autoptr(GBytes) forged = NULL;

  for (guint n = 0; found == 0; n++)
    {
      xmlNode *pep = find_pep (doc, "signed-off", n, &index);
      xmlNode *qa = child_named (pep, "QA");
      guint r = 0;

      for (xmlNode *c = qa ? pep_xml_first_element (qa) : NULL; c != NULL; c = pep_xml_next_element (c))
        {
          g_autofree char *section = NULL;

          if (!xmlStrEqual (c->name, BAD_CAST "SectionRating"))
            continue;
          r++;
          section = text_in (c, "Section");
          if (g_strcmp0 (section, "attainment") == 0 && child_named (c, "Rating") != NULL)
            {
              set_text (c, "Rating", "gold");
              found = r;
              break;
            }
        }
      if (found)
        redigest (pep);
    }
  path = g_strdup_printf ("/PEPExchange/PEP[%u]/QA/SectionRating[%u]", index, found);
  forged = dump (doc);
  xmlFreeDoc (doc);
  assert_refused (forged, path, "");
}

/* A PEP for a child at another school than the sender's. */
static void
test_other_school (void)
{
  xmlDoc *doc = parse_export ();
  guint index;
  xmlNode *pep = find_pep (doc, "submitted", 0, &index);
  gint64 other = raw_int (world.vs, "SELECT urn FROM school ORDER BY urn LIMIT 1");
  g_autofree char *urn = NULL;
  g_autofree char *path = g_strdup_printf ("/PEPExchange/PEP[%u]/SchoolURN", index);
  g_autoptr(GBytes) forged = NULL;

  if (other == world.urn)
    other = raw_int (world.vs, "SELECT urn FROM school ORDER BY urn DESC LIMIT 1");
  urn = g_strdup_printf ("%" G_GINT64_FORMAT, other);
  set_text (pep, "SchoolURN", urn);
  redigest (pep);
  forged = dump (doc);
  xmlFreeDoc (doc);
  assert_refused (forged, path, "another school");
}

/* Import writes each PEP as it is read: a PEP it refuses while the rest is still being read
 * must not hide a problem later in the document, which a reader of the whole document finds
 * first (the schema's, then a record's), and nothing is kept either way. */
static void
test_refused_then_late_problem (void)
{
  xmlDoc *doc = parse_export ();
  xmlNode *root = xmlDocGetRootElement (doc);
  xmlNode *last = NULL;
  guint index, n_peps = 0;
  xmlNode *pep = find_pep (doc, "submitted", 0, &index);
  gint64 other = raw_int (world.vs, "SELECT urn FROM school ORDER BY urn LIMIT 1");
  g_autofree char *urn = NULL;
  g_autofree char *digest_path = NULL;
  g_autofree char *bogus_path = NULL;
  g_autofree char *forged_path = g_strdup_printf ("/PEPExchange/PEP[%u]/SchoolURN", index);

  if (other == world.urn)
    other = raw_int (world.vs, "SELECT urn FROM school ORDER BY urn DESC LIMIT 1");
  urn = g_strdup_printf ("%" G_GINT64_FORMAT, other);
  set_text (pep, "SchoolURN", urn);
  redigest (pep);
  for (xmlNode *c = pep_xml_first_element (root); c != NULL; c = pep_xml_next_element (c))
    if (xmlStrEqual (c->name, BAD_CAST "PEP"))
      {
        last = c;
        n_peps++;
      }
  g_assert_cmpuint (index, <, n_peps);

  /* Alone, the forged PEP is refused. */
  {
    g_autoptr(GBytes) forged = dump (doc);

    assert_refused (forged, forged_path, "another school");
  }

  /* With the last PEP's digest wrong, that is what is told. */
  {
    g_autofree char *digest = text_in (last, "Digest");
    g_autoptr(GBytes) forged = NULL;

    g_assert_true (digest != NULL && digest[0] != '\0');
    digest[0] = digest[0] == '0' ? '1' : '0';
    set_text (last, "Digest", digest);
    digest_path = g_strdup_printf ("/PEPExchange/PEP[%u]/Digest", n_peps);
    forged = dump (doc);
    assert_refused (forged, digest_path, "does not match");
  }

  /* With an element the schema does not know at the end, that is. */
  {
    g_autoptr(GBytes) forged = NULL;

    xmlNewChild (last, last->ns, BAD_CAST "Bogus", NULL);
    bogus_path = g_strdup_printf ("/PEPExchange/PEP[%u]/Bogus", n_peps);
    forged = dump (doc);
    assert_refused (forged, bogus_path, "not expected");
  }
  xmlFreeDoc (doc);
}

/* A file from another authority's Virtual School, or from another school, is not this
 * copy's counterpart: refused whole. */
static void
test_other_sender (void)
{
  xmlDoc *doc = parse_export ();
  xmlNode *header = child_named (xmlDocGetRootElement (doc), "Header");
  xmlNode *sender = child_named (header, "Sender");
  xmlNode *school = child_named (sender, "School");
  g_autoptr(GBytes) forged = NULL;

  /* Another school's copy sending to the school's. */
  set_text (school, "URN", "654321");
  forged = dump (doc);
  {
    g_autofree char *before = content_checksum (world.school);
    g_autofree char *after = NULL;
    g_autoptr(GError) error = NULL;
    g_autoptr(PepXmlImportReport) report =
      pep_xml_import (world.school, g_bytes_get_data (forged, NULL), g_bytes_get_size (forged),
                      PEP_XML_IMPORT_DEFAULT, &error);

    g_assert_null (report);
    g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/Header/Sender: sent by another school"));
    after = content_checksum (world.school);
    g_assert_cmpstr (before, ==, after);
  }
  g_clear_pointer (&forged, g_bytes_unref);

  /* Another authority's Virtual School sending to this one. */
  xmlUnlinkNode (school);
  xmlFreeNode (school);
  {
    xmlNode *authority = xmlNewChild (sender, sender->ns, BAD_CAST "Authority", NULL);

    xmlNewChild (authority, sender->ns, BAD_CAST "LEA", BAD_CAST "123");
  }
  forged = dump (doc);
  xmlFreeDoc (doc);
  assert_refused (forged, "/PEPExchange/Header/Sender", "another authority's Virtual School");
}

/* And what a school may do goes through: it submits its draft, the Virtual School takes it. */
static void
test_school_submits (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(PepWorkflow) teacher = test_workflow_new (world.school, rubric, "Dee Teacher",
                                                     PEP_ROLE_DESIGNATED_TEACHER);
  gint64 id = raw_int (world.school, "SELECT id FROM plan WHERE status = 'draft' ORDER BY id LIMIT 1");
  g_autoptr(PepPlan) plan = pep_store_load_plan (world.school, id, &error);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;

  g_assert_no_error (error);
  g_assert_true (pep_workflow_submit (teacher, plan, &error));
  g_assert_no_error (error);
  bytes = export_school (world.school, world.urn);

  /* Dee Teacher is new at the school: the Virtual School has not pinned their key, so the
   * file is refused, with the fingerprint to confirm, and nothing changes. */
  {
    g_autofree char *fingerprint = pep_signing_key_dup_fingerprint (pep_workflow_get_signing_key (teacher));
    g_autofree char *reason = g_strdup_printf ("Confirm its fingerprint %s with the school", fingerprint);
    const char *accepted[] = { fingerprint, NULL };
    g_autoptr(PepXmlImportReport) dry = NULL;
    PepXmlKeyChange *change;

    assert_refused (bytes, "/PEPExchange/PEP[", reason);
    dry = pep_xml_import (world.vs, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                          PEP_XML_IMPORT_DRY_RUN, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dry->new_keys->len, ==, 1);
    change = g_ptr_array_index (dry->new_keys, 0);
    g_assert_cmpstr (change->name, ==, "Dee Teacher");
    g_assert_cmpstr (change->fingerprint, ==, fingerprint);
    g_assert_false (change->pinned);

    /* Had the Virtual School pinned an older key of Dee's, the new one is a change, which
     * needs confirming too. */
    {
      g_autoptr(PepSigningKey) older = pep_signing_key_new_demo (6, "Dee Teacher", "designated-teacher");
      g_autofree char *subject = g_strdup_printf ("school %" G_GINT64_FORMAT, world.urn);

      g_assert_true (pep_store_pin_key (world.vs, subject, pep_signing_key_get_public_key (older),
                                        "Dee Teacher", "designated-teacher", &error));
      g_assert_no_error (error);
      assert_refused (bytes, "/PEPExchange/PEP[",
                      "now signs with a different key from the one this copy pinned");
    }

    /* Confirmed with the school: pinned (the older key marked replaced), and taken. */
    report = pep_xml_import_full (world.vs, g_bytes_get_data (bytes, NULL),
                                  g_bytes_get_size (bytes), PEP_XML_IMPORT_DEFAULT, NULL, NULL,
                                  accepted, &error);
    g_assert_no_error (error);
    g_assert_true (((PepXmlKeyChange *) g_ptr_array_index (report->new_keys, 0))->pinned);
    g_assert_nonnull (((PepXmlKeyChange *) g_ptr_array_index (report->new_keys, 0))->replaces);
    g_assert_cmpint (raw_int (world.vs, "SELECT count(*) FROM pinned_key WHERE name = 'Dee Teacher'"
                                        " AND replaced_at IS NOT NULL"), ==, 1);
  }
  g_assert_cmpuint (report->counts[PEP_XML_OUTCOME_UPDATED], ==, 1);
  g_assert_cmpint (raw_int (world.vs, "SELECT count(*) FROM sender_history"), >, 0);
}

static GBytes *
export_ids (PepStore *store,
            gint64    id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 8, 31, 9, 0, 0);
  PepXmlExportOptions options;
  GBytes *bytes;

  g_autofree char *path = g_build_filename (world.dir, "step.xml", NULL);
  g_autofree char *contents = NULL;
  gsize length;

  /* As pepctl exports: to a file, recording what was sent, so that the next import can
   * tell which copy changed since. */
  pep_xml_export_options_init (&options);
  options.plan_ids = &id;
  options.n_plan_ids = 1;
  options.time = now;
  options.record_sync = TRUE;
  pep_xml_export (store, &options, path, NULL, &error);
  g_assert_no_error (error);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return bytes;
}

static void
import_updated (PepStore *store,
                GBytes   *bytes)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepXmlImportReport) report =
    pep_xml_import (store, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                    PEP_XML_IMPORT_DEFAULT, &error);

  g_assert_no_error (error);
  if (report->counts[PEP_XML_OUTCOME_UPDATED] != 1)
    g_error ("not updated: %s", ((PepXmlImportItem *) g_ptr_array_index (report->items, 0))->detail);
}

static PepPlan *
load_by_uuid (PepStore   *store,
              const char *uuid)
{
  g_autoptr(GError) error = NULL;
  gint64 id = pep_store_exchange_find_plan (store, uuid, &error);
  PepPlan *plan;

  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  plan = pep_store_load_plan (store, id, &error);
  g_assert_no_error (error);
  return plan;
}

/* The whole way, each step in its own copy and travelling as an export: the Virtual School
 * returns the submitted PEP with a follow-up, the school does it and resubmits, QA approves
 * and the advisor authorises; both copies end with the same signed-off PEP. */
/* A sign-off by a key not on the authority's list: a copy claiming to be the Virtual School's
 * (its file copied, its list re-signed by a key of its own, with Mallory on it) authorises a
 * PEP and exports it; the school's copy, which pinned the real authority key, refuses it with
 * the path and the reason, and is left as it was. */
static void
test_unlisted_advisor (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rogue_path = g_build_filename (world.dir, "rogue.db", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (pep_store_get_path (world.vs));
  g_autoptr(GFile) to = g_file_new_for_path (rogue_path);
  g_autoptr(PepStore) rogue = NULL;
  g_autoptr(PepOfficers) list = NULL;
  g_autoptr(PepSigningKey) fake = pep_signing_key_new_demo (99, "Demoshire County Council (invented)",
                                                            "authority");
  g_autoptr(PepSigningKey) mallory = pep_signing_key_new_demo (5, "Mallory Advisor", "vs-advisor");
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(PepWorkflow) advisor = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  PepOfficer officer = { .name = "Mallory Advisor", .role = "advisor",
                         .public_key = (char *) pep_signing_key_get_public_key (mallory),
                         .valid_from = "2020-09-01" };
  gint64 id;

  /* A checkpoint, so that the copy holds everything. */
  g_clear_object (&world.vs);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  world.vs = open_store ("virtual-school.db");
  rogue = open_store ("rogue.db");
  list = pep_store_get_trusted_officers (rogue, &error);
  g_assert_no_error (error);
  g_assert_true (pep_officers_add (list, &officer, &error));
  g_assert_true (pep_authority_publish (rogue, list, fake, &error));
  g_assert_no_error (error);

  id = raw_int (rogue, "SELECT id FROM plan WHERE status = 'approved' ORDER BY id LIMIT 1");
  g_assert_cmpint (id, >, 0);
  plan = pep_store_load_plan (rogue, id, &error);
  g_assert_no_error (error);
  advisor = test_workflow_new (rogue, rubric, "Mallory Advisor", PEP_ROLE_ADVISOR);
  g_assert_true (pep_workflow_authorise (advisor, plan, "Looks fine.", &error));
  g_assert_no_error (error);
  bytes = export_ids (rogue, id);

  before = content_checksum (world.school);
  report = pep_xml_import (world.school, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                           PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_null (report);
  g_assert_error (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "/PEPExchange/PEP/Signoff: "));
  g_assert_nonnull (strstr (error->message, "Mallory Advisor"));
  g_assert_nonnull (strstr (error->message, "is not on the officers list of"));
  g_clear_error (&error);
  after = content_checksum (world.school);
  g_assert_cmpstr (before, ==, after);

  /* And the real Virtual School's copy, whose list has no Mallory, will not let them act. */
  {
    g_autoptr(PepWorkflow) in_vs = test_workflow_new (world.vs, rubric, "Mallory Advisor", PEP_ROLE_ADVISOR);
    g_autoptr(PepPlan) same = pep_store_load_plan (world.vs, id, &error);

    g_assert_no_error (error);
    g_assert_false (pep_workflow_authorise (in_vs, same, "Looks fine.", &error));
    g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED);
    g_clear_error (&error);
  }
}

/* An officer whose days on the list are over can no longer act, nor be taken as signing. */
static void
test_officer_out_of_dates (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepSigningKey) authority = pep_authority_key_load (world.vs, NULL, &error);
  g_autoptr(PepSigningKey) olive = pep_signing_key_new_demo (5, "Olive Former", "qa-officer");
  g_autoptr(PepOfficers) list = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(PepWorkflow) qa = NULL;
  g_autoptr(PepPlan) plan = NULL;
  PepOfficer officer = { .name = "Olive Former", .role = "qa-officer",
                         .public_key = (char *) pep_signing_key_get_public_key (olive),
                         .valid_from = "2023-09-01", .valid_to = "2025-08-31" };
  gint64 id;

  g_assert_no_error (error);
  list = pep_store_get_trusted_officers (world.vs, &error);
  g_assert_no_error (error);
  g_assert_true (pep_officers_add (list, &officer, &error));
  g_assert_true (pep_authority_publish (world.vs, list, authority, &error));
  g_assert_no_error (error);

  id = raw_int (world.vs, "SELECT id FROM plan WHERE status = 'submitted' ORDER BY id LIMIT 1");
  plan = pep_store_load_plan (world.vs, id, &error);
  g_assert_no_error (error);
  qa = test_workflow_new (world.vs, rubric, "Olive Former", PEP_ROLE_QA_OFFICER);
  g_assert_false (pep_workflow_return (qa, plan, &(PepFollowUpAction) { "More, please.", "designated-teacher", NULL },
                                       1, &error));
  g_assert_error (error, PEP_WORKFLOW_ERROR, PEP_WORKFLOW_ERROR_NOT_ALLOWED);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "from 2023-09-01 to 2025-08-31, not on 2026-09-01"));
}

static void
test_round_trip (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(PepWorkflow) teacher = test_workflow_new (world.school, rubric, "Dee Teacher",
                                                     PEP_ROLE_DESIGNATED_TEACHER);
  g_autoptr(PepWorkflow) qa = test_workflow_new (world.vs, rubric, "Quinn Officer", PEP_ROLE_QA_OFFICER);
  g_autoptr(PepWorkflow) advisor = test_workflow_new (world.vs, rubric, "Ada Advisor", PEP_ROLE_ADVISOR);
  gint64 id = raw_int (world.school, "SELECT id FROM plan WHERE status = 'submitted' ORDER BY id DESC LIMIT 1");
  g_autofree char *uuid = pep_store_exchange_plan_uuid (world.school, id, &error);
  g_autoptr(PepPlan) plan = NULL;
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  PepFollowUpAction action = { "Add the child's own words to the targets.", "designated-teacher", NULL };

  g_assert_no_error (error);

  /* The Virtual School returns it. */
  plan = load_by_uuid (world.vs, uuid);
  g_assert_true (pep_workflow_return (qa, plan, &action, 1, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = export_ids (world.vs, pep_plan_get_id (plan));
    import_updated (world.school, bytes);
  }
  g_clear_object (&plan);

  /* The school does what was asked and resubmits. */
  plan = load_by_uuid (world.school, uuid);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_RETURNED);
  g_assert_true (pep_workflow_set_field (teacher, plan, PEP_PLAN_VOICE_HOPES,
                                         g_variant_new_string ("To be a vet."), &error));
  g_assert_no_error (error);
  g_assert_true (pep_workflow_set_follow_up_status (teacher, plan,
                   g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_FOLLOW_UP), 0), "done", &error));
  g_assert_no_error (error);
  g_assert_true (pep_workflow_submit (teacher, plan, &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = export_ids (world.school, pep_plan_get_id (plan));
    import_updated (world.vs, bytes);
  }
  g_clear_object (&plan);

  /* QA approves, the advisor authorises, and the school receives it signed off. */
  plan = load_by_uuid (world.vs, uuid);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_VOICE_HOPES), ==, "To be a vet.");
  {
    g_autoptr(PepChecks) checks = pep_checks_new_for_store (world.vs, rubric, plan, &error);

    g_assert_no_error (error);
    for (guint i = 0; i < pep_rubric_get_n_sections (rubric); i++)
      {
        PepSection section = pep_rubric_get_section (rubric, i);

        if (!pep_rubric_rates (rubric, section, pep_plan_get_kind (plan)))
          continue;
        pep_workflow_rate_section (qa, plan, checks, section, PEP_RATING_GREEN,
                                   "Read by hand.", "Good.", &error);
        g_assert_no_error (error);
      }
  }
  pep_workflow_rate_overall (qa, plan, PEP_RATING_GREEN, "Good enough now.", &error);
  g_assert_no_error (error);
  g_assert_true (pep_workflow_approve (qa, plan, &error));
  g_assert_no_error (error);
  g_assert_true (pep_workflow_authorise (advisor, plan, "Well done.", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) bytes = export_ids (world.vs, pep_plan_get_id (plan));
    import_updated (world.school, bytes);
  }
  ours = pep_xml_plan_digest (world.vs, plan, &error);
  g_clear_object (&plan);
  plan = load_by_uuid (world.school, uuid);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_SIGNED_OFF);
  theirs = pep_xml_plan_digest (world.school, plan, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ours, ==, theirs);

  /* Each step was signed with its own person's key, and pepctl verify passes both copies. */
  {
    /* The designated teacher's submission (signed again on resubmission; the demo's social
     * worker signed beside it), QA's return and approval, the advisor's authorisation. */
    static const char *chain[][2] = {
      { "qa-officer", "returned" }, { "qa-officer", "approved" }, { "vs-advisor", "signed-off" },
    };
    GPtrArray *signoffs = pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF);
    PepStore *copies[] = { world.school, world.vs };

    g_assert_cmpuint (signoffs->len, >=, G_N_ELEMENTS (chain) + 1);
    g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (signoffs, 0), PEP_SIGNOFF_ROLE), ==,
                     "designated-teacher");
    g_assert_cmpstr (pep_record_get_text (g_ptr_array_index (signoffs, 0), PEP_SIGNOFF_STATUS), ==,
                     "submitted");
    for (guint i = 0; i < G_N_ELEMENTS (chain); i++)
      {
        PepRecord *row = g_ptr_array_index (signoffs, signoffs->len - G_N_ELEMENTS (chain) + i);

        g_assert_cmpstr (pep_record_get_text (row, PEP_SIGNOFF_ROLE), ==, chain[i][0]);
        g_assert_cmpstr (pep_record_get_text (row, PEP_SIGNOFF_STATUS), ==, chain[i][1]);
      }
    for (guint i = 0; i < signoffs->len; i++)
      g_assert_nonnull (pep_record_get_text (g_ptr_array_index (signoffs, i), PEP_SIGNOFF_VALUE));
    for (guint c = 0; c < G_N_ELEMENTS (copies); c++)
      {
        const char *argv[] = { g_getenv ("PEPCTL"), "verify", pep_store_get_path (copies[c]), NULL };
        g_autofree char *out = NULL, *err = NULL;
        int wait_status;

        g_assert_nonnull (argv[0]);
        g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err,
                      &wait_status, &error);
        g_assert_no_error (error);
        g_assert_true (WIFEXITED (wait_status));
        if (WEXITSTATUS (wait_status) != 0)
          g_error ("pepctl verify %s: %s%s", pep_store_get_path (copies[c]), out, err);
        g_assert_cmpstr (out, ==, "");
      }
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  world_set_up ();

  g_test_add_func ("/pep/forged/untouched", test_untouched);
  g_test_add_func ("/pep/forged/signed-off-by-school", test_signed_off_by_school);
  g_test_add_func ("/pep/forged/superseded-by-school", test_superseded_by_school);
  g_test_add_func ("/pep/forged/identity-by-revision", test_identity_by_revision);
  g_test_add_func ("/pep/forged/history-injected", test_history_injected);
  g_test_add_func ("/pep/forged/gold-on-rag", test_gold_on_rag);
  g_test_add_func ("/pep/forged/other-school", test_other_school);
  g_test_add_func ("/pep/forged/other-sender", test_other_sender);
  g_test_add_func ("/pep/forged/refused-then-late-problem", test_refused_then_late_problem);
  g_test_add_func ("/pep/forged/school-submits", test_school_submits);
  g_test_add_func ("/pep/forged/unlisted-advisor", test_unlisted_advisor);
  g_test_add_func ("/pep/forged/officer-out-of-dates", test_officer_out_of_dates);
  g_test_add_func ("/pep/forged/round-trip", test_round_trip);

  status = g_test_run ();
  world_tear_down ();
  return status;
}
