/** The JShell REPL (filled by the REPL issue). */
package org.uforklab.repl;
