package org.keepalived4j.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.keepalived4j.config.ConfigDumper;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.ExitCodes;
import org.keepalived4j.daemon.Daemon;
import org.keepalived4j.daemon.log.LogOptions;
import org.keepalived4j.daemon.log.SyslogFacility;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** keepalived's command line (parse_cmdline() in keepalived/core/main.c), same option names. */
@Command(name = "keepalived", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Keepalive daemon: VRRP and LVS health checking (Java implementation).")
final class KeepalivedCommand implements Callable<Integer> {

    static final String DEFAULT_CONFIG = "/etc/keepalived/keepalived.conf";

    @Option(names = {"-f", "--use-file"}, paramLabel = "FILE", description = "Use the specified configuration file")
    String configFile = DEFAULT_CONFIG;
    @Option(names = {"-P", "--vrrp"}, description = "Only run with VRRP subsystem")
    boolean vrrpOnly;
    @Option(names = {"-C", "--check"}, description = "Only run with Health-checker subsystem")
    boolean checkOnly;
    @Option(names = {"-B", "--no_bfd"}, description = "Don't run BFD subsystem")
    boolean noBfd;
    @Option(names = "--all", description = "Force all subsystems to run, even if they have no configuration")
    boolean all;
    @Option(names = {"-l", "--log-console"}, description = "Log messages to local console")
    boolean logConsole;
    @Option(names = {"-D", "--log-detail"}, description = "Detailed log messages")
    boolean[] logDetail = new boolean[0];
    @Option(names = {"-S", "--log-facility"}, paramLabel = "FACILITY", description = "Syslog facility ([0-7]|local[0-7]|user|daemon)")
    String logFacility = "daemon";
    @Option(names = {"-G", "--no-syslog"}, description = "Don't log via syslog")
    boolean noSyslog;
    @Option(names = {"-u", "--umask"}, paramLabel = "MASK", description = "umask for file creation (in numeric form)")
    String umask;
    @Option(names = {"-X", "--release-vips"}, description = "Drop VIP on transition from signal.")
    boolean releaseVips;
    @Option(names = {"-V", "--dont-release-vrrp"}, description = "Don't remove VRRP VIPs and VROUTEs on daemon stop")
    boolean dontReleaseVrrp;
    @Option(names = {"-I", "--dont-release-ipvs"}, description = "Don't remove IPVS topology on daemon stop")
    boolean dontReleaseIpvs;
    @Option(names = {"-R", "--dont-respawn"}, description = "Don't respawn subsystems")
    boolean dontRespawn;
    @Option(names = {"-n", "--dont-fork"}, description = "Don't fork the daemon process")
    boolean dontFork;
    @Option(names = {"-d", "--dump-conf"}, description = "Dump the configuration data")
    boolean dumpConf;
    @Option(names = {"-p", "--pid"}, paramLabel = "FILE", description = "Use specified pidfile for parent process")
    String pidFile = "/run/keepalived.pid";
    @Option(names = {"-r", "--vrrp_pid"}, paramLabel = "FILE", description = "Use specified pidfile for VRRP child process")
    String vrrpPidFile = "/run/vrrp.pid";
    @Option(names = {"-c", "--checkers_pid"}, paramLabel = "FILE", description = "Use specified pidfile for checkers child process")
    String checkersPidFile = "/run/checkers.pid";
    @Option(names = {"-b", "--bfd_pid"}, paramLabel = "FILE", description = "Use specified pidfile for BFD child process")
    String bfdPidFile = "/run/bfd.pid";
    @Option(names = {"-a", "--address-monitoring"}, description = "Report all address additions/deletions notified via netlink")
    boolean addressMonitoring;
    @Option(names = {"-s", "--namespace"}, paramLabel = "NAME", description = "Run in network namespace NAME (overrides config)")
    String namespace;
    @Option(names = {"-e", "--all-config"}, description = "Error if any configuration file missing")
    boolean allConfig;
    @Option(names = {"-i", "--config-id"}, paramLabel = "id", description = "Skip any configuration lines beginning '@' that don't match id")
    String configId;
    @Option(names = "--signum", paramLabel = "SIGFUNC", description = "Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON")
    String signum;
    @Option(names = {"-t", "--config-test"}, arity = "0..1", fallbackValue = "", paramLabel = "LOG_FILE",
            description = "Check the configuration for obvious errors, output to stderr by default")
    String configTest;
    @Option(names = {"-v", "--version"}, description = "Display the version number")
    boolean version;
    @Option(names = {"-h", "--help"}, description = "Display this help message")
    boolean help;

    private final PrintStream out;
    private final PrintStream err;

    KeepalivedCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public Integer call() {
        if (help) {
            new picocli.CommandLine(this).usage(err);
            return ExitCodes.OK;
        }
        if (version) {
            err.println(Version.banner());
            return ExitCodes.OK;
        }
        if (signum != null) {
            return Signals.number(signum).map(n -> {
                out.println(n);
                return ExitCodes.OK;
            }).orElseGet(() -> {
                err.println("Unknown sigfunc " + signum);
                return ExitCodes.FATAL;
            });
        }
        if (configTest != null) {
            return new ConfigTest(err).run(options(), configTest, dumpConf ? out : null);
        }
        return daemon();
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
        LogOptions log = LogOptions.of(logConsole, !noSyslog, logDetail.length > 0).withFacility(facility);
        // -P: VRRP only; -C: checkers only; both given: keepalived runs both
        boolean vrrp = vrrpOnly || !checkOnly;
        boolean checkers = checkOnly || !vrrpOnly;
        return Daemon.run(new Daemon.Options(log, dontReleaseVrrp, !dontRespawn, Path.of(pidFile), Path.of(vrrpPidFile),
                Version.banner(), vrrp, checkers, dontReleaseIpvs, Path.of(checkersPidFile)), r,
                () -> ConfigLoader.load(loaderOptions));
    }
}
