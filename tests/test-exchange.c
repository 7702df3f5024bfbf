/* test-exchange.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Export… and Import… in the app, driven through the dialog's test hooks (no file chooser)
 * on a demo file in a private temporary folder: the export summary comes before anything
 * is written and the file written is valid; the import's dry run shows the counts and
 * changes nothing, the import then adds the PEPs; a tampered file is refused with the
 * importer's message, naming the element, and the file is unchanged. The authority's key
 * and a school's designated teachers' keys are shown for confirming and pinned only once
 * the box is ticked; a forged profile is refused. Runs under Xvfb (suite 'ui').
 */

#include "config.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>

#include "pep-authority-trust.h"
#include "pep-copy-owner.h"
#include "pep-demo.h"
#include "pep-exchange-dialog.h"
#include "pep-store.h"
#include "pep-store-exchange.h"
#include "pep-workflow.h"
#include "pep-xml-import.h"
#include "pep-xml-export.h"
#include "test-util.h"

#define N_CHILDREN   40
#define WAIT_SECONDS 120

static char *tmpdir;
static char *db_path;

static gboolean
first_plan (const PepPlanListing *listing,
            gpointer              user_data)
{
  *(gint64 *) user_data = listing->id;
  return FALSE;
}

static gint64
count_plans (const char *path)
{
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  gint64 n;

  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  n = pep_store_count (store, PEP_TABLE_PLAN, &error);
  g_assert_no_error (error);
  return n;
}

/* Spins the main loop while the dialog's worker runs. */
static void
wait_for_worker (PepExchangeDialog *dialog)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_SECONDS * G_USEC_PER_SEC;

  while (g_str_equal (pep_exchange_dialog_get_page (dialog), "working"))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

/* The dry run lists the Virtual School's authority key, not pinned here yet, with the
 * fingerprint its Virtual School reads out; Import waits for the tick, which is given. */
static void
confirm_authority_key (PepExchangeDialog *dialog)
{
  g_autofree char *fingerprint = test_authority_fingerprint (db_path);
  GtkCheckButton *check = pep_exchange_dialog_get_keys_check (dialog);
  GtkWidget *confirm = pep_exchange_dialog_get_confirm_button (dialog);

  g_assert_nonnull (pep_exchange_dialog_get_keys (dialog));
  g_assert_nonnull (strstr (pep_exchange_dialog_get_keys (dialog), fingerprint));
  g_assert_nonnull (strstr (pep_exchange_dialog_get_keys (dialog), "the authority’s key"));
  g_assert_false (gtk_check_button_get_active (check));
  g_assert_false (gtk_widget_get_sensitive (confirm));
  gtk_check_button_set_active (check, TRUE);
}

static void
close_dialog (PepExchangeDialog *dialog)
{
  g_object_ref (dialog);
  gtk_window_destroy (GTK_WINDOW (dialog));
  test_wait_for_last_ref (dialog);
  g_assert_finalize_object (dialog);
}

