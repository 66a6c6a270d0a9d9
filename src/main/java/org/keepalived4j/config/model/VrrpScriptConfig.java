package org.keepalived4j.config.model;

import org.keepalived4j.config.Origin;

/**
 * {@code vrrp_script NAME { script ...; interval; timeout; weight; rise; fall; init_fail }}.
 *
 * @param intervalMicros  how often it runs (default 1 s)
 * @param timeoutMicros   how long it may run (default: the interval)
 * @param weight          -253..253; 0 means a failure faults the tracking instances
 */
public record VrrpScriptConfig(String name, Script script, long intervalMicros, long timeoutMicros, int weight,
                               boolean weightReverse, int rise, int fall, boolean initFail, Origin origin) {
}
