/** The Unikraft-like single-address-space kernel: boot, µprocesses, scheduling, system calls (facade: {@link org.uforklab.sasos.Kernel}). */
package org.uforklab.sasos;
