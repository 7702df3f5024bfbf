/* pep-demo.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo Virtual School. Names are drawn from lists of common given names and surnames
 * and paired at random, schools from invented place names: nothing here is a real child,
 * carer or school. Proportions follow the figures in DOMAIN.md §4–6 (SEN, attendance,
 * SDQ bands, social-worker attendance, statuses); the authority's own LA code is 999, which
 * no real authority uses.
 */

#define G_LOG_DOMAIN "pep-demo"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <string.h>

#include "pep-authority-trust.h"
#include "pep-child-history.h"
#include "pep-copy-owner.h"
#include "pep-demo.h"
#include "pep-key-pins.h"
#include "pep-rubric.h"
#include "pep-signoff.h"
#include "pep-store-authority.h"
#include "pep-upn.h"

#define HOME_LA 999
#define HOME_LA_NAME "Demoshire County Council (invented)"
#define MAX_CHILDREN 100000

static const char *given_names[] = {
  "Aaliyah", "Aaron", "Abdi", "Ada", "Adam", "Ahmed", "Alfie", "Amara", "Amelia", "Archie",
  "Ava", "Bella", "Ben", "Caleb", "Charlie", "Chloe", "Daisy", "Daniel", "Dylan", "Ella",
  "Ellie", "Emily", "Ethan", "Evie", "Faith", "Finley", "Freya", "George", "Grace", "Hana",
  "Harry", "Harvey", "Isla", "Ivy", "Jack", "Jacob", "Jayden", "Jessica", "Joshua", "Kai",
  "Kayden", "Leah", "Leo", "Lily", "Logan", "Lucas", "Maisie", "Mason", "Maya", "Mia",
  "Mohammed", "Noah", "Olivia", "Oscar", "Poppy", "Riley", "Ruby", "Samir", "Sienna", "Sofia",
  "Teddy", "Theo", "Tyler", "Willow", "Yusuf", "Zara", "Zofia", "Tomasz", "Kacper", "Nia",
};

static const char *surnames[] = {
  "Abbott", "Adeyemi", "Ali", "Armstrong", "Bailey", "Baker", "Barnes", "Bennett", "Brooks",
  "Campbell", "Carter", "Clarke", "Collins", "Cooper", "Davies", "Dixon", "Edwards", "Ellis",
  "Evans", "Fisher", "Fletcher", "Foster", "Graham", "Green", "Hall", "Harris", "Hughes",
  "Hussain", "Jackson", "James", "Johnson", "Jones", "Kaur", "Kelly", "Khan", "Kowalski",
  "Lewis", "Marshall", "Mason", "Mills", "Mitchell", "Moore", "Morgan", "Murphy", "Nowak",
  "Okafor", "Owen", "Palmer", "Parker", "Patel", "Phillips", "Price", "Reid", "Richards",
  "Roberts", "Robinson", "Rose", "Shaw", "Singh", "Smith", "Stevens", "Taylor", "Thomas",
  "Turner", "Walker", "Ward", "Watson", "White", "Williams", "Wilson", "Wright", "Young",
};

static const char *place_starts[] = {
  "Ash", "Bram", "Brook", "Castle", "Church", "Elm", "Fern", "Haw", "Hazel", "Holly",
  "Kings", "Lark", "Mead", "Mill", "Oak", "Queens", "River", "Rook", "Stone", "Thorn",
  "Wil", "Wood", "Wren", "Yew",
};

static const char *place_ends[] = {
  "bury", "combe", "dale", "field", "ford", "hurst", "ley", "mere", "side", "ton", "well", "wood",
};

static const char *trusts[] = {
  "Brightwater Learning Trust", "Heathland Academies Trust", "Northgate Schools Partnership",
  "Saint Aidan Diocesan Trust", "Valley Education Trust", "Westmoor Multi-Academy Trust",
};

static const char *ethnicities[] = {
  "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WBRI", "WOTH", "WIRT", "MWBC", "MWBA", "MOTH",
  "AIND", "APKN", "ABAN", "BCRB", "BAFR", "CHNE", "AOTH", "NOBT",
};

static const char *languages[] = { "Polish", "Arabic", "Romanian", "Pashto", "Tigrinya", "Kurdish" };

static const char *going_well[] = {
  "I like art and PE and I have made a new friend in my class.",
  "Maths is getting easier since I started the small group.",
  "I am reading every night with my carer and I like the dragon books.",
  "I get on well with my tutor and I feel safe at school.",
  "I have been picked for the football team.",
  "My attendance is better and I am not late any more.",
  "Drama club is the best part of my week.",
};

static const char *hard_things[] = {
  "Writing long answers, my hand gets tired.",
  "Lunchtimes when it is noisy.",
  "When supply teachers are in I don't know what to do.",
  "Homework, because I forget it at my other house.",
  "Making friends after I moved school.",
  "Keeping calm when someone says something about my family.",
};

static const char *help_wanted[] = {
  "Somewhere quiet to go when I feel cross.",
  "Extra help with spelling.",
  "A tutor for maths before my exams.",
  "A laptop for homework.",
  "Someone to check in with in the morning.",
};

static const char *hopes[] = {
  "I want to be a vet.", "I want to be a footballer or a PE teacher.",
  "I want to go to college to do mechanics.", "I want to be a nurse like my aunty.",
  "I want to work with animals.", "I want to go to university.",
  "I want to be a chef.", "I want to make video games.",
};

typedef struct
{
  const char *area;
  const char *description;
  const char *criteria;
  const char *strategy;
  const char *category;
} TargetIdea;

static const TargetIdea target_ideas[] = {
  { "academic", "Read fluently at the expected standard for Year group",
    "Reads a Year-group text at 90 words a minute with 95% accuracy", "Daily 1:1 reading with a trained TA",
    "reading" },
  { "academic", "Secure number bonds and times tables to 12",
    "Scores 22 or more out of 25 on the multiplication check", "Small-group maths intervention three times a week",
    "mastery" },
  { "academic", "Move from grade 3 to grade 4 in English language",
    "Achieves grade 4 in the spring mock exam", "Weekly tuition with a qualified English tutor", "tutoring" },
  { "academic", "Plan and check extended writing",
    "Uses a planning frame in four of five pieces of writing", "Modelled writing and self-assessment checklists",
    "metacognition" },
  { "wellbeing", "Use a calm-down plan when feeling overwhelmed",
    "Uses the plan independently on 4 of 5 occasions, recorded by key adult", "Weekly ELSA sessions",
    "sel" },
  { "wellbeing", "Build a trusted relationship with a key adult in school",
    "Checks in with the key adult every morning for six weeks", "Named key adult and morning check-in",
    "sel" },
  { "attendance", "Raise attendance above 95%", "Attendance at or above 95% at the next PEP",
    "Morning transport arranged and attendance rewards", "other" },
  { "social", "Join an after-school club", "Attends a club weekly for a half term",
    "Club fees funded and a peer buddy", "other" },
  { "careers", "Explore post-16 options", "Has attended two college open days and a careers interview",
    "Careers adviser meeting and visits", "other" },
};

typedef struct
{
  gint64 urn;
  char  *name;
  int    la_code;
  int    estab;
  char  *trust;
  const char *phase;
  gboolean in_authority;
  char  *designated_teacher;
} School;

typedef struct
{
  GRand      *rand;
  PepStore   *store;
  GPtrArray  *schools;
  PepRubric  *rubric;
  const PepDemoOptions *options;
  GDateTime  *now;       /* the demo's "now": 30 days into the last term */
  GDate       limit;     /* the day before it: nothing happens later */
  GDate       start;     /* the first day of the first term: the file's history starts */
  GHashTable *keys;      /* "role\nname" → PepSigningKey: each invented person's demo key */
} Demo;

static const char *
pick (Demo              *demo,
      const char * const *list,
      guint              n)
{
  return list[g_rand_int_range (demo->rand, 0, (gint32) n)];
}

#define PICK(demo, list) pick (demo, (const char * const *) list, G_N_ELEMENTS (list))

static gboolean
chance (Demo   *demo,
        double  p)
{
  return g_rand_double (demo->rand) < p;
}

static int
range (Demo *demo,
       int   lo,
       int   hi)
{
  return g_rand_int_range (demo->rand, lo, hi + 1);
}

static void
school_free (gpointer data)
{
  School *school = data;

  g_free (school->name);
  g_free (school->trust);
  g_free (school->designated_teacher);
  g_free (school);
}

/* A version-4 UUID from the demo's own random numbers, so the file stays reproducible. */
static char *
demo_uuid (Demo *demo)
{
  guint32 w[4];

  for (guint i = 0; i < 4; i++)
    w[i] = g_rand_int (demo->rand);
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xfff,
                          0x8000 | (w[2] >> 16 & 0x3fff), w[2] & 0xffff, w[3]);
}

/* Random draws are made one statement at a time: the order in which a function's arguments
 * are evaluated is unspecified, and another compiler would give another file. */
static char *
person_name (Demo *demo)
{
  const char *given = PICK (demo, given_names);

  return g_strdup_printf ("%s %s", given, PICK (demo, surnames));
}

static char *
date_string (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u-%02u", g_date_get_year (date), g_date_get_month (date),
                          g_date_get_day (date));
}

/* A day between @first and @last inclusive. */
static char *
date_between (Demo        *demo,
              const GDate *first,
              const GDate *last)
{
  GDate date = *first;
  int span = g_date_days_between (first, last);

  if (span > 0)
    g_date_add_days (&date, (guint) range (demo, 0, span));
  return date_string (&date);
}

