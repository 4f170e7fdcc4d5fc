// kvstore: a Redis-like key-value server (Redis 5 layout; the harness class KvStore speaks its protocol).
//
// Assembled after a configuration source that sets COMPACT (0: classic Redis <= 7 layout, 1: one object
// per key as in Redis 8 kvobj) and may define KV_SELFTEST (then _start runs the checks in
// kvstore_selftest.s instead of serving).
//
// Keyspace: a chained hash table, as Redis's dict. The bucket array holds one capability per slot.
//   classic: bucket -> dictEntry {cap key, cap val, cap next} (48 B) -> key sds
//                                              val -> robj {u32 type|enc|lru, u32 refcount, cap ptr} (32 B)
//            RAW (> 44 B): robj.ptr -> separate value sds; EMBSTR (<= 44 B): sds embedded after the robj
//            => 4 capabilities per key (bucket or next, key, val, robj.ptr)
//   compact: bucket -> kvobj {cap next, cap ptr, u32 type|enc|lru, u32 refcount, u32 keylen, key bytes}
//            RAW: ptr -> separate value sds; EMBSTR: ptr -> sds embedded after the key
//            => 2 capabilities per key (bucket or next, ptr)
// sds: {u32 len, u32 alloc, bytes, NUL}; a capability to an sds covers its whole allocation.
// Every allocation goes through zalloc/zfree (Redis's zmalloc): used_memory counts allocated bytes, and
// zfree zeroes a block before freeing it, so no stale capability lingers in freed memory (as a revoking
// CHERI allocator guarantees) and fresh blocks are always zero.
//
// Protocol on fd 0 (requests) and fd 1 (replies), all little-endian:
//   request: u32 op, u32 keylen, u64 vallen, u64 arg0, u64 arg1, then keylen key bytes, vallen value bytes
//   reply:   i64 status (>= 0 success, -errno), u64 payload length, payload
// End of file on fd 0 ends the server (exit 0).

        // the protocol and layout equates are in kvstore_defs.s, included before this file
        // the server functions kvstore_selftest.s (a separate object) calls
        .global bgsave, delete_entry, entry_value, kv_set, lookup, populate, rdb_save

        // enter N: a frame of N bytes with the link register at [csp]; leave N: pop it and return
        .macro enter n
        sub     csp, csp, #\n
        str     c30, [csp]
        .endm
        .macro leave n
        ldr     c30, [csp]
        add     csp, csp, #\n
        ret     c30
        .endm
        // movl REG, IMM: a 48-bit constant
        .macro movl reg, imm
        movz    \reg, #((\imm) & 0xffff)
        movk    \reg, #(((\imm) >> 16) & 0xffff), lsl #16
        movk    \reg, #(((\imm) >> 32) & 0xffff), lsl #32
        .endm

        .rodata
fmt_key:    .asciz "key:%d"
fmt_val:    .asciz "value:%d"
dump_path:  .asciz "/dump.rdb"
rdb_magic:  .ascii "REDIS0009"
aux_redis_ver:      .ascii "redis-ver"
aux_redis_ver_val:  .ascii "5.0.6"
aux_redis_bits:     .ascii "redis-bits"
aux_ctime:          .ascii "ctime"
aux_used_mem:       .ascii "used-mem"
aux_aof_preamble:   .ascii "aof-preamble"
fmt_lu:     .asciz "%lu"
fmt_save:   .asciz "bgsave child %d: save time %lu ns\n"

        .data
        .balign 16
db:     .space  DB_BYTES
        .size   db, DB_BYTES

        .section .got, "aw"
        .balign 16
got_db: .chericap db

        .text
        .global _start
        .type _start, @function
