/* pepctl-stats.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * pepctl stats FILE [--term T | --year Y] [--by school|trust|year|area|advisor]
 *                  [--cohort RULE] [--as-at DATE] [--publish N] [--json | --csv]
 *                  [--no-verify]
 *
 * The figures count a signed-off PEP as authorised only when its signatures bear it out.
 * Checking every signature takes about 3 s of CPU on `pepctl demo --children 2000` (5,432
 * signed PEPs), against 0.1 s for the figures, so stats reads the marks the last check left
 * (pepctl verify, the app when it opened the file, or stats itself) and checks again only
 * the PEPs whose rows changed since (pep_signoff_refresh_store(): a stamp of each PEP's
 * rows, edits behind the lock's back included). --no-verify takes the marks as they stand.
 */

#define G_LOG_DOMAIN "pepctl"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <json-glib/json-glib.h>

#include "pep-copy-owner.h"
#include "pep-csv.h"
#include "pep-signoff.h"
#include "pep-stats.h"
#include "pepctl.h"

static void
json_uint (JsonBuilder *builder,
           const char  *name,
           guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
json_ratings (JsonBuilder           *builder,
              const char            *name,
              const PepRatingCounts *counts)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  json_uint (builder, "rated", counts->rated);
  json_uint (builder, "red", counts->count[PEP_RATING_RED]);
  json_uint (builder, "amber", counts->count[PEP_RATING_AMBER]);
  json_uint (builder, "green", counts->count[PEP_RATING_GREEN]);
  json_uint (builder, "gold", counts->count[PEP_RATING_GOLD]);
  json_builder_end_object (builder);
}

/* @names[i] = @values[i], as one object named @name. */
static void
json_bands (JsonBuilder        *builder,
            const char         *name,
            const char * const *names,
            const guint        *values)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_object (builder);
  for (guint i = 0; names[i] != NULL; i++)
    json_uint (builder, names[i], values[i]);
  json_builder_end_object (builder);
}

/* Counts only: a reader computes percentages to the precision it shows. */
static void
json_groups (JsonBuilder *builder,
             GPtrArray   *figures)
{
  static const char * const outcomes[] = { "achieved", "partially_achieved", "on_track", "not_met", NULL };
  static const char * const attendance[] = { "under_50", "50_to_90", "90_to_95", "95_and_over", NULL };
  static const char * const sdq[] = { "normal", "borderline", "concern", NULL };
  const PepFieldInfo *category = pep_table_get_field (PEP_TABLE_TARGET, PEP_TARGET_STRATEGY_CATEGORY);

  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint g = 0; g < figures->len; g++)
    {
      const PepFigures *f = g_ptr_array_index (figures, g);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "group");
      json_builder_add_string_value (builder, f->group);
      json_builder_set_member_name (builder, "small");
      json_builder_add_boolean_value (builder, pep_stats_is_small (f->cohort));
      json_uint (builder, "cohort", f->cohort);
      json_uint (builder, "in_place", f->in_place);
      json_uint (builder, "meeting_held", f->meeting_held);
      json_uint (builder, "completed_in_time", f->completed_in_time);
      json_uint (builder, "authorised", f->authorised);
      json_uint (builder, "overdue", f->overdue);
      json_uint (builder, "overdue_statutory", f->overdue_statutory);
      json_uint (builder, "school_changes", f->school_changes);
      json_uint (builder, "school_change_overdue", f->school_change_overdue);
      json_uint (builder, "plans", f->plans);
      json_uint (builder, "meetings", f->meetings);
      json_uint (builder, "sw_attended", f->sw_attended);
      json_uint (builder, "child_attended", f->child_attended);
      json_uint (builder, "child_participated", f->child_participated);
      json_bands (builder, "target_outcomes", outcomes, f->outcomes);
      json_builder_set_member_name (builder, "ppplus_allocated_pence");
      json_builder_add_int_value (builder, f->ppplus_allocated);
      json_builder_set_member_name (builder, "ppplus_spent_pence");
      json_builder_add_int_value (builder, f->ppplus_spent);
      json_uint (builder, "ppplus_pupils", f->ppplus_pupils);
      json_uint (builder, "attendance_entered", f->attendance_entered);
      json_bands (builder, "attendance_bands", attendance, f->attendance_bands);
      json_uint (builder, "suspended_pupils", f->suspended_pupils);
      json_uint (builder, "suspensions", f->suspensions);
      json_uint (builder, "part_time", f->part_time);
      json_uint (builder, "neet", f->neet);
      json_uint (builder, "sdq_entered", f->sdq_entered);
      json_bands (builder, "sdq_bands", sdq, f->sdq_bands);
      json_uint (builder, "follow_ups_open", f->follow_ups_open);
      json_uint (builder, "follow_ups_overdue", f->follow_ups_overdue);
      json_ratings (builder, "overall", &f->overall);

      json_builder_set_member_name (builder, "ppplus_spent_pence_by_category");
      json_builder_begin_object (builder);
      for (guint c = 0; c < PEP_N_PPPLUS_CATEGORIES; c++)
        {
          json_builder_set_member_name (builder, c < PEP_N_PPPLUS_CATEGORIES - 1
                                                 ? category->choices[c].nick : "not-recorded");
          json_builder_add_int_value (builder, f->ppplus_by_category[c]);
        }
      json_builder_end_object (builder);

      json_builder_set_member_name (builder, "sections");
      json_builder_begin_object (builder);
      for (guint s = 0; s < PEP_N_SECTIONS; s++)
        if (f->sections[s].rated > 0)
          json_ratings (builder, pep_section_to_nick (s), &f->sections[s]);
      json_builder_end_object (builder);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
}

