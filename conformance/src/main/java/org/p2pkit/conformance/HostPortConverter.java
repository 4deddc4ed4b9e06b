package org.p2pkit.conformance;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine;

/** A target as people type it, {@code HOST:PORT}, with a host name or an address. */
final class HostPortConverter implements CommandLine.ITypeConverter<InetSocketAddress> {
    @Override
    public InetSocketAddress convert(String text) {
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not HOST:PORT (for example 127.0.0.1:8886 or localhost:8886)");
        }
        String host = text.substring(0, colon);
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "': the port is not a number");
        }
        if (port < 1 || port > 65_535) {
            throw new CommandLine.TypeConversionException("'" + text + "': port " + port + " is not between 1 and 65535");
        }
        try {
            return new InetSocketAddress(InetAddress.getByName(host), port);
        } catch (UnknownHostException e) {
            throw new CommandLine.TypeConversionException("'" + text + "': unknown host " + host);
        }
    }
}
