package org.keepalived4j.config.bind;

import java.util.Optional;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;
import org.keepalived4j.config.model.Authentication;
import org.keepalived4j.config.model.GarpSettings;
import org.keepalived4j.config.model.GlobalDefs;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.config.model.VrrpState;

/**
 * keepalived's vrrp_complete_instance() (keepalived/vrrp/vrrp.c): defaults that depend on other
 * settings, and the consistency rules, with the same messages (reported without a line, as
 * keepalived does after parsing).
 */
final class InstanceCompleter {
    private static final long HZ = BindContext.TIMER_HZ;
    private static final long CENTI = HZ / 100;

    private final Diagnostics diags;
    private final GlobalDefs global;
    private final long seq;
    private final BindContext ctx;

    InstanceCompleter(BindContext ctx, GlobalDefs global, long seq) {
        this.ctx = ctx;
        this.diags = ctx.diagnostics();
        this.global = global;
        this.seq = seq;
    }

    private void error(String message) {
        diags.report(ConfigErrorClass.GENERAL_ERROR, Origin.NONE, Subsystem.VRRP, seq, message);
    }

    /** The completed instance, or empty when keepalived would refuse it. */
    Optional<VrrpInstanceConfig> complete(VrrpInstanceBinder.InstanceDraft d) {
        String p = "(" + d.name + ") ";
        if (d.vrid == 0) {
            error(p + "the virtual router id must be set");
            return Optional.empty();
        }
        boolean strict = d.strictMode(global);
        boolean v6 = !d.vips.isEmpty() && d.vips.get(0).isIpv6();
        int version = d.version.orElse(v6 ? 3 : global.vrrpVersion());
        if (v6 && version == 2 && strict) {
            error(p + "cannot use IPv6 with VRRP version 2; setting version 3");
            version = 3;
        }
        if (d.vips.isEmpty()) {
            if (version == 3 || strict) {
                error(p + "No VIP specified; at least one is required");
                return Optional.empty();
            }
            error(p + "No VIP specified; at least one is sensible");
        }
        int priority = d.priority != 0 ? d.priority
                : d.state.equals(Optional.of(VrrpState.MASTER)) ? 255 : 100;
        VrrpState state = d.state.orElse(priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP);
        if (d.state.isPresent() && strict && (state == VrrpState.MASTER) != (priority == 255)) {
            error(p + "State MASTER must match being address owner");
            state = priority == 255 ? VrrpState.MASTER : VrrpState.BACKUP;
        }
        Optional<Authentication> auth = authentication(d, p, strict, version, v6, state, priority);
        if (auth.isPresent() && auth.get().type() == Authentication.Type.AH && state == VrrpState.MASTER
                && priority != 255) {
            error(p + "Initial state master is incompatible with AH authentication - clearing");
            state = VrrpState.BACKUP;
        }
        // keepalived 2.2.7 tests "unicast peers in strict mode" before it marks the instance unicast
        // (vrrp_complete_instance()), so the check never fires: a strict unicast instance runs.
        if (!d.peers.isEmpty() && d.iface.isEmpty() && d.source.isEmpty()) {
            error(p + ": Unicast instances must have unicast_src_ip or interface");
            return Optional.empty();
        }
        Optional<org.keepalived4j.config.model.VmacConfig> vmac = VmacParser.complete(d.vmac, d.vrid, strict, this::error);
        if (v6 && d.peers.isEmpty() && !d.vips.isEmpty() && strict && !d.vips.get(0).address().isLinkLocalAddress()) {
            error(p + "the first IPv6 VIP address must be link local");
        }
        boolean nopreempt = d.nopreempt;
        long preemptDelay = d.preemptDelay;
        if (priority == 255 && nopreempt) {
            error(p + "nopreempt is incompatible with priority 255. resetting nopreempt");
            nopreempt = false;
        }
        if (state == VrrpState.MASTER) {
            if (nopreempt) {
                error(p + "Warning - nopreempt will not work with initial state MASTER - clearing");
                nopreempt = false;
            }
            if (preemptDelay != 0) {
                error(p + "Warning - preempt delay will not work with initial state MASTER - clearing");
                preemptDelay = 0;
            }
        }
        if (preemptDelay != 0 && strict) {
            error(p + "preempt_delay is incompatible with strict mode - resetting");
            preemptDelay = 0;
        }
        if (preemptDelay != 0 && nopreempt) {
            error(p + "preempt_delay is incompatible with nopreempt mode - resetting");
            preemptDelay = 0;
        }
        downTimerAdverts(d, p, strict);
        boolean accept = d.accept.orElse(priority == 255 || !strict);
        if (accept && priority != 255 && strict && version == 2) {
            error(p + "warning - accept mode for VRRP version 2 does not comply with RFC3768 - resetting");
            accept = false;
        }
        Optional<java.net.InetAddress> mcastDst = d.mcastDst;
        if (!d.peers.isEmpty() && mcastDst.isPresent()) {
            error(p + "multicast destination specified with unicast - ignoring");
            mcastDst = Optional.empty();
        }
        GarpSettings garp = garp(d, p, strict);
        boolean lowerPrioNoAdvert = d.lowerPrioNoAdvert.orElse(global.vrrpLowerPrioNoAdvert());
        if (strict && d.lowerPrioNoAdvert.equals(Optional.of(false))) {
            error(p + "Strict mode requires no lower priority advert. resetting");
        }
        lowerPrioNoAdvert |= strict;
        boolean higherPrio = d.higherPrioSendAdvert.orElse(global.vrrpHigherPrioSendAdvert());
        if (strict && higherPrio) {
            error(p + "strict mode requires higher_prio_send_advert to be clear. resetting");
            higherPrio = false;
        }
        long advert = advertInterval(d.advertInt == 0 ? HZ : d.advertInt, version, p);
        int ttl = d.unicastTtl.orElse(255);
        return Optional.of(new VrrpInstanceConfig(d.name, state, d.iface, d.vrid, priority, advert, version, nopreempt,
                preemptDelay, auth, d.vips, d.evips, d.source, d.peers, ttl, mcastDst, d.trackIfs, d.trackScripts,
                d.dontTrackPrimary, d.notifyScripts(), d.smtpAlert, garp, accept, strict,
                d.skipCheckAdvAddr.orElse(global.vrrpSkipCheckAdvAddr()), lowerPrioNoAdvert, higherPrio, d.routes,
                d.rules, d.lvsSyncDaemonInterface, d.origin, vmac, d.trackFiles));
    }

