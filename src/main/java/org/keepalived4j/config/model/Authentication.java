package org.keepalived4j.config.model;

import org.keepalived4j.config.Origin;

/**
 * VRRPv2 authentication ({@code authentication { auth_type PASS|AH; auth_pass X }}).
 *
 * @param password at most 8 characters (keepalived truncates longer ones)
 */
public record Authentication(Type type, String password, Origin origin) {
    public enum Type {
        PASS, AH
    }
}
