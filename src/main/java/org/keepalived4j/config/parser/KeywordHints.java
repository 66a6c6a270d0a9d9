package org.keepalived4j.config.parser;

import java.util.Map;

/**
 * Suggestions appended to keepalived's {@code Unknown keyword 'x'} message (the message itself,
 * its line and its error class stay keepalived's): known traps from widely copied configs,
 * and the nearest keyword of the block for typos.
 */
final class KeywordHints {

    private static final Map<String, String> KNOWN = Map.of(
            "nb_get_retry", "keepalived accepts nb_get_retry only inside HTTP_GET/SSL_GET; write 'retry N' here",
            "lvs_sync_daemon_inteface", "misspelt and never accepted by keepalived; to run the IPVS sync daemon"
                    + " write 'lvs_sync_daemon IFNAME INSTANCE' in global_defs",
            "lvs_sync_daemon_interface", "deprecated; write 'lvs_sync_daemon IFNAME INSTANCE' in global_defs");

    private KeywordHints() {
    }

    /** The text to append (starting with a space), or "" when there is nothing useful to say. */
    static String hint(String word, Grammar level) {
        String known = KNOWN.get(word);
        if (known != null && !(word.equals("nb_get_retry") && !level.lookup("retry").isPresent())) {
            return " (" + known + ")";
        }
        if (word.length() < 5) {
            return "";
        }
        String best = null;
        int bestDistance = 3;
        for (String k : level.keywords().keySet()) {
            int d = distance(word, k, bestDistance);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    /** Levenshtein distance, giving up (returning {@code limit}) once it cannot be below it. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) >= limit) {
            return limit;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            int rowMin = cur[0];
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
                rowMin = Math.min(rowMin, cur[j]);
            }
            if (rowMin >= limit) {
                return limit;
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return Math.min(prev[b.length()], limit);
    }
}
