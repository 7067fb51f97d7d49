/* oops=linux: a fatal kernel fault in Linux's words (kernel/oops.c). */
#ifndef VMSPLIT_OOPS_H
#define VMSPLIT_OOPS_H

#include "ptrace.h"
#include "traps.h"

void oops_linux(const struct fault_record *f, const struct pt_regs *regs);

#endif
