/* readMemory and writeMemory (through the engine, which shows and edits
 * the program's own bytes under breakpoints), modules (the symbol space,
 * as `lm` lists it) and loadedSources (the compile units of the loaded
 * modules' DWARF). disassemble is in dap_disasm.c. */
#include "dap/dap.h"
#include "dap/dap_base64.h"
#include "util/xalloc.h"

#include <dwarf.h>
#include <elfutils/libdw.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* One request reads at most this much: a memory view asks for pages. */
#define READ_MAX (16u << 20)
#define PAGE 4096u

static int need_target(struct dap *a, struct lerr *e)
{
    return dbg_need_process_err(&a->d, e);
}

/* The address a request's memoryReference and offset stand for. */
static int request_address(const cJSON *args, uint64_t *addr, struct lerr *e)
{
    const char *ref = dap_arg_str(args, "memoryReference", NULL);
    if (!ref)
        return lerr_set(e, "Syntax error: a memoryReference is needed");
    return dap_parse_address(ref, dap_arg_int(args, "offset", 0), addr, e);
}

int dap_read_memory(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    uint64_t addr;
    long long count = dap_arg_int(args, "count", -1);
    if (need_target(a, e) < 0 || request_address(args, &addr, e) < 0)
        return -1;
    if (count < 0)
        return lerr_set(e, "Syntax error: readMemory needs a count");
    if ((unsigned long long)count > READ_MAX)
        count = READ_MAX; /* the client asks again from where this ends */
    uint8_t *buf = xmalloc((size_t)count + 1);
    size_t got = 0;
    eng_read(a->d.s, addr, buf, (size_t)count, &got);
    /* unreadable bytes: up to the next page that reads, so that the client
     * skips them and asks again there */
    uint64_t unreadable = 0;
    if (got < (size_t)count) {
        uint64_t at = addr + got, end = addr + (uint64_t)count;
        uint8_t probe;
        uint64_t next = (at | (PAGE - 1)) + 1;
        while (next < end && eng_read(a->d.s, next, &probe, 1, NULL) != 0)
            next += PAGE;
        unreadable = (next < end ? next : end) - at;
    }
    char hex[32];
    dap_hex(hex, sizeof hex, addr);
    cJSON_AddStringToObject(body, "address", hex);
    char *data = dap_base64_encode(buf, got);
    cJSON_AddStringToObject(body, "data", data);
    free(data);
    if (unreadable)
        cJSON_AddNumberToObject(body, "unreadableBytes", (double)unreadable);
    free(buf);
    return 0;
}

int dap_write_memory(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    uint64_t addr;
    if (need_target(a, e) < 0 || request_address(args, &addr, e) < 0)
        return -1;
    uint8_t *data;
    size_t len;
    if (dap_base64_decode(dap_arg_str(args, "data", ""), &data, &len) < 0)
        return lerr_set(e, "Syntax error: writeMemory's data is not base64");
    int partial = dap_arg_bool(args, "allowPartial", 0);
    size_t done = 0;
    if (eng_write(a->d.s, addr, data, len, e) == 0) {
        done = len;
    } else if (partial) {
        /* page by page, up to the first that cannot be written */
        while (done < len) {
            size_t n = PAGE - (size_t)((addr + done) % PAGE);
            if (n > len - done)
                n = len - done;
            if (eng_write(a->d.s, addr + done, data + done, n, e) < 0)
                break;
            done += n;
        }
    }
    free(data);
    if (done == 0 && len) {
        if (!e->msg[0])
            lerr_set(e, "Memory access error: 0x%" PRIx64 " cannot be written", addr);
        return -1;
    }
    if (done < len && !partial)
        return -1;
    cJSON_AddNumberToObject(body, "bytesWritten", (double)done);
    return 0;
}

/* What `lm` says of a module's symbols, in DAP's words. */
static const char *symbol_status(struct sym_module *m)
{
    if (!m->indexed)
        return "Symbols not loaded yet";
    if (m->has_dwarf)
        return "Symbols loaded (DWARF)";
    if (!m->nsyms)
        return "No symbols";
    return m->has_symtab ? "Symbols loaded (ELF symbol table)" : "Exported symbols only";
}

