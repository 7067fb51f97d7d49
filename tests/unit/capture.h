/* Unit tests link capture.c as their printk(): everything the code under
 * test prints is kept so a test can compare it line by line. */
#ifndef VMSPLIT_TEST_CAPTURE_H
#define VMSPLIT_TEST_CAPTURE_H

void capture_reset(void);
const char *captured(void);      /* all text printed since the last reset */

#endif
