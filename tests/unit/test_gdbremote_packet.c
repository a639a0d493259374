/* The GDB remote protocol's packet layer (target/gdbremote_packet.h):
 * encoding, the streaming decoder (checksums, escapes, run-length
 * encoding, acks, interrupts, garbage, oversize) and the stop-reply
 * parser, over hand-made packets, the GDB manual's examples and replies
 * captured from Debian's gdbserver 13.1 and lldb-server 16. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "target/gdbremote_packet.h"

/* ---- replies captured from real stubs --------------------------------------
 * gdbserver 13.1-3 (Debian): `gdbserver --once 127.0.0.1:PORT
 * build/fixtures/fx_loop /dev/null 10`, driven by a small python3 socket
 * client sending qSupported:multiprocess+;swbreak+;hwbreak+;vContSupported+
 * then the packets named; each string is the reply's bytes as received. */
/* `?` right after the launch */
static const char gs_initial[] =
    "$T0506:0*,;07:80e6f*\"7f0* ;10:704bfef7ff7f0* ;thread:p4f8.4f8;core:0;#5d";
/* `vCont;c` onto `Z0,555555555199,1` (fx_loop's work) */
static const char gs_swbreak[] =
    "$T05swbreak:;06:70e5f*\"7f0* ;07:18e5f*\"7f0* ;10:99515*\"550* ;thread:p4f8.4f8;core:1;#fb";
/* `g` at that breakpoint: note `0*}` (a count of 96 written as '}') */
static const char gs_g[] =
    "$0*,88e6f*\"7f0* 1c0*;10*:70e5f*\"7f0* 18e5f*\"7f0*!70**a0925*\"550*!38903d73fc37f1f93020*"
    "8a8e6f*\"7f0* d87d5*\"550* 20d0fff7ff7f0* 99515*\"550* 46020* 330*\"2b0*}0*}0* 7f030*(f* 0*h1"
    "0*\"030*\"020e5f*\"7f0* 524956415445005f5f6c6962635f6561524956410*45445005f5f6c6962635f6561"
    "726c795f60*;180*}0*}0*}0*7801f0* f*,4007ddf7ff7f0*0#b3";
/* `vCont;c` after the breakpoint's removal: the program's exit */
static const char gs_exit[] = "$W0;process:4f8#cd";
/* `vCont;c`, then 0x03 half a second later */
static const char gs_interrupt[] =
    "$T0206:70e5f*\"7f0* ;07:08e5f*\"7f0* ;10:0325eaf7ff7f0* ;thread:p5f1.5f1;core:0;#59";
/* `vCont;C09` (SIGKILL) */
static const char gs_killed[] = "$X9;process:5f1#d1";
static const char gs_unsupported[] = "$#00"; /* qXyzzy, and also p10 */
static const char gs_error[] = "$E01#a6";      /* m0,8 */

/* lldb-server 16: `lldb-server-16 gdbserver 127.0.0.1:PORT --
 * build/fixtures/fx_loop /dev/null 40`, the same client. */
/* `vCont;c` onto `Z0,555555555199,1` */
static const char ls_breakpoint[] =
    "$T05thread:568;name:fx_loop;00:0000000000000000;01:98e6ffffff7f0000;02:1c00000000000000;"
    "03:0000000000000000;04:0000000000000000;05:0100000000000000;06:80e5ffffff7f0000;"
    "07:28e5ffffff7f0000;08:0700000000000000;09:a092555555550000;0a:7bfff6176a32f06b;"
    "0b:9302000000000000;0c:0000000000000000;0d:b8e6ffffff7f0000;0e:d87d555555550000;"
    "0f:20d0fff7ff7f0000;10:9951555555550000;11:4602000000000000;12:3300000000000000;"
    "13:0000000000000000;14:0000000000000000;15:2b00000000000000;16:0000000000000000;"
    "17:0000000000000000;reason:breakpoint;#39";
