package org.uforklab.machine.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Behaviour of {@link Capability} beyond the reference tables: sealing, squashing, images, display. */
class CapabilityTest {

    /** A 48-byte read/write object at 0x40001000, as a C allocator would hand out. */
    private static final Capability OBJ = Capability.root().setValue(0x40001000L).setBounds(0x30);
    /** A sealing authority for otype 0x1234: Seal|Unseal|Global, bounds [0x1000, 0x2000) of otype space. */
    private static final Capability SEALER = Capability.root().setValue(0x1000).setBounds(0x1000)
            .clearPerms(Perm.ALL & ~(Perm.SEAL | Perm.UNSEAL | Perm.GLOBAL)).setValue(0x1234);

    @Test
    void objectFromRoot() {
        assertThat(OBJ.isTagged()).isTrue();
        assertThat(OBJ.pesbt()).isEqualTo(0xFFFFC00050301000L);
        assertThat(OBJ.base()).isEqualTo(0x40001000L);
        assertThat(OBJ.top()).isEqualTo(Bound65.of(0x40001030L));
        assertThat(OBJ.offset()).isZero();
        assertThat(SEALER.isTagged()).isTrue();
        assertThat(SEALER.perms()).isEqualTo(Perm.SEAL | Perm.UNSEAL | Perm.GLOBAL);
    }

    @Test
    void inBoundsUsesTheHalfOpenRangeAndBit55() {
        assertThat(OBJ.inBounds(0x40001000L, 0x30)).isTrue();
        assertThat(OBJ.inBounds(0x40001028L, 8)).isTrue();
        assertThat(OBJ.inBounds(0x40001029L, 8)).isFalse();
        assertThat(OBJ.inBounds(0x40000fffL, 1)).isFalse();
        assertThat(OBJ.inBounds(0x40001030L, 0)).isTrue();
        assertThat(OBJ.inBounds(0x40001030L, 1)).isFalse();
        // Flags (bits 63:56) are ignored; bit 55 sign-extends and moves the address to the upper half.
        assertThat(OBJ.inBounds(0xAB00000040001000L, 8)).isTrue();
        assertThat(OBJ.inBounds(0x0080000040001000L, 8)).isFalse();
        // A size that wraps past 2^64 never fits a top below 2^64.
        assertThat(OBJ.inBounds(0x40001000L, -1L)).isFalse();
        // The root reaches the last byte below 2^64 but not beyond.
        assertThat(Capability.ROOT.inBounds(-8, 8)).isTrue();
        assertThat(Capability.ROOT.inBounds(-8, 9)).isFalse();
        assertThat(OBJ.addressInBounds()).isTrue();
        assertThat(OBJ.setOffset(0x30).addressInBounds()).isFalse();
    }

    @Test
    void offsetAndFlags() {
        Capability c = OBJ.setOffset(0x10);
        assertThat(c.isTagged()).isTrue();
        assertThat(c.value()).isEqualTo(0x40001010L);
        assertThat(c.offset()).isEqualTo(0x10);
        Capability f = c.setFlags(0xAB);
        assertThat(f.isTagged()).isTrue();
        assertThat(f.flags()).isEqualTo(0xAB);
        assertThat(f.value()).isEqualTo(0xAB00000040001010L);
        assertThat(f.base()).isEqualTo(c.base());
        assertThat(f.top()).isEqualTo(c.top());
        assertThat(f.boundsAddress()).isEqualTo(0x40001010L);
        assertThat(f.setFlags(0).value()).isEqualTo(0x40001010L);
    }

    @Test
    void clearPermsOnlyClears() {
        Capability ro = OBJ.clearPerms(Perm.STORE | Perm.STORE_CAP);
        assertThat(ro.isTagged()).isTrue();
        assertThat(ro.perms()).isEqualTo(Perm.ALL & ~(Perm.STORE | Perm.STORE_CAP));
        assertThat(ro.hasPerms(Perm.LOAD | Perm.LOAD_CAP)).isTrue();
        assertThat(ro.hasPerms(Perm.LOAD | Perm.STORE)).isFalse();
        assertThat(ro.base()).isEqualTo(OBJ.base());
        // Bits outside the 18-bit field are ignored rather than touching the otype.
        assertThat(OBJ.clearPerms(~0).perms()).isZero();
        assertThat(OBJ.clearPerms(~0).otype()).isZero();
        assertThat(OBJ.clearPerms(~0).pesbt() & 0x3FFFFFFFFFFFL).isEqualTo(OBJ.pesbt() & 0x3FFFFFFFFFFFL);
    }

