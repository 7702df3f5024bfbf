/* test-rubric.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The built-in rubric; rubric files refused with the line and the reason; a Virtual School's
 * own rubric changing what is proposed and what PP+ is allocated.
 */

#include "config.h"

#include <string.h>

#include "pep-checks.h"
#include "test-util.h"

static void
test_default (void)
{
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  const PepCriterion *criteria;
  guint n, n_computed = 0;

  g_assert_cmpstr (pep_rubric_get_id (rubric), ==, "default");
  g_assert_cmpstr (pep_rubric_get_version (rubric), ==, "1");
  g_assert_cmpstr (pep_rubric_get_rule (rubric), ==, "st-helens");
  g_assert_nonnull (pep_rubric_get_rule_description (rubric));
  g_assert_cmpuint (pep_rubric_get_n_sections (rubric), ==, 10);
  g_assert_cmpint (pep_rubric_get_section (rubric, 0), ==, PEP_SECTION_MEETING);

  /* Progress and attainment: red/amber/green, and not in the overall rating. */
  g_assert_cmpint (pep_rubric_get_scale (rubric, PEP_SECTION_ATTAINMENT), ==, PEP_SCALE_RAG);
  g_assert_false (pep_rubric_counts (rubric, PEP_SECTION_ATTAINMENT));
  g_assert_false (pep_rubric_allows_rating (rubric, PEP_SECTION_ATTAINMENT, PEP_RATING_GOLD));
  g_assert_true (pep_rubric_allows_rating (rubric, PEP_SECTION_VOICE, PEP_RATING_GOLD));
  g_assert_cmpint (pep_rubric_get_scale (rubric, PEP_SECTION_VOICE), ==, PEP_SCALE_RAGG);
  g_assert_true (pep_rubric_counts (rubric, PEP_SECTION_VOICE));

  /* No social and emotional rating for early years. */
  g_assert_false (pep_rubric_rates (rubric, PEP_SECTION_SOCIAL_EMOTIONAL, PEP_KIND_EARLY_YEARS));
  g_assert_true (pep_rubric_rates (rubric, PEP_SECTION_SOCIAL_EMOTIONAL, PEP_KIND_SCHOOL_AGE));
  g_assert_false (pep_rubric_rates (rubric, PEP_SECTION_CAREERS, PEP_KIND_SCHOOL_AGE));

  criteria = pep_rubric_get_criteria (rubric, PEP_SECTION_TARGETS, &n);
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (criteria[0].level, ==, PEP_RATING_AMBER);
  g_assert_cmpstr (criteria[0].check, ==, "targets-complete");
  g_assert_cmpint (criteria[n - 1].level, ==, PEP_RATING_GOLD);
  g_assert_null (criteria[n - 1].check);
  g_assert_cmpstr (criteria[n - 1].description, ==,
                   "Interventions are evidence-based and their impact is measured.");

  /* Every automatic check is used by the default rubric. */
  for (const char * const *id = pep_check_list_ids (); *id != NULL; id++)
    {
      gboolean used = FALSE;

      for (guint s = 0; s < pep_rubric_get_n_sections (rubric); s++)
        {
          criteria = pep_rubric_get_criteria (rubric, pep_rubric_get_section (rubric, s), &n);
          for (guint i = 0; i < n; i++)
            used |= g_strcmp0 (criteria[i].check, *id) == 0;
        }
      if (!used)
        g_error ("the default rubric does not use the check %s", *id);
      n_computed++;
    }
  g_assert_cmpuint (n_computed, ==, 11);
}

static void
test_default_allocation (void)
{
  g_autoptr(PepRubric) rubric = pep_rubric_new_default ();
  PepAllocationFacts facts = { PEP_KIND_SCHOOL_AGE, PEP_RATING_GREEN, 0, 2, 1 };
  const char *rule = NULL;

  g_assert_cmpint (pep_rubric_allocate (rubric, &facts, &rule), ==, 40000);
  g_assert_nonnull (strstr (rule, "£400"));
  facts.overall = PEP_RATING_GOLD;
  g_assert_cmpint (pep_rubric_allocate (rubric, &facts, NULL), ==, 40000);
  facts.overall = PEP_RATING_AMBER;
  g_assert_cmpint (pep_rubric_allocate (rubric, &facts, &rule), ==, 0);
  g_assert_null (rule);
  /* Progress below expected in any subject, or none judged: nothing. */
  facts.overall = PEP_RATING_GREEN;
  facts.n_below = 1;
  g_assert_cmpint (pep_rubric_allocate (rubric, &facts, NULL), ==, 0);
  facts.n_below = facts.n_expected = facts.n_above = 0;
  g_assert_cmpint (pep_rubric_allocate (rubric, &facts, NULL), ==, 0);
  facts.n_expected = 1;
  facts.overall = PEP_RATING_NOT_RATED;
  g_assert_cmpint (pep_rubric_allocate (rubric, &facts, NULL), ==, 0);
}

