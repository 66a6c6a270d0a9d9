package org.keepalived4j.daemon;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.validate.ScriptSecurity;
import org.keepalived4j.script.RunAs;
import org.keepalived4j.script.ScriptCommand;
import org.keepalived4j.script.ScriptUsers;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * Decides, once per configuration, whether and as whom each VRRP script runs (keepalived's
 * notify_script_init() / vrrp_vscript_end_handler() for the user, check_vrrp_script_security()
 * for the file): the script's own user or the default script user; a script that cannot be
 * found or executed by that user is disabled, and so is one whose path a non-root user could
 * change when it runs as root while enable_script_security is set. The security verdict comes
 * from {@link ScriptSecurity}, the code {@code keepalived -t} uses.
 */
final class ScriptAccess {
    /** Ready to run: as whom, and how ({@code </dev/tcp/...} tests go through the shell, as keepalived's system()). */
    record Runnable(RunAs runAs, boolean viaShell) {
        ScriptCommand command(List<String> argv, long timeoutMicros, boolean killAtTimeout) {
            List<String> a = viaShell ? List.of("/bin/sh", "-c", shellLine(argv)) : argv;
            return new ScriptCommand(a, Optional.of(runAs), timeoutMicros, killAtTimeout);
        }
    }

    private final GlobalDefs global;
    private final ScriptUsers users;
    private final ScriptSecurity security;
    private final LogPort log;

    ScriptAccess(GlobalDefs global, ScriptUsers users, ScriptSecurity security, LogPort log) {
        this.global = global;
        this.users = users;
        this.log = log;
        this.security = security;
    }

    /**
     * The verdict for a notify script ({@code type}: "notify" for the log lines); empty when it
     * must not run.
     */
    Optional<Runnable> notifyScript(Script s) {
        Optional<RunAs> who = who(s, "Invalid user/group for notify script " + s.command() + " - ignoring",
                "Failed to set default user for notify script " + s.command() + " - ignoring");
        return who.flatMap(r -> secure(s, r));
    }

    /** The verdict for a vrrp_script, with keepalived's "Disabling track script" lines. */
    Optional<Runnable> trackScript(String name, Script s) {
        Optional<RunAs> who = who(s, "Unable to set uid/gid for script " + s.display(),
                "Unable to set default user for vrrp script " + name + " - removing");
        if (who.isEmpty()) {
            return Optional.empty();
        }
        ScriptSecurity.Result r = security.check(s, who.get().uid(), who.get().gid(), global.enableScriptSecurity());
        if (r.verdict() == ScriptSecurity.Verdict.NOT_FOUND) {
            log.info("Disabling track script " + name + " since not found/accessible");
            return Optional.empty();
        }
        if (r.verdict() == ScriptSecurity.Verdict.INSECURE && global.enableScriptSecurity()) {
            log.info("Disabling track script " + name + " due to insecure");
            return Optional.empty();
        }
        return Optional.of(new Runnable(who.get(), r.verdict() == ScriptSecurity.Verdict.SYSTEM));
    }

    private Optional<RunAs> who(Script s, String invalid, String noDefault) {
        if (s.user().isPresent()) {
            Optional<RunAs> r = users.user(s.user().get(), s.group());
            if (r.isEmpty()) {
                log.info(invalid);
            }
            return r;
        }
        Optional<RunAs> r = users.defaultUser(global.scriptUser(), global.scriptGroup(), global.enableScriptSecurity());
        if (r.isEmpty()) {
            log.info(noDefault);
        }
        return r;
    }

    private Optional<Runnable> secure(Script s, RunAs r) {
        ScriptSecurity.Result res = security.check(s, r.uid(), r.gid(), global.enableScriptSecurity());
        if (res.verdict() == ScriptSecurity.Verdict.NOT_FOUND
                || (res.verdict() == ScriptSecurity.Verdict.INSECURE && global.enableScriptSecurity())) {
            return Optional.empty();
        }
        return Optional.of(new Runnable(r, res.verdict() == ScriptSecurity.Verdict.SYSTEM));
    }

    /** keepalived's cmd_str(): every word single-quoted, except a leading redirection. */
    static String shellLine(List<String> argv) {
        List<String> w = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String a = argv.get(i);
            w.add(i == 0 && (a.startsWith("<") || a.startsWith(">")) ? a : "'" + a + "'");
        }
        return String.join(" ", w);
    }
}
