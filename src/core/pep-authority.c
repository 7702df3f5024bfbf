/* pep-authority.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The term model, defined here once:
 * - a term's school days run from its first to its last day as the authority set them, or
 *   as England's usual pattern has them (pep_term_school_bounds()) for a term it has not set;
 * - a term's calendar span starts on the first day the authority set (else the built-in
 *   start: 1 September, 1 January, Easter Sunday) and ends the day before the next term's
 *   span starts, so every day is in one term and a holiday belongs to the term before it;
 * - a term's deadline, and the day its cohort is counted at, is the deadline the authority
 *   set or else the term's last school day;
 * - a school day is a working day inside its term's school days that is not a closure.
 */

#define G_LOG_DOMAIN "pep-authority"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlwriter.h>
#include <stdlib.h>
#include <string.h>

#include "pep-authority.h"
#include "pep-field.h"
#include "pep-xml-private.h"
#include "pepcore-resources.h"

typedef struct
{
  PepTermId id;
  GDate     first;     /* invalid where England's usual pattern stands */
  GDate     last;
  GDate     deadline;
} TermEntry;

typedef struct
{
  GDate first;
  GDate last;
} Closure;

struct _PepAuthority
{
  GObject      parent_instance;

  PepRubric   *rubric;

  char        *issued;            /* when the authority saved it (UTC, ISO 8601), or NULL */
  char        *la_code;           /* three digits, or NULL before the authority set it */
  char        *name;
  guint        new_to_care_days;
  PepDayBasis  new_to_care_basis;
  guint        school_change_days;
  PepDayBasis  school_change_basis;
  guint        follow_up_days;
  char        *cohort;
  gint64       ppplus_pence;
  gint64       ppplus_term_pence;  /* 0: no limit */
  gint64       request_max_pence;  /* 0: no limit */
  PepRequestNeeds request_needs;
  GArray      *terms;             /* of TermEntry */
  GArray      *closures;          /* of Closure, in order */
  char        *rubric_xml;        /* the <rubric> element as it is kept and sent */
  char        *officers_xml;      /* the <Officers> element, carried unread; or NULL */
  char        *signature_key;
  char        *signature;
};

G_DEFINE_FINAL_TYPE (PepAuthority, pep_authority, G_TYPE_OBJECT)

G_DEFINE_QUARK (pep-authority-error-quark, pep_authority_error)

static const char *cohort_nicks[] = { "years1-11-month", "school-age-28-days" };
static const char *basis_nicks[] = { "working-days", "school-days" };

/* A school day count never looks further than this for its days: ten years. */
#define MAX_DAYS_SEARCHED 3660

const char *
pep_day_basis_to_nick (PepDayBasis basis)
{
  g_return_val_if_fail (basis <= PEP_DAYS_SCHOOL, NULL);
  return basis_nicks[basis];
}

gboolean
pep_day_basis_from_nick (const char  *nick,
                         PepDayBasis *basis)
{
  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (basis_nicks); i++)
    if (g_str_equal (nick, basis_nicks[i]))
      {
        *basis = (PepDayBasis) i;
        return TRUE;
      }
  return FALSE;
}

static void
pep_authority_finalize (GObject *object)
{
  PepAuthority *self = PEP_AUTHORITY (object);

  g_clear_object (&self->rubric);
  g_free (self->issued);
  g_free (self->la_code);
  g_free (self->name);
  g_free (self->cohort);
  g_array_unref (self->terms);
  g_array_unref (self->closures);
  g_free (self->rubric_xml);
  g_free (self->officers_xml);
  g_free (self->signature_key);
  g_free (self->signature);

  G_OBJECT_CLASS (pep_authority_parent_class)->finalize (object);
}

static void
pep_authority_class_init (PepAuthorityClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pep_authority_finalize;
}

static void
pep_authority_init (PepAuthority *self)
{
  self->name = g_strdup ("");
  self->new_to_care_days = PEP_AUTHORITY_DEFAULT_NEW_TO_CARE_DAYS;
  self->new_to_care_basis = PEP_DAYS_WORKING;
  self->school_change_days = PEP_AUTHORITY_DEFAULT_SCHOOL_CHANGE_DAYS;
  self->school_change_basis = PEP_DAYS_WORKING;
  self->follow_up_days = PEP_AUTHORITY_DEFAULT_FOLLOW_UP_DAYS;
  self->cohort = g_strdup (PEP_AUTHORITY_DEFAULT_COHORT);
  self->ppplus_pence = PEP_AUTHORITY_DEFAULT_PPPLUS_PENCE;
  self->terms = g_array_new (FALSE, TRUE, sizeof (TermEntry));
  self->closures = g_array_new (FALSE, TRUE, sizeof (Closure));
}

/* The <rubric> element of @data alone, as the profile keeps it: no declaration, no comments
 * around it, so that the same rubric is the same bytes in every copy. */
static char *
rubric_element (const char *data,
                gsize       length)
{
  xmlDoc *doc = xmlReadMemory (data, (int) length, "rubric.xml", NULL,
                               XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                               | XML_PARSE_NOCDATA);
  xmlBuffer *buffer;
  char *out;

  if (doc == NULL)
    return NULL;
  buffer = xmlBufferCreate ();
  xmlNodeDump (buffer, doc, xmlDocGetRootElement (doc), 0, 0);
  out = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  xmlFreeDoc (doc);
  return out;
}

/**
 * pep_authority_new:
 *
 * A profile with England's usual pattern and the built-in rubric, as a new file has.
 */
