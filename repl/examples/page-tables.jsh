// A page-table tour: map pages, turn the MMU on, walk, look at PTEs, fault. Run: ./uforklab repl repl/examples/page-tables.jsh
var lab = Lab.morello();
var code = lab.mapCode(0x40_0000, 2 * 4096);
var heap = lab.mapData(0x41_0000, 4 * 4096);
lab.mmuOn();
lab.mappings()

// The walk the hardware does: one descriptor per level, then the output address.
lab.walk(0x41_2010)
lab.pte(0x41_2010)
// An address nothing maps: the walk stops at the invalid entry.
lab.walk(0x50_0000)

// Data through the checked access path, with a capability for the heap.
var h = heap.cap();
lab.access().store64(h, 0x41_2010, 0xC0FFEEL);
Hex.of(lab.access().load64(h, 0x41_2010))
Hex.of(lab.memory().read64(heap.pa() + 0x2010))

// Writing to code is a permission fault (the tables say read-only), reported as the hardware would.
try {
    lab.access().store64(Lab.cap(0x40_0000, 8192), 0x40_0000, 1);
} catch (ArchitecturalFault f) {
    System.out.println(f.getMessage());
    System.out.printf("ESR_EL1=0x%08x FAR_EL1=0x%x%n", f.esr(), f.va());
}

// Remove a mapping and invalidate the TLB: the walk now ends at an invalid entry.
lab.tables().unmap(0x41_3000);
lab.mmu().tlbiVa(0x41_3000, Lab.ASID);
lab.walk(0x41_3000).translated()
lab.tables()
lab