/* Exports every PEP of the demo file through the dialog; returns how many. */
static guint
export_all (const char *path)
{
  PepExchangeDialog *dialog = pep_exchange_dialog_new_export (NULL, db_path);
  g_autoptr(GError) error = NULL;
  const char *summary;
  GStatBuf st;
  guint n = 0;

  gtk_window_present (GTK_WINDOW (dialog));
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "options");
  pep_exchange_dialog_set_export_choice (dialog, PEP_XML_PROFILE_FULL, TRUE);
  pep_exchange_dialog_export_to_path (dialog, path);
  wait_for_worker (dialog);

  /* The summary, and nothing written yet. */
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "summary");
  summary = pep_exchange_dialog_get_summary (dialog);
  g_assert_nonnull (strstr (summary, "Profile: Full"));
  g_assert_nonnull (strstr (summary, "every state"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  pep_exchange_dialog_confirm (dialog);
  wait_for_worker (dialog);
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "result");
  g_assert_true (pep_exchange_dialog_get_succeeded (dialog));
  g_assert_cmpint (sscanf (pep_exchange_dialog_get_result (dialog), "%u", &n), ==, 1);
  g_assert_cmpuint (n, >, 0);

  g_assert_true (pep_xml_validate_file (path, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);

  close_dialog (dialog);
  return n;
}

static void
test_exchange_export (void)
{
  g_autofree char *path = g_build_filename (tmpdir, "export.xml", NULL);

  g_assert_cmpuint (export_all (path), ==, count_plans (db_path));
}

/* Issue 15: a carer is given the carer copy, even asking for the full one. */
static void
test_exchange_carer_role (void)
{
  g_autoptr(GSettings) settings = g_settings_new ("io.github.pepstudio.PepStudio");
  g_autofree char *path = g_build_filename (tmpdir, "carer.xml", NULL);
  g_autofree char *contents = NULL;
  PepExchangeDialog *dialog;

  g_settings_set_string (settings, "role", "carer");
  dialog = pep_exchange_dialog_new_export (NULL, db_path);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_set_export_choice (dialog, PEP_XML_PROFILE_FULL, TRUE);
  pep_exchange_dialog_export_to_path (dialog, path);
  wait_for_worker (dialog);
  g_assert_nonnull (strstr (pep_exchange_dialog_get_summary (dialog), "Profile: Carer"));
  pep_exchange_dialog_confirm (dialog);
  wait_for_worker (dialog);
  g_assert_true (pep_exchange_dialog_get_succeeded (dialog));
  close_dialog (dialog);
  g_settings_reset (settings, "role");

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "<Profile>carer</Profile>"));
  g_assert_null (strstr (contents, "<SWSensitiveIssues>"));
  g_assert_null (strstr (contents, "<LegalStatus>"));
}

static void
on_imported (PepExchangeDialog *dialog,
             guint             *n_imported)
{
  (*n_imported)++;
}

static void
test_exchange_import (void)
{
  g_autofree char *xml = g_build_filename (tmpdir, "round-trip.xml", NULL);
  g_autofree char *empty = g_build_filename (tmpdir, "empty.db", NULL);
  g_autofree char *expected = NULL;
  PepExchangeDialog *dialog;
  guint n, n_imported = 0;

  n = export_all (xml);
  g_assert_cmpint (count_plans (empty), ==, 0);

  dialog = pep_exchange_dialog_new_import (NULL, empty);
  g_signal_connect (dialog, "imported", G_CALLBACK (on_imported), &n_imported);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_import_from_path (dialog, xml);
  wait_for_worker (dialog);

  /* The dry run: the counts, and nothing changed. */
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "summary");
  expected = g_strdup_printf ("%u new\n0 updated\n0 unchanged\n0 older (ignored)\n"
                              "0 in conflict", n);
  g_assert_true (g_str_has_prefix (pep_exchange_dialog_get_summary (dialog), expected));
  g_assert_cmpint (count_plans (empty), ==, 0);
  g_assert_cmpuint (n_imported, ==, 0);

  /* The first import from this Virtual School: its key is confirmed first. */
  confirm_authority_key (dialog);
  g_assert_true (gtk_widget_get_sensitive (pep_exchange_dialog_get_confirm_button (dialog)));
  pep_exchange_dialog_confirm (dialog);
  wait_for_worker (dialog);
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "result");
  g_assert_true (pep_exchange_dialog_get_succeeded (dialog));
  g_assert_cmpuint (n_imported, ==, 1);
  g_assert_cmpint (count_plans (empty), ==, n);
  close_dialog (dialog);

  /* The same file again: all unchanged, nothing to import. */
  dialog = pep_exchange_dialog_new_import (NULL, empty);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_import_from_path (dialog, xml);
  wait_for_worker (dialog);
  g_clear_pointer (&expected, g_free);
  expected = g_strdup_printf ("0 new\n0 updated\n%u unchanged\n", n);
  g_assert_true (g_str_has_prefix (pep_exchange_dialog_get_summary (dialog), expected));
  close_dialog (dialog);
}

