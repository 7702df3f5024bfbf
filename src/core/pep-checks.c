/* pep-checks.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Where the reports are silent, the checks decide as a Virtual School would expect:
 * - attendance is not asked of early-years PEPs nor of a young person not in education,
 *   employment or training (NEET); nor is attainment of a NEET young person;
 * - attainment by phase: early years, an EYFS area of learning; school age, English (or
 *   reading, writing, literacy, phonics) and maths; post-16, at least one course;
 * - an SDQ is due when, at the last 31 March on or before the end of the PEP's term, the
 *   child was aged 4 to 16 and had been in care for 12 months or more (the SSDA903 rule);
 * - PP+ spend is linked when a target is funded from PP+, or the provision map notes are
 *   filled in, whenever PP+ is allocated;
 * - the previous PEP is the child's latest earlier-term PEP that has not been superseded.
 * No reason quotes sensitive content (an SDQ score, for example).
 */

#define G_LOG_DOMAIN "pep-checks"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pep-authority.h"
#include "pep-checks.h"
#include "pep-store-private.h"

typedef struct
{
  PepPlan   *plan;
  PepRecord *content;
  PepKind    kind;
  PepRecord *child;      /* nullable */
  PepPlan   *previous;   /* nullable */
} Input;

typedef PepCheckOutcome (*CheckFunc) (const Input *in,
                                      GString     *reason);

/* Helpers --------------------------------------------------------------------------------- */

static gboolean
has_text (PepRecord *record,
          guint      field)
{
  const char *text = pep_record_get_text (record, field);

  if (text == NULL)
    return FALSE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return TRUE;
  return FALSE;
}

static void
add_sentence (GString    *reason,
              const char *sentence)
{
  if (reason->len > 0)
    g_string_append_c (reason, ' ');
  g_string_append (reason, sentence);
}

G_GNUC_PRINTF (2, 3)
static void
add_sentencef (GString    *reason,
               const char *format,
               ...)
{
  g_autofree char *sentence = NULL;
  va_list args;

  va_start (args, format);
  sentence = g_strdup_vprintf (format, args);
  va_end (args);
  add_sentence (reason, sentence);
}

static gboolean
contains_casefold (const char *haystack,
                   const char *needle)
{
  g_autofree char *folded = haystack ? g_utf8_casefold (haystack, -1) : NULL;

  return folded != NULL && strstr (folded, needle) != NULL;
}

/* The checks ------------------------------------------------------------------------------ */

static PepCheckOutcome
check_voice_recorded (const Input *in,
                      GString     *reason)
{
  static const guint voice[] = { PEP_PLAN_VOICE_GOING_WELL, PEP_PLAN_VOICE_HARD,
                                 PEP_PLAN_VOICE_HELP, PEP_PLAN_VOICE_HOPES };

  for (guint i = 0; i < G_N_ELEMENTS (voice); i++)
    if (has_text (in->content, voice[i]))
      {
        add_sentence (reason, _("The child's own words are recorded."));
        return PEP_CHECK_PASS;
      }
  if (has_text (in->content, PEP_PLAN_VOICE_NOT_RECORDED))
    {
      add_sentence (reason, _("The child's own words are not recorded, and the reason why is given."));
      return PEP_CHECK_PASS;
    }
  add_sentence (reason, _("The child's own words are not recorded, and no reason is given."));
  return PEP_CHECK_FAIL;
}

static PepCheckOutcome
check_targets_voice_linked (const Input *in,
                            GString     *reason)
{
  GPtrArray *targets = pep_plan_get_rows (in->plan, PEP_TABLE_TARGET);
  PepCheckOutcome outcome = PEP_CHECK_PASS;

  if (targets->len == 0)
    {
      add_sentence (reason, _("There are no targets, so none answers what the child said."));
      return PEP_CHECK_FAIL;
    }
  for (guint i = 0; i < targets->len; i++)
    if (!has_text (g_ptr_array_index (targets, i), PEP_TARGET_VOICE_LINK))
      {
        add_sentencef (reason, _("Target %u does not say what the child said that it answers."), i + 1);
        outcome = PEP_CHECK_FAIL;
      }
  if (outcome == PEP_CHECK_PASS)
    add_sentence (reason, _("Every target says what the child said that it answers."));
  return outcome;
}

static PepCheckOutcome
check_targets_complete (const Input *in,
                        GString     *reason)
{
  GPtrArray *targets = pep_plan_get_rows (in->plan, PEP_TABLE_TARGET);
  PepCheckOutcome outcome = PEP_CHECK_PASS;

  if (targets->len == 0)
    {
      add_sentence (reason, _("There are no targets."));
      return PEP_CHECK_FAIL;
    }
  for (guint i = 0; i < targets->len; i++)
    {
      PepRecord *target = g_ptr_array_index (targets, i);
      GDate due;

      if (!has_text (target, PEP_TARGET_SUCCESS_CRITERIA))
        add_sentencef (reason, _("Target %u has no success criteria."), i + 1);
      if (!has_text (target, PEP_TARGET_OWNER))
        add_sentencef (reason, _("Target %u has no owner."), i + 1);
      if (!pep_date_parse (pep_record_get_text (target, PEP_TARGET_DUE), &due))
        add_sentencef (reason, _("Target %u has no date to be met by."), i + 1);
      if (reason->len > 0)
        outcome = PEP_CHECK_FAIL;
    }
  if (outcome == PEP_CHECK_PASS)
    add_sentence (reason, _("Every target has success criteria, an owner and a date."));
  return outcome;
}