PepAuthority *
pep_authority_new (void)
{
  PepAuthority *self = g_object_new (PEP_TYPE_AUTHORITY, NULL);
  g_autoptr(GBytes) bytes = g_resource_lookup_data (pepcore_get_resource (), PEP_RUBRIC_RESOURCE_PATH,
                                                    G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  self->rubric = pep_rubric_new_default ();
  self->rubric_xml = rubric_element (data, size);
  g_assert (self->rubric_xml != NULL);
  return self;
}

PepAuthority *
pep_authority_copy (PepAuthority *self)
{
  PepAuthority *copy;

  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);

  copy = g_object_new (PEP_TYPE_AUTHORITY, NULL);
  copy->rubric = g_object_ref (self->rubric);
  copy->issued = g_strdup (self->issued);
  copy->la_code = g_strdup (self->la_code);
  g_free (copy->name);
  copy->name = g_strdup (self->name);
  copy->new_to_care_days = self->new_to_care_days;
  copy->new_to_care_basis = self->new_to_care_basis;
  copy->school_change_days = self->school_change_days;
  copy->school_change_basis = self->school_change_basis;
  copy->follow_up_days = self->follow_up_days;
  g_free (copy->cohort);
  copy->cohort = g_strdup (self->cohort);
  copy->ppplus_pence = self->ppplus_pence;
  copy->ppplus_term_pence = self->ppplus_term_pence;
  copy->request_max_pence = self->request_max_pence;
  copy->request_needs = self->request_needs;
  g_array_append_vals (copy->terms, self->terms->data, self->terms->len);
  g_array_append_vals (copy->closures, self->closures->data, self->closures->len);
  copy->rubric_xml = g_strdup (self->rubric_xml);
  copy->officers_xml = g_strdup (self->officers_xml);
  /* A copy is for editing: what the authority signed is the original. */
  return copy;
}

/* Who it is -------------------------------------------------------------------------------- */

/* When the authority saved these rules: "2026-01-05T10:00:00Z", or NULL for a profile saved
 * before profiles said so (older than any that does). */
const char *
pep_authority_get_issued (PepAuthority *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);
  return self->issued;
}

/* @issued: an ISO 8601 time as pep_store_now() gives it; only the UTC second is kept. */
void
pep_authority_set_issued (PepAuthority *self,
                          const char   *issued)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GDateTime) utc = NULL;

  g_return_if_fail (PEP_IS_AUTHORITY (self));

  g_clear_pointer (&self->issued, g_free);
  if (issued == NULL || !(when = g_date_time_new_from_iso8601 (issued, NULL)))
    return;
  utc = g_date_time_to_utc (when);
  self->issued = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * pep_authority_compare_issued:
 *
 * Which of two profiles of the same authority the authority saved later: negative when @a is
 * older than @b, 0 when neither can be said to be (the same time, or neither says), positive
 * when @a is newer. A profile that does not say when it was saved is older than one that does.
 */
int
pep_authority_compare_issued (PepAuthority *a,
                              PepAuthority *b)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (a) && PEP_IS_AUTHORITY (b), 0);

  if (a->issued == NULL || b->issued == NULL)
    return (a->issued != NULL) - (b->issued != NULL);
  /* The same fixed-width UTC form: the strings sort as the times. */
  return strcmp (a->issued, b->issued);
}

const char *
pep_authority_get_la_code (PepAuthority *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);
  return self->la_code;
}

static gboolean
is_la_code (const char *text)
{
  return text != NULL && strlen (text) == 3
         && g_ascii_isdigit (text[0]) && g_ascii_isdigit (text[1]) && g_ascii_isdigit (text[2]);
}

gboolean
pep_authority_set_la_code (PepAuthority  *self,
                           const char    *la_code,
                           GError       **error)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);

  if (la_code != NULL && !is_la_code (la_code))
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                   _("“%s” is not an LA code: give the authority’s three digits, like 873"), la_code);
      return FALSE;
    }
  g_free (self->la_code);
  self->la_code = g_strdup (la_code);
  return TRUE;
}

const char *
pep_authority_get_name (PepAuthority *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);
  return self->name;
}

void
pep_authority_set_name (PepAuthority *self,
                        const char   *name)
{
  g_return_if_fail (PEP_IS_AUTHORITY (self));

  g_free (self->name);
  self->name = g_strstrip (g_strdup (name ? name : ""));
}

/* "873 Cambridgeshire", or what stands in for an authority not yet named. */
char *
pep_authority_describe (PepAuthority *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);

  if (self->la_code != NULL && *self->name != '\0')
    return g_strdup_printf ("%s %s", self->la_code, self->name);
  if (self->la_code != NULL)
    return g_strdup_printf (_("LA %s"), self->la_code);
  if (*self->name != '\0')
    return g_strdup (self->name);
  return g_strdup (_("This file’s own rules"));
}

/* Whether a child whose care authority is recorded as @care_authority (its LA code or its
 * name, as the exchange's LookedAfter/CareAuthority carries it) is this authority's. */
gboolean
pep_authority_looks_after (PepAuthority *self,
                           const char   *care_authority)
{
  g_autofree char *stripped = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);

  if (care_authority == NULL)
    return FALSE;
  stripped = g_strstrip (g_strdup (care_authority));
  wanted = g_utf8_casefold (stripped, -1);
  if (*wanted == '\0')
    return FALSE;
  if (self->la_code != NULL && g_str_equal (wanted, self->la_code))
    return TRUE;
  name = g_utf8_casefold (self->name, -1);
  return *name != '\0' && g_str_equal (wanted, name);
}

/**
 * pep_authority_find_for_child:
 * @authorities: (element-type PepAuthority): a file's profiles, its own first
 *
 * Returns: (transfer none): the profile a child recorded with @care_authority is under
 */
PepAuthority *
pep_authority_find_for_child (GPtrArray  *authorities,
                              const char *care_authority)
{
  g_return_val_if_fail (authorities != NULL && authorities->len > 0, NULL);

  for (guint i = 0; care_authority != NULL && i < authorities->len; i++)
    if (pep_authority_looks_after (g_ptr_array_index (authorities, i), care_authority))
      return g_ptr_array_index (authorities, i);
  return g_ptr_array_index (authorities, 0);
}

/* Deadlines and days ------------------------------------------------------------------------ */

guint
pep_authority_get_new_to_care_days (PepAuthority *self)
{
  return self ? self->new_to_care_days : PEP_AUTHORITY_DEFAULT_NEW_TO_CARE_DAYS;
}

