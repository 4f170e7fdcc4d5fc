/** System calls: numbers, dispatch from sentry and trap entries, argument checks, the strace decorator. */
package org.uforklab.sasos.syscall;
