/* pepctl.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The headless tool over the same core as the app: for scripts, bulk work and benchmarks.
 * Exit status: 0 on success, 1 for a usage error, 2 for a data error. Messages go to
 * stderr; only the requested output goes to stdout.
 */

#define G_LOG_DOMAIN "pepctl"

#include "config.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pep-authority-trust.h"
#include "pep-child-name.h"
#include "pep-copy-owner.h"
#include "pep-demo.h"
#include "pep-store-exchange.h"
#include "pep-signoff.h"
#include "pepctl.h"

int
pepctl_usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("pepctl: %s\n", message);
  if (context != NULL)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_printerr ("\n%s", help);
    }
  return EXIT_USAGE;
}

int
pepctl_data_error (GError *error)
{
  g_printerr ("pepctl: %s\n", error->message);
  return EXIT_DATA;
}

/* Parses @context; returns -1 to go on, or the exit status. */
int
pepctl_parse (GOptionContext *context,
       int            *argc,
       char         ***argv,
       int             n_args)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    return pepctl_usage_error (context, error->message);
  if (*argc != n_args + 1)
    return pepctl_usage_error (context, *argc < n_args + 1 ? _("missing arguments") : _("too many arguments"));
  return -1;
}

/* Returns: (transfer full) (nullable): the passphrase for a key file, from @path
 *   (--passphrase-file, its last newline dropped) or else PEPSTUDIO_PASSPHRASE */
char *
pepctl_read_passphrase (const char  *path,
                        GError     **error)
{
  char *text = NULL;

  if (path != NULL)
    {
      if (!g_file_get_contents (path, &text, NULL, error))
        return NULL;
      g_strchomp (text);
      return text;
    }
  return g_strdup (g_getenv ("PEPSTUDIO_PASSPHRASE"));
}

/**
 * pepctl_escape:
 * @keep_newlines: whether line feeds stay as they are (multi-line text in `show`)
 *
 * Text from the file as it is safe to print to a terminal: control characters (which can
 * move the cursor, retitle the window or hide what follows) and invisible or
 * direction-changing characters (which make a name read as another) written as \xNN or
 * \u{NNNN}, and a backslash as \\.
 */
char *
pepctl_escape (const char *text,
               gboolean    keep_newlines)
{
  GString *out;

  if (text == NULL)
    return g_strdup ("");
  out = g_string_sized_new (strlen (text));
  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char_validated (p, -1);

      if (c == (gunichar) -1 || c == (gunichar) -2)
        {
          g_string_append_printf (out, "\\x%02X", (guchar) *p);
          p++;
          continue;
        }
      if (c == '\\')
        g_string_append (out, "\\\\");
      else if (c == '\n' && keep_newlines)
        g_string_append_c (out, '\n');
      else if (c < 0x20 || c == 0x7F)
        g_string_append_printf (out, "\\x%02X", c);
      else if (g_unichar_type (c) == G_UNICODE_CONTROL || g_unichar_type (c) == G_UNICODE_FORMAT)
        g_string_append_printf (out, "\\u{%04X}", c);
      else
        g_string_append_len (out, p, g_utf8_next_char (p) - p);
      p = g_utf8_next_char (p);
    }
  return g_string_free (out, FALSE);
}

PepStore *
pepctl_open_store (const char  *path,
                   GError     **error)
{
  g_autoptr(PepStore) store = pep_store_open (path, PEP_STORE_OPEN_DEFAULT, error);
  g_autoptr(GPtrArray) problems = NULL;

  if (store == NULL)
    return NULL;
  /* A lock that was tampered with is said every time, whatever the command. */
  problems = pep_store_check_locks (store, NULL);
  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_printerr ("pepctl: %s: %s\n", _("warning"), (char *) g_ptr_array_index (problems, i));
  if (problems != NULL && problems->len > 0)
    g_printerr ("pepctl: %s: %s\n", _("warning"),
                _("signed-off PEPs in this file may have been changed behind the lock's back"));
  /* Said, not refused: the file may be on a share whose modes are not ours to set. */
  if (!pep_store_is_private (store))
    {
      g_autofree char *display = g_filename_display_name (path);

      g_printerr (_("pepctl: warning: “%s” can be read by other users of this computer; "
                    "`chmod 600` it (PEP Studio offers to when it opens it)\n"), display);
    }
  return g_steal_pointer (&store);
}

