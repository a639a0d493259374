/* placeholder until its part lands (see dap.h) */
#include "dap/dap.h"

int dap_read_memory(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: read_memory");
}

int dap_write_memory(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: write_memory");
}

int dap_disassemble(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: disassemble");
}

int dap_modules(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: modules");
}

int dap_loaded_sources(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: loaded_sources");
}

