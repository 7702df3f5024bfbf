/* test-xml-export.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PEP exchange format on the way out: the schema against the registry, schema-valid
 * output, the same bytes for the same data, profiles, selection and file permissions.
 * Every child in these files is invented by the demo generator.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <sqlite3.h>
#include <string.h>
#include <sys/stat.h>

#include "pep-demo.h"
#include "pep-sha256.h"
#include "pep-xml-export.h"
#include "pep-xml-private.h"
#include "test-util.h"

static PepStore *
make_demo (const char *dir,
           const char *name,
           guint       n_children)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (dir, name, NULL);
  PepStore *store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  PepDemoOptions options;

  g_assert_no_error (error);
  pep_demo_options_init (&options);
  options.n_children = n_children;
  options.n_terms = 3;
  options.seed = 11;
  options.last_term = (PepTermId) { 2025, PEP_TERM_SUMMER };
  pep_demo_generate (store, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  return store;
}

static GDateTime *
fixed_time (void)
{
  return g_date_time_new_utc (2025, 7, 21, 9, 0, 0);
}

static GBytes *
export (PepStore      *store,
        PepXmlProfile  profile,
        gboolean       all_states,
        guint         *n)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = fixed_time ();
  PepXmlExportOptions options;
  GBytes *bytes;

  pep_xml_export_options_init (&options);
  options.profile = profile;
  options.all_states = all_states;
  options.time = now;
  bytes = pep_xml_export_to_bytes (store, &options, n, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return bytes;
}

static char *
source_path (const char *relative)
{
  return g_build_filename (g_getenv ("G_TEST_SRCDIR") ? g_getenv ("G_TEST_SRCDIR") : ".", "..",
                           relative, NULL);
}

/* The schema against the registry ------------------------------------------------------ */

static xmlNode *
find_child (xmlNode    *parent,
            const char *element,
            const char *name)
{
  for (xmlNode *c = parent->children; c != NULL; c = c->next)
    {
      xmlChar *n;
      gboolean match;

      if (c->type != XML_ELEMENT_NODE || !xmlStrEqual (c->name, BAD_CAST element))
        continue;
      if (name == NULL)
        return c;
      n = xmlGetProp (c, BAD_CAST "name");
      match = n != NULL && g_str_equal ((const char *) n, name);
      xmlFree (n);
      if (match)
        return c;
    }
  return NULL;
}

static xmlNode *
find_descendant (xmlNode    *node,
                 const char *element,
                 const char *name)
{
  xmlNode *found = find_child (node, element, name);

  for (xmlNode *c = node->children; found == NULL && c != NULL; c = c->next)
    if (c->type == XML_ELEMENT_NODE && !xmlStrEqual (c->name, BAD_CAST "element"))
      found = find_descendant (c, element, name);
  return found;
}

static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *copy = g_strdup ((const char *) value);

  xmlFree (value);
  return copy;
}

