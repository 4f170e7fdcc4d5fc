package org.uforklab.machine.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.uforklab.machine.asm.AsmException;
import org.uforklab.machine.asm.OperandContext;
import org.uforklab.machine.asm.RelocationType;

/**
 * GNU syntax in both directions on instructions whose encodings are known from elsewhere (LLVM's Morello MC
 * tests, GNU objdump of Morello binaries, the ARM ARM), and the assembler's error messages.
 */
class SyntaxTest {

    static final Encoder ENC = new Encoder();

    /** text as the disassembler prints it | its word | encoding name. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // Morello, words from LLVM's Morello MC tests and GNU objdump of purecap code
        "adrdp c6, #0x2000              | d0000006 | ADRDP-C.ID-C",
        "ldr c6, [c6, #192]             | c24030c6 | LDR-C.RIB-C",
        "mrs c2, ctpidr_el0             | c29bd042 | MRS-C.I-C",
        "br c2                          | c2c21040 | BR-C-C",
        "blr c1                         | c2c23020 | BLR-C-C",
        "scbnds c0, c0, x1              | c2c10000 | SCBNDS-C.CR-C",
        "csel c6, c25, c5, eq           | c2c50f26 | CSEL-C.CI-C",
        "csel c25, c6, c26, lo          | c2da3cd9 | CSEL-C.CI-C",
        "add c28, c4, #1329             | 0214c49c | ADD-C.CIS-C",
        "add c28, c4, #2766, lsl #12    | 026b389c | ADD-C.CIS-C",
        "sub c25, csp, #689             | 028ac7f9 | SUB-C.CIS-C",
        "add c6, c25, w7, uxtb          | c2a70326 | ADD-C.CRI-C",
        "add csp, csp, w8, uxth #1      | c2a827ff | ADD-C.CRI-C",
        "add c7, c28, x6, sxtx #2       | c2a6eb87 | ADD-C.CRI-C",
        "scbnds c7, c3, #0              | c2c03867 | SCBNDS-C.CI-C",
        "scbnds c28, c24, #5, lsl #4    | c2c2fb1c | SCBNDS-C.CI-S",
        "scbnds csp, csp, #49           | c2d8bbff | SCBNDS-C.CI-C",
        "nop                            | d503201f | hint",
        "movz x1, #0x0, lsl #16         | d2a00001 | movz",
        // the examples of the issue
        "ldr c0, [c1, #16]              | c2400420 | LDR-C.RIB-C",
        "scbnds c2, c2, x3              | c2c30042 | SCBNDS-C.CR-C",
        "blr c4                         | c2c23080 | BLR-C-C",
        "add c0, c1, #16                | 02004020 | ADD-C.CIS-C",
        "b .+0x10                       | 14000004 | b_uncond",
        "adrp c0, .+0x3000              | f0800000 | ADRP-C.IP-C",
        // GNU preferred aliases
        "cmp c1, c2                     | c2e2983f | SUBS-R.CC-C",
        "mov c0, c1                     | c2c1d020 | CPY-C.C-C",
        "ret c30                        | c2c253c0 | RET-C-C",
        "ret x30                        | d65f03c0 | ret",
        "mov x0, x1                     | aa0103e0 | orr_log_shift",
        "mov sp, x1                     | 9100003f | add_addsub_imm",
        "mov x0, #0x10000               | d2a00020 | movz",
        "mov w0, #0xffffffff            | 12800000 | movn",
        "mov x0, #0xffff0000ffff0000    | b2103fe0 | orr_log_imm",
        "lsl x0, x1, #3                 | d37df020 | ubfm",
        "ubfx x0, x1, #4, #8            | d3442c20 | ubfm",
        "cset w0, eq                    | 1a9f17e0 | csinc",
        "cmp x1, #4                     | f100103f | subs_addsub_imm",
        "mul x0, x1, x2                 | 9b027c20 | madd",
        "lsl x0, x1, x2                 | 9ac22020 | lslv",
        "stadd w0, [c1]                 | b820003f | stadd",
        "ldaddal x0, x1, [c2]           | f8e00041 | ldadd",
        "casp x0, x1, x2, x3, [c4]      | 48207c82 | casp",
        "clrperm c0, c1, rw             | c2c6d020 | CLRPERM-C.CI-C",
        "seal c0, c1, lpb               | c2c35020 | SEAL-C.CI-C",
        "ldr c0, .+0x40                 | 82000080 | LDR-C.I-C",
        "tbz x3, #40, .+0x20            | b6400103 | tbz",
        "hlt #0x10                      | d4400200 | hlt",
        "dmb ish                        | d5033bbf | dmb",
        "msr nzcv, x1                   | d51b4201 | msr_reg",
        "mrs x0, tpidr_el0              | d53bd040 | mrs",
        "ldpblr c29, [c0]               | c2c4301d | LDPBLR-C.C-C",
        "blrs c29, c1, c2               | c2c2a420 | BLRS-C.C-C",
        "bx #4                          | c2c273e0 | BX-_-C",
        "br [c1, #32]                   | c2d05020 | BR-CI-C",
        "ldr x0, [c1, #8]               | f9400420 | ldr_imm_gen",
        "ldr w0, [csp, x2, lsl #2]      | b8627be0 | ldr_reg_gen",
        "ldrsb w0, [c1], #-3            | 38dfd420 | ldrsb_imm",
        "str x1, [csp, #-16]!           | f81f0fe1 | str_imm_gen",
        "prfm pldl1keep, [c2, #8]       | f9800440 | prfm_imm",
        "stp c0, c1, [csp, #-32]!       | 62bf07e0 | STP-C.RIBW-C",
    })
    void knownWords(String text, String hex, String name) throws AsmException {
        int word = (int) Long.parseLong(hex.trim(), 16);
        assertThat(ENC.assemble(text.trim())).as(text).isEqualTo(word);
        Instruction insn = Decoder.decode(word);
        assertThat(insn.name()).isEqualTo(name.trim());
        assertThat(insn.disassemble()).isEqualTo(text.trim());
    }

    @Test
    void spellingsTheAssemblerAlsoTakes() throws AsmException {
        // GNU as accepts these; the disassembler prints the canonical form on the right
        assertThat(dis(ENC.assemble("LDR C0, [C1, #0x10]"))).isEqualTo("ldr c0, [c1, #16]");
        assertThat(dis(ENC.assemble("ldr c0,[c1]"))).isEqualTo("ldr c0, [c1]");
        assertThat(dis(ENC.assemble("ldr c0, [c1, #8]"))).isEqualTo("ldur c0, [c1, #8]");
        assertThat(dis(ENC.assemble("ldr x0, [c1, #-8]"))).isEqualTo("ldur x0, [c1, #-8]");
        assertThat(dis(ENC.assemble("ret"))).isEqualTo("ret c30");
        assertThat(dis(ENC.assemble("cpy c2, c3"))).isEqualTo("mov c2, c3");
        assertThat(dis(ENC.assemble("add c0, c1, x2"))).isEqualTo("add c0, c1, x2, uxtx");
        assertThat(dis(ENC.assemble("add x0, x1, 4*4"))).isEqualTo("add x0, x1, #16");
        assertThat(dis(ENC.assemble("b.cs .+8"))).isEqualTo("b.hs .+0x8");
        assertThat(dis(ENC.assemble("ldr x1, [lr]".replace("lr", "clr")))).isEqualTo("ldr x1, [c30]");
        assertThat(dis(ENC.assemble("lslv x0, x1, x2"))).isEqualTo("lsl x0, x1, x2");
        assertThat(dis(ENC.assemble("rev64 x0, x1"))).isEqualTo("rev x0, x1");
        assertThat(dis(ENC.assemble("clrex"))).isEqualTo("clrex");
        assertThat(dis(ENC.assemble("isb"))).isEqualTo("isb");
        // TBZ/TBNZ on an X register below bit 32: b5 is the bit number's bit 5 (GNU as: 36180103, 37f80045)
        assertThat(ENC.assemble("tbz x3, #3, .+0x20")).isEqualTo(0x36180103);
        assertThat(dis(ENC.assemble("tbz x3, #3, .+0x20"))).isEqualTo("tbz w3, #3, .+0x20");
        assertThat(ENC.assemble("tbnz x5, #31, .+8")).isEqualTo(0x37f80045);
        assertThat(ENC.assemble("tbnz x5, #32, .+8")).isEqualTo(0xb7000045);
    }

    @Test
    void pcRelativeTargetsRelativeAndAbsolute() throws AsmException {
        int b = ENC.assemble("b .-0x100");
        assertThat(Disassembler.disassemble(b)).isEqualTo("b .-0x100");
        assertThat(Disassembler.disassemble(b, 0x10100)).isEqualTo("b 0x10000");
        assertThat(ENC.assemble("b 0x10000", 0x10100)).isEqualTo(b);
        int adrp = ENC.assemble("adrp c0, 0x43000", 0x40ffc);
        assertThat(Disassembler.disassemble(adrp, 0x40ffc)).isEqualTo("adrp c0, 0x43000");
        assertThat(Disassembler.disassemble(adrp)).isEqualTo("adrp c0, .+0x3000");
        int adr = ENC.assemble("adr c1, .-4");
        assertThat(Disassembler.disassemble(adr, 0x2000)).isEqualTo("adr c1, 0x1ffc");
        assertThat(Disassembler.disassemble(ENC.assemble("b ."))).isEqualTo("b .");
    }

    @Test
    void symbolsAndLo12BecomeFixups() throws AsmException {
        List<String> fixups = new ArrayList<>();
        OperandContext ctx = new OperandContext() {
            @Override
            public long constant(String expression) throws AsmException {
                return new StandaloneContext(0).constant(expression);
            }

            @Override
            public void fixup(String expression, RelocationType type) {
                fixups.add(type + " " + expression);
            }

            @Override
            public long offset() {
                return 0x100;
            }
        };
        assertThat(ENC.encode("adrp", "c0, table+16", ctx)).isEqualTo(0x90800000);
        assertThat(ENC.encode("add", "c0, c0, #:lo12:table+16", ctx)).isEqualTo(0x02000000);
        assertThat(ENC.encode("ldr", "c1, [c0, #:lo12:gp]", ctx)).isEqualTo(0xc2400001);
        assertThat(ENC.encode("ldr", "x1, [c0, #:lo12:gp]", ctx)).isEqualTo(0xf9400001);
        assertThat(ENC.encode("bl", "memcpy", ctx)).isEqualTo(0x94000000);
        assertThat(ENC.encode("b.ne", "loop", ctx)).isEqualTo(0x54000001);
        assertThat(ENC.encode("cbz", "x3, done", ctx)).isEqualTo(0xb4000003);
        assertThat(fixups).containsExactly("ADRP_HI20_C64 table+16", "LO12 table+16", "LO12_SCALE16 gp",
            "LO12_SCALE8 gp", "BRANCH26 memcpy", "BRANCH19 loop", "BRANCH19 done");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "scbnds c2, c2, c3          | scbnds: expected a 64-bit register (x0-x30, xzr) or an immediate but found 'c3'",
        "ldr c0, [x1]               | ldr: expected a capability register (c0-c30, csp) but found 'x1'",
        "ldr x0, [x1, #8]           | ldr: expected a capability register (c0-c30, csp) but found 'x1'",
        "blr x3, x4                 | blr: expected the end of the operands but found ','",
        "add x0, x1, #5000          | add: immediate 5000 is out of range (0 to 4095)",
        "ldp c0, c1, [c2, #24]      | ldp: immediate 24 is not a multiple of 16",
        "frob x0                    | unknown instruction 'frob'",
        "b.xx .+8                   | unknown instruction 'b.xx'",
        "and x0, x1, #0             | and: immediate 0x0 is not a valid logical (bitmask) immediate",
        "cset w0, al                | cset: expected a condition other than al and nv but found 'al'",
        "add w0, w1, x2             | add: expected an immediate or a 32-bit register (w0-w30, wzr) but found 'x2'",
        "ldr x0, [c1, x2, lsl #2]   | ldr: shift amount 2 must be 3 or 0",
        "ldr x0, [c1, w2]           | ldr: expected an extend (uxtw or sxtw) for a w register but found ']'",
        "msr foo, c1                | msr: expected a system register (e.g. nzcv, tpidr_el0, ctpidr_el0, cid_el0, ddc, or s3_<op1>_c<n>_c<m>_<op2>) but found 'foo'",
        "casp x1, x2, x4, x5, [c0]  | casp: expected the even first register of a pair (x0, x2, ... or w0, w2, ...) but found 'x1'",
        "b .+2                      | BRANCH26: value 0x2 is not a multiple of 4",
        "add x0, x1, #unknown       | add: unknown symbol 'unknown'",
    })
    void errorsSayWhatWasExpected(String text, String message) {
        assertThatThrownBy(() -> ENC.assemble(text.trim())).isInstanceOf(AsmException.class).hasMessage(message.trim());
    }

    @Test
    void unsupportedAndUndefinedWordsPrintAsData() {
        assertThat(Disassembler.disassemble(0)).isEqualTo(".inst 0x00000000");
        Instruction extr = Decoder.decode(0x13c5c65e);
        assertThat(extr.name()).isEqualTo("extr");
        assertThat(extr.isUndefined()).isTrue();
        assertThat(extr.disassemble()).startsWith(".inst 0x13c5c65e // extr: UNDEFINED");
        assertThat(Decoder.decode(0).isSupported()).isFalse();
        assertThat(Decoder.decode(0).id()).isZero();
        assertThat(Decoder.decode(0).toString()).contains("unsupported");
    }

    @Test
    void decodedFieldsAreReadyForTheInterpreter() {
        Instruction i = Decoder.decode(0xc2400420); // ldr c0, [c1, #16]
        assertThat(i.id()).isEqualTo(MorelloLoadStore.LDR_C_RIB_C);
        assertThat(i.get("Ct")).isZero();
        assertThat(i.get("Rn")).isEqualTo(1);
        assertThat(i.get("imm12")).isEqualTo(1);
        assertThat(i.field(i.encoding().fieldIndex("imm12"))).isEqualTo(1);
        assertThat(Decoder.decode(0x38dfd420).getSigned("imm9")).isEqualTo(-3);
        assertThat(i.toString()).contains("LDR-C.RIB-C").contains("ldr c0, [c1, #16]");
    }

    private static String dis(int w) {
        return Disassembler.disassemble(w);
    }
}
