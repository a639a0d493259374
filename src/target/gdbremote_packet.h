/* The GDB remote serial protocol's packet layer: framing, checksums,
 * escapes and run-length encoding, and the parsing of stop replies. Pure
 * code over bytes (no sockets, no threads), so that the remote backend
 * can be fed whatever a socket gives it and the fuzzer can feed anything.
 *
 * Facts it follows (GDB manual, "Overview" of the remote protocol, and
 * what gdbserver 13 and lldb-server 16 send):
 *  - a packet is `$payload#xx`, xx the sum of the payload's bytes as
 *    sent, mod 256, in two hex digits; `%payload#xx` is a notification
 *    (never acknowledged); `+`/`-` acknowledge; 0x03 interrupts.
 *  - `X*n` repeats X (n - 29) more times; n is printable (' ' to '~'),
 *    never '#' or '$' (gdbserver uses '"' for runs of 6 and 7). The
 *    expansion works on the bytes as sent, before escapes are undone, as
 *    gdbserver encodes them (LLDB undoes escapes first; the two differ
 *    only for a run after an escape, which then means the raw byte).
 *  - `}` escapes the next byte (XOR 0x20); `#`, `$`, `}` and `*` are
 *    always escaped. Every payload is unescaped (as LLDB does): text
 *    replies never hold a bare `}`. */
#ifndef LINDBG_TARGET_GDBREMOTE_PACKET_H
#define LINDBG_TARGET_GDBREMOTE_PACKET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

#define GRSP_DEFAULT_MAX_PAYLOAD (64u * 1024)
#define GRSP_HARD_MAX_PAYLOAD (16u * 1024 * 1024)

/* ---- encoding ----------------------------------------------------------- */

/* Room grsp_encode needs for a payload of len bytes (every byte escaped,
 * `$`, `#xx` and a NUL). */
static inline size_t grsp_encode_bound(size_t len) { return 2 * len + 5; }

/* Writes `$payload#xx` into out (grsp_encode_bound(len) bytes), escaping
 * `#`, `$`, `}` and `*`; NUL-terminates it and returns its length. */
size_t grsp_encode(const void *payload, size_t len, char *out);

/* The checksum of bytes as they are sent. */
uint8_t grsp_checksum(const void *data, size_t len);

/* Lowercase hex of n bytes into out (2n + 1 bytes, NUL-terminated). */
void grsp_hex_encode(const void *src, size_t n, char *out);
/* Decodes hexlen hex digits (even) into out (at most cap bytes); returns
 * the byte count, or -1 when a digit is not hex, the count is odd or the
 * result would not fit. */
long grsp_hex_decode(const char *hex, size_t hexlen, void *out, size_t cap);

/* ---- the streaming decoder ---------------------------------------------- */

enum grsp_event_kind {
    GRSP_EV_NONE,         /* every byte given was taken: feed more */
    GRSP_EV_PACKET,       /* a `$` packet with a right checksum */
    GRSP_EV_NOTIFY,       /* a `%` notification with a right checksum */
    GRSP_EV_ACK,          /* `+` */
    GRSP_EV_NACK,         /* `-`: the other side asks for the last packet again */
    GRSP_EV_INTERRUPT,    /* 0x03 (a client interrupting a stub) */
    GRSP_EV_BAD_CHECKSUM, /* a packet whose checksum is wrong or not hex */
    GRSP_EV_BAD_PACKET,   /* a right checksum over a malformed run or escape */
    GRSP_EV_OVERSIZE,     /* a payload over the limit, dropped as it came */
};

struct grsp_event {
    enum grsp_event_kind kind;
    char lead;           /* '$' or '%' for the packet kinds, else 0 */
    /* PACKET and NOTIFY: the decoded payload, NUL-terminated (it may hold
     * NULs itself), valid until the next feed */
    const char *payload;
    size_t len;
    /* what to send back: '+' or '-', or 0 (no-ack mode, notifications,
     * the one-byte events) */
    char ack;
    const char *why;     /* BAD_*, OVERSIZE: a fixed phrase saying why */
};

