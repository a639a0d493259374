/* The GDB remote connection (target/gdbremote_conn.h) against a fake stub:
 * a thread on the other end of a socketpair that plays a script (expect
 * these bytes, send those, close), so that acks, resends, console output,
 * no-ack mode, dropped connections, garbled replies and timeouts are
 * checked byte for byte. The qSupported answers are the ones Debian's
 * gdbserver 13.1 and lldb-server 16 gave to GRSP_CONN_FEATURES. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "target/gdbremote_conn.h"
#include "target/gdbremote_packet.h"

/* gdbserver 13.1-3: `gdbserver --once 127.0.0.1:PORT fx_loop`, answer to
 * qSupported:GRSP_CONN_FEATURES (verbatim, less the framing) */
static const char gs_supported[] =
    "PacketSize=47ff;QPassSignals+;QProgramSignals+;QStartupWithShell+;QEnvironmentHexEncoded+;"
    "QEnvironmentReset+;QEnvironmentUnset+;QSetWorkingDir+;QCatchSyscalls+;"
    "qXfer:libraries-svr4:read+;augmented-libraries-svr4-read+;qXfer:auxv:read+;"
    "qXfer:siginfo:read+;qXfer:siginfo:write+;qXfer:features:read+;QStartNoAckMode+;"
    "qXfer:osdata:read+;multiprocess+;fork-events+;vfork-events+;exec-events+;QNonStop+;"
    "QDisableRandomization+;qXfer:threads:read+;ConditionalTracepoints+;TraceStateVariables+;"
    "TracepointSource+;DisconnectedTracing+;StaticTracepoints+;InstallInTrace+;"
    "qXfer:statictrace:read+;qXfer:traceframe-info:read+;EnableDisableTracepoints+;"
    "QTBuffer:size+;tracenz+;ConditionalBreakpoints+;BreakpointCommands+;QAgent+;Qbtrace:bts+;"
    "Qbtrace-conf:bts:size+;Qbtrace:pt+;Qbtrace-conf:pt:size+;Qbtrace:off+;qXfer:btrace:read+;"
    "qXfer:btrace-conf:read+;swbreak+;hwbreak+;qXfer:exec-file:read+;vContSupported+;"
    "QThreadEvents+;no-resumed+";
/* lldb-server 16: `lldb-server-16 gdbserver 127.0.0.1:PORT -- fx_loop` */
static const char ls_supported[] =
    "PacketSize=131072;QStartNoAckMode+;qEcho+;native-signals+;QThreadSuffixSupported+;"
    "QListThreadsInStopReply+;qXfer:features:read+;QNonStop+;QPassSignals+;qXfer:auxv:read+;"
    "qXfer:libraries-svr4:read+;qXfer:siginfo:read+";

/* ---- the fake stub ----------------------------------------------------------- */

enum op { EXPECT, EXPECT_PKT, SEND, SEND_PKT, SILENCE, SLEEP, CLOSE };
struct step {
    enum op op;
    const char *data; /* SILENCE, SLEEP: ms as text */
    size_t len;       /* 0: strlen(data) */
};
#define X(s) {EXPECT, s, 0}
#define XP(s) {EXPECT_PKT, s, 0}
#define S(s) {SEND, s, 0}
#define SP(s) {SEND_PKT, s, 0}
#define SPN(s, n) {SEND_PKT, s, n}

struct stub {
    int fd;
    int wfd; /* 0: fd */
    const struct step *steps;
    size_t nsteps;
    char fail[256];
    pthread_t th;
};

static int read_exact(int fd, char *buf, size_t n, int ms)
{
    size_t got = 0;
    while (got < n) {
        struct pollfd pf = {fd, POLLIN, 0};
        if (poll(&pf, 1, ms) <= 0)
            return -1;
        ssize_t r = read(fd, buf + got, n - got);
        if (r <= 0)
            return -1;
        got += (size_t)r;
    }
    return 0;
}

