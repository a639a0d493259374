/* A small driver for SQLite's amalgamation: a large program with full
 * DWARF, for start-up benchmarks. */
#include <stdio.h>

#include "sqlite3.h"

int main(void)
{
    sqlite3 *db;
    if (sqlite3_open(":memory:", &db) != SQLITE_OK)
        return 1;
    sqlite3_exec(db, "create table t(a, b); insert into t values (1, 'x'), (2, 'y');", NULL, NULL, NULL);
    sqlite3_stmt *st;
    sqlite3_prepare_v2(db, "select sum(a) from t", -1, &st, NULL);
    int sum = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    printf("sqlite_drv: %d\n", sum);
    return 0;
}
