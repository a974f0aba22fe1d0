package chat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for Microsoft Entra ID's token endpoints that MSAL really talks to: device code (with
 * pending polls), refresh, client credentials with a secret, a certificate-signed assertion (the
 * signature checked) or a federated token, and the App Service managed identity endpoint. Tokens are
 * unsigned JWTs whose claims say whose they are.
 */
public final class FakeIdentityProvider implements HttpHandler {
    public static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    public static final String USER_ID = "6e1c9b7d-3a3f-4b55-9a40-2f0c6a1d7e11";
    public static final String USERNAME = "megan@contoso.com";
    public static final String MANAGED_IDENTITY_HEADER = "identity-header-secret";

    /** One request as the fake saw it: its host, path, query or form parameters, and headers. */
    public record Seen(String host, String path, Map<String, String> parameters, Map<String, List<String>> headers) {
        public String parameter(String name) {
            return parameters.get(name);
        }
    }

    private enum Kind { SECRET, CERTIFICATE, FEDERATED }

    private record App(Kind kind, String secret, X509Certificate certificate, String federatedToken) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, App> apps = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger issued = new AtomicInteger();
    private volatile int pendingPolls = 2;
    private volatile String deviceCodeOutcome;
    private volatile long userTokenLifetime = 3599;
    private volatile boolean refreshRevoked;
    /** Permissions the person granted at a sign-in, and those an administrator granted for everyone. */
    private final Set<String> consented = ConcurrentHashMap.newKeySet();
    private final Set<String> adminConsented = ConcurrentHashMap.newKeySet();
    /** Permissions only an administrator may grant: a person is never asked for them. */
    static final Set<String> ADMIN_ONLY = Set.of("GroupMember.Read.All", "Group.Read.All", "Directory.Read.All");

    public FakeIdentityProvider withSecretApp(String clientId, String secret) {
        apps.put(clientId, new App(Kind.SECRET, secret, null, null));
        return this;
    }

    public FakeIdentityProvider withCertificateApp(String clientId, X509Certificate certificate) {
        apps.put(clientId, new App(Kind.CERTIFICATE, null, certificate, null));
        return this;
    }

    public FakeIdentityProvider withFederatedApp(String clientId, String expectedToken) {
        apps.put(clientId, new App(Kind.FEDERATED, null, null, expectedToken));
        return this;
    }

    /** How many "authorization_pending" answers come before the person has signed in. */
    public FakeIdentityProvider pendingPolls(int polls) {
        this.pendingPolls = polls;
        return this;
    }

    /** The OAuth error the device code flow ends with instead of success: "authorization_declined", … */
    public FakeIdentityProvider deviceCodeEndsWith(String error) {
        this.deviceCodeOutcome = error;
        return this;
    }

    /** Seconds a person's access token lives; MSAL refreshes one with less than five minutes left. */
    public FakeIdentityProvider userTokenLifetime(long seconds) {
        this.userTokenLifetime = seconds;
        return this;
    }

    /** An administrator granted these permissions to the app for everyone (admin consent). */
    public FakeIdentityProvider adminConsented(String... permissions) {
        adminConsented.addAll(List.of(permissions));
        return this;
    }

    public FakeIdentityProvider revokeRefreshTokens() {
        this.refreshRevoked = true;
        return this;
    }

    public List<Seen> seen() {
        return List.copyOf(seen);
    }

    /** Every refresh token handed out, so that a test can look for them where they must not be. */
    public Set<String> refreshTokensIssued() {
        return Set.copyOf(refreshTokens);
    }

    public List<Seen> tokenRequests() {
        return seen.stream().filter(s -> s.path().endsWith("/oauth2/v2.0/token")).toList();
    }

