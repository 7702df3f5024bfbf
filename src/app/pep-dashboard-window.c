/* pep-dashboard-window.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The figures are worked out on a worker thread that opens its own PepStore on the file (a
 * PepStore belongs to one thread), and come back to the main thread as PepFigures. One run
 * computes the chosen term with the chosen breakdown and, when the term or the cohort rule
 * changed, the whole Virtual School for the terms before it (the scorecard's previous period
 * and the charts across terms); changing only the breakdown reuses those. A newer request
 * cancels the one under way, whose result is then dropped.
 */

#define G_LOG_DOMAIN "pep-dashboard"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "pep-accessible.h"
#include "pep-application.h"
#include "pep-csv.h"
#include "pep-dashboard-window.h"
#include "pep-help.h"
#include "pep-stats-row.h"
#include "pep-tamper-dialog.h"
#include "pep-window.h"

/* The periods offered: this term and those before it, then this academic year and those
 * before it; and how many terms the charts go back over for a term. */
#define N_TERM_CHOICES 9
#define N_YEAR_CHOICES 3
#define N_HISTORY      6

/* The height of a row of the figures table, in pixels (the header's is much the same). */
#define TABLE_ROW_HEIGHT 36

typedef struct
{
  char          *path;
  PepTermId      term;
  int            year;                     /* an academic year, or −1 for the term */
  PepCohortRule  rule;
  PepBreakdown   breakdown;
  GDate          today;
  gboolean       want_history;
  GPtrArray     *authorities;              /* the rule's: the file's profiles, … */
  PepAuthority  *authority;                /* … and the one whose figures these are */
  char          *filter_group;             /* the rule's, owned here */
} ComputeJob;

typedef struct
{
  GPtrArray  *figures;       /* PepFigures: the period, whole first, then the groups */
  GPtrArray  *series;        /* PepFigures: the whole for each term the charts show, oldest
                              * first; NULL when only the breakdown changed */
  GArray     *series_terms;  /* PepTermId, alongside series */
  PepFigures *previous;      /* the whole for the period before, for the scorecard */
  GPtrArray  *tampered;      /* PepTamperedPlan: the PEPs the last signature check found
                              * failing, which no figure counts as authorised */
} ComputeResult;

struct _PepDashboardWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template widgets */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  GtkSpinner           *spinner;
  GtkSpinner           *loading_spinner;
  GtkDropDown          *term_dropdown;
  GtkDropDown          *cohort_dropdown;
  GtkWidget            *authority_label;
  GtkDropDown          *authority_dropdown;
  GtkDropDown          *breakdown_dropdown;
  GtkStack             *stack;
  AdwStatusPage        *error_page;
  GtkLabel             *cohort_label;
  GtkWidget            *filter_box;
  GtkLabel             *filter_label;
  GtkFlowBox           *tiles_box;
  PepChart             *sections_chart;
  PepChart             *terms_chart;
  PepChart             *trend_chart;
  GtkLabel             *table_title;
  GtkColumnView        *table_view;
  GtkScrolledWindow    *table_window;
  GtkWidget            *figures_box;
  GtkRevealer          *tamper_banner;
  GtkLabel             *tamper_label;

  /* Owned references */
  GCancellable         *cancellable;
  GPtrArray            *figures;
  GPtrArray            *series;
  GArray               *series_terms;
  PepFigures           *previous;
  GListStore           *rows;
  GtkStringList        *term_names;
  GPtrArray            *tampered;

  PepWorkContext       *context;
  char                 *la_code;            /* whose children and rules; NULL: the file's own */
  gboolean              filling;            /* the authorities' menu being filled */

  /* Plain state */
  char                 *path;
  PepBreakdown          filter_by;          /* only one group's children: by what, … */
  char                 *filter_group;       /* … and which; NULL for everyone */
  char                 *history_filter;     /* the filter the series was computed for */
  PepTermId             terms[N_TERM_CHOICES];
  int                   years[N_YEAR_CHOICES];
  guint                 history_period;     /* the choice the series was computed for */
  PepDashboardCohort    history_cohort;
  gboolean              has_history;
  gboolean              busy;
  gboolean              columns_made;
};

G_DEFINE_FINAL_TYPE (PepDashboardWindow, pep_dashboard_window, ADW_TYPE_APPLICATION_WINDOW)

static void recompute (PepDashboardWindow *self);

static void
compute_job_free (gpointer data)
{
  ComputeJob *job = data;

  g_free (job->path);
  g_free (job->filter_group);
  g_clear_pointer (&job->authorities, g_ptr_array_unref);
  g_clear_object (&job->authority);
  g_free (job);
}

static void
compute_result_free (gpointer data)
{
  ComputeResult *result = data;

  g_clear_pointer (&result->figures, g_ptr_array_unref);
  g_clear_pointer (&result->series, g_ptr_array_unref);
  g_clear_pointer (&result->series_terms, g_array_unref);
  g_clear_pointer (&result->previous, pep_figures_free);
  g_clear_pointer (&result->tampered, g_ptr_array_unref);
  g_free (result);
}

static void
show_toast (PepDashboardWindow *self,
            const char         *text)
{
  g_autofree char *escaped = g_markup_escape_text (text, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
  pep_accessible_announce (GTK_WIDGET (self), text);
}

static void
today (GDate *date)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  g_date_clear (date, 1);
  g_date_set_dmy (date, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
}

/* The authority the figures are for: the one chosen, or the file's own. */
static PepAuthority *
chosen_authority (PepDashboardWindow *self)
{
  PepAuthority *authority = pep_work_context_find (self->context, self->la_code);

  return authority ? authority : pep_work_context_get_own (self->context);
}

/* The authority's rule, its cohort as chosen: pepctl stats --authority CODE --cohort RULE. */
static void
rule_for (PepDashboardWindow *self,
          PepDashboardCohort  cohort,
          PepCohortRule      *rule)
{
  PepCohortRule shape;

  pep_cohort_rule_init_for (rule, chosen_authority (self), pep_work_context_get_authorities (self->context));
  pep_cohort_rule_init_named (&shape, cohort == PEP_DASHBOARD_COHORT_SCHOOL_AGE
                                      ? "school-age-28-days" : "years1-11-month", NULL);
  rule->first_year = shape.first_year;
  rule->last_year = shape.last_year;
  rule->min_days = shape.min_days;
  rule->min_months = shape.min_months;
}

/* Formatting ---------------------------------------------------------------------------- */

/* A percentage to one decimal, rounded half up as pep_stats_percent() rounds counts. The
 * values are ratios of counts, so a true half lies far above the error of a double. */
static char *
format_value (double   value,
              gboolean is_percent)
{
  if (isnan (value))
    return g_strdup ("–");
  if (is_percent)
    return g_strdup_printf ("%.1f%%", floor (value * 10 + 0.5 + 1e-9) / 10);
  return g_strdup_printf ("%.0f", value);
}

static char *
format_variance (double   value,
                 double   target,
                 gboolean is_percent)
{
  g_autofree char *number = NULL;
  double variance;

  if (isnan (value) || isnan (target))
    return NULL;
  variance = is_percent ? floor ((value - target) * 10 + 0.5 + 1e-9) / 10 : value - target;
  number = is_percent ? g_strdup_printf ("%+.1f", variance) : g_strdup_printf ("%+.0f", variance);
  /* A true minus sign, as a printed report has it. */
  if (number[0] == '-')
    {
      char *minus = g_strconcat ("−", number + 1, NULL);

      g_free (number);
      number = minus;
    }
  if (is_percent)
    /* Translators: the difference from a target, in percentage points */
    return g_strdup_printf (_("%s points"), number);
  return g_steal_pointer (&number);
}

/* Scorecard ----------------------------------------------------------------------------- */

static GtkWidget *
tile_label (GtkWidget  *box,
            const char *text,
            const char *css_class)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (GTK_BOX (box), label);
  return label;
}

