/* pep-child-summary.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-child-summary"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pep-child-name.h"
#include "pep-child-summary.h"
#include "pep-field.h"
#include "pep-signoff.h"

struct _PepChildSummary
{
  GObject  parent_instance;

  gint64   child_id;
  gint64   plan_id;       /* 0 when the child has no PEP for the term */
  char    *name;          /* pep_child_display_name(): "Jay Smith" */
  char    *upn;
  char    *school;        /* interned (g_ref_string_new_intern()): a few hundred for all */
  char    *year_label;    /* interned, as the school */
  char    *search_key;    /* casefolded name and UPN, what search matches against */
  char    *status_label;  /* only for a child who has left care; else one of the fixed labels */
  GDate    left_care;     /* the last day of their latest episode in care; invalid in care */
  int      seal;          /* a PepSeal: what the last signature check found for the PEP */
  int      nc_year;
  int      status;        /* a PepStatus, or -1 with no PEP */
  int      kind;
  guint16  given_length;  /* name's first bytes are the given name… */
  guint16  surname_at;    /* …and the surname starts here, for sorting by surname */
};

G_DEFINE_FINAL_TYPE (PepChildSummary, pep_child_summary, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SURNAME,
  PROP_GIVEN_NAME,
  PROP_UPN,
  PROP_SCHOOL,
  PROP_YEAR,
  PROP_YEAR_LABEL,
  PROP_STATUS,
  PROP_STATUS_LABEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
pep_child_summary_finalize (GObject *object)
{
  PepChildSummary *self = (PepChildSummary *)object;

  g_free (self->name);
  g_free (self->upn);
  g_ref_string_release (self->school);
  g_ref_string_release (self->year_label);
  g_free (self->search_key);
  g_free (self->status_label);

  G_OBJECT_CLASS (pep_child_summary_parent_class)->finalize (object);
}

static void
pep_child_summary_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  PepChildSummary *self = PEP_CHILD_SUMMARY (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SURNAME:
      g_value_set_string (value, self->name + self->surname_at);
      break;
    case PROP_GIVEN_NAME:
      g_value_take_string (value, g_strndup (self->name, self->given_length));
      break;
    case PROP_UPN:
      g_value_set_string (value, self->upn);
      break;
    case PROP_SCHOOL:
      g_value_set_string (value, self->school);
      break;
    case PROP_YEAR:
      g_value_set_int (value, self->nc_year);
      break;
    case PROP_YEAR_LABEL:
      g_value_set_string (value, self->year_label);
      break;
    case PROP_STATUS:
      g_value_set_int (value, self->status);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, pep_child_summary_get_status_label (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_child_summary_class_init (PepChildSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = pep_child_summary_finalize;
  object_class->get_property = pep_child_summary_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  /* What the list sorts by: surname, then the name the child goes by. */
  properties[PROP_SURNAME] = g_param_spec_string ("surname", NULL, NULL, NULL, flags);
  properties[PROP_GIVEN_NAME] = g_param_spec_string ("given-name", NULL, NULL, NULL, flags);
  properties[PROP_UPN] = g_param_spec_string ("upn", NULL, NULL, NULL, flags);
  properties[PROP_SCHOOL] = g_param_spec_string ("school", NULL, NULL, NULL, flags);
  properties[PROP_YEAR] = g_param_spec_int ("year", NULL, NULL, -2, 14, 0, flags);
  properties[PROP_YEAR_LABEL] = g_param_spec_string ("year-label", NULL, NULL, NULL, flags);
  properties[PROP_STATUS] = g_param_spec_int ("status", NULL, NULL, -1, PEP_N_STATUSES, -1, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pep_child_summary_init (PepChildSummary *self)
{
}

/* Interned: tens of thousands of children share a dozen labels. */
static char *
year_label (int nc_year)
{
  g_autofree char *label = NULL;

  switch (nc_year)
    {
    case -2:
      return g_ref_string_new_intern (_("Age 2"));
    case -1:
      return g_ref_string_new_intern (_("Nursery"));
    case 0:
      return g_ref_string_new_intern (_("Reception"));
    default:
      label = g_strdup_printf (_("Year %d"), nc_year);
      return g_ref_string_new_intern (label);
    }
}

PepChildSummary *
pep_child_summary_new (gint64      child_id,
                       const char *upn,
                       const char *forename,
                       const char *surname,
                       const char *preferred_name,
                       int         nc_year,
                       const char *school,
                       gint64      plan_id,
                       int         status,
                       int         kind)
{
  PepChildSummary *self = g_object_new (PEP_TYPE_CHILD_SUMMARY, NULL);
  g_autofree char *key = NULL;
  g_autofree char *family = g_strstrip (g_strdup (surname ? surname : ""));
  gsize length;

  self->child_id = child_id;
  self->plan_id = plan_id;
  self->upn = g_strdup (upn ? upn : "");
  self->name = pep_child_display_name (forename, surname, preferred_name);
  length = strlen (self->name);
  if (length <= G_MAXUINT16)
    {
      self->surname_at = length - strlen (family);
      if (*family == '\0')
        self->given_length = length;
      else if (self->surname_at > 0)
        self->given_length = self->surname_at - 1;
    }
  self->school = g_ref_string_new_intern (school ? school : "");
  self->nc_year = nc_year;
  self->year_label = year_label (nc_year);
  self->status = status;
  self->kind = kind;
  g_date_clear (&self->left_care, 1);
  /* Found by the legal forename too, when the child goes by another. */
  key = g_strconcat (self->name, " ", forename ? forename : "", " ", self->upn, NULL);
  self->search_key = pep_child_summary_fold (key);
  return self;
}

gint64
pep_child_summary_get_child_id (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), 0);
  return self->child_id;
}

gint64
pep_child_summary_get_plan_id (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), 0);
  return self->plan_id;
}

const char *
pep_child_summary_get_name (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), NULL);
  return self->name;
}

