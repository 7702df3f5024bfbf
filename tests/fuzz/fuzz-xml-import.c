/* fuzz-xml-import.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target for the importer: any bytes through validation and a dry-run import
 * into a small store of invented children. It must never crash, hang or leak, and never
 * change the store. Built with clang -fsanitize=fuzzer when that is available; the plain
 * driver (fuzz-driver.c) runs it over the seed corpus in every `make test`.
 */

#include "config.h"

#include <glib/gstdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "pep-demo.h"
#include "pep-xml-import.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static PepStore *store;
static char *dir;

static void
remove_dir (void)
{
  g_autofree char *db = NULL;
  g_autofree char *wal = NULL;
  g_autofree char *shm = NULL;

  if (dir == NULL)
    return;
  g_clear_object (&store);
  db = g_build_filename (dir, "fuzz.db", NULL);
  wal = g_strconcat (db, "-wal", NULL);
  shm = g_strconcat (db, "-shm", NULL);
  g_unlink (wal);
  g_unlink (shm);
  g_unlink (db);
  g_rmdir (dir);
}

static PepStore *
get_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  PepDemoOptions options;

  if (store != NULL)
    return store;
  dir = g_dir_make_tmp ("pepstudio-fuzz-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "fuzz.db", NULL);
  store = pep_store_open (path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
  pep_demo_options_init (&options);
  options.n_children = 3;
  options.n_terms = 2;
  options.seed = 7;
  options.last_term = (PepTermId) { 2025, PEP_TERM_SUMMER };
  pep_demo_generate (store, &options, NULL, NULL, &error);
  g_assert_no_error (error);
  atexit (remove_dir);
  return store;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(PepXmlImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) validate_error = NULL;
  gboolean valid;

  valid = pep_xml_validate ((const char *) data, size, &validate_error);
  report = pep_xml_import (get_store (), (const char *) data, size, PEP_XML_IMPORT_DRY_RUN, &error);

  /* Whatever validate accepts, a dry run reads, unless it is not the sender's to send (the
   * ownership rules depend on this copy's PEPs, which validate does not know) or its
   * signatures do not bear a PEP out (checked against this copy); every refusal says where. */
  if (valid && report == NULL
      && !g_error_matches (error, PEP_XML_ERROR, PEP_XML_ERROR_PROFILE)
      && !g_error_matches (error, PEP_XML_ERROR, PEP_XML_ERROR_NOT_OWNER)
      && !g_error_matches (error, PEP_XML_ERROR, PEP_XML_ERROR_SIGNATURE))
    g_error ("validated, then refused by import: %s", error->message);
  if (!valid && validate_error->message[0] != '/')
    g_error ("a refusal without a path: %s", validate_error->message);
  return 0;
}