/* A tile in the scorecard's list, named by what it measures and its value and described by
 * the rest, as it reads on screen (GTK 4.8 would call it a grid cell named by its class). */
static GtkWidget *
tile_child_new (GtkWidget *box)
{
  GtkWidget *child = g_object_new (GTK_TYPE_FLOW_BOX_CHILD,
                                   "accessible-role", GTK_ACCESSIBLE_ROLE_LIST_ITEM,
                                   "child", box,
                                   NULL);
  g_autoptr(GString) description = g_string_new (NULL);
  g_autofree char *name = NULL;
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *value = gtk_widget_get_next_sibling (title);

  /* Translators: a scorecard tile as a screen reader names it: what it measures, its value */
  name = g_strdup_printf (_("%s: %s"), gtk_label_get_text (GTK_LABEL (title)),
                          gtk_label_get_text (GTK_LABEL (value)));
  for (GtkWidget *label = gtk_widget_get_next_sibling (value); label != NULL;
       label = gtk_widget_get_next_sibling (label))
    g_string_append_printf (description, "%s%s", description->len > 0 ? ". " : "",
                            gtk_label_get_text (GTK_LABEL (label)));
  gtk_accessible_update_property (GTK_ACCESSIBLE (child),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name, -1);
  pep_accessible_describe (child, description->str);
  return child;
}

/* One tile: what it measures, the value, the target and how far off it is, the previous
 * term (or year) and the trend, in words beside the symbol, and which way is good. */
static GtkWidget *
tile_new (const PepScoreTile *tile,
          gboolean            year)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  PepTrend trend = pep_score_tile_trend (tile);
  g_autofree char *value = format_value (tile->value, tile->is_percent);
  g_autofree char *target = NULL;
  g_autofree char *previous = NULL;
  g_autofree char *trend_text = NULL;
  g_autofree char *variance = format_variance (tile->value, tile->target, tile->is_percent);
  static const char *trend_words[] = { N_("Improved"), N_("Same"), N_("Deteriorated") };
  static const char *trend_classes[] = { "improved", "same", "deteriorated" };

  gtk_widget_add_css_class (box, "card");
  gtk_widget_add_css_class (box, "pep-tile");

  tile_label (box, _(tile->label), "pep-tile-title");
  tile_label (box, value, "pep-tile-value");
  if (tile->is_percent && tile->denominator > 0)
    {
      /* Translators: the counts behind a percentage, like "408 of 411" */
      g_autofree char *counts = g_strdup_printf (_("%u of %u"), tile->numerator, tile->denominator);

      tile_label (box, counts, "pep-tile-detail");
    }

  if (!isnan (tile->target))
    {
      g_autofree char *target_value = format_value (tile->target, tile->is_percent);

      /* Translators: a target, then the variance from it */
      target = g_strdup_printf (_("Target %s, variance %s"), target_value, variance);
    }
  else
    {
      target = g_strdup (_("No target"));
    }
  tile_label (box, target, "pep-tile-detail");

  if (trend == PEP_TREND_NONE)
    {
      tile_label (box, year ? _("No previous year") : _("No previous term"), "pep-tile-detail");
      trend_text = g_strdup (_("No trend yet"));
    }
  else
    {
      g_autofree char *previous_value = format_value (tile->previous, tile->is_percent);

      previous = g_strdup_printf (year ? _("Previous year %s") : _("Previous term %s"), previous_value);
      tile_label (box, previous, "pep-tile-detail");
      /* Translators: a trend symbol (▲ ▬ ▼), then the trend in words */
      trend_text = g_strdup_printf (_("%s %s"), pep_trend_symbol (trend), _(trend_words[trend]));
    }
  {
    GtkWidget *label = tile_label (box, trend_text, "pep-tile-trend");

    if (trend != PEP_TREND_NONE)
      gtk_widget_add_css_class (label, trend_classes[trend]);
  }
  tile_label (box, tile->high_is_good ? _("High is good") : _("Low is good"), "pep-tile-detail");

  return tile_child_new (box);
}

static void
update_tiles (PepDashboardWindow *self,
              const PepFigures   *now,
              const PepFigures   *previous,
              gboolean            year)
{
  g_autoptr(GArray) tiles = pep_stats_scorecard (now, previous);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->tiles_box))) != NULL)
    gtk_flow_box_remove (self->tiles_box, child);
  for (guint i = 0; i < tiles->len; i++)
    gtk_flow_box_append (self->tiles_box, tile_new (&g_array_index (tiles, PepScoreTile, i), year));
}

/* Charts -------------------------------------------------------------------------------- */

static double
percent_of (guint numerator,
            guint denominator)
{
  return denominator ? 100.0 * numerator / denominator : NAN;
}

