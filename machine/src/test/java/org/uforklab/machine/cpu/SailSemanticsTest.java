package org.uforklab.machine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.ObjectType;
import org.uforklab.machine.cap.Perm;

/**
 * Morello instructions whose semantics were checked against the Sail model (CTSRD-CHERI/sail-morello,
 * src/instrs.sail). Each test runs an assembled C64 program and cites the Sail function it follows.
 */
class SailSemanticsTest {

    private static final long DDCBO = 1 << 2;
    private static final long PCCBO = 1 << 3;
    private static final long ADRDPB = 1 << 4;
    private static final long SBL = 1 << 7;

    private static GuestLoader guest(String body) {
        return new GuestLoader(".text\n_start:\n" + body + "\n    hlt #0\n");
    }

    /** The stack capability the loader puts in CSP: RW, no Execute, 64 KiB. */
    private static Capability stack(GuestLoader g) {
        return g.cpu.c(31);
    }

    /** An authority able to seal with {@code otype}. */
    private static Capability sealer(int otype) {
        return Capability.root().setValue(otype);
    }

    // ------------------------------------------------------------------------------------------ BUILD

    @Test
    void buildTakesDataFromCnAndKeyFromCm() {
        // Sail execute_BUILD_C_C_C: data = Cn, key = Cm; sealed data is unsealed first; a subset of a tagged,
        // unsealed key gets its tag set; otherwise the data comes back unchanged (detagged if it was sealed)
        GuestLoader g = guest("""
                    build c3, c1, c2
                    build c4, c2, c1
                    build c5, c6, c2
                    build c7, c8, c1
                """);
        Capability key = stack(g);
        Capability data = key.clearPerms(Perm.STORE).withTagCleared();
        g.cpu.setC(1, data);
        g.cpu.setC(2, key);
        g.cpu.setC(6, key.sealEntry(ObjectType.RB).withTagCleared());
        g.cpu.setC(8, key.sealEntry(ObjectType.RB));
        g.run();
        assertThat(g.cpu.c(3)).isEqualTo(Capability.of(data.pesbt(), data.value(), true));
        assertThat(g.cpu.c(4)).isEqualTo(key); // untagged key: the (tagged) data is returned unchanged
        assertThat(g.cpu.c(5)).isEqualTo(key); // sealed data unsealed, then re-tagged from the key
        assertThat(g.cpu.c(7)).isEqualTo(key.withTagCleared()); // sealed data, bad key: unsealed and untagged
    }

    // ---------------------------------------------------------------------------------------- CLRPERM

    @Test
    void clrpermImmediateBitsAreExecuteStoreLoad() {
        // Sail execute_CLRPERM_C_CI_C: imm[0] = Execute, imm[1] = Store, imm[2] = Load; sealed input detagged
        GuestLoader g = guest("""
                    clrperm c1, c0, r
                    clrperm c2, c0, wx
                    clrperm c3, c4, x
                """);
        Capability c = Capability.root().setValue(0x1000);
        g.cpu.setC(0, c);
        g.cpu.setC(4, c.sealEntry(ObjectType.RB));
        g.run();
        assertThat(g.cpu.c(1).perms()).isEqualTo(Perm.ALL & ~Perm.LOAD);
        assertThat(g.cpu.c(2).perms()).isEqualTo(Perm.ALL & ~(Perm.STORE | Perm.EXECUTE));
        assertThat(g.cpu.c(2).isTagged()).isTrue();
        assertThat(g.cpu.c(3).isTagged()).isFalse();
        assertThat(g.cpu.c(3).perms()).isEqualTo(Perm.ALL & ~Perm.EXECUTE);
    }

    // ----------------------------------------------------------------------------------------- GCPERM

    @Test
    void gcpermReturnsThePermissionFieldInBits17To0() {
        // Sail execute_GCPERM_R_C_C: ZeroExtend(CapGetPermissions(Cn)) = capability bits 127:110
        GuestLoader g = guest("""
                    gcperm x0, csp
                    gcperm x1, c2
                """);
        g.cpu.setC(2, Capability.root().clearPerms(Perm.LOAD | Perm.GLOBAL));
        g.run();
        assertThat(g.cpu.x(0)).isEqualTo(Perm.ALL & ~Perm.EXECUTE);
        assertThat(g.cpu.x(1)).isEqualTo(Perm.ALL & ~(Perm.LOAD | Perm.GLOBAL));
    }

