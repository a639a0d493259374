#include "arch/x86_64/disasm.h"

#include <Zydis/Zydis.h>
#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Zydis prints "mov rdi, rsp"; WinDbg pads the mnemonic to 8 columns and
 * puts no space after the commas. Prefixes (rep, lock) stay with the
 * mnemonic. */
static void windbg_layout(const char *in, char *out, size_t size)
{
    static const char *const prefixes[] = {"rep ", "repe ", "repne ", "lock ", "bnd ", "notrack ", "xacquire ", "xrelease ", "repz ", "repnz ", NULL};
    size_t o = 0;
    const char *p = in;
    /* mnemonic, with its prefixes */
    for (;;) {
        int matched = 0;
        for (int i = 0; prefixes[i]; i++) {
            size_t n = strlen(prefixes[i]);
            if (strncmp(p, prefixes[i], n) == 0) {
                for (size_t k = 0; k < n && o + 1 < size; k++)
                    out[o++] = p[k];
                p += n;
                matched = 1;
            }
        }
        if (!matched)
            break;
    }
    while (*p && *p != ' ' && o + 1 < size)
        out[o++] = *p++;
    if (*p == ' ') {
        p++;
        do {
            if (o + 1 < size)
                out[o++] = ' ';
        } while (o < 8);
    }
    for (; *p && o + 1 < size; p++) {
        if (*p == ' ' && p > in && p[-1] == ',')
            continue;
        out[o++] = *p;
    }
    out[o] = '\0';
}

/* Zydis 4.0.0 passes runtime_address 0 to hooks, so the address travels
 * here. */
struct hook_ctx {
    uint64_t addr;
    x86_symbolizer sym;
    void *sym_ctx;
};

static ZydisFormatterFunc default_print_address_abs;

/* Branch targets and RIP-relative addresses: "name (00005555`55555149)"
 * when the caller knows a name, else the address in WinDbg's form. */
static ZyanStatus print_address_abs(const ZydisFormatter *f, ZydisFormatterBuffer *buf,
                                    ZydisFormatterContext *ctx)
{
    struct hook_ctx *hc = ctx->user_data;
    ZyanU64 addr;
    if (!hc || ZYAN_FAILED(ZydisCalcAbsoluteAddress(ctx->instruction, ctx->operand,
                                                    hc->addr, &addr)))
        return default_print_address_abs(f, buf, ctx);
    char name[160], text[224];
    int named = hc && hc->sym && hc->sym(hc->sym_ctx, addr, name, sizeof name) == 0;
    if (named)
        snprintf(text, sizeof text, "%s (%08x`%08x)", name, (unsigned)(addr >> 32), (unsigned)addr);
    else
        snprintf(text, sizeof text, "%08x`%08x", (unsigned)(addr >> 32), (unsigned)addr);
    ZYAN_CHECK(ZydisFormatterBufferAppend(buf, ZYDIS_TOKEN_ADDRESS_ABS));
    ZyanString *s;
    ZYAN_CHECK(ZydisFormatterBufferGetString(buf, &s));
    ZyanStringView view;
    ZYAN_CHECK(ZyanStringViewInsideBuffer(&view, text));
    return ZyanStringAppend(s, &view);
}

/* Zydis' decoder and formatter: set up once, never changed after (their
 * per-call state, the address and the symbolizer, goes through hook_ctx). */
static int formatter_ready;
static ZydisFormatter formatter;
static ZydisDecoder decoder;

static void init_once(void)
{
    if (formatter_ready)
        return;
    ZydisDecoderInit(&decoder, ZYDIS_MACHINE_MODE_LONG_64, ZYDIS_STACK_WIDTH_64);
    ZydisFormatterInit(&formatter, ZYDIS_FORMATTER_STYLE_INTEL_MASM);
    ZydisFormatterSetProperty(&formatter, ZYDIS_FORMATTER_PROP_HEX_UPPERCASE, ZYAN_TRUE);
    ZydisFormatterSetProperty(&formatter, ZYDIS_FORMATTER_PROP_IMM_SIGNEDNESS,
                              ZYDIS_SIGNEDNESS_UNSIGNED);
    default_print_address_abs = (ZydisFormatterFunc)&print_address_abs;
    ZydisFormatterSetHook(&formatter, ZYDIS_FORMATTER_FUNC_PRINT_ADDRESS_ABS,
                          (const void **)&default_print_address_abs);
    formatter_ready = 1;
}

int x86_disasm(uint64_t addr, const uint8_t *code, size_t len, struct x86_insn *insn,
               x86_symbolizer sym, void *sym_ctx)
{
    ZydisDecodedInstruction di;
    ZydisDecodedOperand ops[ZYDIS_MAX_OPERAND_COUNT];
    init_once();
    memset(insn, 0, sizeof *insn);
    if (ZYAN_FAILED(ZydisDecoderDecodeFull(&decoder, code, len, &di, ops))) {
        strcpy(insn->text, "???");
        return -1;
    }
    char raw[192];
    struct hook_ctx hc = {addr, sym, sym_ctx};
    if (ZYAN_FAILED(ZydisFormatterFormatInstruction(&formatter, &di, ops, di.operand_count_visible,
                                                    raw, sizeof raw, addr, &hc))) {
        strcpy(insn->text, "???");
        return -1;
    }
    windbg_layout(raw, insn->text, sizeof insn->text);
    insn->length = di.length;
    insn->is_call = di.meta.category == ZYDIS_CATEGORY_CALL;
    insn->is_ret = di.meta.category == ZYDIS_CATEGORY_RET;
    if (di.attributes & ZYDIS_ATTRIB_IS_RELATIVE && di.operand_count_visible > 0 &&
        ops[0].type == ZYDIS_OPERAND_TYPE_IMMEDIATE) {
        ZyanU64 t;
        if (ZYAN_SUCCESS(ZydisCalcAbsoluteAddress(&di, &ops[0], addr, &t)))
            insn->branch_target = t;
    }
    return 0;
}
