package org.keepalived4j.vrrp.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.keepalived4j.config.model.TrackFileConfig;
import org.keepalived4j.config.model.TrackedFile;
import org.keepalived4j.config.model.TrackedInterface;
import org.keepalived4j.config.model.TrackedScript;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.config.model.VrrpScriptConfig;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.track.InstanceTracking;
import org.keepalived4j.vrrp.track.ScriptHysteresis;
import org.keepalived4j.vrrp.track.TrackMessages;
import org.keepalived4j.vrrp.track.Tracked;
import org.keepalived4j.vrrp.track.Weights;

/**
 * Everything the instances track (their interfaces, vrrp_scripts, track files) and the
 * instances tracking each: results of scripts and link events come in, effective priorities and
 * FAULT transitions go out to the instances. Event-loop thread only; no I/O (the daemon runs the
 * scripts and watches links and files, and posts what it sees here).
 */
public final class TrackedObjects {
    private final LogPort log;
    private final Map<String, ScriptHysteresis> scripts = new LinkedHashMap<>();
    private final Map<String, Boolean> links = new HashMap<>();
    private final Map<String, Long> files = new HashMap<>();
    private final Map<InstanceRuntime, InstanceTracking> instances = new LinkedHashMap<>();

    public TrackedObjects(LogPort log) {
        this.log = log;
    }

    /**
     * What an instance tracks: its own interface with weight 0 (unless dont_track_primary),
     * track_interface and track_script entries ({@code runnable}: the scripts that may run; a
     * disabled script is dropped as keepalived drops it), and track_file entries ({@code files}:
     * the track files that could be watched).
     */
    public static List<Tracked> itemsOf(VrrpInstanceConfig cfg, String ifname, Map<String, VrrpScriptConfig> scripts,
                                        Predicate<String> runnable, Map<String, TrackFileConfig> files) {
        return itemsOf(cfg, List.of(ifname), scripts, runnable, files);
    }

    /** @param ownInterfaces the interfaces the instance runs on (a VMAC and its base interface: both) */
    public static List<Tracked> itemsOf(VrrpInstanceConfig cfg, List<String> ownInterfaces,
                                        Map<String, VrrpScriptConfig> scripts, Predicate<String> runnable,
                                        Map<String, TrackFileConfig> files) {
        List<Tracked> out = new ArrayList<>();
        if (!cfg.dontTrackPrimary()) {
            ownInterfaces.forEach(i -> out.add(Tracked.iface(i, 0, false)));
        }
        for (TrackedInterface t : cfg.trackInterfaces()) {
            if (out.stream().noneMatch(o -> o.kind() == Tracked.Kind.INTERFACE && o.name().equals(t.name()))) {
                out.add(Tracked.iface(t.name(), t.weight(), t.reverse()));
            }
        }
        for (TrackedScript t : cfg.trackScripts()) {
            VrrpScriptConfig s = scripts.get(t.name());
            if (s == null || !runnable.test(t.name())) {
                continue;
            }
            // keepalived's alloc_track_script(): the vrrp_script's weight and reverse unless given here
            out.add(Tracked.script(t.name(), t.weight().orElse(s.weight()),
                    t.weight().isPresent() ? t.reverse() : s.weightReverse()));
        }
        for (TrackedFile t : cfg.trackFiles()) {
            TrackFileConfig f = files.get(t.name());
            if (f != null) {
                // vrrp_alloc_track_file(): the track_file's weight and reverse unless given here
                out.add(Tracked.file(t.name(), t.weight().orElse(f.weight()), t.reverse().orElse(f.reverse())));
            }
        }
        return out;
    }

    /** Declare a vrrp_script; a script already known (same name, reload) keeps its state. */
    public void script(VrrpScriptConfig s, boolean sameAsBefore) {
        if (!sameAsBefore || !scripts.containsKey(s.name())) {
            scripts.put(s.name(), new ScriptHysteresis(s.name(), s.rise(), s.fall()));
        }
    }

    /** Forget the scripts no instance tracks any more. */
    public void retainScripts(Set<String> names) {
        scripts.keySet().retainAll(names);
    }

    public void add(InstanceRuntime r, List<Tracked> items) {
        InstanceTracking t = new InstanceTracking(r.config().name(), r.config().priority(), items);
        if (r.config().priority() == 255) {
            for (Tracked i : items) {
                if (i.weight() != 0) {
                    log.info(i.kind() == Tracked.Kind.SCRIPT ? TrackMessages.ownerIgnoresScript(r.config().name(), i.name())
                            : TrackMessages.ownerIgnoresInterface(r.config().name(), i.name()));
                }
            }
        }
        instances.put(r, t);
    }

    public void remove(InstanceRuntime r) {
        instances.remove(r);
    }