static PepRecord *
find_review (PepPlan   *plan,
             PepRecord *previous_target)
{
  GPtrArray *reviews = pep_plan_get_rows (plan, PEP_TABLE_TARGET_REVIEW);
  const char *description = pep_record_get_text (previous_target, PEP_TARGET_DESCRIPTION);

  for (guint i = 0; i < reviews->len; i++)
    {
      PepRecord *review = g_ptr_array_index (reviews, i);

      if (pep_record_get_id (previous_target) != 0
          && pep_record_get_int (review, PEP_TARGET_REVIEW_PREVIOUS_TARGET, 0)
             == pep_record_get_id (previous_target))
        return review;
    }
  /* A review typed in by hand, or imported, names the target by its words. */
  for (guint i = 0; description != NULL && i < reviews->len; i++)
    {
      PepRecord *review = g_ptr_array_index (reviews, i);

      if (g_strcmp0 (pep_record_get_text (review, PEP_TARGET_REVIEW_TARGET_TEXT), description) == 0)
        return review;
    }
  return NULL;
}

static PepCheckOutcome
check_previous_targets_reviewed (const Input *in,
                                 GString     *reason)
{
  GPtrArray *previous = in->previous ? pep_plan_get_rows (in->previous, PEP_TABLE_TARGET) : NULL;
  PepCheckOutcome outcome = PEP_CHECK_PASS;

  if (previous == NULL || previous->len == 0)
    {
      add_sentence (reason, _("There are no previous targets to review."));
      return PEP_CHECK_NOT_APPLICABLE;
    }
  for (guint i = 0; i < previous->len; i++)
    {
      PepRecord *review = find_review (in->plan, g_ptr_array_index (previous, i));

      if (review == NULL)
        {
          add_sentencef (reason, _("Target %u of the previous PEP has not been reviewed."), i + 1);
          outcome = PEP_CHECK_FAIL;
        }
      else if (!has_text (review, PEP_TARGET_REVIEW_OUTCOME))
        {
          add_sentencef (reason, _("The review of target %u of the previous PEP does not say "
                                   "whether it was met."), i + 1);
          outcome = PEP_CHECK_FAIL;
        }
    }
  if (outcome == PEP_CHECK_PASS)
    add_sentencef (reason, g_dngettext (GETTEXT_PACKAGE,
                                        "The previous target is reviewed.",
                                        "All %u previous targets are reviewed.", previous->len),
                   previous->len);
  return outcome;
}

static PepCheckOutcome
check_attendance_entered (const Input *in,
                          GString     *reason)
{
  if (in->kind == PEP_KIND_EARLY_YEARS)
    {
      add_sentence (reason, _("Attendance is not recorded in an early-years PEP."));
      return PEP_CHECK_NOT_APPLICABLE;
    }
  if (in->kind == PEP_KIND_NEET)
    {
      add_sentence (reason, _("Attendance is not recorded for a young person not in education, "
                              "employment or training."));
      return PEP_CHECK_NOT_APPLICABLE;
    }
  if (!pep_record_has (in->content, PEP_PLAN_ATTENDANCE_TERM))
    {
      add_sentence (reason, _("Attendance this term is not entered."));
      return PEP_CHECK_FAIL;
    }
  add_sentence (reason, _("Attendance this term is entered."));
  return PEP_CHECK_PASS;
}

static gboolean
is_english (const char *subject)
{
  static const char *words[] = { "english", "reading", "writing", "literacy", "phonics" };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (contains_casefold (subject, words[i]))
      return TRUE;
  return FALSE;
}

static gboolean
is_maths (const char *subject)
{
  return contains_casefold (subject, "math") || contains_casefold (subject, "numeracy");
}

