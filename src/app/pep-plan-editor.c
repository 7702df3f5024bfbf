/* pep-plan-editor.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The sections shown are those of DOMAIN.md §4 that the PEP's kind has (early years has no
 * social and emotional section, and has early learning), in the order a designated teacher
 * meets them; carers do not see the social worker's section, nor any sensitive field. A
 * section the person may not change (the workflow's rule for their role, or a signed-off
 * PEP) is shown for reading, and says why.
 *
 * Edits are written by the PepEditSession a moment after typing stops; the editor also
 * writes them when the focus moves to another field, when another PEP is opened, and when
 * it goes (the window's close, the application quitting).
 */

#define G_LOG_DOMAIN "pep-plan-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "pep-accessible.h"
#include "pep-attainment-grid.h"
#include "pep-child-name.h"
#include "pep-field-rows.h"
#include "pep-passphrase-dialog.h"
#include "pep-plan-editor.h"
#include "pep-section-page.h"
#include "pep-signoff.h"
#include "pep-target-review.h"
#include "pep-targets-editor.h"

struct _PepPlanEditor
{
  GtkWidget       parent_instance;

  /* Template widgets */
  GtkWidget      *main_box;
  GtkRevealer    *conflict_revealer;
  GtkLabel       *conflict_label;
  AdwLeaflet     *leaflet;
  GtkListBox     *sidebar_list;
  GtkWidget      *sections_button;
  GtkStack       *content_stack;
  GtkLabel       *kind_label;
  GtkLabel       *status_label;
  GtkLabel       *save_label;
  GtkWidget      *submit_button;

  /* Owned references */
  PepEditSession *session;
  GtkStringList  *sections;   /* the nicks of the sections shown, in order */

  /* Weak references */
  GtkWindow      *window;     /* whose focus changes are watched while mapped */

  /* Plain state */
  char           *title;
  char           *status_class;
  GtkLabel       *progress_labels[PEP_N_SECTIONS];   /* the sidebar's, while shown */
  gulong          focus_handler;
  guint           saved_once : 1;
  guint           building : 1;
};

G_DEFINE_FINAL_TYPE (PepPlanEditor, pep_plan_editor, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
update_save_state (PepPlanEditor *self)
{
  PepSaveState state;
  const char *message;

  if (self->session == NULL)
    return;
  state = pep_edit_session_get_state (self->session);
  message = pep_edit_session_get_message (self->session);

  gtk_revealer_set_reveal_child (self->conflict_revealer, state == PEP_SAVE_STATE_CONFLICT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reapply",
                                 state == PEP_SAVE_STATE_CONFLICT);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.discard",
                                 state == PEP_SAVE_STATE_CONFLICT);

  switch (state)
    {
    case PEP_SAVE_STATE_PENDING:
      gtk_label_set_text (self->save_label, _("Saving…"));
      break;
    case PEP_SAVE_STATE_FAILED:
      gtk_label_set_text (self->save_label, message ? message : _("Not saved yet"));
      break;
    case PEP_SAVE_STATE_CONFLICT:
      gtk_label_set_text (self->conflict_label,
                          _("Someone else changed this PEP after you opened it. Your changes are "
                            "kept here, not saved: keep them on top of the other changes, or "
                            "discard them."));
      gtk_label_set_text (self->save_label, _("Not saved: changed by someone else"));
      break;
    case PEP_SAVE_STATE_SAVED:
    default:
      if (pep_edit_session_get_read_only (self->session))
        gtk_label_set_text (self->save_label, _("Read only"));
      else
        gtk_label_set_text (self->save_label, self->saved_once ? _("All changes saved") : "");
      break;
    }
}

static void
on_session_state (PepPlanEditor *self)
{
  if (pep_edit_session_get_state (self->session) == PEP_SAVE_STATE_PENDING)
    self->saved_once = TRUE;
  update_save_state (self);
}

