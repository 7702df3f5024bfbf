/* pepctl-authority.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An authority's profile from the command line: show it, export it alone, import one.
 *
 *   pepctl authority FILE show [--authority CODE]
 *   pepctl authority FILE export -o OUT.xml [--authority CODE]
 *   pepctl authority FILE import IN.xml [--as-own] [--dry-run]
 */

#define G_LOG_DOMAIN "pepctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pep-field.h"
#include "pepctl.h"

static const char *
basis_words (PepDayBasis basis)
{
  return basis == PEP_DAYS_SCHOOL ? _("school days") : _("working days");
}

static void
print_date (const char  *label,
            const GDate *date,
            gboolean     set)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  /* Translators: "first school day 2025-09-03", and "(usual)" when the authority did not set it */
  printf ("  %s %s%s", label, text, set ? "" : _(" (usual)"));
}

static void
show (PepAuthority *authority,
      gboolean      own)
{
  g_autofree char *name = pep_authority_describe (authority);
  g_autoptr(GArray) years = pep_authority_get_years (authority);
  PepRubric *rubric = pep_authority_get_rubric (authority);
  const char *key_id = NULL;
  const char *signature = pep_authority_get_signature (authority, &key_id);
  gint64 pence = pep_authority_get_ppplus_pence (authority);

  printf (_("Authority: %s%s\n"), name,
          own && pep_authority_get_la_code (authority) != NULL ? _(" (this file’s own)") : "");
  printf (_("Cohort rule: %s\n"), pep_authority_get_cohort (authority));
  printf (_("First PEP after entering care: %u %s\n"), pep_authority_get_new_to_care_days (authority),
          basis_words (pep_authority_get_new_to_care_basis (authority)));
  printf (_("Review after a change of school: %u %s\n"), pep_authority_get_school_change_days (authority),
          basis_words (pep_authority_get_school_change_basis (authority)));
  printf (_("Follow-up actions due after: %u working days\n"), pep_authority_get_follow_up_days (authority));
  printf (_("PP+ a child a year: £%" G_GINT64_FORMAT ".%02d\n"), pence / 100, (int) (pence % 100));
  {
    gint64 term = pep_authority_get_ppplus_term_pence (authority);
    gint64 request = pep_authority_get_request_max_pence (authority);
    PepRequestNeeds needs = pep_authority_get_request_needs (authority);
    g_autofree char *term_text = term > 0 ? pep_money_format (term) : NULL;
    g_autofree char *request_text = request > 0 ? pep_money_format (request) : NULL;

    printf (_("PP+ allocated a term: %s\n"), term_text ? term_text : _("no limit"));
    printf (_("A request for additional funding: %s; names its rationale%s%s\n"),
            request_text ? request_text : _("no limit"),
            needs & PEP_REQUEST_NEEDS_INTERVENTION ? _(", intervention") : "",
            needs & PEP_REQUEST_NEEDS_EXPECTED_OUTCOME ? _(", expected outcome") : "");
  }
  printf (_("Rubric: %s (%s, version %s)\n"), pep_rubric_get_title (rubric), pep_rubric_get_id (rubric),
          pep_rubric_get_version (rubric));
  if (signature != NULL)
    printf (_("Signed with the key %s\n"), key_id);
  else
    printf (_("Not signed\n"));
  if (years->len == 0)
    printf (_("Terms: England’s usual pattern; deadlines: each term’s last school day\n"));
  for (guint y = 0; y < years->len; y++)
    {
      int year = g_array_index (years, int, y);
      g_autofree char *year_name = pep_academic_year_format (year);
      g_auto(GStrv) closures = pep_authority_get_closures (authority, year);

      printf (_("Year %s:\n"), year_name);
      for (PepTerm t = PEP_TERM_AUTUMN; t < PEP_N_TERMS; t++)
        {
          PepTermId id = { year, t };
          g_autofree char *term_name = pep_term_format (&id);
          GDate first, last, deadline, school_first, school_last, due;

          pep_authority_get_term (authority, &id, &first, &last, &deadline);
          pep_authority_school_days (authority, &id, &school_first, &school_last);
          pep_authority_deadline (authority, &id, &due);
          printf ("  %s:", term_name);
          print_date (_("first school day"), &school_first, g_date_valid (&first));
          print_date (_("last"), &school_last, g_date_valid (&last));
          print_date (_("deadline"), &due, g_date_valid (&deadline));
          printf ("\n");
        }
      if (closures[0] != NULL)
        {
          g_autofree char *list = g_strjoinv (", ", closures);

          printf (_("  closures: %s\n"), list);
        }
    }
}

