package org.p2pkit.model;

import io.kaitai.struct.KaitaiStream;
import io.kaitai.struct.KaitaiStruct;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a failure of the generated parser into a {@link MalformedPduException} that names the
 * grammar field and its offset. It reads the positions that the generated code records while
 * parsing ({@code --read-pos}), so it works for any layout the grammar defines.
 */
final class ParseFailure {
    private static final Pattern NO_TERMINATOR = Pattern.compile("no terminator (\\d+) found");
    private static final Pattern NOT_EQUAL = Pattern.compile("not equal, expected \\[([0-9a-f]{2})\\], but got \\[([0-9a-f]{2})\\]");
    private static final Pattern NOT_ANY_OF = Pattern.compile("not any of the list, got (\\d+)");

    private ParseFailure() {
    }

    static MalformedPduException locate(KaitaiStruct root, byte typeByte, RuntimeException failure) {
        if (failure instanceof KaitaiStream.ValidationNotInEnumError) {
            return new MalformedPduException("pdu_type", 0, String.format(
                    "unknown type 0x%02x%s (RECV-2)", typeByte & 0xff, printable(typeByte)));
        }
        return locate(root, 0, failure);
    }

    private static MalformedPduException locate(KaitaiStruct struct, int base, RuntimeException failure) {
        String[] seq = staticField(struct, "_seqFields");
        Map<String, Integer> starts = field(struct, "_attrStart");
        Map<String, Integer> ends = field(struct, "_attrEnd");
        String lastEnded = null;
        for (String name : seq) {
            Integer start = starts.get(name);
            if (start == null) {
                break;
            }
            if (!ends.containsKey(name)) {
                Object value = getter(struct, name);
                if (value instanceof KaitaiStruct nested) {
                    // A sized field has a substream of its own, whose positions start at 0.
                    int nestedBase = hasField(struct, "_raw_" + name) ? base + start : base;
                    return locate(nested, nestedBase, failure);
                }
                return new MalformedPduException(grammarName(name), base + start, problem(failure));
            }
            lastEnded = name;
        }
        // Every started field was read: the failure is the validation of the last one.
        String name = lastEnded == null ? seq[0] : lastEnded;
        return new MalformedPduException(grammarName(name), base + starts.getOrDefault(name, 0), problem(failure));
    }

    private static String problem(RuntimeException failure) {
        String message = String.valueOf(failure.getMessage());
        Matcher term = NO_TERMINATOR.matcher(message);
        if (term.find()) {
            int terminator = Integer.parseInt(term.group(1)) & 0xff;
            return terminator == 0 ? "no NUL ends the text (FRAME-3)"
                    : String.format("no '%c' ends the field (FIELD-1)", (char) terminator);
        }
        Matcher notEqual = NOT_EQUAL.matcher(message);
        if (notEqual.find()) {
            return "expected " + quoted(Integer.parseInt(notEqual.group(1), 16)) + ", found " + quoted(Integer.parseInt(notEqual.group(2), 16));
        }
        Matcher notAnyOf = NOT_ANY_OF.matcher(message);
        if (notAnyOf.find()) {
            return "found " + quoted(Integer.parseInt(notAnyOf.group(1)) & 0xff) + ", which the grammar does not allow here";
        }
        int validation = message.indexOf("validation failed: ");
        return validation >= 0 ? message.substring(validation + "validation failed: ".length()) : message;
    }

    private static String quoted(int b) {
        return b > ' ' && b < 0x7f ? String.format("'%c' (0x%02x)", (char) b, b) : String.format("0x%02x", b);
    }

    /** The grammar's lower_snake id for a generated camelCase field name. */
    static String grammarName(String javaName) {
        return javaName.replaceAll("([A-Z])", "_$1").toLowerCase(java.util.Locale.ROOT);
    }

    private static String printable(byte b) {
        return b > ' ' && b < 0x7f ? " '" + (char) b + "'" : "";
    }

    private static boolean hasField(Object struct, String name) {
        try {
            struct.getClass().getDeclaredField(name);
            return true;
        } catch (NoSuchFieldException e) {
            return false;
        }
    }

    private static Object getter(Object struct, String name) {
        try {
            return struct.getClass().getMethod(name).invoke(struct);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> T field(Object struct, String name) {
        try {
            return (T) struct.getClass().getField(name).get(struct);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("generated code lacks " + name + "; compile the grammar with --read-pos", e);
        }
    }

    private static <T> T staticField(Object struct, String name) {
        return field(struct, name);
    }
}
