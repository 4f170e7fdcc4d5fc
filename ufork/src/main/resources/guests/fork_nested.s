// fork_nested: a parent forks a child that forks a grandchild. Each generation checks, from inside, that the
// list of 8 heap nodes it holds (built by the first parent) lies in its own heap with the original keys, then
// adds its generation number to the keys; the grandchild exits 3, the child checks that status and exits 5,
// the parent checks that and its own keys, and exits 0. Otherwise the failing check's number.
        .text
        .global _start
_start:
        sub     csp, csp, #32
        mov     x19, #0
        mov     x24, #7
build:  mov     x0, #512
        bl      malloc
        gctag   x1, c0
        cbz     x1, f1
        str     c19, [c0]
        str     x24, [c0, #16]
        mov     c19, c0
        subs    x24, x24, #1
        b.ge    build
        sys     fork
        cmp     x0, #0
        b.lt    f2
        b.eq    gen1
        mov     x21, x0
        mov     x12, #100               // the parent adds 100
        bl      check_and_bump
        cbnz    x0, f3
        mov     x0, x21
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x21
        b.ne    f4
        ldr     w1, [csp]
        cmp     w1, #(5 << 8)
        b.ne    f5
        mov     x11, #100               // the parent's keys: +100 only
        mov     x12, #0
        bl      check_keys
        cbnz    x0, f6
        mov     x0, #0
        sys     exit
gen1:   mov     x12, #10                // the child adds 10
        bl      check_and_bump
        cbnz    x0, f10
        sys     fork
        cmp     x0, #0
        b.lt    f11
        b.eq    gen2
        mov     x21, x0
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x21
        b.ne    f12
        ldr     w1, [csp]
        cmp     w1, #(3 << 8)
        b.ne    f13
        mov     x11, #10
        mov     x12, #0
        bl      check_keys
        cbnz    x0, f14
        mov     x0, #5
        sys     exit
gen2:   mov     x11, #10                // the grandchild sees its parent's keys (+10), relocated again
        mov     x12, #1
        bl      check_keys
        cbnz    x0, f20
        mov     x0, #3
        sys     exit

// check_and_bump: x0 = 0 if the list at c19 lies in this µprocess's heap with keys 0..7; adds x12 to each key.
check_and_bump:
        mov     x11, #0
// check_keys: x0 = 0 if the list at c19 lies in this µprocess's heap with keys i + x11; adds x12 to each key.
check_keys:
        mrs     c16, ctpidr_el0
        ldr     c16, [c16, #TLS_HEAP]
        gcbase  x9, c16
        gclen   x10, c16
        mov     x24, #0
        mov     c25, c19
ck:     gctag   x2, c25
        cbz     x2, ckdone
        gcbase  x5, c25
        sub     x5, x5, x9
        cmp     x5, x10
        b.hs    ckbad
        ldr     x3, [c25, #16]
        add     x4, x24, x11
        cmp     x3, x4
        b.ne    ckbad
        add     x3, x3, x12
        str     x3, [c25, #16]
        add     x24, x24, #1
        ldr     c25, [c25]
        b       ck
ckdone: cmp     x24, #8
        b.ne    ckbad
        mov     x0, #0
        ret
ckbad:  mov     x0, #1
        ret
f1:     fail    1
f2:     fail    2
f3:     fail    3
f4:     fail    4
f5:     fail    5
f6:     fail    6
f10:    fail    10
f11:    fail    11
f12:    fail    12
f13:    fail    13
f14:    fail    14
f20:    fail    20
