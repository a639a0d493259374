/* A connection to a GDB remote stub: see gdbremote_conn.h. */
#include "target/gdbremote_conn.h"

#include <errno.h>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "target/gdbremote_packet.h"

#define RESENDS_MAX 3  /* `-` answers to one packet before giving up */
#define BAD_REPLIES_MAX 3
#define XFER_MAX (64u * 1024 * 1024)

struct notif {
    struct notif *next;
    char *payload;
    size_t len;
};

struct grsp_conn {
    int rfd, wfd;
    int timeout_ms;
    bool noack, broken;
    char broken_why[200];
    struct grsp_decoder dec;
    uint8_t in[16384];
    size_t in_off, in_len;
    char *out;                 /* the last packet as encoded, for resends */
    size_t out_cap, out_len;
    size_t max_send;
    unsigned resends;
    grsp_output_fn *output;
    void *output_arg;
    struct notif *notif_head, **notif_tail;
};

/* ---- small helpers ---------------------------------------------------------- */

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Marks c broken with the message already in e, and returns -1. */
static int set_broken(struct grsp_conn *c, struct lerr *e)
{
    c->broken = true;
    snprintf(c->broken_why, sizeof c->broken_why, "%.190s", e ? e->msg : "an earlier failure");
    return -1;
}

static int check_usable(struct grsp_conn *c, struct lerr *e)
{
    if (c->broken)
        return lerr_set_code(e, LERR_GONE, "Connection lost: earlier: %s", c->broken_why);
    return 0;
}

/* A short printable form of a packet for messages. */
static void describe(const char *p, size_t len, char *out, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < len && n + 4 < cap; i++)
        out[n++] = (p[i] >= ' ' && p[i] <= '~') ? p[i] : '.';
    if (len > 0 && n < len && n + 4 <= cap) {
        memcpy(out + n, "...", 3);
        n += 3;
    }
    out[n] = '\0';
}

static bool all_hex(const char *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strchr("0123456789abcdefABCDEF", p[i]) || !p[i])
            return false;
    return true;
}

/* ---- connecting ------------------------------------------------------------ */

int grsp_conn_parse_spec(const char *spec, char **host, char **port, struct lerr *e)
{
    const char *s = spec;
    *host = *port = NULL;
    if (strncmp(s, "tcp:", 4) == 0)
        s += 4;
    const char *h = s, *hend, *p;
    if (*s == '[') {
        h = s + 1;
        hend = strchr(h, ']');
        if (!hend || hend[1] != ':')
            return lerr_set(e, "Syntax error: expected tcp:[ADDRESS]:PORT, not '%s'", spec);
        p = hend + 2;
    } else {
        hend = strrchr(s, ':');
        if (!hend)
            return lerr_set(e, "Syntax error: expected tcp:HOST:PORT, not '%s'", spec);
        if (memchr(s, ':', (size_t)(hend - s)))
            return lerr_set(e, "Syntax error: an IPv6 address goes in brackets: tcp:[ADDRESS]:PORT");
        p = hend + 1;
    }
    char *end;
    errno = 0;
    long v = strtol(p, &end, 10);
    if (*p < '0' || *p > '9' || *end || errno || v < 1 || v > 65535)
        return lerr_set(e, "Syntax error: bad port '%s' in '%s' (1 to 65535)", p, spec);
    size_t hl = (size_t)(hend - h);
    *host = hl ? strndup(h, hl) : strdup("127.0.0.1");
    *port = strdup(p);
    if (!*host || !*port) {
        free(*host);
        free(*port);
        *host = *port = NULL;
        return lerr_set(e, "Out of memory");
    }
    return 0;
}

