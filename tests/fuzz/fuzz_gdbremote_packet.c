/* Fuzz target: the GDB remote protocol's packet decoder and stop-reply
 * parser (target/gdbremote_packet.h). The first two bytes choose the chunk
 * sizes the rest is fed in (as a socket would cut it) and the third the
 * payload limit; every decoded payload goes through the stop-reply parser
 * and is encoded and decoded again, which must give it back. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "target/gdbremote_packet.h"

static void check_payload(const char *p, size_t len)
{
    struct grsp_stop st;
    struct lerr e;
    if (grsp_parse_stop(p, len, &st, &e) == 0) {
        uint8_t buf[64];
        for (size_t i = 0; i < st.nregs; i++)
            if (st.regs[i].hexlen <= 2 * sizeof buf)
                grsp_hex_decode(st.regs[i].hex, st.regs[i].hexlen, buf, sizeof buf);
        for (size_t i = 0, n; i < st.text_len; i += n) {
            n = st.text_len - i < 2 * sizeof buf ? st.text_len - i : 2 * sizeof buf;
            grsp_hex_decode(st.text + i, n, buf, sizeof buf);
        }
    }
    /* round trip */
    char *wire = malloc(grsp_encode_bound(len));
    size_t wlen = grsp_encode(p, len, wire);
    struct grsp_decoder d;
    if (grsp_decoder_init(&d, GRSP_HARD_MAX_PAYLOAD, NULL) < 0)
        abort();
    struct grsp_event ev;
    size_t took = grsp_decoder_feed(&d, wire, wlen, &ev);
    if (took != wlen || ev.kind != GRSP_EV_PACKET || ev.len != len || memcmp(ev.payload, p, len) != 0)
        abort();
    grsp_decoder_free(&d);
    free(wire);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 3)
        return 0;
    unsigned seed = (unsigned)data[0] << 8 | data[1];
    size_t limit = data[2] < 128 ? (size_t)data[2] * 4 + 1 : 0;
    data += 3;
    size -= 3;
    struct grsp_decoder d;
    if (grsp_decoder_init(&d, limit, NULL) < 0)
        abort();
    d.noack = seed & 1;
    size_t off = 0;
    while (off < size) {
        seed = seed * 1103515245u + 12345u;
        size_t chunk = 1 + (seed >> 16) % 64;
        if (chunk > size - off)
            chunk = size - off;
        const uint8_t *p = data + off;
        size_t left = chunk;
        off += chunk;
        while (left > 0) {
            struct grsp_event ev;
            size_t took = grsp_decoder_feed(&d, p, left, &ev);
            if (took > left || (ev.kind == GRSP_EV_NONE && took != left))
                abort();
            p += took;
            left -= took;
            if (ev.kind == GRSP_EV_PACKET || ev.kind == GRSP_EV_NOTIFY) {
                if (ev.len > d.max_payload || ev.payload[ev.len] != '\0')
                    abort();
                check_payload(ev.payload, ev.len);
            }
            if (d.cap > d.max_payload + 1)
                abort();
            if (ev.kind == GRSP_EV_NONE)
                break;
        }
    }
    grsp_decoder_free(&d);
    return 0;
}
