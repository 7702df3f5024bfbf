/* pep-rubric.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A rubric file is read with no network, no DTD and no entity expansion, refused when it
 * carries a DOCTYPE or is larger than PEP_RUBRIC_MAX_SIZE, validated against rubric.xsd
 * (built in), and then checked for what the schema cannot say: section nicks and check ids
 * PEP Studio knows, and a gold level exactly when the scale has gold. Every refusal names
 * the line and the reason.
 */

#define G_LOG_DOMAIN "pep-rubric"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <libxml/parser.h>
#include <libxml/xmlschemas.h>
#include <string.h>

#include "pep-checks.h"
#include "pep-rubric.h"
#include "pepcore-resources.h"

typedef struct
{
  PepSection section;
  PepScale   scale;
  gboolean   counts;
  guint      not_rated_kinds;   /* 1 << PepKind */
  guint      first_criterion;
  guint      n_criteria;
} Section;

typedef struct
{
  guint ratings;   /* 1 << PepRating */
  int   min;       /* -1: no bound */
  int   max;
} Count;

typedef struct
{
  PepRating rating;
  guint     first_count;
  guint     n_counts;
} When;

typedef struct
{
  gint64       pence;
  guint        kinds;      /* 1 << PepKind; 0 for every kind */
  guint        overall;    /* 1 << PepRating; 0 for any rating */
  gboolean     has_progress;
  PepProgress  at_least;
  const char  *description;
} Allocation;

struct _PepRubric
{
  GObject       parent_instance;

  GStringChunk *strings;
  GArray       *sections;      /* Section, in the rubric's order */
  GArray       *criteria;      /* PepCriterion, section by section */
  GArray       *counts;        /* Count */
  GArray       *whens;         /* When */
  GArray       *allocations;   /* Allocation */
  const char   *id;
  const char   *version;
  const char   *title;
  const char   *rule;
  const char   *rule_description;
  PepRating     otherwise;
};

G_DEFINE_FINAL_TYPE (PepRubric, pep_rubric, G_TYPE_OBJECT)
G_DEFINE_QUARK (pep-rubric-error-quark, pep_rubric_error)

static const struct
{
  const char *nick;
  const char *label;
} ratings[PEP_N_RATINGS] = {
  { "red", N_("Red") },
  { "amber", N_("Amber") },
  { "green", N_("Green") },
  { "gold", N_("Gold") },
  { "not-rated", N_("Not rated") },
};

static const char *progress_nicks[] = { "below", "expected", "above" };

static void
pep_rubric_finalize (GObject *object)
{
  PepRubric *self = (PepRubric *)object;

  g_clear_pointer (&self->sections, g_array_unref);
  g_clear_pointer (&self->criteria, g_array_unref);
  g_clear_pointer (&self->counts, g_array_unref);
  g_clear_pointer (&self->whens, g_array_unref);
  g_clear_pointer (&self->allocations, g_array_unref);
  g_clear_pointer (&self->strings, g_string_chunk_free);

  G_OBJECT_CLASS (pep_rubric_parent_class)->finalize (object);
}

static void
pep_rubric_class_init (PepRubricClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = pep_rubric_finalize;
}

static void
pep_rubric_init (PepRubric *self)
{
  self->strings = g_string_chunk_new (4096);
  self->sections = g_array_new (FALSE, TRUE, sizeof (Section));
  self->criteria = g_array_new (FALSE, TRUE, sizeof (PepCriterion));
  self->counts = g_array_new (FALSE, TRUE, sizeof (Count));
  self->whens = g_array_new (FALSE, TRUE, sizeof (When));
  self->allocations = g_array_new (FALSE, TRUE, sizeof (Allocation));
  self->otherwise = PEP_RATING_NOT_RATED;
}

/* Names ----------------------------------------------------------------------------------- */

const char *
pep_rating_to_nick (PepRating rating)
{
  g_return_val_if_fail (rating < PEP_N_RATINGS, NULL);
  return ratings[rating].nick;
}

const char *
pep_rating_to_label (PepRating rating)
{
  g_return_val_if_fail (rating < PEP_N_RATINGS, NULL);
  return _(ratings[rating].label);
}

