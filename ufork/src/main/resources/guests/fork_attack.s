// fork_attack: three children try to reach beyond their region and must be killed by a capability fault
// while the parent runs on:
//   1. a capability built from the parent's heap address held as an integer (SCVALUE on the child's own
//      heap capability: out of its bounds, or not representable, so the load faults);
//   2. widening a relocated capability (SCBNDS to 1 MiB on a 256-byte node clears the tag: the load faults);
//   3. branching to a kernel-text address that is not an entry (SCVALUE on PCC's authority, outside its
//      bounds: the fetch faults).
// A child that survives its attack exits 99. The parent checks each child died of a signal, that its own
// node is intact, prints "parent survived" and exits 0; otherwise the failing check's number.
        .rodata
msg:    .ascii  "parent survived\n"
        .equ    msglen, . - msg
        .text
        .global _start
_start:
        sub     csp, csp, #32
        mov     x0, #256
        bl      malloc
        mov     c19, c0
        mov     x1, #1234
        str     x1, [c19, #16]
        gcvalue x28, c19                // the parent's node address, as an integer
        mov     x20, #0                 // attack number
next:   sys     fork
        cmp     x0, #0
        b.lt    f1
        b.eq    attack
        mov     x21, x0
        mov     c1, csp
        mov     x2, #0
        sys     waitpid
        cmp     x0, x21
        b.ne    f2
        ldr     w1, [csp]
        and     w2, w1, #0x7f
        cbz     w2, f3                  // exited normally: the attack was not stopped
        ldr     x1, [c19, #16]
        mov     x2, #1234
        cmp     x1, x2
        b.ne    f4
        add     x20, x20, #1
        cmp     x20, #3
        b.lt    next
        mov     x0, #1
        adrp    c1, msg
        add     c1, c1, #:lo12:msg
        mov     x2, #msglen
        sys     write
        mov     x0, #0
        sys     exit
attack: cmp     x20, #1
        b.eq    widen
        b.gt    kernel
        mrs     c16, ctpidr_el0
        ldr     c16, [c16, #TLS_HEAP]
        scvalue c1, c16, x28            // the parent's address on the child's authority
        mov     x2, #0x5555
        str     x2, [c1, #16]           // must fault
        ldr     x2, [c1, #16]
        mov     x0, #99
        sys     exit
widen:  mov     x3, #(1 << 20)
        scbnds  c1, c19, x3             // wider than the node: tag cleared
        ldr     x2, [c1]                // must fault
        mov     x0, #99
        sys     exit
kernel: mov     x3, #0x10000000         // VirtualLayout.KERNEL_TEXT
        add     x3, x3, #0x85           // inside the stubs, not an entry (bit 0: stay in C64)
        adr     c4, .
        scvalue c4, c4, x3              // PCC's authority, pointed at kernel text
        blr     c4                      // must fault on the fetch
        mov     x0, #99
        sys     exit
f1:     fail    1
f2:     fail    2
f3:     fail    3
f4:     fail    4