PepDayBasis
pep_authority_get_new_to_care_basis (PepAuthority *self)
{
  return self ? self->new_to_care_basis : PEP_DAYS_WORKING;
}

guint
pep_authority_get_school_change_days (PepAuthority *self)
{
  return self ? self->school_change_days : PEP_AUTHORITY_DEFAULT_SCHOOL_CHANGE_DAYS;
}

PepDayBasis
pep_authority_get_school_change_basis (PepAuthority *self)
{
  return self ? self->school_change_basis : PEP_DAYS_WORKING;
}

guint
pep_authority_get_follow_up_days (PepAuthority *self)
{
  return self ? self->follow_up_days : PEP_AUTHORITY_DEFAULT_FOLLOW_UP_DAYS;
}

gboolean
pep_authority_set_days (PepAuthority  *self,
                        guint          new_to_care_days,
                        PepDayBasis    new_to_care_basis,
                        guint          school_change_days,
                        PepDayBasis    school_change_basis,
                        guint          follow_up_days,
                        GError       **error)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);

  if (new_to_care_days < 1 || new_to_care_days > PEP_AUTHORITY_MAX_DAYS
      || school_change_days < 1 || school_change_days > PEP_AUTHORITY_MAX_DAYS
      || follow_up_days < 1 || follow_up_days > PEP_AUTHORITY_MAX_DAYS
      || new_to_care_basis > PEP_DAYS_SCHOOL || school_change_basis > PEP_DAYS_SCHOOL)
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                   _("Days to a deadline are 1 to %d"), PEP_AUTHORITY_MAX_DAYS);
      return FALSE;
    }
  self->new_to_care_days = new_to_care_days;
  self->new_to_care_basis = new_to_care_basis;
  self->school_change_days = school_change_days;
  self->school_change_basis = school_change_basis;
  self->follow_up_days = follow_up_days;
  return TRUE;
}

const char *
pep_authority_get_cohort (PepAuthority *self)
{
  return self ? self->cohort : PEP_AUTHORITY_DEFAULT_COHORT;
}

gboolean
pep_authority_set_cohort (PepAuthority  *self,
                          const char    *cohort,
                          GError       **error)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);

  for (guint i = 0; cohort != NULL && i < G_N_ELEMENTS (cohort_nicks); i++)
    if (g_str_equal (cohort, cohort_nicks[i]))
      {
        g_free (self->cohort);
        self->cohort = g_strdup (cohort);
        return TRUE;
      }
  g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
               _("“%s” is not a cohort rule: years1-11-month or school-age-28-days"),
               cohort ? cohort : "");
  return FALSE;
}

gint64
pep_authority_get_ppplus_pence (PepAuthority *self)
{
  return self ? self->ppplus_pence : PEP_AUTHORITY_DEFAULT_PPPLUS_PENCE;
}

gboolean
pep_authority_set_ppplus_pence (PepAuthority  *self,
                                gint64         pence,
                                GError       **error)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);

  if (pence < 0 || pence > G_GINT64_CONSTANT (100000000))
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                   _("PP+ a child a year is £0 to £1,000,000"));
      return FALSE;
    }
  self->ppplus_pence = pence;
  return TRUE;
}

gint64
pep_authority_get_ppplus_term_pence (PepAuthority *self)
{
  return self ? self->ppplus_term_pence : 0;
}

gint64
pep_authority_get_request_max_pence (PepAuthority *self)
{
  return self ? self->request_max_pence : 0;
}

PepRequestNeeds
pep_authority_get_request_needs (PepAuthority *self)
{
  return self ? self->request_needs : 0;
}

/**
 * pep_authority_set_ppplus_rules:
 * @term_pence: the most a school is allocated a term for a child, or 0 for no limit
 * @request_max_pence: the most one request for additional funding may ask, or 0
 * @needs: what a request must name besides its amount and rationale
 */
gboolean
pep_authority_set_ppplus_rules (PepAuthority     *self,
                                gint64            term_pence,
                                gint64            request_max_pence,
                                PepRequestNeeds   needs,
                                GError          **error)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);

  if (term_pence < 0 || term_pence > G_GINT64_CONSTANT (10000000)
      || request_max_pence < 0 || request_max_pence > G_GINT64_CONSTANT (10000000))
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                   _("A termly allocation or a request’s limit is £0 (no limit) to £100,000"));
      return FALSE;
    }
  if ((needs & ~(PEP_REQUEST_NEEDS_INTERVENTION | PEP_REQUEST_NEEDS_EXPECTED_OUTCOME)) != 0)
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                   _("A request can be asked to name its intervention and its expected outcome"));
      return FALSE;
    }
  self->ppplus_term_pence = term_pence;
  self->request_max_pence = request_max_pence;
  self->request_needs = needs;
  return TRUE;
}

/* Terms and closures ------------------------------------------------------------------------ */

static TermEntry *
find_term (PepAuthority    *self,
           const PepTermId *id)
{
  for (guint i = 0; self != NULL && i < self->terms->len; i++)
    {
      TermEntry *e = &g_array_index (self->terms, TermEntry, i);

      if (e->id.year == id->year && e->id.term == id->term)
        return e;
    }
  return NULL;
}

/**
 * pep_authority_set_term:
 * @first: (nullable): the first school day, or %NULL for England's usual pattern
 * @last: (nullable): the last school day, likewise
 * @deadline: (nullable): the termly PEP deadline, or %NULL for the last school day
 *
 * Refuses dates outside the term's academic year, a term that ends before it starts and a
 * deadline outside the term's span.
 */
