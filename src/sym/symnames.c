#include "sym/symnames.h"

#include <string.h>
#include <strings.h>

int sym_names_with_prefix(struct sym_module *m, const char *prefix, size_t plen, sym_name_fn fn,
                          void *ctx)
{
    sym_module_load(m);
    /* the first name not below the prefix: the index is sorted by strcmp */
    size_t lo = 0, hi = m->nsyms;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (strncmp(m->syms[mid].name, prefix, plen) < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    const char *last = NULL;
    for (size_t i = lo; i < m->nsyms && !strncmp(m->syms[i].name, prefix, plen); i++) {
        const char *n = m->syms[i].name;
        if (last && !strcmp(last, n))
            continue; /* one name, several symbols (statics of several files) */
        last = n;
        int rc = fn(ctx, n);
        if (rc)
            return rc;
    }
    return 0;
}

int sym_modules_with_prefix(const struct sym_space *sp, const char *prefix, size_t plen,
                            sym_name_fn fn, void *ctx)
{
    for (size_t i = 0; i < sp->n; i++) {
        const char *n = sp->mods[i]->name;
        if (strncasecmp(n, prefix, plen) != 0)
            continue;
        int seen = 0;
        for (size_t k = 0; k < i && !seen; k++)
            seen = !strcmp(sp->mods[k]->name, n);
        int rc = seen ? 0 : fn(ctx, n);
        if (rc)
            return rc;
    }
    return 0;
}
