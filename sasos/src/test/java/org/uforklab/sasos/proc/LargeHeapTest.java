package org.uforklab.sasos.proc;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uforklab.machine.cap.Capability;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.image.GuestImage;

/** Large heaps: the heap segment is placed and sized so the heap capability is exact, and malloc works in it. */
class LargeHeapTest {

    @ParameterizedTest
    @ValueSource(longs = {256 << 10, 16 << 20, 117_002_240L, 1L << 30})
    void heapSegmentIsRepresentableAndMallocWorks(long heapMax) {
        ProcessLayout layout = ProcessLayout.of(GuestImage.bundled("natives"), LaunchOptions.defaults().withHeapMax(heapMax));
        Segment heap = layout.segment("heap");
        assertThat(heap.size()).isGreaterThanOrEqualTo(heapMax).isEqualTo(Capability.representableLength(heap.size()));
        assertThat(heap.start() & ~Capability.representableAlignmentMask(heap.size())).isZero();
        Kernel k = Kernel.boot();
        MicroProcess p = k.runUntilExit(k.launch(GuestImage.bundled("natives"), LaunchOptions.defaults().withHeapMax(heapMax)));
        assertThat(p.fault()).isNull();
        assertThat(p.exitCode()).isZero();
    }
}
