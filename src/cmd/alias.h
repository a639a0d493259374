/* User-named aliases (as, aS, ad, al) and their expansion in a command
 * line, as WinDbg's "Using Aliases" describes it: `${Name}` anywhere,
 * `${/d:Name}` `${/f:Name}` `${/n:Name}` `${/v:Name}`, and a bare Name
 * when it stands alone between blanks (or ';'). Pure: the
 * command layer owns one table (struct dbg) and the unit tests drive it. */
#ifndef LINDBG_CMD_ALIAS_H
#define LINDBG_CMD_ALIAS_H

#include <stddef.h>

struct alias {
    char *name;
    char *value;
};

struct alias_table {
    struct alias *v; /* sorted by name (al lists them in that order) */
    size_t n;
    char *fixed[10]; /* $u0..$u9 (`r $.u0=text`); NULL: empty */
};

/* Defines or redefines name. */
void alias_set(struct alias_table *t, const char *name, const char *value);
/* The value of name, or NULL. */
const char *alias_get(const struct alias_table *t, const char *name);
/* Deletes name; 0, or -1 when it was not defined. */
int alias_del(struct alias_table *t, const char *name);
/* Deletes every user-named alias (ad *); alias_free also the $uN. */
void alias_clear(struct alias_table *t);
void alias_free(struct alias_table *t);

/* Sets the fixed-name alias $uN (`r $.uN=text`): leading and trailing
 * blanks dropped, as WinDbg does. */
void alias_set_fixed(struct alias_table *t, unsigned n, const char *text);

/* Whether name may be an alias name: no blank, not starting with al, as,
 * aS or ad (the alias commands themselves). */
int alias_name_ok(const char *name);

/* The line with its aliases replaced (malloc'd). A line that begins with
 * an alias command (as, aS, ad, al, with nothing before them) is returned
 * unchanged, as WinDbg does, so that `ad Name` names the alias rather than
 * its value. One pass: an equivalent is not expanded again. $u0..$u9 are
 * replaced wherever they are (by nothing when not set). */
char *alias_expand(const struct alias_table *t, const char *line);

#endif