static void
update_charts (PepDashboardWindow *self,
               const PepFigures   *now)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (PepRatingCounts));
  g_autoptr(GPtrArray) term_figures = g_ptr_array_new ();
  g_autoptr(GPtrArray) term_labels = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) values = g_array_new (FALSE, TRUE, sizeof (double));
  const char *series[] = { _("PEP in place"), _("Good or better"), _("Social worker at the meeting") };

  /* Per section: the overall rating first, then each section rated this term. */
  g_ptr_array_add (labels, g_strdup (_("Overall")));
  g_array_append_val (counts, now->overall);
  for (guint s = 0; s < PEP_N_SECTIONS; s++)
    if (now->sections[s].rated > 0)
      {
        g_ptr_array_add (labels, g_strdup (pep_section_to_label (s)));
        g_array_append_val (counts, now->sections[s]);
      }
  pep_chart_set_bars (self->sections_chart, labels->len, (const char * const *) labels->pdata,
                      (PepRatingCounts *) (void *) counts->data);

  /* Across terms: those of the series with any PEP. */
  for (guint i = 0; self->series != NULL && i < self->series->len; i++)
    {
      const PepFigures *f = g_ptr_array_index (self->series, i);

      if (f->plans == 0)
        continue;
      g_ptr_array_add (term_figures, (gpointer) f);
      g_ptr_array_add (term_labels, pep_term_format_long (&g_array_index (self->series_terms,
                                                                           PepTermId, i)));
    }

  g_array_set_size (counts, 0);
  for (guint i = 0; i < term_figures->len; i++)
    g_array_append_val (counts, ((const PepFigures *) g_ptr_array_index (term_figures, i))->overall);
  pep_chart_set_bars (self->terms_chart, term_labels->len,
                      (const char * const *) term_labels->pdata,
                      (PepRatingCounts *) (void *) counts->data);

  for (guint s = 0; s < G_N_ELEMENTS (series); s++)
    for (guint i = 0; i < term_figures->len; i++)
      {
        const PepFigures *f = g_ptr_array_index (term_figures, i);
        double v = s == 0 ? percent_of (f->in_place, f->cohort)
                   : s == 1 ? percent_of (f->overall.count[PEP_RATING_GREEN]
                                          + f->overall.count[PEP_RATING_GOLD], f->overall.rated)
                   : percent_of (f->sw_attended, f->meetings);

        g_array_append_val (values, v);
      }
  pep_chart_set_lines (self->trend_chart, term_labels->len,
                       (const char * const *) term_labels->pdata, G_N_ELEMENTS (series), series,
                       (double *) (void *) values->data);
}

/* The table ----------------------------------------------------------------------------- */

static void
on_cell_setup (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), column == 0 ? 0.0 : 1.0);
  if (column == 0)
    {
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_label_set_width_chars (GTK_LABEL (label), 18);
      gtk_label_set_max_width_chars (GTK_LABEL (label), 40);
    }
  gtk_list_item_set_child (item, label);
}

static void
on_cell_bind (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  guint column = GPOINTER_TO_UINT (user_data);
  PepStatsRow *row = gtk_list_item_get_item (item);
  GtkWidget *label = gtk_list_item_get_child (item);
  const char *text = pep_stats_row_get_cell (row, column);

  gtk_label_set_text (GTK_LABEL (label), text ? text : "");
  /* A screen reader reads the row as it reads on screen (GTK 4.8 names it by its class). */
  if (column == 0)
    {
      g_autofree char *row_text = g_strjoinv (", ", (char **) pep_stats_row_get_cells (row));

      pep_accessible_name_cell (label, text, row_text);
    }
  else
    {
      pep_accessible_name_cell (label, text, NULL);
    }
  if (column == 0)
    gtk_widget_set_tooltip_text (label, pep_stats_row_is_small (row)
                                 ? _("Fewer than 10 children: percentages swing with one child")
                                 : NULL);
  if (pep_stats_row_is_small (row))
    gtk_widget_add_css_class (label, "pep-small");
  else
    gtk_widget_remove_css_class (label, "pep-small");
  if (pep_stats_row_is_whole (row))
    gtk_widget_add_css_class (label, "heading");
  else
    gtk_widget_remove_css_class (label, "heading");
}

static void
make_columns (PepDashboardWindow  *self,
              const char * const  *header)
{
  for (guint i = 0; header[i] != NULL; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      g_autoptr(GtkColumnViewColumn) column = NULL;

      g_signal_connect (factory, "setup", G_CALLBACK (on_cell_setup), GUINT_TO_POINTER (i));
      g_signal_connect (factory, "bind", G_CALLBACK (on_cell_bind), GUINT_TO_POINTER (i));
      column = gtk_column_view_column_new (header[i], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->table_view, column);
    }
  self->columns_made = TRUE;
}

static void
update_table (PepDashboardWindow *self)
{
  g_autoptr(GPtrArray) table = pep_stats_table (self->figures, 0);
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);
  static const char *titles[] = {
    N_("Figures"), N_("Figures by School"), N_("Figures by Trust"), N_("Figures by Year Group"),
    N_("Figures In and Out of the Authority"), N_("Figures by Advisor"),
  };
  guint breakdown = gtk_drop_down_get_selected (self->breakdown_dropdown);

  if (!self->columns_made)
    make_columns (self, g_ptr_array_index (table, 0));

  for (guint r = 1; r < table->len; r++)
    {
      const PepFigures *f = g_ptr_array_index (self->figures, r - 1);

      g_ptr_array_add (rows, pep_stats_row_new (g_ptr_array_index (table, r),
                                                f->group != NULL && pep_stats_is_small (f->cohort),
                                                f->group == NULL));
    }
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)),
                       rows->pdata, rows->len);
  /* A list asks for little height of its own: room for the header and up to ten rows, and
   * the rest scrolls. */
  gtk_scrolled_window_set_min_content_height (self->table_window,
                                              MIN (TABLE_ROW_HEIGHT * (rows->len + 1) + 8,
                                                   TABLE_ROW_HEIGHT * 11));
  gtk_label_set_text (self->table_title,
                      _(titles[MIN (breakdown, G_N_ELEMENTS (titles) - 1)]));
}

/* Computing ----------------------------------------------------------------------------- */

/* The rule for @term: the job's (the authority's deadlines are in its profile). */
static void
with_deadline (const ComputeJob *job,
               const PepTermId  *term,
               PepCohortRule    *rule)
{
  *rule = job->rule;
}

/* The whole Virtual School of @figures, to keep apart from its groups. */
static PepFigures *
copy_whole (GPtrArray *figures)
{
  return pep_figures_copy (g_ptr_array_index (figures, 0));
}

/* Adds the whole of each of @terms, from @first on, to the series the charts show. */
static void
add_to_series (ComputeResult   *result,
               GPtrArray       *terms,
               const PepTermId *first)
{
  if (result->series == NULL)
    {
      result->series = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_figures_free);
      result->series_terms = g_array_new (FALSE, TRUE, sizeof (PepTermId));
    }
  for (guint t = 0; t < terms->len; t++)
    {
      PepTermId term = *first;

      pep_term_step (&term, (int) t);
      g_ptr_array_add (result->series, copy_whole (g_ptr_array_index (terms, t)));
      g_array_append_val (result->series_terms, term);
    }
}

