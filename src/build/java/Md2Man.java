import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts the man page sources in docs/man (a small Markdown subset) to man(7) roff. Run by
 * {@code mvn package} as a single-file program (no pandoc on the build machines):
 * <pre>java src/build/java/Md2Man.java --version 0.1.0 [--date 2026-11-25] --out DIR FILE.md...</pre>
 * FILE is named NAME.SECTION.md and becomes DIR/NAME.SECTION. The subset:
 * <ul>
 * <li>line 1: {@code % TITLE(SECTION) | manual name} (pandoc's title block, one line);</li>
 * <li>{@code # HEADING} (.SH), {@code ## Subheading} (.SS), blank lines between paragraphs;</li>
 * <li>definition lists: a term line, then {@code :   definition} with 4-space continuations
 * (.TP); bullets {@code - item} with 2-space continuations (.IP);</li>
 * <li>fenced code blocks (```), shown literally and indented;</li>
 * <li>inline {@code `code`} and {@code **bold**} (bold), {@code *emphasis*} (italic),
 * {@code [text](url)}, {@code <url>}, backslash escapes.</li>
 * </ul>
 * Everything is escaped for roff: backslashes, hyphens as {@code \-} (so options copy as ASCII),
 * and a leading dot or quote. Output is deterministic (same input, same bytes).
 */
public final class Md2Man {
    private static final Pattern TITLE = Pattern.compile("^%\\s*([A-Za-z0-9_.-]+)\\((\\d[a-z]*)\\)\\s*(?:\\|\\s*(.*))?$");
    private static final Pattern INLINE = Pattern.compile(
            "\\\\([\\\\`*_\\[\\]()<>#!|{}.-])"     // 1: backslash escape
            + "|`([^`]+)`"                        // 2: code
            + "|\\*\\*(.+?)\\*\\*"                // 3: bold
            + "|\\*([^*\\s][^*]*?)\\*"            // 4: emphasis
            + "|\\[([^\\]]+)]\\(([^)\\s]+)\\)"    // 5, 6: link
            + "|<((?:https?|mailto):[^>\\s]+)>",  // 7: autolink
            Pattern.DOTALL);

    private final List<String> out = new ArrayList<>();
    private final String version;
    private final String date;

    private Md2Man(String version, String date) {
        this.version = version;
        this.date = date;
    }

    public static void main(String[] args) throws IOException {
        String version = "";
        String date = "";
        Path outDir = Path.of(".");
        List<Path> inputs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--version" -> version = args[++i];
                case "--date" -> date = args[++i];
                case "--out" -> outDir = Path.of(args[++i]);
                default -> inputs.add(Path.of(args[i]));
            }
        }
        if (date.isEmpty()) {
            date = defaultDate(inputs);
        }
        if (inputs.isEmpty()) {
            System.err.println("usage: Md2Man [--version V] [--date YYYY-MM-DD] [--out DIR] NAME.SECTION.md...");
            System.exit(2);
        }
        Files.createDirectories(outDir);
        for (Path in : inputs) {
            String name = in.getFileName().toString().replaceFirst("\\.md$", "");
            String roff = convert(Files.readAllLines(in, StandardCharsets.UTF_8), version, date, in.toString());
            Files.writeString(outDir.resolve(name), roff, StandardCharsets.UTF_8);
        }
    }

    /** SOURCE_DATE_EPOCH (reproducible builds) if set, else the newest input's modification day (UTC). */
    private static String defaultDate(List<Path> inputs) throws IOException {
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        long millis = 0;
        if (epoch != null && epoch.matches("\\d+")) {
            millis = Long.parseLong(epoch) * 1000;
        } else {
            for (Path in : inputs) {
                millis = Math.max(millis, Files.getLastModifiedTime(in).toMillis());
            }
        }
        return java.time.Instant.ofEpochMilli(millis).atZone(java.time.ZoneOffset.UTC).toLocalDate().toString();
    }

    /** Converts one page; {@code where} names the source in error messages. */
    public static String convert(List<String> lines, String version, String date, String where) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException(where + ": empty file");
        }
        Matcher t = TITLE.matcher(lines.get(0).trim());
        if (!t.matches()) {
            throw new IllegalArgumentException(where + ": line 1 must be '% NAME(SECTION) | manual', not: " + lines.get(0));
        }
        Md2Man m = new Md2Man(version, date);
        m.header(t.group(1), t.group(2), t.group(3) == null ? "" : t.group(3).trim(), where);
        m.body(lines.subList(1, lines.size()), where);
        return String.join("\n", m.out) + "\n";
    }

    private void header(String title, String section, String manual, String where) {
        out.add(".\\\" Generated from " + Path.of(where).getFileName() + " by src/build/java/Md2Man.java. Do not edit.");
        out.add(".TH " + quote(title.toUpperCase(java.util.Locale.ROOT)) + " " + section + " " + quote(date) + " "
                + quote(version.isEmpty() ? "keepalived4j" : "keepalived4j " + version) + " " + quote(manual));
        out.add(".nh");
        out.add(".ad l");
    }

    private void body(List<String> lines, String where) {
        int i = 0;
        boolean paragraph = false; // inside running text that needs no new macro
        while (i < lines.size()) {
            String line = lines.get(i);
            if (line.isBlank()) {
                paragraph = false;
                i++;
            } else if (line.startsWith("```")) {
                int end = i + 1;
                while (end < lines.size() && !lines.get(end).startsWith("```")) {
                    end++;
                }
                if (end == lines.size()) {
                    throw new IllegalArgumentException(where + ": line " + (i + 2) + ": unterminated ``` block");
                }
                out.add(".IP \"\" 4");
                out.add(".nf");
                for (String code : lines.subList(i + 1, end)) {
                    out.add(code.isEmpty() ? "" : lead(escape(code)));
                }
                out.add(".fi");
                paragraph = false;
                i = end + 1;
            } else if (line.startsWith("## ")) {
                out.add(".SS " + quote(inline(line.substring(3).trim())));
                paragraph = false;
                i++;
            } else if (line.startsWith("# ")) {
                out.add(".SH " + quote(inline(line.substring(2).trim().toUpperCase(java.util.Locale.ROOT))));
                paragraph = false;
                i++;
            } else if (line.startsWith("- ") || line.startsWith("* ")) {
                out.add(".IP \\(bu 2");
                i = text(lines, i, line.substring(2), "  ");
                paragraph = false;
            } else if (i + 1 < lines.size() && lines.get(i + 1).startsWith(":   ")) {
                out.add(".TP");
                out.add(lead(inline(line.trim())));
                i = text(lines, i + 1, lines.get(i + 1).substring(4), "    ");
                paragraph = false;
            } else {
                if (!paragraph) {
                    out.add(".PP");
                    paragraph = true;
                }
                i = text(lines, i, line, null);
            }
        }
    }

    /** Emits {@code first} and its continuation lines (inline markup may span them); returns the next index. */
    private int text(List<String> lines, int i, String first, String indent) {
        StringBuilder b = new StringBuilder(first.trim());
        int j = i + 1;
        while (j < lines.size()) {
            String next = lines.get(j);
            if (next.isBlank() || next.startsWith("```") || next.startsWith("#")) {
                break;
            }
            if (indent != null && !next.startsWith(indent)) {
                break;
            }
            if (indent == null && (next.startsWith("- ") || next.startsWith("* ")
                    || (j + 1 < lines.size() && lines.get(j + 1).startsWith(":   ")))) {
                break;
            }
            b.append('\n').append(next.trim());
            j++;
        }
        for (String l : inline(b.toString()).split("\n")) {
            out.add(lead(l));
        }
        return j;
    }

    /** Inline Markdown to roff, escaping everything else. */
    static String inline(String s) {
        StringBuilder b = new StringBuilder();
        Matcher m = INLINE.matcher(s);
        int last = 0;
        while (m.find()) {
            b.append(escape(s.substring(last, m.start())));
            if (m.group(1) != null) {
                b.append(escape(m.group(1)));
            } else if (m.group(2) != null) {
                b.append("\\fB").append(escape(m.group(2))).append("\\fR");
            } else if (m.group(3) != null) {
                b.append("\\fB").append(inline(m.group(3))).append("\\fR");
            } else if (m.group(4) != null) {
                b.append("\\fI").append(inline(m.group(4))).append("\\fR");
            } else if (m.group(5) != null) {
                b.append(inline(m.group(5))).append(" <").append(escape(m.group(6))).append('>');
            } else {
                b.append('<').append(escape(m.group(7))).append('>');
            }
            last = m.end();
        }
        return b.append(escape(s.substring(last))).toString();
    }

    /** Escapes text for roff: backslash, hyphen-minus (copyable options), non-ASCII kept. */
    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\e");
                case '-' -> b.append("\\-");
                case '\'' -> b.append("\\(aq");
                case '`' -> b.append("\\(ga");
                case '~' -> b.append("\\(ti");
                case '^' -> b.append("\\(ha");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** A line starting with '.' or ''' would be a request: protect it. */
    private static String lead(String s) {
        return s.startsWith(".") || s.startsWith("'") ? "\\&" + s : s;
    }

    private static String quote(String s) {
        return "\"" + s.replace("\"", "\\(dq") + "\"";
    }
}
