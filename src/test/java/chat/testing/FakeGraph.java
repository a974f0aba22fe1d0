package chat.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;

/**
 * An in-process stand-in for Graph's chat API: answers from a script, and records every request it
 * receives. A request nobody scripted fails the test, unless the test asked for Graph's own answers
 * ({@link #answeringAsGraph()}: the chat made, the listings, rosters and users, as Graph gives them).
 * The same server answers for the identity provider on every other path. As Graph does, it answers a
 * request without a bearer token 401, whatever was scripted; and a proxy's credentials arriving here (a
 * Proxy-Authorization header) fail the test: they are for the proxy alone.
 */
public final class FakeGraph implements AutoCloseable {
    private final HttpServer server;
    private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Reply> postScript = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Reply> listingScript = new ConcurrentLinkedQueue<>();
    private final Map<String, ConcurrentLinkedQueue<Reply>> memberScripts = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, ConcurrentLinkedQueue<Reply>> addScripts = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final List<String> unscripted = new CopyOnWriteArrayList<>();
    private final List<String> proxyCredentialsReceived = new CopyOnWriteArrayList<>();
    private volatile boolean answeringAsGraph;
    private volatile boolean userLookupsRefused;
    private final java.util.concurrent.atomic.AtomicInteger throttledBatchItems = new java.util.concurrent.atomic.AtomicInteger();
    private final ObjectMapper json = new ObjectMapper();
    private final FakeIdentityProvider identityProvider = new FakeIdentityProvider();
    private final FakeChats chats = new FakeChats();
    private volatile int pageSize = 50;
    private volatile Duration createDelay = Duration.ZERO;
    private volatile Duration postDelay = Duration.ZERO;
    private volatile Hold createHold = Hold.none();
    private volatile Hold postHold = Hold.none();
    private volatile Hold addHold = Hold.none();
    private final String scheme;

    private FakeGraph(HttpServer server, String scheme) {
        this.server = server;
        this.scheme = scheme;
        server.createContext("/v1.0/", this::handle);
        server.createContext("/", identityProvider);
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
    }