/* the program's printf, forwarded by lldb-server as console output */
static const char ls_output[] = "$O66785f6c6f6f703a2073756d3d323030393936353730353720636f756e7465723d"
                                "34303030300d0a#c9";
static const char ls_exit[] = "$W00#b7";
/* `vCont;c`, then 0x03: lldb-server stops with SIGSTOP, gdbserver SIGINT */
static const char ls_interrupt_head[] = "$T13thread:622;name:fx_loop;00:fcfdffffffffffff;";
static const char ls_killed[] = "$X09#c1";   /* vCont;C09 */
static const char ls_error[] = "$E08#ad";    /* m0,8 */

/* ---- helpers --------------------------------------------------------------- */

struct ev {
    enum grsp_event_kind kind;
    char ack, lead;
    char *payload;
    size_t len;
    const char *why;
};

/* Feeds data in chunks of `chunk` bytes (0: all at once) and collects up to
 * max events. */
static size_t decode(struct grsp_decoder *d, const char *data, size_t len, size_t chunk,
                     struct ev *out, size_t max)
{
    size_t n = 0, off = 0;
    while (off < len) {
        size_t c = chunk && len - off > chunk ? chunk : len - off;
        const char *p = data + off;
        off += c;
        while (c > 0) {
            struct grsp_event e;
            size_t took = grsp_decoder_feed(d, p, c, &e);
            assert_true(took <= c);
            p += took;
            c -= took;
            if (e.kind == GRSP_EV_NONE) {
                assert_int_equal(c, 0);
                break;
            }
            assert_true(n < max);
            out[n].kind = e.kind;
            out[n].ack = e.ack;
            out[n].lead = e.lead;
            out[n].why = e.why;
            out[n].payload = NULL;
            out[n].len = e.len;
            if (e.payload) {
                assert_int_equal(e.payload[e.len], '\0');
                out[n].payload = malloc(e.len + 1);
                memcpy(out[n].payload, e.payload, e.len + 1);
            }
            n++;
        }
    }
    return n;
}

static void free_evs(struct ev *evs, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(evs[i].payload);
}

/* The one packet of wire bytes (its payload, NULL for the other kinds). */
static char *decode_one_n(const char *wire, size_t wlen, enum grsp_event_kind want, size_t *len)
{
    struct grsp_decoder d;
    assert_int_equal(grsp_decoder_init(&d, 0, NULL), 0);
    struct ev evs[4];
    size_t n = decode(&d, wire, wlen, 0, evs, 4);
    assert_int_equal(n, 1);
    assert_int_equal(evs[0].kind, want);
    grsp_decoder_free(&d);
    if (len)
        *len = evs[0].len;
    return evs[0].payload;
}

static char *decode_one(const char *wire, enum grsp_event_kind want, size_t *len)
{
    return decode_one_n(wire, strlen(wire), want, len);
}

/* ---- encoding ---------------------------------------------------------------- */

static void test_known_checksums(void **state)
{
    (void)state;
    char out[64];
    assert_int_equal(grsp_encode("OK", 2, out), 6);
    assert_string_equal(out, "$OK#9a");
    grsp_encode("g", 1, out);
    assert_string_equal(out, "$g#67");
    grsp_encode("qSupported", 10, out);
    assert_string_equal(out, "$qSupported#37");
    grsp_encode("", 0, out);
    assert_string_equal(out, "$#00");
    assert_int_equal(grsp_checksum("OK", 2), 0x9a);
}

static void test_escapes(void **state)
{
    (void)state;
    char out[64];
    /* '#' 0x23 -> } 0x03, '$' 0x24 -> } 0x04, '}' -> }], '*' -> } 0x0a */
    size_t n = grsp_encode("X#$}*", 5, out);
    assert_int_equal(n, 1 + 1 + 8 + 3);
    assert_memory_equal(out, "$X}\x03}\x04}]}\x0a#", 11);
    /* the checksum is over the bytes as sent */
    char sum[3];
    snprintf(sum, sizeof sum, "%02x", grsp_checksum(out + 1, 9));
    assert_string_equal(out + 11, sum);
    size_t len;
    char *p = decode_one(out, GRSP_EV_PACKET, &len);
    assert_int_equal(len, 5);
    assert_memory_equal(p, "X#$}*", 5);
    free(p);
}

