package org.keepalived4j.check;

/** A real server's health at one moment: the seed of the LVS planner after start or reload. */
public record RsStatus(RealServerRef ref, boolean alive, int weight) {
}
