package org.keepalived4j.vrrp.notify;

import java.util.List;

import org.keepalived4j.config.model.Script;

/**
 * One script to run for a notification.
 *
 * @param script the configured script (its user, origin)
 * @param argv   what to execute: the script's own words, plus the four generic arguments for
 *               {@code notify}
 */
public record NotifyCall(Script script, List<String> argv) {
    public NotifyCall {
        argv = List.copyOf(argv);
    }
}