/* Refusals ---------------------------------------------------------------------------------- */

static const char good_head[] =
  "<?xml version=\"1.0\"?>\n"                                           /* 1 */
  "<rubric id=\"mine\" version=\"3\">\n"                                 /* 2 */
  "  <title>Mine</title>\n"                                             /* 3 */
  "  <sections>\n";                                                     /* 4 */
static const char good_section[] =
  "    <section id=\"voice\" scale=\"ragg\">\n"                          /* 5 */
  "      <amber>\n"                                                     /* 6 */
  "        <criterion id=\"c1\" check=\"voice-recorded\">Words.</criterion>\n"  /* 7 */
  "      </amber>\n"                                                    /* 8 */
  "      <green><criterion id=\"c2\">Linked.</criterion></green>\n"      /* 9 */
  "      <gold><criterion id=\"c3\">Vivid.</criterion></gold>\n"         /* 10 */
  "    </section>\n";                                                   /* 11 */
static const char good_tail[] =
  "  </sections>\n"
  "  <overall rule=\"lowest\">\n"
  "    <when rating=\"red\"><count ratings=\"red\" min=\"1\"/></when>\n"
  "    <otherwise rating=\"green\"/>\n"
  "  </overall>\n"
  "</rubric>\n";

static char *
make_rubric (const char *section)
{
  return g_strconcat (good_head, section, good_tail, NULL);
}

static void
assert_refused (const char *xml,
                int         code,
                const char *line,
                const char *says)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_from_data (xml, strlen (xml), "mine.xml", &error);

  g_assert_null (rubric);
  g_assert_error (error, PEP_RUBRIC_ERROR, code);
  if (strstr (error->message, line) == NULL || strstr (error->message, says) == NULL)
    g_error ("“%s” does not say “%s” and “%s”", error->message, line, says);
}

