package org.p2pkit.model;

/** The E texts that close a list reply (spec IDX-LIST-3, IDX-LIST-5). */
final class ListEndText {
    static final String COMPLETE = "End of List all File";
    static final String CONTINUES_PREFIX = "List continues at ";

    private ListEndText() {
    }

    static String of(ListEnd end) {
        return end.isComplete() ? COMPLETE : CONTINUES_PREFIX + end.continueAt();
    }

    /** The list end an E text stands for, or null when it is an ordinary error reason. */
    static ListEnd parse(String text) {
        if (text.equals(COMPLETE)) {
            return ListEnd.COMPLETE;
        }
        if (text.startsWith(CONTINUES_PREFIX)) {
            String number = text.substring(CONTINUES_PREFIX.length());
            if (!number.isEmpty() && number.length() <= 9 && number.chars().allMatch(c -> c >= '0' && c <= '9')) {
                int next = Integer.parseInt(number);
                return next > 0 ? new ListEnd(next) : null;
            }
        }
        return null;
    }
}
