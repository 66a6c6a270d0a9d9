package org.keepalived4j.cli;

import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.PrintStream;

import org.keepalived4j.config.ConfigDumper;
import org.keepalived4j.config.ConfigLoader;
import org.keepalived4j.config.Diagnostic;
import org.keepalived4j.config.ExitCodes;

/**
 * {@code -t / --config-test[=FILE]}: load the configuration, print every configuration message
 * (to FILE when given) and exit with keepalived's status: 0 OK, 2 missing parameter, 4 cannot
 * run, 5 errors but would run, 6 script security. One deliberate difference: a configuration
 * file that cannot be read is status 4 (keepalived 2.2.7 says 0).
 */
final class ConfigTest {
    private final PrintStream err;

    ConfigTest(PrintStream err) {
        this.err = err;
    }

    int run(ConfigLoader.Options options, String logFile, PrintStream dump) {
        ConfigLoader.Result r = ConfigLoader.load(options);
        PrintStream target = err;
        if (!logFile.isEmpty()) {
            try {
                target = new PrintStream(new FileOutputStream(logFile, true), true);
            } catch (FileNotFoundException e) {
                err.println("Unable to open config test log file " + logFile + " - " + e.getMessage());
                return ExitCodes.FATAL;
            }
        }
        for (Diagnostic d : r.diagnostics().configTestOutput()) {
            target.println(d.render());
        }
        if (dump != null && r.mainFileRead()) {
            dump.print(ConfigDumper.dump(r.config()));
        }
        if (target != err) {
            target.close();
        }
        return r.configTestExitCode();
    }
}
