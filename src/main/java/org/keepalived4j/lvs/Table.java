package org.keepalived4j.lvs;

import java.util.LinkedHashMap;
import java.util.Map;

/** An IPVS table (or the part of one we own): services with their destinations by key, in order. */
public record Table(Map<ServiceKey, Entry> services) {

    /** A service and its destinations, by {@link Destination#key()}. */
    public record Entry(Service service, Map<String, Destination> dests) {
        public Entry {
            dests = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dests));
        }
    }

    public static final Table EMPTY = new Table(Map.of());

    public Table {
        services = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }
}