/* Checks that the xs:element for @info says what the registry says. */
static void
check_element (xmlNode            *element,
               const PepFieldInfo *info,
               const char         *where)
{
  g_autofree char *type = prop (element, "type");
  g_autofree char *min_occurs = prop (element, "minOccurs");
  xmlNode *restriction = find_descendant (element, "restriction", NULL);

  if (info->table != PEP_TABLE_SCHOOL || info->index != PEP_SCHOOL_URN)
    g_assert_cmpstr (min_occurs, ==, "0");

  /* A review's link to a target is a reference in the document, not the row id. */
  if (info->table == PEP_TABLE_TARGET_REVIEW && info->index == PEP_TARGET_REVIEW_PREVIOUS_TARGET)
    {
      g_assert_cmpstr (type, ==, "pep:TargetRef");
      return;
    }

  switch (info->type)
    {
    case PEP_VALUE_TEXT:
      g_assert_cmpstr (type, ==, "pep:Text");
      break;
    case PEP_VALUE_DATE:
      g_assert_cmpstr (type, ==, "pep:Date");
      break;
    case PEP_VALUE_DATETIME:
      g_assert_cmpstr (type, ==, "pep:DateTime");
      break;
    case PEP_VALUE_BOOL:
      g_assert_cmpstr (type, ==, "xs:boolean");
      break;
    case PEP_VALUE_CHOICE:
      {
        guint n_choices = 0, n_enums = 0;

        g_assert_nonnull (restriction);
        for (const PepChoice *c = info->choices; c->nick != NULL; c++)
          n_choices++;
        for (xmlNode *e = restriction->children; e != NULL; e = e->next)
          if (e->type == XML_ELEMENT_NODE && xmlStrEqual (e->name, BAD_CAST "enumeration"))
            {
              g_autofree char *value = prop (e, "value");

              if (pep_field_find_choice (info, value) == NULL)
                g_error ("%s: ‘%s’ is not a choice of the registry", where, value);
              n_enums++;
            }
        g_assert_cmpuint (n_enums, ==, n_choices);
      }
      break;
    case PEP_VALUE_INT:
    case PEP_VALUE_MONEY:
    case PEP_VALUE_REAL:
    default:
      if (info->min == info->max)
        g_assert_cmpstr (type, ==, info->type == PEP_VALUE_INT ? "xs:long"
                                   : info->type == PEP_VALUE_MONEY ? "pep:Pence" : "pep:Number");
      else
        {
          xmlNode *lo, *hi;
          g_autofree char *base = NULL;
          g_autofree char *lo_value = NULL;
          g_autofree char *hi_value = NULL;

          g_assert_nonnull (restriction);
          base = prop (restriction, "base");
          g_assert_cmpstr (base, ==, info->type == PEP_VALUE_INT ? "xs:long"
                                     : info->type == PEP_VALUE_MONEY ? "pep:Pence" : "pep:Number");
          lo = find_descendant (restriction, "minInclusive", NULL);
          hi = find_descendant (restriction, "maxInclusive", NULL);
          g_assert_nonnull (lo);
          g_assert_nonnull (hi);
          lo_value = prop (lo, "value");
          hi_value = prop (hi, "value");
          g_assert_cmpfloat (g_ascii_strtod (lo_value, NULL), ==, info->min);
          g_assert_cmpfloat (g_ascii_strtod (hi_value, NULL), ==, info->max);
        }
      break;
    }
}

/* The complexType a slot's element is declared in, by the naming of the XSD. */
static char *
type_name_for (PepTable          table,
               const PepXmlSlot *slot)
{
  if (table == PEP_TABLE_SCHOOL)
    return g_strdup ("SchoolType");
  if (table == PEP_TABLE_CHILD)
    return slot->group ? g_strdup_printf ("Pupil%sType", slot->group) : g_strdup ("PupilType");
  if (table == PEP_TABLE_PLAN)
    return pep_xml_subgroup (table, slot->field) ? g_strdup ("YearDataType")
                                                 : g_strdup_printf ("%sType", slot->group);
  return g_strdup_printf ("%sType", pep_xml_row_element (table));
}

static void
test_schema_covers_registry (void)
{
  g_autofree char *path = source_path ("data/schema/pep-exchange.xsd");
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  xmlNode *schema;
  guint checked = 0;

  g_assert_nonnull (doc);
  schema = xmlDocGetRootElement (doc);
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    {
      const PepXmlSlot *slots;
      guint n;

      slots = pep_xml_layout (t, &n);
      g_assert_cmpuint (n, ==, pep_table_get_n_fields (t));
      for (guint i = 0; i < n; i++)
        {
          const PepFieldInfo *info = pep_table_get_field (t, slots[i].field);
          g_autofree char *type_name = type_name_for (t, &slots[i]);
          g_autofree char *where = g_strdup_printf ("%s.%s (%s/%s)", pep_table_get_name (t),
                                                    info->name, type_name, slots[i].element);
          xmlNode *type = find_child (schema, "complexType", type_name);
          xmlNode *element;

          if (type == NULL)
            g_error ("%s: the schema has no complexType %s", where, type_name);
          element = find_descendant (type, "element", slots[i].element);
          if (element == NULL)
            g_error ("%s: the schema has no element for this field", where);
          check_element (element, info, where);
          checked++;
        }
    }
  g_assert_cmpuint (checked, >, 150);
  xmlFreeDoc (doc);
}

