package org.uforklab.kernel.exec;

import java.util.List;

/**
 * Completion candidates replacing the cell text between {@code start} and {@code end}.
 *
 * @param matches candidates, those whose type fits the context first
 * @param start   offset in the cell where the replaced text begins
 * @param end     offset where it ends (the cursor)
 */
public record Completion(List<String> matches, int start, int end) {

    public Completion {
        matches = List.copyOf(matches);
    }
}
