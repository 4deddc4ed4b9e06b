package org.p2pkit.conformance.run;

import java.util.ArrayList;
import java.util.List;
import org.p2pkit.model.Direction;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.PduCodec;

/** What crossed the wire during one case, in order, with each PDU decoded where it decodes. */
public final class WireLog {
    private final long start = System.nanoTime();
    private final List<WireEvent> events = new ArrayList<>();

    public synchronized void sent(String role, byte[] bytes, Direction direction) {
        events.add(new WireEvent(elapsed(), role, WireEvent.Kind.SENT, bytes.clone(), describe(bytes, direction)));
    }

    public synchronized void received(String role, byte[] bytes, Direction direction) {
        events.add(new WireEvent(elapsed(), role, WireEvent.Kind.RECEIVED, bytes.clone(), describe(bytes, direction)));
    }

    public synchronized void note(String role, String text) {
        events.add(new WireEvent(elapsed(), role, WireEvent.Kind.NOTE, new byte[0], text));
    }

    synchronized List<WireEvent> events() {
        return List.copyOf(events);
    }

    private long elapsed() {
        return (System.nanoTime() - start) / 1_000_000;
    }

    /** A PDU as a person reads it: its message and fields, or why it does not decode. */
    static String describe(byte[] bytes, Direction direction) {
        try {
            var message = PduCodec.decode(bytes, direction);
            return message.getClass().getSimpleName() + " " + message.fields();
        } catch (MalformedPduException e) {
            return bytes.length == PduCodec.PDU_SIZE ? e.getMessage() : bytes.length + " bytes (not a PDU)";
        }
    }
}