static void
test_element_names (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "meeting_date", "MeetingDate" }, { "attendance_ytd", "AttendanceYTD" },
    { "ppplus_allocated", "PPPlusAllocated" }, { "early-years", "EarlyYears" },
    { "bursary_16_19", "Bursary1619" }, { "sw_sensitive_issues", "SWSensitiveIssues" },
    { "la_child_id", "LAChildID" }, { "send", "SEND" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = pep_xml_element_name (cases[i].in);
      g_assert_cmpstr (name, ==, cases[i].out);
    }
}

/* Output -------------------------------------------------------------------------------- */

static void
test_valid_and_deterministic (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(PepStore) a = make_demo (dir, "a.db", 60);
  g_autoptr(PepStore) b = (g_usleep (G_USEC_PER_SEC + 100000), make_demo (dir, "b.db", 60));
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;
  g_autoptr(GBytes) three = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml_path = g_build_filename (dir, "out.xml", NULL);
  g_autofree char *xsd = source_path ("data/schema/pep-exchange.xsd");
  g_autofree char *xmllint = g_find_program_in_path ("xmllint");
  gsize size;
  guint n = 0;

  one = export (a, PEP_XML_PROFILE_FULL, FALSE, &n);
  g_assert_cmpuint (n, >, 20);
  two = export (a, PEP_XML_PROFILE_FULL, FALSE, NULL);
  three = export (b, PEP_XML_PROFILE_FULL, FALSE, NULL);
  g_assert_true (g_bytes_equal (one, two));
  g_assert_true (g_bytes_equal (one, three));

  pep_xml_validate (g_bytes_get_data (one, &size), g_bytes_get_size (one), &error);
  g_assert_no_error (error);

  if (xmllint != NULL)
    {
      const char *argv[] = { xmllint, "--noout", "--nonet", "--schema", xsd, xml_path, NULL };
      int status = -1;

      test_write_file (xml_path, g_bytes_get_data (one, NULL), (gssize) g_bytes_get_size (one));
      g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL | G_SPAWN_STDERR_TO_DEV_NULL,
                    NULL, NULL, NULL, NULL, &status, &error);
      g_assert_no_error (error);
      g_assert_true (g_spawn_check_wait_status (status, NULL));
    }
  else
    g_test_message ("xmllint not found: the schema was checked by libxml2 only");
  test_remove_tree (dir);
}

static gboolean
has_element (GBytes     *bytes,
             const char *element)
{
  g_autofree char *open = g_strdup_printf ("<%s>", element);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));

  return strstr (text, open) != NULL;
}