static PepCheckOutcome
check_attainment_entered (const Input *in,
                          GString     *reason)
{
  GPtrArray *rows = pep_plan_get_rows (in->plan, PEP_TABLE_ATTAINMENT);
  gboolean english = FALSE, maths = FALSE, eyfs = FALSE, any = FALSE;

  if (in->kind == PEP_KIND_NEET)
    {
      add_sentence (reason, _("Attainment is not asked of a young person not in education, "
                              "employment or training."));
      return PEP_CHECK_NOT_APPLICABLE;
    }

  for (guint i = 0; i < rows->len; i++)
    {
      PepRecord *row = g_ptr_array_index (rows, i);
      const char *subject = pep_record_get_text (row, PEP_ATTAINMENT_SUBJECT);

      if (!has_text (row, PEP_ATTAINMENT_CURRENT))
        continue;
      any = TRUE;
      eyfs |= g_strcmp0 (pep_record_get_text (row, PEP_ATTAINMENT_SCHEME), "eyfs") == 0;
      english |= is_english (subject);
      maths |= is_maths (subject);
    }

  switch (in->kind)
    {
    case PEP_KIND_EARLY_YEARS:
      if (!eyfs)
        {
          add_sentence (reason, _("No EYFS area of learning has its current attainment entered."));
          return PEP_CHECK_FAIL;
        }
      add_sentence (reason, _("Attainment in the EYFS areas of learning is entered."));
      return PEP_CHECK_PASS;
    case PEP_KIND_POST_16:
    case PEP_KIND_POST_18:
      if (!any)
        {
          add_sentence (reason, _("No course or qualification has its current attainment entered."));
          return PEP_CHECK_FAIL;
        }
      add_sentence (reason, _("Attainment in the young person's courses is entered."));
      return PEP_CHECK_PASS;
    case PEP_KIND_SCHOOL_AGE:
    case PEP_KIND_NEET:
    case PEP_N_KINDS:
    default:
      if (!english)
        add_sentence (reason, _("Current attainment in English is not entered."));
      if (!maths)
        add_sentence (reason, _("Current attainment in maths is not entered."));
      if (!english || !maths)
        return PEP_CHECK_FAIL;
      add_sentence (reason, _("Current attainment in English and maths is entered."));
      return PEP_CHECK_PASS;
    }
}

static gboolean
is_ppplus_source (const char *source)
{
  return source == NULL || g_str_equal (source, "ppplus")
         || g_str_equal (source, "additional-ppplus") || g_str_equal (source, "post16-ppplus");
}

static PepCheckOutcome
check_ppplus_linked (const Input *in,
                     GString     *reason)
{
  GPtrArray *targets = pep_plan_get_rows (in->plan, PEP_TABLE_TARGET);
  gint64 allocated = pep_record_get_int (in->content, PEP_PLAN_PPPLUS_ALLOCATED, 0);
  guint funded = 0;

  if (allocated <= 0)
    {
      add_sentence (reason, _("No PP+ is allocated this term."));
      return PEP_CHECK_NOT_APPLICABLE;
    }
  for (guint i = 0; i < targets->len; i++)
    {
      PepRecord *target = g_ptr_array_index (targets, i);

      if (pep_record_get_int (target, PEP_TARGET_FUNDING_AMOUNT, 0) > 0
          && is_ppplus_source (pep_record_get_text (target, PEP_TARGET_FUNDING_SOURCE)))
        funded++;
    }
  if (funded > 0)
    {
      add_sentencef (reason, g_dngettext (GETTEXT_PACKAGE, "PP+ spend is linked to %u target.",
                                          "PP+ spend is linked to %u targets.", funded), funded);
      return PEP_CHECK_PASS;
    }
  if (has_text (in->content, PEP_PLAN_PPPLUS_NOTES))
    {
      add_sentence (reason, _("PP+ spend is set out in the provision map notes."));
      return PEP_CHECK_PASS;
    }
  {
    g_autofree char *money = pep_money_format (allocated);
    add_sentencef (reason, _("%s of PP+ is allocated, but no target is funded from it and there "
                             "is no provision map."), money);
  }
  return PEP_CHECK_FAIL;
}

/* The last 31 March on or before @date. */
static void
last_31_march (const GDate *date,
               GDate       *out)
{
  g_date_clear (out, 1);
  g_date_set_dmy (out, 31, G_DATE_MARCH, g_date_get_year (date));
  if (g_date_compare (out, date) > 0)
    g_date_set_year (out, g_date_get_year (date) - 1);
}

static int
age_on (const GDate *born,
        const GDate *on)
{
  int age = g_date_get_year (on) - g_date_get_year (born);

  if (g_date_get_month (on) < g_date_get_month (born)
      || (g_date_get_month (on) == g_date_get_month (born)
          && g_date_get_day (on) < g_date_get_day (born)))
    age--;
  return age;
}

