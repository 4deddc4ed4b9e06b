package org.p2pkit.conformance.run;

/** Bytes as rows of 16 in hex with an ASCII view, as in spec/vectors. */
public final class HexDump {
    private HexDump() {
    }

    public static String of(byte[] bytes) {
        StringBuilder out = new StringBuilder();
        for (int row = 0; row < bytes.length; row += 16) {
            out.append(String.format("%03d ", row));
            StringBuilder ascii = new StringBuilder();
            for (int i = row; i < row + 16; i++) {
                if (i < bytes.length) {
                    int b = bytes[i] & 0xff;
                    out.append(String.format(" %02x", b));
                    ascii.append(b >= 0x20 && b < 0x7f ? (char) b : '.');
                } else {
                    out.append("   ");
                }
            }
            out.append("  |").append(ascii).append("|\n");
        }
        return out.toString();
    }
}
