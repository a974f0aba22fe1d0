package chat.auth;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/** login.json: one profile a cloud, written owner-only. */
public final class LoginProfiles {
    private static final String FILE = "login.json";

    private final Path file;
    private final ObjectMapper json = new ObjectMapper();

    public LoginProfiles(Path configDirectory) {
        this.file = configDirectory.resolve(FILE);
    }

    public Optional<LoginProfile> forCloud(String cloud) {
        try {
            ObjectNode all = (ObjectNode) json.readTree(Files.readAllBytes(file));
            return all.has(cloud) ? Optional.of(json.treeToValue(all.get(cloud), LoginProfile.class)) : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | ClassCastException e) {
            return Optional.empty(); // unreadable: as if signed out, and the next login rewrites it
        }
    }

    public void save(LoginProfile profile) throws IOException {
        ObjectNode all;
        try {
            all = (ObjectNode) json.readTree(Files.readAllBytes(file));
        } catch (IOException | ClassCastException e) {
            all = json.createObjectNode(); // none yet, or unreadable: start afresh
        }
        all.set(profile.cloud(), json.valueToTree(profile));
        OwnerOnlyFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }

    /** @return whether there was anything to remove */
    public boolean removeAll() throws IOException {
        return Files.deleteIfExists(file);
    }
}
