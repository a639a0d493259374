/* The words of a C++ exception thrown (`sxe eh`, `sxn eh`), as WinDbg's
 * "C++ EH exception - code e06d7363 (first chance)" line, with the thrown
 * type in place of MSVC's exception code: __cxa_throw's second argument
 * is the type's std::type_info, whose name (at offset 8) is the mangled
 * type without its _Z ("St13runtime_error"). */
#include "cmd/dbg.h"

#include <libiberty/demangle.h>
#include <stdlib.h>
#include <string.h>

/* The type's name demangled into buf; "?" when it cannot be read. */
static void thrown_type(struct dbg *d, pid_t pid, uint64_t type_info, char *buf, size_t size)
{
    uint64_t name_at = 0;
    char raw[512] = "";
    size_t got = 0;
    snprintf(buf, size, "?");
    if (!type_info || eng_read_in(d->s, pid, type_info + 8, &name_at, 8, NULL) < 0 || !name_at)
        return;
    eng_read_in(d->s, pid, name_at, raw, sizeof raw - 1, &got);
    raw[got < sizeof raw ? got : sizeof raw - 1] = '\0';
    raw[sizeof raw - 1] = '\0';
    /* GCC marks a type local to its translation unit with a leading '*' */
    const char *mangled = raw[0] == '*' ? raw + 1 : raw;
    if (!mangled[0])
        return;
    char *dem = cplus_demangle(mangled, DMGL_ANSI | DMGL_PARAMS | DMGL_TYPES);
    snprintf(buf, size, "%s", dem ? dem : mangled);
    free(dem);
}

void dbg_cxx_throw_words(struct dbg *d, pid_t pid, uint64_t type_info, char *buf, size_t size)
{
    char type[512];
    thrown_type(d, pid, type_info, type, sizeof type);
    snprintf(buf, size, "C++ EH exception - %s (first chance)", type);
}

void dbg_cxx_throw_stop_words(struct dbg *d, const struct eng_stop *st, char *buf, size_t size)
{
    struct eng_process *p = NULL;
    struct eng_thread *t = eng_find_thread(d->s, st->tid, &p);
    struct user_regs_struct *r = t ? eng_regs(d->s, t, NULL) : NULL;
    dbg_cxx_throw_words(d, st->pid, r ? r->rsi : 0, buf, size);
}
