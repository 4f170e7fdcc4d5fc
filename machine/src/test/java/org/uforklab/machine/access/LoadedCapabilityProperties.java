package org.uforklab.machine.access;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.uforklab.machine.cap.Capability;
import org.uforklab.machine.cap.Perm;

/**
 * The raw-bit {@code CapSquashPostLoadCap} of {@link LoadedCapability} agrees with
 * {@link Capability#squashAfterLoadVia}, and the raw-bit load and store paths of {@link CheckedAccess} agree
 * with the object ones (same result, same counters, same cycles).
 */
class LoadedCapabilityProperties {

    /** Permission sets biased towards the two bits the squash looks at. */
    @Provide
    Arbitrary<Integer> perms() {
        return Arbitraries.oneOf(Arbitraries.integers().between(0, Perm.ALL),
                Arbitraries.of(0, Perm.LOAD_CAP, Perm.MUTABLE_LOAD, Perm.LOAD_CAP | Perm.MUTABLE_LOAD, Perm.ALL));
    }

    /** pesbt values with every otype kind: unsealed (often), fixed forms and arbitrary. */
    @Provide
    Arbitrary<Long> pesbts() {
        Arbitrary<Long> any = Arbitraries.longs();
        Arbitrary<Long> unsealed = any.map(p -> p & ~(0x7FFFL << 31));
        Arbitrary<Long> sentry = unsealed.map(p -> p | (1L << 31));
        return Arbitraries.oneOf(any, unsealed, unsealed, sentry, Arbitraries.of(Capability.ROOT_PESBT, 0L));
    }

    @Property(tries = 5000)
    void squashAgreesWithCapability(@ForAll("pesbts") long pesbt, @ForAll long value, @ForAll boolean tag,
                                    @ForAll("perms") int authorityPerms) {
        Capability authority = Capability.of((long) authorityPerms << 46, 0, true);
        Capability expected = Capability.fromMemory(value, pesbt, tag).squashAfterLoadVia(authority);

        LoadedCapability raw = new LoadedCapability();
        raw.set(value, pesbt, tag);
        raw.squashAfterLoadVia(authority.perms());

        assertThat(raw.pesbt()).isEqualTo(expected.pesbt());
        assertThat(raw.value()).isEqualTo(expected.value());
        assertThat(raw.isTagged()).isEqualTo(expected.isTagged());
        assertThat(raw.toCapability()).isEqualTo(expected);
    }

    @Property(tries = 300)
    void rawLoadMatchesObjectLoad(@ForAll("pesbts") long pesbt, @ForAll long value, @ForAll boolean tag,
                                  @ForAll("perms") int clearedPerms) {
        AccessFixture fx = new AccessFixture();
        long va = AccessFixture.VA + 0x230;
        fx.access.storeCap(fx.cap, va, Capability.of(pesbt, value, tag));
        Capability auth = fx.cap.clearPerms(clearedPerms & ~Perm.LOAD);
        long cycles0 = fx.core.cycles().cycles();
        Capability viaObject = fx.access.loadCap(auth, va);
        long objectCycles = fx.core.cycles().cycles() - cycles0;
        long loads = fx.stat("access.capLoads");
        long stripped = fx.stat("access.tagsStrippedByLoadCap");

        LoadedCapability out = new LoadedCapability();
        fx.access.loadCap(auth, va, out);
        assertThat(out.toCapability()).isEqualTo(viaObject);
        assertThat(fx.core.cycles().cycles() - cycles0 - objectCycles).isEqualTo(objectCycles);
        assertThat(fx.stat("access.capLoads")).isEqualTo(2 * loads);
        assertThat(fx.stat("access.tagsStrippedByLoadCap")).isEqualTo(2 * stripped);
    }

    @Property(tries = 300)
    void rawStoreMatchesObjectStore(@ForAll("pesbts") long pesbt, @ForAll long value, @ForAll boolean tag) {
        Capability c = Capability.of(pesbt, value, tag);
        AccessFixture object = new AccessFixture();
        AccessFixture raw = new AccessFixture();
        long va = AccessFixture.VA + 0x1230;
        Throwable objectFault = catching(() -> object.access.storeCap(object.cap, va, c));
        Throwable rawFault = catching(() -> raw.access.storeCap(raw.cap, va, c.value(), c.pesbt(), c.isTagged()));
        assertThat(rawFault == null ? null : rawFault.getMessage())
                .isEqualTo(objectFault == null ? null : objectFault.getMessage());
        assertThat(raw.access.loadCap(raw.cap, va)).isEqualTo(object.access.loadCap(object.cap, va));
        assertThat(raw.core.cycles().cycles()).isEqualTo(object.core.cycles().cycles());
        assertThat(raw.stat("access.capStores")).isEqualTo(object.stat("access.capStores"));
    }

    private static Throwable catching(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