const char *
pep_child_summary_get_upn (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), NULL);
  return self->upn;
}

const char *
pep_child_summary_get_school (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), NULL);
  return self->school;
}

int
pep_child_summary_get_status (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), -1);
  return self->status;
}

const char *
pep_child_summary_get_status_label (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), NULL);
  if (self->status_label != NULL)
    return self->status_label;
  if (self->status < 0)
    return _("No PEP this term");
  /* What its signatures show ("Changed after sign-off") says it was signed off, and fits. */
  return self->seal != PEP_SEAL_OK ? pep_seal_to_label (self->seal) : pep_status_to_label (self->status);
}

/**
 * pep_child_summary_set_left_care:
 * @left_care: (nullable): "YYYY-MM-DD", the last day of the child's latest episode in care;
 *   NULL while they are in care
 *
 * For the store, before the summary is shown: a child who has left care shows it beside
 * their PEP's status, or instead of "No PEP this term".
 */
/* The status column: the PEP's status, or what its signatures show when they fail, and the
 * day a child who has left care left. */
static void
update_status_label (PepChildSummary *self)
{
  g_autofree char *status = NULL;
  g_autofree char *date = NULL;

  g_clear_pointer (&self->status_label, g_free);
  /* A child in care shows a fixed label (pep_child_summary_get_status_label()): nothing to
   * keep for each of them. */
  if (!g_date_valid (&self->left_care))
    return;
  if (self->status >= 0)
    status = g_strdup (pep_child_summary_get_status_label (self));
  date = pep_date_format (&self->left_care);
  if (status == NULL)
    /* Translators: in the child list, for a child with no PEP this term; a date */
    self->status_label = g_strdup_printf (_("Left care %s"), date);
  else
    /* Translators: in the child list: the PEP's status, then a date */
    self->status_label = g_strdup_printf (_("%s · left care %s"), status, date);
}