static PepCheckOutcome
check_sdq_entered (const Input *in,
                   GString     *reason)
{
  GDate born, entered, first, last, census, year_in_care;
  g_autofree char *census_text = NULL;
  PepTermId term;
  int age;

  if (in->child == NULL
      || !pep_date_parse (pep_record_get_text (in->child, PEP_CHILD_DOB), &born)
      || !pep_date_parse (pep_record_get_text (in->child, PEP_CHILD_ENTERED_CARE), &entered))
    {
      add_sentence (reason, _("The child's date of birth and the date they came into care are "
                              "needed to tell whether an SDQ is due."));
      return PEP_CHECK_FAIL;
    }

  pep_plan_get_term (in->plan, &term);
  pep_term_bounds (&term, &first, &last);
  last_31_march (&last, &census);
  census_text = pep_date_format (&census);
  age = age_on (&born, &census);
  year_in_care = entered;
  g_date_add_years (&year_in_care, 1);

  if (age < 4 || age > 16)
    {
      add_sentencef (reason, _("No SDQ is due: the child was not aged 4 to 16 on %s."), census_text);
      return PEP_CHECK_NOT_APPLICABLE;
    }
  if (g_date_compare (&year_in_care, &census) > 0)
    {
      add_sentencef (reason, _("No SDQ is due: the child had not been in care for 12 months on %s."),
                     census_text);
      return PEP_CHECK_NOT_APPLICABLE;
    }
  if (!pep_record_has (in->content, PEP_PLAN_SDQ_TOTAL))
    {
      add_sentencef (reason, _("An SDQ is due (in care for 12 months and aged 4 to 16 on %s), "
                               "but no score is entered."), census_text);
      return PEP_CHECK_FAIL;
    }
  if (pep_record_get_int (in->content, PEP_PLAN_SDQ_TOTAL, 0) >= 17
      && !has_text (in->content, PEP_PLAN_SDQ_STRATEGIES))
    {
      add_sentence (reason, _("The SDQ score calls for strategies for staff, and none are recorded."));
      return PEP_CHECK_FAIL;
    }
  add_sentence (reason, _("The SDQ score is entered."));
  return PEP_CHECK_PASS;
}

static PepCheckOutcome
check_social_worker_updated (const Input *in,
                             GString     *reason)
{
  GDate checked, first, last;
  g_autofree char *when = NULL;
  PepTermId term;

  if (!pep_date_parse (pep_record_get_text (in->content, PEP_PLAN_SW_CHECKED), &checked))
    {
      add_sentence (reason, _("The social worker has not recorded checking and updating their section."));
      return PEP_CHECK_FAIL;
    }
  pep_plan_get_term (in->plan, &term);
  pep_term_bounds (&term, &first, &last);
  when = pep_date_format (&checked);
  if (g_date_compare (&checked, &first) < 0 || g_date_compare (&checked, &last) > 0)
    {
      g_autofree char *term_text = pep_term_format_long (&term);
      add_sentencef (reason, _("The social worker last checked their section on %s, which is "
                               "not in the PEP's term (%s)."), when, term_text);
      return PEP_CHECK_FAIL;
    }
  add_sentencef (reason, _("The social worker checked and updated their section on %s."), when);
  return PEP_CHECK_PASS;
}

static PepCheckOutcome
check_meeting_recorded (const Input *in,
                        GString     *reason)
{
  static const guint attended[] = { PEP_PLAN_ATTENDED_DT, PEP_PLAN_ATTENDED_SW,
                                    PEP_PLAN_ATTENDED_CARER, PEP_PLAN_ATTENDED_CHILD,
                                    PEP_PLAN_ATTENDED_ADVISOR, PEP_PLAN_ATTENDED_PARENT,
                                    PEP_PLAN_ATTENDED_INTERPRETER };
  PepCheckOutcome outcome = PEP_CHECK_PASS;
  gboolean anyone = FALSE;
  GDate date;

  if (!pep_date_parse (pep_record_get_text (in->content, PEP_PLAN_MEETING_DATE), &date))
    {
      add_sentence (reason, _("The date of the meeting is not recorded."));
      outcome = PEP_CHECK_FAIL;
    }
  for (guint i = 0; i < G_N_ELEMENTS (attended); i++)
    anyone |= pep_record_get_bool (in->content, attended[i]);
  if (!anyone)
    {
      add_sentence (reason, _("Who attended the meeting is not recorded."));
      outcome = PEP_CHECK_FAIL;
    }
  if (in->kind != PEP_KIND_EARLY_YEARS && anyone
      && !pep_record_get_bool (in->content, PEP_PLAN_ATTENDED_CHILD)
      && !has_text (in->content, PEP_PLAN_CHILD_WISHES))
    {
      add_sentence (reason, _("The child did not attend the meeting, and their wishes are not recorded."));
      outcome = PEP_CHECK_FAIL;
    }
  if (outcome == PEP_CHECK_PASS)
    add_sentence (reason, _("The meeting's date and who attended are recorded."));
  return outcome;
}

#define FULL_TIME_HOURS 25.0

