package org.keepalived4j.check;

/** One checker's state, as keepalived's dump_checker() shows it. */
public record CheckerStatus(RealServerRef rs, String type, boolean up, boolean hasRun, long retryIt,
                            CheckerSettings settings) {
}
