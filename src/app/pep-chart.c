/* pep-chart.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Drawn with cairo inside the snapshot. Text, axes and grid take the widget's own colour
 * from the style, so they follow light and dark; the four rating colours have a light and a
 * dark set, each picked to stand out against the window background, and every segment wide
 * enough carries its percentage in black or white, whichever reads better on it. Colour is
 * never the only cue: the legend names the ratings in order, bars are always stacked red,
 * amber, green, gold from the left, and lines differ by marker shape as well as colour.
 */

#define G_LOG_DOMAIN "pep-chart"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <math.h>

#include "pep-accessible.h"
#include "pep-chart.h"

typedef enum
{
  CHART_NONE,
  CHART_BARS,
  CHART_LINES,
} ChartKind;

struct _PepChart
{
  GtkWidget  parent_instance;

  /* Owned references */
  GPtrArray *labels;   /* char *: bar or point labels */
  GArray    *counts;   /* PepRatingCounts, one per bar */
  GPtrArray *names;    /* char *: series names */
  GArray    *values;   /* double: n_series × n_points, series by series */

  /* Plain state */
  char      *title;
  char      *summary;
  ChartKind  kind;
};

G_DEFINE_FINAL_TYPE (PepChart, pep_chart, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_TITLE,
  PROP_SUMMARY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PAD         8.0
#define LEGEND_H    26.0
#define BAR_ROW     28.0
#define BAR_HEIGHT  20.0
#define AXIS_H      44.0
#define LINE_HEIGHT 260

static const char *rating_names[PEP_N_RAG_RATINGS] = { N_("Red"), N_("Amber"), N_("Green"), N_("Gold") };

/* Red, amber, green, gold: on a light background, then on a dark one. */
static const char *rating_light[PEP_N_RAG_RATINGS] = { "#c01c28", "#e66100", "#26a269", "#e5a50a" };
static const char *rating_dark[PEP_N_RAG_RATINGS] = { "#ff7b63", "#ffa348", "#57e389", "#f8e45c" };
static const char *series_light[] = { "#1c71d8", "#813d9c", "#865e3c" };
static const char *series_dark[] = { "#99c1f1", "#dc8add", "#cdab8f" };

/* Colours ------------------------------------------------------------------------------- */

static gboolean
is_dark (void)
{
  return adw_style_manager_get_dark (adw_style_manager_get_default ());
}

static void
rating_color (guint    rating,
              GdkRGBA *color)
{
  gdk_rgba_parse (color, is_dark () ? rating_dark[rating] : rating_light[rating]);
}

static void
series_color (guint    series,
              GdkRGBA *color)
{
  series %= G_N_ELEMENTS (series_light);
  gdk_rgba_parse (color, is_dark () ? series_dark[series] : series_light[series]);
}

static void
foreground (PepChart *self,
            GdkRGBA  *color)
{
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), color);
}

static void
set_source (cairo_t       *cr,
            const GdkRGBA *color,
            double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/* Black or white, whichever contrasts more with @background. */
static void
text_on (const GdkRGBA *background,
         GdkRGBA       *color)
{
  double luminance = 0.2126 * background->red + 0.7152 * background->green
                     + 0.0722 * background->blue;

  *color = luminance > 0.45 ? (GdkRGBA) { 0, 0, 0, 0.87 } : (GdkRGBA) { 1, 1, 1, 1 };
}

/* Text ---------------------------------------------------------------------------------- */

static PangoLayout *
layout_new (PepChart   *self,
            const char *text,
            gboolean    small,
            gboolean    bold)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  if (small)
    pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  return layout;
}

