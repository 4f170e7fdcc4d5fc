package org.uforklab.sasos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.mmu.Descriptor;
import org.uforklab.machine.mmu.Mapping;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.mm.AddressSpace;
import org.uforklab.sasos.proc.LaunchOptions;
import org.uforklab.sasos.proc.MicroProcess;

/**
 * The static heap is demand-zero: in the single address space every page maps the zero frame read-only until its
 * first write gives it a frame of its own; a process's own address space (the monolithic kernel) has no PTE for it
 * until it is touched. A memset across several demand-zero pages takes one fault per page, each resolved where it
 * happens: the native runs once.
 */
class DemandZeroTest {

    /** memset over heap pages 2..5 (the third to the sixth), then exit 0. */
    static final String TOUCH = """
            .text
            .global _start
            _start:
                    mrs     c19, ctpidr_el0
                    ldr     c19, [c19, #TLS_HEAP]
                    mov     x9, #8192
                    add     c0, c19, x9
                    mov     w1, #0x5a
                    mov     x2, #16384
                    bl      memset
                    mov     x0, #0
                    sys     exit
            """;

    private static final LaunchOptions HEAP = LaunchOptions.defaults().withHeap(16 * 4096);

    @Test
    void theHeapMapsTheZeroFrameUntilWrittenAndAMemsetRunsOnce() {
        Kernel k = Kernel.boot();
        long zero = k.frames().zeroFrame();
        MicroProcess p = k.launch(GuestImage.of("touch", TOUCH), HEAP);
        long heap = p.segment("heap").start();
        AddressSpace as = k.addressSpace();
        for (int i = 0; i < 16; i++) {
            Mapping m = as.lookup(heap + i * 4096L).orElseThrow();
            assertThat(m.pa()).as("heap page %d before", i).isEqualTo(zero);
            assertThat(Descriptor.ap(m.descriptor())).isEqualTo(Descriptor.AP_RO_EL1);
        }
        long framesBefore = k.frames().inUse();
        k.runUntil(() -> p.isDead(), Long.MAX_VALUE);
        assertThat(p.exitCode()).as("%s", p.fault()).isZero();
        for (int i = 0; i < 16; i++) {
            Mapping m = as.lookup(heap + i * 4096L).orElseThrow();
            boolean written = i >= 2 && i < 6;
            assertThat(m.pa() == zero).as("heap page %d after", i).isEqualTo(!written);
            if (written) {
                assertThat(Descriptor.ap(m.descriptor())).isEqualTo(Descriptor.AP_RW_EL1);
                assertThat(k.machine().memory().read8(m.pa() + 123)).isEqualTo(0x5a);
            }
        }
        assertThat(k.frames().inUse() - framesBefore).as("one frame per written page").isEqualTo(4);
        assertThat(k.machine().memory().read64(zero)).as("the zero frame stays zero").isZero();
        assertThat(k.machine().stats().get("kernel.demandZeroFaults")).isEqualTo(4);
        assertThat(k.machine().stats().get("kernel.native.memset")).as("resumed in place, not re-run").isEqualTo(1);
    }

    @Test
    void aProcessAddressSpaceMapsNothingUntilTouched() {
        Kernel k = Kernel.boot(KernelConfig.defaults().withAddressSpaces(AddressSpaceModel.PER_PROCESS));
        MicroProcess p = k.launch(GuestImage.of("touch", TOUCH), HEAP);
        long heap = p.segment("heap").start();
        AddressSpace as = k.spaceOf(p);
        for (int i = 0; i < 16; i++) {
            assertThat(as.isMapped(heap + i * 4096L)).as("heap page %d before", i).isFalse();
        }
        k.runUntil(() -> p.isDead(), Long.MAX_VALUE);
        assertThat(p.exitCode()).as("%s", p.fault()).isZero();
        for (int i = 0; i < 16; i++) {
            assertThat(as.isMapped(heap + i * 4096L)).as("heap page %d after", i).isEqualTo(i >= 2 && i < 6);
        }
        assertThat(k.machine().stats().get("kernel.demandZeroFaults")).isEqualTo(4);
    }
}
