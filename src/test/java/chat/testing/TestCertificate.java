package chat.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;

/** An app registration's client certificate (RSA), as a .pfx with a password and as a PEM file. */
public record TestCertificate(Path pfx, String password, Path pem, X509Certificate certificate, PrivateKey key) {

    /** @param startDate keytool's -startdate, e.g. "-400d" for one long expired; null for now */
    public static TestCertificate generate(String startDate, int validityDays) {
        try {
            Path dir = Files.createTempDirectory("chat-app-cert");
            Path pfx = dir.resolve("app.pfx");
            String password = "pfx-password-42";
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("-genkeypair", "-alias", "app",
                    "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=chat-ci", "-validity", String.valueOf(validityDays),
                    "-storetype", "PKCS12", "-keystore", pfx.toString(), "-storepass", password, "-keypass", password));
            if (startDate != null) {
                args.addAll(java.util.List.of("-startdate", startDate));
            }
            TestTls.keytool(args.toArray(String[]::new));
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(pfx)) {
                store.load(in, password.toCharArray());
            }
            PrivateKey key = (PrivateKey) store.getKey("app", password.toCharArray());
            X509Certificate certificate = (X509Certificate) store.getCertificate("app");
            Path pem = dir.resolve("app.pem");
            Files.writeString(pem, pem("PRIVATE KEY", key.getEncoded()) + pem("CERTIFICATE", certificate.getEncoded()),
                    StandardCharsets.US_ASCII);
            return new TestCertificate(pfx, password, pem, certificate, key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
