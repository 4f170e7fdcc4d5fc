// fork_loop: 1000 times fork; the child exits with i % 128 at once; the parent waits for it and checks the
// status. Exits 0 when every round passes, else the failing check's number.
        .equ    ROUNDS, 1000
        .text
        .global _start
_start:
        sub     csp, csp, #32
        mov     x19, #0
        mov     x20, #ROUNDS
loop:   sys     fork
        cmp     x0, #0
        b.lt    f1
        b.eq    child
        mov     x21, x0
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x21
        b.ne    f2
        ldr     w1, [csp]
        and     x3, x19, #0x7f
        lsl     w3, w3, #8
        cmp     w1, w3
        b.ne    f3
        add     x19, x19, #1
        cmp     x19, x20
        b.lt    loop
        mov     x0, #0
        sys     exit
child:  and     x0, x19, #0x7f
        sys     exit
f1:     fail    1
f2:     fail    2
f3:     fail    3
