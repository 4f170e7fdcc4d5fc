package org.uforklab.kernel.exec;

/**
 * A variable defined in the notebook session.
 *
 * @param name  its name
 * @param type  its declared type as written
 * @param value its value as JShell prints it
 */
public record Variable(String name, String type, String value) {
}
