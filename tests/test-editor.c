/* test-editor.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The PEP editor through its widgets, as a person uses it: text typed into the entry rows,
 * choices made in the combo rows, switches turned on. For a PEP of each kind every field
 * the editor shows is filled (the school's sections as the designated teacher, the social
 * worker's as the social worker), with a target, a subject and a review; the window is
 * closed; a new window on the file shows exactly what was typed, and so does the file. An
 * edit typed just before the window closes, within the save delay, is saved. Text that
 * cannot be kept says why under its field and is not saved. Runs under Xvfb (suite 'ui').
 */

#include "config.h"

#include <adwaita.h>
#include <string.h>

#include "pep-attainment-grid.h"
#include "pep-field-input.h"
#include "pep-field-rows.h"
#include "pep-plan-next.h"
#include "pep-section-page.h"
#include "pep-settings.h"
#include "pep-target-review.h"
#include "pep-targets-editor.h"
#include "pep-validator.h"
#include "pep-upn.h"
#include "pep-window.h"
#include "test-util.h"

typedef struct
{
  PepTable  table;
  gint64    record_id;
  guint     field;
  char     *typed;    /* for entry rows: the text typed; NULL for choices and switches */
  GVariant *value;    /* what the file must hold */
} Expected;

static void
expected_free (gpointer data)
{
  Expected *e = data;

  g_free (e->typed);
  g_clear_pointer (&e->value, g_variant_unref);
  g_free (e);
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

static char *
years_ago (int years)
{
  GDate date;

  today (&date);
  g_date_subtract_years (&date, years);
  g_date_subtract_days (&date, 40);
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (&date), g_date_get_month (&date),
                          g_date_get_day (&date));
}

static gboolean
wake (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

static void
iterate (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

static void
wait_for_window (PepWindow *window)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (60 * test_time_scale () * G_USEC_PER_SEC);
  guint source = g_timeout_add (20, wake, NULL);

  while (pep_window_get_busy (window))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The window was still busy after a minute");
      g_main_context_iteration (NULL, TRUE);
    }
  iterate ();
  g_source_remove (source);
}

static PepWindow *
open_window (const char *path)
{
  g_autoptr(GError) error = NULL;
  PepWindow *window = pep_window_new_for_path (NULL, path, PEP_STORE_OPEN_DEFAULT, &error);

  g_assert_no_error (error);
  g_object_ref (window);
  gtk_window_present (GTK_WINDOW (window));
  wait_for_window (window);
  return window;
}

/* Closes the window as a person does (the close button: close-request), at once. */
static void
close_window (PepWindow *window)
{
  gtk_window_close (GTK_WINDOW (window));
  iterate ();
  test_wait_for_last_ref (window);
  g_assert_finalize_object (window);
}

static PepPlanEditor *
open_plan (PepWindow *window,
           gint64     plan_id)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (pep_window_open_plan (window, plan_id, &error));
  g_assert_no_error (error);
  iterate ();
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "plan");
  return pep_window_get_plan_editor (window);
}

static void
set_role (const char *role)
{
  g_autoptr(GSettings) settings = pep_settings_new ();

  g_assert_nonnull (settings);
  g_settings_set_string (settings, "role", role);
}

static GtkWidget *
find_type (GtkWidget *root,
           GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (root, type))
    return root;
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* Types @text into a field's row: an entry row, or the text view of a field that holds
 * sentences. */
static void
set_row_text (GtkWidget  *row,
              const char *text)
{
  GtkTextView *view = pep_field_rows_get_text_view (row);

  if (view != NULL)
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (row), text);
}

static char *
get_row_text (GtkWidget *row)
{
  GtkTextView *view = pep_field_rows_get_text_view (row);
  GtkTextIter start, end;

  if (view == NULL)
    return g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));
  gtk_text_buffer_get_bounds (gtk_text_view_get_buffer (view), &start, &end);
  return gtk_text_buffer_get_text (gtk_text_view_get_buffer (view), &start, &end, FALSE);
}

static gboolean
is_text_row (GtkWidget *row)
{
  return ADW_IS_ENTRY_ROW (row) || pep_field_rows_get_text_view (row) != NULL;
}

/* What a person would type in a field, valid for it. */
static char *
sample_text (const PepFieldInfo *info,
             const char         *kind_nick)
{
  GDate date;

  switch (info->type)
    {
    case PEP_VALUE_INT:
      if (info->min < info->max)
        return g_strdup_printf ("%d", (int) (info->min + (info->max - info->min) / 3));
      return g_strdup ("3");
    case PEP_VALUE_REAL:
      if (info->min < info->max)
        return g_strdup_printf ("%d.5", (int) (info->min + (info->max - info->min) / 4));
      return g_strdup ("2.5");
    case PEP_VALUE_MONEY:
      return g_strdup ("£1,234.50");
    case PEP_VALUE_DATE:
      today (&date);
      return g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&date), g_date_get_month (&date),
                              g_date_get_year (&date));
    case PEP_VALUE_TEXT:
    case PEP_VALUE_BOOL:
    case PEP_VALUE_DATETIME:
    case PEP_VALUE_CHOICE:
    default:
      return g_strdup_printf ("%s, typed for a %s PEP: “quoted” & <marked>", info->name, kind_nick);
    }
}

/* Fills one field through its row, and notes what the file must then hold. */
static void
fill_field (PepPlanEditor *editor,
            GPtrArray     *expected,
            PepRecord     *record,
            guint          field,
            const char    *kind_nick)
{
  PepTable table = pep_record_get_table (record);
  const PepFieldInfo *info = pep_table_get_field (table, field);
  GtkWidget *row = pep_plan_editor_find_row (editor, table, pep_record_get_id (record), field);
  Expected *e = g_new0 (Expected, 1);

  if (row == NULL)
    g_error ("No row for %s.%s", pep_table_get_name (table), info->name);

  e->table = table;
  e->record_id = pep_record_get_id (record);
  e->field = field;

  if (is_text_row (row))
    {
      g_autoptr(GError) error = NULL;

      e->typed = sample_text (info, kind_nick);
      set_row_text (row, e->typed);
      e->value = pep_field_parse (info, e->typed, &error);
      g_assert_no_error (error);
      g_assert_nonnull (e->value);
      if (pep_field_rows_get_message (row) != NULL)
        g_error ("%s.%s: “%s” refused: %s", pep_table_get_name (table), info->name, e->typed,
                 pep_field_rows_get_message (row));
    }
  else if (ADW_IS_COMBO_ROW (row))
    {
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), 1);
      e->value = g_variant_ref_sink (g_variant_new_string (info->choices[0].nick));
    }
  else
    {
      GtkWidget *toggle = adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row));

      g_assert_true (GTK_IS_SWITCH (toggle));
      gtk_switch_set_active (GTK_SWITCH (toggle), TRUE);
      e->value = g_variant_ref_sink (g_variant_new_boolean (TRUE));
    }
  g_ptr_array_add (expected, e);
}

