#ifndef GUTCHECK_BYTE_SCAN_H
#define GUTCHECK_BYTE_SCAN_H

#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/// The CSV scanner's view of 64 bytes at `p`: bit i of the result is set when byte i is the
/// delimiter, a double quote or below 0x0E (NUL, CR, LF, tab…); bit i of `*high` when byte i
/// is 0x80 or above (not ASCII). In C because Swift has no byte-mask ("movemask") operation:
/// SSE2 (every x86-64) answers 16 bytes in a few instructions, where eight-byte words in
/// Swift took about a fifth of a big read (docs/benchmarks.md). Other machines use the loop.
static inline uint64_t gutcheck_scan_block(const uint8_t *p, uint8_t delimiter, uint64_t *high) {
    uint64_t specials = 0, highs = 0;
#if defined(__SSE2__)
    const __m128i delimiters = _mm_set1_epi8((char)delimiter);
    const __m128i quotes = _mm_set1_epi8('"');
    const __m128i thirteen = _mm_set1_epi8(0x0D);
    for (int i = 0; i < 4; i++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
        __m128i hits = _mm_or_si128(_mm_cmpeq_epi8(v, delimiters), _mm_cmpeq_epi8(v, quotes));
        /* Unsigned v <= 0x0D exactly when min(v, 0x0D) == v. */
        hits = _mm_or_si128(hits, _mm_cmpeq_epi8(_mm_min_epu8(v, thirteen), v));
        specials |= (uint64_t)(uint16_t)_mm_movemask_epi8(hits) << (16 * i);
        highs |= (uint64_t)(uint16_t)_mm_movemask_epi8(v) << (16 * i);
    }
#else
    for (int i = 0; i < 64; i++) {
        uint8_t b = p[i];
        if (b == delimiter || b == '"' || b < 0x0E) specials |= (uint64_t)1 << i;
        if (b >= 0x80) highs |= (uint64_t)1 << i;
    }
#endif
    *high = highs;
    return specials;
}

#endif
