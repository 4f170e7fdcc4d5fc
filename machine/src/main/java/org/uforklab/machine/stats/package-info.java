/** A tree of named event counters (TLB hits, faults by kind, bytes copied, ...) with cheap increments, dump and reset. */
package org.uforklab.machine.stats;
