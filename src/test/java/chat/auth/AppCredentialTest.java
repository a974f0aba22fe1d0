package chat.auth;

import static com.github.stefanbirkner.systemlambda.SystemLambda.withEnvironmentVariable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import chat.testing.CliRunner;
import chat.testing.FakeCloud;
import chat.testing.FakeGraph;
import chat.testing.FakeIdentityProvider;
import chat.testing.Reply;
import chat.testing.TestCertificate;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Scripts and CI: every application credential creates a chat, and a refused one says why. */
class AppCredentialTest {
    private static final String TENANT = "4dc1fe35-8ac6-4f0d-904a-7ebcd364bea1";
    private static final String CLIENT_ID = "0f2b1a3c-5d4e-4f60-8a7b-9c8d7e6f5a4b";
    private static final String SECRET = "s3cr3t~value_from.the-app";
    private static final String[] GROUP = {"create", "--group", "-m", "jacob@contoso.com", "-m", "alex@contoso.com"};

    private static CliRunner app(FakeCloud cloud) {
        return cloud.runner().env("AZURE_TENANT_ID", TENANT).env("AZURE_CLIENT_ID", CLIENT_ID);
    }

    @Test
    void aClientSecretGetsAnApplicationTokenForGraph() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withSecretApp(CLIENT_ID, SECRET);
            cloud.graph().reply(Reply.asGraph());
            CliRunner.Result result = app(cloud).env("AZURE_CLIENT_SECRET", SECRET).run(GROUP);

