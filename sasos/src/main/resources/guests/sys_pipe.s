// sys_pipe: a pipe within one µprocess, end of file, EPIPE, and a reader thread blocking until a
// sleeping writer thread writes. Exits 0 when every check passes, else the failing check's number.
        .rodata
ping:   .ascii  "ping"
        .text
        .global _start
_start:
        sub     csp, csp, #64
        mov     c0, csp
        sys     pipe
        cbnz    x0, f1
        ldr     w19, [csp]              // read end
        ldr     w20, [csp, #4]          // write end
        mov     x0, x20
        adrp    c1, ping
        add     c1, c1, #:lo12:ping
        mov     x2, #4
        sys     write
        cmp     x0, #4
        b.ne    f2
        mov     x0, x19
        add     c1, csp, #16
        mov     x2, #16
        sys     read
        cmp     x0, #4
        b.ne    f3
        ldr     w1, [csp, #16]
        movz    w2, #0x6970             // "pi"
        movk    w2, #0x676e, lsl #16    // "ng"
        cmp     w1, w2
        b.ne    f4
        // a writer thread sleeps, then writes; this thread blocks in read meanwhile
        adr     c0, writer
        mov     x1, x20
        sys     thread_create
        cmp     x0, #0
        b.le    f5
        mov     x21, x0
        mov     x0, x19
        add     c1, csp, #16
        mov     x2, #16
        sys     read                    // blocks until the writer has written
        cmp     x0, #4
        b.ne    f6
        mov     x0, x21
        sys     thread_join
        cmp     x0, #7
        b.ne    f7
        mov     x0, x20
        sys     close
        mov     x0, x19
        add     c1, csp, #16
        mov     x2, #16
        sys     read
        cbnz    x0, f8                  // no writers left: end of file
        mov     c0, csp
        sys     pipe
        ldr     w19, [csp]
        ldr     w20, [csp, #4]
        mov     x0, x19
        sys     close
        mov     x0, x20
        adrp    c1, ping
        add     c1, c1, #:lo12:ping
        mov     x2, #4
        sys     write
        cmn     x0, #32                 // EPIPE: no readers
        b.ne    f9
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

// writer(fd): sleep 50 µs, write "ping", thread_exit(7)
writer:
        mov     x19, x0
        mov     x0, #50000
        sys     nanosleep
        mov     x0, x19
        adrp    c1, ping
        add     c1, c1, #:lo12:ping
        mov     x2, #4
        sys     write
        mov     x0, #7
        sys     thread_exit