static void *stub_main(void *arg)
{
    struct stub *s = arg;
    for (size_t i = 0; i < s->nsteps && !s->fail[0]; i++) {
        const struct step *st = &s->steps[i];
        size_t len = st->len ? st->len : strlen(st->data);
        char *wire = malloc(grsp_encode_bound(len) + len + 1);
        size_t wl = len;
        if (st->op == EXPECT_PKT || st->op == SEND_PKT)
            wl = grsp_encode(st->data, len, wire);
        else
            memcpy(wire, st->data, len);
        char *got = malloc(wl + 1);
        switch (st->op) {
        case EXPECT:
        case EXPECT_PKT:
            if (read_exact(s->fd, got, wl, 5000) < 0 || memcmp(got, wire, wl) != 0)
                snprintf(s->fail, sizeof s->fail, "step %zu: expected '%.*s'", i, (int)wl, wire);
            break;
        case SEND:
        case SEND_PKT:
            if (write(s->wfd ? s->wfd : s->fd, wire, wl) != (ssize_t)wl)
                snprintf(s->fail, sizeof s->fail, "step %zu: write failed", i);
            break;
        case SILENCE: {
            struct pollfd pf = {s->fd, POLLIN, 0};
            char b;
            if (poll(&pf, 1, atoi(st->data)) > 0 && read(s->fd, &b, 1) == 1)
                snprintf(s->fail, sizeof s->fail, "step %zu: unexpected byte '%c'", i, b);
            break;
        }
        case SLEEP: {
            struct timespec ts = {0, atoi(st->data) * 1000000L};
            nanosleep(&ts, NULL);
            break;
        }
        case CLOSE:
            shutdown(s->fd, SHUT_RDWR);
            break;
        }
        free(wire);
        free(got);
    }
    return NULL;
}

/* A connection whose other end plays steps. */
static struct grsp_conn *start(struct stub *s, const struct step *steps, size_t n)
{
    int sv[2];
    assert_int_equal(socketpair(AF_UNIX, SOCK_STREAM, 0, sv), 0);
    memset(s, 0, sizeof *s);
    s->fd = sv[1];
    s->steps = steps;
    s->nsteps = n;
    struct lerr e = {0};
    struct grsp_conn *c = grsp_conn_open_fds(sv[0], sv[0], &e);
    assert_non_null(c);
    assert_int_equal(pthread_create(&s->th, NULL, stub_main, s), 0);
    return c;
}

static void finish(struct stub *s, struct grsp_conn *c)
{
    pthread_join(s->th, NULL);
    if (s->fail[0])
        fail_msg("fake stub: %s", s->fail);
    close(s->fd);
    grsp_conn_close(c);
}

#define START(c, s, steps) struct grsp_conn *c = start(&s, steps, sizeof steps / sizeof steps[0])

/* ---- tests ----------------------------------------------------------------------- */

static void test_parse_spec(void **state)
{
    char *h, *p;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_parse_spec("tcp:127.0.0.1:1234", &h, &p, &e), 0);
    assert_string_equal(h, "127.0.0.1");
    assert_string_equal(p, "1234");
    free(h), free(p);
    assert_int_equal(grsp_conn_parse_spec("board.local:99", &h, &p, &e), 0);
    assert_string_equal(h, "board.local");
    free(h), free(p);
    assert_int_equal(grsp_conn_parse_spec("tcp:[::1]:7", &h, &p, &e), 0);
    assert_string_equal(h, "::1");
    assert_string_equal(p, "7");
    free(h), free(p);
    assert_int_equal(grsp_conn_parse_spec(":2345", &h, &p, &e), 0);
    assert_string_equal(h, "127.0.0.1");
    free(h), free(p);
    const char *bad[] = {"tcp:host", "tcp:host:0", "tcp:host:70000", "tcp:host:12x", "::1:5",
                         "tcp:[::1]5", "tcp:host:"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(grsp_conn_parse_spec(bad[i], &h, &p, &e), -1);
        assert_true(strncmp(e.msg, "Syntax error", 12) == 0);
    }
}

/* a port nothing listens on: connect is refused, in one clear line */
static void test_connect_refused(void **state)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof a), 0);
    getsockname(fd, (struct sockaddr *)&a, &al);
    close(fd);
    char spec[64], want[96];
    snprintf(spec, sizeof spec, "tcp:127.0.0.1:%d", ntohs(a.sin_port));
    snprintf(want, sizeof want, "Couldn't connect to 127.0.0.1:%d: Connection refused",
             ntohs(a.sin_port));
    struct lerr e = {0};
    assert_null(grsp_conn_connect(spec, 2000, &e));
    assert_string_equal(e.msg, want);
}

