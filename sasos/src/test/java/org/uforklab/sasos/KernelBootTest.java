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
