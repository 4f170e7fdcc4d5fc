/** Baselines μFork is compared with: the monolithic-OS copy-on-write fork (standing for CheriBSD) and a documented VM-clone cost model standing for Nephele. */
package org.uforklab.ufork.baseline;
