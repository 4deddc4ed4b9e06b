package org.p2pkit.conformance;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/**
 * Options typed before a command ({@code --exchanges DIR list}) apply to that command when it has
 * them, and are refused when it has not: never silently dropped.
 */
final class OptionsBeforeCommand {
    private OptionsBeforeCommand() {
    }

    static void carry(ParseResult root) {
        if (!root.hasSubcommand()) {
            return;
        }
        ParseResult command = root.subcommand();
        String name = command.commandSpec().name();
        for (OptionSpec given : root.matchedOptions()) {
            String option = given.longestName();
            OptionSpec own = command.commandSpec().findOption(option);
            if (own == null) {
                throw new CommandLine.ParameterException(command.commandSpec().commandLine(),
                        option + " does not apply to `" + name + "`");
            }
            if (command.hasMatchedOption(option)) {
                throw new CommandLine.ParameterException(command.commandSpec().commandLine(),
                        option + " is given both before and after `" + name + "`; give it once");
            }
            own.setValue(given.getValue());
        }
    }
}