gboolean
pep_authority_set_term (PepAuthority     *self,
                        const PepTermId  *term,
                        const GDate      *first,
                        const GDate      *last,
                        const GDate      *deadline,
                        GError          **error)
{
  g_autofree char *name = NULL;
  TermEntry *e;
  GDate year_first, year_last;
  const GDate *dates[3] = { first, last, deadline };

  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);
  g_return_val_if_fail (term != NULL && term->term < PEP_N_TERMS, FALSE);

  name = pep_term_format_long (term);
  g_date_clear (&year_first, 1);
  g_date_clear (&year_last, 1);
  g_date_set_dmy (&year_first, 1, G_DATE_AUGUST, term->year);
  g_date_set_dmy (&year_last, 30, G_DATE_SEPTEMBER, term->year + 1);
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    if (dates[i] != NULL
        && (!g_date_valid (dates[i]) || g_date_compare (dates[i], &year_first) < 0
            || g_date_compare (dates[i], &year_last) > 0))
      {
        g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                     _("The dates of %s must be in its academic year"), name);
        return FALSE;
      }
  if (first != NULL && last != NULL && g_date_compare (first, last) > 0)
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                   _("%s ends before it starts"), name);
      return FALSE;
    }

  if ((e = find_term (self, term)) == NULL)
    {
      TermEntry fresh = { *term, };

      g_array_append_val (self->terms, fresh);
      e = &g_array_index (self->terms, TermEntry, self->terms->len - 1);
    }
  g_date_clear (&e->first, 1);
  g_date_clear (&e->last, 1);
  g_date_clear (&e->deadline, 1);
  if (first != NULL)
    e->first = *first;
  if (last != NULL)
    e->last = *last;
  if (deadline != NULL)
    e->deadline = *deadline;
  if (first == NULL && last == NULL && deadline == NULL)
    g_array_remove_index (self->terms, (guint) (e - (TermEntry *) (void *) self->terms->data));
  return TRUE;
}

/* Returns whether the authority set anything for @term; each date is cleared (invalid)
 * where it did not. */
gboolean
pep_authority_get_term (PepAuthority    *self,
                        const PepTermId *term,
                        GDate           *first,
                        GDate           *last,
                        GDate           *deadline)
{
  TermEntry *e = find_term (self, term);

  g_date_clear (first, 1);
  g_date_clear (last, 1);
  g_date_clear (deadline, 1);
  if (e == NULL)
    return FALSE;
  *first = e->first;
  *last = e->last;
  *deadline = e->deadline;
  return TRUE;
}

static int
academic_year_of (const GDate *date)
{
  return g_date_get_year (date) - (g_date_get_month (date) >= G_DATE_SEPTEMBER ? 0 : 1);
}

static int
compare_closures (gconstpointer a,
                  gconstpointer b)
{
  return g_date_compare (&((const Closure *) a)->first, &((const Closure *) b)->first);
}

/**
 * pep_authority_set_closures:
 * @academic_year: the year whose closures these are (a closure belongs to the academic year
 *   its first day falls in, September to August)
 * @closures: (array zero-terminated=1): "YYYY-MM-DD" or "YYYY-MM-DD..YYYY-MM-DD"
 *
 * Replaces the year's school closures (half terms, training days). Nothing changes when one
 * is not a date or a range, or is not in @academic_year.
 */
gboolean
pep_authority_set_closures (PepAuthority        *self,
                            int                  academic_year,
                            const char * const  *closures,
                            GError             **error)
{
  g_autoptr(GArray) parsed = g_array_new (FALSE, FALSE, sizeof (Closure));

  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);
  g_return_val_if_fail (closures != NULL, FALSE);

  for (guint i = 0; closures[i] != NULL; i++)
    {
      g_auto(GStrv) ends = g_strsplit (closures[i], "..", 2);
      Closure c;

      if (!pep_date_parse (g_strstrip (ends[0]), &c.first)
          || !pep_date_parse (g_strstrip (ends[1] ? ends[1] : ends[0]), &c.last)
          || g_date_compare (&c.last, &c.first) < 0)
        {
          g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                       _("“%s” is not a school closure: give a date like 2025-10-27, or a range "
                         "like 2025-10-27..2025-10-31"), closures[i]);
          return FALSE;
        }
      if (academic_year_of (&c.first) != academic_year)
        {
          g_autofree char *year = pep_academic_year_format (academic_year);

          g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                       _("The closure “%s” is not in the academic year %s"), closures[i], year);
          return FALSE;
        }
      g_array_append_val (parsed, c);
    }

  for (guint i = self->closures->len; i > 0; i--)
    if (academic_year_of (&g_array_index (self->closures, Closure, i - 1).first) == academic_year)
      g_array_remove_index (self->closures, i - 1);
  g_array_append_vals (self->closures, parsed->data, parsed->len);
  g_array_sort (self->closures, compare_closures);
  return TRUE;
}

static char *
format_date (const GDate *date)
{
  char text[16];

  g_date_strftime (text, sizeof text, "%Y-%m-%d", date);
  return g_strdup (text);
}

static char *
format_closure (const Closure *c)
{
  g_autofree char *first = format_date (&c->first);
  g_autofree char *last = format_date (&c->last);

  return g_date_compare (&c->first, &c->last) == 0 ? g_steal_pointer (&first)
                                                   : g_strdup_printf ("%s..%s", first, last);
}

/* The year's closures as pep_authority_set_closures() takes them. */
GStrv
pep_authority_get_closures (PepAuthority *self,
                            int           academic_year)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; self != NULL && i < self->closures->len; i++)
    {
      const Closure *c = &g_array_index (self->closures, Closure, i);

      if (academic_year_of (&c->first) == academic_year)
        {
          g_autofree char *text = format_closure (c);

          g_strv_builder_add (builder, text);
        }
    }
  return g_strv_builder_end (builder);
}

static int
compare_ints (gconstpointer a,
              gconstpointer b)
{
  return *(const int *) a - *(const int *) b;
}

/* The academic years the authority set anything for, in order (an array of int). */
GArray *
pep_authority_get_years (PepAuthority *self)
{
  GArray *years = g_array_new (FALSE, FALSE, sizeof (int));
  g_autoptr(GHashTable) seen = g_hash_table_new (NULL, NULL);

  for (guint i = 0; self != NULL && i < self->terms->len + self->closures->len; i++)
    {
      int year = i < self->terms->len
                 ? g_array_index (self->terms, TermEntry, i).id.year
                 : academic_year_of (&g_array_index (self->closures, Closure, i - self->terms->len).first);

      if (g_hash_table_add (seen, GINT_TO_POINTER (year)))
        g_array_append_val (years, year);
    }
  g_array_sort (years, compare_ints);
  return years;
}