/* Every field of @record the editor shows for @kind and lets this person change. */
static guint
fill_record (PepPlanEditor *editor,
             GPtrArray     *expected,
             PepRecord     *record,
             PepKind        kind)
{
  PepEditSession *session = pep_plan_editor_get_session (editor);
  PepTable table = pep_record_get_table (record);
  guint n = 0;

  for (guint i = 0; i < pep_table_get_n_fields (table); i++)
    {
      const PepFieldInfo *info = pep_table_get_field (table, i);

      if (!pep_edit_session_field_applies (session, info) || info->section == PEP_SECTION_QA
          || info->type == PEP_VALUE_DATETIME
          || (table == PEP_TABLE_TARGET_REVIEW && i == PEP_TARGET_REVIEW_PREVIOUS_TARGET)
          || (table == PEP_TABLE_TARGET_REVIEW && i == PEP_TARGET_REVIEW_TARGET_TEXT)
          || !pep_edit_session_can_edit (session, pep_field_rows_edit_section (info)))
        continue;
      fill_field (editor, expected, record, i, pep_kind_to_nick (kind));
      n++;
    }
  return n;
}

static PepRecord *
find_record (PepPlan   *plan,
             PepTable   table,
             gint64     id)
{
  GPtrArray *rows;

  if (table == PEP_TABLE_PLAN)
    return pep_plan_get_content (plan);
  rows = pep_plan_get_rows (plan, table);
  for (guint i = 0; i < rows->len; i++)
    if (pep_record_get_id (g_ptr_array_index (rows, i)) == id)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* The file, and a new editor on it, hold exactly what was typed. */
static void
check_expected (PepPlanEditor *editor,
                PepStore      *store,
                gint64         plan_id,
                GPtrArray     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) plan = pep_store_load_plan (store, plan_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < expected->len; i++)
    {
      Expected *e = g_ptr_array_index (expected, i);
      PepRecord *record = find_record (plan, e->table, e->record_id);
      const PepFieldInfo *info = pep_table_get_field (e->table, e->field);
      GVariant *stored;
      GtkWidget *row;

      g_assert_nonnull (record);
      stored = pep_record_get (record, e->field);
      if (stored == NULL || !g_variant_equal (stored, e->value))
        {
          g_autofree char *want = g_variant_print (e->value, FALSE);
          g_autofree char *got = stored ? g_variant_print (stored, FALSE) : g_strdup ("nothing");
          g_error ("%s.%s: the file holds %s, not %s", pep_table_get_name (e->table), info->name,
                   got, want);
        }

      row = pep_plan_editor_find_row (editor, e->table, e->record_id, e->field);
      g_assert_nonnull (row);
      if (!is_text_row (row) && !ADW_IS_COMBO_ROW (row)
          && adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)) == NULL)
        {
          /* Shown for reading (the social worker's section, to the designated teacher). */
          g_autofree char *shown = e->typed && info->type != PEP_VALUE_DATE
                                   ? g_strdup (e->typed) : pep_field_format (info, e->value);

          g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), ==, shown);
        }
      else if (e->typed != NULL)
        {
          g_autofree char *shown = get_row_text (row);
          /* A day typed as 06/12/2026 comes back in the one form days are shown in. */
          g_autofree char *want = info->type == PEP_VALUE_DATE ? pep_field_format (info, e->value)
                                                               : g_strdup (e->typed);

          g_assert_cmpstr (shown, ==, want);
        }
      else if (ADW_IS_COMBO_ROW (row))
        g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (row)), ==, 1);
      else
        g_assert_true (gtk_switch_get_active (GTK_SWITCH (adw_action_row_get_activatable_widget (ADW_ACTION_ROW (row)))));
    }
}

typedef struct
{
  char      *dir;
  char      *path;
  PepStore  *store;
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  set_role ("designated-teacher");
  f->dir = test_make_tmpdir ();
  f->path = g_build_filename (f->dir, "peps.db", NULL);
  f->store = pep_store_open (f->path, PEP_STORE_OPEN_CREATE, &error);
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_assert_finalize_object (f->store);
  test_remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static PepRecord *
add_child (Fixture    *f,
           const char *forename,
           int         nc_year,
           const char *upn)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dob = years_ago (nc_year + 5);
  PepRecord *child = pep_record_new (PEP_TABLE_CHILD);

  pep_record_set_text (child, PEP_CHILD_LA_CHILD_ID, forename);
  pep_record_set_text (child, PEP_CHILD_LEGAL_FORENAME, forename);
  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, "Example");
  pep_record_set_text (child, PEP_CHILD_DOB, dob);
  pep_record_set_int (child, PEP_CHILD_NC_YEAR, nc_year);
  if (upn != NULL)
    pep_record_set_text (child, PEP_CHILD_UPN, upn);
  g_assert_true (pep_store_insert_child (f->store, child, &error));
  g_assert_no_error (error);
  return child;
}

/* A PEP of @kind for this term; school-age ones start from last term's, with a target. */
static gint64
add_plan (Fixture *f,
          PepKind  kind)
{
  static const int years[PEP_N_KINDS] = { -1, 5, 12, 13, 12 };
  g_autoptr(PepRecord) child = add_child (f, pep_kind_to_nick (kind), years[kind], NULL);
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  PepTermId term;

  test_current_term (&term);
  if (kind == PEP_KIND_SCHOOL_AGE)
    {
      PepTermId last = term;
      g_autoptr(PepPlan) previous = NULL;
      PepRecord *target;

      pep_term_step (&last, -1);
      previous = pep_plan_new (pep_record_get_id (child), &last, kind);
      target = pep_plan_add_row (previous, PEP_TABLE_TARGET);
      pep_record_set_text (target, PEP_TARGET_DESCRIPTION, "Read every night");
      g_assert_true (pep_store_insert_plan (f->store, previous, &error));
      plan = pep_plan_next_start (f->store, pep_record_get_id (child), &term, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_TARGET_REVIEW)->len, ==, 1);
    }
  else
    {
      plan = pep_plan_new (pep_record_get_id (child), &term, kind);
      g_assert_true (pep_store_insert_plan (f->store, plan, &error));
      g_assert_no_error (error);
    }
  return pep_plan_get_id (plan);
}