/* A term's figures, or with @terms a year's and then its terms' one by one; pretty-printed,
 * and the same bytes for the same figures. */
static char *
to_json (GPtrArray  *figures,
         const char *key,
         const char *period,
         const char *rule,
         GPtrArray  *terms,
         int         year)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, key);
  json_builder_add_string_value (builder, period);
  json_builder_set_member_name (builder, "cohort_rule");
  json_builder_add_string_value (builder, rule);
  json_groups (builder, figures);
  if (terms != NULL)
    {
      json_builder_set_member_name (builder, "terms");
      json_builder_begin_array (builder);
      for (guint t = 0; t < terms->len; t++)
        {
          PepTermId id = { year, (PepTerm) t };
          g_autofree char *name = pep_term_format (&id);

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "term");
          json_builder_add_string_value (builder, name);
          json_groups (builder, g_ptr_array_index (terms, t));
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
    }
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  json_generator_set_indent (generator, 2);
  return json_generator_to_data (generator, NULL);
}

/* A year with no breakdown reads best as its terms side by side, then the year: each whole
 * labelled with its period. */
static GPtrArray *
year_columns (GPtrArray    *year_figures,
              GPtrArray    *terms,
              int           year,
              PepAuthority *authority,
              const GDate  *today)
{
  GPtrArray *columns = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_figures_free);
  g_autofree char *year_name = pep_academic_year_format (year);

  for (guint t = 0; t <= terms->len; t++)
    {
      const PepFigures *whole = t < terms->len
                                ? g_ptr_array_index ((GPtrArray *) g_ptr_array_index (terms, t), 0)
                                : g_ptr_array_index (year_figures, 0);
      PepFigures *column = pep_figures_copy (whole);   /* the whole: no group name to lose */
      PepTermId id = { year, (PepTerm) t };

      if (t < terms->len)
        {
          g_autofree char *name = pep_term_format_long (&id);
          GDate first, last;

          pep_authority_term_span (authority, &id, &first, &last);
          /* Translators: a term of the year that has not started, like "Summer 2026/27 (to come)" */
          column->group = g_date_compare (&first, today) > 0 ? g_strdup_printf (_("%s (to come)"), name)
                                                             : g_steal_pointer (&name);
        }
      else
        {
          /* Translators: the whole academic year, like "Year 2022/23" */
          column->group = g_strdup_printf (_("Year %s"), year_name);
        }
      g_ptr_array_add (columns, column);
    }
  return columns;
}

