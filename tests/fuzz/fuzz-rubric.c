/* fuzz-rubric.c
 *
 * Copyright 2026 The PEP Studio authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A libFuzzer target for the rubric loader: a Virtual School's own rubric file is input
 * from outside. Any bytes must give a rubric or a GError, never a crash, a leak or a hang.
 */

#include "config.h"

#include <stdint.h>

#include "pep-rubric.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(PepRubric) rubric = pep_rubric_new_from_data ((const char *) data, size, "fuzz.xml", &error);

  g_assert ((rubric == NULL) != (error == NULL));
  if (rubric != NULL)
    {
      /* Exercise what the checks and the workflow read from a loaded rubric. */
      PepRating ratings[PEP_N_SECTIONS];

      for (guint s = 0; s < PEP_N_SECTIONS; s++)
        ratings[s] = (PepRating) (s % PEP_N_RATINGS);
      for (PepKind k = 0; k < PEP_N_KINDS; k++)
        pep_rubric_combine (rubric, k, ratings);
    }
  return 0;
}
