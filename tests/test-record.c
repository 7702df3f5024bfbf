/* test-record.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record's values: held as they are (text, integer, number, yes/no), the GVariant of
 * pep_record_get() made when asked and replaced when the field changes, the same rules and
 * messages as ever for a value that does not fit.
 */

#include "config.h"

#include <string.h>

#include "pep-record-private.h"

/* get() gives the value set last, as a GVariant kept while the field stays as it is; the
 * text get_text() gave stays where it is until the field is set again. */
static void
test_get_follows_set (void)
{
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  const char *text;
  GVariant *first, *again, *replaced;

  g_assert_null (pep_record_get (child, PEP_CHILD_FIRST_LANGUAGE));
  g_assert_false (pep_record_has (child, PEP_CHILD_FIRST_LANGUAGE));

  pep_record_set_text (child, PEP_CHILD_FIRST_LANGUAGE, "Somali");
  text = pep_record_get_text (child, PEP_CHILD_FIRST_LANGUAGE);
  g_assert_cmpstr (text, ==, "Somali");
  first = pep_record_get (child, PEP_CHILD_FIRST_LANGUAGE);
  g_assert_nonnull (first);
  g_assert_cmpstr (g_variant_get_string (first, NULL), ==, "Somali");
  again = pep_record_get (child, PEP_CHILD_FIRST_LANGUAGE);
  g_assert_true (again == first);
  g_assert_true (pep_record_get_text (child, PEP_CHILD_FIRST_LANGUAGE) == text);

  /* A caller's reference outlives the change: it keeps the old value. */
  g_variant_ref (first);
  pep_record_set_text (child, PEP_CHILD_FIRST_LANGUAGE, "Tigrinya");
  replaced = pep_record_get (child, PEP_CHILD_FIRST_LANGUAGE);
  g_assert_cmpstr (g_variant_get_string (replaced, NULL), ==, "Tigrinya");
  g_assert_cmpstr (pep_record_get_text (child, PEP_CHILD_FIRST_LANGUAGE), ==, "Tigrinya");
  g_assert_cmpstr (g_variant_get_string (first, NULL), ==, "Somali");
  g_variant_unref (first);

  /* Through set() too, and cleared. */
  g_assert_true (pep_record_set (child, PEP_CHILD_FIRST_LANGUAGE, g_variant_new_string ("Dari"), NULL));
  g_assert_cmpstr (g_variant_get_string (pep_record_get (child, PEP_CHILD_FIRST_LANGUAGE), NULL), ==, "Dari");
  g_assert_true (pep_record_set (child, PEP_CHILD_FIRST_LANGUAGE, NULL, NULL));
  g_assert_null (pep_record_get (child, PEP_CHILD_FIRST_LANGUAGE));
  g_assert_null (pep_record_get_text (child, PEP_CHILD_FIRST_LANGUAGE));
}

/* Each type is held and given back as itself, and as the GVariant type it always had. */
static void
test_types (void)
{
  g_autoptr(PepRecord) school = pep_record_new (PEP_TABLE_SCHOOL);
  g_autoptr(PepRecord) plan = pep_record_new (PEP_TABLE_PLAN);

  pep_record_set_int (school, PEP_SCHOOL_URN, 123456);
  pep_record_set_bool (school, PEP_SCHOOL_IN_AUTHORITY, 7);
  pep_record_set_real (plan, PEP_PLAN_HOURS_PER_WEEK, 27.5);

  g_assert_cmpint (pep_record_get_int (school, PEP_SCHOOL_URN, -1), ==, 123456);
  g_assert_true (g_variant_is_of_type (pep_record_get (school, PEP_SCHOOL_URN), G_VARIANT_TYPE_INT64));
  g_assert_cmpint (g_variant_get_int64 (pep_record_get (school, PEP_SCHOOL_URN)), ==, 123456);
  g_assert_true (pep_record_get_bool (school, PEP_SCHOOL_IN_AUTHORITY));
  g_assert_true (g_variant_get_boolean (pep_record_get (school, PEP_SCHOOL_IN_AUTHORITY)));
  g_assert_cmpfloat (pep_record_get_real (plan, PEP_PLAN_HOURS_PER_WEEK, -1), ==, 27.5);
  g_assert_cmpfloat (g_variant_get_double (pep_record_get (plan, PEP_PLAN_HOURS_PER_WEEK)), ==, 27.5);

  /* Asked as another type, or not entered: the fallback. */
  g_assert_null (pep_record_get_text (school, PEP_SCHOOL_URN));
  g_assert_cmpint (pep_record_get_int (school, PEP_SCHOOL_LA_CODE, -1), ==, -1);
  g_assert_cmpfloat (pep_record_get_real (school, PEP_SCHOOL_URN, -2), ==, -2);
  g_assert_false (pep_record_get_bool (plan, PEP_PLAN_ATTENDED_DT));
}

/* A value that does not fit is refused with the message it always had, and the record keeps
 * its old value; the typed setters report it as a programming error. */
