// kvstore self-test: populate, get, set (overwrite, EMBSTR and RAW), delete, rehash and save, checked from
// inside the guest with the server's own functions. Exits 0 when every check passes, else the check's number.
        .global selftest
        .rodata
st_key7:    .ascii "key:7"
st_val7:    .ascii "value:7"
st_hi:      .ascii "hi"
st_none:    .ascii "nope"

        .text
selftest:
        mov     x0, #100
        mov     x1, #100
        bl      populate
        ldr     x9, [c28, #DB_USED]
        cmp     x9, #100
        b.ne    st_f1
        ldr     x9, [c28, #DB_SIZE]
        cmp     x9, #128                    // 4 doubled until the load factor is below 1
        b.ne    st_f2
        adrp    c0, st_key7
        add     c0, c0, #:lo12:st_key7
        mov     x1, #5
        bl      lookup
        cbz     x2, st_f3
        mov     c0, c1
        bl      entry_value
        cmp     x1, #100                    // RAW value of 100 bytes
        b.ne    st_f4
        adrp    c1, st_val7
        add     c1, c1, #:lo12:st_val7
        mov     x2, #7
        bl      memcmp
        cbnz    x0, st_f5
        adrp    c0, st_key7                 // overwrite with a 2-byte EMBSTR value
        add     c0, c0, #:lo12:st_key7
        mov     x1, #5
        adrp    c2, st_hi
        add     c2, c2, #:lo12:st_hi
        mov     x3, #2
        bl      kv_set
        ldr     x9, [c28, #DB_USED]
        cmp     x9, #100
        b.ne    st_f6
        adrp    c0, st_key7
        add     c0, c0, #:lo12:st_key7
        mov     x1, #5
        bl      lookup
        cbz     x2, st_f7
        mov     c0, c1
        bl      entry_value
        cmp     x1, #2
        b.ne    st_f8
        ldrh    w9, [c0]
        mov     w10, #0x6968                // "hi"
        cmp     w9, w10
        b.ne    st_f9
        adrp    c0, st_key7                 // delete
        add     c0, c0, #:lo12:st_key7
        mov     x1, #5
        bl      lookup
        cbz     x2, st_f10
        bl      delete_entry
        adrp    c0, st_key7
        add     c0, c0, #:lo12:st_key7
        mov     x1, #5
        bl      lookup
        cbnz    x2, st_f11
        ldr     x9, [c28, #DB_USED]
        cmp     x9, #99
        b.ne    st_f12
        adrp    c0, st_none
        add     c0, c0, #:lo12:st_none
        mov     x1, #4
        bl      lookup
        cbnz    x2, st_f13
        bl      rdb_save                    // the BGSAVE child's code path, run in this process
        cmp     x0, #99
        b.ne    st_f14
        bl      bgsave
        ldr     x9, [c28, #DB_MEM]
        cbz     x9, st_f15
        mov     x0, #0
        sys     exit
st_f1:  fail    1
st_f2:  fail    2
st_f3:  fail    3
st_f4:  fail    4
st_f5:  fail    5
st_f6:  fail    6
st_f7:  fail    7
st_f8:  fail    8
st_f9:  fail    9
st_f10: fail    10
st_f11: fail    11
st_f12: fail    12
st_f13: fail    13
st_f14: fail    14
st_f15: fail    15
