/* What the Linux ptrace backend learns from /proc: the process's mappings,
 * program, threads' names and groups, auxiliary vector and working
 * directory. Private to src/target/. */
#ifndef LINDBG_TARGET_PROCFS_H
#define LINDBG_TARGET_PROCFS_H

#include "target/backend.h"

int tgt_procfs_read_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e);
int tgt_procfs_exe_path(struct tgt_proc *p, char *buf, size_t size);
int tgt_procfs_thread_name(struct tgt_proc *p, pid_t tid, char *buf, size_t size);
pid_t tgt_procfs_thread_group(struct tgt_proc *p, pid_t tid);
int tgt_procfs_thread_ended(struct tgt_proc *p, pid_t tid);
int tgt_procfs_auxv_entry(struct tgt_proc *p, uint64_t type, uint64_t *val);
/* /proc/PID/auxv's bytes (0: all of it fit in buf). */
int tgt_procfs_read_auxv(struct tgt_proc *p, void *buf, size_t size, size_t *got);
/* /proc/PID/cmdline's first size bytes. */
int tgt_procfs_read_cmdline(struct tgt_proc *p, char *buf, size_t size, size_t *got);
/* /proc/PID/smaps: the mappings with their flags (VmFlags, Rss, Swap). */
int tgt_procfs_read_dump_map(struct tgt_proc *p, struct tgt_map *out, struct lerr *e);
/* /proc/PID/pagemap: which pages are present or swapped. */
int tgt_procfs_pages_present(struct tgt_proc *p, uint64_t addr, size_t npages, unsigned char *out);
/* PPid of /proc/PID/status: the real parent, which tracing leaves alone. */
pid_t tgt_procfs_parent_pid(struct tgt_proc *p);
/* /proc/PID/stat: start time and CPU times. */
int tgt_procfs_proc_times(struct tgt_proc *p, struct tgt_proc_times *out);
int tgt_procfs_real_path(struct tgt_proc *p, const char *name, char *out, size_t size);

#endif
