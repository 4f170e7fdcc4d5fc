/** µprocesses (one contiguous region each, segment layout, capabilities) and their threads. */
package org.uforklab.sasos.proc;