    // -------------------------------------------------------------------------------------------- CVT

    @Test
    void cvtToCapabilityUsesSetValueUnlessTheBaseOffsetBitIsSet() {
        // Sail execute_CVTD_C_R_C / execute_CVTDZ_C_R_C / execute_CVT_C_CR_C / execute_CVTP_C_R_C:
        // CCTLR.DDCBO (PCCBO for CVTP) selects CapSetOffset, else CapSetValue; Z forms give NULL for 0
        String prog = """
                    cvtd c1, x5
                    cvtdz c2, xzr
                    cvt c3, c4, x5
                    cvtp c6, x5
                """;
        GuestLoader plain = guest(prog);
        GuestLoader offset = guest(prog);
        for (GuestLoader g : new GuestLoader[] {plain, offset}) {
            g.cpu.setDdc(stack(g).setValue(GuestLoader.STACK_TOP - 0x1000));
            g.cpu.setC(4, stack(g));
            g.cpu.setX(5, 0x40);
        }
        offset.cpu.setCctlr(DDCBO | PCCBO);
        plain.run();
        offset.run();
        long base = GuestLoader.STACK_TOP - GuestLoader.STACK_SIZE;
        assertThat(plain.cpu.c(1).value()).isEqualTo(0x40);
        assertThat(plain.cpu.c(1).isTagged()).isFalse(); // 0x40 lies far outside the DDC's representable range
        assertThat(offset.cpu.c(1).value()).isEqualTo(base + 0x40);
        assertThat(offset.cpu.c(1).isTagged()).isTrue();
        assertThat(plain.cpu.c(2)).isEqualTo(Capability.NULL);
        assertThat(offset.cpu.c(3).value()).isEqualTo(base + 0x40);
        assertThat(plain.cpu.c(3).value()).isEqualTo(0x40);
        assertThat(offset.cpu.c(6).value()).isEqualTo(offset.cpu.pcc().base() + 0x40);
        assertThat(plain.cpu.c(6).value()).isEqualTo(0x40);
    }

    @Test
    void cvtToCapabilityDetagsASealedSource() {
        // Sail execute_CVT_C_CR_C: CapIsSealed(operand1) -> CapWithTagClear(result)
        GuestLoader g = guest("    cvt c1, c2, x3\n");
        g.cpu.setC(2, stack(g).sealEntry(ObjectType.RB));
        g.cpu.setX(3, GuestLoader.STACK_TOP - 16);
        g.run();
        assertThat(g.cpu.c(1).isTagged()).isFalse();
    }

    @Test
    void cvtToIntegerSetsFlagsAndHonoursTheBaseOffsetBit() {
        // Sail execute_CVT_R_CC_C / execute_CVTD_R_C_C / execute_CVTP_R_C_C: untagged -> 0, NZCV 0000;
        // tagged -> value (minus the base when DDCBO/PCCBO), NZCV 0110 for 0 and 0010 otherwise
        String prog = """
                    cvt x1, c2, c3
                    mrs x10, nzcv
                    cvtd x4, c3
                    mrs x11, nzcv
                    cvt x5, c6, c3
                    mrs x12, nzcv
                    cvtp x7, c8
                """;
        GuestLoader plain = guest(prog);
        GuestLoader offset = guest(prog);
        for (GuestLoader g : new GuestLoader[] {plain, offset}) {
            Capability s = stack(g);
            g.cpu.setC(2, s.setValue(s.base() + 0x30));
            g.cpu.setC(3, s.setValue(s.base()));
            g.cpu.setC(6, s.withTagCleared());
            g.cpu.setC(8, g.cpu.pcc().setValue(g.cpu.pcc().base() + 8));
            g.cpu.setDdc(s);
        }
        offset.cpu.setCctlr(DDCBO | PCCBO);
        plain.run();
        offset.run();
        long base = GuestLoader.STACK_TOP - GuestLoader.STACK_SIZE;
        assertThat(offset.cpu.x(1)).isEqualTo(0x30);
        assertThat(offset.cpu.x(10)).isEqualTo(Flags.C & 0xFFFFFFFFL);
        assertThat(plain.cpu.x(1)).isEqualTo(base + 0x30);
        assertThat(offset.cpu.x(4)).isZero();
        assertThat(offset.cpu.x(11)).isEqualTo((Flags.Z | Flags.C) & 0xFFFFFFFFL);
        assertThat(plain.cpu.x(4)).isEqualTo(base);
        assertThat(plain.cpu.x(5)).isZero();
        assertThat(plain.cpu.x(12)).isZero();
        assertThat(offset.cpu.x(7)).isEqualTo(8);
        assertThat(plain.cpu.x(7)).isEqualTo(plain.cpu.pcc().base() + 8);
    }

