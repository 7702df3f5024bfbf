/* test-officers.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The authority's key and its officers list (issue 12): the list signed, carried as XML and
 * read back to the same bytes; a Virtual School sets it up with pepctl; a school takes it
 * only once the authority key's fingerprint is confirmed, refuses a list the pinned key did
 * not sign and a changed key until it is confirmed again; a signer's key, role and days are
 * checked against the list. Real files, real signatures, keys in a sealed key file.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <sqlite3.h>
#include <string.h>

#include "pep-authority-trust.h"
#include "pep-copy-owner.h"
#include "pep-key-pins.h"
#include "pep-keyring.h"
#include "pep-officers.h"
#include "pep-store-authority.h"
#include "test-util.h"

static char *dir;

/* pepctl() (test-util.c), its exit status as the value. */
static int
ctl (Run        *run,
     const char *first,
     ...)
{
  const char *args[16];
  va_list ap;
  guint n = 0;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL && n < G_N_ELEMENTS (args) - 1; arg = va_arg (ap, const char *))
    args[n++] = arg;
  va_end (ap);
  for (guint i = n; i < G_N_ELEMENTS (args); i++)
    args[i] = NULL;
  pepctl (run, args[0], args[1], args[2], args[3], args[4], args[5], args[6], args[7], args[8],
          args[9], args[10], args[11], args[12], args[13], args[14], NULL);
  return run->status;
}

static char *
path_in (const char *name)
{
  return g_build_filename (dir, name, NULL);
}

static PepOfficer
officer (const char    *name,
         const char    *role,
         PepSigningKey *key,
         const char    *from,
         const char    *to)
{
  return (PepOfficer) { .name = (char *) name, .role = (char *) role,
                        .public_key = (char *) pep_signing_key_get_public_key (key),
                        .valid_from = (char *) from, .valid_to = (char *) to };
}

/* The list: signed, the same bytes back, any change breaks the signature. */
static void
test_list (void)
{
  g_autoptr(PepOfficers) list = pep_officers_new ("873", "Example Shire");
  g_autoptr(PepOfficers) back = NULL;
  g_autoptr(PepSigningKey) authority = pep_signing_key_new_demo (7, "Example Shire", "authority");
  g_autoptr(PepSigningKey) quinn = pep_signing_key_new_demo (7, "Quinn Officer", "qa-officer");
  g_autoptr(PepSigningKey) ada = pep_signing_key_new_demo (7, "Ada Advisor", "vs-advisor");
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *again = NULL;
  g_autofree char *forged = NULL;
  PepOfficer q = officer ("Quinn Officer", "qa-officer", quinn, "2025-09-01", "2026-08-31");
  PepOfficer a = officer ("Ada Advisor", "advisor", ada, "2025-09-01", NULL);
  PepOfficer bad = officer ("Eve\nEvil", "advisor", ada, "2025-09-01", NULL);

  g_assert_true (pep_officers_add (list, &q, &error));
  g_assert_true (pep_officers_add (list, &a, &error));
  g_assert_false (pep_officers_add (list, &bad, &error));
  g_assert_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID);
  g_clear_error (&error);
  bad = officer ("Eve", "headmistress", ada, "2025-09-01", NULL);
  g_assert_false (pep_officers_add (list, &bad, &error));
  g_clear_error (&error);
  g_assert_false (pep_officers_verify (list, NULL));   /* not signed yet */
  g_assert_true (pep_officers_sign (list, authority, "2025-09-01T09:00:00Z", &error));
  g_assert_no_error (error);
  g_assert_true (pep_officers_verify (list, &error));

  xml = pep_officers_to_xml (list, TRUE);
  back = pep_officers_new_from_xml (xml, -1, &error);
  g_assert_no_error (error);
  g_assert_true (pep_officers_verify (back, &error));
  again = pep_officers_to_xml (back, TRUE);
  g_assert_cmpstr (xml, ==, again);
  g_assert_cmpuint (pep_officers_get_n_officers (back), ==, 2);
  g_clear_object (&back);

  /* Quinn's end date moved on by hand: the signature no longer matches. */
  forged = g_strdup (xml);
  memcpy (strstr (forged, "2026-08-31"), "2027", 4);
  back = pep_officers_new_from_xml (forged, -1, &error);
  g_assert_no_error (error);
  g_assert_false (pep_officers_verify (back, &error));
  g_assert_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_UNVERIFIED);
  g_clear_error (&error);
  g_clear_object (&back);

  /* Against the schema: the path and the reason. */
  g_clear_pointer (&forged, g_free);
  forged = g_strdup (xml);
  memcpy (strstr (forged, "role=\"advisor\""), "role=\"advisir\"", 14);
  g_assert_null (pep_officers_new_from_xml (forged, -1, &error));
  g_assert_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_INVALID);
  g_assert_true (g_str_has_prefix (error->message, "/Officers/Officer"));
  g_clear_error (&error);

  /* Who may sign: the key, the role, the day and the name. */
  g_assert_nonnull (pep_officers_check_signer (list, "qa-officer", "Quinn Officer",
                                               pep_signing_key_get_public_key (quinn), "2026-01-05", &error));
  g_assert_no_error (error);
  g_assert_null (pep_officers_check_signer (list, "qa-officer", "Quinn Officer",
                                            pep_signing_key_get_public_key (quinn), "2026-09-01", &error));
  g_assert_error (error, PEP_OFFICERS_ERROR, PEP_OFFICERS_ERROR_NOT_LISTED);
  g_assert_nonnull (strstr (error->message, "not on 2026-09-01"));
  g_clear_error (&error);
  g_assert_null (pep_officers_check_signer (list, "vs-advisor", "Quinn Officer",
                                            pep_signing_key_get_public_key (quinn), "2026-01-05", &error));
  g_assert_nonnull (strstr (error->message, "not as advisor"));
  g_clear_error (&error);
  g_assert_null (pep_officers_check_signer (list, "vs-advisor", "Someone Else",
                                            pep_signing_key_get_public_key (ada), "2026-01-05", &error));
  g_clear_error (&error);
  {
    g_autoptr(PepSigningKey) eve = pep_signing_key_new_demo (7, "Ada Advisor", "qa-officer");

    g_assert_null (pep_officers_check_signer (list, "vs-advisor", "Ada Advisor",
                                              pep_signing_key_get_public_key (eve), "2026-01-05", &error));
    g_assert_nonnull (strstr (error->message, "is not on the officers list"));
    g_clear_error (&error);
  }
}

