package org.keepalived4j.vrrp.runtime;

import java.net.InetAddress;

import org.keepalived4j.config.model.VrrpInstanceConfig;

/**
 * What makes a reloaded instance "the same" instance (keepalived's vrrp_exist()): VRID, address
 * family, interface, unicast or not, and then the unicast source address or the multicast group.
 * The name is not part of it: renaming an instance keeps its state.
 */
public record InstanceKey(int vrid, boolean ipv6, String ifname, boolean unicast, InetAddress unicastSource,
                          InetAddress group) {

    public static InstanceKey of(VrrpInstanceConfig c, String ifname, InetAddress source, InetAddress defaultGroup) {
        boolean u = c.isUnicast();
        return new InstanceKey(c.vrid(), c.isIpv6(), ifname, u, u ? source : null,
                u ? null : c.mcastDestination().orElse(defaultGroup));
    }
}
