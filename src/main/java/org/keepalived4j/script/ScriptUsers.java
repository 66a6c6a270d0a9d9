package org.keepalived4j.script;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Who scripts run as (keepalived's lib/notify.c: set_uid_gid(), get_default_script_user()):
 * a script's own {@code user [group]}, else the global {@code script_user}, else the user
 * {@code keepalived_script} when it exists, else ourselves (root) — unless
 * enable_script_security is set, when a missing keepalived_script user leaves scripts without a
 * user, and so disabled. Names are resolved through the system's name service ({@code getent},
 * so NSS users work as with getpwnam()). Log lines are keepalived's.
 */
public final class ScriptUsers {
    /** A passwd entry: uid and primary gid. */
    public record Passwd(int uid, int gid) {
    }

    private static final String DEFAULT_USER = "keepalived_script";
    private final Function<String, Optional<Passwd>> passwd;
    private final Function<String, OptionalInt> groups;
    private final Consumer<String> log;
    private final RunAs self;
    private final Map<String, Optional<RunAs>> cache = new HashMap<>();
    private Optional<RunAs> defaultUser;

    public ScriptUsers(Function<String, Optional<Passwd>> passwd, Function<String, OptionalInt> groups,
                       Consumer<String> log, RunAs self) {
        this.passwd = passwd;
        this.groups = groups;
        this.log = log;
        this.self = self;
    }

    /** Resolving through getent on this host. */
    public static ScriptUsers system(Consumer<String> log, RunAs self) {
        return new ScriptUsers(ScriptUsers::getentPasswd, ScriptUsers::getentGroup, log, self);
    }

    /** {@code user [group]}: empty (logged) when either does not exist. */
    public Optional<RunAs> user(String user, Optional<String> group) {
        return cache.computeIfAbsent(user + ":" + group.orElse(""), k -> resolve(user, group));
    }

    private Optional<RunAs> resolve(String user, Optional<String> group) {
        Optional<Passwd> p = passwd.apply(user);
        if (p.isEmpty()) {
            log.accept("Script user '" + user + "' does not exist");
            return Optional.empty();
        }
        int gid = p.get().gid();
        if (group.isPresent()) {
            OptionalInt g = groups.apply(group.get());
            if (g.isEmpty()) {
                log.accept("Script group '" + group.get() + "' does not exist");
                return Optional.empty();
            }
            gid = g.getAsInt();
        }
        return Optional.of(new RunAs(p.get().uid(), gid));
    }

    /**
     * The default script user, resolved once on first use: {@code script_user} when configured,
     * else keepalived_script, else ourselves unless {@code scriptSecurity}; empty when none.
     */
    public Optional<RunAs> defaultUser(Optional<String> scriptUser, Optional<String> scriptGroup, boolean scriptSecurity) {
        if (defaultUser == null) {
            if (scriptUser.isPresent()) {
                defaultUser = user(scriptUser.get(), scriptGroup);
            } else {
                Optional<RunAs> k = user(DEFAULT_USER, Optional.empty());
                if (k.isEmpty() && scriptSecurity) {
                    log.accept("Unable to set default user " + DEFAULT_USER + " for script");
                }
                defaultUser = k.isPresent() || scriptSecurity ? k : Optional.of(self);
            }
        }
        return defaultUser;
    }

    static Optional<Passwd> getentPasswd(String name) {
        String[] f = getent("passwd", name);
        if (f == null || f.length < 4) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Passwd(Integer.parseInt(f[2]), Integer.parseInt(f[3])));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    static OptionalInt getentGroup(String name) {
        String[] f = getent("group", name);
        if (f == null || f.length < 3) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(f[2]));
        } catch (NumberFormatException e) {
            return OptionalInt.empty();
        }
    }

    /** The fields of the first line {@code getent DATABASE KEY} prints, or null. */
    private static String[] getent(String database, String key) {
        if (key.isEmpty() || key.startsWith("-")) {
            return null;
        }
        try {
            Process p = new ProcessBuilder("getent", database, key).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(10, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            if (p.exitValue() != 0 || out.isBlank()) {
                return null;
            }
            return out.lines().findFirst().orElse("").split(":", -1);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
