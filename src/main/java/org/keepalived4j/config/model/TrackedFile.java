package org.keepalived4j.config.model;

import java.util.Optional;
import java.util.OptionalInt;

import org.keepalived4j.config.Origin;

/**
 * {@code track_file { NAME [weight W [reverse|noreverse]] }} in an instance; without a weight
 * (or without reverse/noreverse) the track_file's own applies.
 */
public record TrackedFile(String name, OptionalInt weight, Optional<Boolean> reverse, Origin origin) {
}
