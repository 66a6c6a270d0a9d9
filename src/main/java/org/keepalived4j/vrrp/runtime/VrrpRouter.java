package org.keepalived4j.vrrp.runtime;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keepalived4j.vrrp.fsm.VrrpFsm;

/**
 * All running instances: hands each received datagram to the instance it belongs to (by
 * interface and VRID, as keepalived's rb_vrid lookup does) and fires due timers. Event-loop
 * thread only; time is passed in, in microseconds.
 */
public final class VrrpRouter {
    private final List<InstanceRuntime> instances = new ArrayList<>();
    private final Map<String, InstanceRuntime> byKey = new HashMap<>();
    private long unknownVrid;

    private static String key(String ifname, int vrid, boolean ipv6) {
        return ifname + "/" + vrid + (ipv6 ? "/6" : "/4");
    }

    public void add(InstanceRuntime r) {
        instances.add(r);
        byKey.put(key(r.ifname(), r.config().vrid(), r.config().isIpv6()), r);
    }

    /** A reload removed the instance (it has been stopped). */
    public void remove(InstanceRuntime r) {
        instances.remove(r);
        byKey.remove(key(r.ifname(), r.config().vrid(), r.config().isIpv6()), r);
    }

    public List<InstanceRuntime> instances() {
        return List.copyOf(instances);
    }

    /** Datagrams for a VRID nobody here runs (dropped silently, as keepalived does by default). */
    public long unknownVrid() {
        return unknownVrid;
    }

    public void startAll(long now, java.util.function.Predicate<InstanceRuntime> faulted) {
        for (InstanceRuntime r : instances) {
            r.start(now, faulted.test(r));
        }
    }

    public void receive(long now, ReceivedAdvert in) {
        if (in.message().length < 2) {
            unknownVrid++;
            return;
        }
        boolean ipv6 = in.src() instanceof java.net.Inet6Address;
        InstanceRuntime r = byKey.get(key(in.ifname(), in.message()[1] & 0xff, ipv6));
        // keepalived keeps one socket per IP protocol (112, or 51 for AH), each with its own VRIDs:
        // an advert of the other protocol is for a VRID that socket does not know.
        if (r == null || (!ipv6 && r.ipProtocol() != in.protocol())) {
            unknownVrid++;
            return;
        }
        r.receive(now, in);
    }

    public long nextDeadline() {
        long d = VrrpFsm.NEVER;
        for (InstanceRuntime r : instances) {
            d = Math.min(d, r.nextDeadline());
        }
        return d;
    }

    public void tick(long now) {
        for (InstanceRuntime r : instances) {
            if (r.nextDeadline() <= now) {
                r.tick(now);
            }
        }
    }

    public void stopAll(long now, boolean keepVips) {
        for (InstanceRuntime r : instances) {
            r.stop(now, keepVips);
        }
    }

    /** Interface state changed: instances on it go to FAULT, or back to BACKUP. */
    public void linkChanged(long now, String ifname, boolean up) {
        linkChanged(now, ifname, n -> !n.equals(ifname) || up);
    }

    /**
     * Interface state changed: the instances following it ({@link InstanceRuntime#links()}) go to
     * FAULT when one of their interfaces is down, back to BACKUP when all are up.
     */
    public void linkChanged(long now, String ifname, java.util.function.Predicate<String> linkUp) {
        for (InstanceRuntime r : instances) {
            if (r.links().contains(ifname)) {
                if (r.links().stream().allMatch(linkUp)) {
                    r.faultCleared(now);
                } else {
                    r.fault(now);
                }
            }
        }
    }
}
