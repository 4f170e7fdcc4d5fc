/** Memory management of the kernel: virtual layout, frame allocator, kernel heap, the shared translation tables. */
package org.uforklab.sasos.mm;
