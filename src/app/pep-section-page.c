/* pep-section-page.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "pep-section-page"

#include "config.h"

#include <glib/gi18n.h>

#include "pep-accessible.h"
#include "pep-field-rows.h"
#include "pep-section-page.h"

struct _PepSectionPage
{
  GtkWidget            parent_instance;

  /* Template widgets */
  GtkScrolledWindow   *scrolled_window;
  GtkLabel            *title_label;
  GtkLabel            *progress_label;
  GtkLabel            *description_label;
  GtkLabel            *permission_label;
  AdwPreferencesGroup *fields_group;
  GtkBox              *extras_box;

  /* Owned references */
  PepEditSession      *session;

  /* Plain state */
  char                *progress;
  char                *shape;      /* of its fields' rows: pep_field_rows_shape() */
  PepSection           section;
  gboolean             has_rows;   /* pep_section_page_add_rows(): not kept across PEPs */
};

G_DEFINE_FINAL_TYPE (PepSectionPage, pep_section_page, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_PROGRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What each section is for, in a line, where the heading does not say it all. */
static const char *
section_description (PepSection section)
{
  switch (section)
    {
    case PEP_SECTION_VOICE:
      return _("The child’s views in their own words. Pupil voice should be evident in the "
               "targets.");
    case PEP_SECTION_EDUCATION:
      return _("25 hours a week is full time; a part-time timetable needs its reason and a "
               "plan back to full time.");
    case PEP_SECTION_ATTENDANCE:
      return _("Persistent absence is attendance under 90%.");
    case PEP_SECTION_SEND:
      return _("SDQ total difficulties: 0–13 normal, 14–16 borderline, 17–40 cause for "
               "concern.");
    case PEP_SECTION_TARGETS:
      return _("Review every target of the last PEP first, then write this term’s: specific, "
               "measurable, with who is responsible and by when.");
    case PEP_SECTION_SOCIAL_WORKER:
      return _("Checked and updated by the social worker for every PEP. Sensitive issues are "
               "never shown to carers.");
    case PEP_SECTION_IDENTITY:
    case PEP_SECTION_CARE:
    case PEP_SECTION_SCHOOL:
    case PEP_SECTION_PEOPLE:
    case PEP_SECTION_MEETING:
    case PEP_SECTION_EARLY_YEARS:
    case PEP_SECTION_ATTAINMENT:
    case PEP_SECTION_SOCIAL_EMOTIONAL:
    case PEP_SECTION_PPPLUS:
    case PEP_SECTION_CAREERS:
    case PEP_SECTION_CARER:
    case PEP_SECTION_SIGNOFF:
    case PEP_SECTION_QA:
    case PEP_N_SECTIONS:
    default:
      return NULL;
    }
}

/**
 * pep_section_applies:
 *
 * Whether a PEP of @kind has @section: some of the section's fields apply to it, or the
 * section has rows of its own (targets, attainment, sign-off).
 */
gboolean
pep_section_applies (PepSection section,
                     PepKind    kind)
{
  if (section == PEP_SECTION_TARGETS || section == PEP_SECTION_ATTAINMENT
      || section == PEP_SECTION_SIGNOFF)
    return TRUE;
  for (guint i = 0; i < PEP_PLAN_N_FIELDS; i++)
    {
      const PepFieldInfo *info = pep_table_get_field (PEP_TABLE_PLAN, i);

      if (info->section == section && pep_field_applies_to (info, kind))
        return TRUE;
    }
  return FALSE;
}

/**
 * pep_section_progress_text:
 *
 * How many of the section's required entries are made, in words: "4 of 6 required".
 */
char *
pep_section_progress_text (PepEditSession *session,
                           PepSection      section)
{
  guint done, required;

  pep_edit_session_count_required (session, section, &done, &required);
  if (required == 0)
    return g_strdup (_("Nothing required"));
  /* Translators: "4 of 6 required", entries of a section */
  return g_strdup_printf (_("%u of %u required"), done, required);
}

static void
update_progress (PepSectionPage *self)
{
  g_autofree char *text = pep_section_progress_text (self->session, self->section);

  if (g_strcmp0 (text, self->progress) == 0)
    return;
  g_free (self->progress);
  self->progress = g_steal_pointer (&text);
  gtk_label_set_text (self->progress_label, self->progress);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
}

static void
on_session_changed (PepSectionPage *self)
{
  update_progress (self);
}

/* The record whose fields the page shows: the child's details, or the PEP's content. */
static PepRecord *
page_record (PepSectionPage *self)
{
  PepPlan *plan = pep_edit_session_get_plan (self->session);

  return (self->section <= PEP_SECTION_PEOPLE || plan == NULL)
         ? pep_edit_session_get_child (self->session)
         : pep_plan_get_content (plan);
}

/* Say why the section cannot be changed, in the workflow's words. */
static void
show_permission (PepSectionPage *self)
{
  PepPlan *plan = pep_edit_session_get_plan (self->session);
  g_autoptr(GError) error = NULL;
  const char *text = NULL;

  if (pep_edit_session_get_read_only (self->session))
    {
      text = _("This PEP has been signed off and can no longer change.");
    }
  else if (!pep_edit_session_can_edit (self->session, self->section))
    {
      PepWorkflow *workflow = pep_edit_session_get_workflow (self->session);

      if (workflow != NULL && plan != NULL)
        pep_workflow_can_edit (workflow, plan, self->section, &error);
      text = error ? error->message : _("You can read this section, not change it.");
    }
  if (text != NULL)
    gtk_label_set_text (self->permission_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->permission_label), text != NULL);
}

