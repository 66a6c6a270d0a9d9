package org.keepalived4j.config.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.keepalived4j.config.ConfigErrorClass;
import org.keepalived4j.config.Diagnostics;
import org.keepalived4j.config.HostInfo;
import org.keepalived4j.config.Origin;
import org.keepalived4j.config.Subsystem;
import org.keepalived4j.config.model.CheckerConfig;
import org.keepalived4j.config.model.KeepalivedConfig;
import org.keepalived4j.config.model.RealServerConfig;
import org.keepalived4j.config.model.Script;
import org.keepalived4j.config.model.VipAddress;
import org.keepalived4j.config.model.VirtualServerConfig;
import org.keepalived4j.config.model.VrrpInstanceConfig;
import org.keepalived4j.config.model.VrrpSyncGroupConfig;

/**
 * Rules across objects, checked after binding as keepalived checks them at start-up:
 * sync group members, duplicate VRIDs on an interface and family, interfaces that do not
 * exist on this host, and script security. Messages are keepalived's.
 */
public final class ConfigValidator {

    private final Diagnostics diags;
    private final HostInfo host;
    private final long seq;

    private ConfigValidator(Diagnostics diags, HostInfo host, long seq) {
        this.diags = diags;
        this.host = host;
        this.seq = seq;
    }

    public static KeepalivedConfig validate(KeepalivedConfig c, Diagnostics diags, HostInfo host, long seq) {
        return new ConfigValidator(diags, host, seq).run(c);
    }

    private void report(ConfigErrorClass cls, Subsystem s, String message) {
        diags.report(cls, Origin.NONE, s, seq, message);
    }

    private KeepalivedConfig run(KeepalivedConfig c) {
        List<VrrpSyncGroupConfig> groups = syncGroups(c);
        duplicateVrids(c.vrrpInstances());
        if (!c.vrrpInstances().isEmpty() && !c.global().dynamicInterfaces()) {
            missingInterfaces(c);
        }
        scriptSecurity(c);
        return new KeepalivedConfig(c.global(), c.staticAddresses(), c.staticRoutes(), c.staticRules(), c.vrrpScripts(),
                groups, c.vrrpInstances(), c.virtualServerGroups(), c.virtualServers(), c.unmodelled(),
                c.missingInterfaces(), c.trackFiles());
    }

    /** vrrp_sync_set_group() and the empty-group check of vrrp.c. */
    private List<VrrpSyncGroupConfig> syncGroups(KeepalivedConfig c) {
        Set<String> instanceNames = new LinkedHashSet<>();
        c.vrrpInstances().forEach(i -> instanceNames.add(i.name()));
        Map<String, String> memberOf = new HashMap<>();
        List<VrrpSyncGroupConfig> out = new ArrayList<>();
        for (VrrpSyncGroupConfig g : c.syncGroups()) {
            List<String> members = new ArrayList<>();
            for (String m : g.members()) {
                if (!instanceNames.contains(m)) {
                    report(ConfigErrorClass.GENERAL_ERROR, Subsystem.VRRP,
                            "Virtual router " + m + " specified in sync group " + g.name() + " doesn't exist - ignoring");
                } else if (memberOf.containsKey(m)) {
                    report(ConfigErrorClass.GENERAL_ERROR, Subsystem.VRRP, "Virtual router " + m
                            + " cannot exist in more than one sync group; ignoring " + g.name());
                } else {
                    memberOf.put(m, g.name());
                    members.add(m);
                }
            }
            if (members.isEmpty()) {
                // vrrp_complete_init() without a group list; vrrp_sync_set_group() when no name matched
                report(ConfigErrorClass.GENERAL_ERROR, Subsystem.VRRP, g.members().isEmpty()
                        ? "Sync group " + g.name() + " has no virtual router(s). removing"
                        : "Sync group " + g.name() + ", no matching virtual router found in group declaration - removing");
                continue;
            }
            if (members.size() == 1) {
                report(ConfigErrorClass.GENERAL_ERROR, Subsystem.VRRP, "Sync group " + g.name()
                        + " has only 1 virtual router(s) - this probably isn't what you want");
            }
            out.add(g.withMembers(members));
        }
        return out;
    }

