package org.uforklab.machine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.uforklab.machine.mem.PhysicalMemory;

/**
 * The predecode cache's write-version fast path behaves exactly like comparing the code word at every fetch:
 * against a model of that scheme (a slot is decoded when the word fetched differs from the word last decoded
 * there), random writes to the code frame between runs of random length give the same results and the same
 * {@code cpu.decodes} count, including runs long enough for the page to be revalidated while some rewritten
 * slots are skipped (so revalidation finds changed words that are only fetched later, perhaps rewritten back).
 */
class PredecodeCacheProperties {

    /**
     * Slot 0 skips slots 1-4 when x9 is zero; slots 1-8 are {@code add x0, x0, #k} the steps rewrite; slot 9
     * branches back. Each pass runs from slot 0 to slot 9 inclusive.
     */
    static final String LOOP = """
            .text
            _start:
                cbz x9, tail
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
            tail:
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                b _start
            """;

    /**
     * One host write to the code frame (none for slot 0), then {@code passes} passes of the loop, skipping
     * slots 1-4 or not.
     */
    record Step(int slot, int imm, int path, int passes, boolean skip) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(
                Arbitraries.integers().between(0, 10),     // 0: no write; 9, 10: a word after the code
                Arbitraries.integers().between(1, 3),      // few distinct words, so A-B-A rewrites happen
                Arbitraries.integers().between(0, 2),      // write32, writeBytes, write64 of two slots
                Arbitraries.frequencyOf(
                        net.jqwik.api.Tuple.of(3, Arbitraries.integers().between(0, 3)),
                        net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(180, 300))),
                Arbitraries.of(false, true))
                .as(Step::new);
        return step.list().ofMaxSize(25);
    }

    @Property(tries = 150)
    void cachedDecodesMatchTheWordCompareModel(@ForAll("steps") List<Step> steps) {
        GuestLoader g = new GuestLoader(LOOP);
        PhysicalMemory mem = g.machine.memory();
        long pa = g.paOf(g.image.address("_start"));
        var decodes = g.cpu.core().stats().counter("cpu.decodes");

        int[] imm = {0, 1, 1, 1, 1, 1, 1, 1, 1, 0};
        int[] decodedImm = new int[10];  // 0: never decoded (slots 0 and 9 use -1 once decoded)
        long expectedDecodes = 0;
        long expectedX0 = 0;
        for (Step s : steps) {
            int word = SelfModifyingCodeTest.addX0(s.imm());
            long at = pa + (s.slot() < 9 ? 4L * s.slot() : 0x800 + 4L * s.slot());
            switch (s.slot() == 0 ? -1 : s.path()) {
                case -1 -> {
                    // no write: the page stays clean, or becomes clean again, with rewritten slots pending
                }
                case 0 -> mem.write32(at, word & 0xFFFF_FFFFL);
                case 1 -> mem.writeBytes(at, new byte[] {(byte) word, (byte) (word >> 8), (byte) (word >> 16), (byte) (word >>> 24)}, 0, 4);
                default -> {
                    // an aligned 8-byte store rewriting the slot and its neighbour with their current words
                    long pair = at & ~7L;
                    int lo = (int) mem.read32(pair);
                    int hi = (int) mem.read32(pair + 4);
                    if (pair == at) {
                        lo = word;
                    } else {
                        hi = word;
                    }
                    mem.write64(pair, (lo & 0xFFFF_FFFFL) | ((long) hi << 32));
                }
            }
            if (s.slot() > 0 && s.slot() < 9) {
                imm[s.slot()] = s.imm();
            }
            g.cpu.setX(9, s.skip() ? 0 : 1);
            for (int p = 0; p < s.passes(); p++) {
                int executed = 0;
                for (int i = 0; i < 10; i++) {
                    if (s.skip() && i >= 1 && i <= 4) {
                        continue;
                    }
                    int key = i == 0 || i == 9 ? -1 : imm[i];
                    if (decodedImm[i] != key) {
                        decodedImm[i] = key;
                        expectedDecodes++;
                    }
                    expectedX0 += i == 0 || i == 9 ? 0 : imm[i];
                    executed++;
                }
                RunResult r = g.cpu.run(executed);
                assertThat(r.reason()).isEqualTo(StopReason.INSTRUCTION_LIMIT);
                assertThat(g.cpu.pc()).isEqualTo(g.image.address("_start"));
            }
            assertThat(g.cpu.x(0)).isEqualTo(expectedX0);
            assertThat(decodes.get()).isEqualTo(expectedDecodes);
        }
    }
}