gboolean
pep_rating_from_nick (const char *nick,
                      PepRating  *rating)
{
  for (guint i = 0; nick != NULL && i < PEP_N_RATINGS; i++)
    if (strcmp (nick, ratings[i].nick) == 0)
      {
        *rating = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
pep_progress_from_nick (const char  *nick,
                        PepProgress *progress)
{
  for (guint i = 0; nick != NULL && i < G_N_ELEMENTS (progress_nicks); i++)
    if (strcmp (nick, progress_nicks[i]) == 0)
      {
        *progress = i;
        return TRUE;
      }
  return FALSE;
}

/* Reading --------------------------------------------------------------------------------- */

/* The first error libxml2 reports, with its line. */
typedef struct
{
  int   line;
  char *message;
} FirstError;

static void
first_error_clear (FirstError *first)
{
  g_clear_pointer (&first->message, g_free);
}

static void
capture_error (FirstError        *first,
               const xmlError    *error)
{
  if (first->message != NULL || error == NULL || error->level < XML_ERR_ERROR)
    return;
  first->line = error->line;
  first->message = g_strstrip (g_strdup (error->message ? error->message : ""));
}

static void
on_parser_error (void     *data,
                 xmlError *error)
{
  xmlParserCtxtPtr ctxt = data;

  capture_error (ctxt->_private, error);
}

static void
on_schema_error (void     *data,
                 xmlError *error)
{
  capture_error (data, error);
}

static void
set_line_error (GError     **error,
                int          code,
                const char  *display_name,
                long         line,
                const char  *reason)
{
  g_set_error (error, PEP_RUBRIC_ERROR, code, _("Line %ld of %s: %s"),
               MAX (line, 1), display_name, reason);
}

/* rubric.xsd, compiled once. */
static xmlSchemaPtr
get_schema (void)
{
  static gsize once = 0;
  static xmlSchemaPtr schema = NULL;

  if (g_once_init_enter (&once))
    {
      g_autoptr(GBytes) bytes = g_resource_lookup_data (pepcore_get_resource (),
                                                        PEP_RUBRIC_SCHEMA_RESOURCE_PATH,
                                                        G_RESOURCE_LOOKUP_FLAGS_NONE, NULL);
      xmlSchemaParserCtxtPtr ctxt;
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

static gboolean
is_element (xmlNodePtr  node,
            const char *name)
{
  return node->type == XML_ELEMENT_NODE && strcmp ((const char *) node->name, name) == 0;
}

/* An attribute's value (NULL when absent), kept for the rubric's lifetime. */
static const char *
attr (PepRubric  *self,
      xmlNodePtr  node,
      const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  const char *kept;

  if (value == NULL)
    return NULL;
  kept = g_string_chunk_insert_const (self->strings, g_strstrip ((char *) value));
  xmlFree (value);
  return kept;
}

static const char *
text (PepRubric  *self,
      xmlNodePtr  node)
{
  xmlChar *content = xmlNodeGetContent (node);
  const char *kept = g_string_chunk_insert_const (self->strings,
                                                  g_strstrip ((char *) content));

  xmlFree (content);
  return kept;
}

/* A space-separated list of rating nicks, as a mask. The schema has checked each. */
static guint
rating_mask (const char *list)
{
  g_auto(GStrv) nicks = g_strsplit_set (list ? list : "", " \t\r\n", -1);
  guint mask = 0;

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      PepRating rating;

      if (pep_rating_from_nick (nicks[i], &rating))
        mask |= 1u << rating;
    }
  return mask;
}

static guint
kind_mask (const char *list)
{
  g_auto(GStrv) nicks = g_strsplit_set (list ? list : "", " \t\r\n", -1);
  guint mask = 0;

  for (guint i = 0; nicks[i] != NULL; i++)
    {
      PepKind kind;

      if (pep_kind_from_nick (nicks[i], &kind))
        mask |= 1u << kind;
    }
  return mask;
}

static gboolean
read_section (PepRubric   *self,
              xmlNodePtr   node,
              const char  *display_name,
              GError     **error)
{
  const char *id = attr (self, node, "id");
  const char *counts = attr (self, node, "counts");
  Section section = { 0 };
  gboolean has_gold = FALSE;

  if (!pep_section_from_nick (id, &section.section) || section.section == PEP_SECTION_QA)
    {
      g_autofree char *reason = g_strdup_printf (_("a PEP has no section “%s” to rate"), id);
      set_line_error (error, PEP_RUBRIC_ERROR_UNKNOWN, display_name, xmlGetLineNo (node), reason);
      return FALSE;
    }
  section.scale = g_strcmp0 (attr (self, node, "scale"), "ragg") == 0 ? PEP_SCALE_RAGG : PEP_SCALE_RAG;
  section.counts = counts == NULL || g_str_equal (counts, "true") || g_str_equal (counts, "1");
  section.first_criterion = self->criteria->len;

  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      PepRating level;

      if (is_element (child, "not-rated-for"))
        {
          section.not_rated_kinds |= kind_mask (attr (self, child, "kind"));
          continue;
        }
      if (child->type != XML_ELEMENT_NODE)
        continue;
      if (!pep_rating_from_nick ((const char *) child->name, &level))
        continue;
      if (level == PEP_RATING_GOLD)
        {
          has_gold = TRUE;
          if (section.scale == PEP_SCALE_RAG)
            {
              g_autofree char *reason =
                g_strdup_printf (_("section “%s” is rated red, amber or green, so it has no "
                                   "gold level"), id);
              set_line_error (error, PEP_RUBRIC_ERROR_INVALID, display_name,
                              xmlGetLineNo (child), reason);
              return FALSE;
            }
        }

      for (xmlNodePtr c = child->children; c != NULL; c = c->next)
        {
          PepCriterion criterion = { 0 };

          if (!is_element (c, "criterion"))
            continue;
          criterion.id = attr (self, c, "id");
          criterion.section = section.section;
          criterion.level = level;
          criterion.check = attr (self, c, "check");
          criterion.description = text (self, c);
          if (criterion.check != NULL && !pep_check_is_known (criterion.check))
            {
              g_autofree char *reason =
                g_strdup_printf (_("there is no automatic check “%s”"), criterion.check);
              set_line_error (error, PEP_RUBRIC_ERROR_UNKNOWN, display_name,
                              xmlGetLineNo (c), reason);
              return FALSE;
            }
          g_array_append_val (self->criteria, criterion);
          section.n_criteria++;
        }
    }

  if (section.scale == PEP_SCALE_RAGG && !has_gold)
    {
      g_autofree char *reason =
        g_strdup_printf (_("section “%s” is rated up to gold, so it needs a gold level"), id);
      set_line_error (error, PEP_RUBRIC_ERROR_INVALID, display_name, xmlGetLineNo (node), reason);
      return FALSE;
    }
  g_array_append_val (self->sections, section);
  return TRUE;
}

static int
bound (PepRubric  *self,
       xmlNodePtr  node,
       const char *name)
{
  const char *value = attr (self, node, name);

  return value ? (int) g_ascii_strtoll (value, NULL, 10) : -1;
}

static void
read_overall (PepRubric  *self,
              xmlNodePtr  node)
{
  self->rule = attr (self, node, "rule");
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      if (is_element (child, "description"))
        self->rule_description = text (self, child);
      else if (is_element (child, "otherwise"))
        pep_rating_from_nick (attr (self, child, "rating"), &self->otherwise);
      else if (is_element (child, "when"))
        {
          When when = { 0 };

          pep_rating_from_nick (attr (self, child, "rating"), &when.rating);
          when.first_count = self->counts->len;
          for (xmlNodePtr c = child->children; c != NULL; c = c->next)
            {
              Count count;

              if (!is_element (c, "count"))
                continue;
              count.ratings = rating_mask (attr (self, c, "ratings"));
              count.min = bound (self, c, "min");
              count.max = bound (self, c, "max");
              g_array_append_val (self->counts, count);
              when.n_counts++;
            }
          g_array_append_val (self->whens, when);
        }
    }
}

static void
read_ppplus (PepRubric  *self,
             xmlNodePtr  node)
{
  for (xmlNodePtr child = node->children; child != NULL; child = child->next)
    {
      Allocation allocation = { 0 };

      if (!is_element (child, "allocate"))
        continue;
      allocation.pence = g_ascii_strtoll (attr (self, child, "pence"), NULL, 10);
      allocation.kinds = kind_mask (attr (self, child, "kinds"));
      for (xmlNodePtr c = child->children; c != NULL; c = c->next)
        {
          if (is_element (c, "description"))
            allocation.description = text (self, c);
          else if (is_element (c, "overall"))
            allocation.overall = rating_mask (attr (self, c, "ratings"));
          else if (is_element (c, "progress"))
            allocation.has_progress = pep_progress_from_nick (attr (self, c, "at-least"),
                                                              &allocation.at_least);
        }
      g_array_append_val (self->allocations, allocation);
    }
}

static gboolean
read_rubric (PepRubric   *self,
             xmlDocPtr    doc,
             const char  *display_name,
             GError     **error)
{
  xmlNodePtr root = xmlDocGetRootElement (doc);

  self->id = attr (self, root, "id");
  self->version = attr (self, root, "version");
  for (xmlNodePtr node = root->children; node != NULL; node = node->next)
    {
      if (is_element (node, "title"))
        self->title = text (self, node);
      else if (is_element (node, "sections"))
        {
          for (xmlNodePtr s = node->children; s != NULL; s = s->next)
            if (is_element (s, "section") && !read_section (self, s, display_name, error))
              return FALSE;
        }
      else if (is_element (node, "overall"))
        read_overall (self, node);
      else if (is_element (node, "ppplus"))
        read_ppplus (self, node);
    }
  return TRUE;
}

/**
 * pep_rubric_new_from_data:
 * @display_name: how to name the file in messages
 *
 * Returns: (transfer full): the rubric, or %NULL with @error naming the line and the reason
 */
PepRubric *
pep_rubric_new_from_data (const char  *data,
                          gsize        length,
                          const char  *display_name,
                          GError     **error)
{
  g_autoptr(PepRubric) self = NULL;
  xmlParserCtxtPtr ctxt;
  xmlSchemaValidCtxtPtr valid;
  xmlDocPtr doc;
  FirstError first = { 0 };
  gboolean ok;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (display_name != NULL, NULL);

  if (length > PEP_RUBRIC_MAX_SIZE)
    {
      g_set_error (error, PEP_RUBRIC_ERROR, PEP_RUBRIC_ERROR_TOO_LARGE,
                   _("%s is too large to be a rubric (more than %u KiB)."), display_name,
                   PEP_RUBRIC_MAX_SIZE / 1024);
      return NULL;
    }

  /* No network, no DTD, no entities expanded; the first error is the one we report. */
  ctxt = xmlNewParserCtxt ();
  if (ctxt == NULL)
    g_error ("out of memory");
  ctxt->_private = &first;
  ctxt->sax->serror = on_parser_error;
  doc = xmlCtxtReadMemory (ctxt, length ? data : "", (int) length, display_name, NULL,
                           XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING
                           | XML_PARSE_BIG_LINES | XML_PARSE_NOCDATA);
  ok = doc != NULL && ctxt->wellFormed;
  xmlFreeParserCtxt (ctxt);
  if (!ok)
    {
      set_line_error (error, PEP_RUBRIC_ERROR_MALFORMED, display_name, first.line,
                      first.message ? first.message : _("this is not XML"));
      first_error_clear (&first);
      g_clear_pointer (&doc, xmlFreeDoc);
      return NULL;
    }
  if (doc->intSubset != NULL || doc->extSubset != NULL)
    {
      set_line_error (error, PEP_RUBRIC_ERROR_MALFORMED, display_name, 1,
                      _("a rubric may not have a DOCTYPE"));
      xmlFreeDoc (doc);
      return NULL;
    }

  valid = xmlSchemaNewValidCtxt (get_schema ());
  xmlSchemaSetValidStructuredErrors (valid, on_schema_error, &first);
  ok = xmlSchemaValidateDoc (valid, doc) == 0;
  xmlSchemaFreeValidCtxt (valid);
  if (!ok)
    {
      set_line_error (error, PEP_RUBRIC_ERROR_INVALID, display_name, first.line,
                      first.message ? first.message : _("it does not follow the rubric schema"));
      first_error_clear (&first);
      xmlFreeDoc (doc);
      return NULL;
    }

  self = g_object_new (PEP_TYPE_RUBRIC, NULL);
  ok = read_rubric (self, doc, display_name, error);
  xmlFreeDoc (doc);
  return ok ? g_steal_pointer (&self) : NULL;
}

PepRubric *
pep_rubric_new_from_file (const char  *path,
                          GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *name = NULL;
  gsize length = 0;

  g_return_val_if_fail (path != NULL, NULL);

  file = g_file_new_for_path (path);
  name = g_file_get_basename (file);
  /* Look at the size first: a huge file is refused without being read. */
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE, G_FILE_QUERY_INFO_NONE,
                            NULL, &local_error);
  if (info != NULL && g_file_info_get_size (info) > PEP_RUBRIC_MAX_SIZE)
    return pep_rubric_new_from_data ("", PEP_RUBRIC_MAX_SIZE + 1, name, error);
  if (info == NULL || !g_file_load_contents (file, NULL, &contents, &length, NULL, &local_error))
    {
      g_set_error (error, PEP_RUBRIC_ERROR, PEP_RUBRIC_ERROR_IO,
                   _("The rubric %s could not be read: %s"), name, local_error->message);
      return NULL;
    }
  return pep_rubric_new_from_data (contents, length, name, error);
}

