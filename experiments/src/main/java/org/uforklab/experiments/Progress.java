package org.uforklab.experiments;

/** Progress of a long run: a known number of steps, each finished with a short message. */
public interface Progress {
    /** Ignores everything. */
    Progress NONE = new Progress() {
        @Override
        public void start(String what, int steps) {
        }

        @Override
        public void step(String message) {
        }

        @Override
        public void done() {
        }
    };

    /** A run of {@code steps} steps begins. */
    void start(String what, int steps);

    /** One step finished. */
    void step(String message);

    /** The run finished. */
    void done();
}
