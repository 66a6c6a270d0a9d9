package org.keepalived4j.vrrp.fsm;

/** Runtime states of an instance (keepalived's VRRP_STATE_*: FAULT is keepalived-specific). */
public enum VrrpState {
    INIT, BACKUP, MASTER, FAULT
}
