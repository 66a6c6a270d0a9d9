package org.keepalived4j.vrrp.runtime;

import java.util.EnumMap;
import java.util.Map;

import org.keepalived4j.vrrp.packet.DropReason;

/** Per-instance counters (what SIGUSR2 writes to keepalived.stats). Event-loop thread only. */
public final class InstanceStats {
    long advertsSent;
    long advertsReceived;
    long becameMaster;
    long releasedMaster;
    long priorityZeroSent;
    long priorityZeroReceived;
    final Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);

    /** SIGRTMAX-1 (STATS_CLEAR): counters back to zero after they were written. */
    public void clear() {
        advertsSent = 0;
        advertsReceived = 0;
        becameMaster = 0;
        releasedMaster = 0;
        priorityZeroSent = 0;
        priorityZeroReceived = 0;
        drops.clear();
    }

    void drop(DropReason r) {
        drops.merge(r, 1L, Long::sum);
    }

    public long advertsSent() {
        return advertsSent;
    }

    public long advertsReceived() {
        return advertsReceived;
    }

    public long becameMaster() {
        return becameMaster;
    }

    public long releasedMaster() {
        return releasedMaster;
    }

    public long priorityZeroSent() {
        return priorityZeroSent;
    }

    public long priorityZeroReceived() {
        return priorityZeroReceived;
    }

    public long drops(DropReason r) {
        return drops.getOrDefault(r, 0L);
    }

    public Map<DropReason, Long> allDrops() {
        return Map.copyOf(drops);
    }
}
