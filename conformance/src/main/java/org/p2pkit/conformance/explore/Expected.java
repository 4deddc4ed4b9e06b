package org.p2pkit.conformance.explore;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.p2pkit.conformance.cases.Expectation;
import org.p2pkit.conformance.cases.FieldMatcher;

/**
 * What the model says one request must get: its replies in order (none: the index stays silent)
 * and the requirements that decide them.
 */
record Expected(List<Expectation.Pdu> replies, List<String> requirements) {
    Expected {
        replies = List.copyOf(replies);
        requirements = List.copyOf(requirements);
    }

    static Expected silence(List<String> requirements) {
        return new Expected(List.of(), requirements);
    }

    static Expected reply(Expectation.Pdu reply, String... requirements) {
        return new Expected(List.of(reply), List.of(requirements));
    }

    static Expectation.Pdu acknowledgement() {
        return pdu("Acknowledgement", null);
    }

    static Expectation.Pdu error(String reason) {
        return pdu("ErrorReply", null, "reason", FieldMatcher.equalTo(reason));
    }

    static Expectation.Pdu errorStartingWith(String prefix) {
        return pdu("ErrorReply", null, "reason", new FieldMatcher(FieldMatcher.Kind.STARTS_WITH, prefix));
    }

    /** An S hit: the holder's name padded to 9 (NAME-3) and the address of its role's content server. */
    static Expectation.Pdu hit(String holder, String addressRole) {
        return pdu("SearchHit", new FieldMatcher(FieldMatcher.Kind.STARTS_WITH, "S<" + holder + ">/"),
                "holder", FieldMatcher.equalTo(holder), "address", FieldMatcher.equalTo("$" + addressRole));
    }

    /** An O entry in the classic form: names padded to 9, always 8 separators (IDX-LIST-2, NAME-3). */
    static Expectation.Pdu entry(String peer, List<String> contents) {
        StringBuilder text = new StringBuilder("O<").append(peer).append('>');
        for (int slot = 0; slot < IndexModel.SLOTS; slot++) {
            text.append('/').append(slot < contents.size() ? "<" + contents.get(slot) + ">" : "");
        }
        return pdu("ListEntry", FieldMatcher.equalTo(text.toString()),
                "peer", FieldMatcher.equalTo(peer), "contents", FieldMatcher.equalTo(String.join(" ", contents)));
    }

    /** The E that ends a list reply: complete (IDX-LIST-3) or continued at {@code next} (IDX-LIST-5). */
    static Expectation.Pdu listEnd(int next) {
        return pdu("ListEnd", FieldMatcher.equalTo(next == 0 ? "EEnd of List all File" : "EList continues at " + next),
                "continue_at", FieldMatcher.equalTo(Integer.toString(next)));
    }

    private static Expectation.Pdu pdu(String message, FieldMatcher text, Object... fieldsAndMatchers) {
        Map<String, FieldMatcher> fields = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndMatchers.length; i += 2) {
            fields.put((String) fieldsAndMatchers[i], (FieldMatcher) fieldsAndMatchers[i + 1]);
        }
        return new Expectation.Pdu(message, fields, text, false);
    }
}
