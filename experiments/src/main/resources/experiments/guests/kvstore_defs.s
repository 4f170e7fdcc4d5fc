// kvstore_defs.s: the kvstore's protocol, dict and object layouts as equates. A header (GuestImage.include)
// read before kvstore.s and kvstore_selftest.s, so both see the same offsets; needs COMPACT from the config.

        .equ OP_SET, 1              // status 0
        .equ OP_GET, 2              // status = value length, payload = value; -ENOENT if absent
        .equ OP_DEL, 3              // status 1 if deleted, 0 if absent
        .equ OP_POPULATE, 4         // arg0 keys "key:N" with arg1-byte values "value:N" zero-padded; status = keys
        .equ OP_DBSIZE, 5           // status = keys
        .equ OP_SAVE, 6             // dump in this process; status = keys written
        .equ OP_BGSAVE, 7           // fork; the child dumps and exits; status = child pid or -errno
        .equ OP_INFO, 8             // payload = 6 x u64: buckets, keys, used_memory, bgsave child, saves, last fork ns
        .equ OP_QUIT, 9             // status 0, then exit(0)
        .equ REQ_HDR, 32
        .equ EBUSY, 16
        .equ ENOMEM, 12
        .equ EMBSTR_MAX, 44         // OBJ_ENCODING_EMBSTR_SIZE_LIMIT
        .equ HDR_RAW, 0             // type OBJ_STRING (0) | encoding RAW (0) << 4
        .equ HDR_EMBSTR, 0x80       // type OBJ_STRING | encoding EMBSTR (8) << 4
        .equ HDR_INT, 0x10          // type OBJ_STRING | encoding INT (1) << 4: the value in the pointer field
        .equ DICT_INITIAL, 4        // DICT_HT_INITIAL_SIZE

        // the RDB format (Redis 5.0.6 rdb.h)
        .equ RDB_TYPE_STRING, 0
        .equ RDB_OPCODE_AUX, 250
        .equ RDB_OPCODE_RESIZEDB, 251
        .equ RDB_OPCODE_SELECTDB, 254
        .equ RDB_OPCODE_EOF, 255
        .equ RDB_32BITLEN, 0x80
        .equ RDB_64BITLEN, 0x81
        .equ RDB_ENC_INT8, 0
        .equ RDB_ENC_INT16, 1
        .equ RDB_ENC_INT32, 2
        .equ RIO_BUFSIZE, 1024      // the dump's stdio buffer (musl's BUFSIZ)

        // the server's globals (.data, reached through the GOT)
        .equ DB_TABLE, 0            // cap: bucket array
        .equ DB_SIZE, 16            // buckets (a power of two)
        .equ DB_USED, 24            // keys
        .equ DB_MEM, 32             // used_memory
        .equ DB_CHILD, 40           // pid of the BGSAVE child, 0 if none
        .equ DB_SAVES, 48           // dumps completed
        .equ DB_FORKNS, 56          // the last BGSAVE's fork time as the parent measured it (stat_fork_time), ns
        .equ DB_REQ, 64             // cap: request buffer
        .equ DB_REQLEN, 80          // its length
        .equ DB_SCR, 96             // 32 B scratch: request header, reply header, record lengths
        .equ DB_KEYBUF, 128         // 32 B: keys made by POPULATE
        .equ DB_SHARED, 160         // cap: shared.integers (start-up footprint)
        .equ DB_EVENTS, 176         // cap: the event loop's slots
        .equ DB_POOLS, 192          // cap: the last pool buffer (each holds a capability to the one before)
        .equ DB_BYTES, 208

        .equ S_LEN, 0
        .equ S_ALLOC, 4
        .equ S_BUF, 8
        .equ O_HDR, 0
        .equ O_REFS, 4
        .equ O_PTR, 16
        .equ O_SIZE, 32
.if COMPACT
        .equ E_NEXT, 0
        .equ E_PTR, 16
        .equ E_HDR, 32
        .equ E_REFS, 36
        .equ E_KLEN, 40
        .equ E_KEY, 44
.else
        .equ E_KEY, 0
        .equ E_VAL, 16
        .equ E_NEXT, 32
        .equ E_SIZE, 48
.endif
