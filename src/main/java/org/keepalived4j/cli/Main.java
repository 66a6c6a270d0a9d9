package org.keepalived4j.cli;

import java.io.PrintStream;
import java.util.List;

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
}