/**
 * pep_rubric_new_default:
 *
 * Returns: (transfer full): the rubric built into PEP Studio (data/rubric/default.xml)
 */
PepRubric *
pep_rubric_new_default (void)
{
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  PepRubric *rubric;
  gsize length = 0;
  const char *data;

  bytes = g_resource_lookup_data (pepcore_get_resource (), PEP_RUBRIC_RESOURCE_PATH,
                                  G_RESOURCE_LOOKUP_FLAGS_NONE, &error);
  g_assert_no_error (error);
  data = g_bytes_get_data (bytes, &length);
  rubric = pep_rubric_new_from_data (data, length, "default.xml", &error);
  /* Built in and tested: a failure here is a bug in the build. */
  g_assert_no_error (error);
  return rubric;
}

/* Reading the rubric ------------------------------------------------------------------------ */

const char *
pep_rubric_get_id (PepRubric *self)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), NULL);
  return self->id;
}

const char *
pep_rubric_get_version (PepRubric *self)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), NULL);
  return self->version;
}

const char *
pep_rubric_get_title (PepRubric *self)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), NULL);
  return self->title;
}

/**
 * pep_rubric_translate:
 * @text: (nullable): a title, criterion or description as a rubric gives it
 *
 * The rubric's words in the reader's language: the built-in rubric's are translated with
 * PEP Studio's catalogue (po/its reads them from data/rubric/default.xml); a Virtual
 * School's own words are shown as it wrote them. The rubric itself keeps its own words, for
 * export and signatures.
 *
 * Returns: (nullable): the words to show
 */
