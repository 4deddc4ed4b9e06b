package org.p2pkit.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a message from its record name and field texts: the inverse of {@link Message#fields()}.
 * Scripts and vectors describe PDUs this way.
 */
public final class MessageFields {
    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("Registration", List.of("peer", "content", "address")),
            Map.entry("SearchRequest", List.of("peer", "content")),
            Map.entry("SearchHit", List.of("holder", "address")),
            Map.entry("ContentDeregistration", List.of("peer", "content")),
            Map.entry("PeerDeregistration", List.of("peer")),
            Map.entry("ListRequest", List.of("peer", "start")),
            Map.entry("ListEntry", List.of("peer", "contents")),
            Map.entry("EmptyListEntry", List.of()),
            Map.entry("ListEnd", List.of("continue_at")),
            Map.entry("Acknowledgement", List.of("text")),
            Map.entry("ErrorReply", List.of("reason")),
            Map.entry("DownloadRequest", List.of("holder", "content")),
            Map.entry("ContentPiece", List.of("length", "bytes")),
            Map.entry("ContentEnd", List.of()));

    private MessageFields() {
    }

    /** The record names of every message kind. */
    public static Set<String> kinds() {
        return FIELDS.keySet();
    }

    /**
     * Builds a message; fields left out take their empty value (0, no contents, empty text).
     *
     * @throws IllegalArgumentException for an unknown kind or field, or an invalid value
     */
    public static Message build(String kind, Map<String, String> fields) {
        List<String> known = FIELDS.get(kind);
        if (known == null) {
            throw new IllegalArgumentException("unknown message '" + kind + "'; one of " + new LinkedHashSet<>(FIELDS.keySet()));
        }
        for (String field : fields.keySet()) {
            if (!known.contains(field)) {
                throw new IllegalArgumentException(kind + " has no field '" + field + "'; its fields are " + known);
            }
        }
        return switch (kind) {
            case "Registration" -> new Registration(peer(fields, "peer"), content(fields, "content"), PeerAddress.parse(required(fields, "address")));
            case "SearchRequest" -> new SearchRequest(peer(fields, "peer"), content(fields, "content"));
            case "SearchHit" -> new SearchHit(peer(fields, "holder"), PeerAddress.parse(required(fields, "address")));
            case "ContentDeregistration" -> new ContentDeregistration(peer(fields, "peer"), content(fields, "content"));
            case "PeerDeregistration" -> new PeerDeregistration(peer(fields, "peer"));
            case "ListRequest" -> new ListRequest(peer(fields, "peer"), Integer.parseInt(fields.getOrDefault("start", "0")));
            case "ListEntry" -> new ListEntry(peer(fields, "peer"), Arrays.stream(fields.getOrDefault("contents", "").split(" "))
                    .filter(s -> !s.isEmpty()).map(ContentName::new).toList());
            case "EmptyListEntry" -> new EmptyListEntry();
            case "ListEnd" -> new ListEnd(Integer.parseInt(fields.getOrDefault("continue_at", "0")));
            case "Acknowledgement" -> new Acknowledgement(fields.getOrDefault("text", ""));
            case "ErrorReply" -> new ErrorReply(required(fields, "reason"));
            case "DownloadRequest" -> new DownloadRequest(peer(fields, "holder"), content(fields, "content"));
            case "ContentPiece" -> new ContentPiece(HexFormat.of().parseHex(fields.getOrDefault("bytes", "")));
            case "ContentEnd" -> new ContentEnd();
            default -> throw new IllegalStateException(kind);
        };
    }

    private static PeerName peer(Map<String, String> fields, String name) {
        return new PeerName(required(fields, name));
    }

    private static ContentName content(Map<String, String> fields, String name) {
        return new ContentName(required(fields, name));
    }

    private static String required(Map<String, String> fields, String name) {
        String value = fields.get(name);
        if (value == null) {
            throw new IllegalArgumentException("field '" + name + "' is required");
        }
        return value;
    }
}