/* A day @lo to @hi days after @from, but not after @limit (and never before @from). */
static void
days_after (Demo        *demo,
            const GDate *from,
            int          lo,
            int          hi,
            const GDate *limit,
            GDate       *out)
{
  hi = MIN (hi, g_date_days_between (from, limit));
  lo = CLAMP (lo, 0, MAX (hi, 0));
  *out = *from;
  if (hi > 0)
    g_date_add_days (out, (guint) range (demo, lo, hi));
}

#define STAMP_SIZE sizeof "YYYY-MM-DDTHH:MM:SSZ"

/* A moment in working hours on @day, as the store stamps changes. */
static void
working_moment (Demo        *demo,
                const GDate *day,
                char         out[STAMP_SIZE])
{
  int hour = range (demo, 9, 17);
  int minute = range (demo, 0, 59);

  g_snprintf (out, STAMP_SIZE, "%04u-%02u-%02uT%02d:%02d:00Z", g_date_get_year (day),
              g_date_get_month (day), g_date_get_day (day), hour, minute);
}

/* Stamps the changes that follow with @moment, or with @day at 08:00 when @moment is NULL. */
static void
stamp_changes (Demo        *demo,
               const char  *moment,
               const GDate *day)
{
  g_autoptr(GDateTime) when = NULL;

  if (moment != NULL)
    when = g_date_time_new_from_iso8601 (moment, NULL);
  else
    when = g_date_time_new_utc (g_date_get_year (day), g_date_get_month (day),
                                g_date_get_day (day), 8, 0, 0);
  g_return_if_fail (when != NULL);
  pep_store_set_fixed_time (demo->store, when);
}

/* When one PEP happened, from its meeting to its authorisation. Every day is on or before
 * demo->limit, so nothing in the file is later than the demo's "now". */
typedef struct
{
  GDate meeting;
  GDate written;      /* written up and submitted — when the PEP counts as completed — or,
                       * for a draft, as far as it has got */
  GDate reviewed;     /* rated by the QA officer */
  GDate authorised;   /* signed off by the VS advisor */
  char  meeting_day[sizeof "YYYY-MM-DD"];
  char  written_at[STAMP_SIZE];
  char  reviewed_at[STAMP_SIZE];
  char  authorised_at[STAMP_SIZE];
} Timeline;

/* After the write-up on @written: QA within three weeks, authorisation within ten days. */
static void
timeline_from_written (Demo        *demo,
                       Timeline    *timeline,
                       const GDate *written)
{
  timeline->written = *written;
  days_after (demo, &timeline->written, 2, 21, &demo->limit, &timeline->reviewed);
  days_after (demo, &timeline->reviewed, 0, 10, &demo->limit, &timeline->authorised);
  working_moment (demo, &timeline->written, timeline->written_at);
  working_moment (demo, &timeline->reviewed, timeline->reviewed_at);
  working_moment (demo, &timeline->authorised, timeline->authorised_at);
}

/* The meeting falls in the term, at least two weeks before its end (in the last term, before
 * the demo's "now"), never before the child came into care; a child new to care has their
 * first meeting within a fortnight as a rule (the statutory clock, DOMAIN.md §2). The
 * write-up follows within a week, or three weeks for the slower ones, by the end of the
 * term — except for about one PEP in fourteen, finished after the term ended: late. A
 * draft is still being written. */
static void
plan_timeline (Demo        *demo,
               PepStatus    status,
               const GDate *first,
               const GDate *last,
               const GDate *entered,
               Timeline    *timeline)
{
  GDate meeting_first = *first, meeting_last = *last, written, in_time;
  g_autofree char *meeting = NULL;

  g_date_subtract_days (&meeting_last, 14);
  if (g_date_valid (entered) && g_date_compare (entered, &meeting_first) > 0)
    {
      GDate soon = *entered;

      meeting_first = *entered;
      g_date_add_days (&soon, 14);
      if (chance (demo, 0.85) && g_date_compare (&soon, &meeting_last) < 0)
        meeting_last = soon;
    }
  if (g_date_compare (&meeting_last, &demo->limit) > 0)
    meeting_last = demo->limit;
  if (g_date_compare (&meeting_first, &meeting_last) > 0)
    {
      meeting_last = *last;
      if (g_date_compare (&meeting_last, &demo->limit) > 0)
        meeting_last = demo->limit;
    }
  if (g_date_compare (&meeting_first, &meeting_last) > 0)
    meeting_last = meeting_first;
  meeting = date_between (demo, &meeting_first, &meeting_last);
  pep_date_parse (meeting, &timeline->meeting);
  g_strlcpy (timeline->meeting_day, meeting, sizeof timeline->meeting_day);

  in_time = g_date_compare (last, &demo->limit) < 0 ? *last : demo->limit;
  if (status == PEP_STATUS_DRAFT)
    days_after (demo, &timeline->meeting, 0, 14, &demo->limit, &written);
  else if (g_date_compare (last, &demo->limit) < 0 && chance (demo, 0.07))
    days_after (demo, last, 1, 35, &demo->limit, &written);
  else
    days_after (demo, &timeline->meeting, 1, chance (demo, 0.7) ? 7 : 21, &in_time, &written);
  timeline_from_written (demo, timeline, &written);
}

/* The PEP's steps so far (pep_plan_add_event()), from its timeline: the designated teacher
 * submits it when it is written up; the advisor, who does its QA here, returns or approves
 * it when it is reviewed and authorises it when it is signed off. No random draws: the same
 * seed makes the same file as before the steps were kept. */
static void
add_events (PepPlan        *plan,
            const Timeline *timeline,
            const char     *teacher,
            const char     *advisor)
{
  PepStatus status = pep_plan_get_status (plan);
  /* Authorised the day it was reviewed: not before its approval. */
  const char *approved_at = strcmp (timeline->authorised_at, timeline->reviewed_at) < 0
                            ? timeline->authorised_at : timeline->reviewed_at;

  if (status == PEP_STATUS_DRAFT)
    return;
  if (pep_plan_get_amends_id (plan) != 0)
    pep_plan_add_event (plan, "amended", timeline->written_at, teacher, "designated-teacher");
  pep_plan_add_event (plan, "submitted", timeline->written_at, teacher, "designated-teacher");
  if (status == PEP_STATUS_RETURNED)
    pep_plan_add_event (plan, "returned", timeline->reviewed_at, advisor, "advisor");
  if (status == PEP_STATUS_APPROVED || status == PEP_STATUS_SIGNED_OFF
      || status == PEP_STATUS_SUPERSEDED)
    pep_plan_add_event (plan, "approved", approved_at, advisor, "advisor");
  if (status == PEP_STATUS_SIGNED_OFF || status == PEP_STATUS_SUPERSEDED)
    pep_plan_add_event (plan, "authorised", timeline->authorised_at, advisor, "advisor");
}

static gboolean
make_schools (Demo    *demo,
              guint    n_schools,
              GError **error)
{
  static const struct { const char *suffix; const char *phase; double weight; } types[] = {
    { "Primary School", "primary", 0.40 },
    { "Church of England Primary School", "primary", 0.10 },
    { "Academy", "secondary", 0.22 },
    { "High School", "secondary", 0.08 },
    { "Nursery School", "nursery", 0.06 },
    { "School", "special", 0.06 },
    { "Learning Centre", "alternative-provision", 0.04 },
    { "College", "college", 0.04 },
  };
  static const char *ofsted[] = { "outstanding", "good", "good", "good", "requires-improvement",
                                  "inadequate", "no-report" };

  for (guint i = 0; i < n_schools; i++)
    {
      g_autoptr(PepRecord) record = pep_record_new (PEP_TABLE_SCHOOL);
      School *school = g_new0 (School, 1);
      double r = g_rand_double (demo->rand), acc = 0;
      guint t = 0;

      /* The first schools cover every phase, so every child finds a setting of their age. */
      if (i < G_N_ELEMENTS (types))
        t = i;
      else
        for (t = 0; t < G_N_ELEMENTS (types) - 1; t++)
          if (r < (acc += types[t].weight))
            break;

      school->urn = 100000 + 7919 * (gint64) i % 800000 + i;
      school->in_authority = chance (demo, 0.7);
      school->la_code = school->in_authority ? HOME_LA : range (demo, 201, 938);
      school->estab = 1000 + (int) i;   /* unique, so UPNs made from it are unique */
      school->phase = types[t].phase;
      {
        const char *start = PICK (demo, place_starts);

        school->name = g_strdup_printf ("%s%s %s", start, PICK (demo, place_ends),
                                        g_str_equal (types[t].phase, "special")
                                        ? "Special School" : types[t].suffix);
      }
      if (g_str_equal (types[t].phase, "secondary") || chance (demo, 0.3))
        school->trust = g_strdup (PICK (demo, trusts));
      school->designated_teacher = person_name (demo);

      pep_record_set_int (record, PEP_SCHOOL_URN, school->urn);
      pep_record_set_text (record, PEP_SCHOOL_NAME, school->name);
      pep_record_set_int (record, PEP_SCHOOL_LA_CODE, school->la_code);
      pep_record_set_int (record, PEP_SCHOOL_ESTAB, school->estab);
      pep_record_set_text (record, PEP_SCHOOL_TRUST, school->trust);
      pep_record_set_text (record, PEP_SCHOOL_PHASE, school->phase);
      pep_record_set_text (record, PEP_SCHOOL_OFSTED, PICK (demo, ofsted));
      pep_record_set_bool (record, PEP_SCHOOL_IN_AUTHORITY, school->in_authority);
      g_ptr_array_add (demo->schools, school);

      if (!pep_store_insert_school (demo->store, record, error))
        return FALSE;
    }
  return TRUE;
}

