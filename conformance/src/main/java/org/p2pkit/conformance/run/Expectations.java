package org.p2pkit.conformance.run;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.conformance.cases.Expectation;
import org.p2pkit.conformance.cases.FieldMatcher;
import org.p2pkit.conformance.cases.PduTemplate;
import org.p2pkit.conformance.cases.WireNames;
import org.p2pkit.model.ContentFraming;
import org.p2pkit.model.Direction;
import org.p2pkit.model.MalformedPduException;
import org.p2pkit.model.Message;
import org.p2pkit.model.MessageFields;
import org.p2pkit.model.PduCodec;

/** The one place that builds scripted PDUs and checks received ones against expectations. */
public final class Expectations {
    private Expectations() {
    }

    /** The bytes a send step puts on the wire. */
    public static byte[] bytes(PduTemplate template, WireNames names) {
        if (template instanceof PduTemplate.Raw raw) {
            return Arrays.copyOf(names.text(raw.text()).getBytes(StandardCharsets.ISO_8859_1), raw.length());
        }
        if (template instanceof PduTemplate.Vector vector) {
            return vector.bytes();
        }
        PduTemplate.Fields f = (PduTemplate.Fields) template;
        Message message = message(f.message(), f.fields(), names);
        byte[] pdu = PduCodec.encode(message);
        if (f.tail().corruptCheck()) {
            corruptCheck(pdu, message); // the tail is leftovers now (EXT-2)
        }
        if (f.tail().copiedFrom() != null) {
            byte[] other = bytes(f.tail().copiedFrom(), names);
            int start = ContentFraming.indexOfNul(pdu, 1, pdu.length) + 1;
            int from = ContentFraming.indexOfNul(other, 1, other.length) + 1;
            System.arraycopy(other, from, pdu, start, Math.min(pdu.length - start, other.length - from));
        }
        return pdu;
    }

    /** Changes the last byte of the check of the extension block of {@code pdu}, the encoding of {@code message} (EXT-1). */
    public static void corruptCheck(byte[] pdu, Message message) {
        pdu[PduCodec.tailStart(pdu, message) - 1] ^= 0x01;
    }

    /** A message by its kind and its scripted fields, with the case's names and values. */
    static Message message(String kind, Map<String, String> scripted, WireNames names) {
        Map<String, String> fields = new LinkedHashMap<>();
        scripted.forEach((key, value) -> fields.put(key, names.field(key, value)));
        return MessageFields.build(kind, fields);
    }

    /**
     * Checks what arrived (null: nothing in time) against the alternatives of a step.
     *
     * @return the decoded message, or null when nothing arrived and that was acceptable
     */
    public static Message check(List<Expectation> alternatives, byte[] received, int waitedMillis, Direction direction, WireNames names)
            throws CaseFailure {
        if (received == null) {
            if (alternatives.stream().anyMatch(a -> a instanceof Expectation.Nothing)) {
                return null;
            }
            throw new CaseFailure("nothing arrived within " + waitedMillis + " ms",
                    List.of(new Verdict.Mismatch("pdu", describe(alternatives), "nothing")), null);
        }
        Message message = decode(received, describe(alternatives), direction);
        List<Verdict.Mismatch> closest = null;
        for (Expectation alternative : alternatives) {
            if (alternative instanceof Expectation.Pdu pdu) {
                List<Verdict.Mismatch> mismatches = compare(pdu, message, received, names);
                if (mismatches.isEmpty()) {
                    return message;
                }
                if (closest == null || mismatches.size() < closest.size()) {
                    closest = mismatches;
                }
            }
        }
        if (closest == null) {
            closest = List.of(new Verdict.Mismatch("pdu", "nothing", summary(message)));
        }
        throw new CaseFailure("unexpected " + message.getClass().getSimpleName(), closest, received);
    }