/* The owner from --school URN or --authority CODE NAME (the name is the rest of the line). */
static PepCopyOwner *
parse_owner (GOptionContext  *context,
             const char      *school,
             const char      *authority,
             char           **name,
             int             *status)
{
  g_autoptr(PepCopyOwner) owner = NULL;
  g_autoptr(GError) error = NULL;
  guint64 number;

  *status = -1;
  if (school != NULL && authority != NULL)
    {
      *status = pepctl_usage_error (context, _("a file is a school's or an authority's, not both"));
      return NULL;
    }
  if (school != NULL)
    {
      if (!g_ascii_string_to_unsigned (school, 10, 0, G_MAXINT64, &number, NULL))
        {
          *status = pepctl_usage_error (context, _("--school takes the school's URN"));
          return NULL;
        }
      owner = pep_copy_owner_new_school ((gint64) number);
    }
  else if (authority != NULL)
    {
      g_autofree char *joined = name != NULL ? g_strjoinv (" ", name) : NULL;

      if (!g_ascii_string_to_unsigned (authority, 10, 0, G_MAXUINT, &number, NULL))
        {
          *status = pepctl_usage_error (context, _("--authority takes the LA code, then the authority's name"));
          return NULL;
        }
      owner = pep_copy_owner_new_authority ((guint) number, joined);
    }
  else
    return NULL;
  if (!pep_copy_owner_check (owner, &error))
    {
      *status = pepctl_usage_error (context, error->message);
      return NULL;
    }
  return g_steal_pointer (&owner);
}

/* The file's working context, as the app makes it: the account's name, acting as an
 * administrator, and the file's authority profiles. */
PepWorkContext *
pepctl_open_context (const char  *path,
                     GError     **error)
{
  g_autoptr(PepStore) store = pepctl_open_store (path, error);

  if (store == NULL)
    return NULL;
  return pep_work_context_new (store, g_get_user_name (), PEP_ROLE_ADMINISTRATOR, error);
}

/* Imports through @context are checked by the authority trust (pep-authority-trust.h): an
 * authority's profile must be signed by its pinned key; @fingerprints (--accept-key) are
 * the keys a person confirmed, pinned when met (the authority's, designated teachers').
 * Returns: (transfer full): the trust, which says what is left to confirm */
PepAuthorityTrust *
pepctl_trust_keys (PepWorkContext     *context,
                   const char * const *fingerprints,
                   gboolean            dry_run)
{
  PepAuthorityTrust *trust = pep_authority_trust_new (pep_work_context_get_store (context));

  for (guint i = 0; fingerprints != NULL && fingerprints[i] != NULL; i++)
    pep_authority_trust_accept_key (trust, fingerprints[i]);
  pep_authority_trust_set_dry_run (trust, dry_run);
  pep_authority_trust_install (trust, context);
  pep_work_context_set_accepted_keys (context, fingerprints);
  return trust;
}

/* The profile --authority names (NULL: the file's own), or a data error saying which there are. */
PepAuthority *
pepctl_find_authority (PepWorkContext  *context,
                       const char      *la_code,
                       GError         **error)
{
  PepAuthority *authority = pep_work_context_find (context, la_code);
  GPtrArray *all;
  g_autoptr(GString) codes = NULL;

  if (authority != NULL)
    return authority;
  all = pep_work_context_get_authorities (context);
  codes = g_string_new (NULL);
  for (guint i = 0; i < all->len; i++)
    {
      const char *code = pep_authority_get_la_code (g_ptr_array_index (all, i));

      if (code != NULL)
        g_string_append_printf (codes, "%s%s", codes->len ? ", " : "", code);
    }
  g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_NOT_FOUND,
               _("The file has no profile for the authority %s (it has: %s)"), la_code,
               codes->len ? codes->str : _("its own only"));
  return NULL;
}

