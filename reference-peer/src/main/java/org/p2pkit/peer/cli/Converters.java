package org.p2pkit.peer.cli;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

    /** A duration: {@code 500ms}, {@code 5s}, {@code 10m}, {@code 1h}, {@code 7d}; a bare number is milliseconds. */
    static final class Time implements ITypeConverter<Duration> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");
        private static final Map<String, Duration> UNITS = Map.of("ms", Duration.ofMillis(1), "s", Duration.ofSeconds(1),
                "m", Duration.ofMinutes(1), "h", Duration.ofHours(1), "d", Duration.ofDays(1));
        /** Far above any useful bound, and still countable in nanoseconds. */
        private static final Duration MAX = Duration.ofDays(10_000);

        @Override
        public Duration convert(String value) {
            Matcher m = FORM.matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a duration such as 500ms, 5s, 10m, 1h or 7d");
            }
            Duration duration = UNITS.get(m.group(2) == null ? "ms" : m.group(2)).multipliedBy(Long.parseLong(m.group(1)));
            if (duration.isZero() || duration.compareTo(MAX) > 0) {
                throw new TypeConversionException("'" + value + "' is not a duration from 1ms to " + MAX.toDays() + " days");
            }
            return duration;
        }
    }

    /**
     * The interval of PEER-RECHECK-1: {@code 0} (off) or a {@link Time} of at least 100ms, so that
     * a bare {@code 30} (30 ms, not 30 s) is refused rather than flooding the index.
     */
    static final class RecheckInterval implements ITypeConverter<Duration> {
        static final Duration MIN = Duration.ofMillis(100);

        @Override
        public Duration convert(String value) {
            if (value.trim().matches("0+(ms|s|m|h|d)?")) {
                return Duration.ZERO;
            }
            Duration duration = new Time().convert(value);
            if (duration.compareTo(MIN) < 0) {
                throw new TypeConversionException("'" + value + "' is " + duration.toMillis() + " ms; the re-check interval is 0 (off) or at least "
                        + MIN.toMillis() + "ms, e.g. 30s");
            }
            return duration;
        }
    }

    /** A number of bytes: {@code 4096}, {@code 16KiB}, {@code 64MiB}, {@code 4GiB}. */
    static final class Size implements ITypeConverter<Long> {
        private static final Pattern FORM = Pattern.compile("(\\d{1,15})(B|KiB|MiB|GiB|TiB)?");
        private static final Map<String, Long> UNITS = Map.of("B", 1L, "KiB", 1L << 10, "MiB", 1L << 20, "GiB", 1L << 30, "TiB", 1L << 40);

        @Override
        public Long convert(String value) {
            Matcher m = FORM.matcher(value.trim());
            if (!m.matches()) {
                throw new TypeConversionException("'" + value + "' is not a size such as 4096, 16KiB, 64MiB or 4GiB");
            }
            try {
                return Math.multiplyExact(Long.parseLong(m.group(1)), UNITS.get(m.group(2) == null ? "B" : m.group(2)));
            } catch (ArithmeticException e) {
                throw new TypeConversionException("'" + value + "' is too large");
            }
        }
    }
}
