/* pepctl-qa.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quality assurance from the command line: a PEP's automatic checks and proposed ratings,
 * checking a rubric file, the QA queue and the follow-up actions.
 */

#define G_LOG_DOMAIN "pepctl"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pep-checks.h"
#include "pep-child-name.h"
#include "pep-qa-queue.h"
#include "pepctl.h"

int pepctl_command_qa         (int argc, char **argv);
int pepctl_command_rubric     (int argc, char **argv);
int pepctl_command_queue      (int argc, char **argv);
int pepctl_command_follow_ups (int argc, char **argv);


static gboolean
parse_id (const char *text,
          gint64     *id)
{
  char *end = NULL;

  *id = g_ascii_strtoll (text, &end, 10);
  return *text != '\0' && *end == '\0' && *id > 0;
}

/* qa ------------------------------------------------------------------------------------- */

static const char *
outcome_tag (PepCheckOutcome outcome)
{
  switch (outcome)
    {
    case PEP_CHECK_PASS:
      return _("pass");
    case PEP_CHECK_FAIL:
      return _("FAIL");
    case PEP_CHECK_NOT_APPLICABLE:
      return _("n/a");
    case PEP_CHECK_JUDGED:
    default:
      return _("judge");
    }
}

int
pepctl_command_qa (int    argc,
                   char **argv)
{
  g_autofree char *rubric_path = NULL;
  GOptionEntry entries[] = {
    { "rubric", 'r', 0, G_OPTION_ARG_FILENAME, &rubric_path,
      N_("Check against this rubric file (default: the rubric of the child's authority)"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE PEP-ID — a PEP's automatic checks and proposed ratings"));
  g_autoptr(PepWorkContext) work = NULL;
  g_autoptr(PepRubric) rubric = NULL;
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepChecks) checks = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *term_text = NULL;
  PepAuthority *authority;
  PepTermId term;
  gint64 id;
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = pepctl_parse (context, &argc, &argv, 2)) >= 0)
    return status;
  if (!parse_id (argv[2], &id))
    return pepctl_usage_error (context, _("PEP-ID is the number at the start of a line of ‘pepctl list’"));

  /* The rubric is the child's authority's, as in the editor and the QA workspace. */
  if (!(work = pepctl_open_context (argv[1], &error))
      || !(plan = pep_store_load_plan (pep_work_context_get_store (work), id, &error))
      || !(authority = pep_work_context_for_plan (work, plan, &error)))
    return pepctl_data_error (error);
  rubric = rubric_path ? pep_rubric_new_from_file (rubric_path, &error)
                       : g_object_ref (pep_authority_get_rubric (authority));
  if (rubric == NULL
      || !(checks = pep_checks_new_for_store (pep_work_context_get_store (work), rubric, plan, &error)))
    return pepctl_data_error (error);

  pep_plan_get_term (plan, &term);
  term_text = pep_term_format (&term);
  printf (_("PEP %lld, %s, %s: %s\n"), (long long) id, term_text,
          pep_kind_to_label (pep_plan_get_kind (plan)),
          pep_status_to_label (pep_plan_get_status (plan)));
  printf (_("Rubric: %s (%s, version %s)\n"), pep_rubric_get_title (rubric),
          pep_rubric_get_id (rubric), pep_rubric_get_version (rubric));

  for (guint s = 0; s < pep_rubric_get_n_sections (rubric); s++)
    {
      PepSection section = pep_rubric_get_section (rubric, s);
      const PepCheckResult *results;
      guint n;

      printf ("\n%s: %s\n", pep_section_to_label (section),
              pep_rating_to_label (pep_checks_get_proposed (checks, section)));
      results = pep_checks_get_results (checks, section, &n);
      for (guint i = 0; i < n; i++)
        {
          printf ("  [%-5s] %-5s %s\n", outcome_tag (results[i].outcome),
                  pep_rating_to_nick (results[i].criterion->level), results[i].criterion->description);
          if (results[i].criterion->check != NULL)
            printf ("                %s\n", results[i].reason);
        }
    }

  printf ("\n");
  printf (_("Proposed overall rating: %s (rule %s)\n"),
          pep_rating_to_label (pep_checks_get_overall (checks)), pep_rubric_get_rule (rubric));
  printf (_("Failing checks: %u\n"), pep_checks_count_failures (checks));
  if (fflush (stdout) != 0)
    return EXIT_DATA;
  return EXIT_OK;
}

/* rubric check --------------------------------------------------------------------------- */

int
pepctl_command_rubric (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("check RUBRIC.xml — check that a rubric file can be used"));
  g_autoptr(PepRubric) rubric = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if ((status = pepctl_parse (context, &argc, &argv, 2)) >= 0)
    return status;
  if (!g_str_equal (argv[1], "check"))
    return pepctl_usage_error (context, _("the only rubric command is ‘check’"));

  if (!(rubric = pep_rubric_new_from_file (argv[2], &error)))
    return pepctl_data_error (error);
  printf (_("%s: a valid rubric, “%s” (%s, version %s): %u sections, overall by rule %s\n"),
          argv[2], pep_rubric_get_title (rubric), pep_rubric_get_id (rubric),
          pep_rubric_get_version (rubric), pep_rubric_get_n_sections (rubric),
          pep_rubric_get_rule (rubric));
  return EXIT_OK;
}

/* queue ---------------------------------------------------------------------------------- */

