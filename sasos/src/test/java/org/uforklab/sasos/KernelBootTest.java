package org.uforklab.sasos;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.sasos.mm.VirtualLayout;
import org.uforklab.sasos.proc.MicroProcess;

class KernelBootTest {

    @Test
    void bootRunsInitLevelsInOrderAndReportsRegions() {
        Kernel k = Kernel.boot();
        BootReport r = k.bootReport();
        assertThat(r.steps()).extracting(BootReport.Step::level).isSorted();
        assertThat(r.steps()).extracting(BootReport.Step::level).contains(InitLevel.values());
        assertThat(r.regions()).extracting(BootReport.Region::name).contains("kernel text", "kernel heap", "page tables", "µprocesses");
        String text = r.toString();
        System.out.println(text);
        assertThat(text).contains("[early]").contains("[late]").contains("kernel heap").contains("0x10000000");
        assertThat(k.addressSpace().isMapped(VirtualLayout.KERNEL_TEXT)).isTrue();
        assertThat(k.addressSpace().isMapped(VirtualLayout.KERNEL_HEAP)).isTrue();
        assertThat(k.frames().inUse()).isGreaterThan(0);
    }

    @Test
    void emulatedTimeConvertsPastFourSecondsWithoutOverflow() {
        Kernel k = Kernel.boot();
        long hz = k.machine().config().clockHz();
        assertThat(k.nanos(hz)).isEqualTo(1_000_000_000L);
        // 9.25e9 cycles (3.7 s at 2.5 GHz): cycles x 10^9 exceeds Long.MAX_VALUE though its 128-bit high half is 0
        long c = 9_250_000_000L;
        assertThat(k.nanos(c)).isPositive().isCloseTo((long) (c * 1e9 / hz), org.assertj.core.data.Offset.offset(1000L));
        assertThat(k.nanos(100 * hz)).isCloseTo(100_000_000_000L, org.assertj.core.data.Offset.offset(1000L));
    }

    @Test
    void helloWorldWritesToTheConsoleAndExitsZero() {
        Kernel k = Kernel.boot(KernelConfig.defaults().withStrace(true));
        MicroProcess p = k.launch("hello");
        k.runUntilExit(p);
        System.out.println(k.strace());
        System.out.println(p);
        assertThat(p.console()).isEqualTo("hello, world\n");
        assertThat(p.exitCode()).isEqualTo(0);
        assertThat(k.strace().lines()).hasSize(2);
        assertThat(k.strace().lines().get(0)).contains("write(1, ").contains("\"hello, world\\n\", 13) = 13");
    }
}