/* A school whose phase fits a child in @nc_year. */
static School *
school_for_year (Demo *demo,
                 int   nc_year)
{
  const char *want;

  if (nc_year < 0)
    want = "nursery";
  else if (nc_year <= 6)
    want = "primary";
  else if (nc_year <= 11)
    want = "secondary";
  else
    want = "college";

  /* Some children are in special schools or alternative provision at any age from 5. */
  if (nc_year >= 0 && chance (demo, 0.1))
    want = chance (demo, 0.7) ? "special" : "alternative-provision";

  for (guint tries = 0; tries < 200; tries++)
    {
      School *school = g_ptr_array_index (demo->schools,
                                          g_rand_int_range (demo->rand, 0, demo->schools->len));
      if (g_str_equal (school->phase, want))
        return school;
    }
  return g_ptr_array_index (demo->schools, 0);
}

/* Whether a young person is NEET or on a post-18 (complex needs) plan is theirs, not the
 * term's: @neet and @complex are drawn once per child. */
static PepKind
kind_for_year (int      nc_year,
               gboolean neet,
               gboolean complex)
{
  if (nc_year < 0)
    return PEP_KIND_EARLY_YEARS;
  if (nc_year <= 11)
    return PEP_KIND_SCHOOL_AGE;
  if (neet)
    return PEP_KIND_NEET;
  if (nc_year == 13 && complex)
    return PEP_KIND_POST_18;
  return PEP_KIND_POST_16;
}

static PepStatus
status_for (Demo     *demo,
            gboolean  latest)
{
  double r = g_rand_double (demo->rand);

  if (!latest)
    return r < 0.96 ? PEP_STATUS_SIGNED_OFF : PEP_STATUS_APPROVED;
  if (r < 0.22)
    return PEP_STATUS_DRAFT;
  if (r < 0.42)
    return PEP_STATUS_SUBMITTED;
  if (r < 0.52)
    return PEP_STATUS_RETURNED;
  if (r < 0.66)
    return PEP_STATUS_APPROVED;
  return PEP_STATUS_SIGNED_OFF;
}

static void
add_attainment (Demo    *demo,
                PepPlan *plan,
                int      nc_year)
{
  static const char *eyfs[] = { "Communication and language", "Physical development",
                                "Personal, social and emotional development" };
  static const char *eyfs_levels[] = { "Emerging", "Developing", "Expected" };
  static const char *primary_levels[] = { "Working towards", "Expected standard", "Greater depth" };
  static const char *progresses[] = { "below", "expected", "expected", "above" };
  static const char *efforts[] = { "excellent", "good", "good", "satisfactory", "poor" };
  const char *subjects3[] = { "English", "Maths", "Science" };
  guint n = 3;

  for (guint i = 0; i < n; i++)
    {
      PepRecord *row = pep_plan_add_row (plan, PEP_TABLE_ATTAINMENT);

      if (nc_year < 0)
        {
          pep_record_set_text (row, PEP_ATTAINMENT_SUBJECT, eyfs[i]);
          pep_record_set_text (row, PEP_ATTAINMENT_SCHEME, "eyfs");
          pep_record_set_text (row, PEP_ATTAINMENT_CURRENT, PICK (demo, eyfs_levels));
          pep_record_set_text (row, PEP_ATTAINMENT_TARGET_YEAR, "Expected");
        }
      else if (nc_year <= 6)
        {
          pep_record_set_text (row, PEP_ATTAINMENT_SUBJECT, i == 2 ? "Writing" : subjects3[i]);
          pep_record_set_text (row, PEP_ATTAINMENT_SCHEME, nc_year <= 2 ? "ks1" : "ks2");
          pep_record_set_text (row, PEP_ATTAINMENT_CURRENT, PICK (demo, primary_levels));
          pep_record_set_text (row, PEP_ATTAINMENT_TARGET_YEAR, "Expected standard");
        }
      else if (nc_year <= 11)
        {
          int current = range (demo, 1, 7);
          g_autofree char *cur = g_strdup_printf ("%d", current);
          int stretch = current + range (demo, 0, 2);
          g_autofree char *target = g_strdup_printf ("%d", MIN (9, stretch));

          pep_record_set_text (row, PEP_ATTAINMENT_SUBJECT, subjects3[i]);
          pep_record_set_text (row, PEP_ATTAINMENT_SCHEME, "gcse");
          pep_record_set_text (row, PEP_ATTAINMENT_CURRENT, cur);
          pep_record_set_text (row, PEP_ATTAINMENT_TARGET_YEAR, target);
          pep_record_set_text (row, PEP_ATTAINMENT_TARGET_KS, target);
        }
      else
        {
          static const char *courses[] = { "BTEC Level 2 Sport", "A level Psychology",
                                           "Level 1 Construction", "GCSE English resit",
                                           "GCSE Maths resit", "T level Digital" };
          pep_record_set_text (row, PEP_ATTAINMENT_SUBJECT, PICK (demo, courses));
          pep_record_set_text (row, PEP_ATTAINMENT_SCHEME, "post16");
          pep_record_set_text (row, PEP_ATTAINMENT_CURRENT, chance (demo, 0.6) ? "On track" : "Below target");
        }
      pep_record_set_text (row, PEP_ATTAINMENT_PROGRESS, PICK (demo, progresses));
      pep_record_set_text (row, PEP_ATTAINMENT_EFFORT, PICK (demo, efforts));
    }
}

typedef struct
{
  char  *text;
  gint64 id;
} PreviousTarget;

static void
previous_target_clear (gpointer data)
{
  g_free (((PreviousTarget *) data)->text);
}

static void
add_targets (Demo        *demo,
             PepPlan     *plan,
             const GDate *term_last,
             const char  *designated_teacher)
{
  guint n = (guint) range (demo, 2, 4);
  /* A PEP that was ever submitted passed the submit check: every target complete. A draft
   * may still have gaps. The draws are made either way, so the seed makes the same file. */
  gboolean complete = pep_plan_get_status (plan) != PEP_STATUS_DRAFT;

  for (guint i = 0; i < n; i++)
    {
      const TargetIdea *idea = &target_ideas[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (target_ideas))];
      PepRecord *row = pep_plan_add_row (plan, PEP_TABLE_TARGET);
      GDate due = *term_last;

      g_date_add_days (&due, (guint) range (demo, 20, 100));
      pep_record_set_text (row, PEP_TARGET_AREA, idea->area);
      pep_record_set_text (row, PEP_TARGET_DESCRIPTION, idea->description);
      if (chance (demo, 0.88) || complete)
        pep_record_set_text (row, PEP_TARGET_SUCCESS_CRITERIA, idea->criteria);
      pep_record_set_text (row, PEP_TARGET_STRATEGY, idea->strategy);
      pep_record_set_text (row, PEP_TARGET_STRATEGY_CATEGORY, idea->category);
      if (chance (demo, 0.9) || complete)
        pep_record_set_text (row, PEP_TARGET_OWNER, designated_teacher);
      if (chance (demo, 0.9) || complete)
        {
          g_autofree char *d = date_string (&due);
          pep_record_set_text (row, PEP_TARGET_DUE, d);
        }
      if (chance (demo, 0.75))
        {
          pep_record_set_int (row, PEP_TARGET_FUNDING_AMOUNT, 100 * 50 * range (demo, 2, 8));
          pep_record_set_text (row, PEP_TARGET_FUNDING_SOURCE, chance (demo, 0.85) ? "ppplus" : "tutoring");
        }
      else
        pep_record_set_text (row, PEP_TARGET_FUNDING_SOURCE, "none");
      if (chance (demo, 0.6))
        pep_record_set_text (row, PEP_TARGET_VOICE_LINK, PICK (demo, help_wanted));
    }
}

static void
add_reviews (Demo    *demo,
             PepPlan *plan,
             GArray  *previous)
{
  static const char *outcomes[] = { "achieved", "achieved", "achieved", "achieved",
                                    "partially-achieved", "partially-achieved", "partially-achieved",
                                    "on-track", "on-track", "not-met" };

  for (guint i = 0; i < previous->len; i++)
    {
      PreviousTarget *prev = &g_array_index (previous, PreviousTarget, i);
      PepRecord *row = pep_plan_add_row (plan, PEP_TABLE_TARGET_REVIEW);

      pep_record_set_int (row, PEP_TARGET_REVIEW_PREVIOUS_TARGET, prev->id);
      pep_record_set_text (row, PEP_TARGET_REVIEW_TARGET_TEXT, prev->text);
      pep_record_set_text (row, PEP_TARGET_REVIEW_OUTCOME, PICK (demo, outcomes));
      if (chance (demo, 0.7))
        pep_record_set_text (row, PEP_TARGET_REVIEW_COMMENT, "Discussed at the meeting with the child.");
    }
}

