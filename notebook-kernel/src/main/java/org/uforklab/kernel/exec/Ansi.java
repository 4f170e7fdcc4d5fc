package org.uforklab.kernel.exec;

/**
 * The few ANSI styles used in tracebacks. Bold red and cyan read well on both light and dark notebook
 * themes (unlike black, JJava #57).
 */
final class Ansi {

    private Ansi() {
    }

    static String red(String s) {
        return "\u001b[1;31m" + s + "\u001b[0m";
    }

    static String cyan(String s) {
        return "\u001b[36m" + s + "\u001b[0m";
    }

    static String green(String s) {
        return "\u001b[32m" + s + "\u001b[0m";
    }
}
