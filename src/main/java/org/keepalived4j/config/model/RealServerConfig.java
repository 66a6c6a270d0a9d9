package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

import org.keepalived4j.config.Origin;

/**
 * {@code real_server IP [PORT] { ... }} (also used for {@code sorry_server}).
 *
 * @param weight  IPVS weight (absent: the virtual server's weight, default 1)
 * @param method  absent: the virtual server's method
 */
public record RealServerConfig(InetAddress address, int port, OptionalInt weight, Optional<ForwardingMethod> method,
                               OptionalLong upperThreshold, OptionalLong lowerThreshold,
                               Optional<Boolean> inhibitOnFailure, Optional<Script> notifyUp,
                               Optional<Script> notifyDown, Optional<Boolean> alpha, CheckerCommon defaults,
                               List<CheckerConfig> checkers, Origin origin) {
    public RealServerConfig {
        checkers = List.copyOf(checkers);
    }
}
