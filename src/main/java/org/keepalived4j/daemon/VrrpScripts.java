package org.keepalived4j.daemon;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.config.validate.ScriptSecurity;
import org.keepalived4j.script.ScriptUsers;
import org.keepalived4j.vrrp.runtime.TrackedObjects;

/**
 * The scripts of the VRRP configuration in force, decided once per configuration: which
 * vrrp_scripts may run and as whom (only those an instance or a sync group tracks), and who gets
 * which notify scripts and FIFOs. Loop thread only (and start-up, before the loop runs).
 */
final class VrrpScripts {
    private final DaemonLog log;
    private final ScriptUsers scriptUsers;
    private final TrackedObjects tracked;
    private final VrrpNotifier notifier;
    private final NotifyFifoWriter fifos;
    private final Map<String, VrrpScriptConfig> scriptConfigs = new HashMap<>();
    private final Map<String, ScriptAccess.Runnable> runnableScripts = new HashMap<>();

    VrrpScripts(DaemonLog log, ScriptUsers scriptUsers, TrackedObjects tracked, VrrpNotifier notifier,
                NotifyFifoWriter fifos) {
        this.log = log;
        this.scriptUsers = scriptUsers;
        this.tracked = tracked;
        this.notifier = notifier;
        this.fifos = fifos;
    }

    /** Decide which vrrp_scripts may run and as whom, and who gets which notify scripts. */
    void configure(KeepalivedConfig cfg) {
        ScriptAccess access = new ScriptAccess(cfg.global(), scriptUsers, new ScriptSecurity(System.getenv("PATH")), log);
        Map<String, VrrpScriptConfig> before = new HashMap<>(scriptConfigs);
        scriptConfigs.clear();
        runnableScripts.clear();
        Set<String> used = new HashSet<>();
        cfg.vrrpInstances().forEach(i -> i.trackScripts().forEach(t -> used.add(t.name())));
        cfg.syncGroups().forEach(g -> g.trackScripts().forEach(t -> used.add(t.name())));
        for (VrrpScriptConfig s : cfg.vrrpScripts()) {
            scriptConfigs.put(s.name(), s);
            if (used.contains(s.name())) {
                access.trackScript(s.name(), s.script()).ifPresent(a -> runnableScripts.put(s.name(), a));
            }
            VrrpScriptConfig old = before.get(s.name());
            tracked.script(s, old != null && sameScript(old, s));
        }
        notifier.configure(cfg, access);
        fifos.configure(cfg.global(), access);
    }

    private static boolean sameScript(VrrpScriptConfig a, VrrpScriptConfig b) {
        return a.script().args().equals(b.script().args()) && a.rise() == b.rise() && a.fall() == b.fall()
                && a.intervalMicros() == b.intervalMicros() && a.timeoutMicros() == b.timeoutMicros();
    }

    /** The scripts and the given track files, as the sync groups and the instances' tracking need them. */
    GroupTracking.Trackers trackers(Map<String, TrackFileConfig> trackFiles) {
        return new GroupTracking.Trackers(scriptConfigs, runnableScripts::containsKey, trackFiles);
    }

    /** (Re)start the periodic runs of the vrrp_scripts that may run; runs of before are killed. */
    void startTracking(TrackScripts trackScripts) {
        trackScripts.start(List.copyOf(scriptConfigs.values()), runnableScripts);
    }
}