/* A term, with the five before it for the charts and the scorecard: one read of the file. */
static gboolean
compute_term (ComputeJob     *job,
              PepStore       *store,
              ComputeResult  *result,
              GError        **error)
{
  g_autoptr(GPtrArray) terms = NULL;
  PepCohortRule rules[N_HISTORY];
  PepTermId first = job->term;

  if (!job->want_history)
    {
      with_deadline (job, &job->term, &rules[0]);
      result->figures = pep_stats_compute (store, &job->term, &rules[0], job->breakdown,
                                           &job->today, error);
      return result->figures != NULL;
    }

  pep_term_step (&first, -(N_HISTORY - 1));
  for (guint t = 0; t < N_HISTORY; t++)
    {
      PepTermId term = first;

      pep_term_step (&term, (int) t);
      with_deadline (job, &term, &rules[t]);
    }
  terms = pep_stats_compute_terms (store, &first, N_HISTORY, rules, job->breakdown,
                                   &job->today, error);
  if (terms == NULL)
    return FALSE;
  add_to_series (result, terms, &first);
  result->previous = copy_whole (g_ptr_array_index (terms, N_HISTORY - 2));
  result->figures = g_ptr_array_ref (g_ptr_array_index (terms, N_HISTORY - 1));
  return TRUE;
}

/* An academic year, with the year before for the scorecard, and the terms of both for the
 * charts. */
static gboolean
compute_year (ComputeJob     *job,
              PepStore       *store,
              ComputeResult  *result,
              GError        **error)
{
  g_autoptr(GPtrArray) terms = NULL;
  PepCohortRule rules[PEP_N_TERMS];
  PepTermId autumn = { job->year - 1, PEP_TERM_AUTUMN };

  if (job->want_history)
    {
      g_autoptr(GPtrArray) before = NULL;
      g_autoptr(GPtrArray) before_terms = NULL;

      for (guint t = 0; t < PEP_N_TERMS; t++)
        {
          PepTermId term = { autumn.year, (PepTerm) t };
          with_deadline (job, &term, &rules[t]);
        }
      before = pep_stats_compute_year (store, autumn.year, rules, PEP_BREAKDOWN_NONE,
                                       &job->today, &before_terms, error);
      if (before == NULL)
        return FALSE;
      add_to_series (result, before_terms, &autumn);
      result->previous = copy_whole (before);
    }

  autumn.year = job->year;
  for (guint t = 0; t < PEP_N_TERMS; t++)
    {
      PepTermId term = { autumn.year, (PepTerm) t };
      with_deadline (job, &term, &rules[t]);
    }
  result->figures = pep_stats_compute_year (store, job->year, rules, job->breakdown,
                                            &job->today, &terms, error);
  if (result->figures == NULL)
    return FALSE;
  if (job->want_history)
    add_to_series (result, terms, &autumn);
  return TRUE;
}

/* The PEPs the last signature check found failing, as the file records them (the main
 * window's check on opening, pepctl verify or stats): each with its child and term. */
static gboolean
list_tampered (PepStore       *store,
               ComputeResult  *result,
               GError        **error)
{
  PepTamperedList tampered = { store, NULL, NULL };

  tampered.found = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_tampered_plan_free);
  result->tampered = tampered.found;
  if (!pep_signoff_foreach_recorded (store, pep_tampered_list_add, &tampered, error))
    return FALSE;
  if (tampered.error != NULL)
    {
      g_propagate_error (error, tampered.error);
      return FALSE;
    }
  return TRUE;
}

static void
compute_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  ComputeJob *job = task_data;
  g_autoptr(PepStore) store = NULL;
  g_autoptr(GError) error = NULL;
  ComputeResult *result;
  gboolean ok;

  store = pep_store_open (job->path, PEP_STORE_OPEN_DEFAULT, &error);
  if (store == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }

  /* A period chosen again, or the window closed: the read stops where it is. */
  pep_store_set_cancellable (store, cancellable);
  result = g_new0 (ComputeResult, 1);
  ok = (job->year >= 0 ? compute_year (job, store, result, &error)
                       : compute_term (job, store, result, &error))
       && list_tampered (store, result, &error);
  if (!ok && g_cancellable_is_cancelled (cancellable))
    {
      g_clear_error (&error);
      g_cancellable_set_error_if_cancelled (cancellable, &error);
    }
  if (!ok)
    {
      compute_result_free (result);
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  g_task_return_pointer (task, result, compute_result_free);
}

/* Not silently left out: how many PEPs no figure counts as authorised, and which. */
static void
update_tamper_banner (PepDashboardWindow *self)
{
  guint n = self->tampered != NULL ? self->tampered->len : 0;

  if (n > 0)
    {
      g_autofree char *text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "%u PEP changed after sign-off is counted as authorised in no figure",
                                                            "%u PEPs changed after sign-off are counted as authorised in no figure",
                                                            n), n);

      gtk_label_set_text (self->tamper_label, text);
    }
  gtk_revealer_set_reveal_child (self->tamper_banner, n > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-tampered", n > 0);
}

/* A row of the list opens its PEP in the main window of the same file, as the main
 * window's own banner does. */
static void
on_tamper_dialog_open_plan (PepDashboardWindow *self,
                            gint64              plan_id,
                            PepTamperDialog    *dialog)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);
      PepStore *store;

      if (!PEP_IS_WINDOW (toplevel)
          || (store = pep_window_get_store (PEP_WINDOW (toplevel))) == NULL
          || g_strcmp0 (pep_store_get_path (store), self->path) != 0)
        continue;
      gtk_window_close (GTK_WINDOW (dialog));
      if (!pep_window_open_plan (PEP_WINDOW (toplevel), plan_id, &error))
        show_toast (self, error->message);
      else
        gtk_window_present (GTK_WINDOW (toplevel));
      return;
    }
}

