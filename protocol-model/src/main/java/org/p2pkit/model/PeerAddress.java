package org.p2pkit.model;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/**
 * Where a peer's content server listens: a dotted-quad IPv4 address and a TCP port, written
 * {@code host/port} in at most 19 characters (spec/PROTOCOL.md ADDR-1, ADDR-2).
 */
public record PeerAddress(String host, int port) {
    /** The width of the address field of a registration (ADDR-1). */
    public static final int MAX_TEXT_LENGTH = 19;

    public PeerAddress {
        host = checkHost(host);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535 (ADDR-2)");
        }
        int length = host.length() + 1 + Integer.toString(port).length();
        if (length > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("address " + host + "/" + port + " has " + length
                    + " characters, the classic field holds " + MAX_TEXT_LENGTH + " (ADDR-1)");
        }
    }

    /** Builds an address from a host text and a port text as they travel (ADDR-2). */
    public static PeerAddress of(String host, String port) {
        if (port.isEmpty() || port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("port '" + port + "' is not a decimal number (ADDR-2)");
        }
        return new PeerAddress(host, Integer.parseInt(port));
    }

    /** Parses {@code host/port}. */
    public static PeerAddress parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("address '" + text + "' has no '/' between host and port (ADDR-1)");
        }
        return of(text.substring(0, slash), text.substring(slash + 1));
    }

    public static PeerAddress of(InetSocketAddress socketAddress) {
        return new PeerAddress(socketAddress.getAddress().getHostAddress(), socketAddress.getPort());
    }

    public InetSocketAddress toSocketAddress() {
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("a validated dotted quad did not resolve: " + host, e);
        }
    }

    @Override
    public String toString() {
        return host + "/" + port;
    }

    /**
     * Returns the host in its canonical form, without leading zeros (ADDR-4), if it is a
     * dotted-quad IPv4 address (ADDR-2, which accepts them), else throws.
     */
    public static String checkHost(String host) {
        String[] octets = host == null ? new String[0] : host.split("\\.", -1);
        boolean valid = octets.length == 4;
        for (int i = 0; valid && i < 4; i++) {
            String octet = octets[i];
            valid = !octet.isEmpty() && octet.length() <= 3
                    && octet.chars().allMatch(c -> c >= '0' && c <= '9')
                    && Integer.parseInt(octet) <= 255;
        }
        if (!valid) {
            throw new IllegalArgumentException("host '" + host + "' is not a dotted-quad IPv4 address (ADDR-2)");
        }
        return Integer.parseInt(octets[0]) + "." + Integer.parseInt(octets[1]) + "." + Integer.parseInt(octets[2]) + "."
                + Integer.parseInt(octets[3]);
    }
}