int
pepctl_command_authority (int    argc,
                          char **argv)
{
  g_autofree char *la_code = NULL;
  g_autofree char *output = NULL;
  gboolean as_own = FALSE, dry_run = FALSE;
  GOptionEntry entries[] = {
    { "authority", 0, 0, G_OPTION_ARG_STRING, &la_code,
      N_("show, export: the authority's LA code (default: show every profile, export the file's own)"), "CODE" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, N_("export: the XML file to write"), "OUT.xml" },
    { "as-own", 0, 0, G_OPTION_ARG_NONE, &as_own,
      N_("import: make it this file's own profile (another officer of the same Virtual School)"), NULL },
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("import: check it and change nothing"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE show|export|import [IN.xml] — an authority's profile: term dates, "
                            "deadlines, cohort, PP+ and rubric"));
  g_autoptr(PepWorkContext) work = NULL;
  g_autoptr(GError) error = NULL;
  const char *what;
  PepAuthority *authority;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pepctl_usage_error (context, error->message);
  if (argc < 3)
    return pepctl_usage_error (context, _("missing arguments"));
  what = argv[2];
  if (!g_str_equal (what, "show") && !g_str_equal (what, "export") && !g_str_equal (what, "import"))
    return pepctl_usage_error (context, _("the command is show, export or import"));
  if (argc != (g_str_equal (what, "import") ? 4 : 3))
    return pepctl_usage_error (context, argc < 4 && g_str_equal (what, "import")
                                        ? _("import needs IN.xml") : _("too many arguments"));
  if (g_str_equal (what, "export") && output == NULL)
    return pepctl_usage_error (context, _("-o OUT.xml is required"));

  if (!(work = pepctl_open_context (argv[1], &error)))
    return pepctl_data_error (error);

  if (g_str_equal (what, "import"))
    {
      g_autofree char *data = NULL;
      g_autoptr(PepAuthority) taken = NULL;
      g_autofree char *name = NULL;
      gsize length;

      if (!g_file_get_contents (argv[3], &data, &length, &error)
          || !(taken = pep_work_context_import (work, data, length, as_own, dry_run, &error)))
        return pepctl_data_error (error);
      name = pep_authority_describe (taken);
      if (dry_run)
        g_printerr (_("%s: the profile of %s is valid; nothing was changed (--dry-run)\n"), argv[3], name);
      else
        g_printerr (_("%s: the profile of %s is now in %s\n"), argv[3], name, argv[1]);
      return EXIT_OK;
    }

  if (g_str_equal (what, "show") && la_code == NULL)
    {
      GPtrArray *all = pep_work_context_get_authorities (work);

      for (guint i = 0; i < all->len; i++)
        {
          if (i > 0)
            printf ("\n");
          show (g_ptr_array_index (all, i), i == 0);
        }
      return fflush (stdout) == 0 ? EXIT_OK : EXIT_DATA;
    }
  if (!(authority = pepctl_find_authority (work, la_code, &error)))
    return pepctl_data_error (error);
  if (g_str_equal (what, "show"))
    {
      show (authority, authority == pep_work_context_get_own (work));
      return fflush (stdout) == 0 ? EXIT_OK : EXIT_DATA;
    }
  else
    {
      g_autofree char *xml = pep_authority_to_xml (authority, TRUE);

      if (!g_file_set_contents_full (output, xml, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0600, &error))
        return pepctl_data_error (error);
      return EXIT_OK;
    }
}
