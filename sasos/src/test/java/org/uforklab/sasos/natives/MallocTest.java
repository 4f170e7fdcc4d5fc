package org.uforklab.sasos.natives;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.uforklab.machine.cap.Capability;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.image.GuestImage;
import org.uforklab.sasos.proc.MicroProcess;
import org.uforklab.sasos.proc.Signals;
import org.uforklab.sasos.proc.WaitStatus;

class MallocTest {

    @Test
    void allocatorMetadataLivesInGuestMemory() {
        Kernel k = Kernel.boot();
        MicroProcess p = k.launch(GuestImage.of("m", """
                .text
                .global _start
                _start:
                    mov x0, #40
                    bl malloc
                    mov c19, c0
                    mov x0, #24
                    bl malloc
                    mov c0, c19
                    bl free
                    mov x0, #0
                    sys exit
                """));
        k.runUntilExit(p);
        assertThat(p.exitCode()).isZero();
        long heap = p.segment("heap").start();
        var in = k.inspect();
        byte[] hdr = in.memory(heap, 32);
        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(hdr).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(bb.getLong(0)).isEqualTo(Malloc.MAGIC);
        assertThat(bb.getLong(8)).isEqualTo(32 + 16 + 48 + 16 + 32); // two blocks after the header
        assertThat(bb.getLong(16)).isEqualTo(32);                      // the freed first block heads the free list
        byte[] first = in.memory(heap + 32, 16);
        assertThat(java.nio.ByteBuffer.wrap(first).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong(0)).isEqualTo(48);
    }

    @Test
    void doubleFreeAbortsTheGuest() {
        Kernel k = Kernel.boot();
        MicroProcess p = k.launch(GuestImage.of("df", """
                .text
                .global _start
                _start:
                    mov x0, #16
                    bl malloc
                    mov c19, c0
                    bl free
                    mov c0, c19
                    bl free
                    mov x0, #0
                    sys exit
                """));
        k.runUntilExit(p);
        assertThat(p.waitStatus()).isEqualTo(WaitStatus.signaled(6));
        assertThat(p.fault().kind()).contains("double free");
        assertThat(Signals.name(6)).isNotEmpty();
    }

    @Test
    void largeAllocationsGrowTheHeapAndAreExactlyBounded() {
        Kernel k = Kernel.boot();
        MicroProcess p = k.launch(GuestImage.of("big", """
                .text
                .global _start
                _start:
                    movz x0, #0x3, lsl #16      // 192 KiB > the 64 KiB static heap
                    bl malloc
                    gclen x1, c0
                    movz x2, #0x3, lsl #16
                    cmp x1, x2
                    b.ne 1f
                    mov x1, #1
                    movz x2, #0x2, lsl #16
                    strb w1, [c0, x2]           // inside the grown heap
                    mov x0, #0
                    sys exit
                1:  mov x0, #1
                    sys exit
                """));
        long before = p.heapEnd();
        k.runUntilExit(p);
        assertThat(p.exitCode()).as(String.valueOf(p)).isZero();
        assertThat(p.heapEnd()).isGreaterThan(before);
        assertThat(Capability.representableLength(0x30000)).isEqualTo(0x30000);
    }
}
