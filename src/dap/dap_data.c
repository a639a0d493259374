/* Data breakpoints: dataBreakpointInfo names a piece of memory (an
 * address and a size, as the dataId "0x...:N"), setDataBreakpoints makes
 * each one a processor breakpoint of the manager exactly as `ba` does.
 * Debug registers are used while four are enough and they fire on this
 * machine; past that, or where they never fire, the engine watches by
 * page protection: any number of data breakpoints, not lldb-dap's four.
 *
 * The DAP id of a data breakpoint is its manager id + 1 (DAP ids start
 * at 1, the manager's at 0), the same scheme as the code breakpoints',
 * so a stop's hitBreakpointIds name it. */
#include "dap/dap_int.h"
#include "sym/dwvars.h"
#include "util/xalloc.h"

#include <ctype.h>
#include <elf.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* The breakpoints the last setDataBreakpoints made, as made: one the REPL
 * deleted, whose id a REPL breakpoint took since, is not ours. The
 * adapter has one client, so one set. */
struct data_bp {
    unsigned id;
    int access;
    unsigned size;
    char expr[24];
};
struct dap_data {
    struct data_bp *v;
    size_t n, cap;
};

static struct dap_data *data_of(struct dap *a)
{
    if (!a->data)
        a->data = xcalloc(1, sizeof *a->data);
    return a->data;
}

void dap_data_free(struct dap *a)
{
    if (a->data)
        free(a->data->v);
    free(a->data);
    a->data = NULL;
}

/* The manager breakpoint an entry stands for, or NULL. */
static struct bp *still_ours(struct dbg *d, const struct data_bp *x)
{
    struct bp *b = bp_find(&d->bpm.bps, x->id);
    return b && b->kind == BP_ACCESS && b->access == x->access && b->size == x->size &&
                   !strcmp(b->expr, x->expr)
               ? b
               : NULL;
}

int dap_is_data_bp(struct dap *a, unsigned bp_id)
{
    struct dap_data *ds = data_of(a);
    for (size_t i = 0; i < ds->n; i++)
        if (ds->v[i].id == bp_id && still_ours(&a->d, &ds->v[i]))
            return 1;
    return 0;
}

/* The size of the elements of global `name` when it is an array (0: it
 * is not, or DWARF does not say). */
static uint64_t array_element_size(struct sym_space *sp, const char *name)
{
    uint64_t at;
    Dwarf_Die type, elem;
    Dwarf_Attribute attr;
    Dwarf_Word size;
    if (dw_find_global(sp, name, &at, &type) != 1 || dwarf_peel_type(&type, &type) != 0 ||
        dwarf_tag(&type) != DW_TAG_array_type || !dwarf_attr(&type, DW_AT_type, &attr) ||
        !dwarf_formref_die(&attr, &elem) || dwarf_aggregate_size(&elem, &size) != 0)
        return 0;
    return size;
}

/* How many bytes an address alone stands for: an element of the array
 * it is in, or the rest of the variable it is in (its symbol), else a
 * machine word. */
static uint64_t natural_size(struct dbg *d, uint64_t addr)
{
    struct sym_space *sp = eng_syms(d->s);
    struct sym_entry s;
    char name[512];
    if (!sp || sym_symbol_at(sp, addr, &s, name, sizeof name) != 0 ||
        (s.type != STT_OBJECT && s.type != STT_TLS) || !s.size)
        return 8;
    struct sym_module *m = sym_module_at(sp, addr);
    char qualified[600];
    snprintf(qualified, sizeof qualified, "%s!%s", m ? m->name : "", name);
    uint64_t elem = array_element_size(sp, m ? qualified : name);
    if (elem && (addr - s.addr) % elem == 0)
        return elem;
    return s.addr + s.size - addr;
}

/* The largest watchable size (1, 2, 4, 8, aligned at addr) that fits in
 * `want` bytes. */
static unsigned watch_size(uint64_t addr, uint64_t want)
{
    for (unsigned size = 8; size > 1; size /= 2)
        if (size <= want && addr % size == 0)
            return size;
    return 1;
}

/* The value of a C expression (fmt around name) in the selected frame:
 * 0, or -1 with e set. */
static int c_value(struct dbg *d, const char *fmt, const char *name, uint64_t *v,
                   struct lerr *e)
{
    char *text = NULL;
    if (asprintf(&text, fmt, name) < 0)
        return lerr_set(e, "Out of memory");
    int rc = dbg_cexpr_value(d, text, strlen(text), v, e);
    free(text);
    return rc;
}

/* A C object's address and size in the selected frame: the object name
 * stands for (a variable, a member, an element), or the one it points to
 * (`&counters[2]`, a pointer). 0, or -1 with why in e. */