struct grsp_decoder {
    size_t max_payload;  /* decoded bytes; larger payloads are refused */
    bool noack;          /* after QStartNoAckMode: checksums still checked */
    uint64_t garbage;    /* bytes skipped outside packets (and restarts) */
    /* the packet under way (private) */
    int state;
    char lead;
    uint8_t sum, csum_hi;
    bool esc, rle, bad, oversize, csum_bad;
    int prev;            /* the last raw payload byte, -1 at the start */
    size_t raw;          /* raw payload bytes so far */
    const char *why;
    char *buf;
    size_t len, cap;
};

/* max_payload 0 means GRSP_DEFAULT_MAX_PAYLOAD; over GRSP_HARD_MAX_PAYLOAD
 * is an error. */
int grsp_decoder_init(struct grsp_decoder *d, size_t max_payload, struct lerr *e);
void grsp_decoder_free(struct grsp_decoder *d);
/* Takes bytes from data until one event is complete (then stops, so the
 * caller handles it and calls again with the rest) or the bytes run out
 * (ev->kind GRSP_EV_NONE). Returns how many bytes it took. */
size_t grsp_decoder_feed(struct grsp_decoder *d, const void *data, size_t len,
                         struct grsp_event *ev);

/* ---- thread ids ---------------------------------------------------------- */

/* `TID` or the multiprocess `pPID.TID` / `pPID`; -1 is "all", 0 "any". */
struct grsp_tid {
    int64_t pid; /* 0 when the id had no pPID */
    int64_t tid; /* -1 for `pPID` alone (all its threads) */
};
/* Parses a whole thread id of len bytes. */
int grsp_parse_tid(const char *s, size_t len, struct grsp_tid *out, struct lerr *e);
/* Formats it (as `pPID.TID` when multiprocess) into out (at least 40). */
void grsp_format_tid(const struct grsp_tid *t, bool multiprocess, char *out, size_t cap);

/* ---- stop replies (and the other answers to a resume) -------------------- */

enum grsp_reply_kind {
    GRSP_REPLY_EMPTY,    /* "": the stub does not support the packet */
    GRSP_REPLY_OK,
    GRSP_REPLY_ERROR,    /* E NN (also lldb-server's `ENN;text`, `E.text`) */
    GRSP_REPLY_STOP,     /* S AA or T AA ... */
    GRSP_REPLY_EXITED,   /* W AA[;process:pid] */
    GRSP_REPLY_KILLED,   /* X AA[;process:pid]: ended by a signal */
    GRSP_REPLY_OUTPUT,   /* O hex: console output, the stop comes later */
};

enum grsp_watch_kind { GRSP_WATCH_NONE, GRSP_WATCH_WRITE, GRSP_WATCH_READ, GRSP_WATCH_ACCESS };

#define GRSP_STOP_MAX_REGS 128

struct grsp_stop {
    enum grsp_reply_kind kind;
    int signo;           /* STOP: the signal; KILLED: the signal that ended it */
    int exit_code;       /* EXITED */
    int error;           /* ERROR: NN, -1 for `E.text` */
    bool has_pid;        /* EXITED, KILLED: `;process:` */
    int64_t pid;
    bool has_thread;
    struct grsp_tid thread;
    bool has_core;
    uint64_t core;
    enum grsp_watch_kind watch;
    uint64_t watch_addr;
    bool swbreak, hwbreak;
    const char *reason;  /* lldb-server's `reason:` (into the payload) */
    size_t reason_len;
    /* register number and its value's hex digits (into the payload, target
     * byte order); registers past GRSP_STOP_MAX_REGS are counted only */
    struct {
        unsigned regnum;
        const char *hex;
        size_t hexlen;
    } regs[GRSP_STOP_MAX_REGS];
    size_t nregs, regs_dropped;
    const char *text;    /* OUTPUT: its hex; ERROR: the text, if any */
    size_t text_len;
};

/* Parses a decoded payload of len bytes. Pointers in out point into it.
 * A reply it cannot read fails with "Protocol error: ...". Keys it does
 * not know are skipped (the manual asks clients to). */
int grsp_parse_stop(const char *payload, size_t len, struct grsp_stop *out, struct lerr *e);

#endif
