/* Fuzz target: the MASM expression evaluator, with a fake register set,
 * two symbols and 4 KiB of fake memory at 0x1000. The first byte picks the
 * radix. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "expr/expr.h"

static uint8_t mem[4096];

static int reg(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    (void)e;
    static const char *const names[] = {"rax", "rbx", "rip", "rsp", "$t0", "$ip", NULL};
    for (int i = 0; names[i]; i++) {
        if (strlen(names[i]) == len && !memcmp(names[i], name, len)) {
            *v = 0x1000 + (uint64_t)i * 8;
            return 1;
        }
    }
    return 0;
}

static int symbol(void *ctx, const char *name, size_t len, uint64_t *v, struct lerr *e)
{
    (void)ctx;
    if (len == 3 && !memcmp(name, "foo", 3)) {
        *v = 0x1010;
        return 1;
    }
    if (len == 7 && !memcmp(name, "mod!bar", 7)) {
        *v = 0x1ff8;
        return 1;
    }
    if (len == 3 && !memcmp(name, "amb", 3))
        return lerr_set(e, "Ambiguous symbol");
    return 0;
}

static int rd(void *ctx, uint64_t addr, void *buf, size_t len)
{
    (void)ctx;
    if (addr < 0x1000 || len > sizeof mem || addr - 0x1000 > sizeof mem - len)
        return -1;
    memcpy(buf, mem + (addr - 0x1000), len);
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1 || size > 2048)
        return 0;
    static const int radixes[] = {16, 10, 8, 2};
    for (size_t i = 0; i < sizeof mem; i++)
        mem[i] = (uint8_t)(i * 7);
    struct expr_env env = {NULL, radixes[data[0] & 3], reg, symbol, rd};
    char *text = malloc(size);
    memcpy(text, data + 1, size - 1);
    text[size - 1] = '\0';
    uint64_t v;
    struct lerr e;
    const char *end;
    expr_eval_all(&env, text, &v, &e);
    if (expr_eval(&env, text, &end, &v, &e) == 0 && (end < text || end > text + size - 1))
        abort(); /* end must point into the text */
    expr_parse_number(text, strlen(text), env.radix, &v);
    free(text);
    return 0;
}
