package org.p2pkit.conformance.run;

/** One PDU (or datagram) that crossed the wire during a case, or a note of the harness. */
public record WireEvent(long millis, String role, Kind kind, byte[] bytes, String text) {
    public enum Kind { SENT, RECEIVED, NOTE }
}
