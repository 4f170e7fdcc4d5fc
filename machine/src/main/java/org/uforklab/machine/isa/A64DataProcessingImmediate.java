package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.fixed;
import static org.uforklab.machine.isa.Operands.flag;
import static org.uforklab.machine.isa.Operands.r;
import static org.uforklab.machine.isa.Operands.rs;
import static org.uforklab.machine.isa.Operands.uimm;

import org.uforklab.machine.asm.RelocationType;

/**
 * Base A64 data processing with immediates (family 10): ADD/ADDS/SUB/SUBS (immediate), the logical immediates,
 * MOVZ/MOVN/MOVK, the bitfield moves SBFM/BFM/UBFM and EXTR, with GNU's preferred aliases (mov, cmp, cmn,
 * lsl, asr, ubfx, ...).
 */
public final class A64DataProcessingImmediate implements EncodingFamily {

    public static final int ADD_ADDSUB_IMM = 0xa01;
    public static final int ADDS_ADDSUB_IMM = 0xa02;
    public static final int SUB_ADDSUB_IMM = 0xa03;
    public static final int SUBS_ADDSUB_IMM = 0xa04;

    @Override
    public void register(EncodingTable.Builder t) {
        Operands.Imm imm12 = uimm("imm12").lo12(RelocationType.LO12);
        t.add(define(ADD_ADDSUB_IMM, "add_addsub_imm", "sf:1 op=0 S=0 10001 0 sh:1 imm12:12 Rn:5 Rd:5")
            .alias(i -> i.get("sh") == 0 && i.get("imm12") == 0 && (i.get("Rd") == 31 || i.get("Rn") == 31),
                "mov", rs("Rd"), rs("Rn"), fixed("sh", 0), fixed("imm12", 0))
            .syntax("add", rs("Rd"), rs("Rn"), imm12, flag("sh", "lsl #12")));
        t.add(define(ADDS_ADDSUB_IMM, "adds_addsub_imm", "sf:1 op=0 S=1 10001 0 sh:1 imm12:12 Rn:5 Rd:5")
            .alias(i -> i.get("Rd") == 31, "cmn", rs("Rn"), uimm("imm12"), flag("sh", "lsl #12"), fixed("Rd", 31))
            .syntax("adds", r("Rd"), rs("Rn"), imm12, flag("sh", "lsl #12")));
        t.add(define(SUB_ADDSUB_IMM, "sub_addsub_imm", "sf:1 op=1 S=0 10001 0 sh:1 imm12:12 Rn:5 Rd:5")
            .syntax("sub", rs("Rd"), rs("Rn"), uimm("imm12"), flag("sh", "lsl #12")));
        t.add(define(SUBS_ADDSUB_IMM, "subs_addsub_imm", "sf:1 op=1 S=1 10001 0 sh:1 imm12:12 Rn:5 Rd:5")
            .alias(i -> i.get("Rd") == 31, "cmp", rs("Rn"), uimm("imm12"), flag("sh", "lsl #12"), fixed("Rd", 31))
            .syntax("subs", r("Rd"), rs("Rn"), uimm("imm12"), flag("sh", "lsl #12")));
    }
}
