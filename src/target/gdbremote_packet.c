/* The GDB remote protocol's packets: see gdbremote_packet.h for the rules
 * followed and why. */
#include "target/gdbremote_packet.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char hexdig[] = "0123456789abcdef";

static int hexval(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

uint8_t grsp_checksum(const void *data, size_t len)
{
    const uint8_t *p = data;
    unsigned sum = 0;
    for (size_t i = 0; i < len; i++)
        sum += p[i];
    return (uint8_t)sum;
}

size_t grsp_encode(const void *payload, size_t len, char *out)
{
    const uint8_t *p = payload;
    size_t n = 0;
    unsigned sum = 0;
    out[n++] = '$';
    for (size_t i = 0; i < len; i++) {
        uint8_t b = p[i];
        if (b == '#' || b == '$' || b == '}' || b == '*') {
            out[n++] = '}';
            sum += '}';
            b ^= 0x20;
        }
        out[n++] = (char)b;
        sum += b;
    }
    out[n++] = '#';
    out[n++] = hexdig[(sum >> 4) & 0xf];
    out[n++] = hexdig[sum & 0xf];
    out[n] = '\0';
    return n;
}

void grsp_hex_encode(const void *src, size_t n, char *out)
{
    const uint8_t *p = src;
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = hexdig[p[i] >> 4];
        out[2 * i + 1] = hexdig[p[i] & 0xf];
    }
    out[2 * n] = '\0';
}

