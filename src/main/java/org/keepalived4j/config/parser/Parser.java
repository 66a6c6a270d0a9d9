package org.keepalived4j.config.parser;

import java.util.ArrayList;
import java.util.List;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Subsystem;
import org.keepalived4j.config.lexer.Tokenizer;
import org.keepalived4j.config.source.LogicalLine;

/**
 * Builds the block tree from logical lines exactly as keepalived's process_stream() and
 * alloc_value_block() walk them, including their recovery from errors: an unknown keyword is
 * reported and skipped, a stray {@code {} is ignored (so the body of an unknown block is read at
 * the enclosing level and its {@code }} closes the enclosing block), a missing {@code {} is
 * reported and the block is read anyway.
 */
public final class Parser {

    private final Grammar grammar;
    private final Diagnostics diags;
    private List<LogicalLine> lines;
    private int pos;

    public Parser(Grammar grammar, Diagnostics diags) {
        this.grammar = grammar;
        this.diags = diags;
    }

    /** Parse a whole configuration into its root nodes. */
    public List<Node> parse(List<LogicalLine> input) {
        this.lines = input;
        this.pos = 0;
        return level(grammar, false, 0, Subsystem.GLOBAL);
    }

    private record Tok(LogicalLine line, List<String> words) {
    }

    /** The next line's words; lines that split into no word are skipped. Null at the end. */
    private Tok next(Subsystem subsystem) {
        while (pos < lines.size()) {
            LogicalLine l = lines.get(pos++);
            Tokenizer.Words w = Tokenizer.words(l.text());
            if (!w.ok()) {
                diags.report(ConfigErrorClass.UNMATCHED_QUOTE, l.origin(), subsystem, l.seq(), w.error());
            }
            if (!w.words().isEmpty()) {
                return new Tok(l, w.words());
            }
        }
        return null;
    }

    private List<Node> level(Grammar g, boolean needBob, int kwLevel, Subsystem subsystem) {
        List<Node> nodes = new ArrayList<>();
        Tok t;
        while ((t = next(subsystem)) != null) {
            String str = t.words().get(0);
            Subsystem where = subsystem;
            if (needBob) {
                needBob = false;
                if (str.equals("{") && kwLevel > 0) {
                    continue;
                }
                report(ConfigErrorClass.MISSING_BOB, t, where, "Missing '{' at beginning of configuration block");
            } else if (str.equals("{")) {
                report(ConfigErrorClass.UNEXPECTED_BOB, t, where, "Unexpected '{' - ignoring");
                continue;
            }
            if (str.equals("}") && kwLevel > 0) {
                break;
            }
            Grammar.Keyword kw = g.lookup(str).orElse(null);
            if (kw == null) {
                report(ConfigErrorClass.UNKNOWN_KEYWORD, t, where, "Unknown keyword '" + str + "'"
                        + KeywordHints.hint(str, g));
                continue;
            }
            List<String> args = t.words().subList(1, t.words().size());
            List<Node> children = switch (kw.kind()) {
                case SIMPLE -> List.of();
                case BLOCK -> level(kw.sub(), true, kwLevel + 1, kw.subsystem());
                case VALUE_BLOCK -> valueBlock(t, kw.subsystem());
            };
            LogicalLine end = pos > 0 ? lines.get(pos - 1) : t.line();
            nodes.add(new Node(str, args, t.line().text(), t.line().origin(), t.line().seq(), kw.kind(),
                    kw.subsystem(), children, end.origin(), end.seq()));
        }
        return nodes;
    }

    /** alloc_value_block(): every line up to the closing brace is one list item. */
    private List<Node> valueBlock(Tok head, Subsystem subsystem) {
        // virtual_server_group's handler passes its own vector without the group name.
        int named = head.words().get(0).equals("virtual_server_group") ? 1 : 0;
        if (head.words().size() > 1 + named) {
            report(ConfigErrorClass.GENERAL_ERROR, head, subsystem, "Block " + head.words().get(0)
                    + " has extra parameters " + head.words().get(1 + named) + " ...");
        }
        List<Node> items = new ArrayList<>();
        boolean needBob = true;
        Tok t;
        while ((t = next(subsystem)) != null) {
            List<String> w = new ArrayList<>(t.words());
            if (needBob) {
                needBob = false;
                if (w.get(0).equals("{")) {
                    if (w.size() == 1) {
                        continue;
                    }
                    w.remove(0);
                } else {
                    report(ConfigErrorClass.LOG, t, subsystem,
                            "'{' missing from beginning of block " + head.words().get(0));
                }
            }
            boolean hadEob = false;
            if (w.get(w.size() - 1).equals("}")) {
                if (w.size() == 1) {
                    break;
                }
                hadEob = true;
                w.remove(w.size() - 1);
            }
            items.add(new Node(w.get(0), w.subList(1, w.size()), t.line().text(), t.line().origin(), t.line().seq(),
                    Grammar.Kind.SIMPLE, subsystem, List.of()));
            if (hadEob) {
                break;
            }
        }
        return items;
    }

    private void report(ConfigErrorClass cls, Tok t, Subsystem subsystem, String message) {
        diags.report(cls, t.line().origin(), subsystem, t.line().seq(), message);
    }
}
