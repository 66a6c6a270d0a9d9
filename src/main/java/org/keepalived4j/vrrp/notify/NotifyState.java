package org.keepalived4j.vrrp.notify;

/** The states keepalived notifies (vrrp_notify.c): the argument the generic notify script gets. */
public enum NotifyState {
    MASTER, BACKUP, FAULT, STOP, DELETED
}
