package org.keepalived4j.config.source;

/** Pure scans of one preprocessed line, as keepalived's read_line() does them. */
final class LineScan {
    private LineScan() {
    }

    /**
     * keepalived's {@code @id} / {@code @^id} filter: the line without its prefix when it applies
     * to {@code configId}, else "" (also when nothing follows the id).
     */
    static String conditional(String buf, String configId) {
        boolean reverse = buf.startsWith("@^");
        int ofs = reverse ? 2 : 1;
        int blank = indexOfBlank(buf, ofs);
        if (blank < 0) {
            return "";
        }
        boolean matches = buf.substring(ofs, blank).equals(configId);
        if (matches == reverse) {
            return "";
        }
        return Decomment.stripLeading(buf.substring(blank));
    }

    static int indexOfBlank(String s, int from) {
        for (int i = from; i < s.length(); i++) {
            if (s.charAt(i) == ' ' || s.charAt(i) == '\t') {
                return i;
            }
        }
        return -1;
    }

    /** The first '{' or '}' outside double quotes (0 when the line starts with one), or -1. */
    static int firstBrace(String s) {
        if (s.charAt(0) == '{' || s.charAt(0) == '}') {
            return 0;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                int q = s.indexOf('"', i + 1);
                if (q < 0) {
                    return -1;
                }
                i = q;
            } else if (c == '{' || c == '}') {
                return i;
            }
        }
        return -1;
    }
}
