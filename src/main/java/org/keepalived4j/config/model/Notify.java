package org.keepalived4j.config.model;

import java.util.Optional;

/** The notify scripts of an instance or sync group. */
public record Notify(Optional<Script> master, Optional<Script> backup, Optional<Script> fault,
                     Optional<Script> stop, Optional<Script> deleted, Optional<Script> generic) {

    public static final Notify NONE = new Notify(Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty(), Optional.empty());

    public java.util.stream.Stream<Script> all() {
        return java.util.stream.Stream.of(master, backup, fault, stop, deleted, generic).flatMap(Optional::stream);
    }
}
