package org.keepalived4j.config.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;

/**
 * keepalived's read_line() as a stage of its own: reads the configuration file and its
 * includes and turns them into {@link LogicalLine}s. Per physical line, in keepalived's order:
 * strip EOL, decomment, multi-line definition continuation, {@code @id}/{@code @^id} filter,
 * {@code $NAME=} definition, {@code ~SEQ}/{@code ~LST}, {@code $} substitution (then decomment
 * again), include, brace splitting. Diagnostics keep keepalived's texts.
 */
public final class Preprocessor {

    /** Limits that keepalived does not have but a daemon fed arbitrary input needs. */
    public record Limits(int maxIncludeDepth, long maxLines, int maxFiles) {
        public static final Limits DEFAULT = new Limits(32, 2_000_000, 10_000);
    }

    /** The output: logical lines, and whether the main file could be read at all. */
    public record Result(List<LogicalLine> lines, boolean mainFileRead, List<Path> files) {
    }

    /** A file being read, with the chain of files that included it (to refuse include cycles). */
    private record FileCtx(String display, Path dir, boolean main, int depth, Path path, FileCtx parent) {
        boolean includes(Path p) {
            for (FileCtx f = this; f != null; f = f.parent()) {
                if (f.path().equals(p)) {
                    return true;
                }
            }
            return false;
        }
    }

    /** A line waiting to be processed: physical (from a file) or generated (SEQ, residue...). */
    private record Pending(FileCtx file, int line, String text, boolean physical, Map<String, String> bindings,
                           Includes.Problem problem, int includeType, List<String> chain) {
        Pending(FileCtx file, int line, String text, boolean physical, Map<String, String> bindings) {
            this(file, line, text, physical, bindings, null, 0, List.of());
        }

        Pending(FileCtx file, int line, String text, Map<String, String> bindings, List<String> chain) {
            this(file, line, text, false, bindings, null, 0, chain);
        }

        Pending(FileCtx file, int line, String text, boolean physical, Map<String, String> bindings,
                Includes.Problem problem, int includeType) {
            this(file, line, text, physical, bindings, problem, includeType, List.of());
        }
    }

    /** Generators may nest this deep (a generator producing a generator ...). */
    static final int MAX_GENERATOR_NESTING = 32;
    /** The ~SEQ / ~LST lines that produced the line being processed, outermost first. */
    private List<String> currentChain = List.of();

    private final Diagnostics diags;
    private final String configId;
    private final Limits limits;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final List<LogicalLine> out = new ArrayList<>();
    private final List<Path> files = new ArrayList<>();
    private final Definitions defs;
    private FileCtx current;
    private long seq;
    private int depth;
    private boolean truncated;

    /**
     * @param configId the id that {@code @id} lines are matched against ({@code -i}, default the
     *                 short host name)
     */
    public Preprocessor(Diagnostics diags, String configId, Limits limits, Random random) {
        this.diags = diags;
        this.configId = configId;
        this.limits = limits;
        this.defs = new Definitions(configId, () -> current == null ? "" : current.dir().toString(), random);
    }

    /**
     * Read the configuration named on the command line (may be a glob) from the working directory.
     */
    public Result run(String configFile, Path workingDir) {
        Includes.Resolution r = Includes.resolve(configFile, workingDir);
        boolean single = r.matches().size() == 1;
        int read = 0;
        for (Includes.Problem p : r.problems()) {
            // The main file is opened as INCLUDE_R | INCLUDE_M | INCLUDE_W: each problem is an error.
            diags.report(ConfigErrorClass.FILE_NOT_FOUND, Origin.NONE, Subsystem.GLOBAL, seq, p.message());
        }
        List<Pending> mains = new ArrayList<>();
        for (Includes.Match m : r.matches()) {
            FileCtx ctx = new FileCtx(m.display(), SourceFiles.parentOf(m.path()), single, 0,
                    SourceFiles.real(m.path()), null);
            FileLines f = readFile(m, ctx, Includes.READ | Includes.MATCH | Includes.WILDCARD);
            if (f != null) {
                read++;
                mains.addAll(f.lines());
            }
        }
        if (read == 0 && r.problems().isEmpty()) {
            diags.report(ConfigErrorClass.FILE_NOT_FOUND, Origin.NONE, Subsystem.GLOBAL, seq,
                    "Failed to open configuration file");
        }
        pushFront(mains);
        loop();
        if (depth > 0) {
            diags.report(ConfigErrorClass.MISSING_EOB, Origin.NONE, Subsystem.GLOBAL, seq,
                    "There are " + depth + " missing '}'s or extra '{'s");
        }
        return new Result(List.copyOf(out), read > 0, List.copyOf(files));
    }