static void
test_fill_kind (Fixture       *f,
                gconstpointer  data)
{
  PepKind kind = GPOINTER_TO_UINT (data);
  gint64 plan_id = add_plan (f, kind);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (expected_free);
  PepPlanEditor *editor;
  PepEditSession *session;
  PepPlan *plan;
  PepWindow *window;
  GtkWidget *page;
  guint n_before;

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  session = pep_plan_editor_get_session (editor);
  plan = pep_edit_session_get_plan (session);

  /* The kind decides the sections. */
  g_assert_true ((pep_plan_editor_get_page (editor, PEP_SECTION_EARLY_YEARS) != NULL)
                 == (kind == PEP_KIND_EARLY_YEARS));
  g_assert_true ((pep_plan_editor_get_page (editor, PEP_SECTION_SOCIAL_EMOTIONAL) != NULL)
                 == (kind != PEP_KIND_EARLY_YEARS));
  g_assert_true ((pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id,
                                            PEP_PLAN_NEET_REENGAGEMENT) != NULL)
                 == (kind == PEP_KIND_NEET));
  g_assert_true ((pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id,
                                            PEP_PLAN_POST16_PROVIDER) != NULL)
                 == (kind >= PEP_KIND_POST_16));

  /* The designated teacher: every field of the school's sections. */
  g_assert_cmpuint (fill_record (editor, expected, pep_plan_get_content (plan), kind), >, 40);

  /* A new target, through the targets editor: its hint until it is SMART. */
  page = pep_plan_editor_get_page (editor, PEP_SECTION_TARGETS);
  g_assert_true (gtk_widget_activate_action (find_type (page, PEP_TYPE_TARGETS_EDITOR),
                                             "targets.add", NULL));
  iterate ();
  g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_TARGET)->len, ==, 1);
  {
    PepRecord *target = g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_TARGET), 0);
    PepTargetsEditor *targets = PEP_TARGETS_EDITOR (find_type (page, PEP_TYPE_TARGETS_EDITOR));

    g_assert_nonnull (pep_targets_editor_get_hint (targets, pep_record_get_id (target)));
    fill_record (editor, expected, target, kind);
    g_assert_null (pep_targets_editor_get_hint (targets, pep_record_get_id (target)));
  }

  /* A folded target's fields are made when it is opened, not before: a PEP of thirty
   * targets opens without making three hundred rows. */
  {
    g_autoptr(PepRecord) second = pep_record_new (PEP_TABLE_TARGET);
    g_autoptr(GError) error = NULL;
    GtkWidget *targets = find_type (page, PEP_TYPE_TARGETS_EDITOR);
    GtkWidget *folded = NULL;

    g_assert_true (pep_edit_session_add_row (pep_plan_editor_get_session (editor), second, &error));
    g_assert_no_error (error);
    iterate ();
    for (GtkWidget *w = find_type (targets, ADW_TYPE_EXPANDER_ROW); w != NULL;
         w = gtk_widget_get_next_sibling (w))
      if (ADW_IS_EXPANDER_ROW (w) && !adw_expander_row_get_expanded (ADW_EXPANDER_ROW (w)))
        folded = w;
    g_assert_nonnull (folded);
    g_assert_null (find_type (folded, ADW_TYPE_ENTRY_ROW));
    adw_expander_row_set_expanded (ADW_EXPANDER_ROW (folded), TRUE);
    g_assert_nonnull (find_type (folded, ADW_TYPE_ENTRY_ROW));
    g_assert_nonnull (pep_field_rows_find (folded, PEP_TABLE_TARGET, pep_record_get_id (second),
                                           PEP_TARGET_DESCRIPTION));
    g_assert_true (pep_edit_session_remove_row (pep_plan_editor_get_session (editor), second, &error));
    g_assert_no_error (error);
    iterate ();
  }

  /* A subject, through the attainment grid. */
  page = pep_plan_editor_get_page (editor, PEP_SECTION_ATTAINMENT);
  g_assert_true (gtk_widget_activate_action (find_type (page, PEP_TYPE_ATTAINMENT_GRID),
                                             "attainment.add", NULL));
  iterate ();
  g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_ATTAINMENT)->len, ==, 1);
  fill_record (editor, expected,
               g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_ATTAINMENT), 0), kind);

  /* The review of last term's target. */
  if (kind == PEP_KIND_SCHOOL_AGE)
    fill_record (editor, expected,
                 g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_TARGET_REVIEW), 0), kind);

  /* The social worker's section is not the designated teacher's to change. */
  g_assert_false (pep_edit_session_can_edit (session, PEP_SECTION_SOCIAL_WORKER));
  g_assert_false (ADW_IS_ENTRY_ROW (pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id,
                                                              PEP_PLAN_SW_CONTACTS)));

  /* The social worker fills it. Opening another PEP (the same, as the social worker)
   * writes everything typed so far. */
  set_role ("social-worker");
  editor = open_plan (window, plan_id);
  session = pep_plan_editor_get_session (editor);
  plan = pep_edit_session_get_plan (session);
  n_before = expected->len;
  g_assert_true (pep_edit_session_can_edit (session, PEP_SECTION_SOCIAL_WORKER));
  g_assert_false (pep_edit_session_can_edit (session, PEP_SECTION_VOICE));
  fill_record (editor, expected, pep_plan_get_content (plan), kind);
  g_assert_cmpuint (expected->len, >, n_before);

  close_window (window);

  /* A new window on the file finds exactly what was typed. */
  set_role ("designated-teacher");
  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  check_expected (editor, f->store, plan_id, expected);
  close_window (window);
}

static void
test_close_within_delay (Fixture       *f,
                         gconstpointer  data)
{
  gint64 plan_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  PepPlanEditor *editor;
  PepWindow *window;
  GtkWidget *row;

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id, PEP_PLAN_VOICE_HOPES);
  set_row_text (row, "To be a vet");
  g_assert_cmpuint (pep_edit_session_get_n_pending (pep_plan_editor_get_session (editor)), ==, 1);

  /* Closing writes it at once: it is in the file before the main loop runs again, so the
   * save timer (which only the main loop runs) cannot be what wrote it — however slow the
   * build, as under a sanitizer. */
  gtk_window_close (GTK_WINDOW (window));
  plan = pep_store_load_plan (f->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_VOICE_HOPES), ==,
                   "To be a vet");
  iterate ();
  test_wait_for_last_ref (window);
  g_assert_finalize_object (window);
}

static void
test_saved_after_delay (Fixture       *f,
                        gconstpointer  data)
{
  gint64 plan_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  PepPlanEditor *editor;
  PepWindow *window;
  GtkWidget *row;
  gint64 deadline;

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id, PEP_PLAN_CARER_VIEWS);
  set_row_text (row, "Settled and happy");

  /* With no other prompt — no flush, no close, only the main loop running — it is in the
   * file, written by the session's own timer, which fires within a second of the last
   * keystroke. The promise is the timer's; the test does not hold a loaded machine to the
   * second by the wall clock (it failed when other builds ran beside it), only to a minute. */
  g_assert_cmpuint (PEP_EDIT_SESSION_DELAY_MS, <=, 1000);
  g_assert_cmpuint (pep_edit_session_get_n_pending (pep_plan_editor_get_session (editor)), >, 0);
  deadline = g_get_monotonic_time ()
             + (gint64) (60 * test_time_scale () * G_USEC_PER_SEC);
  while (pep_edit_session_get_n_pending (pep_plan_editor_get_session (editor)) > 0
         && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  plan = pep_store_load_plan (f->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_CARER_VIEWS), ==,
                   "Settled and happy");

  /* And in the audit trail. */
  audit = pep_store_list_audit (f->store, PEP_TABLE_PLAN, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((PepAuditEntry *) g_ptr_array_index (audit, audit->len - 1))->field, ==,
                   "carer_views");
  close_window (window);
}

