package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.keepalived4j.config.Origin;

/**
 * {@code virtual_server IP PORT | fwmark N | group NAME { ... }}, completed as
 * validate_check_config() does (scheduler, forwarding method and protocol defaults applied,
 * real server ports reset for DR/TUN).
 *
 * @param address     present for an address service
 * @param fwmark      present for a firewall-mark service
 * @param group       present for a virtual_server_group service
 * @param protocol    TCP, UDP, SCTP, or NONE (fwmark services)
 * @param scheduler   IPVS scheduler name (default wlc)
 * @param persistenceTimeoutSeconds 0 = not persistent
 * @param delayLoopMicros default 60 s
 * @param quorum      default 1
 */
public record VirtualServerConfig(Optional<InetAddress> address, int port, OptionalLong fwmark, Optional<String> group,
                                  String protocol, String scheduler, ForwardingMethod method,
                                  long persistenceTimeoutSeconds, Optional<String> persistenceGranularity,
                                  Optional<String> persistenceEngine, Set<String> flags, CheckerCommon defaults,
                                  boolean inhibitOnFailure, boolean alpha, boolean omega, long quorum, long hysteresis,
                                  Optional<Script> quorumUp, Optional<Script> quorumDown,
                                  Optional<RealServerConfig> sorryServer, boolean sorryServerInhibit,
                                  boolean haSuspend, Optional<String> virtualhost, int weight,
                                  List<RealServerConfig> realServers, Origin origin) {
    public VirtualServerConfig {
        flags = Set.copyOf(flags);
        realServers = List.copyOf(realServers);
    }

    /** keepalived's FMT_VS: {@code [ip]:tcp:port}, {@code FWM n} or {@code [group]}. */
    public String display() {
        if (fwmark.isPresent()) {
            return "FWM " + fwmark.getAsLong();
        }
        if (group.isPresent()) {
            return "[" + group.get() + "]:" + port;
        }
        return "[" + address.get().getHostAddress() + "]:" + protocol.toLowerCase() + ":" + port;
    }
}
