/* The command line lexer: one input line holds commands separated by ';'.
 * A ';' inside a double-quoted string (with \" escapes) or inside braces
 * belongs to that string or block. Comments (`$$ text` up to the next ';',
 * `* text` to the end of the line) are left out. Also the thread prefix
 * (`~2 r`, `~*bp`), and the command name at the start of a command. */
#ifndef LINDBG_CMD_LEXER_H
#define LINDBG_CMD_LEXER_H

#include <stddef.h>

#include "util/err.h"

struct cmd_list {
    char **cmds; /* each malloc'd, trimmed, never empty */
    size_t *offs; /* where each starts in the line that was split */
    size_t n;
};

/* Splits `line`. Returns 0, or -1 when a quote or brace is not closed.
 * A ';' followed by '{' or '(' does not split (neither starts a command:
 * `.if (x);{ r }` is what a script's lines joined by `$><` look like), nor
 * one between '}' and `.else`/`.elsif`; nor one in the parentheses of
 * `.for (init; cond; step)`. `j`, `$<FILE`, `$><FILE` and `~Ne` own the
 * rest of their line. */
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

/* Whether `cmd` (after blanks) is a comment: `$$ text` or `* text`. */
int cmd_is_comment(const char *cmd);

/* Whether `rest`, the command after a thread prefix, is `e CommandString`
 * (~Ne: every command of the string in those threads). */
int cmd_is_thread_e(const char *rest);

/* Length of the command name at `s`: `.name`, `$<`, `$$<`, `$><`,
 * `$$><`, `$$>a<`, `?`, `|`, `~`, or a run of letters. */
size_t cmd_name_len(const char *s);

#endif
