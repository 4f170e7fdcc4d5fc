/** μFork: fork() inside one address space — strategies, capability relocation, the sharing table, fork statistics, the isolation checker. */
package org.uforklab.ufork;
