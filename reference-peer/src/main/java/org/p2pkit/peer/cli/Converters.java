package org.p2pkit.peer.cli;

import java.net.InetSocketAddress;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerName;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Command-line values that validate as they are read, so a bad one is a usage error. */
final class Converters {
    private Converters() {
    }

    /** {@code HOST:PORT} (or {@code HOST/PORT}, as addresses travel). */
    static final class IndexAddress implements ITypeConverter<InetSocketAddress> {
        @Override
        public InetSocketAddress convert(String value) {
            int colon = Math.max(value.lastIndexOf(':'), value.lastIndexOf('/'));
            if (colon <= 0 || colon == value.length() - 1) {
                throw new TypeConversionException("'" + value + "' is not HOST:PORT, e.g. 127.0.0.1:8886");
            }
            String host = value.substring(0, colon);
            int port;
            try {
                port = Integer.parseInt(value.substring(colon + 1));
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value.substring(colon + 1) + "' is not a port number");
            }
            if (port < 1 || port > 65535) {
                throw new TypeConversionException("port " + port + " is outside 1..65535");
            }
            InetSocketAddress address = new InetSocketAddress(host, port);
            if (address.isUnresolved()) {
                throw new TypeConversionException("cannot resolve the host '" + host + "'");
            }
            return address;
        }
    }

    static final class Peer implements ITypeConverter<PeerName> {
        @Override
        public PeerName convert(String value) {
            try {
                return new PeerName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    static final class Content implements ITypeConverter<ContentName> {
        @Override
        public ContentName convert(String value) {
            try {
                return new ContentName(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
