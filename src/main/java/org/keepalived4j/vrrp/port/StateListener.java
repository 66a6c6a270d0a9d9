package org.keepalived4j.vrrp.port;

import org.keepalived4j.vrrp.fsm.VrrpState;

/** Told about every state change (notify scripts, FIFOs, status files hang off this). */
public interface StateListener {
    void stateChanged(String instance, VrrpState from, VrrpState to, int priority);
}
