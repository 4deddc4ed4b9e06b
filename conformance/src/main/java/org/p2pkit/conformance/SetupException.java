package org.p2pkit.conformance;

/** A run that cannot start as asked: said in one line, exit status 2, no usage text, before any case runs. */
final class SetupException extends Exception {
    private static final long serialVersionUID = 1L;

    SetupException(String message) {
        super(message);
    }
}
