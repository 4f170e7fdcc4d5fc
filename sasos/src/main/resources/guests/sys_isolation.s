// sys_isolation: passes write() an 8-byte capability and a length of 16. A kernel that checks arguments
// against capabilities answers EFAULT (exit 0); a kernel that trusts pointers writes 16 bytes (exit 1).
        .text
        .global _start
_start:
        sub     csp, csp, #32
        scbnds  c1, csp, #8
        mov     x0, #1
        mov     x2, #16
        sys     write
        cmn     x0, #EFAULT
        b.ne    1f
        mov     x0, #0
        sys     exit
1:      mov     x0, #1
        sys     exit
