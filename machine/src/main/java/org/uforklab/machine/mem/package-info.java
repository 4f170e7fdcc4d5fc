/** Sparse tagged physical memory: 4 KiB frames allocated on first touch, one tag bit per 16-byte granule. */
package org.uforklab.machine.mem;