/* One address: a non-blocking connect waited for with poll. */
static int connect_one(const struct addrinfo *ai, int64_t deadline, int *err)
{
    int fd = socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK, ai->ai_protocol);
    if (fd < 0) {
        *err = errno;
        return -1;
    }
    if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0)
        return fd;
    if (errno != EINPROGRESS) {
        *err = errno;
        close(fd);
        return -1;
    }
    for (;;) {
        struct pollfd pf = {fd, POLLOUT, 0};
        int wait = deadline < 0 ? -1 : (int)(deadline - now_ms());
        if (deadline >= 0 && wait <= 0) {
            *err = ETIMEDOUT;
            close(fd);
            return -1;
        }
        int r = poll(&pf, 1, wait);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0) {
            *err = r == 0 ? ETIMEDOUT : errno;
            close(fd);
            return -1;
        }
        int soerr = 0;
        socklen_t sl = sizeof soerr;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &soerr, &sl);
        if (soerr) {
            *err = soerr;
            close(fd);
            return -1;
        }
        return fd;
    }
}

struct grsp_conn *grsp_conn_connect(const char *spec, int timeout_ms, struct lerr *e)
{
    char *host, *port;
    if (grsp_conn_parse_spec(spec, &host, &port, e) < 0)
        return NULL;
    struct addrinfo hints = {0}, *res = NULL;
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    int gr = getaddrinfo(host, port, &hints, &res);
    if (gr != 0) {
        lerr_set_code(e, LERR_NOT_FOUND, "Couldn't connect to %s:%s: %s", host, port,
                      gr == EAI_SYSTEM ? strerror(errno) : gai_strerror(gr));
        free(host);
        free(port);
        return NULL;
    }
    int64_t deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    int fd = -1, err = ECONNREFUSED;
    for (struct addrinfo *ai = res; ai && fd < 0; ai = ai->ai_next)
        fd = connect_one(ai, deadline, &err);
    freeaddrinfo(res);
    struct grsp_conn *c = NULL;
    if (fd < 0) {
        if (err == ETIMEDOUT)
            lerr_set(e, "Timed out: connecting to %s:%s took over %d ms", host, port, timeout_ms);
        else
            lerr_set_code(e, lerr_code_of_errno(err), "Couldn't connect to %s:%s: %s", host, port,
                          strerror(err));
    } else {
        /* small packets both ways: Nagle would hold each back for an ack */
        int one = 1;
        setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
        c = grsp_conn_open_fds(fd, fd, e);
    }
    free(host);
    free(port);
    return c;
}

struct grsp_conn *grsp_conn_open_fds(int rfd, int wfd, struct lerr *e)
{
    struct grsp_conn *c = calloc(1, sizeof *c);
    if (!c || grsp_decoder_init(&c->dec, 0, e) < 0) {
        if (!c)
            lerr_set(e, "Out of memory");
        free(c);
        close(rfd);
        if (wfd != rfd)
            close(wfd);
        return NULL;
    }
    c->rfd = rfd;
    c->wfd = wfd;
    fcntl(rfd, F_SETFL, fcntl(rfd, F_GETFL) | O_NONBLOCK);
    fcntl(wfd, F_SETFL, fcntl(wfd, F_GETFL) | O_NONBLOCK);
    c->timeout_ms = GRSP_CONN_DEFAULT_TIMEOUT_MS;
    c->max_send = GRSP_DEFAULT_MAX_PAYLOAD;
    c->notif_tail = &c->notif_head;
    return c;
}

void grsp_conn_close(struct grsp_conn *c)
{
    if (!c)
        return;
    close(c->rfd);
    if (c->wfd != c->rfd)
        close(c->wfd);
    grsp_decoder_free(&c->dec);
    free(c->out);
    for (struct notif *n = c->notif_head, *next; n; n = next) {
        next = n->next;
        free(n->payload);
        free(n);
    }
    free(c);
}

void grsp_conn_set_timeout(struct grsp_conn *c, int timeout_ms) { c->timeout_ms = timeout_ms; }

void grsp_conn_set_output(struct grsp_conn *c, grsp_output_fn *fn, void *arg)
{
    c->output = fn;
    c->output_arg = arg;
}

