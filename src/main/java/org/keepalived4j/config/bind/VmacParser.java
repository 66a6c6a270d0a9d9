package org.keepalived4j.config.bind;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.keepalived4j.config.model.VmacConfig;
import org.keepalived4j.config.parser.Node;

/**
 * {@code use_vmac} and {@code vmac_xmit_base} in a vrrp_instance, with keepalived 2.2.7's
 * messages: vrrp_vmac_handler() and vrrp_end_handler() in vrrp_parser.c while the block is read,
 * and the VMAC rules of vrrp_complete_instance() in vrrp.c afterwards.
 */
final class VmacParser {
    /** The RFC 5798 prefix 00:00:5e:00 that a configured MAC may not use with 01 or 02 next. */
    private static final int[] RFC5798 = {0x00, 0x00, 0x5e, 0x00};
    /** Keywords that make an instance unicast for vrrp_end_handler() (VRRP_FLAG_UNICAST_CONFIGURED). */
    private static final Set<String> UNICAST = Set.of("unicast_peer", "unicast_src_ip", "unicast_fault_no_peer",
            "check_unicast_src", "old_unicast_checksum");

    /** What use_vmac / vmac_xmit_base said, while the block is read. */
    static final class Draft {
        final String owner;
        boolean on;
        boolean xmitBase;
        Optional<String> ifname = Optional.empty();
        int[] mac;
        boolean macUsesVrid;

        Draft(String owner) {
            this.owner = owner;
        }
    }

    private VmacParser() {
    }

    /** One {@code use_vmac [NAME] [MAC]} line (at most two words are looked at, as keepalived does). */
    static void useVmac(BindContext ctx, Node n, Draft d, List<Draft> earlier) {
        String instance = d.owner;
        d.on = true;
        List<String> w = n.words();
        for (int i = 1; i < w.size() && i <= 2; i++) {
            String word = w.get(i);
            if (word.indexOf(':') >= 0) {
                mac(ctx, n, d, word);
            } else {
                name(ctx, n, d, word, instance, earlier);
            }
        }
    }

    private static void mac(BindContext ctx, Node n, Draft d, String text) {
        if (d.mac != null) {
            ctx.error(n, "VMAC interface address already specified");
            return;
        }
        if (!text.chars().allMatch(c -> c == ':' || Character.digit(c, 16) >= 0)) {
            ctx.error(n, "VMAC invalid MAC address " + text);
            return;
        }
        int[] mac = new int[6];
        boolean[] usesVrid = new boolean[1];
        if (!parseMac(text, mac, usesVrid)) {
            ctx.error(n, "VMAC invalid MAC address " + text + " - ignored");
        } else if ((mac[0] & 0x01) != 0) {
            ctx.error(n, "VMAC MAC address is multicast " + text + " - ignoring");
        } else if (mac[0] == RFC5798[0] && mac[1] == RFC5798[1] && mac[2] == RFC5798[2] && mac[3] == RFC5798[3]
                && (mac[4] == 0x01 || mac[4] == 0x02)) {
            ctx.error(n, "VMAC MAC address not allowed to be RFC5798 address (" + text + ") - ignoring");
        } else {
            d.mac = mac;
            d.macUsesVrid = usesVrid[0];
        }
    }

    /**
     * keepalived's octet loop (strtoul base 16, at most two digits per octet, ':' between them):
     * five octets, with or without a trailing ':', mean "the sixth is the VRID".
     */
    static boolean parseMac(String text, int[] mac, boolean[] usesVrid) {
        int p = 0;
        for (int j = 0; j < 6; j++) {
            int end = p;
            while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0) {
                end++;
            }
            if (end == p || end - p > 2) {
                return false;
            }
            char next = end < text.length() ? text.charAt(end) : 0;
            if (next != ':' && (next != 0 || j < 4)) {
                return false;
            }
            mac[j] = Integer.parseInt(text.substring(p, end), 16);
            if (j == 4 && (next == 0 || end + 1 == text.length())) {
                usesVrid[0] = true;
                return true;
            }
            p = end + 1;
            if (p >= text.length() && j < 5) {
                return false;   // not enough octets
            }
        }
        return true;
    }

    private static void name(BindContext ctx, Node n, Draft d, String name, String instance, List<Draft> earlier) {
        if (d.ifname.isPresent()) {
            ctx.error(n, "VMAC interface name already specified");
            return;
        }
        if (!devNameValid(name)) {
            ctx.error(n, "VMAC interface name '" + name + "' too long or invalid characters - ignoring");
            return;
        }
        for (Draft o : earlier) {
            if (o.ifname.equals(Optional.of(name))) {
                ctx.error(n, "(" + instance + ") VRRP instance " + o.owner + " is already using " + name
                        + " - ignoring name");
                return;
            }
        }
        d.ifname = Optional.of(name);
    }

    /** The kernel's dev_valid_name() (net/core/dev.c), as keepalived copies it. */
    static boolean devNameValid(String name) {
        if (name.isEmpty() || name.length() >= 16 || name.equals(".") || name.equals("..")) {
            return false;
        }
        return name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    /** vrrp_end_handler(): unicast with a VMAC needs an interface, and sends from the base interface. */
    static void endOfBlock(BindContext ctx, Node block, Draft d, boolean hasInterface) {
        String instance = d.owner;
        boolean unicast = block.children().stream().anyMatch(c -> UNICAST.contains(c.keyword()));
        if (!unicast || !d.on) {
            return;
        }
        if (!hasInterface) {
            ctx.errorAtEnd(block, "(" + instance + "): Cannot use VMAC/ipvlan with unicast and no interface"
                    + " - clearing use_vmac");
            d.on = false;
            d.ifname = Optional.empty();
        } else if (!d.xmitBase) {
            ctx.errorAtEnd(block, "(" + instance + ") unicast with use_vmac requires vmac_xmit_base - setting");
            d.xmitBase = true;
        }
    }

    /**
     * The VMAC part of vrrp_complete_instance(): a configured MAC is refused in strict mode, five
     * octets take the VRID as the sixth, vmac_xmit_base needs a VMAC and is refused in strict mode.
     */
    static Optional<VmacConfig> complete(Draft d, int vrid, boolean strict, java.util.function.Consumer<String> error) {
        String p = "(" + d.owner + ") ";
        int[] mac = d.mac;
        if (strict && mac != null) {
            error.accept("(" + d.owner + "): cannot specify MAC address with strict mode - clearing");
            mac = null;
        }
        if (!d.on) {
            if (d.xmitBase) {
                error.accept(p + "vmac_xmit_base is only valid with a vmac");
            }
            return Optional.empty();
        }
        boolean xmitBase = d.xmitBase;
        if (strict && xmitBase) {
            error.accept(p + "xmit_base is incompatible with strict mode - resetting");
            xmitBase = false;
        }
        Optional<String> text = Optional.empty();
        if (mac != null) {
            byte[] b = new byte[6];
            for (int i = 0; i < 6; i++) {
                b[i] = (byte) mac[i];
            }
            if (d.macUsesVrid) {
                b[5] = (byte) vrid;
            }
            text = Optional.of(VmacConfig.format(b));
        }
        return Optional.of(new VmacConfig(d.ifname, text, xmitBase));
    }
}
