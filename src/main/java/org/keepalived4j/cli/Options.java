package org.keepalived4j.cli;

import static org.keepalived4j.cli.GetoptLong.Arg.NONE;
import static org.keepalived4j.cli.GetoptLong.Arg.OPTIONAL;
import static org.keepalived4j.cli.GetoptLong.Arg.REQUIRED;

import java.util.List;

import org.keepalived4j.cli.GetoptLong.Spec;

/**
 * keepalived 2.2.7's command-line options as Debian builds it (long_options[] and the optstring
 * of parse_cmdline() in keepalived/core/main.c, with VRRP, LVS, BFD and SNMP compiled in, no
 * log-to-file), and its {@code --help} text (usage()).
 */
final class Options {
    private Options() {
    }

    static final Spec USE_FILE = new Spec('f', "use-file", REQUIRED);
    static final Spec VRRP = new Spec('P', "vrrp", NONE);
    static final Spec CHECK = new Spec('C', "check", NONE);
    static final Spec NO_BFD = new Spec('B', "no_bfd", NONE);
    static final Spec ALL = new Spec((char) 0, "all", NONE);
    static final Spec LOG_CONSOLE = new Spec('l', "log-console", NONE);
    static final Spec LOG_DETAIL = new Spec('D', "log-detail", NONE);
    static final Spec LOG_FACILITY = new Spec('S', "log-facility", REQUIRED);
    static final Spec ALL_CONFIG = new Spec('e', "all-config", NONE);
    static final Spec NO_SYSLOG = new Spec('G', "no-syslog", NONE);
    static final Spec UMASK = new Spec('u', "umask", REQUIRED);
    static final Spec RELEASE_VIPS = new Spec('X', "release-vips", NONE);
    static final Spec DONT_RELEASE_VRRP = new Spec('V', "dont-release-vrrp", NONE);
    static final Spec DONT_RELEASE_IPVS = new Spec('I', "dont-release-ipvs", NONE);
    static final Spec DONT_RESPAWN = new Spec('R', "dont-respawn", NONE);
    static final Spec DONT_FORK = new Spec('n', "dont-fork", NONE);
    static final Spec DUMP_CONF = new Spec('d', "dump-conf", NONE);
    static final Spec PID = new Spec('p', "pid", REQUIRED);
    static final Spec VRRP_PID = new Spec('r', "vrrp_pid", REQUIRED);
    static final Spec GENHASH = new Spec('T', "genhash", NONE);
    static final Spec CHECKERS_PID = new Spec('c', "checkers_pid", REQUIRED);
    static final Spec ADDRESS_MONITORING = new Spec('a', "address-monitoring", NONE);
    static final Spec BFD_PID = new Spec('b', "bfd_pid", REQUIRED);
    static final Spec SNMP = new Spec('x', "snmp", NONE);
    static final Spec SNMP_SOCKET = new Spec('A', "snmp-agent-socket", REQUIRED);
    static final Spec CORE_DUMP = new Spec('m', "core-dump", NONE);
    static final Spec CORE_DUMP_PATTERN = new Spec('M', "core-dump-pattern", OPTIONAL);
    static final Spec NAMESPACE = new Spec('s', "namespace", REQUIRED);
    static final Spec CONFIG_ID = new Spec('i', "config-id", REQUIRED);
    static final Spec SIGNUM = new Spec((char) 0, "signum", REQUIRED);
    static final Spec CONFIG_TEST = new Spec('t', "config-test", OPTIONAL);
    static final Spec CONFIG_FD = new Spec((char) 0, "config-fd", REQUIRED);
    static final Spec VERSION = new Spec('v', "version", NONE);
    static final Spec HELP = new Spec('h', "help", NONE);

    /** In long_options[] order (it decides nothing for exact names; kept for reading beside main.c). */
    static final List<Spec> ALL_OPTIONS = List.of(USE_FILE, VRRP, CHECK, NO_BFD, ALL, LOG_CONSOLE, LOG_DETAIL,
            LOG_FACILITY, ALL_CONFIG, NO_SYSLOG, UMASK, RELEASE_VIPS, DONT_RELEASE_VRRP, DONT_RELEASE_IPVS,
            DONT_RESPAWN, DONT_FORK, DUMP_CONF, PID, VRRP_PID, GENHASH, CHECKERS_PID, ADDRESS_MONITORING, BFD_PID,
            SNMP, SNMP_SOCKET, CORE_DUMP, CORE_DUMP_PATTERN, NAMESPACE, CONFIG_ID, SIGNUM, CONFIG_TEST, CONFIG_FD,
            VERSION, HELP);

    /** usage() of keepalived 2.2.7 as Debian's build prints it, after {@code Usage: PROG [OPTION...]}. */
    static final String USAGE = """
              -f, --use-file=FILE          Use the specified configuration file
                                            default '/etc/keepalived/keepalived.conf'
              -P, --vrrp                   Only run with VRRP subsystem
              -C, --check                  Only run with Health-checker subsystem
              -B, --no_bfd                 Don't run BFD subsystem
                  --all                    Force all child processes to run, even if have no configuration
              -l, --log-console            Log messages to local console
              -D, --log-detail             Detailed log messages
              -S, --log-facility=([0-7]|local[0-7]|user|daemon)
                                           Set syslog facility to LOG_LOCAL[0-7], user or daemon (default)
              -G, --no-syslog              Don't log via syslog
              -u, --umask=MASK             umask for file creation (in numeric form)
              -X, --release-vips           Drop VIP on transition from signal.
              -V, --dont-release-vrrp      Don't remove VRRP VIPs and VROUTEs on daemon stop
              -I, --dont-release-ipvs      Don't remove IPVS topology on daemon stop
              -R, --dont-respawn           Don't respawn child processes
              -n, --dont-fork              Don't fork the daemon process
              -d, --dump-conf              Dump the configuration data
              -p, --pid=FILE               Use specified pidfile for parent process
              -r, --vrrp_pid=FILE          Use specified pidfile for VRRP child process
              -T, --genhash                Enter into genhash utility mode (this should be the first option used).
              -c, --checkers_pid=FILE      Use specified pidfile for checkers child process
              -a, --address-monitoring     Report all address additions/deletions notified via netlink
              -b, --bfd_pid=FILE           Use specified pidfile for BFD child process
              -x, --snmp                   Enable SNMP subsystem
              -A, --snmp-agent-socket=FILE Use the specified socket for master agent
              -s, --namespace=NAME         Run in network namespace NAME (overrides config)
              -m, --core-dump              Produce core dump if terminate abnormally
              -M, --core-dump-pattern=PATN Also set /proc/sys/kernel/core_pattern to PATN (default 'core')
              -e, --all-config             Error if any configuration file missing (same as includet)
              -i, --config-id id           Skip any configuration lines beginning '@' that don't match id
                                            or any lines beginning @^ that do match.
                                            The config-id defaults to the node name if option not used
                  --signum=SIGFUNC         Return signal number for STOP, RELOAD, DATA, STATS, STATS_CLEAR, JSON
              -t, --config-test[=LOG_FILE] Check the configuration for obvious errors, output to
                                            stderr by default
              -v, --version                Display the version number
              -h, --help                   Display this help message
            """;
}