    /** The sequence number the next diagnostic or line would get. */
    public long nextSeq() {
        return seq;
    }

    /** The lines of one file, and keepalived's line count at its EOF (where later problems are reported). */
    private record FileLines(List<Pending> lines, int newlines) {
    }

    private FileLines readFile(Includes.Match m, FileCtx ctx, int includeType) {
        Includes.Problem bad = Includes.checkFile(m);
        if (bad != null) {
            fileProblem(includeType, bad);
            return null;
        }
        SourceFiles.Text text;
        try {
            text = SourceFiles.read(m.path());
        } catch (IOException e) {
            fileProblem(includeType, new Includes.Problem(Includes.READ, "Configuration file '" + m.display()
                    + "' open problem (" + SourceFiles.describe(e) + ") - skipping"));
            return null;
        }
        files.add(m.path());
        List<Pending> lines = new ArrayList<>(text.lines().size());
        for (int i = 0; i < text.lines().size(); i++) {
            lines.add(new Pending(ctx, i + 1, text.lines().get(i), true, Map.of()));
        }
        return new FileLines(lines, text.newlines());
    }

    private void fileProblem(int includeType, Includes.Problem p) {
        ConfigErrorClass cls = (includeType & p.errorBit()) != 0 ? ConfigErrorClass.FILE_NOT_FOUND : ConfigErrorClass.OK;
        diags.report(cls, originOf(current, currentLine), Subsystem.GLOBAL, seq, p.message());
        if (cls == ConfigErrorClass.FILE_NOT_FOUND && current != null) {
            diags.configFileError();   // an include error (the main file's own problems are reported apart)
        }
    }

    private int currentLine;
    /**
     * Lines that multi-line definitions produced from the current physical line: a definition
     * that expands to lines using itself never ends (keepalived 2.2.7 loops for ever, growing);
     * past {@link #MAX_DERIVED_LINES} the expansion is refused as recursive.
     */
    private int derivedLines;
    static final int MAX_DERIVED_LINES = 10_000;

    private static Origin originOf(FileCtx f, int line) {
        return f == null ? Origin.NONE : new Origin(f.display(), line, f.main());
    }

    private void pushFront(List<Pending> items) {
        for (int i = items.size() - 1; i >= 0; i--) {
            pending.push(items.get(i));
        }
    }

    private void loop() {
        while (!pending.isEmpty() && !truncated) {
            Pending p = pending.pop();
            current = p.file();
            currentLine = p.line();
            currentChain = p.chain();
            if (p.problem() != null) {
                fileProblem(p.includeType(), p.problem());
                continue;
            }
            String buf;
            if (p.physical()) {
                derivedLines = 0;
                if (p.text().isEmpty()) {
                    if (defs.inMultiline()) {
                        defs.endMultiline();
                    }
                    continue;
                }
                Decomment.Result d = Decomment.apply(p.text());
                if (d.unterminatedQuote()) {
                    report(ConfigErrorClass.GENERAL_ERROR, "Unterminated quote '" + d.text() + "'");
                }
                buf = d.text();
                if (buf.isEmpty()) {
                    continue;
                }
                if (defs.inMultiline()) {
                    defs.continueMultiline(buf);
                    continue;
                }
            } else {
                p.bindings().forEach(defs::set);
                buf = p.text();
            }
            buf = expand(buf);
            if (buf.isEmpty()) {
                continue;
            }
            int type = Includes.includeType(buf);
            if (type >= 0) {
                include(buf, type);
                continue;
            }
            splitBraces(buf);
        }
    }