/* init ---------------------------------------------------------------------------------- */

static int
command_init (int    argc,
              char **argv)
{
  g_autofree char *school = NULL;
  g_autofree char *authority = NULL;
  gboolean with_key = FALSE;
  gboolean pseudonymised = FALSE;
  GOptionEntry entries[] = {
    { "school", 0, 0, G_OPTION_ARG_STRING, &school, N_("A school's copy: the school's URN"), "URN" },
    { "authority", 0, 0, G_OPTION_ARG_STRING, &authority, N_("A Virtual School's copy: the authority's LA code, then its name after FILE"), "CODE" },
    { "authority-key", 0, 0, G_OPTION_ARG_NONE, &with_key,
      N_("With --authority: make the authority's signing key now (as pepctl officers FILE init-key)"), NULL },
    { "pseudonymised", 0, 0, G_OPTION_ARG_NONE, &pseudonymised, N_("A pseudonymised copy: one pseudonymised export, imported for its figures; no owner, no exports"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE [NAME…] — create an empty PEP Studio file: a school's copy "
                            "(--school URN), a Virtual School's (--authority CODE NAME), a "
                            "pseudonymised copy (--pseudonymised) or, with none, a file for use "
                            "on its own that is given its owner before its first export"));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepCopyOwner) owner = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pepctl_usage_error (context, error->message);
  if (argc < 2)
    return pepctl_usage_error (context, _("missing arguments"));
  if (argc > 2 && authority == NULL)
    return pepctl_usage_error (context, _("too many arguments"));
  if (pseudonymised && (school != NULL || authority != NULL))
    return pepctl_usage_error (context, _("a pseudonymised copy has no owner: give --pseudonymised "
                                          "alone"));
  owner = parse_owner (context, school, authority, argv + 2, &status);
  if (status >= 0)
    return status;
  store = pep_store_open (argv[1], PEP_STORE_OPEN_CREATE | PEP_STORE_OPEN_EXCLUSIVE, &error);
  if (store == NULL)
    return pepctl_data_error (error);
  if (owner != NULL && !pep_store_set_owner (store, owner, &error))
    return pepctl_data_error (error);
  if (pseudonymised && !pep_store_make_pseudonymised (store, &error))
    return pepctl_data_error (error);
  if (with_key)
    {
      g_autoptr(PepSigningKey) key = NULL;
      g_autofree char *fingerprint = NULL;

      pep_store_set_actor (store, g_get_real_name (), PEP_ROLE_ADMINISTRATOR);
      if (!(key = pep_authority_key_create (store, g_getenv ("PEPSTUDIO_PASSPHRASE"), &error)))
        return pepctl_data_error (error);
      fingerprint = pep_signing_key_dup_fingerprint (key);
      printf ("%s %s\n", _("Authority key fingerprint:"), fingerprint);
    }
  else if (owner != NULL && owner->kind == PEP_COPY_AUTHORITY)
    g_printerr (_("Next, the head or an administrator makes the authority’s signing key: "
                  "pepctl officers FILE init-key\n"));
  return EXIT_OK;
}

/* owner --------------------------------------------------------------------------------- */

