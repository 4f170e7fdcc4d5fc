/**
 * The 129-bit Morello capability as an immutable value: bit-exact decode, bounds setting, representability,
 * permissions, sealing and the 16-byte memory image, ported from the Sail Morello model.
 */
package org.uforklab.machine.cap;
