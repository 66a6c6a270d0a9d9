package org.keepalived4j.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * glibc's {@code getopt_long()} as keepalived calls it (parse_cmdline() in keepalived/core/main.c:
 * an optstring beginning with ':' so glibc prints nothing itself, default argument permutation):
 * <ul>
 * <li>short options cluster ({@code -nlD}); a required argument is the rest of the word or else
 * the next word, whatever it looks like ({@code -f -t.conf}); an optional one only the rest of
 * the word ({@code -tLOG});</li>
 * <li>long options take {@code --name=value}; a required argument may also be the next word, an
 * optional one may not; any unambiguous prefix of a long name is that option ({@code --use});</li>
 * <li>words that are not options are moved after the options (permutation) unless
 * POSIXLY_CORRECT is set, when the first of them ends the options; {@code --} ends the options and
 * {@code -} alone is not an option.</li>
 * </ul>
 * The result is the list of what getopt_long returned, in order, so that the caller acts on each
 * option at the point keepalived would (for instance {@code -v} exits before a later bad option is
 * seen), and the remaining words.
 */
final class GetoptLong {

    enum Arg { NONE, REQUIRED, OPTIONAL }

    /**
     * One option: short letter (0 for long-only), long name, argument. A class with identity
     * equality, not a record: a record's first equals/hashCode spins method handles (~25 ms of a
     * cold start, measured), and every option is a constant anyway.
     */
    static final class Spec {
        private final char shortName;
        private final String longName;
        private final Arg arg;

        Spec(char shortName, String longName, Arg arg) {
            this.shortName = shortName;
            this.longName = longName;
            this.arg = arg;
        }

        char shortName() {
            return shortName;
        }

        String longName() {
            return longName;
        }

        Arg arg() {
            return arg;
        }
    }

    enum Kind {
        /** An option recognised, with its argument (null when none was given). */
        OPTION,
        /** {@code '?'}: an unknown option, an ambiguous prefix, or an argument to a no-argument option. */
        UNKNOWN,
        /** {@code ':'}: a required argument missing (or empty, as keepalived checks for long options). */
        MISSING
    }

    /**
     * One return of getopt_long.
     *
     * @param spec   the option (null for an unknown one)
     * @param optarg its argument, or null
     * @param word   the command-line word the option came from ({@code argv[curind]})
     * @param longForm whether it was given as a long option
     * @param optopt the short letter getopt reports in {@code optopt} (0 when none)
     */
    record Event(Kind kind, Spec spec, String optarg, String word, boolean longForm, char optopt) {

        /** keepalived's message for an UNKNOWN or MISSING event. */
        String message() {
            boolean asShort = optopt != 0 && !word.startsWith("--");
            if (kind == Kind.UNKNOWN) {
                return asShort ? "Unknown option -" + optopt : "Unknown option " + word;
            }
            return asShort ? "Missing parameter for option -" + optopt
                    : "Missing parameter for option --" + spec.longName();
        }
    }

    record Result(List<Event> events, List<String> operands) {
    }

    private final List<Spec> specs;
    private final boolean posixlyCorrect;

    GetoptLong(List<Spec> specs, boolean posixlyCorrect) {
        this.specs = List.copyOf(specs);
        this.posixlyCorrect = posixlyCorrect;
    }

    Result parse(String[] args) {
        List<Event> events = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String w = args[i];
            boolean operand = !w.startsWith("-") || w.length() == 1;
            if (w.equals("--") || operand && posixlyCorrect) {
                for (i += operand ? 0 : 1; i < args.length; i++) {
                    operands.add(args[i]);
                }
                break;
            }
            if (operand) {
                operands.add(w);
                i++;
            } else if (w.startsWith("--")) {
                i = longOption(args, i, events);
            } else {
                i = shortOptions(args, i, events);
            }
        }
        return new Result(List.copyOf(events), List.copyOf(operands));
    }

    /** {@code --name[=value]} at args[i]; returns the index of the next word to look at. */
    private int longOption(String[] args, int i, List<Event> events) {
        String w = args[i];
        int eq = w.indexOf('=');
        String name = w.substring(2, eq < 0 ? w.length() : eq);
        String value = eq < 0 ? null : w.substring(eq + 1);
        Optional<Spec> found = findLong(name);
        if (found.isEmpty()) {
            events.add(new Event(Kind.UNKNOWN, null, null, w, true, (char) 0));
            return i + 1;
        }
        Spec s = found.get();
        char optopt = s.shortName();
        switch (s.arg()) {
            case NONE -> {
                events.add(value == null ? new Event(Kind.OPTION, s, null, w, true, optopt)
                        : new Event(Kind.UNKNOWN, s, null, w, true, optopt));
                return i + 1;
            }
            case OPTIONAL -> {
                events.add(new Event(Kind.OPTION, s, value, w, true, optopt));
                return i + 1;
            }
            default -> {
                int next = i + 1;
                if (value == null && next < args.length) {
                    value = args[next++];
                }
                // keepalived turns an empty argument of a long option (--use-file=) into ':'
                Kind k = value == null || value.isEmpty() ? Kind.MISSING : Kind.OPTION;
                events.add(new Event(k, s, k == Kind.OPTION ? value : null, w, true, optopt));
                return next;
            }
        }
    }

    /** An exact long name, else the single option it abbreviates (glibc: same option twice is fine). */
    private Optional<Spec> findLong(String name) {
        Spec match = null;
        for (Spec s : specs) {
            if (s.longName() == null) {
                continue;
            }
            if (s.longName().equals(name)) {
                return Optional.of(s);
            }
            if (!name.isEmpty() && s.longName().startsWith(name)) {
                if (match != null && match != s) {
                    return Optional.empty();   // ambiguous
                }
                match = s;
            }
        }
        return Optional.ofNullable(match);
    }

    /** A cluster of short options at args[i]; returns the index of the next word to look at. */
    private int shortOptions(String[] args, int i, List<Event> events) {
        String w = args[i];
        for (int k = 1; k < w.length(); k++) {
            char c = w.charAt(k);
            Spec s = findShort(c);
            if (s == null) {
                events.add(new Event(Kind.UNKNOWN, null, null, w, false, c));
                continue;
            }
            String rest = k + 1 < w.length() ? w.substring(k + 1) : null;
            switch (s.arg()) {
                case NONE -> events.add(new Event(Kind.OPTION, s, null, w, false, c));
                case OPTIONAL -> {
                    events.add(new Event(Kind.OPTION, s, rest, w, false, c));
                    return i + 1;
                }
                default -> {
                    if (rest != null) {
                        events.add(new Event(Kind.OPTION, s, rest, w, false, c));
                        return i + 1;
                    }
                    if (i + 1 < args.length) {
                        events.add(new Event(Kind.OPTION, s, args[i + 1], w, false, c));
                        return i + 2;
                    }
                    events.add(new Event(Kind.MISSING, s, null, w, false, c));
                    return i + 1;
                }
            }
        }
        return i + 1;
    }

    private Spec findShort(char c) {
        for (Spec s : specs) {
            if (s.shortName() == c) {
                return s;
            }
        }
        return null;
    }
}