    // -------------------------------------------------------------------------------------------- CHK*

    @Test
    void checkInstructionsSetSailsFlagPatterns() {
        // Sail execute_CHKEQ___CC_C (Z or nothing), execute_CHKSLD_C_C (V), execute_CHKTGD_C_C (C),
        // execute_CHKSS___CC_C (N)
        GuestLoader g = guest("""
                    chkeq c1, c1
                    mrs x10, nzcv
                    chkeq c1, c2
                    mrs x11, nzcv
                    chksld c3
                    mrs x12, nzcv
                    chksld c1
                    mrs x13, nzcv
                    chktgd c1
                    mrs x14, nzcv
                    chkss c4, c1
                    mrs x15, nzcv
                    chkss c1, c4
                    mrs x16, nzcv
                """);
        Capability s = stack(g);
        g.cpu.setC(1, s);
        g.cpu.setC(2, s.withTagCleared());
        g.cpu.setC(3, s.sealEntry(ObjectType.RB));
        g.cpu.setC(4, s.setValue(GuestLoader.STACK_TOP - 64).setBounds(32));
        g.run();
        assertThat(g.cpu.x(10)).isEqualTo(Flags.Z & 0xFFFFFFFFL);
        assertThat(g.cpu.x(11)).isZero();
        assertThat(g.cpu.x(12)).isEqualTo(Flags.V);
        assertThat(g.cpu.x(13)).isZero();
        assertThat(g.cpu.x(14)).isEqualTo(Flags.C);
        assertThat(g.cpu.x(15)).isEqualTo(Flags.N & 0xFFFFFFFFL);
        assertThat(g.cpu.x(16)).isZero();
    }

    @Test
    void chkssuUnsealsOnlyTaggedSealedDataUnderATaggedUnsealedKey() {
        // Sail execute_CHKSSU_C_CC_C: unseal iff subset, equal tags, Cm tagged and unsealed, Cn tagged and sealed
        GuestLoader g = guest("""
                    chkssu c1, c2, c3
                    mrs x10, nzcv
                    chkssu c4, c5, c6
                    mrs x11, nzcv
                    chkssu c7, c2, c8
                """);
        Capability s = stack(g);
        Capability small = s.setValue(GuestLoader.STACK_TOP - 64).setBounds(32);
        Capability sealed = small.sealEntry(ObjectType.LB);
        g.cpu.setC(2, sealed);
        g.cpu.setC(3, s);
        g.cpu.setC(5, sealed.withTagCleared());
        g.cpu.setC(6, s.withTagCleared());
        g.cpu.setC(8, s.sealEntry(ObjectType.LB));
        g.run();
        assertThat(small.isTagged()).isTrue();
        assertThat(g.cpu.c(1)).isEqualTo(small);
        assertThat(g.cpu.x(10)).isEqualTo(Flags.N & 0xFFFFFFFFL);
        assertThat(g.cpu.c(4)).isEqualTo(sealed.withTagCleared()); // untagged pair: subset, but not unsealed
        assertThat(g.cpu.x(11)).isEqualTo(Flags.N & 0xFFFFFFFFL);
        assertThat(g.cpu.c(7)).isEqualTo(sealed); // sealed key: not unsealed
    }

