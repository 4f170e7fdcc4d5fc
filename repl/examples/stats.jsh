// Counters and emulated time: what the MMU and the checked path did. Run: ./uforklab repl repl/examples/stats.jsh
var lab = Lab.morello();
var heap = lab.mapData(0x100_0000, 64 * 4096);
lab.mmuOn();
var h = heap.cap();
var t0 = lab.time();

// Touch every page twice: the first access of a page walks the tables, the second hits in the TLB.
for (int round = 0; round < 2; round++) {
    for (long va = heap.va(); va < heap.end(); va += 4096) {
        lab.access().store64(h, va, va);
    }
}
lab.counter("core0.mmu.tlb.misses")
lab.counter("core0.mmu.tlb.hits")
lab.stats("core0.mmu")
lab.time().since(t0)

// The whole machine's non-zero counters, as a bounded table.
lab.stats()
lab.resetStats();
lab.stats().size()
