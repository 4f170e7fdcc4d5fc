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
// rdb_save() -> x0 keys written to /dump.rdb, or -errno. The BGSAVE child runs exactly this (rdbSave):
// it walks every bucket, entry, value object and string, so it loads every pointer of the keyspace.
// Format: "REDIS0009", then per key u32 keylen, key, u32 vallen, value; then u64 key count.
rdb_save:
        enter   112
        str     c19, [csp, #16]
        str     c20, [csp, #32]
        str     c21, [csp, #48]
        str     c22, [csp, #64]
        str     c23, [csp, #80]
        str     c24, [csp, #96]
        adrp    c0, dump_path
        add     c0, c0, #:lo12:dump_path
        mov     x1, #(O_WRONLY | O_CREAT | O_TRUNC)
        mov     x2, #0
        sys     open
        cmp     x0, #0
        b.lt    9f
        mov     x19, x0
        adrp    c1, rdb_magic
        add     c1, c1, #:lo12:rdb_magic
        mov     x2, #9
        bl      write_full
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
        mov     c0, c24
        bl      entry_key
        bl      write_record
        mov     c0, c24
        bl      entry_value
        bl      write_record
        add     x23, x23, #1
        ldr     c24, [c24, #E_NEXT]
        b       2b
3:      add     x22, x22, #1
        b       1b
4:      str     x23, [c28, #DB_SCR]
        mov     x0, x19
        add     c1, c28, #DB_SCR
        mov     x2, #8
        bl      write_full
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
        leave   112

// write_record(c0 bytes, x1 len) to fd x19 (rdb_save's): u32 length, then the bytes
write_record:
        enter   48
        str     c0, [csp, #16]
        str     x1, [csp, #32]
        str     w1, [c28, #DB_SCR]
        mov     x0, x19
        add     c1, c28, #DB_SCR
        mov     x2, #4
        bl      write_full
        mov     x0, x19
        ldr     c1, [csp, #16]
        ldr     x2, [csp, #32]
        bl      write_full
        leave   48

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
