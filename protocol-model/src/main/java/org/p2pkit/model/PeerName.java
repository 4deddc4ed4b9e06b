package org.p2pkit.model;

/** A peer's name: 1 to 9 printable ASCII characters, no space, ',', '/' or '*' (spec NAME-1). */
public record PeerName(String value) implements Comparable<PeerName> {
    public PeerName {
        NameRule.check("peer name", value);
    }

    public static PeerName of(String value) {
        return new PeerName(value);
    }

    /** The name left-justified and space-padded to 9 characters, as it travels (NAME-2). */
    public String padded() {
        return NameRule.padded(value);
    }

    @Override
    public int compareTo(PeerName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
