/* What the device-tree tests (test_fdt, test_board) build their blobs
 * with, on top of fdt_builder: the tree being built (tb), exact-size heap
 * copies (ASan flags a read past them), header fields, a virt-like good
 * tree, and what board_from_fdt() said about it. */
#ifndef VMSPLIT_TEST_FDT_BLOBS_H
#define VMSPLIT_TEST_FDT_BLOBS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "board.h"
#include "fdt.h"
#include "fdt_builder.h"

struct blob {
	uint8_t *p;
	size_t n;
};

extern struct fdtb tb;			/* the tree being built */
extern uint8_t blob_out[FDTB_MAX_STRUCT + FDTB_MAX_STRINGS + 1024];

#define PROP_CELLS(b, name, ...) \
	fdtb_prop_cells(b, name, (int)(sizeof((const uint32_t[]){ __VA_ARGS__ }) / 4), \
			(const uint32_t[]){ __VA_ARGS__ })
#define PROP_LIT(b, name, lit)	fdtb_prop(b, name, lit, sizeof(lit))
#define assert_said(line) do { \
	if (!said(line)) \
		fail_msg("expected \"%s\" in the output:\n%s", line, captured()); \
} while (0)

struct blob copy_exact(const void *p, size_t n);
struct blob finish(void);
uint32_t hdr(const struct blob *b, int field);
void set_hdr(struct blob *b, int field, uint32_t v);
int open_blob(const struct blob *b);
void add_pl011(struct fdtb *b, const char *name, uint32_t base);
void add_gic(struct fdtb *b);
void add_memory(struct fdtb *b, const char *name, uint32_t base, uint32_t size);
void add_psci(struct fdtb *b, const char *method);
void begin_root(struct fdtb *b);
void build_good(struct fdtb *b);
struct blob good_blob(void);
bool said(const char *line);
int count_lines(const char *s);
int count_said(const char *text);
void parse_ok(const struct blob *b, struct board_info *bi);

#endif
