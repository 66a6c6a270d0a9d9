package org.keepalived4j.config.validate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.model.Script;

/**
 * keepalived's check_script_secure() (lib/notify.c) on the real file system: is the script a
 * real file that will be executed, and is any part of its path writable by a non-root user?
 * Scripts that cannot be found are disabled (and do not count as scripts).
 */
public final class ScriptSecurity {

    /** The outcome for one script. */
    public enum Verdict {
        /** Not executed as a program ({@code </dev/tcp/...} style checks). */
        SYSTEM,
        /** Cannot be found or accessed: disabled. */
        NOT_FOUND,
        /** A script, safe. */
        SCRIPT,
        /** A script in a path a non-root user can write. */
        INSECURE
    }

    /** A verdict and the log line keepalived would write, if any. */
    public record Result(Verdict verdict, Optional<String> log) {
    }

    private final List<String> path;

    /** @param pathEnv the PATH used to find bare command names */
    public ScriptSecurity(String pathEnv) {
        this.path = List.of((pathEnv == null || pathEnv.isEmpty() ? "/usr/bin:/bin" : pathEnv).split(":"));
    }

    /** The check as keepalived -t makes it: scripts run as root, script_security off. */
    public Result check(Script s) {
        return check(s, 0, 0, false);
    }

    /**
     * The check for a script that runs as {@code uid:gid}. Only scripts that run with root's
     * uid or gid (or are set-uid/gid root) need their path protected (check_script_secure());
     * with {@code securityEnabled} an unprotected one is INSECURE and keepalived says it is
     * disabled.
     */
    public Result check(Script s, int uid, int gid, boolean securityEnabled) {
        String cmd = s.command();
        String trimmed = cmd.length() > 1 ? cmd.substring(1).stripLeading() : "";
        if (cmd.startsWith("<") && trimmed.startsWith("/")) {
            return new Result(Verdict.SYSTEM, Optional.empty());
        }
        Path file;
        if (cmd.indexOf('/') < 0) {
            Optional<Path> found = path.stream().map(d -> Path.of(d.isEmpty() ? "." : d, cmd))
                    .filter(p -> Files.isRegularFile(p) && Files.isExecutable(p)).findFirst();
            if (found.isEmpty()) {
                return new Result(Verdict.NOT_FOUND, Optional.of("Cannot find script " + cmd + " in path - disabling"));
            }
            file = found.get();
        } else {
            file = Path.of(cmd);
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (IOException e) {
            return new Result(Verdict.NOT_FOUND, Optional.of("Script " + cmd + " cannot be accessed - "
                    + "No such file or directory"));
        }
        Optional<int[]> st = stat(real);
        if (st.isEmpty() || !executable(st.get(), uid, gid)) {
            return new Result(Verdict.NOT_FOUND, Optional.of("WARNING - script '" + cmd
                    + "' is not executable for uid:gid " + uid + ":" + gid + " - disabling."));
        }
        int[] f = st.get();   // uid, gid, mode
        boolean needsProtection = uid == 0 || gid == 0 || (f[0] == 0 && (f[2] & 04100) == 04100)
                || (f[1] == 0 && (f[2] & 02010) == 02010);
        if (!needsProtection) {
            return new Result(Verdict.SCRIPT, Optional.empty());
        }
        Optional<String> unsafe = insecurePart(file.toAbsolutePath());
        if (unsafe.isEmpty() && !real.equals(file.toAbsolutePath())) {
            unsafe = insecurePart(real);
        }
        return unsafe.map(u -> new Result(Verdict.INSECURE, Optional.of("Unsafe permissions found for script '"
                + cmd + "'" + (securityEnabled ? " - disabling" : "") + ".")))
                .orElse(new Result(Verdict.SCRIPT, Optional.empty()));
    }

    private static Optional<int[]> stat(Path p) {
        try {
            return Optional.of(new int[] {(Integer) Files.getAttribute(p, "unix:uid"),
                    (Integer) Files.getAttribute(p, "unix:gid"), (Integer) Files.getAttribute(p, "unix:mode")});
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** keepalived's is_executable(): root needs any x bit, others the x bit that applies to them. */
    private static boolean executable(int[] f, int uid, int gid) {
        int mode = f[2];
        return (uid == 0 && (mode & 0111) != 0) || (uid == f[0] && (mode & 0100) != 0)
                || (uid != f[0] && ((gid == f[1] && (mode & 010) != 0) || (gid != f[1] && (mode & 01) != 0)));
    }

    /** check_security(): each path element must be root-owned and not group/world writable. */
    private static Optional<String> insecurePart(Path p) {
        Path cur = p.getRoot();
        for (Path part : p) {
            cur = cur.resolve(part);
            try {
                int uid = (Integer) Files.getAttribute(cur, "unix:uid", LinkOption.NOFOLLOW_LINKS);
                int gid = (Integer) Files.getAttribute(cur, "unix:gid", LinkOption.NOFOLLOW_LINKS);
                int mode = (Integer) Files.getAttribute(cur, "unix:mode", LinkOption.NOFOLLOW_LINKS);
                boolean dir = Files.isDirectory(cur, LinkOption.NOFOLLOW_LINKS);
                boolean sticky = (mode & 01000) != 0;
                boolean regular = Files.isRegularFile(cur, LinkOption.NOFOLLOW_LINKS);
                boolean writable = (gid != 0 && (mode & 020) != 0) || (mode & 02) != 0;
                if (uid != 0 || (((dir && !sticky) || regular) && writable)) {
                    return Optional.of(cur.toString());
                }
            } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
