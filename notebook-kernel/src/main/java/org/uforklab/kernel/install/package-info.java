/** Installing the kernel: the kernelspec (kernel.json, logos, jars) and the {@code uforklab kernel} command. */
package org.uforklab.kernel.install;