    public List<Seen> deviceCodeRequests() {
        return seen.stream().filter(s -> s.path().endsWith("/oauth2/v2.0/devicecode")).toList();
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String path = exchange.getRequestURI().getPath();
        Map<String, String> parameters = form(body.isEmpty() ? exchange.getRequestURI().getRawQuery() : body);
        seen.add(new Seen(exchange.getRequestHeaders().getFirst("Host"), path, parameters,
                Map.copyOf(exchange.getRequestHeaders())));
        if (path.endsWith("/oauth2/v2.0/devicecode")) {
            answer(exchange, 200, deviceCode());
        } else if (path.endsWith("/oauth2/v2.0/token")) {
            token(exchange, path, parameters);
        } else if (path.equals("/msi/token")) {
            managedIdentity(exchange, parameters);
        } else {
            unexpected.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            answer(exchange, 404, error("not_found", "AADSTS90000: the fake has no " + path));
        }
    }

    /** What the test should fail for: requests to endpoints the fake does not model. */
    List<String> problems() {
        return unexpected.isEmpty() ? List.of()
                : List.of("requests the fake identity provider does not model: " + unexpected);
    }

    private ObjectNode deviceCode() {
        ObjectNode code = json.createObjectNode();
        code.put("user_code", "CHAT-1234");
        code.put("device_code", "device-code-" + issued.incrementAndGet());
        code.put("verification_uri", "https://microsoft.com/devicelogin");
        code.put("expires_in", 900);
        code.put("interval", 0);
        code.put("message", "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and "
                + "enter the code CHAT-1234 to authenticate.");
        return code;
    }

    private void token(HttpExchange exchange, String path, Map<String, String> form) throws IOException {
        String grant = form.getOrDefault("grant_type", "");
        String tenant = path.split("/")[1];
        switch (grant) {
            case "urn:ietf:params:oauth:grant-type:device_code", "device_code" -> {
                if (pendingPolls > 0) {
                    pendingPolls--;
                    answer(exchange, 400, error("authorization_pending", "AADSTS70016: OAuth 2.0 device flow error. "
                            + "Authorization is pending. Continue polling."));
                } else if (deviceCodeOutcome != null) {
                    answer(exchange, 400, error(deviceCodeOutcome, "AADSTS70000: the device code flow ended: "
                            + deviceCodeOutcome));
                } else if (!notGrantable(form).isEmpty()) {
                    answer(exchange, 400, error("invalid_grant", "AADSTS90094: The grant requires admin permission: "
                            + notGrantable(form)));
                } else {
                    consented.addAll(permissions(form)); // the person granted them at the prompt
                    answer(exchange, 200, userTokens(form));
                }
            }
            case "refresh_token" -> {
                if (refreshRevoked || !refreshTokens.contains(form.get("refresh_token"))) {
                    answer(exchange, 400, error("invalid_grant", "AADSTS50173: The provided grant has expired due "
                            + "to it being revoked, a fresh auth token is needed."));
                } else if (!notConsented(form).isEmpty()) {
                    answer(exchange, 400, error("invalid_grant", "AADSTS65001: The user or administrator has not "
                            + "consented to use the application with ID '" + form.get("client_id") + "'. Send an "
                            + "interactive authorization request for this user and resource: " + notConsented(form)));
                } else {
                    answer(exchange, 200, userTokens(form));
                }
            }
            case "client_credentials" -> clientCredentials(exchange, tenant, path, form);
            default -> answer(exchange, 400, error("unsupported_grant_type", "AADSTS70003: " + grant));
        }
    }