/* The table turned on its side: one line per figure, a column per group. */
static void
print_text (GPtrArray  *table,
            const char *term,
            const char *rule)
{
  char **header = g_ptr_array_index (table, 0);
  guint width = 0;

  printf (_("PEP figures, %s\nCohort: %s\n\n"), term, rule);
  for (guint i = 0; header[i]; i++)
    width = MAX (width, (guint) g_utf8_strlen (header[i], -1));
  for (guint i = 0; header[i]; i++)
    {
      printf ("%s%*s", header[i], (int) (width - g_utf8_strlen (header[i], -1)) + 2, "");
      for (guint r = 1; r < table->len; r++)
        {
          /* Group names are the file's text: a school's name can hold anything. */
          g_autofree char *cell = pepctl_escape (((char **) g_ptr_array_index (table, r))[i], FALSE);

          printf ("%s%s", r > 1 ? " | " : "", cell);
        }
      printf ("\n");
    }
  if (table->len > 2)
    printf (_("\n* fewer than 10 children: percentages swing with one child\n"));
}

static gboolean
parse_breakdown (const char   *text,
                 PepBreakdown *breakdown)
{
  static const char *names[] = { "school", "trust", "year", "area", "advisor" };
  static const PepBreakdown values[] = {
    PEP_BREAKDOWN_SCHOOL, PEP_BREAKDOWN_TRUST, PEP_BREAKDOWN_YEAR, PEP_BREAKDOWN_AREA,
    PEP_BREAKDOWN_ADVISOR,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i]))
      {
        *breakdown = values[i];
        return TRUE;
      }
  return FALSE;
}

/* --only WHAT=GROUP: the group as the breakdown names it, with shorthands for year groups
 * ("10" for "Year 10", "R" for "Reception") and areas ("in", "out"). */
static char *
parse_only (const char   *text,
            PepBreakdown *by)
{
  g_auto(GStrv) parts = g_strsplit (text, "=", 2);
  guint64 year;

  if (parts[1] == NULL || *g_strstrip (parts[1]) == '\0' || !parse_breakdown (g_strstrip (parts[0]), by))
    return NULL;
  if (*by == PEP_BREAKDOWN_YEAR && g_ascii_string_to_unsigned (parts[1], 10, 1, 13, &year, NULL))
    return g_strdup_printf (_("Year %02d"), (int) year);
  if (*by == PEP_BREAKDOWN_YEAR && g_ascii_strcasecmp (parts[1], "R") == 0)
    return g_strdup (_("Reception"));
  if (*by == PEP_BREAKDOWN_AREA && g_ascii_strcasecmp (parts[1], "in") == 0)
    return g_strdup (_("In the authority"));
  if (*by == PEP_BREAKDOWN_AREA && g_ascii_strcasecmp (parts[1], "out") == 0)
    return g_strdup (_("Out of the authority"));
  return g_strdup (parts[1]);
}

