package org.keepalived4j.config.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * keepalived's parameter definitions ({@code $NAME=value}, multi-line definitions ending in
 * {@code \}) and their substitution ({@code $NAME}, {@code ${NAME}}), as check_definition(),
 * find_definition() and replace_param() in lib/parser.c. Undefined names are left untouched.
 */
public final class Definitions {

    /** keepalived's MAXBUF: a substituted line may not grow past this. */
    public static final int MAX_LINE = 1024;
    /** Guard against self-referencing definitions ($A=$A), which hang keepalived. */
    static final int MAX_SUBSTITUTIONS = 256;

    private static final class Def {
        String value;          // for multi-line definitions, lines separated by '\n'
        boolean multiline;
        Supplier<String> fn;   // standard definitions computed at use time
        boolean takesParams;
    }

    /** The outcome of a substitution: the line, plus the remaining lines of a multi-line value. */
    public record Replaced(String line, List<String> moreLines) {
    }

    /** Thrown when substitution cannot complete (line too long, recursion). */
    public static final class SubstitutionException extends Exception {
        private static final long serialVersionUID = 1L;

        SubstitutionException(String message) {
            super(message);
        }
    }

    private final Map<String, Def> defs = new LinkedHashMap<>();
    private final Random random;
    private Def open;  // multi-line definition being read

    /**
     * @param configId  the value of {@code ${_INSTANCE}}
     * @param pwd       supplies {@code ${_PWD}}: the directory of the file being read
     * @param random    source for {@code ${_RANDOM [min [max]]}}
     */
    public Definitions(String configId, Supplier<String> pwd, Random random) {
        this.random = random;
        std("_PWD", pwd, false);
        std("_INSTANCE", () -> configId, false);
        std("_RANDOM", () -> Integer.toString(random.nextInt(32768)), true);
        std("_HASH", () -> "#", false);
        std("_BANG", () -> "!", false);
    }

    private void std(String name, Supplier<String> fn, boolean params) {
        Def d = new Def();
        d.fn = fn;
        d.takesParams = params;
        defs.put(name, d);
    }

    /** Define or redefine a plain value (used by ~SEQ / ~LST). */
    public void set(String name, String value) {
        Def d = new Def();
        d.value = value;
        defs.put(name, d);
    }

    /** True while the lines of a multi-line definition are being read. */
    public boolean inMultiline() {
        return open != null;
    }

    /**
     * Try {@code $NAME=value}. Returns false when the line is not a definition.
     * A value ending in {@code \} starts a multi-line definition.
     */
    public boolean tryDefine(String line) {
        if (line.length() < 2 || line.charAt(0) != '$') {
            return false;
        }
        char first = line.charAt(1);
        if (!(Character.isLetter(first) && first < 128) && first != '_') {
            return false;
        }
        int p = 2;
        while (p < line.length() && line.charAt(p) != '=') {
            char c = line.charAt(p);
            if (!(c < 128 && Character.isLetterOrDigit(c)) && c != '_') {
                return false;
            }
            p++;
        }
        if (p >= line.length()) {
            return false;
        }
        String name = line.substring(1, p);
        String value = Decomment.stripLeading(line.substring(p + 1));
        Def d = new Def();
        if (value.endsWith("\\")) {
            value = Decomment.stripTrailingBlanks(value.substring(0, value.length() - 1));
            d.multiline = true;
            open = d;
        }
        d.value = value;
        defs.put(name, d);
        return true;
    }

    /**
     * Feed the next (decommented, non-empty) line while a multi-line definition is open.
     * A line without a trailing {@code \} is the last one.
     */
    public void continueMultiline(String line) {
        boolean more = line.endsWith("\\");
        String text = more ? Decomment.stripTrailingBlanks(line.substring(0, line.length() - 1)) : line;
        if (!text.isEmpty()) {
            open.value = open.value.isEmpty() ? text : open.value + "\n" + text;
        }
        if (!more) {
            endMultiline();
        }
    }

