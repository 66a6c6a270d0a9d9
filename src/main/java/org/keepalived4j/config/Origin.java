package org.keepalived4j.config;

/**
 * Where a configuration line came from.
 *
 * @param file     the file name as keepalived prints it: the {@code -f} argument for the main file,
 *                 the glob match (relative to the including file's directory) for an include
 * @param line     1-based physical line number in that file; 0 when not tied to a line
 * @param mainFile true for the file named by {@code -f} when it matched exactly one file: keepalived's
 *                 parent process omits the name for such lines ({@code (Line N)})
 */
public record Origin(String file, int line, boolean mainFile) {

    /** Diagnostics not tied to a line (cross-object validation, end of file). */
    public static final Origin NONE = new Origin("", 0, true);

    public Origin {
        if (file == null) {
            throw new IllegalArgumentException("file must not be null");
        }
    }

    public boolean isNone() {
        return line == 0;
    }

    @Override
    public String toString() {
        return isNone() ? "(no line)" : file + ":" + line;
    }
}