static double
text_width (PepChart   *self,
            const char *text,
            gboolean    small)
{
  g_autoptr(PangoLayout) layout = layout_new (self, text, small, FALSE);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

/* Draws @text with its left, centre or right (@align −1, 0, 1) at @x and its middle at @y. */
static void
draw_text (PepChart      *self,
           cairo_t       *cr,
           const char    *text,
           double         x,
           double         y,
           int            align,
           gboolean       small,
           gboolean       bold,
           const GdkRGBA *color,
           double         max_width)
{
  g_autoptr(PangoLayout) layout = layout_new (self, text, small, bold);
  int width, height;

  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, align < 0 ? x : align == 0 ? x - width / 2.0 : x - width, y - height / 2.0);
  set_source (cr, color, 1.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_marker (cairo_t *cr,
             guint    series,
             double   x,
             double   y,
             double   r)
{
  switch (series % 3)
    {
    case 0:
      cairo_arc (cr, x, y, r, 0, 2 * G_PI);
      break;
    case 1:
      cairo_rectangle (cr, x - r, y - r, 2 * r, 2 * r);
      break;
    default:
      cairo_move_to (cr, x, y - r * 1.2);
      cairo_line_to (cr, x + r * 1.1, y + r * 0.8);
      cairo_line_to (cr, x - r * 1.1, y + r * 0.8);
      cairo_close_path (cr);
      break;
    }
  cairo_fill (cr);
}

/* The legend: a swatch and a name for each entry, in a row from @x. */
static void
draw_legend (PepChart      *self,
             cairo_t       *cr,
             double         x,
             double         y,
             guint          n,
             const char   **names,
             const GdkRGBA *colors,
             gboolean       markers,
             const GdkRGBA *fg)
{
  for (guint i = 0; i < n; i++)
    {
      set_source (cr, &colors[i], 1.0);
      if (markers)
        {
          cairo_set_line_width (cr, 2.5);
          cairo_move_to (cr, x, y);
          cairo_line_to (cr, x + 22, y);
          cairo_stroke (cr);
          draw_marker (cr, i, x + 11, y, 4);
          x += 28;
        }
      else
        {
          cairo_rectangle (cr, x, y - 7, 14, 14);
          cairo_fill (cr);
          x += 20;
        }
      draw_text (self, cr, names[i], x, y, -1, TRUE, FALSE, fg, 0);
      x += text_width (self, names[i], TRUE) + 18;
    }
}

/* Bars ---------------------------------------------------------------------------------- */

static void
snapshot_bars (PepChart *self,
               cairo_t  *cr,
               double    width,
               const GdkRGBA *fg)
{
  const char *legend[PEP_N_RAG_RATINGS];
  GdkRGBA colors[PEP_N_RAG_RATINGS];
  double label_w = 0, count_w, x0, x1, y;

  for (guint r = 0; r < PEP_N_RAG_RATINGS; r++)
    {
      legend[r] = _(rating_names[r]);
      rating_color (r, &colors[r]);
    }
  draw_legend (self, cr, PAD, PAD + LEGEND_H / 2, PEP_N_RAG_RATINGS, legend, colors, FALSE, fg);

  for (guint i = 0; i < self->labels->len; i++)
    label_w = MAX (label_w, text_width (self, g_ptr_array_index (self->labels, i), FALSE));
  label_w = MIN (label_w, width * 0.35);
  count_w = text_width (self, "n = 00000", TRUE);
  x0 = PAD + label_w + 10;
  x1 = width - PAD - count_w - 8;
  if (x1 - x0 < 40)
    return;

  /* The grid and the axis: 0 % to 100 % of the rated PEPs. */
  y = PAD + LEGEND_H + 4;
  for (guint t = 0; t <= 4; t++)
    {
      double x = x0 + (x1 - x0) * t / 4.0;
      double bottom = y + self->labels->len * BAR_ROW;
      g_autofree char *tick = g_strdup_printf ("%u%%", t * 25);

      set_source (cr, fg, t == 0 ? 0.6 : 0.15);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, round (x) + 0.5, y);
      cairo_line_to (cr, round (x) + 0.5, bottom + 4);
      cairo_stroke (cr);
      draw_text (self, cr, tick, x, bottom + 12, 0, TRUE, FALSE, fg, 0);
    }
  {
    GdkRGBA dim = *fg;

    dim.alpha *= 0.7;
    draw_text (self, cr, _("Share of the rated PEPs"), (x0 + x1) / 2,
               y + self->labels->len * BAR_ROW + 32, 0, TRUE, FALSE, &dim, 0);
  }

  for (guint i = 0; i < self->labels->len; i++)
    {
      const PepRatingCounts *counts = &g_array_index (self->counts, PepRatingCounts, i);
      double row_y = y + i * BAR_ROW + (BAR_ROW - BAR_HEIGHT) / 2;
      g_autofree char *n_text = g_strdup_printf (_("n = %u"), counts->rated);
      double x = x0;

      draw_text (self, cr, g_ptr_array_index (self->labels, i), PAD, row_y + BAR_HEIGHT / 2, -1,
                 FALSE, FALSE, fg, label_w);
      draw_text (self, cr, n_text, width - PAD, row_y + BAR_HEIGHT / 2, 1, TRUE, FALSE, fg, 0);

      if (counts->rated == 0)
        {
          GdkRGBA dim = *fg;

          dim.alpha *= 0.6;
          draw_text (self, cr, _("Not rated"), x0 + 6, row_y + BAR_HEIGHT / 2, -1, TRUE, FALSE,
                     &dim, 0);
          continue;
        }

      for (guint r = 0; r < PEP_N_RAG_RATINGS; r++)
        {
          double w = (x1 - x0) * counts->count[r] / counts->rated;

          if (counts->count[r] == 0)
            continue;
          set_source (cr, &colors[r], 1.0);
          cairo_rectangle (cr, x, row_y, w, BAR_HEIGHT);
          cairo_fill (cr);
          if (w >= 34)
            {
              g_autofree char *pct = pep_stats_percent_digits (counts->count[r], counts->rated, 0);
              GdkRGBA ink;

              text_on (&colors[r], &ink);
              draw_text (self, cr, pct, x + w / 2, row_y + BAR_HEIGHT / 2, 0, TRUE, FALSE, &ink, 0);
            }
          x += w;
        }
    }
}

/* Lines --------------------------------------------------------------------------------- */

static void
snapshot_lines (PepChart      *self,
                cairo_t       *cr,
                double         width,
                double         height,
                const GdkRGBA *fg)
{
  guint n_points = self->labels->len;
  const char **legend = g_newa (const char *, MAX (self->names->len, 1));
  GdkRGBA *colors = g_newa (GdkRGBA, MAX (self->names->len, 1));
  double x0, x1, y0, y1;
  GdkRGBA dim = *fg;

  dim.alpha *= 0.7;
  for (guint s = 0; s < self->names->len; s++)
    {
      legend[s] = g_ptr_array_index (self->names, s);
      series_color (s, &colors[s]);
    }
  draw_legend (self, cr, PAD, PAD + LEGEND_H / 2, self->names->len, legend, colors, TRUE, fg);

  x0 = PAD + 26 + text_width (self, "100%", TRUE);
  x1 = width - PAD - 30;
  y0 = PAD + LEGEND_H + 12;
  y1 = height - PAD - AXIS_H;
  if (x1 - x0 < 40 || y1 - y0 < 40 || n_points == 0)
    return;

  /* The y axis: per cent, 0 to 100, with its title turned on its side. */
  for (guint t = 0; t <= 4; t++)
    {
      double y = y1 - (y1 - y0) * t / 4.0;
      g_autofree char *tick = g_strdup_printf ("%u%%", t * 25);

      set_source (cr, fg, t == 0 ? 0.6 : 0.15);
      cairo_set_line_width (cr, 1);
      cairo_move_to (cr, x0 - 4, round (y) + 0.5);
      cairo_line_to (cr, x1, round (y) + 0.5);
      cairo_stroke (cr);
      draw_text (self, cr, tick, x0 - 8, y, 1, TRUE, FALSE, fg, 0);
    }
  cairo_save (cr);
  cairo_translate (cr, PAD + 6, (y0 + y1) / 2);
  cairo_rotate (cr, -G_PI / 2);
  draw_text (self, cr, _("Per cent"), 0, 0, 0, TRUE, FALSE, &dim, 0);
  cairo_restore (cr);

  /* The x axis: the terms, oldest first. */
  for (guint p = 0; p < n_points; p++)
    {
      double x = n_points == 1 ? (x0 + x1) / 2 : x0 + 20 + (x1 - x0 - 40) * p / (n_points - 1);

      draw_text (self, cr, g_ptr_array_index (self->labels, p), x, y1 + 12, 0, TRUE, FALSE, fg,
                 n_points > 1 ? (x1 - x0) / n_points : 0);
    }
  draw_text (self, cr, _("Term"), (x0 + x1) / 2, y1 + 32, 0, TRUE, FALSE, &dim, 0);

  for (guint s = 0; s < self->names->len; s++)
    {
      gboolean drawing = FALSE;

      set_source (cr, &colors[s], 1.0);
      cairo_set_line_width (cr, 2.5);
      for (guint p = 0; p < n_points; p++)
        {
          double v = g_array_index (self->values, double, s * n_points + p);
          double x = n_points == 1 ? (x0 + x1) / 2 : x0 + 20 + (x1 - x0 - 40) * p / (n_points - 1);
          double y = y1 - (y1 - y0) * CLAMP (v, 0, 100) / 100.0;

          if (isnan (v))
            {
              drawing = FALSE;
              continue;
            }
          if (drawing)
            cairo_line_to (cr, x, y);
          else
            cairo_move_to (cr, x, y);
          drawing = TRUE;
        }
      cairo_stroke (cr);

      for (guint p = 0; p < n_points; p++)
        {
          double v = g_array_index (self->values, double, s * n_points + p);
          double x = n_points == 1 ? (x0 + x1) / 2 : x0 + 20 + (x1 - x0 - 40) * p / (n_points - 1);
          double y = y1 - (y1 - y0) * CLAMP (v, 0, 100) / 100.0;

          if (isnan (v))
            continue;
          set_source (cr, &colors[s], 1.0);
          draw_marker (cr, s, x, y, 4.5);
        }
    }

  /* The values, beside their points: at each term the labels go above their points, and
   * one that would touch the label above goes below its point, so none overlaps another. */
  for (guint p = 0; p < n_points; p++)
    {
      double x = n_points == 1 ? (x0 + x1) / 2 : x0 + 20 + (x1 - x0 - 40) * p / (n_points - 1);
      guint order[8];
      double label_y[8];
      guint n = 0;

      for (guint s = 0; s < self->names->len && n < G_N_ELEMENTS (order); s++)
        if (!isnan (g_array_index (self->values, double, s * n_points + p)))
          order[n++] = s;
      /* Top to bottom, by value. */
      for (guint i = 1; i < n; i++)
        for (guint j = i; j > 0; j--)
          {
            double a = g_array_index (self->values, double, order[j - 1] * n_points + p);
            double b = g_array_index (self->values, double, order[j] * n_points + p);
            guint t;

            if (a >= b)
              break;
            t = order[j];
            order[j] = order[j - 1];
            order[j - 1] = t;
          }
      for (guint i = 0; i < n; i++)
        {
          double v = g_array_index (self->values, double, order[i] * n_points + p);
          double y = y1 - (y1 - y0) * CLAMP (v, 0, 100) / 100.0 - 12;

          label_y[i] = i > 0 ? MAX (y, label_y[i - 1] + 14) : y;
          /* Pushed down onto its own line: below its point instead. */
          if (label_y[i] > y)
            label_y[i] = MAX (y + 25, label_y[i - 1] + 14);
        }
      for (guint i = 0; i < n; i++)
        {
          double v = g_array_index (self->values, double, order[i] * n_points + p);
          g_autofree char *text = g_strdup_printf ("%.1f%%", v);

          draw_text (self, cr, text, x, label_y[i], 0, TRUE, TRUE, &colors[order[i]], 0);
        }
    }
}

/* GtkWidget ----------------------------------------------------------------------------- */

static void
pep_chart_snapshot (GtkWidget   *widget,
                    GtkSnapshot *snapshot)
{
  PepChart *self = PEP_CHART (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  cairo_t *cr;
  GdkRGBA fg;

  if (self->kind == CHART_NONE || width <= 2 * PAD || height <= 2 * PAD)
    return;

  foreground (self, &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->kind == CHART_BARS)
    snapshot_bars (self, cr, width, &fg);
  else
    snapshot_lines (self, cr, width, height, &fg);
  cairo_destroy (cr);
}

static void
pep_chart_measure (GtkWidget      *widget,
                   GtkOrientation  orientation,
                   int             for_size,
                   int            *minimum,
                   int            *natural,
                   int            *minimum_baseline,
                   int            *natural_baseline)
{
  PepChart *self = PEP_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 280;
      *natural = 520;
    }
  else if (self->kind == CHART_BARS)
    {
      *minimum = *natural = (int) (2 * PAD + LEGEND_H + 4 + self->labels->len * BAR_ROW + AXIS_H);
    }
  else
    {
      *minimum = *natural = LINE_HEIGHT;
    }
}

static void
pep_chart_css_changed (GtkWidget         *widget,
                       GtkCssStyleChange *change)
{
  GTK_WIDGET_CLASS (pep_chart_parent_class)->css_changed (widget, change);
  gtk_widget_queue_draw (widget);
}

/* The text alternative ------------------------------------------------------------------ */

static void
set_summary (PepChart *self,
             char     *summary)
{
  g_free (self->summary);
  self->summary = summary;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, self->title ? self->title : "",
                                  -1);
  pep_accessible_describe (GTK_WIDGET (self), self->summary);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SUMMARY]);
}