/* pepctl: a Virtual School sets up its list; a school takes it once the key is confirmed. */
static void
test_pepctl (void)
{
  Run run = { 0 };
  g_autofree char *vs = path_in ("vs.db");
  g_autofree char *vs2 = path_in ("vs-other.db");
  g_autofree char *school = path_in ("school.db");
  g_autofree char *list = path_in ("officers.xml");
  g_autofree char *list2 = path_in ("officers-other.xml");
  g_autofree char *forged = path_in ("officers-forged.xml");
  g_autofree char *fingerprint = NULL;
  g_autofree char *fingerprint2 = NULL;
  g_autofree char *before = NULL;
  g_autofree char *xml = NULL;
  g_autoptr(PepSigningKey) quinn = pep_signing_key_new_demo (3, "Quinn Officer", "qa-officer");
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (ctl (&run, "init", vs, "--authority", "873", "Example", "Shire", NULL), ==, 0);
  g_assert_cmpint (ctl (&run, "officers", vs, "init-key", NULL), ==, 0);
  g_assert_true (g_str_has_prefix (run.out, "Authority key fingerprint: "));
  fingerprint = g_strstrip (g_strdup (run.out + strlen ("Authority key fingerprint: ")));
  g_assert_cmpuint (strlen (fingerprint), ==, 39);   /* 8 groups of 4, read out over the phone */
  /* Never a second key by accident. */
  g_assert_cmpint (ctl (&run, "officers", vs, "init-key", NULL), ==, 2);

  g_assert_cmpint (ctl (&run, "officers", vs, "add", "Quinn Officer", "--role", "qa-officer",
                           "--key", pep_signing_key_get_public_key (quinn), "--from", "2025-09-01",
                           NULL), ==, 0);
  g_assert_cmpint (ctl (&run, "officers", vs, "add", "Nobody", "--role", "qa-officer",
                           "--key", "not-a-key", NULL), ==, 2);
  g_assert_cmpint (ctl (&run, "officers", vs, "show", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "Quinn Officer\tqa-officer\t"));
  g_assert_nonnull (strstr (run.out, fingerprint));
  g_assert_nonnull (strstr (run.out, "Signed by the pinned authority key: yes"));
  g_assert_cmpint (ctl (&run, "officers", vs, "export", "-o", list, NULL), ==, 0);

  /* The school: refused until the fingerprint is confirmed, and the file unchanged. */
  g_assert_cmpint (ctl (&run, "init", school, "--school", "100001", NULL), ==, 0);
  before = test_file_checksum (school);
  g_assert_cmpint (ctl (&run, "officers", school, "import", list, NULL), ==, 2);
  g_assert_nonnull (strstr (run.err, "not pinned the key of Example Shire"));
  g_assert_cmpstr (g_strstrip (run.out), ==, fingerprint);
  g_assert_cmpint (ctl (&run, "officers", school, "import", list, "--accept-key",
                           "0000 0000 0000 0000 0000 0000 0000 0000", NULL), ==, 2);
  g_assert_cmpint (ctl (&run, "officers", school, "import", list, "--accept-key", fingerprint,
                           "--dry-run", NULL), ==, 0);
  {
    g_autofree char *after = test_file_checksum (school);
    g_assert_cmpstr (before, ==, after);
  }
  g_assert_cmpint (ctl (&run, "officers", school, "import", list, "--accept-key", fingerprint,
                           NULL), ==, 0);
  g_assert_cmpint (ctl (&run, "officers", school, "show", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "Quinn Officer\tqa-officer\t"));
  g_assert_nonnull (strstr (run.out, "authority 873\tExample Shire\tauthority\t"));
  /* Again: pinned, so no question. */
  g_assert_cmpint (ctl (&run, "officers", school, "import", list, NULL), ==, 0);

  /* A list edited after signing: refused, the file unchanged. */
  g_assert_true (g_file_get_contents (list, &xml, NULL, &error));
  g_assert_no_error (error);
  {
    char *name = strstr (xml, "Quinn Officer");

    memcpy (name, "Quinn Offices", 13);
    test_write_file (forged, xml, -1);
  }
  g_free (before);
  before = test_file_checksum (school);
  g_assert_cmpint (ctl (&run, "officers", school, "import", forged, NULL), ==, 2);
  g_assert_nonnull (strstr (run.err, "/Officers/Signature"));
  {
    g_autofree char *after = test_file_checksum (school);
    g_assert_cmpstr (before, ==, after);
  }

  /* Another key claiming the same authority: a change, refused until confirmed again. */
  g_assert_cmpint (ctl (&run, "init", vs2, "--authority", "873", "Example", "Shire", NULL), ==, 0);
  g_assert_cmpint (ctl (&run, "officers", vs2, "init-key", NULL), ==, 0);
  fingerprint2 = g_strstrip (g_strdup (run.out + strlen ("Authority key fingerprint: ")));
  g_assert_cmpstr (fingerprint, !=, fingerprint2);
  g_assert_cmpint (ctl (&run, "officers", vs2, "export", "-o", list2, NULL), ==, 0);
  g_assert_cmpint (ctl (&run, "officers", school, "import", list2, NULL), ==, 2);
  g_assert_nonnull (strstr (run.err, "different key from the one this copy pinned"));
  g_assert_nonnull (strstr (run.err, fingerprint));
  g_assert_cmpstr (g_strstrip (run.out), ==, fingerprint2);
  {
    g_autofree char *after = test_file_checksum (school);
    g_assert_cmpstr (before, ==, after);
  }
  g_assert_cmpint (ctl (&run, "officers", school, "import", list2, "--accept-key", fingerprint2,
                           NULL), ==, 0);
  g_assert_cmpint (ctl (&run, "officers", school, "show", NULL), ==, 0);
  g_assert_nonnull (strstr (run.out, "\treplaced "));
  g_assert_null (strstr (run.out, "Quinn Officer"));   /* the new key's list has no one yet */
  run_clear (&run);
}

