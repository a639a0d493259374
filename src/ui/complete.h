/* What Tab completes at the prompt, given the line and the cursor: the
 * command name at the start of a command, `mod!sym` symbols, `@reg`
 * registers, `$pseudo` registers, file names after `$<` and the commands
 * that write files. Pure: the names come from a `struct cpl_source` (the
 * debugger's, or a fake one in the unit tests); the console only binds it
 * to the Tab key and shows what it returns. */
#ifndef LINDBG_UI_COMPLETE_H
#define LINDBG_UI_COMPLETE_H

#include <stddef.h>

enum cpl_what {
    CPL_COMMAND,  /* command names */
    CPL_SYMBOL,   /* symbol names of module `scope` (every module: scope empty) */
    CPL_MODULE,   /* module names */
    CPL_REGISTER, /* register names, without '@' */
    CPL_PSEUDO,   /* pseudo-register names, with their '$' */
    CPL_FILE,     /* entries of directory `scope` ("" is the current one);
                   * directories with a trailing '/' */
};

struct cpl_names {
    char **v;
    size_t n, cap;
};

void cpl_add(struct cpl_names *l, const char *name);
void cpl_names_free(struct cpl_names *l);

struct cpl_source {
    void *ctx;
    /* Adds to out the names of this kind that start with prefix (plen
     * bytes); more may be added, the caller keeps only those that start
     * with it (ignoring case). */
    void (*names)(void *ctx, enum cpl_what what, const char *scope, size_t slen,
                  const char *prefix, size_t plen, struct cpl_names *out);
};

struct cpl_result {
    size_t start;           /* the word completed is line[start, cursor) */
    char *text;             /* what replaces it: the candidates' common part,
                             * and after the only one a blank (none after a
                             * directory's '/' or a module's '!') */
    struct cpl_names shown; /* the candidates as a listing shows them:
                             * sorted, each once, without the word's
                             * fixed part (`libc!`, a directory) */
};

/* Fills r (free it with cpl_result_free). No candidate: r->shown.n is 0
 * and r->text the word as it was. */
void cpl_complete(const char *line, size_t cursor, const struct cpl_source *src,
                  struct cpl_result *r);
void cpl_result_free(struct cpl_result *r);

/* The candidates in columns, as bash lists them, for a terminal `width`
 * wide: rows ending in '\n' (malloc'd). */
char *cpl_columns(const struct cpl_names *l, int width);

#endif
