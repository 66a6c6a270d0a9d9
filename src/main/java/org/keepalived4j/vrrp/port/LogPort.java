package org.keepalived4j.vrrp.port;

/** keepalived-style log lines: {@code info} always, {@code detail} only with -D (--log-detail). */
public interface LogPort {
    void info(String line);

    void detail(String line);
}
