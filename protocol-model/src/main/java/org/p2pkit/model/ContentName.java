package org.p2pkit.model;

/** A content's name: 1 to 9 printable ASCII characters, no space, ',', '/' or '*' (spec NAME-1). */
public record ContentName(String value) implements Comparable<ContentName> {
    public ContentName {
        NameRule.check("content name", value);
    }

    public static ContentName of(String value) {
        return new ContentName(value);
    }

    /** The name left-justified and space-padded to 9 characters, as it travels (NAME-2). */
    public String padded() {
        return NameRule.padded(value);
    }

    @Override
    public int compareTo(ContentName other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
