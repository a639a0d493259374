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
/* cmd_split that also says where the unclosed quote or brace starts
 * (*bad, an offset in line) when it fails. */
int cmd_split_at(const char *line, struct cmd_list *out, struct lerr *e, size_t *bad);
void cmd_list_free(struct cmd_list *l);

/* Past the group or string that starts at p (p at '(', '{' or '"');
 * NULL when it is not closed. The one scanner of groups: cmd_split and
 * the control flow tokens (script_text.c) agree on where a group ends.
 * A "string" ends at its first '"' not after '\'. A ( group ) holds
 * groups and strings. A { block } holds commands: in it only strings and
 * blocks nest (a `.echo (` opens nothing), and comments are skipped where
 * a command may start (after '{' or ';'): `$$ text` up to the next ';'
 * or '}', `* text` up to the next '}', their quotes meaning nothing. */
const char *cmd_past_group(const char *p);

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

/* A file name that is the rest of a command: blanks around it and double
 * quotes around it left out. Returns where it starts; *len its length
 * (0: no name). */
const char *cmd_file_arg(const char *s, size_t *len);

#endif