static void
type_invalid (PepPlanEditor *editor,
              gint64         plan_id,
              guint          field,
              const char    *text,
              const char    *message_part)
{
  GtkWidget *row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id, field);
  const char *message;

  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), text);
  message = pep_field_rows_get_message (row);
  if (message == NULL || strstr (message, message_part) == NULL)
    g_error ("“%s” in %s: expected a message with “%s”, got “%s”", text,
             pep_table_get_field (PEP_TABLE_PLAN, field)->name, message_part,
             message ? message : "(none)");
  g_assert_true (gtk_widget_has_css_class (row, "error"));
}

static void
test_invalid (Fixture       *f,
              gconstpointer  data)
{
  gint64 plan_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  g_autofree char *upn = pep_upn_make (999, 1001, 0, 1);
  g_autofree char *wrong = g_strdup (upn);
  g_autofree char *lower = g_ascii_strdown (upn, -1);
  g_autoptr(PepRecord) other = add_child (f, "Other", 5, upn);
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(PepRecord) child = NULL;
  g_autoptr(GError) error = NULL;
  PepPlanEditor *editor;
  PepChildPage *child_page;
  PepWindow *window;
  PepRecord *content;
  GtkWidget *row;
  g_autofree char *dob = NULL;
  GDate born;

  window = open_window (f->path);
  editor = open_plan (window, plan_id);

  /* A valid SDQ score, saved, shows its band; 41 then is refused and 15 stays. */
  row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id, PEP_PLAN_SDQ_TOTAL);
  gtk_editable_set_text (GTK_EDITABLE (row), "15");
  g_assert_null (pep_field_rows_get_message (row));
  g_assert_true (pep_plan_editor_flush (editor));
  type_invalid (editor, plan_id, PEP_PLAN_SDQ_TOTAL, "41", "between 0 and 40");
  type_invalid (editor, plan_id, PEP_PLAN_ATTENDANCE_TERM, "104", "between 0 and 100");
  type_invalid (editor, plan_id, PEP_PLAN_PPPLUS_ALLOCATED, "-25", "cannot be negative");
  type_invalid (editor, plan_id, PEP_PLAN_MEETING_DATE, "31/02/2025", "not a date that exists");

  /* A meeting before the child was born. */
  child = pep_store_load_child (f->store,
                                pep_plan_get_child_id (pep_edit_session_get_plan (pep_plan_editor_get_session (editor))),
                                &error);
  g_assert_no_error (error);
  pep_date_parse (pep_record_get_text (child, PEP_CHILD_DOB), &born);
  g_date_subtract_days (&born, 1);
  dob = g_strdup_printf ("%02u/%02u/%04u", g_date_get_day (&born), g_date_get_month (&born),
                         g_date_get_year (&born));
  type_invalid (editor, plan_id, PEP_PLAN_MEETING_DATE, dob, "before the child was born");
  /* Or one far in the future. */
  type_invalid (editor, plan_id, PEP_PLAN_MEETING_DATE, "01/01/2150", "too far ahead");

  /* A UPN with the wrong check letter, on the child's page; then one another child has. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.back", NULL));
  iterate ();
  g_assert_cmpstr (pep_window_get_visible_page (window), ==, "child");
  child_page = pep_window_get_child_page (window);
  row = pep_field_rows_find (GTK_WIDGET (child_page), PEP_TABLE_CHILD, pep_record_get_id (child),
                             PEP_CHILD_UPN);
  g_assert_nonnull (row);
  wrong[0] = wrong[0] == 'B' ? 'C' : 'B';
  gtk_editable_set_text (GTK_EDITABLE (row), wrong);
  g_assert_nonnull (pep_field_rows_get_message (row));
  g_assert_nonnull (strstr (pep_field_rows_get_message (row), "check letter"));
  gtk_editable_set_text (GTK_EDITABLE (row), lower);
  g_assert_null (pep_field_rows_get_message (row));
  pep_child_page_flush (child_page);
  g_assert_nonnull (pep_field_rows_get_message (row));
  g_assert_nonnull (strstr (pep_field_rows_get_message (row), "already recorded"));

  close_window (window);

  /* None of it was saved. */
  plan = pep_store_load_plan (f->store, plan_id, &error);
  g_assert_no_error (error);
  content = pep_plan_get_content (plan);
  g_assert_cmpint (pep_record_get_int (content, PEP_PLAN_SDQ_TOTAL, -1), ==, 15);
  g_assert_false (pep_record_has (content, PEP_PLAN_ATTENDANCE_TERM));
  g_assert_false (pep_record_has (content, PEP_PLAN_PPPLUS_ALLOCATED));
  g_assert_false (pep_record_has (content, PEP_PLAN_MEETING_DATE));
  g_clear_object (&child);
  child = pep_store_load_child (f->store, pep_plan_get_child_id (plan), &error);
  g_assert_no_error (error);
  g_assert_false (pep_record_has (child, PEP_CHILD_UPN));
}

static void
test_signed_off (Fixture       *f,
                 gconstpointer  data)
{
  gint64 plan_id = add_plan (f, PEP_KIND_POST_16);
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  PepPlanEditor *editor;
  PepWindow *window;
  GtkWidget *row;

  plan = pep_store_load_plan (f->store, plan_id, &error);
  g_assert_true (pep_store_set_plan_status (f->store, plan, PEP_STATUS_SIGNED_OFF, &error));
  g_assert_no_error (error);

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  g_assert_true (pep_edit_session_get_read_only (pep_plan_editor_get_session (editor)));
  /* Every field is there to read; none can be changed. */
  row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id, PEP_PLAN_VOICE_GOING_WELL);
  g_assert_nonnull (row);
  g_assert_false (ADW_IS_ENTRY_ROW (row));
  g_assert_false (ADW_IS_COMBO_ROW (pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id,
                                                              PEP_PLAN_POST16_STATUS)));
  pep_edit_session_set_value (pep_plan_editor_get_session (editor),
                              pep_plan_get_content (pep_plan_editor_get_plan (editor)),
                              PEP_PLAN_VOICE_GOING_WELL, g_variant_new_string ("Not kept"));
  g_assert_cmpuint (pep_edit_session_get_n_pending (pep_plan_editor_get_session (editor)), ==, 0);
  close_window (window);
}

/* Keyboard only: Tab reaches the sections, every kind of field and Submit; Ctrl+Page Down
 * (editor.next-section) moves on a section. */