    /** check_vrid_conflicts(): one VRID per interface, family and multicast group (unicast: unless peers differ). */
    private void duplicateVrids(List<VrrpInstanceConfig> instances) {
        for (int i = 0; i < instances.size(); i++) {
            for (int j = 0; j < i; j++) {
                VrrpInstanceConfig a = instances.get(i);
                VrrpInstanceConfig b = instances.get(j);
                boolean sameIf = a.interfaceName().equals(b.interfaceName());
                boolean peersOverlap = a.isUnicast() == b.isUnicast() && (!a.isUnicast() || a.unicastPeers().stream()
                        .anyMatch(p -> b.unicastPeers().stream().anyMatch(q -> q.address().equals(p.address()))));
                if (a.vrid() == b.vrid() && a.isIpv6() == b.isIpv6() && sameIf && peersOverlap
                        && a.mcastDestination().equals(b.mcastDestination())) {
                    report(ConfigErrorClass.GENERAL_ERROR, Subsystem.VRRP, b.name() + " and " + a.name()
                            + " both use VRID " + a.vrid() + " with IPv" + (a.isIpv6() ? 6 : 4) + " on interface "
                            + a.interfaceName().orElse("(none)"));
                }
            }
        }
    }

    /** keepalived creates placeholder interfaces for unknown names and reports them once, at the end. */
    private void missingInterfaces(KeepalivedConfig c) {
        if (!c.missingInterfaces().isEmpty()) {
            report(ConfigErrorClass.BAD_IF, Subsystem.VRRP, "Non-existent interface specified in configuration");
        }
    }

    private void scriptSecurity(KeepalivedConfig c) {
        ScriptSecurity sec = new ScriptSecurity(System.getenv("PATH"));
        boolean enabled = c.global().enableScriptSecurity();
        List<Script> vrrp = new ArrayList<>();
        c.vrrpScripts().forEach(s -> vrrp.add(s.script()));
        c.vrrpInstances().forEach(i -> i.notifyScripts().all().forEach(vrrp::add));
        c.syncGroups().forEach(g -> g.notifyScripts().all().forEach(vrrp::add));
        c.global().notifyFifo().flatMap(f -> f.script()).ifPresent(vrrp::add);
        c.global().vrrpNotifyFifo().flatMap(f -> f.script()).ifPresent(vrrp::add);
        List<Script> check = new ArrayList<>();
        for (VirtualServerConfig vs : c.virtualServers()) {
            vs.quorumUp().ifPresent(check::add);
            vs.quorumDown().ifPresent(check::add);
            for (RealServerConfig rs : vs.realServers()) {
                rs.notifyUp().ifPresent(check::add);
                rs.notifyDown().ifPresent(check::add);
                for (CheckerConfig ck : rs.checkers()) {
                    if (ck instanceof CheckerConfig.MiscCheck m) {
                        m.script().ifPresent(check::add);
                    }
                }
            }
        }
        verdict(sec, check, enabled, Subsystem.CHECK, "check scripts");
        verdict(sec, vrrp, enabled, Subsystem.VRRP, "scripts");
    }

    private void verdict(ScriptSecurity sec, List<Script> scripts, boolean enabled, Subsystem s, String what) {
        boolean any = false;
        boolean insecure = false;
        for (Script script : scripts) {
            ScriptSecurity.Result r = sec.check(script, 0, 0, enabled);
            r.log().ifPresent(l -> diags.report(ConfigErrorClass.LOG, script.origin(), s, seq, l));
            any |= r.verdict() == ScriptSecurity.Verdict.SCRIPT || r.verdict() == ScriptSecurity.Verdict.INSECURE;
            insecure |= r.verdict() == ScriptSecurity.Verdict.INSECURE;
        }
        if (!enabled && any) {
            report(ConfigErrorClass.SECURITY_ERROR, s, "SECURITY VIOLATION - " + what
                    + " are being executed but script_security not enabled." + (insecure ? " There are insecure scripts." : ""));
        }
    }
}
