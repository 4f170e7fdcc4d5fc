package org.uforklab.machine.isa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The table itself: ids, names, the id constants of the families, and the pattern language. */
class EncodingTableTest {

    static final EncodingTable T = EncodingTable.standard();

    static final List<Class<?>> FAMILIES = List.of(MorelloCapabilityOps.class, MorelloLoadStore.class,
        MorelloBranches.class, MorelloSystem.class, A64Branches.class, A64System.class,
        A64DataProcessingImmediate.class, A64DataProcessingRegister.class, A64LoadStore.class, A64Atomics.class);

    @Test
    void everyIdConstantNamesARegisteredEncodingOfItsFamily() throws Exception {
        Set<Integer> seen = new HashSet<>();
        for (Class<?> family : FAMILIES) {
            for (Field f : family.getDeclaredFields()) {
                if (f.getType() != int.class || !Modifier.isStatic(f.getModifiers()) || !Modifier.isPublic(f.getModifiers())) {
                    continue;
                }
                int id = f.getInt(null);
                Encoding e = T.byId(id);
                assertThat(e.isSupported()).as("%s.%s = 0x%x", family.getSimpleName(), f.getName(), id).isTrue();
                assertThat(e.family()).isEqualTo(family.getSimpleName());
                assertThat(seen.add(id)).isTrue();
                // the constant is named after the encoding
                String stem = e.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "");
                assertThat(f.getName().replace("_", "")).as(f.getName() + " for " + e.name()).startsWith(stem.substring(0, 2));
            }
        }
        assertThat(seen).hasSize(T.encodings().size());
    }

    @Test
    void atomicsConstantsMatchTheirEncodingNames() throws Exception {
        for (Field f : A64Atomics.class.getDeclaredFields()) {
            if (f.getType() == int.class && Modifier.isPublic(f.getModifiers())) {
                assertThat(T.byId(f.getInt(null)).name()).isEqualTo(f.getName().toLowerCase(Locale.ROOT));
            }
        }
    }

    @Test
    void lookups() {
        assertThat(T.byName("ldp_gen")).hasSize(6); // 32/64-bit x post, pre, offset
        assertThat(T.byName("SCBNDS-C.CI-S")).extracting(Encoding::id).containsExactly(MorelloCapabilityOps.SCBNDS_C_CI_S);
        assertThat(T.byId(0).isSupported()).isFalse();
        assertThat(T.byId(99999).isSupported()).isFalse();
        assertThat(T.syntaxes("b.eq")).hasSize(1);
        assertThat(T.syntaxes("LDR")).isNotEmpty();
        assertThat(T.toString()).contains("encodings");
    }

    @Test
    void patternsMustCoverThirtyTwoBits() {
        assertThatThrownBy(() -> Encoding.define(1, "short", "0101 Rd:5"))
            .hasMessageContaining("covers 9 bits");
        assertThatThrownBy(() -> Encoding.define(1, "bad", "0101 Rd?5 11111111111111111111111"))
            .hasMessageContaining("bad pattern token");
        assertThatThrownBy(() -> Encoding.define(0, "zero", "00000000000000000000000000000000"))
            .hasMessageContaining("ids are positive");
    }

    @Test
    void patternFieldsAndFixedBits() {
        Encoding e = T.byId(MorelloCapabilityOps.SCBNDS_C_CI_S);
        assertThat(e.mask()).isEqualTo(0xffe07c00);
        assertThat(e.match()).isEqualTo(0xc2c07800);
        assertThat(e.fields()).extracting(org.uforklab.machine.isa.Field::name)
            .containsExactly("Cd", "Cn", "S", "imm6");
        assertThat(e.field("imm6")).isEqualTo(new org.uforklab.machine.isa.Field("imm6", 15, 6));
        assertThat(e.toString()).contains("SCBNDS-C.CI-S").contains("MorelloCapabilityOps");
        // size=1x fixes only the top bit of size
        Encoding ldadd = T.byName("ldadd").get(0);
        assertThat(ldadd.mask() >>> 30).isEqualTo(2);
    }
}