/* Every byte value, alone and all together, comes back as it went. */
static void test_round_trip_every_byte(void **state)
{
    (void)state;
    uint8_t all[256];
    char wire[2 * 256 + 5];
    for (int b = 0; b < 256; b++) {
        all[b] = (uint8_t)b;
        uint8_t one[3] = {'X', (uint8_t)b, 'Y'};
        size_t wlen = grsp_encode(one, 3, wire);
        size_t len;
        char *p = decode_one_n(wire, wlen, GRSP_EV_PACKET, &len);
        assert_int_equal(len, 3);
        assert_memory_equal(p, one, 3);
        free(p);
    }
    size_t wlen = grsp_encode(all, 256, wire);
    assert_true(wlen <= grsp_encode_bound(256));
    /* byte by byte too */
    struct grsp_decoder d;
    assert_int_equal(grsp_decoder_init(&d, 0, NULL), 0);
    struct ev evs[2];
    assert_int_equal(decode(&d, wire, wlen, 1, evs, 2), 1);
    assert_int_equal(evs[0].kind, GRSP_EV_PACKET);
    assert_int_equal(evs[0].len, 256);
    assert_memory_equal(evs[0].payload, all, 256);
    free_evs(evs, 1);
    grsp_decoder_free(&d);
}

static void test_hex(void **state)
{
    (void)state;
    char hex[9];
    grsp_hex_encode("\x00\xab\x7f\xff", 4, hex);
    assert_string_equal(hex, "00ab7fff");
    uint8_t out[4];
    assert_int_equal(grsp_hex_decode("00AB7fff", 8, out, 4), 4);
    assert_memory_equal(out, "\x00\xab\x7f\xff", 4);
    assert_int_equal(grsp_hex_decode("00ab7fff", 8, out, 3), -1); /* too long */
    assert_int_equal(grsp_hex_decode("0", 1, out, 4), -1);
    assert_int_equal(grsp_hex_decode("0g", 2, out, 4), -1);
}

/* ---- run-length encoding ------------------------------------------------------ */

static char *wire_of(const char *raw)
{
    /* frames raw bytes as they are (no escaping) with their checksum */
    size_t n = strlen(raw);
    char *w = malloc(n + 5);
    snprintf(w, n + 5, "$%s#%02x", raw, grsp_checksum(raw, n));
    return w;
}

static void expect_decoded(const char *raw, const char *want)
{
    char *w = wire_of(raw);
    size_t len;
    char *p = decode_one(w, GRSP_EV_PACKET, &len);
    assert_int_equal(len, strlen(want));
    assert_string_equal(p, want);
    free(p);
    free(w);
}

static void expect_bad(const char *raw)
{
    char *w = wire_of(raw);
    char *p = decode_one(w, GRSP_EV_BAD_PACKET, NULL);
    assert_null(p);
    free(w);
}

static void test_rle_manual_examples(void **state)
{
    (void)state;
    expect_decoded("0* ", "0000");        /* the manual: ' ' is 3 more */
    expect_decoded("0*\"00", "00000000"); /* a run of 7 as 5 + 2 */
    expect_decoded("ab*!c", "abbbbbc");   /* '!' is 4 more */
    char x98[99];
    memset(x98, 'x', 98); /* '~' is the largest count: 97 more */
    x98[98] = '\0';
    expect_decoded("x*~", x98);
    expect_decoded("1* * ", "1111111");   /* a run continued */
    /* a run after an escape repeats the raw byte (gdbserver's order) */
    expect_decoded("}]]* ", "}]]]]");
}