/* The term model ------------------------------------------------------------------------------ */

static void
span_first (PepAuthority    *self,
            const PepTermId *id,
            GDate           *first)
{
  TermEntry *e = find_term (self, id);
  GDate last;

  if (e != NULL && g_date_valid (&e->first))
    *first = e->first;
  else
    pep_term_bounds (id, first, &last);
}

/* The days of @term in the calendar: every day belongs to exactly one term. */
void
pep_authority_term_span (PepAuthority    *self,
                         const PepTermId *term,
                         GDate           *first,
                         GDate           *last)
{
  PepTermId next = *term;

  g_return_if_fail (term != NULL && first != NULL && last != NULL);

  span_first (self, term, first);
  pep_term_step (&next, 1);
  span_first (self, &next, last);
  g_date_subtract_days (last, 1);
  if (g_date_compare (last, first) < 0)
    *last = *first;
}

/* When schools are open in @term: from its first to its last school day. */
void
pep_authority_school_days (PepAuthority    *self,
                           const PepTermId *term,
                           GDate           *first,
                           GDate           *last)
{
  TermEntry *e;

  g_return_if_fail (term != NULL && first != NULL && last != NULL);

  pep_term_school_bounds (term, first, last);
  if ((e = find_term (self, term)) == NULL)
    return;
  if (g_date_valid (&e->first))
    *first = e->first;
  if (g_date_valid (&e->last))
    *last = e->last;
  if (g_date_compare (last, first) < 0)
    *last = *first;
}

/* The term whose span holds @date. */
void
pep_authority_term_for_date (PepAuthority *self,
                             const GDate  *date,
                             PepTermId    *out)
{
  PepTermId id;
  gboolean found = FALSE;

  g_return_if_fail (date != NULL && g_date_valid (date) && out != NULL);

  if (self == NULL || self->terms->len == 0)
    {
      pep_term_for_date (date, out);
      return;
    }
  for (id.year = g_date_get_year (date) - 2; id.year <= g_date_get_year (date); id.year++)
    for (id.term = PEP_TERM_AUTUMN; id.term < PEP_N_TERMS; id.term++)
      {
        GDate first;

        span_first (self, &id, &first);
        if (g_date_compare (&first, date) <= 0 && (!found || pep_term_compare (&id, out) > 0))
          {
            *out = id;
            found = TRUE;
          }
      }
  g_assert (found);
}

/* When @term's PEPs are due: the authority's deadline, or the term's last school day. */
void
pep_authority_deadline (PepAuthority    *self,
                        const PepTermId *term,
                        GDate           *deadline)
{
  TermEntry *e = find_term (self, term);
  GDate first;

  g_return_if_fail (term != NULL && deadline != NULL);

  if (e != NULL && g_date_valid (&e->deadline))
    *deadline = e->deadline;
  else
    pep_authority_school_days (self, term, &first, deadline);
}

static gboolean
is_closed (PepAuthority *self,
           const GDate  *date)
{
  for (guint i = 0; self != NULL && i < self->closures->len; i++)
    {
      const Closure *c = &g_array_index (self->closures, Closure, i);

      if (g_date_compare (date, &c->first) >= 0 && g_date_compare (date, &c->last) <= 0)
        return TRUE;
    }
  return FALSE;
}

/* A working day in term time that schools are open. */
gboolean
pep_authority_is_school_day (PepAuthority *self,
                             const GDate  *date)
{
  PepTermId term;
  GDate first, last;

  g_return_val_if_fail (date != NULL && g_date_valid (date), FALSE);

  if (!pep_calendar_is_school_day (date))
    return FALSE;
  pep_authority_term_for_date (self, date, &term);
  pep_authority_school_days (self, &term, &first, &last);
  if (g_date_compare (date, &first) < 0 || g_date_compare (date, &last) > 0)
    return FALSE;
  return !is_closed (self, date);
}

/**
 * pep_authority_add_days:
 * @out: (out caller-allocates): the @n_days-th day of @basis after @from
 *
 * Counts days after @from (which does not count itself): working days (Monday to Friday
 * less bank holidays), or school days. A count in the summer holidays starts in September.
 */
void
pep_authority_add_days (PepAuthority *self,
                        const GDate  *from,
                        guint         n_days,
                        PepDayBasis   basis,
                        GDate        *out)
{
  g_return_if_fail (from != NULL && g_date_valid (from));
  g_return_if_fail (out != NULL);

  if (basis == PEP_DAYS_WORKING)
    {
      pep_calendar_add_school_days (from, n_days, out);
      return;
    }
  *out = *from;
  for (guint searched = 0; n_days > 0 && searched < MAX_DAYS_SEARCHED; searched++)
    {
      g_date_add_days (out, 1);
      if (pep_authority_is_school_day (self, out))
        n_days--;
    }
}

/* The rubric ------------------------------------------------------------------------------ */

PepRubric *
pep_authority_get_rubric (PepAuthority *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);
  return self->rubric;
}

const char *
pep_authority_get_rubric_xml (PepAuthority *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);
  return self->rubric_xml;
}

/* Validated as any rubric is (rubric.xsd, then what the schema cannot say). */
gboolean
pep_authority_set_rubric_xml (PepAuthority  *self,
                              const char    *xml,
                              gsize          length,
                              GError       **error)
{
  g_autoptr(PepRubric) rubric = NULL;
  g_autofree char *element = NULL;

  g_return_val_if_fail (PEP_IS_AUTHORITY (self), FALSE);
  g_return_val_if_fail (xml != NULL, FALSE);

  if (!(rubric = pep_rubric_new_from_data (xml, length, _("the rubric"), error)))
    return FALSE;
  element = rubric_element (xml, length);
  g_return_val_if_fail (element != NULL, FALSE);
  g_set_object (&self->rubric, rubric);
  g_free (self->rubric_xml);
  self->rubric_xml = g_steal_pointer (&element);
  return TRUE;
}

/* The signature seam ------------------------------------------------------------------------ */