static void
test_exchange_refused (void)
{
  g_autofree char *xml = g_build_filename (tmpdir, "tampered.xml", NULL);
  g_autofree char *target = g_build_filename (tmpdir, "target.db", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  PepExchangeDialog *dialog;
  const char *result;
  char *end, *digest;
  gsize length;

  export_all (xml);
  g_assert_true (g_file_get_contents (xml, &contents, &length, &error));
  g_assert_no_error (error);

  /* Alter the first PEP's digest by one hex digit: the PEP was "changed" after export. */
  end = strstr (contents, "</PEP>");
  g_assert_nonnull (end);
  digest = g_strrstr_len (contents, end - contents, "<Digest>");
  g_assert_nonnull (digest);
  digest += strlen ("<Digest>");
  *digest = *digest == '0' ? '1' : '0';
  test_write_file (xml, contents, length);

  g_assert_cmpint (count_plans (target), ==, 0);
  dialog = pep_exchange_dialog_new_import (NULL, target);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_import_from_path (dialog, xml);
  wait_for_worker (dialog);

  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "result");
  g_assert_false (pep_exchange_dialog_get_succeeded (dialog));
  result = pep_exchange_dialog_get_result (dialog);
  g_test_message ("refused: %s", result);
  g_assert_nonnull (strstr (result, "/PEPExchange/PEP[1]/Digest"));
  g_assert_nonnull (strstr (result, "Nothing was imported"));
  g_assert_cmpint (count_plans (target), ==, 0);
  close_dialog (dialog);
}

/* A child's identity changed in the Virtual School's copy: the dry run lists it, Import
 * waits for the box that says it was checked, and then it is applied. */
static void
test_exchange_identity (void)
{
  g_autofree char *first = g_build_filename (tmpdir, "identity-1.xml", NULL);
  g_autofree char *second = g_build_filename (tmpdir, "identity-2.xml", NULL);
  g_autofree char *target_path = g_build_filename (tmpdir, "identity.db", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(PepStore) vs = pep_store_open (db_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_autoptr(PepStore) target = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  g_autoptr(PepWorkflow) qa = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepXmlImportReport) report = NULL;
  PepFollowUpAction action = { "Add the child's own words.", "designated-teacher", NULL };
  PepXmlExportOptions options;
  PepExchangeDialog *dialog;
  GtkCheckButton *check;
  gint64 plan_id = 0;

  g_assert_no_error (error);
  pep_xml_export_options_init (&options);
  options.all_states = TRUE;
  options.time = now;
  options.record_sync = TRUE;
  g_assert_true (pep_xml_export (vs, &options, first, NULL, &error));
  target = pep_store_open (target_path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  report = pep_xml_import_file (target, first, PEP_XML_IMPORT_DEFAULT, &error);
  g_assert_no_error (error);

  /* The Virtual School corrects a child's surname and returns their submitted PEP. */
  {
    PepPlanQuery query = { 0 };

    query.has_status = TRUE;
    query.status = PEP_STATUS_SUBMITTED;
    g_assert_true (pep_store_foreach_plan (vs, &query, first_plan, &plan_id, &error));
  }
  g_assert_cmpint (plan_id, >, 0);
  plan = pep_store_load_plan (vs, plan_id, &error);
  g_assert_no_error (error);
  child = pep_store_load_child (vs, pep_plan_get_child_id (plan), &error);
  g_assert_no_error (error);
  g_assert_true (pep_store_update_child (vs, child, PEP_CHILD_LEGAL_SURNAME,
                                         g_variant_new_string ("Corrected-Surname"), &error));
  qa = test_workflow_new (vs, rubric, "Quinn Officer", PEP_ROLE_QA_OFFICER);
  g_assert_true (pep_workflow_return (qa, plan, &action, 1, &error));
  g_assert_no_error (error);
  g_assert_true (pep_xml_export (vs, &options, second, NULL, &error));
  g_clear_object (&target);

  dialog = pep_exchange_dialog_new_import (NULL, target_path);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_import_from_path (dialog, second);
  wait_for_worker (dialog);
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "summary");
  g_assert_nonnull (strstr (pep_exchange_dialog_get_summary (dialog), "1 changes to children's identity"));
  /* The first import took the profile without a verifier (pep_xml_import_file()), so the
   * authority's key is still to be confirmed: both boxes wait to be ticked. */
  confirm_authority_key (dialog);
  check = pep_exchange_dialog_get_identity_check (dialog);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (check)));
  g_assert_false (gtk_widget_get_sensitive (pep_exchange_dialog_get_confirm_button (dialog)));
  gtk_check_button_set_active (check, TRUE);
  g_assert_true (gtk_widget_get_sensitive (pep_exchange_dialog_get_confirm_button (dialog)));
  pep_exchange_dialog_confirm (dialog);
  wait_for_worker (dialog);
  g_assert_true (pep_exchange_dialog_get_succeeded (dialog));
  close_dialog (dialog);

  target = pep_store_open (target_path, PEP_STORE_OPEN_DEFAULT, &error);
  g_assert_no_error (error);
  {
    g_autoptr(PepRecord) theirs = NULL;
    gint64 id = pep_store_exchange_find_child (target, pep_record_get_uuid (child), &error);

    theirs = pep_store_load_child (target, id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pep_record_get_text (theirs, PEP_CHILD_LEGAL_SURNAME), ==, "Corrected-Surname");
  }
}

