package org.keepalived4j.net.route;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;
import org.keepalived4j.config.bind.RouteRuleParser;
import org.keepalived4j.config.bind.route.RouteContext;
import org.keepalived4j.config.model.RouteConfig;
import org.keepalived4j.config.model.RuleConfig;
import org.keepalived4j.config.parser.Grammar;
import org.keepalived4j.config.parser.Node;

/**
 * The reference requests recorded by scripts/capture-rtnetlink.sh (keepalived 2.2.7 and iproute2
 * in a namespace) and the lines they were made from.
 */
final class Captures {
    /** One recorded request: its type name, its bytes, and for iproute2 the command. */
    record Msg(String type, byte[] bytes, String comment) {
        int seq() {
            return ByteBuffer.wrap(bytes).order(ByteOrder.nativeOrder()).getInt(8);
        }

        String hex() {
            return HexFormat.of().formatHex(bytes);
        }
    }

    private Captures() {
    }

    static String resource(String name) {
        try (InputStream in = Captures.class.getResourceAsStream("/org/keepalived4j/net/route/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The messages of a .hex file, in send order. */
    static List<Msg> messages(String file) {
        List<Msg> out = new ArrayList<>();
        for (String l : resource(file).split("\n")) {
            if (l.isBlank() || l.startsWith("#")) {
                continue;
            }
            int hash = l.indexOf(" # ");
            String comment = hash < 0 ? "" : l.substring(hash + 3);
            String[] w = (hash < 0 ? l : l.substring(0, hash)).trim().split(" ");
            out.add(new Msg(w[0], HexFormat.of().parseHex(w[1]), comment));
        }
        return out;
    }

    /** The interface index eth0 had when the capture was made. */
    static int eth0Index(String file) {
        String first = resource(file).split("\n")[0];
        return Integer.parseInt(first.substring(first.indexOf("eth0=") + 5).trim());
    }

    /** lines.conf entries starting with {@code prefix + " "}, the prefix removed. */
    static List<String> lines(String prefix) {
        return Arrays.stream(resource("lines.conf").split("\n")).filter(l -> l.startsWith(prefix + " "))
                .map(l -> l.substring(prefix.length() + 1)).toList();
    }

    private static Node node(String text) {
        List<String> w = Arrays.asList(text.trim().split("\\s+"));
        return new Node(w.get(0), w.subList(1, w.size()), text, new Origin("lines.conf", 1, true), 1,
                Grammar.Kind.SIMPLE, Subsystem.VRRP, List.of());
    }

    /** One parser per configuration load: rules without a preference are numbered across it. */
    static final class Parser {
        private final RouteContext ctx = new RouteContext(true, Set.of("lo", "eth0", "eth1")::contains, g -> true,
                new RouteContext.RulePriorities());
        private final Diagnostics diags = new Diagnostics();

        Optional<RouteConfig> route(String line) {
            return RouteRuleParser.parseRoute(node(line), diags, ctx);
        }

        Optional<RuleConfig> rule(String line) {
            return RouteRuleParser.parseRule(node(line), diags, ctx);
        }
    }
}
