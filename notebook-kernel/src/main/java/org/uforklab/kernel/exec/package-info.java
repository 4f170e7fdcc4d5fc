/**
 * Evaluating notebook cells: JShell in the kernel's own JVM, with interruptible, exit-safe snippet code.
 */
package org.uforklab.kernel.exec;
