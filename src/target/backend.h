/* For backends only (and the unit tests' fake one): the handle every
 * backend's process starts with. Above the target layer it is opaque and
 * reached through the tgt_* functions of target.h. */
#ifndef LINDBG_TARGET_BACKEND_H
#define LINDBG_TARGET_BACKEND_H

#include "target/target.h"

struct tgt_proc {
    const struct tgt_ops *ops;
    pid_t pid;
    int memfd; /* ptrace: the process's memory file; -1 elsewhere */
    long opts; /* ptrace: the options its threads were seized with */
};

#endif