static void
test_profiles (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(PepStore) store = make_demo (dir, "p.db", 60);
  g_autoptr(GBytes) full = export (store, PEP_XML_PROFILE_FULL, TRUE, NULL);
  g_autoptr(GBytes) carer = export (store, PEP_XML_PROFILE_CARER, TRUE, NULL);
  g_autoptr(GBytes) pseudo = export (store, PEP_XML_PROFILE_PSEUDONYMISED, TRUE, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *pseudo_text = NULL;

  /* Each profile is a valid document. */
  pep_xml_validate (g_bytes_get_data (carer, NULL), g_bytes_get_size (carer), &error);
  g_assert_no_error (error);
  pep_xml_validate (g_bytes_get_data (pseudo, NULL), g_bytes_get_size (pseudo), &error);
  g_assert_no_error (error);

  g_assert_true (has_element (full, "SWSensitiveIssues") || has_element (full, "SWFamilyTime"));
  g_assert_true (has_element (full, "Surname"));
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    {
      const PepXmlSlot *slots;
      guint n;

      slots = pep_xml_layout (t, &n);
      for (guint i = 0; i < n; i++)
        {
          const PepFieldInfo *info = pep_table_get_field (t, slots[i].field);

          if (info->flags & PEP_FIELD_SENSITIVE)
            {
              g_assert_false (has_element (carer, slots[i].element));
              g_assert_false (has_element (pseudo, slots[i].element));
            }
          if (info->flags & PEP_FIELD_PERSONAL)
            g_assert_false (has_element (pseudo, slots[i].element));
        }
    }
  g_assert_true (has_element (carer, "Surname"));
  g_assert_false (has_element (pseudo, "Surname"));
  g_assert_false (has_element (pseudo, "Forename"));
  g_assert_false (has_element (pseudo, "DOB"));
  /* Issue 15: initials with a school and a year group single a child out; none are sent. */
  g_assert_false (has_element (pseudo, "Initials"));

  /* Staff names as pseudonyms made for this export: "Person N", never the name. */
  pseudo_text = g_strndup (g_bytes_get_data (pseudo, NULL), g_bytes_get_size (pseudo));
  g_assert_nonnull (strstr (pseudo_text, "<DesignatedTeacher>"));
  for (const char *p = strstr (pseudo_text, "<DesignatedTeacher>"); p != NULL;
       p = strstr (p + 1, "<DesignatedTeacher>"))
    g_assert_true (g_str_has_prefix (p + strlen ("<DesignatedTeacher>"), "Person "));
  test_remove_tree (dir);
}

static gboolean
count_listing (const PepPlanListing *listing,
               gpointer              user_data)
{
  guint *counts = user_data;

  counts[0]++;
  if (listing->status == PEP_STATUS_SIGNED_OFF || listing->status == PEP_STATUS_SUPERSEDED)
    counts[1]++;
  return TRUE;
}

static void
test_selection (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(PepStore) store = make_demo (dir, "s.db", 40);
  g_autoptr(GDateTime) now = fixed_time ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  PepXmlExportOptions options;
  PepPlanQuery query = { 0 };
  guint counts[2] = { 0, 0 };
  guint n = 0;
  gint64 one_id = 1;

  pep_store_foreach_plan (store, NULL, count_listing, counts, &error);
  g_assert_no_error (error);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = export (store, PEP_XML_PROFILE_FULL, TRUE, &n);
  g_assert_cmpuint (n, ==, counts[0]);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = export (store, PEP_XML_PROFILE_FULL, FALSE, &n);
  g_assert_cmpuint (n, ==, counts[1]);

  /* By term. */
  counts[0] = counts[1] = 0;
  query.has_term = TRUE;
  query.term = (PepTermId) { 2025, PEP_TERM_SPRING };
  pep_store_foreach_plan (store, &query, count_listing, counts, &error);
  g_assert_no_error (error);
  pep_xml_export_options_init (&options);
  options.time = now;
  options.has_term = TRUE;
  options.term = query.term;
  options.all_states = TRUE;
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = pep_xml_export_to_bytes (store, &options, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, >=, counts[0]);   /* and what amendments amend */
  g_assert_cmpuint (n, >, 0);

  /* By hand, in any state; a PEP that is not there is an error. */
  pep_xml_export_options_init (&options);
  options.time = now;
  options.plan_ids = &one_id;
  options.n_plan_ids = 1;
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = pep_xml_export_to_bytes (store, &options, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  one_id = 999999;
  g_assert_null (pep_xml_export_to_bytes (store, &options, &n, &error));
  g_assert_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND);
  test_remove_tree (dir);
}

static gboolean
collect_id (const PepPlanListing *listing,
            gpointer              user_data)
{
  g_array_append_val ((GArray *) user_data, listing->id);
  return TRUE;
}

/* The UUIDs of the document's PEPs that carry ChangedAfterSignOff with @nick. */
static GPtrArray *
pep_uuids_marked (GBytes     *bytes,
                  const char *nick)
{
  GPtrArray *uuids = g_ptr_array_new_with_free_func (g_free);
  xmlDoc *doc = xmlReadMemory (g_bytes_get_data (bytes, NULL), (int) g_bytes_get_size (bytes),
                               NULL, "UTF-8", XML_PARSE_NONET | XML_PARSE_NOBLANKS);

  g_assert_nonnull (doc);
  for (xmlNode *c = xmlDocGetRootElement (doc)->children; c != NULL; c = c->next)
    {
      char *uuid = NULL;
      gboolean marked = FALSE;

      if (c->type != XML_ELEMENT_NODE || !g_str_equal ((const char *) c->name, "PEP"))
        continue;
      for (xmlNode *e = c->children; e != NULL; e = e->next)
        {
          g_autofree char *text = NULL;

          if (e->type != XML_ELEMENT_NODE)
            continue;
          text = (char *) xmlNodeGetContent (e);
          if (g_str_equal ((const char *) e->name, "UUID"))
            uuid = g_strdup (text);
          else if (g_str_equal ((const char *) e->name, "ChangedAfterSignOff"))
            marked = g_str_equal (text, nick);
        }
      if (marked)
        g_ptr_array_add (uuids, g_steal_pointer (&uuid));
      g_free (uuid);
    }
  xmlFreeDoc (doc);
  return uuids;
}

/* Export verifies every signature, windows of PEPs ahead of the one it writes: a signature
 * that holds for another PEP's sign-off (swapped in, in the file) is bad for this one, in the
 * first window and in a later one alike, and no other PEP is marked; so too when the PEPs
 * exported are a few spread over the file. */
static void
test_signatures_ahead (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *path = g_build_filename (dir, "sig.db", NULL);
  g_autoptr(PepStore) store = make_demo (dir, "sig.db", 120);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GBytes) before = NULL;
  g_autoptr(GBytes) after = NULL;
  g_autoptr(GPtrArray) marked = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *first_uuid = NULL;
  g_autofree char *last_uuid = NULL;
  gint64 first = 0, last = 0;
  guint last_at = 0;
  sqlite3 *db;
  sqlite3_stmt *stmt;

  pep_store_foreach_plan (store, NULL, collect_id, ids, &error);
  g_assert_no_error (error);
  g_array_sort (ids, test_compare_int64);
  before = export (store, PEP_XML_PROFILE_FULL, TRUE, NULL);
  marked = pep_uuids_marked (before, "bad-signature");
  g_assert_cmpuint (marked->len, ==, 0);
  g_clear_pointer (&marked, g_ptr_array_unref);
  g_clear_object (&store);

  /* The first and the last PEP with a signature swap their first signatures. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT min (plan_id), max (plan_id) FROM signoff "
                                           "WHERE value IS NOT NULL", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  first = sqlite3_column_int64 (stmt, 0);
  last = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  for (guint i = 0; i < ids->len; i++)
    if (g_array_index (ids, gint64, i) == last)
      last_at = i;
  /* Past the first two windows of 128 PEPs: verified from a later query than the first. */
  g_assert_cmpuint (last_at, >=, 256);
  g_assert_cmpint (first, <, last);
  test_drop_lock_triggers (path);
  {
    g_autofree char *sql = g_strdup_printf (
      "CREATE TEMP TABLE pick AS SELECT plan_id, min (position) AS position FROM signoff "
      "  WHERE value IS NOT NULL AND plan_id IN (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ") GROUP BY plan_id;"
      "CREATE TEMP TABLE val AS SELECT s.plan_id, s.value FROM signoff s JOIN pick USING (plan_id, position);"
      "UPDATE signoff SET value = (SELECT value FROM val WHERE val.plan_id != signoff.plan_id) "
      "  WHERE (plan_id, position) IN (SELECT plan_id, position FROM pick);", first, last);

    test_sql_exec (path, sql);
  }

  store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(PepPlan) plan = pep_store_load_plan (store, i == 0 ? first : last, &error);

      g_assert_no_error (error);
      if (i == 0)
        first_uuid = g_strdup (pep_plan_get_uuid (plan));
      else
        last_uuid = g_strdup (pep_plan_get_uuid (plan));
    }
  after = export (store, PEP_XML_PROFILE_FULL, TRUE, NULL);
  marked = pep_uuids_marked (after, "bad-signature");
  g_assert_cmpuint (marked->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (marked, 0), ==, first_uuid);
  g_assert_cmpstr (g_ptr_array_index (marked, 1), ==, last_uuid);
  g_clear_pointer (&marked, g_ptr_array_unref);

  /* The same of a few PEPs spread over the file, read run by run. */
  {
    g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));
    g_autoptr(GDateTime) now = fixed_time ();
    g_autoptr(GBytes) bytes = NULL;
    PepXmlExportOptions options;

    g_array_append_val (some, first);
    for (guint i = 0; i < ids->len; i += 29)
      if (g_array_index (ids, gint64, i) != first && g_array_index (ids, gint64, i) != last)
        g_array_append_val (some, g_array_index (ids, gint64, i));
    g_array_append_val (some, last);
    g_array_sort (some, test_compare_int64);
    pep_xml_export_options_init (&options);
    options.time = now;
    options.plan_ids = (const gint64 *) (gpointer) some->data;
    options.n_plan_ids = some->len;
    bytes = pep_xml_export_to_bytes (store, &options, NULL, &error);
    g_assert_no_error (error);
    marked = pep_uuids_marked (bytes, "bad-signature");
    g_assert_cmpuint (marked->len, ==, 2);
    g_assert_cmpstr (g_ptr_array_index (marked, 0), ==, first_uuid);
    g_assert_cmpstr (g_ptr_array_index (marked, 1), ==, last_uuid);
  }
  test_remove_tree (dir);
}

