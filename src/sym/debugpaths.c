#include "sym/debugpaths.h"
#include "sym/srcpath.h"
#include "util/xalloc.h"

#include <dlfcn.h>
#include <elfutils/debuginfod.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char *shown;       /* "dir;dir" */
static char *dwfl_path;   /* what libdwfl reads: "+:.debug:dir:dir" */
static int path_set;

static sym_debug_progress_fn progress_fn;
static void *progress_ctx;
static const char *searching; /* the module whose file is looked for */
static const char *searched;  /* what: "debug info", "source" */
static int reported;          /* a download of it was reported */

static int find_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
                          Dwarf_Addr base, const char *file_name, const char *debuglink,
                          GElf_Word crc, char **debuginfo_file_name);

static Dwfl_Callbacks callbacks = {
    .find_elf = dwfl_build_id_find_elf,
    .find_debuginfo = find_debuginfo,
    .section_address = dwfl_offline_section_address,
    .debuginfo_path = &dwfl_path,
};

/* The default is libdwfl's own (":.debug:/usr/lib/debug"), written out so
 * that .sympath shows it and .sympath+ adds to it. */
static void ensure_default(void)
{
    if (!path_set)
        sym_debug_set_path("/usr/lib/debug", 0);
}

const Dwfl_Callbacks *sym_debug_callbacks(void)
{
    ensure_default();
    return &callbacks;
}

void sym_debug_set_path(const char *list, int append)
{
    if (append)
        ensure_default(); /* .sympath+ adds to the default when none was set */
    size_t n = strlen(list);
    char *old = append && shown ? shown : NULL;
    size_t on = old ? strlen(old) : 0;
    char *s = xmalloc(on + n + 2);
    s[0] = '\0';
    if (old)
        strcpy(s, old);
    /* ';'-separated, blanks around entries and empty entries dropped */
    const char *e;
    size_t len;
    while (sym_path_list_next(&list, &e, &len)) {
        if (len) {
            if (s[0])
                strcat(s, ";");
            strncat(s, e, len);
        }
    }
    free(shown);
    shown = s;
    path_set = 1;
    /* "+": check the CRC of a file found by its debuglink name; "" is the
     * file's own directory, ".debug" its subdirectory */
    free(dwfl_path);
    dwfl_path = xmalloc(strlen(s) + 16);
    strcpy(dwfl_path, "+:.debug");
    for (char *p = s; *p;) {
        size_t k = strcspn(p, ";");
        strcat(dwfl_path, ":");
        strncat(dwfl_path, p, k);
        p += k;
        if (*p)
            p++;
    }
}

const char *sym_debug_path(void)
{
    ensure_default();
    return shown;
}

void sym_debug_set_progress(sym_debug_progress_fn fn, void *ctx)
{
    progress_fn = fn;
    progress_ctx = ctx;
}

/* libdebuginfod's functions, looked up in the copy libdwfl loads itself
 * (it dlopens libdebuginfod.so.1 when DEBUGINFOD_URLS is set): linking it
 * would load libcurl and some thirty libraries into every session, which
 * tripled lindbg's start-up time and memory. */
static struct {
    int looked;
    void (*set_progressfn)(debuginfod_client *, debuginfod_progressfn_t);
    const char *(*get_url)(debuginfod_client *);
    int (*find_source)(debuginfod_client *, const unsigned char *, int, const char *, char **);
} client_fns;

/* Whether the functions are there: only once libdwfl has a client. */
static int client_fns_ok(void)
{
    if (!client_fns.looked) {
        client_fns.looked = 1;
        void *h = dlopen("libdebuginfod.so.1", RTLD_LAZY | RTLD_NOLOAD);
        if (h) {
            *(void **)&client_fns.set_progressfn = dlsym(h, "debuginfod_set_progressfn");
            *(void **)&client_fns.get_url = dlsym(h, "debuginfod_get_url");
            *(void **)&client_fns.find_source = dlsym(h, "debuginfod_find_source");
        }
    }
    return client_fns.set_progressfn && client_fns.get_url && client_fns.find_source;
}

