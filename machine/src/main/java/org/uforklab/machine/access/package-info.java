/** The one capability-checked, cost-charged memory access path used by instructions and kernel natives alike. */
package org.uforklab.machine.access;