const char *
pep_authority_get_officers_xml (PepAuthority *self)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);
  return self->officers_xml;
}

/* @xml: an <Officers> element (the keys part defines what is inside), or %NULL. */
void
pep_authority_set_officers_xml (PepAuthority *self,
                                const char   *xml)
{
  g_return_if_fail (PEP_IS_AUTHORITY (self));

  g_free (self->officers_xml);
  self->officers_xml = g_strdup (xml);
}

/* What a signature by the authority's key covers: the profile as written, unsigned. */
GBytes *
pep_authority_get_signed_bytes (PepAuthority *self)
{
  char *xml = pep_authority_to_xml (self, FALSE);

  return g_bytes_new_take (xml, strlen (xml));
}

const char *
pep_authority_get_signature (PepAuthority  *self,
                             const char   **key_id)
{
  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);

  if (key_id != NULL)
    *key_id = self->signature_key;
  return self->signature;
}

/* @signature: base64, by the key @key_id, over pep_authority_get_signed_bytes() */
void
pep_authority_set_signature (PepAuthority *self,
                             const char   *key_id,
                             const char   *signature)
{
  g_return_if_fail (PEP_IS_AUTHORITY (self));

  g_free (self->signature_key);
  g_free (self->signature);
  self->signature_key = g_strdup (signature ? key_id : NULL);
  self->signature = g_strdup (signature);
}

/* The document ------------------------------------------------------------------------------ */

static void
write_days (xmlTextWriter *w,
            const char    *element,
            guint          days,
            PepDayBasis    basis)
{
  xmlTextWriterStartElement (w, BAD_CAST element);
  xmlTextWriterWriteAttribute (w, BAD_CAST "basis", BAD_CAST pep_day_basis_to_nick (basis));
  xmlTextWriterWriteFormatString (w, "%u", days);
  xmlTextWriterEndElement (w);
}

static void
write_date_attribute (xmlTextWriter *w,
                      const char    *name,
                      const GDate   *date)
{
  g_autofree char *text = NULL;

  if (!g_date_valid (date))
    return;
  text = format_date (date);
  xmlTextWriterWriteAttribute (w, BAD_CAST name, BAD_CAST text);
}

/**
 * pep_authority_to_xml:
 * @with_signature: whether to end with the authority's signature (when it has one)
 *
 * The profile as its own document (data/schema/authority-profile.xsd). The same profile is
 * always the same bytes: without the signature, they are what the signature covers.
 */
char *
pep_authority_to_xml (PepAuthority *self,
                      gboolean      with_signature)
{
  g_autoptr(GArray) years = NULL;
  xmlBuffer *buffer;
  xmlTextWriter *w;
  char *out;

  g_return_val_if_fail (PEP_IS_AUTHORITY (self), NULL);

  buffer = xmlBufferCreate ();
  w = xmlNewTextWriterMemory (buffer, 0);
  xmlTextWriterSetIndent (w, 1);
  xmlTextWriterSetIndentString (w, BAD_CAST "  ");
  xmlTextWriterStartDocument (w, "1.0", "UTF-8", NULL);
  xmlTextWriterStartElement (w, BAD_CAST "AuthorityProfile");
  xmlTextWriterWriteAttribute (w, BAD_CAST "version", BAD_CAST "1");
  if (self->issued != NULL)
    xmlTextWriterWriteAttribute (w, BAD_CAST "issued", BAD_CAST self->issued);

  xmlTextWriterStartElement (w, BAD_CAST "Authority");
  if (self->la_code != NULL)
    xmlTextWriterWriteElement (w, BAD_CAST "LEA", BAD_CAST self->la_code);
  xmlTextWriterWriteElement (w, BAD_CAST "Name", BAD_CAST self->name);
  xmlTextWriterEndElement (w);

  xmlTextWriterStartElement (w, BAD_CAST "Deadlines");
  write_days (w, "NewToCare", self->new_to_care_days, self->new_to_care_basis);
  write_days (w, "SchoolChange", self->school_change_days, self->school_change_basis);
  xmlTextWriterWriteFormatElement (w, BAD_CAST "FollowUp", "%u", self->follow_up_days);
  xmlTextWriterEndElement (w);
  xmlTextWriterWriteElement (w, BAD_CAST "Cohort", BAD_CAST self->cohort);
  xmlTextWriterStartElement (w, BAD_CAST "PupilPremiumPlus");
  xmlTextWriterWriteFormatElement (w, BAD_CAST "PerChildYear", "%" G_GINT64_FORMAT, self->ppplus_pence);
  /* Written only when set, so that a profile without them is the same bytes as before. */
  if (self->ppplus_term_pence > 0)
    xmlTextWriterWriteFormatElement (w, BAD_CAST "PerChildTerm", "%" G_GINT64_FORMAT, self->ppplus_term_pence);
  if (self->request_max_pence > 0 || self->request_needs != 0)
    {
      xmlTextWriterStartElement (w, BAD_CAST "Request");
      if (self->request_max_pence > 0)
        xmlTextWriterWriteFormatAttribute (w, BAD_CAST "max", "%" G_GINT64_FORMAT, self->request_max_pence);
      if (self->request_needs & PEP_REQUEST_NEEDS_INTERVENTION)
        xmlTextWriterWriteElement (w, BAD_CAST "Names", BAD_CAST "intervention");
      if (self->request_needs & PEP_REQUEST_NEEDS_EXPECTED_OUTCOME)
        xmlTextWriterWriteElement (w, BAD_CAST "Names", BAD_CAST "expected-outcome");
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndElement (w);

  years = pep_authority_get_years (self);
  for (guint y = 0; y < years->len; y++)
    {
      int year = g_array_index (years, int, y);

      xmlTextWriterStartElement (w, BAD_CAST "Year");
      xmlTextWriterWriteFormatAttribute (w, BAD_CAST "start", "%d", year);
      for (PepTerm t = PEP_TERM_AUTUMN; t < PEP_N_TERMS; t++)
        {
          TermEntry *e = find_term (self, &(PepTermId) { year, t });

          if (e == NULL)
            continue;
          xmlTextWriterStartElement (w, BAD_CAST "Term");
          xmlTextWriterWriteAttribute (w, BAD_CAST "name", BAD_CAST pep_term_to_nick (t));
          write_date_attribute (w, "first", &e->first);
          write_date_attribute (w, "last", &e->last);
          write_date_attribute (w, "deadline", &e->deadline);
          xmlTextWriterEndElement (w);
        }
      for (guint i = 0; i < self->closures->len; i++)
        {
          const Closure *c = &g_array_index (self->closures, Closure, i);

          if (academic_year_of (&c->first) != year)
            continue;
          xmlTextWriterStartElement (w, BAD_CAST "Closure");
          write_date_attribute (w, "first", &c->first);
          write_date_attribute (w, "last", &c->last);
          xmlTextWriterEndElement (w);
        }
      xmlTextWriterEndElement (w);
    }

  if (self->officers_xml != NULL)
    xmlTextWriterWriteRaw (w, BAD_CAST self->officers_xml);
  xmlTextWriterStartElement (w, BAD_CAST "Rubric");
  xmlTextWriterWriteRaw (w, BAD_CAST self->rubric_xml);
  xmlTextWriterEndElement (w);
  if (with_signature && self->signature != NULL)
    {
      xmlTextWriterStartElement (w, BAD_CAST "Signature");
      xmlTextWriterWriteAttribute (w, BAD_CAST "key", BAD_CAST self->signature_key);
      xmlTextWriterWriteString (w, BAD_CAST self->signature);
      xmlTextWriterEndElement (w);
    }
  xmlTextWriterEndDocument (w);
  xmlFreeTextWriter (w);
  out = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return out;
}

/* authority-profile.xsd, compiled once: for the officers list too (pep-officers.c). */
xmlSchema *
pep_authority_get_schema (void)
{
  static gsize once = 0;
  static xmlSchema *schema = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (pepcore_get_resource (),
                                                        PEP_AUTHORITY_SCHEMA_RESOURCE,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      xmlSchemaParserCtxt *ctxt;
      gsize size = 0;
      const char *data;

      g_assert (bytes != NULL);
      data = g_bytes_get_data (bytes, &size);
      ctxt = xmlSchemaNewMemParserCtxt (data, (int) size);
      schema = xmlSchemaParse (ctxt);
      xmlSchemaFreeParserCtxt (ctxt);
      g_assert (schema != NULL);
      g_once_init_leave (&once, 1);
    }
  return schema;
}

static void
on_schema_error (void     *data,
                 xmlError *xerror)
{
  GError **error = data;
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;

  if (*error != NULL)
    return;
  path = xerror->node ? pep_xml_node_path (xerror->node) : g_strdup ("/");
  message = g_strstrip (g_strdup (xerror->message ? xerror->message : ""));
  g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID, "%s: %s", path, message);
}