static void
test_keyboard (Fixture       *f,
               gconstpointer  data)
{
  gint64 plan_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  gboolean seen_sidebar = FALSE, seen_entry = FALSE, seen_switch = FALSE, seen_combo = FALSE;
  gboolean seen_submit = FALSE, seen_text_view = FALSE;
  PepPlanEditor *editor;
  PepWindow *window;

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_MEETING);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.next-section", NULL));
  iterate ();
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_VOICE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.previous-section", NULL));
  iterate ();
  g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_MEETING);

  /* An entry takes the focus and Tab moves on from it. (A list box is entered again at the
   * row last focused in it, so the loop below, Tab alone, may come back to the section's
   * text views rather than its first entry.) */
  {
    GtkWidget *date = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id,
                                                PEP_PLAN_MEETING_DATE);
    GtkWidget *focus;

    g_assert_true (gtk_widget_grab_focus (date));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    seen_entry = focus != NULL && gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) == date;
    g_assert_true (gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD));
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_true (focus != NULL && gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) != date);
  }
  for (guint i = 0; i < 200; i++)
    {
      GtkWidget *focus;

      if (!gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (window), GTK_DIR_TAB_FORWARD);
      focus = gtk_root_get_focus (GTK_ROOT (window));
      if (focus == NULL)
        continue;
      seen_sidebar |= gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW) != NULL
                      && gtk_widget_has_css_class (gtk_widget_get_parent (gtk_widget_get_ancestor (focus, GTK_TYPE_LIST_BOX_ROW)),
                                                   "navigation-sidebar");
      seen_entry |= gtk_widget_get_ancestor (focus, ADW_TYPE_ENTRY_ROW) != NULL;
      seen_switch |= GTK_IS_SWITCH (focus);
      seen_text_view |= GTK_IS_TEXT_VIEW (focus);
      seen_combo |= gtk_widget_get_ancestor (focus, ADW_TYPE_COMBO_ROW) != NULL;
      seen_submit |= GTK_IS_BUTTON (focus)
                     && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (focus)),
                                   "editor.submit") == 0;
    }
  g_assert_true (seen_sidebar);
  g_assert_true (seen_entry);
  g_assert_true (seen_switch);
  g_assert_true (seen_text_view);
  g_assert_true (seen_combo);
  g_assert_true (seen_submit);
  close_window (window);
}

static AdwMessageDialog *
find_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (item) && gtk_widget_get_visible (GTK_WIDGET (item)))
        return ADW_MESSAGE_DIALOG (item);
    }
  return NULL;
}

static void
collect_buttons (GtkWidget *root,
                 GPtrArray *buttons)
{
  if (GTK_IS_BUTTON (root) && gtk_widget_get_ancestor (root, GTK_TYPE_LIST_BOX) != NULL)
    g_ptr_array_add (buttons, root);
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_buttons (child, buttons);
}

/* Submit checks the PEP first: an empty one is not submitted, and the dialog lists exactly
 * the required entries the sidebar counts as not made, each a button that goes to its
 * field. */
static void
test_submit_refused (Fixture       *f,
                     gconstpointer  data)
{
  gint64 plan_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  g_autoptr(PepPlan) plan = NULL;
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  PepPlanEditor *editor;
  PepWindow *window;

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (editor), "editor.submit", NULL));
  iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Not Ready to Submit");
  {
    PepEditSession *session = pep_plan_editor_get_session (editor);
    g_autoptr(GPtrArray) buttons = g_ptr_array_new ();
    g_autoptr(GPtrArray) missing = pep_edit_session_list_missing (session);
    guint counted = 0, n_attendance = 0;
    GtkWidget *focus, *row;

    /* The sidebar's counts, section by section, add up to the dialog's list. */
    for (PepSection section = PEP_SECTION_PEOPLE + 1; section < PEP_N_SECTIONS; section++)
      {
        GtkWidget *page = pep_plan_editor_get_page (editor, section);
        guint done, required;

        if (page == NULL)
          continue;
        pep_edit_session_count_required (session, section, &done, &required);
        counted += required - done;
      }
    collect_buttons (adw_message_dialog_get_extra_child (dialog), buttons);
    g_assert_cmpuint (counted, >, 0);
    g_assert_cmpuint (missing->len, ==, counted);
    g_assert_cmpuint (buttons->len, ==, counted);
    for (guint i = 0; i < missing->len; i++)
      if (((PepMissing *) g_ptr_array_index (missing, i))->section == PEP_SECTION_ATTENDANCE)
        n_attendance++;
    g_assert_cmpuint (n_attendance, ==, 1);
    /* Nothing from the attainment section, which has no lines and so nothing required. */
    for (guint i = 0; i < missing->len; i++)
      g_assert_cmpint (((PepMissing *) g_ptr_array_index (missing, i))->section, !=,
                       PEP_SECTION_ATTAINMENT);

    /* The attendance entry's button closes the dialog and puts the focus in that field. */
    for (guint i = 0; i < buttons->len; i++)
      {
        const char *text = gtk_label_get_text (GTK_LABEL (gtk_button_get_child (g_ptr_array_index (buttons, i))));

        if (strstr (text, "Attendance this term") != NULL)
          {
            g_signal_emit_by_name (g_ptr_array_index (buttons, i), "clicked");
            break;
          }
      }
    iterate ();
    g_assert_null (find_dialog ());
    g_assert_cmpint (pep_plan_editor_get_section (editor), ==, PEP_SECTION_ATTENDANCE);
    row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id, PEP_PLAN_ATTENDANCE_TERM);
    focus = gtk_root_get_focus (GTK_ROOT (window));
    g_assert_nonnull (focus);
    g_assert_true (focus == row || gtk_widget_is_ancestor (focus, row));
  }
  close_window (window);

  plan = pep_store_load_plan (f->store, plan_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (pep_plan_get_status (plan), ==, PEP_STATUS_DRAFT);
}

/* A funding request added, filled, reopened, then removed, all through the widgets; the
 * Virtual School's decision is shown, not editable. */
