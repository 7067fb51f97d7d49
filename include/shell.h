/* What the shell's command files share (kernel/shell.c is the core). */
#ifndef VMSPLIT_SHELL_H
#define VMSPLIT_SHELL_H

#include "pgtable.h"

/* A number (hex, decimal, K/M/G) or a name the kernel knows; when it is
 * neither, or the name's region does not exist here, prints why. */
bool shell_parse_addr(const char *s, uint32_t *out);
/* A number below 4 GB; prints why when it is not one. */
bool shell_parse_num(const char *s, uint32_t *out);
/* rw rwx ro rx device uncached; prints the choices when s is none. */
bool shell_parse_type(const char *s, enum mem_type_id *t);
/* "usage: NAME ARGS"; returns 1. */
int shell_usage(const char *name);

/* kernel/cmd_alloc.c: the allocators by hand. */
int cmd_vmalloc(int argc, char **argv);
int cmd_vfree(int argc, char **argv);
int cmd_kmalloc(int argc, char **argv);
int cmd_kfree(int argc, char **argv);
int cmd_ioremap(int argc, char **argv);
int cmd_iounmap(int argc, char **argv);
int cmd_kmap(int argc, char **argv);
int cmd_kunmap(int argc, char **argv);
int cmd_areas(int argc, char **argv);
int cmd_meminfo(int argc, char **argv);

/* kernel/cmd_mmu.c: the MMU by hand. */
int cmd_ptdump(int argc, char **argv);
int cmd_map(int argc, char **argv);
int cmd_unmap(int argc, char **argv);
int cmd_tlb(int argc, char **argv);
int cmd_cache(int argc, char **argv);
int cmd_regs(int argc, char **argv);

/* kernel/soak.c */
int cmd_soak(int argc, char **argv);

/* kernel/selftest.c */
int cmd_selftest(int argc, char **argv);
int cmd_vmbench(int argc, char **argv);

/* The shell's two ways in: a run= list, then (or instead) the prompt. */
void shell_run_list(const char *list);
_Noreturn void shell_interactive(void);

#endif