static PepCheckOutcome
check_part_time_explained (const Input *in,
                           GString     *reason)
{
  PepCheckOutcome outcome = PEP_CHECK_PASS;
  double hours;

  if (in->kind != PEP_KIND_SCHOOL_AGE)
    {
      add_sentence (reason, _("Full-time education of 25 hours a week applies to school-age PEPs only."));
      return PEP_CHECK_NOT_APPLICABLE;
    }
  if (!pep_record_has (in->content, PEP_PLAN_HOURS_PER_WEEK))
    {
      add_sentence (reason, _("The hours of education a week are not entered."));
      return PEP_CHECK_FAIL;
    }
  hours = pep_record_get_real (in->content, PEP_PLAN_HOURS_PER_WEEK, 0);
  if (hours >= FULL_TIME_HOURS)
    {
      add_sentence (reason, _("The child is in full-time education."));
      return PEP_CHECK_PASS;
    }
  if (!has_text (in->content, PEP_PLAN_PART_TIME_REASON))
    {
      add_sentence (reason, _("The child is on a part-time timetable, and no reason is given."));
      outcome = PEP_CHECK_FAIL;
    }
  if (!has_text (in->content, PEP_PLAN_PART_TIME_PLAN))
    {
      add_sentence (reason, _("The child is on a part-time timetable, and there is no plan back to full time."));
      outcome = PEP_CHECK_FAIL;
    }
  if (outcome == PEP_CHECK_PASS)
    add_sentence (reason, _("The part-time timetable has its reason and a plan back to full time."));
  return outcome;
}

static const struct
{
  const char *id;
  CheckFunc   func;
  const char *title;
} checks[] = {
  { "voice-recorded", check_voice_recorded, N_("The child's own words are recorded") },
  { "targets-voice-linked", check_targets_voice_linked, N_("Targets answer what the child said") },
  { "targets-complete", check_targets_complete, N_("Targets have success criteria, an owner and a date") },
  { "previous-targets-reviewed", check_previous_targets_reviewed, N_("Previous targets are reviewed") },
  { "attendance-entered", check_attendance_entered, N_("Attendance is entered") },
  { "attainment-entered", check_attainment_entered, N_("Attainment is entered") },
  { "ppplus-linked", check_ppplus_linked, N_("PP+ spend is linked to targets") },
  { "sdq-entered", check_sdq_entered, N_("The SDQ is entered when due") },
  { "social-worker-updated", check_social_worker_updated, N_("The social worker updated their section this term") },
  { "meeting-recorded", check_meeting_recorded, N_("The meeting and who attended are recorded") },
  { "part-time-explained", check_part_time_explained, N_("A part-time timetable is explained") },
};

static gint
find_check (const char *check)
{
  for (guint i = 0; check != NULL && i < G_N_ELEMENTS (checks); i++)
    if (strcmp (checks[i].id, check) == 0)
      return (gint) i;
  return -1;
}

/* Returns: (transfer none): the ids of every automatic check, NULL-terminated */
const char * const *
pep_check_list_ids (void)
{
  static const char *ids[G_N_ELEMENTS (checks) + 1];

  if (ids[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (checks); i++)
      ids[i] = checks[i].id;
  return ids;
}

gboolean
pep_check_is_known (const char *check)
{
  return find_check (check) >= 0;
}

/* Returns: (nullable): what @check looks for, translated */
const char *
pep_check_get_title (const char *check)
{
  gint i = find_check (check);

  return i >= 0 ? _(checks[i].title) : NULL;
}

gboolean
pep_check_outcome_passes (PepCheckOutcome outcome)
{
  return outcome != PEP_CHECK_FAIL;
}

/**
 * pep_check_run:
 * @child: (nullable): the child's record, for checks that need their dates
 * @previous: (nullable): the child's previous PEP (pep_checks_load_previous()), whose
 *   targets this one reviews; %NULL when there is none
 * @reason: (out) (optional): why, in words a teacher understands
 *
 * Runs one automatic check.
 */
PepCheckOutcome
pep_check_run (const char  *check,
               PepPlan     *plan,
               PepRecord   *child,
               PepPlan     *previous,
               char       **reason)
{
  g_autoptr(GString) text = g_string_new (NULL);
  PepCheckOutcome outcome;
  Input in;
  gint i;

  g_return_val_if_fail (PEP_IS_PLAN (plan), PEP_CHECK_FAIL);
  g_return_val_if_fail (child == NULL || PEP_IS_RECORD (child), PEP_CHECK_FAIL);
  g_return_val_if_fail (previous == NULL || PEP_IS_PLAN (previous), PEP_CHECK_FAIL);
  i = find_check (check);
  g_return_val_if_fail (i >= 0, PEP_CHECK_FAIL);

  in.plan = plan;
  in.content = pep_plan_get_content (plan);
  in.kind = pep_plan_get_kind (plan);
  in.child = child;
  in.previous = previous;
  outcome = checks[i].func (&in, text);
  if (reason != NULL)
    *reason = g_string_free (g_steal_pointer (&text), FALSE);
  return outcome;
}

/**
 * pep_checks_load_previous:
 *
 * The PEP whose targets @plan reviews: the child's latest PEP of an earlier term that has
 * not been superseded.
 *
 * Returns: (transfer full) (nullable): the previous PEP, or %NULL (with @error unset) when
 *   there is none
 */
PepPlan *
pep_checks_load_previous (PepStore  *store,
                          PepPlan   *plan,
                          GError   **error)
{
  sqlite3_stmt *stmt;
  PepTermId term;
  gint64 id = 0;
  int rc;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);

  stmt = _pep_store_prepare (store,
    "SELECT id FROM plan"
    " WHERE child_id = ?1 AND id <> ?2 AND status <> 'superseded'"
    "   AND academic_year * 3 + CASE term WHEN 'autumn' THEN 0 WHEN 'spring' THEN 1 ELSE 2 END < ?3"
    " ORDER BY academic_year DESC,"
    "          CASE term WHEN 'autumn' THEN 0 WHEN 'spring' THEN 1 ELSE 2 END DESC, id DESC"
    " LIMIT 1", error);
  if (stmt == NULL)
    return NULL;
  pep_plan_get_term (plan, &term);
  sqlite3_bind_int64 (stmt, 1, pep_plan_get_child_id (plan));
  sqlite3_bind_int64 (stmt, 2, pep_plan_get_id (plan));
  sqlite3_bind_int64 (stmt, 3, (gint64) term.year * 3 + term.term);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      _pep_store_set_sqlite_error (store, rc, error);
      return NULL;
    }
  return id != 0 ? pep_store_load_plan (store, id, error) : NULL;
}