struct accept_arg {
    int lfd;
    struct stub *s;
    const struct step *steps;
    size_t n;
};

static void *accept_then_play(void *arg)
{
    struct accept_arg *a = arg;
    a->s->fd = accept(a->lfd, NULL, NULL);
    a->s->steps = a->steps;
    a->s->nsteps = a->n;
    return stub_main(a->s);
}

/* a real TCP connection on loopback, by name */
static void test_connect_tcp(void **state)
{
    int lfd = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    assert_int_equal(bind(lfd, (struct sockaddr *)&a, sizeof a), 0);
    assert_int_equal(listen(lfd, 1), 0);
    getsockname(lfd, (struct sockaddr *)&a, &al);
    static const struct step steps[] = {XP("?"), S("+"), SP("S05"), X("+")};
    struct stub s = {0};
    struct accept_arg aa = {lfd, &s, steps, sizeof steps / sizeof steps[0]};
    pthread_t th;
    pthread_create(&th, NULL, accept_then_play, &aa);
    char spec[64];
    snprintf(spec, sizeof spec, "tcp:localhost:%d", ntohs(a.sin_port));
    struct lerr e = {0};
    struct grsp_conn *c = grsp_conn_connect(spec, 2000, &e);
    assert_non_null(c);
    const char *reply;
    assert_int_equal(grsp_conn_request_str(c, "?", &reply, &e), 0);
    assert_string_equal(reply, "S05");
    pthread_join(th, NULL);
    assert_string_equal(s.fail, "");
    close(s.fd);
    close(lfd);
    grsp_conn_close(c);
}

/* `-` makes the connection send the packet again; the reply is acked */
static void test_ack_and_resend(void **state)
{
    static const struct step steps[] = {XP("m1000,4"), S("-"), XP("m1000,4"),
                                        S("+"), SP("01020304"), X("+")};
    struct stub s;
    START(c, s, steps);
    const char *reply;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_request_str(c, "m1000,4", &reply, &e), 0);
    assert_string_equal(reply, "01020304");
    assert_int_equal(grsp_conn_resends(c), 1);
    finish(&s, c);
}

/* a stub on a pair of pipes (as over a stub's standard input and output):
 * writes go through write(), not send() */
static void test_pipes(void **state)
{
    static const struct step steps[] = {XP("qC"), S("+"), SP("QCp2a.2a"), X("+")};
    int to_stub[2], from_stub[2];
    assert_int_equal(pipe(to_stub), 0);
    assert_int_equal(pipe(from_stub), 0);
    struct stub s = {.fd = to_stub[0], .wfd = from_stub[1], .steps = steps,
                     .nsteps = sizeof steps / sizeof steps[0]};
    struct lerr e = {0};
    struct grsp_conn *c = grsp_conn_open_fds(from_stub[0], to_stub[1], &e);
    assert_non_null(c);
    assert_int_equal(pthread_create(&s.th, NULL, stub_main, &s), 0);
    const char *reply;
    assert_int_equal(grsp_conn_request_str(c, "qC", &reply, &e), 0);
    assert_string_equal(reply, "QCp2a.2a");
    close(s.wfd);
    finish(&s, c);
}

/* a stub that refuses a packet for ever: an error, not a loop */
static void test_nack_limit(void **state)
{
    static const struct step steps[] = {XP("g"), S("-"), XP("g"), S("-"), XP("g"), S("-"),
                                        XP("g"), S("-")};
    struct stub s;
    START(c, s, steps);
    const char *reply;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_request_str(c, "g", &reply, &e), -1);
    assert_string_equal(e.msg, "Protocol error: the stub refused a packet 4 times");
    finish(&s, c);
}

