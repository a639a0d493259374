/* DAP message framing (dap_wire.h). */
#include "dap/dap_wire.h"
#include "util/xalloc.h"

#include <cjson/cJSON.h>

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

/* A header block that never ends is not a DAP client. */
#define HEADER_MAX 4096

void dap_reader_init(struct dap_reader *r, int fd)
{
    memset(r, 0, sizeof *r);
    r->fd = fd;
}

void dap_reader_free(struct dap_reader *r)
{
    free(r->buf);
    r->buf = NULL;
    r->len = r->cap = 0;
}

/* Reads more bytes; 1, 0 at end of input, -1 on error. */
static int fill(struct dap_reader *r)
{
    if (r->cap - r->len < 4096) {
        r->cap = r->cap ? r->cap * 2 : 8192;
        r->buf = xrealloc(r->buf, r->cap);
    }
    for (;;) {
        ssize_t n = read(r->fd, r->buf + r->len, r->cap - r->len);
        if (n > 0) {
            r->len += (size_t)n;
            return 1;
        }
        if (n == 0)
            return 0;
        if (errno != EINTR)
            return -1;
    }
}

static void consume(struct dap_reader *r, size_t n)
{
    memmove(r->buf, r->buf + n, r->len - n);
    r->len -= n;
}

/* The header block's end (the offset just past "\r\n\r\n"), 0 when not
 * all read yet. */
static size_t header_end(const struct dap_reader *r)
{
    for (size_t i = 0; i + 3 < r->len; i++)
        if (!memcmp(r->buf + i, "\r\n\r\n", 4))
            return i + 4;
    return 0;
}

/* Content-Length from the header block [0, end): 1 with *n, 0 none, -1
 * malformed. */
static int content_length(const char *h, size_t end, size_t *n)
{
    int found = 0;
    for (size_t i = 0; i < end;) {
        const char *line = h + i;
        const char *eol = memchr(line, '\r', end - i);
        size_t ll = (size_t)(eol - line);
        static const char key[] = "Content-Length:";
        if (ll >= sizeof key - 1 && !strncasecmp(line, key, sizeof key - 1)) {
            const char *p = line + sizeof key - 1;
            while (p < eol && *p == ' ')
                p++;
            if (p == eol)
                return -1;
            size_t v = 0;
            for (; p < eol; p++) {
                if (*p < '0' || *p > '9' || v > (SIZE_MAX - 9) / 10)
                    return -1;
                v = v * 10 + (size_t)(*p - '0');
            }
            *n = v;
            found = 1;
        }
        i += ll + 2;
    }
    return found;
}

enum dap_read_result dap_read_message(struct dap_reader *r, char **body, size_t *len,
                                      struct lerr *e)
{
    size_t end;
    while (!(end = header_end(r))) {
        if (r->len > HEADER_MAX) {
            lerr_set(e, "Protocol error: a header block of more than %d bytes", HEADER_MAX);
            return DAP_READ_BROKEN;
        }
        int rc = fill(r);
        if (rc < 0) {
            lerr_set(e, "Protocol error: reading the client: %s", strerror(errno));
            return DAP_READ_BROKEN;
        }
        if (rc == 0) {
            if (r->len == 0)
                return DAP_READ_END;
            lerr_set(e, "Protocol error: the input ended inside a header");
            return DAP_READ_BROKEN;
        }
    }
    size_t n;
    int has = content_length(r->buf, end, &n);
    if (has <= 0) {
        /* without a length nothing after it can be found */
        lerr_set(e, "Protocol error: %s Content-Length header", has ? "a malformed" : "no");
        return DAP_READ_BROKEN;
    }
    consume(r, end);
    size_t max = r->max ? r->max : DAP_WIRE_MAX;
    if (n > max) {
        /* skipped, so the next message is found */
        size_t left = n;
        while (left) {
            if (r->len == 0) {
                int rc = fill(r);
                if (rc <= 0) {
                    lerr_set(e, "Protocol error: the input ended inside a message");
                    return DAP_READ_BROKEN;
                }
            }
            size_t k = r->len < left ? r->len : left;
            consume(r, k);
            left -= k;
        }
        lerr_set(e, "Message too large: %zu bytes (at most %zu)", n, max);
        return DAP_READ_BAD;
    }
    while (r->len < n) {
        int rc = fill(r);
        if (rc <= 0) {
            lerr_set(e, "Protocol error: the input ended inside a message");
            return DAP_READ_BROKEN;
        }
    }
    char *b = xmalloc(n + 1);
    memcpy(b, r->buf, n);
    b[n] = '\0';
    consume(r, n);
    *body = b;
    *len = n;
    return DAP_READ_MESSAGE;
}

static int write_all(int fd, const char *p, size_t n)
{
    while (n) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

int dap_write_message(int fd, const char *body, size_t len)
{
    char h[64];
    int hl = snprintf(h, sizeof h, "Content-Length: %zu\r\n\r\n", len);
    return write_all(fd, h, (size_t)hl) < 0 || write_all(fd, body, len) < 0 ? -1 : 0;
}

cJSON *dap_parse_message(const char *body, size_t len, struct lerr *e)
{
    const char *end = NULL;
    cJSON *m = cJSON_ParseWithLengthOpts(body, len, &end, 0);
    if (!m) {
        lerr_set(e, "Syntax error: malformed JSON at byte %zu of the message",
                 end && end >= body ? (size_t)(end - body) : (size_t)0);
        return NULL;
    }
    while (end < body + len && (*end == ' ' || *end == '\t' || *end == '\r' || *end == '\n'))
        end++;
    if (end < body + len) {
        cJSON_Delete(m);
        lerr_set(e, "Syntax error: malformed JSON: bytes after the value, at byte %zu",
                 (size_t)(end - body));
        return NULL;
    }
    if (!cJSON_IsObject(m)) {
        cJSON_Delete(m);
        lerr_set(e, "Syntax error: the message is not a JSON object");
        return NULL;
    }
    return m;
}