/* The Export dialog shows a count before anything is written: the same PEPs the export
 * writes, found by a query, for every way of choosing them and every profile. */
static void
test_count_is_the_export (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *unowned_path = g_build_filename (dir, "unowned.db", NULL);
  g_autoptr(PepStore) store = make_demo (dir, "c.db", 40);
  g_autoptr(PepStore) unowned = NULL;
  g_autoptr(GDateTime) now = fixed_time ();
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) some = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GError) error = NULL;
  guint checked = 0;

  pep_store_foreach_plan (store, NULL, collect_id, ids, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < ids->len; i += 5)
    g_array_append_val (some, g_array_index (ids, gint64, i));

  for (guint way = 0; way < 6; way++)
    {
      g_autoptr(GBytes) bytes = NULL;
      PepXmlExportOptions options;
      guint counted = G_MAXUINT, exported = 0;

      pep_xml_export_options_init (&options);
      options.time = now;
      options.all_states = way % 2 == 0;
      if (way >= 2 && way < 4)
        {
          options.has_term = TRUE;
          options.term = (PepTermId) { 2025, way == 2 ? PEP_TERM_SPRING : PEP_TERM_SUMMER };
        }
      if (way == 4)
        {
          options.plan_ids = (const gint64 *) some->data;
          options.n_plan_ids = some->len;
        }
      g_assert_true (pep_xml_export_count (store, &options, &counted, &error));
      g_assert_no_error (error);
      bytes = pep_xml_export_to_bytes (store, &options, &exported, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (counted, ==, exported);
      checked += counted;
    }
  g_assert_cmpuint (checked, >, some->len);

  /* A pseudonymised document's k is the count's too, found from the pupils without writing
   * their PEPs: the same k reached, or the same refusal. */
  for (guint k = 2; k <= 1000; k += 998)
    {
      g_autoptr(GBytes) bytes = NULL;
      g_autoptr(GError) count_error = NULL;
      g_autoptr(GError) export_error = NULL;
      PepXmlExportOptions options;
      guint counted = G_MAXUINT, exported = 0, k_counted = 0, k_exported = 0;
      gboolean counts;

      pep_xml_export_options_init (&options);
      options.time = now;
      options.profile = PEP_XML_PROFILE_PSEUDONYMISED;
      options.k_anonymity = k;
      options.k_reached = &k_counted;
      counts = pep_xml_export_count (store, &options, &counted, &count_error);
      options.k_reached = &k_exported;
      bytes = pep_xml_export_to_bytes (store, &options, &exported, &export_error);
      g_assert_cmpint (counts, ==, bytes != NULL);
      g_assert_cmpuint (k_counted, ==, k_exported);
      if (bytes != NULL)
        g_assert_cmpuint (counted, ==, exported);
      else
        {
          g_assert_cmpuint (k, ==, 1000);
          g_assert_error (count_error, export_error->domain, export_error->code);
          g_assert_cmpstr (count_error->message, ==, export_error->message);
        }
    }

  /* What the export refuses, the count refuses with the same reason. */
  unowned = pep_store_open (unowned_path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  {
    PepXmlExportOptions options;
    guint counted = 0;

    pep_xml_export_options_init (&options);
    options.time = now;
    g_assert_false (pep_xml_export_count (unowned, &options, &counted, &error));
    g_assert_error (error, PEP_XML_ERROR, PEP_XML_ERROR_NO_OWNER);
  }
  g_clear_object (&unowned);
  g_clear_object (&store);
  test_remove_tree (dir);
}

static void
test_file_permissions (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autoptr(PepStore) store = make_demo (dir, "f.db", 20);
  g_autofree char *path = g_build_filename (dir, "out.xml", NULL);
  g_autoptr(GDateTime) now = fixed_time ();
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  PepXmlExportOptions options;
  GStatBuf st;
  guint n;

  /* An older file with looser permissions is replaced, not reused. */
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  g_chmod (path, 0644);

  pep_xml_export_options_init (&options);
  options.time = now;
  pep_xml_export (store, &options, path, &n, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  first = test_file_checksum (path);

  pep_xml_export (store, &options, path, &n, &error);
  g_assert_no_error (error);
  second = test_file_checksum (path);
  g_assert_cmpstr (first, ==, second);

  /* Nothing left beside it. */
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;
    guint count = 0;

    while ((name = g_dir_read_name (d)) != NULL)
      count += g_str_has_prefix (name, "out.xml");
    g_assert_cmpuint (count, ==, 1);
  }
  test_remove_tree (dir);
}

/* Whether a row of the docs' "Enumerated values" table has @element in its first column
 * and the value @nick in the others. */
static void
assert_documented (GStrv       lines,
                   const char *element,
                   const char *nick)
{
  g_autofree char *cell = g_strdup_printf ("`%s`", element);
  g_autofree char *value = g_strdup_printf ("`%s`", nick);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *second = g_str_has_prefix (lines[i], "| `") ? strchr (lines[i] + 1, '|') : NULL;
      const char *at = second != NULL ? strstr (lines[i], cell) : NULL;

      if (at != NULL && at < second && strstr (second, value) != NULL)
        return;
    }
  g_error ("docs/xml-format.md, Enumerated values: %s should list %s", element, value);
}