static void
fill_plan (Demo           *demo,
           PepPlan        *plan,
           PepRecord      *child,
           School         *school,
           int             nc_year,
           const GDate    *first,
           const Timeline *timeline)
{
  PepRecord *c = pep_plan_get_content (plan);
  PepKind kind = pep_plan_get_kind (plan);
  PepStatus status = pep_plan_get_status (plan);
  const char *meeting = timeline->meeting_day;
  double attendance;

  pep_record_set_text (c, PEP_PLAN_MEETING_DATE, meeting);
  pep_record_set_text (c, PEP_PLAN_MEETING_MODE, chance (demo, 0.7) ? "in-person" : "virtual");
  pep_record_set_text (c, PEP_PLAN_MEETING_CHAIR, nc_year >= 9 && chance (demo, 0.2) ? "child" : "designated-teacher");
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_DT, TRUE);
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_SW, chance (demo, 0.8));
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_CARER, chance (demo, 0.85));
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_CHILD, nc_year >= 0 && chance (demo, 0.6));
  pep_record_set_bool (c, PEP_PLAN_ATTENDED_ADVISOR, chance (demo, 0.3));
  if (!pep_record_get_bool (c, PEP_PLAN_ATTENDED_CHILD) && nc_year >= 0)
    pep_record_set_text (c, PEP_PLAN_CHILD_WISHES, "Met the designated teacher beforehand and asked for their views to be read out.");

  if (nc_year >= 0 && chance (demo, 0.92))
    {
      pep_record_set_text (c, PEP_PLAN_VOICE_GOING_WELL, PICK (demo, going_well));
      pep_record_set_text (c, PEP_PLAN_VOICE_HARD, PICK (demo, hard_things));
      pep_record_set_text (c, PEP_PLAN_VOICE_HELP, PICK (demo, help_wanted));
      pep_record_set_text (c, PEP_PLAN_VOICE_HOPES, PICK (demo, hopes));
    }
  else
    {
      pep_record_set_text (c, PEP_PLAN_VOICE_NOT_RECORDED, nc_year < 0
                           ? "Too young to give views in words; observations from the key person are recorded below."
                           : "Did not want to take part this term; will be offered a 1:1 with the key adult.");
      /* What is going well is required to submit: said by the adults who know the child. */
      if (status != PEP_STATUS_DRAFT)
        pep_record_set_text (c, PEP_PLAN_VOICE_GOING_WELL, nc_year < 0
                             ? "The key person sees them settle quickly and enjoy stories and outdoor play."
                             : "Teachers see good effort in lessons and kindness to friends.");
    }

  pep_record_set_text (c, PEP_PLAN_SETTING_TYPE,
                       g_str_equal (school->phase, "special") ? "special"
                       : g_str_equal (school->phase, "alternative-provision") ? "alternative-provision"
                       : g_str_equal (school->phase, "college") ? "college"
                       : g_str_equal (school->phase, "nursery") ? "early-years" : "mainstream");
  if (nc_year >= 0 && chance (demo, 0.05))
    {
      pep_record_set_real (c, PEP_PLAN_HOURS_PER_WEEK, range (demo, 10, 20));
      pep_record_set_text (c, PEP_PLAN_PART_TIME_REASON, "Phased return after a change of placement.");
      pep_record_set_text (c, PEP_PLAN_PART_TIME_PLAN, "Add a morning a week, full time by half term.");
    }
  else
    pep_record_set_real (c, PEP_PLAN_HOURS_PER_WEEK, nc_year < 0 ? 15 : 25);

  if (kind == PEP_KIND_EARLY_YEARS)
    {
      pep_record_set_text (c, PEP_PLAN_EY_FUNDED_HOURS, nc_year == -2 ? "two-year-old" : "extended-30");
      pep_record_set_text (c, PEP_PLAN_EY_PRIME_AREAS, "Babbling and starting to use single words; enjoys climbing; settles with key person.");
      pep_record_set_text (c, PEP_PLAN_EY_LEARNING_AT_HOME, "Carer shares picture books daily.");
    }
  else
    {
      double r = g_rand_double (demo->rand);
      int possible = pep_plan_get_kind (plan) == PEP_KIND_NEET ? 0 : range (demo, 110, 140);
      int suspended = chance (demo, 0.08) ? range (demo, 1, 3) : 0;

      attendance = r < 0.6 ? 95 + 5 * g_rand_double (demo->rand)
                 : r < 0.82 ? 90 + 5 * g_rand_double (demo->rand)
                 : r < 0.97 ? 70 + 20 * g_rand_double (demo->rand)
                 : 30 + 40 * g_rand_double (demo->rand);
      attendance = ((int) (attendance * 10)) / 10.0;
      if (possible > 0)
        {
          int attended = (int) (possible * attendance / 100);
          int authorised = (possible - attended) * 2 / 3;
          double ytd = attendance + range (demo, -2, 2);

          pep_record_set_real (c, PEP_PLAN_ATTENDANCE_TERM, attendance);
          pep_record_set_real (c, PEP_PLAN_ATTENDANCE_YTD, CLAMP (ytd, 0.0, 100.0));
          pep_record_set_int (c, PEP_PLAN_SESSIONS_POSSIBLE, possible);
          pep_record_set_int (c, PEP_PLAN_SESSIONS_ATTENDED, attended);
          pep_record_set_int (c, PEP_PLAN_SESSIONS_AUTHORISED, authorised);
          pep_record_set_int (c, PEP_PLAN_SESSIONS_UNAUTHORISED, possible - attended - authorised);
        }
      pep_record_set_int (c, PEP_PLAN_SUSPENSIONS, suspended);
      pep_record_set_real (c, PEP_PLAN_SUSPENSION_DAYS, suspended * range (demo, 1, 3));
      pep_record_set_bool (c, PEP_PLAN_PERMANENT_EXCLUSION, suspended > 2 && chance (demo, 0.1));
      pep_record_set_int (c, PEP_PLAN_INTERNAL_EXCLUSIONS, chance (demo, 0.15) ? range (demo, 1, 5) : 0);
      pep_record_set_text (c, PEP_PLAN_EXCLUSION_RISK, suspended ? "likely" : chance (demo, 0.8) ? "very-unlikely" : "possible");
      pep_record_set_text (c, PEP_PLAN_SE_STRENGTHS, "Kind to younger pupils; good sense of humour.");
      pep_record_set_text (c, PEP_PLAN_SE_RELATIONSHIPS, chance (demo, 0.7) ? "Has a settled friendship group." : "Finds it hard to keep friendships going.");
      pep_record_set_text (c, PEP_PLAN_SE_TRUSTED_ADULT, "Learning mentor");
      pep_record_set_text (c, PEP_PLAN_CAREER_ASPIRATIONS, PICK (demo, hopes));
      if (nc_year >= 8)
        pep_record_set_text (c, PEP_PLAN_CAREERS_GUIDANCE, chance (demo, 0.7) ? "Careers interview this term." : "Careers lessons in PSHE.");
    }

  pep_record_set_text (c, PEP_PLAN_APPROACH_TO_LEARNING, chance (demo, 0.7) ? "positive" : chance (demo, 0.5) ? "mixed" : "negative");
  pep_record_set_bool (c, PEP_PLAN_WORKING_AT_ARE, chance (demo, 0.45));
  pep_record_set_bool (c, PEP_PLAN_RESULTS_VALIDATED, chance (demo, 0.5));
  if (nc_year == 1 || nc_year == 2)
    pep_record_set_int (c, PEP_PLAN_PHONICS_MARK, range (demo, 12, 40));
  if (nc_year == 0)
    pep_record_set_bool (c, PEP_PLAN_EYFS_GLD, chance (demo, 0.45));
  if (nc_year == 11 || nc_year == 12)
    pep_record_set_real (c, PEP_PLAN_ATTAINMENT_8, range (demo, 50, 450) / 10.0);

  pep_record_set_text (c, PEP_PLAN_SEN_STATUS, pep_record_get_text (child, PEP_CHILD_SEN_STATUS));
  if (g_str_equal (pep_record_get_text (child, PEP_CHILD_SEN_STATUS), "ehcp"))
    {
      GDate ehcp = *first;
      g_autofree char *start = NULL;

      g_date_subtract_days (&ehcp, (guint) range (demo, 60, 900));
      start = date_string (&ehcp);
      pep_record_set_text (c, PEP_PLAN_EHCP_START, start);
      pep_record_set_text (c, PEP_PLAN_SEN_NEEDS, "Speech and language support twice a week; sensory breaks.");
    }
  if (nc_year >= 0 && nc_year <= 11 && chance (demo, 0.8))
    {
      double r = g_rand_double (demo->rand);
      int sdq = r < 0.5 ? range (demo, 0, 13) : r < 0.65 ? range (demo, 14, 16) : range (demo, 17, 36);

      pep_record_set_int (c, PEP_PLAN_SDQ_TOTAL, sdq);
      pep_record_set_text (c, PEP_PLAN_SDQ_DATE, meeting);
      if (sdq >= 17)
        pep_record_set_text (c, PEP_PLAN_SDQ_STRATEGIES, "Visual timetable, time-out card and a daily check-in with the key adult.");
    }
  pep_record_set_text (c, PEP_PLAN_SUPPORT_IN_PLACE, "Key adult; small-group literacy.");

  pep_record_set_int (c, PEP_PLAN_PPPLUS_ALLOCATED, 87700);   /* £2,630 a year, a term's share */
  pep_record_set_text (c, PEP_PLAN_PPPLUS_NOTES, "Spend linked to targets below.");

  if (kind == PEP_KIND_POST_16 || kind == PEP_KIND_POST_18 || kind == PEP_KIND_NEET)
    {
      gboolean neet = kind == PEP_KIND_NEET;

      pep_record_set_text (c, PEP_PLAN_POST16_STATUS, neet ? "neet" : chance (demo, 0.85) ? "education" : "training");
      if (!neet)
        {
          pep_record_set_text (c, PEP_PLAN_POST16_PROVIDER, school->name);
          pep_record_set_text (c, PEP_PLAN_POST16_COURSE, "Level 2 Mechanics");
          pep_record_set_text (c, PEP_PLAN_POST16_LEVEL, "level-2");
          pep_record_set_bool (c, PEP_PLAN_BURSARY_16_19, chance (demo, 0.8));
          pep_record_set_bool (c, PEP_PLAN_HE_INTEREST, chance (demo, 0.25));
        }
      else
        pep_record_set_text (c, PEP_PLAN_NEET_REENGAGEMENT, "Weekly meetings with the personal adviser; taster days at the college in January.");
    }

  pep_record_set_text (c, PEP_PLAN_SW_CONTACTS, pep_record_get_text (child, PEP_CHILD_SOCIAL_WORKER));
  pep_record_set_text (c, PEP_PLAN_SW_FAMILY_TIME, "Family time on Wednesday afternoons; collected early from school.");
  if (chance (demo, 0.3))
    pep_record_set_text (c, PEP_PLAN_SW_SENSITIVE_ISSUES, "Details held by the social worker; ask before sharing.");
  pep_record_set_text (c, PEP_PLAN_SW_PLACEMENT_STABILITY, chance (demo, 0.8) ? "stable" : chance (demo, 0.5) ? "at-risk" : "changed");
  if (chance (demo, 0.85) || status != PEP_STATUS_DRAFT)
    pep_record_set_text (c, PEP_PLAN_SW_CHECKED, meeting);
  if (chance (demo, 0.75))
    pep_record_set_text (c, PEP_PLAN_CARER_VIEWS, "Settled at home; we read together most evenings.");

  if (status != PEP_STATUS_DRAFT)
    {
      PepRecord *row = pep_plan_add_row (plan, PEP_TABLE_SIGNOFF);

      pep_record_set_text (row, PEP_SIGNOFF_ROLE, "designated-teacher");
      pep_record_set_text (row, PEP_SIGNOFF_NAME, school->designated_teacher);
      pep_record_set_text (row, PEP_SIGNOFF_SIGNED_AT, timeline->written_at);
      if (chance (demo, 0.8))
        {
          row = pep_plan_add_row (plan, PEP_TABLE_SIGNOFF);
          pep_record_set_text (row, PEP_SIGNOFF_ROLE, "social-worker");
          pep_record_set_text (row, PEP_SIGNOFF_NAME, pep_record_get_text (child, PEP_CHILD_SOCIAL_WORKER));
          pep_record_set_text (row, PEP_SIGNOFF_SIGNED_AT, timeline->written_at);
        }
    }
  if (status == PEP_STATUS_SIGNED_OFF || status == PEP_STATUS_SUPERSEDED)
    {
      PepRecord *row = pep_plan_add_row (plan, PEP_TABLE_SIGNOFF);

      pep_record_set_text (row, PEP_SIGNOFF_ROLE, "vs-advisor");
      pep_record_set_text (row, PEP_SIGNOFF_NAME, pep_record_get_text (child, PEP_CHILD_VS_ADVISOR));
      pep_record_set_text (row, PEP_SIGNOFF_SIGNED_AT, timeline->authorised_at);
      pep_record_set_text (row, PEP_SIGNOFF_COMMENT, "Targets are specific and linked to the child's views.");
    }

  if (chance (demo, 0.04))
    {
      PepRecord *row = pep_plan_add_row (plan, PEP_TABLE_FUNDING_REQUEST);

      pep_record_set_int (row, PEP_FUNDING_REQUEST_AMOUNT, 100 * 100 * range (demo, 3, 15));
      pep_record_set_text (row, PEP_FUNDING_REQUEST_RATIONALE, "Needs more tuition than the termly allocation covers before exams.");
      pep_record_set_text (row, PEP_FUNDING_REQUEST_INTERVENTION, "One-to-one tuition");
      pep_record_set_text (row, PEP_FUNDING_REQUEST_EXPECTED_OUTCOME, "Grade 4 in maths.");
      pep_record_set_text (row, PEP_FUNDING_REQUEST_DECISION, status == PEP_STATUS_SIGNED_OFF ? "approved" : "pending");
    }
}

