package chat.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import chat.testing.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JwtClaimsTest {

    private static String token(String payload) {
        return Tokens.unsigned(payload);
    }

    @Test
    void aDelegatedTokenNamesItsUserAndExpiry() {
        JwtClaims claims = JwtClaims.read(token("{\"scp\":\"Chat.Create\",\"oid\":\"8b081ef6-4792-4def-b2c9-c363a1bf41d5\","
                + "\"upn\":\"me@contoso.com\",\"tid\":\"t1\",\"exp\":1795000000,\"wids\":[\"a\",{\"x\":1}],"
                + "\"xms\":{\"nested\":[1,2]},\"flag\":true}")).orElseThrow();

        assertEquals(Optional.of(new SignedInUser("8b081ef6-4792-4def-b2c9-c363a1bf41d5", "me@contoso.com", "t1")),
                claims.user());
        assertEquals(Optional.of(Instant.ofEpochSecond(1795000000L)), claims.expiresOn());
        assertEquals(List.of("a"), claims.list("wids"));
        assertEquals(Optional.empty(), claims.text("xms"));
    }

    @Test
    void anApplicationTokenHasRolesAndNoUser() {
        JwtClaims claims = JwtClaims.read(token("{\"roles\":[\"Chat.Create\",\"Chat.ReadBasic.All\"],\"exp\":1795000000.5,"
                + "\"oid\":\"app\"}")).orElseThrow();

        assertEquals(Optional.empty(), claims.user());
        assertEquals(List.of("Chat.Create", "Chat.ReadBasic.All"), claims.list("roles"));
        assertEquals(Optional.of(Instant.ofEpochSecond(1795000000L)), claims.expiresOn());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "scopes                 | {\"scp\":\"Chat.Create\",\"roles\":[\"x\"]}  | DELEGATED",
        "scopes and no user     | {\"scp\":\"Chat.Create\"}                | DELEGATED",
        "roles                  | {\"roles\":[\"Chat.Create\"]}            | APPLICATION",
        "no roles but app       | {\"idtyp\":\"app\"}                      | APPLICATION",
        "empty roles            | {\"roles\":[]}                           | UNKNOWN",
        "neither                | {\"aud\":\"https://graph.microsoft.com\"} | UNKNOWN",
    })
    void theKindIsWhatTheClaimsSay(String name, String payload, TokenKind kind) {
        assertEquals(kind, JwtClaims.read(token(payload)).orElseThrow().kind());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "not a token                 | opaque",
        "payload not base64          | a.%%%.b",
        "payload not JSON            | a.bm90IGpzb24.b",
        "payload a JSON array        | a.WzFd.b",
    })
    void anythingElseHasNoClaims(String name, String token) {
        assertEquals(Optional.empty(), JwtClaims.read(token));
    }
}
