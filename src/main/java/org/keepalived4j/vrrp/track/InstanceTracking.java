package org.keepalived4j.vrrp.track;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tracked objects of one instance and what they make of it: the effective priority, whether
 * an unweighted object faults it, and whether an unweighted script has not reported yet
 * (keepalived's num_script_init: the instance waits in FAULT without notifying). keepalived
 * keeps running sums (total_priority, num_script_if_fault); this class recomputes them from the
 * objects' states, which gives the same numbers. Pure; event-loop thread only.
 */
public final class InstanceTracking {

    /** The verdict: the priority to advertise, and whether the instance may run. */
    public record Verdict(int effectivePriority, boolean faulted, boolean pending) {
        public boolean up() {
            return !faulted && !pending;
        }
    }

    private final String instance;
    private final int base;
    private final List<Tracked> items;
    private final Map<Tracked, Boolean> up = new HashMap<>();     // interfaces and scripts; absent = unknown
    private final Map<Tracked, Long> values = new HashMap<>();    // files

    /**
     * @param items every tracked object; for an address owner (base 255) the weighted ones count
     *              for nothing, as keepalived drops them (vrrp_complete_instance())
     */
    public InstanceTracking(String instance, int basePriority, List<Tracked> items) {
        this.instance = instance;
        this.base = basePriority;
        this.items = basePriority == 255 ? items.stream().filter(t -> t.weight() == 0).toList() : List.copyOf(items);
    }

    public String instance() {
        return instance;
    }

    public List<Tracked> items() {
        return items;
    }

    /** Whether this instance tracks the interface (own or track_interface). */
    public boolean tracksInterface(String ifname) {
        return items.stream().anyMatch(t -> t.kind() == Tracked.Kind.INTERFACE && t.name().equals(ifname));
    }

    public boolean tracksScript(String name) {
        return items.stream().anyMatch(t -> t.kind() == Tracked.Kind.SCRIPT && t.name().equals(name));
    }

    public boolean tracksFile(String name) {
        return items.stream().anyMatch(t -> t.kind() == Tracked.Kind.FILE && t.name().equals(name));
    }

    public void interfaceState(String ifname, boolean isUp) {
        set(Tracked.Kind.INTERFACE, ifname, isUp);
    }

    public void scriptState(String name, boolean ok) {
        set(Tracked.Kind.SCRIPT, name, ok);
    }

    public void fileValue(String name, long value) {
        for (Tracked t : items) {
            if (t.kind() == Tracked.Kind.FILE && t.name().equals(name)) {
                values.put(t, value);
            }
        }
    }

    private void set(Tracked.Kind kind, String name, boolean state) {
        for (Tracked t : items) {
            if (t.kind() == kind && t.name().equals(name)) {
                up.put(t, state);
            }
        }
    }

    /** keepalived's total_priority: base plus every weighted object's contribution. */
    public int totalPriority() {
        int total = base;
        for (Tracked t : items) {
            if (t.weight() == 0) {
                continue;
            }
            if (t.kind() == Tracked.Kind.FILE) {
                int s = fileStatus(t);
                total += s == Weights.FILE_FAULT ? 0 : s;
            } else if (up.containsKey(t)) {
                total += Weights.contribution(t.weight(), t.reverse(), up.get(t));
            }
        }
        return total;
    }

    public Verdict verdict() {
        boolean faulted = false;
        boolean pending = false;
        for (Tracked t : items) {
            if (t.kind() == Tracked.Kind.FILE) {
                faulted |= fileStatus(t) == Weights.FILE_FAULT;
            } else if (t.weight() == 0) {
                Boolean s = up.get(t);
                if (s == null) {
                    pending |= t.kind() == Tracked.Kind.SCRIPT;
                } else {
                    faulted |= Weights.faults(t.reverse(), s);
                }
            }
        }
        return new Verdict(Weights.effective(base, totalPriority()), faulted, pending);
    }

    /** The start-up lines naming each object that faults the instance (keepalived's order: interfaces, files, scripts). */
    public List<String> initialFaultLines() {
        List<String> out = new ArrayList<>();
        for (Tracked.Kind k : List.of(Tracked.Kind.INTERFACE, Tracked.Kind.FILE, Tracked.Kind.SCRIPT)) {
            for (Tracked t : items) {
                if (t.kind() != k) {
                    continue;
                }
                if (k == Tracked.Kind.FILE && fileStatus(t) == Weights.FILE_FAULT) {
                    out.add(TrackMessages.initFaultFile(instance, t.name(), fileStatus(t)));
                } else if (k != Tracked.Kind.FILE && t.weight() == 0 && up.containsKey(t)
                        && Weights.faults(t.reverse(), up.get(t))) {
                    out.add(k == Tracked.Kind.INTERFACE ? TrackMessages.initFaultInterface(instance, t.name())
                            : TrackMessages.initFaultScript(instance, t.name()));
                }
            }
        }
        return out;
    }

    /** The file's status for tracker {@code t} (0 before its value is known). */
    public int fileStatus(Tracked t) {
        return Weights.fileStatus(values.getOrDefault(t, 0L), t.weight(), t.reverse());
    }
}