/* PepChecks ------------------------------------------------------------------------------- */

struct _PepChecks
{
  GObject    parent_instance;

  PepRubric *rubric;
  PepPlan   *plan;
  GArray    *results[PEP_N_SECTIONS];   /* PepCheckResult; NULL when not rated */
  PepRating  proposed[PEP_N_SECTIONS];   /* the floor the checks establish */
  PepRating  ceiling[PEP_N_SECTIONS];    /* no higher: a check of the level above failed */
  PepRating  overall;
  PepRating  overall_ceiling;
  gboolean   overall_open;                /* the checks rule out no overall rating */
};

G_DEFINE_FINAL_TYPE (PepChecks, pep_checks, G_TYPE_OBJECT)

static void
pep_checks_dispose (GObject *object)
{
  PepChecks *self = (PepChecks *)object;

  g_clear_object (&self->rubric);
  g_clear_object (&self->plan);

  G_OBJECT_CLASS (pep_checks_parent_class)->dispose (object);
}

static void
pep_checks_finalize (GObject *object)
{
  PepChecks *self = (PepChecks *)object;

  for (guint i = 0; i < PEP_N_SECTIONS; i++)
    g_clear_pointer (&self->results[i], g_array_unref);

  G_OBJECT_CLASS (pep_checks_parent_class)->finalize (object);
}

static void
pep_checks_class_init (PepChecksClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pep_checks_dispose;
  object_class->finalize = pep_checks_finalize;
}

static void
pep_checks_init (PepChecks *self)
{
  for (guint i = 0; i < PEP_N_SECTIONS; i++)
    self->proposed[i] = self->ceiling[i] = PEP_RATING_NOT_RATED;
  self->overall = self->overall_ceiling = PEP_RATING_NOT_RATED;
}

static void
result_clear (gpointer data)
{
  g_free (((PepCheckResult *) data)->reason);
}

/**
 * pep_checks_new:
 * @child: (nullable): the child's record
 * @previous: (nullable): the child's previous PEP (pep_checks_load_previous())
 *
 * Runs every check @rubric names over @plan, and proposes the ratings.
 */
