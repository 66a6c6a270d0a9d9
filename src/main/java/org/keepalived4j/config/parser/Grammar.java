package org.keepalived4j.config.parser;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.keepalived4j.config.Subsystem;

/**
 * The keyword structure of keepalived's configuration: which keywords exist at which level,
 * which open a keyword block, which open a value block (a list, one item per line), and which
 * subsystem owns each root keyword. Loaded from {@code keywords.txt} beside this class.
 */
public final class Grammar {

    /** How a keyword's line is followed. */
    public enum Kind {
        /** A one-line keyword. */
        SIMPLE,
        /** A block of further keywords ({@code vrrp_instance X { ... }}). */
        BLOCK,
        /** A block whose lines are list items ({@code virtual_ipaddress { ... }}). */
        VALUE_BLOCK
    }

    /** One keyword. {@code sub} is empty unless {@code kind == BLOCK}. */
    public record Keyword(String name, Kind kind, Subsystem subsystem, Grammar sub) {
    }

    private final Map<String, Keyword> keywords;

    private Grammar(Map<String, Keyword> keywords) {
        this.keywords = keywords;
    }

    public Optional<Keyword> lookup(String name) {
        return Optional.ofNullable(keywords.get(name));
    }

    public Map<String, Keyword> keywords() {
        return Collections.unmodifiableMap(keywords);
    }

    private static final Grammar KEEPALIVED = load();

    /** keepalived 2.2.7's grammar. */
    public static Grammar keepalived() {
        return KEEPALIVED;
    }

    private static Grammar load() {
        try (InputStream in = Grammar.class.getResourceAsStream("keywords.txt")) {
            if (in == null) {
                throw new IllegalStateException("keywords.txt missing from the class path");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Mutable builder per level while reading the table. */
    private static final class Level {
        final Map<String, Keyword> map = new LinkedHashMap<>();
        final Subsystem subsystem;
        final String name;
        final Level parent;

        Level(String name, Subsystem subsystem, Level parent) {
            this.name = name;
            this.subsystem = subsystem;
            this.parent = parent;
        }
    }

    static Grammar parse(BufferedReader r) throws IOException {
        Level root = new Level("", Subsystem.GLOBAL, null);
        Deque<Level> stack = new ArrayDeque<>();
        stack.push(root);
        Subsystem pass = Subsystem.GLOBAL;
        String line;
        while ((line = r.readLine()) != null) {
            String t = line.strip();
            if (t.isEmpty() || t.startsWith("#")) {
                continue;
            }
            if (t.startsWith("@")) {
                pass = Subsystem.valueOf(t.substring(1));
                continue;
            }
            Level cur = stack.peek();
            if (t.equals("}")) {
                Level done = stack.pop();
                Level parent = stack.peek();
                parent.map.put(done.name, new Keyword(done.name, Kind.BLOCK, done.subsystem, new Grammar(done.map)));
                continue;
            }
            Subsystem owner = cur == root ? pass : cur.subsystem;
            if (t.endsWith(" {")) {
                String name = t.substring(0, t.length() - 2).strip();
                stack.push(new Level(name, owner, cur));
            } else if (t.endsWith(" []")) {
                String name = t.substring(0, t.length() - 3).strip();
                cur.map.put(name, new Keyword(name, Kind.VALUE_BLOCK, owner, new Grammar(Map.of())));
            } else {
                cur.map.put(t, new Keyword(t, Kind.SIMPLE, owner, new Grammar(Map.of())));
            }
        }
        if (stack.size() != 1) {
            throw new IllegalStateException("keywords.txt: unbalanced braces");
        }
        return new Grammar(root.map);
    }
}
