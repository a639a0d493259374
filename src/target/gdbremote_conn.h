/* A connection to a GDB remote stub (gdbserver, lldb-server): the socket,
 * acknowledgements and resends, timeouts, console output, notifications,
 * qSupported negotiation and qXfer reads. It sits on the packet layer
 * (gdbremote_packet.h) and knows nothing of registers or processes: the
 * remote backend builds on it. Never prints; errors are one line:
 * "Couldn't connect to ...", "Connection lost: ...", "Protocol error: ...",
 * "Timed out: ...", "Remote error: ...", "Unsupported: ...".
 *
 * After a failure in the middle of an exchange (a timeout, a dropped
 * connection, a checksum error in no-ack mode) a late reply could be taken
 * for the next one, so the connection is marked broken and every later call
 * fails with "Connection lost: ...": the session connects again. */
#ifndef LINDBG_TARGET_GDBREMOTE_CONN_H
#define LINDBG_TARGET_GDBREMOTE_CONN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "util/err.h"

struct grsp_conn;

#define GRSP_CONN_DEFAULT_TIMEOUT_MS 10000

/* What the stub said in its qSupported answer. PacketSize is hex, as the
 * manual says and as GDB (remote.c, strtol base 16) and LLDB (GetHexMaxU64)
 * read it; lldb-server 16 writes the decimal 131072 (it means 128 KiB), which
 * read as hex is 0x131072: never less than meant, so a reply limit taken from
 * it is safe, and what lindbg sends is bounded by GRSP_DEFAULT_MAX_PAYLOAD
 * besides (grsp_conn_max_send). */
struct grsp_features {
    uint64_t packet_size;  /* 0 when not given */
    bool xfer_features, xfer_libraries_svr4, xfer_auxv, xfer_exec_file, xfer_siginfo;
    bool xfer_threads;
    bool augmented_svr4;   /* gdbserver: libraries-svr4 with start/prev annex */
    bool start_noack, multiprocess, swbreak, hwbreak, vcont_supported;
    bool pass_signals, program_signals, fork_events, vfork_events, exec_events;
    bool thread_events, no_resumed, non_stop, disable_randomization;
    bool thread_suffix;    /* lldb-server: QThreadSuffixSupported */
    bool list_threads_in_stop_reply, native_signals, qecho;
    char *raw;             /* the whole answer (malloc'd), for the others */
};

/* The features lindbg announces (what GDB 13 sends, less memory-tagging and
 * with qRelocInsn-: lindbg cannot relocate tracepoint instructions).
 * xmlRegisters=i386 matters: without it gdbserver's target.xml for x86-64
 * holds no registers at all (its legacy no-XML description). */
#define GRSP_CONN_FEATURES                                                           \
    "multiprocess+;swbreak+;hwbreak+;qRelocInsn-;fork-events+;vfork-events+;"        \
    "exec-events+;vContSupported+;QThreadEvents+;no-resumed+;xmlRegisters=i386"

/* Splits `tcp:HOST:PORT` (also `HOST:PORT`, `[V6]:PORT`, `:PORT` for
 * 127.0.0.1) into malloc'd host and port. "Syntax error: ..." otherwise. */
int grsp_conn_parse_spec(const char *spec, char **host, char **port, struct lerr *e);

/* Connects to spec within timeout_ms (-1: the system's own). */
struct grsp_conn *grsp_conn_connect(const char *spec, int timeout_ms, struct lerr *e);
/* A connection over fds already open (a socketpair, a pipe pair, a stub's
 * stdio); it owns them from then on (rfd == wfd is fine). */
struct grsp_conn *grsp_conn_open_fds(int rfd, int wfd, struct lerr *e);
void grsp_conn_close(struct grsp_conn *c);

/* The timeout of each wait of a request (an ack, a reply), in ms. */
void grsp_conn_set_timeout(struct grsp_conn *c, int timeout_ms);
/* Receives the decoded bytes of `O` console-output packets (the program's
 * output that lldb-server forwards) met while waiting for a stop. */
typedef void grsp_output_fn(void *arg, const char *data, size_t len);
void grsp_conn_set_output(struct grsp_conn *c, grsp_output_fn *fn, void *arg);
bool grsp_conn_broken(const struct grsp_conn *c);
bool grsp_conn_noack(const struct grsp_conn *c);
/* The largest payload lindbg sends to this stub. */
size_t grsp_conn_max_send(const struct grsp_conn *c);
/* Bytes skipped outside packets, packets sent again after a `-`. */
uint64_t grsp_conn_garbage(const struct grsp_conn *c);
unsigned grsp_conn_resends(const struct grsp_conn *c);

/* Sends one packet and, unless in no-ack mode, waits for its `+` (sending
 * it again on `-`, a few times). */
int grsp_conn_send(struct grsp_conn *c, const void *payload, size_t len, struct lerr *e);
/* Sends a packet and reads its reply: *reply (NUL-terminated, len bytes)
 * stays valid until the next call on c. */
int grsp_conn_request(struct grsp_conn *c, const void *payload, size_t len, const char **reply,
                      size_t *reply_len, struct lerr *e);
/* The same for a NUL-terminated text packet. */
int grsp_conn_request_str(struct grsp_conn *c, const char *payload, const char **reply,
                          struct lerr *e);

/* Sends the interrupt byte 0x03 (never acknowledged). */
int grsp_conn_interrupt(struct grsp_conn *c, struct lerr *e);

enum grsp_wait_result {
    GRSP_WAIT_ERROR = -1,
    GRSP_WAIT_REPLY = 0,   /* *reply holds the stop reply (or W, X, E...) */
    GRSP_WAIT_TIMEOUT = 1, /* nothing yet: the target still runs */
    GRSP_WAIT_BROKEN = 2,  /* break_fd is readable (not read): the caller
                            * interrupts, or not, and waits again */
};
/* Waits for the reply to a resume: `O` packets go to the output callback
 * and the wait goes on. timeout_ms -1 waits for ever; break_fd (or -1) is
 * watched as well. */
enum grsp_wait_result grsp_conn_wait_stop(struct grsp_conn *c, int timeout_ms, int break_fd,
                                          const char **reply, size_t *reply_len, struct lerr *e);

/* `%` notifications (non-stop's %Stop) are kept in order: takes the oldest
 * (a malloc'd payload, NUL-terminated), or returns 0 when there is none. */
int grsp_conn_take_notification(struct grsp_conn *c, char **payload, size_t *len);

/* qSupported with GRSP_CONN_FEATURES, parsed into *out (free with
 * grsp_features_free), then QStartNoAckMode when the stub offers it. */
int grsp_conn_negotiate(struct grsp_conn *c, struct grsp_features *out, struct lerr *e);
/* Parses a qSupported answer. */
int grsp_features_parse(const char *answer, size_t len, struct grsp_features *out,
                        struct lerr *e);
/* A feature's value ("+", "-", "?" or what follows `=`), NULL if absent.
 * Points into f->raw; the `;` after it is not part of it: *vlen is the length. */
const char *grsp_features_get(const struct grsp_features *f, const char *name, size_t *vlen);
void grsp_features_free(struct grsp_features *f);

/* Reads a whole qXfer object (`qXfer:OBJECT:read:ANNEX:offset,length`)
 * in chunks into a malloc'd buffer, NUL-terminated. */
int grsp_conn_xfer_read(struct grsp_conn *c, const char *object, const char *annex, char **out,
                        size_t *len, struct lerr *e);

#endif
