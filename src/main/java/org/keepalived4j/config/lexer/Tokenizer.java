package org.keepalived4j.config.lexer;

import java.util.ArrayList;
import java.util.List;

/**
 * keepalived's two word splitters (lib/parser.c).
 * <ul>
 *   <li>{@link #words}: alloc_strvec_r(), the general one: blanks separate words, a word starting
 *       with {@code "} runs to the next {@code "} (quotes dropped, blanks kept), single quotes
 *       are ordinary characters.</li>
 *   <li>{@link #quotedEscaped}: alloc_strvec_quoted_escaped(), for script command lines: both
 *       quote kinds, quotes may be glued to adjacent text, and backslash escapes are decoded.</li>
 * </ul>
 */
public final class Tokenizer {

    /** The result of splitting: the words, and an error text when a quote was left open. */
    public record Words(List<String> words, String error) {
        public boolean ok() {
            return error == null;
        }
    }

    private static final String WHITE = " \t\f\n\r\u000b";

    private Tokenizer() {
    }

    public static Words words(String line) {
        List<String> out = new ArrayList<>();
        int p = 0;
        int n = line.length();
        while (true) {
            while (p < n && WHITE.indexOf(line.charAt(p)) >= 0) {
                p++;
            }
            if (p >= n) {
                break;
            }
            if (line.charAt(p) == '"') {
                int q = line.indexOf('"', p + 1);
                if (q < 0) {
                    return new Words(List.copyOf(out), "Unmatched quote: '" + line + "'");
                }
                out.add(line.substring(p + 1, q));
                p = q + 1;
            } else {
                int start = p;
                while (p < n && WHITE.indexOf(line.charAt(p)) < 0 && line.charAt(p) != '"') {
                    p++;
                }
                out.add(line.substring(start, p));
            }
        }
        return new Words(List.copyOf(out), null);
    }

    public static Words quotedEscaped(String src) {
        List<String> out = new ArrayList<>();
        int p = 0;
        int n = src.length();
        char quote = 0;
        while (p < n) {
            while (p < n && WHITE.indexOf(src.charAt(p)) >= 0) {
                p++;
            }
            if (p >= n) {
                break;
            }
            StringBuilder w = new StringBuilder();
            while (p < n) {
                char c = src.charAt(p);
                if (c == '\\') {
                    p++;
                    if (p >= n) {
                        return new Words(List.copyOf(out), "Missing escape char at end: '" + src + "'");
                    }
                    p = escape(src, p, w);
                    continue;
                }
                if (quote != 0) {
                    if (c == quote) {
                        quote = 0;
                    } else {
                        w.append(c);
                    }
                    p++;
                    continue;
                }
                if (c == '"' || c == '\'') {
                    quote = c;
                    p++;
                    continue;
                }
                if (WHITE.indexOf(c) >= 0) {
                    break;
                }
                w.append(c);
                p++;
            }
            if (quote != 0) {
                return new Words(List.copyOf(out), "String '" + src + "': missing terminating " + quote);
            }
            out.add(w.toString());
        }
        return new Words(List.copyOf(out), null);
    }

    /** Decode one escape starting at {@code p} (just after the backslash); returns the new position. */
    private static int escape(String s, int p, StringBuilder w) {
        char c = s.charAt(p);
        if (c == 'x' && p + 1 < s.length() && isHex(s.charAt(p + 1))) {
            int v = 0;
            p++;
            while (p < s.length() && isHex(s.charAt(p))) {
                v = (v << 4) | Character.digit(s.charAt(p), 16);
                p++;
            }
            w.append((char) (v & 0xff));
            return p;
        }
        if (c == 'c' && p + 1 < s.length()) {
            w.append((char) (s.charAt(p + 1) & 0x1f));
            return p + 2;
        }
        if (c >= '0' && c <= '7') {
            int v = c - '0';
            p++;
            for (int i = 0; i < 2 && p < s.length() && s.charAt(p) >= '0' && s.charAt(p) <= '7'; i++) {
                v = (v << 3) + (s.charAt(p++) - '0');
            }
            w.append((char) (v & 0xff));
            return p;
        }
        switch (c) {
            case 'a': w.append('\u0007'); break;
            case 'b': w.append('\b'); break;
            case 'E': w.append('\u001b'); break;
            case 'f': w.append('\f'); break;
            case 'n': w.append('\n'); break;
            case 'r': w.append('\r'); break;
            case 't': w.append('\t'); break;
            case 'v': w.append('\u000b'); break;
            default: w.append(c); break;
        }
        return p + 1;
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }
}