int dap_modules(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    if (need_target(a, e) < 0)
        return -1;
    struct sym_space *sp = eng_syms(a->d.s);
    size_t total = sp ? sp->n : 0;
    long long first = dap_arg_int(args, "startModule", 0);
    long long count = dap_arg_int(args, "moduleCount", 0);
    if (first < 0)
        first = 0;
    cJSON *mods = cJSON_AddArrayToObject(body, "modules");
    for (size_t i = (size_t)first; i < total && (count <= 0 || i < (size_t)(first + count)); i++) {
        struct sym_module *m = sp->mods[i];
        cJSON *o = cJSON_CreateObject();
        char id[32], start[32], end[32], range[80];
        dap_hex(id, sizeof id, m->start);
        dap_hex(start, sizeof start, m->start);
        dap_hex(end, sizeof end, m->end);
        snprintf(range, sizeof range, "%s-%s", start, end);
        cJSON_AddStringToObject(o, "id", id);
        /* the file's name, as the module events name it */
        const char *base = strrchr(m->path, '/');
        cJSON_AddStringToObject(o, "name", base ? base + 1 : m->path);
        cJSON_AddStringToObject(o, "path", m->path);
        cJSON_AddStringToObject(o, "addressRange", range);
        cJSON_AddStringToObject(o, "symbolStatus", symbol_status(m));
        if (m->debug_file)
            cJSON_AddStringToObject(o, "symbolFilePath", m->debug_file);
        cJSON_AddItemToArray(mods, o);
    }
    cJSON_AddNumberToObject(body, "totalModules", (double)total);
    return 0;
}

/* A compile unit's source file: its name joined to its directory. */
static int cu_file(Dwarf_Die *cu, char *out, size_t size, size_t *rel)
{
    const char *name = dwarf_diename(cu);
    Dwarf_Attribute at;
    const char *dir = dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &at));
    if (!name)
        return -1;
    *rel = 0;
    if (name[0] == '/' || !dir) {
        snprintf(out, size, "%s", name);
    } else {
        snprintf(out, size, "%s/%s", dir, name);
        *rel = strlen(dir) + 1;
    }
    return 0;
}

static int by_path(const void *x, const void *y)
{
    return strcmp(*(char *const *)x, *(char *const *)y);
}

int dap_loaded_sources(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    if (need_target(a, e) < 0)
        return -1;
    struct sym_space *sp = eng_syms(a->d.s);
    char **paths = NULL;
    size_t n = 0, cap = 0;
    for (size_t i = 0; sp && i < sp->n; i++) {
        struct sym_module *m = sp->mods[i];
        Dwarf_Addr bias;
        sym_module_load(m); /* says whether there is DWARF to read */
        if (!m->dw || !m->has_dwarf || !dwfl_module_getdwarf(m->dw, &bias))
            continue;
        Dwarf_Die *cu = NULL;
        while ((cu = dwfl_module_nextcu(m->dw, cu, &bias))) {
            char path[4096], found[4096];
            size_t rel;
            if (cu_file(cu, path, sizeof path, &rel) < 0)
                continue;
            /* what the editor can open (through .srcsubst and .srcpath);
             * a file that is nowhere is left out */
            if (sym_src_find(&a->d.srcpath, path, rel, found, sizeof found) != 0)
                continue;
            memcpy(path, found, sizeof path);
            if (n == cap) {
                cap = cap ? 2 * cap : 64;
                paths = xrealloc(paths, cap * sizeof *paths);
            }
            paths[n++] = xstrdup(path);
        }
    }
    if (n)
        qsort(paths, n, sizeof *paths, by_path);
    cJSON *list = cJSON_AddArrayToObject(body, "sources");
    for (size_t i = 0; i < n; i++) {
        if (i == 0 || strcmp(paths[i], paths[i - 1])) {
            cJSON *s = cJSON_CreateObject();
            const char *base = strrchr(paths[i], '/');
            cJSON_AddStringToObject(s, "name", base ? base + 1 : paths[i]);
            cJSON_AddStringToObject(s, "path", paths[i]);
            cJSON_AddItemToArray(list, s);
        }
        free(paths[i]);
    }
    free(paths);
    return 0;
}