    /** The @id filter, definitions, generators and substitution, repeated while anything changes. */
    private String expand(String line) {
        String buf = line;
        boolean recheck;
        do {
            recheck = false;
            if (buf.startsWith("@")) {
                buf = LineScan.conditional(buf, configId);
                if (buf.isEmpty()) {
                    return buf;
                }
            }
            if (buf.startsWith("$") && defs.tryDefine(buf)) {
                return "";
            }
            if (Sequences.isGenerator(buf)) {
                generator(buf);
                return "";
            }
            if (buf.startsWith("~")) {
                return buf;
            }
            if (buf.indexOf('$') >= 0) {
                Definitions.Replaced r;
                try {
                    r = defs.replace(buf);
                } catch (Definitions.SubstitutionException e) {
                    report(ConfigErrorClass.GENERAL_ERROR, e.getMessage());
                    return "";
                }
                if (r == null) {
                    return buf;
                }
                derivedLines += r.moreLines().size();
                if (derivedLines > MAX_DERIVED_LINES) {
                    report(ConfigErrorClass.GENERAL_ERROR, "Parameter substitution on line '" + line + "' is recursive");
                    return "";
                }
                List<Pending> more = new ArrayList<>();
                for (String l : r.moreLines()) {
                    more.add(new Pending(current, currentLine, l, Map.of(), currentChain));
                }
                pushFront(more);
                buf = Decomment.apply(r.line()).text();
                recheck = buf.startsWith("@") || buf.indexOf('$') >= 0;
                if (recheck && buf.equals(line)) {
                    recheck = false;
                }
            }
        } while (recheck && !buf.isEmpty());
        return buf;
    }

    private void generator(String buf) {
        // A definition that expands to a generator producing that definition again never ends
        // (keepalived loops too); refuse it, and bound how deep generators may nest.
        if (currentChain.contains(buf) || currentChain.size() >= MAX_GENERATOR_NESTING) {
            report(ConfigErrorClass.GENERAL_ERROR, "~SEQ/~LST '" + buf + "' "
                    + (currentChain.contains(buf) ? "expands to itself (recursive definition)"
                            : "nested more than " + MAX_GENERATOR_NESTING + " deep") + " - ignoring");
            return;
        }
        List<String> chain = new ArrayList<>(currentChain);
        chain.add(buf);
        String withParams = buf;
        int close = buf.indexOf(')');
        if (close > 0 && buf.indexOf('$') >= 0 && buf.indexOf('$') < close) {
            try {
                Definitions.Replaced r = defs.replace(buf.substring(0, close + 1));
                if (r != null) {
                    withParams = r.line() + buf.substring(close + 1);
                }
            } catch (Definitions.SubstitutionException e) {
                report(ConfigErrorClass.GENERAL_ERROR, e.getMessage());
                return;
            }
        }
        String kind = buf.startsWith("~SEQ") ? "~SEQ" : "~LST";
        try {
            long room = limits.maxLines() - out.size() - pending.size();
            List<Sequences.Item> items = Sequences.expand(withParams, Math.max(room, 0));
            List<Pending> gen = new ArrayList<>(items.size());
            for (Sequences.Item it : items) {
                gen.add(new Pending(current, currentLine, it.text(), it.bindings(), chain));
            }
            pushFront(gen);
        } catch (Sequences.SeqException e) {
            report(ConfigErrorClass.GENERAL_ERROR, e.getMessage());
            if (!e.getMessage().startsWith("Invalid " + kind + " specification")) {
                report(ConfigErrorClass.GENERAL_ERROR, "Invalid " + kind + " specification '" + buf + "'");
            }
        }
    }

