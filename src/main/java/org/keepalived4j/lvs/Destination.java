package org.keepalived4j.lvs;

import java.net.InetAddress;

import org.keepalived4j.config.model.ForwardingMethod;

/** A real server in an IPVS service as it should be in the kernel. */
public record Destination(InetAddress address, int port, ForwardingMethod method, int weight, long upperThreshold,
                          long lowerThreshold) {

    /** Identity inside its service. */
    public String key() {
        return address.getHostAddress() + "#" + port;
    }

    /** keepalived's FMT_RS: {@code [ip]:tcp:port}. */
    public String display(ServiceKey service) {
        String proto = service.isFwmark() ? "tcp" : service.protocol().toLowerCase(java.util.Locale.ROOT);
        return "[" + address.getHostAddress() + "]:" + proto + ":" + port;
    }

    public Destination withWeight(int w) {
        return new Destination(address, port, method, w, upperThreshold, lowerThreshold);
    }
}
