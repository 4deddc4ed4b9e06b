package org.p2pkit.conformance.cases;

/** An exchange file of one case with one step, for the tests of how a kind of step is read. */
final class OneStepExchange {
    private static final String CASE = """
            group: %1$s
            title: t
            target: peer
            cases:
              - id: %1$s/x
                title: t
                level: MUST
                requirements: [{id: %2$s, quote: q}]
                files: %3$s
                steps:
                  - %4$s
            """;

    private OneStepExchange() {
    }

    /** The step {@code step} (a YAML mapping entry such as {@code fetch: {...}}) of a case in {@code group}. */
    static Step parse(String group, String requirement, String files, String step) {
        return ExchangeLoader.parse("t.yaml", CASE.formatted(group, requirement, files, step)).get(0).steps().get(0);
    }
}
