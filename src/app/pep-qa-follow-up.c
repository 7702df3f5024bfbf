/* pep-qa-follow-up.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-qa-follow-up"

#include "config.h"

#include <glib/gi18n.h>
#include <stdio.h>

#include "pep-child-name.h"
#include "pep-qa-follow-up.h"

struct _PepQaFollowUp
{
  GObject    parent_instance;

  gint64     id;
  gint64     plan_id;
  char      *name;          /* pep_child_display_name() */
  char      *surname;       /* the surname, then the given name: what the list sorts by */
  char      *given_name;
  char      *term_label;
  char      *action;
  char      *owner_role;
  char      *due;
  char      *status;
  char      *raised_by;
  gboolean   overdue;
};

G_DEFINE_FINAL_TYPE (PepQaFollowUp, pep_qa_follow_up, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_NAME,
  PROP_SURNAME,
  PROP_GIVEN_NAME,
  PROP_TERM_LABEL,
  PROP_ACTION,
  PROP_OWNER_LABEL,
  PROP_DUE,
  PROP_DUE_LABEL,
  PROP_DUE_CLASSES,
  PROP_OVERDUE,
  PROP_STATUS_LABEL,
  PROP_RAISED_BY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

const char *
pep_follow_up_owner_to_label (const char *owner_role)
{
  if (g_strcmp0 (owner_role, "designated-teacher") == 0)
    return _("Designated teacher");
  if (g_strcmp0 (owner_role, "social-worker") == 0)
    return _("Social worker");
  if (g_strcmp0 (owner_role, "advisor") == 0)
    return _("Virtual School advisor");
  return owner_role;
}

static const char *
status_to_label (const char *status)
{
  if (g_strcmp0 (status, "open") == 0)
    return _("Open");
  if (g_strcmp0 (status, "done") == 0)
    return _("Done");
  if (g_strcmp0 (status, "cancelled") == 0)
    return _("Cancelled");
  return status;
}

/* "12 Nov 2026": the one way PEP Studio writes a day. */
static char *
format_due (const char *due)
{
  return pep_date_format_iso (due);
}

static void
pep_qa_follow_up_finalize (GObject *object)
{
  PepQaFollowUp *self = PEP_QA_FOLLOW_UP (object);

  g_free (self->name);
  g_free (self->surname);
  g_free (self->given_name);
  g_free (self->term_label);
  g_free (self->action);
  g_free (self->owner_role);
  g_free (self->due);
  g_free (self->status);
  g_free (self->raised_by);

  G_OBJECT_CLASS (pep_qa_follow_up_parent_class)->finalize (object);
}

static void
pep_qa_follow_up_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PepQaFollowUp *self = PEP_QA_FOLLOW_UP (object);

  switch (prop_id)
    {
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_SURNAME:
      g_value_set_string (value, self->surname);
      break;
    case PROP_GIVEN_NAME:
      g_value_set_string (value, self->given_name);
      break;
    case PROP_TERM_LABEL:
      g_value_set_string (value, self->term_label);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_OWNER_LABEL:
      g_value_set_string (value, pep_follow_up_owner_to_label (self->owner_role));
      break;
    case PROP_DUE:
      g_value_set_string (value, self->due);
      break;
    case PROP_DUE_LABEL:
      {
        g_autofree char *date = format_due (self->due);

        if (self->overdue)
          /* Translators: an open follow-up action past its due date */
          g_value_take_string (value, g_strdup_printf (_("Overdue since %s"), date));
        else
          g_value_take_string (value, g_steal_pointer (&date));
      }
      break;
    case PROP_DUE_CLASSES:
      {
        char **classes = g_new0 (char *, 2);

        if (self->overdue)
          classes[0] = g_strdup ("error");
        g_value_take_boxed (value, classes);
      }
      break;
    case PROP_OVERDUE:
      g_value_set_boolean (value, self->overdue);
      break;
    case PROP_STATUS_LABEL:
      g_value_set_string (value, status_to_label (self->status));
      break;
    case PROP_RAISED_BY:
      g_value_set_string (value, self->raised_by);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_qa_follow_up_class_init (PepQaFollowUpClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = pep_qa_follow_up_finalize;
  object_class->get_property = pep_qa_follow_up_get_property;

  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_SURNAME] = g_param_spec_string ("surname", NULL, NULL, NULL, flags);
  properties[PROP_GIVEN_NAME] = g_param_spec_string ("given-name", NULL, NULL, NULL, flags);
  properties[PROP_TERM_LABEL] = g_param_spec_string ("term-label", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_OWNER_LABEL] = g_param_spec_string ("owner-label", NULL, NULL, NULL, flags);
  properties[PROP_DUE] = g_param_spec_string ("due", NULL, NULL, NULL, flags);
  properties[PROP_DUE_LABEL] = g_param_spec_string ("due-label", NULL, NULL, NULL, flags);
  properties[PROP_DUE_CLASSES] = g_param_spec_boxed ("due-classes", NULL, NULL, G_TYPE_STRV, flags);
  properties[PROP_OVERDUE] = g_param_spec_boolean ("overdue", NULL, NULL, FALSE, flags);
  properties[PROP_STATUS_LABEL] = g_param_spec_string ("status-label", NULL, NULL, NULL, flags);
  properties[PROP_RAISED_BY] = g_param_spec_string ("raised-by", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
pep_qa_follow_up_init (PepQaFollowUp *self)
{
}

PepQaFollowUp *
pep_qa_follow_up_new (const PepFollowUpItem *item)
{
  PepQaFollowUp *self;

  g_return_val_if_fail (item != NULL, NULL);

  self = g_object_new (PEP_TYPE_QA_FOLLOW_UP, NULL);
  self->id = item->follow_up_id;
  self->plan_id = item->plan_id;
  self->name = pep_child_display_name (item->forename, item->surname, item->preferred_name);
  self->surname = g_strdup (item->surname ? item->surname : "");
  self->given_name = pep_child_display_name (item->forename, NULL, item->preferred_name);
  self->term_label = pep_term_format_long (&item->term);
  self->action = g_strdup (item->action);
  self->owner_role = g_strdup (item->owner_role);
  self->due = g_strdup (item->due);
  self->status = g_strdup (item->status);
  self->raised_by = g_strdup (item->raised_by);
  self->overdue = item->overdue;
  return self;
}

gint64
pep_qa_follow_up_get_id (PepQaFollowUp *self)
{
  g_return_val_if_fail (PEP_IS_QA_FOLLOW_UP (self), 0);
  return self->id;
}

gint64
pep_qa_follow_up_get_plan_id (PepQaFollowUp *self)
{
  g_return_val_if_fail (PEP_IS_QA_FOLLOW_UP (self), 0);
  return self->plan_id;
}

const char *
pep_qa_follow_up_get_action (PepQaFollowUp *self)
{
  g_return_val_if_fail (PEP_IS_QA_FOLLOW_UP (self), NULL);
  return self->action;
}

const char *
pep_qa_follow_up_get_owner_role (PepQaFollowUp *self)
{
  g_return_val_if_fail (PEP_IS_QA_FOLLOW_UP (self), NULL);
  return self->owner_role;
}

const char *
pep_qa_follow_up_get_status (PepQaFollowUp *self)
{
  g_return_val_if_fail (PEP_IS_QA_FOLLOW_UP (self), NULL);
  return self->status;
}

const char *
pep_qa_follow_up_get_due (PepQaFollowUp *self)
{
  g_return_val_if_fail (PEP_IS_QA_FOLLOW_UP (self), NULL);
  return self->due;
}

gboolean
pep_qa_follow_up_get_overdue (PepQaFollowUp *self)
{
  g_return_val_if_fail (PEP_IS_QA_FOLLOW_UP (self), FALSE);
  return self->overdue;
}