/* A third party writes the format from the docs alone: every value of every choice in the
 * registry, and every status, kind, role and section, is in the docs' table. */
static void
test_docs_list_every_value (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "xml-format.md", NULL);
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (text, "\n", -1);

  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    for (guint i = 0; i < pep_table_get_n_fields (t); i++)
      {
        const PepFieldInfo *info = pep_table_get_field (t, i);
        g_autofree char *element = NULL;

        if (info->choices == NULL)
          continue;
        /* The CTF's name for the pupil's gender. */
        element = t == PEP_TABLE_CHILD && i == PEP_CHILD_GENDER ? g_strdup ("Sex")
                                                                 : pep_xml_element_name (info->name);
        for (guint c = 0; info->choices[c].nick != NULL; c++)
          assert_documented (lines, element, info->choices[c].nick);
      }
  for (PepStatus i = 0; i < PEP_N_STATUSES; i++)
    assert_documented (lines, "Status", pep_status_to_nick (i));
  for (PepKind i = 0; i < PEP_N_KINDS; i++)
    assert_documented (lines, "Kind", pep_kind_to_nick (i));
  for (PepTerm i = 0; i < PEP_N_TERMS; i++)
    assert_documented (lines, "Term", pep_term_to_nick (i));
  for (PepRole i = 0; i < PEP_N_ROLES; i++)
    assert_documented (lines, "role", pep_role_to_nick (i));
  for (PepSection i = 0; i < PEP_N_SECTIONS; i++)
    {
      g_autofree char *id = g_strdup_printf ("`%s`", pep_section_to_nick (i));
      const char *list = strstr (text, "**Section ids**");

      g_assert_nonnull (list);
      if (strstr (list, id) == NULL)
        g_error ("docs/xml-format.md: the section ids should list %s", id);
    }
}

