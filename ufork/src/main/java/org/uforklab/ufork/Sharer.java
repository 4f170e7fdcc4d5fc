package org.uforklab.ufork;

import org.uforklab.sasos.proc.MicroProcess;

/**
 * A µprocess mapping a {@link SharedFrame} whose contents it has not yet had copied and relocated.
 *
 * @param process  the child (or grandchild...) mapping the frame
 * @param va       the page it maps the frame at
 * @param strategy how the sharing was set up (decides its PTE and which faults copy)
 * @param stats    the fork that created the sharing (lazy copies are counted there)
 */
public record Sharer(MicroProcess process, long va, ForkStrategy strategy, ForkStats stats) {
    @Override
    public String toString() {
        return String.format("pid %d @0x%x (%s)", process.pid(), va, strategy.shortName());
    }
}