static void
update_header (PepPlanEditor *self)
{
  PepPlan *plan = pep_edit_session_get_plan (self->session);
  PepStatus status = pep_plan_get_status (plan);
  PepRole role = pep_edit_session_get_role (self->session);
  gboolean can_submit;

  gtk_label_set_text (self->kind_label, pep_kind_to_label (pep_plan_get_kind (plan)));
  gtk_label_set_text (self->status_label, pep_status_to_label (status));
  if (self->status_class != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), self->status_class);
  g_free (self->status_class);
  self->status_class = g_strdup_printf ("status-%s", pep_status_to_nick (status));
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), self->status_class);
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), NULL);
  if (status == PEP_STATUS_SIGNED_OFF || status == PEP_STATUS_SUPERSEDED)
    {
      /* A signed-off PEP is checked against its signatures as it opens (docs/signatures.md). */
      g_autofree char *why = NULL;
      PepSeal seal = PEP_SEAL_OK;

      if (pep_signoff_check_plan (pep_edit_session_get_store (self->session), plan, &seal, &why, NULL)
          && seal != PEP_SEAL_OK)
        {
          /* Translators: a PEP's status, then what its signatures show, e.g. "Changed after sign-off" */
          g_autofree char *text = g_strdup_printf (_("%s — %s"), pep_status_to_label (status),
                                                   pep_seal_to_label (seal));

          gtk_label_set_text (self->status_label, text);
          gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
          gtk_widget_set_tooltip_text (GTK_WIDGET (self->status_label), why);
        }
    }

  can_submit = pep_edit_session_get_workflow (self->session) != NULL
               && pep_role_can (role, PEP_OPERATION_SUBMIT)
               && (status == PEP_STATUS_DRAFT || status == PEP_STATUS_RETURNED);
  gtk_widget_set_visible (self->submit_button, can_submit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.submit", can_submit);
}

/* A screen reader reads a section's row as it reads on screen: "Meeting, 4 of 6 required". */
static void
name_sidebar_row (GtkWidget  *row,
                  PepSection  section,
                  const char *progress)
{
  /* Translators: a section of the PEP editor's sidebar, as a screen reader names it */
  g_autofree char *name = g_strdup_printf (_("%s, %s"), pep_section_to_label (section), progress);

  pep_accessible_label (row, name);
}

static GtkWidget *
create_sidebar_row (gpointer item,
                    gpointer user_data)
{
  PepPlanEditor *self = user_data;
  const char *nick = gtk_string_object_get_string (GTK_STRING_OBJECT (item));
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *progress = gtk_label_new (NULL);
  GtkWidget *row = gtk_list_box_row_new ();
  g_autofree char *text = NULL;
  PepSection section = 0;

  pep_section_from_nick (nick, &section);
  text = pep_section_progress_text (self->session, section);
  gtk_label_set_text (GTK_LABEL (title), pep_section_to_label (section));
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_text (GTK_LABEL (progress), text);
  gtk_label_set_xalign (GTK_LABEL (progress), 0);
  gtk_widget_add_css_class (progress, "caption");
  gtk_widget_add_css_class (progress, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), progress);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_widget_set_name (row, nick);
  self->progress_labels[section] = GTK_LABEL (progress);
  name_sidebar_row (row, section, text);
  return row;
}

/* The sidebar's "4 of 6 required", as entries are made. */
static void
update_progress (PepPlanEditor *self)
{
  for (PepSection section = 0; section < PEP_N_SECTIONS; section++)
    if (self->progress_labels[section] != NULL)
      {
        g_autofree char *text = pep_section_progress_text (self->session, section);

        gtk_label_set_text (self->progress_labels[section], text);
        name_sidebar_row (gtk_widget_get_ancestor (GTK_WIDGET (self->progress_labels[section]),
                                                   GTK_TYPE_LIST_BOX_ROW),
                          section, text);
      }
}

/* Pages are made when first shown: a PEP opens at once, however many sections it has. They
 * are kept when another PEP opens, and show it when next shown, if they would be made the
 * same for it (pep_section_page_set_session()); otherwise made again. */
static GtkWidget *
ensure_page (PepPlanEditor *self,
             PepSection     section)
{
  const char *nick = pep_section_to_nick (section);
  GtkWidget *page = gtk_stack_get_child_by_name (self->content_stack, nick);

  if (self->session == NULL)
    return page;
  if (page != NULL)
    {
      if (pep_section_page_get_session (PEP_SECTION_PAGE (page)) == self->session
          || pep_section_page_set_session (PEP_SECTION_PAGE (page), self->session))
        {
          gtk_widget_set_visible (page, TRUE);
          return page;
        }
      gtk_stack_remove (self->content_stack, page);
    }

  page = pep_section_page_new (self->session, section);
  if (section == PEP_SECTION_TARGETS)
    {
      pep_section_page_add_extra (PEP_SECTION_PAGE (page), pep_target_review_new (self->session));
      pep_section_page_add_extra (PEP_SECTION_PAGE (page), pep_targets_editor_new (self->session));
    }
  else if (section == PEP_SECTION_ATTAINMENT)
    {
      pep_section_page_add_extra (PEP_SECTION_PAGE (page), pep_attainment_grid_new (self->session));
    }
  else if (section == PEP_SECTION_SIGNOFF)
    {
      pep_section_page_add_rows (PEP_SECTION_PAGE (page), PEP_TABLE_SIGNOFF);
    }
  else if (section == PEP_SECTION_PPPLUS)
    {
      pep_section_page_add_extra (PEP_SECTION_PAGE (page),
                                  pep_targets_editor_new_for_table (self->session,
                                                                    PEP_TABLE_FUNDING_REQUEST));
    }
  gtk_stack_add_named (self->content_stack, page, nick);
  return page;
}

