/** The uforklab Jupyter kernel (filled by the kernel issue). */
package org.uforklab.kernel;