static void
connect_session (PepSectionPage *self)
{
  g_signal_connect_object (self->session, "edited", G_CALLBACK (on_session_changed), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "rows-changed", G_CALLBACK (on_session_changed), self,
                           G_CONNECT_SWAPPED);
}

static void
build (PepSectionPage *self)
{
  const char *description = section_description (self->section);
  PepRecord *record;
  guint n;

  gtk_label_set_text (self->title_label, pep_section_to_label (self->section));
  if (description != NULL)
    {
      gtk_label_set_text (self->description_label, description);
      gtk_widget_set_visible (GTK_WIDGET (self->description_label), TRUE);
    }
  show_permission (self);

  record = page_record (self);
  self->shape = pep_field_rows_shape (self->session, pep_record_get_table (record),
                                      (int) self->section);
  n = pep_field_rows_add_record (GTK_WIDGET (self->fields_group), self->session, record,
                                 (int) self->section);
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), n > 0);
  /* The group has no title of its own (the page's is above it): its list says whose. */
  pep_accessible_label_list (GTK_WIDGET (self->fields_group), pep_section_to_label (self->section));

  connect_session (self);
  update_progress (self);
}

static void
pep_section_page_dispose (GObject *object)
{
  PepSectionPage *self = PEP_SECTION_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_SECTION_PAGE);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (pep_section_page_parent_class)->dispose (object);
}

static void
pep_section_page_finalize (GObject *object)
{
  PepSectionPage *self = PEP_SECTION_PAGE (object);

  g_free (self->progress);
  g_free (self->shape);

  G_OBJECT_CLASS (pep_section_page_parent_class)->finalize (object);
}

static void
pep_section_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  PepSectionPage *self = PEP_SECTION_PAGE (object);

  switch (prop_id)
    {
    case PROP_PROGRESS:
      g_value_set_string (value, self->progress);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
pep_section_page_grab_focus (GtkWidget *widget)
{
  PepSectionPage *self = PEP_SECTION_PAGE (widget);

  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return gtk_widget_child_focus (GTK_WIDGET (self->scrolled_window), GTK_DIR_TAB_FORWARD);
}

static void
pep_section_page_class_init (PepSectionPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_section_page_dispose;
  object_class->finalize = pep_section_page_finalize;
  object_class->get_property = pep_section_page_get_property;
  widget_class->grab_focus = pep_section_page_grab_focus;

  properties[PROP_PROGRESS] =
    g_param_spec_string ("progress", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "sectionpage");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-section-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PepSectionPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, PepSectionPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, PepSectionPage, progress_label);
  gtk_widget_class_bind_template_child (widget_class, PepSectionPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, PepSectionPage, permission_label);
  gtk_widget_class_bind_template_child (widget_class, PepSectionPage, fields_group);
  gtk_widget_class_bind_template_child (widget_class, PepSectionPage, extras_box);
}

static void
pep_section_page_init (PepSectionPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
}

/**
 * pep_section_page_new:
 * @session: the PEP (or the child's details) being edited
 */
GtkWidget *
pep_section_page_new (PepEditSession *session,
                      PepSection      section)
{
  PepSectionPage *self;

  g_return_val_if_fail (PEP_IS_EDIT_SESSION (session), NULL);
  g_return_val_if_fail (section < PEP_N_SECTIONS, NULL);

  self = g_object_new (PEP_TYPE_SECTION_PAGE, NULL);
  self->session = g_object_ref (session);
  self->section = section;
  build (self);
  return GTK_WIDGET (self);
}