static void
show_section (PepPlanEditor *self,
              const char    *nick)
{
  PepSection section;

  if (!pep_section_from_nick (nick, &section) || ensure_page (self, section) == NULL)
    return;
  gtk_stack_set_visible_child_name (self->content_stack, nick);
}

static gboolean
section_shown (PepPlanEditor *self,
               PepSection     section)
{
  PepKind kind = pep_edit_session_get_kind (self->session);
  PepPlan *plan = pep_edit_session_get_plan (self->session);

  if (section <= PEP_SECTION_PEOPLE || section == PEP_SECTION_QA)
    return FALSE;
  if (section == PEP_SECTION_SOCIAL_WORKER
      && pep_edit_session_get_role (self->session) == PEP_ROLE_CARER)
    return FALSE;
  if (section == PEP_SECTION_SIGNOFF)
    return pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF)->len > 0;
  return pep_section_applies (section, kind);
}

/* The pages let go of the PEP they showed, and are hidden (no one reads what they still
 * hold); each shows the next PEP when it is next shown. */
static void
unbind_pages (PepPlanEditor *self)
{
  for (GtkWidget *page = gtk_widget_get_first_child (GTK_WIDGET (self->content_stack));
       page != NULL; page = gtk_widget_get_next_sibling (page))
    {
      pep_section_page_set_session (PEP_SECTION_PAGE (page), NULL);
      gtk_widget_set_visible (page, FALSE);
    }
}

static gboolean
same_sections (GtkStringList *a,
               GtkStringList *b)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (a));

  if (n != g_list_model_get_n_items (G_LIST_MODEL (b)))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (g_strcmp0 (gtk_string_list_get_string (a, i), gtk_string_list_get_string (b, i)) != 0)
      return FALSE;
  return TRUE;
}

static void
build (PepPlanEditor *self,
       PepSection     select)
{
  g_autoptr(GtkStringList) sections = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) gone = g_ptr_array_new ();
  gboolean selected = FALSE;
  GtkListBoxRow *row;

  self->building = TRUE;
  unbind_pages (self);
  for (PepSection section = 0; section < PEP_N_SECTIONS; section++)
    if (section_shown (self, section))
      gtk_string_list_append (sections, pep_section_to_nick (section));
    else if (gtk_stack_get_child_by_name (self->content_stack, pep_section_to_nick (section)))
      g_ptr_array_add (gone, gtk_stack_get_child_by_name (self->content_stack,
                                                          pep_section_to_nick (section)));
  for (guint i = 0; i < gone->len; i++)
    gtk_stack_remove (self->content_stack, g_ptr_array_index (gone, i));

  /* The same sections as the PEP before: the sidebar's rows are kept, their counts updated. */
  if (self->sections != NULL && same_sections (self->sections, sections))
    {
      update_progress (self);
    }
  else
    {
      gtk_list_box_bind_model (self->sidebar_list, NULL, NULL, NULL, NULL);
      memset (self->progress_labels, 0, sizeof self->progress_labels);
      g_set_object (&self->sections, sections);
      gtk_list_box_bind_model (self->sidebar_list, G_LIST_MODEL (self->sections),
                               create_sidebar_row, self, NULL);
    }
  self->building = FALSE;

  if (select < PEP_N_SECTIONS)
    selected = pep_plan_editor_select_section (self, select);
  if (!selected)
    {
      row = gtk_list_box_get_row_at_index (self->sidebar_list, 0);
      gtk_list_box_select_row (self->sidebar_list, row);
      /* Selected already (the sidebar kept): its page is shown all the same. */
      if (row != NULL)
        show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
    }
  update_header (self);
  update_save_state (self);
}

static void
on_session_reloaded (PepPlanEditor *self)
{
  build (self, pep_plan_editor_get_section (self));
}