bool grsp_conn_broken(const struct grsp_conn *c) { return c->broken; }
bool grsp_conn_noack(const struct grsp_conn *c) { return c->noack; }
size_t grsp_conn_max_send(const struct grsp_conn *c) { return c->max_send; }
uint64_t grsp_conn_garbage(const struct grsp_conn *c) { return c->dec.garbage; }
unsigned grsp_conn_resends(const struct grsp_conn *c) { return c->resends; }

/* ---- bytes ------------------------------------------------------------------ */

static int write_all(struct grsp_conn *c, const void *data, size_t len, struct lerr *e)
{
    const char *p = data;
    int64_t deadline = c->timeout_ms < 0 ? -1 : now_ms() + c->timeout_ms;
    while (len > 0) {
        /* send() so that a closed peer is an EPIPE, not a SIGPIPE */
        ssize_t n = send(c->wfd, p, len, MSG_NOSIGNAL);
        if (n < 0 && errno == ENOTSOCK)
            n = write(c->wfd, p, len);
        if (n > 0) {
            p += n;
            len -= (size_t)n;
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            struct pollfd pf = {c->wfd, POLLOUT, 0};
            int wait = deadline < 0 ? -1 : (int)(deadline - now_ms());
            if (deadline >= 0 && wait <= 0) {
                lerr_set(e, "Timed out: the stub took no data for %d ms", c->timeout_ms);
                return set_broken(c, e);
            }
            if (poll(&pf, 1, wait) < 0 && errno != EINTR) {
                lerr_set(e, "Connection lost: %s", strerror(errno));
                return set_broken(c, e);
            }
            continue;
        }
        lerr_set_code(e, LERR_GONE, "Connection lost: %s",
                      n == 0 ? "nothing written" : strerror(errno));
        return set_broken(c, e);
    }
    return 0;
}

enum { RD_OK = 0, RD_TIMEOUT = 1, RD_BREAK = 2 };

/* Reads more bytes into c->in (empty on entry) within deadline (-1: none),
 * watching break_fd too. */
static int fill(struct grsp_conn *c, int64_t deadline, int break_fd, struct lerr *e)
{
    for (;;) {
        struct pollfd pf[2] = {{c->rfd, POLLIN, 0}, {break_fd, POLLIN, 0}};
        int wait = deadline < 0 ? -1 : (int)(deadline - now_ms());
        if (deadline >= 0 && wait < 0)
            wait = 0;
        int r = poll(pf, break_fd >= 0 ? 2 : 1, wait);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            lerr_set(e, "Connection lost: %s", strerror(errno));
            return set_broken(c, e);
        }
        if (r == 0)
            return RD_TIMEOUT;
        if (break_fd >= 0 && (pf[1].revents & (POLLIN | POLLHUP)) && !(pf[0].revents & POLLIN))
            return RD_BREAK;
        if (!pf[0].revents)
            continue;
        ssize_t n = read(c->rfd, c->in, sizeof c->in);
        if (n < 0 && (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK))
            continue;
        if (n <= 0) {
            bool mid = c->dec.state != 0;
            lerr_set_code(e, LERR_GONE, "Connection lost: the stub %s%s",
                          n == 0 ? "closed the connection" : strerror(errno),
                          mid ? " in the middle of a packet" : "");
            return set_broken(c, e);
        }
        c->in_off = 0;
        c->in_len = (size_t)n;
        return RD_OK;
    }
}

/* The next decoder event, reading as needed. */
static int next_event(struct grsp_conn *c, int64_t deadline, int break_fd, struct grsp_event *ev,
                      struct lerr *e)
{
    for (;;) {
        if (c->in_off < c->in_len) {
            size_t took = grsp_decoder_feed(&c->dec, c->in + c->in_off, c->in_len - c->in_off, ev);
            c->in_off += took;
            if (ev->kind != GRSP_EV_NONE)
                return RD_OK;
        }
        c->in_off = c->in_len = 0;
        int r = fill(c, deadline, break_fd, e);
        if (r != RD_OK)
            return r;
    }
}