_start:
        adrp    c28, got_db
        ldr     c28, [c28, #:lo12:got_db]
        mov     x0, #(DICT_INITIAL * 16)
        bl      zalloc
        str     c0, [c28, #DB_TABLE]
        mov     x0, #DICT_INITIAL
        str     x0, [c28, #DB_SIZE]
        mov     x0, #256
        bl      zalloc
        str     c0, [c28, #DB_REQ]
        gclen   x0, c0
        str     x0, [c28, #DB_REQLEN]
        bl      startup_footprint
.ifdef KV_SELFTEST
        b       selftest
.endif

// ---------------------------------------------------------------- the server loop
serve:
        bl      reap
        add     c1, c28, #DB_SCR
        mov     x2, #REQ_HDR
        bl      read_full
        ldr     w19, [c28, #DB_SCR]         // op
        ldr     w20, [c28, #(DB_SCR + 4)]   // key length
        ldr     x21, [c28, #(DB_SCR + 8)]   // value length
        ldr     x22, [c28, #(DB_SCR + 16)]  // arg0
        ldr     x23, [c28, #(DB_SCR + 24)]  // arg1
        add     x24, x20, x21               // payload bytes
        ldr     x9, [c28, #DB_REQLEN]
        cmp     x24, x9
        b.ls    1f
        ldr     c0, [c28, #DB_REQ]          // grow the request buffer (Redis's querybuf)
        bl      zfree
        mov     x0, x24
        bl      zalloc
        str     c0, [c28, #DB_REQ]
        gclen   x9, c0
        str     x9, [c28, #DB_REQLEN]
1:      ldr     c1, [c28, #DB_REQ]
        mov     x2, x24
        bl      read_full
        ldr     c24, [c28, #DB_REQ]         // key at c24, value right after it
        mov     x26, #0                     // reply payload length
        cmp     x19, #OP_SET
        b.eq    do_set
        cmp     x19, #OP_GET
        b.eq    do_get
        cmp     x19, #OP_DEL
        b.eq    do_del
        cmp     x19, #OP_POPULATE
        b.eq    do_populate
        cmp     x19, #OP_DBSIZE
        b.eq    do_dbsize
        cmp     x19, #OP_SAVE
        b.eq    do_save
        cmp     x19, #OP_BGSAVE
        b.eq    do_bgsave
        cmp     x19, #OP_INFO
        b.eq    do_info
        cmp     x19, #OP_QUIT
        b.eq    do_quit
        mov     x25, #-EINVAL
        b       reply

do_set:
        mov     c0, c24
        mov     x1, x20
        add     c2, c24, x20
        mov     x3, x21
        bl      kv_set
        mov     x25, #0
        b       reply
do_get:
        mov     c0, c24
        mov     x1, x20
        bl      lookup
        mov     x25, #-ENOENT
        cbz     x2, reply
        mov     c0, c1
        bl      entry_value
        mov     c27, c0
        mov     x26, x1
        mov     x25, x1
        b       reply
do_del:
        mov     c0, c24
        mov     x1, x20
        bl      lookup
        mov     x25, #0
        cbz     x2, reply
        bl      delete_entry
        mov     x25, #1
        b       reply
do_populate:
        mov     x0, x22
        mov     x1, x23
        bl      populate
        mov     x25, x22
        b       reply
do_dbsize:
        ldr     x25, [c28, #DB_USED]
        b       reply
do_save:
        bl      rdb_save
        mov     x25, x0
        b       reply
do_bgsave:
        bl      bgsave
        mov     x25, x0
        b       reply
do_info:
        add     c27, c28, #DB_SIZE          // buckets, keys, used_memory, child, saves, fork ns: 6 x u64 from DB_SIZE
        mov     x26, #48
        mov     x25, #0
        b       reply
do_quit:
        mov     x25, #0
        str     x25, [c28, #DB_SCR]
        str     x25, [c28, #(DB_SCR + 8)]
        mov     x0, #1
        add     c1, c28, #DB_SCR
        mov     x2, #16
        bl      write_full
        mov     x0, #0
        sys     exit

// reply: status x25, payload c27 / x26 bytes
reply:
        str     x25, [c28, #DB_SCR]
        str     x26, [c28, #(DB_SCR + 8)]
        mov     x0, #1
        add     c1, c28, #DB_SCR
        mov     x2, #16
        bl      write_full
        cbz     x26, serve
        mov     x0, #1
        mov     c1, c27
        mov     x2, x26
        bl      write_full
        b       serve

// ---------------------------------------------------------------- start-up footprint
// startup_footprint(): what a Redis server allocates and writes before its first key (KvFootprint; sizes from the
// FP_* equates): shared.integers (FP_SHARED_INTEGERS robjs of encoding INT, the value in the untagged pointer field,
// and the array of capabilities to them), the event loop (FP_EL_SLOTS slots of 64 B with their masks set to AE_NONE,
// and the fired array) and FP_POOL_CHUNKS pointer-free pool buffers of FP_POOL_CHUNK bytes, written at start and
// chained by a capability in their first granule (the network stack's and the clients' buffers).
startup_footprint:
        enter   48
        str     c19, [csp, #16]
        str     c20, [csp, #32]
.if FP_SHARED_INTEGERS
        movl    x0, (FP_SHARED_INTEGERS * 16)
        bl      zalloc
        mov     c19, c0                     // the array of capabilities
        str     c19, [c28, #DB_SHARED]
        mov     x20, #0
1:      movl    x9, FP_SHARED_INTEGERS
        cmp     x20, x9
        b.hs    2f
        mov     x0, #O_SIZE
        bl      zalloc
        mov     w9, #HDR_INT
        str     w9, [c0, #O_HDR]
        movl    x9, 0x7fffffff              // OBJ_SHARED_REFCOUNT
        str     w9, [c0, #O_REFS]
        str     x20, [c0, #O_PTR]           // the integer itself: a data store, no tag
        lsl     x9, x20, #4
        add     c10, c19, x9
        str     c0, [c10]
        add     x20, x20, #1
        b       1b
2:
.endif
.if FP_EL_SLOTS
        movl    x0, (FP_EL_SLOTS * 64)      // events[]: {int mask; cap rfileProc, wfileProc, clientData}
        bl      zalloc
        str     c0, [c28, #DB_EVENTS]
        mov     w1, #0                      // AE_NONE in every mask: the whole array written
        movl    x2, (FP_EL_SLOTS * 64)
        bl      memset
        movl    x0, (FP_EL_SLOTS * 16)      // fired[]
        bl      zalloc
        mov     w1, #0
        movl    x2, (FP_EL_SLOTS * 16)
        bl      memset
.endif
.if FP_POOL_CHUNKS
        mov     x20, #0
3:      movl    x9, FP_POOL_CHUNKS
        cmp     x20, x9
        b.hs    4f
        movl    x0, FP_POOL_CHUNK
        bl      zalloc
        mov     c19, c0
        mov     w1, #0x5a                   // buffers written at start
        movl    x2, FP_POOL_CHUNK
        bl      memset
        ldr     c9, [c28, #DB_POOLS]        // chained: the previous chunk's capability in the first granule
        str     c9, [c19]
        str     c19, [c28, #DB_POOLS]
        add     x20, x20, #1
        b       3b
4:
.endif
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        leave   48

// ---------------------------------------------------------------- zmalloc
// zalloc(x0 n) -> c0: a zeroed block of at least n bytes; used_memory grows by its length. Out of memory exits 12.
zalloc:
        enter   16
        bl      malloc
        gctag   x9, c0
        cbz     x9, 1f
        gclen   x9, c0
        ldr     x10, [c28, #DB_MEM]
        add     x10, x10, x9
        str     x10, [c28, #DB_MEM]
        leave   16
1:      mov     x0, #ENOMEM
        sys     exit

// zfree(c0): zero the block (clearing its tags), then free it.
zfree:
        enter   32
        str     c19, [csp, #16]
        mov     c19, c0
        gclen   x2, c0
        ldr     x10, [c28, #DB_MEM]
        sub     x10, x10, x2
        str     x10, [c28, #DB_MEM]
        mov     w1, #0
        bl      memset
        mov     c0, c19
        bl      free
        ldr     c19, [csp, #16]
        leave   32

// sds_new(c0 bytes, x1 len) -> c0: a new sds holding a copy of len bytes
sds_new:
        enter   64
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        mov     c19, c0
        mov     x20, x1
        add     x0, x1, #(S_BUF + 1)
        bl      zalloc
        str     w20, [c0, #S_LEN]
        gclen   x9, c0
        sub     x9, x9, #(S_BUF + 1)
        str     w9, [c0, #S_ALLOC]
        str     c0, [csp, #48]
        add     c0, c0, #S_BUF
        mov     c1, c19
        mov     x2, x20
        bl      memcpy
        ldr     c0, [csp, #48]
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        leave   64

// ---------------------------------------------------------------- the dict
// entry_key(c0 entry) -> c0 key bytes, x1 key length (leaf)
entry_key:
.if COMPACT
        ldr     w1, [c0, #E_KLEN]
        add     c0, c0, #E_KEY
.else
        ldr     c0, [c0, #E_KEY]
        ldr     w1, [c0, #S_LEN]
        add     c0, c0, #S_BUF
.endif
        ret     c30

// entry_value(c0 entry) -> c0 value bytes, x1 value length (leaf)
entry_value:
.if COMPACT == 0
        ldr     c0, [c0, #E_VAL]            // the robj
.endif
        ldr     c0, [c0, #O_PTR]            // robj.ptr / kvobj.ptr (both at 16): the value sds
        ldr     w1, [c0, #S_LEN]
        add     c0, c0, #S_BUF
        ret     c30

// lookup(c0 key, x1 len) -> c0 slot (a capability to the cap that points at the entry), c1 entry, x2 found.
// When absent: c0 is the bucket's head slot, x2 = 0.
lookup:
        enter   96
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c22, [csp, #64]
        mov     c19, c0
        mov     x20, x1
        bl      hash64
        ldr     x9, [c28, #DB_SIZE]
        sub     x9, x9, #1
        and     x0, x0, x9
        lsl     x0, x0, #4
        ldr     c21, [c28, #DB_TABLE]
        add     c21, c21, x0
        str     c21, [csp, #80]
1:      ldr     c22, [c21]
        gctag   x9, c22
        cbz     x9, 3f
        mov     c0, c22
        bl      entry_key
        cmp     x1, x20
        b.ne    2f
        mov     c1, c19
        mov     x2, x20
        bl      memcmp
        cbz     x0, 4f
2:      add     c21, c22, #E_NEXT
        b       1b
3:      ldr     c0, [csp, #80]
        mov     x2, #0
        b       5f
4:      mov     c0, c21
        mov     c1, c22
        mov     x2, #1
5:      ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        ldr     c22, [csp, #64]
        leave   96

// delete_entry(c0 slot, c1 entry): unlinks the entry and frees it with its key and value
delete_entry:
        enter   48
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        mov     c19, c1
        ldr     c9, [c1, #E_NEXT]
        str     c9, [c0]
        ldr     x9, [c28, #DB_USED]
        sub     x9, x9, #1
        str     x9, [c28, #DB_USED]
.if COMPACT
        mov     c20, c19                    // the object holding hdr and ptr
        ldr     w9, [c20, #E_HDR]
.else
        ldr     c0, [c19, #E_KEY]
        bl      zfree
        ldr     c20, [c19, #E_VAL]
        ldr     w9, [c20, #O_HDR]
.endif
        tst     w9, #0xF0                   // encoding RAW: the value sds is a block of its own
        b.ne    1f
        ldr     c0, [c20, #O_PTR]
        bl      zfree
1:
.if COMPACT == 0
        mov     c0, c20
        bl      zfree
.endif
        mov     c0, c19
        bl      zfree
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        leave   48

// create_entry(c0 key, x1 klen, c2 value, x3 vlen) -> c0 a new entry (not linked)
create_entry:
        enter   112
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c22, [csp, #64]
        str     c23, [csp, #80]
        mov     c19, c0
        mov     x20, x1
        mov     c21, c2
        mov     x22, x3
.if COMPACT
        add     x23, x20, #(E_KEY + 1 + 15) // key bytes + NUL, then 16-align the embedded value
        and     x23, x23, #~15
        mov     x0, x23
        cmp     x22, #EMBSTR_MAX
        b.hi    1f
        add     x0, x0, x22
        add     x0, x0, #(S_BUF + 1)
1:      bl      zalloc
        str     c0, [csp, #96]
        mov     w9, #1
        str     w9, [c0, #E_REFS]
        str     w20, [c0, #E_KLEN]
        add     c0, c0, #E_KEY
        mov     c1, c19
        mov     x2, x20
        bl      memcpy
        ldr     c19, [csp, #96]             // c19: the kvobj from here on
        cmp     x22, #EMBSTR_MAX
        b.hi    2f
        mov     w9, #HDR_EMBSTR
        str     w9, [c19, #E_HDR]
        add     c0, c19, x23                // the embedded sds
        str     w22, [c0, #S_LEN]
        str     w22, [c0, #S_ALLOC]
        str     c0, [c19, #E_PTR]
        add     c0, c0, #S_BUF
        mov     c1, c21
        mov     x2, x22
        bl      memcpy
        b       3f
2:      mov     w9, #HDR_RAW
        str     w9, [c19, #E_HDR]
        mov     c0, c21
        mov     x1, x22
        bl      sds_new
        str     c0, [c19, #E_PTR]
3:      mov     c0, c19
.else
        mov     c0, c19
        mov     x1, x20
        bl      sds_new
        mov     c23, c0                     // key sds
        cmp     x22, #EMBSTR_MAX
        b.hi    1f
        add     x0, x22, #(O_SIZE + S_BUF + 1)  // EMBSTR: robj and sds in one block
        bl      zalloc
        mov     c19, c0
        mov     w9, #HDR_EMBSTR
        str     w9, [c19, #O_HDR]
        add     c0, c19, #O_SIZE
        str     w22, [c0, #S_LEN]
        str     w22, [c0, #S_ALLOC]
        str     c0, [c19, #O_PTR]
        add     c0, c0, #S_BUF
        mov     c1, c21
        mov     x2, x22
        bl      memcpy
        b       2f
1:      mov     c0, c21                     // RAW: a robj pointing at a separate sds
        mov     x1, x22
        bl      sds_new
        mov     c21, c0
        mov     x0, #O_SIZE
        bl      zalloc
        mov     c19, c0
        str     c21, [c19, #O_PTR]
2:      mov     w9, #1
        str     w9, [c19, #O_REFS]
        mov     x0, #E_SIZE
        bl      zalloc
        str     c23, [c0, #E_KEY]
        str     c19, [c0, #E_VAL]
.endif
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        ldr     c22, [csp, #64]
        ldr     c23, [csp, #80]
        leave   112

// kv_set(c0 key, x1 klen, c2 value, x3 vlen): replaces any old value (dbAdd / dbOverwrite)
kv_set:
        enter   96
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c22, [csp, #64]
        mov     c19, c0
        mov     x20, x1
        mov     c21, c2
        mov     x22, x3
        bl      lookup
        cbz     x2, 1f
        bl      delete_entry
1:      ldr     x9, [c28, #DB_USED]
        ldr     x10, [c28, #DB_SIZE]
        cmp     x9, x10
        b.lo    2f
        lsl     x0, x10, #1                 // load factor 1 reached: double the table
        bl      rehash
2:      mov     c0, c19
        mov     x1, x20
        mov     c2, c21
        mov     x3, x22
        bl      create_entry
        str     c0, [csp, #80]
        mov     c0, c19
        mov     x1, x20
        bl      lookup                      // absent now: c0 = the bucket's head slot
        ldr     c1, [csp, #80]
        ldr     c9, [c0]
        str     c9, [c1, #E_NEXT]
        str     c1, [c0]
        ldr     x9, [c28, #DB_USED]
        add     x9, x9, #1
        str     x9, [c28, #DB_USED]
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        ldr     c22, [csp, #64]
        leave   96

// rehash(x0 new size): moves every entry into a new bucket array and frees the old one
rehash:
        enter   128
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c22, [csp, #64]
        str     c23, [csp, #80]
        str     c24, [csp, #96]
        mov     x19, x0
        lsl     x0, x0, #4
        bl      zalloc
        mov     c20, c0                     // new table
        ldr     c21, [c28, #DB_TABLE]
        ldr     x22, [c28, #DB_SIZE]
        mov     x23, #0
1:      cmp     x23, x22
        b.hs    4f
        lsl     x9, x23, #4
        add     c9, c21, x9
        ldr     c24, [c9]
2:      gctag   x9, c24
        cbz     x9, 3f
        ldr     c9, [c24, #E_NEXT]
        str     c9, [csp, #112]
        mov     c0, c24
        bl      entry_key
        bl      hash64
        sub     x9, x19, #1
        and     x0, x0, x9
        lsl     x0, x0, #4
        add     c9, c20, x0
        ldr     c10, [c9]
        str     c10, [c24, #E_NEXT]
        str     c24, [c9]
        ldr     c24, [csp, #112]
        b       2b
3:      add     x23, x23, #1
        b       1b
4:      mov     c0, c21
        bl      zfree
        str     c20, [c28, #DB_TABLE]
        str     x19, [c28, #DB_SIZE]
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        ldr     c22, [csp, #64]
        ldr     c23, [csp, #80]
        ldr     c24, [csp, #96]
        leave   128

// populate(x0 keys, x1 value size): "key:N" -> "value:N" padded with zeros to the size (DEBUG POPULATE)
populate:
        enter   96
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c22, [csp, #64]
        str     c23, [csp, #80]
        mov     x19, x0
        mov     x20, x1
        mov     x21, #0
        add     x0, x20, #1
        bl      zalloc
        mov     c22, c0                     // the value being built
        add     c23, c28, #DB_KEYBUF
1:      cmp     x21, x19
        b.hs    2f
        mov     c0, c22
        add     x1, x20, #1
        cmp     x1, #32
        b.ls    3f
        mov     x1, #32
3:      adrp    c2, fmt_val
        add     c2, c2, #:lo12:fmt_val
        mov     x3, x21
        bl      snprintf
        mov     c0, c23
        mov     x1, #32
        adrp    c2, fmt_key
        add     c2, c2, #:lo12:fmt_key
        mov     x3, x21
        bl      snprintf
        mov     x1, x0
        mov     c0, c23
        mov     c2, c22
        mov     x3, x20
        bl      kv_set
        add     x21, x21, #1
        b       1b
2:      mov     c0, c22
        bl      zfree
        ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        ldr     c22, [csp, #64]
        ldr     c23, [csp, #80]
        leave   96

// ---------------------------------------------------------------- persistence
// rdb_save() -> x0 keys written to /dump.rdb, or -errno. The BGSAVE child runs exactly this: Redis 5.0.6's
// rdbSave -> rdbSaveRio, byte for byte (RDB version 9, rdbchecksum yes, rdbcompression no):
//   "REDIS0009"; aux fields (0xFA, key, value) redis-ver 5.0.6, redis-bits, ctime, used-mem, aof-preamble 0;
//   SELECTDB 0xFE len(0); RESIZEDB 0xFB len(keys) len(0 expires);
//   per key: type 0 (RDB_TYPE_STRING), len(key) key bytes, len(value) value bytes;
//   EOF 0xFF; the CRC64 (Jones, Redis 5 crc64.c) of everything before it, 8 bytes little-endian.
// Lengths use rdbSaveLen's encoding: 6-bit (00), 14-bit big-endian (01), 0x80 + u32 BE, 0x81 + u64 BE.
// Every byte goes through rio_write, which (as rioWrite) updates the checksum a byte at a time before writing.
// It walks every bucket, entry, value object and string, so it loads every pointer of the keyspace.
// Registers while it runs: x19 fd, c25 rio buffer, x26 bytes buffered, x27 running CRC64.
rdb_save:
        enter   176
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c22, [csp, #64]
        str     c23, [csp, #80]
        str     c24, [csp, #96]
        str     c25, [csp, #112]
        str     c26, [csp, #128]
        str     c27, [csp, #144]
        adrp    c0, dump_path
        add     c0, c0, #:lo12:dump_path
        mov     x1, #(O_WRONLY | O_CREAT | O_TRUNC)
        mov     x2, #0
        sys     open
        cmp     x0, #0
        b.lt    9f
        mov     x19, x0
        mov     x0, #RIO_BUFSIZE            // stdio's buffer: libc's malloc, outside used_memory
        bl      malloc
        mov     c25, c0
        gctag   x9, c0
        mov     x0, #-ENOMEM
        cbz     x9, 9f
        mov     x26, #0
        mov     x27, #0                     // rio.cksum starts at 0
        adrp    c0, rdb_magic
        add     c0, c0, #:lo12:rdb_magic
        mov     x1, #9
        bl      rio_write
        bl      rdb_save_aux_fields
        mov     x0, #RDB_OPCODE_SELECTDB
        bl      rdb_save_type
        mov     x0, #0                      // db 0
        bl      rdb_save_len
        mov     x0, #RDB_OPCODE_RESIZEDB
        bl      rdb_save_type
        ldr     x0, [c28, #DB_USED]
        bl      rdb_save_len
        mov     x0, #0                      // no expires
        bl      rdb_save_len
        ldr     c20, [c28, #DB_TABLE]
        ldr     x21, [c28, #DB_SIZE]
        mov     x22, #0                     // bucket
        mov     x23, #0                     // keys written
1:      cmp     x22, x21
        b.hs    4f
        lsl     x9, x22, #4
        add     c9, c20, x9
        ldr     c24, [c9]
2:      gctag   x9, c24
        cbz     x9, 3f
        mov     x0, #RDB_TYPE_STRING        // rdbSaveKeyValuePair: type, key, value
        bl      rdb_save_type
        mov     c0, c24
        bl      entry_key
        bl      rdb_save_raw_string
        mov     c0, c24
        bl      entry_value
        bl      rdb_save_raw_string
        add     x23, x23, #1
        ldr     c24, [c24, #E_NEXT]
        b       2b
3:      add     x22, x22, #1
        b       1b
4:      mov     x0, #RDB_OPCODE_EOF
        bl      rdb_save_type
        str     x27, [c28, #DB_SCR]         // the checksum, little-endian (memrev64ifbe)
        add     c0, c28, #DB_SCR
        mov     x1, #8
        bl      rio_write
        bl      rio_flush
        mov     c0, c25
        bl      free
        mov     x0, x19
        sys     close
        ldr     x9, [c28, #DB_SAVES]
        add     x9, x9, #1
        str     x9, [c28, #DB_SAVES]
        mov     x0, x23
9:      ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        ldr     c22, [csp, #64]
        ldr     c23, [csp, #80]
        ldr     c24, [csp, #96]
        ldr     c25, [csp, #112]
        ldr     c26, [csp, #128]
        ldr     c27, [csp, #144]
        leave   176

// rdb_save_aux_fields(): rdbSaveInfoAuxFields without replication info (rdbPopulateSaveInfo returns NULL on a
// server with neither master nor backlog). redis-bits is (sizeof(void *) == 8) ? 64 : 32, so a purecap
// CHERI build, whose pointers are 16 bytes, says 32.
rdb_save_aux_fields:
        enter   48
        adrp    c0, aux_redis_ver
        add     c0, c0, #:lo12:aux_redis_ver
        mov     x1, #9
        adrp    c2, aux_redis_ver_val
        add     c2, c2, #:lo12:aux_redis_ver_val
        mov     x3, #5
        bl      rdb_save_aux_str
        adrp    c0, aux_redis_bits
        add     c0, c0, #:lo12:aux_redis_bits
        mov     x1, #10
        mov     x2, #32
        bl      rdb_save_aux_int
        mov     x0, #0                      // CLOCK_REALTIME: time(NULL)
        add     c1, csp, #16
        sys     clock_gettime
        adrp    c0, aux_ctime
        add     c0, c0, #:lo12:aux_ctime
        mov     x1, #5
        ldr     x2, [csp, #16]
        bl      rdb_save_aux_int
        adrp    c0, aux_used_mem
        add     c0, c0, #:lo12:aux_used_mem
        mov     x1, #8
        ldr     x2, [c28, #DB_MEM]          // zmalloc_used_memory()
        bl      rdb_save_aux_int
        adrp    c0, aux_aof_preamble
        add     c0, c0, #:lo12:aux_aof_preamble
        mov     x1, #12
        mov     x2, #0
        bl      rdb_save_aux_int
        leave   48

// rdb_save_aux_str(c0 key, x1 key length, c2 value, x3 value length): rdbSaveAuxField
rdb_save_aux_str:
        enter   64
        str     c0, [csp, #16]
        str     c2, [csp, #32]
        str     x1, [csp, #48]
        str     x3, [csp, #56]
        mov     x0, #RDB_OPCODE_AUX
        bl      rdb_save_type
        ldr     c0, [csp, #16]
        ldr     x1, [csp, #48]
        bl      rdb_save_raw_string
        ldr     c0, [csp, #32]
        ldr     x1, [csp, #56]
        bl      rdb_save_raw_string
        leave   64

// rdb_save_aux_int(c0 key, x1 key length, x2 value >= 0): rdbSaveAuxFieldStrInt. The value's decimal string is
// at most 11 characters for any value that fits 32 bits, so rdbSaveRawString's rdbTryIntegerEncoding stores it
// as rdbEncodeInteger does: 0xC0 + int8, 0xC1 + int16 LE, 0xC2 + int32 LE; larger values stay decimal strings.
rdb_save_aux_int:
        enter   96
        str     x2, [csp, #16]
        str     c0, [csp, #32]
        str     x1, [csp, #48]
        mov     x0, #RDB_OPCODE_AUX
        bl      rdb_save_type
        ldr     c0, [csp, #32]
        ldr     x1, [csp, #48]
        bl      rdb_save_raw_string
        ldr     x2, [csp, #16]
        add     c0, c28, #(DB_SCR + 7)      // the encoding byte at +7, the integer from +8 (aligned)
        str     x2, [c28, #(DB_SCR + 8)]
        cmp     x2, #0x7f
        b.hi    1f
        mov     w9, #(RDB_ENC_INT8 | 0xc0)
        mov     x1, #2
        b       3f
1:      lsr     x9, x2, #15
        cbnz    x9, 2f
        mov     w9, #(RDB_ENC_INT16 | 0xc0)
        mov     x1, #3
        b       3f
2:      mov     x9, #0x7fffffff
        cmp     x2, x9
        b.hi    4f
        mov     w9, #(RDB_ENC_INT32 | 0xc0)
        mov     x1, #5
3:      strb    w9, [c28, #(DB_SCR + 7)]
        bl      rio_write
        leave   96
4:      mov     x3, x2                      // too big for 32 bits: the decimal string itself
        add     c0, csp, #64
        mov     x1, #32
        adrp    c2, fmt_lu
        add     c2, c2, #:lo12:fmt_lu
        bl      snprintf
        mov     x1, x0
        add     c0, csp, #64
        bl      rdb_save_raw_string
        leave   96

// rdb_save_raw_string(c0 bytes, x1 length): rdbSaveRawString without compression: rdbSaveLen, then the bytes
rdb_save_raw_string:
        enter   48
        str     c0, [csp, #16]
        str     x1, [csp, #32]
        mov     x0, x1
        bl      rdb_save_len
        ldr     c0, [csp, #16]
        ldr     x1, [csp, #32]
        bl      rio_write
        leave   48

// rdb_save_type(x0 byte): rdbSaveType, one opcode or type byte
rdb_save_type:
        enter   16
        strb    w0, [c28, #DB_SCR]
        add     c0, c28, #DB_SCR
        mov     x1, #1
        bl      rio_write
        leave   16

// rdb_save_len(x0 len): rdbSaveLen
rdb_save_len:
        enter   16
        cmp     x0, #64
        b.hs    1f
        strb    w0, [c28, #DB_SCR]          // RDB_6BITLEN
        add     c0, c28, #DB_SCR
        mov     x1, #1
        b       9f
1:      cmp     x0, #4, lsl #12         // 16384
        b.hs    2f
        lsr     x9, x0, #8                  // RDB_14BITLEN, big-endian
        orr     x9, x9, #0x40
        strb    w9, [c28, #DB_SCR]
        strb    w0, [c28, #(DB_SCR + 1)]
        add     c0, c28, #DB_SCR
        mov     x1, #2
        b       9f
2:      lsr     x9, x0, #32
        cbnz    x9, 3f
        mov     w9, #RDB_32BITLEN           // 0x80, then htonl(len)
        strb    w9, [c28, #(DB_SCR + 3)]
        rev     w10, w0
        str     w10, [c28, #(DB_SCR + 4)]
        add     c0, c28, #(DB_SCR + 3)
        mov     x1, #5
        b       9f
3:      mov     w9, #RDB_64BITLEN           // 0x81, then htonu64(len)
        strb    w9, [c28, #(DB_SCR + 7)]
        rev     x10, x0
        str     x10, [c28, #(DB_SCR + 8)]
        add     c0, c28, #(DB_SCR + 7)
        mov     x1, #9
9:      bl      rio_write
        leave   16

// rio_write(c0 bytes, x1 n): rioWrite on a file: the checksum over the bytes first (rioGenericUpdateChecksum),
// then stdio's fwrite: bytes that fit join the buffer (c25, x26 used); otherwise the buffer is flushed and a
// write of at least a buffer's worth goes straight to write(2), as musl's __fwritex does.
rio_write:
        enter   48
        str     c0, [csp, #16]
        str     x1, [csp, #32]
.ifdef RDB_CHECKSUM
        bl      crc64                       // rdbchecksum yes (Redis's default); without it the trailer is 8 zero bytes
        ldr     x1, [csp, #32]
.endif
        mov     x9, #RIO_BUFSIZE
        sub     x9, x9, x26
        cmp     x1, x9
        b.ls    2f
        bl      rio_flush
        ldr     x1, [csp, #32]
        cmp     x1, #RIO_BUFSIZE
        b.lo    2f
        mov     x2, x1
        mov     x0, x19
        ldr     c1, [csp, #16]
        bl      write_full
        leave   48
2:      add     c0, c25, x26                // memcpy(buffer + used, bytes, n)
        ldr     c1, [csp, #16]
        ldr     x2, [csp, #32]
        add     x26, x26, x2
        bl      memcpy
        leave   48

// rio_flush(): writes the buffered bytes (fflush)
rio_flush:
        enter   16
        cbz     x26, 9f
        mov     x0, x19
        mov     c1, c25
        mov     x2, x26
        bl      write_full
        mov     x26, #0
9:      leave   16

// crc64(c0 bytes, x1 n): x27 = crc64(x27, bytes, n), Redis 5.0.x crc64.c (leaf): the Jones polynomial
// (reflected 0x95ac9329ac4bc9b5), one table lookup per byte: crc = crc64_tab[(uint8_t)crc ^ byte] ^ (crc >> 8)
crc64:
        cbz     x1, 2f
        adrp    c10, crc64_tab
        add     c10, c10, #:lo12:crc64_tab
        mov     x11, #0
1:      ldrb    w9, [c0, x11]
        eor     x9, x9, x27
        and     x9, x9, #0xff
        ldr     x9, [c10, x9, lsl #3]
        eor     x27, x9, x27, lsr #8
        add     x11, x11, #1
        cmp     x11, x1
        b.lo    1b
2:      ret     c30

// bgsave() -> x0 the child's pid, or -errno (-EBUSY while a child runs, -ENOSYS without fork). As Redis's
// rdbSaveBackground, the parent times its fork (start = ustime() before fork, stat_fork_time = ustime() - start
// right after it returns) and keeps it for INFO (latest_fork_usec; here in nanoseconds). The child inherits start
// (in this frame) and reports now - start after rdb_save on stderr: the save time as the artifact measures it.
bgsave:
        enter   64
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        ldr     x9, [c28, #DB_CHILD]
        mov     x0, #-EBUSY
        cbnz    x9, 9f
.ifdef SYS_fork
        bl      ustime
        mov     x20, x0                     // start
        str     x0, [csp, #48]
        sys     fork
        cmp     x0, #0
        b.lt    9f
        b.gt    1f
        bl      rdb_save                    // the child: dump, report the save time, exit
        ldr     x0, [csp, #48]
        bl      report_save_time
        mov     x0, #0
        sys     exit
1:      mov     x19, x0
        bl      ustime
        sub     x0, x0, x20
        str     x0, [c28, #DB_FORKNS]       // server.stat_fork_time
        str     x19, [c28, #DB_CHILD]
        mov     x0, x19
.else
        mov     x0, #-ENOSYS                // the kernel has no fork yet
.endif
9:      ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        leave   64

// report_save_time(x0 start ns): writes "bgsave child PID: save time NS ns" to stderr (fd 2)
report_save_time:
        enter   144
        str     c19, [csp, #16]
        mov     x19, x0
        bl      ustime
        sub     x9, x0, x19
        str     x9, [csp, #48]
        sys     getpid
        mov     x3, x0
        ldr     x4, [csp, #48]
        add     c0, csp, #64
        mov     x1, #80
        adrp    c2, fmt_save
        add     c2, c2, #:lo12:fmt_save
        bl      snprintf
        mov     x2, x0
        mov     x0, #2
        add     c1, csp, #64
        sys     write
        ldr     c19, [csp, #16]
        leave   144

// ustime() -> x0 the monotonic clock in nanoseconds (Redis's ustime(): gettimeofday into a timeval on its stack)
ustime:
        enter   32
        mov     x0, #1                      // CLOCK_MONOTONIC
        add     c1, csp, #16
        sys     clock_gettime
        ldr     x9, [csp, #16]              // seconds
        ldr     x10, [csp, #24]             // nanoseconds
        movl    x11, 1000000000
        madd    x0, x9, x11, x10
        leave   32

// reap(): collects a finished BGSAVE child without blocking (serverCron's waitpid)
reap:
        enter   16
        ldr     x0, [c28, #DB_CHILD]
        cbz     x0, 9f
        add     c1, c28, #DB_SCR
        mov     x2, #WNOHANG
        sys     waitpid
        ldr     x9, [c28, #DB_CHILD]
        cmp     x0, x9
        b.ne    9f
        str     xzr, [c28, #DB_CHILD]
9:      leave   16

// ---------------------------------------------------------------- I/O
// read_full(c1 buffer, x2 n): reads exactly n bytes from fd 0; end of file ends the server
read_full:
        enter   48
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        mov     c19, c1
        mov     x20, x2
1:      cbz     x20, 3f
        mov     x0, #0
        mov     c1, c19
        mov     x2, x20
        sys     read
        cmp     x0, #0
        b.le    2f
        add     c19, c19, x0
        sub     x20, x20, x0
        b       1b
2:      mov     x0, #0
        sys     exit
3:      ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        leave   48

// write_full(x0 fd, c1 buffer, x2 n): writes exactly n bytes; a failed write ends the process with 1
write_full:
        enter   64
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        mov     x21, x0
        mov     c19, c1
        mov     x20, x2
1:      cbz     x20, 3f
        mov     x0, x21
        mov     c1, c19
        mov     x2, x20
        sys     write
        cmp     x0, #0
        b.le    2f
        add     c19, c19, x0
        sub     x20, x20, x0
        b       1b
2:      mov     x0, #1
        sys     exit
3:      ldr     c19, [csp, #16]
        ldr     c20, [csp, #32]
        ldr     c21, [csp, #48]
        leave   64

// crc64_tab: Redis 5.0.x crc64.c's table, entry i = i's 8 bits through the reflected Jones polynomial
        .rodata
        .balign 8
crc64_tab:
        .quad   0x0000000000000000, 0x7ad870c830358979, 0xf5b0e190606b12f2, 0x8f689158505e9b8b
        .quad   0xc038e5739841b68f, 0xbae095bba8743ff6, 0x358804e3f82aa47d, 0x4f50742bc81f2d04
        .quad   0xab28ecb46814fe75, 0xd1f09c7c5821770c, 0x5e980d24087fec87, 0x24407dec384a65fe
        .quad   0x6b1009c7f05548fa, 0x11c8790fc060c183, 0x9ea0e857903e5a08, 0xe478989fa00bd371
        .quad   0x7d08ff3b88be6f81, 0x07d08ff3b88be6f8, 0x88b81eabe8d57d73, 0xf2606e63d8e0f40a
        .quad   0xbd301a4810ffd90e, 0xc7e86a8020ca5077, 0x4880fbd87094cbfc, 0x32588b1040a14285
        .quad   0xd620138fe0aa91f4, 0xacf86347d09f188d, 0x2390f21f80c18306, 0x594882d7b0f40a7f
        .quad   0x1618f6fc78eb277b, 0x6cc0863448deae02, 0xe3a8176c18803589, 0x997067a428b5bcf0
        .quad   0xfa11fe77117cdf02, 0x80c98ebf2149567b, 0x0fa11fe77117cdf0, 0x75796f2f41224489
        .quad   0x3a291b04893d698d, 0x40f16bccb908e0f4, 0xcf99fa94e9567b7f, 0xb5418a5cd963f206
        .quad   0x513912c379682177, 0x2be1620b495da80e, 0xa489f35319033385, 0xde51839b2936bafc
        .quad   0x9101f7b0e12997f8, 0xebd98778d11c1e81, 0x64b116208142850a, 0x1e6966e8b1770c73
        .quad   0x8719014c99c2b083, 0xfdc17184a9f739fa, 0x72a9e0dcf9a9a271, 0x08719014c99c2b08
        .quad   0x4721e43f0183060c, 0x3df994f731b68f75, 0xb29105af61e814fe, 0xc849756751dd9d87
        .quad   0x2c31edf8f1d64ef6, 0x56e99d30c1e3c78f, 0xd9810c6891bd5c04, 0xa3597ca0a188d57d
        .quad   0xec09088b6997f879, 0x96d1784359a27100, 0x19b9e91b09fcea8b, 0x636199d339c963f2
        .quad   0xdf7adabd7a6e2d6f, 0xa5a2aa754a5ba416, 0x2aca3b2d1a053f9d, 0x50124be52a30b6e4
        .quad   0x1f423fcee22f9be0, 0x659a4f06d21a1299, 0xeaf2de5e82448912, 0x902aae96b271006b
        .quad   0x74523609127ad31a, 0x0e8a46c1224f5a63, 0x81e2d7997211c1e8, 0xfb3aa75142244891
        .quad   0xb46ad37a8a3b6595, 0xceb2a3b2ba0eecec, 0x41da32eaea507767, 0x3b024222da65fe1e
        .quad   0xa2722586f2d042ee, 0xd8aa554ec2e5cb97, 0x57c2c41692bb501c, 0x2d1ab4dea28ed965
        .quad   0x624ac0f56a91f461, 0x1892b03d5aa47d18, 0x97fa21650afae693, 0xed2251ad3acf6fea
        .quad   0x095ac9329ac4bc9b, 0x7382b9faaaf135e2, 0xfcea28a2faafae69, 0x8632586aca9a2710
        .quad   0xc9622c4102850a14, 0xb3ba5c8932b0836d, 0x3cd2cdd162ee18e6, 0x460abd1952db919f
        .quad   0x256b24ca6b12f26d, 0x5fb354025b277b14, 0xd0dbc55a0b79e09f, 0xaa03b5923b4c69e6
        .quad   0xe553c1b9f35344e2, 0x9f8bb171c366cd9b, 0x10e3202993385610, 0x6a3b50e1a30ddf69
        .quad   0x8e43c87e03060c18, 0xf49bb8b633338561, 0x7bf329ee636d1eea, 0x012b592653589793
        .quad   0x4e7b2d0d9b47ba97, 0x34a35dc5ab7233ee, 0xbbcbcc9dfb2ca865, 0xc113bc55cb19211c
        .quad   0x5863dbf1e3ac9dec, 0x22bbab39d3991495, 0xadd33a6183c78f1e, 0xd70b4aa9b3f20667
        .quad   0x985b3e827bed2b63, 0xe2834e4a4bd8a21a, 0x6debdf121b863991, 0x1733afda2bb3b0e8
        .quad   0xf34b37458bb86399, 0x8993478dbb8deae0, 0x06fbd6d5ebd3716b, 0x7c23a61ddbe6f812
        .quad   0x3373d23613f9d516, 0x49aba2fe23cc5c6f, 0xc6c333a67392c7e4, 0xbc1b436e43a74e9d
        .quad   0x95ac9329ac4bc9b5, 0xef74e3e19c7e40cc, 0x601c72b9cc20db47, 0x1ac40271fc15523e
        .quad   0x5594765a340a7f3a, 0x2f4c0692043ff643, 0xa02497ca54616dc8, 0xdafce7026454e4b1
        .quad   0x3e847f9dc45f37c0, 0x445c0f55f46abeb9, 0xcb349e0da4342532, 0xb1eceec59401ac4b
        .quad   0xfebc9aee5c1e814f, 0x8464ea266c2b0836, 0x0b0c7b7e3c7593bd, 0x71d40bb60c401ac4
        .quad   0xe8a46c1224f5a634, 0x927c1cda14c02f4d, 0x1d148d82449eb4c6, 0x67ccfd4a74ab3dbf
        .quad   0x289c8961bcb410bb, 0x5244f9a98c8199c2, 0xdd2c68f1dcdf0249, 0xa7f41839ecea8b30
        .quad   0x438c80a64ce15841, 0x3954f06e7cd4d138, 0xb63c61362c8a4ab3, 0xcce411fe1cbfc3ca
        .quad   0x83b465d5d4a0eece, 0xf96c151de49567b7, 0x76048445b4cbfc3c, 0x0cdcf48d84fe7545
        .quad   0x6fbd6d5ebd3716b7, 0x15651d968d029fce, 0x9a0d8ccedd5c0445, 0xe0d5fc06ed698d3c
        .quad   0xaf85882d2576a038, 0xd55df8e515432941, 0x5a3569bd451db2ca, 0x20ed197575283bb3
        .quad   0xc49581ead523e8c2, 0xbe4df122e51661bb, 0x3125607ab548fa30, 0x4bfd10b2857d7349
        .quad   0x04ad64994d625e4d, 0x7e7514517d57d734, 0xf11d85092d094cbf, 0x8bc5f5c11d3cc5c6
        .quad   0x12b5926535897936, 0x686de2ad05bcf04f, 0xe70573f555e26bc4, 0x9ddd033d65d7e2bd
        .quad   0xd28d7716adc8cfb9, 0xa85507de9dfd46c0, 0x273d9686cda3dd4b, 0x5de5e64efd965432
        .quad   0xb99d7ed15d9d8743, 0xc3450e196da80e3a, 0x4c2d9f413df695b1, 0x36f5ef890dc31cc8
        .quad   0x79a59ba2c5dc31cc, 0x037deb6af5e9b8b5, 0x8c157a32a5b7233e, 0xf6cd0afa9582aa47
        .quad   0x4ad64994d625e4da, 0x300e395ce6106da3, 0xbf66a804b64ef628, 0xc5bed8cc867b7f51
        .quad   0x8aeeace74e645255, 0xf036dc2f7e51db2c, 0x7f5e4d772e0f40a7, 0x05863dbf1e3ac9de
        .quad   0xe1fea520be311aaf, 0x9b26d5e88e0493d6, 0x144e44b0de5a085d, 0x6e963478ee6f8124
        .quad   0x21c640532670ac20, 0x5b1e309b16452559, 0xd476a1c3461bbed2, 0xaeaed10b762e37ab
        .quad   0x37deb6af5e9b8b5b, 0x4d06c6676eae0222, 0xc26e573f3ef099a9, 0xb8b627f70ec510d0
        .quad   0xf7e653dcc6da3dd4, 0x8d3e2314f6efb4ad, 0x0256b24ca6b12f26, 0x788ec2849684a65f
        .quad   0x9cf65a1b368f752e, 0xe62e2ad306bafc57, 0x6946bb8b56e467dc, 0x139ecb4366d1eea5
        .quad   0x5ccebf68aecec3a1, 0x2616cfa09efb4ad8, 0xa97e5ef8cea5d153, 0xd3a62e30fe90582a
        .quad   0xb0c7b7e3c7593bd8, 0xca1fc72bf76cb2a1, 0x45775673a732292a, 0x3faf26bb9707a053
        .quad   0x70ff52905f188d57, 0x0a2722586f2d042e, 0x854fb3003f739fa5, 0xff97c3c80f4616dc
        .quad   0x1bef5b57af4dc5ad, 0x61372b9f9f784cd4, 0xee5fbac7cf26d75f, 0x9487ca0fff135e26
        .quad   0xdbd7be24370c7322, 0xa10fceec0739fa5b, 0x2e675fb4576761d0, 0x54bf2f7c6752e8a9
        .quad   0xcdcf48d84fe75459, 0xb71738107fd2dd20, 0x387fa9482f8c46ab, 0x42a7d9801fb9cfd2
        .quad   0x0df7adabd7a6e2d6, 0x772fdd63e7936baf, 0xf8474c3bb7cdf024, 0x829f3cf387f8795d
        .quad   0x66e7a46c27f3aa2c, 0x1c3fd4a417c62355, 0x935745fc4798b8de, 0xe98f353477ad31a7
        .quad   0xa6df411fbfb21ca3, 0xdc0731d78f8795da, 0x536fa08fdfd90e51, 0x29b7d047efec8728
