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

/* Whether duk_hobject_compact_props would give obj a property table of another shape: the
 * same sizes as it computes (used entries, the array part's minimum or its abandonment, the
 * hash part). A table of the same sizes with no deleted entry comes out as it went in. */
static duk_bool_t netbed__has_room(duk_hthread* thr, duk_hobject* obj) {
  duk_uint32_t e_used = duk__count_used_e_keys(thr, obj);
  duk_uint32_t a_used, a_size, h_size = 0;
  duk__compute_a_stats(thr, obj, &a_used, &a_size);
  if (duk__abandon_array_density_check(a_used, a_size)) {
    return 1;
  }
#if defined(DUK_USE_HOBJECT_HASH_PART)
  if (e_used >= DUK_USE_HOBJECT_HASH_PROP_LIMIT) {
    h_size = duk__get_default_h_size(e_used);
  }
#endif
  return e_used != DUK_HOBJECT_GET_ESIZE(obj) || a_size != DUK_HOBJECT_GET_ASIZE(obj) ||
         h_size != DUK_HOBJECT_GET_HSIZE(obj);
}

static void netbed__compact_list(duk_hthread* thr, duk_heaphdr* curr) {
  for (; curr != NULL; curr = DUK_HEAPHDR_GET_NEXT(thr->heap, curr)) {
    if (DUK_HEAPHDR_GET_TYPE(curr) == DUK_HTYPE_OBJECT && netbed__has_room(thr, (duk_hobject*)curr)) {
      duk_hobject_compact_props(thr, (duk_hobject*)curr);
    }
  }
}

static duk_ret_t netbed__compact_objects(duk_hthread* thr, void* udata) {
  DUK_UNREF(udata);
  netbed__compact_list(thr, thr->heap->heap_allocated);
#if defined(DUK_USE_FINALIZER_SUPPORT)
  netbed__compact_list(thr, thr->heap->finalize_list);
#endif
  return 0;
}

/* duk_gc(ctx, DUK_GC_COMPACT) gives every object a new property table of the size it needs,
 * also when it has that size already: an allocation, a copy and a safe call for each of the
 * ~650 objects of a sensor's heap after start. Here the collection runs as the compacting one
 * does (snug value stacks, the string table resized) without compacting objects, and then
 * only the objects with room to give back are compacted, as Duktape would: the same tables,
 * the same bytes. No collection runs while the heap's lists are walked; an allocation that
 * fails ends the pass (the objects not reached keep their room). */
void netbed_duk_gc_compact(duk_context* ctx) {
  duk_heap* heap = ctx->heap;
  duk_gc(ctx, DUK_MS_FLAG_EMERGENCY | DUK_MS_FLAG_NO_OBJECT_COMPACTION);
  if (heap->lj.type != DUK_LJ_TYPE_UNKNOWN) {
    return; /* as Duktape: no compaction while an error is being thrown */
  }
  heap->ms_prevent_count++;
  (void)duk_safe_call(ctx, netbed__compact_objects, NULL, 0, 1);
  duk_pop(ctx);
  heap->ms_prevent_count--;
}

/* Duktape's compiler leaves out a function's _Varmap when nothing looks its variables up by
 * name (no eval, no `arguments`, no inner function), but its bytecode loader gives every
 * function one, empty when it was left out: an object in each loaded function, and a property
 * in each closure made of it, which a heap makes hundreds of. A missing and an empty varmap
 * are read alike (no variable found by name). */
static void netbed__drop_empty_varmaps(duk_hthread* thr, duk_hcompfunc* f) {
  duk_hobject** p = DUK_HCOMPFUNC_GET_FUNCS_BASE(thr->heap, f);
  duk_hobject** end = DUK_HCOMPFUNC_GET_FUNCS_END(thr->heap, f);
  duk_tval* tv = duk_hobject_find_entry_tval_ptr_stridx(thr->heap, (duk_hobject*)f, DUK_STRIDX_INT_VARMAP);
  if (tv != NULL && DUK_TVAL_IS_OBJECT(tv)) {
    duk_hobject* varmap = DUK_TVAL_GET_OBJECT(tv);
    if (DUK_HOBJECT_GET_ENEXT(varmap) == 0 && DUK_HOBJECT_GET_ASIZE(varmap) == 0) {
      (void)duk_hobject_delprop_raw(thr, (duk_hobject*)f, DUK_HTHREAD_STRING_INT_VARMAP(thr), DUK_DELPROP_FLAG_FORCE);
    }
  }
  for (; p != end; p++) {
    if (*p != NULL && DUK_HOBJECT_IS_COMPFUNC(*p)) {
      netbed__drop_empty_varmaps(thr, (duk_hcompfunc*)*p);
    }
  }
}

void netbed_duk_load_function(duk_context* ctx) {
  duk_hobject* h;
  duk_load_function(ctx);
  h = duk_require_hobject(ctx, -1);
  if (DUK_HOBJECT_IS_COMPFUNC(h)) {
    netbed__drop_empty_varmaps(ctx, (duk_hcompfunc*)h);
  }
}