static void test_rle_invalid_counts(void **state)
{
    (void)state;
    expect_bad("*  ");      /* nothing to repeat */
    expect_bad("0*\x1f");   /* below ' ' */
    expect_bad("0*\x7f");   /* above '~' */
    expect_bad("0*\xff");
    expect_bad("0}* ");     /* a run of the escape byte itself */
    expect_bad("0*");       /* the count missing */
    expect_bad("0}");       /* an escape with nothing after it */
    /* '#' as the count ends the packet: the count is missing */
    struct grsp_decoder d;
    assert_int_equal(grsp_decoder_init(&d, 0, NULL), 0);
    struct ev evs[4];
    static const char w[] = "$0*#5a";
    assert_int_equal(decode(&d, w, strlen(w), 0, evs, 4), 1);
    assert_int_equal(evs[0].kind, GRSP_EV_BAD_PACKET);
    assert_int_equal(evs[0].ack, '-');
    grsp_decoder_free(&d);
}

/* gdbserver's run-length encoded replies: the checksum is over the encoded
 * bytes, the expansion gives whole registers. */
static void test_rle_captured(void **state)
{
    (void)state;
    size_t len;
    char *p = decode_one(gs_initial, GRSP_EV_PACKET, &len);
    assert_string_equal(p, "T0506:0000000000000000;07:80e6ffffff7f0000;10:704bfef7ff7f0000;"
                           "thread:p4f8.4f8;core:0;");
    free(p);
    p = decode_one(gs_g, GRSP_EV_PACKET, &len);
    /* x86-64's g: 24 8-byte registers then the FPU/SSE state, all hex */
    assert_int_equal(len % 2, 0);
    assert_true(len > 24 * 16);
    for (size_t i = 0; i < len; i++)
        assert_non_null(strchr("0123456789abcdef", p[i]));
    /* rip (register 16) is fx_loop's work */
    assert_memory_equal(p + 16 * 16, "9951555555550000", 16);
    free(p);
}

/* ---- the stream ----------------------------------------------------------------- */

static const char stream[] = "+junk$OK#9a-\x03%Stop:T05#99 +$E01#a6\r\n";

static void check_stream(struct ev *evs, size_t n)
{
    assert_int_equal(n, 7);
    assert_int_equal(evs[0].kind, GRSP_EV_ACK);
    assert_int_equal(evs[1].kind, GRSP_EV_PACKET);
    assert_string_equal(evs[1].payload, "OK");
    assert_int_equal(evs[1].ack, '+');
    assert_int_equal(evs[2].kind, GRSP_EV_NACK);
    assert_int_equal(evs[3].kind, GRSP_EV_INTERRUPT);
    assert_int_equal(evs[4].kind, GRSP_EV_NOTIFY);
    assert_int_equal(evs[4].lead, '%');
    assert_string_equal(evs[4].payload, "Stop:T05");
    assert_int_equal(evs[4].ack, 0); /* notifications are not acknowledged */
    assert_int_equal(evs[5].kind, GRSP_EV_ACK);
    assert_int_equal(evs[6].kind, GRSP_EV_PACKET);
    assert_string_equal(evs[6].payload, "E01");
}

static void test_stream_any_split(void **state)
{
    (void)state;
    for (size_t chunk = 0; chunk < sizeof stream; chunk++) {
        struct grsp_decoder d;
        assert_int_equal(grsp_decoder_init(&d, 0, NULL), 0);
        struct ev evs[10];
        size_t n = decode(&d, stream, sizeof stream - 1, chunk, evs, 10);
        check_stream(evs, n);
        /* "junk", ' ' and "\r\n" */
        assert_int_equal(d.garbage, 7);
        free_evs(evs, n);
        grsp_decoder_free(&d);
    }
}

