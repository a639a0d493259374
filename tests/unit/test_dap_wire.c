/* DAP's framing (dap/dap_wire.h) over a pipe: messages whole or in
 * pieces, several in one read, the headers it ignores, and what it does
 * with a message it cannot take (the stream goes on) or a stream it
 * cannot follow (it ends). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "dap/dap_wire.h"

#include <cjson/cJSON.h>

/* A reader over a pipe that holds `text` and then ends. */
static void reader_on(struct dap_reader *r, const char *text, size_t len)
{
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(write(p[1], text, len), (ssize_t)len);
    close(p[1]);
    dap_reader_init(r, p[0]);
}

static void reader_done(struct dap_reader *r)
{
    close(r->fd);
    dap_reader_free(r);
}

static void expect_message(struct dap_reader *r, const char *want)
{
    char *body = NULL;
    size_t len = 0;
    struct lerr e = {0};
    assert_int_equal(dap_read_message(r, &body, &len, &e), DAP_READ_MESSAGE);
    assert_int_equal(len, strlen(want));
    assert_string_equal(body, want);
    free(body);
}

static enum dap_read_result next(struct dap_reader *r, struct lerr *e)
{
    char *body = NULL;
    size_t len;
    enum dap_read_result rc = dap_read_message(r, &body, &len, e);
    free(body);
    return rc;
}

static void test_two_messages_then_end(void **state)
{
    (void)state;
    static const char in[] = "Content-Length: 2\r\n\r\n{}"
                             "content-length:13\r\nContent-Type: application/vscode-jsonrpc\r\n\r\n"
                             "{\"seq\":1}\r\n\r\n";
    struct dap_reader r;
    reader_on(&r, in, sizeof in - 1);
    expect_message(&r, "{}");
    /* the body is its length, whatever it holds (here an empty line) */
    expect_message(&r, "{\"seq\":1}\r\n\r\n");
    struct lerr e = {0};
    assert_int_equal(next(&r, &e), DAP_READ_END);
    reader_done(&r);
}

/* A message that arrives a byte at a time is the same message. */
static void test_message_in_pieces(void **state)
{
    (void)state;
    static const char in[] = "Content-Length: 11\r\n\r\n{\"a\":[1,2]}";
    int p[2];
    assert_int_equal(pipe(p), 0);
    pid_t pid = fork();
    if (pid == 0) {
        close(p[0]);
        for (size_t i = 0; i < sizeof in - 1; i++) {
            if (write(p[1], in + i, 1) != 1)
                _exit(1);
            usleep(1000);
        }
        _exit(0);
    }
    close(p[1]);
    struct dap_reader r;
    dap_reader_init(&r, p[0]);
    expect_message(&r, "{\"a\":[1,2]}");
    reader_done(&r);
}

/* A message over the limit is refused, and the one after it is read. */
static void test_too_large_is_skipped(void **state)
{
    (void)state;
    char in[512];
    char big[200];
    memset(big, 'x', sizeof big);
    int n = snprintf(in, sizeof in, "Content-Length: %zu\r\n\r\n%.*sContent-Length: 2\r\n\r\n[]",
                     sizeof big, (int)sizeof big, big);
    struct dap_reader r;
    reader_on(&r, in, (size_t)n);
    r.max = 100;
    struct lerr e = {0};
    assert_int_equal(next(&r, &e), DAP_READ_BAD);
    assert_non_null(strstr(e.msg, "too large"));
    expect_message(&r, "[]");
    reader_done(&r);
}

static void expect_broken(const char *in, const char *words)
{
    struct dap_reader r;
    reader_on(&r, in, strlen(in));
    struct lerr e = {0};
    assert_int_equal(next(&r, &e), DAP_READ_BROKEN);
    assert_non_null(strstr(e.msg, words));
    reader_done(&r);
}

static void test_broken_streams(void **state)
{
    (void)state;
    expect_broken("Content-Type: x\r\n\r\n{}", "no Content-Length");
    expect_broken("Content-Length: 1x\r\n\r\n{}", "malformed");
    expect_broken("Content-Length: -1\r\n\r\n{}", "malformed");
    expect_broken("Content-Length: 99999999999999999999999\r\n\r\n", "malformed");
    expect_broken("Content-Length: 10\r\n\r\n{}", "ended inside a message");
    expect_broken("Content-Length: 10\r\n", "ended inside a header");
    char *endless = malloc(8192);
    memset(endless, 'h', 8191);
    endless[8191] = '\0';
    expect_broken(endless, "header block");
    free(endless);
}

static void test_write_frames(void **state)
{
    (void)state;
    int p[2];
    assert_int_equal(pipe(p), 0);
    assert_int_equal(dap_write_message(p[1], "{\"x\":1}", 7), 0);
    close(p[1]);
    char buf[64] = "";
    ssize_t n = read(p[0], buf, sizeof buf - 1);
    close(p[0]);
    assert_true(n > 0);
    assert_string_equal(buf, "Content-Length: 7\r\n\r\n{\"x\":1}");
    /* a peer that is gone is an error, not a crash */
    assert_int_equal(pipe(p), 0);
    close(p[0]);
    signal(SIGPIPE, SIG_IGN);
    assert_int_equal(dap_write_message(p[1], "{}", 2), -1);
    close(p[1]);
}

static void expect_json_error(const char *text, const char *words)
{
    struct lerr e = {0};
    assert_null(dap_parse_message(text, strlen(text), &e));
    assert_non_null(strstr(e.msg, words));
}

static void test_json(void **state)
{
    (void)state;
    struct lerr e = {0};
    static const char ok[] = "{\"seq\":3,\"type\":\"request\",\"command\":\"threads\"}";
    cJSON *m = dap_parse_message(ok, sizeof ok - 1, &e);
    assert_non_null(m);
    assert_string_equal(cJSON_GetObjectItem(m, "command")->valuestring, "threads");
    cJSON_Delete(m);
    expect_json_error("{\"seq\":", "malformed JSON");
    expect_json_error("{\"seq\":1,}", "malformed JSON");
    expect_json_error("", "malformed JSON");
    expect_json_error("[1,2]", "not a JSON object");
    expect_json_error("\"request\"", "not a JSON object");
    /* trailing bytes after the object are not a message either */
    expect_json_error("{} {}", "malformed JSON");
    /* nesting too deep for the parser: refused, not a crash */
    char deep[5000];
    memset(deep, '[', sizeof deep - 1);
    deep[sizeof deep - 1] = '\0';
    expect_json_error(deep, "malformed JSON");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_two_messages_then_end),
        cmocka_unit_test(test_message_in_pieces),
        cmocka_unit_test(test_too_large_is_skipped),
        cmocka_unit_test(test_broken_streams),
        cmocka_unit_test(test_write_frames),
        cmocka_unit_test(test_json),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
