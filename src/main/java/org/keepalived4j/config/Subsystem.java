package org.keepalived4j.config;

/**
 * The keepalived process whose keyword table owns a configuration block. keepalived parses the
 * same file once per process; the parent (GLOBAL) prints {@code (Line N)} for the main file,
 * the children print {@code (FILE: Line N)} because they read the consolidated copy.
 */
public enum Subsystem {
    GLOBAL, VRRP, CHECK, BFD
}
