/**
 * Rich display: MIME bundles for uforklab objects (capabilities, page tables, stats), bounded HTML tables,
 * HTML/Markdown values, progress displays, and the renderer registry other libraries plug into.
 */
package org.uforklab.kernel.display;