static int keep_notification(struct grsp_conn *c, const struct grsp_event *ev)
{
    struct notif *n = malloc(sizeof *n);
    char *p = malloc(ev->len + 1);
    if (!n || !p) {
        free(n);
        free(p);
        return -1;
    }
    memcpy(p, ev->payload, ev->len + 1);
    n->payload = p;
    n->len = ev->len;
    n->next = NULL;
    *c->notif_tail = n;
    c->notif_tail = &n->next;
    return 0;
}

int grsp_conn_take_notification(struct grsp_conn *c, char **payload, size_t *len)
{
    struct notif *n = c->notif_head;
    if (!n)
        return 0;
    c->notif_head = n->next;
    if (!c->notif_head)
        c->notif_tail = &c->notif_head;
    *payload = n->payload;
    *len = n->len;
    free(n);
    return 1;
}

/* ---- packets ---------------------------------------------------------------- */

static int send_ack(struct grsp_conn *c, char ack, struct lerr *e)
{
    return ack ? write_all(c, &ack, 1, e) : 0;
}

int grsp_conn_send(struct grsp_conn *c, const void *payload, size_t len, struct lerr *e)
{
    if (check_usable(c, e) < 0)
        return -1;
    if (len > c->max_send)
        return lerr_set(e, "Protocol error: a packet of %zu bytes is over the stub's limit of %zu",
                        len, c->max_send);
    size_t need = grsp_encode_bound(len);
    if (need > c->out_cap) {
        char *nb = realloc(c->out, need);
        if (!nb)
            return lerr_set(e, "Out of memory for a packet of %zu bytes", len);
        c->out = nb;
        c->out_cap = need;
    }
    c->out_len = grsp_encode(payload, len, c->out);
    if (write_all(c, c->out, c->out_len, e) < 0)
        return -1;
    if (c->noack)
        return 0;
    int64_t deadline = c->timeout_ms < 0 ? -1 : now_ms() + c->timeout_ms;
    unsigned nacks = 0;
    for (;;) {
        struct grsp_event ev;
        int r = next_event(c, deadline, -1, &ev, e);
        if (r == RD_TIMEOUT) {
            char d[48];
            describe(payload, len, d, sizeof d);
            lerr_set(e, "Timed out: no acknowledgement of '%s' within %d ms", d, c->timeout_ms);
            return set_broken(c, e);
        }
        if (r != RD_OK)
            return -1;
        switch (ev.kind) {
        case GRSP_EV_ACK:
            return 0;
        case GRSP_EV_NACK:
            if (++nacks > RESENDS_MAX) {
                lerr_set(e, "Protocol error: the stub refused a packet %u times", nacks);
                return set_broken(c, e);
            }
            c->resends++;
            if (write_all(c, c->out, c->out_len, e) < 0)
                return -1;
            break;
        case GRSP_EV_NOTIFY:
            if (keep_notification(c, &ev) < 0)
                return lerr_set(e, "Out of memory for a notification");
            break;
        default:
            /* a packet before the ack: an old reply whose ack was lost
             * (GDB's reading too); take it and wait on */
            if (send_ack(c, ev.ack, e) < 0)
                return -1;
            break;
        }
    }
}

/* Reads one `$` packet (the reply), answering acks; notifications are kept
 * aside. With out_fn, `O` packets go to it and reading goes on. */
