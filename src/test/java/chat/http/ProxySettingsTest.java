package chat.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProxySettingsTest {

    @ParameterizedTest(name = "NO_PROXY={0}, {1} → direct: {2}")
    @CsvSource(delimiter = '|', value = {
        "''                          | https://graph.microsoft.com/v1.0/chats | false",
        "*                           | https://graph.microsoft.com/v1.0/chats | true",
        "microsoft.com               | https://graph.microsoft.com/v1.0/chats | true",
        ".microsoft.com              | https://graph.microsoft.com/v1.0/chats | true",
        "*.microsoft.com             | https://graph.microsoft.com/v1.0/chats | true",
        "graph.microsoft.com         | https://graph.microsoft.com/v1.0/chats | true",
        "GRAPH.Microsoft.com         | https://graph.microsoft.com/v1.0/chats | true",
        "soft.com                    | https://graph.microsoft.com/v1.0/chats | false",
        "graph.microsoft.com:8443    | https://graph.microsoft.com/v1.0/chats | false",
        "graph.microsoft.com:443     | https://graph.microsoft.com:443/v1.0/chats | true",
        "example.org, login.microsoftonline.com | https://login.microsoftonline.com/t | true",
        "example.org                 | https://127.0.0.1:8443/v1.0/chats      | true",
        "example.org                 | https://localhost:8443/v1.0/chats      | true",
        "example.org                 | https://[::1]:8443/v1.0/chats          | true",
        "example.org                 | https://127.0.0.1.example.com/v1.0/chats | false",
    })
    void noProxyDecidesWhichHostsAreReachedDirectly(String noProxy, String url, boolean direct) {
        ProxySettings settings = ProxySettings.from(Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "NO_PROXY", noProxy))
                .orElseThrow();

        assertEquals(direct, settings.proxyFor(URI.create(url)).isEmpty());
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "HTTPS_PROXY | http://proxy.corp:3128       | proxy.corp | 3128",
        "https_proxy | proxy.corp:3128              | proxy.corp | 3128",
        "HTTPS_PROXY | http://user:pw@proxy.corp    | proxy.corp | 80",
    })
    void proxyUrlsAreReadAsCurlReadsThem(String variable, String value, String host, int port) {
        ProxySettings.ProxyAddress proxy = ProxySettings.from(Map.of(variable, value)).orElseThrow()
                .proxyFor(URI.create("https://graph.microsoft.com")).orElseThrow();

        assertEquals(host, proxy.host());
        assertEquals(port, proxy.port());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https_proxy wins over HTTPS_PROXY | http://lower:1 | http://upper:2 | lower",
    })
    void theLowerCaseNameIsReadFirst(String name, String lower, String upper, String host) {
        Optional<ProxySettings> settings = ProxySettings.from(Map.of("https_proxy", lower, "HTTPS_PROXY", upper));

        assertEquals(host, settings.orElseThrow().proxyFor(URI.create("https://graph.microsoft.com")).orElseThrow().host());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://graph.microsoft.com | true",
        "http://graph.microsoft.com  | false",
    })
    void httpsProxyServesHttpsOnly(String url, boolean proxied) {
        ProxySettings settings = ProxySettings.from(Map.of("HTTPS_PROXY", "http://proxy.corp:3128")).orElseThrow();

        assertEquals(proxied, settings.proxyFor(URI.create(url)).isPresent());
    }
}