static void
on_sidebar_list_row_selected (PepPlanEditor *self,
                              GtkListBoxRow *row,
                              GtkListBox    *list)
{
  if (row == NULL || self->building)
    return;
  show_section (self, gtk_widget_get_name (GTK_WIDGET (row)));
}

static void
on_sidebar_list_row_activated (PepPlanEditor *self,
                               GtkListBoxRow *row,
                               GtkListBox    *list)
{
  GtkWidget *page;

  on_sidebar_list_row_selected (self, row, list);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  page = gtk_stack_get_visible_child (self->content_stack);
  if (page != NULL)
    gtk_widget_grab_focus (page);
}

static void
on_leaflet_folded (PepPlanEditor *self)
{
  gtk_widget_set_visible (self->sections_button, adw_leaflet_get_folded (self->leaflet));
}

/* A change of focus is a natural moment to write what was typed. */
static void
on_focus_changed (PepPlanEditor *self)
{
  if (self->session != NULL && pep_edit_session_get_n_pending (self->session) > 0)
    pep_edit_session_flush (self->session);
}

/* Actions --------------------------------------------------------------------------------- */

static void
step_section (PepPlanEditor *self,
              int            delta)
{
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);
  int index = row ? gtk_list_box_row_get_index (row) : 0;
  GtkListBoxRow *next = gtk_list_box_get_row_at_index (self->sidebar_list, index + delta);

  if (next == NULL)
    return;
  gtk_list_box_select_row (self->sidebar_list, next);
  on_sidebar_list_row_activated (self, next, self->sidebar_list);
}

static void
editor_next_section (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  step_section (PEP_PLAN_EDITOR (widget), 1);
}

static void
editor_previous_section (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  step_section (PEP_PLAN_EDITOR (widget), -1);
}

static void
editor_show_sections (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
toast (PepPlanEditor *self,
       const char    *text)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay), adw_toast_new (escaped));
  pep_accessible_announce (GTK_WIDGET (self), text);
}

static void
editor_reapply (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!pep_edit_session_reapply (self->session, &error))
    toast (self, error->message);
}

static void
editor_discard (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (widget);
  g_autoptr(GError) error = NULL;

  if (!pep_edit_session_discard (self->session, &error))
    toast (self, error->message);
}

static void
on_submit_response (AdwMessageDialog *dialog,
                    const char       *response,
                    PepPlanEditor    *self)
{
  g_autoptr(GError) error = NULL;
  PepWorkflow *workflow;

  if (g_strcmp0 (response, "submit") != 0 || self->session == NULL)
    return;
  workflow = pep_edit_session_get_workflow (self->session);
  if (!pep_edit_session_flush (self->session)
      || !pep_workflow_submit (workflow, pep_edit_session_get_plan (self->session), &error))
    {
      toast (self, error ? error->message : _("Your changes are not saved yet."));
      return;
    }
  toast (self, _("Submitted for quality assurance"));
  /* Submitted: the school's sections are now the Virtual School's to read. */
  pep_edit_session_discard (self->session, NULL);
}

/* Shows the field of @missing: its section chosen in the sidebar, the row that edits it
 * (opened, when it is inside a target) focused. */
static void
go_to_missing (PepPlanEditor    *self,
               const PepMissing *missing)
{
  GtkWidget *page, *row = NULL;

  if (!pep_plan_editor_select_section (self, missing->section))
    return;
  page = gtk_stack_get_visible_child (self->content_stack);
  if (page == NULL)
    return;
  if (missing->field >= 0)
    row = pep_field_rows_find (page, missing->table, missing->record_id, (guint) missing->field);
  if (row != NULL)
    {
      GtkWidget *expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);
      GtkTextView *view = pep_field_rows_get_text_view (row);

      if (expander != NULL)
        adw_expander_row_set_expanded (ADW_EXPANDER_ROW (expander), TRUE);
      if (view != NULL)
        gtk_widget_grab_focus (GTK_WIDGET (view));
      else if (!gtk_widget_grab_focus (row))
        gtk_widget_child_focus (row, GTK_DIR_TAB_FORWARD);
    }
  else
    gtk_widget_grab_focus (page);
}

static void
on_missing_clicked (GtkButton *button,
                    PepPlanEditor *self)
{
  const PepMissing *missing = g_object_get_data (G_OBJECT (button), "pep-missing");
  GtkWidget *dialog = gtk_widget_get_ancestor (GTK_WIDGET (button), ADW_TYPE_MESSAGE_DIALOG);
  PepMissing copy = *missing;

  if (dialog != NULL)
    gtk_window_close (GTK_WINDOW (dialog));   /* frees @missing: its copy is used below */
  go_to_missing (self, &copy);
}

