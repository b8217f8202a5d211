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

/* Clears the constructor flag of f and of the functions inside it, recursively, except where
 * the name starts with a capital letter. */
static void netbed__plain(duk_hthread* thr, duk_hcompfunc* f) {
  duk_hobject** p = DUK_HCOMPFUNC_GET_FUNCS_BASE(thr->heap, f);
  duk_hobject** end = DUK_HCOMPFUNC_GET_FUNCS_END(thr->heap, f);
  const char* name;
  duk_push_hobject(thr, (duk_hobject*)f);
  duk_get_prop_string(thr, -1, "name");
  name = duk_get_string(thr, -1);
  if (name == NULL || name[0] < 'A' || name[0] > 'Z') {
    DUK_HOBJECT_CLEAR_CONSTRUCTABLE((duk_hobject*)f);
  }
  duk_pop_2(thr);
  for (; p != end; p++) {
    if (*p != NULL && DUK_HOBJECT_IS_COMPFUNC(*p)) {
      netbed__plain(thr, (duk_hcompfunc*)*p);
    }
  }
}

void netbed_duk_plain_functions(duk_context* ctx, duk_idx_t idx) {
  duk_hobject* h = duk_require_hobject(ctx, idx);
  if (DUK_HOBJECT_IS_COMPFUNC(h)) {
    netbed__plain(ctx, (duk_hcompfunc*)h);
  }
}
