/* pep-validator.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The bounds for dates, where DOMAIN.md asks only for "sensible" ones:
 *
 * - nothing about a child happens before they were born (meeting, entering care, EHCP, SDQ,
 *   due dates…);
 * - a date of birth is not in the future and not more than 25 years ago (PEPs end at 18);
 * - what has happened (entering care, an EHCP issued, an SDQ completed, a progress check, the
 *   social worker's check) is not in the future;
 * - a meeting is at most a year ahead; a due date or an EHCP review at most three years.
 *
 * "Today" is the validator's: the local date when it was made, or what the caller sets
 * (import sets the store's clock, so that a fixed time in tests fixes it too).
 *
 * The most rows of each kind one PEP holds (pep_validator_max_rows()). No real PEP comes
 * near them; they are there so that a generated or hostile file cannot make a PEP no one
 * can read, edit or print (the editor lists every row), and so that import's memory stays
 * bounded per PEP:
 *
 * - attainment lines: 60 — a Year 11 pupil has about a dozen GCSE subjects, an early-years
 *   child seventeen early learning goals; 60 leaves room for a line per subject and scheme;
 * - targets: 30 — DOMAIN.md's PEPs have three to six SMART targets; 30 is five times the
 *   most a designated teacher could follow up in a term;
 * - reviews of previous targets: 60 — the previous PEP's targets, and those of an
 *   unscheduled review in between;
 * - additional funding requests: 20 — a term's requests are one or two;
 * - sign-offs: 30 — three roles, signed again after each return or amendment;
 * - section ratings: one per section (PEP_N_SECTIONS), and never two for the same section;
 * - follow-up actions: 50 — QA raises one or two per PEP, and more when it is returned;
 * - steps of the workflow: 200 — five or so for a PEP, two more for each return and
 *   resubmission.
 */

#define G_LOG_DOMAIN "pep-validator"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pep-field-private.h"
#include "pep-record-private.h"
#include "pep-upn.h"
#include "pep-validator.h"

G_DEFINE_QUARK (pep-validator-error-quark, pep_validator_error)

struct _PepValidator
{
  GObject    parent_instance;

  PepRubric    *rubric;
  PepAuthority *authority;   /* whose PP+ rules; NULL for none */
  GDate         today;
  gboolean      values_checked;  /* each value was checked against its field as it was read */
};

G_DEFINE_FINAL_TYPE (PepValidator, pep_validator, G_TYPE_OBJECT)

typedef enum
{
  DATE_PAST,      /* happened already: up to today */
  DATE_MEETING,   /* up to a year ahead */
  DATE_PLANNED,   /* up to three years ahead */
} DateKind;

static const struct
{
  guint       max;
  const char *what;   /* in "A PEP holds at most %u %s" */
} row_limits[PEP_N_TABLES] = {
  [PEP_TABLE_ATTAINMENT] = { 60, N_("attainment lines") },
  [PEP_TABLE_TARGET] = { 30, N_("targets") },
  [PEP_TABLE_TARGET_REVIEW] = { 60, N_("reviews of previous targets") },
  [PEP_TABLE_FUNDING_REQUEST] = { 20, N_("requests for additional funding") },
  [PEP_TABLE_SIGNOFF] = { 30, N_("sign-offs") },
  [PEP_TABLE_RATING] = { PEP_N_SECTIONS, N_("section ratings") },
  [PEP_TABLE_FOLLOW_UP] = { 50, N_("follow-up actions") },
  [PEP_TABLE_EVENT] = { 200, N_("steps of the workflow") },
};

static void
pep_validator_dispose (GObject *object)
{
  PepValidator *self = PEP_VALIDATOR (object);

  g_clear_object (&self->rubric);
  g_clear_object (&self->authority);

  G_OBJECT_CLASS (pep_validator_parent_class)->dispose (object);
}

static void
pep_validator_class_init (PepValidatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = pep_validator_dispose;
}

static void
pep_validator_init (PepValidator *self)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (&self->today, 1);
  g_date_set_dmy (&self->today, g_date_time_get_day_of_month (now),
                  g_date_time_get_month (now), g_date_time_get_year (now));
}

/**
 * pep_validator_new:
 * @rubric: (nullable): the rubric whose sections and scales ratings are checked against;
 *   %NULL for the built-in one
 */
