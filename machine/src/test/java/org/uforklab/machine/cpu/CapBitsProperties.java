package org.uforklab.machine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.uforklab.machine.cap.Capability;

/** The interpreter's allocation-free CapAdd tag rule agrees with {@link Capability#add}. */
class CapBitsProperties {

    @Provide
    Arbitrary<Capability> caps() {
        Arbitrary<Long> base = Arbitraries.longs().between(0, 1L << 48);
        Arbitrary<Long> len = Arbitraries.longs().between(0, 1L << 40);
        Arbitrary<Long> off = Arbitraries.longs().between(-4096, 1L << 20);
        return net.jqwik.api.Combinators.combine(base, len, off)
                .as((b, l, o) -> Capability.root().setValue(b).setBounds(l).add(o));
    }

    @Property(tries = 5000)
    void addKeepsTagAgreesWithCapabilityAdd(@ForAll("caps") Capability c, @ForAll long increment) {
        boolean expected = c.add(increment).isTagged();
        boolean actual = c.isTagged() && CapBits.addKeepsTag(c.pesbt(), c.value(), increment);
        assertThat(actual).isEqualTo(expected);
    }

    @Property(tries = 5000)
    void smallIncrementsAgree(@ForAll("caps") Capability c, @ForAll short increment) {
        boolean expected = c.add(increment * 16L).isTagged();
        assertThat(c.isTagged() && CapBits.addKeepsTag(c.pesbt(), c.value(), increment * 16L)).isEqualTo(expected);
    }

    @Property(tries = 5000)
    void capabilityAddKeepsTagAgreesWithAddForAnyValue(@ForAll("caps") Capability c, @ForAll long value,
            @ForAll long increment) {
        // the register's value may differ from the cached object's: only pesbt and tag are shared
        boolean expected = Capability.of(c.pesbt(), value, c.isTagged()).add(increment).isTagged();
        assertThat(c.addKeepsTag(value, increment)).isEqualTo(expected);
        long near = c.value() + (increment >> 40);
        assertThat(c.addKeepsTag(near, increment >> 44))
                .isEqualTo(Capability.of(c.pesbt(), near, c.isTagged()).add(increment >> 44).isTagged());
    }

    @Property(tries = 2000)
    void fieldsAgree(@ForAll long pesbt) {
        Capability c = Capability.of(pesbt, 0, true);
        assertThat(CapBits.otype(pesbt)).isEqualTo(c.otype());
        assertThat(CapBits.perms(pesbt)).isEqualTo(c.perms());
        assertThat(CapBits.exponent(pesbt)).isEqualTo(c.exponent());
        assertThat(CapBits.bottom(pesbt)).isEqualTo(c.bottomField());
    }
}
