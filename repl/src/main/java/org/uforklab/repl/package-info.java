/** {@code uforklab repl}: the JDK's JShell tool with the whole library and the lab's startup script, and a script runner for {@code .jsh} files. */
package org.uforklab.repl;
