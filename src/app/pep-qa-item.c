/* pep-qa-item.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-qa-item"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-child-name.h"
#include "pep-qa-item.h"
#include "pep-rubric.h"

struct _PepQaItem
{
  GObject    parent_instance;

  gint64     plan_id;
  PepStatus  status;
  char      *name;          /* pep_child_display_name() */
  char      *surname;       /* the surname, then the given name: what the list sorts by */
  char      *given_name;
  char      *upn;
  char      *school;
  gint64     school_urn;
  char      *phase;
  char      *advisor;
  PepTermId  term;
  char      *term_label;
  PepKind    kind;
  gboolean   unscheduled;
  gint64     waiting_days;
  PepRating  proposed;          /* the floor of the proposal */
  PepRating  proposed_ceiling;  /* its top */
  gboolean   proposal_open;     /* the checks rule out no rating: "To judge" */
  guint      n_failures;
  PepSeal    seal;
};

G_DEFINE_FINAL_TYPE (PepQaItem, pep_qa_item, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PLAN_ID,
  PROP_NAME,
  PROP_SURNAME,
  PROP_GIVEN_NAME,
  PROP_UPN,
  PROP_SCHOOL,
  PROP_TERM_LABEL,
  PROP_TERM_KEY,
  PROP_KIND_LABEL,
  PROP_WAITING_DAYS,
  PROP_WAITING_LABEL,
  PROP_PROPOSED,
  PROP_PROPOSED_LABEL,
  PROP_PROPOSED_CLASSES,
  PROP_FAILURES,
  PROP_FAILURES_LABEL,
  PROP_SEAL_LABEL,
  PROP_SEALED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

char **
pep_rating_css_classes (PepRating rating)
{
  char **classes = g_new0 (char *, 3);

  classes[0] = g_strdup ("rating");
  classes[1] = g_strdup_printf ("rating-%s", rating < PEP_RATING_NOT_RATED
                                             ? pep_rating_to_nick (rating) : "none");
  return classes;
}

static void
pep_qa_item_finalize (GObject *object)
{
  PepQaItem *self = PEP_QA_ITEM (object);

  g_free (self->name);
  g_free (self->surname);
  g_free (self->given_name);
  g_free (self->upn);
  g_free (self->school);
  g_free (self->phase);
  g_free (self->advisor);
  g_free (self->term_label);

  G_OBJECT_CLASS (pep_qa_item_parent_class)->finalize (object);
}

static void
pep_qa_item_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  PepQaItem *self = PEP_QA_ITEM (object);

  switch (prop_id)
    {
    case PROP_PLAN_ID:
      g_value_set_int64 (value, self->plan_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SURNAME:
      g_value_set_string (value, self->surname);
      break;
    case PROP_GIVEN_NAME:
      g_value_set_string (value, self->given_name);
      break;
    case PROP_UPN:
      g_value_set_string (value, self->upn);
      break;
    case PROP_SCHOOL:
      g_value_set_string (value, self->school);
      break;
    case PROP_TERM_LABEL:
      g_value_set_string (value, self->term_label);
      break;
    case PROP_TERM_KEY:
      /* Sorts terms in time order. */
      g_value_set_int (value, self->term.year * PEP_N_TERMS + (int) self->term.term);
      break;
    case PROP_KIND_LABEL:
      if (self->unscheduled)
        /* Translators: a kind of PEP, then that it is an unscheduled review */
        g_value_take_string (value, g_strdup_printf (_("%s (unscheduled)"),
                                                     pep_kind_to_label (self->kind)));
      else
        g_value_set_string (value, pep_kind_to_label (self->kind));
      break;
    case PROP_WAITING_DAYS:
      g_value_set_int64 (value, self->waiting_days);
      break;
    case PROP_WAITING_LABEL:
      g_value_take_string (value, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d day",
                                                                "%d days",
                                                                (gulong) self->waiting_days),
                                                   (int) self->waiting_days));
      break;
    case PROP_PROPOSED:
      g_value_set_int (value, self->proposed);
      break;
    case PROP_PROPOSED_LABEL:
      g_value_take_string (value, pep_checks_describe_proposal (self->proposed,
                                                                self->proposed_ceiling,
                                                                self->proposal_open));
      break;
    case PROP_PROPOSED_CLASSES:
      /* A range, or one for the officer to judge, takes no rating's colour. */
      g_value_take_boxed (value, pep_rating_css_classes (pep_qa_item_proposal_is_settled (self)
                                                         ? self->proposed
                                                         : PEP_RATING_NOT_RATED));
      break;
    case PROP_FAILURES:
      g_value_set_uint (value, self->n_failures);
      break;
    case PROP_FAILURES_LABEL:
      if (self->n_failures == 0)
        g_value_set_string (value, _("None"));
      else
        g_value_take_string (value, g_strdup_printf ("%u", self->n_failures));
      break;
    case PROP_SEAL_LABEL:
      g_value_set_string (value, self->seal != PEP_SEAL_OK ? pep_seal_to_label (self->seal) : NULL);
      break;
    case PROP_SEALED:
      g_value_set_boolean (value, self->seal != PEP_SEAL_OK);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_qa_item_class_init (PepQaItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = pep_qa_item_finalize;
  object_class->get_property = pep_qa_item_get_property;

  properties[PROP_PLAN_ID] = g_param_spec_int64 ("plan-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SURNAME] = g_param_spec_string ("surname", NULL, NULL, NULL, flags);
  properties[PROP_GIVEN_NAME] = g_param_spec_string ("given-name", NULL, NULL, NULL, flags);
  properties[PROP_UPN] = g_param_spec_string ("upn", NULL, NULL, NULL, flags);
  properties[PROP_SCHOOL] = g_param_spec_string ("school", NULL, NULL, NULL, flags);
  properties[PROP_TERM_LABEL] = g_param_spec_string ("term-label", NULL, NULL, NULL, flags);
  properties[PROP_TERM_KEY] = g_param_spec_int ("term-key", NULL, NULL, 0, G_MAXINT, 0, flags);
  properties[PROP_KIND_LABEL] = g_param_spec_string ("kind-label", NULL, NULL, NULL, flags);
  properties[PROP_WAITING_DAYS] =
    g_param_spec_int64 ("waiting-days", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_WAITING_LABEL] = g_param_spec_string ("waiting-label", NULL, NULL, NULL, flags);
  properties[PROP_PROPOSED] =
    g_param_spec_int ("proposed", NULL, NULL, 0, PEP_N_RATINGS, PEP_RATING_NOT_RATED, flags);
  properties[PROP_PROPOSED_LABEL] = g_param_spec_string ("proposed-label", NULL, NULL, NULL, flags);
  properties[PROP_PROPOSED_CLASSES] =
    g_param_spec_boxed ("proposed-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_FAILURES] = g_param_spec_uint ("failures", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_FAILURES_LABEL] = g_param_spec_string ("failures-label", NULL, NULL, NULL, flags);
  /* What the last signature check found, when the PEP failed it: "Changed after sign-off". */
  properties[PROP_SEAL_LABEL] = g_param_spec_string ("seal-label", NULL, NULL, NULL, flags);
  properties[PROP_SEALED] = g_param_spec_boolean ("sealed", NULL, NULL, FALSE, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pep_qa_item_init (PepQaItem *self)
{
  self->proposed = self->proposed_ceiling = PEP_RATING_NOT_RATED;
}

/**
 * pep_qa_item_new:
 * @item: the PEP as the queue lists it
 * @status: %PEP_STATUS_SUBMITTED (waiting for QA) or %PEP_STATUS_APPROVED (waiting for the
 *   advisor); for an approved PEP, @item's proposed rating is the overall rating QA gave
 */
PepQaItem *
pep_qa_item_new (const PepQaQueueItem *item,
                 PepStatus             status)
{
  PepQaItem *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (PEP_TYPE_QA_ITEM, NULL);
  self->plan_id = item->plan_id;
  self->status = status;
  self->name = pep_child_display_name (item->forename, item->surname, item->preferred_name);
  self->surname = g_strdup (item->surname ? item->surname : "");
  self->given_name = pep_child_display_name (item->forename, NULL, item->preferred_name);
  self->upn = g_strdup (item->upn);
  self->school = g_strdup (item->school_name ? item->school_name : _("No school recorded"));
  self->school_urn = item->school_urn;
  self->phase = g_strdup (item->phase);
  self->advisor = g_strdup (item->advisor);
  self->term = item->term;
  self->term_label = pep_term_format_long (&item->term);
  self->kind = item->kind;
  self->unscheduled = item->unscheduled;
  self->waiting_days = item->waiting_days;
  self->proposed = item->proposed;
  self->proposed_ceiling = MAX (item->proposed, item->proposed_ceiling);
  self->proposal_open = item->proposal_open;
  self->n_failures = item->n_failures;
  self->seal = item->seal;
  return self;
}

/* PEP_SEAL_OK, or what the last signature check found wrong with the PEP. */
PepSeal
pep_qa_item_get_seal (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), PEP_SEAL_OK);
  return self->seal;
}

gint64
pep_qa_item_get_plan_id (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), 0);
  return self->plan_id;
}

PepStatus
pep_qa_item_get_status (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), PEP_STATUS_DRAFT);
  return self->status;
}