static char *
bars_summary (PepChart *self)
{
  GString *text = g_string_new (self->title ? self->title : "");

  g_string_append (text, ".");
  for (guint i = 0; i < self->labels->len; i++)
    {
      const PepRatingCounts *c = &g_array_index (self->counts, PepRatingCounts, i);

      g_string_append_printf (text, " %s: ", (const char *) g_ptr_array_index (self->labels, i));
      if (c->rated == 0)
        {
          g_string_append (text, _("not rated."));
          continue;
        }
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "%u rated", "%u rated", c->rated),
                              c->rated);
      for (guint r = 0; r < PEP_N_RAG_RATINGS; r++)
        {
          g_autofree char *pct = pep_stats_percent (c->count[r], c->rated);
          g_autofree char *lower = g_utf8_strdown (_(rating_names[r]), -1);

          /* Translators: a rating and its share, like "red 24.0%" */
          g_string_append_printf (text, _(", %s %s"), lower, pct);
        }
      g_string_append (text, ".");
    }
  return g_string_free (text, FALSE);
}

static char *
lines_summary (PepChart *self)
{
  GString *text = g_string_new (self->title ? self->title : "");
  guint n_points = self->labels->len;

  g_string_append (text, ".");
  for (guint s = 0; s < self->names->len; s++)
    {
      g_string_append_printf (text, " %s:", (const char *) g_ptr_array_index (self->names, s));
      for (guint p = 0; p < n_points; p++)
        {
          double v = g_array_index (self->values, double, s * n_points + p);

          g_string_append_printf (text, "%s %s ", p ? "," : "",
                                  (const char *) g_ptr_array_index (self->labels, p));
          if (isnan (v))
            g_string_append (text, _("no figure"));
          else
            g_string_append_printf (text, "%.1f%%", v);
        }
      g_string_append (text, ".");
    }
  return g_string_free (text, FALSE);
}

