package io.github.neurodyn.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites a library's rejection of an argument so that the message names the command-line
 * option the user typed, not the library's parameter ({@code pcs} becomes {@code --pcs}).
 * The library checks some values only while it computes, for example whether a row of W can be
 * balanced, so the command line cannot check them first with its own message.
 */
final class OptionNames {

    private OptionNames() {
    }

    /**
     * Returns a copy of {@code ex} whose message has each library name replaced by its option.
     * A name matches only as a whole phrase: not inside a longer word and not already preceded by
     * a hyphen, so {@code --pcs} is left alone.
     *
     * @param ex the library's exception, kept as the cause
     * @param replacements pairs of library name and option name, in the order they are applied
     * @return the exception to throw
     * @throws IllegalArgumentException when {@code replacements} has an odd length
     */
    static IllegalArgumentException rename(IllegalArgumentException ex, String... replacements) {
        if (replacements.length % 2 != 0) {
            throw new IllegalArgumentException("replacements has odd length " + replacements.length
                    + ", expected pairs of library name and option name");
        }
        String message = ex.getMessage() == null ? "(no message)" : ex.getMessage();
        for (int i = 0; i < replacements.length; i += 2) {
            Pattern name = Pattern.compile("(?<![\\w-])" + Pattern.quote(replacements[i]) + "(?!\\w)");
            message = name.matcher(message).replaceAll(Matcher.quoteReplacement(replacements[i + 1]));
        }
        return new IllegalArgumentException(message, ex);
    }
}