    // ------------------------------------------------------------------------------------------ ADRDP

    @Test
    void adrdpImmediateIsUnsignedAndTheBaseFollowsAdrdpb() {
        // Sail decode_ADRDP_C_ID_C: imm = ZeroExtend(immhi:immlo:Zeros(12)); execute_ADRDP_C_ID_C: base C28 when
        // CCTLR.ADRDPB else DDC; value&~0xFFF + imm via CapAdd
        String prog = "    adrdp c1, #0x80000000\n";
        GuestLoader ddc = guest(prog);
        GuestLoader c28 = guest(prog);
        ddc.cpu.setDdc(Capability.root().setValue(0x12345));
        c28.cpu.setDdc(Capability.root().setValue(0x12345));
        c28.cpu.setC(28, Capability.root().setValue(0x777777));
        c28.cpu.setCctlr(ADRDPB);
        ddc.run();
        c28.run();
        assertThat(ddc.cpu.c(1).value()).isEqualTo(0x80012000L);
        assertThat(ddc.cpu.c(1).isTagged()).isTrue();
        assertThat(c28.cpu.c(1).value()).isEqualTo(0x80777000L);
    }

    // ------------------------------------------------------------------------------------------- SUBS

    @Test
    void subsWithDifferentTagsSubtractsOnlyTheTags() {
        // Sail execute_SUBS_R_CC_C: tag1 != tag2 -> AddWithCarry(tag1:2, NOT tag2:2, 1), Xd = ZeroExtend(result)
        GuestLoader g = guest("""
                    subs x0, c1, c2
                    mrs x10, nzcv
                    subs x3, c2, c1
                    mrs x11, nzcv
                    subs x4, c1, c1
                """);
        g.cpu.setC(1, stack(g));
        g.cpu.setC(2, Capability.ofInteger(5));
        g.run();
        assertThat(g.cpu.x(0)).isEqualTo(1);
        assertThat(g.cpu.x(10)).isEqualTo(Flags.C);
        assertThat(g.cpu.x(3)).isEqualTo(3);
        assertThat(g.cpu.x(11)).isEqualTo(Flags.N & 0xFFFFFFFFL);
        assertThat(g.cpu.x(4)).isZero();
    }

    // ---------------------------------------------------------------------------------- CSEAL, CPYTYPE

    @Test
    void csealReportsInVAndPassesCnThroughOtherwise() {
        // Sail execute_CSEAL_C_C_C: NZCV 0001 for CAP_NO_SEALING or a successful seal, 0000 on failure;
        // Cn is never detagged
        GuestLoader g = guest("""
                    cseal c1, c0, c2
                    mrs x10, nzcv
                    cseal c3, c0, c4
                    mrs x11, nzcv
                    cseal c5, c0, c6
                    mrs x12, nzcv
                """);
        Capability s = stack(g);
        g.cpu.setC(0, s);
        g.cpu.setC(2, sealer(100));
        g.cpu.setC(4, Capability.root().setValue(-1L));
        g.cpu.setC(6, sealer(100).clearPerms(Perm.SEAL));
        g.run();
        assertThat(g.cpu.c(1)).isEqualTo(s.seal(sealer(100)));
        assertThat(g.cpu.x(10)).isEqualTo(Flags.V);
        assertThat(g.cpu.c(3)).isEqualTo(s);
        assertThat(g.cpu.x(11)).isEqualTo(Flags.V);
        assertThat(g.cpu.c(5)).isEqualTo(s);
        assertThat(g.cpu.x(12)).isZero();
    }