/* libdebuginfod calls this through the transfer, also before any byte came
 * and for an answer that is an error: only a transfer with bytes counts. */
static int on_progress(debuginfod_client *c, long done, long total)
{
    if (progress_fn && done > 0) {
        reported = 1;
        /* the client knows its URL only once the download is done, and
         * then it is the whole request: the server is what is shown,
         * whichever comes first */
        const char *url = client_fns.get_url(c);
        if (!url)
            url = getenv("DEBUGINFOD_URLS");
        char server[512];
        const char *path = url ? strstr(url, "/buildid/") : NULL;
        if (path && (size_t)(path - url) < sizeof server) {
            snprintf(server, sizeof server, "%.*s", (int)(path - url), url);
            url = server;
        }
        progress_fn(progress_ctx, searched ? searched : "debug info", searching ? searching : "?",
                    url, done, total > 0 ? total : 0);
    }
    return 0;
}

static long size_of(int fd)
{
    struct stat st;
    return fd >= 0 && fstat(fd, &st) == 0 ? (long)st.st_size : -1;
}

/* Whether debuginfod is asked at all. Without it, lindbg never asks libdwfl
 * for its client: the first request dlopens libdebuginfod (and libcurl
 * with some thirty libraries), which tripled start-up time and memory. */
static int debuginfod_wanted(void)
{
    const char *urls = getenv("DEBUGINFOD_URLS");
    return urls && *urls;
}

void sym_debug_attach(Dwfl *dwfl)
{
    if (!debuginfod_wanted())
        return;
    debuginfod_client *c = dwfl_get_debuginfod_client(dwfl);
    if (c && client_fns_ok())
        client_fns.set_progressfn(c, on_progress);
}

/* The standard search (local paths, then debuginfod), with the module's
 * name known to the progress callback and the end of a download told. */
static int find_debuginfo(Dwfl_Module *mod, void **userdata, const char *modname,
                          Dwarf_Addr base, const char *file_name, const char *debuglink,
                          GElf_Word crc, char **debuginfo_file_name)
{
    searching = modname;
    searched = "debug info";
    reported = 0;
    int fd = dwfl_standard_find_debuginfo(mod, userdata, modname, base, file_name, debuglink,
                                          crc, debuginfo_file_name);
    if (reported && progress_fn)
        progress_fn(progress_ctx, searched, modname, NULL, -1, size_of(fd));
    if (fd >= 0 && !*debuginfo_file_name) {
        /* libdwfl's debuginfod answer is a descriptor without a name (the
         * file in the client's cache): named, lmv can show it */
        char link[64], path[4096];
        snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
        ssize_t n = readlink(link, path, sizeof path - 1);
        if (n > 0) {
            path[n] = '\0';
            *debuginfo_file_name = strdup(path); /* libdwfl frees it */
        }
    }
    searching = searched = NULL;
    reported = 0;
    return fd;
}

int sym_debug_find_source(Dwfl *dwfl, Dwfl_Module *mod, const char *modname, const char *file,
                          char *out, size_t size)
{
    const unsigned char *bits;
    GElf_Addr vaddr;
    int n = dwfl_module_build_id(mod, &bits, &vaddr);
    debuginfod_client *c = n > 0 && file[0] == '/' && debuginfod_wanted()
                               ? dwfl_get_debuginfod_client(dwfl) : NULL;
    if (!c || !client_fns_ok())
        return -1;
    searching = modname;
    searched = "source";
    reported = 0;
    char *path = NULL;
    int fd = client_fns.find_source(c, bits, n, file, &path);
    if (reported && progress_fn)
        progress_fn(progress_ctx, searched, modname, NULL, -1, size_of(fd));
    searching = searched = NULL;
    reported = 0;
    if (fd < 0)
        return -1;
    close(fd);
    int ok = path && strlen(path) < size;
    if (ok)
        strcpy(out, path);
    free(path);
    return ok ? 0 : -1;
}
