/** The experiments' guest programs (assembly in resources/experiments/guests) and the harness that drives them. */
package org.uforklab.experiments.guests;
