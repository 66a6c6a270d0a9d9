package org.keepalived4j.config.source;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading configuration files the way keepalived's fgets() loop sees them. */
final class SourceFiles {

    /**
     * A file's lines and keepalived's line count at EOF.
     *
     * @param lines    lines without their end-of-line characters, cut at a NUL
     * @param newlines the number of '\n'-terminated lines (keepalived's current_line_no at EOF)
     */
    record Text(List<String> lines, int newlines) {
    }

    private SourceFiles() {
    }

    /** Only '\n' ends a line (a lone '\r' inside a line stays part of it), as with fgets(). */
    static Text read(Path p) throws IOException {
        String content = Files.readString(p, StandardCharsets.ISO_8859_1);
        List<String> raw = new ArrayList<>(List.of(content.split("\n", -1)));
        int newlines = raw.size() - 1;
        if (raw.get(raw.size() - 1).isEmpty()) {
            raw.remove(raw.size() - 1);
        }
        List<String> lines = new ArrayList<>(raw.size());
        for (String r : raw) {
            lines.add(stripEol(r));
        }
        return new Text(lines, newlines);
    }

    /** C string semantics (keepalived reads lines with fgets into char buffers): a NUL ends the line. */
    static String stripEol(String s) {
        int nul = s.indexOf('\0');
        if (nul >= 0) {
            s = s.substring(0, nul);
        }
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == '\r' || s.charAt(end - 1) == '\n')) {
            end--;
        }
        return s.substring(0, end);
    }

    /** strerror() text of a failed open. */
    static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** The canonical path (links resolved), to recognise a file that includes itself. */
    static Path real(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            return p.toAbsolutePath().normalize();
        }
    }

    static Path parentOf(Path p) {
        Path parent = p.toAbsolutePath().getParent();
        return parent == null ? p.toAbsolutePath().getRoot() : parent;
    }
}
