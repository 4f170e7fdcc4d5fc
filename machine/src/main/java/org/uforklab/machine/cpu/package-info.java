/** The Morello CPU: an interpreter executing A64 + Morello machine code in C64 (pure-capability) state. */
package org.uforklab.machine.cpu;
