/**
 * Magics ({@code %time}, {@code %%html}, {@code %vars}...) and the runner that splits a cell into magics and Java.
 */
package org.uforklab.kernel.magic;
