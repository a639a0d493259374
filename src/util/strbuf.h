/* A growable string, used to build output lines and argument copies. */
#ifndef LINDBG_UTIL_STRBUF_H
#define LINDBG_UTIL_STRBUF_H

#include <stddef.h>

struct strbuf {
    char *buf; /* always NUL-terminated once anything was added */
    size_t len;
    size_t cap;
};

void sb_init(struct strbuf *sb);
void sb_free(struct strbuf *sb);
void sb_addc(struct strbuf *sb, char c);
void sb_addn(struct strbuf *sb, const char *s, size_t n);
void sb_adds(struct strbuf *sb, const char *s);
void sb_addf(struct strbuf *sb, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void sb_reset(struct strbuf *sb);
/* Returns the string ("" when empty); stays owned by sb. */
const char *sb_str(const struct strbuf *sb);

#endif