    private void include(String buf, int type) {
        String pattern = Includes.includePattern(buf, type);
        FileCtx from = current;
        if (from.depth() + 1 > limits.maxIncludeDepth()) {
            report(ConfigErrorClass.GENERAL_ERROR, "include nesting deeper than " + limits.maxIncludeDepth()
                    + " levels at '" + pattern + "' - skipping (recursive include?)");
            return;
        }
        Includes.Resolution r = Includes.resolve(pattern, from.dir());
        for (Includes.Problem p : r.problems()) {
            if (p.errorBit() == Includes.WILDCARD && (type & Includes.WILDCARD) == 0) {
                // open_and_check_glob() prints "No config files matched" only when the variant
                // checks wildcards (includew/includea); plain include/includer/includem are silent.
                continue;
            }
            fileProblem(type, p);
            if (p.errorBit() == Includes.BRACE && (type & Includes.BRACE) != 0) {
                // open_and_check_glob(): with INCLUDE_B (includeb/includea) a brace alternative
                // that matched nothing makes the whole include fail - no file of it is read.
                return;
            }
        }
        List<Pending> lines = new ArrayList<>();
        FileCtx last = null;
        int lastLine = 0;
        for (Includes.Match m : r.matches()) {
            Path realPath = SourceFiles.real(m.path());
            if (from.includes(realPath)) {
                // keepalived would include it again until it runs out of file descriptors.
                report(ConfigErrorClass.GENERAL_ERROR, "Configuration file '" + m.display()
                        + "' includes itself (recursive include) - skipping");
                continue;
            }
            if (files.size() >= limits.maxFiles()) {
                report(ConfigErrorClass.GENERAL_ERROR, "More than " + limits.maxFiles()
                        + " configuration files included - skipping '" + m.display() + "'");
                break;
            }
            FileCtx ctx = new FileCtx(m.display(), SourceFiles.parentOf(m.path()), false, from.depth() + 1, realPath, from);
            Includes.Problem bad = Includes.checkFile(m);
            if (bad != null && last != null) {
                // keepalived opens the next match only when the previous file reaches EOF, so a
                // match skipped after a file was read is reported against that file's last line:
                // "(sub/a.conf: Line 1) Configuration file 'sub/d/' is a directory - skipping".
                lines.add(new Pending(last, lastLine, "", false, Map.of(), bad, type));
                continue;
            }
            FileLines f = readFile(m, ctx, type);
            if (f != null) {
                lines.addAll(f.lines());
                last = ctx;
                lastLine = f.newlines();
            }
        }
        pushFront(lines);
    }

    /** Split at the first unquoted brace; the rest goes back for processing (line_residue). */
    private void splitBraces(String buf) {
        int p = LineScan.firstBrace(buf);
        if (p < 0) {
            emit(Decomment.stripTrailingBlanks(buf));
            return;
        }
        String line;
        String rest;
        if (p == 0) {
            line = buf.substring(0, 1);
            rest = Decomment.stripLeading(buf.substring(1));
        } else {
            line = Decomment.stripTrailingBlanks(buf.substring(0, p));
            rest = buf.substring(p);
        }
        rest = Decomment.stripTrailingBlanks(rest);
        if (!rest.isEmpty()) {
            pending.push(new Pending(current, currentLine, rest, Map.of(), currentChain));
        }
        emit(line);
    }

    private void emit(String line) {
        if (line.isEmpty()) {
            return;
        }
        if (out.size() >= limits.maxLines()) {
            report(ConfigErrorClass.GENERAL_ERROR, "Configuration expands to more than " + limits.maxLines()
                    + " lines - ignoring the rest");
            truncated = true;
            return;
        }
        if (line.equals("{")) {
            depth++;
        } else if (line.equals("}")) {
            if (depth-- < 1) {
                report(ConfigErrorClass.UNEXPECTED_EOB, "Extra '}' found");
                depth = 0;
            }
        }
        out.add(new LogicalLine(originOf(current, currentLine), line, seq++));
    }

    private void report(ConfigErrorClass cls, String message) {
        diags.report(cls, originOf(current, currentLine), Subsystem.GLOBAL, seq, message);
    }
}
