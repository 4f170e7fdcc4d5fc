// fault_hostcall: tries to enter the kernel's exit handler directly with HLT, bypassing the sentry.
        .text
        .global _start
_start:
        mov     x0, #0
        hlt     #0x100
        mov     x0, #0
        sys     exit
