package org.p2pkit.conformance;

/** TEMPORARY until the reference index lands. */
final class EmbeddedTargets {
    private EmbeddedTargets() {
    }

    static IndexTarget referenceIndex() {
        throw new UnsupportedOperationException("reference index not merged yet");
    }
}
