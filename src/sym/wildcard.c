#include "sym/wildcard.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

enum elem_kind { E_CHAR, E_ANY, E_SET };
enum quant { Q_ONE, Q_STAR, Q_PLUS };

struct elem {
    enum elem_kind kind;
    enum quant q;
    unsigned char c;
    unsigned char set[32]; /* bitmap over lower-cased bytes */
};

struct wildcard {
    struct elem *e;
    size_t n;
};

static void set_bit(unsigned char *set, unsigned c) { set[c >> 3] |= (unsigned char)(1u << (c & 7)); }
static int get_bit(const unsigned char *set, unsigned c) { return set[c >> 3] >> (c & 7) & 1; }

int wildcard_is_literal(const char *p)
{
    return strpbrk(p, "*?[#+") == NULL;
}

struct wildcard *wildcard_compile(const char *pat, struct lerr *e)
{
    size_t len = strlen(pat);
    struct wildcard *w = xcalloc(1, sizeof *w);
    w->e = xcalloc(len + 1, sizeof *w->e);
    const char *p = pat;
    if (p[0] == '_' && p[1] != '_') {
        /* one leading '_' stands for any number of them */
        w->e[w->n++] = (struct elem){.kind = E_CHAR, .q = Q_STAR, .c = '_'};
        p++;
    }
    for (; *p; p++) {
        struct elem el = {0};
        if (*p == '#' || *p == '+') {
            if (w->n == 0 || w->e[w->n - 1].q != Q_ONE) {
                lerr_set(e, "Syntax error in pattern '%s': '%c' needs something before it", pat, *p);
                wildcard_free(w);
                return NULL;
            }
            w->e[w->n - 1].q = *p == '#' ? Q_STAR : Q_PLUS;
            continue;
        }
        if (*p == '*') {
            el.kind = E_ANY;
            el.q = Q_STAR;
        } else if (*p == '?') {
            el.kind = E_ANY;
        } else if (*p == '[') {
            const char *q = p + 1;
            int negate = 0;
            if (*q == '^' || *q == '!') {
                negate = 1;
                q++;
            }
            el.kind = E_SET;
            int any = 0;
            for (; *q && (*q != ']' || !any); q++) {
                unsigned lo = (unsigned char)tolower((unsigned char)*q), hi = lo;
                if (q[1] == '-' && q[2] && q[2] != ']') {
                    hi = (unsigned char)tolower((unsigned char)q[2]);
                    q += 2;
                }
                if (hi < lo) {
                    lerr_set(e, "Syntax error in pattern '%s': bad range in a set", pat);
                    wildcard_free(w);
                    return NULL;
                }
                for (unsigned c = lo; c <= hi; c++)
                    set_bit(el.set, c);
                any = 1;
            }
            if (*q != ']') {
                lerr_set(e, "Syntax error in pattern '%s': '[' without ']'", pat);
                wildcard_free(w);
                return NULL;
            }
            if (negate)
                for (unsigned k = 0; k < 32; k++)
                    el.set[k] = (unsigned char)~el.set[k];
            p = q;
        } else {
            el.kind = E_CHAR;
            el.c = (unsigned char)tolower((unsigned char)*p);
        }
        w->e[w->n++] = el;
    }
    return w;
}

void wildcard_free(struct wildcard *w)
{
    if (!w)
        return;
    free(w->e);
    free(w);
}

static int elem_accepts(const struct elem *el, unsigned char c)
{
    c = (unsigned char)tolower(c);
    switch (el->kind) {
    case E_ANY: return 1;
    case E_CHAR: return el->c == c;
    case E_SET: return get_bit(el->set, c);
    }
    return 0;
}

int wildcard_match(const struct wildcard *w, const char *name)
{
    size_t m = strlen(name);
    /* can[j]: the elements so far can consume exactly name[0..j) */
    unsigned char small[256], *can = m + 1 <= sizeof small ? small : xmalloc(m + 1);
    memset(can, 0, m + 1);
    can[0] = 1;
    for (size_t i = 0; i < w->n; i++) {
        const struct elem *el = &w->e[i];
        if (el->q == Q_ONE) {
            for (size_t j = m; j > 0; j--)
                can[j] = can[j - 1] && elem_accepts(el, (unsigned char)name[j - 1]);
            can[0] = 0;
        } else {
            /* one or more first (from the previous state), then star */
            unsigned char carry = 0;
            unsigned char prev0 = can[0];
            for (size_t j = 0; j <= m; j++) {
                unsigned char before = can[j];
                unsigned char more = j > 0 && carry && elem_accepts(el, (unsigned char)name[j - 1]);
                if (el->q == Q_STAR)
                    can[j] = before || more;
                else
                    can[j] = more;
                /* carry: some k < j+1 reachable before this element, or
                 * reached by it already, can be extended */
                carry = before || more;
            }
            (void)prev0;
        }
    }
    int ok = can[m];
    if (can != small)
        free(can);
    return ok;
}
