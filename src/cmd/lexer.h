/* The command line lexer: one input line holds commands separated by ';'.
 * A ';' inside a double-quoted string (with \" escapes) or inside braces
 * belongs to that string or block. Also the thread prefix (`~2 r`,
 * `~*bp`), and the command name at the start of a command. */
#ifndef LINDBG_CMD_LEXER_H
#define LINDBG_CMD_LEXER_H

#include <stddef.h>

#include "util/err.h"

struct cmd_list {
    char **cmds; /* each malloc'd, trimmed, never empty */
    size_t n;
};

/* Splits `line`. Returns 0, or -1 when a quote or brace is not closed. */
int cmd_split(const char *line, struct cmd_list *out, struct lerr *e);
void cmd_list_free(struct cmd_list *l);

enum cmd_thread_kind {
    CMD_THREAD_NONE,    /* no prefix */
    CMD_THREAD_CURRENT, /* `~.` or `~` directly before a command */
    CMD_THREAD_EVENT,   /* `~#` */
    CMD_THREAD_ALL,     /* `~*` */
    CMD_THREAD_INDEX,   /* `~N` or `~[expr]` */
};

struct cmd_prefix {
    enum cmd_thread_kind kind;
    unsigned long index;
    const char *rest; /* the command after the prefix, in the input string */
};

/* Reads an optional thread prefix at the start of `cmd` (not the `~`
 * command itself: `~` alone, `~2s` and `~2f` are left with kind NONE when
 * `rest` would be empty or a thread-control letter). */
void cmd_parse_prefix(const char *cmd, struct cmd_prefix *out);

/* Length of the command name at `s`: `.name`, `$<`, `$$<`, `?`, `|`, `~`,
 * or a run of letters. */
size_t cmd_name_len(const char *s);

#endif
