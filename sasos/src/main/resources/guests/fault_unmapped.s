// fault_unmapped: the heap capability covers the whole heap reservation, but only the static heap is
// mapped: a load just past it takes a translation fault.
        .text
        .global _start
_start:
        mrs     c1, ctpidr_el0
        ldr     c1, [c1, #TLS_HEAP]
        movz    x2, #0x1, lsl #16       // 64 KiB: the default static heap size
        ldr     x3, [c1, x2]
        mov     x0, #0
        sys     exit
