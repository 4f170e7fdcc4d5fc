/** The lab: a small facade over the library for interactive work (JShell, notebooks) and its startup script. */
package org.uforklab.lab;