static int
command_owner (int    argc,
               char **argv)
{
  g_autofree char *school = NULL;
  g_autofree char *authority = NULL;
  GOptionEntry entries[] = {
    { "school", 0, 0, G_OPTION_ARG_STRING, &school, N_("A school's copy: the school's URN"), "URN" },
    { "authority", 0, 0, G_OPTION_ARG_STRING, &authority, N_("A Virtual School's copy: the authority's LA code, then its name after FILE"), "CODE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE [NAME…] — say whose copy FILE is, or give it its owner once "
                            "(--school URN or --authority CODE NAME); an owner never changes"));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepCopyOwner) owner = NULL;
  g_autoptr(PepCopyOwner) current = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *described = NULL;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pepctl_usage_error (context, error->message);
  if (argc < 2)
    return pepctl_usage_error (context, _("missing arguments"));
  if (argc > 2 && authority == NULL)
    return pepctl_usage_error (context, _("too many arguments"));
  owner = parse_owner (context, school, authority, argv + 2, &status);
  if (status >= 0)
    return status;
  if (!(store = pepctl_open_store (argv[1], &error))
      || !(current = pep_store_get_owner (store, &error)))
    return pepctl_data_error (error);
  if (owner == NULL)
    {
      /* Machine-readable first, then in words. */
      g_autofree char *sender = pep_copy_owner_to_sender (current);
      described = pep_copy_owner_describe (current);
      if (pep_store_is_pseudonymised (store))
        g_print ("pseudonymised\t%s\n", _("a pseudonymised copy, kept for figures: no owner, no exports"));
      else
        g_print ("%s\t%s\n", sender, described);
      return EXIT_OK;
    }
  pep_store_set_actor (store, g_get_real_name (), PEP_ROLE_ADMINISTRATOR);
  if (!pep_store_set_owner (store, owner, &error))
    return pepctl_data_error (error);
  return EXIT_OK;
}

/* demo ---------------------------------------------------------------------------------- */

static void
demo_progress (guint    done,
               guint    total,
               gpointer user_data)
{
  if (isatty (STDERR_FILENO))
    g_printerr ("\r%u of %u children…", done, total);
  if (done == total && isatty (STDERR_FILENO))
    g_printerr ("\n");
}