/* What the sidebar counts as not yet entered (pep_edit_session_list_missing(), the same
 * rule as "4 of 6 required"), one button each that takes you to the field. */
static GtkWidget *
missing_list_new (PepPlanEditor *self,
                  GPtrArray     *missing)
{
  GtkWidget *list = gtk_list_box_new ();

  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  for (guint i = 0; i < missing->len; i++)
    {
      PepMissing *item = g_ptr_array_index (missing, i);
      /* Translators: a section, then the entry missing in it: "Meeting: Meeting date" */
      g_autofree char *text = g_strdup_printf (_("%s: %s"), pep_section_to_label (item->section),
                                               item->label);
      GtkWidget *label = gtk_label_new (text);
      GtkWidget *button = gtk_button_new ();
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_button_set_child (GTK_BUTTON (button), label);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Go to this entry"));
      g_object_set_data (G_OBJECT (button), "pep-missing", item);
      g_signal_connect (button, "clicked", G_CALLBACK (on_missing_clicked), self);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), button);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_widget_set_focusable (row, FALSE);
      gtk_list_box_append (GTK_LIST_BOX (list), row);
    }
  g_object_set_data_full (G_OBJECT (list), "pep-missing-list", g_ptr_array_ref (missing),
                          (GDestroyNotify) g_ptr_array_unref);
  return list;
}

static void
editor_submit (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GPtrArray) missing = NULL;
  AdwMessageDialog *dialog;

  if (self->session == NULL || !pep_edit_session_flush (self->session))
    {
      toast (self, _("Your changes are not saved yet: submit once they are."));
      return;
    }
  /* A key in a sealed file is unlocked first; submitting follows. */
  if (!pep_passphrase_dialog_ensure_key (widget, pep_edit_session_get_store (self->session),
                                         pep_edit_session_get_workflow (self->session), action_name))
    return;
  missing = pep_edit_session_list_missing (self->session);

  if (missing->len > 0)
    {
      GtkWidget *scrolled = gtk_scrolled_window_new ();

      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("Not Ready to Submit"), NULL));
      adw_message_dialog_format_body (dialog,
                                      ngettext ("%u required entry is missing. Choose it to "
                                                "go to it.",
                                                "%u required entries are missing. Choose one "
                                                "to go to it.",
                                                missing->len),
                                      missing->len);
      gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scrolled), GTK_POLICY_NEVER,
                                      GTK_POLICY_AUTOMATIC);
      gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scrolled), TRUE);
      gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scrolled), 320);
      gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled),
                                     missing_list_new (self, missing));
      adw_message_dialog_set_extra_child (dialog, scrolled);
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
    }
  else
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                           _("Submit for Quality Assurance?"),
                                                           _("Every required entry is made. "
                                                             "You sign the PEP as designated "
                                                             "teacher, and cannot change it "
                                                             "again unless QA returns it.")));
      adw_message_dialog_add_responses (dialog, "close", _("_Cancel"), "submit", _("_Submit"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "submit", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "submit");
      g_signal_connect_object (dialog, "response", G_CALLBACK (on_submit_response), self, 0);
    }
  adw_message_dialog_set_close_response (dialog, "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

/* GObject --------------------------------------------------------------------------------- */

static void
drop_session (PepPlanEditor *self)
{
  if (self->session == NULL)
    return;
  pep_edit_session_flush (self->session);
  g_signal_handlers_disconnect_by_data (self->session, self);
  unbind_pages (self);
  g_clear_object (&self->session);
}

static void
pep_plan_editor_map (GtkWidget *widget)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (widget);
  GtkRoot *root;

  GTK_WIDGET_CLASS (pep_plan_editor_parent_class)->map (widget);

  root = gtk_widget_get_root (widget);
  if (GTK_IS_WINDOW (root) && self->window == NULL)
    {
      self->window = GTK_WINDOW (root);
      g_object_add_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->focus_handler = g_signal_connect_object (root, "notify::focus-widget",
                                                     G_CALLBACK (on_focus_changed), self,
                                                     G_CONNECT_SWAPPED);
    }
}

static void
pep_plan_editor_unmap (GtkWidget *widget)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (widget);

  on_focus_changed (self);
  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->focus_handler, self->window);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }

  GTK_WIDGET_CLASS (pep_plan_editor_parent_class)->unmap (widget);
}

