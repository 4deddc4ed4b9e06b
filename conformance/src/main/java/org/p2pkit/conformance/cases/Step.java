package org.p2pkit.conformance.cases;

import java.util.List;
import java.util.Map;

/** One step of a case: the harness, playing {@code role}, sends or expects. */
public sealed interface Step {
    String role();

    /** The role sends one PDU to the target. */
    record Send(String role, PduTemplate pdu) implements Step {
    }

    /** The role receives one of the alternatives within the time limit. */
    record Expect(String role, List<Expectation> alternatives) implements Step {
        public Expect {
            alternatives = List.copyOf(alternatives);
        }
    }

    /**
     * The role receives a whole list reply, following continuations, and finds the given entries
     * of its own peers in this order (entries of other peers are ignored); {@code entries} maps a
     * peer to its contents. With {@code exactText}, each entry of the case's peers must also be
     * byte for byte the classic form (names padded, 8 separators); with {@code noEmptyEntries}, an
     * empty entry fails the step (IDX-LIST-10).
     */
    record ExpectList(String role, String asker, List<Map.Entry<String, List<String>>> entries, boolean exactText, boolean noEmptyEntries)
            implements Step {
        public ExpectList {
            entries = List.copyOf(entries);
        }
    }

    // Peer cases: the harness plays the index, the downloaders and the holders.

    /**
     * Start the target with the driver's start input: its name and the first content it shares.
     * {@code recheckMillis} above 0 starts it with that re-check interval (PEER-RECHECK-1); 0
     * starts it without re-checks, so that no case but those that ask for them sees an R unasked.
     */
    record Start(String name, String content, int recheckMillis) implements Step {
        public String role() {
            return "console";
        }
    }

    /** Type a menu action into the target's console: register, download, deregister, list or leave. */
    record Action(String kind, String content) implements Step {
        public String role() {
            return "console";
        }
    }

    /**
     * The harness index receives one of the alternatives from the target. With {@code skipOthers},
     * requests that match none are passed over until one matches or the time is up; with
     * {@code orSkip}, nothing arriving means the target lacks what the case needs, and the case is
     * skipped with that reason. {@code withinMillis} (when above 0) replaces the reply timeout.
     */
    record IndexExpect(List<Expectation> alternatives, boolean skipOthers, String orSkip, int withinMillis) implements Step {
        public IndexExpect {
            alternatives = List.copyOf(alternatives);
        }

        public String role() {
            return "index";
        }
    }

    /**
     * Within {@code withinMillis}, the harness index receives a request matching each of
     * {@code each}, in any order, and answers every request it receives meanwhile with
     * {@code reply}, a repeat of one already matched too (a retransmission); a request that matches
     * none fails the step.
     */
    record IndexExpectEach(List<Expectation> each, PduTemplate reply, int withinMillis) implements Step {
        public IndexExpectEach {
            each = List.copyOf(each);
        }

        public String role() {
            return "index";
        }
    }

    /**
     * The harness index answers the target's last request, or a stranger does, from another port
     * (UDP-4); with {@code ifAsked}, only when the last expect step received a request.
     */
    record IndexReply(PduTemplate pdu, boolean fromStranger, boolean ifAsked) implements Step {
        public String role() {
            return "index";
        }
    }

    /**
     * A holder the target may download from, on a TCP port of its own ({@code $role} in field values).
     * {@code serve}: the content it streams; {@code pieces}: "full" (99 bytes) or "lines" (cut at line
     * ends, as the original); {@code keepOpen}: no close after F; {@code cutAfterBytes}: the stream
     * ends there without F; {@code error}: answers one E; {@code refuse}: nothing listens;
     * {@code chunk}: the bytes go out in writes of this many (FRAME-5), else whole PDUs;
     * {@code trickleMillis > 0}: one piece every that many ms, never an end (SEC-14);
     * {@code extended}: how it answers a D with a block, or null for a holder that speaks classic only.
     */
    record Holder(String role, String serve, String pieces, boolean keepOpen, int cutAfterBytes, String error, boolean refuse, int chunk,
                  int trickleMillis, ExtendedAnswer extended) implements Step {
    }

    /**
     * How an extended holder answers a D with a block (spec EXT-9, EXT-10): H, then the file's raw
     * bytes from the offset it grants, then it closes; {@code cutAfterBytes} of the holder counts
     * raw bytes. Planted faults: {@code extraBytes} more bytes after the file, the byte at
     * {@code corruptAt} changed (a digest that does not match), {@code header}: fields of the H
     * that differ from the truth (another content, another stamp, a size past any maximum),
     * {@code corruptCheck}: a wrong check in the H's block, and {@code headerVector}: a golden
     * vector sent in place of the H, for an H the model refuses to build (a malformed block), or null.
     */
    record ExtendedAnswer(int extraBytes, int corruptAt, Map<String, String> header, boolean corruptCheck, PduTemplate.Vector headerVector) {
        public ExtendedAnswer {
            header = Map.copyOf(header);
        }
    }

    /** The target, downloading from the holder, closed the connection within this time of the request. */
    record HolderClosed(String role, int withinMillis) implements Step {
    }

    /** The holder received one of the alternatives (the target's download request). */
    record HolderExpect(String role, List<Expectation> alternatives) implements Step {
        public HolderExpect {
            alternatives = List.copyOf(alternatives);
        }
    }

    /**
     * The role downloads from the target's content server: a D for {@code holder}/{@code content},
     * the raw {@code text}, or the bytes of a golden vector; then expects the bytes of file
     * {@code file}, or an E ({@code error}) whose text matches {@code reason} (null: any), pieces
     * of 99 bytes but the last ({@code fullPieces}), and the connection closed after F or E ({@code closed}).
     * {@code extra}: a PDU sent right after the D, which the server ignores (XFER-17).
     * {@code header}: the D is extended and the answer an H matching these fields, then the raw
     * bytes of {@code file} from H's offset, exactly, then the close (EXT-9), or the E of
     * {@code error}; null for a classic fetch.
     */
    record Fetch(String role, PduTemplate request, PduTemplate extra, String file, boolean error, FieldMatcher reason, boolean fullPieces,
                 boolean closed, Map<String, FieldMatcher> header) implements Step {
    }

    /** The role connects to the target's content server and sends nothing, holding the connection. */
    record ConnectIdle(String role) implements Step {
    }

    /**
     * A client opens {@code connections} connections to the target's content server and sends the
     * bytes of a download request one at a time, every {@code everyMillis}, until the target closes
     * them or the case ends (SEC-11, SEC-12).
     */
    record Drip(String role, PduTemplate request, int connections, int everyMillis) implements Step {
    }

    /** Every connection of a dripping client has been closed by the target within this time of its start. */
    record DripClosed(String role, int withinMillis) implements Step {
    }

    /** The harness removes a content's file from the target's folder. */
    record DeleteFile(String content) implements Step {
        public String role() {
            return "harness";
        }
    }

    /** The target's folder holds the content's file with the bytes of file {@code equals}, or none ({@code absent}). */
    record ExpectFile(String content, String equals, boolean absent) implements Step {
        public String role() {
            return "harness";
        }
    }
}
