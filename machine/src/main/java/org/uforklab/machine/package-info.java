/** The emulated Arm Morello machine: the hardware, knowing nothing of processes. */
package org.uforklab.machine;
