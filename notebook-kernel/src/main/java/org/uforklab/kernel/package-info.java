/**
 * The uforklab Jupyter kernel: protocol through jjava-jupyter, cells evaluated by JShell in the kernel's
 * JVM, rich display, magics; {@link org.uforklab.kernel.Notebook} is the API cells use.
 */
package org.uforklab.kernel;
