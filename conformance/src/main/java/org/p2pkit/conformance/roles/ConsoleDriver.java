package org.p2pkit.conformance.roles;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * What the harness types into a peer's console for each action. The default is the original
 * peer's input: its name and first content, then the menu numbers 1 to 5 (spec section 10.2).
 */
public record ConsoleDriver(Map<String, String> templates) {
    public static final Set<String> ACTIONS = Set.of("start", "register", "download", "deregister", "list", "leave");

    public static final ConsoleDriver CLASSIC = new ConsoleDriver(Map.of(
            "start", "{name}\n{content}\n",
            "register", "1\n{content}\n",
            "download", "2\n{content}\n",
            "deregister", "3\n{content}\n",
            "list", "4\n",
            "leave", "5\n"));

    public ConsoleDriver {
        templates = Map.copyOf(templates);
        for (String action : ACTIONS) {
            if (!templates.containsKey(action)) {
                throw new IllegalArgumentException("the console driver has no template for '" + action + "'");
            }
        }
    }

    /**
     * Reads a driver from a properties file, one template per action ({@code download=get {content}\n});
     * actions it leaves out keep the classic input.
     */
    public static ConsoleDriver read(Path file) throws IOException {
        Properties properties = new Properties();
        try (var in = Files.newBufferedReader(file)) {
            properties.load(in);
        }
        Map<String, String> templates = new LinkedHashMap<>(CLASSIC.templates());
        for (String key : properties.stringPropertyNames()) {
            if (!ACTIONS.contains(key)) {
                throw new IllegalArgumentException(file + ": '" + key + "' is not one of " + ACTIONS);
            }
            templates.put(key, properties.getProperty(key));
        }
        return new ConsoleDriver(templates);
    }

    public String input(String action, String name, String content) {
        return templates.get(action).replace("{name}", name == null ? "" : name).replace("{content}", content == null ? "" : content);
    }
}
