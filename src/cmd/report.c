/* What the user sees when something happens: WinDbg's event lines
 * (ModLoad, thread and process events; what they do to breakpoints is
 * the breakpoint manager's), and at each stop the reason, the
 * registers and the current instruction. */
#include "arch/x86_64/disasm.h"
#include "arch/x86_64/regs.h"
#include "sym/lines.h"
#include "cmd/dbg.h"
#include "ui/format.h"

#include <string.h>

void dbg_on_event(void *ctx, const struct eng_event *ev)
{
    struct dbg *d = ctx;
    char a[FMT_ADDR_LEN], b[FMT_ADDR_LEN], sn[24];
    switch (ev->kind) {
    case ENG_EVT_MODLOAD:
        fprintf(d->out, "ModLoad: %s %s   %s\n", fmt_addr(a, ev->start), fmt_addr(b, ev->end),
                ev->path);
        break;
    case ENG_EVT_MODUNLOAD:
        fprintf(d->out, "Unload module %s at %s\n", ev->path, fmt_addr(a, ev->start));
        break;
    case ENG_EVT_THREAD_CREATE:
        fprintf(d->out, "(%x.%x): Create thread %d:%03d\n", ev->pid, ev->tid, ev->proc_index,
                ev->thread_index);
        break;
    case ENG_EVT_THREAD_EXIT:
        fprintf(d->out, "(%x.%x): Exit thread %d:%03d, code %x\n", ev->pid, ev->tid,
                ev->proc_index, ev->thread_index, ev->code);
        break;
    case ENG_EVT_PROCESS_EXIT:
        if (ev->sig)
            fprintf(d->out, "(%x.%x): Exit process %d:%x, killed by %s\n", ev->pid, ev->tid,
                    ev->proc_index, ev->pid, fmt_signame(ev->sig, sn));
        else
            fprintf(d->out, "(%x.%x): Exit process %d:%x, code %x\n", ev->pid, ev->tid,
                    ev->proc_index, ev->pid, ev->code);
        break;
    case ENG_EVT_SIGNAL:
        fprintf(d->out, "(%x.%x): Signal %s (first chance) - passed on\n", ev->pid, ev->tid,
                fmt_signame(ev->sig, sn));
        break;
    case ENG_EVT_PROCESS_CREATE:
        fprintf(d->out, "(%x.%x): Create process %d:%x (child of %x) %s\n", ev->pid, ev->tid,
                ev->proc_index, ev->pid, ev->code, ev->path);
        break;
    case ENG_EVT_EXEC:
        fprintf(d->out, "(%x.%x): Exec %s\n", ev->pid, ev->tid, ev->path);
        break;
    case ENG_EVT_PROCESS_LEFT:
        break; /* the command that let it go says so */
    case ENG_EVT_CXX_THROW: {
        char words[640];
        dbg_cxx_throw_words(d, ev->pid, ev->start, words, sizeof words);
        fprintf(d->out, "(%x.%x): %s\n", ev->pid, ev->tid, words);
        break;
    }
    }
    /* the target runs on and writes to the same terminal: keep the order */
    fflush(d->out);
}

int dbg_symbolizer(void *ctx, uint64_t addr, char *buf, size_t size)
{
    struct dbg *d = ctx;
    struct sym_space *sp = eng_syms(d->s);
    return sp && sym_describe(sp, addr, buf, size) == 0 ? 0 : -1;
}

int dbg_print_current_insn(struct dbg *d)
{
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), &d->err);
    if (!r)
        return -1;
    char label[768];
    struct sym_space *sp = eng_syms(d->s);
    uint8_t probe;
    if (sp && eng_read(d->s, r->rip, &probe, 1, NULL) == 0 &&
        dbg_describe_code(sp, r->rip, label, sizeof label) >= 0)
        fprintf(d->out, "%s:\n", label);
    dbg_print_insn(d, "", r->rip);
    return 0;
}

int dbg_print_registers(struct dbg *d)
{
    if (dbg_need_process(d) < 0)
        return -1;
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), &d->err);
    if (!r)
        return -1;
    char fl[32];
    x86_flags_text(r->eflags, fl);
    fprintf(d->out,
            "rax=%016llx rbx=%016llx rcx=%016llx\n"
            "rdx=%016llx rsi=%016llx rdi=%016llx\n"
            "rip=%016llx rsp=%016llx rbp=%016llx\n"
            " r8=%016llx  r9=%016llx r10=%016llx\n"
            "r11=%016llx r12=%016llx r13=%016llx\n"
            "r14=%016llx r15=%016llx\n"
            "iopl=%llu         %s\n"
            "cs=%04llx  ss=%04llx  ds=%04llx  es=%04llx  fs=%04llx  gs=%04llx             efl=%08llx\n",
            r->rax, r->rbx, r->rcx, r->rdx, r->rsi, r->rdi, r->rip, r->rsp, r->rbp, r->r8, r->r9,
            r->r10, r->r11, r->r12, r->r13, r->r14, r->r15, (r->eflags >> 12) & 3, fl, r->cs,
            r->ss, r->ds, r->es, r->fs, r->gs, r->eflags);
    return dbg_print_current_insn(d);
}

