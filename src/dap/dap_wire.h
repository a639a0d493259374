/* DAP's base protocol: each message is a header block ("Content-Length:
 * N", other fields ignored, CRLF lines, an empty line) and N bytes of
 * JSON. Pure framing over a file descriptor, so that it can be tested
 * without a debugger. */
#ifndef LINDBG_DAP_WIRE_H
#define LINDBG_DAP_WIRE_H

#include <stddef.h>

#include "util/err.h"

/* Messages larger than this are refused (their bytes are skipped). */
#define DAP_WIRE_MAX (16u << 20)

struct dap_reader {
    int fd;
    char *buf;
    size_t len, cap; /* bytes read ahead, not yet consumed */
    size_t max;      /* 0: DAP_WIRE_MAX */
};

enum dap_read_result {
    DAP_READ_MESSAGE = 1, /* *body: the message (malloc'd, NUL-ended) */
    DAP_READ_END = 0,     /* the input ended between two messages */
    DAP_READ_BAD = -1,    /* a message that cannot be taken (e says why);
                           * the stream goes on after it */
    DAP_READ_BROKEN = -2, /* the stream cannot go on (e says why) */
};

void dap_reader_init(struct dap_reader *r, int fd);
void dap_reader_free(struct dap_reader *r);
/* The next message. */
enum dap_read_result dap_read_message(struct dap_reader *r, char **body, size_t *len,
                                      struct lerr *e);
/* A message's JSON: an object (the caller frees it with cJSON_Delete),
 * or NULL with "Syntax error: ..." in e (malformed JSON, or not an
 * object). */
struct cJSON;
struct cJSON *dap_parse_message(const char *body, size_t len, struct lerr *e);
/* Writes one message (header and body) whole; -1 when the peer is gone. */
int dap_write_message(int fd, const char *body, size_t len);

#endif
