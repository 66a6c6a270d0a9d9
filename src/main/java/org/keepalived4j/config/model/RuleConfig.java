package org.keepalived4j.config.model;

import java.util.List;

import org.keepalived4j.config.Origin;

/** A static or virtual rule line (ip rule syntax). The route helper fills in the fields. */
public record RuleConfig(List<String> words, Origin origin) {
    public RuleConfig {
        words = List.copyOf(words);
    }
}
