/** uFork: fork() inside one address space, and its baselines (filled by the uFork issue). */
package org.uforklab.ufork;
