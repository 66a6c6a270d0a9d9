package org.keepalived4j.config.source;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;

/**
 * Reads configuration files into the {@link LineQueue}: the main file (or the files its glob
 * names) and each {@code include} line's files, with keepalived's per-variant problem reports
 * (INCLUDE_R / _M / _W / _B), and the limits keepalived lacks (include depth, file count,
 * include cycles).
 */
final class IncludeReader {
    private final Diagnostics diags;
    private final LineQueue queue;
    private final Preprocessor.Limits limits;
    private final List<Path> files = new ArrayList<>();

    IncludeReader(Diagnostics diags, LineQueue queue, Preprocessor.Limits limits) {
        this.diags = diags;
        this.queue = queue;
        this.limits = limits;
    }

    /** The files read so far, in order. */
    List<Path> files() {
        return List.copyOf(files);
    }

    /**
     * Queues the configuration named on the command line (may be a glob) from {@code workingDir}.
     *
     * @return how many files were read
     */
    int readMain(String configFile, Path workingDir) {
        Includes.Resolution r = Includes.resolve(configFile, workingDir);
        boolean single = r.matches().size() == 1;
        int read = 0;
        for (Includes.Problem p : r.problems()) {
            // The main file is opened as INCLUDE_R | INCLUDE_M | INCLUDE_W: each problem is an error.
            diags.report(ConfigErrorClass.FILE_NOT_FOUND, Origin.NONE, Subsystem.GLOBAL, queue.seq(), p.message());
        }
        List<PendingLine> mains = new ArrayList<>();
        for (Includes.Match m : r.matches()) {
            FileContext ctx = new FileContext(m.display(), SourceFiles.parentOf(m.path()), single, 0,
                    SourceFiles.real(m.path()), null);
            FileLines f = readFile(m, ctx, Includes.READ | Includes.MATCH | Includes.WILDCARD);
            if (f != null) {
                read++;
                mains.addAll(f.lines());
            }
        }
        if (read == 0 && r.problems().isEmpty()) {
            diags.report(ConfigErrorClass.FILE_NOT_FOUND, Origin.NONE, Subsystem.GLOBAL, queue.seq(),
                    "Failed to open configuration file");
        }
        queue.pushFront(mains);
        return read;
    }

    /** Queues the files of the current line, an include of variant {@code type} (INCLUDE_* bits). */
    void include(String buf, int type) {
        String pattern = Includes.includePattern(buf, type);
        FileContext from = queue.file();
        if (from.depth() + 1 > limits.maxIncludeDepth()) {
            queue.report(ConfigErrorClass.GENERAL_ERROR, "include nesting deeper than " + limits.maxIncludeDepth()
                    + " levels at '" + pattern + "' - skipping (recursive include?)");
            return;
        }
        Includes.Resolution r = Includes.resolve(pattern, from.dir());
        if (reportResolutionProblems(r, type)) {
            queue.pushFront(readMatches(r.matches(), from, type));
        }
    }

    /** @return false when the include fails as a whole */
    private boolean reportResolutionProblems(Includes.Resolution r, int type) {
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
                return false;
            }
        }
        return true;
    }

    private List<PendingLine> readMatches(List<Includes.Match> matches, FileContext from, int type) {
        List<PendingLine> lines = new ArrayList<>();
        FileContext last = null;
        int lastLine = 0;
        for (Includes.Match m : matches) {
            Path realPath = SourceFiles.real(m.path());
            if (from.includes(realPath)) {
                // keepalived would include it again until it runs out of file descriptors.
                queue.report(ConfigErrorClass.GENERAL_ERROR, "Configuration file '" + m.display()
                        + "' includes itself (recursive include) - skipping");
                continue;
            }
            if (files.size() >= limits.maxFiles()) {
                queue.report(ConfigErrorClass.GENERAL_ERROR, "More than " + limits.maxFiles()
                        + " configuration files included - skipping '" + m.display() + "'");
                break;
            }
            FileContext ctx = new FileContext(m.display(), SourceFiles.parentOf(m.path()), false, from.depth() + 1,
                    realPath, from);
            Includes.Problem bad = Includes.checkFile(m);
            if (bad != null && last != null) {
                // keepalived opens the next match only when the previous file reaches EOF, so a
                // match skipped after a file was read is reported against that file's last line:
                // "(sub/a.conf: Line 1) Configuration file 'sub/d/' is a directory - skipping".
                lines.add(PendingLine.problem(last, lastLine, bad, type));
                continue;
            }
            FileLines f = readFile(m, ctx, type);
            if (f != null) {
                lines.addAll(f.lines());
                last = ctx;
                lastLine = f.newlines();
            }
        }
        return lines;
    }

    /** The lines of one file, and keepalived's line count at its EOF (where later problems are reported). */
    private record FileLines(List<PendingLine> lines, int newlines) {
    }

    private FileLines readFile(Includes.Match m, FileContext ctx, int includeType) {
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
        List<PendingLine> lines = new ArrayList<>(text.lines().size());
        for (int i = 0; i < text.lines().size(); i++) {
            lines.add(PendingLine.physical(ctx, i + 1, text.lines().get(i)));
        }
        return new FileLines(lines, text.newlines());
    }

    /**
     * Reports a file problem against the current line: an error when the include variant checks
     * for it ({@code includeType} has its bit), otherwise a plain message.
     */
    void fileProblem(int includeType, Includes.Problem p) {
        ConfigErrorClass cls = (includeType & p.errorBit()) != 0 ? ConfigErrorClass.FILE_NOT_FOUND : ConfigErrorClass.OK;
        queue.report(cls, p.message());
        if (cls == ConfigErrorClass.FILE_NOT_FOUND && queue.file() != null) {
            diags.configFileError();   // an include error (the main file's own problems are reported apart)
        }
    }
}
