/* netbed's additions to Duktape (netbed_duk.c, compiled with Duktape's source). */
#pragma once

#include <duktape.h>

#if defined(__cplusplus)
extern "C" {
#endif

/* duk_destroy_heap without its three collections: every finalizer still runs once, in the
 * last pass, and everything is freed (netbed_duk.c). */
void netbed_duk_destroy_heap(duk_context* ctx);

#if defined(__cplusplus)
}
#endif