static void
test_funding_request (Fixture       *f,
                      gconstpointer  data)
{
  gint64 plan_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  g_autoptr(GError) error = NULL;
  PepPlanEditor *editor;
  PepPlan *plan;
  PepWindow *window;
  GtkWidget *page, *rows_editor, *row;
  PepRecord *request;
  gint64 request_id;
  AdwMessageDialog *dialog;

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  plan = pep_edit_session_get_plan (pep_plan_editor_get_session (editor));
  page = pep_plan_editor_get_page (editor, PEP_SECTION_PPPLUS);
  g_assert_nonnull (page);
  rows_editor = find_type (page, PEP_TYPE_TARGETS_EDITOR);
  g_assert_nonnull (rows_editor);
  g_assert_true (gtk_widget_activate_action (rows_editor, "targets.add", NULL));
  iterate ();
  g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_FUNDING_REQUEST)->len, ==, 1);
  g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_TARGET)->len, ==, 0);
  request = g_ptr_array_index (pep_plan_get_rows (plan, PEP_TABLE_FUNDING_REQUEST), 0);
  request_id = pep_record_get_id (request);
  g_assert_cmpint (request_id, >, 0);
  g_assert_nonnull (pep_targets_editor_get_hint (PEP_TARGETS_EDITOR (rows_editor), request_id));

  /* A negative amount is refused under its field. */
  row = pep_plan_editor_find_row (editor, PEP_TABLE_FUNDING_REQUEST, request_id,
                                  PEP_FUNDING_REQUEST_AMOUNT);
  g_assert_true (ADW_IS_ENTRY_ROW (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "-£20");
  g_assert_nonnull (pep_field_rows_get_message (row));
  gtk_editable_set_text (GTK_EDITABLE (row), "£1,250.00");
  g_assert_null (pep_field_rows_get_message (row));
  set_row_text (pep_plan_editor_find_row (editor, PEP_TABLE_FUNDING_REQUEST, request_id,
                                          PEP_FUNDING_REQUEST_RATIONALE),
                "Reading age two years behind.\nNeeds one-to-one tuition.");
  set_row_text (pep_plan_editor_find_row (editor, PEP_TABLE_FUNDING_REQUEST, request_id,
                                          PEP_FUNDING_REQUEST_INTERVENTION),
                "Reading Recovery, three sessions a week");
  set_row_text (pep_plan_editor_find_row (editor, PEP_TABLE_FUNDING_REQUEST, request_id,
                                          PEP_FUNDING_REQUEST_EXPECTED_OUTCOME),
                "Reading age up a year by July");
  g_assert_null (pep_targets_editor_get_hint (PEP_TARGETS_EDITOR (rows_editor), request_id));

  /* The decision is the Virtual School's: shown to the school, not editable. */
  row = pep_plan_editor_find_row (editor, PEP_TABLE_FUNDING_REQUEST, request_id,
                                  PEP_FUNDING_REQUEST_DECISION);
  g_assert_nonnull (row);
  g_assert_false (ADW_IS_COMBO_ROW (row));
  row = pep_plan_editor_find_row (editor, PEP_TABLE_FUNDING_REQUEST, request_id,
                                  PEP_FUNDING_REQUEST_DECISION_NOTE);
  g_assert_nonnull (row);
  g_assert_false (is_text_row (row));
  close_window (window);

  /* Reopened: in the file and in the editor. */
  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  {
    g_autoptr(PepPlan) stored = pep_store_load_plan (f->store, plan_id, &error);
    PepRecord *r;
    g_autofree char *shown = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (pep_plan_get_rows (stored, PEP_TABLE_FUNDING_REQUEST)->len, ==, 1);
    r = g_ptr_array_index (pep_plan_get_rows (stored, PEP_TABLE_FUNDING_REQUEST), 0);
    g_assert_cmpint (pep_record_get_id (r), ==, request_id);
    g_assert_cmpint (pep_record_get_int (r, PEP_FUNDING_REQUEST_AMOUNT, -1), ==, 125000);
    g_assert_cmpstr (pep_record_get_text (r, PEP_FUNDING_REQUEST_RATIONALE), ==,
                     "Reading age two years behind.\nNeeds one-to-one tuition.");
    g_assert_cmpstr (pep_record_get_text (r, PEP_FUNDING_REQUEST_INTERVENTION), ==,
                     "Reading Recovery, three sessions a week");
    g_assert_cmpstr (pep_record_get_text (r, PEP_FUNDING_REQUEST_EXPECTED_OUTCOME), ==,
                     "Reading age up a year by July");
    shown = get_row_text (pep_plan_editor_find_row (editor, PEP_TABLE_FUNDING_REQUEST, request_id,
                                                    PEP_FUNDING_REQUEST_RATIONALE));
    g_assert_cmpstr (shown, ==, "Reading age two years behind.\nNeeds one-to-one tuition.");
  }

  /* Removed, after the confirmation. */
  page = pep_plan_editor_get_page (editor, PEP_SECTION_PPPLUS);
  rows_editor = find_type (page, PEP_TYPE_TARGETS_EDITOR);
  g_assert_true (gtk_widget_activate_action (rows_editor, "targets.remove", "x", request_id));
  iterate ();
  dialog = find_dialog ();
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "remove");
  iterate ();
  plan = pep_edit_session_get_plan (pep_plan_editor_get_session (editor));
  g_assert_cmpuint (pep_plan_get_rows (plan, PEP_TABLE_FUNDING_REQUEST)->len, ==, 0);
  g_assert_null (pep_plan_editor_find_row (editor, PEP_TABLE_FUNDING_REQUEST, request_id,
                                           PEP_FUNDING_REQUEST_AMOUNT));
  close_window (window);

  window = open_window (f->path);
  close_window (window);
  {
    g_autoptr(PepPlan) stored = pep_store_load_plan (f->store, plan_id, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (pep_plan_get_rows (stored, PEP_TABLE_FUNDING_REQUEST)->len, ==, 0);
  }
}

/* Several lines of the child's own words, typed through the text view, the window closed
 * within the save delay: reopened, exactly what was typed, new line and all. */
static void
test_multi_line (Fixture       *f,
                 gconstpointer  data)
{
  static const char words[] = "I like art and football.\nMaths is hard when it is noisy.";
  gint64 plan_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  g_autoptr(GError) error = NULL;
  PepPlanEditor *editor;
  PepWindow *window;
  GtkWidget *row;
  GtkTextView *view;
  GtkTextBuffer *buffer;
  GtkTextIter end;
  g_autofree char *shown = NULL;

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id, PEP_PLAN_VOICE_GOING_WELL);
  g_assert_nonnull (row);
  view = pep_field_rows_get_text_view (row);
  g_assert_nonnull (view);
  g_assert_false (gtk_text_view_get_accepts_tab (view));
  g_assert_cmpint (gtk_text_view_get_wrap_mode (view), !=, GTK_WRAP_NONE);
  /* A short field stays an entry. */
  g_assert_true (ADW_IS_ENTRY_ROW (pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id,
                                                             PEP_PLAN_SE_TRUSTED_ADULT)));

  /* Typed as a person types: at the cursor, a line at a time. */
  buffer = gtk_text_view_get_buffer (view);
  for (const char *line = words; *line != '\0';)
    {
      const char *nl = strchr (line, '\n');
      gsize len = nl != NULL ? (gsize) (nl - line) + 1 : strlen (line);

      gtk_text_buffer_get_end_iter (buffer, &end);
      gtk_text_buffer_insert_interactive (buffer, &end, line, (int) len, TRUE);
      line += len;
    }
  g_assert_cmpuint (pep_edit_session_get_n_pending (pep_plan_editor_get_session (editor)), ==, 1);

  /* Written by the close itself, before the main loop (and so the save timer) runs again. */
  gtk_window_close (GTK_WINDOW (window));
  {
    g_autoptr(PepPlan) plan = pep_store_load_plan (f->store, plan_id, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (plan), PEP_PLAN_VOICE_GOING_WELL),
                     ==, words);
  }
  iterate ();
  test_wait_for_last_ref (window);
  g_assert_finalize_object (window);
  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  shown = get_row_text (pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, plan_id,
                                                  PEP_PLAN_VOICE_GOING_WELL));
  g_assert_cmpstr (shown, ==, words);
  close_window (window);
}