static gboolean
invalid (GError    **error,
         xmlNode    *node,
         const char *reason)
{
  g_autofree char *path = pep_xml_node_path (node);

  g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID, "%s: %s", path, reason);
  return FALSE;
}

static char *
node_dump (xmlNode *node)
{
  xmlBuffer *buffer = xmlBufferCreate ();
  char *out;

  xmlNodeDump (buffer, node->doc, node, 0, 0);
  out = g_strdup ((const char *) xmlBufferContent (buffer));
  xmlBufferFree (buffer);
  return out;
}

/* An attribute's value, or NULL. */
static char *
prop (xmlNode    *node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, BAD_CAST name);
  char *out = g_strdup ((const char *) value);

  xmlFree (value);
  return out;
}

static gboolean
date_attribute (xmlNode     *node,
                const char  *name,
                GDate       *date,
                GError     **error)
{
  g_autofree char *text = prop (node, name);
  gboolean ok = TRUE;

  g_date_clear (date, 1);
  if (text != NULL)
    ok = pep_date_parse (text, date);
  if (!ok)
    {
      g_autofree char *reason = g_strdup_printf (_("“%s” is not a date"), name);
      return invalid (error, node, reason);
    }
  return TRUE;
}

static guint
node_uint (xmlNode *node)
{
  g_autofree char *text = pep_xml_node_text (node);
  guint64 value = 0;

  g_ascii_string_to_unsigned (text, 10, 0, G_MAXINT64, &value, NULL);
  return (guint) value;
}

static gboolean
read_year (PepAuthority  *self,
           xmlNode       *year_node,
           GError       **error)
{
  g_autofree char *start = prop (year_node, "start");
  g_autoptr(GStrvBuilder) closures = g_strv_builder_new ();
  g_auto(GStrv) closure_list = NULL;
  int year = atoi (start);

  for (xmlNode *n = pep_xml_first_element (year_node); n != NULL; n = pep_xml_next_element (n))
    {
      GDate first, last, deadline;
      g_autoptr(GError) local_error = NULL;

      if (!date_attribute (n, "first", &first, error) || !date_attribute (n, "last", &last, error))
        return FALSE;
      if (xmlStrEqual (n->name, BAD_CAST "Term"))
        {
          g_autofree char *nick = prop (n, "name");
          PepTermId id = { year, PEP_TERM_AUTUMN };

          if (!date_attribute (n, "deadline", &deadline, error))
            return FALSE;
          pep_term_from_nick (nick, &id.term);
          if (find_term (self, &id) != NULL)
            return invalid (error, n, _("the term is given twice"));
          if (!pep_authority_set_term (self, &id, g_date_valid (&first) ? &first : NULL,
                                       g_date_valid (&last) ? &last : NULL,
                                       g_date_valid (&deadline) ? &deadline : NULL, &local_error))
            return invalid (error, n, local_error->message);
        }
      else
        {
          Closure c = { first, last };
          g_autofree char *text = format_closure (&c);

          g_strv_builder_add (closures, text);
        }
    }
  closure_list = g_strv_builder_end (closures);
  if (closure_list[0] != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (!pep_authority_set_closures (self, year, (const char * const *) closure_list, &local_error))
        return invalid (error, year_node, local_error->message);
    }
  return TRUE;
}

