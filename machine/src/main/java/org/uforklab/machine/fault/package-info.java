/** Architectural faults: the kinds with their DFSC codes, and the exception that reports one with its ISS/ESR. */
package org.uforklab.machine.fault;
