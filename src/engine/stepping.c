/* Stepping that runs code at full speed: `p` over a call and `gu` run the
 * target with a return trap and stop when the stepping thread is back in
 * the frame it left (the stack pointer tells, so recursion does not stop
 * early). Other threads run meanwhile, as in WinDbg. */
#include "arch/x86_64/disasm.h"
#include "engine/internal.h"

int eng_call_return_point(struct session *s, uint64_t *ret, uint64_t *sp)
{
    struct eng_thread *t = eng_cur_thread(s);
    struct user_regs_struct *r = t ? eng_regs(s, t, NULL) : NULL;
    if (!r)
        return 0;
    uint8_t code[16];
    size_t got = 0;
    eng_read(s, r->rip, code, sizeof code, &got);
    struct x86_insn insn;
    if (got == 0 || x86_disasm(r->rip, code, got, &insn, NULL, NULL) < 0 || !insn.is_call)
        return 0;
    *ret = r->rip + insn.length;
    *sp = r->rsp; /* after the call returns, rsp is what it is now */
    return 1;
}

int eng_run_to_return(struct session *s, pid_t tid, uint64_t ret_addr, uint64_t caller_sp,
                      struct lerr *e)
{
    struct eng_process *p = NULL;
    struct eng_thread *t = eng_find_thread(s, tid, &p);
    if (!eng_has_process(s))
        return lerr_set(e, "No runnable debuggees: the process has exited");
    if (!t)
        return lerr_set(e, "Thread %d that was stepping is gone", tid);
    if (eng_check_live(s, "run", e) < 0)
        return -1;
    if (eng_trap_add(p, ENG_TRAP_RETURN, ret_addr, tid, caller_sp, e) < 0)
        return -1;
    return eng_go(s, ENG_GO, e); /* which takes the trap away */
}