static void test_all_captured_replies_decode(void **state)
{
    (void)state;
    const char *all[] = {gs_initial, gs_swbreak, gs_g, gs_exit, gs_interrupt, gs_killed,
                         gs_unsupported, gs_error, ls_breakpoint, ls_output, ls_exit,
                         ls_killed, ls_error};
    for (size_t i = 0; i < sizeof all / sizeof *all; i++)
        for (size_t chunk = 0; chunk < 4; chunk++) {
            struct grsp_decoder d;
            assert_int_equal(grsp_decoder_init(&d, 0, NULL), 0);
            struct ev evs[2];
            assert_int_equal(decode(&d, all[i], strlen(all[i]), chunk, evs, 2), 1);
            assert_int_equal(evs[0].kind, GRSP_EV_PACKET);
            free_evs(evs, 1);
            grsp_decoder_free(&d);
        }
}

static void test_bad_checksum_and_noack(void **state)
{
    (void)state;
    struct grsp_decoder d;
    assert_int_equal(grsp_decoder_init(&d, 0, NULL), 0);
    struct ev evs[4];
    static const char w[] = "$OK#9b$OK#zz$OK#9a";
    assert_int_equal(decode(&d, w, strlen(w), 0, evs, 4), 3);
    assert_int_equal(evs[0].kind, GRSP_EV_BAD_CHECKSUM);
    assert_int_equal(evs[0].ack, '-');
    assert_null(evs[0].payload);
    assert_int_equal(evs[1].kind, GRSP_EV_BAD_CHECKSUM); /* not hex */
    assert_int_equal(evs[2].kind, GRSP_EV_PACKET);
    assert_int_equal(evs[2].ack, '+');
    free_evs(evs, 3);
    /* no-ack mode: still checked, nothing to answer */
    d.noack = true;
    assert_int_equal(decode(&d, w, strlen(w), 1, evs, 4), 3);
    assert_int_equal(evs[0].kind, GRSP_EV_BAD_CHECKSUM);
    assert_int_equal(evs[0].ack, 0);
    assert_int_equal(evs[2].kind, GRSP_EV_PACKET);
    assert_int_equal(evs[2].ack, 0);
    free_evs(evs, 3);
    /* uppercase checksum digits are accepted */
    assert_int_equal(decode(&d, "$OK#9A", 6, 0, evs, 4), 1);
    assert_int_equal(evs[0].kind, GRSP_EV_PACKET);
    free_evs(evs, 1);
    grsp_decoder_free(&d);
}

/* A packet cut short by a new '$' is dropped (counted as garbage), the new
 * one decodes; a '$' in place of the checksum is a bad checksum and the
 * start of the next packet. */
static void test_restart(void **state)
{
    (void)state;
    struct grsp_decoder d;
    assert_int_equal(grsp_decoder_init(&d, 0, NULL), 0);
    struct ev evs[4];
    static const char w[] = "$T05thr$OK#9a$OK#9$OK#9a";
    assert_int_equal(decode(&d, w, strlen(w), 0, evs, 4), 3);
    assert_int_equal(evs[0].kind, GRSP_EV_PACKET);
    assert_string_equal(evs[0].payload, "OK");
    assert_int_equal(d.garbage, 7);
    assert_int_equal(evs[1].kind, GRSP_EV_BAD_CHECKSUM);
    assert_int_equal(evs[2].kind, GRSP_EV_PACKET);
    free_evs(evs, 3);
    grsp_decoder_free(&d);
}