static int c_object(struct dbg *d, const char *name, uint64_t *addr, uint64_t *size,
                    struct lerr *e)
{
    struct lerr ignore;
    if (c_value(d, "&(%s)", name, addr, e) == 0 && c_value(d, "sizeof(%s)", name, size, e) == 0)
        return 0;
    if (c_value(d, "sizeof(*(%s))", name, size, &ignore) == 0 &&
        c_value(d, "(%s)", name, addr, &ignore) == 0)
        return 0;
    return -1;
}

/* What `name` watches: a C object (a global, a local of the frame, a
 * member, an element), else a MASM address expression (`mod!sym+8`,
 * `0x...`, `@rsp`) with `bytes` bytes, or its natural size. 0 with *addr
 * and *want, or -1 with why in e. */
static int resolve(struct dbg *d, const char *name, int as_address, long long bytes,
                   uint64_t *addr, uint64_t *want, struct lerr *e)
{
    struct lerr c_err = {{0}};
    uint8_t probe;
    if (!as_address && c_object(d, name, addr, want, &c_err) == 0)
        return 0;
    struct expr_env env;
    dbg_expr_env(d, &env);
    int masm = expr_eval_all(&env, name, addr, e);
    if (masm == 0 && eng_read(d->s, *addr, &probe, 1, NULL) == 0) {
        *want = bytes > 0 ? (uint64_t)bytes : natural_size(d, *addr);
        return 0;
    }
    /* a C name the frame knows, without an address (in a register, or
     * computed): that is the reason, not MASM's reading of it */
    if (!strncmp(c_err.msg, "Type error", 10) && (isalpha((unsigned char)name[0]) || name[0] == '_'))
        return lerr_set(e, "%s", c_err.msg);
    if (masm == 0)
        return lerr_set(e, "nothing is mapped at 0x%" PRIx64, *addr);
    return -1;
}

int dap_data_breakpoint_info(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    struct dbg *d = &a->d;
    const char *name = dap_arg_str(args, "name", NULL);
    if (!name || !*name)
        return lerr_set(e, "Syntax error: dataBreakpointInfo needs a name");
    struct lerr why = {{0}};
    uint64_t addr = 0, want = 0;
    long long frame = dap_arg_int(args, "frameId", 0);
    char desc[700];
    if (dbg_need_process_err(d, &why) < 0 ||
        (frame > 0 && dap_select_frame(a, (int)frame, &why) < 0) ||
        resolve(d, name, dap_arg_bool(args, "asAddress", 0), dap_arg_int(args, "bytes", 0),
                &addr, &want, &why) < 0) {
        snprintf(desc, sizeof desc, "Cannot watch '%s': %s", name, why.msg);
    } else {
        unsigned size = watch_size(addr, want);
        char id[64];
        snprintf(id, sizeof id, "0x%" PRIx64 ":%u", addr, size);
        cJSON_AddStringToObject(body, "dataId", id);
        if (size < want)
            snprintf(desc, sizeof desc, "%s: its first %u of %" PRIu64 " bytes, at 0x%" PRIx64,
                     name, size, want, addr);
        else
            snprintf(desc, sizeof desc, "%s: %u byte%s at 0x%" PRIx64, name, size,
                     size > 1 ? "s" : "", addr);
        cJSON_AddStringToObject(body, "description", desc);
        cJSON *types = cJSON_AddArrayToObject(body, "accessTypes");
        cJSON_AddItemToArray(types, cJSON_CreateString("write"));
        cJSON_AddItemToArray(types, cJSON_CreateString("read"));
        cJSON_AddItemToArray(types, cJSON_CreateString("readWrite"));
        cJSON_AddBoolToObject(body, "canPersist", 0);
        return 0;
    }
    /* the spec's way of saying no: a null dataId and the reason */
    cJSON_AddNullToObject(body, "dataId");
    cJSON_AddStringToObject(body, "description", desc);
    return 0;
}

/* "0x...:N" as dataBreakpointInfo wrote it. */
static int parse_data_id(const char *id, uint64_t *addr, unsigned *size)
{
    char *end;
    if (!id || strncmp(id, "0x", 2) != 0)
        return -1;
    *addr = strtoull(id, &end, 16);
    if (*end != ':')
        return -1;
    unsigned long n = strtoul(end + 1, &end, 10);
    if (*end || (n != 1 && n != 2 && n != 4 && n != 8) || *addr % n)
        return -1;
    *size = (unsigned)n;
    return 0;
}

/* The manager breakpoint for one entry of setDataBreakpoints: its id, or
 * -1 with why in e. note gets what the user should know of it. */