static int read_reply(struct grsp_conn *c, int timeout_ms, int break_fd, bool stop,
                      const char **reply, size_t *reply_len, struct lerr *e)
{
    int64_t deadline = timeout_ms < 0 ? -1 : now_ms() + timeout_ms;
    unsigned bad = 0;
    for (;;) {
        struct grsp_event ev;
        int r = next_event(c, deadline, break_fd, &ev, e);
        if (r != RD_OK)
            return r;
        switch (ev.kind) {
        case GRSP_EV_PACKET:
            if (send_ack(c, ev.ack, e) < 0)
                return -1;
            if (stop && ev.len >= 3 && ev.payload[0] == 'O' && ev.len % 2 == 1 &&
                all_hex(ev.payload + 1, ev.len - 1)) {
                /* decoded in pieces: the output may be long */
                char buf[4096];
                for (size_t off = 1; off < ev.len; off += 2 * sizeof buf) {
                    size_t hl = ev.len - off < 2 * sizeof buf ? ev.len - off : 2 * sizeof buf;
                    long n = grsp_hex_decode(ev.payload + off, hl, buf, sizeof buf);
                    if (n > 0 && c->output)
                        c->output(c->output_arg, buf, (size_t)n);
                }
                if (timeout_ms >= 0)
                    deadline = now_ms() + timeout_ms; /* the stub is alive */
                break;
            }
            *reply = ev.payload;
            *reply_len = ev.len;
            return RD_OK;
        case GRSP_EV_NOTIFY:
            if (keep_notification(c, &ev) < 0)
                return lerr_set(e, "Out of memory for a notification");
            break;
        case GRSP_EV_BAD_CHECKSUM:
        case GRSP_EV_BAD_PACKET:
            if (c->noack || ++bad > BAD_REPLIES_MAX) {
                lerr_set(e, "Protocol error: a garbled reply (%s)", ev.why);
                return set_broken(c, e);
            }
            if (send_ack(c, ev.ack, e) < 0) /* '-': the stub sends it again */
                return -1;
            break;
        case GRSP_EV_OVERSIZE:
            /* taken whole, so the stream is still in step */
            return lerr_set(e, "Protocol error: a reply over %zu bytes", c->dec.max_payload);
        case GRSP_EV_NACK:
            /* the stub lost our last packet (in ack mode it says so late) */
            if (!c->noack && c->out_len) {
                c->resends++;
                if (write_all(c, c->out, c->out_len, e) < 0)
                    return -1;
            }
            break;
        default: /* stray acks, interrupts: nothing to do */
            break;
        }
    }
}

int grsp_conn_request(struct grsp_conn *c, const void *payload, size_t len, const char **reply,
                      size_t *reply_len, struct lerr *e)
{
    if (grsp_conn_send(c, payload, len, e) < 0)
        return -1;
    int r = read_reply(c, c->timeout_ms, -1, false, reply, reply_len, e);
    if (r == RD_TIMEOUT) {
        char d[48];
        describe(payload, len, d, sizeof d);
        lerr_set(e, "Timed out: no reply to '%s' within %d ms", d, c->timeout_ms);
        return set_broken(c, e);
    }
    return r;
}

int grsp_conn_request_str(struct grsp_conn *c, const char *payload, const char **reply,
                          struct lerr *e)
{
    size_t len;
    return grsp_conn_request(c, payload, strlen(payload), reply, &len, e);
}

int grsp_conn_interrupt(struct grsp_conn *c, struct lerr *e)
{
    if (check_usable(c, e) < 0)
        return -1;
    return write_all(c, "\x03", 1, e);
}

enum grsp_wait_result grsp_conn_wait_stop(struct grsp_conn *c, int timeout_ms, int break_fd,
                                          const char **reply, size_t *reply_len, struct lerr *e)
{
    if (check_usable(c, e) < 0)
        return GRSP_WAIT_ERROR;
    int r = read_reply(c, timeout_ms, break_fd, true, reply, reply_len, e);
    switch (r) {
    case RD_OK:
        return GRSP_WAIT_REPLY;
    case RD_TIMEOUT:
        return GRSP_WAIT_TIMEOUT;
    case RD_BREAK:
        return GRSP_WAIT_BROKEN;
    default:
        return GRSP_WAIT_ERROR;
    }
}

/* ---- qSupported --------------------------------------------------------------- */

/* Whether the answer holds NAME+ (a named feature supported). */
static bool has_plus(const struct grsp_features *f, const char *name)
{
    size_t vl;
    const char *v = grsp_features_get(f, name, &vl);
    return v && vl == 1 && v[0] == '+';
}

