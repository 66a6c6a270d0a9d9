package org.keepalived4j.config.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * keepalived's line generators (add_seq(), add_lst() in lib/parser.c):
 * {@code ~SEQ(var, end)}, {@code ~SEQ(var, start, end)}, {@code ~SEQ(var, start, step, end)},
 * {@code ~SEQx(...)} (hexadecimal values) and {@code ~LST(var, v1, v2...)} /
 * {@code ~LST({a,b}, {1,2}, {3,4})}. Each repeats the rest of the line once per value.
 */
public final class Sequences {

    /** One repetition: the definitions to set, then the text to process. */
    public record Item(Map<String, String> bindings, String text) {
    }

    /** A malformed generator; the message is keepalived's. */
    public static final class SeqException extends Exception {
        private static final long serialVersionUID = 1L;

        SeqException(String message) {
            super(message);
        }
    }

    private Sequences() {
    }

    public static boolean isGenerator(String line) {
        return line.startsWith("~SEQ") || line.startsWith("~LST");
    }

    /**
     * Expand a generator line.
     *
     * @param line      the line starting with ~SEQ or ~LST (parameters already substituted)
     * @param maxItems  refuse (as an error) sequences longer than this
     */
    public static List<Item> expand(String line, long maxItems) throws SeqException {
        return line.startsWith("~SEQ") ? seq(line, maxItems) : lst(line);
    }

    private static List<Item> seq(String buf, long maxItems) throws SeqException {
        String spec = "Invalid ~SEQ specification '" + buf + "'";
        int p = 4;
        boolean hex = p < buf.length() && buf.charAt(p) == 'x';
        if (hex) {
            p++;
        }
        p = skipBlanks(buf, p);
        if (p >= buf.length() || buf.charAt(p) != '(') {
            throw new SeqException(spec);
        }
        p = skipBlanks(buf, p + 1);
        int varStart = p;
        while (p < buf.length() && " \t,)".indexOf(buf.charAt(p)) < 0) {
            p++;
        }
        String var = buf.substring(varStart, p);
        p = skipBlanks(buf, p);
        if (p >= buf.length() || buf.charAt(p) == ')' || var.isEmpty()) {
            throw new SeqException("Invalid ~SEQ definition '" + buf + "'");
        }
        int close = buf.indexOf(')', p);
        if (close < 0) {
            throw new SeqException("Invalid ~SEQ definition '" + buf + "'");
        }
        String[] nums = buf.substring(p + 1, close).split(",", -1);
        long[] v = new long[nums.length];
        if (nums.length > 3) {
            throw new SeqException("Invalid ~SEQ definition '" + buf + "'");
        }
        for (int i = 0; i < nums.length; i++) {
            v[i] = parseLong(nums[i].trim(), buf);
        }
        long start;
        long step;
        long end;
        if (v.length == 1) {
            end = v[0];
            step = end < 1 ? -1 : 1;
            start = end < 0 ? -1 : 1;
        } else if (v.length == 2) {
            start = v[0];
            end = v[1];
            step = start <= end ? 1 : -1;
        } else {
            start = v[0];
            step = v[1];
            end = v[2];
            if (step == 0 || (start < end && step < 0) || (start > end && step > 0)) {
                throw new SeqException("Invalid ~SEQ values '" + buf + "'");
            }
        }
        if (hex && (start < 0 || end < 0)) {
            throw new SeqException("~SEQx is only valid for positive numbers '" + buf + "'");
        }
        long count = (end - start) / step + 1;
        if (count > maxItems || count < 0) {
            throw new SeqException("~SEQ generates too many lines (" + count + ", limit " + maxItems + ") '" + buf + "'");
        }
        String text = buf.substring(skipBlanks(buf, close + 1));
        List<Item> items = new ArrayList<>();
        for (long x = start; step > 0 ? x <= end : x >= end; x += step) {
            items.add(new Item(Map.of(var, hex ? Long.toHexString(x) : Long.toString(x)), text));
        }
        return items;
    }

