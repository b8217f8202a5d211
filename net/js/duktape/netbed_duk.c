/* Debian's duktape.c, compiled with netbed's additions that need the heap's internals
 * (declared in netbed_duk.h). CMakeLists.txt builds netbed_duktape from this file.
 */
#include "duktape.c"

#include "netbed_duk.h"

/* duk_destroy_heap collects three times before its last pass, which runs every finalizer
 * not yet run and frees every object: the collections run the finalizers of unreachable
 * objects first and let them rescue objects. A netbed heap ends with its host: nothing is to
 * be rescued, and the last pass runs the same finalizers (netbed's release C++ handles). So
 * the collections are prevented; they marked the whole heap three times for nothing.
 */
void netbed_duk_destroy_heap(duk_context* ctx) {
  if (ctx == NULL) {
    return;
  }
  ctx->heap->ms_prevent_count++;
  duk_destroy_heap(ctx);
}
