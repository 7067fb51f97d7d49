/* The seeds' layout tables, read from the seed files themselves
 * (../shared/seeds beside the checkout), so that no test holds a copy:
 * tests/seed_tables_test.py reads the same tables for the boot scenarios,
 * the layout tests for the host's decision and report. */
#ifndef VMSPLIT_TEST_SEED_TABLE_H
#define VMSPLIT_TEST_SEED_TABLE_H

#include <stdbool.h>

/* Where the seeds are: ../../../shared/seeds from the test binary's own
 * directory (build/host/), as the checkout's sibling. */
void seed_dir_from(const char *argv0);

/* The index-th "Virtual kernel memory layout" table (from 0) of the seed
 * file PREFIX*.txt, its lines in the kernel's own format (the seeds'
 * spacing and log prefixes vary), NULL-terminated: the region lines, and
 * the image lines (.text, .init, .data, .bss) too if with_image.  A seed
 * that cannot be read fails the test, naming the path. */
const char *const *seed_table(const char *prefix, int index, bool with_image);

#endif
