/* test-util.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What several test programs need: a private temporary folder, file fingerprints, pepctl
 * run as a script would run it, and values read out of its JSON.
 */

#pragma once

#include <glib.h>

#include "pep-workflow.h"

G_BEGIN_DECLS

/* One pepctl run: its exit status and what it printed. */
typedef struct
{
  int   status;
  char *out;
  char *err;
} Run;

void      run_clear             (Run        *run);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)


char     *test_make_tmpdir      (void);
void      test_remove_tree      (const char *path);
char     *test_file_checksum    (const char *path);
gboolean  test_has_side_files   (const char *path);
void      test_write_file       (const char *path,
                                 const char *contents,
                                 gssize      length);
double    test_time_scale       (void);
void      test_current_term     (PepTermId  *term);
int       test_compare_int64    (gconstpointer a,
                                 gconstpointer b);
PepStore *test_make_demo_file   (const char *path,
                                 guint       n_children,
                                 guint       n_terms);
void      test_wait_for_last_ref (gpointer object);
PepWorkflow *test_workflow_new  (PepStore   *store,
                                 PepRubric  *rubric,
                                 const char *who,
                                 PepRole     role);

void      test_take_officers    (PepStore   *to,
                                 PepStore   *from);
char     *test_authority_fingerprint (const char *path);

void      pepctl                (Run        *run,
                                 const char *first,
                                 ...);

void      test_sql_exec         (const char *path,
                                 const char *sql);
void      test_drop_lock_triggers (const char *path);

gint64    test_json_int         (const char *json,
                                 const char *path);
char     *test_json_string      (const char *json,
                                 const char *path);
char     *test_json_text        (const char *json,
                                 const char *path);

G_END_DECLS