PepValidator *
pep_validator_new (PepRubric *rubric)
{
  PepValidator *self;

  g_return_val_if_fail (rubric == NULL || PEP_IS_RUBRIC (rubric), NULL);

  self = g_object_new (PEP_TYPE_VALIDATOR, NULL);
  self->rubric = rubric ? g_object_ref (rubric) : pep_rubric_new_default ();
  return self;
}

PepRubric *
pep_validator_get_rubric (PepValidator *self)
{
  g_return_val_if_fail (PEP_IS_VALIDATOR (self), NULL);
  return self->rubric;
}

void
pep_validator_set_today (PepValidator *self,
                         const GDate  *today)
{
  g_return_if_fail (PEP_IS_VALIDATOR (self));
  g_return_if_fail (today != NULL && g_date_valid (today));
  self->today = *today;
}

void
pep_validator_get_today (PepValidator *self,
                         GDate        *today)
{
  g_return_if_fail (PEP_IS_VALIDATOR (self));
  g_return_if_fail (today != NULL);
  *today = self->today;
}

/* @dob: (nullable): the child's date of birth as stored or typed, or %NULL when unknown */
void
pep_value_context_init (PepValueContext *context,
                        const char      *dob)
{
  g_return_if_fail (context != NULL);

  g_date_clear (&context->dob, 1);
  if (dob != NULL && !pep_date_parse (dob, &context->dob))
    g_date_clear (&context->dob, 1);
  context->scheme = NULL;
  context->ppplus_open = FALSE;
}

/* Values ---------------------------------------------------------------------------------- */

static DateKind
date_kind (const PepFieldInfo *info)
{
  if (info->table == PEP_TABLE_PLAN && info->index == PEP_PLAN_MEETING_DATE)
    return DATE_MEETING;
  if ((info->table == PEP_TABLE_PLAN && info->index == PEP_PLAN_EHCP_REVIEW)
      || (info->table == PEP_TABLE_TARGET && info->index == PEP_TARGET_DUE)
      || (info->table == PEP_TABLE_FOLLOW_UP && info->index == PEP_FOLLOW_UP_DUE))
    return DATE_PLANNED;
  return DATE_PAST;
}

static gboolean
check_date (PepValidator           *self,
            const PepFieldInfo     *info,
            const char             *value,
            const PepValueContext  *context,
            GError                **error)
{
  GDate date, latest;
  gboolean is_dob = info->table == PEP_TABLE_CHILD && info->index == PEP_CHILD_DOB;

  if (!pep_date_parse (value, &date))
    return TRUE;

  if (is_dob)
    {
      GDate earliest = self->today;

      g_date_subtract_years (&earliest, 25);
      if (g_date_compare (&date, &self->today) > 0)
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                       _("A date of birth cannot be in the future."));
          return FALSE;
        }
      if (g_date_compare (&date, &earliest) < 0)
        {
          g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                       _("This date of birth makes the child over 25: check the year."));
          return FALSE;
        }
      return TRUE;
    }

  if (context != NULL && g_date_valid (&context->dob) && g_date_compare (&date, &context->dob) < 0)
    {
      g_autofree char *born = pep_date_format (&context->dob);

      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                   _("%s is before the child was born (%s)."), _(info->label), born);
      return FALSE;
    }

  latest = self->today;
  switch (date_kind (info))
    {
    case DATE_MEETING:
      g_date_add_years (&latest, 1);
      break;
    case DATE_PLANNED:
      g_date_add_years (&latest, 3);
      break;
    case DATE_PAST:
    default:
      break;
    }
  if (g_date_compare (&date, &latest) > 0)
    {
      g_autofree char *limit = pep_date_format (&latest);

      if (date_kind (info) == DATE_PAST)
        g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                     _("%s cannot be in the future."), _(info->label));
      else
        g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                     _("%s is too far ahead: at the latest %s."), _(info->label), limit);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_number (const char  *text,
              double       min,
              double       max,
              gboolean     integer,
              const char  *what,
              GError     **error)
{
  char *end = NULL;
  double v = g_ascii_strtod (text, &end);

  if (end == text || *end != '\0' || (integer && v != (gint64) v) || v < min || v > max)
    {
      g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE, "%s", what);
      return FALSE;
    }
  return TRUE;
}