    private void clientCredentials(HttpExchange exchange, String tenant, String path, Map<String, String> form)
            throws IOException {
        String clientId = form.get("client_id");
        App app = apps.get(clientId);
        if (app == null) {
            answer(exchange, 400, error("unauthorized_client", "AADSTS700016: Application with identifier '" + clientId
                    + "' was not found in the directory '" + tenant + "'."));
            return;
        }
        String assertion = form.get("client_assertion");
        boolean valid = switch (app.kind()) {
            case SECRET -> app.secret().equals(form.get("client_secret"));
            case FEDERATED -> app.federatedToken().equals(assertion) && isJwtBearer(form);
            case CERTIFICATE -> assertion != null && isJwtBearer(form)
                    && signedBy(assertion, app.certificate(), clientId, exchange, path);
        };
        if (!valid) {
            answer(exchange, 401, app.kind() == Kind.SECRET
                    ? error("invalid_client", "AADSTS7000215: Invalid client secret provided. Ensure the secret being "
                            + "sent in the request is the client secret value, not the client secret ID, for a secret "
                            + "added to app '" + clientId + "'.\r\nTrace ID: 0000\r\nCorrelation ID: 1111\r\nTimestamp: now")
                    : error("invalid_client", "AADSTS700027: The certificate with identifier used to sign the client "
                            + "assertion is not registered on application.\r\nTrace ID: 0000"));
            return;
        }
        ObjectNode claims = json.createObjectNode();
        claims.put("aud", scopeResource(form.get("scope")));
        claims.putArray("roles").add("Chat.Create");
        claims.put("appid", clientId);
        claims.put("app_displayname", "chat-ci");
        claims.put("tid", tenant);
        claims.put("exp", Instant.now().getEpochSecond() + 3599);
        ObjectNode answer = json.createObjectNode();
        answer.put("token_type", "Bearer");
        answer.put("expires_in", 3599);
        answer.put("ext_expires_in", 3599);
        answer.put("access_token", jwt(claims));
        answer(exchange, 200, answer);
    }

    private static boolean isJwtBearer(Map<String, String> form) {
        return "urn:ietf:params:oauth:client-assertion-type:jwt-bearer".equals(form.get("client_assertion_type"));
    }

    /** The assertion names this certificate (x5t#S256), is for this app and endpoint, and its key signed it. */
    private boolean signedBy(String assertion, X509Certificate certificate, String clientId, HttpExchange exchange,
                             String path) {
        try {
            String[] parts = assertion.split("\\.");
            JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
            JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
            // MSAL writes the thumbprints in standard Base64; the JWS spec says base64url: accept either.
            byte[] der = certificate.getEncoded();
            boolean namesCertificate = java.util.Arrays.equals(MessageDigest.getInstance("SHA-256").digest(der),
                    anyBase64(header.path("x5t#S256").asText()))
                    || java.util.Arrays.equals(MessageDigest.getInstance("SHA-1").digest(der),
                    anyBase64(header.path("x5t").asText()));
            String audience = claims.path("aud").isArray() ? claims.path("aud").get(0).asText() : claims.path("aud").asText();
            boolean forUs = clientId.equals(claims.path("iss").asText()) && clientId.equals(claims.path("sub").asText())
                    && audience.endsWith(path) && claims.path("exp").asLong() > Instant.now().getEpochSecond();
            Signature verifier;
            String alg = header.path("alg").asText();
            if (alg.equals("RS256")) {
                verifier = Signature.getInstance("SHA256withRSA");
            } else if (alg.equals("PS256")) {
                verifier = Signature.getInstance("RSASSA-PSS");
                verifier.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
            } else {
                return false;
            }
            verifier.initVerify(certificate.getPublicKey());
            verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            return namesCertificate && forUs && verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
        } catch (Exception e) {
            return false;
        }
    }

