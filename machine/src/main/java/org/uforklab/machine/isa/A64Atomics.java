package org.uforklab.machine.isa;

import static org.uforklab.machine.isa.Encoding.define;
import static org.uforklab.machine.isa.Operands.fixed;
import static org.uforklab.machine.isa.Operands.lit;
import static org.uforklab.machine.isa.Operands.reg;
import static org.uforklab.machine.isa.Operands.rz;
import static org.uforklab.machine.isa.Operands.seq;
import static org.uforklab.machine.isa.Operands.w;

import java.util.ArrayList;
import java.util.List;

/**
 * Base A64 synchronisation (family 13), with a capability base register in C64: the exclusives
 * (LDXR/LDAXR/STXR/STLXR and pairs), the ordered accesses (LDAR/STLR, LDLAR/STLLR, LDAPR), compare-and-swap
 * (CAS, CASP) and the atomic memory operations (LDADD... and their ST aliases, SWP), in byte, halfword, word
 * and doubleword sizes, with their acquire/release spellings.
 */
public final class A64Atomics implements EncodingFamily {

    public static final int STXRB = 0xd01;
    public static final int STXRH = 0xd02;
    public static final int STXR = 0xd03;
    public static final int STLXRB = 0xd04;
    public static final int STLXRH = 0xd05;
    public static final int STLXR = 0xd06;
    public static final int LDXRB = 0xd07;
    public static final int LDXRH = 0xd08;
    public static final int LDXR = 0xd09;
    public static final int LDAXRB = 0xd0a;
    public static final int LDAXRH = 0xd0b;
    public static final int LDAXR = 0xd0c;
    public static final int STLLRB = 0xd0d;
    public static final int STLLRH = 0xd0e;
    public static final int STLLR = 0xd0f;
    public static final int STLRB = 0xd10;
    public static final int STLRH = 0xd11;
    public static final int STLR = 0xd12;
    public static final int LDLARB = 0xd13;
    public static final int LDLARH = 0xd14;
    public static final int LDLAR = 0xd15;
    public static final int LDARB = 0xd16;
    public static final int LDARH = 0xd17;
    public static final int LDAR = 0xd18;
    public static final int STXP = 0xd19;
    public static final int STLXP = 0xd1a;
    public static final int LDXP = 0xd1b;
    public static final int LDAXP = 0xd1c;
    public static final int CAS = 0xd1d;
    public static final int CASB = 0xd1e;
    public static final int CASH = 0xd1f;
    public static final int CASP = 0xd20;
    public static final int LDADD = 0xd21;
    public static final int LDADDB = 0xd22;
    public static final int LDADDH = 0xd23;
    public static final int STADD = 0xd24;
    public static final int STADDB = 0xd25;
    public static final int STADDH = 0xd26;
    public static final int LDCLR = 0xd27;
    public static final int LDCLRB = 0xd28;
    public static final int LDCLRH = 0xd29;
    public static final int STCLR = 0xd2a;
    public static final int STCLRB = 0xd2b;
    public static final int STCLRH = 0xd2c;
    public static final int LDEOR = 0xd2d;
    public static final int LDEORB = 0xd2e;
    public static final int LDEORH = 0xd2f;
    public static final int STEOR = 0xd30;
    public static final int STEORB = 0xd31;
    public static final int STEORH = 0xd32;
    public static final int LDSET = 0xd33;
    public static final int LDSETB = 0xd34;
    public static final int LDSETH = 0xd35;
    public static final int STSET = 0xd36;
    public static final int STSETB = 0xd37;
    public static final int STSETH = 0xd38;
    public static final int LDSMAX = 0xd39;
    public static final int LDSMAXB = 0xd3a;
    public static final int LDSMAXH = 0xd3b;
    public static final int STSMAX = 0xd3c;
    public static final int STSMAXB = 0xd3d;
    public static final int STSMAXH = 0xd3e;
    public static final int LDSMIN = 0xd3f;
    public static final int LDSMINB = 0xd40;
    public static final int LDSMINH = 0xd41;
    public static final int STSMIN = 0xd42;
    public static final int STSMINB = 0xd43;
    public static final int STSMINH = 0xd44;
    public static final int LDUMAX = 0xd45;
    public static final int LDUMAXB = 0xd46;
    public static final int LDUMAXH = 0xd47;
    public static final int STUMAX = 0xd48;
    public static final int STUMAXB = 0xd49;
    public static final int STUMAXH = 0xd4a;
    public static final int LDUMIN = 0xd4b;
    public static final int LDUMINB = 0xd4c;
    public static final int LDUMINH = 0xd4d;
    public static final int STUMIN = 0xd4e;
    public static final int STUMINB = 0xd4f;
    public static final int STUMINH = 0xd50;
    public static final int SWP = 0xd51;
    public static final int SWPB = 0xd52;
    public static final int SWPH = 0xd53;
    public static final int LDAPR = 0xd54;
    public static final int LDAPRB = 0xd55;
    public static final int LDAPRH = 0xd56;

