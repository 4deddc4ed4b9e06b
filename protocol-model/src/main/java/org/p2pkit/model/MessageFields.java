package org.p2pkit.model;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a message from its record name and field texts: the inverse of {@link Message#fields()}.
 * Scripts and vectors describe PDUs this way.
 */
public final class MessageFields {
    private static final Map<String, List<String>> FIELDS = Map.ofEntries(
            Map.entry("Registration", List.of("peer", "content", "address", "size", "sha256")),
            Map.entry("SearchRequest", List.of("peer", "content")),
            Map.entry("SearchHit", List.of("holder", "address", "size", "sha256")),
            Map.entry("ContentDeregistration", List.of("peer", "content")),
            Map.entry("PeerDeregistration", List.of("peer")),
            Map.entry("ListRequest", List.of("peer", "start")),
            Map.entry("ListEntry", List.of("peer", "contents")),
            Map.entry("EmptyListEntry", List.of()),
            Map.entry("ListEnd", List.of("continue_at")),
            Map.entry("Acknowledgement", List.of("text", "stamp")),
            Map.entry("ErrorReply", List.of("reason")),
            Map.entry("DownloadRequest", List.of("holder", "content", "offset", "sha256")),
            Map.entry("TransferHeader", List.of("holder", "content", "size", "offset", "sha256")),
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
            case "Registration" -> new Registration(peer(fields, "peer"), content(fields, "content"), PeerAddress.parse(required(fields, "address")),
                    stamp(fields));
            case "SearchRequest" -> new SearchRequest(peer(fields, "peer"), content(fields, "content"));
            case "SearchHit" -> new SearchHit(peer(fields, "holder"), PeerAddress.parse(required(fields, "address")), stamp(fields));
            case "ContentDeregistration" -> new ContentDeregistration(peer(fields, "peer"), content(fields, "content"));
            case "PeerDeregistration" -> new PeerDeregistration(peer(fields, "peer"));
            case "ListRequest" -> new ListRequest(peer(fields, "peer"), Integer.parseInt(fields.getOrDefault("start", "0")));
            case "ListEntry" -> new ListEntry(peer(fields, "peer"), Arrays.stream(fields.getOrDefault("contents", "").split(" "))
                    .filter(s -> !s.isEmpty()).map(ContentName::new).toList());
            case "EmptyListEntry" -> new EmptyListEntry();
            case "ListEnd" -> new ListEnd(Integer.parseInt(fields.getOrDefault("continue_at", "0")));
            case "Acknowledgement" -> new Acknowledgement(fields.getOrDefault("text", ""), stampKept(fields));
            case "ErrorReply" -> new ErrorReply(required(fields, "reason"));
            case "DownloadRequest" -> new DownloadRequest(peer(fields, "holder"), content(fields, "content"), resume(fields));
            case "TransferHeader" -> new TransferHeader(peer(fields, "holder"), content(fields, "content"),
                    new ContentStamp(Long.parseLong(required(fields, "size")), required(fields, "sha256")),
                    Long.parseLong(fields.getOrDefault("offset", "0")));
            case "ContentPiece" -> new ContentPiece(HexFormat.of().parseHex(fields.getOrDefault("bytes", "")));
            case "ContentEnd" -> new ContentEnd();
            default -> throw new IllegalStateException(kind);
        };
    }

    /** The stamp of an extended R or S hit: {@code size} and {@code sha256} together, or neither (EXT-4, EXT-6). */
    private static Optional<ContentStamp> stamp(Map<String, String> fields) {
        if (fields.containsKey("size") != fields.containsKey("sha256")) {
            throw new IllegalArgumentException("a stamp has both 'size' and 'sha256'");
        }
        return fields.containsKey("size")
                ? Optional.of(new ContentStamp(Long.parseLong(fields.get("size")), fields.get("sha256"))) : Optional.empty();
    }

    /** {@code stamp: kept} marks the A of an extended index (EXT-5). */
    private static boolean stampKept(Map<String, String> fields) {
        String stamp = fields.get("stamp");
        if (stamp != null && !stamp.equals("kept")) {
            throw new IllegalArgumentException("the stamp of an acknowledgement is 'kept' or absent, got '" + stamp + "'");
        }
        return stamp != null;
    }

    /** The resume point of an extended D: {@code offset} and {@code sha256} (empty: none held), or neither (EXT-8). */
    private static Optional<ResumePoint> resume(Map<String, String> fields) {
        if (!fields.containsKey("offset") && !fields.containsKey("sha256")) {
            return Optional.empty();
        }
        String sha256 = fields.getOrDefault("sha256", "");
        return Optional.of(new ResumePoint(Long.parseLong(fields.getOrDefault("offset", "0")),
                sha256.isEmpty() ? Optional.empty() : Optional.of(sha256)));
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
