package org.keepalived4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** keepalived's command line surface: option names, messages and exit codes users script against. */
class MainTest {

    record Run(int exit, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest
    @CsvSource({"STOP,15", "RELOAD,1", "DATA,10", "STATS,12", "STATS_CLEAR,63", "JSON,36"})
    void signumPrintsKeepalivedsSignalNumbers(String name, int number) {
        Run r = run("--signum=" + name);
        assertEquals(0, r.exit());
        assertEquals(number + System.lineSeparator(), r.out());
    }

    @Test
    void unknownSigfunc() {
        Run r = run("--signum=FOO");
        assertEquals(1, r.exit());
        assertEquals("Unknown sigfunc FOO", r.err().strip());
    }

    @ParameterizedTest
    @CsvSource({"--bogus", "-Z"})
    void unknownOptionIsExit1(String opt) {
        Run r = run(opt);
        assertEquals(1, r.exit());
        assertEquals("Unknown option " + opt, r.err().strip());
    }

    @Test
    void versionNamesTheKeepalivedVersionItFollows() {
        Run r = run("-v");
        assertEquals(0, r.exit());
        assertTrue(r.err().startsWith("Keepalived v2.2.7"), r.err());
    }

    @Test
    void helpListsKeepalivedOptions() {
        Run r = run("--help");
        assertEquals(0, r.exit());
        for (String o : new String[] {"--use-file", "--vrrp", "--check", "--log-console", "--log-detail", "--log-facility",
                "--no-syslog", "--dont-fork", "--dump-conf", "--dont-release-vrrp", "--dont-release-ipvs",
                "--dont-respawn", "--pid", "--vrrp_pid", "--checkers_pid", "--config-test", "--config-id", "--signum"}) {
            assertTrue(r.err().contains(o), o);
        }
    }

    @Test
    void helpIsKeepalivedsUsageText() {
        Run r = run("-h");
        assertEquals(0, r.exit());
        assertTrue(r.err().startsWith("Usage: keepalived [OPTION...]\n"
                + "  -f, --use-file=FILE          Use the specified configuration file\n"
                + "                                default '/etc/keepalived/keepalived.conf'\n"
                + "  -P, --vrrp                   Only run with VRRP subsystem\n"), r.err());
        assertTrue(r.err().endsWith("  -h, --help                   Display this help message\n"), r.err());
        assertEquals(39, r.err().lines().count(), "keepalived 2.2.7 (Debian) prints 39 lines (diffed: equal)");
    }

    /** As keepalived 2.2.7 (checked with it): each bad option is reported, and -v still acts later. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-f                | 1 | Missing parameter for option -f",
            "--use-file=       | 1 | Missing parameter for option --use-file",
            "--dont-release    | 1 | Unknown option --dont-release",
            "-v --bogus        | 0 | Keepalived v2.2.7 compatible: keepalived4j",
            "--bogus -v        | 0 | Unknown option --bogus",
    })
    void badOptionsAreReportedWhereTheyStand(String words, int exit, String firstLine) {
        Run r = run(words.split(" "));
        assertTrue(r.err().lines().findFirst().orElse("").startsWith(firstLine), r.err());
        assertEquals(exit, r.exit());
    }

    @Test
    void operandsAreReportedAndIgnored(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, "global_defs {\n router_id A\n}\n");
        Run r = run("-t", "stray", "-f", f.toString(), "words");
        assertEquals("Unexpected argument(s): stray words \n", r.out());
        assertEquals(0, r.exit());
    }

    @Test
    void optionsWithoutAnImplementationAreAnnounced(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, "global_defs {\n router_id A\n}\n");
        Run r = run("-t", "-f", f.toString(), "-s", "blue", "--snmp");
        assertEquals(0, r.exit());
        assertEquals("WARNING - option -s, --namespace is NOT IMPLEMENTED in this build: ignored\n"
                + "WARNING - option -x, --snmp is NOT IMPLEMENTED in this build: ignored\n", r.err());
    }

    @Test
    void configTestOfMissingFileIsAnError(@TempDir Path dir) {
        Run r = run("-t", "-f", dir.resolve("nope.conf").toString());
        assertEquals(4, r.exit(), "deliberate deviation: keepalived 2.2.7 exits 0 here");
        assertTrue(r.err().contains("Config files missing '" + dir.resolve("nope.conf") + "'."), r.err());
    }

    @Test
    void configTestCleanConfigIsZeroAndSilent(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, "global_defs {\n router_id A\n}\nvirtual_server 198.51.100.1 80 {\n lb_algo rr\n"
                + " lb_kind NAT\n protocol TCP\n real_server 198.51.100.2 80 {\n  TCP_CHECK {\n   connect_timeout 3\n"
                + "  }\n }\n}\n");
        Run r = run("-t", "-f", f.toString());
        assertEquals("", r.err());
        assertEquals(0, r.exit());
    }

    @Test
    void configTestWritesToTheGivenLogFile(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("k.conf");
        Path log = dir.resolve("t.log");
        Files.writeString(f, "bogus\n");
        Run r = run("--config-test=" + log, "-f", f.toString());
        assertEquals(5, r.exit());
        assertEquals("(Line 1) Unknown keyword 'bogus'\n", Files.readString(log));
    }

    @Test
    void missingParameterIsExit2(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, "vrrp_instance V {\n virtual_router_id\n}\nbogus\n");
        Run r = run("-t", "-f", f.toString());
        assertEquals(2, r.exit());
        assertEquals("(" + f + ": Line 2) *** Configuration line starting `virtual_router_id` is missing a parameter"
                + " after keyword `virtual_router_id` at word position 2", r.err().strip(),
                "parsing stops there, as keepalived exits: the later bogus line is not reported");
    }

    @Test
    void dumpShowsTheCompletedModel(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("k.conf");
        Files.writeString(f, "vrrp_instance VI_1 {\n state MASTER\n interface lo0\n virtual_router_id 7\n"
                + " virtual_ipaddress {\n  198.51.100.10/24\n }\n}\n");
        Run r = run("-t", "-d", "-f", f.toString());
        assertTrue(r.out().contains("vrrp_instance VI_1 {"), r.out());
        assertTrue(r.out().contains("priority 255"), "state MASTER without priority means 255: " + r.out());
        assertTrue(r.out().contains("198.51.100.10/24"), r.out());
    }

    /** Only a daemon start warms up the native bindings; values of options are not read as options. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "-n -l -f /etc/keepalived/keepalived.conf | true",
            "-nlD -f /tmp/a-t-v-h.conf                | true",
            "-f -t.conf -n                            | true",
            "-fconfig-test.conf                       | true",
            "--use-file --version -n                  | true",
            "-i hostv -P                              | true",
            "-t -f /etc/keepalived/keepalived.conf    | false",
            "-lt                                      | false",
            "--config-test=/tmp/log                   | false",
            "-v                                       | false",
            "--version                                | false",
            "-h                                       | false",
            "--signum=JSON                            | false",
            "-n -- -t                                 | true",
            "-n --bogus                               | false",
            "-T                                       | false",
    })
    void warmsUpOnlyForTheDaemon(String words, boolean daemon) {
        assertEquals(daemon, Main.startsDaemon(KeepalivedCommand.parse(words.trim().split(" +"))), words);
    }
}