PepChecks *
pep_checks_new (PepRubric *rubric,
                PepPlan   *plan,
                PepRecord *child,
                PepPlan   *previous)
{
  PepChecks *self;
  PepKind kind;
  PepRating lowest[PEP_N_SECTIONS], highest[PEP_N_SECTIONS];   /* every rated section's ends */

  for (guint s = 0; s < PEP_N_SECTIONS; s++)
    lowest[s] = highest[s] = PEP_RATING_NOT_RATED;
  g_return_val_if_fail (PEP_IS_RUBRIC (rubric), NULL);
  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);
  g_return_val_if_fail (child == NULL || PEP_IS_RECORD (child), NULL);
  g_return_val_if_fail (previous == NULL || PEP_IS_PLAN (previous), NULL);

  self = g_object_new (PEP_TYPE_CHECKS, NULL);
  self->rubric = g_object_ref (rubric);
  self->plan = g_object_ref (plan);
  kind = pep_plan_get_kind (plan);

  for (guint s = 0; s < pep_rubric_get_n_sections (rubric); s++)
    {
      PepSection section = pep_rubric_get_section (rubric, s);
      const PepCriterion *criteria;
      gboolean checked[PEP_N_RATINGS] = { FALSE, };   /* the level has automatic criteria */
      gboolean failed[PEP_N_RATINGS] = { FALSE, };    /* … and one of them fails */
      PepRating top = pep_rubric_get_scale (rubric, section) == PEP_SCALE_RAGG ? PEP_RATING_GOLD
                                                                              : PEP_RATING_GREEN;
      PepRating first_failed = top + 1;
      guint n;

      if (!pep_rubric_rates (rubric, section, kind))
        continue;
      lowest[section] = PEP_RATING_RED;
      highest[section] = top;
      criteria = pep_rubric_get_criteria (rubric, section, &n);
      self->results[section] = g_array_sized_new (FALSE, TRUE, sizeof (PepCheckResult), n);
      g_array_set_clear_func (self->results[section], result_clear);

      for (guint c = 0; c < n; c++)
        {
          PepCheckResult result = { &criteria[c], PEP_CHECK_JUDGED, NULL };

          if (criteria[c].check != NULL)
            result.outcome = pep_check_run (criteria[c].check, plan, child, previous,
                                            &result.reason);
          else
            result.reason = g_strdup (_("For the QA officer to judge."));
          if (result.outcome != PEP_CHECK_JUDGED)
            checked[criteria[c].level] = TRUE;
          failed[criteria[c].level] |= !pep_check_outcome_passes (result.outcome);
          g_array_append_val (self->results[section], result);
        }

      /* What the checks establish, and no more: the floor is the highest level whose
       * automatic criteria all pass when no lower level's fails; the ceiling is the level
       * below the lowest failing check. Between the two, the QA officer judges. */
      for (PepRating level = PEP_RATING_AMBER; level <= top && first_failed > top; level++)
        if (failed[level])
          first_failed = level;
      self->proposed[section] = PEP_RATING_RED;
      for (PepRating level = PEP_RATING_AMBER; level < first_failed && level <= top; level++)
        if (checked[level])
          self->proposed[section] = level;
      self->ceiling[section] = first_failed <= top ? first_failed - 1 : top;
    }

  self->overall = pep_rubric_combine (rubric, kind, self->proposed);
  self->overall_ceiling = pep_rubric_combine (rubric, kind, self->ceiling);
  /* Open when the range is every overall rating the rule can give this PEP: as when a
   * section that counts has only criteria the officer judges, and the rule takes the lowest. */
  self->overall_open = self->overall != PEP_RATING_NOT_RATED
                       && self->overall == pep_rubric_combine (rubric, kind, lowest)
                       && self->overall_ceiling == pep_rubric_combine (rubric, kind, highest)
                       && self->overall != self->overall_ceiling;
  return self;
}

/**
 * pep_checks_new_for_plan:
 * @authorities: (element-type PepAuthority): the file's profiles, its own first
 *
 * As pep_checks_new_for_store(), by the rubric of the child's authority: the same checks
 * and proposal wherever the PEP is looked at.
 */
PepChecks *
pep_checks_new_for_plan (PepStore   *store,
                         GPtrArray  *authorities,
                         PepPlan    *plan,
                         GError    **error)
{
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepPlan) previous = NULL;
  g_autoptr(GError) local_error = NULL;
  PepAuthority *authority;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (authorities != NULL && authorities->len > 0, NULL);
  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);

  if (!(child = pep_store_load_child (store, pep_plan_get_child_id (plan), error)))
    return NULL;
  authority = pep_authority_find_for_child (authorities, pep_record_get_text (child, PEP_CHILD_CARE_AUTHORITY));
  previous = pep_checks_load_previous (store, plan, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return pep_checks_new (pep_authority_get_rubric (authority), plan, child, previous);
}

/**
 * pep_checks_new_for_store:
 *
 * Loads what the checks need beside @plan (the child, the previous PEP) from @store, and
 * runs them.
 */
PepChecks *
pep_checks_new_for_store (PepStore   *store,
                          PepRubric  *rubric,
                          PepPlan    *plan,
                          GError    **error)
{
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(PepPlan) previous = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PEP_IS_STORE (store), NULL);
  g_return_val_if_fail (PEP_IS_RUBRIC (rubric), NULL);
  g_return_val_if_fail (PEP_IS_PLAN (plan), NULL);

  if (!(child = pep_store_load_child (store, pep_plan_get_child_id (plan), error)))
    return NULL;
  previous = pep_checks_load_previous (store, plan, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return pep_checks_new (rubric, plan, child, previous);
}

PepRubric *
pep_checks_get_rubric (PepChecks *self)
{
  g_return_val_if_fail (PEP_IS_CHECKS (self), NULL);
  return self->rubric;
}

PepPlan *
pep_checks_get_plan (PepChecks *self)
{
  g_return_val_if_fail (PEP_IS_CHECKS (self), NULL);
  return self->plan;
}

/* Returns: the rating proposed for @section; %PEP_RATING_NOT_RATED when the rubric does not
 * rate it for this kind of PEP */
PepRating
pep_checks_get_proposed (PepChecks  *self,
                         PepSection  section)
{
  g_return_val_if_fail (PEP_IS_CHECKS (self), PEP_RATING_NOT_RATED);
  g_return_val_if_fail (section < PEP_N_SECTIONS, PEP_RATING_NOT_RATED);
  return self->proposed[section];
}

