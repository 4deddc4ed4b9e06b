package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TypeLettersTest {
    @Test
    void theGrammarKnowsTheNineClassicLettersAndTheExtendedProfilesH() {
        StringBuilder known = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            if (PduCodec.isKnownType((byte) b)) {
                known.append((char) b);
            }
        }
        assertEquals("ACDEFHORST", known.toString());
    }

    @Test
    void onlyRegisterSearchDeregisterAndListGoToTheIndex() {
        StringBuilder requests = new StringBuilder();
        for (int b = 0; b < 256; b++) {
            if (PduCodec.isIndexRequestType((byte) b)) {
                requests.append((char) b);
            }
        }
        assertEquals("ORST", requests.toString());
    }
}