static gboolean
count_plan (const PepPlanListing *listing,
            gpointer              user_data)
{
  (*(guint *) user_data)++;
  return TRUE;
}

static guint
count_signed_off (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, &error);
  PepPlanQuery query = { 0 };
  guint n = 0;

  g_assert_no_error (error);
  query.has_status = TRUE;
  query.status = PEP_STATUS_SIGNED_OFF;
  g_assert_true (pep_store_foreach_plan (store, &query, count_plan, &n, &error));
  g_assert_no_error (error);
  return n;
}

static char *
new_school_copy (const char *name)
{
  char *path = g_build_filename (tmpdir, name, NULL);
  g_autoptr(PepCopyOwner) owner = pep_copy_owner_new_school (123456);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);

  g_assert_no_error (error);
  g_assert_true (pep_store_set_owner (store, owner, &error));
  g_assert_no_error (error);
  return path;
}

/* Issue 12: a school's first import of its Virtual School's export, as pepctl import does it
 * with --accept-key. Before the fingerprint is confirmed the import is refused (the core's
 * own refusal, even with Import pressed regardless) and the file is unchanged; once it is
 * ticked, the school takes the officers list and with it the signed-off PEPs. */
static void
test_exchange_school_confirms_key (void)
{
  g_autofree char *xml = g_build_filename (tmpdir, "to-school.xml", NULL);
  g_autofree char *school = new_school_copy ("school.db");
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  guint n_signed_off = count_signed_off (db_path);
  PepExchangeDialog *dialog;
  const char *result;

  g_assert_cmpuint (n_signed_off, >, 0);
  export_all (xml);
  before = test_file_checksum (school);

  /* Not ticked: Import stays disabled, and pressing it anyway is refused by the core. */
  dialog = pep_exchange_dialog_new_import (NULL, school);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_import_from_path (dialog, xml);
  wait_for_worker (dialog);
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "summary");
  g_assert_nonnull (pep_exchange_dialog_get_keys (dialog));
  g_assert_nonnull (strstr (pep_exchange_dialog_get_keys (dialog), "Demoshire"));
  g_assert_nonnull (strstr (pep_exchange_dialog_get_keys (dialog), "LA 999"));
  g_assert_false (gtk_widget_get_sensitive (pep_exchange_dialog_get_confirm_button (dialog)));
  pep_exchange_dialog_confirm (dialog);
  wait_for_worker (dialog);
  g_assert_false (pep_exchange_dialog_get_succeeded (dialog));
  result = pep_exchange_dialog_get_result (dialog);
  g_test_message ("refused: %s", result);
  g_assert_nonnull (strstr (result, "/PEPExchange/AuthorityRules/AuthorityProfile/Signature"));
  g_assert_nonnull (strstr (result, "has not pinned the key"));
  g_assert_nonnull (strstr (result, "Nothing was imported"));
  close_dialog (dialog);
  after = test_file_checksum (school);
  g_assert_cmpstr (before, ==, after);

  /* Ticked: the key is pinned, the list taken, the signed-off PEPs count. */
  dialog = pep_exchange_dialog_new_import (NULL, school);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_import_from_path (dialog, xml);
  wait_for_worker (dialog);
  confirm_authority_key (dialog);
  g_assert_true (gtk_widget_get_sensitive (pep_exchange_dialog_get_confirm_button (dialog)));
  pep_exchange_dialog_confirm (dialog);
  wait_for_worker (dialog);
  g_test_message ("%s", pep_exchange_dialog_get_result (dialog));
  g_assert_true (pep_exchange_dialog_get_succeeded (dialog));
  close_dialog (dialog);

  g_assert_cmpuint (count_signed_off (school), ==, n_signed_off);
  {
    g_autoptr(PepStore) store = pep_store_open (school, PEP_STORE_OPEN_DEFAULT, &error);
    g_autoptr(PepOfficers) officers = NULL;

    g_assert_no_error (error);
    officers = pep_store_get_trusted_officers (store, &error);
    g_assert_no_error (error);
    g_assert_nonnull (officers);
    g_assert_cmpuint (pep_officers_get_n_officers (officers), >, 0);
  }

  /* The next export from the same Virtual School asks nothing. */
  dialog = pep_exchange_dialog_new_import (NULL, school);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_import_from_path (dialog, xml);
  wait_for_worker (dialog);
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "summary");
  g_assert_null (pep_exchange_dialog_get_keys (dialog));
  close_dialog (dialog);
}