    @Test
    void sealAndUnsealWithAnAuthority() {
        Capability sealed = OBJ.seal(SEALER);
        assertThat(sealed.isTagged()).isTrue();
        assertThat(sealed.otype()).isEqualTo(0x1234);
        assertThat(sealed.isSealed()).isTrue();
        assertThat(sealed.isSentry()).isFalse();
        assertThat(sealed.typeValue()).isEqualTo(0x1234);
        assertThat(OBJ.typeValue()).isEqualTo(-1L);
        assertThat(sealed.base()).isEqualTo(OBJ.base());
        assertThat(sealed.perms()).isEqualTo(OBJ.perms());

        Capability unsealed = sealed.unseal(SEALER);
        assertThat(unsealed.isTagged()).isTrue();
        assertThat(unsealed).isEqualTo(OBJ);

        // Wrong otype, missing permission, sealed or untagged authority, authority out of bounds: untagged.
        assertThat(sealed.unseal(SEALER.setValue(0x1235)).isTagged()).isFalse();
        assertThat(sealed.unseal(SEALER.clearPerms(Perm.UNSEAL)).isTagged()).isFalse();
        assertThat(sealed.unseal(OBJ).isTagged()).isFalse();
        assertThat(OBJ.unseal(SEALER.setValue(0)).isTagged()).isFalse();
        assertThat(OBJ.seal(SEALER.clearPerms(Perm.SEAL)).isTagged()).isFalse();
        assertThat(OBJ.seal(SEALER.withTagCleared()).isTagged()).isFalse();
        assertThat(OBJ.seal(SEALER.sealEntry(ObjectType.RB)).isTagged()).isFalse();
        assertThat(OBJ.seal(SEALER.setValue(0x2000)).isTagged()).isFalse();
        assertThat(sealed.seal(SEALER).isTagged()).isFalse();
        // An otype above 32767 is refused even when the authority covers it.
        Capability wide = Capability.root().setValue(0x8000).clearPerms(Perm.ALL & ~Perm.SEAL);
        assertThat(OBJ.seal(wide).isTagged()).isFalse();
        assertThat(OBJ.seal(wide.setValue(0x7FFF)).otype()).isEqualTo(0x7FFF);
    }

    @Test
    void unsealWithALocalAuthorityClearsGlobal() {
        Capability local = SEALER.clearPerms(Perm.GLOBAL);
        Capability unsealed = OBJ.seal(SEALER).unseal(local);
        assertThat(unsealed.isTagged()).isTrue();
        assertThat(unsealed.hasPerms(Perm.GLOBAL)).isFalse();
        assertThat(unsealed.perms()).isEqualTo(Perm.ALL & ~Perm.GLOBAL);
    }

