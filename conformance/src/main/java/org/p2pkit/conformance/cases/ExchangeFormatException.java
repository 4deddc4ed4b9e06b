package org.p2pkit.conformance.cases;

/** An exchange file that does not follow the format of spec/exchanges/README.md. */
public final class ExchangeFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ExchangeFormatException(String where, String problem) {
        super(where + ": " + problem);
    }
}