/* GObject ------------------------------------------------------------------------------- */

static void
on_dark_changed (PepChart *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pep_chart_dispose (GObject *object)
{
  PepChart *self = PEP_CHART (object);

  g_clear_pointer (&self->labels, g_ptr_array_unref);
  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->names, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_array_unref);

  G_OBJECT_CLASS (pep_chart_parent_class)->dispose (object);
}

static void
pep_chart_finalize (GObject *object)
{
  PepChart *self = PEP_CHART (object);

  g_free (self->title);
  g_free (self->summary);

  G_OBJECT_CLASS (pep_chart_parent_class)->finalize (object);
}

static void
pep_chart_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  PepChart *self = PEP_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_chart_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  PepChart *self = PEP_CHART (object);

  switch (prop_id)
    {
    case PROP_TITLE:
      pep_chart_set_title (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
pep_chart_class_init (PepChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = pep_chart_dispose;
  object_class->finalize = pep_chart_finalize;
  object_class->get_property = pep_chart_get_property;
  object_class->set_property = pep_chart_set_property;
  widget_class->snapshot = pep_chart_snapshot;
  widget_class->measure = pep_chart_measure;
  widget_class->css_changed = pep_chart_css_changed;

  properties[PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SUMMARY] =
    g_param_spec_string ("summary", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_css_name (widget_class, "chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
pep_chart_init (PepChart *self)
{
  self->labels = g_ptr_array_new_with_free_func (g_free);
  self->counts = g_array_new (FALSE, TRUE, sizeof (PepRatingCounts));
  self->names = g_ptr_array_new_with_free_func (g_free);
  self->values = g_array_new (FALSE, TRUE, sizeof (double));
  g_signal_connect_object (adw_style_manager_get_default (), "notify::dark",
                           G_CALLBACK (on_dark_changed), self, G_CONNECT_SWAPPED);
}

/* Public API ---------------------------------------------------------------------------- */

GtkWidget *
pep_chart_new (void)
{
  return g_object_new (PEP_TYPE_CHART, NULL);
}

const char *
pep_chart_get_title (PepChart *self)
{
  g_return_val_if_fail (PEP_IS_CHART (self), NULL);

  return self->title;
}

void
pep_chart_set_title (PepChart   *self,
                     const char *title)
{
  g_return_if_fail (PEP_IS_CHART (self));

  if (g_strcmp0 (title, self->title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title ? title : "", -1);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
pep_chart_clear (PepChart *self)
{
  g_return_if_fail (PEP_IS_CHART (self));

  g_ptr_array_set_size (self->labels, 0);
  g_array_set_size (self->counts, 0);
  g_ptr_array_set_size (self->names, 0);
  g_array_set_size (self->values, 0);
  self->kind = CHART_NONE;
  set_summary (self, g_strdup (""));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * pep_chart_set_bars:
 * @labels: (array length=n_bars): what each bar stands for (a section, a term)
 * @counts: (array length=n_bars): its ratings
 *
 * One horizontal bar per entry, 100 % wide, stacked red, amber, green, gold.
 */
void
pep_chart_set_bars (PepChart               *self,
                    guint                   n_bars,
                    const char * const     *labels,
                    const PepRatingCounts  *counts)
{
  g_return_if_fail (PEP_IS_CHART (self));
  g_return_if_fail (n_bars == 0 || (labels != NULL && counts != NULL));

  pep_chart_clear (self);
  for (guint i = 0; i < n_bars; i++)
    g_ptr_array_add (self->labels, g_strdup (labels[i]));
  g_array_append_vals (self->counts, counts, n_bars);
  self->kind = CHART_BARS;
  set_summary (self, bars_summary (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * pep_chart_set_lines:
 * @labels: (array length=n_points): the x axis, oldest first
 * @names: (array length=n_series): each line's name, for the legend
 * @values: n_series × n_points percentages, series after series; NAN where there is none
 */
void
pep_chart_set_lines (PepChart               *self,
                     guint                   n_points,
                     const char * const     *labels,
                     guint                   n_series,
                     const char * const     *names,
                     const double           *values)
{
  g_return_if_fail (PEP_IS_CHART (self));

  pep_chart_clear (self);
  for (guint i = 0; i < n_points; i++)
    g_ptr_array_add (self->labels, g_strdup (labels[i]));
  for (guint s = 0; s < n_series; s++)
    g_ptr_array_add (self->names, g_strdup (names[s]));
  g_array_append_vals (self->values, values, n_series * n_points);
  self->kind = CHART_LINES;
  set_summary (self, lines_summary (self));
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * pep_chart_get_summary:
 *
 * The chart in words, as screen readers are given it (its accessible description).
 */
const char *
pep_chart_get_summary (PepChart *self)
{
  g_return_val_if_fail (PEP_IS_CHART (self), NULL);

  return self->summary;
}
