// A few instructions with branches resolved inside the section, and NOP padding.
        .equ    OFF, 2 * 8
        .text
start:
        nop
        b       end
        bl      start
        b.ne    start
        b.eq    1f
        cbz     x3, end
        tbz     w1, #5, end
1:      adr     x2, end
        b       .+0x10
        add     x2, x3, #OFF + 1
        ldr     x0, [x1, #OFF + 8]
        mov     x9, #(1 << 4) | 3
        mov     x3, #'A'
        .balign 32
        ret
        b       1b
end:
        ret
        .p2align 4
