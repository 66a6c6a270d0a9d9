package org.keepalived4j.script;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the command line that starts a script the way keepalived's system_call_script() does,
 * without forking the JVM: {@code setsid} puts it in a new process group (and session) it leads,
 * so the whole group can be signalled; {@code setpriv} (util-linux) switches to the script's
 * user and group with the supplementary groups reduced to that group, and sets the parent-death
 * signal to SIGTERM ({@code prctl(PR_SET_PDEATHSIG)}), so scripts die with the daemon. Both
 * exec, so the script keeps the pid the JVM sees. Without setpriv, scripts that must run as
 * another user are refused rather than run as root.
 */
final class Launcher {
    private static final Pattern ERRNO = Pattern.compile("error=(\\d+), (.*)");
    private final String setsid;
    private final String setpriv;
    private final RunAs self;

    Launcher(String setsid, String setpriv, RunAs self) {
        this.setsid = setsid;
        this.setpriv = setpriv;
        this.self = self;
    }

    /** The tools found on this host and our own credentials. */
    static Launcher forThisHost() {
        return new Launcher(find("setsid"), find("setpriv"), self());
    }

    private static String find(String tool) {
        return List.of("/usr/bin/", "/bin/", "/usr/sbin/", "/sbin/").stream().map(d -> d + tool)
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst().orElse(null);
    }

    /** Our effective uid and gid, from /proc/self/status. */
    static RunAs self() {
        try {
            int uid = 0;
            int gid = 0;
            for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (l.startsWith("Uid:")) {
                    uid = Integer.parseInt(l.split("\\s+")[2]);
                } else if (l.startsWith("Gid:")) {
                    gid = Integer.parseInt(l.split("\\s+")[2]);
                }
            }
            return new RunAs(uid, gid);
        } catch (IOException | RuntimeException e) {
            return RunAs.ROOT;
        }
    }

    boolean groupsSupported() {
        return setsid != null;
    }

    RunAs ourCredentials() {
        return self;
    }

    /**
     * The argv to execute, or null when the credentials cannot be switched here (no setpriv, or
     * not root and asked for someone else's).
     */
    List<String> argv(ScriptCommand c) {
        List<String> out = new ArrayList<>();
        if (setsid != null) {
            out.add(setsid);
            out.add("--");
        }
        boolean switchUser = c.runAs().isPresent() && (self.uid() == 0 || !c.runAs().get().equals(self));
        if (switchUser && (setpriv == null || self.uid() != 0)) {
            return null;
        }
        if (setpriv != null) {
            out.add(setpriv);
            if (switchUser) {
                RunAs r = c.runAs().get();
                out.add("--reuid=" + r.uid());
                out.add("--regid=" + r.gid());
                out.add("--groups=" + r.gid());
            }
            out.add("--pdeathsig=TERM");
            out.add("--");
        }
        out.addAll(c.argv());
        return out;
    }

    /** The environment of scripts: ours without NOTIFY_SOCKET (keepalived unsets it for children). */
    static void environment(Map<String, String> env) {
        env.remove("NOTIFY_SOCKET");
    }

    /** execve()'s errno for a path that cannot run, as "%d: %m"; null when it may run. */
    static String unrunnable(String command) {
        if (!command.contains("/")) {
            return null;
        }
        Path p = Path.of(command);
        if (!Files.exists(p)) {
            return "2: No such file or directory";
        }
        return Files.isRegularFile(p) && Files.isExecutable(p) ? null : "13: Permission denied";
    }

    /** "error=2, No such file or directory" as keepalived's "%d: %m". */
    static String errno(IOException e) {
        Matcher m = ERRNO.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) + ": " + m.group(2) : String.valueOf(e.getMessage());
    }
}
