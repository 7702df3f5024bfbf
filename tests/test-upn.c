/* test-upn.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "pep-upn.h"

/* Computed by hand from the DfE rule: weights 2..13 on characters 2..13, sum mod 23. */
static void
test_check_letter_by_hand (void)
{
  /* "?999100000001": 9*2 + 9*3 + 9*4 + 1*5 + 0*6..0*12 + 1*13 = 18+27+36+5+13 = 99;
   * 99 mod 23 = 7 → 'H' (A B C D E F G H). */
  g_assert_cmpint (pep_upn_check_letter ("A999100000001"), ==, 'H');
  g_assert_true (pep_upn_validate ("H999100000001", NULL, NULL));

  /* All zeros: sum 0 → 'A'. */
  g_assert_true (pep_upn_validate ("A000000000000", NULL, NULL));

  /* Temporary UPN ending in 'B' (index 1): 13 * 1 = 13 → 'P' (A..H J K L M N P). */
  g_assert_cmpint (pep_upn_check_letter ("A00000000000B"), ==, 'P');
}

static void
test_valid (void)
{
  g_autoptr(GError) error = NULL;
  gboolean temporary = TRUE;
  g_autofree char *made = pep_upn_make (999, 1234, 24, 567);

  g_assert_true (pep_upn_validate (made, &temporary, &error));
  g_assert_no_error (error);
  g_assert_false (temporary);
  g_assert_true (g_str_has_suffix (made, "999123424567"));

  g_assert_true (pep_upn_validate ("P00000000000B", &temporary, &error));
  g_assert_no_error (error);
  g_assert_true (temporary);
}

static void
test_invalid (void)
{
  static const struct { const char *upn; int code; const char *says; } cases[] = {
    { "", PEP_UPN_ERROR_LENGTH, "13 characters" },
    { "H99910000000", PEP_UPN_ERROR_LENGTH, "this one has 12" },
    { "H9991000000011", PEP_UPN_ERROR_LENGTH, "this one has 14" },
    { "I999100000001", PEP_UPN_ERROR_CHARACTER, "starts with" },
    { "h999100000001", PEP_UPN_ERROR_CHARACTER, "starts with" },
    { "H99910000X001", PEP_UPN_ERROR_CHARACTER, "character 10" },
    { "H99910000000O", PEP_UPN_ERROR_CHARACTER, "last character" },
    { "B999100000001", PEP_UPN_ERROR_CHECK_LETTER, "should be ‘H’" },
    { "H999100000002", PEP_UPN_ERROR_CHECK_LETTER, "mistyped" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (pep_upn_validate (cases[i].upn, NULL, &error));
      g_assert_error (error, PEP_UPN_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].says) == NULL)
        g_error ("%s: message “%s” does not say “%s”", cases[i].upn, error->message, cases[i].says);
    }
}

/* Every single-digit typo in a valid UPN is caught by the check letter. */
static void
test_typos_caught (void)
{
  g_autofree char *upn = pep_upn_make (999, 1000, 26, 42);

  for (guint pos = 1; pos < 13; pos++)
    for (char d = '0'; d <= '9'; d++)
      {
        g_autofree char *typo = g_strdup (upn);

        if (typo[pos] == d)
          continue;
        typo[pos] = d;
        g_assert_false (pep_upn_validate (typo, NULL, NULL));
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/pep/upn/check-letter-by-hand", test_check_letter_by_hand);
  g_test_add_func ("/pep/upn/valid", test_valid);
  g_test_add_func ("/pep/upn/invalid", test_invalid);
  g_test_add_func ("/pep/upn/typos-caught", test_typos_caught);
  return g_test_run ();
}
