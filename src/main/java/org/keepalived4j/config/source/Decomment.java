package org.keepalived4j.config.source;

/**
 * keepalived's decomment(): strips {@code !} and {@code #} comments outside double quotes,
 * turns {@code \#} and {@code \!} outside quotes into literal characters, trims blanks, and keeps
 * a trailing {@code \} (which only means something inside a multi-line definition).
 */
public final class Decomment {

    /**
     * @param text               the line without comments, trimmed
     * @param unterminatedQuote  true when a double quote was left open
     */
    public record Result(String text, boolean unterminatedQuote) {
    }

    private Decomment() {
    }

    public static Result apply(String line) {
        String s = stripLeading(line);
        StringBuilder out = new StringBuilder(s.length());
        boolean quote = false;
        boolean cont = false;
        int commentAt = -1;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                if (commentAt < 0) {
                    quote = !quote;
                }
                out.append(c);
            } else if (c == '\\') {
                if (i + 1 < s.length()) {
                    char n = s.charAt(i + 1);
                    if (!quote && (n == '#' || n == '!')) {
                        out.append(n);          // escaped comment character: literal
                    } else {
                        out.append(c).append(n);
                    }
                    i++;
                } else {
                    cont = true;                 // trailing backslash
                }
            } else {
                if (!quote && commentAt < 0 && (c == '!' || c == '#')) {
                    commentAt = out.length();
                }
                out.append(c);
            }
        }
        String text = commentAt >= 0 ? out.substring(0, commentAt) : out.toString();
        text = stripTrailingBlanks(text);
        if (cont) {
            text = text + "\\";
        }
        return new Result(text, quote);
    }

    static String stripLeading(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return s.substring(i);
    }

    static String stripTrailingBlanks(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(0, end);
    }
}
