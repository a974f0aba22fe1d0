package chat.request;

import chat.errors.UsageException;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UserKeyTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "alex@contoso.com                                | users('alex@contoso.com')",
        "o'brien@contoso.com                             | users('o''brien@contoso.com')",
        "jane_fabrikam.com#EXT#@contoso.onmicrosoft.com  | users('jane_fabrikam.com%23EXT%23@contoso.onmicrosoft.com')",
        "first.last+teams@sub.contoso.co.uk              | users('first.last+teams@sub.contoso.co.uk')",
        "a^b~c!d-e_f@contoso.com                         | users('a%5Eb~c!d-e_f@contoso.com')",
        "8B081EF6-4792-4DEF-B2C9-C363A1BF41D5            | users('8b081ef6-4792-4def-b2c9-c363a1bf41d5')",
    })
    void bindsAValidKeyAsAnEscapedODataLiteral(String user, String bind) {
        assertEquals("https://graph.microsoft.com/v1.0/" + bind, UserKey.parse(user).bindUrl("https://graph.microsoft.com"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "alex.@contoso.com      | cannot end in '.'",
        ".alex@contoso.com      | cannot start with '.'",
        "a..lex@contoso.com     | cannot hold '..'",
        "alex@1.2               | '1.2' is not a domain name",
        "@contoso.com           | nothing before the @",
        "alex@-contoso.com      | is not a domain name",
        "alex@contoso..com      | is not a domain name",
        "alex@contoso.com.      | is not a domain name",
        "alëx@contoso.com       | cannot contain 'ë'",
        "alex@contoso.com%2F    | cannot contain '%'",
        "alex\t@contoso.com     | the control character U+0009",
    })
    void refusesWhatIsNotAUserPrincipalName(String user, String why) {
        UsageException e = org.junit.jupiter.api.Assertions.assertThrows(UsageException.class,
                () -> UserKey.parse(user.replace("\\t", "\t")));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains(why), e.getMessage());
    }
}