/* Ratings as the Virtual Schools report them (DOMAIN.md §6): most sections green, the
 * social-worker section spread as Cambridgeshire's Autumn 2022/23 (red 24 %, amber 40 %,
 * green 30 %, gold 6 %); progress and attainment is rated red/amber/green only. */
static const char *
demo_rating (Demo       *demo,
             PepSection  section)
{
  double r = g_rand_double (demo->rand);

  if (section == PEP_SECTION_SOCIAL_WORKER)
    return r < 0.24 ? "red" : r < 0.64 ? "amber" : r < 0.94 ? "green" : "gold";
  if (section == PEP_SECTION_ATTAINMENT)
    return r < 0.06 ? "red" : r < 0.30 ? "amber" : "green";
  return r < 0.02 ? "red" : r < 0.17 ? "amber" : r < 0.82 ? "green" : "gold";
}

static void
add_quality_assurance (Demo           *demo,
                       PepPlan        *plan,
                       const Timeline *timeline,
                       const char     *officer)
{
  static const PepSection rated[] = {
    PEP_SECTION_MEETING, PEP_SECTION_VOICE, PEP_SECTION_EDUCATION, PEP_SECTION_ATTENDANCE,
    PEP_SECTION_ATTAINMENT, PEP_SECTION_SEND, PEP_SECTION_SOCIAL_EMOTIONAL, PEP_SECTION_TARGETS,
    PEP_SECTION_PPPLUS, PEP_SECTION_SOCIAL_WORKER,
  };
  PepStatus status = pep_plan_get_status (plan);
  PepRecord *content = pep_plan_get_content (plan);
  PepRating section_ratings[PEP_N_SECTIONS];
  const char *overall;

  if (status == PEP_STATUS_DRAFT || status == PEP_STATUS_SUBMITTED)
    return;

  for (guint s = 0; s < PEP_N_SECTIONS; s++)
    section_ratings[s] = PEP_RATING_NOT_RATED;
  for (guint i = 0; i < G_N_ELEMENTS (rated); i++)
    {
      PepRecord *row;
      const char *rating;

      /* Only what the rubric rates in a PEP of this kind (early years: no social and
       * emotional, no attendance rating). */
      if (!pep_rubric_rates (demo->rubric, rated[i], pep_plan_get_kind (plan)))
        continue;
      row = pep_plan_add_row (plan, PEP_TABLE_RATING);
      rating = demo_rating (demo, rated[i]);
      /* A returned PEP has at least one section that fell short. */
      if (status == PEP_STATUS_RETURNED && i == 1)
        rating = "red";
      pep_record_set_text (row, PEP_RATING_SECTION, pep_section_to_nick (rated[i]));
      pep_record_set_text (row, PEP_RATING_PROPOSED, rating);
      pep_record_set_text (row, PEP_RATING_RATING, rating);
      pep_record_set_text (row, PEP_RATING_RATED_BY, officer);
      pep_record_set_text (row, PEP_RATING_RATED_AT, timeline->reviewed_at);
      if (!g_str_equal (rating, "green") && !g_str_equal (rating, "gold"))
        pep_record_set_text (row, PEP_RATING_FEEDBACK, "Please add the child's own words and link each target to them.");
      pep_rating_from_nick (rating, &section_ratings[rated[i]]);
    }

  /* The overall rating by the default rubric's own rule (St Helens', DOMAIN.md §5). */
  overall = pep_rating_to_nick (pep_rubric_combine (demo->rubric, pep_plan_get_kind (plan),
                                                    section_ratings));

  pep_record_set_text (content, PEP_PLAN_QA_RUBRIC, "default");
  pep_record_set_text (content, PEP_PLAN_QA_RUBRIC_VERSION, "1");
  pep_record_set_text (content, PEP_PLAN_QA_OVERALL_PROPOSED, overall);
  pep_record_set_text (content, PEP_PLAN_QA_OVERALL, overall);
  pep_record_set_text (content, PEP_PLAN_QA_OFFICER, officer);
  pep_record_set_text (content, PEP_PLAN_QA_REVIEWED_AT, timeline->reviewed_at);

  if (status == PEP_STATUS_RETURNED || g_str_equal (overall, "red"))
    {
      guint n = (guint) range (demo, 1, 2);

      for (guint i = 0; i < n; i++)
        {
          PepRecord *row = pep_plan_add_row (plan, PEP_TABLE_FOLLOW_UP);
          GDate due = timeline->reviewed;
          g_autofree char *due_text = NULL;
          gboolean done = status != PEP_STATUS_RETURNED;

          /* Due a few weeks after the review; the done ones were done by then. */
          g_date_add_days (&due, (guint) range (demo, 10, 30));
          due_text = date_string (&due);
          pep_record_set_text (row, PEP_FOLLOW_UP_ACTION, i == 0
                               ? "Record the child's views in their own words and link them to the targets."
                               : "Social worker to update the contacts and family-time section.");
          pep_record_set_text (row, PEP_FOLLOW_UP_OWNER_ROLE, i == 0 ? "designated-teacher" : "social-worker");
          pep_record_set_text (row, PEP_FOLLOW_UP_DUE, due_text);
          pep_record_set_text (row, PEP_FOLLOW_UP_STATUS, done ? "done" : "open");
          pep_record_set_text (row, PEP_FOLLOW_UP_RAISED_BY, officer);
          if (done)
            {
              GDate done_on, by = g_date_compare (&due, &demo->limit) < 0 ? due : demo->limit;
              char done_at[STAMP_SIZE];

              days_after (demo, &timeline->reviewed, 1, 30, &by, &done_on);
              working_moment (demo, &done_on, done_at);
              pep_record_set_text (row, PEP_FOLLOW_UP_DONE_AT, done_at);
            }
        }
    }
}

/* The demo key of an invented person (pep_signing_key_new_demo()), made once. */
static PepSigningKey *
demo_key (Demo       *demo,
          const char *name,
          const char *role)
{
  g_autofree char *id = g_strdup_printf ("%s\n%s", role, name);
  PepSigningKey *key = g_hash_table_lookup (demo->keys, id);

  if (key == NULL)
    {
      key = pep_signing_key_new_demo (demo->options->seed, name, role);
      g_hash_table_insert (demo->keys, g_steal_pointer (&id), key);
    }
  return key;
}