const char *
pep_qa_item_get_name (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), NULL);
  return self->name;
}

const char *
pep_qa_item_get_school (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), NULL);
  return self->school;
}

gint64
pep_qa_item_get_school_urn (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), 0);
  return self->school_urn;
}

const char *
pep_qa_item_get_advisor (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), NULL);
  return self->advisor;
}

const char *
pep_qa_item_get_phase (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), NULL);
  return self->phase;
}

void
pep_qa_item_get_term (PepQaItem *self,
                      PepTermId *term)
{
  g_return_if_fail (PEP_IS_QA_ITEM (self));
  g_return_if_fail (term != NULL);
  *term = self->term;
}

PepKind
pep_qa_item_get_kind (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), PEP_KIND_SCHOOL_AGE);
  return self->kind;
}

PepRating
pep_qa_item_get_proposed (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), PEP_RATING_NOT_RATED);
  return self->proposed;
}

/* Whether the checks settle the proposal on one rating (not a range, not to judge). */
gboolean
pep_qa_item_proposal_is_settled (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), FALSE);
  return !self->proposal_open && self->proposed_ceiling <= self->proposed;
}

/* Whether the proposal leaves @rating open: inside its range, or any when to judge. */
gboolean
pep_qa_item_proposal_includes (PepQaItem *self,
                               PepRating  rating)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), FALSE);
  if (self->proposed >= PEP_RATING_NOT_RATED)
    return rating == self->proposed;
  return self->proposal_open
         || (rating >= self->proposed && rating <= MAX (self->proposed, self->proposed_ceiling));
}

gint64
pep_qa_item_get_waiting_days (PepQaItem *self)
{
  g_return_val_if_fail (PEP_IS_QA_ITEM (self), 0);
  return self->waiting_days;
}
