package org.keepalived4j.daemon;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.keepalived4j.config.model.VmacConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.net.IfLink;
import org.keepalived4j.net.InterfaceInfo;
import org.keepalived4j.net.LinkCodec;
import org.keepalived4j.net.LinuxLinks;
import org.keepalived4j.net.Sysctl;
import org.keepalived4j.vrrp.port.LogPort;

/**
 * The VMAC interfaces of the VRRP instances (keepalived 2.2.7: the VMAC part of
 * vrrp_complete_instance() and create_vmac_name() in vrrp.c, netlink_link_add_vmac() and
 * netlink_link_del_vmac() in vrrp_vmac.c): a private-mode macvlan on the instance's interface
 * with the virtual MAC, found again when it already exists (reload, restart after a crash),
 * otherwise created; deleted when its instance goes (reload) and at exit. Loop thread only.
 */
final class VmacManager {
    /** A VMAC an instance runs on. */
    record Vmac(String instance, String name, int index, String base, int baseIndex, boolean ipv6) {
    }

    private static final String PREFIX = "vrrp";

    private final LogPort log;
    private final LinuxLinks links;
    private final VmacSysctls sysctls;
    private final Sysctl sysctl;
    /** The VMACs this daemon owns, by name. */
    private final Map<String, Vmac> owned = new LinkedHashMap<>();
    /** The instance each owned VMAC was made for, to make it again if someone deletes it. */
    private final Map<String, VrrpInstanceConfig> madeFor = new LinkedHashMap<>();
    /** VMACs we deleted: the kernel's notification of it is no news (keepalived's ifp->deleting). */
    private final Set<String> deleted = new java.util.HashSet<>();

    VmacManager(LogPort log, LinuxLinks links, Sysctl sysctl) {
        this.log = log;
        this.links = links;
        this.sysctl = sysctl;
        this.sysctls = new VmacSysctls(sysctl, log);
    }

    /** keepalived's detail line after creating (or updating) a VMAC. */
    static String successCreating(String instance, String name, boolean update) {
        return "(" + instance + "): Success " + (update ? "upd" : "cre") + "ating VMAC interface " + name;
    }

    /** keepalived's detail line after deleting a VMAC. */
    static String successRemoving(String instance, String name) {
        return "(" + instance + ") Success removing VMAC interface " + name;
    }

    /**
     * keepalived's create_vmac_name(): {@code PREFIX.VRID}, else {@code PREFIX1.VRID},
     * {@code PREFIX2.VRID}, ... ; IPv6 tries {@code PREFIX6.VRID} second. A name is free when no
     * other instance claimed it and no interface has it.
     */
    static String defaultName(String prefix, int vrid, boolean ipv6, Set<String> taken) {
        String name = fit(prefix, "", vrid);
        int num = 0;
        while (taken.contains(name)) {
            if (ipv6) {
                num = num == 0 ? 6 : num == 6 ? 1 : ++num == 6 ? 7 : num;
            } else {
                num++;
            }
            name = fit(prefix, Integer.toString(num), vrid);
        }
        return name;
    }

    /** {@code prefix + num + "." + vrid}, the prefix shortened so the name fits IFNAMSIZ (15 characters). */
    private static String fit(String prefix, String num, int vrid) {
        String tail = num + "." + vrid;
        return prefix.length() + tail.length() > 15 ? prefix.substring(0, 15 - tail.length()) + tail : prefix + tail;
    }

    /**
     * The VMAC of an instance on {@code base}: a private macvlan there with the right MAC that
     * nobody else claimed (keepalived: "Found matching interface"), else a new one.
     *
     * @param claimed VMAC names other instances of this configuration already have
     * @return empty when it could not be made (logged)
     */
    Optional<Vmac> ensure(VrrpInstanceConfig i, InterfaceInfo base, Set<String> claimed) throws IOException {
        VmacConfig v = i.vmac().orElseThrow();
        byte[] mac = v.macFor(i.vrid(), i.isIpv6());
        List<LinkCodec.Link> all = links.links();
        Optional<LinkCodec.Link> match = all.stream().filter(l -> l.link() == base.index() && l.isPrivateMacvlan()
                && Arrays.equals(l.mac(), mac) && !claimed.contains(l.name())).findFirst();
        if (match.isPresent() && v.ifname().filter(n -> !n.equals(match.get().name())).isPresent()) {
            if (owned.containsKey(match.get().name())) {
                log.info("(" + i.name() + ") Deleting old VMAC interface " + match.get().name());
                remove(match.get().name());
                return create(i, v, base, mac, links.links(), claimed);
            }
            log.info("(" + i.name() + ") vmac name mismatch " + v.ifname().get() + " <=> " + match.get().name()
                    + ". changing to " + match.get().name() + ".");
        }
        if (match.isPresent()) {
            return Optional.of(reuse(i, v, base, match.get()));
        }
        return create(i, v, base, mac, all, claimed);
    }