/* Signs each sign-off of @plan, as it is now, with its signer's demo key; the status each
 * signs is the one its step moves the PEP to. */
static gboolean
sign_plan (Demo     *demo,
           PepPlan  *plan,
           GError  **error)
{
  GPtrArray *rows = pep_plan_get_rows (plan, PEP_TABLE_SIGNOFF);

  for (guint i = 0; i < rows->len; i++)
    {
      PepRecord *row = g_ptr_array_index (rows, i);
      const char *role = pep_record_get_text (row, PEP_SIGNOFF_ROLE);
      const char *name = pep_record_get_text (row, PEP_SIGNOFF_NAME);
      const char *status = g_str_equal (role, "vs-advisor") ? "signed-off"
                           : g_str_equal (role, "qa-officer") ? "approved" : "submitted";

      if (name != NULL
          && !pep_signoff_sign (demo->store, plan, row, status, demo_key (demo, name, role), error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
make_child (Demo             *demo,
            guint             index,
            const char       *advisor,
            const char       *social_worker,
            GError          **error)
{
  static const char *genders[] = { "female", "male", "male", "female", "male", "female", "non-binary", "not-stated" };
  static const char *legal[] = { "care-order", "care-order", "care-order", "interim-care-order",
                                 "section-20", "section-20", "placement-order" };
  static const char *placements[] = { "foster", "foster", "foster", "foster", "kinship",
                                      "residential", "semi-independent", "placed-with-parents" };
  static const char *needs[] = { "semh", "semh", "slcn", "asd", "mld", "spld", "other" };
  const PepDemoOptions *options = demo->options;
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autoptr(GArray) previous = g_array_new (FALSE, TRUE, sizeof (PreviousTarget));
  g_autofree char *forename = g_strdup (PICK (demo, given_names));
  g_autofree char *surname = g_strdup (PICK (demo, surnames));
  g_autofree char *la_id = g_strdup_printf ("LAC%06u", index + 1);
  g_autofree char *dob = NULL, *entered = NULL, *carer = NULL;
  int nc_year = range (demo, -2, 13);   /* in the last term's academic year */
  double sen = g_rand_double (demo->rand);
  School *school = school_for_year (demo, nc_year);
  GDate born_first, born_last, care_first, care_last;
  PepTermId first_term = options->last_term;
  gboolean uasc = nc_year >= 7 && chance (demo, 0.12);
  gboolean neet = chance (demo, 0.12);
  gboolean complex = FALSE;
  /* Leaving care, coming back and moving school are drawn apart from the rest, so that the
   * same seed gives the same children as before with these stories added. */
  g_autoptr(GRand) story = g_rand_new_with_seed (options->seed * 2654435761u + index);
  g_autoptr(GPtrArray) spells = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_school_spell_free);
  int leave_term = -1, return_term = -1, move_term = -1;
  GDate left, returned;

  g_array_set_clear_func (previous, previous_target_clear);
  g_date_clear (&left, 1);
  g_date_clear (&returned, 1);

  /* About one child in fourteen leaves care during a term (after its PEP meeting), and a
   * third of those come back in a later term; one in twenty moves school at the start of a
   * term. */
  if (options->n_terms >= 2 && g_rand_double (story) < 0.07)
    {
      leave_term = g_rand_int_range (story, 0, (gint32) options->n_terms - 1);
      if (g_rand_double (story) < 0.35)
        return_term = g_rand_int_range (story, leave_term + 1, (gint32) options->n_terms);
    }
  if (options->n_terms >= 2 && g_rand_double (story) < 0.05)
    move_term = g_rand_int_range (story, 1, (gint32) options->n_terms);

  /* Born in the academic year that puts them in @nc_year now. */
  g_date_clear (&born_first, 1);
  g_date_clear (&born_last, 1);
  g_date_set_dmy (&born_first, 1, G_DATE_SEPTEMBER, options->last_term.year - 5 - nc_year);
  g_date_set_dmy (&born_last, 31, G_DATE_AUGUST, options->last_term.year - 4 - nc_year);
  dob = date_between (demo, &born_first, &born_last);

  /* In care for between a few weeks and most of their life, never before birth. */
  pep_term_step (&first_term, -(int) options->n_terms + 1);
  pep_term_bounds (&options->last_term, &care_first, &care_last);
  care_last = care_first;
  g_date_add_days (&care_last, 20);
  pep_date_parse (dob, &care_first);
  if (chance (demo, 0.9))
    {
      GDate term_first, term_last;
      pep_term_bounds (&first_term, &term_first, &term_last);
      if (g_date_compare (&term_first, &care_first) > 0)
        care_last = term_first;
    }
  entered = date_between (demo, &care_first, &care_last);
  carer = person_name (demo);

  if (nc_year >= -1 && chance (demo, 0.97))
    {
      g_autofree char *upn = pep_upn_make ((guint) school->la_code, (guint) school->estab,
                                           (index / 1000) % 100, index % 1000);
      pep_record_set_text (child, PEP_CHILD_UPN, upn);
    }
  if (nc_year >= 12)
    {
      g_autofree char *uln = g_strdup_printf ("%010u", 1000000000u + index);
      pep_record_set_text (child, PEP_CHILD_ULN, uln);
    }
  pep_record_set_text (child, PEP_CHILD_LA_CHILD_ID, la_id);
  pep_record_set_text (child, PEP_CHILD_LEGAL_FORENAME, forename);
  pep_record_set_text (child, PEP_CHILD_LEGAL_SURNAME, surname);
  if (chance (demo, 0.1))
    pep_record_set_text (child, PEP_CHILD_PREFERRED_NAME, PICK (demo, given_names));
  pep_record_set_text (child, PEP_CHILD_DOB, dob);
  pep_record_set_text (child, PEP_CHILD_GENDER, uasc ? "male" : PICK (demo, genders));
  pep_record_set_text (child, PEP_CHILD_ETHNICITY, PICK (demo, ethnicities));
  if (uasc || chance (demo, 0.08))
    {
      pep_record_set_text (child, PEP_CHILD_FIRST_LANGUAGE, PICK (demo, languages));
      pep_record_set_bool (child, PEP_CHILD_INTERPRETER, chance (demo, 0.5));
    }
  else
    {
      pep_record_set_text (child, PEP_CHILD_FIRST_LANGUAGE, "English");
      pep_record_set_bool (child, PEP_CHILD_INTERPRETER, FALSE);
    }
  pep_record_set_bool (child, PEP_CHILD_UASC, uasc);
  pep_record_set_text (child, PEP_CHILD_LEGAL_STATUS, uasc ? "section-20" : PICK (demo, legal));
  pep_record_set_text (child, PEP_CHILD_CARE_AUTHORITY, HOME_LA_NAME);
  pep_record_set_text (child, PEP_CHILD_ENTERED_CARE, entered);
  pep_record_set_text (child, PEP_CHILD_PLACEMENT_TYPE, uasc && chance (demo, 0.5) ? "semi-independent" : PICK (demo, placements));
  pep_record_set_bool (child, PEP_CHILD_PLACEMENT_IN_LA, chance (demo, 0.65));
  pep_record_set_text (child, PEP_CHILD_SEN_STATUS,
                       nc_year < 0 ? (sen < 0.85 ? "none" : "sen-support")
                       : sen < 0.45 ? "none" : sen < 0.75 ? "sen-support" : sen < 0.97 ? "ehcp" : "ehcp-assessment");
  if (!g_str_equal (pep_record_get_text (child, PEP_CHILD_SEN_STATUS), "none"))
    pep_record_set_text (child, PEP_CHILD_PRIMARY_NEED, PICK (demo, needs));
  /* Post-18 plans are for young people with complex needs: an EHCP, in Year 13. */
  complex = g_str_equal (pep_record_get_text (child, PEP_CHILD_SEN_STATUS), "ehcp") && chance (demo, 0.5);
  pep_record_set_int (child, PEP_CHILD_SCHOOL_URN, school->urn);
  pep_record_set_int (child, PEP_CHILD_NC_YEAR, nc_year);
  pep_record_set_text (child, PEP_CHILD_DESIGNATED_TEACHER, school->designated_teacher);
  pep_record_set_text (child, PEP_CHILD_SOCIAL_WORKER, social_worker);
  pep_record_set_text (child, PEP_CHILD_VS_ADVISOR, advisor);
  pep_record_set_text (child, PEP_CHILD_CARER, carer);

  {
    g_autofree char *uuid = demo_uuid (demo);
    pep_record_set_uuid (child, uuid);
  }
  /* On the system from the start of the file's history, or from coming into care. */
  {
    GDate on_file;

    pep_date_parse (entered, &on_file);
    if (g_date_compare (&on_file, &demo->start) < 0)
      on_file = demo->start;
    if (g_date_compare (&on_file, &demo->limit) > 0)
      on_file = demo->limit;
    stamp_changes (demo, NULL, &on_file);
  }
  if (!pep_store_insert_child (demo->store, child, error))
    return FALSE;
  g_ptr_array_add (spells, pep_school_spell_new (school->urn, NULL, NULL));

  for (guint t = 0; t < options->n_terms; t++)
    {
      PepTermId term = first_term;
      int year_then;
      gboolean latest = t + 1 == options->n_terms;
      g_autoptr(PepPlan) plan = NULL;
      Timeline timeline;
      GDate first, last, entered_date;
      GPtrArray *targets;

      pep_term_step (&term, (int) t);
      year_then = nc_year - (options->last_term.year - term.year);
      pep_term_bounds (&term, &first, &last);
      pep_date_parse (entered, &entered_date);
      /* Out of care: no PEP. Back in care: the PEP's clock starts again. */
      if (g_date_valid (&left) && (int) t > leave_term && (return_term < 0 || (int) t < return_term))
        continue;
      if ((int) t == return_term && g_date_valid (&left))
        {
          GDate back = first;

          g_date_add_days (&back, (guint) g_rand_int_range (story, 3, 40));
          if (g_date_compare (&back, &demo->limit) > 0)
            continue;
          returned = back;
        }
      if (g_date_valid (&returned))
        entered_date = returned;
      /* A move to another school of the phase, at the start of the term. */
      if ((int) t == move_term && year_then >= 0)
        {
          School *moved = school_for_year (demo, year_then);
          GDate day = first, before;
          g_autofree char *start = NULL, *end = NULL;

          g_date_add_days (&day, (guint) g_rand_int_range (story, 2, 20));
          if (moved != school && g_date_compare (&day, &demo->limit) <= 0
              && g_date_compare (&day, &entered_date) > 0)
            {
              before = day;
              g_date_subtract_days (&before, 1);
              end = date_string (&before);
              start = date_string (&day);
              pep_date_parse (end, &((PepSchoolSpell *) spells->pdata[spells->len - 1])->ended);
              g_ptr_array_add (spells, pep_school_spell_new (moved->urn, start, NULL));
              school = moved;
            }
        }
      /* No PEP before they are two, or before they came into care; and 2% are missing. */
      if (year_then < -2 || g_date_compare (&entered_date, &last) > 0 || chance (demo, 0.02))
        continue;

      plan = pep_plan_new (pep_record_get_id (child), &term, kind_for_year (year_then, neet, complex));
      pep_plan_set_status (plan, status_for (demo, latest));
      pep_plan_set_school_urn (plan, school->urn);
      plan_timeline (demo, pep_plan_get_status (plan), &first, &last, &entered_date, &timeline);
      /* Leaving care this term, some days after the meeting. */
      if ((int) t == leave_term)
        {
          GDate earliest = timeline.meeting, by = last;

          g_date_add_days (&earliest, 1);
          if (g_date_compare (&by, &demo->limit) > 0)
            by = demo->limit;
          if (g_date_compare (&earliest, &by) <= 0)
            {
              left = earliest;
              g_date_add_days (&left, (guint) g_rand_int_range (story, 0, g_date_days_between (&earliest, &by) + 1));
            }
        }
      fill_plan (demo, plan, child, school, year_then, &first, &timeline);
      if (previous->len > 0)
        {
          add_reviews (demo, plan, previous);
          pep_record_set_bool (pep_plan_get_content (plan), PEP_PLAN_PREVIOUS_TARGETS_REVIEWED, TRUE);
        }
      add_attainment (demo, plan, year_then);
      add_targets (demo, plan, &last, school->designated_teacher);
      add_quality_assurance (demo, plan, &timeline, advisor);
      add_events (plan, &timeline, school->designated_teacher, advisor);
      {
        g_autofree char *uuid = demo_uuid (demo);
        pep_plan_set_uuid (plan, uuid);
      }

      /* Made when it was written up; the figures count from its steps' dates. */
      stamp_changes (demo, timeline.written_at, NULL);
      if (!sign_plan (demo, plan, error) || !pep_store_insert_plan (demo->store, plan, error))
        return FALSE;

      /* Now and then a signed-off PEP needed correcting: its amendment, signed off in turn,
       * supersedes it. */
      if (!latest && pep_plan_get_status (plan) == PEP_STATUS_SIGNED_OFF && chance (demo, 0.03))
        {
          g_autoptr(PepPlan) amendment = pep_plan_new (pep_record_get_id (child), &term,
                                                       pep_plan_get_kind (plan));
          g_autofree char *uuid = demo_uuid (demo);
          GDate amended;
          gboolean ok;

          /* The same meeting, corrected within three weeks of the sign-off: by the end of
           * the term when the sign-off left time, for the amendment is what the figures
           * count. */
          days_after (demo, &timeline.authorised, 1, 21,
                      g_date_compare (&timeline.authorised, &last) < 0 ? &last : &demo->limit,
                      &amended);
          timeline_from_written (demo, &timeline, &amended);
          pep_plan_set_uuid (amendment, uuid);
          pep_plan_set_amends_id (amendment, pep_plan_get_id (plan));
          pep_plan_set_status (amendment, PEP_STATUS_SIGNED_OFF);
          pep_plan_set_school_urn (amendment, school->urn);
          fill_plan (demo, amendment, child, school, year_then, &first, &timeline);
          add_attainment (demo, amendment, year_then);
          add_targets (demo, amendment, &last, school->designated_teacher);
          add_events (amendment, &timeline, school->designated_teacher, advisor);
          stamp_changes (demo, timeline.written_at, NULL);
          if (!sign_plan (demo, amendment, error)
              || !pep_store_insert_plan (demo->store, amendment, error))
            return FALSE;
          /* Superseded when the amendment was authorised, by the advisor who authorised it. */
          stamp_changes (demo, timeline.authorised_at, NULL);
          pep_store_set_actor (demo->store, advisor, PEP_ROLE_ADVISOR);
          ok = pep_store_set_plan_status (demo->store, plan, PEP_STATUS_SUPERSEDED, error);
          pep_store_set_actor (demo->store, "demo", PEP_ROLE_ADMINISTRATOR);
          if (!ok)
            return FALSE;
          g_set_object (&plan, amendment);
        }

      g_array_set_size (previous, 0);
      targets = pep_plan_get_rows (plan, PEP_TABLE_TARGET);
      for (guint i = 0; i < targets->len; i++)
        {
          PreviousTarget prev;

          prev.id = pep_record_get_id (g_ptr_array_index (targets, i));
          prev.text = g_strdup (pep_record_get_text (g_ptr_array_index (targets, i), PEP_TARGET_DESCRIPTION));
          g_array_append_val (previous, prev);
        }

      /* About one child in thirty has a change of placement or school: an unscheduled review. */
      if (latest && chance (demo, 0.03))
        {
          g_autoptr(PepPlan) review = pep_plan_new (pep_record_get_id (child), &term,
                                                    pep_plan_get_kind (plan));

          gboolean new_school = !chance (demo, 0.5);

          pep_plan_set_review_reason (review, new_school ? "Change of school" : "Change of placement");
          pep_plan_set_school_urn (review, school->urn);
          plan_timeline (demo, pep_plan_get_status (review), &first, &last, &entered_date,
                         &timeline);
          if (new_school)
            {
              /* The child started at the school a few days before the review met: the day
               * the review's clock counts from. */
              GDate earliest = timeline.meeting;
              g_autofree char *start = NULL;

              g_date_subtract_days (&earliest, 5);
              if (g_date_valid (&entered_date) && g_date_compare (&earliest, &entered_date) <= 0)
                {
                  earliest = entered_date;
                  g_date_add_days (&earliest, 1);
                }
              if (g_date_compare (&earliest, &timeline.meeting) > 0)
                earliest = timeline.meeting;
              start = date_between (demo, &earliest, &timeline.meeting);
              {
                School *moved = school_for_year (demo, MAX (year_then, 0));
                PepSchoolSpell *current = g_ptr_array_index (spells, spells->len - 1);
                GDate starting;

                /* A move only after the day they started at the school they leave (they may
                 * have moved there at the start of this term); else the review is for a
                 * start there. */
                pep_date_parse (start, &starting);
                if (g_date_valid (&current->started) && g_date_compare (&starting, &current->started) <= 0)
                  moved = school;
                if (moved != school)
                  {
                    GDate before;
                    g_autofree char *end = NULL;

                    pep_date_parse (start, &before);
                    g_date_subtract_days (&before, 1);
                    end = date_string (&before);
                    pep_date_parse (end, &((PepSchoolSpell *) spells->pdata[spells->len - 1])->ended);
                    g_ptr_array_add (spells, pep_school_spell_new (moved->urn, start, NULL));
                    school = moved;
                    pep_plan_set_school_urn (review, school->urn);
                  }
                else if (!g_date_valid (&current->started))
                  current->started = starting;
              }
            }
          fill_plan (demo, review, child, school, year_then, &first, &timeline);
          add_targets (demo, review, &last, school->designated_teacher);
          {
            g_autofree char *uuid = demo_uuid (demo);
            pep_plan_set_uuid (review, uuid);
          }
          add_events (review, &timeline, school->designated_teacher, advisor);
          stamp_changes (demo, timeline.written_at, NULL);
          if (!sign_plan (demo, review, error) || !pep_store_insert_plan (demo->store, review, error))
            return FALSE;
        }
    }
  /* Their time in care and their schools, as they turned out. */
  if (g_date_valid (&left))
    {
      g_autoptr(GPtrArray) episodes = g_ptr_array_new_with_free_func ((GDestroyNotify) pep_care_episode_free);
      g_autofree char *left_text = date_string (&left);
      g_autofree char *returned_text = g_date_valid (&returned) ? date_string (&returned) : NULL;
      const char *status = pep_record_get_text (child, PEP_CHILD_LEGAL_STATUS);
      const char *placement = pep_record_get_text (child, PEP_CHILD_PLACEMENT_TYPE);

      g_ptr_array_add (episodes, pep_care_episode_new (entered, left_text, status, placement));
      if (returned_text != NULL)
        g_ptr_array_add (episodes, pep_care_episode_new (returned_text, NULL, "section-20", placement));
      stamp_changes (demo, NULL, returned_text ? &returned : &left);
      if (!pep_store_set_care_episodes (demo->store, pep_record_get_id (child), episodes, error))
        return FALSE;
    }
  if (spells->len > 1 || g_date_valid (&((PepSchoolSpell *) spells->pdata[0])->started))
    {
      PepSchoolSpell *latest = g_ptr_array_index (spells, spells->len - 1);

      stamp_changes (demo, NULL, g_date_valid (&latest->started) ? &latest->started : &demo->limit);
      if (!pep_store_set_school_history (demo->store, pep_record_get_id (child), spells, error))
        return FALSE;
    }
  pep_store_set_fixed_time (demo->store, demo->now);
  return TRUE;
}

void
pep_demo_options_init (PepDemoOptions *options)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  GDate today;

  g_return_if_fail (options != NULL);

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));
  options->n_children = 600;
  options->n_terms = 3;
  options->seed = 1;
  pep_term_for_date (&today, &options->last_term);
}

