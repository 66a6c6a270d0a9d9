package org.keepalived4j.config.model;

import java.util.OptionalInt;

import org.keepalived4j.config.Origin;

/**
 * {@code track_script { NAME [weight W [reverse|noreverse]] }}; without a weight the
 * vrrp_script's own weight applies.
 */
public record TrackedScript(String name, OptionalInt weight, boolean reverse, Origin origin) {
}
