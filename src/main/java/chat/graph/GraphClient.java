package chat.graph;

import chat.auth.JwtClaims;
import chat.auth.TokenKind;
import chat.http.Request;
import chat.http.Response;
import chat.request.ChatMessage;
import chat.request.ChatRequest;
import chat.request.ChatRequestBody;
import chat.request.ChatType;
import chat.request.Member;
import chat.request.UserKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Microsoft Graph's chat API, over a sender that already retries what may be retried. */
public final class GraphClient {
    // Location: /chats('19:…@thread.v2')/operations('…'), possibly absolute and percent-encoded.
    private static final Pattern CHAT_IN_LOCATION = Pattern.compile("chats\\('((?:[^']|'')+)'\\)");

    static final int PAGE_SIZE = 50;
    private static final int MAX_PAGES = 2000;

    private final String endpoint;
    private final String bindBase;
    private final RetryingSender sender;
    private final ObjectMapper json;
    private final String userAgent;

    /**
     * @param endpoint where requests go, e.g. {@code https://graph.microsoft.com}
     * @param bindBase the cloud's Graph host, which member binds name (the same unless a test double
     *                 or gateway stands in for Graph)
     */
    public GraphClient(String endpoint, String bindBase, RetryingSender sender, ObjectMapper json, String userAgent) {
        this.endpoint = endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint;
        this.bindBase = bindBase;
        this.sender = sender;
        this.json = json;
        this.userAgent = userAgent;
    }

    /**
     * Where an administrator grants a permission to the app of this token: its tenant's admin-consent
     * address in this cloud (for an application, the permissions its registration lists). Empty where
     * the token does not name its app and tenant.
     */
    public Optional<String> adminConsent(String accessToken, String permission) {
        Optional<JwtClaims> claims = JwtClaims.read(accessToken);
        Optional<String> app = claims.flatMap(read -> read.text("appid").or(() -> read.text("azp")));
        Optional<String> tenant = claims.flatMap(read -> read.text("tid"));
        Optional<Cloud> cloud = Arrays.stream(Cloud.values()).filter(one -> one.graphBase().equals(bindBase)).findFirst();
        if (app.isEmpty() || tenant.isEmpty() || cloud.isEmpty()) {
            return Optional.empty();
        }
        String scope = claims.get().kind() == TokenKind.APPLICATION ? ".default" : permission;
        return Optional.of(cloud.get().authorityHost() + "/" + tenant.get() + "/v2.0/adminconsent?client_id="
                + app.get() + "&scope=" + bindBase + "/" + scope);
    }

    /**
     * {@code POST /v1.0/chats}. A one-on-one create is idempotent on Graph's side (the same two people
     * always get the same chat) and is retried after any transient failure; a group create is not.
     *
     * @param beforeEachAttempt told as each attempt goes, once any wait for its turn is over
     */
    public CreatedChat createChat(ChatRequest chat, String accessToken, Runnable beforeEachAttempt)
            throws InterruptedException {
        String clientRequestId = UUID.randomUUID().toString();
        Map<String, String> headers = headers(accessToken, clientRequestId);
        headers.put("Content-Type", "application/json");
        Request post = Request.post(URI.create(endpoint + "/v1.0/chats"), headers,
                ChatRequestBody.json(chat, bindBase, false));
        boolean group = chat.type() == ChatType.GROUP;

        Response response = sender.send(post, !group, clientRequestId, beforeEachAttempt);
        if (response.isSuccess()) {
            return created(chat, response, clientRequestId);
        }
        GraphError error = unlessRefused(response, clientRequestId);
        // A 5xx that was not retried: Graph may have made a group chat before failing.
        String failed = "Graph failed: " + error.summary();
        throw group && response.status() >= 500
                ? GraphUnavailableException.perhapsCreated(failed, error, clientRequestId)
                : GraphUnavailableException.nothingCreated(failed, error, clientRequestId);
    }

