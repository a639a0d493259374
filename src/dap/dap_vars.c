/* placeholder until its part lands (see dap.h) */
#include "dap/dap.h"

int dap_scopes(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: scopes");
}

int dap_variables(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: variables");
}

int dap_set_variable(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: set_variable");
}

int dap_evaluate_value(struct dap *a, const cJSON *args, cJSON *body, struct lerr *e)
{
    return lerr_set(e, "Not supported yet: evaluate_value");
}

void dap_vars_reset(struct dap *a) {}
void dap_vars_free(struct dap *a) {}
