package org.keepalived4j.cli;

import java.io.PrintStream;
import java.util.List;

import org.keepalived4j.daemon.StartupWarmUp;

import picocli.CommandLine;

/** Entry point: {@code java -jar keepalived.jar [keepalived options]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line and returns the exit status (testable without exiting). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (startsDaemon(args)) {
            StartupWarmUp.start();
        }
        KeepalivedCommand cmd = new KeepalivedCommand(out, err);
        CommandLine cl = new CommandLine(cmd);
        cl.setUnmatchedArgumentsAllowed(true);
        cl.setOverwrittenOptionsAllowed(true);
        cl.setPosixClusteredShortOptionsAllowed(true);
        try {
            CommandLine.ParseResult pr = cl.parseArgs(args);
            for (String u : pr.unmatched()) {
                if (u.startsWith("-")) {
                    err.println("Unknown option " + u);
                    return 1;
                }
                err.println("Unknown parameter " + u);
            }
        } catch (CommandLine.ParameterException e) {
            List<String> unmatched = e.getCommandLine().getUnmatchedArguments();
            String what = unmatched.isEmpty() ? e.getMessage() : "Unknown option " + unmatched.get(0);
            err.println(what);
            return 1;
        }
        return cmd.call();
    }

    /** Short options that take a value (the rest of the word, or the next word). */
    private static final String SHORT_WITH_VALUE = "fSuprcbsi";
    private static final List<String> LONG_WITH_VALUE = List.of("--use-file", "--log-facility", "--umask", "--pid",
            "--vrrp_pid", "--checkers_pid", "--bfd_pid", "--namespace", "--config-id");

    /**
     * True unless an option asks for something other than the daemon (config test, version, help,
     * signal numbers): only a daemon needs the native bindings, so only then are they warmed up.
     * A guess from the raw words, before parsing; a wrong guess costs time, never behaviour.
     */
    static boolean startsDaemon(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--")) {
                break;
            }
            if (a.startsWith("--")) {
                if (a.startsWith("--config-test") || a.equals("--version") || a.equals("--help")
                        || a.startsWith("--signum")) {
                    return false;
                }
                if (LONG_WITH_VALUE.contains(a)) {
                    i++;
                }
                continue;
            }
            for (int k = 1; a.startsWith("-") && k < a.length(); k++) {
                char c = a.charAt(k);
                if (c == 't' || c == 'v' || c == 'h') {
                    return false;
                }
                if (SHORT_WITH_VALUE.indexOf(c) >= 0) {
                    i += k == a.length() - 1 ? 1 : 0;
                    break;
                }
            }
        }
        return true;
    }
}
