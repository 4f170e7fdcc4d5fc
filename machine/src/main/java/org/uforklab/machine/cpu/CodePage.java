package org.uforklab.machine.cpu;

import org.uforklab.machine.mem.Frame;

/**
 * The predecode cache of one physical frame: for each word slot the word last decoded there and its
 * {@link Op}. A slot is used only while the frame still holds that word (compared at every fetch), so code
 * written by stores, DMA or the kernel is re-decoded without any invalidation protocol.
 */
final class CodePage {
    final Frame frame;
    final int[] words = new int[1024];
    final Op[] ops = new Op[1024];

    CodePage(Frame frame) {
        this.frame = frame;
    }
}