    /**
     * {@code POST /v1.0/chats/{id}/messages}. Posting is not idempotent: it is retried only when Graph
     * certainly did not take it (429, 503, a connection never made), and a 5xx or an answer lost after
     * sending leaves it unknown ({@link GraphUnavailableException#mayHaveCreated()}).
     */
    public PostedMessage postMessage(String chatId, ChatMessage message, String accessToken) throws InterruptedException {
        String clientRequestId = UUID.randomUUID().toString();
        Map<String, String> headers = headers(accessToken, clientRequestId);
        headers.put("Content-Type", "application/json");
        Request post = Request.post(URI.create(endpoint + "/v1.0/chats/" + UserKey.encodePathLiteral(chatId)
                + "/messages"), headers, message.json(false));
        Response response = sender.send(post, false, clientRequestId);
        if (response.isSuccess()) {
            Optional<ObjectNode> posted = parseObject(response.bodyText());
            if (posted.isEmpty() || !posted.get().path("id").isTextual()) {
                throw GraphUnavailableException.perhapsCreated("Graph answered the message's post (" + response.status()
                        + ") without the message: it was probably posted", null, clientRequestId);
            }
            return new PostedMessage(posted.get().get("id").asText(), posted.get().path("createdDateTime").asText(null));
        }
        String meaning = switch (response.status()) {
            case 413 -> "the message is larger than Teams takes (about 28 KB, HTML included): shorten it";
            case 403 -> "posting takes the ChatMessage.Send permission of a person's sign-in (chat login asks for "
                    + "it; sign in again if yours predates it); an application may post only when importing history";
            default -> null;
        };
        if (meaning != null) {
            throw new GraphRefusedException(GraphError.from(response, json, clientRequestId).explained(meaning));
        }
        GraphError error = unlessRefused(response, clientRequestId);
        throw GraphUnavailableException.perhapsCreated("Graph failed: " + error.summary(), error, clientRequestId);
    }

    /**
     * {@code POST /v1.0/chats/{id}/members}: one person added. Retried only where Graph certainly did not
     * take it; a 5xx or an answer lost leaves it unknown ({@link GraphUnavailableException#mayHaveCreated()}),
     * for the chat's roster to tell. Someone already in is Graph's refusal (400, or 409), which it tells too.
     */
    public void addMember(String chatId, Member member, String accessToken) throws InterruptedException {
        String clientRequestId = UUID.randomUUID().toString();
        Map<String, String> headers = headers(accessToken, clientRequestId);
        headers.put("Content-Type", "application/json");
        ObjectNode body = json.createObjectNode();
        body.put("@odata.type", "#microsoft.graph.aadUserConversationMember");
        body.putArray("roles").add(member.role().graphName());
        body.put("user@odata.bind", member.user().bindUrl(bindBase));
        if (member.tenantId() != null) {
            body.put("tenantId", member.tenantId());
        }
        Response response = sender.send(Request.post(URI.create(endpoint + "/v1.0/chats/"
                + UserKey.encodePathLiteral(chatId) + "/members"), headers, body.toString()), false, clientRequestId);
        if (response.isSuccess()) {
            return;
        }
        if (response.status() == 403) {
            throw new GraphRefusedException(GraphError.from(response, json, clientRequestId).explained("adding people "
                    + "to a chat takes the ChatMember.ReadWrite permission (ChatMember.ReadWrite.All for an "
                    + "application), and a person adding must be in the chat" + adminConsent(accessToken,
                    "ChatMember.ReadWrite").map(url -> "; an administrator grants it to this app at " + url).orElse("")));
        }
        GraphError error = unlessRefused(response, clientRequestId);
        throw GraphUnavailableException.perhapsCreated("Graph failed: " + error.summary(), error, clientRequestId);
    }

    /** A message of a chat as Graph lists it; the sender and the time are null when Graph does not say them. */
    public record ListedMessage(String id, String fromUserId, Instant created, String contentType, String content) {
    }

