// faas: a Zygote FaaS runtime (the Fig 6 guest), after the paper's MicroPython Zygote (ufork-paper.md §7.2).
//
// Assembled after a configuration source (Guests.faas) that sets
//   ITERATIONS   n of the float_operation request (the artifact: 100,000 iterations of `added = i + 1`)
//   HEAP_BYTES   the runtime's GC heap (a multiple of 64); init fills half of it with the runtime's objects
//   IN_FLIGHT    children the coordinator keeps running (1..64; the artifact's RUNNING)
//   WARMUP_NS    emulated time from the coordinator's start before the measuring window opens
//   WINDOW_NS    the least length of the measuring window
// and may define FAAS_SELFTEST (then _start runs one request in-process and exits with the result's low byte, or
// 240 + EXC_* if it raised).
//
// 1. Zygote initialisation, once: a MicroPython-like runtime in a GC heap (malloc'd pool of 32-byte blocks and
//    an allocation table of one byte per block, 1 = head, 2 = tail): the types (with their slots as sentries),
//    interned strings (qstrs: an open-addressing table of str objects, FNV-1a hashes), the small-int cache
//    (boxed ints -5..256, as CPython's), the interpreter's opcode table (one code capability per opcode: the
//    computed-goto table of MicroPython's vm.c), the builtins dict, the __main__ globals with the compiled
//    functions float_operation, main and the request, the event dict {'n': ITERATIONS}, and "imported
//    library modules" (a module object, its dict of function objects with code objects, bytecode, constant and
//    name tuples, and a boxed int each) until half the heap is used. Capabilities are everywhere a MicroPython
//    built for CHERI has pointers (mp_obj_t is a capability; small ints and None/True/False are immediates).
// 2. The coordinator (the parent, core 0 in the SMP build): keeps IN_FLIGHT children in flight, forking as fast
//    as it can, and busy-polls waitpid(-1, WNOHANG) as the artifact polls sfork_wait3; each child runs the
//    request `main(event)` through the bytecode interpreter and exits 0 if the function returned n (1 if it
//    returned something else, 2 if it raised). Completions are timed with clock_gettime: after WARMUP_NS the
//    window opens at a completion (t0); it closes at the first completion at least WINDOW_NS later that makes
//    the count a multiple of IN_FLIGHT (whole rounds: in a steady state each child slot completes once per
//    round, so count / (t1 - t0) is the rate without a phase error). Then the children still running are
//    killed and reaped and the coordinator prints
//      faas: functions=COMPLETED window=COUNT t0=NS t1=NS failed=FAILED forks=FORKS
//    and exits 0. EXIT_NO_FORK (38) without fork; 3 if the heap is exhausted; 4/5 if fork/waitpid fail.
//
// The interpreter (MicroPython's vm.c, reduced to the opcodes the request uses): the value stack and the
// locals live in a frame on the C stack (fun_bc_call's alloca), bounded; DISPATCH loads the opcode byte and
// the handler's capability from the opcode table in the heap and branches to it; MULTI opcodes carry their
// operand in the opcode (LOAD_CONST_SMALL_INT, LOAD_FAST, STORE_FAST, BINARY_OP); calls and subscripts go
// through the callee's type slots (sentries loaded from the type objects); backward jumps check the pending
// exception slot. MicroPython compiles `for i in range(0, n)` without a range object (compile.c's optimised
// range loop), so one iteration of float_operation is 12 opcodes:
//   body: DUP_TOP STORE_FAST_1 LOAD_FAST_1 LOAD_CONST_SMALL_INT_1 BINARY_OP_ADD STORE_FAST_2
//         LOAD_CONST_SMALL_INT_1 BINARY_OP_INPLACE_ADD
//   top:  DUP_TOP LOAD_FAST_0 BINARY_OP_LESS POP_JUMP_IF_TRUE body

        .macro movq rd, v
        movz    \rd, #((\v) & 0xffff)
        movk    \rd, #(((\v) >> 16) & 0xffff), lsl #16
        movk    \rd, #(((\v) >> 32) & 0xffff), lsl #32
        movk    \rd, #(((\v) >> 48) & 0xffff), lsl #48
        .endm
        // the runtime state capability (the .data block `rt`, through the GOT)
        .macro getrt cd
        adrp    \cd, got_rt
        ldr     \cd, [\cd, #:lo12:got_rt]
        .endm
        // a function frame of N bytes saving C19..C28, C29 and C30 (N >= 192)
        .macro enter n
        sub     csp, csp, #\n
        stp     c19, c20, [csp, #0]
        stp     c21, c22, [csp, #32]
        stp     c23, c24, [csp, #64]
        stp     c25, c26, [csp, #96]
        stp     c27, c28, [csp, #128]
        stp     c29, c30, [csp, #160]
        .endm
        .macro leave n
        ldp     c19, c20, [csp, #0]
        ldp     c21, c22, [csp, #32]
        ldp     c23, c24, [csp, #64]
        ldp     c25, c26, [csp, #96]
        ldp     c27, c28, [csp, #128]
        ldp     c29, c30, [csp, #160]
        add     csp, csp, #\n
        ret     c30
        .endm
        // DISPATCH(): the next opcode byte, its handler from the opcode table, and a branch to it
        .macro dispatch
        ldrb    w9, [c20], #1
        ldr     c10, [c23, x9, lsl #4]
        br      c10
        .endm
        // a signed 16-bit little-endian operand at IP into X0 (IP moves past it)
        .macro slabel
        ldrb    w0, [c20], #1
        ldrb    w1, [c20], #1
        orr     w0, w0, w1, lsl #8
        sxth    x0, w0
        .endm

        // ---- object layouts (every object starts with its type's capability)
        .equ OB_TYPE, 0
        .equ TY_NAME, 16            // type: cap name (str)
        .equ TY_CALL, 32            //       sentry call(fun, args, nargs) -> (C0 result, X1 raised)
        .equ TY_SUBSCR, 48          //       sentry subscr(base, index)
        .equ TY_BINOP, 64           //       sentry binary_op(op, lhs, rhs)
        .equ TY_SIZE, 80
        .equ STR_HASH, 16           // str (an interned qstr): u64 hash, u64 length, cap bytes
        .equ STR_LEN, 24
        .equ STR_DATA, 32
        .equ STR_SIZE, 48
        .equ INT_VAL, 16            // int (boxed): i64 value
        .equ INT_SIZE, 32
        .equ TUP_LEN, 16            // tuple: u64 length, then the items
        .equ TUP_ITEMS, 32
        .equ MAP_USED, 16           // dict (mp_map): u64 used, u64 alloc (a power of two), cap table of
        .equ MAP_ALLOC, 24          //   alloc 32-byte entries {cap key, cap value}
        .equ MAP_TABLE, 32
        .equ MAP_SIZE, 48
        .equ FUN_CODE, 16           // function: cap code, cap globals, cap name
        .equ FUN_GLOBALS, 32
        .equ FUN_NAME, 48
        .equ FUN_SIZE, 64
        .equ CODE_BC, 16            // code (raw code): cap bytecode, cap consts, cap names, u64 locals, stack, args
        .equ CODE_CONSTS, 32
        .equ CODE_NAMES, 48
        .equ CODE_NLOCALS, 64
        .equ CODE_NSTACK, 72
        .equ CODE_NARGS, 80
        .equ CODE_SIZE, 96
        .equ MOD_NAME, 16           // module: cap name, cap dict
        .equ MOD_DICT, 32
        .equ MOD_SIZE, 48
        .equ BI_FN, 16              // builtin function: sentry, cap name
        .equ BI_NAME, 32
        .equ BI_SIZE, 48
        // immediates (MicroPython's REPR_A with immediate objects): small int = v << 1 | 1
        .equ IMM_NONE, 0x06
        .equ IMM_FALSE, 0x0e
        .equ IMM_TRUE, 0x1e
        .equ SMALLINT_MIN, -5
        .equ SMALLINT_COUNT, 262
        // ---- bytecode (MicroPython's py/bc0.h layout)
        .equ BC_LOAD_GLOBAL, 0x12
        .equ BC_LOAD_CONST_OBJ, 0x23
        .equ BC_DUP_TOP, 0x30
        .equ BC_POP_TOP, 0x32
        .equ BC_CALL_FUNCTION, 0x34
        .equ BC_JUMP, 0x42
        .equ BC_POP_JUMP_IF_TRUE, 0x43
        .equ BC_LOAD_SUBSCR, 0x55
        .equ BC_RETURN_VALUE, 0x63
        .equ BC_LOAD_CONST_SMALL_INT_MULTI, 0x70   // 64 opcodes: -16..47
        .equ BC_LOAD_FAST_MULTI, 0xb0              // 16
        .equ BC_STORE_FAST_MULTI, 0xc0             // 16
        .equ BC_BINARY_OP_MULTI, 0xd7              // 36: mp_binary_op_t
        .equ OP_LESS, 0
        .equ OP_MORE, 1
        .equ OP_EQUAL, 2
        .equ OP_INPLACE_ADD, 14
        .equ OP_INPLACE_SUBTRACT, 15
        .equ OP_ADD, 27
        .equ OP_SUBTRACT, 28
        .equ OP_COUNT, 36
        // exceptions (RT_EXC)
        .equ EXC_TYPE, 1
        .equ EXC_NAME, 2
        .equ EXC_KEY, 3
        .equ EXC_UNBOUND, 4
        .equ EXC_OVERFLOW, 5
        .equ EXC_SYSTEM, 6
        .equ EXC_NOT_IMPLEMENTED, 7
        .equ EXC_PENDING, 8
        // ---- the runtime state (`rt`)
        .equ RT_POOL, 0             // cap: the GC pool
        .equ RT_ATB, 16             // cap: the allocation table
        .equ RT_NEXT, 32            // u64: next free block
        .equ RT_BLOCKS, 40          // u64: blocks in the pool
        .equ RT_QSTRS, 48           // cap: the qstr table (a map)
        .equ RT_DISPATCH, 64        // cap: the opcode table
        .equ RT_GLOBALS, 80         // cap: __main__'s dict
        .equ RT_BUILTINS, 96        // cap: the builtins dict
        .equ RT_SMALLINTS, 112      // cap: the small-int cache (a tuple)
        .equ RT_PENDING, 128        // cap: mp_pending_exception (NULL)
        .equ RT_REQUEST, 144        // cap: the request function (module-level code calling main(event))
        .equ RT_T_TYPE, 160         // caps: the types
        .equ RT_T_STR, 176
        .equ RT_T_INT, 192
        .equ RT_T_FUN, 208
        .equ RT_T_CODE, 224
        .equ RT_T_DICT, 240
        .equ RT_T_TUPLE, 256
        .equ RT_T_MODULE, 272
        .equ RT_T_BUILTIN, 288
        .equ NTYPES, 9
        .equ RT_EXC, 304            // u64: the exception raised (EXC_*)
        .equ RT_MODULES, 312        // u64: library modules built
        .equ RT_FUNCS, 320          // u64: function objects built
        .equ CO_RUNNING, 384        // the coordinator: children in flight
        .equ CO_COMPLETED, 392      //   children reaped
        .equ CO_FAILED, 400         //   children whose status was not exit(0)
        .equ CO_FORKS, 408
        .equ CO_PHASE, 416          //   0 warm-up, 1 window, 2 done
        .equ CO_TSTART, 424
        .equ CO_T0, 432
        .equ CO_TLAST, 440
        .equ CO_COUNT, 448          //   completions in the window
        .equ CO_PIDS, 512           //   64 x u64: the children in flight (0 = free slot)
        .equ RT_SIZE, 1024
        .equ PH_WINDOW, 1
        .equ PH_DONE, 2
        .equ MAX_IN_FLIGHT, 64
        .equ MODULE_FUNCS, 16
        .equ ST_STATUS, 16          // _start's frame: the status word of waitpid
        .equ ST_TS, 32              //                 a timespec

        .rodata
        // compiled bytecode (what MicroPython's compiler makes of the artifact's Python)
        // def float_operation(n):
        //     for i in range(0, n):
        //         added = i + 1
        //     return added
bc_float_operation:
        .byte   0x80                    // 0: LOAD_CONST_SMALL_INT 0
        .byte   BC_JUMP, 8, 0           // 1: JUMP top (12)
        .byte   BC_DUP_TOP              // 4: body
        .byte   0xc1                    // 5: STORE_FAST 1 (i)
        .byte   0xb1                    // 6: LOAD_FAST 1
        .byte   0x81                    // 7: LOAD_CONST_SMALL_INT 1
        .byte   0xf2                    // 8: BINARY_OP ADD
        .byte   0xc2                    // 9: STORE_FAST 2 (added)
        .byte   0x81                    // 10: LOAD_CONST_SMALL_INT 1 (the range's step)
        .byte   0xe5                    // 11: BINARY_OP INPLACE_ADD
        .byte   BC_DUP_TOP              // 12: top
        .byte   0xb0                    // 13: LOAD_FAST 0 (n)
        .byte   0xd7                    // 14: BINARY_OP LESS
        .byte   BC_POP_JUMP_IF_TRUE, 0xf2, 0xff   // 15: POP_JUMP_IF_TRUE body (-14)
        .byte   BC_POP_TOP              // 18
        .byte   0xb2                    // 19: LOAD_FAST 2 (added)
        .byte   BC_RETURN_VALUE         // 20
        .equ bc_float_operation_len, . - bc_float_operation
        // def main(event):
        //     n = event['n']
        //     return float_operation(n)
bc_main:
        .byte   0xb0                    // LOAD_FAST 0 (event)
        .byte   BC_LOAD_CONST_OBJ, 0    // 'n'
        .byte   BC_LOAD_SUBSCR
        .byte   0xc1                    // STORE_FAST 1 (n)
        .byte   BC_LOAD_GLOBAL, 0       // float_operation
        .byte   0xb1                    // LOAD_FAST 1
        .byte   BC_CALL_FUNCTION, 1
        .byte   BC_RETURN_VALUE
        .equ bc_main_len, . - bc_main
        // the request: main(event)
bc_request:
        .byte   BC_LOAD_GLOBAL, 0       // main
        .byte   BC_LOAD_GLOBAL, 1       // event
        .byte   BC_CALL_FUNCTION, 1
        .byte   BC_RETURN_VALUE
        .equ bc_request_len, . - bc_request
        // a library function: def f(x): return x + K
bc_library:
        .byte   0xb0                    // LOAD_FAST 0
        .byte   BC_LOAD_CONST_OBJ, 0    // K (a boxed int from the small-int cache)
        .byte   0xf2                    // BINARY_OP ADD
        .byte   BC_RETURN_VALUE
        .equ bc_library_len, . - bc_library

type_names:
        .asciz  "type", "str", "int", "function", "code", "dict", "tuple", "module", "builtin_function_or_method"
builtin_names:
        .asciz  "__build_class__", "__import__", "__repl_print__", "abs", "all", "any", "bin", "callable", "chr"
        .asciz  "delattr", "dir", "divmod", "eval", "exec", "getattr", "setattr", "globals", "hasattr", "hash", "hex"
        .asciz  "id", "isinstance", "issubclass", "iter", "len", "locals", "max", "min", "next", "oct", "ord", "pow"
        .asciz  "print", "repr", "round", "sorted", "sum", "bool", "bytearray", "bytes", "dict", "enumerate"
        .asciz  "filter", "float", "frozenset", "int", "list", "map", "memoryview", "object", "property", "range"
        .asciz  "reversed", "set", "slice", "staticmethod", "classmethod", "str", "super", "tuple", "type", "zip"
        .asciz  "BaseException", "ArithmeticError", "AssertionError", "AttributeError", "EOFError", "Exception"
        .asciz  "GeneratorExit", "ImportError", "IndentationError", "IndexError", "KeyboardInterrupt", "KeyError"
        .asciz  "LookupError", "MemoryError", "NameError", "NotImplementedError", "OSError", "OverflowError"
        .asciz  "RuntimeError", "StopIteration", "SyntaxError", "SystemExit", "TypeError", "ValueError"
        .asciz  "ZeroDivisionError", "open", "input", "compile", "math", "time", "json", "sys", "os", "gc"
        .byte   0
s_name:     .asciz "__name__"
s_main_mod: .asciz "__main__"
s_float_op: .asciz "float_operation"
s_main:     .asciz "main"
s_event:    .asciz "event"
s_n:        .asciz "n"
fmt_module: .asciz "lib%d"
fmt_func:   .asciz "lib%d_f%d"
fmt_value:  .asciz "lib%d_version"
fmt_result: .asciz "faas: functions=%d window=%d t0=%d t1=%d failed=%d forks=%d\n"

        .data
        .balign 16
rt:     .space  RT_SIZE
        .size   rt, RT_SIZE

        .section .got, "aw"
        .balign 16
got_rt: .chericap rt

        .text
        .global _start
        .type _start, @function
_start:
        sub     csp, csp, #64
        bl      runtime_init
.ifdef FAAS_SELFTEST
        bl      run_request
        cbnz    x1, 1f
        asr     x0, x0, #1
        and     x0, x0, #0xff
        sys     exit
1:      getrt   c1                      // raised: 240 + the exception's EXC_ code
        ldr     x0, [c1, #RT_EXC]
        add     x0, x0, #240
        sys     exit
.endif
        getrt   c28

// ---------------------------------------------------------------- the coordinator
coordinator:
        bl      now_ns
        str     x0, [c28, #CO_TSTART]
co_loop:
        ldr     x0, [c28, #CO_PHASE]
        cmp     x0, #PH_DONE
        b.eq    co_finish
        ldr     x1, [c28, #CO_RUNNING]
        cmp     x1, #IN_FLIGHT
        b.hs    co_poll
        fork_or_enosys
        cmn     x0, #ENOSYS
        b.eq    co_nofork
        cmp     x0, #0
        b.lt    co_fail_fork
        b.eq    child_main
        add     c1, c28, #CO_PIDS       // remember the child in a free slot
        mov     x2, #0
1:      ldr     x3, [c1, x2, lsl #3]
        cbz     x3, 2f
        add     x2, x2, #1
        b       1b
2:      str     x0, [c1, x2, lsl #3]
        ldr     x1, [c28, #CO_RUNNING]
        add     x1, x1, #1
        str     x1, [c28, #CO_RUNNING]
        ldr     x1, [c28, #CO_FORKS]
        add     x1, x1, #1
        str     x1, [c28, #CO_FORKS]
        b       co_loop
co_poll:
        mov     x0, #-1
        add     c1, csp, #ST_STATUS
        mov     x2, #WNOHANG
        sys     waitpid                 // the artifact's sfork_wait3(WNOHANG): poll, never block
        cbz     x0, co_loop
        cmp     x0, #0
        b.lt    co_fail_wait
        ldr     w1, [csp, #ST_STATUS]
        bl      co_reaped
        b       co_loop

// co_reaped(X0 = pid, W1 = status): frees the child's slot, counts it, and moves the measuring phase on.
co_reaped:
        sub     csp, csp, #48
        str     c30, [csp]
        add     c2, c28, #CO_PIDS
        mov     x3, #0
1:      cmp     x3, #MAX_IN_FLIGHT
        b.hs    2f
        ldr     x4, [c2, x3, lsl #3]
        add     x3, x3, #1
        cmp     x4, x0
        b.ne    1b
        sub     x3, x3, #1
        str     xzr, [c2, x3, lsl #3]
2:      ldr     x4, [c28, #CO_RUNNING]
        sub     x4, x4, #1
        str     x4, [c28, #CO_RUNNING]
        ldr     x4, [c28, #CO_COMPLETED]
        add     x4, x4, #1
        str     x4, [c28, #CO_COMPLETED]
        cbz     w1, 3f
        ldr     x4, [c28, #CO_FAILED]
        add     x4, x4, #1
        str     x4, [c28, #CO_FAILED]
3:      bl      now_ns
        ldr     x3, [c28, #CO_PHASE]
        cbnz    x3, 4f
        ldr     x4, [c28, #CO_TSTART]   // warming up: open the window once WARMUP_NS have passed
        sub     x5, x0, x4
        movq    x6, WARMUP_NS
        cmp     x5, x6
        b.lo    9f
        mov     x3, #PH_WINDOW
        str     x3, [c28, #CO_PHASE]
        str     x0, [c28, #CO_T0]
        str     x0, [c28, #CO_TLAST]
        str     xzr, [c28, #CO_COUNT]
        b       9f
4:      ldr     x7, [c28, #CO_COUNT]    // in the window
        add     x7, x7, #1
        str     x7, [c28, #CO_COUNT]
        str     x0, [c28, #CO_TLAST]
        ldr     x4, [c28, #CO_T0]
        sub     x5, x0, x4
        movq    x6, WINDOW_NS
        cmp     x5, x6
        b.lo    9f
        mov     x8, #IN_FLIGHT          // close it on whole rounds only
        udiv    x9, x7, x8
        msub    x9, x9, x8, x7
        cbnz    x9, 9f
        mov     x3, #PH_DONE
        str     x3, [c28, #CO_PHASE]
9:      ldr     c30, [csp]
        add     csp, csp, #48
        ret     c30

co_finish:
        // the window is over: stop the children still running and reap them
        mov     x19, #0
1:      cmp     x19, #MAX_IN_FLIGHT
        b.hs    2f
        add     c1, c28, #CO_PIDS
        ldr     x20, [c1, x19, lsl #3]
        add     x19, x19, #1
        cbz     x20, 1b
        mov     x0, x20
        mov     x1, #SIGKILL
        sys     kill
        mov     x0, x20
        add     c1, csp, #ST_STATUS
        mov     x2, #0
        sys     waitpid
        cmp     x0, x20
        b.ne    co_fail_wait
        b       1b
2:      adrp    c0, fmt_result
        add     c0, c0, #:lo12:fmt_result
        ldr     x1, [c28, #CO_COMPLETED]
        ldr     x2, [c28, #CO_COUNT]
        ldr     x3, [c28, #CO_T0]
        ldr     x4, [c28, #CO_TLAST]
        ldr     x5, [c28, #CO_FAILED]
        ldr     x6, [c28, #CO_FORKS]
        bl      printf
        mov     x0, #0
        sys     exit
co_nofork:
        mov     x0, #EXIT_NO_FORK
        sys     exit
co_fail_fork:
        mov     x0, #4
        sys     exit
co_fail_wait:
        mov     x0, #5
        sys     exit

// the child: run the request, exit 0 if float_operation returned n, 1 if it returned something else, 2 if it raised
child_main:
        bl      run_request
        cbnz    x1, 1f
        movq    x2, ((ITERATIONS << 1) | 1)
        cmp     x0, x2
        cset    x0, ne
        sys     exit
1:      mov     x0, #2
        sys     exit

// now_ns() -> X0: emulated nanoseconds (clock_gettime)
now_ns:
        sub     csp, csp, #32
        str     c30, [csp]
        mov     x0, #1
        add     c1, csp, #16
        sys     clock_gettime
        ldr     x0, [csp, #16]
        ldr     x1, [csp, #24]
        movq    x2, 1000000000
        madd    x0, x0, x2, x1
        ldr     c30, [csp]
        add     csp, csp, #32
        ret     c30

// run_request() -> (C0 result, X1 raised): the request function called with no arguments
run_request:
        sub     csp, csp, #32
        str     c30, [csp]
        getrt   c0
        ldr     c0, [c0, #RT_REQUEST]
        mov     x1, #0
        mov     x2, #0
        bl      mp_call_function_n
        ldr     c30, [csp]
        add     csp, csp, #32
        ret     c30

// ---------------------------------------------------------------- the interpreter
// mp_call_function_n(C0 fun, C1 args, X2 nargs) -> (C0 result, X1 raised): through the type's call slot
mp_call_function_n:
        gctag   x9, c0
        cbz     x9, 1f
        ldr     c9, [c0, #OB_TYPE]
        ldr     c10, [c9, #TY_CALL]
        gctag   x11, c10
        cbz     x11, 1f
        br      c10                     // a tail call: the slot returns to our caller
1:      mov     x0, #EXC_TYPE
        b       raise

// raise(X0 = EXC_*) -> (C0 = NULL, X1 = 1): what nlr_raise amounts to for callers that propagate
raise:
        getrt   c9
        str     x0, [c9, #RT_EXC]
        mov     x0, #0
        mov     x1, #1
        ret     c30

// mp_obj_subscr(C0 base, C1 index) -> (C0, X1 raised): through the type's subscr slot
mp_obj_subscr:
        gctag   x9, c0
        cbz     x9, 1f
        ldr     c9, [c0, #OB_TYPE]
        ldr     c10, [c9, #TY_SUBSCR]
        gctag   x11, c10
        cbz     x11, 1f
        br      c10
1:      mov     x0, #EXC_TYPE
        b       raise

// mp_binary_op(X0 op, C1 lhs, C2 rhs) -> (C0, X1 raised): the small-int fast path of runtime.c, else the
// lhs's type slot
mp_binary_op:
        and     x9, x1, x2
        tbz     x9, #0, 8f              // not both small ints
        asr     x10, x1, #1
        asr     x11, x2, #1
        cmp     x0, #OP_INPLACE_ADD
        b.eq    1f
        cmp     x0, #OP_ADD
        b.eq    1f
        cmp     x0, #OP_LESS
        b.eq    3f
        cmp     x0, #OP_INPLACE_SUBTRACT
        b.eq    2f
        cmp     x0, #OP_SUBTRACT
        b.eq    2f
        cmp     x0, #OP_MORE
        b.eq    4f
        cmp     x0, #OP_EQUAL
        b.eq    5f
        mov     x0, #EXC_TYPE
        b       raise
1:      add     x10, x10, x11
        b       6f
2:      sub     x10, x10, x11
6:      eor     x12, x10, x10, lsl #1   // MP_SMALL_INT_FITS
        tbnz    x12, #63, 7f
        lsl     x0, x10, #1
        orr     x0, x0, #1
        mov     x1, #0
        ret     c30
3:      cmp     x10, x11
        b       10f
4:      cmp     x11, x10
        b       10f
5:      cmp     x10, x11
        mov     x0, #IMM_FALSE
        mov     x12, #IMM_TRUE
        csel    x0, x12, x0, eq
        mov     x1, #0
        ret     c30
10:     mov     x0, #IMM_FALSE
        mov     x12, #IMM_TRUE
        csel    x0, x12, x0, lt
        mov     x1, #0
        ret     c30
7:      mov     x0, #EXC_OVERFLOW
        b       raise
8:      gctag   x9, c1
        cbz     x9, 9f
        ldr     c9, [c1, #OB_TYPE]
        ldr     c10, [c9, #TY_BINOP]
        gctag   x11, c10
        cbz     x11, 9f
        br      c10
9:      mov     x0, #EXC_TYPE
        b       raise

// int's binary_op slot: unbox the operands (boxed ints) and take the small-int path
int_binary_op:
        ldr     x1, [c1, #INT_VAL]
        lsl     x1, x1, #1
        orr     x1, x1, #1
        gctag   x9, c2
        cbz     x9, 1f
        ldr     x2, [c2, #INT_VAL]
        lsl     x2, x2, #1
        orr     x2, x2, #1
1:      b       mp_binary_op

// dict's subscr slot
dict_subscr:
        gctag   x9, c1                  // keys are interned strs
        cbz     x9, 1f
        sub     csp, csp, #32
        str     c30, [csp]
        bl      map_lookup
        ldr     c30, [csp]
        add     csp, csp, #32
        cbz     x2, 1f
        mov     x1, #0
        ret     c30
1:      mov     x0, #EXC_KEY
        b       raise

// builtin_function's call slot: its own entry
builtin_call:
        ldr     c10, [c0, #BI_FN]
        br      c10
builtin_unimplemented:
        mov     x0, #EXC_NOT_IMPLEMENTED
        b       raise

// function's call slot: mp_obj_fun_bc_call + mp_execute_bytecode. (C0 fun, C1 args, X2 nargs) -> (C0, X1 raised).
// Registers while it runs: C19 rt, C20 IP, C21 the value stack's top, C22 the locals, C23 the opcode table,
// C24 the function, C25 its code, C26 its constants, C29 the frame.
fun_bc_call:
        enter   192
        mov     c29, csp
        mov     c24, c0
        ldr     c25, [c24, #FUN_CODE]
        ldr     x3, [c25, #CODE_NARGS]
        cmp     x2, x3
        b.ne    vm_type_error
        ldr     x4, [c25, #CODE_NLOCALS]
        ldr     x5, [c25, #CODE_NSTACK]
        add     x6, x4, x5
        lsl     x6, x6, #4
        neg     x7, x6
        add     csp, csp, x7            // the code state on the C stack (alloca), bounded
        mov     c22, csp
        scbnds  c22, c22, x6
        mov     x7, #0
1:      cmp     x7, x2                  // the arguments become the first locals
        b.hs    2f
        ldr     c8, [c1, x7, lsl #4]
        str     c8, [c22, x7, lsl #4]
        add     x7, x7, #1
        b       1b
2:      cmp     x7, x4                  // the other locals are unbound (MP_OBJ_NULL)
        b.hs    3f
        lsl     x8, x7, #4
        add     c8, c22, x8
        stp     xzr, xzr, [c8]
        add     x7, x7, #1
        b       2b
3:      lsl     x8, x4, #4
        add     c21, c22, x8
        sub     c21, c21, #16           // an empty stack: the top is one below its first slot
        ldr     c20, [c25, #CODE_BC]
        ldr     c26, [c25, #CODE_CONSTS]
        getrt   c19
        ldr     c23, [c19, #RT_DISPATCH]
        dispatch
vm_return:
        ldr     c0, [c21]
        mov     x1, #0
vm_leave:
        mov     csp, c29
        leave   192
vm_type_error:
        mov     x0, #EXC_TYPE
vm_raise:
        getrt   c9
        str     x0, [c9, #RT_EXC]
        mov     x0, #0
vm_exception:
        mov     x1, #1
        b       vm_leave

// ---- opcode handlers (X9 = the opcode)
op_load_const_small_int:
        sub     x0, x9, #(BC_LOAD_CONST_SMALL_INT_MULTI + 16)
        lsl     x0, x0, #1
        orr     x0, x0, #1
        stp     x0, xzr, [c21, #16]!
        dispatch
op_load_fast:
        sub     x0, x9, #BC_LOAD_FAST_MULTI
        ldr     c0, [c22, x0, lsl #4]
        cbz     x0, op_unbound          // MP_OBJ_NULL: UnboundLocalError
        str     c0, [c21, #16]!
        dispatch
op_unbound:
        mov     x0, #EXC_UNBOUND
        b       vm_raise
op_store_fast:
        sub     x0, x9, #BC_STORE_FAST_MULTI
        ldr     c1, [c21], #-16
        str     c1, [c22, x0, lsl #4]
        dispatch
op_dup_top:
        ldr     c0, [c21]
        str     c0, [c21, #16]!
        dispatch
op_pop_top:
        sub     c21, c21, #16
        dispatch
op_binary_op:
        sub     x0, x9, #BC_BINARY_OP_MULTI
        ldr     c2, [c21], #-16
        ldr     c1, [c21]
        bl      mp_binary_op
        cbnz    x1, vm_exception
        str     c0, [c21]
        dispatch
op_load_const_obj:
        ldrb    w0, [c20], #1
        add     c1, c26, #TUP_ITEMS
        ldr     c0, [c1, x0, lsl #4]
        str     c0, [c21, #16]!
        dispatch
op_load_global:
        ldrb    w0, [c20], #1
        ldr     c1, [c25, #CODE_NAMES]
        add     c1, c1, #TUP_ITEMS
        ldr     c1, [c1, x0, lsl #4]    // the name: an interned str
        ldr     c0, [c24, #FUN_GLOBALS]
        bl      map_lookup
        cbnz    x2, 1f
        ldr     c0, [c19, #RT_BUILTINS]
        bl      map_lookup
        cbz     x2, 2f
1:      str     c0, [c21, #16]!
        dispatch
2:      mov     x0, #EXC_NAME
        b       vm_raise
op_load_subscr:
        ldr     c1, [c21], #-16
        ldr     c0, [c21]
        bl      mp_obj_subscr
        cbnz    x1, vm_exception
        str     c0, [c21]
        dispatch
op_call_function:
        ldrb    w2, [c20], #1
        lsl     x3, x2, #4
        neg     x3, x3
        add     c21, c21, x3            // the function's slot; the result replaces it
        ldr     c0, [c21]
        add     c1, c21, #16
        bl      mp_call_function_n
        cbnz    x1, vm_exception
        str     c0, [c21]
        dispatch
op_jump:
        slabel
        add     c20, c20, x0
        ldr     c9, [c19, #RT_PENDING]  // DISPATCH_WITH_PEND_EXC_CHECK
        cbnz    x9, op_pending
        dispatch
op_pop_jump_if_true:
        slabel
        ldr     c1, [c21], #-16
        cmp     x1, #IMM_TRUE           // mp_obj_is_true
        b.eq    1f
        cmp     x1, #IMM_FALSE
        b.eq    2f
        cmp     x1, #IMM_NONE
        b.eq    2f
        tbz     x1, #0, 1f              // an object: true
        cmp     x1, #1                  // a small int: true unless 0
        b.eq    2f
1:      add     c20, c20, x0
        ldr     c9, [c19, #RT_PENDING]
        cbnz    x9, op_pending
2:      dispatch
op_pending:
        mov     x0, #EXC_PENDING
        b       vm_raise
op_return_value:
        b       vm_return
op_unknown:
        mov     x0, #EXC_SYSTEM
        b       vm_raise

// ---------------------------------------------------------------- the GC heap
// gc_alloc(X0 bytes) -> C0: whole 32-byte blocks from the pool, bounded to them; marks the allocation table.
// Fresh pool memory is zero (nothing is ever freed: the Zygote's objects live as long as it does).
gc_alloc:
        getrt   c1
        add     x2, x0, #31
        lsr     x2, x2, #5
        cbnz    x2, 1f
        mov     x2, #1
1:      ldr     x3, [c1, #RT_NEXT]
        add     x4, x3, x2
        ldr     x5, [c1, #RT_BLOCKS]
        cmp     x4, x5
        b.hi    gc_oom
        str     x4, [c1, #RT_NEXT]
        ldr     c5, [c1, #RT_ATB]
        mov     w9, #1
        strb    w9, [c5, x3]            // head
        add     x10, x3, #1
        mov     w9, #2
2:      cmp     x10, x4
        b.hs    3f
        strb    w9, [c5, x10]           // tail
        add     x10, x10, #1
        b       2b
3:      ldr     c0, [c1, #RT_POOL]
        lsl     x11, x3, #5
        add     c0, c0, x11
        lsl     x12, x2, #5
        scbnds  c0, c0, x12
        ret     c30
gc_oom:
        mov     x0, #3                  // MemoryError while building the Zygote
        sys     exit

// new_object(X0 bytes, X1 = offset of the type in rt) -> C0 with its type set
new_object:
        sub     csp, csp, #32
        str     c30, [csp]
        str     x1, [csp, #16]
        bl      gc_alloc
        ldr     x1, [csp, #16]
        getrt   c2
        ldr     c2, [c2, x1]
        str     c2, [c0, #OB_TYPE]
        ldr     c30, [csp]
        add     csp, csp, #32
        ret     c30

// ---------------------------------------------------------------- maps (dicts keyed by interned strs)
// map_lookup(C0 map, C1 key) -> (C0 value, X2 found); C1 kept. Keys are compared by identity (qstrs).
map_lookup:
        ldr     x3, [c1, #STR_HASH]
        ldr     x4, [c0, #MAP_ALLOC]
        sub     x4, x4, #1
        ldr     c5, [c0, #MAP_TABLE]
        and     x6, x3, x4
1:      lsl     x7, x6, #5
        add     c8, c5, x7
        ldr     c9, [c8]
        gctag   x10, c9
        cbz     x10, 2f
        cmp     x9, x1
        b.eq    3f
        add     x6, x6, #1
        and     x6, x6, x4
        b       1b
2:      mov     x2, #0
        ret     c30
3:      ldr     c0, [c8, #16]
        mov     x2, #1
        ret     c30

// map_new(X0 alloc, a power of two) -> C0
map_new:
        enter   192
        mov     x19, x0
        mov     x0, #MAP_SIZE
        mov     x1, #RT_T_DICT
        bl      new_object
        mov     c20, c0
        str     xzr, [c20, #MAP_USED]
        str     x19, [c20, #MAP_ALLOC]
        lsl     x0, x19, #5
        bl      gc_alloc
        str     c0, [c20, #MAP_TABLE]
        mov     c0, c20
        leave   192

// map_slot(C0 map, C1 key, X2 hash) -> (C0 entry, X2 found): the key's entry or the empty one it would take
map_slot:
        ldr     x4, [c0, #MAP_ALLOC]
        sub     x4, x4, #1
        ldr     c5, [c0, #MAP_TABLE]
        and     x6, x2, x4
1:      lsl     x7, x6, #5
        add     c0, c5, x7
        ldr     c9, [c0]
        gctag   x10, c9
        cbz     x10, 2f
        cmp     x9, x1
        b.eq    3f
        add     x6, x6, #1
        and     x6, x6, x4
        b       1b
2:      mov     x2, #0
        ret     c30
3:      mov     x2, #1
        ret     c30

// map_grow(C0 map): twice the entries, every key re-inserted by its hash (the old table is garbage)
map_grow:
        enter   192
        mov     c19, c0
        ldr     x20, [c19, #MAP_ALLOC]
        ldr     c21, [c19, #MAP_TABLE]
        lsl     x22, x20, #1
        lsl     x0, x22, #5
        bl      gc_alloc
        str     c0, [c19, #MAP_TABLE]
        str     x22, [c19, #MAP_ALLOC]
        mov     x23, #0
1:      cmp     x23, x20
        b.hs    2f
        lsl     x7, x23, #5
        add     c24, c21, x7
        add     x23, x23, #1
        ldr     c1, [c24]
        gctag   x9, c1
        cbz     x9, 1b
        ldr     x2, [c1, #STR_HASH]
        mov     c0, c19
        bl      map_slot
        ldr     c1, [c24]
        str     c1, [c0]
        ldr     c1, [c24, #16]
        str     c1, [c0, #16]
        b       1b
2:      leave   192

// map_store(C0 map, C1 key, C2 value)
map_store:
        enter   192
        mov     c19, c0
        mov     c20, c1
        mov     c21, c2
        bl      map_make_room
        mov     c0, c19
        mov     c1, c20
        ldr     x2, [c20, #STR_HASH]
        bl      map_slot
        str     c21, [c0, #16]
        cbnz    x2, 1f
        str     c20, [c0]
        ldr     x3, [c19, #MAP_USED]
        add     x3, x3, #1
        str     x3, [c19, #MAP_USED]
1:      leave   192

// map_make_room(C0 map): grows it when one more entry would load it above 2/3
map_make_room:
        ldr     x3, [c0, #MAP_USED]
        add     x3, x3, #1
        add     x3, x3, x3, lsl #1
        ldr     x4, [c0, #MAP_ALLOC]
        lsl     x4, x4, #1
        cmp     x3, x4
        b.hi    map_grow
        ret     c30

// qstr_intern(C0 bytes, X1 length) -> C0: the interned str with these bytes (made if new)
qstr_intern:
        enter   192
        mov     c20, c0
        mov     x21, x1
        bl      hash64
        mov     x22, x0
        getrt   c19
        ldr     c0, [c19, #RT_QSTRS]
        bl      map_make_room
        ldr     c23, [c19, #RT_QSTRS]
        ldr     x26, [c23, #MAP_ALLOC]
        sub     x26, x26, #1
        ldr     c27, [c23, #MAP_TABLE]
        and     x25, x22, x26
1:      lsl     x7, x25, #5
        add     c24, c27, x7
        ldr     c9, [c24]
        gctag   x10, c9
        cbz     x10, 3f                 // not interned yet
        ldr     x10, [c9, #STR_HASH]
        cmp     x10, x22
        b.ne    2f
        ldr     x10, [c9, #STR_LEN]
        cmp     x10, x21
        b.ne    2f
        ldr     c0, [c9, #STR_DATA]
        mov     c1, c20
        mov     x2, x21
        bl      memcmp
        cbnz    x0, 2f
        ldr     c0, [c24]
        leave   192
2:      add     x25, x25, #1
        and     x25, x25, x26
        b       1b
3:      add     x0, x21, #1
        bl      gc_alloc
        mov     c28, c0
        mov     c1, c20
        mov     x2, x21
        bl      memcpy
        mov     x0, #STR_SIZE
        mov     x1, #RT_T_STR
        bl      new_object
        str     x22, [c0, #STR_HASH]
        str     x21, [c0, #STR_LEN]
        str     c28, [c0, #STR_DATA]
        str     c0, [c24]
        str     c0, [c24, #16]
        ldr     x3, [c23, #MAP_USED]
        add     x3, x3, #1
        str     x3, [c23, #MAP_USED]
        leave   192

// qstr_cstr(C0 C string) -> C0 interned str
qstr_cstr:
        sub     csp, csp, #32
        str     c30, [csp]
        str     c0, [csp, #16]
        bl      strlen
        mov     x1, x0
        ldr     c0, [csp, #16]
        bl      qstr_intern
        ldr     c30, [csp]
        add     csp, csp, #32
        ret     c30

// tuple_new(X0 length) -> C0 (items NULL)
tuple_new:
        sub     csp, csp, #32
        str     c30, [csp]
        str     x0, [csp, #16]
        lsl     x0, x0, #4
        add     x0, x0, #TUP_ITEMS
        mov     x1, #RT_T_TUPLE
        bl      new_object
        ldr     x1, [csp, #16]
        str     x1, [c0, #TUP_LEN]
        ldr     c30, [csp]
        add     csp, csp, #32
        ret     c30

// int_obj(X0 value) -> C0: the small-int cache's object for -5..256, else a new boxed int
int_obj:
        add     x1, x0, #(-SMALLINT_MIN)
        cmp     x1, #SMALLINT_COUNT
        b.hs    1f
        getrt   c2
        ldr     c2, [c2, #RT_SMALLINTS]
        add     c2, c2, #TUP_ITEMS
        ldr     c0, [c2, x1, lsl #4]
        ret     c30
1:      sub     csp, csp, #32
        str     c30, [csp]
        str     x0, [csp, #16]
        mov     x0, #INT_SIZE
        mov     x1, #RT_T_INT
        bl      new_object
        ldr     x1, [csp, #16]
        str     x1, [c0, #INT_VAL]
        ldr     c30, [csp]
        add     csp, csp, #32
        ret     c30

// compile(C0 bytecode source, X1 length, X2 locals, X3 stack, X4 args, C5 consts, C6 names, C7 globals,
// C8 name) -> C0 function: the bytecode copied into the heap, a code object and a function object
compile:
        enter   256
        stp     c0, c5, [csp, #192]
        stp     c6, c7, [csp, #224]
        mov     c27, c8
        mov     x19, x1
        mov     x20, x2
        mov     x21, x3
        mov     x22, x4
        mov     x0, x19
        bl      gc_alloc
        mov     c23, c0
        ldr     c1, [csp, #192]
        mov     x2, x19
        bl      memcpy
        mov     x0, #CODE_SIZE
        mov     x1, #RT_T_CODE
        bl      new_object
        mov     c24, c0
        str     c23, [c24, #CODE_BC]
        ldr     c1, [csp, #208]
        str     c1, [c24, #CODE_CONSTS]
        ldr     c1, [csp, #224]
        str     c1, [c24, #CODE_NAMES]
        str     x20, [c24, #CODE_NLOCALS]
        str     x21, [c24, #CODE_NSTACK]
        str     x22, [c24, #CODE_NARGS]
        mov     x0, #FUN_SIZE
        mov     x1, #RT_T_FUN
        bl      new_object
        str     c24, [c0, #FUN_CODE]
        ldr     c1, [csp, #240]
        str     c1, [c0, #FUN_GLOBALS]
        str     c27, [c0, #FUN_NAME]
        getrt   c1
        ldr     x2, [c1, #RT_FUNCS]
        add     x2, x2, #1
        str     x2, [c1, #RT_FUNCS]
        leave   256

// set_slot(X0 = type offset in rt, X1 = slot offset, C2 = code) : the slot becomes a sentry to the code
set_slot:
        getrt   c3
        ldr     c3, [c3, x0]
        add     c2, c2, #1              // C64 code: bit 0 set
        seal    c2, c2, rb
        str     c2, [c3, x1]
        ret     c30

// fill_dispatch(X1 first opcode, X2 count, C3 handler)
fill_dispatch:
        getrt   c4
        ldr     c4, [c4, #RT_DISPATCH]
1:      cbz     x2, 2f
        str     c3, [c4, x1, lsl #4]
        add     x1, x1, #1
        sub     x2, x2, #1
        b       1b
2:      ret     c30

        .macro optab op, count, label
        mov     x1, #\op
        mov     x2, #\count
        adr     c3, \label
        add     c3, c3, #1              // C64 code: branch targets have bit 0 set
        bl      fill_dispatch
        .endm

// ---------------------------------------------------------------- Zygote initialisation
runtime_init:
        enter   256
        getrt   c19
        // the GC heap: the pool and its allocation table (MicroPython's gc_init on a malloc'd block)
        movq    x0, HEAP_BYTES
        bl      malloc
        gctag   x1, c0
        cbz     x1, gc_oom
        str     c0, [c19, #RT_POOL]
        movq    x0, (HEAP_BYTES / 32)
        str     x0, [c19, #RT_BLOCKS]
        bl      malloc
        gctag   x1, c0
        cbz     x1, gc_oom
        str     c0, [c19, #RT_ATB]
        str     xzr, [c19, #RT_NEXT]
        // the types: allocated first (their own type is `type`), then their slots
        mov     x20, #0
1:      cmp     x20, #NTYPES
        b.hs    2f
        mov     x0, #TY_SIZE
        bl      gc_alloc
        lsl     x1, x20, #4
        add     x1, x1, #RT_T_TYPE
        str     c0, [c19, x1]
        add     x20, x20, #1
        b       1b
2:      ldr     c21, [c19, #RT_T_TYPE]
        mov     x20, #0
3:      cmp     x20, #NTYPES
        b.hs    4f
        lsl     x1, x20, #4
        add     x1, x1, #RT_T_TYPE
        ldr     c0, [c19, x1]
        str     c21, [c0, #OB_TYPE]
        add     x20, x20, #1
        b       3b
4:      mov     x0, #RT_T_FUN
        mov     x1, #TY_CALL
        adr     c2, fun_bc_call
        bl      set_slot
        mov     x0, #RT_T_BUILTIN
        mov     x1, #TY_CALL
        adr     c2, builtin_call
        bl      set_slot
        mov     x0, #RT_T_DICT
        mov     x1, #TY_SUBSCR
        adr     c2, dict_subscr
        bl      set_slot
        mov     x0, #RT_T_INT
        mov     x1, #TY_BINOP
        adr     c2, int_binary_op
        bl      set_slot
        // the qstr table, and the types' names
        mov     x0, #64
        bl      map_new
        str     c0, [c19, #RT_QSTRS]
        adrp    c20, type_names
        add     c20, c20, #:lo12:type_names
        mov     x21, #0
5:      cmp     x21, #NTYPES
        b.hs    6f
        mov     c0, c20
        bl      strlen
        add     x22, x0, #1
        mov     x1, x0
        mov     c0, c20
        bl      qstr_intern
        lsl     x1, x21, #4
        add     x1, x1, #RT_T_TYPE
        ldr     c1, [c19, x1]
        str     c0, [c1, #TY_NAME]
        add     c20, c20, x22
        add     x21, x21, #1
        b       5b
        // the small-int cache
6:      mov     x0, #SMALLINT_COUNT
        bl      tuple_new
        str     c0, [c19, #RT_SMALLINTS]
        mov     c20, c0
        mov     x21, #0
7:      cmp     x21, #SMALLINT_COUNT
        b.hs    8f
        mov     x0, #INT_SIZE
        mov     x1, #RT_T_INT
        bl      new_object
        sub     x1, x21, #(-SMALLINT_MIN)
        str     x1, [c0, #INT_VAL]
        add     x2, x21, #(TUP_ITEMS / 16)
        str     c0, [c20, x2, lsl #4]
        add     x21, x21, #1
        b       7b
        // the opcode table
8:      mov     x0, #4096
        bl      gc_alloc
        str     c0, [c19, #RT_DISPATCH]
        optab   0, 256, op_unknown
        optab   BC_LOAD_GLOBAL, 1, op_load_global
        optab   BC_LOAD_CONST_OBJ, 1, op_load_const_obj
        optab   BC_DUP_TOP, 1, op_dup_top
        optab   BC_POP_TOP, 1, op_pop_top
        optab   BC_CALL_FUNCTION, 1, op_call_function
        optab   BC_JUMP, 1, op_jump
        optab   BC_POP_JUMP_IF_TRUE, 1, op_pop_jump_if_true
        optab   BC_LOAD_SUBSCR, 1, op_load_subscr
        optab   BC_RETURN_VALUE, 1, op_return_value
        optab   BC_LOAD_CONST_SMALL_INT_MULTI, 64, op_load_const_small_int
        optab   BC_LOAD_FAST_MULTI, 16, op_load_fast
        optab   BC_STORE_FAST_MULTI, 16, op_store_fast
        optab   BC_BINARY_OP_MULTI, OP_COUNT, op_binary_op
        // the builtins
        mov     x0, #64
        bl      map_new
        str     c0, [c19, #RT_BUILTINS]
        adrp    c20, builtin_names
        add     c20, c20, #:lo12:builtin_names
9:      ldrb    w0, [c20]
        cbz     w0, 10f
        mov     c0, c20
        bl      strlen
        add     x22, x0, #1
        mov     x1, x0
        mov     c0, c20
        bl      qstr_intern
        mov     c21, c0
        mov     x0, #BI_SIZE
        mov     x1, #RT_T_BUILTIN
        bl      new_object
        adr     c2, builtin_unimplemented
        add     c2, c2, #1
        seal    c2, c2, rb
        str     c2, [c0, #BI_FN]
        str     c21, [c0, #BI_NAME]
        mov     c2, c0
        mov     c1, c21
        ldr     c0, [c19, #RT_BUILTINS]
        bl      map_store
        add     c20, c20, x22
        b       9b
        // __main__: its globals, the compiled functions, the event
10:     mov     x0, #16
        bl      map_new
        str     c0, [c19, #RT_GLOBALS]
        adrp    c0, s_main_mod
        add     c0, c0, #:lo12:s_main_mod
        bl      qstr_cstr
        mov     c21, c0
        adrp    c0, s_name
        add     c0, c0, #:lo12:s_name
        bl      qstr_cstr
        mov     c1, c0
        mov     c2, c21
        ldr     c0, [c19, #RT_GLOBALS]
        bl      map_store
        // float_operation(n)
        adrp    c0, s_float_op
        add     c0, c0, #:lo12:s_float_op
        bl      qstr_cstr
        mov     c25, c0                 // 'float_operation'
        mov     x0, #0
        bl      tuple_new
        mov     c5, c0
        mov     c6, c0
        mov     c8, c25
        ldr     c7, [c19, #RT_GLOBALS]
        adrp    c0, bc_float_operation
        add     c0, c0, #:lo12:bc_float_operation
        mov     x1, #bc_float_operation_len
        mov     x2, #3
        mov     x3, #3
        mov     x4, #1
        bl      compile
        mov     c2, c0
        mov     c1, c25
        ldr     c0, [c19, #RT_GLOBALS]
        bl      map_store
        // main(event)
        adrp    c0, s_n
        add     c0, c0, #:lo12:s_n
        bl      qstr_cstr
        mov     c26, c0                 // 'n'
        adrp    c0, s_main
        add     c0, c0, #:lo12:s_main
        bl      qstr_cstr
        mov     c24, c0                 // 'main'
        mov     x0, #1
        bl      tuple_new
        str     c26, [c0, #TUP_ITEMS]
        mov     c23, c0                 // consts ('n',)
        mov     x0, #1
        bl      tuple_new
        str     c25, [c0, #TUP_ITEMS]
        mov     c6, c0                  // names (float_operation,)
        mov     c5, c23
        mov     c8, c24
        ldr     c7, [c19, #RT_GLOBALS]
        adrp    c0, bc_main
        add     c0, c0, #:lo12:bc_main
        mov     x1, #bc_main_len
        mov     x2, #2
        mov     x3, #2
        mov     x4, #1
        bl      compile
        mov     c2, c0
        mov     c1, c24
        ldr     c0, [c19, #RT_GLOBALS]
        bl      map_store
        // event = {'n': ITERATIONS}
        mov     x0, #4
        bl      map_new
        mov     c23, c0
        mov     c1, c26
        movq    x2, ((ITERATIONS << 1) | 1)
        bl      map_store
        adrp    c0, s_event
        add     c0, c0, #:lo12:s_event
        bl      qstr_cstr
        mov     c22, c0                 // 'event'
        mov     c1, c0
        mov     c2, c23
        ldr     c0, [c19, #RT_GLOBALS]
        bl      map_store
        // the request: main(event), compiled as module-level code of __main__
        mov     x0, #0
        bl      tuple_new
        mov     c23, c0                 // consts ()
        mov     x0, #2
        bl      tuple_new
        str     c24, [c0, #TUP_ITEMS]
        str     c22, [c0, #(TUP_ITEMS + 16)]
        mov     c6, c0                  // names (main, event)
        mov     c5, c23
        mov     c8, c21                 // '__main__'
        ldr     c7, [c19, #RT_GLOBALS]
        adrp    c0, bc_request
        add     c0, c0, #:lo12:bc_request
        mov     x1, #bc_request_len
        mov     x2, #0
        mov     x3, #2
        mov     x4, #0
        bl      compile
        str     c0, [c19, #RT_REQUEST]
        // the library modules the Zygote imported, until half the heap is used
        mov     x20, #0                 // module number
11:     ldr     x0, [c19, #RT_NEXT]
        movq    x1, (HEAP_BYTES / 64)
        cmp     x0, x1
        b.hs    14f
        add     c0, csp, #192           // its name
        mov     x1, #32
        adrp    c2, fmt_module
        add     c2, c2, #:lo12:fmt_module
        mov     x3, x20
        bl      snprintf
        add     c0, csp, #192
        bl      qstr_cstr
        mov     c21, c0
        mov     x0, #8
        bl      map_new
        mov     c22, c0                 // its dict
        mov     x23, #0                 // function number
12:     cmp     x23, #MODULE_FUNCS
        b.hs    13f
        add     c0, csp, #192
        mov     x1, #32
        adrp    c2, fmt_func
        add     c2, c2, #:lo12:fmt_func
        mov     x3, x20
        mov     x4, x23
        bl      snprintf
        add     c0, csp, #192
        bl      qstr_cstr
        mov     c24, c0                 // the function's name
        mov     x0, #2
        bl      tuple_new
        mov     c25, c0                 // consts (K, name)
        add     x0, x20, x23
        and     x0, x0, #0xff
        bl      int_obj
        str     c0, [c25, #TUP_ITEMS]
        str     c24, [c25, #(TUP_ITEMS + 16)]
        mov     x0, #1
        bl      tuple_new
        str     c21, [c0, #TUP_ITEMS]
        mov     c6, c0                  // names (the module's,)
        mov     c5, c25
        mov     c7, c22
        mov     c8, c24
        adrp    c0, bc_library
        add     c0, c0, #:lo12:bc_library
        mov     x1, #bc_library_len
        mov     x2, #1
        mov     x3, #2
        mov     x4, #1
        bl      compile
        mov     c2, c0
        mov     c1, c24
        mov     c0, c22
        bl      map_store
        add     x23, x23, #1
        b       12b
13:     add     c0, csp, #192           // lib%d_version = a boxed int
        mov     x1, #32
        adrp    c2, fmt_value
        add     c2, c2, #:lo12:fmt_value
        mov     x3, x20
        bl      snprintf
        add     c0, csp, #192
        bl      qstr_cstr
        mov     c24, c0
        movz    x0, #1000
        add     x0, x0, x20
        bl      int_obj
        mov     c2, c0
        mov     c1, c24
        mov     c0, c22
        bl      map_store
        mov     x0, #MOD_SIZE           // the module object, bound in __main__
        mov     x1, #RT_T_MODULE
        bl      new_object
        str     c21, [c0, #MOD_NAME]
        str     c22, [c0, #MOD_DICT]
        mov     c2, c0
        mov     c1, c21
        ldr     c0, [c19, #RT_GLOBALS]
        bl      map_store
        add     x20, x20, #1
        str     x20, [c19, #RT_MODULES]
        b       11b
14:     leave   256