/* escapes both ways: a payload with `#`, `$`, `}` and `*` */
static void test_binary_payload(void **state)
{
    static const char bin[] = "X1000,4:#$}*";
    static const struct step steps[] = {XP(bin), S("+"), SP("OK"), X("+")};
    struct stub s;
    START(c, s, steps);
    const char *reply;
    size_t len;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_request(c, bin, sizeof bin - 1, &reply, &len, &e), 0);
    assert_string_equal(reply, "OK");
    finish(&s, c);
}

struct outbuf {
    char text[256];
    size_t len;
};

static void collect(void *arg, const char *data, size_t len)
{
    struct outbuf *o = arg;
    memcpy(o->text + o->len, data, len);
    o->len += len;
}

/* `O` packets before the stop reply go to the callback; a notification
 * is kept aside; then 0x03 interrupts */
static void test_output_and_stop(void **state)
{
    static const struct step steps[] = {
        XP("vCont;c"), S("+"), SP("O68656c6c6f20"), X("+"), S("%Stop:T05;#d4"),
        SP("O776f726c640a"), X("+"), SP("T05thread:p1.1;"), X("+"),
        XP("vCont;c"), S("+"), X("\x03"), SP("T02thread:p1.1;"), X("+")};
    struct stub s;
    START(c, s, steps);
    struct outbuf o = {0};
    grsp_conn_set_output(c, collect, &o);
    const char *reply;
    size_t len;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_send(c, "vCont;c", 7, &e), 0);
    assert_int_equal(grsp_conn_wait_stop(c, 5000, -1, &reply, &len, &e), GRSP_WAIT_REPLY);
    assert_string_equal(reply, "T05thread:p1.1;");
    assert_string_equal(o.text, "hello world\n");
    char *n;
    size_t nl;
    assert_int_equal(grsp_conn_take_notification(c, &n, &nl), 1);
    assert_string_equal(n, "Stop:T05;");
    free(n);
    assert_int_equal(grsp_conn_take_notification(c, &n, &nl), 0);

    /* a run that goes on: a timeout, then a break through the pipe, then
     * the interrupt and its stop */
    assert_int_equal(grsp_conn_send(c, "vCont;c", 7, &e), 0);
    assert_int_equal(grsp_conn_wait_stop(c, 50, -1, &reply, &len, &e), GRSP_WAIT_TIMEOUT);
    int pfd[2];
    assert_int_equal(pipe(pfd), 0);
    assert_int_equal(write(pfd[1], "x", 1), 1);
    assert_int_equal(grsp_conn_wait_stop(c, -1, pfd[0], &reply, &len, &e), GRSP_WAIT_BROKEN);
    assert_int_equal(grsp_conn_interrupt(c, &e), 0);
    char b;
    assert_int_equal(read(pfd[0], &b, 1), 1);
    assert_int_equal(grsp_conn_wait_stop(c, -1, pfd[0], &reply, &len, &e), GRSP_WAIT_REPLY);
    assert_string_equal(reply, "T02thread:p1.1;");
    close(pfd[0]);
    close(pfd[1]);
    assert_false(grsp_conn_broken(c));
    finish(&s, c);
}

/* the whole negotiation with gdbserver's answer: no acks after the OK of
 * QStartNoAckMode, either way */
static void test_negotiate_noack(void **state)
{
    const struct step steps[] = {
        XP("qSupported:" GRSP_CONN_FEATURES), S("+"), SP(gs_supported), X("+"),
        XP("QStartNoAckMode"), S("+"), SP("OK"), X("+"),
        XP("m0,1"), SP("E01"), XP("m1,1"), SP("00"), {SILENCE, "100", 0}};
    struct stub s;
    START(c, s, steps);
    struct grsp_features f;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_negotiate(c, &f, &e), 0);
    assert_true(grsp_conn_noack(c));
    assert_int_equal(f.packet_size, 0x47ff);
    assert_int_equal(grsp_conn_max_send(c), 0x47ff - 5);
    const char *reply;
    assert_int_equal(grsp_conn_request_str(c, "m0,1", &reply, &e), 0);
    assert_string_equal(reply, "E01");
    assert_int_equal(grsp_conn_request_str(c, "m1,1", &reply, &e), 0);
    assert_string_equal(reply, "00");
    grsp_features_free(&f);
    finish(&s, c);
}