long grsp_hex_decode(const char *hex, size_t hexlen, void *out, size_t cap)
{
    if (hexlen % 2 || hexlen / 2 > cap)
        return -1;
    uint8_t *o = out;
    for (size_t i = 0; i < hexlen; i += 2) {
        int hi = hexval((unsigned char)hex[i]), lo = hexval((unsigned char)hex[i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        o[i / 2] = (uint8_t)(hi << 4 | lo);
    }
    return (long)(hexlen / 2);
}

/* ---- decoder ------------------------------------------------------------- */

enum { ST_IDLE, ST_PAYLOAD, ST_CSUM1, ST_CSUM2 };

int grsp_decoder_init(struct grsp_decoder *d, size_t max_payload, struct lerr *e)
{
    memset(d, 0, sizeof *d);
    if (max_payload == 0)
        max_payload = GRSP_DEFAULT_MAX_PAYLOAD;
    if (max_payload > GRSP_HARD_MAX_PAYLOAD)
        return lerr_set(e, "Protocol error: packet size %zu over the limit of %u", max_payload,
                        GRSP_HARD_MAX_PAYLOAD);
    d->max_payload = max_payload;
    d->state = ST_IDLE;
    return 0;
}

void grsp_decoder_free(struct grsp_decoder *d)
{
    free(d->buf);
    d->buf = NULL;
    d->len = d->cap = 0;
}

static void start_packet(struct grsp_decoder *d, char lead)
{
    d->state = ST_PAYLOAD;
    d->lead = lead;
    d->sum = 0;
    d->esc = d->rle = d->bad = d->oversize = false;
    d->prev = -1;
    d->raw = 0;
    d->why = NULL;
    d->len = 0;
}

static void mark_bad(struct grsp_decoder *d, const char *why)
{
    if (!d->bad && !d->oversize) {
        d->bad = true;
        d->why = why;
    }
}

/* Appends one decoded byte, within the limit (one more for the NUL). */
static void put_decoded(struct grsp_decoder *d, uint8_t b)
{
    if (d->bad || d->oversize)
        return;
    if (d->len >= d->max_payload) {
        d->oversize = true;
        d->why = "payload over the packet size limit";
        return;
    }
    if (d->len + 1 >= d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 256;
        if (cap > d->max_payload + 1)
            cap = d->max_payload + 1;
        char *nb = realloc(d->buf, cap);
        if (!nb) {
            mark_bad(d, "out of memory for the payload");
            return;
        }
        d->buf = nb;
        d->cap = cap;
    }
    d->buf[d->len++] = (char)b;
}

/* One raw byte after run-length expansion: undoes escapes. */
static void put_raw(struct grsp_decoder *d, uint8_t b)
{
    if (d->esc) {
        d->esc = false;
        put_decoded(d, b ^ 0x20);
    } else if (b == '}') {
        d->esc = true;
    } else {
        put_decoded(d, b);
    }
}

static void payload_byte(struct grsp_decoder *d, uint8_t b)
{
    d->sum += b;
    d->raw++;
    if (d->rle) {
        d->rle = false;
        /* ' ' (3) to '~' (97); '#' and '$' never reach here */
        if (b < ' ' || b > '~') {
            mark_bad(d, "run-length count out of range");
            return;
        }
        for (int i = 0; i < b - 29 && !d->bad && !d->oversize; i++)
            put_raw(d, (uint8_t)d->prev);
        return;
    }
    if (b == '*') {
        if (d->prev < 0)
            mark_bad(d, "run-length marker with nothing to repeat");
        else if (d->esc)
            /* gdbserver never sends it; GDB and LLDB would read it
             * differently */
            mark_bad(d, "run-length marker after an escape");
        d->rle = true;
        return;
    }
    d->prev = b;
    put_raw(d, b);
}

static void finish(struct grsp_decoder *d, bool sum_ok, struct grsp_event *ev)
{
    d->state = ST_IDLE;
    ev->lead = d->lead;
    bool notify = d->lead == '%';
    if (!sum_ok) {
        ev->kind = GRSP_EV_BAD_CHECKSUM;
        ev->why = "checksum mismatch";
    } else if (d->oversize) {
        ev->kind = GRSP_EV_OVERSIZE;
        ev->why = d->why;
    } else if (d->rle || d->esc) {
        ev->kind = GRSP_EV_BAD_PACKET;
        ev->why = d->rle ? "run-length marker at the end" : "escape at the end";
    } else if (d->bad) {
        ev->kind = GRSP_EV_BAD_PACKET;
        ev->why = d->why;
    } else {
        ev->kind = notify ? GRSP_EV_NOTIFY : GRSP_EV_PACKET;
        if (!d->buf && (d->buf = malloc(1)) != NULL) /* an empty first payload */
            d->cap = 1;
        if (!d->buf) {
            ev->kind = GRSP_EV_BAD_PACKET;
            ev->why = "out of memory for the payload";
        } else {
            d->buf[d->len] = '\0';
            ev->payload = d->buf;
            ev->len = d->len;
        }
    }
    /* an oversize packet is taken ('+') so that the stub does not send it
     * again; a malformed one is asked for again, as GDB does */
    if (!d->noack && !notify)
        ev->ack = (ev->kind == GRSP_EV_BAD_CHECKSUM || ev->kind == GRSP_EV_BAD_PACKET) ? '-' : '+';
}

size_t grsp_decoder_feed(struct grsp_decoder *d, const void *data, size_t len,
                         struct grsp_event *ev)
{
    const uint8_t *p = data;
    memset(ev, 0, sizeof *ev);
    size_t i = 0;
    while (i < len) {
        uint8_t b = p[i];
        switch (d->state) {
        case ST_IDLE:
            i++;
            switch (b) {
            case '$':
            case '%':
                start_packet(d, (char)b);
                break;
            case '+':
                ev->kind = GRSP_EV_ACK;
                return i;
            case '-':
                ev->kind = GRSP_EV_NACK;
                return i;
            case 0x03:
                ev->kind = GRSP_EV_INTERRUPT;
                return i;
            default:
                d->garbage++;
            }
            break;
        case ST_PAYLOAD:
            i++;
            if (b == '#') {
                d->state = ST_CSUM1;
            } else if (b == '$') {
                /* a packet cut short (as GDB, start over on the new one) */
                d->garbage += d->raw + 1;
                start_packet(d, '$');
            } else {
                payload_byte(d, b);
            }
            break;
        case ST_CSUM1:
        case ST_CSUM2: {
            if (b == '$') {
                /* the checksum cut short by a new packet: leave it be */
                finish(d, false, ev);
                return i;
            }
            i++;
            int v = hexval(b);
            if (d->state == ST_CSUM1) {
                d->csum_bad = v < 0;
                d->csum_hi = (uint8_t)(v < 0 ? 0 : v);
                d->state = ST_CSUM2;
                break;
            }
            bool ok = !d->csum_bad && v >= 0 && (uint8_t)(d->csum_hi << 4 | v) == d->sum;
            finish(d, ok, ev);
            return i;
        }
        }
    }
    return i;
}

/* ---- thread ids and stop replies ----------------------------------------- */

/* A hex number of the whole of s[0, len), or -1 for "-1". */
static int parse_hex64(const char *s, size_t len, int64_t *out)
{
    if (len == 2 && s[0] == '-' && s[1] == '1') {
        *out = -1;
        return 0;
    }
    if (len == 0 || len > 16)
        return -1;
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        int h = hexval((unsigned char)s[i]);
        if (h < 0)
            return -1;
        v = v << 4 | (uint64_t)h;
    }
    *out = (int64_t)v;
    return 0;
}

static int parse_u64(const char *s, size_t len, uint64_t *out)
{
    int64_t v;
    if ((len == 2 && s[0] == '-') || parse_hex64(s, len, &v) < 0)
        return -1;
    *out = (uint64_t)v;
    return 0;
}

int grsp_parse_tid(const char *s, size_t len, struct grsp_tid *out, struct lerr *e)
{
    out->pid = 0;
    out->tid = 0;
    if (len > 0 && s[0] == 'p') {
        const char *dot = memchr(s, '.', len);
        size_t plen = dot ? (size_t)(dot - s) - 1 : len - 1;
        if (parse_hex64(s + 1, plen, &out->pid) < 0 ||
            (dot && parse_hex64(dot + 1, len - plen - 2, &out->tid) < 0))
            return lerr_set(e, "Protocol error: bad thread id '%.*s'", (int)(len > 40 ? 40 : len), s);
        if (!dot)
            out->tid = -1;
        return 0;
    }
    if (parse_hex64(s, len, &out->tid) < 0)
        return lerr_set(e, "Protocol error: bad thread id '%.*s'", (int)(len > 40 ? 40 : len), s);
    return 0;
}

static void fmt_id(int64_t v, char *out, size_t cap)
{
    if (v == -1)
        snprintf(out, cap, "-1");
    else
        snprintf(out, cap, "%llx", (unsigned long long)v);
}

void grsp_format_tid(const struct grsp_tid *t, bool multiprocess, char *out, size_t cap)
{
    char p[20], th[20];
    fmt_id(t->pid, p, sizeof p);
    fmt_id(t->tid, th, sizeof th);
    if (multiprocess && t->pid != 0)
        snprintf(out, cap, "p%s.%s", p, th);
    else
        snprintf(out, cap, "%s", th);
}

/* One or two hex digits of a signal or exit status at s; returns how many
 * it took (0 when none). */
static size_t hex_byte(const char *s, size_t len, int *out)
{
    size_t n = 0;
    int v = 0;
    while (n < len && n < 2 && hexval((unsigned char)s[n]) >= 0)
        v = v << 4 | hexval((unsigned char)s[n++]);
    *out = v;
    return n;
}

static bool key_is(const char *k, size_t klen, const char *name)
{
    return klen == strlen(name) && memcmp(k, name, klen) == 0;
}

static int stop_pair(const char *k, size_t klen, const char *v, size_t vlen, struct grsp_stop *out,
                     struct lerr *e)
{
    enum grsp_watch_kind w = key_is(k, klen, "watch")    ? GRSP_WATCH_WRITE
                             : key_is(k, klen, "rwatch") ? GRSP_WATCH_READ
                             : key_is(k, klen, "awatch") ? GRSP_WATCH_ACCESS
                                                         : GRSP_WATCH_NONE;
    if (w != GRSP_WATCH_NONE) {
        if (parse_u64(v, vlen, &out->watch_addr) < 0)
            return lerr_set(e, "Protocol error: bad watchpoint address in a stop reply");
        out->watch = w;
    } else if (key_is(k, klen, "thread")) {
        if (grsp_parse_tid(v, vlen, &out->thread, e) < 0)
            return -1;
        out->has_thread = true;
    } else if (key_is(k, klen, "core")) {
        if (parse_u64(v, vlen, &out->core) < 0)
            return lerr_set(e, "Protocol error: bad core in a stop reply");
        out->has_core = true;
    } else if (key_is(k, klen, "swbreak")) {
        out->swbreak = true;
    } else if (key_is(k, klen, "hwbreak")) {
        out->hwbreak = true;
    } else if (key_is(k, klen, "reason")) {
        out->reason = v;
        out->reason_len = vlen;
    } else {
        int64_t regnum;
        if (klen > 8 || parse_hex64(k, klen, &regnum) < 0 || regnum < 0)
            return 0; /* a key this layer does not know */
        /* hex digits, or 'x' for bytes the stub cannot read */
        bool ok = vlen % 2 == 0;
        for (size_t i = 0; ok && i < vlen; i++)
            ok = hexval((unsigned char)v[i]) >= 0 || v[i] == 'x';
        if (!ok)
            return lerr_set(e, "Protocol error: bad value of register %llx in a stop reply",
                            (unsigned long long)regnum);
        if (out->nregs == GRSP_STOP_MAX_REGS) {
            out->regs_dropped++;
            return 0;
        }
        out->regs[out->nregs].regnum = (unsigned)regnum;
        out->regs[out->nregs].hex = v;
        out->regs[out->nregs].hexlen = vlen;
        out->nregs++;
    }
    return 0;
}

/* `key:value;` pairs from s to s + len (the last `;` may be missing). */
static int stop_pairs(const char *s, size_t len, struct grsp_stop *out, struct lerr *e)
{
    size_t i = 0;
    while (i < len) {
        const char *end = memchr(s + i, ';', len - i);
        size_t plen = end ? (size_t)(end - (s + i)) : len - i;
        const char *colon = memchr(s + i, ':', plen);
        if (!colon || colon == s + i)
            return lerr_set(e, "Protocol error: stop reply pair without a key: '%.*s'",
                            (int)(plen > 40 ? 40 : plen), s + i);
        size_t klen = (size_t)(colon - (s + i));
        if (stop_pair(s + i, klen, colon + 1, plen - klen - 1, out, e) < 0)
            return -1;
        i += plen + (end ? 1 : 0);
    }
    return 0;
}

/* `;process:pid` after W and X. */
static int exit_tail(const char *s, size_t len, struct grsp_stop *out, struct lerr *e)
{
    if (len == 0)
        return 0;
    static const char key[] = ";process:";
    int64_t pid;
    if (len <= sizeof key - 1 || memcmp(s, key, sizeof key - 1) != 0 ||
        parse_hex64(s + sizeof key - 1, len - (sizeof key - 1), &pid) < 0)
        return lerr_set(e, "Protocol error: bad exit reply tail '%.*s'", (int)(len > 40 ? 40 : len), s);
    out->has_pid = true;
    out->pid = pid;
    return 0;
}

int grsp_parse_stop(const char *payload, size_t len, struct grsp_stop *out, struct lerr *e)
{
    memset(out, 0, sizeof *out);
    if (len == 0) {
        out->kind = GRSP_REPLY_EMPTY;
        return 0;
    }
    const char *s = payload + 1;
    size_t rest = len - 1;
    int v;
    size_t n;
    switch (payload[0]) {
    case 'O':
        if (len == 2 && payload[1] == 'K') {
            out->kind = GRSP_REPLY_OK;
            return 0;
        }
        if (rest % 2)
            return lerr_set(e, "Protocol error: console output of odd length");
        for (size_t i = 0; i < rest; i++)
            if (hexval((unsigned char)s[i]) < 0)
                return lerr_set(e, "Protocol error: console output that is not hex");
        out->kind = GRSP_REPLY_OUTPUT;
        out->text = s;
        out->text_len = rest;
        return 0;
    case 'E':
        out->kind = GRSP_REPLY_ERROR;
        if (rest > 0 && s[0] == '.') {
            out->error = -1;
            out->text = s + 1;
            out->text_len = rest - 1;
            return 0;
        }
        n = hex_byte(s, rest, &v);
        if (n != 2 || (rest > 2 && s[2] != ';'))
            return lerr_set(e, "Protocol error: bad error reply '%.*s'", (int)(len > 40 ? 40 : len),
                            payload);
        out->error = v;
        if (rest > 3) {
            out->text = s + 3;
            out->text_len = rest - 3;
        }
        return 0;
    case 'S':
    case 'T':
        n = hex_byte(s, rest, &v);
        if (n != 2)
            return lerr_set(e, "Protocol error: stop reply without a signal");
        out->kind = GRSP_REPLY_STOP;
        out->signo = v;
        if (payload[0] == 'S') {
            if (rest != 2)
                return lerr_set(e, "Protocol error: bad stop reply '%.*s'", (int)(len > 40 ? 40 : len),
                                payload);
            return 0;
        }
        return stop_pairs(s + 2, rest - 2, out, e);
    case 'W':
    case 'X':
        /* gdbserver sends one digit when it can (`W0;process:4f8`) */
        n = hex_byte(s, rest, &v);
        if (n == 0)
            return lerr_set(e, "Protocol error: exit reply without a status");
        out->kind = payload[0] == 'W' ? GRSP_REPLY_EXITED : GRSP_REPLY_KILLED;
        if (payload[0] == 'W')
            out->exit_code = v;
        else
            out->signo = v;
        return exit_tail(s + n, rest - n, out, e);
    default:
        return lerr_set(e, "Protocol error: unexpected reply '%.*s'", (int)(len > 40 ? 40 : len),
                        payload);
    }
}
