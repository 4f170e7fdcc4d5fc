// sys_mem: anonymous mmap/munmap inside the region, heap growth, malloc/calloc/realloc/free.
// Exits 0 when every check passes, else the failing check's number.
        .text
        .global _start
_start:
        mov     x0, #0
        mov     x1, #8192
        mov     x2, #(PROT_READ | PROT_WRITE)
        mov     x3, #(MAP_PRIVATE | MAP_ANONYMOUS)
        sys     mmap
        gctag   x1, c0
        cbz     x1, f1                  // a tagged capability comes back
        gclen   x1, c0
        mov     x2, #8192
        cmp     x1, x2
        b.ne    f2                      // bounded to the mapping
        mov     c19, c0
        mov     w1, #0x5a
        strb    w1, [c19]
        mov     x2, #8191
        strb    w1, [c19, x2]
        ldrb    w3, [c19, x2]
        cmp     w3, #0x5a
        b.ne    f3
        mov     c0, c19
        mov     x1, #8192
        sys     munmap
        cbnz    x0, f4
        mov     c0, c19
        mov     x1, #8192
        sys     munmap                  // the range is no longer ours? still inside the area: allowed, 0
        mov     x0, #4096
        sys     heap_grow
        cmp     x0, #0
        b.le    f5
        mov     x0, #100
        bl      malloc
        gctag   x1, c0
        cbz     x1, f6
        gclen   x1, c0
        cmp     x1, #112                // 100 rounded to 16
        b.ne    f7
        mov     c20, c0
        gcbase  x21, c0
        mov     w1, #7
        str     w1, [c20, #96]
        mov     c0, c20
        bl      free
        mov     x0, #100
        bl      malloc
        gcbase  x1, c0
        cmp     x1, x21                 // first fit reuses the freed block
        b.ne    f8
        mov     x0, #4
        mov     x1, #8
        bl      calloc
        ldr     x1, [c0, #24]
        cbnz    x1, f9                  // zeroed
        mov     c22, c0
        mov     w1, #0x33
        strb    w1, [c22, #31]
        mov     c0, c22
        mov     x1, #4000
        bl      realloc
        gclen   x1, c0
        mov     x2, #4000
        cmp     x1, x2
        b.lt    f10
        ldrb    w1, [c0, #31]
        cmp     w1, #0x33               // contents moved
        b.ne    f11
        mov     x0, #0
        sys     exit
f1:     fail    1
f2:     fail    2
f3:     fail    3
f4:     fail    4
f5:     fail    5
f6:     fail    6
f7:     fail    7
f8:     fail    8
f9:     fail    9
f10:    fail    10
f11:    fail    11
