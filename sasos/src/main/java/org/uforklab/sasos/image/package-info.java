/** Guest images: assembling and linking guest sources with the prelude and the native stubs they import. */
package org.uforklab.sasos.image;