/* The demo Virtual School's own profile: its LA code and name, England's usual pattern and
 * the built-in rubric. */
static gboolean
put_authority (PepStore  *store,
               GError   **error)
{
  g_autoptr(PepAuthority) own = pep_authority_new ();
  g_autofree char *code = g_strdup_printf ("%03d", HOME_LA);

  pep_authority_set_la_code (own, code, NULL);
  pep_authority_set_name (own, HOME_LA_NAME);
  return pep_store_put_authority (store, own, TRUE, error);
}

/* The authority's officers list (pep-officers.h): every advisor, a QA officer and the head,
 * each with their demo key, valid from the year before the first term, signed by the
 * authority's demo key, so that the demo's sign-offs are proven and anyone trying the demo
 * can act as any of them. */
static gboolean
put_officers (Demo       *demo,
              GPtrArray  *advisors,
              GError    **error)
{
  static const struct { const char *name, *role, *key_role; } fixed[] = {
    { "Quinn Officer", "qa-officer", "qa-officer" },
    { "Ada Advisor", "advisor", "vs-advisor" },
    { "Hana Head", "headteacher", "headteacher" },
  };
  g_autoptr(PepCopyOwner) owner = pep_store_get_owner (demo->store, error);
  g_autoptr(PepOfficers) officers = NULL;
  g_autoptr(PepSigningKey) authority_key = NULL;
  g_autofree char *la_code = NULL;
  g_autofree char *from = NULL;

  if (owner == NULL)
    return FALSE;
  if (owner->kind != PEP_COPY_AUTHORITY)
    return TRUE;
  la_code = g_strdup_printf ("%03u", owner->la_code);
  officers = pep_officers_new (la_code, owner->name);
  from = g_strdup_printf ("%04d-09-01", g_date_get_year (&demo->start) - 1);
  for (guint i = 0; i < advisors->len + G_N_ELEMENTS (fixed); i++)
    {
      gboolean is_fixed = i >= advisors->len;
      const char *name = is_fixed ? fixed[i - advisors->len].name : g_ptr_array_index (advisors, i);
      PepSigningKey *key = demo_key (demo, name, is_fixed ? fixed[i - advisors->len].key_role
                                                          : "vs-advisor");
      PepOfficer officer = {
        .name = (char *) name,
        .role = (char *) (is_fixed ? fixed[i - advisors->len].role : "advisor"),
        .public_key = (char *) pep_signing_key_get_public_key (key),
        .valid_from = from,
        .demo = TRUE,
      };

      /* An invented name drawn twice is one officer. */
      if (pep_officers_find_key (officers, officer.public_key, officer.role) == NULL
          && !pep_officers_add (officers, &officer, error))
        return FALSE;
    }
  authority_key = pep_signing_key_new_demo (demo->options->seed, owner->name, "authority");
  return pep_authority_publish (demo->store, officers, authority_key, error);
}

