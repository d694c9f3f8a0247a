package io.github.neurodyn.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code summary.json} of one run: an ordered map from key to number, string, boolean,
 * array or nested map. Keys are a contract that other tools read; time keys end in
 * {@code Seconds}, lengths in {@code Meters}.
 *
 * <p>A non-finite double is written as JSON {@code null}, because JSON has no NaN; a key whose
 * value is null therefore means "not computed or not finite", never zero.
 */
public final class Summary {

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Map<String, Object> values = new LinkedHashMap<>();

    /**
     * Sets a key.
     *
     * @param key the key
     * @param value a number, string, boolean, map, list, {@code double[]} or {@code int[]}
     * @return this summary
     */
    public Summary put(String key, Object value) {
        values.put(key, normalise(value));
        return this;
    }

    /**
     * Returns the value stored under a key.
     *
     * @param key the key
     * @return the stored value, or null when absent
     */
    public Object get(String key) {
        return values.get(key);
    }

    /** @return an unmodifiable view of the entries in insertion order */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * Writes {@code summary.json} into the output folder.
     *
     * @param out the output folder
     * @return the path written
     */
    public Path writeTo(OutputDirectory out) {
        return out.writeText("summary.json", writer -> {
            MAPPER.writeValue(new NonClosingWriter(writer), values);
            writer.write('\n');
        });
    }

    /**
     * Serialises the summary as indented JSON text.
     *
     * @return the JSON text
     */
    public String toJson() {
        try {
            return MAPPER.writeValueAsString(values);
        } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
            throw new IllegalStateException("summary cannot be serialised: " + ex.getMessage(), ex);
        }
    }

    static Object normalise(Object value) {
        if (value instanceof Double d) {
            return Double.isFinite(d) ? d : null;
        }
        if (value instanceof Float f) {
            return Float.isFinite(f) ? f.doubleValue() : null;
        }
        if (value instanceof double[] array) {
            List<Object> list = new ArrayList<>(array.length);
            for (double v : array) {
                list.add(Double.isFinite(v) ? v : null);
            }
            return list;
        }
        if (value instanceof int[] array) {
            List<Object> list = new ArrayList<>(array.length);
            for (int v : array) {
                list.add(v);
            }
            return list;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            for (Object item : list) {
                copy.add(normalise(item));
            }
            return copy;
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(k, normalise(v)));
            return copy;
        }
        return value;
    }

    /** Keeps Jackson from closing the writer that {@link OutputDirectory} owns. */
    private static final class NonClosingWriter extends java.io.FilterWriter {
        NonClosingWriter(java.io.Writer out) {
            super(out);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