/* Another PEP opens in the pages made for the one before: the same widgets show its values,
 * take its edits, and the PEP before keeps its own. */
static void
test_pages_kept (Fixture       *f,
                 gconstpointer  data)
{
  gint64 first_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  gint64 second_id = add_plan (f, PEP_KIND_NEET);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) first = NULL;
  g_autoptr(PepPlan) second = NULL;
  g_autofree char *shown = NULL;
  PepPlanEditor *editor;
  PepWindow *window;
  GtkWidget *page, *row, *undo_row;

  window = open_window (f->path);
  editor = open_plan (window, first_id);
  g_assert_true (pep_plan_editor_select_section (editor, PEP_SECTION_VOICE));
  page = pep_plan_editor_get_page (editor, PEP_SECTION_VOICE);
  row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, first_id, PEP_PLAN_VOICE_HARD);
  g_assert_nonnull (row);
  set_row_text (row, "Reading aloud in class");
  g_assert_true (pep_plan_editor_flush (editor));

  /* Back to the list, then the other PEP: the same page and row, showing the other's. */
  editor = open_plan (window, second_id);
  g_assert_true (pep_plan_editor_select_section (editor, PEP_SECTION_VOICE));
  g_assert_true (pep_plan_editor_get_page (editor, PEP_SECTION_VOICE) == page);
  undo_row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, second_id, PEP_PLAN_VOICE_HARD);
  g_assert_true (undo_row == row);
  g_assert_null (pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, first_id, PEP_PLAN_VOICE_HARD));
  shown = get_row_text (row);
  g_assert_cmpstr (shown, ==, "");
  /* Undo does not bring back the first PEP's text into the second. */
  g_assert_false (gtk_text_buffer_get_can_undo (gtk_text_view_get_buffer (pep_field_rows_get_text_view (row))));
  set_row_text (row, "Maths homework");
  g_assert_true (pep_plan_editor_flush (editor));

  first = pep_store_load_plan (f->store, first_id, &error);
  g_assert_no_error (error);
  second = pep_store_load_plan (f->store, second_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (first), PEP_PLAN_VOICE_HARD), ==,
                   "Reading aloud in class");
  g_assert_cmpstr (pep_record_get_text (pep_plan_get_content (second), PEP_PLAN_VOICE_HARD), ==,
                   "Maths homework");

  /* And back to the first: its text again. */
  editor = open_plan (window, first_id);
  row = pep_plan_editor_find_row (editor, PEP_TABLE_PLAN, first_id, PEP_PLAN_VOICE_HARD);
  g_clear_pointer (&shown, g_free);
  shown = get_row_text (row);
  g_assert_cmpstr (shown, ==, "Reading aloud in class");

  close_window (window);
}

/* Rows made over frames: the first at once, the rest in the frames after the first. */
static guint
count_type (GtkWidget *root,
            GType      type)
{
  guint n;

  /* Shown: a row kept hidden for later is not. */
  if (!gtk_widget_get_visible (root))
    return 0;
  n = G_TYPE_CHECK_INSTANCE_TYPE (root, type) ? 1 : 0;

  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    n += count_type (child, type);
  return n;
}

/* A PEP at the validator's limit of targets shows its first targets at once and the others
 * in the frames that follow; a "go to field" link reaches a target not made yet. */
static void
test_many_targets (Fixture       *f,
                   gconstpointer  data)
{
  gint64 plan_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  guint n_targets = pep_validator_max_rows (PEP_TABLE_TARGET);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) stored = pep_store_load_plan (f->store, plan_id, &error);
  gint64 last_id = 0;
  gint64 deadline;
  guint source;
  PepPlanEditor *editor;
  PepWindow *window;
  GtkWidget *page, *targets, *row, *expander, *first_row;
  g_autofree char *first_title = NULL;

  g_assert_no_error (error);
  for (guint i = pep_plan_get_rows (stored, PEP_TABLE_TARGET)->len; i < n_targets; i++)
    {
      g_autoptr(PepRecord) target = pep_record_new (PEP_TABLE_TARGET);
      g_autofree char *text = g_strdup_printf ("Target number %u", i + 1);

      pep_record_set_text (target, PEP_TARGET_DESCRIPTION, text);
      g_assert_true (pep_store_add_plan_row (f->store, stored, target, &error));
      g_assert_no_error (error);
      last_id = pep_record_get_id (target);
    }

  window = open_window (f->path);
  editor = open_plan (window, plan_id);
  g_assert_true (pep_plan_editor_select_section (editor, PEP_SECTION_TARGETS));
  page = pep_plan_editor_get_page (editor, PEP_SECTION_TARGETS);
  targets = find_type (page, PEP_TYPE_TARGETS_EDITOR);
  g_assert_nonnull (targets);
  g_assert_cmpuint (count_type (targets, ADW_TYPE_EXPANDER_ROW), >, 0);
  g_assert_cmpuint (count_type (targets, ADW_TYPE_EXPANDER_ROW), <, n_targets);

  /* The frames that follow make the others, in order. */
  deadline = g_get_monotonic_time () + (gint64) (60 * test_time_scale () * G_USEC_PER_SEC);
  source = g_timeout_add (20, wake, NULL);
  while (count_type (targets, ADW_TYPE_EXPANDER_ROW) < n_targets)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Only %u of %u targets were shown after a minute",
                 count_type (targets, ADW_TYPE_EXPANDER_ROW), n_targets);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (source);
  g_assert_cmpuint (count_type (targets, ADW_TYPE_EXPANDER_ROW), ==, n_targets);
  row = pep_field_rows_find (targets, PEP_TABLE_TARGET, last_id, PEP_TARGET_DESCRIPTION);
  g_assert_nonnull (row);
  expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (expander)), ==,
                   "Target number 30");

  /* Opened again: the rows made are kept (those never opened), showing the same targets;
   * the last target's field is found before any frame has made its row. */
  first_row = find_type (targets, ADW_TYPE_EXPANDER_ROW);
  first_title = g_strdup (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)));
  editor = open_plan (window, plan_id);
  g_assert_true (pep_plan_editor_select_section (editor, PEP_SECTION_TARGETS));
  targets = find_type (pep_plan_editor_get_page (editor, PEP_SECTION_TARGETS),
                       PEP_TYPE_TARGETS_EDITOR);
  g_assert_cmpuint (count_type (targets, ADW_TYPE_EXPANDER_ROW), <, n_targets);
  g_assert_true (find_type (targets, ADW_TYPE_EXPANDER_ROW) == first_row);
  g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (first_row)), ==, first_title);
  row = pep_plan_editor_find_row (editor, PEP_TABLE_TARGET, last_id, PEP_TARGET_DESCRIPTION);
  g_assert_nonnull (row);
  g_assert_cmpuint (count_type (targets, ADW_TYPE_EXPANDER_ROW), ==, n_targets);

  close_window (window);
}

