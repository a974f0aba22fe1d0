package chat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for graph.microsoft.com, localhost and 127.0.0.1, made with the JDK's
 * keytool once per test run: a fake Graph can then be reached over TLS as the real host is.
 */
public final class TestTls {
    public static final char[] PASSWORD = "changeit".toCharArray();
    private static TestTls instance;

    private final Path keyStore;

    private TestTls(Path keyStore) {
        this.keyStore = keyStore;
    }

    public static synchronized TestTls get() {
        if (instance == null) {
            instance = new TestTls(generate());
        }
        return instance;
    }

    private static Path generate() {
        try {
            Path dir = Files.createTempDirectory("chat-tls");
            Path store = dir.resolve("graph.p12");
            Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
            Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "graph",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=graph.microsoft.com",
                    "-ext", "SAN=dns:graph.microsoft.com,dns:localhost,ip:127.0.0.1", "-validity", "3650",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            store.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            return store;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Path keyStorePath() {
        return keyStore;
    }

    public KeyStore keyStore() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, PASSWORD);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public Certificate certificate() {
        try {
            return keyStore().getCertificate("graph");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For the fake server. */
    public SSLContext serverContext() {
        try {
            KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(keyStore(), PASSWORD);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(keys.getKeyManagers(), null, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** For the client: trusts this certificate and nothing else. */
    public SSLContext clientContext() {
        try {
            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("graph", certificate());
            TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trust);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trustManagers.getTrustManagers(), null);
            return context;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