static void test_oversize(void **state)
{
    (void)state;
    struct grsp_decoder d;
    struct lerr e = {0};
    assert_int_equal(grsp_decoder_init(&d, GRSP_HARD_MAX_PAYLOAD + 1, &e), -1);
    assert_non_null(strstr(e.msg, "Protocol error"));
    assert_int_equal(grsp_decoder_init(&d, 0, NULL), 0);
    assert_int_equal(d.max_payload, 64 * 1024);
    grsp_decoder_free(&d);

    assert_int_equal(grsp_decoder_init(&d, 16, NULL), 0);
    struct ev evs[4];
    /* 16 fits, 17 does not, nor does a run that expands past 16 */
    char *w16 = wire_of("0123456789abcdef"), *w17 = wire_of("0123456789abcdefg"),
         *wrle = wire_of("0*~");
    assert_int_equal(decode(&d, w16, strlen(w16), 0, evs, 4), 1);
    assert_int_equal(evs[0].kind, GRSP_EV_PACKET);
    assert_int_equal(evs[0].len, 16);
    free_evs(evs, 1);
    assert_int_equal(decode(&d, w17, strlen(w17), 3, evs, 4), 1);
    assert_int_equal(evs[0].kind, GRSP_EV_OVERSIZE);
    assert_int_equal(evs[0].ack, '+'); /* taken, so that it is not sent again */
    assert_int_equal(decode(&d, wrle, strlen(wrle), 0, evs, 4), 1);
    assert_int_equal(evs[0].kind, GRSP_EV_OVERSIZE);
    /* never more than the limit (and its NUL) held */
    assert_true(d.cap <= 17);
    /* a long stream without a '#' holds nothing more either */
    char big[4096];
    memset(big, 'a', sizeof big);
    big[0] = '$';
    assert_int_equal(decode(&d, big, sizeof big, 0, evs, 4), 0);
    assert_true(d.cap <= 17);
    free(w16);
    free(w17);
    free(wrle);
    grsp_decoder_free(&d);
}

/* ---- thread ids ------------------------------------------------------------------ */

static void test_thread_ids(void **state)
{
    (void)state;
    struct grsp_tid t;
    struct lerr e = {0};
    assert_int_equal(grsp_parse_tid("p4f8.4f9", 8, &t, &e), 0);
    assert_int_equal(t.pid, 0x4f8);
    assert_int_equal(t.tid, 0x4f9);
    assert_int_equal(grsp_parse_tid("p4f8", 4, &t, &e), 0);
    assert_int_equal(t.tid, -1);
    assert_int_equal(grsp_parse_tid("p-1.-1", 6, &t, &e), 0);
    assert_int_equal(t.pid, -1);
    assert_int_equal(grsp_parse_tid("568", 3, &t, &e), 0);
    assert_int_equal(t.pid, 0);
    assert_int_equal(t.tid, 0x568);
    assert_int_equal(grsp_parse_tid("0", 1, &t, &e), 0);
    assert_int_equal(grsp_parse_tid("-1", 2, &t, &e), 0);
    assert_int_equal(t.tid, -1);
    assert_int_equal(grsp_parse_tid("", 0, &t, &e), -1);
    assert_int_equal(grsp_parse_tid("p", 1, &t, &e), -1);
    assert_int_equal(grsp_parse_tid("p1.", 3, &t, &e), -1);
    assert_int_equal(grsp_parse_tid("12g", 3, &t, &e), -1);
    assert_int_equal(grsp_parse_tid("11112222333344445", 17, &t, &e), -1);
    char out[40];
    t.pid = 0x4f8;
    t.tid = 0x4f9;
    grsp_format_tid(&t, true, out, sizeof out);
    assert_string_equal(out, "p4f8.4f9");
    grsp_format_tid(&t, false, out, sizeof out);
    assert_string_equal(out, "4f9");
    t.tid = -1;
    grsp_format_tid(&t, true, out, sizeof out);
    assert_string_equal(out, "p4f8.-1");
}

/* ---- stop replies ------------------------------------------------------------------ */

static void parse_wire(const char *wire, struct grsp_stop *st, char **keep)
{
    size_t len;
    *keep = decode_one(wire, GRSP_EV_PACKET, &len);
    struct lerr e = {0};
    assert_int_equal(grsp_parse_stop(*keep, len, st, &e), 0);
}

static const char *reg_hex(const struct grsp_stop *st, unsigned regnum)
{
    for (size_t i = 0; i < st->nregs; i++)
        if (st->regs[i].regnum == regnum) {
            assert_int_equal(st->regs[i].hexlen, 16);
            return st->regs[i].hex;
        }
    return NULL;
}