    private Vmac reuse(VrrpInstanceConfig i, VmacConfig v, InterfaceInfo base, LinkCodec.Link l) throws IOException {
        log.info("(" + i.name() + ") Found matching interface " + l.name());
        Vmac vm = new Vmac(i.name(), l.name(), l.index(), base.name(), base.index(), i.isIpv6());
        Vmac before = owned.put(l.name(), vm);
        madeFor.put(l.name(), i);
        if (before == null && (l.flags() & 1) == 0) {
            links.up(l.name(), l.index());
        }
        if (i.isIpv6()) {
            // vmac_xmit_base may have changed: the VMAC has a link-local address only when adverts leave from it.
            linkLocal(i, base).ifPresent(a -> {
                try {
                    links.linkLocal(!v.xmitBase(), l.name(), l.index(), a);
                } catch (IOException e) {
                    log.info("(" + i.name() + ") " + (v.xmitBase() ? "removing" : "adding") + " link-local address "
                            + (v.xmitBase() ? "from " : "to ") + l.name() + " failed: " + e.getMessage());
                }
            });
        }
        return vm;
    }

    /** The name a new VMAC gets, and the interface of that name if one exists (to delete or update). */
    private record Target(String name, Optional<LinkCodec.Link> existing) {
    }

    /** The configured name unless it is taken by an interface that is not a macvlan, else keepalived's default. */
    private Target target(VrrpInstanceConfig i, VmacConfig v, List<LinkCodec.Link> all, Set<String> claimed) {
        if (v.ifname().isPresent()) {
            String name = v.ifname().get();
            Optional<LinkCodec.Link> existing = all.stream().filter(l -> l.name().equals(name)).findFirst();
            if (existing.isEmpty()) {
                return new Target(name, existing);
            }
            if (existing.get().kind().equals("macvlan")) {
                log.info("(" + i.name() + ") VMAC " + name + " already exists but is incompatible. It will be"
                        + " deleted/updated");
                return new Target(name, existing);
            }
            log.info("(" + i.name() + ") VMAC interface name " + name + " already exists as a non VMAC interface."
                    + " ignoring configured name");
        }
        Set<String> taken = all.stream().map(LinkCodec.Link::name).collect(Collectors.toSet());
        taken.addAll(claimed);
        return new Target(defaultName(PREFIX, i.vrid(), i.isIpv6(), taken), Optional.empty());
    }

    private Optional<Vmac> create(VrrpInstanceConfig i, VmacConfig v, InterfaceInfo base, byte[] mac,
                                  List<LinkCodec.Link> all, Set<String> claimed) throws IOException {
        Target t = target(i, v, all, claimed);
        String name = t.name();
        Optional<LinkCodec.Link> existing = t.existing();
        int index;
        try {
            if (existing.isPresent() && existing.get().link() != base.index()) {
                log.info("(" + i.name() + ") Removing old VMAC interface " + name + " due to conflicting interface");
                links.delete(name, existing.get().index());
                existing = Optional.empty();
            }
            if (existing.isPresent()) {
                log.info("(" + i.name() + ") Update old VMAC interface " + name + " due to wrong MAC/mode ");
                links.updateMacvlan(name, existing.get().index(), mac, IfLink.MACVLAN_MODE_PRIVATE);
                index = existing.get().index();
            } else {
                index = links.createMacvlan(name, base.index(), mac, IfLink.MACVLAN_MODE_PRIVATE);
            }
        } catch (IOException e) {
            log.info("(" + i.name() + "): Unable to create VMAC interface " + name);
            log.info("  cause: " + e.getMessage());
            return Optional.empty();
        }
        log.detail(successCreating(i.name(), name, existing.isPresent()));
        Vmac vm = new Vmac(i.name(), name, index, base.name(), base.index(), i.isIpv6());
        owned.put(name, vm);
        madeFor.put(name, i);
        deleted.remove(name);
        configure(i, v, vm, base);
        return Optional.of(vm);
    }

    /** The rest of netlink_link_add_vmac(): sysctls, IPv6 on or off, no automatic address, up, link-local. */
    private void configure(VrrpInstanceConfig i, VmacConfig v, Vmac vm, InterfaceInfo base) throws IOException {
        if (!vm.ipv6()) {
            sysctls.configure(vm.name(), base.name());
        }
        boolean otherFamilyEvip = i.excludedVirtualIpAddresses().stream().anyMatch(a -> a.isIpv6() != i.isIpv6());
        sysctl.write(Sysctl.ipv6Conf(vm.name(), "disable_ipv6"), vm.ipv6() || otherFamilyEvip ? 0 : 1);
        try {
            links.addrGenModeNone(vm.name(), vm.index());
        } catch (IOException e) {
            log.info("(" + i.name() + ") Error setting ADDR_GEN_MODE to NONE on " + vm.name());
        }
        links.up(vm.name(), vm.index());
        awaitRunning(vm, base);
        if (vm.ipv6() && !v.xmitBase()) {
            Optional<Inet6Address> ll = linkLocal(i, base);
            try {
                if (ll.isEmpty()) {
                    throw new IOException("no address");
                }
                links.linkLocal(true, vm.name(), vm.index(), ll.get());
            } catch (IOException e) {
                log.info("Adding link-local address to vmac failed");
                log.info("(" + i.name() + ") adding link-local address to " + vm.name() + " failed");
            }
        }
    }

