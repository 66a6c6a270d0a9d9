package org.keepalived4j.check;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.keepalived4j.config.model.RealServerConfig;

/**
 * A reload's state transfer (migrate_checkers(), clear_diff_rs() and check_new_rs_state() of
 * ipwrapper.c): a real server found again keeps its alive state and weight, its checkers that
 * equal an old one take over that one's state; new alpha checkers start failed.
 */
final class Migration {
    private Migration() {
    }

    static void migrate(CheckerSet old, CheckerSet now) {
        Map<String, Integer> oldVs = new HashMap<>();
        for (int v = 0; v < old.vss.size(); v++) {
            oldVs.putIfAbsent(CheckerSet.vsKey(old.vss.get(v)), v);
        }
        for (int v = 0; v < now.vss.size(); v++) {
            Integer ov = oldVs.get(CheckerSet.vsKey(now.vss.get(v)));
            for (int r = 0; r < now.health.get(v).size(); r++) {
                int or = ov == null ? -1 : findRs(old, ov, now.health.get(v).get(r));
                if (or < 0) {
                    newRealServer(now.health.get(v).get(r), now.byRs.get(v).get(r));
                } else {
                    migrateRs(old.health.get(ov).get(or), old.byRs.get(ov).get(or), now.health.get(v).get(r),
                            now.byRs.get(v).get(r));
                }
            }
        }
    }

    /**
     * FILE_CHECK on a real server found again (set_track_file_weights(), set_effective_weights(),
     * set_track_file_checkers_down()): the weight is the configured one plus what every checker
     * adds, and a failed track file takes the server down.
     */
    private static void fileCheckers(RsHealth rs, List<Checker> checkers) {
        if (checkers.stream().noneMatch(c -> c instanceof FileChecker)) {
            return;
        }
        long weight = rs.iweight();
        boolean fault = false;
        for (Checker c : checkers) {
            weight += c.curWeight;
            fault |= c instanceof FileChecker && !c.isUp();
        }
        rs.initialise(rs.alive() && !fault, weight);
    }

    private static int findRs(CheckerSet old, int v, RsHealth rs) {
        List<RsHealth> hs = old.health.get(v);
        for (int r = 0; r < hs.size(); r++) {
            RealServerConfig a = hs.get(r).ref().rs();
            RealServerConfig b = rs.ref().rs();
            if (a.address().equals(b.address()) && a.port() == b.port()) {
                return r;
            }
        }
        return -1;
    }

    private static void newRealServer(RsHealth rs, List<Checker> checkers) {
        for (Checker c : checkers) {
            if (c instanceof FileChecker) {
                c.initialiseAtStart();
            } else if (c.settings().alpha()) {
                rs.setCheckerState(c, false);
                rs.initialise(false, rs.effectiveWeight());
            }
        }
    }

    private static void migrateRs(RsHealth oldRs, List<Checker> olds, RsHealth rs, List<Checker> checkers) {
        rs.initialise(oldRs.alive(), oldRs.effectiveWeight());
        for (Checker c : checkers) {
            for (Checker o : olds) {
                if (o.getClass() == c.getClass() && c.sameAs(o)) {
                    c.migrateFrom(o);
                    break;
                }
            }
        }
        rs.resetFailedCount();
        boolean anyRun = false;
        for (Checker c : checkers) {
            if (c.hasRun() && !c.isUp()) {
                rs.countFailedChecker();
            }
            anyRun |= c.hasRun();
        }
        fileCheckers(rs, checkers);
        if (rs.numFailedCheckers() > 0 || (!rs.alive() && !anyRun)) {
            checkers.forEach(Checker::requireOneFailure);
        }
        if (rs.numFailedCheckers() == 0 && !rs.alive()) {
            rs.performSvrState(true);
        }
    }
}
