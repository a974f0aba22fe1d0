package chat.auth;

import chat.http.HttpSender;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What signing in needs from the run: the cloud's hosts, the shared HTTP stack and time limit, the
 * config directory, stderr for prompts, and whether a person is there to answer them.
 *
 * @param authorityHost {@code https://login.microsoftonline.com}, or AZURE_AUTHORITY_HOST
 * @param graphBase     {@code https://graph.microsoft.com}: tokens are for this resource
 * @param cloud         the cloud's name, which keys the cached sign-in
 * @param interactive   a person is at a terminal: a keyring may ask them to unlock it
 * @param moreScopes    the permissions a person's token needs beyond those every run asks for, by name
 *                      ("GroupMember.Read.All"): asked for when a run uses what needs them
 */
public record SignInContext(String authorityHost, String graphBase, String cloud, HttpSender sender, Duration timeout,
                            Path configDirectory, Map<String, String> env, PrintWriter err, Clock clock,
                            boolean interactive, Set<String> moreScopes) {

    /** The scope of an application's token: all the application permissions it was granted. */
    public String appScope() {
        return graphBase + "/.default";
    }

    /**
     * The scopes of a person's token: creating chats; reading the names and members of their chats,
     * which --if-exists looks through; reading people's basic profiles, so that people named by UPN are
     * matched by object id; and posting a chat's first message, all consented at sign-in; and the
     * {@link #moreScopes} of this run.
     */
    public Set<String> userScopes() {
        Set<String> scopes = new TreeSet<>(baseScopes());
        moreScopes.forEach(scope -> scopes.add(graphBase + "/" + scope));
        return scopes;
    }

    /** What every run of a person's sign-in asks for. */
    public Set<String> baseScopes() {
        return Set.of(graphBase + "/Chat.Create", graphBase + "/Chat.ReadBasic", graphBase + "/User.ReadBasic.All",
                graphBase + "/ChatMessage.Send");
    }

    public void note(String line) {
        err.println("chat: " + line);
        err.flush();
    }
}
