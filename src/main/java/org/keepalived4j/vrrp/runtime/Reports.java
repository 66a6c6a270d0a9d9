package org.keepalived4j.vrrp.runtime;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.function.LongUnaryOperator;

import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.vrrp.fsm.VrrpState;
import org.keepalived4j.vrrp.packet.DropReason;
import org.keepalived4j.util.CTime;

/**
 * The texts the dump signals write: SIGUSR2 {@code keepalived.stats} (keepalived's
 * vrrp_print_stats() layout, line for line), SIGUSR1's VRRP topology section of
 * {@code keepalived.data} (dump_vrrp()'s headings) and the JSON of keepalived's vrrp_json.c
 * (version 1: an array of {@code {"data":{...},"stats":{...}}}). Pure: instances in, text out.
 */
public final class Reports {

    private Reports() {
    }

    /** keepalived.stats: the counters keepalived prints, then the drops it has no line for. */
    public static String stats(List<InstanceRuntime> instances) {
        StringBuilder b = new StringBuilder();
        for (InstanceRuntime r : instances) {
            InstanceStats s = r.stats();
            b.append("VRRP Instance: ").append(r.config().name()).append('\n');
            b.append("  Advertisements:\n");
            b.append("    Received: ").append(s.advertsReceived()).append('\n');
            b.append("    Sent: ").append(s.advertsSent()).append('\n');
            b.append("  Became master: ").append(s.becameMaster()).append('\n');
            b.append("  Released master: ").append(s.releasedMaster()).append('\n');
            b.append("  Packet Errors:\n");
            b.append("    Length: ").append(lengthErrors(s)).append('\n');
            b.append("    TTL: ").append(s.drops(DropReason.BAD_TTL)).append('\n');
            b.append("    Invalid Type: ").append(s.drops(DropReason.BAD_TYPE)).append('\n');
            b.append("    Advertisement Interval: ").append(s.drops(DropReason.INTERVAL_MISMATCH)).append('\n');
            b.append("    Address List: ").append(s.drops(DropReason.ADDRESS_COUNT)).append('\n');
            b.append("  Authentication Errors:\n");
            b.append("    Invalid Type: ").append(s.drops(DropReason.BAD_AUTH_TYPE)).append('\n');
            b.append("    Type Mismatch: ").append(s.drops(DropReason.AUTH_TYPE_MISMATCH)).append('\n');
            b.append("    Failure: ").append(authFailures(s)).append('\n');
            b.append("  Priority Zero:\n");
            b.append("    Received: ").append(s.priorityZeroReceived()).append('\n');
            b.append("    Sent: ").append(s.priorityZeroSent()).append('\n');
            // keepalived has no counters for these; appended after its block so its parsers still work
            b.append("  Other Packet Errors:\n");
            b.append("    Checksum: ").append(s.drops(DropReason.BAD_CHECKSUM)).append('\n');
            b.append("    Version: ").append(s.drops(DropReason.BAD_VERSION)).append('\n');
            b.append("    Not A Unicast Peer: ").append(s.drops(DropReason.NOT_A_PEER)).append('\n');
        }
        return b.toString();
    }

    /** keepalived's auth_failure: a wrong password, or an AH digest, SPI or sequence number refused. */
    private static long authFailures(InstanceStats s) {
        return s.allDrops().entrySet().stream().filter(e -> e.getKey().isAuthFailure()).mapToLong(e -> e.getValue()).sum();
    }

    private static long lengthErrors(InstanceStats s) {
        return s.drops(DropReason.TOO_SHORT) + s.drops(DropReason.WRONG_LENGTH) + s.drops(DropReason.BAD_IP_HEADER);
    }