/**
 * pep_checks_get_range:
 * @floor: (out) (optional): the rating the checks establish (pep_checks_get_proposed())
 * @ceiling: (out) (optional): the highest rating they leave open
 *
 * The ratings the checks leave to the QA officer's judgement for @section: a rating between
 * the two needs no reason. Both are %PEP_RATING_NOT_RATED when the rubric does not rate it.
 */
void
pep_checks_get_range (PepChecks  *self,
                      PepSection  section,
                      PepRating  *floor,
                      PepRating  *ceiling)
{
  g_return_if_fail (PEP_IS_CHECKS (self));
  g_return_if_fail (section < PEP_N_SECTIONS);

  if (floor != NULL)
    *floor = self->proposed[section];
  if (ceiling != NULL)
    *ceiling = self->ceiling[section];
}

/* Whether @rating is inside @section's range, so that it needs no reason. */
gboolean
pep_checks_in_range (PepChecks  *self,
                     PepSection  section,
                     PepRating   rating)
{
  g_return_val_if_fail (PEP_IS_CHECKS (self), FALSE);
  g_return_val_if_fail (section < PEP_N_SECTIONS, FALSE);

  return self->proposed[section] != PEP_RATING_NOT_RATED
         && rating >= self->proposed[section] && rating <= self->ceiling[section];
}

/* The overall ratings the rubric's rule gives from the floors and from the ceilings. */
void
pep_checks_get_overall_range (PepChecks *self,
                              PepRating *floor,
                              PepRating *ceiling)
{
  g_return_if_fail (PEP_IS_CHECKS (self));

  if (floor != NULL)
    *floor = self->overall;
  if (ceiling != NULL)
    *ceiling = self->overall_ceiling;
}

/* Returns: whether the checks leave every overall rating the rubric's rule can give open
 * (the overall range is the whole scale): the officer's judgement decides, not the checks */
gboolean
pep_checks_get_overall_open (PepChecks *self)
{
  g_return_val_if_fail (PEP_IS_CHECKS (self), FALSE);
  return self->overall_open;
}

/**
 * pep_checks_describe_proposal:
 * @floor: the lowest rating the checks leave open (pep_checks_get_overall_range())
 * @ceiling: the highest
 * @open: whether they leave every rating open (pep_checks_get_overall_open())
 *
 * What the checks propose, in words for a table: the rating ("Amber") when the checks settle
 * it, the range ("Amber–Green") when they narrow it, "To judge" when the officer's judgement
 * alone decides, and "Not rated" when the rubric rates nothing.
 *
 * Returns: (transfer full): the words
 */
char *
pep_checks_describe_proposal (PepRating floor,
                              PepRating ceiling,
                              gboolean  open)
{
  if (floor >= PEP_RATING_NOT_RATED)
    return g_strdup (pep_rating_to_label (PEP_RATING_NOT_RATED));
  if (open)
    /* TRANSLATORS: the QA queue's proposed rating when the checks rule out no rating */
    return g_strdup (_("To judge"));
  if (ceiling >= PEP_RATING_NOT_RATED || ceiling <= floor)
    return g_strdup (pep_rating_to_label (floor));
  /* TRANSLATORS: a range of ratings the checks leave open, lowest first: "Amber–Green" */
  return g_strdup_printf (_("%s–%s"), pep_rating_to_label (floor),
                          pep_rating_to_label (ceiling));
}

/* Returns: (array length=n_results) (nullable): each criterion's result, in the rubric's order */
const PepCheckResult *
pep_checks_get_results (PepChecks  *self,
                        PepSection  section,
                        guint      *n_results)
{
  g_return_val_if_fail (PEP_IS_CHECKS (self), NULL);
  g_return_val_if_fail (section < PEP_N_SECTIONS, NULL);
  g_return_val_if_fail (n_results != NULL, NULL);

  if (self->results[section] == NULL || self->results[section]->len == 0)
    {
      *n_results = 0;
      return NULL;
    }
  *n_results = self->results[section]->len;
  return (const PepCheckResult *) (gpointer) self->results[section]->data;
}

/* Returns: the overall rating the rubric's rule proposes from the proposed section ratings */
PepRating
pep_checks_get_overall (PepChecks *self)
{
  g_return_val_if_fail (PEP_IS_CHECKS (self), PEP_RATING_NOT_RATED);
  return self->overall;
}

/* Returns: how many computed criteria fail: what the designated teacher can still fix before
 * submitting */
guint
pep_checks_count_failures (PepChecks *self)
{
  guint n = 0;

  g_return_val_if_fail (PEP_IS_CHECKS (self), 0);

  for (guint s = 0; s < PEP_N_SECTIONS; s++)
    for (guint i = 0; self->results[s] != NULL && i < self->results[s]->len; i++)
      n += g_array_index (self->results[s], PepCheckResult, i).outcome == PEP_CHECK_FAIL;
  return n;
}