    @Test
    void cpytypeWritesTheOtypeOrAllOnesIntoTheKey() {
        // Sail execute_CPYTYPE_C_C_C: key = Cn, data = Cm; CapSetValue(key, otype or CAP_NO_SEALING);
        // a sealed key gives an untagged result
        GuestLoader g = guest("""
                    cpytype c1, c2, c3
                    cpytype c4, c2, c2
                    cpytype c5, c6, c3
                """);
        Capability key = Capability.root();
        g.cpu.setC(2, key);
        g.cpu.setC(3, stack(g).seal(sealer(0x1234)));
        g.cpu.setC(6, key.setValue(0x10).sealEntry(ObjectType.RB));
        g.run();
        assertThat(g.cpu.c(1)).isEqualTo(key.setValue(0x1234));
        assertThat(g.cpu.c(4).value()).isEqualTo(-1L);
        assertThat(g.cpu.c(5).isTagged()).isFalse();
        assertThat(g.cpu.c(5).value()).isEqualTo(0x1234);
    }

    // ------------------------------------------------------------------------------------------ *FLGS

    @Test
    void flagInstructionsRewriteValueBits63To56() {
        // Sail execute_SCFLGS_C_CR_C, execute_ORRFLGS_C_CI_C, execute_BICFLGS_C_CR_C, execute_EORFLGS_C_CI_C:
        // CapSetFlags on value[63:56]; a sealed source is detagged
        GuestLoader g = guest("""
                    scflgs c1, c0, x5
                    orrflgs c2, c1, #0x0f
                    bicflgs c3, c2, x6
                    eorflgs c4, c3, #0xff
                    scflgs c7, c8, x5
                    gcflgs x9, c4
                """);
        Capability s = stack(g);
        g.cpu.setC(0, s);
        g.cpu.setX(5, 0xA0L << 56);
        g.cpu.setX(6, 0x03L << 56);
        g.cpu.setC(8, s.sealEntry(ObjectType.RB));
        g.run();
        assertThat(g.cpu.c(1).value()).isEqualTo(s.value() | 0xA0L << 56);
        assertThat(g.cpu.c(1).isTagged()).isTrue();
        assertThat(g.cpu.c(1).base()).isEqualTo(s.base());
        assertThat(g.cpu.c(2).flags()).isEqualTo(0xAF);
        assertThat(g.cpu.c(3).flags()).isEqualTo(0xAC);
        assertThat(g.cpu.c(4).flags()).isEqualTo(0x53);
        assertThat(g.cpu.x(9)).isEqualTo(0x53L << 56);
        assertThat(g.cpu.c(7).isTagged()).isFalse();
    }

    // ----------------------------------------------------------------------------------------- ALIGN*

    @Test
    void alignUpAndDownUseCapSetValueAndWrap() {
        // Sail execute_ALIGNU_C_CI_C: (ZeroExtend65(value) + m) AND NOT m, bits 63:0; execute_ALIGND_C_CI_C
        GuestLoader g = guest("""
                    alignu c1, c0, #4
                    alignd c2, c0, #4
                    alignu c3, c4, #4
                    alignd c5, c0, #63
                    alignu c6, c7, #4
                """);
        Capability s = stack(g);
        g.cpu.setC(0, s.setValue(GuestLoader.STACK_TOP - 0x27));
        g.cpu.setC(4, Capability.ofInteger(-1L));
        g.cpu.setC(7, s.setValue(GuestLoader.STACK_TOP - 0x27).sealEntry(ObjectType.RB));
        g.run();
        assertThat(g.cpu.c(1).value()).isEqualTo(GuestLoader.STACK_TOP - 0x20);
        assertThat(g.cpu.c(1).isTagged()).isTrue();
        assertThat(g.cpu.c(2).value()).isEqualTo(GuestLoader.STACK_TOP - 0x30);
        assertThat(g.cpu.c(3).value()).isZero();
        assertThat(g.cpu.c(5).value()).isZero();
        assertThat(g.cpu.c(5).isTagged()).isFalse(); // 0 is outside the stack capability's representable range
        assertThat(g.cpu.c(6).isTagged()).isFalse();
    }

    // -------------------------------------------------------------------------------------- CFHI, CTHI

