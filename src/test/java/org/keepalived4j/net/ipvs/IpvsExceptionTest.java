package org.keepalived4j.net.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.keepalived4j.net.ipvs.IpvsConstants.*;

import java.net.InetAddress;

import org.junit.jupiter.api.Test;
import org.keepalived4j.net.Errno;

/** keepalived's texts: ipvs_strerror() (libipvs.c), ipvs_start() and ipvs_talk() (ipvswrapper.c). */
class IpvsExceptionTest {
    static final IpvsService VS = service();
    static final IpvsDest RS = dest();

    static IpvsService service() {
        try {
            return IpvsService.tcp(InetAddress.getByName("198.51.100.10"), 80, "rr");
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    static IpvsDest dest() {
        try {
            return IpvsDest.of(InetAddress.getByName("203.0.113.5"), 8080, IpvsForwarding.MASQ, 1);
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void initFailures() {
        IpvsException e = IpvsException.init(Errno.ENOPROTOOPT, "Protocol not available");
        assertEquals("IPVS: Can't initialize ipvs: Protocol not available", e.getMessage());
        assertTrue(e.isInit());
        assertEquals("init", e.commandName());
        assertEquals("IPVS: Can't initialize ipvs: Permission denied (you must be root)",
                IpvsException.init(Errno.EPERM, "Operation not permitted").getMessage());
        assertEquals("IPVS: Can't initialize ipvs: Protocol error",   // not in ipvs_strerror(): libc's text
                IpvsException.init(Errno.EPROTO, "Protocol error").getMessage());
    }

    @Test
    void commandFailuresAsIpvsTalkLogsThem() {
        assertEquals("IPVS cmd IP_VS_SO_SET_ADD(1154) error: Scheduler or persistence engine not found(2)"
                + " (198.51.100.10:tcp:80)",
                IpvsException.command(IPVS_CMD_NEW_SERVICE, Errno.ENOENT, "No such file or directory", VS, null)
                        .getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_DEL(1156) error: No such service(3) (198.51.100.10:tcp:80)",
                IpvsException.command(IPVS_CMD_DEL_SERVICE, Errno.ESRCH, "No such process", VS, null).getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_ADDDEST(1159) error: Destination already exists(17)"
                + " (198.51.100.10:tcp:80 -> 203.0.113.5:8080)",
                IpvsException.command(IPVS_CMD_NEW_DEST, Errno.EEXIST, "File exists", VS, RS).getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_EDITDEST(1161) error: No such destination(2)"
                + " (198.51.100.10:tcp:80 -> 203.0.113.5:8080)",
                IpvsException.command(IPVS_CMD_SET_DEST, Errno.ENOENT, "No such file or directory", VS, RS).getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_DELDEST(1160) error: Invalid operation.  Possibly wrong module version,"
                + " address not unicast, ...(22) (198.51.100.10:tcp:80 -> 203.0.113.5:8080)",
                IpvsException.command(IPVS_CMD_DEL_DEST, Errno.EINVAL, "Invalid argument", VS, RS).getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_FLUSH(1157) error: Permission denied (you must be root)(1)",
                IpvsException.command(IPVS_CMD_FLUSH, Errno.EPERM, "Operation not permitted", null, null).getMessage());
        assertEquals("IPVS cmd IP_VS_SO_SET_EDIT(1155) error: Numerical result out of range(34) (198.51.100.10:tcp:80)",
                IpvsException.command(IPVS_CMD_SET_SERVICE, Errno.ERANGE, "Numerical result out of range", VS, null)
                        .getMessage());
    }

    @Test
    void queriesNameTheNetlinkCommand() {
        IpvsException e = IpvsException.command(IPVS_CMD_GET_SERVICE, Errno.EPERM, "Operation not permitted", null, null);
        assertEquals("IPVS cmd IPVS_CMD_GET_SERVICE error: Permission denied (you must be root)(1)", e.getMessage());
        assertEquals("IPVS_CMD_GET_SERVICE", e.commandName());
        assertEquals("EPERM", e.errnoName());
        assertEquals(Errno.EPERM, e.errno());
    }
}