/* A Virtual School's export whose profile was changed on the way (its signature no longer
 * matches) is refused in the app with the element and the reason, ticked or not, and the
 * school's file is unchanged. */
static void
test_exchange_forged_profile (void)
{
  g_autofree char *xml = g_build_filename (tmpdir, "forged-profile.xml", NULL);
  g_autofree char *school = new_school_copy ("forged.db");
  g_autofree char *contents = NULL;
  g_autofree char *forged = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GError) error = NULL;
  PepExchangeDialog *dialog;
  const char *result;
  gsize length;

  export_all (xml);
  g_assert_true (g_file_get_contents (xml, &contents, &length, &error));
  g_assert_no_error (error);
  {
    g_auto(GStrv) parts = g_strsplit (contents, "<FollowUp>10</FollowUp>", 2);

    g_assert_nonnull (parts[1]);
    forged = g_strjoin ("<FollowUp>30</FollowUp>", parts[0], parts[1], NULL);
  }
  test_write_file (xml, forged, -1);
  before = test_file_checksum (school);

  dialog = pep_exchange_dialog_new_import (NULL, school);
  gtk_window_present (GTK_WINDOW (dialog));
  pep_exchange_dialog_import_from_path (dialog, xml);
  wait_for_worker (dialog);
  g_assert_cmpstr (pep_exchange_dialog_get_page (dialog), ==, "result");
  g_assert_false (pep_exchange_dialog_get_succeeded (dialog));
  result = pep_exchange_dialog_get_result (dialog);
  g_test_message ("refused: %s", result);
  g_assert_nonnull (strstr (result, "/PEPExchange/AuthorityRules/AuthorityProfile/Signature"));
  g_assert_nonnull (strstr (result, "does not match its signature"));
  g_assert_nonnull (strstr (result, "Nothing was imported"));
  close_dialog (dialog);
  after = test_file_checksum (school);
  g_assert_cmpstr (before, ==, after);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  tmpdir = test_make_tmpdir ();
  db_path = g_build_filename (tmpdir, "demo.db", NULL);
  g_object_unref (test_make_demo_file (db_path, N_CHILDREN, 3));

  g_test_add_func ("/pep/exchange/export", test_exchange_export);
  g_test_add_func ("/pep/exchange/carer-role", test_exchange_carer_role);
  g_test_add_func ("/pep/exchange/import", test_exchange_import);
  g_test_add_func ("/pep/exchange/refused", test_exchange_refused);
  g_test_add_func ("/pep/exchange/identity", test_exchange_identity);
  g_test_add_func ("/pep/exchange/school-confirms-key", test_exchange_school_confirms_key);
  g_test_add_func ("/pep/exchange/forged-profile", test_exchange_forged_profile);

  status = g_test_run ();
  test_remove_tree (tmpdir);
  g_free (db_path);
  g_free (tmpdir);
  return status;
}
