package org.p2pkit.conformance;

/** A requirement of spec/PROTOCOL.md that a case checks, with the words it quotes. */
public record Requirement(String id, String quote) {
}
