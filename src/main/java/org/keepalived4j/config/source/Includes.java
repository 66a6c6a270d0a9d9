package org.keepalived4j.config.source;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Glob resolution for configuration files as keepalived does it (open_and_check_glob(),
 * check_glob_file() in lib/parser.c): glob(3) with GLOB_BRACE, relative patterns resolved
 * against the directory of the including file, matches sorted, directories and executable
 * files skipped.
 */
public final class Includes {

    /** include_t bits: which problems are errors for this include variant. */
    public static final int READ = 1;
    public static final int MATCH = 2;
    public static final int WILDCARD = 4;
    public static final int BRACE = 8;

    /** A file that matched: the name keepalived prints and where it is. */
    public record Match(String display, Path path) {
    }

    /**
     * A problem. {@code errorBit} says which include_t bit makes it an error
     * (it is only a log line when the include variant does not have that bit).
     */
    public record Problem(int errorBit, String message) {
    }

    /** The matches and problems of one include. */
    public record Resolution(List<Match> matches, List<Problem> problems) {
    }

    private Includes() {
    }

    /** The include variant of a line, or -1 when the line is not an include (is_include()). */
    public static int includeType(String line) {
        if (!line.startsWith("include") || line.length() < 8) {
            return -1;
        }
        char c = line.charAt(7);
        if (c == ' ' || c == '\t') {
            return 0;
        }
        if (line.length() > 8 && (line.charAt(8) == ' ' || line.charAt(8) == '\t')) {
            switch (c) {
                case 'r': return READ;
                case 'm': return READ | MATCH;
                case 'w': return READ | MATCH | WILDCARD;
                case 'b': return READ | BRACE;
                case 'a': return READ | MATCH | WILDCARD | BRACE;
                default: return -1;
            }
        }
        return -1;
    }

    /** The pattern after the include keyword. */
    public static String includePattern(String line, int type) {
        return line.substring(type == 0 ? 8 : 9).strip();
    }

    /**
     * Resolve a pattern.
     *
     * @param pattern the pattern as written
     * @param baseDir the directory relative patterns are resolved against
     */
    public static Resolution resolve(String pattern, Path baseDir) {
        try {
            return resolveChecked(pattern, baseDir);
        } catch (java.nio.file.InvalidPathException e) {
            return new Resolution(List.of(), List.of(new Problem(READ, "Error reading config file(s): invalid path \""
                    + pattern + "\", skipping.")));
        }
    }

    private static Resolution resolveChecked(String pattern, Path baseDir) {
        List<Match> matches = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        boolean wildcards = false;
        boolean missing = false;
        for (String alt : expandBraces(pattern)) {
            boolean hasWild = alt.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[');
            wildcards |= hasWild;
            List<String> found = new ArrayList<>();
            missing |= glob(alt, baseDir, found);
            for (String f : found) {
                Path path = baseDir.resolve(f).normalize();
                // glob() runs with GLOB_MARK: a directory match is printed with a trailing '/'
                // (keepalived 2.2.7: "Configuration file 'dir.conf/' is a directory - skipping").
                matches.add(new Match(Files.isDirectory(path) && !f.endsWith("/") ? f + "/" : f, path));
            }
        }
        if (matches.isEmpty()) {
            if (missing) {
                problems.add(new Problem(pattern.contains("{") ? BRACE : MATCH,
                        "Config files missing '" + pattern + "'."));
            } else if (wildcards) {
                problems.add(new Problem(WILDCARD, "No config files matched '" + pattern + "'."));
            }
        } else if (missing) {
            problems.add(new Problem(BRACE, "Some config files missing: \"" + pattern + "\"."));
        }
        return new Resolution(matches, problems);
    }

    /**
     * check_glob_file(): a match must be a regular, non-executable file.
     *
     * @return null when it may be read, else the problem (an error for includes with READ)
     */
    public static Problem checkFile(Match m) {
        if (Files.isDirectory(m.path())) {
            return new Problem(READ, "Configuration file '" + m.display() + "' is a directory - skipping");
        }
        boolean ok = Files.isRegularFile(m.path());
        if (ok) {
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(m.path());
                ok = !perms.contains(PosixFilePermission.OWNER_EXECUTE)
                        && !perms.contains(PosixFilePermission.GROUP_EXECUTE)
                        && !perms.contains(PosixFilePermission.OTHERS_EXECUTE);
            } catch (IOException | UnsupportedOperationException e) {
                ok = true;
            }
        }
        return ok ? null : new Problem(READ,
                "Configuration file '" + m.display() + "' is not a regular non-executable file - skipping");
    }

