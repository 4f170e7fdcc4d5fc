// natives: memcpy keeps capability tags, memmove overlaps, memset, strlen, strcmp, strcpy, hash64, printf.
// Exits 0 when every check passes, else the failing check's number.
        .rodata
hello:  .asciz  "hello"
help:   .asciz  "help"
fmt:    .asciz  "n=%d s=%s x=%x\n"
        .text
        .global _start
_start:
        mov     x0, #64
        bl      malloc
        mov     c19, c0
        mov     x0, #64
        bl      malloc
        mov     c20, c0
        str     c19, [c19, #16]         // a capability in the source buffer
        mov     c0, c20
        mov     c1, c19
        mov     x2, #64
        bl      memcpy
        ldr     c1, [c20, #16]
        gctag   x2, c1
        cbz     x2, f1                  // aligned memcpy preserves the tag
        mov     c0, c20
        mov     c1, c19
        add     c1, c1, #1
        mov     x2, #32
        bl      memcpy                  // misaligned: data only
        ldr     c1, [c20, #16]
        gctag   x2, c1
        cbnz    x2, f2
        mov     c0, c19
        mov     w1, #'a'
        mov     x2, #8
        bl      memset
        ldrb    w1, [c19, #7]
        cmp     w1, #'a'
        b.ne    f3
        mov     w1, #'b'
        strb    w1, [c19]
        add     c0, c19, #1
        mov     c1, c19
        mov     x2, #7
        bl      memmove                 // overlapping, forwards
        ldrb    w1, [c19, #1]
        cmp     w1, #'b'
        b.ne    f4
        adrp    c0, hello
        add     c0, c0, #:lo12:hello
        bl      strlen
        cmp     x0, #5
        b.ne    f5
        adrp    c0, hello
        add     c0, c0, #:lo12:hello
        adrp    c1, help
        add     c1, c1, #:lo12:help
        bl      strcmp
        cmp     x0, #0
        b.ge    f6                      // "hello" < "help"
        mov     c0, c20
        adrp    c1, hello
        add     c1, c1, #:lo12:hello
        bl      strcpy
        mov     c0, c20
        adrp    c1, hello
        add     c1, c1, #:lo12:hello
        bl      strcmp
        cbnz    x0, f7
        mov     c0, c20
        mov     x1, #5
        bl      hash64
        mov     x21, x0
        adrp    c0, hello
        add     c0, c0, #:lo12:hello
        mov     x1, #5
        bl      hash64
        cmp     x0, x21
        b.ne    f8
        adrp    c0, fmt
        add     c0, c0, #:lo12:fmt
        mov     x1, #42
        adrp    c2, hello
        add     c2, c2, #:lo12:hello
        mov     x3, #255
        bl      printf
        cmp     x0, #18                 // "n=42 s=hello x=ff\n"
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
