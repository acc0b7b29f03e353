package dev.gopherlens.pprof.internal.legacy;

import dev.gopherlens.pprof.ValueType;

import java.util.List;

/**
 * The regular expressions of frames that google/pprof tells reports to drop from legacy profiles
 * ({@code legacy_profile.go}'s allocRxStr, allocSkipRxStr, lockRxStr and cpuProfilerRxStr), chosen by the
 * profile's sample types. Constants only.
 */
final class FrameFilters {
    /** Memory allocators: the frames above a heap sample's caller. */
    static final String ALLOC = String.join("|",
            "calloc", "cfree", "malloc", "free", "memalign", "do_memalign", "(__)?posix_memalign", "pvalloc",
            "valloc", "realloc",
            "tcmalloc::.*", "tc_calloc", "tc_cfree", "tc_malloc", "tc_free", "tc_memalign", "tc_posix_memalign",
            "tc_pvalloc", "tc_valloc", "tc_realloc", "tc_new", "tc_delete", "tc_newarray", "tc_deletearray",
            "tc_new_nothrow", "tc_newarray_nothrow",
            "malloc_zone_malloc", "malloc_zone_calloc", "malloc_zone_valloc", "malloc_zone_realloc",
            "malloc_zone_memalign", "malloc_zone_free",
            "runtime\\..*",
            "BaseArena::.*", "(::)?do_malloc_no_errno", "(::)?do_malloc_pages", "(::)?do_malloc",
            "DoSampledAllocation", "MallocedMemBlock::MallocedMemBlock", "_M_allocate", "__builtin_(vec_)?delete",
            "__builtin_(vec_)?new", "__gnu_cxx::new_allocator::allocate", "__libc_malloc",
            "__malloc_alloc_template::allocate", "allocate", "cpp_alloc", "operator new(\\[\\])?",
            "simple_alloc::allocate");
    /** Go runtime frames kept although {@link #ALLOC} matches them. */
    static final String ALLOC_SKIP = String.join("|", "runtime\\.panic", "runtime\\.reflectcall",
            "runtime\\.call[0-9]*");
    /** Lock implementations: the frames above a contention sample's caller. */
    static final String LOCK = String.join("|",
            "RecordLockProfileData", "(base::)?RecordLockProfileData.*", "(base::)?SubmitMutexProfileData.*",
            "(base::)?SubmitSpinLockProfileData.*", "(base::Mutex::)?AwaitCommon.*", "(base::Mutex::)?Unlock.*",
            "(base::Mutex::)?UnlockSlow.*", "(base::Mutex::)?ReaderUnlock.*", "(base::MutexLock::)?~MutexLock.*",
            "(Mutex::)?AwaitCommon.*", "(Mutex::)?Unlock.*", "(Mutex::)?UnlockSlow.*", "(Mutex::)?ReaderUnlock.*",
            "(MutexLock::)?~MutexLock.*", "(SpinLock::)?Unlock.*", "(SpinLock::)?SlowUnlock.*",
            "(SpinLockHolder::)?~SpinLockHolder.*");
    /** The CPU profiler's signal handler. */
    static final String CPU_PROFILER = String.join("|", "ProfileData::Add", "ProfileData::prof_handler",
            "CpuProfiler::prof_handler", "__pthread_sighandler", "__restore");

    private static final List<List<String>> HEAP_TYPES = List.of(
            List.of("allocations", "size"),
            List.of("objects", "space"),
            List.of("inuse_objects", "inuse_space"),
            List.of("alloc_objects", "alloc_space"),
            List.of("alloc_objects", "alloc_space", "inuse_objects", "inuse_space"));
    private static final List<List<String>> CONTENTION_TYPES = List.of(List.of("contentions", "delay"));

    private FrameFilters() {
    }

    static boolean isHeap(List<ValueType> types) {
        return is(types, HEAP_TYPES);
    }

    static boolean isContention(List<ValueType> types) {
        return is(types, CONTENTION_TYPES);
    }

    private static boolean is(List<ValueType> types, List<List<String>> known) {
        for (List<String> k : known) {
            if (k.size() != types.size()) {
                continue;
            }
            boolean same = true;
            for (int i = 0; i < k.size() && same; i++) {
                same = k.get(i).equals(types.get(i).type());
            }
            if (same) {
                return true;
            }
        }
        return false;
    }
}
