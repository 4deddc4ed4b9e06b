package org.p2pkit.conformance.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

class ReportTextTest {
    @Test
    void controlCharactersBecomeEscapesButTabsAndLineBreaksStay() {
        assertEquals("a\\x00b\\x1b[31m\\x7f\\x85\\x0d\tc\n", ReportText.printable("a\u0000b\u001b[31m\u007f\u0085\r\tc\n"));
    }

    @Test
    void nonCharactersAndLoneSurrogatesBecomeEscapes() {
        assertEquals("\\ufffe\\ud800x\\udc00", ReportText.printable("\ufffe\ud800x\udc00"));
    }

    @Test
    void surrogatePairsAndPlainTextAreKept() {
        String plain = "caf\u00e9 <ok> \ud83d\ude00";
        assertSame(plain, ReportText.printable(plain));
        assertEquals("\\x00\ud83d\ude00", ReportText.printable("\u0000\ud83d\ude00"));
    }

    @Test
    void hexIsTwoLowerCaseDigitsPerByte() {
        assertEquals("00ff1b", ReportText.hex(new byte[] {0, (byte) 0xff, 0x1b}));
        assertEquals("", ReportText.hex(null));
    }
}