            assertEquals(0, result.exitCode(), result::toString);
            FakeIdentityProvider.Seen token = onlyTokenRequest(cloud);
            assertEquals("login.microsoftonline.com", token.host());
            assertEquals("/" + TENANT + "/oauth2/v2.0/token", token.path());
            assertEquals("client_credentials", token.parameter("grant_type"));
            assertTrue(List.of(token.parameter("scope").split(" ")).contains("https://graph.microsoft.com/.default"),
                    token.parameter("scope"));
            JsonNode members = cloud.graph().requests().get(0).json().get("members");
            assertEquals(2, members.size(), "an application's token adds nobody");
            assertTrue(!JwtClaims.read(bearer(cloud)).orElseThrow().list("roles").isEmpty());
        }
    }

    @Test
    void aClientSecretFileServesAsWell() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withSecretApp(CLIENT_ID, SECRET);
            Path file = Files.createTempFile("secret", ".txt");
            Files.writeString(file, SECRET + "\n");
            cloud.graph().reply(Reply.asGraph());
            CliRunner.Result result = app(cloud).run(with(GROUP, "--client-secret-file", file.toString()));

            assertEquals(0, result.exitCode(), result::toString);
            assertEquals(SECRET, onlyTokenRequest(cloud).parameter("client_secret"));
        }
    }

    @Test
    void aWrongSecretExitsThreeWithTheAadstsCodeAndNeverShowsTheSecret() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withSecretApp(CLIENT_ID, "the-right-one");
            CliRunner.Result result = app(cloud).env("AZURE_CLIENT_SECRET", SECRET).run(with(GROUP, "--verbose"));

            assertEquals(3, result.exitCode(), result::toString);
            String error = result.err().lines().reduce((a, b) -> b).orElseThrow();
            assertTrue(error.startsWith("chat: sign-in refused (invalid_client): AADSTS7000215: Invalid client secret "
                    + "provided."), error);
            assertTrue(error.endsWith("— check the client secret (AZURE_CLIENT_SECRET or --client-secret-file): use the "
                    + "secret's value, not its id; expired secrets "
                    + "need a new one in the app registration"), error);
            assertFalse(result.err().contains(SECRET), "the secret never reaches stderr, not even with --verbose");
            assertTrue(result.err().contains("client_secret=[redacted]"), result::toString);
            assertEquals(List.of(), cloud.graph().requests());
        }
    }

    @Test
    void anUnknownAppIsNamedAsSuch() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner.Result result = app(cloud).env("AZURE_CLIENT_SECRET", SECRET).run(GROUP);

            assertEquals(3, result.exitCode(), result::toString);
            assertTrue(result.err().contains("AADSTS700016") && result.err().contains("check AZURE_CLIENT_ID and "
                    + "AZURE_TENANT_ID"), result::toString);
            assertEquals(1, result.err().lines().count());
        }
    }

    @Test
    void aPemOrPfxCertificateSignsTheAssertionWithItsKey() throws Exception {
        TestCertificate certificate = TestCertificate.generate(null, 30);
        for (boolean pem : new boolean[] {true, false}) {
            try (FakeCloud cloud = FakeCloud.start()) {
                cloud.identityProvider().withCertificateApp(CLIENT_ID, certificate.certificate());
                cloud.graph().reply(Reply.asGraph());
                CliRunner runner = app(cloud)
                        .env("AZURE_CLIENT_CERTIFICATE_PATH", (pem ? certificate.pem() : certificate.pfx()).toString());
                if (!pem) {
                    runner.env("AZURE_CLIENT_CERTIFICATE_PASSWORD", certificate.password());
                }
                CliRunner.Result result = runner.run(GROUP);

                assertEquals(0, result.exitCode(), (pem ? "PEM: " : "PFX: ") + result);
                FakeIdentityProvider.Seen token = onlyTokenRequest(cloud);
                assertEquals("urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                        token.parameter("client_assertion_type"));
                assertEquals(null, token.parameter("client_secret"));
            }
        }
    }

    @Test
    void anotherKeysSignatureIsRefusedByTheIdentityProvider() throws Exception {
        TestCertificate registered = TestCertificate.generate(null, 30);
        TestCertificate other = TestCertificate.generate(null, 30);
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withCertificateApp(CLIENT_ID, registered.certificate());
            CliRunner.Result result = app(cloud).run(with(GROUP, "--certificate", other.pem().toString()));

            assertEquals(3, result.exitCode(), result::toString);
            assertTrue(result.err().contains("AADSTS700027"), result::toString);
        }
    }

    @Test
    void anExpiredCertificateIsRefusedBeforeAnyRequest() throws Exception {
        TestCertificate expired = TestCertificate.generate("-400d", 30);
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner.Result result = app(cloud).run(with(GROUP, "--certificate", expired.pem().toString()));

            assertEquals(3, result.exitCode(), result::toString);
            assertTrue(result.err().matches("chat: the certificate in \\S+ expired on \\S+: make a new one and add it "
                    + "to the app registration\n"), result::toString);
            assertEquals(List.of(), cloud.identityProvider().seen());
        }
    }

    @Test
    void aWrongPfxPasswordIsNamed() throws Exception {
        TestCertificate certificate = TestCertificate.generate(null, 30);
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner.Result result = app(cloud).env("AZURE_CLIENT_CERTIFICATE_PATH", certificate.pfx().toString())
                    .env("AZURE_CLIENT_CERTIFICATE_PASSWORD", "wrong").run(GROUP);

            assertEquals(3, result.exitCode(), result::toString);
            assertTrue(result.err().contains("wrong or missing password (AZURE_CLIENT_CERTIFICATE_PASSWORD)"),
                    result::toString);
            assertFalse(result.err().contains("wrong\n"));
        }
    }

    @Test
    void aFederatedTokenFileIsTheAssertionAndIsRereadEachTime() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            Path file = Files.createTempFile("oidc", ".jwt");
            for (String token : List.of("eyJoidc.first-token.sig", "eyJoidc.renewed-token.sig")) {
                cloud.identityProvider().withFederatedApp(CLIENT_ID, token);
                Files.writeString(file, token);
                cloud.graph().reply(Reply.asGraph());
                CliRunner.Result result = app(cloud).env("AZURE_FEDERATED_TOKEN_FILE", file.toString()).run(GROUP);

                assertEquals(0, result.exitCode(), result::toString);
                List<FakeIdentityProvider.Seen> tokens = cloud.identityProvider().tokenRequests();
                assertEquals(token, tokens.get(tokens.size() - 1).parameter("client_assertion"));
            }
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "missing | does not exist: the OIDC token must be written there first",
        "empty   | is empty",
    })
    void aFederatedTokenFileThatIsMissingOrEmptySaysSo(String state, String expected) throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            Path file = Files.createTempFile("oidc", ".jwt");
            if (state.equals("missing")) {
                Files.delete(file);
            }
            CliRunner.Result result = app(cloud).env("AZURE_FEDERATED_TOKEN_FILE", file.toString()).run(GROUP);

            assertEquals(3, result.exitCode(), result::toString);
            assertEquals("chat: the federated token file " + file + " " + expected + "\n", result.err());
            assertEquals(List.of(), cloud.graph().requests());
        }
    }

    @Test
    void aManagedIdentityTokenComesFromTheIdentityEndpoint() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            for (String clientId : new String[] {null, CLIENT_ID}) {
                graph.reply(Reply.asGraph());
                CliRunner runner = CliRunner.against(graph).withoutEnv("CHAT_ACCESS_TOKEN");
                String[] args = clientId == null ? with(GROUP, "--managed-identity", "--verbose")
                        : with(GROUP, "--managed-identity", "--client-id", clientId, "--verbose");
                CliRunner.Result[] result = new CliRunner.Result[1];
                withEnvironmentVariable("IDENTITY_ENDPOINT", graph.url() + "/msi/token")
                        .and("IDENTITY_HEADER", FakeIdentityProvider.MANAGED_IDENTITY_HEADER)
                        .execute(() -> result[0] = runner.run(args));

                assertEquals(0, result[0].exitCode(), result[0]::toString);
                FakeIdentityProvider.Seen request = graph.identityProvider().seen().get(
                        graph.identityProvider().seen().size() - 1);
                assertEquals("/msi/token", request.path());
                assertEquals("https://graph.microsoft.com", request.parameter("resource"));
                assertEquals(clientId, request.parameter("client_id"));
                assertFalse(result[0].err().contains(FakeIdentityProvider.MANAGED_IDENTITY_HEADER),
                        "the identity endpoint's secret header is never shown");
                assertTrue(result[0].err().toLowerCase(java.util.Locale.ROOT).contains("x-identity-header: [redacted]"),
                        result[0]::toString);
            }
        }
    }

    @Test
    void aNationalCloudUsesItsOwnSignInAndGraphHosts() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withSecretApp(CLIENT_ID, SECRET);
            cloud.graph().reply(Reply.asGraph());
            CliRunner.Result result = app(cloud).env("AZURE_CLIENT_SECRET", SECRET).run(with(GROUP, "--cloud", "usgov"));

            assertEquals(0, result.exitCode(), result::toString);
            FakeIdentityProvider.Seen token = onlyTokenRequest(cloud);
            assertEquals("login.microsoftonline.us", token.host());
            assertTrue(List.of(token.parameter("scope").split(" ")).contains("https://graph.microsoft.us/.default"),
                    token.parameter("scope"));
            assertTrue(cloud.proxy().connects().stream().anyMatch(c -> c.startsWith("CONNECT graph.microsoft.us:443")));
            assertTrue(cloud.graph().requests().get(0).body().contains("https://graph.microsoft.us/v1.0/users('"));
        }
    }

    @Test
    void azureAuthorityHostOverridesTheCloudsSignInHost() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withSecretApp(CLIENT_ID, SECRET);
            cloud.graph().reply(Reply.asGraph());
            CliRunner.Result result = app(cloud).env("AZURE_CLIENT_SECRET", SECRET)
                    .env("AZURE_AUTHORITY_HOST", "https://login.chinacloudapi.cn/").run(GROUP);

            assertEquals(0, result.exitCode(), result::toString);
            // MSAL sends China's sign-ins to that cloud's preferred network host
            assertEquals("login.partner.microsoftonline.cn", onlyTokenRequest(cloud).host());
        }
    }

    @Test
    void aFlagBeatsTheVariablesAndTwoCredentialFlagsAreRefused() throws Exception {
        TestCertificate certificate = TestCertificate.generate(null, 30);
        try (FakeCloud cloud = FakeCloud.start()) {
            cloud.identityProvider().withCertificateApp(CLIENT_ID, certificate.certificate());
            cloud.graph().reply(Reply.asGraph()); // for the first run alone: the second is refused before sending
            CliRunner runner = app(cloud).env("AZURE_CLIENT_SECRET", "a-secret-that-would-fail");
            CliRunner.Result result = runner.run(with(GROUP, "--certificate", certificate.pem().toString()));
            assertEquals(0, result.exitCode(), result::toString);

            CliRunner.Result both = runner.run(with(GROUP, "--certificate", certificate.pem().toString(),
                    "--managed-identity"));
            assertEquals(2, both.exitCode(), both::toString);
            assertEquals("chat: give --certificate or --managed-identity, not both\n", both.err());
        }
    }

    @Test
    void anIncompleteOrMalformedAppConfigurationIsExplained() throws Exception {
        try (FakeCloud cloud = FakeCloud.start()) {
            CliRunner.Result missing = cloud.runner().env("AZURE_CLIENT_SECRET", SECRET).run(GROUP);
            assertEquals(3, missing.exitCode(), missing::toString);
            assertEquals("chat: signing in with a client secret needs AZURE_TENANT_ID (or --tenant) and AZURE_CLIENT_ID "
                    + "(or --client-id)\n", missing.err());

            CliRunner.Result malformed = app(cloud).env("AZURE_CLIENT_SECRET", SECRET).env("AZURE_CLIENT_ID", "my-app")
                    .run(GROUP);
            assertEquals(2, malformed.exitCode(), malformed::toString);
            assertEquals("chat: AZURE_CLIENT_ID 'my-app' is not an application (client) id: expected a GUID\n",
                    malformed.err());
            assertEquals(List.of(), cloud.identityProvider().seen());
        }
    }

    @Test
    void aDelegatedTokenInTheVariableNamesTheUserToAdd() throws Exception {
        try (FakeGraph graph = FakeGraph.start()) {
            String token = chat.testing.Tokens.unsigned("{\"scp\":\"Chat.Create\",\"oid\":\"" + FakeIdentityProvider.USER_ID
                    + "\",\"upn\":\"megan@contoso.com\"}");
            graph.reply(Reply.asGraph());
            CliRunner.Result result = CliRunner.against(graph).env("CHAT_ACCESS_TOKEN", token)
                    .run("create", "--one-on-one", "-m", "alex@contoso.com");

            assertEquals(0, result.exitCode(), result::toString);
            JsonNode members = graph.requests().get(0).json().get("members");
            assertEquals("https://graph.microsoft.com/v1.0/users('" + FakeIdentityProvider.USER_ID + "')",
                    members.get(0).get("user@odata.bind").asText());
        }
    }

    private static FakeIdentityProvider.Seen onlyTokenRequest(FakeCloud cloud) {
        List<FakeIdentityProvider.Seen> tokens = cloud.identityProvider().tokenRequests();
        assertEquals(1, tokens.size(), tokens::toString);
        return tokens.get(0);
    }

    private static String bearer(FakeCloud cloud) {
        return cloud.graph().requests().get(0).header("Authorization").substring("Bearer ".length());
    }

    private static String[] with(String[] base, String... more) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(base), java.util.stream.Stream.of(more))
                .toArray(String[]::new);
    }
}
