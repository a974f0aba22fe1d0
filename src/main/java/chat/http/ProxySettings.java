package chat.http;

import chat.errors.UsageException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The proxy that HTTPS_PROXY, HTTP_PROXY and NO_PROXY describe (lower-case names first, as curl
 * reads them). Loopback addresses are always reached directly.
 */
public final class ProxySettings extends ProxySelector {
    private final ProxyAddress https;
    private final ProxyAddress http;
    private final List<String> noProxy;

    /**
     * A proxy URL from the environment.
     *
     * @param basicCredentials the Proxy-Authorization value its user and password make, or null without them
     */
    public record ProxyAddress(String variable, String host, int port, String basicCredentials) {
        /** Not the record's own: that would show the credentials. */
        @Override
        public String toString() {
            return "http://" + host + ":" + port;
        }
    }

    private ProxySettings(ProxyAddress https, ProxyAddress http, List<String> noProxy) {
        this.https = https;
        this.http = http;
        this.noProxy = noProxy;
    }

    /** Empty when no proxy is configured. */
    public static Optional<ProxySettings> from(Map<String, String> env) {
        ProxyAddress https = parse(env, "https_proxy", "HTTPS_PROXY");
        ProxyAddress http = parse(env, "http_proxy", "HTTP_PROXY");
        if (https == null && http == null) {
            return Optional.empty();
        }
        List<String> noProxy = new ArrayList<>();
        String list = firstSet(env, "no_proxy", "NO_PROXY");
        if (list != null) {
            for (String entry : list.split(",")) {
                String trimmed = entry.trim().toLowerCase(Locale.ROOT);
                if (!trimmed.isEmpty()) {
                    noProxy.add(trimmed);
                }
            }
        }
        return Optional.of(new ProxySettings(https, http, List.copyOf(noProxy)));
    }

    private static String firstSet(Map<String, String> env, String... names) {
        for (String name : names) {
            String value = env.get(name);
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }

    private static ProxyAddress parse(Map<String, String> env, String lower, String upper) {
        String variable = env.get(lower) != null && !env.get(lower).isBlank() ? lower : upper;
        String value = firstSet(env, variable);
        if (value == null) {
            return null;
        }
        URI uri;
        try {
            uri = URI.create(value.contains("://") ? value : "http://" + value);
        } catch (IllegalArgumentException e) {
            throw new UsageException(variable + " is not a proxy URL like http://proxy.example.com:8080");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw new UsageException(variable + " uses " + uri.getScheme()
                    + "://, but only http:// proxies are supported (HTTPS still travels encrypted through them)");
        }
        if (uri.getHost() == null) {
            throw new UsageException(variable + " names no proxy host: expected http://host:port");
        }
        int port = uri.getPort() == -1 ? 80 : uri.getPort();
        String userInfo = uri.getRawUserInfo();
        return new ProxyAddress(variable, uri.getHost(), port, userInfo == null ? null : basic(userInfo));
    }

    /**
     * Basic credentials as curl sends them: the user and password percent-decoded, then their UTF-8
     * bytes (the JDK's own proxy authentication would send ISO-8859-1, which a proxy checking the
     * UTF-8 a person typed refuses).
     */
    private static String basic(String rawUserInfo) {
        int colon = rawUserInfo.indexOf(':');
        String user = decode(colon < 0 ? rawUserInfo : rawUserInfo.substring(0, colon));
        String password = colon < 0 ? "" : decode(rawUserInfo.substring(colon + 1));
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String text) {
        return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** The proxy a request to this URI goes through, if any. */
    public Optional<ProxyAddress> proxyFor(URI uri) {
        ProxyAddress proxy = "https".equalsIgnoreCase(uri.getScheme()) ? https : http;
        if (proxy == null || bypasses(uri.getHost(), uri.getPort())) {
            return Optional.empty();
        }
        return Optional.of(proxy);
    }

    public boolean hasCredentials() {
        return (https != null && https.basicCredentials() != null) || (http != null && http.basicCredentials() != null);
    }

    boolean bypasses(String rawHost, int port) {
        if (rawHost == null) {
            return true;
        }
        if (ServiceUrl.isLoopback(rawHost)) {
            return true;
        }
        String host = rawHost.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        for (String entry : noProxy) {
            if (entry.equals("*") || matches(entry, host, port)) {
                return true;
            }
        }
        return false;
    }

    private static boolean matches(String entry, String host, int port) {
        String pattern = entry;
        int colon = entry.lastIndexOf(':');
        if (colon > 0 && entry.indexOf(':') == colon && entry.chars().skip(colon + 1).allMatch(Character::isDigit)) {
            if (port != Integer.parseInt(entry.substring(colon + 1))) {
                return false;
            }
            pattern = entry.substring(0, colon);
        }
        if (pattern.startsWith("*.")) {
            pattern = pattern.substring(1);
        }
        if (pattern.startsWith(".")) {
            return host.endsWith(pattern) || host.equals(pattern.substring(1));
        }
        return host.equals(pattern) || host.endsWith("." + pattern);
    }

    @Override
    public List<Proxy> select(URI uri) {
        return proxyFor(uri)
                .map(proxy -> List.of(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxy.host(), proxy.port()))))
                .orElse(List.of(Proxy.NO_PROXY));
    }

    @Override
    public void connectFailed(URI uri, SocketAddress address, IOException failure) {
        // The failure is reported by the request itself; there is no other proxy to fall back to.
    }
}
