package io.github.neurodyn.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parser for the subset of Python literals that an NPY header uses: a dict with string
 * keys whose values are strings, {@code True}/{@code False} or tuples of integers.
 */
final class NpyHeaderParser {

    private final String text;
    private final Path file;
    private int position;

    NpyHeaderParser(String text, Path file) {
        this.text = text;
        this.file = file;
    }

    Map<String, Object> parseDict() {
        skipSpaces();
        expect('{');
        Map<String, Object> dict = new LinkedHashMap<>();
        skipSpaces();
        while (peek() != '}') {
            String key = parseString();
            skipSpaces();
            expect(':');
            skipSpaces();
            if (dict.put(key, parseValue()) != null) {
                throw Npy.malformed(file, "has the header key '" + key + "' twice");
            }
            skipSeparator('}');
        }
        position++;
        return dict;
    }

    /** Checks that only spaces follow the dict, before the final newline. */
    void requirePaddingOnly() {
        for (int i = position; i < text.length() - 1; i++) {
            if (text.charAt(i) != ' ') {
                throw Npy.malformed(file, String.format(
                        "has the character %s at header position %d after the dict; expected space padding",
                        describe(text.charAt(i)), i));
            }
        }
    }

    private Object parseValue() {
        char c = peek();
        if (c == '\'' || c == '"') {
            return parseString();
        }
        if (c == '(') {
            return parseTuple();
        }
        if (text.startsWith("True", position)) {
            position += 4;
            return Boolean.TRUE;
        }
        if (text.startsWith("False", position)) {
            position += 5;
            return Boolean.FALSE;
        }
        throw error("a string, True, False or a tuple");
    }

    private String parseString() {
        char quote = peek();
        if (quote != '\'' && quote != '"') {
            throw error("a quoted string");
        }
        int end = text.indexOf(quote, position + 1);
        if (end < 0) {
            throw Npy.malformed(file, "has an unterminated string at header position " + position);
        }
        String value = text.substring(position + 1, end);
        position = end + 1;
        return value;
    }

    private long[] parseTuple() {
        expect('(');
        List<Long> values = new ArrayList<>();
        skipSpaces();
        while (peek() != ')') {
            int start = position;
            while (position < text.length() && Character.isDigit(text.charAt(position))) {
                position++;
            }
            if (start == position) {
                throw error("a non-negative integer");
            }
            try {
                values.add(Long.parseLong(text.substring(start, position)));
            } catch (NumberFormatException e) {
                throw Npy.malformed(file, "has the dimension " + text.substring(start, position) + ", too large");
            }
            if (peek() == 'L') {
                position++;
            }
            skipSeparator(')');
        }
        position++;
        long[] shape = new long[values.size()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = values.get(i);
        }
        return shape;
    }

    /** Consumes a comma and the spaces around it, or checks that {@code close} comes next. */
    private void skipSeparator(char close) {
        skipSpaces();
        if (peek() == ',') {
            position++;
            skipSpaces();
        } else if (peek() != close) {
            throw error("',' or '" + close + "'");
        }
    }

    private void skipSpaces() {
        while (position < text.length() && text.charAt(position) == ' ') {
            position++;
        }
    }

    private char peek() {
        if (position >= text.length()) {
            throw Npy.malformed(file, "has a header that ends inside the dict");
        }
        return text.charAt(position);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("'" + c + "'");
        }
        position++;
    }

    private IllegalArgumentException error(String expected) {
        return Npy.malformed(file, String.format("has %s at header position %d; expected %s",
                describe(peek()), position, expected));
    }

    private static String describe(char c) {
        return c >= 0x20 && c < 0x7f ? "'" + c + "'" : String.format("the byte 0x%02x", (int) c);
    }
}