const char *grsp_features_get(const struct grsp_features *f, const char *name, size_t *vlen)
{
    size_t nl = strlen(name);
    for (const char *p = f->raw; p && *p;) {
        const char *end = strchr(p, ';');
        size_t il = end ? (size_t)(end - p) : strlen(p);
        if (il == nl + 1 && strncmp(p, name, nl) == 0 && strchr("+-?", p[nl])) {
            *vlen = 1;
            return p + nl;
        }
        if (il > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
            *vlen = il - nl - 1;
            return p + nl + 1;
        }
        p = end ? end + 1 : p + il;
    }
    return NULL;
}

int grsp_features_parse(const char *answer, size_t len, struct grsp_features *out,
                        struct lerr *e)
{
    memset(out, 0, sizeof *out);
    if (len == 0)
        return lerr_set_code(e, LERR_UNSUPPORTED, "Unsupported: the stub does not answer qSupported");
    if (answer[0] == 'E' && len == 3)
        return lerr_set(e, "Remote error: qSupported answered %.*s", (int)len, answer);
    if (memchr(answer, '\0', len))
        return lerr_set(e, "Protocol error: a NUL in the qSupported answer");
    out->raw = strndup(answer, len);
    if (!out->raw)
        return lerr_set(e, "Out of memory");
    size_t vl;
    const char *v = grsp_features_get(out, "PacketSize", &vl);
    if (v) {
        /* hex, as the manual says and GDB and LLDB read it (see the header) */
        uint64_t n = 0;
        size_t i = 0;
        for (; i < vl && i < 16; i++) {
            char ch = v[i];
            int d = ch >= '0' && ch <= '9' ? ch - '0'
                    : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
                    : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10 : -1;
            if (d < 0)
                break;
            n = n * 16 + (uint64_t)d;
        }
        if (i != vl || vl == 0 || n == 0) {
            grsp_features_free(out);
            return lerr_set(e, "Protocol error: bad PacketSize '%.*s' in the qSupported answer",
                            (int)(vl > 40 ? 40 : vl), v);
        }
        out->packet_size = n;
    }
    out->xfer_features = has_plus(out, "qXfer:features:read");
    out->xfer_libraries_svr4 = has_plus(out, "qXfer:libraries-svr4:read");
    out->xfer_auxv = has_plus(out, "qXfer:auxv:read");
    out->xfer_exec_file = has_plus(out, "qXfer:exec-file:read");
    out->xfer_siginfo = has_plus(out, "qXfer:siginfo:read");
    out->xfer_threads = has_plus(out, "qXfer:threads:read");
    out->augmented_svr4 = has_plus(out, "augmented-libraries-svr4-read");
    out->start_noack = has_plus(out, "QStartNoAckMode");
    out->multiprocess = has_plus(out, "multiprocess");
    out->swbreak = has_plus(out, "swbreak");
    out->hwbreak = has_plus(out, "hwbreak");
    out->vcont_supported = has_plus(out, "vContSupported");
    out->pass_signals = has_plus(out, "QPassSignals");
    out->program_signals = has_plus(out, "QProgramSignals");
    out->fork_events = has_plus(out, "fork-events");
    out->vfork_events = has_plus(out, "vfork-events");
    out->exec_events = has_plus(out, "exec-events");
    out->thread_events = has_plus(out, "QThreadEvents");
    out->no_resumed = has_plus(out, "no-resumed");
    out->non_stop = has_plus(out, "QNonStop");
    out->disable_randomization = has_plus(out, "QDisableRandomization");
    out->thread_suffix = has_plus(out, "QThreadSuffixSupported");
    out->list_threads_in_stop_reply = has_plus(out, "QListThreadsInStopReply");
    out->native_signals = has_plus(out, "native-signals");
    out->qecho = has_plus(out, "qEcho");
    return 0;
}

void grsp_features_free(struct grsp_features *f)
{
    free(f->raw);
    f->raw = NULL;
}