static void
pep_plan_editor_dispose (GObject *object)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (object);

  /* Nothing typed is lost when the editor goes: the pending edits are written first. */
  drop_session (self);
  if (self->window != NULL)
    {
      g_clear_signal_handler (&self->focus_handler, self->window);
      g_object_remove_weak_pointer (G_OBJECT (self->window), (gpointer *) &self->window);
      self->window = NULL;
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_PLAN_EDITOR);

  G_OBJECT_CLASS (pep_plan_editor_parent_class)->dispose (object);
}

static void
pep_plan_editor_finalize (GObject *object)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (object);

  g_free (self->title);
  g_free (self->status_class);

  G_OBJECT_CLASS (pep_plan_editor_parent_class)->finalize (object);
}

static void
pep_plan_editor_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
pep_plan_editor_grab_focus (GtkWidget *widget)
{
  PepPlanEditor *self = PEP_PLAN_EDITOR (widget);
  GtkListBoxRow *row = gtk_list_box_get_selected_row (self->sidebar_list);

  if (row != NULL && gtk_widget_get_child_visible (GTK_WIDGET (self->sidebar_list)))
    return gtk_widget_grab_focus (GTK_WIDGET (row));
  return gtk_widget_child_focus (self->main_box, GTK_DIR_TAB_FORWARD);
}

static void
pep_plan_editor_class_init (PepPlanEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_plan_editor_dispose;
  object_class->finalize = pep_plan_editor_finalize;
  object_class->get_property = pep_plan_editor_get_property;
  widget_class->map = pep_plan_editor_map;
  widget_class->unmap = pep_plan_editor_unmap;
  widget_class->grab_focus = pep_plan_editor_grab_focus;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (PEP_TYPE_SECTION_PAGE);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "planeditor");
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-plan-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, main_box);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, conflict_revealer);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, conflict_label);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, leaflet);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, sidebar_list);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, sections_button);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, content_stack);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, kind_label);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, status_label);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, save_label);
  gtk_widget_class_bind_template_child (widget_class, PepPlanEditor, submit_button);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_selected);
  gtk_widget_class_bind_template_callback (widget_class, on_sidebar_list_row_activated);
  gtk_widget_class_bind_template_callback (widget_class, on_leaflet_folded);

  gtk_widget_class_install_action (widget_class, "editor.next-section", NULL, editor_next_section);
  gtk_widget_class_install_action (widget_class, "editor.previous-section", NULL,
                                   editor_previous_section);
  gtk_widget_class_install_action (widget_class, "editor.show-sections", NULL,
                                   editor_show_sections);
  gtk_widget_class_install_action (widget_class, "editor.reapply", NULL, editor_reapply);
  gtk_widget_class_install_action (widget_class, "editor.discard", NULL, editor_discard);
  gtk_widget_class_install_action (widget_class, "editor.submit", NULL, editor_submit);

}

static void
add_shortcut (GtkShortcutController *controller,
              GtkShortcutTrigger    *trigger,
              const char            *action)
{
  gtk_shortcut_controller_add_shortcut (controller,
                                        gtk_shortcut_new (trigger,
                                                          gtk_named_action_new (action)));
}

/* The editor's keys are caught on their way down to the field that has the focus, before
 * it sees them: a field list (a GtkListBox) moves its cursor on Ctrl+Page Up/Down, and a
 * text view types a new line on Ctrl+Enter, where almost every field is a text view. */
