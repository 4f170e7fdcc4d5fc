/** Emulated time: the cost model of named, sourced parameters and the per-core cycle counter. */
package org.uforklab.machine.time;
