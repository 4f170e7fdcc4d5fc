/** Baselines μFork is compared with: a documented VM-clone cost model standing for Nephele. */
package org.uforklab.ufork.baseline;