static void
pep_dashboard_window_show_tampered (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  PepDashboardWindow *self = PEP_DASHBOARD_WINDOW (widget);
  PepTamperDialog *dialog;

  if (self->tampered == NULL || self->tampered->len == 0)
    return;
  dialog = pep_tamper_dialog_new (GTK_WINDOW (self), self->tampered);
  g_signal_connect_object (dialog, "open-plan", G_CALLBACK (on_tamper_dialog_open_plan), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
set_busy (PepDashboardWindow *self,
          gboolean            busy)
{
  self->busy = busy;
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_spinner_set_spinning (self->loading_spinner, busy);
  gtk_widget_set_sensitive (self->figures_box, !busy);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-csv",
                                 !busy && self->figures != NULL);
}

static void
compute_cb (GObject      *object,
            GAsyncResult *async_result,
            gpointer      user_data)
{
  g_autoptr(PepDashboardWindow) self = user_data;
  ComputeJob *job = g_task_get_task_data (G_TASK (async_result));
  ComputeResult *result;
  g_autoptr(GError) error = NULL;
  g_autofree char *rule_text = NULL;
  g_autofree char *description = NULL;
  const PepFigures *now, *previous = NULL;

  result = g_task_propagate_pointer (G_TASK (async_result), &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  g_clear_object (&self->cancellable);

  if (result == NULL)
    {
      g_clear_pointer (&self->figures, g_ptr_array_unref);
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
      set_busy (self, FALSE);
      return;
    }

  g_clear_pointer (&self->figures, g_ptr_array_unref);
  self->figures = g_steal_pointer (&result->figures);
  if (result->series != NULL)
    {
      g_clear_pointer (&self->series, g_ptr_array_unref);
      g_clear_pointer (&self->series_terms, g_array_unref);
      g_clear_pointer (&self->previous, pep_figures_free);
      self->series = g_steal_pointer (&result->series);
      self->series_terms = g_steal_pointer (&result->series_terms);
      self->previous = g_steal_pointer (&result->previous);
      self->history_period = gtk_drop_down_get_selected (self->term_dropdown);
      self->history_cohort = gtk_drop_down_get_selected (self->cohort_dropdown);
      g_free (self->history_filter);
      self->history_filter = g_strdup (job->filter_group);
      self->has_history = TRUE;
    }
  g_clear_pointer (&self->tampered, g_ptr_array_unref);
  self->tampered = g_steal_pointer (&result->tampered);
  compute_result_free (result);
  update_tamper_banner (self);

  now = g_ptr_array_index (self->figures, 0);
  /* A period with no PEP at all is before the file's records began: no previous period. */
  if (self->previous != NULL && self->previous->plans > 0)
    previous = self->previous;

  if (job->year >= 0)
    {
      rule_text = pep_cohort_rule_describe_year (&job->rule);
      description = g_strdup_printf (_("Cohort: %s. %u PEPs due across the year; %u PEPs written."),
                                     rule_text, now->cohort, now->plans);
    }
  else
    {
      rule_text = pep_cohort_rule_describe (&job->rule, &job->term);
      description = g_strdup_printf (_("Cohort: %s. %u children in the cohort; %u PEPs this term."),
                                     rule_text, now->cohort, now->plans);
    }
  gtk_label_set_text (self->cohort_label, description);

  update_tiles (self, now, previous, job->year >= 0);
  update_charts (self, now);
  update_table (self);

  gtk_stack_set_visible_child_name (self->stack, "figures");
  set_busy (self, FALSE);
}

static void
recompute (PepDashboardWindow *self)
{
  g_autoptr(GTask) task = NULL;
  ComputeJob *job;
  guint cohort = gtk_drop_down_get_selected (self->cohort_dropdown);

  if (self->path == NULL)
    return;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  job = g_new0 (ComputeJob, 1);
  job->path = g_strdup (self->path);
  pep_dashboard_window_get_term (self, &job->term);
  job->year = pep_dashboard_window_get_year (self);
  /* The worker keeps the profiles it counts with: a change makes new ones. */
  job->authorities = g_ptr_array_ref (pep_work_context_get_authorities (self->context));
  job->authority = g_object_ref (chosen_authority (self));
  rule_for (self, cohort, &job->rule);
  job->rule.authorities = job->authorities;
  job->rule.authority = job->authority;
  job->breakdown = gtk_drop_down_get_selected (self->breakdown_dropdown);
  job->filter_group = g_strdup (self->filter_group);
  job->rule.filter_by = self->filter_by;
  job->rule.filter_group = job->filter_group;
  today (&job->today);
  job->want_history = !self->has_history || cohort != self->history_cohort
                      || gtk_drop_down_get_selected (self->term_dropdown) != self->history_period
                      || g_strcmp0 (self->filter_group, self->history_filter) != 0;
  if (job->want_history)
    self->has_history = FALSE;

  task = g_task_new (NULL, self->cancellable, compute_cb, g_object_ref (self));
  g_task_set_source_tag (task, recompute);
  g_task_set_task_data (task, job, compute_job_free);
  g_task_run_in_thread (task, compute_thread);

  if (self->figures == NULL)
    gtk_stack_set_visible_child_name (self->stack, "loading");
  set_busy (self, TRUE);
}

static void
on_control_changed (PepDashboardWindow *self)
{
  recompute (self);
}

/* The authorities to choose from, the file's own first; shown when the file has more than
 * its own (a school with children of several authorities). */
static void
fill_authorities (PepDashboardWindow *self)
{
  GPtrArray *all = self->context ? pep_work_context_get_authorities (self->context) : NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;

  for (guint i = 0; all != NULL && i < all->len; i++)
    {
      PepAuthority *authority = g_ptr_array_index (all, i);

      const char *code = pep_authority_get_la_code (authority);
      const char *name = pep_authority_get_name (authority);

      /* Short, so that the controls fit a small window: the LA code, and a short name. */
      if (code != NULL && g_utf8_strlen (name, -1) <= 16 && *name != '\0')
        gtk_string_list_take (names, g_strdup_printf ("%s %s", code, name));
      else if (code != NULL)
        gtk_string_list_take (names, g_strdup_printf (_("LA %s"), code));
      else
        gtk_string_list_append (names, _("This file’s"));
      if (self->la_code != NULL && g_strcmp0 (pep_authority_get_la_code (authority), self->la_code) == 0)
        selected = i;
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->authority_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->authority_dropdown, selected);
  self->filling = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->authority_dropdown), all != NULL && all->len > 1);
  gtk_widget_set_visible (self->authority_label, all != NULL && all->len > 1);
}

static void
on_authority_changed (PepDashboardWindow *self)
{
  GPtrArray *all = self->context ? pep_work_context_get_authorities (self->context) : NULL;
  guint selected = gtk_drop_down_get_selected (self->authority_dropdown);

  if (self->filling || all == NULL || selected >= all->len)
    return;
  pep_dashboard_window_set_authority (self, selected == 0 ? NULL
                                      : pep_authority_get_la_code (g_ptr_array_index (all, selected)));
}

/* The authorities' rules (deadlines, closures, term dates) count in every figure, those
 * before too. */
static void
on_context_changed (PepDashboardWindow *self)
{
  fill_authorities (self);
  self->has_history = FALSE;
  recompute (self);
}

/* Drilling down: a group of the table becomes the filter, and every figure, tile and chart
 * is about its children only. */
static void
on_table_activate (PepDashboardWindow *self,
                   guint               position)
{
  const PepFigures *f;

  if (self->figures == NULL || position == 0 || position >= self->figures->len)
    return;
  f = g_ptr_array_index (self->figures, position);
  pep_dashboard_window_set_filter (self, gtk_drop_down_get_selected (self->breakdown_dropdown),
                                   f->group);
}

static void
pep_dashboard_window_help (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  pep_help_show (GTK_WINDOW (widget), "dashboard");
}