/* Attainment written in the terms of its scheme, where the scheme has numbers. */
static gboolean
check_attainment (const char  *text,
                  const char  *scheme,
                  GError     **error)
{
  if (scheme == NULL)
    return TRUE;
  if (strcmp (scheme, "gcse") == 0)
    {
      if (g_ascii_strcasecmp (text, "U") == 0)
        return TRUE;
      return check_number (text, 1, 9, TRUE, _("A GCSE grade is a whole number from 9 to 1, or U."),
                           error);
    }
  if (strcmp (scheme, "ks2-scaled") == 0)
    return check_number (text, 80, 120, TRUE,
                         _("A key stage 2 scaled score is a whole number from 80 to 120."), error);
  if (strcmp (scheme, "phonics") == 0)
    return check_number (text, 0, 40, TRUE,
                         _("A phonics screening mark is a whole number from 0 to 40."), error);
  return TRUE;
}

static gboolean
is_grade (const PepFieldInfo *info)
{
  return info->table == PEP_TABLE_ATTAINMENT
         && (info->index == PEP_ATTAINMENT_CURRENT || info->index == PEP_ATTAINMENT_TARGET_YEAR
             || info->index == PEP_ATTAINMENT_TARGET_KS);
}

/**
 * pep_validator_check_value:
 * @value: (nullable): the value, as stored; %NULL ("not entered") always passes
 * @context: (nullable): the child's date of birth and the line's scheme, where known
 *
 * Whether @value may be kept in the field: the registry's type, bounds and choices, and
 * names' characters (pep_field_validate_new()), a UPN's form and check letter, a date
 * against the child's date of birth and today, a grade or score in its scheme's terms.
 */
/* The authority's limits on money: a term's allocation, one request for more. */
static gboolean
check_ppplus_amount (PepValidator        *self,
                     const PepFieldInfo  *info,
                     gint64               pence,
                     GError             **error)
{
  gint64 limit = 0;
  g_autofree char *money = NULL;
  g_autofree char *authority = NULL;

  if (self->authority == NULL || info->type != PEP_VALUE_MONEY)
    return TRUE;
  if (info->table == PEP_TABLE_PLAN && info->index == PEP_PLAN_PPPLUS_ALLOCATED)
    limit = pep_authority_get_ppplus_term_pence (self->authority);
  else if (info->table == PEP_TABLE_FUNDING_REQUEST && info->index == PEP_FUNDING_REQUEST_AMOUNT)
    limit = pep_authority_get_request_max_pence (self->authority);
  if (limit <= 0 || pence <= limit)
    return TRUE;
  money = pep_money_format (limit);
  authority = pep_authority_describe (self->authority);
  if (info->table == PEP_TABLE_PLAN)
    g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                 _("%s allocates at most %s of PP+ a term for a child."), authority, money);
  else
    g_set_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE,
                 _("%s takes requests for additional funding of at most %s each."), authority, money);
  return FALSE;
}

/* pep_validator_check_value() for a value held natively (a record's, as it holds it). */
static gboolean
check_native_value (PepValidator           *self,
                    const PepFieldInfo     *info,
                    const PepFieldValue    *value,
                    const PepValueContext  *context,
                    GError                **error)
{
  if (value == NULL)
    return TRUE;
  if (!self->values_checked && !pep_field_validate_new_value (info, value, error))
    return FALSE;

  if (info->table == PEP_TABLE_CHILD && info->index == PEP_CHILD_UPN
      && !pep_upn_validate (value->v.text, NULL, error))
    return FALSE;
  if (info->type == PEP_VALUE_DATE && !check_date (self, info, value->v.text, context, error))
    return FALSE;
  if (is_grade (info) && context != NULL
      && !check_attainment (value->v.text, context->scheme, error))
    return FALSE;
  if (context != NULL && context->ppplus_open && info->type == PEP_VALUE_MONEY
      && !check_ppplus_amount (self, info, value->v.integer, error))
    return FALSE;
  return TRUE;
}

gboolean
pep_validator_check_value (PepValidator           *self,
                           const PepFieldInfo     *info,
                           GVariant               *value,
                           const PepValueContext  *context,
                           GError                **error)
{
  PepFieldValue native;

  g_return_val_if_fail (PEP_IS_VALIDATOR (self), FALSE);
  g_return_val_if_fail (info != NULL, FALSE);

  if (value == NULL)
    return TRUE;
  /* The type first, with pep_field_validate()'s message: then it can be read natively. */
  if (!self->values_checked && !pep_field_validate (info, value, error))
    return FALSE;
  if (!pep_field_value_from_variant (value, &native)
      || native.kind != pep_value_type_get_kind (info->type))
    g_return_val_if_reached (FALSE);
  return check_native_value (self, info, &native, context, error);
}

/**
 * pep_validator_set_authority:
 * @authority: (nullable): the child's authority, whose PP+ rules apply (pep-authority.h)
 */
