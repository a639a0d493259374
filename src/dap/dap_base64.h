/* Base64 (RFC 4648, standard alphabet, '=' padding), as DAP carries
 * memory in readMemory and writeMemory. Neither cJSON nor the libraries
 * lindbg links offer it. */
#ifndef LINDBG_DAP_DAP_BASE64_H
#define LINDBG_DAP_DAP_BASE64_H

#include <stddef.h>
#include <stdint.h>

/* The text for len bytes (malloc'd, NUL-terminated). */
char *dap_base64_encode(const uint8_t *data, size_t len);
/* The bytes of text (malloc'd into *out, *len of them; NULL text is
 * empty). Blanks are skipped, padding is optional; any other character
 * outside the alphabet, or a stray '=' in the middle, is -1. */
int dap_base64_decode(const char *text, uint8_t **out, size_t *len);

#endif