static long make_one(struct dap *a, const cJSON *spec, char *note, size_t note_size,
                     struct lerr *e)
{
    struct dbg *d = &a->d;
    uint64_t addr;
    unsigned size;
    uint8_t probe;
    const char *type = dap_arg_str(spec, "accessType", "write");
    note[0] = '\0';
    if (dbg_need_process_err(d, e) < 0 || eng_check_live(d->s, "have breakpoints", e) < 0)
        return -1;
    if (parse_data_id(dap_arg_str(spec, "dataId", NULL), &addr, &size) < 0)
        return lerr_set(e, "Syntax error: a dataId is \"0x<address>:<1, 2, 4 or 8>\", as dataBreakpointInfo gives it");
    int letter = !strcmp(type, "write") ? 'w' : !strcmp(type, "read") || !strcmp(type, "readWrite") ? 'r' : 0;
    if (!letter)
        return lerr_set(e, "Syntax error: accessType is read, write or readWrite, not '%s'", type);
    if (eng_read(d->s, addr, &probe, 1, NULL) != 0)
        return lerr_set(e, "Memory access error at 0x%" PRIx64 ": nothing is mapped there", addr);
    char text[64];
    snprintf(text, sizeof text, "0x%016" PRIx64, addr);
    struct bp *b = bp_new(BP_ACCESS, text);
    b->id = bp_free_id(&d->bpm.bps);
    b->access = letter;
    b->size = size;
    if (dap_bp_options(spec, b, e) < 0) {
        bp_free(b);
        return -1;
    }
    pid_t pid = eng_proc_pid(eng_cur_process(d->s));
    int regs = dbg_registers_usable(d);
    if (bpm_add_access(&d->bpm, b, pid, addr, regs, e) < 0) {
        bp_free(b);
        return -1;
    }
    struct bpm_installed r;
    bpm_install(&d->bpm, b, 0, &r);
    const char *how = !eng_hw_emulated(d->s, pid, addr, bp_dr_access(letter), size) ? "a debug register"
                      : regs ? "page protection (the four debug registers are taken)"
                      : d->dr_emulate ? "page protection (.dbgregs emulate)"
                                      : "page protection (debug registers do not trigger on this machine)";
    snprintf(note, note_size, "%s%u byte%s at 0x%" PRIx64 ", watched by %s",
             strcmp(type, "read") ? "" : "x86 has no read-only watch: reads and writes stop. ",
             size, size > 1 ? "s" : "", addr, how);
    return b->id;
}

/* The breakpoints the last request made go, whatever the REPL did to
 * them meanwhile (one deleted there is simply not found). */
static void drop_previous(struct dap *a)
{
    struct dap_data *ds = data_of(a);
    struct dbg *d = &a->d;
    for (size_t i = 0; i < ds->n; i++) {
        struct bp *b = still_ours(d, &ds->v[i]);
        if (b) {
            bp_remove(&d->bpm.bps, b);
            bp_free(b);
        }
    }
    ds->n = 0;
}

static void remember(struct dap *a, const struct bp *b)
{
    struct dap_data *ds = data_of(a);
    if (ds->n == ds->cap) {
        ds->cap = ds->cap ? 2 * ds->cap : 8;
        ds->v = xrealloc(ds->v, ds->cap * sizeof *ds->v);
    }
    struct data_bp *x = &ds->v[ds->n++];
    x->id = b->id;
    x->access = b->access;
    x->size = b->size;
    snprintf(x->expr, sizeof x->expr, "%s", b->expr);
}

int dap_set_data_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    const cJSON *list = args ? cJSON_GetObjectItemCaseSensitive(args, "breakpoints") : NULL;
    if (!cJSON_IsArray(list))
        return lerr_set(e, "Syntax error: setDataBreakpoints needs a breakpoints array");
    drop_previous(a);
    cJSON *out = cJSON_AddArrayToObject(body, "breakpoints");
    const cJSON *spec;
    cJSON_ArrayForEach(spec, list) {
        char note[300];
        struct lerr why = {{0}};
        long id = make_one(a, spec, note, sizeof note, &why);
        cJSON *r = cJSON_CreateObject();
        cJSON_AddBoolToObject(r, "verified", id >= 0);
        if (id >= 0) {
            cJSON_AddNumberToObject(r, "id", (double)id + 1);
            remember(a, bp_find(&a->d.bpm.bps, (unsigned)id));
        }
        cJSON_AddStringToObject(r, "message", id >= 0 ? note : why.msg);
        cJSON_AddItemToArray(out, r);
    }
    return 0;
}
