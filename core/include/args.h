/* core/lib/args.c: the shell's word splitter. */
#ifndef VMSPLIT_ARGS_H
#define VMSPLIT_ARGS_H

/* Split line in place into at most max words; their count, or -1 when
 * there are more. */
int split_args(char *line, char **argv, int max);

#endif
