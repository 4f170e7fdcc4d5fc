// sys_files: open/write/lseek/read/stat/dup/dup2/close/unlink on the RAM file system.
// Exits 0 when every check passes, else the number of the first failing check.
        .rodata
path:   .asciz  "/tmp/a"
nopath: .asciz  "/nonexistent"
data:   .ascii  "abcdef"
        .text
        .global _start
_start:
        sub     csp, csp, #128
        adrp    c19, path
        add     c19, c19, #:lo12:path
        mov     c0, c19
        mov     x1, #(O_CREAT | O_RDWR)
        mov     x2, #0
        sys     open
        cmp     x0, #3
        b.ne    f1                      // lowest free descriptor after 0, 1, 2
        mov     x20, x0                 // fd
        adrp    c1, data
        add     c1, c1, #:lo12:data
        mov     x2, #6
        sys     write
        cmp     x0, #6
        b.ne    f2
        mov     x0, x20
        mov     x1, #0
        mov     x2, #SEEK_SET
        sys     lseek
        cbnz    x0, f3
        mov     x0, x20
        mov     c1, csp
        mov     x2, #64
        sys     read
        cmp     x0, #6
        b.ne    f4
        mov     c0, csp
        adrp    c1, data
        add     c1, c1, #:lo12:data
        mov     x2, #6
        bl      memcmp
        cbnz    x0, f5
        mov     c0, c19
        add     c1, csp, #64
        sys     stat
        cbnz    x0, f6
        ldr     x1, [csp, #72]          // st_size
        cmp     x1, #6
        b.ne    f7
        mov     x0, x20
        sys     dup
        cmp     x0, #4
        b.ne    f8
        mov     x21, x0
        mov     x1, #2
        mov     x2, #SEEK_SET
        sys     lseek                   // the offset is shared with fd
        cmp     x0, #2
        b.ne    f9
        mov     x0, x20
        mov     c1, csp
        mov     x2, #2
        sys     read
        cmp     x0, #2
        b.ne    f10
        ldrb    w1, [csp]
        cmp     w1, #'c'
        b.ne    f11
        mov     x0, x20
        mov     x1, #10
        sys     dup2
        cmp     x0, #10
        b.ne    f12
        mov     x0, x20
        sys     close
        cbnz    x0, f13
        mov     x0, x20
        sys     close
        cmn     x0, #EBADF
        b.ne    f14
        mov     x0, #10
        mov     c1, csp
        mov     x2, #10
        sys     read
        cmp     x0, #2                  // "ef" left
        b.ne    f15
        mov     x0, #10
        sys     close
        mov     x0, x21
        sys     close
        mov     c0, c19
        sys     unlink
        cbnz    x0, f16
        mov     c0, c19
        add     c1, csp, #64
        sys     stat
        cmn     x0, #ENOENT
        b.ne    f17
        adrp    c0, nopath
        add     c0, c0, #:lo12:nopath
        mov     x1, #O_RDONLY
        mov     x2, #0
        sys     open
        cmn     x0, #ENOENT
        b.ne    f18
        mov     x0, #1
        mov     x1, #0
        mov     x2, #SEEK_SET
        sys     lseek
        cmn     x0, #29                 // ESPIPE on the console
        b.ne    f19
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
f10:    fail    10
f11:    fail    11
f12:    fail    12
f13:    fail    13
f14:    fail    14
f15:    fail    15
f16:    fail    16
f17:    fail    17
f18:    fail    18
f19:    fail    19