static void test_stop_gdbserver(void **state)
{
    (void)state;
    struct grsp_stop st;
    char *p;
    parse_wire(gs_swbreak, &st, &p);
    assert_int_equal(st.kind, GRSP_REPLY_STOP);
    assert_int_equal(st.signo, 5);
    assert_true(st.swbreak);
    assert_false(st.hwbreak);
    assert_true(st.has_thread);
    assert_int_equal(st.thread.pid, 0x4f8);
    assert_int_equal(st.thread.tid, 0x4f8);
    assert_true(st.has_core);
    assert_int_equal(st.core, 1);
    assert_int_equal(st.nregs, 3);
    assert_memory_equal(reg_hex(&st, 0x10), "9951555555550000", 16);
    assert_memory_equal(reg_hex(&st, 6), "70e5ffffff7f0000", 16);
    assert_int_equal(st.watch, GRSP_WATCH_NONE);
    free(p);

    parse_wire(gs_interrupt, &st, &p);
    assert_int_equal(st.signo, 2); /* SIGINT */
    assert_false(st.swbreak);
    assert_int_equal(st.thread.tid, 0x5f1);
    free(p);

    parse_wire(gs_exit, &st, &p); /* one digit */
    assert_int_equal(st.kind, GRSP_REPLY_EXITED);
    assert_int_equal(st.exit_code, 0);
    assert_true(st.has_pid);
    assert_int_equal(st.pid, 0x4f8);
    free(p);

    parse_wire(gs_killed, &st, &p);
    assert_int_equal(st.kind, GRSP_REPLY_KILLED);
    assert_int_equal(st.signo, 9);
    assert_int_equal(st.pid, 0x5f1);
    free(p);

    parse_wire(gs_unsupported, &st, &p);
    assert_int_equal(st.kind, GRSP_REPLY_EMPTY);
    free(p);
    parse_wire(gs_error, &st, &p);
    assert_int_equal(st.kind, GRSP_REPLY_ERROR);
    assert_int_equal(st.error, 1);
    free(p);
}

static void test_stop_lldb_server(void **state)
{
    (void)state;
    struct grsp_stop st;
    char *p;
    parse_wire(ls_breakpoint, &st, &p);
    assert_int_equal(st.kind, GRSP_REPLY_STOP);
    assert_int_equal(st.signo, 5);
    assert_false(st.swbreak); /* lldb-server says reason:breakpoint instead */
    assert_int_equal(st.reason_len, 10);
    assert_memory_equal(st.reason, "breakpoint", 10);
    assert_int_equal(st.thread.pid, 0);
    assert_int_equal(st.thread.tid, 0x568);
    assert_int_equal(st.nregs, 24);
    assert_memory_equal(reg_hex(&st, 0x10), "9951555555550000", 16);
    free(p);

    parse_wire(ls_output, &st, &p);
    assert_int_equal(st.kind, GRSP_REPLY_OUTPUT);
    char text[64];
    long n = grsp_hex_decode(st.text, st.text_len, text, sizeof text - 1);
    assert_true(n > 0);
    text[n] = '\0';
    assert_string_equal(text, "fx_loop: sum=20099657057 counter=40000\r\n");
    free(p);

    parse_wire(ls_exit, &st, &p);
    assert_int_equal(st.kind, GRSP_REPLY_EXITED);
    assert_false(st.has_pid);
    free(p);
    parse_wire(ls_killed, &st, &p);
    assert_int_equal(st.kind, GRSP_REPLY_KILLED);
    assert_int_equal(st.signo, 9);
    free(p);
    parse_wire(ls_error, &st, &p);
    assert_int_equal(st.error, 8);
    free(p);

    struct lerr e = {0};
    const char *head = ls_interrupt_head + 1;
    assert_int_equal(grsp_parse_stop(head, strlen(head), &st, &e), 0);
    assert_int_equal(st.signo, 0x13); /* SIGSTOP, where gdbserver says SIGINT */
    assert_int_equal(st.nregs, 1);
}

