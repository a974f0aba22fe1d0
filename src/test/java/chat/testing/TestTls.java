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
 * A self-signed certificate for the Graph and sign-in hosts, localhost and 127.0.0.1, made with the
 * JDK's keytool once per test run: fakes can then be reached over TLS as the real hosts are.
 */
public final class TestTls {
    public static final char[] PASSWORD = "changeit".toCharArray();
    /** Every Graph and sign-in host of the clouds, so one fake server can stand in for all of them. */
    private static final String SUBJECT_NAMES = "dns:graph.microsoft.com,dns:graph.microsoft.us,"
            + "dns:dod-graph.microsoft.us,dns:microsoftgraph.chinacloudapi.cn,dns:login.microsoftonline.com,"
            + "dns:login.microsoftonline.us,dns:login.chinacloudapi.cn,dns:login.partner.microsoftonline.cn,"
            + "dns:localhost,ip:127.0.0.1";
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
            Path store = Files.createTempDirectory("chat-tls").resolve("graph.p12");
            keytool("-genkeypair", "-alias", "graph", "-keyalg", "EC", "-groupname", "secp256r1",
                    "-dname", "CN=graph.microsoft.com", "-ext", "SAN=" + SUBJECT_NAMES, "-validity", "3650",
                    "-storetype", "PKCS12", "-keystore", store.toString(),
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD));
            return store;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the JDK's keytool, failing the test with its output when it fails. */
    public static void keytool(String... args) {
        List<String> command = new java.util.ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
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