int grsp_conn_negotiate(struct grsp_conn *c, struct grsp_features *out, struct lerr *e)
{
    const char *reply;
    size_t len;
    static const char q[] = "qSupported:" GRSP_CONN_FEATURES;
    memset(out, 0, sizeof *out);
    if (grsp_conn_request(c, q, sizeof q - 1, &reply, &len, e) < 0)
        return -1;
    if (grsp_features_parse(reply, len, out, e) < 0)
        return -1;
    if (out->packet_size) {
        /* replies up to the stub's size (bounded); sends up to it, less the
         * framing, never over the default (see the header on lldb-server) */
        uint64_t ps = out->packet_size;
        size_t want = ps > GRSP_HARD_MAX_PAYLOAD ? GRSP_HARD_MAX_PAYLOAD : (size_t)ps;
        if (want > c->dec.max_payload)
            c->dec.max_payload = want;
        if (ps < 64) /* no stub is that small: a garbled value */
            ps = 64;
        c->max_send = ps - 5 < GRSP_DEFAULT_MAX_PAYLOAD ? (size_t)ps - 5 : GRSP_DEFAULT_MAX_PAYLOAD;
    }
    if (out->start_noack) {
        if (grsp_conn_request_str(c, "QStartNoAckMode", &reply, e) < 0) {
            grsp_features_free(out);
            return -1;
        }
        /* the OK was acknowledged above; from here on neither side acks */
        if (strcmp(reply, "OK") == 0) {
            c->noack = true;
            c->dec.noack = true;
        }
    }
    return 0;
}

/* ---- qXfer ------------------------------------------------------------------ */

int grsp_conn_xfer_read(struct grsp_conn *c, const char *object, const char *annex, char **out,
                        size_t *len, struct lerr *e)
{
    *out = NULL;
    *len = 0;
    /* a chunk's reply is `m` + data with escapes: ask for what fits twice */
    size_t lim = c->dec.max_payload < c->max_send ? c->dec.max_payload : c->max_send;
    size_t chunk = lim / 2 > 16 ? lim / 2 - 16 : 16;
    char *buf = NULL;
    size_t n = 0;
    for (;;) {
        char req[300];
        int rl = snprintf(req, sizeof req, "qXfer:%s:read:%s:%zx,%zx", object, annex, n, chunk);
        if (rl < 0 || (size_t)rl >= sizeof req) {
            free(buf);
            return lerr_set(e, "Syntax error: qXfer object or annex too long");
        }
        const char *reply;
        size_t rlen;
        if (grsp_conn_request(c, req, (size_t)rl, &reply, &rlen, e) < 0) {
            free(buf);
            return -1;
        }
        if (rlen == 0 || (reply[0] != 'm' && reply[0] != 'l')) {
            free(buf);
            if (rlen == 0)
                return lerr_set_code(e, LERR_UNSUPPORTED,
                                     "Unsupported: the stub does not offer qXfer:%s:read", object);
            if (reply[0] == 'E')
                return lerr_set(e, "Remote error: qXfer:%s:read:%s at %zu answered %.*s", object,
                                annex, n, (int)(rlen > 40 ? 40 : rlen), reply);
            return lerr_set(e, "Protocol error: qXfer:%s:read answered '%c...'", object, reply[0]);
        }
        size_t got = rlen - 1;
        if (n + got > XFER_MAX) {
            free(buf);
            return lerr_set(e, "Protocol error: qXfer:%s:read goes on past %u bytes", object,
                            XFER_MAX);
        }
        char *nb = realloc(buf, n + got + 1);
        if (!nb) {
            free(buf);
            return lerr_set(e, "Out of memory for qXfer:%s:read", object);
        }
        buf = nb;
        memcpy(buf + n, reply + 1, got);
        n += got;
        buf[n] = '\0';
        if (reply[0] == 'l')
            break;
        if (got == 0) {
            /* `m` with nothing would loop for ever */
            free(buf);
            return lerr_set(e, "Protocol error: qXfer:%s:read sent an empty chunk at %zu", object,
                            n);
        }
    }
    *out = buf;
    *len = n;
    return 0;
}
