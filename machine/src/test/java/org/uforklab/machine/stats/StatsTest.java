package org.uforklab.machine.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void countersAreFoundByPathAndScoped() {
        Stats root = new Stats();
        Stats core0 = root.scope("core0");
        Counter hits = core0.counter("mmu.tlb.hits");
        hits.inc();
        hits.add(4);
        core0.counter("mmu.tlb.misses").inc();
        root.counter("mem.bytesCopied").add(4096);
        assertThat(root.get("core0.mmu.tlb.hits")).isEqualTo(5);
        assertThat(core0.get("mmu.tlb.hits")).isEqualTo(5);
        assertThat(hits.path()).isEqualTo("core0.mmu.tlb.hits");
        assertThat(root.sum("core0.mmu")).isEqualTo(6);
        assertThat(root.find("nope")).isEmpty();
        assertThat(core0.snapshot()).containsExactly(
                java.util.Map.entry("mmu.tlb.hits", 5L), java.util.Map.entry("mmu.tlb.misses", 1L));
        assertThat(core0.counter("mmu.tlb.hits")).isSameAs(hits);
    }

    @Test
    void resetOfAScopeLeavesTheRest() {
        Stats root = new Stats();
        root.counter("core0.a").inc();
        root.counter("core1.a").inc();
        root.scope("core0").reset();
        assertThat(root.get("core0.a")).isZero();
        assertThat(root.get("core1.a")).isEqualTo(1);
        root.reset();
        assertThat(root.get("core1.a")).isZero();
    }

    @Test
    void scopeSumDoesNotIncludeSiblingsWithACommonPrefix() {
        Stats root = new Stats();
        root.counter("core1.x").add(2);
        root.counter("core10.x").add(3);
        assertThat(root.sum("core1")).isEqualTo(2);
    }

    @Test
    void dumpIsAnIndentedTree() {
        Stats root = new Stats();
        root.counter("core0.mmu.tlb.hits").add(1234);
        root.counter("core0.mmu.tlb.misses").add(5);
        root.counter("mem.bytesCopied").add(8192);
        assertThat(root.dump()).isEqualTo("""
                core0
                  mmu
                    tlb
                      hits     1,234
                      misses       5
                mem
                  bytesCopied  8,192
                """);
    }

    @Test
    void dumpCanLeaveOutZeros() {
        Stats root = new Stats();
        root.counter("a.x").inc();
        root.counter("a.y");
        root.counter("b.z");
        assertThat(root.dump(true)).isEqualTo("a\n  x  1\n");
        assertThat(new Stats().dump()).isEqualTo("(no counters)\n");
    }

    @Test
    void badPathsAndUnknownCountersAreNamed() {
        Stats root = new Stats();
        assertThatThrownBy(() -> root.counter("a..b")).hasMessageContaining("bad counter path 'a..b'");
        assertThatThrownBy(() -> root.get("x.y")).hasMessageContaining("no counter 'x.y'");
    }
}