const char *
pep_rubric_translate (const char *text)
{
  if (text == NULL || *text == '\0')
    return text;
  return g_dgettext (GETTEXT_PACKAGE, text);
}

/* Returns: the name of the combining rule, such as "st-helens" or "lowest" */
const char *
pep_rubric_get_rule (PepRubric *self)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), NULL);
  return self->rule;
}

/* Returns: (nullable): the rule in words, as the rubric gives it */
const char *
pep_rubric_get_rule_description (PepRubric *self)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), NULL);
  return self->rule_description;
}

guint
pep_rubric_get_n_sections (PepRubric *self)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), 0);
  return self->sections->len;
}

/* Sections in the rubric's order. */
PepSection
pep_rubric_get_section (PepRubric *self,
                        guint      index)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), 0);
  g_return_val_if_fail (index < self->sections->len, 0);
  return g_array_index (self->sections, Section, index).section;
}

static const Section *
find_section (PepRubric  *self,
              PepSection  section)
{
  for (guint i = 0; i < self->sections->len; i++)
    if (g_array_index (self->sections, Section, i).section == section)
      return &g_array_index (self->sections, Section, i);
  return NULL;
}

gboolean
pep_rubric_has_section (PepRubric  *self,
                        PepSection  section)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), FALSE);
  return find_section (self, section) != NULL;
}