    /**
     * {@code GET /v1.0/chats/{id}/messages?$top=50}: the chat's latest messages, which a person's
     * Chat.Read or Chat.ReadWrite may list. A GET: retried like any idempotent request.
     */
    public List<ListedMessage> recentMessages(String chatId, String accessToken) throws InterruptedException {
        JsonNode page = get(endpoint + "/v1.0/chats/" + UserKey.encodePathLiteral(chatId) + "/messages?$top=" + PAGE_SIZE,
                accessToken, "listing the chat's messages");
        List<ListedMessage> messages = new ArrayList<>();
        for (JsonNode message : page.path("value")) {
            messages.add(new ListedMessage(message.path("id").asText(null),
                    message.path("from").path("user").path("id").asText(null), instant(message, "createdDateTime"),
                    message.path("body").path("contentType").asText(null), message.path("body").path("content").asText(null)));
        }
        return messages;
    }

    /**
     * The group chats of a person, members expanded, every page: {@code /me/chats} for the signed-in
     * user, {@code /users/{key}/chats} for an application. GETs are retried like any idempotent request.
     *
     * @param owner null for the signed-in user
     */
    public List<ExistingChat> groupChats(UserKey owner, String accessToken) throws InterruptedException {
        String path = owner == null ? "/v1.0/me/chats" : "/v1.0/users/" + owner.pathSegment() + "/chats";
        List<ExistingChat> chats = new ArrayList<>();
        eachPage(endpoint + path + "?$filter=chatType%20eq%20'group'&$expand=members&$top=" + PAGE_SIZE, accessToken,
                "listing chats", "more than " + MAX_PAGES + " pages of chats: the listing does not end", page -> {
                    for (JsonNode chat : page) {
                        boolean group = "group".equals(chat.path("chatType").asText("group"));
                        if (chat instanceof ObjectNode object && group) {
                            chats.add(existing(object));
                        }
                    }
                });
        return chats;
    }

    /**
     * {@code GET /chats/{id}/members}: the whole roster, which a listing of chats cuts at 25 members.
     */
    public List<ExistingChat.Participant> roster(String chatId, String accessToken) throws InterruptedException {
        List<ExistingChat.Participant> members = new ArrayList<>();
        eachPage(endpoint + "/v1.0/chats/" + UserKey.encodePathLiteral(chatId) + "/members", accessToken,
                "listing the members of a chat", "the members of " + chatId + " do not end",
                page -> members.addAll(participants(page)));
        return members;
    }

    /**
     * Each page's {@code value}, from the first page to the last, at most {@value #MAX_PAGES} of them.
     *
     * @param endless what is said of a listing that has more pages
     */
    private void eachPage(String first, String accessToken, String what, String endless, Consumer<JsonNode> values)
            throws InterruptedException {
        String next = first;
        for (int page = 0; next != null; page++) {
            if (page == MAX_PAGES) {
                throw GraphUnavailableException.nothingCreated(endless, null, null);
            }
            JsonNode body = get(next, accessToken, what);
            values.accept(body.path("value"));
            next = nextPage(body.path("@odata.nextLink").asText(null));
        }
    }

    /** A user as Graph resolves them. */
    public record DirectoryUser(String id, String userPrincipalName) {
    }

    /**
     * One look-up of a batch: the user when found (200), else Graph's answer for it alone (404: no such
     * user; 403: not permitted; 429: try it again after {@code retryAfter}).
     */
    public record Lookup(UserKey key, int status, DirectoryUser user, GraphError error, Optional<java.time.Duration> retryAfter) {
    }

    static final int MAX_BATCH = 20;

