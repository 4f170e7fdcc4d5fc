/** The {@code uforklab} command line: one small picocli command class per subcommand. */
package org.uforklab.cli;