    private static byte[] anyBase64(String text) {
        try {
            return Base64.getUrlDecoder().decode(text.replace('+', '-').replace('/', '_').replace("=", ""));
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** The Graph permissions a request asks for, by name. */
    private static List<String> permissions(Map<String, String> form) {
        return java.util.Arrays.stream(form.getOrDefault("scope", "").split(" ")).filter(scope -> scope.contains("/"))
                .map(scope -> scope.substring(scope.lastIndexOf('/') + 1)).toList();
    }

    /** What a person may not grant at a sign-in: an administrator's to grant, and not granted. */
    private List<String> notGrantable(Map<String, String> form) {
        return permissions(form).stream().filter(ADMIN_ONLY::contains).filter(p -> !adminConsented.contains(p)).toList();
    }

    /** What a refresh asks for that nobody granted: it needs a sign-in, where a person is asked. */
    private List<String> notConsented(Map<String, String> form) {
        return permissions(form).stream().filter(p -> !consented.contains(p) && !adminConsented.contains(p)).toList();
    }

    private ObjectNode userTokens(Map<String, String> form) {
        String requested = form.getOrDefault("scope", "");
        String resourceScopes = String.join(" ", java.util.Arrays.stream(requested.split(" "))
                .filter(scope -> !Set.of("openid", "profile", "offline_access").contains(scope)).toList());
        ObjectNode access = json.createObjectNode();
        access.put("aud", scopeResource(resourceScopes));
        // Entra puts in the token every permission consented for the app, asked for or not
        Set<String> scopes = new java.util.TreeSet<>(permissions(form));
        scopes.addAll(consented);
        scopes.addAll(adminConsented);
        access.put("scp", String.join(" ", scopes));
        access.put("oid", USER_ID);
        access.put("upn", USERNAME);
        access.put("tid", TENANT_ID);
        access.put("exp", Instant.now().getEpochSecond() + userTokenLifetime);
        access.put("n", issued.incrementAndGet()); // every token distinct
        ObjectNode id = json.createObjectNode();
        id.put("aud", form.get("client_id"));
        id.put("iss", "https://login.microsoftonline.com/" + TENANT_ID + "/v2.0");
        id.put("oid", USER_ID);
        id.put("sub", "subject-" + USER_ID);
        id.put("tid", TENANT_ID);
        id.put("preferred_username", USERNAME);
        id.put("name", "Megan Bowen");
        id.put("iat", Instant.now().getEpochSecond());
        id.put("exp", Instant.now().getEpochSecond() + 3600);
        String refresh = "refresh-" + issued.incrementAndGet();
        refreshTokens.add(refresh);
        ObjectNode answer = json.createObjectNode();
        answer.put("token_type", "Bearer");
        answer.put("scope", resourceScopes);
        answer.put("expires_in", userTokenLifetime);
        answer.put("ext_expires_in", userTokenLifetime);
        answer.put("access_token", jwt(access));
        answer.put("refresh_token", refresh);
        answer.put("id_token", jwt(id));
        answer.put("client_info", Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"uid\":\"" + USER_ID + "\",\"utid\":\"" + TENANT_ID + "\"}").getBytes(StandardCharsets.UTF_8)));
        return answer;
    }

    private void managedIdentity(HttpExchange exchange, Map<String, String> query) throws IOException {
        if (!MANAGED_IDENTITY_HEADER.equals(exchange.getRequestHeaders().getFirst("X-IDENTITY-HEADER"))) {
            answer(exchange, 401, error("unauthorized", "the X-IDENTITY-HEADER is wrong"));
            return;
        }
        ObjectNode claims = json.createObjectNode();
        claims.put("aud", query.get("resource"));
        claims.putArray("roles").add("Chat.Create");
        claims.put("appid", query.getOrDefault("client_id", "system-assigned"));
        claims.put("tid", TENANT_ID);
        long expires = Instant.now().getEpochSecond() + 3599;
        claims.put("exp", expires);
        ObjectNode answer = json.createObjectNode();
        answer.put("access_token", jwt(claims));
        answer.put("expires_on", String.valueOf(expires));
        answer.put("resource", query.get("resource"));
        answer.put("token_type", "Bearer");
        answer(exchange, 200, answer);
    }

    private static String scopeResource(String scope) {
        if (scope == null) {
            return "";
        }
        int slash = scope.indexOf('/', "https://".length());
        return slash > 0 ? scope.substring(0, slash) : scope;
    }

    private String jwt(ObjectNode claims) {
        return Tokens.unsigned(claims.toString());
    }

    private ObjectNode error(String code, String description) {
        ObjectNode error = json.createObjectNode();
        error.put("error", code);
        error.put("error_description", description);
        error.putArray("error_codes").add(Integer.parseInt(description.replaceAll("(?s)^AADSTS(\\d+).*$", "$1")));
        error.put("timestamp", "2026-11-22 10:00:00Z");
        error.put("trace_id", "00000000-0000-0000-0000-000000000000");
        error.put("correlation_id", "11111111-1111-1111-1111-111111111111");
        return error;
    }

    private void answer(HttpExchange exchange, int status, ObjectNode body) throws IOException {
        byte[] bytes = json.writeValueAsBytes(body);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (encoded == null || encoded.isEmpty()) {
            return parameters;
        }
        for (String pair : encoded.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            parameters.put(name, value);
        }
        return parameters;
    }
}