/**
 * pep_authority_new_from_xml:
 *
 * Reads a profile document: safely (no network, DTD or entities), against its schema, then
 * its rubric against the rubric's. An error names the element and the reason. The
 * signature, when there is one, is kept to be verified (pep-work-context.h); it is not
 * checked here.
 */
PepAuthority *
pep_authority_new_from_xml (const char  *data,
                            gsize        length,
                            GError     **error)
{
  g_autoptr(PepAuthority) self = NULL;
  GError *schema_error = NULL;
  xmlSchemaValidCtxt *vctxt;
  xmlDoc *doc;
  xmlNode *root;
  gboolean ok = TRUE;

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (!(doc = pep_xml_parse_strict (data, length, error)))
    return NULL;
  root = xmlDocGetRootElement (doc);
  if (root == NULL || !xmlStrEqual (root->name, BAD_CAST "AuthorityProfile"))
    {
      g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_MALFORMED,
                   _("/: this is not an authority profile (its root element is not "
                     "AuthorityProfile)"));
      xmlFreeDoc (doc);
      return NULL;
    }
  vctxt = xmlSchemaNewValidCtxt (pep_authority_get_schema ());
  xmlSchemaSetValidStructuredErrors (vctxt, on_schema_error, &schema_error);
  if (xmlSchemaValidateDoc (vctxt, doc) != 0 && schema_error == NULL)
    g_set_error (&schema_error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_INVALID,
                 _("/AuthorityProfile: the document does not follow the schema"));
  xmlSchemaFreeValidCtxt (vctxt);
  if (schema_error != NULL)
    {
      g_propagate_error (error, schema_error);
      xmlFreeDoc (doc);
      return NULL;
    }

  self = g_object_new (PEP_TYPE_AUTHORITY, NULL);
  {
    g_autofree char *issued = prop (root, "issued");

    pep_authority_set_issued (self, issued);
  }
  for (xmlNode *n = pep_xml_first_element (root); ok && n != NULL; n = pep_xml_next_element (n))
    {
      const char *name = (const char *) n->name;

      if (g_str_equal (name, "Authority"))
        for (xmlNode *c = pep_xml_first_element (n); c != NULL; c = pep_xml_next_element (c))
          {
            g_autofree char *text = pep_xml_node_text (c);

            if (xmlStrEqual (c->name, BAD_CAST "LEA"))
              ok = pep_authority_set_la_code (self, text, NULL) || invalid (error, c, _("not an LA code"));
            else
              pep_authority_set_name (self, text);
          }
      else if (g_str_equal (name, "Deadlines"))
        for (xmlNode *c = pep_xml_first_element (n); c != NULL; c = pep_xml_next_element (c))
          {
            g_autofree char *basis_text = prop (c, "basis");
            PepDayBasis basis = PEP_DAYS_WORKING;

            pep_day_basis_from_nick (basis_text, &basis);
            if (xmlStrEqual (c->name, BAD_CAST "NewToCare"))
              {
                self->new_to_care_days = node_uint (c);
                self->new_to_care_basis = basis;
              }
            else if (xmlStrEqual (c->name, BAD_CAST "SchoolChange"))
              {
                self->school_change_days = node_uint (c);
                self->school_change_basis = basis;
              }
            else
              self->follow_up_days = node_uint (c);
          }
      else if (g_str_equal (name, "Cohort"))
        {
          g_autofree char *text = pep_xml_node_text (n);

          ok = pep_authority_set_cohort (self, text, NULL) || invalid (error, n, _("not a cohort rule"));
        }
      else if (g_str_equal (name, "PupilPremiumPlus"))
        for (xmlNode *c = pep_xml_first_element (n); c != NULL; c = pep_xml_next_element (c))
          {
            g_autofree char *text = pep_xml_node_text (c);

            if (xmlStrEqual (c->name, BAD_CAST "PerChildYear"))
              self->ppplus_pence = g_ascii_strtoll (text, NULL, 10);
            else if (xmlStrEqual (c->name, BAD_CAST "PerChildTerm"))
              self->ppplus_term_pence = g_ascii_strtoll (text, NULL, 10);
            else if (xmlStrEqual (c->name, BAD_CAST "Request"))
              {
                g_autofree char *max = prop (c, "max");

                self->request_max_pence = max ? g_ascii_strtoll (max, NULL, 10) : 0;
                for (xmlNode *r = pep_xml_first_element (c); r != NULL; r = pep_xml_next_element (r))
                  {
                    g_autofree char *what = pep_xml_node_text (r);

                    if (g_strcmp0 (what, "intervention") == 0)
                      self->request_needs |= PEP_REQUEST_NEEDS_INTERVENTION;
                    else if (g_strcmp0 (what, "expected-outcome") == 0)
                      self->request_needs |= PEP_REQUEST_NEEDS_EXPECTED_OUTCOME;
                  }
              }
          }
      else if (g_str_equal (name, "Year"))
        ok = read_year (self, n, error);
      else if (g_str_equal (name, "Officers"))
        self->officers_xml = node_dump (n);
      else if (g_str_equal (name, "Rubric"))
        {
          g_autofree char *rubric = node_dump (pep_xml_first_element (n));
          g_autoptr(GError) rubric_error = NULL;

          if (!pep_authority_set_rubric_xml (self, rubric, strlen (rubric), &rubric_error))
            {
              g_autofree char *path = pep_xml_node_path (n);

              g_set_error (error, PEP_AUTHORITY_ERROR, PEP_AUTHORITY_ERROR_RUBRIC, "%s: %s", path,
                           rubric_error->message);
              ok = FALSE;
            }
        }
      else if (g_str_equal (name, "Signature"))
        {
          g_autofree char *key = prop (n, "key");
          g_autofree char *text = pep_xml_node_text (n);

          pep_authority_set_signature (self, key, g_strstrip (text));
        }
    }
  xmlFreeDoc (doc);
  return ok ? g_steal_pointer (&self) : NULL;
}
