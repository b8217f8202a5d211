/* netbed's overrides of Duktape's configuration, included where Debian's duk_config.h says
 * "You may add overriding #define/#undef directives below" (CMakeLists.txt builds Debian's
 * duktape.c with them). Why: a simulated run holds thousands of heaps, and a simulated host
 * must read its clock and its random numbers from the run (net/js/README.md).
 */

/* Built-in functions as light functions: no object per built-in in every heap. */
#define DUK_USE_LIGHTFUNC_BUILTINS
/* No literal cache and a small initial string table: both cost every heap kilobytes. */
#undef DUK_USE_LITCACHE_SIZE
#undef DUK_USE_STRTAB_MINSIZE
#define DUK_USE_STRTAB_MINSIZE 64
/* The string table grows at four strings a slot (Duktape: one) and shrinks at one: a heap's
 * ~750 strings take 256 slots (2 KB) instead of 1,024 (8 KB); a lookup compares hashes first. */
/* Objects get a hash part from 64 properties on (Duktape: 8): below that a lookup scans the
 * keys, which are interned pointers; the hash parts of a heap's ~30 larger objects (built-ins,
 * prototypes, the natives) cost it kilobytes. */
#undef DUK_USE_HOBJECT_HASH_PROP_LIMIT
#define DUK_USE_HOBJECT_HASH_PROP_LIMIT 64
#undef DUK_USE_STRTAB_GROW_LIMIT
#define DUK_USE_STRTAB_GROW_LIMIT 64
#undef DUK_USE_STRTAB_SHRINK_LIMIT
#define DUK_USE_STRTAB_SHRINK_LIMIT 16

/* Date.now(), new Date() and performance.now() read the host's clock, Math.random() the
 * host's generator (engine.cc): simulated time and the run's seed on a simulated host.
 * Local time is UTC on every host, so that a run does not depend on the machine's zone. */
#if defined(DUK_COMPILING_DUKTAPE)
extern double netbed_duk_date_now(void* heap_udata);
extern double netbed_duk_random(void* heap_udata);
#define DUK_USE_DATE_GET_NOW(ctx) netbed_duk_date_now((ctx)->heap->heap_udata)
#define DUK_USE_DATE_GET_LOCAL_TZOFFSET(d) 0
#define DUK_USE_GET_RANDOM_DOUBLE(udata) netbed_duk_random(udata)
#endif