/**
 * pep_child_summary_set_left_care:
 * @left_care: (nullable): "YYYY-MM-DD", the last day of the child's latest episode in care;
 *   NULL while they are in care
 *
 * For the store, before the summary is shown: a child who has left care shows it beside
 * their PEP's status, or instead of "No PEP this term".
 */
void
pep_child_summary_set_left_care (PepChildSummary *self,
                                 const char      *left_care)
{
  g_return_if_fail (PEP_IS_CHILD_SUMMARY (self));

  g_date_clear (&self->left_care, 1);
  if (left_care != NULL && !pep_date_parse (left_care, &self->left_care))
    g_date_clear (&self->left_care, 1);
  update_status_label (self);
}

/**
 * pep_child_summary_set_seal:
 * @seal: what the last signature check found for the PEP (plan_tamper, pep-signoff.h)
 *
 * For the store, before the summary is shown: a PEP changed after sign-off says so in the
 * list ("Changed after sign-off" in place of "Signed off").
 */
void
pep_child_summary_set_seal (PepChildSummary *self,
                            int              seal)
{
  g_return_if_fail (PEP_IS_CHILD_SUMMARY (self));
  g_return_if_fail (seal >= 0 && seal < PEP_N_SEALS);

  self->seal = seal;
  update_status_label (self);
}

int
pep_child_summary_get_seal (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), PEP_SEAL_OK);
  return self->seal;
}

/* Returns: whether the child has left care (their latest episode has ended), and the last
 * day in care in @left_care */
gboolean
pep_child_summary_get_left_care (PepChildSummary *self,
                                 GDate           *left_care)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), FALSE);
  if (left_care != NULL)
    *left_care = self->left_care;
  return g_date_valid (&self->left_care);
}

int
pep_child_summary_get_nc_year (PepChildSummary *self)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), 0);
  return self->nc_year;
}

/**
 * pep_child_summary_fold:
 *
 * What search compares: @text with case and accents folded ("Zoë" finds "zoe", "ZOE"
 * finds "Zoë") and invisible characters that older files may hold dropped ("Jo\u200Bhn"
 * is found by "john").
 *
 * Returns: the folded text
 */
char *
pep_child_summary_fold (const char *text)
{
  const char *from = text ? text : "";
  g_autofree char *decomposed = NULL;
  g_autoptr(GString) kept = NULL;
  const char *end = from;

  /* Most names are ASCII, for which the whole fold below is lowering the letters and
   * dropping control characters: a fifth of listing 80 000 children, done that way. */
  while (*end != '\0' && (guchar) *end < 0x80)
    end++;
  if (*end == '\0')
    {
      char *folded = g_malloc (end - from + 1);
      char *out = folded;

      for (const char *q = from; q < end; q++)
        if (!g_ascii_iscntrl (*q))
          *out++ = g_ascii_tolower (*q);
      *out = '\0';
      return folded;
    }

  decomposed = g_utf8_normalize (from, -1, G_NORMALIZE_ALL);
  kept = g_string_new (NULL);

  for (const char *p = decomposed ? decomposed : ""; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      GUnicodeType type = g_unichar_type (c);

      if (type != G_UNICODE_NON_SPACING_MARK && type != G_UNICODE_FORMAT
          && type != G_UNICODE_ENCLOSING_MARK && type != G_UNICODE_CONTROL)
        g_string_append_unichar (kept, c);
    }
  return g_utf8_casefold (kept->str, -1);
}

/* @folded_query: already passed through pep_child_summary_fold(); "" matches everything. */
gboolean
pep_child_summary_matches (PepChildSummary *self,
                           const char      *folded_query)
{
  g_return_val_if_fail (PEP_IS_CHILD_SUMMARY (self), FALSE);
  return folded_query == NULL || *folded_query == '\0'
         || strstr (self->search_key, folded_query) != NULL;
}
