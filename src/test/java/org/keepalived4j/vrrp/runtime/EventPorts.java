package org.keepalived4j.vrrp.runtime;

import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.vrrp.port.LogPort;
import org.keepalived4j.vrrp.port.VipPort;

/**
 * Test ports that write what an instance does, in order, into one list: {@code vip+ A} /
 * {@code vip- A}, log lines ({@code D } before -D lines), and with {@code holds} the log's
 * {@code hold} / {@code release}.
 */
final class EventPorts {
    final List<String> events = new ArrayList<>();
    private final boolean holds;

    EventPorts(boolean holds) {
        this.holds = holds;
    }

    VipPort vips() {
        return new VipPort() {
            public void add(String ifname, VipAddress v) {
                events.add("vip+ " + v.address().getHostAddress());
            }

            public void remove(String ifname, VipAddress v) {
                events.add("vip- " + v.address().getHostAddress());
            }
        };
    }

    LogPort log() {
        return new LogPort() {
            public void info(String line) {
                events.add(line);
            }

            public void detail(String line) {
                events.add("D " + line);
            }

            @Override
            public void hold() {
                if (holds) {
                    events.add("hold");
                }
            }

            @Override
            public void release() {
                if (holds) {
                    events.add("release");
                }
            }
        };
    }
}