    /** A blank line ends a multi-line definition. */
    public void endMultiline() {
        if (open != null && !open.value.contains("\n")) {
            open.multiline = false;
        }
        open = null;
    }

    /**
     * Substitute every known {@code $NAME} / {@code ${NAME}} in the line.
     *
     * @return null when the line contains no known definition
     */
    public Replaced replace(String line) throws SubstitutionException {
        StringBuilder buf = new StringBuilder(line);
        List<String> more = new ArrayList<>();
        boolean found = false;
        int count = 0;
        int pos = buf.indexOf("$");
        while (pos >= 0 && pos + 1 < buf.length()) {
            Match m = find(buf, pos + 1);
            if (m == null) {
                pos = buf.indexOf("$", pos + 1);
                continue;
            }
            if (++count > MAX_SUBSTITUTIONS) {
                throw new SubstitutionException("Parameter substitution on line '" + line + "' is recursive");
            }
            found = true;
            String value = m.def.fn != null ? m.value() : m.def.value;
            if (m.def.multiline) {
                String[] parts = value.split("\n", -1);
                value = parts[0];
                more.addAll(0, List.of(parts).subList(1, parts.length));
            }
            buf.replace(pos, m.end, value);
            if (buf.length() >= MAX_LINE) {
                throw new SubstitutionException(
                        "Parameter substitution on line '" + line + "' would exceed maximum line length");
            }
            if (value.stripLeading().startsWith("~")) {
                break;
            }
            pos = buf.indexOf("$", pos);
        }
        return found ? new Replaced(buf.toString(), List.copyOf(more)) : null;
    }

    private final class Match {
        final Def def;
        final int end;          // exclusive end of the $... reference in the buffer
        final List<Integer> params;

        Match(Def def, int end, List<Integer> params) {
            this.def = def;
            this.end = end;
            this.params = params;
        }

        String value() {
            if (def.takesParams && !params.isEmpty()) {   // ${_RANDOM min [max]}
                int min = params.get(0);
                int max = params.size() > 1 ? params.get(1) : 32767;
                return max <= min ? Integer.toString(min) : Integer.toString(min + random.nextInt(max - min + 1));
            }
            return def.fn.get();
        }
    }

    /** find_definition(): the reference starting at {@code at} (just after '$'), or null. */
    private Match find(CharSequence s, int at) {
        boolean braces = s.charAt(at) == '{';
        int p = braces ? at + 1 : at;
        if (p >= s.length() || !(isAlpha(s.charAt(p)) || s.charAt(p) == '_')) {
            return null;
        }
        int nameStart = p;
        while (p < s.length() && (isAlnum(s.charAt(p)) || s.charAt(p) == '_')) {
            p++;
        }
        String name = s.subSequence(nameStart, p).toString();
        List<Integer> params = new ArrayList<>();
        int end;
        if (braces) {
            int q = p;
            while (q < s.length() && (s.charAt(q) == ' ' || Character.isDigit(s.charAt(q)))) {
                q++;
            }
            String paramText = s.subSequence(p, q).toString();
            if (!paramText.isBlank()) {
                if (paramText.endsWith(" ")) {
                    return null;
                }
                for (String w : paramText.trim().split(" +")) {
                    try {
                        params.add(Integer.parseInt(w));
                    } catch (NumberFormatException e) {
                        return null;
                    }
                }
            }
            if (q >= s.length() || s.charAt(q) != '}') {
                return null;
            }
            end = q + 1;
        } else {
            if (p < s.length() && " \t,)".indexOf(s.charAt(p)) < 0) {
                return null;
            }
            end = p;
        }
        Def def = defs.get(name);
        if (def == null || (!params.isEmpty() && !def.takesParams)) {
            return null;
        }
        // A multi-line definition may only be used alone on a line.
        boolean alone = end == s.length();
        if (def.multiline && !alone) {
            return null;
        }
        return new Match(def, end, params);
    }

    private static boolean isAlpha(char c) {
        return c < 128 && Character.isLetter(c);
    }

    private static boolean isAlnum(char c) {
        return c < 128 && Character.isLetterOrDigit(c);
    }
}
