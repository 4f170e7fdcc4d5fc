package org.uforklab.machine.cpu;

import org.uforklab.machine.isa.Instruction;

/**
 * A predecoded instruction: what the interpreter switches on ({@link #kind}) and its operands already turned
 * into register-file indices (register 31 mapped to CSP, {@link RegisterFile#ZR} or
 * {@link RegisterFile#DISCARD} per operand), immediates already scaled, sign-extended or expanded (bitmask
 * immediates, bitfield masks). Built once per distinct instruction word by {@link Predecoder}.
 */
final class Op {
    // ---- kinds (dense, for a tableswitch)
    static final int UNDEFINED = 0;
    static final int ADD_IMM = 1;
    static final int SUB_IMM = 2;
    static final int ADDS_IMM = 3;
    static final int SUBS_IMM = 4;
    static final int ADDSUB_SHIFT = 5;
    static final int ADDSUB_EXT = 6;
    static final int ADC = 7;
    static final int LOGIC_IMM = 8;
    static final int LOGIC_SHIFT = 9;
    static final int MOV_WIDE = 10;
    static final int MOVK = 11;
    static final int SBFM = 12;
    static final int BFM = 13;
    static final int UBFM = 14;
    static final int EXTR = 15;
    static final int SHIFTV = 16;
    static final int MADD = 17;
    static final int MADDL = 18;
    static final int MULH = 19;
    static final int DIV = 20;
    static final int CSEL = 21;
    static final int CCMP = 22;
    static final int BITOP = 23;
    static final int B = 24;
    static final int BL = 25;
    static final int B_COND = 26;
    static final int CBZ = 27;
    static final int TBZ = 28;
    static final int BR_X = 29;
    static final int BR_C = 30;
    static final int BR_PAIR = 31;
    static final int BR_MEM = 32;
    static final int LDPBR = 33;
    static final int LOAD = 34;
    static final int STORE = 35;
    static final int LOAD_PAIR = 36;
    static final int STORE_PAIR = 37;
    static final int LOAD_CAP = 38;
    static final int STORE_CAP = 39;
    static final int LOAD_CAP_PAIR = 40;
    static final int STORE_CAP_PAIR = 41;
    static final int LOAD_EXCL = 42;
    static final int STORE_EXCL = 43;
    static final int CAS = 44;
    static final int SWP = 45;
    static final int ATOMIC = 46;
    static final int CAP_OP = 47;
    static final int SVC = 48;
    static final int BRK = 49;
    static final int HLT = 50;
    static final int NOP = 51;
    static final int CLREX = 52;
    static final int MRS = 53;
    static final int MSR = 54;
    static final int MRS_C = 55;
    static final int MSR_C = 56;
    static final int LDCT = 57;
    static final int STCT = 58;
    static final int ADD_C_IMM = 59;
    static final int LOAD_X_UOFF = 60;
    static final int STORE_X_UOFF = 61;
    static final int CASP = 62;
    static final int LOAD_X_REG = 63;
    static final int STORE_X_REG = 64;

    // ---- addressing modes of loads and stores
    static final int MODE_OFFSET = 0;
    static final int MODE_PRE = 1;
    static final int MODE_POST = 2;
    static final int MODE_REG = 3;
    static final int MODE_LITERAL = 4;

    int kind;
    /** Destination / transfer register. */
    int rd;
    /** First source / base register. */
    int rn;
    /** Second source / index register. */
    int rm;
    /** Third source / second transfer register / status register of exclusives. */
    int ra;
    /** Immediate: offset, operand, target displacement, bitmask... */
    long imm;
    /** Second immediate: bitfield tmask, extend/shift amount, nzcv of CCMP... */
    long imm2;
    /** Sub-operation selector (opc, shift type, extend option, condition...). */
    int aux;
    /** Second selector (bitfield rotate, bit number, memory mode...). */
    int aux2;
    /** Access size in bytes for loads/stores; register size (32/64) for data processing. */
    int size;
    /** 64-bit operation (sf), or sign-extension target of loads (true = to 64 bits). */
    boolean sf;
    /** Sets flags (S), signed (loads, MADDL, DIV), link (BL forms), acquire... */
    boolean flag;
    /** Instruction class (cost and statistics). */
    InstructionClass cls;
    /** {@code cls.ordinal()}, read on every retirement. */
    int clsIndex;
    /** Cycles charged per execution ({@link #cls}'s cost parameter, read when predecoded). */
    long cost;
    /** Why the word is UNDEFINED or unsupported, for {@link #UNDEFINED}. */
    String reason;
    /** The decoded instruction (disassembly, traces). */
    Instruction insn;
    /** The encoding id of a capability op ({@link #CAP_OP}), or other encoding-specific selection. */
    int id;

    @Override
    public String toString() {
        return insn == null ? "op " + kind : insn.toString();
    }
}
