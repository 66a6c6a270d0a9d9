package org.keepalived4j.daemon;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.net.InterfaceInfo;
import org.keepalived4j.net.LinuxAnnouncer;
import org.keepalived4j.net.LinuxConstants;
import org.keepalived4j.net.LinuxVipManager;
import org.keepalived4j.vrrp.runtime.InstanceRuntime;

/**
 * Where instances run and the VRRP sockets they need: an instance's interface (its VMAC with
 * use_vmac), the source address of its adverts, its multicast group; the sockets are opened as
 * instances are placed, opened again when a VMAC is made again, and retired when no instance
 * uses them. Loop thread only (and start-up, before the loop runs).
 */
final class InstancePlacer {
    /**
     * Where an instance runs: the interface of its adverts, the source of its adverts, its
     * multicast group, the interface of its VIPs and the interfaces it follows (use_vmac: the
     * VMAC carries the VIPs and, unless vmac_xmit_base, the adverts; base and VMAC are followed).
     */
    record Placement(String ifname, InterfaceInfo info, InetAddress source, InetAddress group,
                     String vipIfname, List<String> links) {
    }

    private final DaemonLog log;
    private final VrrpSockets sockets;
    private final LinuxVipManager vips;
    private final LinuxAnnouncer announcer;
    private final VmacManager vmacs;

    InstancePlacer(DaemonLog log, VrrpSockets sockets, LinuxVipManager vips, LinuxAnnouncer announcer,
                   VmacManager vmacs) {
        this.log = log;
        this.sockets = sockets;
        this.vips = vips;
        this.announcer = announcer;
        this.vmacs = vmacs;
    }

    /**
     * Resolve an instance's interface, source address and group, and open its socket.
     *
     * @param waitLinkLocalMicros IPv6: how long to wait for the link-local address to leave DAD
     * @param claimed VMAC names given to the instances placed before this one (this one's is added)
     */
    Optional<Placement> place(VrrpInstanceConfig i, KeepalivedConfig cfg, long waitLinkLocalMicros,
                              Set<String> claimed) {
        if (i.interfaceName().isEmpty()) {
            log.info("(" + i.name() + ") instances without an interface are not implemented in this build - not started");
            return Optional.empty();
        }
        String ifname = i.interfaceName().get();
        Optional<InterfaceInfo> info = InterfaceInfo.of(ifname);
        if (info.isEmpty()) {
            log.info("(" + i.name() + ") interface " + ifname + " does not exist - instance not started");
            return Optional.empty();
        }
        announcer.prime(info.get());
        try {
            InterfaceInfo base = info.get();
            InterfaceInfo advert = base;
            String vipIfname = ifname;
            List<String> follows = List.of(ifname);
            if (i.vmac().isPresent()) {
                Optional<VmacManager.Vmac> vm = vmacs.ensure(i, base, claimed);
                if (vm.isEmpty()) {
                    log.info("(" + i.name() + ") no VMAC interface - instance not started");
                    return Optional.empty();
                }
                claimed.add(vm.get().name());
                InterfaceInfo vinfo = InterfaceInfo.of(vm.get().name())
                        .orElseThrow(() -> new IOException("VMAC " + vm.get().name() + " vanished"));
                announcer.prime(vinfo);
                vipIfname = vinfo.name();
                follows = List.of(ifname, vinfo.name());
                advert = i.vmac().get().xmitBase() ? base : vinfo;
            }
            Optional<Placement> p = i.isIpv6() ? place6(i, cfg, advert, waitLinkLocalMicros) : place4(i, cfg, base, advert);
            String v = vipIfname;
            List<String> f = follows;
            return p.map(x -> new Placement(x.ifname(), x.info(), x.source(), x.group(), v, f));
        } catch (IOException e) {
            log.info("(" + i.name() + ") cannot use " + ifname + ": " + e.getMessage() + " - instance not started");
            return Optional.empty();
        }
    }

    /** IPv4: the source is the base interface's primary address (also when adverts leave from a VMAC). */
    private Optional<Placement> place4(VrrpInstanceConfig i, KeepalivedConfig cfg, InterfaceInfo base,
                                       InterfaceInfo info) throws IOException {
        InetAddress source = i.sourceAddress().isPresent() ? i.sourceAddress().get()
                : vips.primaryIpv4(base.index()).orElse(null);
        if (source == null) {
            log.info("(" + i.name() + ") interface " + base.name() + " has no IPv4 address - instance not started");
            return Optional.empty();
        }
        InetAddress group = cfg.global().vrrpMcastGroup4();
        sockets.open4(info.name(), info.index(), (Inet4Address) group, InstanceRuntime.ipProtocol(i));
        return Optional.of(new Placement(info.name(), info, source, group, info.name(), List.of(info.name())));
    }

    /** IPv6: the source is the interface's link-local address once duplicate address detection is over. */
    private Optional<Placement> place6(VrrpInstanceConfig i, KeepalivedConfig cfg, InterfaceInfo info, long waitMicros)
            throws IOException {
        InetAddress source = i.sourceAddress().orElse(null);
        long deadline = System.nanoTime() + waitMicros * 1000;
        while (source == null) {
            source = vips.addresses(LinuxConstants.AF_INET6).stream()
                    .filter(a -> a.ifindex() == info.index() && a.scope() == 253 && (a.flags() & 0x40) == 0)
                    .map(a -> a.address()).findFirst().orElse(null);
            if (source != null || System.nanoTime() > deadline) {
                break;
            }
            try {
                Thread.sleep(100);   // start-up only: a fresh link-local address is tentative for ~2 s
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
        if (source == null) {
            log.info("(" + i.name() + ") interface " + info.name()
                    + " has no usable IPv6 link-local address - instance not started");
            return Optional.empty();
        }
        InetAddress group = cfg.global().vrrpMcastGroup6();
        sockets.open6(info.name(), info.index(), (Inet6Address) group, (Inet6Address) source);
        return Optional.of(new Placement(info.name(), info, source, group, info.name(), List.of(info.name())));
    }

    /** Open again the sockets of the instances on {@code ifname}, a VMAC made again with index {@code index}. */
    void reopen(String ifname, int index, List<InstanceRuntime> instances, KeepalivedConfig cfg) throws IOException {
        for (InstanceRuntime r : instances) {
            if (r.ifname().equals(ifname)) {
                if (r.config().isIpv6()) {
                    sockets.open6(ifname, index, (Inet6Address) cfg.global().vrrpMcastGroup6(), (Inet6Address) r.source());
                } else {
                    sockets.open4(ifname, index, (Inet4Address) cfg.global().vrrpMcastGroup4(), r.ipProtocol());
                }
            }
        }
    }

    /** Retire the sockets none of {@code users} needs (IPv4: interface and protocol; IPv6: interface). */
    void retainSockets(List<InstanceRuntime> users) {
        Set<String> used4 = new HashSet<>();
        Set<String> used6 = new HashSet<>();
        users.forEach(r -> {
            if (r.config().isIpv6()) {
                used6.add(r.ifname());
            } else {
                used4.add(VrrpSockets.key4(r.ifname(), r.ipProtocol()));
            }
        });
        sockets.retainOnly(used4, used6);
    }

    /** Start a reader for every socket that has none yet. */
    void startReaders() {
        sockets.startReaders();
    }
}