static int
command_demo (int    argc,
              char **argv)
{
  int children = 600, terms = 3, seed = 1;
  g_autofree char *until = NULL;
  GOptionEntry entries[] = {
    { "children", 'n', 0, G_OPTION_ARG_INT, &children, N_("How many children (default 600)"), "N" },
    { "terms", 't', 0, G_OPTION_ARG_INT, &terms, N_("How many termly PEPs per child (default 3)"), "T" },
    { "seed", 's', 0, G_OPTION_ARG_INT, &seed, N_("Random seed: the same seed gives the same file (default 1)"), "S" },
    { "until", 'u', 0, G_OPTION_ARG_STRING, &until, N_("The last term, like 2024/25-summer or summer-2025 (default: this term)"), "TERM" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — create a file of invented children and their PEPs"));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepDemoOptions options;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = pepctl_parse (context, &argc, &argv, 1)) >= 0)
    return status;

  pep_demo_options_init (&options);
  if (children < 1 || children > 100000)
    return pepctl_usage_error (context, _("--children must be between 1 and 100000"));
  if (terms < 1 || terms > 12)
    return pepctl_usage_error (context, _("--terms must be between 1 and 12"));
  if (until != NULL && !pep_term_parse (until, &options.last_term))
    return pepctl_usage_error (context, _("--until takes a term like 2024/25-summer or summer-2025"));
  options.n_children = (guint) children;
  options.n_terms = (guint) terms;
  options.seed = (guint32) seed;

  store = pep_store_open (argv[1], PEP_STORE_OPEN_CREATE | PEP_STORE_OPEN_EXCLUSIVE, &error);
  if (store == NULL)
    return pepctl_data_error (error);
  if (!pep_demo_generate (store, &options, demo_progress, NULL, &error))
    {
      g_autofree char *path = g_strdup (argv[1]);
      g_autofree char *wal = g_strconcat (path, "-wal", NULL);
      g_autofree char *shm = g_strconcat (path, "-shm", NULL);

      /* We made this file; a half-made demo is no use to anyone. */
      g_clear_object (&store);
      g_unlink (wal);
      g_unlink (shm);
      g_unlink (path);
      return pepctl_data_error (error);
    }
  return EXIT_OK;
}

/* list ---------------------------------------------------------------------------------- */

static gboolean
print_listing (const PepPlanListing *listing,
               gpointer              user_data)
{
  g_autofree char *term = pep_term_format (&listing->term);
  g_autofree char *raw_name = pep_child_display_name (listing->forename, listing->surname,
                                                      listing->preferred_name);
  g_autofree char *name = pepctl_escape (raw_name, FALSE);
  g_autofree char *upn = listing->upn ? pepctl_escape (listing->upn, FALSE) : NULL;

  /* One line per PEP, tab-separated: id, child (pep_child_display_name(), then the UPN),
   * term, kind, status[, unscheduled]. */
  printf ("%" G_GINT64_FORMAT "\t%s%s%s%s\t%s\t%s\t%s%s\n",
          listing->id, name,
          upn ? " (" : "", upn ? upn : "", upn ? ")" : "",
          term, pep_kind_to_nick (listing->kind), pep_status_to_nick (listing->status),
          listing->unscheduled ? "\tunscheduled" : "");
  return !ferror (stdout);
}

static int
command_list (int    argc,
              char **argv)
{
  g_autofree char *term = NULL;
  g_autofree char *status_nick = NULL;
  gint64 school = 0;
  GOptionEntry entries[] = {
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("Only PEPs of this term, like 2023/24-autumn or autumn-2023"), "TERM" },
    { "school", 0, 0, G_OPTION_ARG_INT64, &school, N_("Only PEPs at the school with this URN"), "URN" },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status_nick,
      N_("Only PEPs in this status: draft, submitted, returned, approved, signed-off, superseded"), "S" },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — list PEPs, one a line"));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  PepPlanQuery query = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = pepctl_parse (context, &argc, &argv, 1)) >= 0)
    return status;
  if (term != NULL && !(query.has_term = pep_term_parse (term, &query.term)))
    return pepctl_usage_error (context, _("--term takes a term like 2023/24-autumn or autumn-2023"));
  if (status_nick != NULL && !(query.has_status = pep_status_from_nick (status_nick, &query.status)))
    return pepctl_usage_error (context, _("--status takes draft, submitted, returned, approved, signed-off or superseded"));
  query.school_urn = school;

  if (!(store = pepctl_open_store (argv[1], &error))
      || !pep_store_foreach_plan (store, &query, print_listing, NULL, &error))
    return pepctl_data_error (error);
  if (fflush (stdout) != 0)
    return EXIT_DATA;
  return EXIT_OK;
}

/* show ---------------------------------------------------------------------------------- */

static void
print_fields (PepRecord  *record,
              PepPlan    *plan,
              PepRecord  *child,
              PepSection  section,
              const char *indent)
{
  PepTable table = pep_record_get_table (record);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    {
      const PepFieldInfo *info = pep_table_get_field (table, i);
      g_autofree char *text = NULL;
      g_autofree char *safe = NULL;

      /* The fields of the PEP's kind for the child's phase, as the editor shows them. */
      if (info->section != section || !pep_plan_field_applies (plan, child, info))
        continue;
      text = pep_field_format (info, pep_record_get (record, i));
      safe = pepctl_escape (text, TRUE);
      printf ("%s%s: %s\n", indent, _(info->label), *safe ? safe : _("(not entered)"));
    }
}

static void
print_rows (PepPlan  *plan,
            PepTable  table,
            const char *title)
{
  GPtrArray *rows = pep_plan_get_rows (plan, table);

  printf ("  %s: %u\n", title, rows->len);
  for (guint r = 0; r < rows->len; r++)
    {
      PepRecord *row = g_ptr_array_index (rows, r);

      printf ("    %u.\n", r + 1);
      for (guint i = 0; i < pep_table_get_n_fields (table); i++)
        {
          const PepFieldInfo *info = pep_table_get_field (table, i);
          g_autofree char *raw = NULL;
          g_autofree char *text = NULL;

          if (!pep_plan_field_applies (plan, NULL, info))
            continue;
          raw = pep_field_format (info, pep_record_get (row, i));
          text = pepctl_escape (raw, TRUE);

          if (*text)
            printf ("      %s: %s\n", _(info->label), text);
        }
    }
}

static int
command_show (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE PEP-ID — show a whole PEP as text"));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepRecord) school = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *term_text = NULL;
  PepTermId term;
  PepKind kind;
  char *end = NULL;
  gint64 id;
  int status;

  if ((status = pepctl_parse (context, &argc, &argv, 2)) >= 0)
    return status;
  id = g_ascii_strtoll (argv[2], &end, 10);
  if (*argv[2] == '\0' || *end != '\0' || id <= 0)
    return pepctl_usage_error (context, _("PEP-ID is the number at the start of a line of ‘pepctl list’"));

  if (!(store = pepctl_open_store (argv[1], &error))
      || !(plan = pep_store_load_plan (store, id, &error))
      || !(child = pep_store_load_child (store, pep_plan_get_child_id (plan), &error)))
    return pepctl_data_error (error);
  if (pep_plan_get_school_urn (plan) != 0)
    school = pep_store_load_school (store, pep_plan_get_school_urn (plan), NULL);

  pep_plan_get_term (plan, &term);
  term_text = pep_term_format (&term);
  kind = pep_plan_get_kind (plan);

  printf (_("PEP %lld, %s, %s"), (long long) id, term_text, pep_kind_to_label (kind));
  if (pep_plan_is_unscheduled (plan))
    {
      g_autofree char *reason = pepctl_escape (pep_plan_get_review_reason (plan), FALSE);

      printf (_(", unscheduled review: %s"), reason);
    }
  printf ("\n");
  {
    g_autofree char *changed = pep_datetime_format (pep_plan_get_updated_at (plan));

    printf (_("Status: %s (revision %lld, last changed %s)\n"),
            pep_status_to_label (pep_plan_get_status (plan)),
            (long long) pep_plan_get_revision (plan), changed);
  }
  {
    /* Checked now, as pepctl verify would (docs/signatures.md). */
    g_autofree char *why = NULL;
    PepSeal seal;

    if (pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF)->len > 0
        && pep_signoff_check_plan (store, plan, &seal, &why, NULL))
      {
        if (seal == PEP_SEAL_OK)
          printf (_("Signatures: verified\n"));
        else
          printf (_("Signatures: %s — %s\n"), pep_seal_to_label (seal), why);
      }
  }
  if (school != NULL)
    {
      g_autofree char *name = pepctl_escape (pep_record_get_text (school, PEP_SCHOOL_NAME), FALSE);

      printf (_("School: %s (URN %lld)\n"), name, (long long) pep_plan_get_school_urn (plan));
    }

  for (PepSection section = PEP_SECTION_IDENTITY; section <= PEP_SECTION_PEOPLE; section++)
    {
      printf ("\n%s\n", pep_section_to_label (section));
      print_fields (child, plan, child, section, "  ");
    }

  for (PepSection section = PEP_SECTION_MEETING; section < PEP_N_SECTIONS; section++)
    {
      gboolean any = FALSE;

      for (guint i = 0; i < PEP_PLAN_N_FIELDS; i++)
        {
          const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_PLAN, i);
          any |= info->section == section && pep_plan_field_applies (plan, child, info);
        }
      if (!any && section != PEP_SECTION_ATTAINMENT && section != PEP_SECTION_TARGETS
          && section != PEP_SECTION_PPPLUS && section != PEP_SECTION_SIGNOFF)
        continue;

      printf ("\n%s\n", pep_section_to_label (section));
      print_fields (pep_plan_get_content (plan), plan, child, section, "  ");
      if (section == PEP_SECTION_ATTAINMENT)
        print_rows (plan, PEP_TABLE_ATTAINMENT, _("Subjects"));
      else if (section == PEP_SECTION_TARGETS)
        {
          print_rows (plan, PEP_TABLE_TARGET_REVIEW, _("Review of previous targets"));
          print_rows (plan, PEP_TABLE_TARGET, _("Targets"));
        }
      else if (section == PEP_SECTION_PPPLUS)
        print_rows (plan, PEP_TABLE_FUNDING_REQUEST, _("Requests for additional funding"));
      else if (section == PEP_SECTION_SIGNOFF)
        print_rows (plan, PEP_TABLE_SIGNOFF, _("Signatures"));
      else if (section == PEP_SECTION_QA)
        {
          print_rows (plan, PEP_TABLE_RATING, _("Section ratings"));
          print_rows (plan, PEP_TABLE_FOLLOW_UP, _("Follow-up actions"));
        }
    }

  /* What other copies sent as this PEP's history: theirs, said to be theirs, never this
   * copy's own audit trail. */
  {
    g_autoptr(GPtrArray) history = pep_store_exchange_sender_history (store, id, &error);

    if (history == NULL)
      return pepctl_data_error (error);
    if (history->len > 0)
      printf ("\n%s\n", _("History sent by other copies (as they sent it, not checked here)"));
    for (guint i = 0; i < history->len; i++)
      {
        PepAuditEntry *entry = g_ptr_array_index (history, i);

        printf ("  %s\t%s\t%s (%s)\t%s%s%s\n", entry->table, entry->at, entry->who, entry->role,
                entry->action, entry->field ? " " : "", entry->field ? entry->field : "");
      }
  }
  return EXIT_OK;
}