    private static final String[] SIZES = {"b", "h", ""};
    private static final String[] SIZE_BITS = {"00", "01", "1x"};

    /** Hands out the ids in the order of the constants above, which is the order encodings are registered in. */
    private static final class Ids {
        private int next = STXRB;

        int next() {
            return next++;
        }
    }

    /** The data register: x or w by size<0> (bit 30) for word/doubleword forms, w for bytes and halves. */
    private static Operand data(int size, String... fields) {
        return size == 2 ? rz(30, 1, fields) : reg(RegisterKind.W, fields);
    }

    private static Operand base() {
        return seq(lit("["), Operands.base("Rn"), lit("]"));
    }

    @Override
    public void register(EncodingTable.Builder t) {
        Ids ids = new Ids();
        // exclusives (o2 = 0) and ordered (o2 = 1); loads have Rs = 11111
        String[][] single = {{"stxr", "0", "0", "0"}, {"stlxr", "0", "0", "1"}, {"ldxr", "0", "1", "0"}, {"ldaxr", "0", "1", "1"},
            {"stllr", "1", "0", "0"}, {"stlr", "1", "0", "1"}, {"ldlar", "1", "1", "0"}, {"ldar", "1", "1", "1"}};
        for (String[] s : single) {
            boolean exclusiveStore = s[1].equals("0") && s[2].equals("0");
            for (int z = 0; z < 3; z++) {
                String name = s[0] + SIZES[z];
                String pattern = "size=" + SIZE_BITS[z] + " 001000 " + s[1] + " L=" + s[2] + " 0 "
                    + (exclusiveStore ? "Rs:5" : "Rs=11111") + " o0=" + s[3] + " Rt2=11111 Rn:5 Rt:5";
                Encoding.Builder b = define(ids.next(), name, pattern);
                if (exclusiveStore) {
                    b.syntax(name, w("Rs"), data(z, "Rt"), base());
                } else {
                    b.syntax(name, data(z, "Rt"), base());
                }
                t.add(b);
            }
        }
        String[][] pairs = {{"stxp", "0", "0"}, {"stlxp", "0", "1"}, {"ldxp", "1", "0"}, {"ldaxp", "1", "1"}};
        for (String[] p : pairs) {
            boolean store = p[1].equals("0");
            Encoding.Builder b = define(ids.next(), p[0], "1 sz:1 001000 0 L=" + p[1] + " 1 " + (store ? "Rs:5" : "Rs=11111")
                + " o0=" + p[2] + " Rt2:5 Rn:5 Rt:5");
            if (store) {
                b.syntax(p[0], w("Rs"), rz(30, 1, "Rt"), rz(30, 1, "Rt2"), base());
            } else {
                b.syntax(p[0], rz(30, 1, "Rt"), rz(30, 1, "Rt2"), base());
            }
            t.add(b);
        }

        // compare and swap: L = acquire, o0 = release
        for (int z : new int[] {2, 0, 1}) {
            Encoding.Builder b = define(ids.next(), "cas" + SIZES[z], "size=" + SIZE_BITS[z] + " 001000 1 L:1 1 Rs:5 o0:1 11111 Rn:5 Rt:5");
            addOrderings(b, "cas", SIZES[z], "L", "o0", data(z, "Rs"), data(z, "Rt"), base());
            t.add(b);
        }
        Encoding.Builder casp = define(ids.next(), "casp", "0 sz:1 001000 0 L:1 1 Rs:5 o0:1 Rt2=11111 Rn:5 Rt:5")
            .undefinedIf("Rs or Rt is odd", w -> ((w >>> 16) & 1) == 1 || (w & 1) == 1);
        addOrderings(casp, "casp", "", "L", "o0", pair("Rs"), pair("Rt"), base());
        t.add(casp);

        // atomic memory operations; LD<op> with Rt = 31 and no acquire is the ST<op> alias
        String[] ops = {"add", "clr", "eor", "set", "smax", "smin", "umax", "umin"};
        for (int op = 0; op < ops.length; op++) {
            String opc = MorelloCapabilityOps.bits(op, 3);
            for (int z : new int[] {2, 0, 1}) {
                String name = "ld" + ops[op] + SIZES[z];
                Encoding.Builder b = define(ids.next(), name,
                    "size=" + SIZE_BITS[z] + " 111 0 00 A:1 R:1 1 Rs:5 0 opc=" + opc + " 00 Rn:5 Rt:5")
                    .unless(Constraint.of("Rt == 31 and A == 0 (ST" + ops[op].toUpperCase() + ")",
                        w -> (w & 31) == 31 && ((w >>> 23) & 1) == 0));
                addOrderings(b, "ld" + ops[op], SIZES[z], "A", "R", data(z, "Rs"), data(z, "Rt"), base());
                t.add(b);
            }
            for (int z : new int[] {2, 0, 1}) {
                String name = "st" + ops[op] + SIZES[z];
                Encoding.Builder b = define(ids.next(), name,
                    "size=" + SIZE_BITS[z] + " 111 V=0 00 A=0 R:1 1 Rs:5 o3=0 opc=" + opc + " 00 Rn:5 11111");
                String stem = "st" + ops[op];
                b.alias(i -> i.get("R") == 0, stem + SIZES[z], data(z, "Rs"), base(), fixed("R", 0));
                b.alias(i -> i.get("R") == 1, stem + "l" + SIZES[z], data(z, "Rs"), base(), fixed("R", 1));
                t.add(b);
            }
        }
        for (int z : new int[] {2, 0, 1}) {
            Encoding.Builder b = define(ids.next(), "swp" + SIZES[z], "size=" + SIZE_BITS[z] + " 111000 A:1 R:1 1 Rs:5 100000 Rn:5 Rt:5");
            addOrderings(b, "swp", SIZES[z], "A", "R", data(z, "Rs"), data(z, "Rt"), base());
            t.add(b);
        }
        for (int z : new int[] {2, 0, 1}) {
            t.add(define(ids.next(), "ldapr" + SIZES[z], "size=" + SIZE_BITS[z] + " 111000 101 Rs=11111 110000 Rn:5 Rt:5")
                .syntax("ldapr" + SIZES[z], data(z, "Rt"), base()));
        }
    }

    /**
     * Adds the four spellings of an operation by its acquire and release bits: op, op+a, op+l, op+al, each
     * followed by the size suffix (casab, ldaddalh...).
     */
    private static void addOrderings(Encoding.Builder b, String stem, String size, String acquire, String release,
                                     Operand... operands) {
        String[] order = {"", "l", "a", "al"};
        for (int k = 0; k < 4; k++) {
            int rel = k & 1;
            int acq = k >> 1;
            List<Operand> ops = new ArrayList<>(List.of(operands));
            ops.add(fixed(acquire, acq));
            ops.add(fixed(release, rel));
            b.alias(i -> i.get(acquire) == acq && i.get(release) == rel, stem + order[k] + size, ops.toArray(new Operand[0]));
        }
    }

    /** A register pair {@code x0, x1} of CASP: the field holds the first (even) register. */
    private static Operand pair(String field) {
        return new Operands.Pair(field);
    }
}
