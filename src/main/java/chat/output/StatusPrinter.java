package chat.output;

import chat.json.Json;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/** `chat status`: labelled lines for people, one JSON object for scripts. Never a token. */
public final class StatusPrinter {
    private final PrintWriter out;
    private final OutputFormat format;
    private final boolean indented;

    public StatusPrinter(PrintWriter out, OutputFormat format, boolean indented) {
        this.out = out;
        this.format = format;
        this.indented = indented;
    }

    /** @param fields JSON name → value, in order; null values are left out */
    public void print(Map<String, String> fields, ObjectMapper json) {
        Map<String, String> shown = new LinkedHashMap<>();
        fields.forEach((name, value) -> {
            if (value != null) {
                shown.put(name, value);
            }
        });
        if (format == OutputFormat.JSON) {
            ObjectNode object = json.createObjectNode();
            shown.forEach(object::put);
            out.println(indented ? Json.pretty(json, object) : Json.compact(json, object));
        } else {
            int width = shown.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
            shown.forEach((name, value) -> out.println(String.format("%-" + width + "s%s", name + ":", value)));
        }
        out.flush();
    }
}
