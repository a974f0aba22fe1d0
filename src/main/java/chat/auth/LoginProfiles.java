package chat.auth;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * login.json: one profile a cloud, written owner-only. Read with the streaming parser alone: every
 * create that signs in as a person, dry runs included, looks here, and most of them need nothing more
 * of JSON. It is neither read nor written where another user could change it: a profile planted
 * there would choose the account a run acts as.
 */
public final class LoginProfiles {
    private static final String FILE = "login.json";

    private final Path directory;
    private final Path file;
    private final JsonFactory json = new JsonFactory();

    public LoginProfiles(Path configDirectory) {
        this.directory = configDirectory;
        this.file = configDirectory.resolve(FILE);
    }

    public Optional<LoginProfile> forCloud(String cloud) {
        return Optional.ofNullable(readAll().get(cloud));
    }

    public void save(LoginProfile profile) throws IOException {
        Map<String, LoginProfile> all = readAll();
        all.put(profile.cloud(), profile);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator out = json.createGenerator(bytes).useDefaultPrettyPrinter()) {
            out.writeStartObject();
            for (LoginProfile each : all.values()) {
                out.writeObjectFieldStart(each.cloud());
                out.writeStringField("cloud", each.cloud());
                out.writeStringField("clientId", each.clientId());
                out.writeStringField("tenant", each.tenant());
                out.writeStringField("homeAccountId", each.homeAccountId());
                out.writeStringField("username", each.username());
                out.writeStringField("tenantId", each.tenantId());
                out.writeEndObject();
            }
            out.writeEndObject();
        }
        OwnerOnlyFiles.write(file, bytes.toByteArray());
    }

    /** @return whether there was anything to remove */
    public boolean removeAll() throws IOException {
        return Files.deleteIfExists(file);
    }

    /**
     * Every profile by cloud; none when the file is missing or unreadable (the next login rewrites it).
     * A directory or file others could have changed is refused.
     */
    private Map<String, LoginProfile> readAll() {
        PrivateDirectory.check(directory);
        PrivateDirectory.checkFile(file);
        Map<String, LoginProfile> all = new LinkedHashMap<>();
        try (JsonParser in = json.createParser(OwnerOnlyFiles.read(file))) {
            if (in.nextToken() != JsonToken.START_OBJECT) {
                return all;
            }
            while (in.nextToken() == JsonToken.FIELD_NAME) {
                String cloud = in.currentName();
                if (in.nextToken() != JsonToken.START_OBJECT) {
                    in.skipChildren();
                    continue;
                }
                Map<String, String> fields = new LinkedHashMap<>();
                while (in.nextToken() == JsonToken.FIELD_NAME) {
                    String name = in.currentName();
                    if (in.nextToken() == JsonToken.VALUE_STRING) {
                        fields.put(name, in.getText());
                    } else {
                        in.skipChildren();
                    }
                }
                all.put(cloud, new LoginProfile(cloud, fields.get("clientId"), fields.get("tenant"),
                        fields.get("homeAccountId"), fields.get("username"), fields.get("tenantId")));
            }
        } catch (NoSuchFileException e) {
            // nobody has signed in
        } catch (IOException e) {
            all.clear();
        }
        return all;
    }
}
