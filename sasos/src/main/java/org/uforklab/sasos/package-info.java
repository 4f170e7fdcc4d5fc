/** The Unikraft-like single-address-space kernel (filled by the kernel issue). */
package org.uforklab.sasos;
