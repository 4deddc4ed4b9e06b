package org.p2pkit.conformance.cases;

import java.util.regex.Pattern;

/** How an expected field value is compared with the actual one. */
public record FieldMatcher(Kind kind, String value) {
    /** ABSENT: the message has no such field, e.g. no stamp in a classic A or hit. */
    public enum Kind { EQUALS, STARTS_WITH, MATCHES, ABSENT }

    public static FieldMatcher equalTo(String value) {
        return new FieldMatcher(Kind.EQUALS, value);
    }

    public boolean matches(String actual) {
        if (actual == null) {
            return kind == Kind.ABSENT;
        }
        return switch (kind) {
            case EQUALS -> actual.equals(value);
            case STARTS_WITH -> actual.startsWith(value);
            case MATCHES -> Pattern.compile(value).matcher(actual).matches();
            case ABSENT -> false; // a value is there
        };
    }

    @Override
    public String toString() {
        return switch (kind) {
            case EQUALS -> "\"" + value + "\"";
            case STARTS_WITH -> "starts with \"" + value + "\"";
            case MATCHES -> "matches /" + value + "/";
            case ABSENT -> "absent";
        };
    }
}