/* A data breakpoint traps after the instruction that accessed the data:
 * that instruction, found by decoding its function from the start. */
static void print_accessing_insn(struct dbg *d)
{
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), NULL);
    struct sym_space *sp = eng_syms(d->s);
    struct sym_entry fn;
    char fname[512];
    if (!r || !sp || sym_symbol_at(sp, r->rip - 1, &fn, fname, sizeof fname) < 0 || r->rip - fn.addr > 0x100000)
        return;
    struct dbg_walk w = {NULL, 0, 0, 0};
    if (dbg_decode_to(d, fn.addr, r->rip, &w) == 1 && w.n)
        dbg_print_insn(d, "Accessed by ", w.last);
}

/* l+s: the source line of the current instruction, WinDbg-style. */
static void print_source_line(struct dbg *d)
{
    struct user_regs_struct *r = eng_regs(d->s, eng_cur_thread(d->s), NULL);
    struct sym_space *sp = eng_syms(d->s);
    struct sym_line l;
    char path[4096];
    if (!r || !sp || sym_line_at(sp, r->rip, &l) < 0)
        return;
    FILE *f = dbg_source_file(d, &l, path, sizeof path) == 0 ? fopen(path, "r") : NULL;
    char text[4096];
    for (int n = 1; f && fgets(text, sizeof text, f); n++) {
        if (n == l.line) {
            text[strcspn(text, "\n")] = '\0';
            fprintf(d->out, ">%5d: %s\n", n, text);
            break;
        }
    }
    if (f)
        fclose(f);
}

void dbg_report_stop(struct dbg *d)
{
    const struct eng_stop *st = eng_last_stop(d->s);
    char sn[24];
    dbg_lastevent_note(d);
    switch (st->kind) {
    case ENG_STOP_NONE:
        return;
    case ENG_STOP_EXITED:
        /* the Exit process event line said it all */
        return;
    case ENG_STOP_INITIAL:
        fprintf(d->out, "(%x.%x): Initial break after exec\n", st->pid, st->tid);
        break;
    case ENG_STOP_ATTACH:
        fprintf(d->out, "(%x.%x): Break-in after attach\n", st->pid, st->tid);
        break;
    case ENG_STOP_CORE:
        dbg_report_core_stop(d, st);
        break;
    case ENG_STOP_BREAKIN:
        fprintf(d->out, "(%x.%x): Break-in (Ctrl+C)\n", st->pid, st->tid);
        break;
    case ENG_STOP_STEP:
    case ENG_STOP_RETURNED:
    case ENG_STOP_GOTO:
        break;
    case ENG_STOP_BREAKPOINT: {
        int commands = 0, data = 0;
        const unsigned *ids;
        size_t nhits = bpm_stop_hits(&d->bpm, &ids);
        for (size_t i = 0; i < nhits; i++) {
            if (st->kernel[0])
                fprintf(d->out, "Breakpoint %u hit (kernel write: %s)\n", ids[i], st->kernel);
            else
                fprintf(d->out, "Breakpoint %u hit\n", ids[i]);
            struct bp *b = bp_find(&d->bpm.bps, ids[i]);
            commands |= b && b->commands;
            data |= b && b->kind == BP_ACCESS && b->access != 'e';
        }
        if (data && !st->kernel[0])
            print_accessing_insn(d);
        /* a command string says what to show */
        if (commands)
            return;
        break;
    }
    case ENG_STOP_MODLOAD:
    case ENG_STOP_MODUNLOAD:
        fprintf(d->out, "(%x.%x): %s event (sxe %s)\n", st->pid, st->tid,
                st->kind == ENG_STOP_MODLOAD ? "Load module" : "Unload module",
                st->kind == ENG_STOP_MODLOAD ? "ld" : "ud");
        break;
    case ENG_STOP_PROCESS_CREATE:
        fprintf(d->out, "(%x.%x): Create process event (sxe cpr)\n", st->pid, st->tid);
        break;
    case ENG_STOP_THREAD_CREATE:
        fprintf(d->out, "(%x.%x): Create thread event (sxe ct)\n", st->pid, st->tid);
        break;
    case ENG_STOP_THREAD_EXIT:
        fprintf(d->out, "(%x.%x): Exit thread event (sxe et), code %x\n", st->pid, st->tid, st->code);
        break;
    case ENG_STOP_TRAP:
        fprintf(d->out, "(%x.%x): Break instruction exception - %s (first chance)\n", st->pid,
                st->tid, fmt_signame(st->sig, sn));
        break;
    case ENG_STOP_CXX_THROW: {
        char words[640];
        dbg_cxx_throw_stop_words(d, st, words, sizeof words);
        fprintf(d->out, "(%x.%x): %s\n", st->pid, st->tid, words);
        break;
    }
    case ENG_STOP_SIGNAL:
    case ENG_STOP_SECOND_CHANCE: {
        char words[128];
        dbg_signal_words(st, words, sizeof words);
        fprintf(d->out, "(%x.%x): %s\n", st->pid, st->tid, words);
        break;
    }
    }
    if (dbg_print_registers(d) < 0)
        fprintf(d->out, "%s\n", d->err.msg);
    else if (d->show_source)
        print_source_line(d);
}