static void test_features_gdbserver(void **state)
{
    struct grsp_features f;
    struct lerr e = {0};
    assert_int_equal(grsp_features_parse(gs_supported, strlen(gs_supported), &f, &e), 0);
    assert_int_equal(f.packet_size, 0x47ff);
    assert_true(f.xfer_features && f.xfer_libraries_svr4 && f.xfer_auxv && f.xfer_exec_file);
    assert_true(f.xfer_siginfo && f.xfer_threads && f.augmented_svr4);
    assert_true(f.start_noack && f.multiprocess && f.swbreak && f.hwbreak && f.vcont_supported);
    assert_true(f.pass_signals && f.program_signals && f.fork_events && f.vfork_events);
    assert_true(f.exec_events && f.thread_events && f.no_resumed && f.non_stop);
    assert_true(f.disable_randomization);
    assert_false(f.thread_suffix || f.list_threads_in_stop_reply || f.native_signals || f.qecho);
    size_t vl;
    const char *v = grsp_features_get(&f, "QTBuffer:size", &vl);
    assert_non_null(v);
    assert_int_equal(vl, 1);
    assert_null(grsp_features_get(&f, "QTBuffer", &vl));
    assert_null(grsp_features_get(&f, "qXfer:memory-map:read", &vl));
    grsp_features_free(&f);
}

static void test_features_lldb_server(void **state)
{
    struct grsp_features f;
    struct lerr e = {0};
    assert_int_equal(grsp_features_parse(ls_supported, strlen(ls_supported), &f, &e), 0);
    /* hex, as GDB and LLDB read it (lldb-server meant 131072 decimal) */
    assert_int_equal(f.packet_size, 0x131072);
    size_t vl;
    const char *v = grsp_features_get(&f, "PacketSize", &vl);
    assert_int_equal(vl, 6);
    assert_memory_equal(v, "131072", 6);
    assert_true(f.xfer_features && f.xfer_libraries_svr4 && f.xfer_auxv && f.xfer_siginfo);
    assert_true(f.start_noack && f.pass_signals && f.non_stop && f.thread_suffix);
    assert_true(f.list_threads_in_stop_reply && f.native_signals && f.qecho);
    /* what lldb-server does not announce, though it may do some of it */
    assert_false(f.xfer_exec_file || f.multiprocess || f.swbreak || f.hwbreak);
    assert_false(f.vcont_supported || f.fork_events || f.augmented_svr4 || f.program_signals);
    grsp_features_free(&f);

    assert_int_equal(grsp_features_parse("PacketSize=zz;", 14, &f, &e), -1);
    assert_true(strncmp(e.msg, "Protocol error", 14) == 0);
    assert_int_equal(grsp_features_parse("", 0, &f, &e), -1);
    assert_int_equal(e.code, LERR_UNSUPPORTED);
}

/* the stub dies in the middle of a reply: a clear line, no hang, and the
 * connection refuses further use */
static void test_closed_mid_packet(void **state)
{
    static const struct step steps[] = {XP("g"), S("+"), S("$0011223"), {CLOSE, "", 0}};
    struct stub s;
    START(c, s, steps);
    const char *reply;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_request_str(c, "g", &reply, &e), -1);
    assert_string_equal(e.msg,
                        "Connection lost: the stub closed the connection in the middle of a packet");
    assert_int_equal(e.code, LERR_GONE);
    assert_true(grsp_conn_broken(c));
    assert_int_equal(grsp_conn_request_str(c, "g", &reply, &e), -1);
    assert_true(strncmp(e.msg, "Connection lost: earlier: ", 26) == 0);
    finish(&s, c);
}

/* a garbled reply is asked for again (`-`); garbage between packets is
 * skipped; in no-ack mode a garbled reply is an error */
static void test_garbled(void **state)
{
    static const struct step steps[] = {
        XP("qC"), S("+"), S("junk$QCp1.1#00"), X("-"), SP("QCp1.1"), X("+"),
    };
    struct stub s;
    START(c, s, steps);
    const char *reply;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_request_str(c, "qC", &reply, &e), 0);
    assert_string_equal(reply, "QCp1.1");
    assert_int_equal(grsp_conn_garbage(c), 4);
    finish(&s, c);
}

