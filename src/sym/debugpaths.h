/* Where separate debug files are found: the symbol search path (WinDbg's
 * .sympath; by default /usr/lib/debug), searched by libdwfl's standard
 * find_debuginfo (DIR/.build-id/xx/yyyy.debug, then the .gnu_debuglink
 * name beside the file, in its .debug/ subdirectory and under each DIR),
 * and debuginfod when DEBUGINFOD_URLS is set (libdwfl's own client, whose
 * downloads are reported to a progress callback).
 *
 * The path is one per debugger, as WinDbg's is: every address space's
 * Dwfl shares the callbacks, which read it at each search. */
#ifndef LINDBG_SYM_DEBUGPATHS_H
#define LINDBG_SYM_DEBUGPATHS_H

#include <elfutils/libdwfl.h>
#include <stddef.h>

/* The callbacks every Dwfl of lindbg is made with. */
const Dwfl_Callbacks *sym_debug_callbacks(void);

/* Hooks a new Dwfl's debuginfod client (when there is one) to the
 * progress callback. */
void sym_debug_attach(Dwfl *dwfl);

/* Sets (or with append adds to) the directories from a ';'-separated
 * list; an empty list leaves none (only the file's own directory and its
 * .debug/). Takes effect for modules reported after it (.reload). */
void sym_debug_set_path(const char *list, int append);

/* The directories joined by ';' (static storage, valid until the next
 * change). */
const char *sym_debug_path(void);

/* A source file of a module from debuginfod (`file` as DWARF names it,
 * joined to its compilation directory), downloaded into the client's
 * cache: its path there in out. Returns 0, or -1 (no debuginfod, no build
 * id, not on the servers). */
int sym_debug_find_source(Dwfl *dwfl, Dwfl_Module *mod, const char *modname, const char *file,
                          char *out, size_t size);

/* A debuginfod download of `what` ("debug info", "source") for `module`:
 * called as bytes arrive (done of total bytes, total 0 when unknown), and
 * once more with done -1 when it ended (total: the file's size, or -1 when
 * it was not found). url may be NULL. */
typedef void (*sym_debug_progress_fn)(void *ctx, const char *what, const char *module,
                                      const char *url, long done, long total);
void sym_debug_set_progress(sym_debug_progress_fn fn, void *ctx);

#endif
