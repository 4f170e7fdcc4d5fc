/** The AArch64 stage-1 MMU with Morello's LC/SC/CDBM bits: registers, descriptors, table walk, TLB, table builder. */
package org.uforklab.machine.mmu;
