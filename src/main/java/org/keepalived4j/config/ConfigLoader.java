package org.keepalived4j.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.keepalived4j.config.bind.ConfigBinder;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.parser.Grammar;
import org.keepalived4j.config.parser.Node;
import org.keepalived4j.config.parser.Parser;
import org.keepalived4j.config.source.Preprocessor;
import org.keepalived4j.config.validate.ConfigValidator;

/**
 * The configuration pipeline: preprocess → parse → bind → validate. Never throws for bad
 * input: every problem becomes a {@link Diagnostic}.
 */
public final class ConfigLoader {

    /**
     * @param configFile the {@code -f} argument (may be a glob)
     * @param workingDir what relative names are resolved against
     * @param configId   the id for {@code @id} lines ({@code -i}); null means the short host name
     * @param host       interfaces and host name of the machine the config is checked for
     */
    public record Options(String configFile, Path workingDir, String configId, HostInfo host) {
        public String effectiveConfigId() {
            return configId != null ? configId : host.hostName();
        }
    }

    /**
     * @param diagnostics  everything reported, in keepalived's order
     * @param config       the model (partial when the load failed)
     * @param mainFileRead false when the configuration file could not be read at all
     * @param files        every file read (the main file and includes)
     */
    public record Result(Diagnostics diagnostics, KeepalivedConfig config, boolean mainFileRead, List<Path> files) {
        /** {@code keepalived -t} exit status. */
        public int configTestExitCode() {
            return diagnostics.configTestExitCode();
        }
    }

    private ConfigLoader() {
    }

    public static Result load(Options o) {
        Diagnostics diags = new Diagnostics();
        Preprocessor pre = new Preprocessor(diags, o.effectiveConfigId(), Preprocessor.Limits.DEFAULT, new Random());
        Preprocessor.Result src = pre.run(o.configFile(), o.workingDir());
        List<Node> roots = new Parser(Grammar.keepalived(), diags).parse(src.lines());
        long endSeq = pre.nextSeq() + 1;
        KeepalivedConfig config = ConfigBinder.bind(roots, diags, o.host(), endSeq);
        if (!diags.aborted()) {
            config = ConfigValidator.validate(config, diags, o.host(), endSeq + 1);
        }
        return new Result(diags, config, src.mainFileRead(), src.files());
    }
}