/**
 * pep_section_page_set_session:
 * @session: (nullable): another PEP's session, or %NULL to let go of the last
 *
 * Shows the same section of another PEP in this page, its rows kept (another PEP opens
 * without making them again), when the page would be made the same for it: the same
 * fields, each the same kind of row (the PEP's kind, the person's role, what they may
 * change), and extras that take a new session (their "session" property). Rows of their
 * own (pep_section_page_add_rows()) are never kept.
 *
 * Returns: %TRUE if the page shows @session now; %FALSE if a page must be made for it
 */
gboolean
pep_section_page_set_session (PepSectionPage *self,
                              PepEditSession *session)
{
  g_return_val_if_fail (PEP_IS_SECTION_PAGE (self), FALSE);
  g_return_val_if_fail (session == NULL || PEP_IS_EDIT_SESSION (session), FALSE);

  if (session != NULL)
    {
      PepPlan *plan = pep_edit_session_get_plan (session);
      PepTable table = (self->section <= PEP_SECTION_PEOPLE || plan == NULL) ? PEP_TABLE_CHILD
                                                                              : PEP_TABLE_PLAN;
      g_autofree char *shape = pep_field_rows_shape (session, table, (int) self->section);

      if (self->has_rows || g_strcmp0 (shape, self->shape) != 0)
        return FALSE;
      for (GtkWidget *extra = gtk_widget_get_first_child (GTK_WIDGET (self->extras_box));
           extra != NULL; extra = gtk_widget_get_next_sibling (extra))
        if (g_object_class_find_property (G_OBJECT_GET_CLASS (extra), "session") == NULL)
          return FALSE;
    }

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  for (GtkWidget *extra = gtk_widget_get_first_child (GTK_WIDGET (self->extras_box));
       extra != NULL; extra = gtk_widget_get_next_sibling (extra))
    if (g_object_class_find_property (G_OBJECT_GET_CLASS (extra), "session") != NULL)
      g_object_set (extra, "session", session, NULL);
  if (session == NULL)
    {
      pep_field_rows_rebind (GTK_WIDGET (self->fields_group), NULL, NULL);
      return TRUE;
    }

  pep_field_rows_rebind (GTK_WIDGET (self->fields_group), session, page_record (self));
  show_permission (self);
  connect_session (self);
  update_progress (self);
  gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (self->scrolled_window), 0);
  return TRUE;
}

/* Returns: (transfer none) (nullable): the session the page shows */
PepEditSession *
pep_section_page_get_session (PepSectionPage *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_PAGE (self), NULL);
  return self->session;
}

PepSection
pep_section_page_get_section (PepSectionPage *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_PAGE (self), 0);
  return self->section;
}

/* "4 of 6 required" */
const char *
pep_section_page_get_progress (PepSectionPage *self)
{
  g_return_val_if_fail (PEP_IS_SECTION_PAGE (self), NULL);
  return self->progress;
}

void
pep_section_page_add_extra (PepSectionPage *self,
                            GtkWidget      *widget)
{
  g_return_if_fail (PEP_IS_SECTION_PAGE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  gtk_box_append (self->extras_box, widget);
}

/**
 * pep_section_page_add_rows:
 *
 * Lists the PEP’s rows of @table (the sign-offs) in the section, one expander
 * row each, with their fields; they can be changed only where the section can.
 */
void
pep_section_page_add_rows (PepSectionPage *self,
                           PepTable        table)
{
  PepPlan *plan;
  GPtrArray *rows;

  g_return_if_fail (PEP_IS_SECTION_PAGE (self));
  g_return_if_fail (pep_table_is_plan_row (table));

  self->has_rows = TRUE;
  plan = pep_edit_session_get_plan (self->session);
  rows = pep_plan_get_rows (plan, table);
  for (guint i = 0; i < rows->len; i++)
    {
      PepRecord *row = g_ptr_array_index (rows, i);
      GtkWidget *expander = adw_expander_row_new ();
      g_autofree char *title = pep_field_format (pep_table_get_field (table, 0),
                                                 pep_record_get (row, 0));
      g_autofree char *subtitle = pep_field_format (pep_table_get_field (table, 1),
                                                    pep_record_get (row, 1));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), title);
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      pep_field_rows_add_record (expander, self->session, row, -1);
      pep_accessible_fix_tree (expander);
      adw_preferences_group_add (self->fields_group, expander);
    }
  if (rows->len > 0)
    gtk_widget_set_visible (GTK_WIDGET (self->fields_group), TRUE);
}
