/** Display of results as plain text: bounded tables (a head and a count) and hex values; renderers for other media sit beside these. */
package org.uforklab.lab.display;