    /**
     * The VRRP topology section of keepalived.data.
     *
     * @param toEpochMicros converts the daemon's clock (µs) to wall-clock µs since the epoch
     */
    public static String topology(List<InstanceRuntime> instances, long unknownVrid, LongUnaryOperator toEpochMicros) {
        StringBuilder b = new StringBuilder("------< VRRP Topology >------\n");
        for (InstanceRuntime r : instances) {
            VrrpInstanceConfig c = r.config();
            line(b, " VRRP Instance = " + c.name());
            line(b, "   VRRP Version = " + c.version());
            if (r.group() != null) {
                line(b, "   Sync group = " + r.group().name());
            }
            if (c.isIpv6()) {
                line(b, "   Using Native IPv6");
            }
            line(b, "   State = " + r.state());
            if (r.state() == VrrpState.BACKUP && r.lastAdvertSource() != null) {
                line(b, "   Master router = " + r.lastAdvertSource().getHostAddress());
                line(b, "   Master priority = " + r.lastAdvertPriority());
                if (c.version() == 3) {
                    line(b, String.format(Locale.ROOT, "   Master advert int = %.2f sec", r.masterAdverIntMicros() / 1e6));
                }
            }
            line(b, c.isUnicast() ? "   Flags:\n     Using unicast" : "   Flags: none");
            long last = r.lastTransitionMicros() == 0 ? 0 : toEpochMicros.applyAsLong(r.lastTransitionMicros());
            line(b, String.format(Locale.ROOT, "   Last transition = %d.%06d (%s)", last / 1_000_000, last % 1_000_000,
                    CTime.dayMonthTimeYear(Instant.ofEpochSecond(last / 1_000_000).atZone(ZoneId.systemDefault()))));
            if (c.vmac().isPresent()) {   // vrrp_data.c dump_vrrp()
                boolean xmitBase = c.vmac().get().xmitBase();
                line(b, "   Use VMAC, i/f name " + r.vipIfname() + ", is_up = true, xmit_base = " + xmitBase);
                c.vmac().get().mac().ifPresent(m -> line(b, "     MAC = " + m));
                line(b, "   Interface = " + r.vipIfname() + ", vmac on " + c.interfaceName().orElse("(unknown)")
                        + (xmitBase ? ", xmit base i/f" : ""));
            } else {
                line(b, "   Interface = " + r.ifname());
            }
            line(b, "   Using src_ip = " + r.source().getHostAddress());
            line(b, "   Virtual Router ID = " + c.vrid());
            line(b, "   Priority = " + c.priority());
            line(b, "   Effective priority = " + c.priority());
            line(b, String.format(Locale.ROOT, "   Advert interval = %s", advertText(c)));
            line(b, "   Preempt = " + (c.nopreempt() ? "disabled" : "enabled"));
            if (c.preemptDelayMicros() > 0) {
                line(b, "   Preempt delay = " + c.preemptDelayMicros() / 1_000_000 + " secs");
            }
            c.authentication().ifPresent(a -> line(b, "   Authentication type = "
                    + (a.type() == Authentication.Type.PASS ? "SIMPLE_PASSWORD" : "IPSEC_AH")));
            vips(b, "   Virtual IP", c.virtualIpAddresses());
            vips(b, "   Virtual IP Excluded", c.excludedVirtualIpAddresses());
            if (c.isUnicast()) {
                line(b, "   Unicast Peer = " + c.unicastPeers().size());
                c.unicastPeers().forEach(p -> line(b, "     " + p.address().getHostAddress()));
            }
        }
        line(b, " Adverts for a VRID not configured here = " + unknownVrid);
        return b.toString();
    }

    private static String advertText(VrrpInstanceConfig c) {
        long us = c.advertIntMicros();
        return us % 1_000_000 == 0 ? us / 1_000_000 + " sec" : String.format(Locale.ROOT, "%.2f sec", us / 1e6);
    }

    private static void vips(StringBuilder b, String title, List<VipAddress> vips) {
        if (!vips.isEmpty()) {
            line(b, title + " = " + vips.size());
            vips.forEach(v -> line(b, "     " + v.display()));
        }
    }

    private static void line(StringBuilder b, String s) {
        b.append(s).append('\n');
    }

    /** keepalived.json (json_version 1, keepalived's field names and state numbers). */
    public static String json(List<InstanceRuntime> instances, LongUnaryOperator toEpochMicros) {
        Json j = new Json();
        j.open('[');
        for (InstanceRuntime r : instances) {
            j.open('{');
            j.name("data").open('{');
            data(j, r, toEpochMicros);
            j.close('}');
            j.name("stats").open('{');
            stats(j, r.stats());
            j.close('}');
            j.close('}');
        }
        j.close(']');
        return j.toString();
    }

