package org.keepalived4j.check;

import java.util.function.Consumer;

import org.keepalived4j.config.model.CheckerConfig;

/**
 * FILE_CHECK (check_file.c, trackers/track_file.c): no attempts; the real server follows the
 * number in a track file. With weight 0 a non-zero number (a zero one when reverse) fails the
 * checker; otherwise number × weight (negated when reverse), clamped to the int range, is added
 * to the real server's weight, and a product at or below INT32_MIN fails the checker. The
 * checker counts as run from the start (alpha never applies).
 */
public final class FileChecker extends Checker {
    /** IPVS_WEIGHT_FAULT: INT32_MIN. */
    static final long FAULT = Integer.MIN_VALUE;
    private final CheckerConfig.FileCheck file;
    private Consumer<String> detail = line -> { };
    /** tfile->last_status. */
    private long lastValue;

    public FileChecker(CheckerConfig.FileCheck file, CheckerSettings settings, RsHealth rs, Consumer<String> log) {
        super(file, settings, rs, log);
        this.file = file;
        markRun();
    }

    public String path() {
        return file.file().path();
    }

    /** Where the -D lines ("tracked file ... now FAULT state") go. */
    void detailLog(Consumer<String> detail) {
        this.detail = detail;
    }

    long curWeight() {
        return curWeight;
    }

    /**
     * The value read when the configuration is (re)loaded, before the real server's state is
     * set (set_track_file_weights(), set_track_file_checkers_down()): a failing value leaves the
     * checker down, any other adds its weight. Nobody is told.
     */
    void loaded(FileValue v) {
        if (!v.valid()) {
            log.accept(CheckMessages.trackFileInvalidNumber(v.value(), path()));
            v = new FileValue(0, true);
        }
        lastValue = v.value();
        long status = status(lastValue);
        if (status == FAULT) {
            setUp(false);
            curWeight = 0;
        } else {
            curWeight = status;
        }
    }

    /** At start-up: a failed checker takes its real server down; its weight is added. */
    @Override
    void initialiseAtStart() {
        if (!isUp()) {
            rs().countFailedChecker();
        }
        rs().initialise(rs().alive() && isUp(), rs().effectiveWeight() + curWeight);
    }

    /** The file changed (update_track_file_status(), process_update_checker_track_file_status()). */
    public void changed(FileValue v) {
        if (!v.valid()) {
            log.accept(CheckMessages.trackFileInvalidNumber(v.value(), path()));
            return;
        }
        if (v.value() == lastValue) {
            return;
        }
        long status = status(v.value());
        long previous = status(lastValue);
        lastValue = v.value();
        if (previous == status) {
            return;
        }
        if (status == FAULT) {
            detail.accept(CheckMessages.trackFileFault(display(), file.file().name(), true));
            rs().updateCheckerState(this, false);
            rs().adjustWeightQuietly(-curWeight);
            curWeight = 0;
        } else if (previous == FAULT) {
            detail.accept(CheckMessages.trackFileFault(display(), file.file().name(), false));
            curWeight = status;
            rs().adjustWeightQuietly(status);
            rs().updateCheckerState(this, true);
        } else {
            rs().updateWeight(rs().effectiveWeight() + status - previous);
            curWeight = status;
        }
    }

    /** What a value means to this checker: FAULT, or the weight it adds. */
    long status(long value) {
        boolean reverse = file.reverse();
        if (file.weight() == 0) {
            return (value == 0) != reverse ? 0 : FAULT;
        }
        long product;
        try {
            product = Math.multiplyExact(Math.multiplyExact(value, file.weight()), reverse ? -1 : 1);
        } catch (ArithmeticException e) {
            product = (value < 0) != (file.weight() < 0) != reverse ? Long.MIN_VALUE : Long.MAX_VALUE;
        }
        return Math.max(FAULT, Math.min(Integer.MAX_VALUE, product));
    }

    /** keepalived has no compare function for FILE_CHECK: the state comes from the file on a reload. */
    @Override
    public boolean sameAs(Checker other) {
        return false;
    }
}