static void
test_refused (void)
{
  g_autoptr(PepRecord) school = pep_record_new (PEP_TABLE_SCHOOL);
  g_autoptr(GError) error = NULL;

  pep_record_set_int (school, PEP_SCHOOL_URN, 123456);
  g_assert_false (pep_record_set (school, PEP_SCHOOL_URN, g_variant_new_int32 (5), &error));
  g_assert_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "a value of type ‘i’ cannot be stored here"));
  g_clear_error (&error);
  g_assert_false (pep_record_set (school, PEP_SCHOOL_URN, g_variant_new_int64 (12), &error));
  g_assert_error (error, PEP_FIELD_ERROR, PEP_FIELD_ERROR_OUT_OF_RANGE);
  g_clear_error (&error);
  g_assert_cmpint (pep_record_get_int (school, PEP_SCHOOL_URN, -1), ==, 123456);

  g_test_expect_message ("pep-record", G_LOG_LEVEL_CRITICAL, "*a value of type ‘s’ cannot be stored here*");
  pep_record_set_text (school, PEP_SCHOOL_URN, "123457");
  g_test_assert_expected_messages ();
  g_test_expect_message ("pep-record", G_LOG_LEVEL_CRITICAL, "*must be between*");
  pep_record_set_int (school, PEP_SCHOOL_URN, 99);
  g_test_assert_expected_messages ();
  g_assert_cmpint (pep_record_get_int (school, PEP_SCHOOL_URN, -1), ==, 123456);
}

/* The native rules are pep_field_validate()'s: same verdicts, same messages. */
static void
test_native_rules_match (void)
{
  const struct { PepTable table; guint field; const char *text; } cases[] = {
    { PEP_TABLE_CHILD, PEP_CHILD_DOB, "2014-02-30" },
    { PEP_TABLE_CHILD, PEP_CHILD_DOB, "2014-02-03" },
    { PEP_TABLE_CHILD, PEP_CHILD_GENDER, "sometimes" },
    { PEP_TABLE_CHILD, PEP_CHILD_LEGAL_SURNAME, "Ade\xe2\x80\xaeyemi" },
    { PEP_TABLE_CHILD, PEP_CHILD_FIRST_LANGUAGE, "Arabic" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const PepFieldInfo *info = pep_table_get_field (cases[i].table, cases[i].field);
      PepFieldValue native = { PEP_VALUE_KIND_TEXT, { .text = cases[i].text } };
      g_autoptr(GVariant) variant = g_variant_ref_sink (g_variant_new_string (cases[i].text));
      g_autoptr(GError) from_variant = NULL;
      g_autoptr(GError) from_native = NULL;
      gboolean ok_variant = pep_field_validate_new (info, variant, &from_variant);
      gboolean ok_native = pep_field_validate_new_value (info, &native, &from_native);

      g_assert_cmpint (ok_variant, ==, ok_native);
      if (!ok_variant)
        g_assert_cmpstr (from_variant->message, ==, from_native->message);
    }
}

/* A copy is equal and then its own; equality compares what is held. */
static void
test_copy_and_equal (void)
{
  g_autoptr(PepRecord) child = pep_record_new (PEP_TABLE_CHILD);
  g_autoptr(PepRecord) copy = NULL;
  PepFieldValue value;

  pep_record_set_text (child, PEP_CHILD_LA_CHILD_ID, "LA-0001");
  pep_record_set_bool (child, PEP_CHILD_INTERPRETER, FALSE);
  pep_record_set_int (child, PEP_CHILD_NC_YEAR, 7);
  (void) pep_record_get (child, PEP_CHILD_LA_CHILD_ID);
  copy = pep_record_copy (child);
  g_assert_true (pep_record_equal (child, copy));
  g_assert_true (pep_record_get_text (copy, PEP_CHILD_LA_CHILD_ID)
                 != pep_record_get_text (child, PEP_CHILD_LA_CHILD_ID));

  pep_record_set_text (copy, PEP_CHILD_LA_CHILD_ID, "LA-0002");
  g_assert_false (pep_record_equal (child, copy));
  g_assert_cmpstr (pep_record_get_text (child, PEP_CHILD_LA_CHILD_ID), ==, "LA-0001");
  pep_record_set_text (copy, PEP_CHILD_LA_CHILD_ID, "LA-0001");
  g_assert_true (pep_record_equal (child, copy));

  /* Not entered differs from false and from 0. */
  pep_record_set (copy, PEP_CHILD_INTERPRETER, NULL, NULL);
  g_assert_false (pep_record_equal (child, copy));
  pep_record_set_bool (copy, PEP_CHILD_INTERPRETER, FALSE);
  pep_record_set_int (copy, PEP_CHILD_NC_YEAR, 8);
  g_assert_false (pep_record_equal (child, copy));

  /* The private reader gives the record's own text. */
  g_assert_true (pep_record_get_value (child, PEP_CHILD_LA_CHILD_ID, &value));
  g_assert_cmpint (value.kind, ==, PEP_VALUE_KIND_TEXT);
  g_assert_true (value.v.text == pep_record_get_text (child, PEP_CHILD_LA_CHILD_ID));
  g_assert_false (pep_record_get_value (child, PEP_CHILD_ULN, &value));

  /* Set back from its own text, the field keeps it (copied before the old one goes). */
  g_assert_true (pep_record_set_value (child, PEP_CHILD_LA_CHILD_ID, &value, NULL));
  g_assert_cmpstr (pep_record_get_text (child, PEP_CHILD_LA_CHILD_ID), ==, "LA-0001");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/record/get-follows-set", test_get_follows_set);
  g_test_add_func ("/pep/record/types", test_types);
  g_test_add_func ("/pep/record/refused", test_refused);
  g_test_add_func ("/pep/record/native-rules-match", test_native_rules_match);
  g_test_add_func ("/pep/record/copy-and-equal", test_copy_and_equal);
  return g_test_run ();
}