void
pep_validator_set_authority (PepValidator *self,
                             PepAuthority *authority)
{
  g_return_if_fail (PEP_IS_VALIDATOR (self));
  g_set_object (&self->authority, authority);
}

/**
 * pep_validator_set_values_checked:
 * @checked: whether every value of the records given from now on has been checked against
 *   its field (pep_field_validate_new()) already, as import checks each as it parses it
 *
 * Then that check is not made again: the rules across fields and records still are.
 */
void
pep_validator_set_values_checked (PepValidator *self,
                                  gboolean      checked)
{
  g_return_if_fail (PEP_IS_VALIDATOR (self));
  self->values_checked = checked;
}

PepAuthority *
pep_validator_get_authority (PepValidator *self)
{
  g_return_val_if_fail (PEP_IS_VALIDATOR (self), NULL);
  return self->authority;
}

/**
 * pep_validator_parse:
 * @text: what was typed
 * @context: (nullable): as for pep_validator_check_value()
 *
 * Like pep_field_parse(), with every rule of pep_validator_check_value() on top. A UPN
 * may be typed in small letters.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL for "not entered" (no error) or
 *   for text that cannot be kept (@error set, with a message for the person typing)
 */
GVariant *
pep_validator_parse (PepValidator           *self,
                     const PepFieldInfo     *info,
                     const char             *text,
                     const PepValueContext  *context,
                     GError                **error)
{
  g_autoptr(GVariant) value = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *upper = NULL;
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (PEP_IS_VALIDATOR (self), NULL);
  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (text != NULL, NULL);

  if (info->table == PEP_TABLE_CHILD && info->index == PEP_CHILD_UPN)
    {
      /* UPNs are written in capitals; accept them typed in either case. */
      stripped = g_strstrip (g_strdup (text));
      upper = g_ascii_strup (stripped, -1);
      if (*upper != '\0' && !pep_upn_validate (upper, NULL, error))
        return NULL;
      text = upper;
    }

  value = pep_field_parse (info, text, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (value == NULL)
    return NULL;
  if (!pep_validator_check_value (self, info, value, context, error))
    return NULL;
  return g_steal_pointer (&value);
}

/* Records --------------------------------------------------------------------------------- */

static void
set_site (PepValidationSite *site,
          PepTable           table,
          guint              row,
          int                field)
{
  if (site == NULL)
    return;
  site->table = table;
  site->row = row;
  site->field = field;
}

static gboolean
check_record (PepValidator           *self,
              PepRecord              *record,
              guint                   row,
              const PepValueContext  *context,
              PepValidationSite      *site,
              GError                **error)
{
  PepTable table = pep_record_get_table (record);

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    {
      PepFieldValue value;

      if (!check_native_value (self, pep_table_get_field (table, i),
                               pep_record_get_value (record, i, &value) ? &value : NULL,
                               context, error))
        {
          set_site (site, table, row, (int) i);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * pep_validator_check_child:
 * @site: (out caller-allocates) (optional): where the problem is
 *
 * Every field of @child by pep_validator_check_value(), its dates against its own date of
 * birth.
 */
gboolean
pep_validator_check_child (PepValidator       *self,
                           PepRecord          *child,
                           PepValidationSite  *site,
                           GError            **error)
{
  PepValueContext context;

  g_return_val_if_fail (PEP_IS_VALIDATOR (self), FALSE);
  g_return_val_if_fail (PEP_IS_RECORD (child), FALSE);
  g_return_val_if_fail (pep_record_get_table (child) == PEP_TABLE_CHILD, FALSE);

  pep_value_context_init (&context, pep_record_get_text (child, PEP_CHILD_DOB));
  return check_record (self, child, 0, &context, site, error);
}

/**
 * pep_validator_check_rating:
 * @section: the section's nick, as stored in a rating row
 * @rating: (nullable): a rating's nick; "not-rated" and %NULL pass
 *
 * Whether the rubric rates @section in a PEP of @kind, and on a scale that has @rating
 * (gold is refused on a section rated red, amber or green only).
 */
gboolean
pep_validator_check_rating (PepValidator  *self,
                            PepKind        kind,
                            const char    *section,
                            const char    *rating,
                            GError       **error)
{
  PepSection s;
  PepRating r;

  g_return_val_if_fail (PEP_IS_VALIDATOR (self), FALSE);
  g_return_val_if_fail (section != NULL, FALSE);

  if (!pep_section_from_nick (section, &s) || !pep_rubric_has_section (self->rubric, s))
    {
      g_set_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_UNKNOWN_SECTION,
                   _("‘%s’ is not a section the rubric rates."), section);
      return FALSE;
    }
  if (!pep_rubric_rates (self->rubric, s, kind))
    {
      g_set_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_NOT_RATED,
                   _("The rubric does not rate “%s” in a PEP of this kind (%s)."),
                   pep_section_to_label (s), pep_kind_to_label (kind));
      return FALSE;
    }
  if (rating == NULL || !pep_rating_from_nick (rating, &r) || r == PEP_RATING_NOT_RATED)
    return TRUE;
  if (!pep_rubric_allows_rating (self->rubric, s, r))
    {
      g_set_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_SCALE,
                   _("“%s” cannot be rated %s: it is rated red, amber or green."),
                   pep_section_to_label (s), pep_rating_to_label (r));
      return FALSE;
    }
  return TRUE;
}

/* The sessions attended and missed cannot be more than the sessions possible. */
static gboolean
check_sessions (PepRecord  *content,
                GError    **error)
{
  gint64 possible = pep_record_get_int (content, PEP_PLAN_SESSIONS_POSSIBLE, -1);
  gint64 counted;

  if (possible < 0)
    return TRUE;
  counted = pep_record_get_int (content, PEP_PLAN_SESSIONS_ATTENDED, 0)
            + pep_record_get_int (content, PEP_PLAN_SESSIONS_AUTHORISED, 0)
            + pep_record_get_int (content, PEP_PLAN_SESSIONS_UNAUTHORISED, 0);
  if (counted > possible)
    {
      g_set_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_INCONSISTENT,
                   _("The sessions attended and missed (%" G_GINT64_FORMAT ") are more than "
                     "the sessions possible (%" G_GINT64_FORMAT ")."), counted, possible);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_ratings (PepValidator       *self,
               PepPlan            *plan,
               PepValidationSite  *site,
               GError            **error)
{
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_RATING);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < rows->len; i++)
    {
      PepRecord *row = g_ptr_array_index (rows, i);
      const char *section = pep_record_get_text (row, PEP_RATING_SECTION);
      int field = PEP_RATING_SECTION;

      if (section == NULL)
        continue;
      if (!pep_validator_check_rating (self, pep_plan_get_kind (plan), section, NULL, error)
          || (field = PEP_RATING_RATING,
              !pep_validator_check_rating (self, pep_plan_get_kind (plan), section,
                                           pep_record_get_text (row, PEP_RATING_RATING), error))
          || (field = PEP_RATING_PROPOSED,
              !pep_validator_check_rating (self, pep_plan_get_kind (plan), section,
                                           pep_record_get_text (row, PEP_RATING_PROPOSED), error)))
        {
          set_site (site, PEP_TABLE_RATING, i, field);
          return FALSE;
        }
      if (!g_hash_table_add (seen, (gpointer) section))
        {
          set_site (site, PEP_TABLE_RATING, i, PEP_RATING_SECTION);
          g_set_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_RATED_TWICE,
                       _("“%s” is rated twice."), section);
          return FALSE;
        }
    }
  return TRUE;
}