    private static void data(Json j, InstanceRuntime r, LongUnaryOperator toEpochMicros) {
        VrrpInstanceConfig c = r.config();
        j.field("iname", c.name());
        j.field("dont_track_primary", c.dontTrackPrimary() ? 1 : 0);
        j.field("skip_check_adv_addr", c.skipCheckAdvAddr() ? 1 : 0);
        j.field("strict_mode", c.strictMode() ? 1 : 0);
        j.field("ifp_ifname", r.ifname());
        j.field("master_priority", r.state() == VrrpState.MASTER ? c.priority() : r.lastAdvertPriority());
        long last = r.lastTransitionMicros() == 0 ? 0 : toEpochMicros.applyAsLong(r.lastTransitionMicros());
        j.raw("last_transition", String.format(Locale.ROOT, "%f", last / 1e6));
        j.raw("garp_delay", number(c.garp().masterDelayMicros() / 1e6));
        j.field("garp_refresh", c.garp().masterRefreshMicros() / 1_000_000);
        j.field("garp_rep", c.garp().masterRepeat());
        j.field("garp_refresh_rep", c.garp().masterRefreshRepeat());
        j.field("garp_lower_prio_delay", c.garp().lowerPrioDelayMicros() / 1_000_000);
        j.field("garp_lower_prio_rep", c.garp().lowerPrioRepeat());
        j.field("lower_prio_no_advert", c.lowerPrioNoAdvert() ? 1 : 0);
        j.field("higher_prio_send_advert", c.higherPrioSendAdvert() ? 1 : 0);
        j.field("vrid", c.vrid());
        j.field("base_priority", c.priority());
        j.field("effective_priority", c.priority());
        j.rawBool("vipset", r.state() == VrrpState.MASTER);
        j.rawBool("promote_secondaries", false);
        j.raw("adver_int", number(c.advertIntMicros() / 1e6));
        j.raw("master_adver_int", number(r.masterAdverIntMicros() / 1e6));
        j.field("accept", c.accept() ? 1 : 0);
        j.rawBool("nopreempt", c.nopreempt());
        j.field("preempt_delay", c.preemptDelayMicros() / 1_000_000);
        j.field("state", stateNumber(r.state()));
        j.field("wantstate", stateNumber(r.state()));
        j.field("version", c.version());
        j.rawBool("smtp_alert", c.smtpAlert().orElse(false));
        j.rawBool("notify_deleted", false);
        j.strings("vips", c.virtualIpAddresses().stream().map(VipAddress::display).toList());
        j.strings("evips", c.excludedVirtualIpAddresses().stream().map(VipAddress::display).toList());
        j.strings("track_ifp", c.trackInterfaces().stream().map(t -> t.name()).toList());
        int auth = c.version() == 2 ? c.authentication().map(a -> a.type() == Authentication.Type.PASS ? 1 : 2).orElse(0) : 0;
        j.field("auth_type", auth);
        if (auth == 1) {
            String pass = c.authentication().get().password();
            j.field("auth_data", pass.length() > 8 ? pass.substring(0, 8) : pass);
        }
    }

    private static void stats(Json j, InstanceStats s) {
        j.field("advert_rcvd", s.advertsReceived());
        j.field("advert_sent", s.advertsSent());
        j.field("become_master", s.becameMaster());
        j.field("release_master", s.releasedMaster());
        j.field("packet_len_err", lengthErrors(s));
        j.field("advert_interval_err", s.drops(DropReason.INTERVAL_MISMATCH));
        j.field("ip_ttl_err", s.drops(DropReason.BAD_TTL));
        j.field("invalid_type_rcvd", s.drops(DropReason.BAD_TYPE));
        j.field("addr_list_err", s.drops(DropReason.ADDRESS_COUNT));
        j.field("invalid_authtype", s.drops(DropReason.BAD_AUTH_TYPE));
        j.field("authtype_mismatch", s.drops(DropReason.AUTH_TYPE_MISMATCH));
        j.field("auth_failure", authFailures(s));
        j.field("pri_zero_rcvd", s.priorityZeroReceived());
        j.field("pri_zero_sent", s.priorityZeroSent());
    }

    /** keepalived's numbering (vrrp.h): INIT 0, BACKUP 1, MASTER 2, FAULT 3. */
    static int stateNumber(VrrpState s) {
        return switch (s) {
            case INIT -> 0;
            case BACKUP -> 1;
            case MASTER -> 2;
            case FAULT -> 3;
        };
    }

    private static String number(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    /** Just enough of a JSON writer for these reports (no external dependency for one file). */
    private static final class Json {
        private final StringBuilder b = new StringBuilder();
        private boolean first = true;
        private boolean afterName;

        Json open(char c) {
            if (!afterName) {
                sep();
            }
            afterName = false;
            b.append(c);
            first = true;
            return this;
        }

        void close(char c) {
            b.append(c);
            first = false;
        }

        Json name(String n) {
            sep();
            quote(n);
            b.append(':');
            afterName = true;
            return this;
        }

        private void sep() {
            if (!first) {
                b.append(',');
            }
            first = false;
        }

        void field(String n, long v) {
            raw(n, Long.toString(v));
        }

        void field(String n, String v) {
            name(n);
            quote(v);
            afterName = false;
        }

        void rawBool(String n, boolean v) {
            raw(n, Boolean.toString(v));
        }

        void raw(String n, String v) {
            name(n);
            b.append(v);
            afterName = false;
        }

        void strings(String n, List<String> values) {
            if (values.isEmpty()) {
                return;     // keepalived omits empty arrays
            }
            name(n).open('[');
            for (String v : values) {
                sep();
                quote(v);
            }
            close(']');
        }

        private void quote(String s) {
            b.append('"');
            for (char c : s.toCharArray()) {
                switch (c) {
                    case '"' -> b.append("\\\"");
                    case '\\' -> b.append("\\\\");
                    case '\n' -> b.append("\\n");
                    case '\t' -> b.append("\\t");
                    default -> {
                        if (c < 0x20) {
                            b.append(String.format("\\u%04x", (int) c));
                        } else {
                            b.append(c);
                        }
                    }
                }
            }
            b.append('"');
        }

        @Override
        public String toString() {
            return b.toString();
        }
    }
}