/* main ---------------------------------------------------------------------------------- */

/* One line per command; each command's function lives in its own pepctl-*.c beside this
 * file, except the first four. */


static const struct
{
  const char       *name;
  PepctlCommandFunc func;
  const char       *summary;
} commands[] = {
  { "init", command_init, N_("Create an empty PEP Studio file") },
  { "owner", command_owner, N_("Say whose copy a file is, or give it its owner once") },
  { "demo", command_demo, N_("Create a file of invented children and PEPs") },
  { "list", command_list, N_("List PEPs, one a line") },
  { "show", command_show, N_("Show a whole PEP as text") },
  { "qa", pepctl_command_qa, N_("Show a PEP's automatic checks and proposed ratings") },
  { "rubric", pepctl_command_rubric, N_("Check a rubric file: pepctl rubric check RUBRIC.xml") },
  { "queue", pepctl_command_queue, N_("List submitted PEPs waiting for QA, longest first") },
  { "follow-ups", pepctl_command_follow_ups, N_("List follow-up actions, overdue ones marked") },
  { "export", pepctl_command_export, N_("Write PEPs as one PEP exchange XML file") },
  { "import", pepctl_command_import, N_("Read a PEP exchange XML file into FILE (--dry-run to see first)") },
  { "validate", pepctl_command_validate, N_("Check a PEP exchange XML file against its schema") },
  { "authority", pepctl_command_authority, N_("An authority's profile: show, export -o OUT.xml, import IN.xml") },
  { "verify", pepctl_command_verify, N_("Check every signed-off PEP against its signatures") },
  { "key", pepctl_command_key, N_("Make your signing key, or show a public key: key new|show") },
  { "officers", pepctl_command_officers, N_("The authority's officers list and key: init-key|show|add|remove|export|import") },
  { "stats", pepctl_command_stats, N_("The figures a Virtual School reports: --term, --by, --json, --csv") },
};

static void
print_usage (FILE *out)
{
  int width = 0;

  fprintf (out, "%s\n\n%s\n", _("Usage: pepctl COMMAND FILE [OPTION…]"), _("Commands:"));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    width = MAX (width, (int) strlen (commands[i].name));
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-*s  %s\n", width, commands[i].name, _(commands[i].summary));
  fprintf (out, "\n%s\n", _("‘pepctl COMMAND --help’ describes a command."));
}

int
main (int   argc,
      char *argv[])
{
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (argc < 2)
    {
      print_usage (stderr);
      return EXIT_USAGE;
    }
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    {
      print_usage (stdout);
      return EXIT_OK;
    }
  if (g_str_equal (argv[1], "--version"))
    {
      printf ("pepctl %s\n", PACKAGE_VERSION);
      return EXIT_OK;
    }

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name))
      {
        g_autofree char *prgname = g_strdup_printf ("pepctl %s", commands[i].name);
        g_set_prgname (prgname);
        return commands[i].func (argc - 1, argv + 1);
      }

  g_printerr ("pepctl: %s\n", _("unknown command"));
  print_usage (stderr);
  return EXIT_USAGE;
}
