/** Files: the fd table, open-file descriptions, the console, pipes and the RAM file system. */
package org.uforklab.sasos.fs;