    /**
     * down_timer_adverts: strict mode resets anything but 3 (RFC 5798's Master_Down_Interval);
     * other values are accepted but not modelled yet (announced at start-up).
     */
    private void downTimerAdverts(VrrpInstanceBinder.InstanceDraft d, String p, boolean strict) {
        if (d.downTimerAdverts.isEmpty() || d.downTimerAdverts.getAsInt() == 3) {
            return;
        }
        if (strict) {
            error(p + "down_timer_adverts is incompatible with strict mode - resetting");
        } else {
            ctx.notImplemented("vrrp_instance " + d.name, d.downTimerAdvertsNode);
        }
    }

    private Optional<Authentication> authentication(VrrpInstanceBinder.InstanceDraft d, String p, boolean strict,
                                                    int version, boolean v6, VrrpState state, int priority) {
        if (d.auth.isEmpty()) {
            return Optional.empty();
        }
        if (strict) {
            error(p + "Strict mode does not support authentication. Ignoring.");
        } else if (version == 3) {
            error(p + "VRRP version 3 does not support authentication. Ignoring.");
        } else if (d.auth.get().password().isEmpty()) {
            error(p + "Authentication specified but no password given. Ignoring");
        } else if (v6 && d.auth.get().type() == Authentication.Type.AH) {
            error(p + "Cannot use AH authentication with IPv6. ignoring");
        } else {
            return d.auth;
        }
        return Optional.empty();
    }

    private GarpSettings garp(VrrpInstanceBinder.InstanceDraft d, String p, boolean strict) {
        GarpSettings g = global.garp();
        int repeat = d.garpRepeat.orElse(g.masterRepeat());
        long delay = d.garpDelay.orElse(g.masterDelayMicros());
        // unset: 0 in strict mode, else the global value; set: strict mode resets it with an error
        int lowerRepeat = d.lowerPrioRepeat.orElse(strict ? 0 : g.lowerPrioRepeat());
        long lowerDelay = d.lowerPrioDelay.orElse(strict ? 0 : g.lowerPrioDelayMicros());
        if (strict && lowerRepeat != 0) {
            error(p + "Strict mode requires no repeat garps. resetting");
            lowerRepeat = 0;
        }
        if (strict && lowerDelay != 0) {
            error(p + "Strict mode requires no repeat garp delay. resetting");
            lowerDelay = 0;
        }
        return new GarpSettings(delay, repeat, d.garpRefresh.orElse(g.masterRefreshMicros()),
                d.garpRefreshRepeat.orElse(g.masterRefreshRepeat()), lowerDelay, lowerRepeat, g.intervalMicros(),
                g.naIntervalMicros());
    }

    private long advertInterval(long adv, int version, String p) {
        if (version == 2) {
            if (adv >= 256 * HZ) {
                error(String.format("%sVRRPv2 advertisement interval %.2fs is out of range. Must be less than 256s."
                        + " Setting to 255s", p, adv / (double) HZ));
                return 255 * HZ;
            }
            if (adv % HZ != 0) {
                error(String.format("%sVRRPv2 advertisement interval %fs must be an integer. rounding", p,
                        adv / (double) HZ));
                long r = adv + HZ / 2;
                r -= r % HZ;
                return r == 0 ? HZ : r;
            }
            return adv;
        }
        if (adv >= 4096 * CENTI) {
            error(String.format("%sVRRPv3 advertisement interval %.2fs is out of range. Must be less than 40.96s."
                    + " Setting to 40.95s", p, adv / (double) HZ));
            return 4095 * CENTI;
        }
        if (adv % CENTI != 0) {
            error(String.format("%sVRRPv3 advertisement interval %fs must be in units of 10ms - rounding", p,
                    adv / (double) HZ));
            long r = adv + CENTI / 2;
            r -= r % CENTI;
            return r == 0 ? CENTI : r;
        }
        return adv;
    }
}
