package org.keepalived4j.vrrp.port;

import org.keepalived4j.vrrp.fsm.VrrpState;

/** Told when a sync group changes state (its notify scripts and FIFO line); INIT means STOP. */
public interface GroupListener {
    void groupStateChanged(String group, VrrpState to);

    GroupListener NONE = (g, s) -> {
    };
}
