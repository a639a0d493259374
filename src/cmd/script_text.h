/* The text of debugger command programs, without running anything: a
 * script file's ${$argN} arguments, its lines joined into one command
 * block ($>< and $$><), the { block } and ( group ) of the control flow
 * tokens, the tokens .foreach walks and the substitution of its variable. */
#ifndef LINDBG_CMD_SCRIPT_TEXT_H
#define LINDBG_CMD_SCRIPT_TEXT_H

#include <stddef.h>

/* `text` with ${$argN} replaced by argv[N] for N < argc (argv[0] is the
 * script's name), and ${/d:$argN} by 1 or 0 (whether argument N was given).
 * A ${$argN} with no argument N stays as it is, as in WinDbg. Malloc'd. */
char *script_subst_args(const char *text, char *const *argv, size_t argc);

/* The lines of `text` as one command block: each line ends with ';'.
 * Blank lines and `*` comment lines are left out (joined, a `*` line
 * would make the rest of the file a comment). Malloc'd. *line_at gets,
 * for each line kept, its number (1-based) and where it starts in the
 * result: nlines pairs (offset, number). */
struct script_line {
    size_t offset;
    int number;
};
char *script_join_lines(const char *text, struct script_line **lines, size_t *nlines);
/* script_join_lines without the comments: a line's `$$ text` where a
 * command starts ends at its ';' or at the line's end, its `* text` at
 * the line's end (`r $t0 = 1; * note` on one line, `.echo next` on the
 * next: joined, the * would take the rest of the file). A `}` or a quote
 * in a comment is then only text. What $>< runs. */
char *script_join_code(const char *text, struct script_line **lines, size_t *nlines);
/* The line number (1-based) of offset `off` of a joined text. */
int script_line_of(const struct script_line *lines, size_t n, size_t off);

/* Skips blanks and ';' (a joined script puts ';' between `.if (x)` and
 * its `{`, and between `}` and `.else`). */
const char *script_skip_sep(const char *p);

/* The group opened by `open` at p (after blanks and ';'): its inside,
 * malloc'd, into *inside; returns the text after the closing character,
 * or NULL when p does not start one or it is not closed. Quotes ("...")
 * and the other kind of group nest inside. */
const char *script_group(const char *p, char open, char close, char **inside);

/* The next ';' of s that is not inside quotes, braces or parentheses
 * (the end of s when there is none). */
const char *script_next_semi(const char *s);

/* The blank-separated tokens of text (spaces, tabs, line ends), malloc'd,
 * NULL-terminated; *n gets their count. Free with script_tokens_free. */
char **script_tokens(const char *text, size_t *n);
void script_tokens_free(char **t);

/* `text` with each whole-word `var` (between blanks, ';', braces, or the
 * ends) and each ${var} replaced by val: what .foreach does to its
 * OutCommands. Malloc'd. */
char *script_subst_var(const char *text, const char *var, const char *val);

#endif