/* The check beside the writer (pep_xml_stream_check_begin()) reads quickly, building
 * nothing, and leaves any doubt to the whole reading: its verdict and its words are those of
 * pep_xml_check_stream() on the same bytes, for good documents and bad ones alike. */
static void
test_stream_check_is_the_check (void)
{
  const char *names[] = { "valid.xml", "carer-profile.xml", "wrong-namespace.xml",
                          "future-version.xml", "impossible-date.xml", "truncated.xml",
                          "external-entity.xml", "billion-laughs.xml", "duplicate-ids.xml",
                          "tampered-digest.xml" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *path = g_test_build_filename (G_TEST_DIST, "xml", names[i], NULL);
      g_autofree char *data = NULL;
      g_autoptr(GError) whole_error = NULL;
      g_autoptr(GError) stream_error = NULL;
      g_autoptr(GBytes) bytes = NULL;
      PepXmlStreamCheck *check;
      gsize length;
      gboolean whole;

      g_assert_true (g_file_get_contents (path, &data, &length, NULL));
      whole = pep_xml_check_stream (data, length, NULL, NULL, &whole_error);
      check = pep_xml_stream_check_begin (NULL);
      g_assert_nonnull (check);
      /* In pieces, as the writer hands them over. */
      for (gsize at = 0; at < length; at += 1000)
        pep_xml_stream_check_write (check, data + at, (int) MIN (1000, length - at));
      bytes = pep_xml_stream_check_end (check, &stream_error);
      g_test_message ("%s: %s", names[i], whole_error ? whole_error->message : "passes");
      g_assert_cmpint (bytes != NULL, ==, whole);
      if (whole)
        g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, length);
      else
        {
          g_assert_nonnull (stream_error);
          /* A DOCTYPE the whole check refuses from the bytes, before reading; the stream's
           * when the parser comes to it, in other words. */
          if (strstr (data, "<!DOCTYPE") != NULL)
            continue;
          g_assert_true (g_error_matches (stream_error, whole_error->domain, whole_error->code));
          g_assert_cmpstr (stream_error->message, ==, whole_error->message);
        }
    }
}

