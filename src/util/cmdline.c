#include "util/cmdline.h"
#include "util/strbuf.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <stdlib.h>

void cmdline_free(char **words)
{
    for (size_t i = 0; words && words[i]; i++)
        free(words[i]);
    free(words);
}

char **cmdline_split(const char *s, struct lerr *e)
{
    char **w = xcalloc(1, sizeof *w);
    size_t n = 0;
    for (;;) {
        while (isspace((unsigned char)*s))
            s++;
        if (!*s)
            return w;
        struct strbuf word;
        sb_init(&word);
        char quote = 0;
        for (; *s && (quote || !isspace((unsigned char)*s)); s++) {
            if (quote && *s == quote)
                quote = 0;
            else if (!quote && (*s == '"' || *s == '\''))
                quote = *s;
            else if (*s == '\\' && quote != '\'' && s[1])
                sb_addc(&word, *++s);
            else
                sb_addc(&word, *s);
        }
        if (quote) {
            sb_free(&word);
            cmdline_free(w);
            lerr_set(e, "Syntax error: the command line ends inside a %c...%c quote", quote, quote);
            return NULL;
        }
        w = xrealloc(w, (n + 2) * sizeof *w);
        w[n++] = xstrdup(sb_str(&word));
        w[n] = NULL;
        sb_free(&word);
    }
}
