// fork_heap: a pointer-rich heap survives fork with every pointer relocated into the child's region, and writes
// on either side do not leak to the other.
// The parent builds a linked list of 64 nodes {next, key} (256 bytes each) and a 16-bucket hash table of
// entries {next, key, node} (200 bytes each) (all capabilities from malloc), opens a pipe and forks. The parent then adds 4000 to every
// node's key and signals the child through the pipe; the child checks that its list and table hold the
// original keys, that every pointer it loads lies inside its own heap (not the parent's), adds 2000 to every
// key and exits 0. The parent waits and checks that its keys are key+4000 and its pointers still its own.
// Under μFork the child's heap has moved (the same address in one address space would be the parent's) and no
// pointer may still point into the parent's heap. Under the monolithic baseline the child has its own address
// space and its heap stays at the parent's addresses: the same checks then prove the pointers kept their
// addresses and still reach private copies (the parent's +4000 must not show, nor the child's +2000 there).
// Exit 0 when every check passes, else the failing check's number.
        .equ    N, 64
        .text
        .global _start
_start:
        sub     csp, csp, #64
        mrs     c16, ctpidr_el0
        ldr     c16, [c16, #TLS_HEAP]
        gcbase  x28, c16                // the parent's heap, as integers (they survive fork untouched)
        gclen   x27, c16
        // ---- the list: insert at the head for i = N-1 .. 0, so it reads 0 .. N-1
        mov     x19, #0
        mov     x24, #(N - 1)
build:  mov     x0, #256                // nodes and entries are large so the heap spans several pages
        bl      malloc
        gctag   x1, c0
        cbz     x1, f1
        str     c19, [c0]
        str     x24, [c0, #16]
        mov     c19, c0
        subs    x24, x24, #1
        b.ge    build
        // ---- the hash table: 16 buckets, key % 16
        mov     x0, #16
        mov     x1, #16
        bl      calloc
        gctag   x1, c0
        cbz     x1, f2
        mov     c20, c0
        mov     c25, c19
ins:    gctag   x2, c25
        cbz     x2, insdone
        mov     x0, #200
        bl      malloc
        gctag   x1, c0
        cbz     x1, f3
        ldr     x3, [c25, #16]
        str     x3, [c0, #16]
        str     c25, [c0, #32]
        and     x4, x3, #15
        lsl     x4, x4, #4
        add     c6, c20, x4
        ldr     c5, [c6]
        str     c5, [c0]
        str     c0, [c6]
        ldr     c25, [c25]
        b       ins
insdone:
        mov     c0, csp
        sys     pipe
        cbnz    x0, f4
        ldr     w22, [csp]
        ldr     w23, [csp, #4]
        sys     fork
        cmp     x0, #0
        b.lt    f5
        b.eq    child
        mov     x26, x0
        // ---- parent: change every key, then let the child look
        mov     c25, c19
pm:     gctag   x2, c25
        cbz     x2, pmdone
        ldr     x3, [c25, #16]
        add     x3, x3, #4000
        str     x3, [c25, #16]
        ldr     c25, [c25]
        b       pm
pmdone: mov     x0, x23
        mov     c1, csp
        mov     x2, #1
        sys     write
        cmp     x0, #1
        b.ne    f6
        mov     x0, x26
        add     c1, csp, #16
        mov     x2, #0
        sys     waitpid
        cmp     x0, x26
        b.ne    f7
        ldr     w1, [csp, #16]
        cbnz    w1, f8                  // the child's own checks failed: status = its check number << 8
        // the parent's list: key+4000 (the child's +2000 did not leak), pointers in the parent's heap
        mov     x24, #0
        mov     c25, c19
pc:     gctag   x2, c25
        cbz     x2, pcdone
        gcbase  x5, c25
        sub     x5, x5, x28
        cmp     x5, x27
        b.hs    f9
        ldr     x3, [c25, #16]
        add     x4, x24, #4000
        cmp     x3, x4
        b.ne    f10
        add     x24, x24, #1
        ldr     c25, [c25]
        b       pc
pcdone: cmp     x24, #N
        b.ne    f11
        mov     x0, #0
        sys     exit

        // ---- child
child:  mov     x0, x22
        mov     c1, csp
        mov     x2, #1
        sys     read                    // wait until the parent has rewritten its keys
        cmp     x0, #1
        b.ne    f20
        mrs     c16, ctpidr_el0
        ldr     c16, [c16, #TLS_HEAP]
        gcbase  x9, c16                 // the child's heap
        gclen   x10, c16
        mov     x12, #0                 // 0: moved (μFork, one address space)
        cmp     x9, x28
        b.ne    moved
        mov     x12, #1                 // same addresses: its own address space (monolithic fork)
        gcbase  x5, c19
        sub     x5, x5, x28
        cmp     x5, x27
        b.hs    f21                     // then the list head it kept must be at the parent's heap address too
moved:  cmp     x10, x27
        b.ne    f22
        gcbase  x5, c20                 // a relocated register
        sub     x5, x5, x9
        cmp     x5, x10
        b.hs    f23
        mov     x24, #0
        mov     c25, c19
cl:     gctag   x2, c25
        cbz     x2, cldone
        gcbase  x5, c25
        sub     x5, x5, x9
        cmp     x5, x10
        b.hs    f24                     // every node pointer inside the child's heap
        cbnz    x12, samespace          // own address space: the parent's heap range is its own
        gcvalue x5, c25
        sub     x5, x5, x28
        cmp     x5, x27
        b.lo    f25                     // and none inside the parent's
samespace:
        ldr     x3, [c25, #16]
        cmp     x3, x24
        b.ne    f26                     // the parent's +4000 did not leak
        add     x3, x3, #2000
        str     x3, [c25, #16]
        add     x24, x24, #1
        ldr     c25, [c25]
        b       cl
cldone: cmp     x24, #N
        b.ne    f27
        mov     x24, #0
hl:     and     x4, x24, #15
        lsl     x4, x4, #4
        add     c6, c20, x4
        ldr     c7, [c6]
hc:     gctag   x2, c7
        cbz     x2, f28                 // key not found
        gcbase  x5, c7
        sub     x5, x5, x9
        cmp     x5, x10
        b.hs    f29
        ldr     x3, [c7, #16]
        cmp     x3, x24
        b.eq    hfound
        ldr     c7, [c7]
        b       hc
hfound: ldr     c8, [c7, #32]
        gcbase  x5, c8
        sub     x5, x5, x9
        cmp     x5, x10
        b.hs    f30
        ldr     x3, [c8, #16]
        add     x11, x24, #2000
        cmp     x3, x11
        b.ne    f31                     // the entry points at the child's own node
        add     x24, x24, #1
        cmp     x24, #N
        b.lt    hl
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
f20:    fail    20
f21:    fail    21
f22:    fail    22
f23:    fail    23
f24:    fail    24
f25:    fail    25
f26:    fail    26
f27:    fail    27
f28:    fail    28
f29:    fail    29
f30:    fail    30
f31:    fail    31