/* The verifier a work context calls on a profile: signed by the pinned key, list inside. */
static void
test_verifier (void)
{
  g_autofree char *vs_path = path_in ("verifier-vs.db");
  g_autofree char *school_path = path_in ("verifier-school.db");
  g_autoptr(PepStore) vs = pep_store_open (vs_path, PEP_STORE_OPEN_CREATE, NULL);
  g_autoptr(PepStore) school = pep_store_open (school_path, PEP_STORE_OPEN_CREATE, NULL);
  g_autoptr(PepCopyOwner) vs_owner = pep_copy_owner_new_authority (873, "Example Shire");
  g_autoptr(PepCopyOwner) school_owner = pep_copy_owner_new_school (100002);
  g_autoptr(PepSigningKey) key = NULL;
  g_autoptr(PepSigningKey) quinn = pep_signing_key_new_demo (3, "Quinn Officer", "qa-officer");
  g_autoptr(PepOfficers) list = NULL;
  g_autoptr(PepWorkContext) vs_context = NULL;
  g_autoptr(PepWorkContext) context = NULL;
  g_autoptr(PepAuthorityTrust) trust = NULL;
  g_autoptr(PepAuthority) taken = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *tampered = NULL;
  g_autofree char *fingerprint = NULL;
  PepOfficer q = officer ("Quinn Officer", "qa-officer", quinn, "2025-09-01", NULL);

  g_assert_true (pep_store_set_owner (vs, vs_owner, &error));
  g_assert_true (pep_store_set_owner (school, school_owner, &error));
  g_assert_no_error (error);
  pep_store_set_actor (vs, "Head", PEP_ROLE_HEADTEACHER);
  key = pep_authority_key_create (vs, "a passphrase", &error);
  g_assert_no_error (error);
  list = pep_store_get_trusted_officers (vs, &error);
  g_assert_no_error (error);
  g_assert_true (pep_officers_add (list, &q, &error));
  g_assert_true (pep_authority_publish (vs, list, key, &error));
  g_assert_no_error (error);

  vs_context = pep_work_context_new (vs, "Head", PEP_ROLE_HEADTEACHER, &error);
  g_assert_no_error (error);
  xml = pep_authority_to_xml (pep_work_context_get_own (vs_context), TRUE);
  g_assert_nonnull (strstr (xml, "<Officers "));
  g_assert_nonnull (strstr (xml, "<Signature key="));

  context = pep_work_context_new (school, "DT", PEP_ROLE_DESIGNATED_TEACHER, &error);
  g_assert_no_error (error);
  trust = pep_authority_trust_new (school);
  pep_authority_trust_install (trust, context);

  /* First time: refused, with the fingerprint to confirm; nothing kept. */
  g_assert_null (pep_work_context_import (context, xml, strlen (xml), FALSE, FALSE, &error));
  g_assert_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_CONFIRM);
  g_clear_error (&error);
  fingerprint = pep_public_key_fingerprint (pep_authority_trust_get_pending (trust, NULL));
  {
    g_autofree char *expected = pep_signing_key_dup_fingerprint (key);
    g_assert_cmpstr (fingerprint, ==, expected);
  }
  g_assert_null (pep_store_load_officers (school, &error));
  g_assert_no_error (error);

  /* A profile changed after signing (its rules, or its list): refused. */
  tampered = g_strdup (xml);
  memcpy (strstr (tampered, "Quinn Officer"), "Quinn Offices", 13);
  pep_authority_trust_accept_key (trust, fingerprint);
  g_assert_null (pep_work_context_import (context, tampered, strlen (tampered), FALSE, FALSE, &error));
  g_assert_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_UNVERIFIED);
  g_assert_true (g_str_has_prefix (error->message, "/AuthorityProfile/Signature"));
  g_clear_error (&error);

  /* Confirmed: pinned, the list kept and trusted. */
  taken = pep_work_context_import (context, xml, strlen (xml), FALSE, FALSE, &error);
  g_assert_no_error (error);
  g_assert_nonnull (taken);
  {
    g_autoptr(PepOfficers) kept = pep_store_get_trusted_officers (school, &error);

    g_assert_no_error (error);
    g_assert_nonnull (kept);
    g_assert_cmpuint (pep_officers_get_n_officers (kept), ==, 1);
  }
  {
    g_autofree char *subject = pep_authority_subject ("873");
    g_assert_true (pep_store_is_pinned (school, subject, pep_signing_key_get_public_key (key), NULL));
  }
  /* A list edited in the file with sqlite3 is no longer trusted. */
  {
    g_autoptr(PepSigningKey) eve = pep_signing_key_new_demo (3, "Eve", "vs-advisor");
    g_autofree char *sql = g_strdup_printf ("INSERT INTO officer (position, name, role, public_key,"
                                            " valid_from) VALUES (1, 'Eve', 'advisor', '%s',"
                                            " '2025-09-01')", pep_signing_key_get_public_key (eve));
    g_autoptr(PepOfficers) kept = NULL;
    sqlite3 *db = NULL;

    g_assert_cmpint (sqlite3_open (school_path, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
    sqlite3_close (db);
    kept = pep_store_get_trusted_officers (school, &error);
    g_assert_null (kept);
    g_assert_error (error, PEP_TRUST_ERROR, PEP_TRUST_ERROR_UNTRUSTED);
    g_clear_error (&error);
  }
}

/* Roles are proven, not chosen: the roles a key proves by the list (its name, its role, its
 * days), and which a person may take in a file today with the key they hold (Preferences
 * offers only these). */
static void
test_roles_proven (void)
{
  g_autofree char *vs_path = path_in ("roles-vs.db");
  g_autofree char *school_path = path_in ("roles-school.db");
  g_autofree char *own_path = path_in ("roles-own.db");
  g_autoptr(PepStore) vs = pep_store_open (vs_path, PEP_STORE_OPEN_CREATE, NULL);
  g_autoptr(PepStore) school = pep_store_open (school_path, PEP_STORE_OPEN_CREATE, NULL);
  g_autoptr(PepStore) own = pep_store_open (own_path, PEP_STORE_OPEN_CREATE, NULL);
  g_autoptr(PepCopyOwner) vs_owner = pep_copy_owner_new_authority (873, "Example Shire");
  g_autoptr(PepCopyOwner) school_owner = pep_copy_owner_new_school (100003);
  g_autoptr(PepSigningKey) authority = NULL;
  g_autoptr(PepSigningKey) quinn = NULL;
  g_autoptr(PepSigningKey) sam = NULL;
  g_autoptr(PepSigningKey) ada = pep_signing_key_new_demo (5, "Ada Advisor", "vs-advisor");
  g_autoptr(PepOfficers) list = NULL;
  g_autoptr(GDateTime) winter = g_date_time_new_utc (2025, 12, 1, 10, 0, 0);
  g_autoptr(GDateTime) after = g_date_time_new_utc (2026, 9, 2, 10, 0, 0);
  g_autoptr(GError) error = NULL;
  const guint qa = 1u << PEP_ROLE_QA_OFFICER, advisor = 1u << PEP_ROLE_ADVISOR;

  /* Quinn's own key, kept as the app would keep it (a sealed key file here). */
  quinn = pep_signing_key_generate ("Quinn Officer", "qa-officer", &error);
  g_assert_no_error (error);
  g_assert_true (pep_keyring_store (quinn, "a passphrase", NULL, &error));
  g_assert_no_error (error);
  sam = pep_signing_key_generate ("Sam Someone", "vs-advisor", &error);
  g_assert_true (pep_keyring_store (sam, "a passphrase", NULL, &error));
  g_assert_no_error (error);

  /* The list's rule: that key, under that name, on a day it is valid. */
  {
    PepOfficer q = officer ("Quinn Officer", "qa-officer", quinn, "2025-09-01", "2026-08-31");
    PepOfficer a = officer ("Ada Advisor", "advisor", ada, "2025-09-01", NULL);
    PepOfficer h = officer ("Ada Advisor", "headteacher", ada, "2026-01-01", NULL);
    const char *quinn_key = pep_signing_key_get_public_key (quinn);
    const char *ada_key = pep_signing_key_get_public_key (ada);

    list = pep_officers_new ("873", "Example Shire");
    g_assert_true (pep_officers_add (list, &q, &error));
    g_assert_true (pep_officers_add (list, &a, &error));
    g_assert_true (pep_officers_add (list, &h, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (pep_officers_roles_proven (list, quinn_key, "Quinn Officer", "2025-12-01"), ==, qa);
    g_assert_cmpuint (pep_officers_roles_proven (list, quinn_key, "Quinn Officer", "2025-08-31"), ==, 0);
    g_assert_cmpuint (pep_officers_roles_proven (list, quinn_key, "Quinn Officer", "2026-09-01"), ==, 0);
    g_assert_cmpuint (pep_officers_roles_proven (list, quinn_key, "Ada Advisor", "2025-12-01"), ==, 0);
    g_assert_cmpuint (pep_officers_roles_proven (list, ada_key, "Quinn Officer", "2025-12-01"), ==, 0);
    g_assert_cmpuint (pep_officers_roles_proven (list, ada_key, "Ada Advisor", "2025-12-01"), ==, advisor);
    g_assert_cmpuint (pep_officers_roles_proven (list, ada_key, "Ada Advisor", "2026-02-01"), ==,
                      advisor | 1u << PEP_ROLE_HEADTEACHER);
    g_assert_cmpuint (pep_officers_roles_proven (list, NULL, "Ada Advisor", "2026-02-01"), ==, 0);
    g_clear_object (&list);
  }

  /* A Virtual School's copy: Quinn is on its list as QA officer until the end of August. */
  g_assert_true (pep_store_set_owner (vs, vs_owner, &error));
  g_assert_no_error (error);
  pep_store_set_actor (vs, "Head", PEP_ROLE_HEADTEACHER);
  pep_store_set_fixed_time (vs, winter);
  authority = pep_authority_key_create (vs, "a passphrase", &error);
  g_assert_no_error (error);
  list = pep_store_get_trusted_officers (vs, &error);
  g_assert_no_error (error);
  {
    PepOfficer q = officer ("Quinn Officer", "qa-officer", quinn, "2025-09-01", "2026-08-31");
    PepOfficer s = officer ("Sam Someone", "qa-officer", sam, "2025-09-01", NULL);

    g_assert_true (pep_officers_add (list, &q, &error));
    /* Sam is listed as a QA officer, but their key here is for advising. */
    g_assert_true (pep_officers_add (list, &s, &error));
  }
  g_assert_true (pep_authority_publish (vs, list, authority, &error));
  g_assert_no_error (error);

  g_assert_cmpuint (pep_authority_trust_proven_roles (vs, "Quinn Officer"), ==, qa);
  g_assert_cmpuint (pep_authority_trust_proven_roles (vs, "Sam Someone"), ==, 0);
  g_assert_cmpuint (pep_authority_trust_proven_roles (vs, "Ada Advisor"), ==, 0);   /* no key here */
  g_assert_cmpuint (pep_authority_trust_proven_roles (vs, "Nobody"), ==, 0);
  g_assert_cmpuint (pep_authority_trust_proven_roles (vs, ""), ==, 0);
  /* After her days on the list, nothing. */
  pep_store_set_fixed_time (vs, after);
  g_assert_cmpuint (pep_authority_trust_proven_roles (vs, "Quinn Officer"), ==, 0);

  /* A school's copy with no list from its authority proves no one. */
  g_assert_true (pep_store_set_owner (school, school_owner, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (pep_authority_trust_proven_roles (school, "Quinn Officer"), ==, 0);
  /* A file for use on its own with no list asks for none, as the workflow does: a key is
   * enough. */
  g_assert_cmpuint (pep_authority_trust_proven_roles (own, "Quinn Officer"), ==, qa);
  g_assert_cmpuint (pep_authority_trust_proven_roles (own, "Nobody"), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = test_make_tmpdir ();
  /* Keys in sealed files under the test's own folder, never the user's keyring. */
  g_setenv ("PEPSTUDIO_KEYRING", "file", TRUE);
  g_setenv ("PEPSTUDIO_PASSPHRASE", "correct horse battery staple", TRUE);
  g_setenv ("XDG_DATA_HOME", dir, TRUE);

  g_test_add_func ("/pep/officers/list", test_list);
  g_test_add_func ("/pep/officers/pepctl", test_pepctl);
  g_test_add_func ("/pep/officers/verifier", test_verifier);
  g_test_add_func ("/pep/officers/roles-proven", test_roles_proven);
  status = g_test_run ();
  test_remove_tree (dir);
  g_free (dir);
  return status;
}
