/* netbed's additions to Duktape (netbed_duk.c, compiled with Duktape's source). */
#pragma once

#include <duktape.h>

#if defined(__cplusplus)
extern "C" {
#endif

/* duk_destroy_heap without its three collections: every finalizer still runs once, in the
 * last pass, and everything is freed (netbed_duk.c). */
void netbed_duk_destroy_heap(duk_context* ctx);

/* duk_load_function, with the functions as the compiler made them: no empty _Varmap in each
 * (netbed_duk.c). */
void netbed_duk_load_function(duk_context* ctx);

/* duk_gc(ctx, DUK_GC_COMPACT) with the same result, compacting only the objects whose property
 * tables have room to give back (netbed_duk.c). */
void netbed_duk_gc_compact(duk_context* ctx);

/* The compiled function at idx and every function defined inside it become plain functions,
 * as natives are: no `prototype` object made with each closure, and `new` refused; functions
 * whose name starts with a capital letter stay constructors. For netbed's own modules, whose
 * constructors are named so: a heap then makes no object per method. The flag is kept by
 * duk_dump_function, so heaps loading the bytecode get plain functions too. */
void netbed_duk_plain_functions(duk_context* ctx, duk_idx_t idx);

#if defined(__cplusplus)
}
#endif
