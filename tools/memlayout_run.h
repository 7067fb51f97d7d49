/*
 * memlayout's run, for any caller: the command-line tool (tools/memlayout.c)
 * and the browser page's WebAssembly module (web/wasm_main.c) both call it,
 * so the page answers every option the tool takes, with the same lines.
 */
#ifndef VMSPLIT_MEMLAYOUT_RUN_H
#define VMSPLIT_MEMLAYOUT_RUN_H

#include <stddef.h>
#include <stdio.h>

struct memlayout_io {
	FILE *out, *err;	/* what the tool prints (printk's lines), its messages */
	/* A named file (--dtb) into buf: the bytes read, or -1 (errno set). */
	long (*read_file)(const char *path, void *buf, size_t cap);
	/* Where --svg FILE writes: a stream, or NULL; and its end (0 or not). */
	FILE *(*open_svg)(const char *path);
	int (*close_svg)(FILE *f);
};

/* memlayout ARGS... (argv[0] is the program's name); the exit status. */
int memlayout_run(int argc, char **argv, const struct memlayout_io *io);

#endif
