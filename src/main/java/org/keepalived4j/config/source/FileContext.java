package org.keepalived4j.config.source;

import java.nio.file.Path;

/**
 * A configuration file being read, with the chain of files that included it (to refuse include
 * cycles).
 *
 * @param display the name diagnostics use (as matched, relative to the including file)
 * @param dir     the directory relative includes and {@code ${_PWD}} resolve against
 * @param main    the one file named on the command line (its lines render as "(Line N)")
 * @param depth   include nesting: 0 for the main file
 * @param path    the file's real path
 * @param parent  the file that included this one; null for the main file
 */
record FileContext(String display, Path dir, boolean main, int depth, Path path, FileContext parent) {

    /** Whether {@code p} is this file or one of the files that (transitively) included it. */
    boolean includes(Path p) {
        for (FileContext f = this; f != null; f = f.parent()) {
            if (f.path().equals(p)) {
                return true;
            }
        }
        return false;
    }
}