int
pepctl_command_stats (int    argc,
                      char **argv)
{
  g_autofree char *term_text = NULL, *year_text = NULL, *by = NULL, *cohort = NULL, *as_at_text = NULL;
  g_autofree char *only_text = NULL, *only = NULL, *la_code = NULL;
  g_autofree char *deadline_text = NULL;
  int statutory_days = -1, school_change_days = -1;
  g_autofree char *day_basis = NULL;
  g_auto(GStrv) closures = NULL;
  gboolean json = FALSE, csv = FALSE, pseudonymise = FALSE, no_verify = FALSE;
  int publish = 0;
  GOptionEntry entries[] = {
    { "term", 0, 0, G_OPTION_ARG_STRING, &term_text, N_("The term, like 2023/24-autumn or autumn-2023 (default: this term)"), "TERM" },
    { "year", 0, 0, G_OPTION_ARG_STRING, &year_text,
      N_("A whole academic year, like 2023/24, and its terms"), "YEAR" },
    { "authority", 0, 0, G_OPTION_ARG_STRING, &la_code,
      N_("Whose children and rules, by LA code (default: the file's own authority)"), "CODE" },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("Break down by school, trust, year, area or advisor"), "WHAT" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only_text,
      N_("Only the children of one group, like school=Oakfield Primary, year=10, area=out or advisor=NAME"),
      "WHAT=GROUP" },
    { "cohort", 0, 0, G_OPTION_ARG_STRING, &cohort,
      N_("Who counts for PEP in place: years1-11-month or school-age-28-days (default: the authority's)"), "RULE" },
    { "as-at", 0, 0, G_OPTION_ARG_STRING, &as_at_text,
      N_("The date the cohort is counted at (default: the term's last school day)"), "DATE" },
    { "deadline", 0, 0, G_OPTION_ARG_STRING, &deadline_text,
      N_("A termly deadline (default: the authority's, or the term's last school day)"), "DATE" },
    { "statutory-days", 0, 0, G_OPTION_ARG_INT, &statutory_days,
      N_("Days to complete a first PEP after entering care (default: the authority's)"), "N" },
    { "school-change-days", 0, 0, G_OPTION_ARG_INT, &school_change_days,
      N_("Days to review a PEP after a change of school (default: the authority's)"), "N" },
    { "day-basis", 0, 0, G_OPTION_ARG_STRING, &day_basis,
      N_("How days after a change of school are counted: working-days or school-days (default: the authority's)"), "BASIS" },
    { "closure", 0, 0, G_OPTION_ARG_STRING_ARRAY, &closures,
      N_("A day or range schools are shut in term time, like 2025-10-27..2025-10-31, instead of the authority's for its year (repeatable)"),
      "DATES" },
    { "publish", 0, 0, G_OPTION_ARG_INT, &publish, N_("Replace counts under N by “c”, for published tables"), "N" },
    { "pseudonymise", 0, 0, G_OPTION_ARG_NONE, &pseudonymise,
      N_("Name schools, trusts and advisors “School 1”… in a random order"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &json, N_("Print JSON"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, N_("Print CSV (RFC 4180)"), NULL },
    { "no-verify", 0, 0, G_OPTION_ARG_NONE, &no_verify,
      N_("Count from the marks as the last signature check left them, without checking the PEPs changed since"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new (_("FILE — the figures a Virtual School reports"));
  g_autoptr(PepWorkContext) work = NULL;
  g_autoptr(PepAuthority) authority = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) figures = NULL;
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) terms = NULL;
  g_autoptr(GPtrArray) shown = NULL;
  g_autoptr(GPtrArray) authorities = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *rule_text = NULL;
  g_autofree char *term_name = NULL;
  PepBreakdown breakdown = PEP_BREAKDOWN_NONE;
  PepAuthority *found;
  PepCohortRule rule;
  PepCohortRule rules[PEP_N_TERMS];
  PepTermId term;
  GDate today, as_at;
  int status, year = 0;

  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if ((status = pepctl_parse (context, &argc, &argv, 1)) >= 0)
    return status;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  if (term_text != NULL && year_text != NULL)
    return pepctl_usage_error (context, _("choose --term or --year, not both"));
  if (year_text != NULL && !pep_academic_year_parse (year_text, &year))
    return pepctl_usage_error (context, _("--year takes an academic year like 2023/24"));
  if (term_text != NULL && !pep_term_parse (term_text, &term))
    return pepctl_usage_error (context, _("--term takes a term like 2023/24-autumn or autumn-2023"));

  if (by == NULL)
    breakdown = PEP_BREAKDOWN_NONE;
  else if (!parse_breakdown (by, &breakdown))
    return pepctl_usage_error (context, _("--by takes school, trust, year, area or advisor"));

  if (as_at_text != NULL && !pep_date_parse (as_at_text, &as_at))
    return pepctl_usage_error (context, _("--as-at takes a date like 2023-03-31"));
  if (cohort != NULL && !g_str_equal (cohort, "years1-11-month") && !g_str_equal (cohort, "school-age-28-days"))
    return pepctl_usage_error (context, _("--cohort takes years1-11-month or school-age-28-days"));
  if (publish < 0)
    return pepctl_usage_error (context, _("--publish takes a count, like 5"));
  if (statutory_days != -1 && (statutory_days < 1 || statutory_days > PEP_AUTHORITY_MAX_DAYS))
    return pepctl_usage_error (context, _("--statutory-days takes 1 to 60"));
  if (school_change_days != -1 && (school_change_days < 1 || school_change_days > PEP_AUTHORITY_MAX_DAYS))
    return pepctl_usage_error (context, _("--school-change-days takes 1 to 60"));
  if (day_basis != NULL && !g_str_equal (day_basis, "working-days") && !g_str_equal (day_basis, "school-days"))
    return pepctl_usage_error (context, _("--day-basis takes working-days or school-days"));
  if (deadline_text != NULL && !pep_date_parse (deadline_text, &rule.deadline))
    return pepctl_usage_error (context, _("--deadline takes a date like 2025-11-28"));
  if (json && csv)
    return pepctl_usage_error (context, _("choose --json or --csv, not both"));

  /* The authority's rules, from the file; an option given replaces one of them. */
  if (!(work = pepctl_open_context (argv[1], &error))
      || !(found = pepctl_find_authority (work, la_code, &error)))
    return pepctl_data_error (error);
  authority = pep_authority_copy (found);
  authorities = g_ptr_array_ref (pep_work_context_get_authorities (work));
  if (closures != NULL)
    {
      g_autoptr(GHashTable) years = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);
      GHashTableIter iter;
      gpointer key, value;

      for (guint i = 0; closures[i] != NULL; i++)
        {
          g_auto(GStrv) ends = g_strsplit (closures[i], "..", 2);
          GDate first;
          GPtrArray *list;
          int y;

          if (!pep_date_parse (g_strstrip (ends[0]), &first))
            return pepctl_usage_error (context, _("--closure takes a date like 2025-10-27, or a range like 2025-10-27..2025-10-31"));
          y = g_date_get_year (&first) - (g_date_get_month (&first) >= G_DATE_SEPTEMBER ? 0 : 1);
          if (!(list = g_hash_table_lookup (years, GINT_TO_POINTER (y))))
            g_hash_table_insert (years, GINT_TO_POINTER (y), list = g_ptr_array_new ());
          g_ptr_array_add (list, closures[i]);
        }
      g_hash_table_iter_init (&iter, years);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          GPtrArray *list = value;

          g_ptr_array_add (list, NULL);
          if (!pep_authority_set_closures (authority, GPOINTER_TO_INT (key),
                                           (const char * const *) list->pdata, &error))
            return pepctl_usage_error (context, error->message);
        }
    }
  /* The copy counts the children the authority's own profile would. */
  for (guint i = 0; i < authorities->len; i++)
    if (g_ptr_array_index (authorities, i) == found)
      {
        g_autoptr(GPtrArray) copy = g_ptr_array_new_full (authorities->len, g_object_unref);

        for (guint j = 0; j < authorities->len; j++)
          g_ptr_array_add (copy, g_object_ref (j == i ? authority : g_ptr_array_index (authorities, j)));
        g_ptr_array_unref (authorities);
        authorities = g_steal_pointer (&copy);
        break;
      }

  pep_cohort_rule_init_for (&rule, authority, authorities);
  if (cohort != NULL)
    {
      PepCohortRule shape;

      pep_cohort_rule_init_named (&shape, cohort, NULL);
      rule.first_year = shape.first_year;
      rule.last_year = shape.last_year;
      rule.min_days = shape.min_days;
      rule.min_months = shape.min_months;
    }
  if (as_at_text != NULL)
    {
      rule.has_as_at = TRUE;
      rule.as_at = as_at;
    }
  if (only_text != NULL)
    {
      if (!(only = parse_only (only_text, &rule.filter_by)))
        return pepctl_usage_error (context, _("--only takes WHAT=GROUP, like school=Oakfield Primary or year=10"));
      rule.filter_group = only;
    }
  if (statutory_days != -1)
    rule.statutory_days = (guint) statutory_days;
  if (school_change_days != -1)
    rule.school_change_days = (guint) school_change_days;
  if (day_basis != NULL)
    pep_day_basis_from_nick (day_basis, &rule.school_change_basis);
  if (deadline_text != NULL)
    {
      pep_date_parse (deadline_text, &rule.deadline);
      rule.has_deadline = TRUE;
    }
  if (term_text == NULL)
    pep_authority_term_for_date (authority, &today, &term);

  /* A year applies the rule term by term; a deadline given belongs to one term. */
  for (guint t = 0; t < PEP_N_TERMS; t++)
    {
      PepTermId id = { year, (PepTerm) t }, of;

      rules[t] = rule;
      if (rule.has_deadline)
        {
          pep_authority_term_for_date (authority, &rule.deadline, &of);
          rules[t].has_deadline = pep_term_compare (&of, &id) == 0;
        }
    }

  /* A PEP changed after sign-off is authorised in no figure: the marks brought up to date. */
  if (!no_verify)
    {
      guint n_changed = 0;

      if (!pep_signoff_refresh_store (pep_work_context_get_store (work), NULL, &n_changed, &error))
        return pepctl_data_error (error);
      /* Its PEPs carry no signatures by design: not a failure to warn of. */
      if (pep_store_is_pseudonymised (pep_work_context_get_store (work)))
        g_printerr ("pepctl: %s\n", _("a pseudonymised copy holds no signatures, so no PEP in it "
                                      "counts as authorised"));
      else if (n_changed > 0)
        g_printerr (g_dngettext (GETTEXT_PACKAGE,
                                 "pepctl: %u signed-off PEP fails its signatures and is counted "
                                 "as authorised in no figure (`pepctl verify` names it)\n",
                                 "pepctl: %u signed-off PEPs fail their signatures and are counted "
                                 "as authorised in no figure (`pepctl verify` names them)\n",
                                 n_changed), n_changed);
    }

  if (year_text != NULL)
    figures = pep_stats_compute_year (pep_work_context_get_store (work), year, rules, breakdown,
                                      &today, &terms, &error);
  else
    figures = pep_stats_compute (pep_work_context_get_store (work), &term, &rule, breakdown,
                                 &today, &error);
  if (figures == NULL)
    return pepctl_data_error (error);
  if (pseudonymise)
    {
      pep_stats_pseudonymise (figures, breakdown, terms);
      /* The rule says which group it counted: not by name. */
      if (rule.filter_group != NULL)
        rule.filter_group = _("one group");
    }

  if (year_text != NULL)
    {
      term_name = pep_academic_year_format (year);
      rule_text = pep_cohort_rule_describe_year (&rule);
    }
  else
    {
      term_name = pep_term_format (&term);
      rule_text = pep_cohort_rule_describe (&rule, &term);
    }
  if (json)
    {
      g_autofree char *out = to_json (figures, terms ? "year" : "term", term_name, rule_text,
                                      terms, year);
      fputs (out, stdout);
      fputc ('\n', stdout);
    }
  else
    {
      shown = terms != NULL && breakdown == PEP_BREAKDOWN_NONE
              ? year_columns (figures, terms, year, authority, &today) : g_ptr_array_ref (figures);
      table = pep_stats_table (shown, (guint) publish);
      pep_stats_table_add_sections (table, shown, (guint) publish);
      if (csv)
        {
          g_autoptr(GString) out = pep_csv_new ();

          for (guint r = 0; r < table->len; r++)
            pep_csv_add_row (out, g_ptr_array_index (table, r));
          fwrite (out->str, 1, out->len, stdout);
        }
      else
        print_text (table, term_name, rule_text);
    }
  return fflush (stdout) == 0 ? EXIT_OK : EXIT_DATA;
}
