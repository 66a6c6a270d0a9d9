package org.keepalived4j.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects configuration diagnostics in the order keepalived would print them and computes the
 * {@code -t} result. Not thread-safe: one instance per configuration load.
 */
public final class Diagnostics {
    private final List<Diagnostic> items = new ArrayList<>();
    private boolean aborted;
    private boolean configFileError;
    private long abortSeq = Long.MAX_VALUE;

    /** Report a configuration error (or, with {@link ConfigErrorClass#OK}, a plain log line). */
    public void report(ConfigErrorClass cls, Origin origin, Subsystem subsystem, long seq, String message) {
        items.add(new Diagnostic(cls, origin, subsystem, message, seq));
    }

    /** Report and abort, as keepalived's exit(KEEPALIVED_EXIT_CONFIG) in null_strvec(). */
    public ConfigAbort abort(ConfigErrorClass cls, Origin origin, Subsystem subsystem, long seq, String message) {
        report(cls, origin, subsystem, seq, message);
        if (seq < abortSeq) {
            abortSeq = seq;
        }
        aborted = true;
        return new ConfigAbort();
    }

    /**
     * An include problem that the include variant makes an error (file_config_error() with a
     * matching include_t bit): keepalived then stops after reading the files, status 6.
     */
    public void configFileError() {
        configFileError = true;
    }

    public boolean hadConfigFileError() {
        return configFileError;
    }

    public boolean aborted() {
        return aborted;
    }

    /**
     * The diagnostics in keepalived's order. When parsing was aborted, only what keepalived
     * would have printed before it exited is kept.
     */
    public List<Diagnostic> all() {
        List<Diagnostic> sorted = new ArrayList<>(items);
        sorted.sort(Comparator.comparingLong(Diagnostic::seq));
        if (aborted) {
            sorted.removeIf(d -> d.seq() > abortSeq);
        }
        return List.copyOf(sorted);
    }

    /** What {@code keepalived -t} prints: every configuration message, no plain log lines. */
    public List<Diagnostic> configTestOutput() {
        return all().stream().filter(Diagnostic::printedByConfigTest).toList();
    }

    /** Only the configuration errors (those that change the {@code -t} status). */
    public List<Diagnostic> errors() {
        return all().stream().filter(Diagnostic::isError).toList();
    }

    /** The numerically highest class reported (keepalived's vreport_config_error() quirk). */
    public ConfigErrorClass worst() {
        ConfigErrorClass worst = ConfigErrorClass.OK;
        for (Diagnostic d : all()) {
            if (d.errorClass().compareTo(worst) > 0) {
                worst = d.errorClass();
            }
        }
        return worst;
    }

    /**
     * The exit status of {@code keepalived -t}: 2 when parsing aborted, 6 after an include error
     * (keepalived exits KEEPALIVED_EXIT_NO_CONFIG there), else from the worst class.
     */
    public int configTestExitCode() {
        if (aborted) {
            return ExitCodes.CONFIG;
        }
        return configFileError ? ExitCodes.NO_CONFIG : worst().configTestExitCode();
    }
}
