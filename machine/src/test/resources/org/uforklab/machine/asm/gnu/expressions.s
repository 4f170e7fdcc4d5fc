// Expressions with GNU as precedence and numbers, compared byte for byte with GNU as.
        .equ    A, 5
        .set    B, A * 3 - 1
        C = (A << 4) | B
        .data
values:
        .quad   2 * 3 + 1 << 2          // 6 + (1 << 2): shifts bind like *
        .quad   1 + 6 ^ 3 * 1
        .quad   4 | 1 + 2
        .quad   -17 / 5, -17 % 5, 17 / -5
        .quad   -1 >> 60, 1 << 63
        .quad   ~0 ^ 0xf0, 5 ! 1, !0, !9
        .quad   3 < 4, 3 > 4, 3 <= 3, 3 >= 4, 3 == 3, 3 != 3, 3 <> 4
        .quad   1 && 2, 0 || 0, 0 || 5, 1 + 1 == 2 && 2
        .quad   0x7fffffffffffffff + 1, 0xffffffffffffffff
        .quad   010, 0b1011, 0X1F, 'a, '\n, 'Z
        .quad   A, B, C, C - B * 2
        .word   - - 3, -(3 + 4), +5
        .hword  0xffff, -32768
        .byte   255, -128, 'x
end_values:
        .quad   end_values - values, . - values
        .equ    LEN, end_values - values
        .quad   LEN / 8
