package chat.output;

import java.util.Locale;

/** -o text (the id alone, for $(…)) or -o json (the whole chat object, for jq). */
public enum OutputFormat {
    TEXT, JSON;

    public static OutputFormat parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new IllegalArgumentException("'" + value + "' is not an output format: expected text or json");
        };
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