    /**
     * A new macvlan takes its carrier from the base through the kernel's link watch, which may
     * lag a little: wait (2 s at most) until it runs, when the base does, so the instance does not
     * start on a link that is about to report itself up.
     */
    private void awaitRunning(Vmac vm, InterfaceInfo base) throws IOException {
        long end = System.nanoTime() + 2_000_000_000L;
        while (System.nanoTime() < end) {
            boolean baseRuns = links.link(base.name()).map(LinkCodec.Link::upAndRunning).orElse(false);
            if (!baseRuns || links.link(vm.name()).map(LinkCodec.Link::upAndRunning).orElse(false)) {
                return;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** True when a VMAC we own is no longer in the kernel (someone deleted it). */
    boolean vanished(String name) {
        try {
            return owned.containsKey(name) && links.link(name).isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * keepalived's recreate_vmac_thread(): a VMAC of ours was deleted by someone else; make it
     * again (same name, same settings) while its base interface exists.
     *
     * @return the new VMAC, empty when the base is gone or creation failed (logged)
     */
    Optional<Vmac> recreate(String name) throws IOException {
        Vmac old = owned.get(name);
        VrrpInstanceConfig i = madeFor.get(name);
        if (old == null || i == null) {
            return Optional.empty();
        }
        Optional<InterfaceInfo> base = InterfaceInfo.of(old.base());
        if (base.isEmpty()) {
            return Optional.empty();
        }
        owned.remove(name);
        madeFor.remove(name);
        if (!old.ipv6()) {
            sysctls.release(old.base());   // configure() counts it again
        }
        Set<String> claimed = new java.util.HashSet<>(owned.keySet());
        VmacConfig v = i.vmac().orElseThrow();
        return create(i, v.ifname().isPresent() ? v : new VmacConfig(Optional.of(name), v.mac(), v.xmitBase()),
                base.get(), v.macFor(i.vrid(), i.isIpv6()), links.links(), claimed);
    }

    /** The kernel's current view of a VMAC we own (up and running), for link events that may be stale. */
    Optional<Boolean> currentlyUp(String name) {
        if (!owned.containsKey(name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(links.link(name).map(LinkCodec.Link::upAndRunning).orElse(false));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * set_link_local_address(): the configured IPv6 source, else the base interface's link-local
     * address, else one made from the base's MAC (EUI-64).
     */
    static Optional<Inet6Address> linkLocal(VrrpInstanceConfig i, InterfaceInfo base) {
        if (i.sourceAddress().filter(a -> a instanceof Inet6Address).isPresent()) {
            return Optional.of((Inet6Address) i.sourceAddress().get());
        }
        if (base.linkLocalIpv6().isPresent()) {
            return base.linkLocalIpv6();
        }
        byte[] m = base.mac();
        if (m.length != 6) {
            return Optional.empty();
        }
        byte[] a = {(byte) 0xfe, (byte) 0x80, 0, 0, 0, 0, 0, 0, (byte) (m[0] ^ 0x02), m[1], m[2], (byte) 0xff,
                (byte) 0xfe, m[3], m[4], m[5]};
        try {
            return Optional.of((Inet6Address) InetAddress.getByAddress(a));
        } catch (java.net.UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** True when we deleted this interface ourselves (and have not made it again). */
    boolean deletedByUs(String name) {
        return deleted.contains(name);
    }

    boolean owns(String name) {
        return owned.containsKey(name);
    }

    /** netlink_link_del_vmac(): base sysctls first (IPv4), then the interface. */
    void remove(String name) {
        Vmac vm = owned.remove(name);
        madeFor.remove(name);
        if (vm == null) {
            return;
        }
        if (!vm.ipv6()) {
            sysctls.release(vm.base());
        }
        try {
            links.delete(vm.name(), vm.index());
            deleted.add(vm.name());
            log.detail(successRemoving(vm.instance(), vm.name()));
        } catch (IOException e) {
            log.info("(" + vm.instance() + ") Error removing VMAC interface " + vm.name());
            log.info("  cause: " + e.getMessage());
        }
    }

    /** After a reload: delete the VMACs no instance uses any more. */
    void retainOnly(Set<String> used) {
        for (String name : new ArrayList<>(owned.keySet())) {
            if (!used.contains(name)) {
                remove(name);
            }
        }
    }

    /** shutdown_vrrp_instances(): rp_filter back first, then every VMAC we own. */
    void removeAll() {
        sysctls.restoreRpFilter();
        for (String name : new ArrayList<>(owned.keySet())) {
            remove(name);
        }
    }
}
