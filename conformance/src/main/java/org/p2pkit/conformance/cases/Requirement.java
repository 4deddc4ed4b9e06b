package org.p2pkit.conformance.cases;

/** A requirement of spec/PROTOCOL.md that a case checks, with the words it quotes. */
public record Requirement(String id, String quote) {
}