    /** strtol(p, &end, 0): decimal, 0x hex or leading-0 octal; an empty string is 0. */
    private static long parseLong(String s, String buf) throws SeqException {
        if (s.isEmpty()) {
            return 0;
        }
        try {
            boolean neg = s.startsWith("-");
            String t = neg || s.startsWith("+") ? s.substring(1) : s;
            long r;
            if (t.startsWith("0x") || t.startsWith("0X")) {
                r = Long.parseLong(t.substring(2), 16);
            } else if (t.length() > 1 && t.startsWith("0")) {
                r = Long.parseLong(t.substring(1), 8);
            } else {
                r = Long.parseLong(t);
            }
            return neg ? -r : r;
        } catch (NumberFormatException e) {
            throw new SeqException("Invalid ~SEQ definition '" + buf + "'");
        }
    }

    private static List<Item> lst(String buf) throws SeqException {
        String spec = "Invalid ~LST specification '" + buf + "'";
        Cursor c = new Cursor(buf, 4);
        c.blanks();
        if (!c.eat('(')) {
            throw new SeqException(spec);
        }
        c.blanks();
        List<String> vars = new ArrayList<>();
        char endChar = ',';
        if (c.eat('{')) {
            endChar = '}';
            c.blanks();
        }
        while (true) {
            vars.add(c.word(" \t,}"));
            c.blanks();
            if (c.peek() == endChar) {
                break;
            }
            if (!c.eat(',')) {
                throw new SeqException(spec);
            }
            c.blanks();
        }
        if (c.peek() == '}') {
            c.pos++;
            c.blanks();
        }
        if (!c.eat(',')) {
            throw new SeqException(spec);
        }
        c.blanks();
        List<List<String>> sets = new ArrayList<>();
        while (true) {
            char setEnd = ',';
            if (c.eat('{')) {
                setEnd = '}';
                c.blanks();
            }
            List<String> values = new ArrayList<>();
            while (true) {
                values.add(c.word(" \t,})"));
                c.blanks();
                if (c.peek() == setEnd || (c.peek() == ')' && setEnd == ',')) {
                    break;
                }
                if (!c.eat(',')) {
                    throw new SeqException(spec);
                }
                c.blanks();
                if (values.size() > vars.size() - 1) {
                    throw new SeqException("~LST specification has too many values '" + buf + "'");
                }
            }
            while (values.size() < vars.size()) {
                values.add("");
            }
            sets.add(values);
            if (c.peek() == '}' && setEnd == '}') {
                c.pos++;
                c.blanks();
            }
            if (c.peek() == ')') {
                break;
            }
            if (!c.eat(',')) {
                throw new SeqException(spec);
            }
            c.blanks();
        }
        c.pos++;
        c.blanks();
        String text = buf.substring(Math.min(c.pos, buf.length()));
        List<Item> items = new ArrayList<>();
        for (List<String> set : sets) {
            Map<String, String> b = new LinkedHashMap<>();
            for (int i = 0; i < vars.size(); i++) {
                b.put(vars.get(i), set.get(i));
            }
            items.add(new Item(b, text));
        }
        return items;
    }

    private static int skipBlanks(String s, int p) {
        while (p < s.length() && (s.charAt(p) == ' ' || s.charAt(p) == '\t')) {
            p++;
        }
        return p;
    }

    private static final class Cursor {
        final String s;
        int pos;

        Cursor(String s, int pos) {
            this.s = s;
            this.pos = pos;
        }

        char peek() {
            return pos < s.length() ? s.charAt(pos) : '\0';
        }

        boolean eat(char ch) {
            if (peek() == ch) {
                pos++;
                return true;
            }
            return false;
        }

        void blanks() {
            pos = skipBlanks(s, pos);
        }

        String word(String stops) {
            int start = pos;
            while (pos < s.length() && stops.indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            return s.substring(start, pos);
        }
    }
}
