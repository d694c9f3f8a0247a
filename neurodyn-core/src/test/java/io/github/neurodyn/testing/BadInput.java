package io.github.neurodyn.testing;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.function.Executable;

/**
 * One row of a bad-input table: a call that must raise {@link IllegalArgumentException}
 * whose message names the offending argument.
 *
 * @param name the row's name in the test report
 * @param argument the argument name the message must contain
 * @param call the call with the bad argument
 */
public record BadInput(String name, String argument, Executable call) {

    /**
     * Turns rows into dynamic tests.
     *
     * @param rows the table
     * @return one test per row
     */
    public static List<DynamicTest> tests(BadInput... rows) {
        return Arrays.stream(rows).map(BadInput::test).toList();
    }

    /** Returns whether the message contains the argument as a whole word, so that "a" does not match "value". */
    private boolean namesArgument(String message) {
        return Pattern.compile("(?<![A-Za-z0-9])" + Pattern.quote(argument) + "(?![A-Za-z0-9])").matcher(message).find();
    }

    private DynamicTest test() {
        return DynamicTest.dynamicTest(name, () -> {
            IllegalArgumentException thrown = assertThrows(IllegalArgumentException.class, call, name);
            String message = thrown.getMessage();
            assertNotNull(message, name + ": message");
            assertTrue(namesArgument(message), () -> name + ": message does not name '" + argument + "': " + message);
        });
    }
}
