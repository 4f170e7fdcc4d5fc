// sys_socket: an echo server on the listening socket the host installs at fd 3. It accepts connections one at
// a time, writes back what it reads until end of file, closes, and accepts the next; when accept fails with
// EINVAL (the listener was shut down) it exits 0. It checks accept's errors first: exit 1 if accept on the
// console is not ENOTSOCK, 2 if accept on a closed descriptor is not EBADF; 3 for a failed read or write,
// 4 for another accept error.
        .equ    ENOTSOCK, 88
        .text
        .global _start
_start:
        sub     csp, csp, #256
        mov     x0, #1
        sys     accept
        cmn     x0, #ENOTSOCK
        b.ne    f1
        mov     x0, #50
        sys     accept
        cmn     x0, #EBADF
        b.ne    f2
1:      mov     x0, #3
        sys     accept
        cmp     x0, #0
        b.lt    9f
        mov     x19, x0
2:      mov     x0, x19
        mov     c1, csp
        mov     x2, #256
        sys     read
        cmp     x0, #0
        b.lt    f3
        b.eq    3f
        mov     x2, x0
        mov     x0, x19
        mov     c1, csp
        sys     write
        cmp     x0, #0
        b.le    f3
        b       2b
3:      mov     x0, x19
        sys     close
        b       1b
9:      cmn     x0, #EINVAL
        b.ne    f4
        mov     x0, #0
        sys     exit
f1:     fail    1
f2:     fail    2
f3:     fail    3
f4:     fail    4