static void test_garbled_noack(void **state)
{
    const struct step steps[] = {
        XP("qSupported:" GRSP_CONN_FEATURES), S("+"), SP(ls_supported), X("+"),
        XP("QStartNoAckMode"), S("+"), SP("OK"), X("+"),
        XP("qC"), S("$QCp1.1#00")};
    struct stub s;
    START(c, s, steps);
    struct grsp_features f;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_negotiate(c, &f, &e), 0);
    grsp_features_free(&f);
    const char *reply;
    assert_int_equal(grsp_conn_request_str(c, "qC", &reply, &e), -1);
    assert_string_equal(e.msg, "Protocol error: a garbled reply (checksum mismatch)");
    assert_true(grsp_conn_broken(c));
    finish(&s, c);
}

/* a stub that acks and never answers: "Timed out" after the timeout */
static void test_timeout(void **state)
{
    static const struct step steps[] = {XP("g"), S("+"), {SILENCE, "400", 0}};
    struct stub s;
    START(c, s, steps);
    grsp_conn_set_timeout(c, 150);
    const char *reply;
    struct lerr e = {0};
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    assert_int_equal(grsp_conn_request_str(c, "g", &reply, &e), -1);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    assert_string_equal(e.msg, "Timed out: no reply to 'g' within 150 ms");
    long ms = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    assert_true(ms >= 140 && ms < 2000);
    finish(&s, c);
}

/* qXfer in chunks: `m` chunks then `l`, with escaped binary bytes; an
 * empty answer is "Unsupported", `E01` a remote error */
static void test_xfer(void **state)
{
    static const char part2[] = "m\x00}#*$\x01";
    static const struct step steps[] = {
        XP("qXfer:auxv:read::0,7ff0"), S("+"), SP("m<ab"), X("+"),
        XP("qXfer:auxv:read::3,7ff0"), S("+"), SPN(part2, 7), X("+"),
        XP("qXfer:auxv:read::9,7ff0"), S("+"), SP("lend>"), X("+"),
        XP("qXfer:exec-file:read:1f:0,7ff0"), S("+"), SP(""), X("+"),
        XP("qXfer:features:read:target.xml:0,7ff0"), S("+"), SP("E01"), X("+"),
        XP("qXfer:features:read:x.xml:0,7ff0"), S("+"), SP("m"), X("+")};
    struct stub s;
    START(c, s, steps);
    char *buf;
    size_t len;
    struct lerr e = {0};
    assert_int_equal(grsp_conn_xfer_read(c, "auxv", "", &buf, &len, &e), 0);
    assert_int_equal(len, 13);
    assert_memory_equal(buf, "<ab\x00}#*$\x01" "end>", 14);
    free(buf);
    assert_int_equal(grsp_conn_xfer_read(c, "exec-file", "1f", &buf, &len, &e), -1);
    assert_string_equal(e.msg, "Unsupported: the stub does not offer qXfer:exec-file:read");
    assert_int_equal(grsp_conn_xfer_read(c, "features", "target.xml", &buf, &len, &e), -1);
    assert_string_equal(e.msg, "Remote error: qXfer:features:read:target.xml at 0 answered E01");
    assert_int_equal(grsp_conn_xfer_read(c, "features", "x.xml", &buf, &len, &e), -1);
    assert_true(strncmp(e.msg, "Protocol error", 14) == 0);
    assert_false(grsp_conn_broken(c));
    finish(&s, c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_spec),
        cmocka_unit_test(test_connect_refused),
        cmocka_unit_test(test_connect_tcp),
        cmocka_unit_test(test_ack_and_resend),
        cmocka_unit_test(test_pipes),
        cmocka_unit_test(test_nack_limit),
        cmocka_unit_test(test_binary_payload),
        cmocka_unit_test(test_output_and_stop),
        cmocka_unit_test(test_negotiate_noack),
        cmocka_unit_test(test_features_gdbserver),
        cmocka_unit_test(test_features_lldb_server),
        cmocka_unit_test(test_closed_mid_packet),
        cmocka_unit_test(test_garbled),
        cmocka_unit_test(test_garbled_noack),
        cmocka_unit_test(test_timeout),
        cmocka_unit_test(test_xfer),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