/* The digests' SHA-256 (pep-sha256.c, Nettle's) gives GLib's sums, at every length around a
 * block's and fed in pieces of any size. */
static void
test_sha256_is_glibs (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (17);
  guint8 data[3000];

  for (guint i = 0; i < sizeof data; i++)
    data[i] = (guint8) g_rand_int (rand);
  for (gsize n = 0; n < sizeof data; n += n < 300 ? 1 : 97)
    {
      g_autofree char *glib = g_compute_checksum_for_data (G_CHECKSUM_SHA256, data, n);
      g_autofree char *whole = pep_sha256_hex (data, n);
      g_autofree char *pieces = NULL;
      PepSha256 sum;

      g_assert_cmpstr (whole, ==, glib);
      pep_sha256_init (&sum);
      for (gsize at = 0; at < n;)
        {
          gsize piece = (gsize) g_rand_int_range (rand, 1, 150);

          piece = MIN (piece, n - at);
          pep_sha256_update (&sum, data + at, piece);
          at += piece;
        }
      pieces = pep_sha256_end_hex (&sum);
      g_assert_cmpstr (pieces, ==, glib);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pep/xml-export/element-names", test_element_names);
  g_test_add_func ("/pep/xml-export/docs-list-every-value", test_docs_list_every_value);
  g_test_add_func ("/pep/xml-export/schema-covers-registry", test_schema_covers_registry);
  g_test_add_func ("/pep/xml-export/valid-and-deterministic", test_valid_and_deterministic);
  g_test_add_func ("/pep/xml-export/profiles", test_profiles);
  g_test_add_func ("/pep/xml-export/selection", test_selection);
  g_test_add_func ("/pep/xml-export/count-is-the-export", test_count_is_the_export);
  g_test_add_func ("/pep/xml-export/signatures-ahead", test_signatures_ahead);
  g_test_add_func ("/pep/xml-export/file-permissions", test_file_permissions);
  g_test_add_func ("/pep/xml-export/stream-check-is-the-check", test_stream_check_is_the_check);
  g_test_add_func ("/pep/xml-export/sha256-is-glibs", test_sha256_is_glibs);

  return g_test_run ();
}
