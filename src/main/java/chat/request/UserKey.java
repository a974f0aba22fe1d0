package chat.request;

import chat.errors.UsageException;
import chat.text.ControlCharacters;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How a person is named to Graph: an object id (a GUID) or a user principal name. Only values that
 * are one of the two are accepted, so a value can never change the URL it is placed in.
 */
public final class UserKey {
    // Entra ID allows A-Z a-z 0-9 ' . - _ ! # ^ ~ before the @; + is seen in real tenants too.
    private static final String UPN_LOCAL_SYMBOLS = "'.-_!#^~+";
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_UPN_LENGTH = 113;
    // RFC 3986 pchar: unreserved, sub-delims, ':' and '@' stand in a path as they are.
    private static final String PATH_SAFE_SYMBOLS = "-._~!$&'()*+,;=:@";

    private final String value;
    private final boolean objectId;

    private UserKey(String value, boolean objectId) {
        this.value = value;
        this.objectId = objectId;
    }

    public static UserKey parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw new UsageException("a user cannot be empty: give an object id (GUID) or a user principal name");
        }
        if (Guid.isGuid(raw)) {
            return new UserKey(raw.toLowerCase(Locale.ROOT), true);
        }
        int at = raw.indexOf('@');
        if (at < 0) {
            if (Guid.looksLikeGuid(raw)) {
                Guid.parse(raw, "object id");
            }
            throw invalid(raw, "expected an object id (GUID) or a user principal name such as alex@contoso.com");
        }
        checkUpn(raw, at);
        return new UserKey(raw, false);
    }

    private static void checkUpn(String raw, int at) {
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            boolean allowed = i < at
                    ? isAsciiLetterOrDigit(c) || UPN_LOCAL_SYMBOLS.indexOf(c) >= 0
                    : isAsciiLetterOrDigit(c) || c == '.' || c == '-' || (c == '@' && i == at);
            if (!allowed) {
                String where = i < at ? "before" : "after";
                throw invalid(raw, "a user principal name cannot contain " + describe(c) + " " + where + " the @");
            }
        }
        String local = raw.substring(0, at);
        String domain = raw.substring(at + 1);
        if (local.isEmpty()) {
            throw invalid(raw, "nothing before the @");
        }
        if (local.length() > MAX_LOCAL_LENGTH) {
            throw invalid(raw, "more than " + MAX_LOCAL_LENGTH + " characters before the @");
        }
        if (raw.length() > MAX_UPN_LENGTH) {
            throw invalid(raw, "a user principal name has at most " + MAX_UPN_LENGTH + " characters");
        }
        if (local.endsWith(".")) {
            throw invalid(raw, "a user principal name cannot end in '.' before the @");
        }
        if (local.startsWith(".")) {
            throw invalid(raw, "a user principal name cannot start with '.'");
        }
        if (local.contains("..")) {
            throw invalid(raw, "a user principal name cannot hold '..'");
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            throw invalid(raw, "the domain after the @ needs a dot, as in contoso.com");
        }
        for (String label : labels) {
            if (label.isEmpty() || label.startsWith("-") || label.endsWith("-") || label.length() > 63) {
                throw invalid(raw, "'" + domain + "' is not a domain name");
            }
        }
        if (labels[labels.length - 1].chars().allMatch(Character::isDigit)) {
            throw invalid(raw, "'" + domain + "' is not a domain name");
        }
    }

    private static boolean isAsciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static String describe(char c) {
        if (c == ' ') {
            return "a space";
        }
        if (Character.isWhitespace(c) || ControlCharacters.isControl(c)) {
            return String.format("the control character U+%04X", (int) c);
        }
        if (c == '@') {
            return "a second '@'";
        }
        return "'" + c + "'";
    }

    private static UsageException invalid(String raw, String why) {
        return new UsageException("'" + raw + "' is not a valid user: " + why);
    }

    public String value() {
        return value;
    }

    public boolean isObjectId() {
        return objectId;
    }

    /** A B2B guest's UPN in this tenant: {@code jane_fabrikam.com#EXT#@contoso.onmicrosoft.com}. */
    public boolean isInTenantGuest() {
        return !objectId && value.toUpperCase(Locale.ROOT).contains("#EXT#@");
    }

    /** Object ids and UPNs are both case-insensitive in Entra ID: the form to compare people by. */
    public String identity() {
        return value.toLowerCase(Locale.ROOT);
    }

    /**
     * {@code {graph}/v1.0/users('key')}: the key as an OData string literal (apostrophes doubled),
     * percent-encoded where a URL path needs it (the '#' of a guest's #EXT# UPN).
     */
    public String bindUrl(String graphBase) {
        return graphBase + "/v1.0/users('" + encodePathLiteral(value.replace("'", "''")) + "')";
    }

    /** The key as a URL path segment, as in {@code /users/alex@contoso.com/chats}. */
    public String pathSegment() {
        return encodePathLiteral(value);
    }

    /** Percent-encoded where a URL path needs it: for any value placed in a path. */
    public static String encodePathLiteral(String text) {
        StringBuilder encoded = new StringBuilder(text.length() + 8);
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 0x80 && (isAsciiLetterOrDigit(c) || PATH_SAFE_SYMBOLS.indexOf(c) >= 0)) {
                encoded.append(c);
            } else {
                encoded.append('%').append(HexFormat.of().withUpperCase().toHexDigits(b));
            }
        }
        return encoded.toString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof UserKey key && key.identity().equals(identity());
    }

    @Override
    public int hashCode() {
        return identity().hashCode();
    }

    @Override
    public String toString() {
        return value;
    }
}
