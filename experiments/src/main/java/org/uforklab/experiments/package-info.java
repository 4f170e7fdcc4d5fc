/** Experiments: definitions with paper-default parameters, runs, result tables, charts, JSON and the paper's reference data. */
package org.uforklab.experiments;
