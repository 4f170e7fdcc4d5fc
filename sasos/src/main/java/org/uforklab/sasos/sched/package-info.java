/** Cooperative per-core scheduling, wait queues, emulated-time sleep and the big kernel lock. */
package org.uforklab.sasos.sched;
