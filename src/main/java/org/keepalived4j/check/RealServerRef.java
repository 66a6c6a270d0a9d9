package org.keepalived4j.check;

import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.VirtualServerConfig;

/**
 * A real server of the running configuration, by position: {@code vsIndex} in
 * {@code KeepalivedConfig.virtualServers()} and {@code rsIndex} in that virtual server's
 * {@code realServers()} (the same numbering as {@code LvsPlanner.RsId}). Positions refer to the
 * configuration last given to {@link CheckScheduler#start} or {@link CheckScheduler#reload}.
 */
public record RealServerRef(int vsIndex, int rsIndex, VirtualServerConfig vs, RealServerConfig rs) {

    /** FMT_RS: {@code [198.51.100.2]:tcp:80}. */
    public String display() {
        return AddressText.trio(rs.address(), vs.protocol(), rs.port());
    }

    /** FMT_VS: {@code [198.51.100.1]:tcp:80}, {@code FWM 5} or {@code [group]:80}. */
    public String vsDisplay() {
        return AddressText.vs(vs);
    }

    @Override
    public String toString() {
        return display() + " of VS " + vsDisplay();
    }
}