static void
pep_dashboard_window_clear_filter (GtkWidget  *widget,
                                   const char *action_name,
                                   GVariant   *parameter)
{
  pep_dashboard_window_set_filter (PEP_DASHBOARD_WINDOW (widget), PEP_BREAKDOWN_NONE, NULL);
}

/* Export -------------------------------------------------------------------------------- */

/**
 * pep_dashboard_window_export_csv:
 * @threshold: counts under it (not zero) are written as "c", for a published table; 0
 *   writes every count
 * @pseudonymise: schools, trusts and advisors written as "School 1"… (pep_stats_pseudonymise())
 *
 * Writes the breakdown table shown as CSV (RFC 4180) to @path, atomically, readable by the
 * owner only.
 */
gboolean
pep_dashboard_window_export_csv (PepDashboardWindow  *self,
                                 const char          *path,
                                 guint                threshold,
                                 gboolean             pseudonymise,
                                 GError             **error)
{
  g_autoptr(GPtrArray) table = NULL;
  g_autoptr(GPtrArray) shared = NULL;
  g_autoptr(GString) csv = NULL;

  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->figures == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                           _("The figures are not worked out yet"));
      return FALSE;
    }

  if (pseudonymise)
    {
      /* Renamed copies: the window goes on showing the names. */
      shared = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_figures_free);
      for (guint g = 0; g < self->figures->len; g++)
        {
          g_ptr_array_add (shared, pep_figures_copy (g_ptr_array_index (self->figures, g)));
        }
      pep_stats_pseudonymise (shared, gtk_drop_down_get_selected (self->breakdown_dropdown), NULL);
    }
  table = pep_stats_table (shared != NULL ? shared : self->figures, threshold);
  csv = pep_csv_new ();
  for (guint r = 0; r < table->len; r++)
    pep_csv_add_row (csv, g_ptr_array_index (table, r));

  return g_file_set_contents_full (path, csv->str, (gssize) csv->len,
                                   G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                   0600, error);
}

static void
on_export_response (GtkNativeDialog    *native,
                    int                 response,
                    PepDashboardWindow *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (native));
      g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
      const char *publish = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native), "publish");
      guint threshold = publish != NULL ? (guint) g_ascii_strtoull (publish, NULL, 10) : 0;
      gboolean pseudonymise = g_strcmp0 (gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (native),
                                                                      "pseudonymise"), "true") == 0;
      g_autoptr(GError) error = NULL;

      if (path == NULL)
        show_toast (self, _("Choose a file on this computer"));
      else if (!pep_dashboard_window_export_csv (self, path, threshold, pseudonymise, &error))
        show_toast (self, error->message);
      else
        {
          g_autofree char *name = g_filename_display_basename (path);
          g_autofree char *text = g_strdup_printf (_("Saved “%s”"), name);

          show_toast (self, text);
        }
    }

  gtk_native_dialog_destroy (native);
  g_object_unref (native);
  g_object_unref (self);
}

static gboolean
exports_pseudonymised (PepDashboardWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  GSettings *settings = PEP_IS_APPLICATION (app)
                        ? pep_application_get_settings (PEP_APPLICATION (app)) : NULL;
  g_autofree char *profile = settings ? g_settings_get_string (settings, "export-profile") : NULL;

  return g_strcmp0 (profile, "pseudonymised") == 0;
}

static void
pep_dashboard_window_export_action (GtkWidget  *widget,
                                    const char *action_name,
                                    GVariant   *parameter)
{
  PepDashboardWindow *self = PEP_DASHBOARD_WINDOW (widget);
  static const char *options[] = { "0", "5", "10", NULL };
  const char *labels[] = {
    _("Every count (for internal use)"),
    _("Published: counts under 5 shown as “c”"),
    _("Published: counts under 10 shown as “c”"),
    NULL
  };
  GtkFileChooserNative *native;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *term_text = NULL;
  g_autofree char *name = NULL;
  PepTermId term;

  if (self->figures == NULL)
    return;

  native = gtk_file_chooser_native_new (_("Export the Figures"), GTK_WINDOW (self),
                                        GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (native), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (native), filter);
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "publish", _("Counts"),
                               options, labels);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "publish", "0");
  /* Ticked when the preferences export pseudonymised data by default. */
  gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (native), "pseudonymise",
                               _("Pseudonymise schools, trusts and advisors"), NULL, NULL);
  gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (native), "pseudonymise",
                               exports_pseudonymised (self) ? "true" : "false");

  pep_dashboard_window_get_term (self, &term);
  term_text = pep_dashboard_window_get_year (self) >= 0
              ? g_strdup_printf ("%d-%02d", term.year, (term.year + 1) % 100)
              : pep_term_format_file_name (&term);
  /* Translators: a file name; keep it short and without spaces */
  name = g_strdup_printf (_("pep-figures-%s.csv"), term_text);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (native), name);

  g_signal_connect (native, "response", G_CALLBACK (on_export_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (native));
}

/* GObject ------------------------------------------------------------------------------- */

static void
pep_dashboard_window_dispose (GObject *object)
{
  PepDashboardWindow *self = PEP_DASHBOARD_WINDOW (object);

  g_cancellable_cancel (self->cancellable);
  if (self->table_view != NULL)
    gtk_column_view_set_model (self->table_view, NULL);

  gtk_widget_dispose_template (GTK_WIDGET (self), PEP_TYPE_DASHBOARD_WINDOW);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->rows);
  g_clear_object (&self->term_names);
  g_clear_pointer (&self->figures, g_ptr_array_unref);
  g_clear_pointer (&self->series, g_ptr_array_unref);
  g_clear_pointer (&self->series_terms, g_array_unref);
  g_clear_pointer (&self->previous, pep_figures_free);
  g_clear_pointer (&self->tampered, g_ptr_array_unref);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (pep_dashboard_window_parent_class)->dispose (object);
}

static void
pep_dashboard_window_finalize (GObject *object)
{
  PepDashboardWindow *self = PEP_DASHBOARD_WINDOW (object);

  g_free (self->path);
  g_free (self->la_code);
  g_free (self->filter_group);
  g_free (self->history_filter);

  G_OBJECT_CLASS (pep_dashboard_window_parent_class)->finalize (object);
}

