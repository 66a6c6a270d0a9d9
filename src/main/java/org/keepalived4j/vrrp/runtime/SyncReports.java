package org.keepalived4j.vrrp.runtime;

import java.util.List;

/**
 * The sync group section of keepalived.data (SIGUSR1), with keepalived's headings
 * (dump_data_vrrp(), dump_sync_group() in vrrp_data.c). Pure.
 */
public final class SyncReports {
    private SyncReports() {
    }

    /** Empty without groups, as keepalived omits the heading then. */
    public static String syncGroups(List<SyncGroupRuntime> groups) {
        if (groups.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder("------< VRRP Sync groups >------\n");
        for (SyncGroupRuntime g : groups) {
            b.append(" VRRP Sync Group = ").append(g.name()).append(", ").append(g.state().name()).append('\n');
            b.append("   Num member fault ").append(countDown(g)).append(", num member init ").append(countWaiting(g))
                    .append('\n');
            b.append("   VRRP member instances :\n");
            g.members().forEach(r -> b.append("     ").append(r.config().name()).append('\n'));
        }
        return b.toString();
    }

    private static long countDown(SyncGroupRuntime g) {
        return g.group().downCount();
    }

    private static long countWaiting(SyncGroupRuntime g) {
        return g.group().waitingCount();
    }
}