    /** csh-style brace expansion, nested, left to right (GLOB_BRACE; glibc expands "a{}b" to "ab"). */
    public static List<String> expandBraces(String s) {
        int open = -1;
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '{') {
                if (depth++ == 0) {
                    open = i;
                }
            } else if (c == '}' && depth > 0 && --depth == 0) {
                List<String> parts = splitTop(s.substring(open + 1, i));
                List<String> out = new ArrayList<>();
                for (String part : parts) {
                    out.addAll(expandBraces(s.substring(0, open) + part + s.substring(i + 1)));
                }
                return out;
            }
        }
        return List.of(s);
    }

    private static List<String> splitTop(String inner) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        parts.add(inner.substring(start));
        return parts;
    }

    /**
     * Match one brace-free pattern segment by segment.
     *
     * @return true when a literal component (or a directory) was missing
     */
    private static boolean glob(String pattern, Path baseDir, List<String> out) {
        boolean absolute = pattern.startsWith("/");
        String[] segs = pattern.split("/+");
        List<String> current = new ArrayList<>();
        current.add(absolute ? "/" : "");
        boolean missing = false;
        for (int i = 0; i < segs.length; i++) {
            String seg = segs[i];
            if (seg.isEmpty()) {
                continue;
            }
            boolean last = i == segs.length - 1;
            List<String> next = new ArrayList<>();
            boolean wild = seg.chars().anyMatch(ch -> ch == '*' || ch == '?' || ch == '[');
            for (String prefix : current) {
                Path dir = prefix.isEmpty() ? baseDir : baseDir.resolve(prefix);
                if (!wild) {
                    String cand = prefix + (prefix.isEmpty() || prefix.endsWith("/") ? "" : "/") + unescape(seg);
                    if (Files.exists(baseDir.resolve(cand), LinkOption.NOFOLLOW_LINKS)) {
                        next.add(cand);
                    } else {
                        missing = true;
                    }
                    continue;
                }
                if (!Files.isDirectory(dir)) {
                    missing = true;
                    continue;
                }
                PathMatcher m;
                try {
                    m = FileSystems.getDefault().getPathMatcher("glob:" + toJavaGlob(seg));
                } catch (java.util.regex.PatternSyntaxException e) {
                    String literal = seg;
                    m = p -> p.toString().equals(literal);
                }
                Set<String> names = new TreeSet<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path p : ds) {
                        String name = p.getFileName().toString();
                        if (name.startsWith(".") && !seg.startsWith(".")) {
                            continue;
                        }
                        if (m.matches(p.getFileName()) && (last || Files.isDirectory(p))) {
                            names.add(name);
                        }
                    }
                } catch (IOException e) {
                    missing = true;
                }
                for (String n : names) {
                    next.add(prefix + (prefix.isEmpty() || prefix.endsWith("/") ? "" : "/") + n);
                }
            }
            current = next;
        }
        if (!current.isEmpty() && !(current.size() == 1 && current.get(0).isEmpty())) {
            out.addAll(current);
        }
        return missing;
    }

    /**
     * glob(7) to java.nio glob: bracket negation is '!' in both; Java-only specials are escaped,
     * and a '[' without its ']' is literal (as glob(3) treats it).
     */
    static String toJavaGlob(String seg) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < seg.length(); i++) {
            char c = seg.charAt(i);
            if (c == '{' || c == '}' || c == ',' || (c == '[' && seg.indexOf(']', i + 2) < 0)) {
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    private static String unescape(String seg) {
        return seg.replaceAll("\\\\(.)", "$1");
    }
}
