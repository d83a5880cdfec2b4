// What the CPU offers the SIMD paths (base64, MD5), asked once with CPUID on
// first use. __builtin_cpu_supports would link libgcc's constructor, which
// asks at every start, `kinesisd --help` included; CPUID traps to the
// hypervisor in a VM (about 26 us a start on the development machine).
#pragma once

#if defined(__x86_64__)
#include <cpuid.h>
#endif

namespace kinesisd::base {

inline bool cpu_has_avx2() {
#if defined(__x86_64__)
  static const bool yes = [] {
    unsigned a = 0, b = 0, c = 0, d = 0;
    if (!__get_cpuid(1, &a, &b, &c, &d)) return false;
    if (!(c & bit_OSXSAVE) || !(c & bit_AVX)) return false;
    // The OS saves the YMM registers: XCR0's SSE and AVX state bits.
    unsigned xcr0 = 0, high = 0;
    __asm__("xgetbv" : "=a"(xcr0), "=d"(high) : "c"(0));
    if ((xcr0 & 6) != 6) return false;
    if (!__get_cpuid_count(7, 0, &a, &b, &c, &d)) return false;
    return (b & bit_AVX2) != 0;
  }();
  return yes;
#else
  return false;
#endif
}

}  // namespace kinesisd::base
