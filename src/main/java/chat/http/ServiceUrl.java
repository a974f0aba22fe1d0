package chat.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A URL a setting names for a service that will receive credentials: https only (http:// only to
 * this machine, where allowed), kept without a trailing slash so that paths can be appended.
 */
public final class ServiceUrl {
    // An address, not a name: "127.example.com" is somebody else's machine.
    private static final Pattern LOOPBACK_IPV4 = Pattern.compile("127(\\.\\d{1,3}){3}");

    private ServiceUrl() {
    }

    /** @return empty when the value is not such a URL */
    public static Optional<String> parse(String value, boolean loopbackHttpAllowed) {
        URI uri;
        try {
            uri = URI.create(value.strip());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.isEmpty() || !(scheme.equals("https") || (scheme.equals("http") && isLoopback(host) && loopbackHttpAllowed))) {
            return Optional.empty();
        }
        String text = uri.toString();
        return Optional.of(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /** This machine: localhost, 127.0.0.0/8 or ::1 (with or without brackets). */
    static boolean isLoopback(String rawHost) {
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return host.equals("localhost") || host.endsWith(".localhost") || LOOPBACK_IPV4.matcher(host).matches() || host.equals("::1");
    }
}
