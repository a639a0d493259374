/* placeholder until its part lands (see dap.h) */
#include "dap/dap.h"

int dap_data_breakpoint_info(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: data_breakpoint_info");
}

int dap_set_data_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: set_data_breakpoints");
}

int dap_set_exception_breakpoints(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: set_exception_breakpoints");
}

cJSON *dap_exception_filters(void) { return cJSON_CreateArray(); }
int dap_is_data_bp(struct dap *a, unsigned bp_id) { return 0; }
