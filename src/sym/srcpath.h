/* Where a source file named in DWARF is on this machine: the source
 * search path (WinDbg's .srcpath) and path substitutions (GDB's
 * `set substitute-path`, lindbg's .srcsubst), for a build tree that was
 * moved or a program built elsewhere. */
#ifndef LINDBG_SYM_SRCPATH_H
#define LINDBG_SYM_SRCPATH_H

#include <stddef.h>

struct sym_srcpath {
    char **dirs; /* searched in order */
    size_t ndirs;
    char **from, **to; /* prefix substitutions, tried in order */
    size_t nsubst;
};

/* The next entry of a ';'-separated path list as .srcpath and .sympath
 * read them, blanks around it trimmed: 1 with *entry and *len (0 for an
 * empty entry, which callers drop), and *list moved past it; 0 at the
 * end. */
int sym_path_list_next(const char **list, const char **entry, size_t *len);

/* Sets (or with append adds to) the search path from a ';'-separated list;
 * empty entries are dropped. */
void sym_srcpath_set(struct sym_srcpath *p, const char *list, int append);

/* The search path as WinDbg shows it (dirs joined by ';'), malloc'd. */
char *sym_srcpath_string(const struct sym_srcpath *p);

/* Adds a substitution of the leading directory `from` by `to` (a rule for
 * the same `from` is replaced); trailing '/' are ignored. */
void sym_srcpath_subst_add(struct sym_srcpath *p, const char *from, const char *to);
void sym_srcpath_subst_clear(struct sym_srcpath *p);

void sym_srcpath_free(struct sym_srcpath *p);

/* The file to open for `file` as DWARF names it (a full path whose first
 * `rel` bytes are its compilation directory, 0 when unknown): the path
 * with the substitutions applied if that file exists, else the first
 * existing one of, for each search path entry DIR, DIR/<path relative to
 * the compilation directory>, then DIR/<its trailing components>, longest
 * first. Returns 0 with the path in out, -1 when none exists. */
int sym_src_find(const struct sym_srcpath *p, const char *file, size_t rel, char *out,
                 size_t size);

#endif
