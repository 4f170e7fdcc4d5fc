/** Readable reports of the faults that kill guests. */
package org.uforklab.sasos.fault;