/* A request the Virtual School has not decided yet: the authority's rules bind it. */
gboolean
pep_funding_request_is_pending (PepRecord *request)
{
  const char *decision = pep_record_get_text (request, PEP_FUNDING_REQUEST_DECISION);

  return decision == NULL || g_str_equal (decision, "pending");
}

/* What the authority asks every request for additional funding to name. */
static gboolean
check_request_names (PepValidator       *self,
                     PepRecord          *request,
                     guint               row,
                     PepValidationSite  *site,
                     GError            **error)
{
  PepRequestNeeds needs = pep_authority_get_request_needs (self->authority);
  g_autofree char *authority = NULL;

  if (self->authority == NULL)
    return TRUE;
  authority = pep_authority_describe (self->authority);
  if ((needs & PEP_REQUEST_NEEDS_INTERVENTION)
      && !pep_record_has (request, PEP_FUNDING_REQUEST_INTERVENTION))
    {
      set_site (site, PEP_TABLE_FUNDING_REQUEST, row, PEP_FUNDING_REQUEST_INTERVENTION);
      g_set_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_INCONSISTENT,
                   _("%s asks every request for additional funding to name its evidence-based "
                     "intervention."), authority);
      return FALSE;
    }
  if ((needs & PEP_REQUEST_NEEDS_EXPECTED_OUTCOME)
      && !pep_record_has (request, PEP_FUNDING_REQUEST_EXPECTED_OUTCOME))
    {
      set_site (site, PEP_TABLE_FUNDING_REQUEST, row, PEP_FUNDING_REQUEST_EXPECTED_OUTCOME);
      g_set_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_INCONSISTENT,
                   _("%s asks every request for additional funding to name its expected "
                     "outcome."), authority);
      return FALSE;
    }
  return TRUE;
}

