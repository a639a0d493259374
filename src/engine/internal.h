/* Engine-private helpers shared by process.c and run.c. */
#ifndef LINDBG_ENGINE_INTERNAL_H
#define LINDBG_ENGINE_INTERNAL_H

#include "engine/session.h"

void eng_emit(struct session *s, const struct eng_event *ev);
struct eng_process *eng_new_process(struct session *s, struct tgt_proc *tp, int launched);
struct eng_thread *eng_add_thread(struct eng_process *p, pid_t tid);
void eng_remove_thread(struct eng_process *p, pid_t tid);
void eng_remove_process(struct session *s, struct eng_process *p);
void eng_select(struct session *s, struct eng_process *p, pid_t tid);
void eng_report_mapped_modules(struct session *s, struct eng_process *p);
int eng_flush_regs(struct eng_process *p, struct eng_thread *t, struct lerr *e);
int eng_detach_process(struct session *s, struct eng_process *p, struct lerr *e);
int eng_kill_process(struct session *s, struct eng_process *p, struct lerr *e);

#endif