    @Test
    void sentryForms() {
        Capability rb = OBJ.sealEntry(ObjectType.RB);
        assertThat(rb.isTagged()).isTrue();
        assertThat(rb.isSentry()).isTrue();
        assertThat(rb.isFixedSealForm()).isTrue();
        assertThat(rb.toString()).endsWith("(sentry)");
        Capability lpb = OBJ.sealEntry(ObjectType.LPB);
        assertThat(lpb.otype()).isEqualTo(2);
        assertThat(lpb.isSentry()).isFalse();
        assertThat(lpb.isFixedSealForm()).isTrue();
        assertThat(lpb.toString()).endsWith("(sealed LPB)");
        assertThat(OBJ.sealEntry(ObjectType.LB).otype()).isEqualTo(3);
        assertThat(rb.sealEntry(ObjectType.LB).isTagged()).isFalse();
        assertThat(OBJ.withTagCleared().sealEntry(ObjectType.RB).isTagged()).isFalse();
        assertThatThrownBy(() -> OBJ.sealEntry(4)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OBJ.sealEntry(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyValueChangeDetagsASealedCapability() {
        Capability s = OBJ.seal(SEALER);
        assertThat(s.add(0).isTagged()).isFalse();
        assertThat(s.add(8).isTagged()).isFalse();
        assertThat(s.setValue(s.value()).isTagged()).isFalse();
        assertThat(s.setOffset(0).isTagged()).isFalse();
        assertThat(s.setFlags(0).isTagged()).isFalse();
        assertThat(s.setBounds(0x10).isTagged()).isFalse();
        assertThat(s.setBoundsExact(0x10).isTagged()).isFalse();
        assertThat(s.clearPerms(0).isTagged()).isFalse();
    }

    @Test
    void conditionalSeal() {
        Capability.ConditionalSeal ok = OBJ.conditionalSeal(SEALER);
        assertThat(ok.sealed()).isTrue();
        assertThat(ok.capability()).isEqualTo(OBJ.seal(SEALER));
        // All-ones value or a failed condition: the input passes through, still tagged.
        Capability ones = Capability.root().setValue(-1L);
        assertThat(OBJ.conditionalSeal(ones).sealed()).isFalse();
        assertThat(OBJ.conditionalSeal(ones).capability()).isSameAs(OBJ);
        Capability.ConditionalSeal refused = OBJ.conditionalSeal(SEALER.clearPerms(Perm.SEAL));
        assertThat(refused.sealed()).isFalse();
        assertThat(refused.capability()).isSameAs(OBJ);
        assertThat(refused.capability().isTagged()).isTrue();
    }

    @Test
    void squashAfterLoad() {
        Capability noLoadCap = Capability.root().clearPerms(Perm.LOAD_CAP);
        assertThat(OBJ.squashAfterLoadVia(noLoadCap).isTagged()).isFalse();
        assertThat(OBJ.squashAfterLoadVia(noLoadCap).pesbt()).isEqualTo(OBJ.pesbt());

        Capability immutable = Capability.root().clearPerms(Perm.MUTABLE_LOAD);
        Capability loaded = OBJ.squashAfterLoadVia(immutable);
        assertThat(loaded.isTagged()).isTrue();
        assertThat(loaded.perms()).isEqualTo(
                Perm.ALL & ~(Perm.STORE | Perm.STORE_CAP | Perm.STORE_LOCAL_CAP | Perm.MUTABLE_LOAD));
        assertThat(loaded.base()).isEqualTo(OBJ.base());
        // Sealed or untagged loaded values keep their permissions.
        Capability sealed = OBJ.sealEntry(ObjectType.RB);
        assertThat(sealed.squashAfterLoadVia(immutable)).isEqualTo(sealed);
        assertThat(OBJ.withTagCleared().squashAfterLoadVia(immutable)).isEqualTo(OBJ.withTagCleared());
        assertThat(OBJ.squashAfterLoadVia(Capability.ROOT)).isSameAs(OBJ);
    }

    @Test
    void buildRederivesTagOnlyForSubsets() {
        Capability data = OBJ.clearPerms(Perm.STORE).withTagCleared();
        assertThat(data.buildFrom(OBJ).isTagged()).isTrue();
        assertThat(data.buildFrom(OBJ)).isEqualTo(OBJ.clearPerms(Perm.STORE));
        Capability narrower = OBJ.clearPerms(Perm.EXECUTE);
        assertThat(data.buildFrom(narrower).isTagged()).isFalse();
        Capability smallKey = OBJ.setBounds(0x10);
        assertThat(data.buildFrom(smallKey).isTagged()).isFalse();
        assertThat(data.buildFrom(OBJ.sealEntry(ObjectType.RB)).isTagged()).isFalse();
        // Sail execute_BUILD_C_C_C unseals sealed data first: a subset of the key comes back tagged and unsealed,
        // otherwise unsealed and untagged; unsealed data failing the check is returned unchanged (tag kept).
        assertThat(OBJ.sealEntry(ObjectType.RB).withTagCleared().buildFrom(OBJ)).isEqualTo(OBJ);
        assertThat(OBJ.sealEntry(ObjectType.RB).buildFrom(narrower)).isEqualTo(OBJ.withTagCleared());
        assertThat(OBJ.buildFrom(narrower)).isSameAs(OBJ);
        assertThat(Capability.of(0x0000000000010004L, 0, false).buildFrom(Capability.ROOT).isTagged()).isFalse();
    }

    @Test
    void memoryImage() {
        Capability c = OBJ.setOffset(8);
        byte[] image = c.toBytes();
        assertThat(image).hasSize(16);
        assertThat(image[0]).isEqualTo((byte) 0x08);
        assertThat(image[3]).isEqualTo((byte) 0x40);
        assertThat(image[8]).isEqualTo((byte) 0x00);
        assertThat(image[9]).isEqualTo((byte) 0x10);
        assertThat(image[15]).isEqualTo((byte) 0xFF);
        assertThat(c.memoryLow()).isEqualTo(c.value());
        assertThat(c.memoryHigh()).isEqualTo(c.pesbt());
        assertThat(Capability.fromMemory(c.memoryLow(), c.memoryHigh(), true)).isEqualTo(c);
        byte[] buf = new byte[40];
        System.arraycopy(image, 0, buf, 20, 16);
        assertThat(Capability.fromBytes(buf, 20, true)).isEqualTo(c);
        assertThat(Capability.fromBytes(buf, 20, false)).isEqualTo(c.withTagCleared()).isNotEqualTo(c);
        assertThatThrownBy(() -> Capability.fromBytes(buf, 30, true)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void equalityIsOnTheBitsAndTag() {
        assertThat(Capability.of(1, 2, true)).isEqualTo(Capability.of(1, 2, true))
                .hasSameHashCodeAs(Capability.of(1, 2, true))
                .isNotEqualTo(Capability.of(1, 2, false)).isNotEqualTo(Capability.of(1, 3, true));
        assertThat(Capability.ofInteger(42)).isEqualTo(Capability.of(0, 42, false));
    }

    @Test
    void displayInCheriNotation() {
        assertThat(OBJ.clearPerms(Perm.ALL & ~(Perm.LOAD | Perm.STORE | Perm.LOAD_CAP | Perm.STORE_CAP)))
                .hasToString("0x40001000 [rwRW,0x40001000-0x40001030]");
        assertThat(Capability.ROOT).hasToString("0x0 [rwxRWLSUsBCM0123EG,0x0-0x10000000000000000]");
        assertThat(Capability.NULL).hasToString("0x0 [,0x0-0x10000000000000000] (invalid)");
        assertThat(OBJ.seal(SEALER).clearPerms(Perm.ALL & ~Perm.LOAD))
                .hasToString("0x40001000 [r,0x40001000-0x40001030] (sealed 0x1234) (invalid)");
        assertThat(OBJ.setFlags(0x80).clearPerms(Perm.ALL & ~Perm.LOAD))
                .hasToString("0x8000000040001000 [r,0x40001000-0x40001030] flags=0x80");
        assertThat(Capability.of(0x0000000000010004L, 0x3fffcaL, true))
                .hasToString("0x3fffca [,invalid bounds, E=51]");
        String d = OBJ.describe();
        assertThat(d).contains("pesbt      0xffffc00050301000", "value      0x0000000040001000",
                "perms      0x3ffff rwxRWLSUsBCM0123EG", "otype      0x0000 (unsealed)", "exponent   0",
                "base       0x40001000", "top        0x40001030", "length     0x30", "bounds     valid",
                "exponent zero (bit 94 = 1), B=0x1000, T=0x1030");
        assertThat(d.lines()).hasSize(15);
    }

    @Test
    void permissionLetters() {
        assertThat(Perm.toLetters(Perm.ALL)).isEqualTo("rwxRWLSUsBCM0123EG");
        assertThat(Perm.toLetters(0)).isEmpty();
        assertThat(Perm.toLetters(Perm.LOAD | Perm.EXECUTE | Perm.GLOBAL)).isEqualTo("rxG");
        assertThat(Perm.fromLetters("GxR")).isEqualTo(Perm.GLOBAL | Perm.EXECUTE | Perm.LOAD_CAP);
        for (int bit = 0; bit < 18; bit++) {
            String one = Perm.toLetters(1 << bit);
            assertThat(one).hasSize(1);
            assertThat(Perm.fromLetters(one)).isEqualTo(1 << bit);
        }
        assertThat(Perm.fromLetters(Perm.toLetters(0x2A5A5))).isEqualTo(0x2A5A5);
        assertThat(Perm.toNames(Perm.LOAD | Perm.STORE)).isEqualTo("Load|Store");
        assertThatThrownBy(() -> Perm.fromLetters("rq")).hasMessageContaining("'q'");
        assertThat(Perm.ALL).isEqualTo(Perm.LOAD | Perm.STORE | Perm.EXECUTE | Perm.LOAD_CAP | Perm.STORE_CAP
                | Perm.STORE_LOCAL_CAP | Perm.SEAL | Perm.UNSEAL | Perm.SYSTEM | Perm.BRANCH_SEALED_PAIR
                | Perm.COMPARTMENT_ID | Perm.MUTABLE_LOAD | Perm.USER | Perm.EXECUTIVE | Perm.GLOBAL);
    }

    @Test
    void bound65() {
        assertThat(Bound65.TWO_TO_64).hasToString("0x10000000000000000");
        assertThat(new Bound65(true, 0x2100000000000000L)).hasToString("0x12100000000000000");
        assertThat(Bound65.of(-1L)).hasToString("0xffffffffffffffff");
        assertThat(Bound65.of(-1L)).isLessThan(Bound65.TWO_TO_64);
        assertThat(Bound65.of(Bound65.TWO_TO_64.toBigInteger())).isEqualTo(Bound65.TWO_TO_64);
        assertThat(Capability.ROOT.lengthClamped()).isEqualTo(-1L);
        assertThat(OBJ.lengthClamped()).isEqualTo(0x30);
    }
}