    /** {@code POST /$batch} of {@code GET /users/{key}?$select=id,userPrincipalName}, at most 20 keys. */
    public List<Lookup> lookUpUsers(List<UserKey> keys, String accessToken) throws InterruptedException {
        ObjectNode batch = json.createObjectNode();
        var requests = batch.putArray("requests");
        for (int i = 0; i < keys.size(); i++) {
            ObjectNode request = requests.addObject();
            request.put("id", String.valueOf(i + 1));
            request.put("method", "GET");
            request.put("url", "/users/" + keys.get(i).pathSegment() + "?$select=id,userPrincipalName");
        }
        String clientRequestId = UUID.randomUUID().toString();
        Map<String, String> headers = headers(accessToken, clientRequestId);
        headers.put("Content-Type", "application/json");
        // Every item is a GET: the batch may be sent again whatever became of it.
        JsonNode answer = answered(sender.send(Request.post(URI.create(endpoint + "/v1.0/$batch"), headers,
                batch.toString()), true, clientRequestId), clientRequestId, "looking up users");
        Map<String, JsonNode> byId = new java.util.HashMap<>();
        answer.path("responses").forEach(response -> byId.put(response.path("id").asText(), response));
        List<Lookup> lookups = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode response = byId.get(String.valueOf(i + 1));
            if (response == null) {
                throw GraphUnavailableException.nothingCreated("Graph's batch answer lacks the look-up of " + keys.get(i), null,
                        clientRequestId);
            }
            lookups.add(lookup(keys.get(i), response, clientRequestId));
        }
        return lookups;
    }

    private Lookup lookup(UserKey key, JsonNode response, String clientRequestId) {
        int status = response.path("status").asInt();
        JsonNode body = response.path("body");
        if (status == 200) {
            return new Lookup(key, status, user(body), null, Optional.empty());
        }
        Optional<java.time.Duration> retryAfter = response.path("headers").properties().stream()
                .filter(header -> header.getKey().equalsIgnoreCase("Retry-After"))
                .reduce((earlier, later) -> later)
                .flatMap(header -> RetryPolicy.retryAfter(header.getValue().asText()));
        JsonNode error = body.path("error");
        return new Lookup(key, status, null, new GraphError(status, error.path("code").asText(null),
                error.path("message").asText(GraphError.reason(status)), null, clientRequestId), retryAfter);
    }

    private static DirectoryUser user(JsonNode user) {
        return new DirectoryUser(user.path("id").asText(null), user.path("userPrincipalName").asText(null));
    }

    /** {@code GET /users?$filter=mail eq '…'}: every user with this mail. */
    public List<DirectoryUser> usersWithMail(String mail, String accessToken) throws InterruptedException {
        String url = endpoint + "/v1.0/users?$filter=" + equalsFilter("mail", mail) + "&$select=id,userPrincipalName";
        List<DirectoryUser> users = new ArrayList<>();
        get(url, accessToken, "looking up a user by mail").path("value").forEach(user -> users.add(user(user)));
        return users;
    }

    /** {@code $filter}'s value for {@code property eq 'value'}, the value an OData literal, for a URL's query. */
    static String equalsFilter(String property, String value) {
        return java.net.URLEncoder.encode(property + " eq '" + value.replace("'", "''") + "'",
                java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** {@code GET} of one object, by a path and query under {@code /v1.0}. */
    public JsonNode object(String pathAndQuery, String accessToken, String what) throws InterruptedException {
        return get(endpoint + "/v1.0" + pathAndQuery, accessToken, what);
    }

    /** Every item of a listing under {@code /v1.0}, page after page. */
    public List<JsonNode> listing(String pathAndQuery, String accessToken, String what) throws InterruptedException {
        List<JsonNode> items = new ArrayList<>();
        eachPage(endpoint + "/v1.0" + pathAndQuery, accessToken, what, what + ": more than " + MAX_PAGES + " pages",
                page -> page.forEach(items::add));
        return items;
    }

    /** A GET whose answer must be a JSON object: a 4xx is Graph's refusal, anything else no usable answer. */
    private JsonNode get(String url, String accessToken, String what) throws InterruptedException {
        String clientRequestId = UUID.randomUUID().toString();
        return answered(sender.send(Request.get(URI.create(url), headers(accessToken, clientRequestId)), true,
                clientRequestId), clientRequestId, what);
    }

    private JsonNode answered(Response response, String clientRequestId, String what) {
        if (!response.isSuccess()) {
            GraphError error = unlessRefused(response, clientRequestId);
            throw GraphUnavailableException.nothingCreated(what + " failed: " + error.summary(), error, clientRequestId);
        }
        return parseObject(response.bodyText()).orElseThrow(() -> GraphUnavailableException.nothingCreated(what
                + " gave no JSON", null, clientRequestId));
    }

    /**
     * The error of an answer that is no success; a 4xx is thrown: Graph's refusal, unless Graph says the
     * request came without its token, which refuses nothing.
     */
    private GraphError unlessRefused(Response response, String clientRequestId) {
        GraphError error = GraphError.from(response, json, clientRequestId);
        if (response.status() >= 400 && response.status() < 500) {
            throw error.saysNoTokenCame() ? new TokenNotReceivedException(error) : new GraphRefusedException(error);
        }
        return error;
    }

    private static List<ExistingChat.Participant> participants(JsonNode members) {
        List<ExistingChat.Participant> participants = new ArrayList<>();
        for (JsonNode member : members) {
            participants.add(new ExistingChat.Participant(member.path("userId").asText(null),
                    member.path("email").asText(null), member.path("tenantId").asText(null)));
        }
        return participants;
    }

    private static ExistingChat existing(ObjectNode chat) {
        List<ExistingChat.Participant> members = participants(chat.path("members"));
        return new ExistingChat(chat.path("id").asText(), chat.path("topic").isTextual() ? chat.get("topic").asText() : null,
                instant(chat, "createdDateTime"), instant(chat, "lastUpdatedDateTime"), List.copyOf(members), chat);
    }

    /** Null when Graph does not say, or says it in a form not read: unknown, as if not said. */
    private static Instant instant(JsonNode object, String field) {
        try {
            return object.path(field).isTextual() ? Instant.parse(object.get(field).asText()) : null;
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }

    /** Only ever to the endpoint in use: a next link elsewhere would carry the token there. */
    private String nextPage(String link) {
        if (link == null || link.isBlank()) {
            return null;
        }
        if (link.startsWith(endpoint + "/")) {
            return link;
        }
        if (link.startsWith(bindBase + "/")) {
            return endpoint + link.substring(bindBase.length()); // Graph names itself; a stand-in serves it
        }
        throw GraphUnavailableException.nothingCreated("Graph's next page is elsewhere (" + link + "): not followed",
                null, null);
    }

    private CreatedChat created(ChatRequest chat, Response response, String clientRequestId) {
        Optional<ObjectNode> returned = parseObject(response.bodyText());
        if (returned.isPresent() && returned.get().path("id").isTextual()) {
            return new CreatedChat(returned.get().get("id").asText(), returned.get());
        }
        // 202 Accepted (an app is being installed): no body, the chat id is in the Location header.
        Optional<String> location = response.header("Location");
        Optional<String> id = location.flatMap(GraphClient::chatIdFromLocation);
        if (id.isEmpty()) {
            throw GraphUnavailableException.perhapsCreated("Graph accepted the chat (" + response.status()
                    + ") but did not say its id (no usable Location header): the chat was probably created",
                    null, clientRequestId);
        }
        ObjectNode known = json.createObjectNode();
        known.put("id", id.get());
        known.put("chatType", chat.type().graphName());
        if (chat.topic() != null) {
            known.put("topic", chat.topic());
        }
        known.put("operationLocation", location.get());
        return new CreatedChat(id.get(), known);
    }

    static Optional<String> chatIdFromLocation(String location) {
        String path;
        try {
            path = URI.create(location.trim()).getPath(); // decodes %3A and the like
        } catch (IllegalArgumentException e) {
            path = location;
        }
        Matcher matcher = CHAT_IN_LOCATION.matcher(path == null ? location : path);
        return matcher.find() ? Optional.of(matcher.group(1).replace("''", "'")) : Optional.empty();
    }

    private Map<String, String> headers(String accessToken, String clientRequestId) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + accessToken);
        headers.put("Accept", "application/json");
        headers.put("User-Agent", userAgent);
        headers.put("client-request-id", clientRequestId);
        return headers;
    }

    private Optional<ObjectNode> parseObject(String text) {
        if (text.isBlank()) {
            return Optional.empty();
        }
        try {
            JsonNode node = json.readTree(text);
            return node instanceof ObjectNode object ? Optional.of(object) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
