package org.keepalived4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.ConfigDumper;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.ExitCodes;
import org.keepalived4j.daemon.Daemon;
import org.keepalived4j.daemon.log.LogOptions;
import org.keepalived4j.daemon.log.SyslogFacility;

/**
 * keepalived's command line: parse_cmdline() in keepalived/core/main.c, option by option in the
 * order getopt_long returns them (so {@code -v}, {@code -h} and {@code --signum} act, and exit,
 * where they stand), then the daemon or the configuration test.
 */
final class KeepalivedCommand {

    static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";

    String configFile = DEFAULT_CONFIG;
    boolean vrrpOnly;
    boolean checkOnly;
    boolean logConsole;
    boolean logDetail;
    String logFacility = "daemon";
    boolean noSyslog;
    boolean dontReleaseVrrp;
    boolean dontReleaseIpvs;
    boolean dontRespawn;
    boolean dumpConf;
    String pidFile = "/run/keepalived.pid";
    String vrrpPidFile = "/run/vrrp.pid";
    String checkersPidFile = "/run/checkers.pid";
    String configId;
    /** The -t log file ("" for stderr), or null without -t. */
    String configTest;

    private final PrintStream out;
    private final PrintStream err;

    KeepalivedCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    /** keepalived's options in {@code args}, in getopt_long's order. */
    static GetoptLong.Result parse(String[] args) {
        return new GetoptLong(Options.ALL_OPTIONS, System.getenv("POSIXLY_CORRECT") != null).parse(args);
    }

    /** Runs what the parsed command line asks; returns the exit status. */
    int run(GetoptLong.Result parsed) {
        boolean badOption = false;
        for (GetoptLong.Event e : parsed.events()) {
            if (e.kind() != GetoptLong.Kind.OPTION) {
                err.println(e.message());
                badOption = true;
                continue;
            }
            Integer exit = apply(e.spec(), e.optarg());
            if (exit != null) {
                return exit;
            }
        }
        if (!parsed.operands().isEmpty()) {
            out.println("Unexpected argument(s): " + String.join(" ", parsed.operands()) + " ");
        }
        if (badOption) {
            return ExitCodes.USAGE;
        }
        for (String o : ignored) {
            err.println("WARNING - option " + o + " is NOT IMPLEMENTED in this build: ignored");
        }
        if (configTest != null) {
            return new ConfigTest(err).run(options(), configTest, dumpConf ? out : null);
        }
        return daemon();
    }

    /** Options keepalived has that this build accepts but does not act on: announced, never silent. */
    private final List<String> ignored = new ArrayList<>();

    /**
     * One option, as parse_cmdline()'s switch handles it.
     *
     * @return the exit status when the option ends the run there, else null
     */
    private Integer apply(GetoptLong.Spec spec, String arg) {
        switch (spec.longName()) {
            case "version" -> {
                err.println(Version.banner());
                return ExitCodes.OK;
            }
            case "help" -> {
                err.print("Usage: keepalived [OPTION...]\n" + Options.USAGE);
                return ExitCodes.OK;
            }
            case "signum" -> {
                return Signals.number(arg).map(n -> {
                    out.println(n);
                    return ExitCodes.OK;
                }).orElseGet(() -> {
                    err.println("Unknown sigfunc " + arg);
                    return ExitCodes.FATAL;
                });
            }
            case "genhash" -> {
                err.println("genhash (-T, --genhash) is NOT IMPLEMENTED in keepalived4j");
                return ExitCodes.FATAL;
            }
            case "use-file" -> configFile = arg;
            case "vrrp" -> vrrpOnly = true;
            case "check" -> checkOnly = true;
            case "log-console" -> logConsole = true;
            case "log-detail" -> logDetail = true;
            case "log-facility" -> logFacility = arg;
            case "no-syslog" -> noSyslog = true;
            case "dont-release-vrrp" -> dontReleaseVrrp = true;
            case "dont-release-ipvs" -> dontReleaseIpvs = true;
            case "dont-respawn" -> dontRespawn = true;
            case "dump-conf" -> dumpConf = true;
            case "pid" -> pidFile = arg;
            case "vrrp_pid" -> vrrpPidFile = arg;
            case "checkers_pid" -> checkersPidFile = arg;
            case "config-id" -> configId = arg;
            case "config-test" -> configTest = arg == null ? "" : arg;
            // one process that never forks and has no BFD subsystem: nothing to do for these
            case "dont-fork", "no_bfd", "bfd_pid", "all" -> { }
            default -> ignored.add(spec.shortName() != 0 ? "-" + spec.shortName() + ", --" + spec.longName()
                    : "--" + spec.longName());
        }
        return null;
    }

    ConfigLoader.Options options() {
        return new ConfigLoader.Options(configFile, Path.of("").toAbsolutePath(), configId, LocalHost.detect());
    }

    /** Without -t: check the configuration, then run the daemon in the foreground. */
    private int daemon() {
        ConfigLoader.Result r = ConfigLoader.load(options());
        if (!r.mainFileRead()) {
            for (Diagnostic d : r.diagnostics().configTestOutput()) {
                err.println(d.render());
            }
            return ExitCodes.NO_CONFIG;
        }
        if (r.diagnostics().hadConfigFileError()) {
            for (Diagnostic d : r.diagnostics().configTestOutput()) {
                err.println(d.render());
            }
            return ExitCodes.NO_CONFIG;
        }
        if (r.diagnostics().aborted()) {
            for (Diagnostic d : r.diagnostics().configTestOutput()) {
                err.println(d.render());
            }
            return ExitCodes.CONFIG;
        }
        if (dumpConf) {
            out.print(ConfigDumper.dump(r.config()));
        }
        ConfigLoader.Options loaderOptions = options();
        SyslogFacility facility = SyslogFacility.parse(logFacility).orElseGet(() -> {
            err.println(SyslogFacility.invalidMessage(logFacility));
            return SyslogFacility.DAEMON;
        });
        LogOptions log = LogOptions.of(logConsole, !noSyslog, logDetail).withFacility(facility);
        // -P: VRRP only; -C: checkers only; both given: keepalived runs both
        boolean vrrp = vrrpOnly || !checkOnly;
        boolean checkers = checkOnly || !vrrpOnly;
        return Daemon.run(new Daemon.Options(log, dontReleaseVrrp, !dontRespawn, Path.of(pidFile), Path.of(vrrpPidFile),
                Version.banner(), vrrp, checkers, dontReleaseIpvs, Path.of(checkersPidFile)), r,
                () -> ConfigLoader.load(loaderOptions));
    }
}