static void
add_shortcuts (PepPlanEditor *self)
{
  GtkEventController *controller = gtk_shortcut_controller_new ();
  GtkShortcutController *shortcuts = GTK_SHORTCUT_CONTROLLER (controller);

  gtk_event_controller_set_propagation_phase (controller, GTK_PHASE_CAPTURE);
  add_shortcut (shortcuts, gtk_shortcut_trigger_parse_string ("<Control>Page_Down"),
                "editor.next-section");
  add_shortcut (shortcuts, gtk_shortcut_trigger_parse_string ("<Control>Page_Up"),
                "editor.previous-section");
  add_shortcut (shortcuts, gtk_shortcut_trigger_parse_string ("<Control>Return|<Control>KP_Enter"),
                "editor.submit");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

/* The sidebar chooses; Tab goes into the section chosen (its first field), not to the next
 * section, and Shift+Tab leaves the sidebar backwards: the sidebar is one stop in the Tab
 * order, walked with the arrow keys, as in GNOME Settings. */
static gboolean
on_sidebar_key_pressed (PepPlanEditor         *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  GtkListBoxRow *row;
  GtkWidget *page;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0)
    return FALSE;
  if (keyval == GDK_KEY_ISO_Left_Tab || ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
                                         && (state & GDK_SHIFT_MASK) != 0))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkListBoxRow *first = gtk_list_box_get_row_at_index (self->sidebar_list, 0);

      /* From the first row, the list has no row above to move to: backwards leaves it. */
      if (first == NULL || !gtk_widget_grab_focus (GTK_WIDGET (first)) || root == NULL)
        return FALSE;
      if (!gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_BACKWARD))
        gtk_widget_child_focus (GTK_WIDGET (root), GTK_DIR_TAB_BACKWARD);
      return TRUE;
    }
  if (keyval != GDK_KEY_Tab && keyval != GDK_KEY_KP_Tab)
    return FALSE;

  row = gtk_list_box_get_selected_row (self->sidebar_list);
  if (row == NULL)
    return FALSE;
  on_sidebar_list_row_selected (self, row, self->sidebar_list);
  page = gtk_stack_get_visible_child (self->content_stack);
  return page != NULL && gtk_widget_grab_focus (page);
}

static void
collect_focusable (GtkWidget *widget,
                   GPtrArray *stops)
{
  if (!gtk_widget_get_mapped (widget) || !gtk_widget_is_sensitive (widget))
    return;
  if (gtk_widget_get_focusable (widget))
    g_ptr_array_add (stops, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_focusable (child, stops);
}

/* Shift+Tab in a section goes to the field before, in the order the page shows them, and
 * from the first field back to the sidebar, at the section chosen. (Left to GTK 4.8, Shift+Tab
 * from a field list's first row went forwards, to its second.) */
static gboolean
on_content_key_pressed (PepPlanEditor         *self,
                        guint                  keyval,
                        guint                  keycode,
                        GdkModifierType        state,
                        GtkEventControllerKey *controller)
{
  g_autoptr(GPtrArray) stops = g_ptr_array_new ();
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;
  GtkWidget *page = gtk_stack_get_visible_child (self->content_stack);
  GtkListBoxRow *row;
  guint index;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) != 0
      || !(keyval == GDK_KEY_ISO_Left_Tab || ((keyval == GDK_KEY_Tab || keyval == GDK_KEY_KP_Tab)
                                              && (state & GDK_SHIFT_MASK) != 0))
      || focus == NULL || page == NULL || !gtk_widget_is_ancestor (focus, page))
    return FALSE;

  collect_focusable (page, stops);
  if (!g_ptr_array_find (stops, focus, &index))
    return FALSE;
  /* The stop before, leaving out the widgets the focus is inside (an entry row holds its
   * text, and gives it the focus). */
  while (index-- > 0)
    {
      GtkWidget *before = g_ptr_array_index (stops, index);

      if (!gtk_widget_is_ancestor (focus, before) && gtk_widget_grab_focus (before))
        return TRUE;
    }
  row = gtk_list_box_get_selected_row (self->sidebar_list);
  if (row == NULL || adw_leaflet_get_folded (self->leaflet))
    return FALSE;
  return gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
pep_plan_editor_init (PepPlanEditor *self)
{
  GtkEventController *keys;

  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  add_shortcuts (self);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_sidebar_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->sidebar_list), keys);
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_swapped (keys, "key-pressed", G_CALLBACK (on_content_key_pressed), self);
  gtk_widget_add_controller (GTK_WIDGET (self->content_stack), keys);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.reapply", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.discard", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "editor.submit", FALSE);
}

GtkWidget *
pep_plan_editor_new (void)
{
  return g_object_new (PEP_TYPE_PLAN_EDITOR, NULL);
}

/**
 * pep_plan_editor_set_plan:
 * @store: the file, used on the main thread
 * @plan: the PEP, as just read from @store
 * @child: whose PEP it is
 * @workflow: (nullable): who is editing, in which role
 *
 * Shows @plan for editing. What was typed in the PEP shown before is written first.
 */
