package org.keepalived4j.daemon;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.net.InterfaceInfo;
import org.keepalived4j.net.LinuxAnnouncer;
import org.keepalived4j.vrrp.runtime.TrackedObjects;
import org.keepalived4j.vrrp.runtime.VrrpRouter;

/**
 * What the link monitor reports, as the instances see it: a link that goes down or comes back
 * (the tracked objects decide FAULT), and a VMAC of ours that someone deleted (made again, with
 * its sockets). Loop thread only.
 */
final class LinkEvents {
    private final DaemonLog log;
    private final VmacManager vmacs;
    private final LinuxAnnouncer announcer;
    private final TrackedObjects tracked;
    private final VrrpRouter router;
    private final InstancePlacer placer;
    /** The configuration the instances run (for the multicast groups when a VMAC is made again). */
    private final Supplier<KeepalivedConfig> running;
    private final Map<String, Boolean> linkState = new HashMap<>();

    LinkEvents(DaemonLog log, VmacManager vmacs, LinuxAnnouncer announcer, TrackedObjects tracked, VrrpRouter router,
               InstancePlacer placer, Supplier<KeepalivedConfig> running) {
        this.log = log;
        this.vmacs = vmacs;
        this.announcer = announcer;
        this.tracked = tracked;
        this.router = router;
        this.placer = placer;
        this.running = running;
    }

    /** Whether the kernel says {@code ifname} is up now (false when it does not exist). */
    static boolean linkUp(String ifname) {
        return InterfaceInfo.of(ifname).map(InterfaceInfo::up).orElse(false);
    }

    /** The link monitor reported {@code ifname} up or down. */
    void linkEvent(long now, String ifname, boolean reported) {
        // A VMAC's creation reports it down before it is up: take the kernel's current word for our VMACs.
        boolean up = vmacs.currentlyUp(ifname).orElse(reported);
        if (vmacs.deletedByUs(ifname)) {
            linkState.remove(ifname);
            return;
        }
        if (!up && vmacs.vanished(ifname)) {
            vmacDeleted(now, ifname);
            return;
        }
        Boolean before = linkState.put(ifname, up);
        if (before != null && before == up) {
            return;
        }
        if (before == null && up) {
            return;   // first report of a link that is up: nothing changed
        }
        if (tracked.tracksInterface(ifname)) {
            log.info("Netlink reports " + ifname + " " + (up ? "up" : "down"));
        }
        announcer.invalidate(ifname);
        tracked.linkChanged(now, ifname, up);
    }

    /**
     * Someone deleted one of our VMACs: its instances go to FAULT (keepalived's
     * cleanup_lost_interface()), the VMAC is made again (recreate_vmac_thread()) with fresh VRRP
     * sockets; its "up" report then takes the instances back to BACKUP.
     */
    private void vmacDeleted(long now, String ifname) {
        log.info("Interface " + ifname + " deleted");
        linkState.put(ifname, false);
        announcer.invalidate(ifname);
        tracked.linkChanged(now, ifname, false);
        try {
            Optional<VmacManager.Vmac> vm = vmacs.recreate(ifname);
            if (vm.isEmpty()) {
                return;
            }
            // the old socket was bound to the vanished interface
            placer.retainSockets(router.instances().stream().filter(r -> !r.ifname().equals(ifname)).toList());
            placer.reopen(ifname, vm.get().index(), router.instances(), running.get());
            placer.startReaders();
        } catch (IOException e) {
            log.info("Re-creating VMAC interface " + ifname + " failed: " + e.getMessage());
        }
    }
}
