/* Where commands come from: a terminal, through libedit (line editing and a
 * history file), or any other standard input, one line at a time, echoed
 * after the prompt so a transcript reads like a session. Also Ctrl+C: while
 * the target runs it breaks in; at the prompt it only gives a new prompt. */
#ifndef LINDBG_UI_CONSOLE_H
#define LINDBG_UI_CONSOLE_H

#include <stdio.h>

#include "engine/engine.h"

struct console;

/* `histfile` may be NULL (no history kept). Returns NULL on failure. */
struct console *console_open(FILE *out, const char *histfile);
/* Next input line without its newline, malloc'd (caller frees), or NULL at
 * end of input. */
char *console_read(struct console *c, const char *prompt);
void console_close(struct console *c);
int console_is_terminal(const struct console *c);

/* Tab completes from src (ui/complete.h) on a terminal: the common part of
 * the candidates at once, the list of them at a second Tab. src must
 * outlive the console. */
struct cpl_source;
void console_set_completion(struct console *c, const struct cpl_source *src);

/* Hands the terminal to process group `pgrp` (a program lindbg launched,
 * while it runs), or takes it back when pgrp is 0. Nothing happens when
 * the input is not a terminal. */
void console_terminal_to(struct console *c, pid_t pgrp);

/* Ctrl+C breaks into this session while its target runs. SIGTERM and
 * SIGHUP (the terminal closed) stop it too and end the session: attached
 * targets are let go as they were, launched ones killed. */
void console_handle_breakin(struct session *s);
/* A SIGTERM or SIGHUP arrived: the session must end. */
int console_must_quit(void);

#endif