void
pep_plan_editor_set_plan (PepPlanEditor *self,
                          PepStore      *store,
                          PepPlan       *plan,
                          PepRecord     *child,
                          PepWorkflow   *workflow)
{
  g_return_if_fail (PEP_IS_PLAN_EDITOR (self));
  g_return_if_fail (PEP_IS_STORE (store));
  g_return_if_fail (PEP_IS_PLAN (plan));
  g_return_if_fail (PEP_IS_RECORD (child));

  drop_session (self);
  self->saved_once = FALSE;
  self->session = pep_edit_session_new (store, plan, child, workflow);
  g_signal_connect_object (self->session, "notify::state", G_CALLBACK (on_session_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "notify::read-only", G_CALLBACK (on_session_reloaded),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "reloaded", G_CALLBACK (on_session_reloaded), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "edited", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "rows-changed", G_CALLBACK (update_progress), self,
                           G_CONNECT_SWAPPED);

  g_free (self->title);
  self->title = pep_child_record_display_name (child);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);

  build (self, PEP_N_SECTIONS);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

/* Writes what was typed now. Returns %TRUE when everything typed is in the file. */
gboolean
pep_plan_editor_flush (PepPlanEditor *self)
{
  g_return_val_if_fail (PEP_IS_PLAN_EDITOR (self), FALSE);

  return self->session == NULL || pep_edit_session_flush (self->session);
}

/* Writes what was typed, then shows nothing. */
void
pep_plan_editor_clear (PepPlanEditor *self)
{
  g_return_if_fail (PEP_IS_PLAN_EDITOR (self));

  drop_session (self);
}

PepEditSession *
pep_plan_editor_get_session (PepPlanEditor *self)
{
  g_return_val_if_fail (PEP_IS_PLAN_EDITOR (self), NULL);
  return self->session;
}

PepPlan *
pep_plan_editor_get_plan (PepPlanEditor *self)
{
  g_return_val_if_fail (PEP_IS_PLAN_EDITOR (self), NULL);
  return self->session ? pep_edit_session_get_plan (self->session) : NULL;
}

/* The child's name. */
const char *
pep_plan_editor_get_title (PepPlanEditor *self)
{
  g_return_val_if_fail (PEP_IS_PLAN_EDITOR (self), NULL);
  return self->title;
}

/* Shows @section, if the PEP has it. */
gboolean
pep_plan_editor_select_section (PepPlanEditor *self,
                                PepSection     section)
{
  const char *nick;

  g_return_val_if_fail (PEP_IS_PLAN_EDITOR (self), FALSE);

  if (section >= PEP_N_SECTIONS || self->sections == NULL)
    return FALSE;
  nick = pep_section_to_nick (section);
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->sections)); i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->sections, i), nick) == 0)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (self->sidebar_list, (int) i);

        gtk_list_box_select_row (self->sidebar_list, row);
        if (gtk_widget_has_focus (GTK_WIDGET (self->sidebar_list))
            || gtk_widget_is_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (self->sidebar_list, 0))))
          gtk_widget_grab_focus (GTK_WIDGET (row));
        show_section (self, nick);
        adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
        return TRUE;
      }
  return FALSE;
}

/* The section shown, or %PEP_N_SECTIONS. */
PepSection
pep_plan_editor_get_section (PepPlanEditor *self)
{
  GtkWidget *page;

  g_return_val_if_fail (PEP_IS_PLAN_EDITOR (self), PEP_N_SECTIONS);

  page = gtk_stack_get_visible_child (self->content_stack);
  return page ? pep_section_page_get_section (PEP_SECTION_PAGE (page)) : PEP_N_SECTIONS;
}

/**
 * pep_plan_editor_get_page:
 *
 * Returns: (transfer none) (nullable): the #PepSectionPage of @section, made now if it was
 *   not yet shown; %NULL when the PEP has no such section
 */
GtkWidget *
pep_plan_editor_get_page (PepPlanEditor *self,
                          PepSection     section)
{
  g_return_val_if_fail (PEP_IS_PLAN_EDITOR (self), NULL);
  g_return_val_if_fail (section < PEP_N_SECTIONS, NULL);

  if (self->sections == NULL || !section_shown (self, section))
    return NULL;
  return ensure_page (self, section);
}

/**
 * pep_plan_editor_find_row:
 *
 * Makes every section's page (for tests and tools), then looks for the row.
 *
 * Returns: (transfer none) (nullable): the row that edits @field of the record @record_id
 */
GtkWidget *
pep_plan_editor_find_row (PepPlanEditor *self,
                          PepTable       table,
                          gint64         record_id,
                          guint          field)
{
  g_return_val_if_fail (PEP_IS_PLAN_EDITOR (self), NULL);

  for (PepSection section = 0; self->sections != NULL && section < PEP_N_SECTIONS; section++)
    if (section_shown (self, section))
      ensure_page (self, section);
  return pep_field_rows_find (GTK_WIDGET (self->content_stack), table, record_id, field);
}
