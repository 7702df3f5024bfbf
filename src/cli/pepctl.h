/* pepctl.h
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What pepctl's commands share. A command is `int pepctl_command_NAME (int argc, char **argv)`
 * with argv[0] the command's name, listed in the table at the end of pepctl.c.
 */

#pragma once

#include "pep-authority-trust.h"
#include "pep-store.h"
#include "pep-work-context.h"

G_BEGIN_DECLS

enum {
  EXIT_OK = 0,
  EXIT_USAGE = 1,
  EXIT_DATA = 2,
};

typedef int (*PepctlCommandFunc) (int argc, char **argv);

int       pepctl_usage_error  (GOptionContext  *context,
                               const char      *message);
int       pepctl_data_error   (GError          *error);
int       pepctl_parse        (GOptionContext  *context,
                               int             *argc,
                               char          ***argv,
                               int              n_args);
char     *pepctl_escape       (const char      *text,
                               gboolean         keep_newlines);
char     *pepctl_read_passphrase (const char   *path,
                                  GError      **error);
PepStore *pepctl_open_store   (const char      *path,
                               GError         **error);
PepWorkContext *pepctl_open_context (const char *path,
                                     GError    **error);
PepAuthorityTrust *pepctl_trust_keys (PepWorkContext *context,
                                     const char * const *fingerprints,
                                     gboolean        dry_run);
PepAuthority   *pepctl_find_authority (PepWorkContext *context,
                                       const char     *la_code,
                                       GError        **error);

/* The commands that live in their own files. */
int pepctl_command_qa (int argc, char **argv);          /* pepctl-qa.c */
int pepctl_command_rubric (int argc, char **argv);
int pepctl_command_queue (int argc, char **argv);
int pepctl_command_follow_ups (int argc, char **argv);
int pepctl_command_export (int argc, char **argv);      /* pepctl-xml.c */
int pepctl_command_import (int argc, char **argv);
int pepctl_command_validate (int argc, char **argv);
int pepctl_command_stats (int argc, char **argv);       /* pepctl-stats.c */
int pepctl_command_authority (int argc, char **argv);   /* pepctl-authority.c */
int pepctl_command_verify (int argc, char **argv);      /* pepctl-keys.c */
int pepctl_command_key (int argc, char **argv);
int pepctl_command_officers (int argc, char **argv); /* pepctl-officers.c */

G_END_DECLS
