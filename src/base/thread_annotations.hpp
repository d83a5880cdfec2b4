// Clang's thread-safety attributes, as macros that vanish on other compilers
// (the names and the set are LevelDB's port/thread_annotations.h and
// https://clang.llvm.org/docs/ThreadSafetyAnalysis.html). The clang tree is
// built with -Wthread-safety -Werror=thread-safety: a member marked
// GUARDED_BY(mu_) touched without mu_ held fails the build.
#pragma once

#if defined(__clang__)
#define KINESISD_THREAD_ANNOTATION(x) __attribute__((x))
#else
#define KINESISD_THREAD_ANNOTATION(x)
#endif

#define CAPABILITY(x) KINESISD_THREAD_ANNOTATION(capability(x))
#define SCOPED_CAPABILITY KINESISD_THREAD_ANNOTATION(scoped_lockable)
#define GUARDED_BY(x) KINESISD_THREAD_ANNOTATION(guarded_by(x))
#define PT_GUARDED_BY(x) KINESISD_THREAD_ANNOTATION(pt_guarded_by(x))
#define ACQUIRED_AFTER(...) KINESISD_THREAD_ANNOTATION(acquired_after(__VA_ARGS__))
#define ACQUIRED_BEFORE(...) KINESISD_THREAD_ANNOTATION(acquired_before(__VA_ARGS__))
#define REQUIRES(...) KINESISD_THREAD_ANNOTATION(requires_capability(__VA_ARGS__))
#define REQUIRES_SHARED(...) KINESISD_THREAD_ANNOTATION(requires_shared_capability(__VA_ARGS__))
#define ACQUIRE(...) KINESISD_THREAD_ANNOTATION(acquire_capability(__VA_ARGS__))
#define ACQUIRE_SHARED(...) KINESISD_THREAD_ANNOTATION(acquire_shared_capability(__VA_ARGS__))
#define RELEASE(...) KINESISD_THREAD_ANNOTATION(release_capability(__VA_ARGS__))
#define RELEASE_SHARED(...) KINESISD_THREAD_ANNOTATION(release_shared_capability(__VA_ARGS__))
#define RELEASE_GENERIC(...) KINESISD_THREAD_ANNOTATION(release_generic_capability(__VA_ARGS__))
#define TRY_ACQUIRE(...) KINESISD_THREAD_ANNOTATION(try_acquire_capability(__VA_ARGS__))
#define EXCLUDES(...) KINESISD_THREAD_ANNOTATION(locks_excluded(__VA_ARGS__))
#define ASSERT_CAPABILITY(x) KINESISD_THREAD_ANNOTATION(assert_capability(x))
#define RETURN_CAPABILITY(x) KINESISD_THREAD_ANNOTATION(lock_returned(x))
#define NO_THREAD_SAFETY_ANALYSIS KINESISD_THREAD_ANNOTATION(no_thread_safety_analysis)
