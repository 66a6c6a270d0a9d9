package org.keepalived4j.check;

/**
 * Receives the health verdicts of real servers, on the checker thread (the caller posts them to
 * its own loop). A real server is alive while none of its checkers has failed
 * ({@code num_failed_checkers == 0}, ipwrapper.c).
 */
@FunctionalInterface
public interface HealthListener {

    /**
     * Called when a real server goes up or down (keepalived's perform_svr_state(): the receiver
     * adds/removes or enables/disables the destination and logs keepalived's "Adding service ..."
     * line), and when a MISC_CHECK with misc_dynamic changes its weight while the alive state
     * stays (update_svr_wgt(): the receiver logs "Changing weight from a to b ...").
     *
     * @param rs     the real server
     * @param alive  its state now
     * @param weight its effective weight now, clamped to 0..INT32_MAX (the configured weight
     *               unless misc_dynamic set one)
     */
    void onHealth(RealServerRef rs, boolean alive, int weight);

    /**
     * A checker's first result left its state as it was, and keepalived still runs the real
     * server's notify script for its current state (update_svr_checker_state(): an alpha checker,
     * or a failure). The receiver runs notify_up when {@code alive}, else notify_down.
     *
     * @param rs    the real server
     * @param alive its state (unchanged)
     */
    default void onFirstResultUnchanged(RealServerRef rs, boolean alive) {
    }
}
