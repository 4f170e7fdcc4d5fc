package org.uforklab.machine.cpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.mem.PhysicalMemory;
import org.uforklab.machine.mmu.PageAttributes;

/**
 * Code written after it was predecoded is executed as written: by the guest's own stores (through a data
 * alias of the code page, inside the pre-checked fetch window) and by host/kernel writes to physical memory
 * between runs, whichever {@link PhysicalMemory} write path they take.
 */
class SelfModifyingCodeTest {

    /** {@code add x0, x0, #imm} (64-bit ADD immediate, Rd = Rn = 0). */
    static int addX0(int imm) {
        return 0x9100_0000 | (imm << 10);
    }

    static final long ALIAS = 0x40_0000L;

    /** A guest whose code page is also mapped as data at {@link #ALIAS}; c5 points at {@code label} there. */
    private static GuestLoader withAlias(String source, String label, int newWord) {
        GuestLoader g = new GuestLoader(source);
        long text = g.image.section(".text").address() & ~0xFFFL;
        g.tables.map(ALIAS, g.paOf(text), PageAttributes.kernelData());
        long target = g.image.address(label);
        g.cpu.setC(5, g.dataCap(ALIAS + (target - text), 4));
        g.cpu.setX(6, newWord & 0xFFFF_FFFFL);
        return g;
    }

    private static long decodes(GuestLoader g) {
        return g.cpu.core().stats().counter("cpu.decodes").get();
    }

    @Test
    void guestStoreOverAnInstructionAlreadyExecutedIsSeenOnTheNextPass() {
        GuestLoader g = withAlias("""
                .text
                _start:
                    mov x2, #2
                loop:
                target:
                    add x0, x0, #1
                    str w6, [c5]
                    subs x2, x2, #1
                    b.ne loop
                    hlt #0
                """, "target", addX0(100));
        RunResult r = g.run();
        assertThat(r.reason()).isEqualTo(StopReason.STOPPED);
        assertThat(g.cpu.x(0)).isEqualTo(101);
        // six instructions decoded once, the patched one a second time
        assertThat(decodes(g)).isEqualTo(7);
    }

    @Test
    void guestStoreOverTheNextInstructionIsExecuted() {
        GuestLoader g = withAlias("""
                .text
                _start:
                    str w6, [c5]
                next:
                    add x0, x0, #1
                    hlt #0
                """, "next", addX0(100));
        g.run();
        assertThat(g.cpu.x(0)).isEqualTo(100);
    }

    @Test
    void guestStoreOfTheSameWordDoesNotRedecode() {
        GuestLoader g = withAlias("""
                .text
                _start:
                    mov x2, #3
                loop:
                target:
                    add x0, x0, #1
                    str w6, [c5]
                    subs x2, x2, #1
                    b.ne loop
                    hlt #0
                """, "target", addX0(1));
        g.run();
        assertThat(g.cpu.x(0)).isEqualTo(3);
        assertThat(decodes(g)).isEqualTo(6);
    }

    /** Runs one pass of eight {@code add x0, x0, #k} and a branch back, returning x0's increase. */
    private static long pass(GuestLoader g) {
        long before = g.cpu.x(0);
        RunResult r = g.cpu.run(9);
        assertThat(r.reason()).isEqualTo(StopReason.INSTRUCTION_LIMIT);
        return g.cpu.x(0) - before;
    }

    static final String EIGHT_ADDS = """
            .text
            _start:
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                add x0, x0, #1
                b _start
            """;

    @Test
    void everyPhysicalWritePathIsSeenByTheNextFetch() {
        GuestLoader g = new GuestLoader(EIGHT_ADDS);
        PhysicalMemory mem = g.machine.memory();
        long pa = g.paOf(g.image.address("_start"));
        assertThat(pass(g)).isEqualTo(8);

        mem.write32(pa, addX0(10));
        assertThat(pass(g)).isEqualTo(17);

        byte[] word = {(byte) addX0(20), (byte) (addX0(20) >> 8), (byte) (addX0(20) >> 16), (byte) (addX0(20) >>> 24)};
        mem.writeBytes(pa + 4, word, 0, 4);
        assertThat(pass(g)).isEqualTo(10 + 20 + 6);

        mem.writeCap(pa + 16, (addX0(3) & 0xFFFF_FFFFL) | ((addX0(3) & 0xFFFF_FFFFL) << 32),
                (addX0(3) & 0xFFFF_FFFFL) | ((addX0(3) & 0xFFFF_FFFFL) << 32), false);
        assertThat(pass(g)).isEqualTo(10 + 20 + 1 + 1 + 4 * 3);

        // copy the first page's code over itself from a page holding other code
        long other = g.paOf(GuestLoader.STACK_TOP - 4096);
        for (int i = 0; i < 9; i++) {
            mem.write32(other + 4L * i, i < 8 ? addX0(2) : mem.read32(pa + 32));
        }
        mem.copyPage(other, pa);
        assertThat(pass(g)).isEqualTo(16);

        // zeroes are UDF: the fetch decodes them and raises UNDEFINED
        mem.fill(pa + 8, 4, (byte) 0);
        long before = g.cpu.x(0);
        g.cpu.run(9);
        assertThat(g.cpu.x(0) - before).isEqualTo(4);
        assertThat(g.lastException().kind()).isEqualTo(ExceptionClass.UNDEFINED);
    }

    @Test
    void writesElsewhereInTheFrameKeepCachedDecodes() {
        GuestLoader g = new GuestLoader(EIGHT_ADDS);
        PhysicalMemory mem = g.machine.memory();
        long pa = g.paOf(g.image.address("_start"));
        pass(g);
        long d = decodes(g);
        for (int i = 0; i < 3 * CodePage.RECHECK_AFTER; i++) {
            mem.write64(pa + 0x800, i);
            assertThat(pass(g)).isEqualTo(8);
        }
        // no write reached the code: nothing re-decoded, however often the page was rechecked
        assertThat(decodes(g)).isEqualTo(d);
        for (int i = 0; i < 2 * CodePage.RECHECK_AFTER; i++) {
            pass(g);
        }
        assertThat(decodes(g)).isEqualTo(d);
    }

    @Test
    void aRewriteFoundWhileThePageIsRevalidatedIsDecodedWhenReached() {
        GuestLoader g = new GuestLoader(PredecodeCacheProperties.LOOP);
        PhysicalMemory mem = g.machine.memory();
        long pa = g.paOf(g.image.address("_start"));
        g.cpu.setX(9, 1);
        g.cpu.run(10);
        assertThat(g.cpu.x(0)).isEqualTo(8);
        long d = decodes(g);
        mem.write32(pa + 8, addX0(5));   // slot 2, skipped by the passes below
        mem.write32(pa + 12, addX0(7));  // slot 3, written back before it is reached
        g.cpu.setX(9, 0);
        for (int i = 0; i < 2 * CodePage.RECHECK_AFTER; i++) {
            g.cpu.run(6);
        }
        assertThat(decodes(g)).isEqualTo(d);
        mem.write32(pa + 12, addX0(1));
        g.cpu.setX(9, 0);
        for (int i = 0; i < 2 * CodePage.RECHECK_AFTER; i++) {
            g.cpu.run(6);
        }
        long x = g.cpu.x(0);
        g.cpu.setX(9, 1);
        g.cpu.run(10);
        assertThat(g.cpu.x(0) - x).isEqualTo(7 + 5);
        // slot 2 decoded again; slot 3 holds its old word again and is not
        assertThat(decodes(g)).isEqualTo(d + 1);
    }
}