int
pepctl_command_queue (int    argc,
                      char **argv)
{
  g_autofree char *term = NULL, *advisor = NULL, *phase = NULL, *kind = NULL, *proposed = NULL;
  g_autofree char *rubric_path = NULL;
  gint64 school = 0;
  GOptionEntry entries[] = {
    { "term", 0, 0, G_OPTION_ARG_STRING, &term, N_("Only PEPs of this term, like 2023/24-autumn or autumn-2023"), "TERM" },
    { "school", 0, 0, G_OPTION_ARG_INT64, &school, N_("Only PEPs at the school with this URN"), "URN" },
    { "advisor", 0, 0, G_OPTION_ARG_STRING, &advisor, N_("Only children with this Virtual School advisor"), "NAME" },
    { "phase", 0, 0, G_OPTION_ARG_STRING, &phase, N_("Only schools of this phase, like primary"), "PHASE" },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("Only PEPs of this kind, like early-years"), "KIND" },
    { "proposed", 0, 0, G_OPTION_ARG_STRING, &proposed, N_("Only PEPs the checks propose this overall rating for"), "RATING" },
    { "rubric", 'r', 0, G_OPTION_ARG_FILENAME, &rubric_path,
      N_("Propose by this rubric file (default: each child's authority's rubric)"), "FILE" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — submitted PEPs waiting for QA, longest waiting first"));
  g_autoptr(PepWorkContext) work = NULL;
  g_autoptr(PepRubric) rubric = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  PepQaQueueQuery query = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = pepctl_parse (context, &argc, &argv, 1)) >= 0)
    return status;
  if (term != NULL && !(query.has_term = pep_term_parse (term, &query.term)))
    return pepctl_usage_error (context, _("--term takes a term like 2023/24-autumn or autumn-2023"));
  if (kind != NULL && !(query.has_kind = pep_kind_from_nick (kind, &query.kind)))
    return pepctl_usage_error (context, _("--kind takes early-years, school-age, post-16, post-18 or neet"));
  if (proposed != NULL && !(query.has_proposed = pep_rating_from_nick (proposed, &query.proposed)))
    return pepctl_usage_error (context, _("--proposed takes red, amber, green, gold or not-rated"));
  query.school_urn = school;
  query.advisor = advisor;
  query.phase = phase;

  if ((rubric_path != NULL && !(rubric = pep_rubric_new_from_file (rubric_path, &error)))
      || !(work = pepctl_open_context (argv[1], &error)))
    return pepctl_data_error (error);
  items = rubric ? pep_qa_queue_list (pep_work_context_get_store (work), rubric, &query, &error)
                 : pep_qa_queue_list_for (pep_work_context_get_store (work),
                                          pep_work_context_get_authorities (work), &query, &error);
  if (items == NULL)
    return pepctl_data_error (error);

  /* One line per PEP, tab-separated: id, days waiting, proposed, failing checks, term, kind,
   * school URN, child (pep_child_display_name()). */
  for (guint i = 0; i < items->len; i++)
    {
      PepQaQueueItem *item = g_ptr_array_index (items, i);
      g_autofree char *term_text = pep_term_format (&item->term);
      g_autofree char *raw_name = pep_child_display_name (item->forename, item->surname,
                                                          item->preferred_name);
      g_autofree char *name = pepctl_escape (raw_name, FALSE);

      printf ("%" G_GINT64_FORMAT "\t%" G_GINT64_FORMAT "\t%s\t%u\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\n",
              item->plan_id, item->waiting_days, pep_rating_to_nick (item->proposed),
              item->n_failures, term_text, pep_kind_to_nick (item->kind), item->school_urn,
              name);
    }
  if (fflush (stdout) != 0)
    return EXIT_DATA;
  return EXIT_OK;
}

/* follow-ups ----------------------------------------------------------------------------- */

int
pepctl_command_follow_ups (int    argc,
                           char **argv)
{
  gboolean open_only = FALSE, overdue_only = FALSE;
  g_autofree char *owner = NULL;
  gint64 school = 0;
  GOptionEntry entries[] = {
    { "open", 0, 0, G_OPTION_ARG_NONE, &open_only, N_("Only open actions"), NULL },
    { "overdue", 0, 0, G_OPTION_ARG_NONE, &overdue_only, N_("Only overdue actions"), NULL },
    { "for", 0, 0, G_OPTION_ARG_STRING, &owner, N_("Only actions for designated-teacher, social-worker or advisor"), "ROLE" },
    { "school", 0, 0, G_OPTION_ARG_INT64, &school, N_("Only PEPs at the school with this URN"), "URN" },
    { NULL }
  };
  g_autoptr(GOptionContext) context =
    g_option_context_new (_("FILE — follow-up actions across all PEPs, soonest due first"));
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GPtrArray) items = NULL;
  g_autoptr(GError) error = NULL;
  PepFollowUpQuery query = { 0 };
  int status;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = pepctl_parse (context, &argc, &argv, 1)) >= 0)
    return status;
  query.open_only = open_only;
  query.overdue_only = overdue_only;
  query.owner_role = owner;
  query.school_urn = school;

  if (!(store = pepctl_open_store (argv[1], &error))
      || !(items = pep_qa_list_follow_ups (store, &query, &error)))
    return pepctl_data_error (error);

  /* One line per action, tab-separated: PEP id, due, status[, overdue], for, action. */
  for (guint i = 0; i < items->len; i++)
    {
      PepFollowUpItem *item = g_ptr_array_index (items, i);

      printf ("%" G_GINT64_FORMAT "\t%s\t%s%s\t%s\t%s\n", item->plan_id,
              item->due ? item->due : "", item->status ? item->status : "",
              item->overdue ? " overdue" : "", item->owner_role ? item->owner_role : "",
              item->action ? item->action : "");
    }
  if (fflush (stdout) != 0)
    return EXIT_DATA;
  return EXIT_OK;
}