    public static FakeGraph start() {
        try {
            return new FakeGraph(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), "http");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public static FakeGraph startTls(SSLContext tls) {
        try {
            HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setHttpsConfigurator(new HttpsConfigurator(tls));
            return new FakeGraph(server, "https");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For CHAT_GRAPH_URL. */
    public String url() {
        return scheme + "://127.0.0.1:" + port();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /**
     * Requests nobody scripted are answered as Graph would, as far as the fake models it: for tests
     * whose point is what many requests do together (bulk runs, matching), not one exchange.
     */
    public FakeGraph answeringAsGraph() {
        this.answeringAsGraph = true;
        return this;
    }

    /** Answers for the next requests, whatever they are, in order. */
    public FakeGraph reply(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /** What the fake holds: the chats created, and any seeded as existing before. */
    public FakeChats chats() {
        return chats;
    }

    /** Every create answers only after this long, so that a run can be stopped halfway. */
    public FakeGraph delayEachCreate(Duration delay) {
        this.createDelay = delay;
        return this;
    }

    /**
     * From the {@code nth} create answered as Graph on, each is made, and answered, only once
     * {@code release} is counted down (or a minute has passed): a run kept going, whatever the
     * machine's speed, until the test has done what it must while the run is under way.
     */
    public FakeGraph holdCreatesFrom(int nth, java.util.concurrent.CountDownLatch release) {
        this.createHold = new Hold(nth, release);
        return this;
    }

    /** As {@link #holdCreatesFrom}, for the posts of messages answered as Graph. */
    public FakeGraph holdPostsFrom(int nth, java.util.concurrent.CountDownLatch release) {
        this.postHold = new Hold(nth, release);
        return this;
    }

    /** As {@link #holdCreatesFrom}, for the adds of people to chats ({@code POST /chats/{id}/members}). */
    public FakeGraph holdAddsFrom(int nth, java.util.concurrent.CountDownLatch release) {
        this.addHold = new Hold(nth, release);
        return this;
    }

    /** Requests answered from the {@code from}th on wait for {@code release}. */
    private static final class Hold {
        /** Holds nothing: each fake has its own, so that no count is shared between tests. */
        static Hold none() {
            return new Hold(Integer.MAX_VALUE, new java.util.concurrent.CountDownLatch(0));
        }

        private final int from;
        private final java.util.concurrent.CountDownLatch release;
        private final java.util.concurrent.atomic.AtomicInteger answered = new java.util.concurrent.atomic.AtomicInteger();

        Hold(int from, java.util.concurrent.CountDownLatch release) {
            this.from = from;
            this.release = release;
        }

        void await() {
            if (answered.incrementAndGet() >= from) {
                try {
                    release.await(1, java.util.concurrent.TimeUnit.MINUTES);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** Every post of a message is taken, and answered, only after this long: a run can be stopped with posts in flight. */
    public FakeGraph delayEachPost(Duration delay) {
        this.postDelay = delay;
        return this;
    }

    /** Chats a listing page holds, so that tests see paging. */
    public FakeGraph pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    /** The sign-in service on the same server. */
    public FakeIdentityProvider identityProvider() {
        return identityProvider;
    }

    /** Answers for the creates alone ({@code POST /v1.0/chats}), whatever else comes between. */
    public FakeGraph replyToCreates(Reply... replies) {
        postScript.addAll(List.of(replies));
        return this;
    }

    /**
     * Answers for the creates that name this member ({@code users('upn')}) alone, in order: for a bulk
     * run, whose lines are in flight together, a fault that must reach one line and no other.
     */
    public FakeGraph replyToCreatesNaming(String member, Reply... replies) {
        memberScripts.computeIfAbsent(member, key -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
        return this;
    }

    /** Answers for the adds of this member to a chat ({@code POST /chats/{id}/members} naming them) alone, in order. */
    public FakeGraph replyToAddsOf(String member, Reply... replies) {
        addScripts.computeIfAbsent(member, key -> new ConcurrentLinkedQueue<>()).addAll(List.of(replies));
        return this;
    }

    /** Answers for the listings of chats alone ({@code GET …/chats}), whatever else comes between. */
    public FakeGraph replyToListings(Reply... replies) {
        listingScript.addAll(List.of(replies));
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The creates received that name this member ({@code users('upn')}). */
    public List<RecordedRequest> createsNaming(String member) {
        return creates().stream().filter(create -> names(create.body(), member)).toList();
    }

    /** The creates received: {@code POST /v1.0/chats}. */
    public List<RecordedRequest> creates() {
        return requests.stream().filter(r -> r.method().equals("POST") && r.path().equals("/v1.0/chats")).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body;
        try (InputStream in = exchange.getRequestBody()) {
            body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Map<String, List<String>> headers = new HashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), new ArrayList<>(values)));
        requests.add(new RecordedRequest(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                headers, body));

        if (exchange.getRequestHeaders().containsKey("Proxy-Authorization")) {
            proxyCredentialsReceived.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
        }
        if (!BEARER.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))).matches()) {
            send(exchange, Reply.noToken()); // Graph looks at nothing else, the script's next reply included
            return;
        }
        String path = exchange.getRequestURI().getPath();
        boolean create = "POST".equals(exchange.getRequestMethod()) && path.equals("/v1.0/chats");
        boolean listing = "GET".equals(exchange.getRequestMethod()) && path.endsWith("/chats");
        boolean add = "POST".equals(exchange.getRequestMethod()) && ROSTER.matcher(path).matches();
        Reply forMember = create ? replyNaming(memberScripts, body) : add ? replyNaming(addScripts, body) : null;
        Reply scripted = forMember != null ? forMember
                : create && !postScript.isEmpty() ? postScript.poll()
                : listing && !listingScript.isEmpty() ? listingScript.poll() : script.poll();
        if (scripted != null && scripted.onArrival != null) {
            scripted.onArrival.run();
        }
        if (scripted != null) {
            pause(scripted.delay);
        }
        Reply reply = scripted;
        if (scripted == null && !answeringAsGraph) {
            String request = exchange.getRequestMethod() + " " + exchange.getRequestURI();
            unscripted.add(request);
            // final to the client (a 4xx is not retried), so that a run stops at the request nobody expected
            reply = Reply.graphError(400, "UnscriptedRequest", "the fake Graph has no reply scripted for " + request);
        } else if (scripted == null || scripted.asGraph) {
            reply = modelled(exchange, body);
        } else if (scripted.createThenDrop) {
            // made, or posted, but the answer never arrives
            java.util.regex.Matcher messages = MESSAGES.matcher(path);
            java.util.regex.Matcher roster = ROSTER.matcher(path);
            if (messages.matches()) {
                chats.post(messages.group(1), bearerClaim(exchange.getRequestHeaders().getFirst("Authorization"), "oid"),
                        json.readTree(body));
            } else if (roster.matches()) {
                memberAdded(java.net.URLDecoder.decode(roster.group(1), StandardCharsets.UTF_8), body,
                        exchange.getRequestHeaders().getFirst("Authorization"));
            } else {
                chats.create(json.readTree(body));
            }
        }
        if (reply.drop) {
            // HttpServer closes the connection, without an answer, when a handler throws.
            throw new IOException("dropping the connection as scripted");
        }
        send(exchange, reply);
    }

    private static final java.util.regex.Pattern BEARER = java.util.regex.Pattern.compile("(?i)Bearer +\\S+");

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        reply.headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        exchange.sendResponseHeaders(reply.status, reply.body.length == 0 ? -1 : reply.body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(reply.body);
        }
    }

    /** The next reply scripted for a member this create names, if any is left. */
    private static Reply replyNaming(Map<String, ConcurrentLinkedQueue<Reply>> scripts, String body) {
        for (Map.Entry<String, ConcurrentLinkedQueue<Reply>> member : scripts.entrySet()) {
            Reply reply = names(body, member.getKey()) ? member.getValue().poll() : null;
            if (reply != null) {
                return reply;
            }
        }
        return null;
    }

    private static boolean names(String createBody, String member) {
        return createBody.contains("users('" + member + "')");
    }

    /** What Graph would answer, as far as the fake models it; anything else is a request no test asked for. */
    private Reply modelled(HttpExchange exchange, String body) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        if (method.equals("POST") && path.equals("/v1.0/chats")) {
            return created(body);
        }
        if (method.equals("POST") && path.equals("/v1.0/$batch")) {
            return batch(body);
        }
        java.util.regex.Matcher messages = MESSAGES.matcher(path);
        if (method.equals("POST") && messages.matches()) {
            return posted(messages.group(1), body, exchange.getRequestHeaders().getFirst("Authorization"));
        }
        java.util.regex.Matcher roster = ROSTER.matcher(path);
        if (method.equals("POST") && roster.matches()) {
            return memberAdded(java.net.URLDecoder.decode(roster.group(1), StandardCharsets.UTF_8), body,
                    exchange.getRequestHeaders().getFirst("Authorization"));
        }
        if (method.equals("GET") && path.startsWith("/v1.0/groups")) {
            return groups(exchange.getRequestURI(), exchange.getRequestHeaders().getFirst("Authorization"));
        }
        if (method.equals("GET")) {
            Reply answer = get(exchange.getRequestURI(), exchange.getRequestHeaders().getFirst("Authorization"));
            if (answer != null) {
                return answer;
            }
        }
        unexpected.add(method + " " + exchange.getRequestURI());
        return Reply.graphError(404, "NotFound", "no such resource in the fake: " + path);
    }

    /** A GET Graph answers: a listing of chats, a chat's roster, a user; null for one the fake does not model. */
    private Reply get(java.net.URI uri, String authorization) throws IOException {
        String path = uri.getPath();
        if (path.equals("/v1.0/me/chats") || (path.startsWith("/v1.0/users/") && path.endsWith("/chats"))) {
            return listing(uri, authorization);
        }
        java.util.regex.Matcher roster = java.util.regex.Pattern.compile("/v1\\.0/chats/([^/]+)/members").matcher(path);
        if (roster.matches()) {
            var members = chats.roster(roster.group(1));
            if (members == null) {
                return Reply.graphError(404, "NotFound", "No chat with id " + roster.group(1));
            }
            ObjectNode page = json.createObjectNode();
            page.set("value", members);
            return Reply.json(200, json.writeValueAsString(page));
        }
        java.util.regex.Matcher listed = MESSAGES.matcher(path);
        if (listed.matches()) {
            return messages(uri, listed.group(1), authorization);
        }
        if (path.startsWith("/v1.0/users/") && !path.substring("/v1.0/users/".length()).contains("/")) {
            if (userLookupsRefused) {
                return insufficientPrivileges();
            }
            return chats.directory().find(path.substring("/v1.0/users/".length()))
                    .map(user -> Reply.json(200, userJson(user).toString()))
                    .orElse(Reply.graphError(404, "Request_ResourceNotFound", "Resource '"
                            + path.substring("/v1.0/users/".length()) + "' does not exist or one of its queried reference-"
                            + "property objects are not present."));
        }
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        java.util.regex.Matcher byMail = java.util.regex.Pattern.compile("\\$filter=mail eq '((?:[^']|'')*)'").matcher(query);
        if (path.equals("/v1.0/users") && byMail.find()) {
            if (userLookupsRefused) {
                return insufficientPrivileges();
            }
            ObjectNode page = json.createObjectNode();
            var value = page.putArray("value");
            chats.directory().withMail(byMail.group(1).replace("''", "'")).forEach(user -> value.add(userJson(user)));
            return Reply.json(200, json.writeValueAsString(page));
        }
        return null;
    }

    private ObjectNode userJson(FakeDirectory.User user) {
        ObjectNode object = json.createObjectNode();
        object.put("id", user.id());
        object.put("userPrincipalName", user.upn());
        object.put("mail", user.mail());
        return object;
    }

    private static Reply insufficientPrivileges() {
        return Reply.graphError(403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
    }

    /**
     * {@code POST /$batch}: at most 20 GETs, each answered on its own (a 403, a 404 or a 429 for one
     * item, a 200 for the next), as Graph answers them one by one.
     */
    private Reply batch(String body) throws IOException {
        JsonNode requests = json.readTree(body).path("requests");
        if (!requests.isArray() || requests.size() > 20) {
            return Reply.graphError(400, "BadRequest", "A batch holds 1 to 20 requests.");
        }
        ObjectNode answer = json.createObjectNode();
        var responses = answer.putArray("responses");
        for (JsonNode request : requests) {
            ObjectNode response = responses.addObject();
            response.put("id", request.path("id").asText());
            Reply item;
            if (throttledBatchItems.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                item = Reply.graphError(429, "TooManyRequests", "Too many requests").header("Retry-After", "1");
            } else if (!request.path("method").asText().equals("GET")) {
                item = Reply.graphError(400, "BadRequest", "the fake's batches hold GETs");
            } else {
                item = get(java.net.URI.create("/v1.0" + request.path("url").asText()), null);
                if (item == null) {
                    unexpected.add("GET " + request.path("url").asText() + " (in a batch)");
                    item = Reply.graphError(404, "NotFound", "no such resource in the fake");
                }
            }
            response.put("status", item.status);
            ObjectNode headers = response.putObject("headers");
            item.headers.forEach(headers::put);
            response.set("body", json.readTree(item.body));
        }
        return Reply.json(200, json.writeValueAsString(answer));
    }

    /** Every look-up of a user (alone or in a batch) is refused, as without User.ReadBasic.All or User.Read.All. */
    public FakeGraph refuseUserLookups() {
        this.userLookupsRefused = true;
        return this;
    }

    /** The next {@code count} items of batches answer 429, each on its own. */
    public FakeGraph throttleBatchItems(int count) {
        throttledBatchItems.set(count);
        return this;
    }

    private static void pause(Duration delay) {
        if (!delay.isZero()) {
            try {
                Thread.sleep(delay.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static final java.util.regex.Pattern MESSAGES = java.util.regex.Pattern.compile("/v1\\.0/chats/([^/]+)/messages");
    private static final java.util.regex.Pattern ROSTER = java.util.regex.Pattern.compile("/v1\\.0/chats/([^/]+)/members");
    private volatile int alreadyInStatus = 400;
    private volatile int groupPageSize = 100;

    /**
     * Graph answers an add of someone already in the chat with an error whose status it does not
     * document: 400 by default, or as a test says (409), so that chat is held to no one guess.
     */
    public FakeGraph alreadyInAnswers(int status) {
        this.alreadyInStatus = status;
        return this;
    }

    /** Members a page of {@code transitiveMembers} holds without {@code $top} (Graph's default is 100). */
    public FakeGraph groupPageSize(int size) {
        this.groupPageSize = size;
        return this;
    }

    private static final List<String> GROUP_READERS = List.of("GroupMember.Read.All", "Group.Read.All",
            "Directory.Read.All");
    private static final List<String> MEMBER_WRITERS = List.of("ChatMember.ReadWrite", "Chat.ReadWrite",
            "ChatMember.ReadWrite.All", "Chat.ReadWrite.All");

    /** The permissions a token carries: a person's {@code scp}, an application's {@code roles}. */
    private List<String> granted(String authorization) {
        List<String> all = new ArrayList<>();
        String scopes = bearerClaim(authorization, "scp");
        if (scopes != null) {
            all.addAll(java.util.Arrays.asList(scopes.split(" ")));
        }
        if (authorization != null && authorization.startsWith("Bearer ")) {
            try {
                String[] parts = authorization.substring(7).split("\\.");
                json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1])).path("roles")
                        .forEach(role -> all.add(role.asText()));
            } catch (RuntimeException | IOException e) {
                // no roles
            }
        }
        return all;
    }

    /**
     * {@code GET /groups/{id}}, {@code GET /groups?$filter=mail eq '…'} or {@code displayName eq '…'},
     * and {@code GET /groups/{id}/transitiveMembers}, a page at a time; each needs GroupMember.Read.All
     * (or a higher permission), else Graph's 403.
     */
    private Reply groups(java.net.URI uri, String authorization) throws IOException {
        if (granted(authorization).stream().noneMatch(GROUP_READERS::contains)) {
            return insufficientPrivileges();
        }
        String path = uri.getPath();
        String query = uri.getQuery() == null ? "" : uri.getQuery();
        java.util.regex.Matcher members = java.util.regex.Pattern.compile("/v1\\.0/groups/([^/]+)/transitiveMembers")
                .matcher(path);
        if (members.matches()) {
            return transitiveMembers(members.group(1), uri);
        }
        if (path.startsWith("/v1.0/groups/")) {
            return chats.groups().find(path.substring("/v1.0/groups/".length()))
                    .map(group -> Reply.json(200, chats.groups().toJson(group).toString()))
                    .orElse(Reply.graphError(404, "Request_ResourceNotFound", "Resource '"
                            + path.substring("/v1.0/groups/".length()) + "' does not exist or one of its queried "
                            + "reference-property objects are not present."));
        }
        java.util.regex.Matcher filter = java.util.regex.Pattern.compile("\\$filter=(mail|displayName) eq '((?:[^']|'')*)'")
                .matcher(query);
        if (!path.equals("/v1.0/groups") || !filter.find()) {
            return null;
        }
        String value = filter.group(2).replace("''", "'");
        List<FakeGroups.Group> found = filter.group(1).equals("mail") ? chats.groups().withMail(value)
                : chats.groups().named(value);
        ObjectNode page = json.createObjectNode();
        var listed = page.putArray("value");
        found.forEach(group -> listed.add(chats.groups().toJson(group)));
        return Reply.json(200, json.writeValueAsString(page));
    }

    private Reply transitiveMembers(String groupId, java.net.URI uri) throws IOException {
        java.util.Optional<FakeGroups.Group> group = chats.groups().find(groupId);
        if (group.isEmpty()) {
            return Reply.graphError(404, "Request_ResourceNotFound", "Resource '" + groupId + "' does not exist.");
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        java.util.regex.Matcher top = java.util.regex.Pattern.compile("\\$top=(\\d+)").matcher(query);
        int size = top.find() ? Math.min(999, Integer.parseInt(top.group(1))) : groupPageSize;
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("\\$skiptoken=(\\d+)").matcher(query);
        int skip = token.find() ? Integer.parseInt(token.group(1)) : 0;
        List<ObjectNode> all = chats.groups().transitiveMembers(group.get());
        ObjectNode page = json.createObjectNode();
        var value = page.putArray("value");
        all.subList(Math.min(skip, all.size()), Math.min(skip + size, all.size())).forEach(value::add);
        if (skip + size < all.size()) {
            page.put("@odata.nextLink", "https://graph.microsoft.com" + uri.getRawPath() + "?"
                    + query.replaceAll("&?\\$skiptoken=\\d+", "") + "&$skiptoken=" + (skip + size));
        }
        return Reply.json(200, json.writeValueAsString(page));
    }

    /** {@code POST /chats/{id}/members}: 201 with a Location, or Graph's answer for what it will not do. */
    private Reply memberAdded(String chatId, String body, String authorization) throws IOException {
        if (granted(authorization).stream().noneMatch(MEMBER_WRITERS::contains)) {
            return Reply.graphError(403, "Forbidden", "Missing scope permissions on the request. API requires one of "
                    + "'ChatMember.ReadWrite, Chat.ReadWrite, ChatMember.ReadWrite.All, Chat.ReadWrite.All'.");
        }
        addHold.await();
        FakeChats.Added added;
        try {
            added = chats.addMember(chatId, json.readTree(body), bearerClaim(authorization, "oid"));
        } catch (FakeChats.NoSuchUser e) {
            return Reply.graphError(404, "NotFound", e.getMessage());
        }
        return switch (added) {
            case ADDED -> Reply.json(201, json.readTree(body).toString())
                    .header("Location", "/chats('" + chatId + "')/members('" + UUID.randomUUID() + "')");
            case ALREADY_IN -> Reply.graphError(alreadyInStatus, alreadyInStatus == 409 ? "Conflict" : "BadRequest",
                    "The user is already a member of the chat.");
            case NO_SUCH_CHAT -> Reply.graphError(404, "NotFound", "Chat not found: " + chatId);
            case FULL -> Reply.graphError(400, "BadRequest", "The chat has reached its limit of "
                    + FakeChats.MAX_PEOPLE + " members.");
            case BLOCKED -> Reply.graphError(403, "Forbidden", "{\\\"subCode\\\":\\\"RosterAddMemberBlocked\\\",\\\"details\\\":"
                    + "\\\"Roster is blocked from add member.\\\"}");
            case GUEST_AS_OWNER -> Reply.graphError(400, "BadRequest", "A guest user must be added with the guest role.");
            case CALLER_NOT_IN -> Reply.graphError(403, "Forbidden", "The caller is not a member of the chat.");
        };
    }
    /** Graph takes about 28 KB of message, HTML included. */
    private static final int LARGEST_MESSAGE_BODY = 28 * 1024 + 512;

    /**
     * {@code POST /chats/{id}/messages}: 201 and the message for a person's token that may send; an
     * application's token is refused (it may post only to import history), as is a person's without
     * ChatMessage.Send, a body over Teams' size, and a chat that does not exist.
     */
    private Reply posted(String chatId, String body, String authorization) throws IOException {
        String scopes = bearerClaim(authorization, "scp");
        if (scopes == null) {
            return Reply.graphError(403, "Forbidden", "Message POST is allowed in application-only context only for "
                    + "import purposes.");
        }
        if (!java.util.Arrays.asList(scopes.split(" ")).contains("ChatMessage.Send")
                && !java.util.Arrays.asList(scopes.split(" ")).contains("Chat.ReadWrite")) {
            return Reply.graphError(403, "Forbidden", "Missing scope permissions on the request. API requires one of "
                    + "'ChatMessage.Send, Chat.ReadWrite, Teamwork.Migrate.All, Group.ReadWrite.All'.");
        }
        pause(postDelay);
        postHold.await();
        if (body.getBytes(StandardCharsets.UTF_8).length > LARGEST_MESSAGE_BODY) {
            return Reply.status(413).header("Content-Type", "text/plain");
        }
        FakeChats.Message message = chats.post(java.net.URLDecoder.decode(chatId, StandardCharsets.UTF_8),
                bearerClaim(authorization, "oid"), json.readTree(body));
        if (message == null) {
            return Reply.graphError(404, "NotFound", "Chat not found: " + chatId);
        }
        ObjectNode answer = json.createObjectNode();
        answer.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#chats('" + chatId + "')/messages/$entity");
        answer.put("id", message.id());
        answer.put("chatId", message.chatId());
        answer.put("messageType", "message");
        answer.put("createdDateTime", message.created().toString());
        answer.putObject("body").put("contentType", message.contentType()).put("content", message.content());
        return Reply.json(201, json.writeValueAsString(answer));
    }

    /**
     * {@code GET /chats/{id}/messages?$top=n}: the latest messages first, for a person's token with
     * Chat.Read or Chat.ReadWrite; without one of them, Graph's 403.
     */
    private Reply messages(java.net.URI uri, String chatId, String authorization) throws IOException {
        String scopes = bearerClaim(authorization, "scp");
        List<String> granted = scopes == null ? List.of() : java.util.Arrays.asList(scopes.split(" "));
        if (!granted.contains("Chat.Read") && !granted.contains("Chat.ReadWrite")) {
            return Reply.graphError(403, "Forbidden", "Missing scope permissions on the request. API requires one of "
                    + "'Chat.Read, Chat.ReadWrite, Chat.Read.All, Chat.ReadWrite.All'.");
        }
        java.util.regex.Matcher top = java.util.regex.Pattern.compile("\\$top=(\\d+)")
                .matcher(uri.getQuery() == null ? "" : uri.getQuery());
        int count = top.find() ? Math.min(50, Integer.parseInt(top.group(1))) : 20;
        List<FakeChats.Message> latest = chats.latest(java.net.URLDecoder.decode(chatId, StandardCharsets.UTF_8), count);
        if (latest == null) {
            return Reply.graphError(404, "NotFound", "Chat not found: " + chatId);
        }
        ObjectNode page = json.createObjectNode();
        var value = page.putArray("value");
        for (FakeChats.Message message : latest) {
            ObjectNode listed = value.addObject();
            listed.put("id", message.id());
            listed.put("messageType", "message");
            listed.put("createdDateTime", message.created().toString());
            listed.putObject("from").putObject("user").put("id", message.from());
            listed.putObject("body").put("contentType", message.contentType()).put("content", message.content());
        }
        return Reply.json(200, json.writeValueAsString(page));
    }

    /** The posts of messages received: {@code POST /v1.0/chats/{id}/messages}. */
    public List<RecordedRequest> messagePosts() {
        return requests.stream().filter(r -> r.method().equals("POST") && MESSAGES.matcher(r.path()).matches()).toList();
    }

    /** Graph's 201: the chat made (or, for a one-on-one that exists, found). */
    private Reply created(String body) throws IOException {
        pause(createDelay);
        createHold.await();
        FakeChats.Chat made;
        try {
            made = chats.create(json.readTree(body));
        } catch (FakeChats.NoSuchUser e) {
            return Reply.graphError(404, "NotFound", e.getMessage());
        } catch (FakeChats.TooManyMembers e) {
            return Reply.graphError(400, "BadRequest", e.getMessage());
        }
        ObjectNode chat = chats.toJson(made, false);
        chat.put("@odata.context", "https://graph.microsoft.com/v1.0/$metadata#chats/$entity");
        return Reply.json(201, json.writeValueAsString(chat));
    }

    /**
     * GET /v1.0/me/chats or /v1.0/users/{key}/chats, group chats with members expanded, a page at a
     * time. "me" is the user the bearer token names (its oid), as Graph reads it.
     */
    private Reply listing(java.net.URI uri, String authorization) throws IOException {
        String path = uri.getPath();
        String owner;
        if (path.equals("/v1.0/me/chats")) {
            owner = bearerClaim(authorization, "oid");
            if (owner == null) {
                return Reply.graphError(400, "BadRequest", "/me request is only valid with delegated authentication flow.");
            }
        } else if (path.startsWith("/v1.0/users/") && path.endsWith("/chats")) {
            owner = path.substring("/v1.0/users/".length(), path.length() - "/chats".length());
        } else {
            return Reply.graphError(404, "NotFound", "no such resource in the fake: " + path);
        }
        String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        int skip = 0;
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("\\$skiptoken=(\\d+)").matcher(query);
        if (token.find()) {
            skip = Integer.parseInt(token.group(1));
        }
        List<FakeChats.Chat> all = chats.groupChatsOf(owner);
        ObjectNode page = json.createObjectNode();
        var value = page.putArray("value");
        for (FakeChats.Chat chat : all.subList(Math.min(skip, all.size()), Math.min(skip + pageSize, all.size()))) {
            value.add(chats.toJson(chat, true));
        }
        if (skip + pageSize < all.size()) {
            // Graph names itself in its links, whoever stands in for it
            page.put("@odata.nextLink", "https://graph.microsoft.com" + path + "?" + query.replaceAll("&?\\$skiptoken=\\d+", "")
                    + "&$skiptoken=" + (skip + pageSize));
        }
        return Reply.json(200, json.writeValueAsString(page));
    }

    private String bearerClaim(String authorization, String claim) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        String[] parts = authorization.substring(7).split("\\.");
        try {
            JsonNode claims = json.readTree(java.util.Base64.getUrlDecoder().decode(parts[1]));
            return claims.path(claim).isTextual() ? claims.get(claim).asText() : null;
        } catch (RuntimeException | IOException e) {
            return null;
        }
    }

    /**
     * Stops the server, and fails the test that sent a request nobody scripted (nor the model knows),
     * or that scripted replies it never used: either way the test did not see what it meant to.
     */
    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
        List<String> problems = new ArrayList<>();
        if (!unscripted.isEmpty()) {
            problems.add("requests nobody scripted (script them, or start the fake answeringAsGraph()): " + unscripted);
        }
        if (!unexpected.isEmpty()) {
            problems.add("requests to be answered as Graph, which the fake Graph does not model: " + unexpected);
        }
        if (!proxyCredentialsReceived.isEmpty()) {
            problems.add("requests that brought the proxy's credentials (Proxy-Authorization) to Graph: "
                    + proxyCredentialsReceived);
        }
        List<String> unused = new ArrayList<>();
        script.forEach(reply -> unused.add(reply.toString()));
        postScript.forEach(reply -> unused.add(reply + " (for a create)"));
        listingScript.forEach(reply -> unused.add(reply + " (for a listing)"));
        memberScripts.forEach((member, replies) -> replies.forEach(reply -> unused.add(reply + " (for a create naming "
                + member + ")")));
        addScripts.forEach((member, replies) -> replies.forEach(reply -> unused.add(reply + " (for an add of "
                + member + ")")));
        if (!unused.isEmpty()) {
            problems.add(unused.size() + " scripted " + (unused.size() == 1 ? "reply was" : "replies were")
                    + " never used: " + unused);
        }
        problems.addAll(identityProvider.problems());
        if (!problems.isEmpty()) {
            throw new AssertionError(String.join("; ", problems));
        }
    }
}
