package org.p2pkit.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageFieldsTest {
    @Test
    void buildingFromTheFieldsOfAMessageGivesTheMessageBack() {
        qt().withExamples(1000).forAll(Generators.messages()).checkAssert(message ->
                assertEquals(message, MessageFields.build(message.getClass().getSimpleName(), message.fields())));
    }

    @Test
    void buildingFromTheFieldsOfAnExtendedMessageGivesTheMessageBack() {
        qt().withExamples(300).forAll(Generators.extendedMessages()).checkAssert(message ->
                assertEquals(message, MessageFields.build(message.getClass().getSimpleName(), message.fields())));
    }

    @Test
    void unknownKindsAndFieldsAreNamedInTheError() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageFields.build("Regstration", Map.of()))
                .getMessage().contains("unknown message 'Regstration'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageFields.build("SearchRequest", Map.of("peer", "a", "contnt", "b")))
                .getMessage().contains("no field 'contnt'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> MessageFields.build("SearchRequest", Map.of("peer", "a")))
                .getMessage().contains("'content' is required"));
    }
}