static void
wait_for_rows (GtkWidget *targets,
               guint      n)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) (60 * test_time_scale () * G_USEC_PER_SEC);
  guint source = g_timeout_add (20, wake, NULL);

  while (count_type (targets, ADW_TYPE_EXPANDER_ROW) < n)
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Only %u of %u targets were shown after a minute",
                 count_type (targets, ADW_TYPE_EXPANDER_ROW), n);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (source);
}

/* A PEP with few targets opened between two with many costs no rows: the rows it does not
 * need are kept hidden, and show the next PEP's targets, in order; the review of the last
 * PEP's targets keeps its rows too, bound to the new PEP's reviews. */
static void
test_few_targets_between (Fixture       *f,
                          gconstpointer  data)
{
  gint64 many_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  gint64 few_id = add_plan (f, PEP_KIND_SCHOOL_AGE);
  guint n_targets = pep_validator_max_rows (PEP_TABLE_TARGET);
  g_autoptr(GError) error = NULL;
  g_autoptr(PepPlan) many = pep_store_load_plan (f->store, many_id, &error);
  g_autoptr(PepPlan) few = pep_store_load_plan (f->store, few_id, &error);
  gint64 few_review_id;
  guint n_few, n_made;
  PepPlanEditor *editor;
  PepWindow *window;
  GtkWidget *page, *targets, *review, *first_row, *review_row, *row;

  g_assert_no_error (error);
  for (guint i = pep_plan_get_rows (many, PEP_TABLE_TARGET)->len; i < n_targets; i++)
    {
      g_autoptr(PepRecord) target = pep_record_new (PEP_TABLE_TARGET);
      g_autofree char *text = g_strdup_printf ("Target number %u", i + 1);

      pep_record_set_text (target, PEP_TARGET_DESCRIPTION, text);
      g_assert_true (pep_store_add_plan_row (f->store, many, target, &error));
      g_assert_no_error (error);
    }
  n_few = pep_plan_get_rows (few, PEP_TABLE_TARGET)->len;
  g_assert_cmpuint (n_few, <, 6);
  g_assert_cmpuint (pep_plan_get_rows (few, PEP_TABLE_TARGET_REVIEW)->len, ==, 1);
  few_review_id = pep_record_get_id (g_ptr_array_index (pep_plan_get_rows (few, PEP_TABLE_TARGET_REVIEW), 0));

  window = open_window (f->path);
  editor = open_plan (window, many_id);
  g_assert_true (pep_plan_editor_select_section (editor, PEP_SECTION_TARGETS));
  page = pep_plan_editor_get_page (editor, PEP_SECTION_TARGETS);
  targets = find_type (page, PEP_TYPE_TARGETS_EDITOR);
  review = find_type (page, PEP_TYPE_TARGET_REVIEW);
  wait_for_rows (targets, n_targets);
  first_row = find_type (targets, ADW_TYPE_EXPANDER_ROW);
  review_row = find_type (review, ADW_TYPE_EXPANDER_ROW);
  g_assert_nonnull (review_row);
  g_object_ref (first_row);
  g_object_ref (review_row);

  /* The PEP with few targets: only its rows shown, no row made or thrown away. */
  n_made = 0;
  editor = open_plan (window, few_id);
  g_assert_true (pep_plan_editor_select_section (editor, PEP_SECTION_TARGETS));
  g_assert_true (pep_plan_editor_get_page (editor, PEP_SECTION_TARGETS) == page);
  iterate ();
  g_assert_cmpuint (count_type (targets, ADW_TYPE_EXPANDER_ROW), ==, n_few);
  for (GtkWidget *w = find_type (targets, ADW_TYPE_EXPANDER_ROW); w != NULL;
       w = gtk_widget_get_next_sibling (w))
    if (ADW_IS_EXPANDER_ROW (w))
      n_made++;
  g_assert_cmpuint (n_made, ==, n_targets);
  /* Its review in the row made for the other's, bound to its own review. */
  g_assert_true (find_type (review, ADW_TYPE_EXPANDER_ROW) == review_row);
  row = pep_field_rows_find (review, PEP_TABLE_TARGET_REVIEW, few_review_id,
                             PEP_TARGET_REVIEW_OUTCOME);
  g_assert_nonnull (row);
  g_assert_true (gtk_widget_is_ancestor (row, review_row));

  /* The PEP with many again: the same rows, every target shown in order. */
  editor = open_plan (window, many_id);
  g_assert_true (pep_plan_editor_select_section (editor, PEP_SECTION_TARGETS));
  g_assert_true (find_type (targets, ADW_TYPE_EXPANDER_ROW) == first_row);
  wait_for_rows (targets, n_targets);
  {
    GPtrArray *rows = pep_plan_get_rows (many, PEP_TABLE_TARGET);
    guint i = 0;

    for (GtkWidget *w = first_row; w != NULL; w = gtk_widget_get_next_sibling (w))
      if (ADW_IS_EXPANDER_ROW (w) && gtk_widget_get_visible (w))
        {
          PepRecord *target = g_ptr_array_index (rows, i++);

          g_assert_cmpstr (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (w)), ==,
                           pep_record_get_text (target, PEP_TARGET_DESCRIPTION));
          g_assert_nonnull (pep_field_rows_find (w, PEP_TABLE_TARGET, pep_record_get_id (target),
                                                 PEP_TARGET_DESCRIPTION));
        }
    g_assert_cmpuint (i, ==, n_targets);
  }
  g_object_unref (first_row);
  g_object_unref (review_row);
  close_window (window);
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  for (PepKind kind = 0; kind < PEP_N_KINDS; kind++)
    {
      g_autofree char *path = g_strdup_printf ("/pep/editor/fill-%s", pep_kind_to_nick (kind));

      g_test_add (path, Fixture, GUINT_TO_POINTER (kind), fixture_set_up, test_fill_kind,
                  fixture_tear_down);
    }
#define ADD(name, func) \
  g_test_add ("/pep/editor/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("close-within-delay", test_close_within_delay);
  ADD ("saved-after-delay", test_saved_after_delay);
  ADD ("invalid-not-saved", test_invalid);
  ADD ("signed-off-read-only", test_signed_off);
  ADD ("keyboard", test_keyboard);
  ADD ("submit-refused", test_submit_refused);
  ADD ("funding-request", test_funding_request);
  ADD ("multi-line-text", test_multi_line);
  ADD ("many-targets", test_many_targets);
  ADD ("few-targets-between", test_few_targets_between);
  ADD ("pages-kept", test_pages_kept);
#undef ADD

  return g_test_run ();
}
