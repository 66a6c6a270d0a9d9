package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Settings every checker accepts (install_checker_common_keywords(), check_api.c). Absent
 * values inherit from the real server, then the virtual server, then keepalived's defaults;
 * times are in microseconds.
 */
public record CheckerCommon(Optional<InetAddress> connectIp, OptionalInt connectPort, Optional<InetAddress> bindTo,
                            OptionalInt bindPort, Optional<String> bindIf, OptionalLong connectTimeoutMicros,
                            OptionalLong fwmark, OptionalLong retry, OptionalLong delayBeforeRetryMicros,
                            OptionalLong warmupMicros, OptionalLong delayLoopMicros, Optional<Boolean> alpha,
                            boolean logAllFailures) {

    public static final CheckerCommon NONE = new CheckerCommon(Optional.empty(), OptionalInt.empty(), Optional.empty(),
            OptionalInt.empty(), Optional.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(),
            OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), Optional.empty(), false);
}