    @Test
    void cfhiAndCthiMoveBits127To64AndCthiAlwaysDetags() {
        // Sail execute_CFHI_R_C_C (Xd = Cn[127:64]); execute_CTHI_C_CR_C (Cn with [127:64] = Xm, tag cleared)
        GuestLoader g = guest("""
                    cfhi x1, c0
                    cthi c2, c0, x1
                    cthi csp, c0, x1
                """);
        Capability s = stack(g);
        g.cpu.setC(0, s);
        g.run();
        assertThat(g.cpu.x(1)).isEqualTo(s.pesbt());
        assertThat(g.cpu.c(2)).isEqualTo(s.withTagCleared());
        assertThat(g.cpu.c(31)).isEqualTo(s.withTagCleared());
    }

    // ------------------------------------------------------------------------------------------ SCTAG

    @Test
    void sctagSetsTheTagOnlyWithSystemAccess() {
        // Sail execute_SCTAG_C_CR_C: tag = Xm[0] AND CapIsSystemAccessEnabled() (the EL0 UNDEFINED rule is not
        // exercised here: the loader's kernel text is not executable at EL0)
        GuestLoader g = guest("""
                    sctag c1, c0, x2
                    sctag c3, c0, xzr
                """);
        Capability raw = stack(g).withTagCleared();
        g.cpu.setC(0, raw);
        g.cpu.setX(2, 1);
        g.run();
        assertThat(g.cpu.c(1)).isEqualTo(Capability.of(raw.pesbt(), raw.value(), true));
        assertThat(g.cpu.c(3)).isEqualTo(raw);

        GuestLoader noSystem = guest("    sctag c1, c0, x2\n");
        noSystem.cpu.setPcc(noSystem.cpu.pcc().clearPerms(Perm.SYSTEM));
        noSystem.cpu.setC(0, raw);
        noSystem.cpu.setX(2, 1);
        noSystem.run();
        assertThat(noSystem.cpu.c(1).isTagged()).isFalse();
    }

    // ------------------------------------------------------------------------------------- LDCT, STCT

    @Test
    void stctAndLdctNeedA64ByteAlignedAddress() {
        // Sail execute_STCT_R_R__ / execute_LDCT_R_R__: 4 tags in bits 3:0 of a 64-byte aligned block; a
        // misaligned address is an Alignment fault (after the capability check), not rounded down
        GuestLoader g = guest("""
                    stct x1, [c0]
                    ldct x2, [c0]
                    ldct x3, [c4]
                    hlt #2
                    ldct x5, [c6]
                """);
        Capability s = stack(g);
        g.cpu.setC(0, s.setValue(GuestLoader.STACK_TOP - 128));
        g.cpu.setC(4, s.setValue(GuestLoader.STACK_TOP - 128).clearPerms(Perm.LOAD_CAP));
        g.cpu.setC(6, s.setValue(GuestLoader.STACK_TOP - 128 + 16));
        g.cpu.setX(1, 0b1010);
        g.run();
        assertThat(g.cpu.x(2)).isEqualTo(0b1010);
        assertThat(g.cpu.x(3)).isZero(); // no LoadCap: 0
        assertThat(g.lastException().kind()).isEqualTo(ExceptionClass.DATA_ABORT);
        assertThat(g.lastException().faultStatus()).isEqualTo(0x21);

        GuestLoader st = guest("    stct x1, [c0]\n");
        st.cpu.setC(0, stack(st).setValue(GuestLoader.STACK_TOP - 128 + 16));
        st.run();
        assertThat(st.lastException().faultStatus()).isEqualTo(0x21);
    }

    @Test
    void stctWritesZeroTagsWithoutSystemAccess() {
        // Sail execute_STCT_R_R__: tag = data[i] only if CapIsSystemAccessEnabled(), else 0
        GuestLoader g = guest("""
                    str c0, [c0]
                    stct x1, [c0]
                    ldct x2, [c0]
                """);
        g.cpu.setC(0, stack(g).setValue(GuestLoader.STACK_TOP - 128));
        g.cpu.setPcc(g.cpu.pcc().clearPerms(Perm.SYSTEM));
        g.cpu.setX(1, 0b1111);
        g.run();
        assertThat(g.cpu.x(2)).isZero();
    }