PepScale
pep_rubric_get_scale (PepRubric  *self,
                      PepSection  section)
{
  const Section *s;

  g_return_val_if_fail (PEP_IS_RUBRIC (self), PEP_SCALE_RAG);
  s = find_section (self, section);
  return s ? s->scale : PEP_SCALE_RAG;
}

/* Whether @section is rated for a PEP of @kind (early-years PEPs have no social and emotional
 * rating, for example). */
gboolean
pep_rubric_rates (PepRubric  *self,
                  PepSection  section,
                  PepKind     kind)
{
  const Section *s;

  g_return_val_if_fail (PEP_IS_RUBRIC (self), FALSE);
  s = find_section (self, section);
  return s != NULL && (s->not_rated_kinds & (1u << kind)) == 0;
}

/* Whether @section's rating counts towards the overall rating. */
gboolean
pep_rubric_counts (PepRubric  *self,
                   PepSection  section)
{
  const Section *s;

  g_return_val_if_fail (PEP_IS_RUBRIC (self), FALSE);
  s = find_section (self, section);
  return s != NULL && s->counts;
}

/* Whether @rating is on @section's scale (gold is not on red/amber/green). */
gboolean
pep_rubric_allows_rating (PepRubric  *self,
                          PepSection  section,
                          PepRating   rating)
{
  const Section *s;

  g_return_val_if_fail (PEP_IS_RUBRIC (self), FALSE);
  s = find_section (self, section);
  if (s == NULL || rating >= PEP_RATING_NOT_RATED)
    return FALSE;
  return rating != PEP_RATING_GOLD || s->scale == PEP_SCALE_RAGG;
}

