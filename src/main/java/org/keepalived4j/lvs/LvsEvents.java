package org.keepalived4j.lvs;

import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.VirtualServerConfig;

/**
 * What keepalived notifies about (ipwrapper.c do_rs_notifies() and do_vs_notifies()): the
 * {@link LvsPlanner} calls these where keepalived runs the notify_up / notify_down scripts of a
 * real server and the quorum_up / quorum_down scripts of a virtual server. Called on the
 * planner's thread, after the log lines of the same change.
 */
public interface LvsEvents {
    /** Nobody listens. */
    LvsEvents NONE = new LvsEvents() {
    };

    /**
     * A real server is now up or down (also at shutdown with omega, and when a reload removes it).
     *
     * @param stopping the daemon is stopping: keepalived bounds such a script to 1 s
     */
    default void realServer(VirtualServerConfig vs, RealServerConfig rs, boolean up, boolean stopping) {
    }

    /**
     * A virtual server gained or lost quorum (also at start and, with omega, at shutdown).
     *
     * @param stopping the daemon is stopping: keepalived bounds such a script to 1 s
     */
    default void quorum(VirtualServerConfig vs, boolean up, boolean stopping) {
    }
}
