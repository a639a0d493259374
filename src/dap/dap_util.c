/* Small readers of request arguments and DAP's address strings. */
#include "dap/dap.h"

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdlib.h>

const char *dap_arg_str(const cJSON *args, const char *name, const char *def)
{
    const cJSON *v = args ? cJSON_GetObjectItemCaseSensitive(args, name) : NULL;
    return cJSON_IsString(v) ? v->valuestring : def;
}

long long dap_arg_int(const cJSON *args, const char *name, long long def)
{
    const cJSON *v = args ? cJSON_GetObjectItemCaseSensitive(args, name) : NULL;
    if (!cJSON_IsNumber(v) || isnan(v->valuedouble))
        return def;
    /* JSON's integers are exact to 2^53; anything beyond is clamped there */
    const double lim = 9007199254740992.0;
    double d = v->valuedouble < -lim ? -lim : v->valuedouble > lim ? lim : v->valuedouble;
    return (long long)d;
}

int dap_arg_bool(const cJSON *args, const char *name, int def)
{
    const cJSON *v = args ? cJSON_GetObjectItemCaseSensitive(args, name) : NULL;
    return cJSON_IsBool(v) ? cJSON_IsTrue(v) : def;
}

void dap_hex(char *buf, size_t size, uint64_t v)
{
    snprintf(buf, size, "0x%" PRIx64, v);
}

int dap_parse_address(const char *ref, long long offset, uint64_t *out, struct lerr *e)
{
    if (!ref || !*ref)
        return lerr_set(e, "Syntax error: a memory reference is needed");
    char *end;
    errno = 0;
    unsigned long long v = strtoull(ref, &end, 0);
    if (errno || *end || *ref == '-')
        return lerr_set(e, "Syntax error: '%s' is not an address", ref);
    *out = (uint64_t)v + (uint64_t)offset;
    return 0;
}
