// The loop of shared/reference/speed-anchor-loop.c in C64 assembly: xorshift64 + a table probe/update,
// 11 instructions per iteration like gcc -O2's A64 code (eor, add, eor, and, eor, ldr, add, eor, str, cmp, b.gt
// there; here the table is addressed through a capability, c5, so every access is capability-checked).
// x0 = x, x1 = acc, x2 = remaining iterations, c5 = table (64 Ki entries of 8 bytes).
    .text
    .global _start
_start:
    movz x0, #0x3a44
    movk x0, #0x5e6d, lsl #16
    movk x0, #0x4158, lsl #32
    movk x0, #0x0139, lsl #48
    mov x1, #0
1:  eor x0, x0, x0, lsl #13
    eor x0, x0, x0, lsr #7
    eor x0, x0, x0, lsl #17
    and x3, x0, #0xffff
    ldr x4, [c5, x3, lsl #3]
    add x1, x1, x4
    eor x4, x1, x0
    str x4, [c5, x3, lsl #3]
    subs x2, x2, #1
    b.gt 1b
    hlt #2
    hlt #0
