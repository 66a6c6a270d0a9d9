package org.keepalived4j.cli;

import java.io.PrintStream;
import java.util.Set;

import org.keepalived4j.daemon.StartupWarmUp;

/** Entry point: {@code java -jar keepalived.jar [keepalived options]}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // jnr-ffi binds libc through reflection instead of generating ASM stubs: the stubs cost
        // ~60 ms of a cold start (ASM and jnr-x86asm are class-file version 49, never in the CDS
        // archive) and the daemon makes few native calls, none in a hot loop
        if (System.getProperty(JNR_ASM) == null) {
            System.setProperty(JNR_ASM, "false");
        }
        System.exit(run(args, System.out, System.err));
    }

    static final String JNR_ASM = "jnr.ffi.asm.enabled";

    /** Runs the command line and returns the exit status (testable without exiting). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        GetoptLong.Result parsed = KeepalivedCommand.parse(args);
        if (startsDaemon(parsed)) {
            StartupWarmUp.start();
        }
        return new KeepalivedCommand(out, err).run(parsed);
    }

    /** Options that end the run before any daemon work (config test, version, help, ...). */
    private static final Set<GetoptLong.Spec> NOT_A_DAEMON = Set.of(Options.CONFIG_TEST, Options.VERSION,
            Options.HELP, Options.SIGNUM, Options.GENHASH);

    /**
     * True when the command line starts the daemon: only a daemon needs the native bindings, so
     * only then are they warmed up (on a thread, while the configuration is read).
     */
    static boolean startsDaemon(GetoptLong.Result parsed) {
        for (GetoptLong.Event e : parsed.events()) {
            if (e.kind() != GetoptLong.Kind.OPTION || NOT_A_DAEMON.contains(e.spec())) {
                return false;
            }
        }
        return true;
    }
}
