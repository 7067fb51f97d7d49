/* The TLB lab (kernel/tlb_lab.c): `tlb lab [STEP]`. */
#ifndef VMSPLIT_TLB_LAB_H
#define VMSPLIT_TLB_LAB_H

/* Step 1-4 (its name in arg), or every step (arg NULL); 0 when each
 * outcome was the one the step expects. */
int tlb_lab(const char *arg);

#endif