static void
pep_dashboard_window_class_init (PepDashboardWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_dashboard_window_dispose;
  object_class->finalize = pep_dashboard_window_finalize;

  g_type_ensure (PEP_TYPE_CHART);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_BASE "/ui/pep-dashboard-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, spinner);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, term_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, cohort_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, authority_label);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, authority_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, breakdown_dropdown);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, error_page);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, cohort_label);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, tiles_box);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, sections_chart);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, terms_chart);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, trend_chart);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, table_title);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, table_view);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, table_window);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, figures_box);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, filter_box);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, filter_label);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, tamper_banner);
  gtk_widget_class_bind_template_child (widget_class, PepDashboardWindow, tamper_label);
  gtk_widget_class_bind_template_callback (widget_class, on_control_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_authority_changed);
  gtk_widget_class_bind_template_callback (widget_class, on_table_activate);

  gtk_widget_class_install_action (widget_class, "win.export-csv", NULL,
                                   pep_dashboard_window_export_action);
  gtk_widget_class_install_action (widget_class, "win.clear-filter", NULL,
                                   pep_dashboard_window_clear_filter);
  gtk_widget_class_install_action (widget_class, "win.show-tampered", NULL,
                                   pep_dashboard_window_show_tampered);
  gtk_widget_class_install_action (widget_class, "dashboard.help", NULL,
                                   pep_dashboard_window_help);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F1, 0, "dashboard.help", NULL);
}

static void
pep_dashboard_window_init (PepDashboardWindow *self)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  GListModel *monitors;
  int width = 1180, height = 820;

  /* The menus report changes while the template is built; with no file yet, nothing runs. */
  gtk_widget_init_template (GTK_WIDGET (self));
  pep_accessible_fix_tree (GTK_WIDGET (self));
  pep_accessible_label_table (self->table_view, _("Breakdown"));

  self->term_names = gtk_string_list_new (NULL);

  self->rows = g_list_store_new (PEP_TYPE_STATS_ROW);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->rows)));
  gtk_column_view_set_model (self->table_view, GTK_SELECTION_MODEL (selection));

  /* As large as the figures like, but never larger than the screen. */
  monitors = gdk_display_get_monitors (gtk_widget_get_display (GTK_WIDGET (self)));
  if (g_list_model_get_n_items (monitors) > 0)
    {
      g_autoptr(GdkMonitor) monitor = g_list_model_get_item (monitors, 0);
      GdkRectangle geometry;

      gdk_monitor_get_geometry (monitor, &geometry);
      width = MIN (width, geometry.width);
      height = MIN (height, geometry.height);
    }
  gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filter", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.show-tampered", FALSE);
  pep_help_set_page (GTK_WIDGET (self), "dashboard");
  set_busy (self, FALSE);
}

/* The periods offered, by the authority's terms: this term and those before it, then the
 * academic years. */
static void
fill_periods (PepDashboardWindow *self)
{
  GDate date;

  today (&date);
  for (guint i = 0; i < N_TERM_CHOICES; i++)
    {
      pep_authority_term_for_date (chosen_authority (self), &date, &self->terms[i]);
      pep_term_step (&self->terms[i], -(int) i);
      gtk_string_list_take (self->term_names, pep_term_format_long (&self->terms[i]));
    }
  for (guint i = 0; i < N_YEAR_CHOICES; i++)
    {
      g_autofree char *name = pep_academic_year_format (self->terms[0].year - (int) i);

      self->years[i] = self->terms[0].year - (int) i;
      /* Translators: an academic year's figures, like "Whole year 2024/25" */
      gtk_string_list_take (self->term_names, g_strdup_printf (_("Whole year %s"), name));
    }
  gtk_drop_down_set_model (self->term_dropdown, G_LIST_MODEL (self->term_names));
}

/* Public API ---------------------------------------------------------------------------- */

/**
 * pep_dashboard_window_new:
 * @application: (nullable): the application, or %NULL (tests)
 * @context: the file's working context: its authorities' rules; the window reads the file
 *   on worker threads, each with its own #PepStore
 */
PepDashboardWindow *
pep_dashboard_window_new (GtkApplication *application,
                          PepWorkContext *context)
{
  PepDashboardWindow *self;
  g_autofree char *name = NULL;
  const char *path;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (context), NULL);

  path = pep_store_get_path (pep_work_context_get_store (context));
  self = g_object_new (PEP_TYPE_DASHBOARD_WINDOW, "application", application, NULL);
  self->path = g_strdup (path);
  self->context = g_object_ref (context);
  g_signal_connect_object (context, "changed", G_CALLBACK (on_context_changed), self,
                           G_CONNECT_SWAPPED);
  fill_periods (self);
  fill_authorities (self);
  name = g_filename_display_basename (path);
  adw_window_title_set_subtitle (self->window_title, name);
  recompute (self);
  return self;
}

/**
 * pep_dashboard_window_present_for:
 * @parent: the window asking, whose application the dashboard joins
 *
 * Shows the dashboard of @path: the one already open, or a new one.
 *
 * Returns: (transfer none): the dashboard shown
 */
PepDashboardWindow *
pep_dashboard_window_present_for (GtkWindow      *parent,
                                  PepWorkContext *context)
{
  GtkApplication *application;
  PepDashboardWindow *self;
  const char *path;

  g_return_val_if_fail (GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (PEP_IS_WORK_CONTEXT (context), NULL);

  path = pep_store_get_path (pep_work_context_get_store (context));
  application = gtk_window_get_application (parent);
  for (GList *l = application ? gtk_application_get_windows (application) : NULL; l; l = l->next)
    if (PEP_IS_DASHBOARD_WINDOW (l->data)
        && g_strcmp0 (PEP_DASHBOARD_WINDOW (l->data)->path, path) == 0)
      {
        gtk_window_present (GTK_WINDOW (l->data));
        return l->data;
      }

  self = pep_dashboard_window_new (application, context);
  gtk_window_present (GTK_WINDOW (self));
  return self;
}

/**
 * pep_dashboard_window_set_authority:
 * @la_code: (nullable): the authority whose children and rules the figures are for; %NULL
 *   for the file's own
 *
 * Returns: whether the file has that authority's profile
 */
gboolean
pep_dashboard_window_set_authority (PepDashboardWindow *self,
                                    const char         *la_code)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), FALSE);

  if (pep_work_context_find (self->context, la_code) == NULL)
    return FALSE;
  g_free (self->la_code);
  self->la_code = g_strdup (la_code);
  fill_authorities (self);
  self->has_history = FALSE;
  recompute (self);
  return TRUE;
}

const char *
pep_dashboard_window_get_path (PepDashboardWindow *self)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), NULL);

  return self->path;
}

/**
 * pep_dashboard_window_get_busy:
 *
 * Whether figures are being worked out.
 */
gboolean
pep_dashboard_window_get_busy (PepDashboardWindow *self)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), FALSE);

  return self->busy;
}

/**
 * pep_dashboard_window_get_term:
 *
 * The term chosen; for a whole academic year, its autumn term.
 */
