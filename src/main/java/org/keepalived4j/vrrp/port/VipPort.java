package org.keepalived4j.vrrp.port;

import java.io.IOException;

import org.keepalived4j.config.model.VipAddress;

/** Puts virtual addresses on interfaces and takes them off (rtnetlink in production). */
public interface VipPort {
    void add(String ifname, VipAddress vip) throws IOException;

    void remove(String ifname, VipAddress vip) throws IOException;
}
