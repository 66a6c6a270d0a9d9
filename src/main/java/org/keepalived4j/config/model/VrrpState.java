package org.keepalived4j.config.model;

/** The configured initial state ({@code state MASTER|BACKUP}). */
public enum VrrpState {
    MASTER, BACKUP
}
