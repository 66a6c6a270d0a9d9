package org.keepalived4j.config.model;

import java.util.List;

import org.keepalived4j.config.Origin;

/** A static or virtual route line (ip route syntax). The route helper fills in the fields. */
public record RouteConfig(List<String> words, Origin origin) {
    public RouteConfig {
        words = List.copyOf(words);
    }
}
