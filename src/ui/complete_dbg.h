/* The names Tab completes from, in a debugger session: the command tables,
 * the current process's modules and symbols, x86-64 registers, the
 * pseudo-registers the expression evaluator knows, and the file system. */
#ifndef LINDBG_UI_COMPLETE_DBG_H
#define LINDBG_UI_COMPLETE_DBG_H

#include "cmd/dbg.h"
#include "ui/complete.h"

/* A source that reads d's session at each Tab (d must outlive it). */
void cpl_dbg_source(struct dbg *d, struct cpl_source *src);

#endif
