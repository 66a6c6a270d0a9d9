package org.keepalived4j.config.model;

/** IPVS forwarding method ({@code lb_kind} / {@code lvs_method}): masquerading, direct routing, tunnelling. */
public enum ForwardingMethod {
    NAT, DR, TUN
}