/* Returns: (array length=n_criteria): @section's criteria, amber first, then green, gold */
const PepCriterion *
pep_rubric_get_criteria (PepRubric  *self,
                         PepSection  section,
                         guint      *n_criteria)
{
  const Section *s;

  g_return_val_if_fail (PEP_IS_RUBRIC (self), NULL);
  g_return_val_if_fail (n_criteria != NULL, NULL);

  s = find_section (self, section);
  *n_criteria = s ? s->n_criteria : 0;
  if (s == NULL || s->n_criteria == 0)
    return NULL;
  return &g_array_index (self->criteria, PepCriterion, s->first_criterion);
}

/**
 * pep_rubric_combine:
 * @section_ratings: each section's rating, indexed by #PepSection; %PEP_RATING_NOT_RATED for none
 *
 * The overall rating by the rubric's rule, from the sections that count and are rated for
 * @kind. The first `when` whose counts all hold gives it; else `otherwise`.
 *
 * Returns: the overall rating, or %PEP_RATING_NOT_RATED when no section that counts is rated
 */
PepRating
pep_rubric_combine (PepRubric       *self,
                    PepKind          kind,
                    const PepRating  section_ratings[PEP_N_SECTIONS])
{
  guint n_with[PEP_N_RATINGS] = { 0 };
  guint n = 0;

  g_return_val_if_fail (PEP_IS_RUBRIC (self), PEP_RATING_NOT_RATED);
  g_return_val_if_fail (section_ratings != NULL, PEP_RATING_NOT_RATED);

  for (guint i = 0; i < self->sections->len; i++)
    {
      const Section *s = &g_array_index (self->sections, Section, i);
      PepRating rating = section_ratings[s->section];

      if (!s->counts || (s->not_rated_kinds & (1u << kind)) || rating >= PEP_RATING_NOT_RATED)
        continue;
      n_with[rating]++;
      n++;
    }
  if (n == 0)
    return PEP_RATING_NOT_RATED;

  for (guint w = 0; w < self->whens->len; w++)
    {
      const When *when = &g_array_index (self->whens, When, w);
      gboolean holds = TRUE;

      for (guint c = 0; holds && c < when->n_counts; c++)
        {
          const Count *count = &g_array_index (self->counts, Count, when->first_count + c);
          guint total = 0;

          for (guint r = 0; r < PEP_N_RATINGS; r++)
            if (count->ratings & (1u << r))
              total += n_with[r];
          holds = (count->min < 0 || total >= (guint) count->min)
                  && (count->max < 0 || total <= (guint) count->max);
        }
      if (holds)
        return when->rating;
    }
  return self->otherwise;
}

/**
 * pep_rubric_allocate:
 * @description: (out) (optional): the rule that gave the amount, in the rubric's words
 *
 * The PP+ allocation for one PEP for its term, by the first `allocate` of the rubric whose
 * conditions all hold.
 *
 * Returns: the amount in pence; 0 when no rule applies
 */
gint64
pep_rubric_allocate (PepRubric                *self,
                     const PepAllocationFacts *facts,
                     const char              **description)
{
  g_return_val_if_fail (PEP_IS_RUBRIC (self), 0);
  g_return_val_if_fail (facts != NULL, 0);

  if (description != NULL)
    *description = NULL;
  for (guint i = 0; i < self->allocations->len; i++)
    {
      const Allocation *a = &g_array_index (self->allocations, Allocation, i);
      guint n_judged = facts->n_below + facts->n_expected + facts->n_above;

      if (a->kinds != 0 && (a->kinds & (1u << facts->kind)) == 0)
        continue;
      if (a->overall != 0 && (facts->overall >= PEP_N_RATINGS
                              || (a->overall & (1u << facts->overall)) == 0))
        continue;
      if (a->has_progress
          && (n_judged == 0
              || (a->at_least >= PEP_PROGRESS_EXPECTED && facts->n_below > 0)
              || (a->at_least >= PEP_PROGRESS_ABOVE && facts->n_expected > 0)))
        continue;
      if (description != NULL)
        *description = a->description;
      return a->pence;
    }
  return 0;
}