    // ----------------------------------------------------------------------------------- MRS/MSR CID

    @Test
    void cidEl0RoundTripsThroughMsrAndMrs() {
        // AArch64_CapSysRegRead/Write were not available from the Sail search: documented behaviour (morello.md
        // §2.8 lists CID_EL0 among the capability registers) is that MSR/MRS move all 129 bits
        GuestLoader g = guest("""
                    msr cid_el0, c1
                    mrs c2, cid_el0
                """);
        Capability cid = Capability.root().setValue(0x42).setBoundsExact(1);
        g.cpu.setC(1, cid);
        g.run();
        assertThat(g.cpu.c(2)).isEqualTo(cid);
        assertThat(g.cpu.cid()).isEqualTo(cid);
    }

    // ------------------------------------------------------------------------------- sealed-pair branches

    @Test
    void blrsPairUnsealsBothAndLinks() {
        // Sail execute_BLRS_C_C_C: C29 := unsealed data, target unsealed, C30 := link
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    blrs c29, c1, c2
                    hlt #0
                f:  hlt #0
                """);
        Capability target = g.cpu.pcc().setValue(g.image.address("f") | 1).seal(sealer(77));
        Capability data = stack(g).seal(sealer(77));
        g.cpu.setC(1, target);
        g.cpu.setC(2, data);
        g.run();
        assertThat(g.lastException().pc()).isEqualTo(g.image.address("f"));
        assertThat(g.cpu.c(29)).isEqualTo(stack(g));
        assertThat(g.cpu.c(30).value()).isEqualTo(GuestLoader.TEXT + 5);
    }

    @Test
    void brsPairFailsForATargetLackingExecutive() {
        // Sail execute_BRS_C_C_C: in Executive mode a target without Executive is detagged first, so the pair
        // check fails: the branch is to the untagged target and C29 keeps the sealed data
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    brs c29, c1, c2
                    hlt #0
                f:  hlt #0
                """);
        Capability target = g.cpu.pcc().clearPerms(Perm.EXECUTIVE).setValue(g.image.address("f") | 1).seal(sealer(77));
        Capability data = stack(g).seal(sealer(77));
        g.cpu.setC(1, target);
        g.cpu.setC(2, data);
        g.run();
        assertThat(g.lastException().kind()).isEqualTo(ExceptionClass.INSTRUCTION_ABORT);
        assertThat(g.cpu.c(29)).isEqualTo(data);
    }

    // ------------------------------------------------------------------------------- single-register forms

    @Test
    void brsWithSblAcceptsOnlySentries() {
        // Sail execute_BRS_C_C / execute_RETS_C_C: unseal an RB sentry, else detag when CCTLR.SBL
        String prog = """
                .text
                _start:
                    brs c1
                    hlt #0
                f:  hlt #0
                """;
        GuestLoader plain = new GuestLoader(prog);
        plain.cpu.setCctlr(SBL);
        plain.cpu.setC(1, plain.cpu.pcc().setValue(plain.image.address("f") | 1));
        plain.run();
        assertThat(plain.lastException().kind()).isEqualTo(ExceptionClass.INSTRUCTION_ABORT);

        GuestLoader sentry = new GuestLoader(prog.replace("brs c1", "rets c1"));
        sentry.cpu.setCctlr(SBL);
        sentry.cpu.setC(1, sentry.cpu.pcc().setValue(sentry.image.address("f") | 1).sealEntry(ObjectType.RB));
        sentry.run();
        assertThat(sentry.lastException().kind()).isEqualTo(ExceptionClass.HOST_CALL);
        assertThat(sentry.lastException().pc()).isEqualTo(sentry.image.address("f"));
    }

    @Test
    void blrsWithSblSealsTheLink() {
        // Sail execute_BLRS_C_C: link = CapAdd(PCC, 4 + 1 in C64), sealed RB when CCTLR.SBL
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    blrs c1
                    hlt #0
                f:  hlt #0
                """);
        g.cpu.setCctlr(SBL);
        g.cpu.setC(1, g.cpu.pcc().setValue(g.image.address("f") | 1).sealEntry(ObjectType.RB));
        g.run();
        assertThat(g.cpu.c(30).otype()).isEqualTo(ObjectType.RB);
        assertThat(g.cpu.c(30).value()).isEqualTo(GuestLoader.TEXT + 5);
        assertThat(g.cpu.c(30).isTagged()).isTrue();
    }

    @Test
    void executiveCheckComesBeforeSentryUnsealing() {
        // Sail execute_BR_C_C: the Executive check detags first, so an RB sentry without Executive is not
        // unsealed: PCC ends up untagged and still sealed
        GuestLoader g = new GuestLoader("""
                .text
                _start:
                    br c1
                    hlt #0
                f:  hlt #0
                """);
        g.cpu.setC(1, g.cpu.pcc().clearPerms(Perm.EXECUTIVE).setValue(g.image.address("f") | 1)
                .sealEntry(ObjectType.RB));
        g.run();
        assertThat(g.lastException().kind()).isEqualTo(ExceptionClass.INSTRUCTION_ABORT);
        assertThat(g.cpu.pcc().isTagged()).isFalse();
        assertThat(g.cpu.pcc().otype()).isEqualTo(ObjectType.RB);
    }

    // -------------------------------------------------------------------------------- LDPBLR, BR [Cn]

    private static final String PAIR_PROGRAM = """
            .text
            _start:
                %s
                hlt #0
            .type f, %%function
            f:  hlt #0
            .size f, 4
            .data
            .balign 16
            pair: .chericap obj
                  .chericap f
            obj:  .quad 0, 0
            """;

    @Test
    void ldpblrUnsealsAnLpbBaseOnlyForC29() {
        // Sail execute_LDPBLR_C_C_C: data at [Cn], target at [Cn+16]; an LPB-sealed Cn is unsealed only when
        // Ct = C29; C30 := link, then Ct := data
        GuestLoader g = new GuestLoader(PAIR_PROGRAM.formatted("ldpblr c29, [c0]"));
        g.cpu.setC(0, g.dataCap(g.image.address("pair"), 32).sealEntry(ObjectType.LPB));
        g.run();
        assertThat(g.lastException().kind()).as(g.lastException().toString()).isEqualTo(ExceptionClass.HOST_CALL);
        assertThat(g.lastException().pc()).isEqualTo(g.image.address("f"));
        assertThat(g.cpu.c(29).value()).isEqualTo(g.image.address("obj"));
        assertThat(g.cpu.c(29).isTagged()).isTrue();
        assertThat(g.cpu.c(30).value()).isEqualTo(GuestLoader.TEXT + 5);

        GuestLoader other = new GuestLoader(PAIR_PROGRAM.formatted("ldpblr c1, [c0]"));
        other.cpu.setC(0, other.dataCap(other.image.address("pair"), 32).sealEntry(ObjectType.LPB));
        other.run();
        assertThat(other.lastException().faultStatus()).isEqualTo(0x29);
    }

    @Test
    void brThroughMemoryUnsealsAnLbC29AndWritesItBack() {
        // Sail execute_BR_CI_C: only n = 29 unseals an LB sentry, and C29 := the unsealed base
        GuestLoader g = new GuestLoader(PAIR_PROGRAM.formatted("br [c29, #16]"));
        Capability base = g.dataCap(g.image.address("pair"), 32);
        g.cpu.setC(29, base.sealEntry(ObjectType.LB));
        g.run();
        assertThat(g.lastException().kind()).as(g.lastException().toString()).isEqualTo(ExceptionClass.HOST_CALL);
        assertThat(g.lastException().pc()).isEqualTo(g.image.address("f"));
        assertThat(g.cpu.c(29)).isEqualTo(base);

        GuestLoader other = new GuestLoader(PAIR_PROGRAM.formatted("blr [c1, #16]"));
        other.cpu.setC(1, other.dataCap(other.image.address("pair"), 32).sealEntry(ObjectType.LB));
        other.run();
        assertThat(other.lastException().faultStatus()).isEqualTo(0x29);
    }
}
