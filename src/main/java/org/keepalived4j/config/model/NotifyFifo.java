package org.keepalived4j.config.model;

import java.util.Optional;

/**
 * {@code notify_fifo PATH [USER [GROUP]]} (or vrrp_notify_fifo) with its
 * {@code notify_fifo_script}: keepalived creates the FIFO (owned by the user), runs the script
 * with the FIFO's path as its last argument and writes one line per state change. A script
 * without a FIFO is kept (keepalived still checks its security) but never run.
 */
public record NotifyFifo(Optional<String> path, Optional<String> user, Optional<String> group, Optional<Script> script) {
}
