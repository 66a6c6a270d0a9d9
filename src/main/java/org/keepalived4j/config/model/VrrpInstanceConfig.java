package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.Origin;

/**
 * A completed {@code vrrp_instance}: keepalived's defaults applied (vrrp_complete_instance()).
 *
 * @param initialState     the configured state; absent means BACKUP unless priority is 255
 * @param interfaceName    the interface (may be absent for unicast with unicast_src_ip)
 * @param vrid             1..255
 * @param priority         1..255 (255 = address owner)
 * @param advertIntMicros  advert interval in microseconds (v2: whole seconds; v3: centiseconds)
 * @param version          2 or 3
 * @param preemptDelayMicros 0 = none
 * @param accept           accept mode (process packets to the VIPs while MASTER)
 * @param vmac             use_vmac / vmac_xmit_base; empty when the instance runs on its interface directly
 */
public record VrrpInstanceConfig(String name, VrrpState initialState, Optional<String> interfaceName, int vrid,
                                 int priority, long advertIntMicros, int version, boolean nopreempt,
                                 long preemptDelayMicros, Optional<Authentication> authentication,
                                 List<VipAddress> virtualIpAddresses, List<VipAddress> excludedVirtualIpAddresses,
                                 Optional<InetAddress> sourceAddress, List<UnicastPeer> unicastPeers,
                                 int unicastTtl, Optional<InetAddress> mcastDestination,
                                 List<TrackedInterface> trackInterfaces, List<TrackedScript> trackScripts,
                                 boolean dontTrackPrimary, Notify notifyScripts, Optional<Boolean> smtpAlert,
                                 GarpSettings garp, boolean accept, boolean strictMode, boolean skipCheckAdvAddr,
                                 boolean lowerPrioNoAdvert, boolean higherPrioSendAdvert,
                                 List<RouteConfig> virtualRoutes, List<RuleConfig> virtualRules,
                                 Optional<String> lvsSyncDaemonInterface, Origin origin,
                                 Optional<VmacConfig> vmac, List<TrackedFile> trackFiles) {

    public VrrpInstanceConfig {
        virtualIpAddresses = List.copyOf(virtualIpAddresses);
        excludedVirtualIpAddresses = List.copyOf(excludedVirtualIpAddresses);
        unicastPeers = List.copyOf(unicastPeers);
        trackInterfaces = List.copyOf(trackInterfaces);
        trackScripts = List.copyOf(trackScripts);
        virtualRoutes = List.copyOf(virtualRoutes);
        virtualRules = List.copyOf(virtualRules);
        trackFiles = List.copyOf(trackFiles);
    }

    public boolean isUnicast() {
        return !unicastPeers.isEmpty();
    }

    /** The address family of the instance: set by the first VIP (IPv4 when there is none). */
    public boolean isIpv6() {
        return !virtualIpAddresses.isEmpty() && virtualIpAddresses.get(0).isIpv6();
    }
}