void
pep_dashboard_window_get_term (PepDashboardWindow *self,
                               PepTermId          *term)
{
  int year;

  g_return_if_fail (PEP_IS_DASHBOARD_WINDOW (self));
  g_return_if_fail (term != NULL);

  if ((year = pep_dashboard_window_get_year (self)) >= 0)
    {
      term->year = year;
      term->term = PEP_TERM_AUTUMN;
      return;
    }
  *term = self->terms[MIN (gtk_drop_down_get_selected (self->term_dropdown), N_TERM_CHOICES - 1)];
}

/**
 * pep_dashboard_window_get_year:
 *
 * Returns: the academic year chosen (2024 for 2024/25), or −1 when a term is
 */
int
pep_dashboard_window_get_year (PepDashboardWindow *self)
{
  guint selected;

  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), -1);

  selected = gtk_drop_down_get_selected (self->term_dropdown);
  if (selected < N_TERM_CHOICES || selected >= N_TERM_CHOICES + N_YEAR_CHOICES)
    return -1;
  return self->years[selected - N_TERM_CHOICES];
}

/**
 * pep_dashboard_window_set_year:
 *
 * Returns: whether @year is one the dashboard offers (this academic year and the two before)
 */
gboolean
pep_dashboard_window_set_year (PepDashboardWindow *self,
                               int                 year)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), FALSE);

  for (guint i = 0; i < N_YEAR_CHOICES; i++)
    if (self->years[i] == year)
      {
        gtk_drop_down_set_selected (self->term_dropdown, N_TERM_CHOICES + i);
        return TRUE;
      }
  return FALSE;
}

/**
 * pep_dashboard_window_set_term:
 *
 * Returns: whether @term is one the dashboard offers (this term and the eight before)
 */
gboolean
pep_dashboard_window_set_term (PepDashboardWindow *self,
                               const PepTermId    *term)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), FALSE);
  g_return_val_if_fail (term != NULL, FALSE);

  for (guint i = 0; i < N_TERM_CHOICES; i++)
    if (pep_term_compare (&self->terms[i], term) == 0)
      {
        gtk_drop_down_set_selected (self->term_dropdown, i);
        return TRUE;
      }
  return FALSE;
}

void
pep_dashboard_window_set_cohort (PepDashboardWindow *self,
                                 PepDashboardCohort  cohort)
{
  g_return_if_fail (PEP_IS_DASHBOARD_WINDOW (self));
  g_return_if_fail (cohort <= PEP_DASHBOARD_COHORT_SCHOOL_AGE);

  gtk_drop_down_set_selected (self->cohort_dropdown, cohort);
}

/**
 * pep_dashboard_window_get_rule:
 *
 * The cohort rule chosen, as pep_stats_compute() is given it.
 */
void
pep_dashboard_window_get_rule (PepDashboardWindow *self,
                               PepCohortRule      *rule)
{
  g_return_if_fail (PEP_IS_DASHBOARD_WINDOW (self));
  g_return_if_fail (rule != NULL);

  rule_for (self, gtk_drop_down_get_selected (self->cohort_dropdown), rule);
}

void
pep_dashboard_window_set_breakdown (PepDashboardWindow *self,
                                    PepBreakdown        breakdown)
{
  g_return_if_fail (PEP_IS_DASHBOARD_WINDOW (self));
  g_return_if_fail (breakdown <= PEP_BREAKDOWN_ADVISOR);

  gtk_drop_down_set_selected (self->breakdown_dropdown, breakdown);
}

/**
 * pep_dashboard_window_get_figures:
 *
 * Returns: (transfer none) (nullable) (element-type PepFigures): the figures shown, the
 *   whole Virtual School first
 */
GPtrArray *
pep_dashboard_window_get_figures (PepDashboardWindow *self)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), NULL);

  return self->figures;
}

/**
 * pep_dashboard_window_get_tampered:
 *
 * Returns: (transfer none) (nullable) (element-type PepTamperedPlan): the PEPs the last
 *   signature check found failing, which no figure counts as authorised; the banner's list
 */
GPtrArray *
pep_dashboard_window_get_tampered (PepDashboardWindow *self)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), NULL);

  return self->tampered;
}

/**
 * pep_dashboard_window_get_table:
 *
 * Returns: (transfer none): the rows the table shows, as #PepStatsRow
 */
GListModel *
pep_dashboard_window_get_table (PepDashboardWindow *self)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), NULL);

  return G_LIST_MODEL (self->rows);
}

/**
 * pep_dashboard_window_get_scorecard:
 *
 * Returns: (transfer none): the box of scorecard tiles
 */
GtkWidget *
pep_dashboard_window_get_scorecard (PepDashboardWindow *self)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), NULL);

  return GTK_WIDGET (self->tiles_box);
}

/**
 * pep_dashboard_window_get_chart:
 * @index: 0 ratings by section, 1 overall ratings term by term, 2 the trend
 *
 * Returns: (transfer none) (nullable): the chart
 */
PepChart *
pep_dashboard_window_get_chart (PepDashboardWindow *self,
                                guint               index)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), NULL);

  switch (index)
    {
    case 0:
      return self->sections_chart;
    case 1:
      return self->terms_chart;
    case 2:
      return self->trend_chart;
    default:
      return NULL;
    }
}

/**
 * pep_dashboard_window_set_filter:
 * @by: the breakdown @group is one of
 * @group: (nullable): a group as that breakdown names it; %NULL for everyone
 *
 * Shows the figures of one group's children only: a school's, an advisor's caseload.
 */
void
pep_dashboard_window_set_filter (PepDashboardWindow *self,
                                 PepBreakdown        by,
                                 const char         *group)
{
  g_return_if_fail (PEP_IS_DASHBOARD_WINDOW (self));

  if (by == PEP_BREAKDOWN_NONE)
    group = NULL;
  if (g_strcmp0 (group, self->filter_group) == 0 && (group == NULL || by == self->filter_by))
    return;

  g_free (self->filter_group);
  self->filter_group = g_strdup (group);
  self->filter_by = group != NULL ? by : PEP_BREAKDOWN_NONE;
  if (group != NULL)
    {
      /* Translators: the one group whose children the dashboard shows, like "Oakfield Primary" */
      g_autofree char *text = g_strdup_printf (_("Showing only the children of %s"), group);

      gtk_label_set_text (self->filter_label, text);
    }
  gtk_widget_set_visible (self->filter_box, group != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.clear-filter", group != NULL);
  recompute (self);
}

/**
 * pep_dashboard_window_get_filter:
 * @by: (out) (optional): the breakdown the group is one of
 *
 * Returns: (nullable): the group whose children are shown; %NULL for everyone
 */
const char *
pep_dashboard_window_get_filter (PepDashboardWindow *self,
                                 PepBreakdown       *by)
{
  g_return_val_if_fail (PEP_IS_DASHBOARD_WINDOW (self), NULL);

  if (by != NULL)
    *by = self->filter_by;
  return self->filter_group;
}