/**
 * pep_validator_check_plan:
 * @child: (nullable): the PEP's child, for its date of birth
 * @site: (out caller-allocates) (optional): where the problem is
 *
 * Every rule for a whole PEP: each field of its content and of each row by
 * pep_validator_check_value() (dates against @child's date of birth, grades against their
 * line's scheme), the sessions it counts, no more rows of a kind than
 * pep_validator_max_rows(), and each section rating by pep_validator_check_rating().
 */
gboolean
pep_validator_check_plan (PepValidator       *self,
                          PepPlan            *plan,
                          PepRecord          *child,
                          PepValidationSite  *site,
                          GError            **error)
{
  PepValueContext context;

  g_return_val_if_fail (PEP_IS_VALIDATOR (self), FALSE);
  g_return_val_if_fail (PEP_IS_PLAN (plan), FALSE);
  g_return_val_if_fail (child == NULL || PEP_IS_RECORD (child), FALSE);

  pep_value_context_init (&context, child ? pep_record_get_text (child, PEP_CHILD_DOB) : NULL);
  /* The authority's PP+ rules bind a PEP still being written, never the record of one done. */
  context.ppplus_open = pep_plan_get_status (plan) == PEP_STATUS_DRAFT
                        || pep_plan_get_status (plan) == PEP_STATUS_SUBMITTED
                        || pep_plan_get_status (plan) == PEP_STATUS_RETURNED;

  /* The counts first: a PEP with ten thousand targets is refused for that, not for a date
   * in its nine-thousandth. */
  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    if (pep_table_is_plan_row (t)
        && !pep_validator_check_n_rows (t, pep_plan_get_rows (plan, t)->len, error))
      {
        set_site (site, t, pep_validator_max_rows (t), -1);
        return FALSE;
      }

  if (!check_record (self, pep_plan_get_content (plan), 0, &context, site, error))
    return FALSE;
  if (!check_sessions (pep_plan_get_content (plan), error))
    {
      set_site (site, PEP_TABLE_PLAN, 0, PEP_PLAN_SESSIONS_POSSIBLE);
      return FALSE;
    }

  for (PepTable t = 0; t < PEP_N_TABLES; t++)
    {
      GPtrArray *rows;

      if (!pep_table_is_plan_row (t))
        continue;
      rows = pep_plan_get_rows (plan, t);
      for (guint i = 0; i < rows->len; i++)
        {
          PepRecord *row = g_ptr_array_index (rows, i);

          PepValueContext row_context = context;

          row_context.scheme = t == PEP_TABLE_ATTAINMENT
                               ? pep_record_get_text (row, PEP_ATTAINMENT_SCHEME) : NULL;
          row_context.ppplus_open = context.ppplus_open
                                    && (t != PEP_TABLE_FUNDING_REQUEST || pep_funding_request_is_pending (row));
          if (!check_record (self, row, i, &row_context, site, error)
              || (t == PEP_TABLE_FUNDING_REQUEST && row_context.ppplus_open
                  && !check_request_names (self, row, i, site, error)))
            return FALSE;
        }
    }

  return check_ratings (self, plan, site, error);
}

/* Rows ------------------------------------------------------------------------------------ */

/* The most rows of @table one PEP holds (the reasons are at the top of this file). */
guint
pep_validator_max_rows (PepTable table)
{
  g_return_val_if_fail (pep_table_is_plan_row (table), 0);
  return row_limits[table].max;
}

gboolean
pep_validator_check_n_rows (PepTable   table,
                            guint      n_rows,
                            GError   **error)
{
  g_return_val_if_fail (pep_table_is_plan_row (table), FALSE);

  if (n_rows <= row_limits[table].max)
    return TRUE;
  g_set_error (error, PEP_VALIDATOR_ERROR, PEP_VALIDATOR_ERROR_TOO_MANY_ROWS,
               _("A PEP holds at most %u %s; this one has %u."), row_limits[table].max,
               _(row_limits[table].what), n_rows);
  return FALSE;
}
