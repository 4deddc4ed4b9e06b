package org.p2pkit.conformance.run;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.p2pkit.conformance.cases.ExchangeFormatException;
import org.p2pkit.conformance.cases.WireNames;

/**
 * Makes the names of one case unique on the target, so that cases do not see each other's
 * registrations: each name of the script gets a 3-character tag (one per run and case).
 */
public final class CaseNames implements WireNames {
    static final int MAX_SCRIPT_NAME = 6;
    private static final Pattern PLACEHOLDER = Pattern.compile("<([^<>]+)>");

    private final String tag;
    private final Set<String> peers = new LinkedHashSet<>();
    /** The addresses of the roles whose content servers the case runs, for {@code $role} in an address. */
    private final Map<String, String> servers = new HashMap<>();

    public CaseNames(char run, int caseNumber) {
        this.tag = run + String.format("%2s", Integer.toString(caseNumber % 1296, 36)).replace(' ', '0');
    }

    /** The name on the wire for a name of the script. */
    String name(String scripted) {
        if (scripted.length() > MAX_SCRIPT_NAME) {
            throw new ExchangeFormatException(scripted, "script names have at most " + MAX_SCRIPT_NAME + " characters (the harness adds 3)");
        }
        return scripted + tag;
    }

    /** Like {@link #name} for a peer, which the harness removes from the target after the case. */
    String peer(String scripted) {
        String name = name(scripted);
        peers.add(name);
        return name;
    }

    /** {@code $role} in an address field stands for this address from now on. */
    public void serves(String role, String address) {
        servers.put(role, address);
    }

    @Override
    public String field(String field, String value) {
        if (field.equals("address") && value.startsWith("$")) {
            String address = servers.get(value.substring(1));
            if (address == null) {
                throw new ExchangeFormatException(value, "names no role of the case's servers");
            }
            return address;
        }
        return switch (field) {
            case "peer", "holder" -> peer(value);
            case "content" -> name(value);
            case "contents" -> String.join(" ", Arrays.stream(value.split(" ")).filter(s -> !s.isEmpty()).map(this::name).toList());
            default -> value;
        };
    }

    /** Replaces each {@code <name>} of a raw text with the name on the wire, padded to 9. */
    @Override
    public String text(String text) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(String.format("%-9s", peer(m.group(1)))));
        }
        m.appendTail(out);
        return out.toString();
    }

    Set<String> peers() {
        return Set.copyOf(peers);
    }
}
