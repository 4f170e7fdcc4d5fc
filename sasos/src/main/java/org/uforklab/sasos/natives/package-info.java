/** Natives: a small libc written in Java, reached from guest code through the host-call instruction. */
package org.uforklab.sasos.natives;