    /** The names of the vrrp_scripts some instance tracks. */
    public Set<String> trackedScripts() {
        Set<String> out = new java.util.LinkedHashSet<>();
        instances.values().forEach(t -> t.items().stream().filter(i -> i.kind() == Tracked.Kind.SCRIPT)
                .forEach(i -> out.add(i.name())));
        return out;
    }

    /** Whether some instance tracks the interface (keepalived only logs link changes of those). */
    public boolean tracksInterface(String ifname) {
        return instances.values().stream().anyMatch(t -> t.tracksInterface(ifname));
    }

    /** The verdict for an instance from the current states (start-up, reload). */
    public InstanceTracking.Verdict verdict(InstanceRuntime r, Predicate<String> linkUp) {
        InstanceTracking t = instances.get(r);
        for (Tracked i : t.items()) {
            switch (i.kind()) {
                case INTERFACE -> t.interfaceState(i.name(), links.computeIfAbsent(i.name(), linkUp::test));
                case SCRIPT -> scripts.get(i.name()).state().ifPresent(ok -> t.scriptState(i.name(), ok));
                case FILE -> t.fileValue(i.name(), files.getOrDefault(i.name(), 0L));
            }
        }
        return t.verdict();
    }

    /** The start-up lines naming each object that faults the instance. */
    public List<String> initialFaultLines(InstanceRuntime r) {
        return instances.get(r).initialFaultLines();
    }

    /** Start an instance as its tracked objects say, with keepalived's start-up lines. */
    public void start(long now, InstanceRuntime r, Predicate<String> linkUp) {
        InstanceTracking.Verdict v = verdict(r, linkUp);
        instances.get(r).initialFaultLines().forEach(log::info);
        r.start(now, v);
    }

    /** A link went up or down. */
    public void linkChanged(long now, String ifname, boolean up) {
        links.put(ifname, up);
        instances.forEach((r, t) -> {
            if (t.tracksInterface(ifname)) {
                t.interfaceState(ifname, up);
                r.track(now, t.verdict());
            }
        });
    }

    /** A run of vrrp_script {@code name} exited with {@code status}. */
    public void scriptExited(long now, String name, int status) {
        ScriptHysteresis h = scripts.get(name);
        if (h != null) {
            report(now, name, h.exited(status));
        }
    }

    /** A run was ended by {@code signal} ({@code timedOut}: by its timeout). */
    public void scriptSignalled(long now, String name, int signal, boolean timedOut) {
        ScriptHysteresis h = scripts.get(name);
        if (h != null) {
            report(now, name, h.signalled(signal, timedOut));
        }
    }

    /** A run could not be started. */
    public void scriptExecFailed(long now, String name, String command, String error) {
        ScriptHysteresis h = scripts.get(name);
        if (h != null) {
            report(now, name, h.execFailed(command, error));
        }
    }

    private void report(long now, String name, ScriptHysteresis.Report rep) {
        rep.lines().forEach(log::info);
        rep.nowOk().ifPresent(ok -> instances.forEach((r, t) -> {
            if (t.tracksScript(name)) {
                t.scriptState(name, ok);
                r.track(now, t.verdict());
            }
        }));
    }

    /** The value of a track file at start-up (read before the instances start). */
    public void fileValue(String name, long value) {
        files.put(name, value);
    }

    /**
     * A tracked file's value changed (process_update_vrrp_track_file_status()): priorities
     * move, an object at −254 faults its trackers; entering and leaving that fault is logged
     * with -D, and leaving it sets the priority without the "Changing" line, as keepalived does.
     */
    public void fileChanged(long now, String name, long value) {
        Long before = files.put(name, value);
        if (before != null && before == value) {
            return;
        }
        instances.forEach((r, t) -> {
            if (!t.tracksFile(name)) {
                return;
            }
            boolean quiet = false;
            boolean keep = false;
            for (Tracked i : t.items()) {
                if (i.kind() != Tracked.Kind.FILE || !i.name().equals(name)) {
                    continue;
                }
                int prev = t.fileStatus(i);
                t.fileValue(name, value);
                int next = t.fileStatus(i);
                if (prev != next && next == Weights.FILE_FAULT) {
                    log.detail(TrackMessages.fileNowFault(r.config().name(), name));
                    keep = true;    // keepalived takes the weight out of total_priority but leaves effective_priority
                } else if (prev != next && prev == Weights.FILE_FAULT) {
                    log.detail(TrackMessages.fileLeavingFault(r.config().name(), name));
                    quiet = i.weight() != 0;
                    if (quiet && next != 0) {
                        log.detail(TrackMessages.settingEffectivePriority(r.config().name(), t.verdict().effectivePriority()));
                    }
                }
            }
            t.fileValue(name, value);
            InstanceTracking.Verdict v = t.verdict();
            r.track(now, keep ? new InstanceTracking.Verdict(r.effectivePriority(), v.faulted(), v.pending()) : v, quiet);
        });
    }}
