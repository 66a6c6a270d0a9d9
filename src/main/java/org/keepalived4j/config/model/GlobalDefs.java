package org.keepalived4j.config.model;

import java.net.InetAddress;
import java.util.List;
import java.util.Optional;

/**
 * {@code global_defs} (defaults from keepalived/core/global_data.c).
 *
 * @param routerId          absent means the host name
 * @param smtpConnectTimeoutMicros default 30 s
 * @param scriptUser        {@code script_user USER [GROUP]}; absent means keepalived_script or root
 * @param vrrpVersion       default VRRP version for instances (2)
 * @param vrrpMcastGroup4   224.0.0.18 unless configured
 * @param vrrpMcastGroup6   ff02::12 unless configured
 * @param nftables          the firewall used for no_accept (nftables, NfTablesSettings.NONE when not configured)
 * @param notifyFifo        {@code notify_fifo} (all subsystems) with its {@code notify_fifo_script}
 * @param vrrpNotifyFifo    {@code vrrp_notify_fifo} with its {@code vrrp_notify_fifo_script}
 */
public record GlobalDefs(Optional<String> routerId, List<String> notificationEmail,
                         Optional<String> notificationEmailFrom, Optional<String> smtpServer, int smtpPort,
                         Optional<String> smtpHeloName, long smtpConnectTimeoutMicros, boolean smtpAlert,
                         Optional<String> scriptUser, Optional<String> scriptGroup, boolean enableScriptSecurity,
                         InetAddress vrrpMcastGroup4, InetAddress vrrpMcastGroup6, Optional<String> defaultInterface,
                         int vrrpVersion, GarpSettings garp, boolean vrrpStrict, boolean vrrpSkipCheckAdvAddr,
                         boolean vrrpCheckUnicastSrc, boolean vrrpLowerPrioNoAdvert,
                         boolean vrrpHigherPrioSendAdvert, boolean dynamicInterfaces, boolean lvsFlush,
                         NfTablesSettings nftables, Optional<NotifyFifo> notifyFifo,
                         Optional<NotifyFifo> vrrpNotifyFifo) {

    public GlobalDefs {
        notificationEmail = List.copyOf(notificationEmail);
    }
}