    /** Whether what arrived matches one expectation. */
    static boolean matches(Expectation expected, byte[] received, Direction direction, WireNames names) {
        try {
            return check(List.of(expected), received, 0, direction, names) != null;
        } catch (CaseFailure mismatch) {
            return false;
        }
    }

    /** What arrives must be one whole PDU (FRAME-1, FRAME-4) that decodes. */
    static Message decode(byte[] received, String expected, Direction direction) throws CaseFailure {
        if (received.length != PduCodec.PDU_SIZE) {
            throw new CaseFailure("a datagram of " + received.length + " bytes; every PDU is 101 bytes (FRAME-4)",
                    List.of(new Verdict.Mismatch("length", "101", Integer.toString(received.length))), received);
        }
        try {
            return PduCodec.decode(received, direction);
        } catch (MalformedPduException e) {
            throw new CaseFailure("the PDU does not decode: " + e.getMessage(),
                    List.of(new Verdict.Mismatch(e.field(), expected, e.problem())), received);
        }
    }

    private static List<Verdict.Mismatch> compare(Expectation.Pdu expected, Message actual, byte[] received, WireNames names) {
        List<Verdict.Mismatch> mismatches = new ArrayList<>();
        String kind = actual.getClass().getSimpleName();
        if (!kind.equals(expected.message())) {
            mismatches.add(new Verdict.Mismatch("message", expected.message(), summary(actual)));
            return mismatches;
        }
        mismatches.addAll(fieldMismatches(expected.fields(), actual, names));
        if (expected.zeroTail()) {
            int tail = PduCodec.tailStart(received, actual);
            for (int i = tail; tail > 0 && i < received.length; i++) {
                if (received[i] != 0) {
                    mismatches.add(new Verdict.Mismatch("tail", "zeros after the NUL (FRAME-7) or the extension block (EXT-1)",
                            String.format("0x%02x at offset %d", received[i], i)));
                    break;
                }
            }
        }
        if (expected.text() != null) {
            FieldMatcher text = new FieldMatcher(expected.text().kind(), names.text(expected.text().value()));
            if (!text.matches(textOf(received))) {
                mismatches.add(new Verdict.Mismatch("text", text.toString(), "\"" + textOf(received) + "\""));
            }
        }
        return mismatches;
    }

    /** The fields of {@code actual} that do not match. */
    static List<Verdict.Mismatch> fieldMismatches(Map<String, FieldMatcher> expected, Message actual, WireNames names) {
        List<Verdict.Mismatch> mismatches = new ArrayList<>();
        Map<String, String> fields = actual.fields();
        expected.forEach((field, matcher) -> {
            FieldMatcher onWire = new FieldMatcher(matcher.kind(), names.field(field, matcher.value()));
            if (!onWire.matches(fields.get(field))) {
                mismatches.add(new Verdict.Mismatch(field, onWire.toString(), String.valueOf(fields.get(field))));
            }
        });
        return mismatches;
    }

    /** The type letter and data up to the NUL, as text. */
    static String textOf(byte[] pdu) {
        int nul = ContentFraming.indexOfNul(pdu, 0, pdu.length);
        return new String(pdu, 0, nul < 0 ? pdu.length : nul, StandardCharsets.ISO_8859_1);
    }

    public static String summary(Message message) {
        return message.getClass().getSimpleName() + " " + message.fields();
    }

    static String describe(List<Expectation> alternatives) {
        return String.join(" or ", alternatives.stream().map(a -> a instanceof Expectation.Pdu p
                ? p.message() + (p.fields().isEmpty() ? "" : " " + p.fields()) : "nothing").toList());
    }

    /** How long to wait for a step: the longest silence it accepts, else the reply timeout. */
    static int waitMillis(List<Expectation> alternatives, int replyTimeoutMillis) {
        return alternatives.stream().mapToInt(a -> a instanceof Expectation.Nothing n ? n.withinMillis() : replyTimeoutMillis)
                .max().orElse(replyTimeoutMillis);
    }
}
