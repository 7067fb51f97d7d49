/* Unit tests link capture.c as their printk(): everything the code under
 * test prints is kept so a test can compare it line by line. */
#ifndef VMSPLIT_TEST_CAPTURE_H
#define VMSPLIT_TEST_CAPTURE_H

void capture_reset(void);
const char *captured(void);      /* all text printed since the last reset */

/* A cmocka check that a string contains another (include <cmocka.h> and
 * <string.h> first). */
#define assert_contains(hay, needle) do {					\
	const char *h_ = (hay), *n_ = (needle);					\
	if (!strstr(h_, n_))							\
		fail_msg("\"%s\"\n    does not contain \"%s\"", h_, n_);	\
} while (0)

#endif