static void test_stop_hand_made(void **state)
{
    (void)state;
    struct grsp_stop st;
    struct lerr e = {0};
#define PARSE(s) grsp_parse_stop(s, sizeof s - 1, &st, &e)
    /* the manual's forms (this machine's debug registers never trap, so
     * no stub could be made to send these) */
    assert_int_equal(PARSE("T05watch:7ffe1234;thread:p1.2;"), 0);
    assert_int_equal(st.watch, GRSP_WATCH_WRITE);
    assert_int_equal(st.watch_addr, 0x7ffe1234);
    assert_int_equal(PARSE("T05rwatch:10;hwbreak:"), 0); /* no final ';' */
    assert_int_equal(st.watch, GRSP_WATCH_READ);
    assert_true(st.hwbreak);
    assert_int_equal(PARSE("T05awatch:ffffffffffffffff;"), 0);
    assert_int_equal(st.watch, GRSP_WATCH_ACCESS);
    assert_int_equal(st.watch_addr, UINT64_MAX);
    assert_int_equal(PARSE("S11"), 0);
    assert_int_equal(st.signo, 17);
    assert_int_equal(PARSE("T05library:;fork:p2.2;10:xxxxxxxxxxxxxxxx;"), 0); /* unknown keys */
    assert_int_equal(st.nregs, 1);
    assert_int_equal(PARSE("OK"), 0);
    assert_int_equal(st.kind, GRSP_REPLY_OK);
    assert_int_equal(PARSE("E.not allowed"), 0);
    assert_int_equal(st.error, -1);
    assert_int_equal(st.text_len, 11);
    assert_int_equal(PARSE("E09;6d7367"), 0);
    assert_int_equal(st.error, 9);
    assert_int_equal(PARSE("W7f"), 0);
    assert_int_equal(st.exit_code, 0x7f);

    const char *bad[] = {"T5", "Tzz", "T05thread:zz;", "T0506:0g;", "T0506:123;", "T05:1;",
                         "T05nocolon;", "T05watch:;", "S05x", "W", "Wq", "W0;pid:1",
                         "W0;process:", "X9;process:zz", "E1", "EZZ", "E01x", "Ozz", "O1",
                         "Q", "\x01"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        e.msg[0] = '\0';
        assert_int_equal(grsp_parse_stop(bad[i], strlen(bad[i]), &st, &e), -1);
        assert_memory_equal(e.msg, "Protocol error", 14);
    }
    /* more registers than kept are counted */
    char many[64 * 200];
    size_t n = 0;
    n += (size_t)snprintf(many, sizeof many, "T05");
    for (int r = 0; r < 150; r++)
        n += (size_t)snprintf(many + n, sizeof many - n, "%x:00;", r);
    assert_int_equal(grsp_parse_stop(many, n, &st, &e), 0);
    assert_int_equal(st.nregs, GRSP_STOP_MAX_REGS);
    assert_int_equal(st.regs_dropped, 150 - GRSP_STOP_MAX_REGS);
#undef PARSE
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_checksums),
        cmocka_unit_test(test_escapes),
        cmocka_unit_test(test_round_trip_every_byte),
        cmocka_unit_test(test_hex),
        cmocka_unit_test(test_rle_manual_examples),
        cmocka_unit_test(test_rle_invalid_counts),
        cmocka_unit_test(test_rle_captured),
        cmocka_unit_test(test_stream_any_split),
        cmocka_unit_test(test_all_captured_replies_decode),
        cmocka_unit_test(test_bad_checksum_and_noack),
        cmocka_unit_test(test_restart),
        cmocka_unit_test(test_oversize),
        cmocka_unit_test(test_thread_ids),
        cmocka_unit_test(test_stop_gdbserver),
        cmocka_unit_test(test_stop_lldb_server),
        cmocka_unit_test(test_stop_hand_made),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
