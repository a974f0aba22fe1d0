package chat.request;

import chat.errors.UsageException;
import java.util.regex.Pattern;

/** Object ids, tenant ids and app ids: GUIDs in their usual 8-4-4-4-12 hexadecimal form. */
public final class Guid {
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    // The same shape with any letter: what a mistyped or made-up id looks like.
    private static final Pattern GUID_SHAPED =
            Pattern.compile("[0-9a-zA-Z]{8}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{4}-[0-9a-zA-Z]{12}");

    private Guid() {
    }

    public static boolean isGuid(String value) {
        return GUID.matcher(value).matches();
    }

    static boolean looksLikeGuid(String value) {
        return GUID_SHAPED.matcher(value).matches();
    }

    /**
     * The GUID in lower case, or an error naming what the value was meant to be ("tenant id").
     */
    public static String parse(String value, String what) {
        if (isGuid(value)) {
            return value.toLowerCase(java.util.Locale.ROOT);
        }
        if (looksLikeGuid(value)) {
            char firstNonHex = (char) value.chars().filter(c -> c != '-' && Character.digit(c, 16) < 0).findFirst()
                    .orElseThrow();
            throw new UsageException(
                    "'" + value + "' is not a valid " + what + ": a GUID has only the hex digits 0-9 and a-f, "
                            + "and it contains '" + firstNonHex + "'");
        }
        throw new UsageException(
                "'" + value + "' is not a valid " + what + ": expected a GUID like 8b081ef6-4792-4def-b2c9-c363a1bf41d5");
    }
}
