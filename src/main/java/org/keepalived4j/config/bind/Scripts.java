package org.keepalived4j.config.bind;

import java.util.List;
import java.util.Optional;

import org.keepalived4j.config.lexer.Tokenizer;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.parser.Node;

/**
 * Script keywords ({@code notify_master "/path/script arg 'a b'" [user [group]]}): the raw line is
 * re-split with quotes and escapes, word 1 is the command line, split again into arguments,
 * words 2 and 3 are user and group (notify_script_init() / set_script_params_array()).
 */
final class Scripts {
    private Scripts() {
    }

    /** The script of a line, or empty (with keepalived's log line) when it cannot be parsed. */
    static Optional<Script> parse(BindContext ctx, Node n) {
        Tokenizer.Words line = Tokenizer.quotedEscaped(n.raw());
        if (!line.ok()) {
            // keepalived reports an unterminated quote as a config error, a dangling '\' only in its log
            ctx.report(line.error().startsWith("Missing escape char") ? org.keepalived4j.config.ConfigErrorClass.LOG
                    : org.keepalived4j.config.ConfigErrorClass.UNMATCHED_QUOTE, n, line.error());
            return Optional.empty();
        }
        List<String> w = line.words();
        if (w.size() < 2) {
            ctx.require(n, 1);
        }
        Tokenizer.Words cmd = Tokenizer.quotedEscaped(w.get(1));
        if (!cmd.ok() || cmd.words().isEmpty()) {
            ctx.report(org.keepalived4j.config.ConfigErrorClass.LOG, n,
                    "Unable to parse script '" + w.get(1) + "' - ignoring");
            return Optional.empty();
        }
        Optional<String> user = Optional.empty();
        Optional<String> group = Optional.empty();
        if (w.size() > 2) {
            String u = w.get(2);
            int colon = u.indexOf(':');
            if (colon >= 0) {
                user = Optional.of(u.substring(0, colon));
                group = colon + 1 < u.length() ? Optional.of(u.substring(colon + 1)) : Optional.empty();
            } else {
                user = Optional.of(u);
            }
            if (w.size() > 3) {
                String g = w.get(3);
                group = Optional.of(g.startsWith(":") ? g.substring(1) : g);
            }
        }
        return Optional.of(new Script(cmd.words(), user, group, n.origin()));
    }
}