/* The demo's Virtual School has exchanged with its schools before: each designated
 * teacher's demo key is pinned for their school, as a first import would have pinned it. */
static gboolean
pin_schools (Demo    *demo,
             GError **error)
{
  g_autoptr(PepCopyOwner) owner = pep_store_get_owner (demo->store, error);

  if (owner == NULL)
    return FALSE;
  if (owner->kind != PEP_COPY_AUTHORITY)
    return TRUE;
  for (guint i = 0; i < demo->schools->len; i++)
    {
      School *school = g_ptr_array_index (demo->schools, i);
      g_autofree char *subject = g_strdup_printf ("school %" G_GINT64_FORMAT, school->urn);
      PepSigningKey *key = demo_key (demo, school->designated_teacher, "designated-teacher");

      if (!pep_store_pin_key (demo->store, subject, pep_signing_key_get_public_key (key),
                              school->designated_teacher, "designated-teacher", error))
        return FALSE;
    }
  return TRUE;
}

/**
 * pep_demo_generate:
 * @store: an empty store
 *
 * Fills @store with a synthetic Virtual School. Work is committed in batches, so a
 * generator stopped midway leaves a smaller but consistent file.
 */
static gboolean
set_demo_owner (PepStore  *store,
                GError   **error)
{
  g_autoptr(PepCopyOwner) owner = pep_copy_owner_new_authority (HOME_LA, HOME_LA_NAME);

  return pep_store_set_owner (store, owner, error);
}

gboolean
pep_demo_generate (PepStore              *store,
                   const PepDemoOptions  *options,
                   PepDemoProgress        progress,
                   gpointer               user_data,
                   GError               **error)
{
  g_autoptr(GPtrArray) schools = g_ptr_array_new_with_free_func (school_free);
  g_autoptr(GPtrArray) advisors = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) social_workers = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDateTime) now = NULL;
  PepTermId first_term = options->last_term;
  GDate first, last;
  Demo demo = { 0 };
  gint64 existing;
  guint n_schools;
  gboolean ok;

  g_return_val_if_fail (PEP_IS_STORE (store), FALSE);
  g_return_val_if_fail (options != NULL, FALSE);

  if (options->n_children == 0 || options->n_children > MAX_CHILDREN
      || options->n_terms == 0 || options->n_terms > 12)
    {
      g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_INVALID,
                   _("Demo data holds 1 to %u children and 1 to 12 terms."), MAX_CHILDREN);
      return FALSE;
    }
  if ((existing = pep_store_count (store, PEP_TABLE_CHILD, error)) != 0)
    {
      if (existing > 0)
        g_set_error (error, PEP_STORE_ERROR, PEP_STORE_ERROR_EXISTS,
                     _("Demo data only goes into an empty file; this one already holds children."));
      return FALSE;
    }

  demo.rand = g_rand_new_with_seed (options->seed);
  demo.keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  demo.rubric = pep_rubric_new_default ();
  demo.store = store;
  demo.schools = schools;
  demo.options = options;

  /* The demo's "now" is one moment in the last term, so the file depends only on the options
   * and not on when it was made. Every change is stamped with a moment of its own before
   * then: the schools and the file at the start of the first term, each child when they came
   * into care (or then), each PEP when it was written up (plan_timeline()). */
  pep_term_bounds (&options->last_term, &first, &last);
  g_date_add_days (&first, 30);
  now = g_date_time_new_utc (g_date_get_year (&first), g_date_get_month (&first),
                             g_date_get_day (&first), 9, 0, 0);
  demo.now = now;
  demo.limit = first;
  g_date_subtract_days (&demo.limit, 1);
  pep_term_step (&first_term, -(int) options->n_terms + 1);
  pep_term_bounds (&first_term, &demo.start, &last);
  stamp_changes (&demo, NULL, &demo.start);
  pep_store_set_actor (store, "demo", PEP_ROLE_ADMINISTRATOR);

  for (guint i = 0; i < 12; i++)
    g_ptr_array_add (advisors, person_name (&demo));
  for (guint i = 0; i < MAX (20, options->n_children / 15); i++)
    g_ptr_array_add (social_workers, person_name (&demo));

  n_schools = CLAMP (options->n_children / 25, 36, 4000);
  {
    g_autofree char *created = pep_store_now (store);
    g_autoptr(PepCopyOwner) owner = pep_store_get_owner (store, error);
    /* Each invented person's demo key comes from it (pep_keyring_find()). */
    g_autofree char *seed_text = g_strdup_printf ("%u", options->seed);

    /* A Virtual School's copy, of the invented authority. */
    ok = owner != NULL && pep_store_begin (store, error)
         && (owner->kind != PEP_COPY_UNOWNED || set_demo_owner (store, error))
         && pep_store_set_meta (store, "created_at", created, error)
         && pep_store_set_meta (store, "demo", "synthetic data: every name is invented", error)
         && put_authority (store, error)
         && pep_store_set_meta (store, "demo_seed", seed_text, error)
         && put_officers (&demo, advisors, error)
         && make_schools (&demo, n_schools, error)
         && pin_schools (&demo, error);
  }
  for (guint i = 0; ok && i < options->n_children; i++)
    {
      const char *advisor = g_ptr_array_index (advisors,
                                               g_rand_int_range (demo.rand, 0, advisors->len));

      ok = make_child (&demo, i, advisor,
                       g_ptr_array_index (social_workers, g_rand_int_range (demo.rand, 0, social_workers->len)),
                       error);
      /* Commit in batches: the WAL stays small, and progress is real. */
      if (ok && (i + 1) % 2000 == 0)
        {
          ok = pep_store_commit (store, error) && pep_store_begin (store, error);
          if (ok && progress)
            progress (i + 1, options->n_children, user_data);
        }
    }
  if (ok)
    ok = pep_store_commit (store, error);
  else
    pep_store_rollback (store);
  if (ok && progress)
    progress (options->n_children, options->n_children, user_data);

  pep_store_set_fixed_time (store, NULL);
  g_rand_free (demo.rand);
  g_clear_pointer (&demo.keys, g_hash_table_unref);
  g_clear_object (&demo.rubric);
  return ok;
}