static void
test_good_custom (void)
{
  g_autofree char *xml = make_rubric (good_section);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_from_data (xml, strlen (xml), "mine.xml", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (pep_rubric_get_id (rubric), ==, "mine");
  g_assert_cmpuint (pep_rubric_get_n_sections (rubric), ==, 1);
}

static void
test_not_well_formed (void)
{
  g_autofree char *section = g_strdup (good_section);
  g_autofree char *xml = NULL;

  /* </amber> on line 8 becomes </ambre>. */
  memcpy (strstr (section, "</amber>"), "</ambre>", 8);
  xml = make_rubric (section);
  assert_refused (xml, PEP_RUBRIC_ERROR_MALFORMED, "Line 8 of mine.xml", "amber");
  assert_refused ("", PEP_RUBRIC_ERROR_MALFORMED, "Line 1 of mine.xml", "");
  assert_refused ("not xml at all", PEP_RUBRIC_ERROR_MALFORMED, "Line 1 of mine.xml", "");
}

static void
test_doctype_refused (void)
{
  /* An entity that would expand (and a billion-laughs attempt) never gets the chance. */
  static const char xml[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rubric [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;\">]>\n"
    "<rubric id=\"x\" version=\"1\"><title>&b;</title></rubric>\n";
  static const char external[] =
    "<?xml version=\"1.0\"?>\n"
    "<!DOCTYPE rubric SYSTEM \"http://example.invalid/rubric.dtd\">\n"
    "<rubric id=\"x\" version=\"1\"/>\n";

  assert_refused (xml, PEP_RUBRIC_ERROR_MALFORMED, "Line 1", "DOCTYPE");
  assert_refused (external, PEP_RUBRIC_ERROR_MALFORMED, "Line 1", "DOCTYPE");
}

static void
test_schema_invalid (void)
{
  g_autofree char *scale = NULL;
  g_autofree char *xml = NULL;
  g_autofree char *section = g_strdup (good_section);

  /* Line 5: a scale the schema does not have. */
  memcpy (strstr (section, "ragg"), "rgbb", 4);
  xml = make_rubric (section);
  assert_refused (xml, PEP_RUBRIC_ERROR_INVALID, "Line 5 of mine.xml", "rgbb");

  /* Line 9: a criterion with an attribute the schema does not have (and no id). */
  g_free (xml);
  g_free (section);
  section = g_strdup (good_section);
  memcpy (strstr (section, "id=\"c2\""), "xx=\"c2\"", 7);
  xml = make_rubric (section);
  assert_refused (xml, PEP_RUBRIC_ERROR_INVALID, "Line 9 of mine.xml", "attribute 'xx'");

  /* Line 5: gold on a red/amber/green section, which the schema allows but PepRubric not. */
  g_free (xml);
  g_free (section);
  section = g_strdup (good_section);
  memcpy (strstr (section, "ragg\""), "rag\" ", 5);
  xml = make_rubric (section);
  assert_refused (xml, PEP_RUBRIC_ERROR_INVALID, "Line 10 of mine.xml", "no gold level");

  /* And a red/amber/green/gold section without its gold level. */
  g_free (xml);
  scale = g_strdup ("    <section id=\"voice\" scale=\"ragg\">\n"
                    "      <amber><criterion id=\"c1\">A.</criterion></amber>\n"
                    "      <green><criterion id=\"c2\">B.</criterion></green>\n"
                    "    </section>\n");
  xml = make_rubric (scale);
  assert_refused (xml, PEP_RUBRIC_ERROR_INVALID, "Line 5 of mine.xml", "needs a gold level");
}

static void
test_unknown_names (void)
{
  g_autofree char *section = NULL;
  g_autofree char *xml = NULL;

  section = g_strdup (good_section);
  memcpy (strstr (section, "voice-recorded"), "voice-recordex", 14);
  xml = make_rubric (section);
  assert_refused (xml, PEP_RUBRIC_ERROR_UNKNOWN, "Line 7 of mine.xml",
                  "there is no automatic check “voice-recordex”");

  g_free (xml);
  g_free (section);
  section = g_strdup (good_section);
  memcpy (strstr (section, "id=\"voice\""), "id=\"vocal\"", 10);
  xml = make_rubric (section);
  assert_refused (xml, PEP_RUBRIC_ERROR_UNKNOWN, "Line 5 of mine.xml", "no section “vocal”");
}

static void
test_files (void)
{
  g_autofree char *dir = test_make_tmpdir ();
  g_autofree char *good = g_build_filename (dir, "good.xml", NULL);
  g_autofree char *big = g_build_filename (dir, "big.xml", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.xml", NULL);
  g_autofree char *xml = make_rubric (good_section);
  g_autofree char *padding = g_strnfill (PEP_RUBRIC_MAX_SIZE + 10, ' ');
  g_autoptr(PepRubric) rubric = NULL;
  g_autoptr(GError) error = NULL;

  test_write_file (good, xml, -1);
  rubric = pep_rubric_new_from_file (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_rubric_get_id (rubric), ==, "mine");

  test_write_file (big, padding, -1);
  g_assert_null (pep_rubric_new_from_file (big, &error));
  g_assert_error (error, PEP_RUBRIC_ERROR, PEP_RUBRIC_ERROR_TOO_LARGE);
  g_clear_error (&error);

  g_assert_null (pep_rubric_new_from_file (missing, &error));
  g_assert_error (error, PEP_RUBRIC_ERROR, PEP_RUBRIC_ERROR_IO);
  test_remove_tree (dir);
}

/* A Virtual School's own rubric ----------------------------------------------------------- */

static const char warwickshire[] =
  "<?xml version=\"1.0\"?>\n"
  "<rubric id=\"tiers\" version=\"2026.1\">\n"
  "  <title>Tiers</title>\n"
  "  <sections>\n"
  "    <section id=\"voice\" scale=\"rag\">\n"
  "      <amber><criterion id=\"a\" check=\"voice-recorded\">Words.</criterion></amber>\n"
  "      <green><criterion id=\"b\">Good.</criterion></green>\n"
  "    </section>\n"
  "    <section id=\"send\" scale=\"rag\">\n"
  "      <not-rated-for kind=\"early-years\"/>\n"
  "      <amber><criterion id=\"c\">Described.</criterion></amber>\n"
  "      <green><criterion id=\"d\">Joined up.</criterion></green>\n"
  "    </section>\n"
  "  </sections>\n"
  "  <overall rule=\"lowest\">\n"
  "    <when rating=\"red\"><count ratings=\"red\" min=\"1\"/></when>\n"
  "    <when rating=\"amber\"><count ratings=\"amber\" min=\"1\"/></when>\n"
  "    <otherwise rating=\"green\"/>\n"
  "  </overall>\n"
  "  <ppplus>\n"
  "    <allocate pence=\"150000\"><overall ratings=\"green\"/><progress at-least=\"above\"/></allocate>\n"
  "    <allocate pence=\"80000\"><overall ratings=\"green\"/></allocate>\n"
  "    <allocate pence=\"40000\" kinds=\"school-age\"><overall ratings=\"amber\"/></allocate>\n"
  "  </ppplus>\n"
  "</rubric>\n";

static void
test_custom_changes_outcome (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepRubric) custom = pep_rubric_new_from_data (warwickshire, strlen (warwickshire),
                                                          "tiers.xml", &error);
  g_autoptr(PepRubric) standard = pep_rubric_new_default ();
  PepTermId term = { 2024, PEP_TERM_AUTUMN };
  g_autoptr(PepPlan) plan = pep_plan_new (1, &term, PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepChecks) by_default = NULL;
  g_autoptr(PepChecks) by_custom = NULL;
  PepAllocationFacts facts = { PEP_KIND_SCHOOL_AGE, PEP_RATING_GREEN, 0, 0, 2 };

  g_assert_no_error (error);
  /* Only the child's words recorded: by default, red (no SDQ, targets, …); by this rubric,
   * which asks for the child's words alone, amber, with green left to the officer. */
  pep_record_set_text (pep_plan_get_content (plan), PEP_PLAN_VOICE_HOPES, "To be a vet.");
  by_default = pep_checks_new (standard, plan, NULL, NULL);
  by_custom = pep_checks_new (custom, plan, NULL, NULL);
  g_assert_cmpint (pep_checks_get_overall (by_default), ==, PEP_RATING_RED);
  g_assert_cmpint (pep_checks_get_proposed (by_custom, PEP_SECTION_VOICE), ==, PEP_RATING_AMBER);
  g_assert_true (pep_checks_in_range (by_custom, PEP_SECTION_VOICE, PEP_RATING_GREEN));
  g_assert_cmpint (pep_checks_get_proposed (by_custom, PEP_SECTION_TARGETS), ==, PEP_RATING_NOT_RATED);
  {
    PepRating floor, ceiling;

    pep_checks_get_overall_range (by_custom, &floor, &ceiling);
    g_assert_cmpint (floor, ==, PEP_RATING_RED);        /* SEND is wholly judged */
    g_assert_cmpint (ceiling, ==, PEP_RATING_GREEN);
  }

  /* PP+ in tiers. */
  g_assert_cmpint (pep_rubric_allocate (custom, &facts, NULL), ==, 150000);
  facts.n_expected = 1;
  g_assert_cmpint (pep_rubric_allocate (custom, &facts, NULL), ==, 80000);
  facts.overall = PEP_RATING_AMBER;
  g_assert_cmpint (pep_rubric_allocate (custom, &facts, NULL), ==, 40000);
  facts.kind = PEP_KIND_POST_16;
  g_assert_cmpint (pep_rubric_allocate (custom, &facts, NULL), ==, 0);
  facts.overall = PEP_RATING_RED;
  g_assert_cmpint (pep_rubric_allocate (custom, &facts, NULL), ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pep/rubric/default", test_default);
  g_test_add_func ("/pep/rubric/default-allocation", test_default_allocation);
  g_test_add_func ("/pep/rubric/good-custom", test_good_custom);
  g_test_add_func ("/pep/rubric/not-well-formed", test_not_well_formed);
  g_test_add_func ("/pep/rubric/doctype-refused", test_doctype_refused);
  g_test_add_func ("/pep/rubric/schema-invalid", test_schema_invalid);
  g_test_add_func ("/pep/rubric/unknown-names", test_unknown_names);
  g_test_add_func ("/pep/rubric/files", test_files);
  g_test_add_func ("/pep/rubric/custom-changes-outcome", test_custom_changes_outcome);

  return g_test_run ();
}
