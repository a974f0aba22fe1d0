package chat.auth;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.UnrecoverableKeyException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client certificate and its private key, from a PEM file (a PKCS#8 key and the certificate) or a
 * PKCS#12 file (.pfx, .p12). The certificate the key belongs to comes first in the chain.
 */
public record CertificateFile(PrivateKey key, List<X509Certificate> chain) {
    private static final Pattern PEM_BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([A-Za-z0-9+/=\\s]*)-----END \\1-----");

    /** @param password for a PKCS#12 file; null for none */
    public static CertificateFile load(Path path, String password, Instant now) {
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new AuthenticationException("the certificate file " + path + " does not exist");
        } catch (IOException e) {
            throw new AuthenticationException("cannot read the certificate file " + path + ": " + e.getMessage());
        }
        String text = new String(content, StandardCharsets.US_ASCII);
        CertificateFile certificate = text.contains("-----BEGIN ") ? fromPem(path, text) : fromPkcs12(path, content, password);
        certificate.checkUsable(path, now);
        return certificate;
    }

    private static CertificateFile fromPem(Path path, String text) {
        PrivateKey key = null;
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher block = PEM_BLOCK.matcher(text);
        while (block.find()) {
            String type = block.group(1);
            byte[] der = Base64.getMimeDecoder().decode(block.group(2));
            switch (type) {
                case "PRIVATE KEY" -> key = pkcs8(path, der);
                case "CERTIFICATE" -> certificates.add(x509(path, der));
                case "RSA PRIVATE KEY" -> throw new AuthenticationException(path + " holds a PKCS#1 key (BEGIN RSA "
                        + "PRIVATE KEY): convert it to PKCS#8 with: openssl pkcs8 -topk8 -nocrypt -in KEY -out KEY.pem");
                case "ENCRYPTED PRIVATE KEY" -> throw new AuthenticationException(path + " holds an encrypted key: "
                        + "use an unencrypted PKCS#8 PEM file, or a .pfx with AZURE_CLIENT_CERTIFICATE_PASSWORD");
                default -> {
                    // other blocks (parameters, trusted certificates of others) play no part
                }
            }
        }
        if (key == null) {
            throw new AuthenticationException(path + " holds no private key (BEGIN PRIVATE KEY): a PEM certificate "
                    + "file needs the key and the certificate");
        }
        if (certificates.isEmpty()) {
            throw new AuthenticationException(path + " holds no certificate (BEGIN CERTIFICATE)");
        }
        return new CertificateFile(key, keyOwnerFirst(path, key, certificates));
    }

    private static CertificateFile fromPkcs12(Path path, byte[] content, String password) {
        char[] secret = password == null ? new char[0] : password.toCharArray();
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(new ByteArrayInputStream(content), secret);
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return new CertificateFile((PrivateKey) store.getKey(alias, secret),
                            Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast).toList());
                }
            }
            throw new AuthenticationException(path + " holds no private key");
        } catch (IOException e) {
            // PKCS12's loader says a wrong password in its message alone, where its cause is not an
            // UnrecoverableKeyException: without it, "cannot read … as PEM or PKCS#12"
            boolean wrongPassword = e.getCause() instanceof UnrecoverableKeyException
                    || String.valueOf(e.getMessage()).contains("password");
            throw new AuthenticationException(wrongPassword
                    ? "cannot open " + path + ": wrong or missing password (AZURE_CLIENT_CERTIFICATE_PASSWORD)"
                    : "cannot read " + path + " as PEM or PKCS#12" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("cannot read " + path + " as PKCS#12: " + e.getMessage());
        }
    }

    private static PrivateKey pkcs8(Path path, byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException e) {
                // try the next algorithm
            }
        }
        throw new AuthenticationException("the private key in " + path + " is neither RSA nor EC");
    }

    private static X509Certificate x509(Path path, byte[] der) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (GeneralSecurityException e) {
            throw new AuthenticationException("a certificate in " + path + " cannot be read: " + e.getMessage());
        }
    }

    private static List<X509Certificate> keyOwnerFirst(Path path, PrivateKey key, List<X509Certificate> certificates) {
        List<X509Certificate> chain = new ArrayList<>(certificates);
        if (key instanceof RSAPrivateCrtKey rsa) {
            X509Certificate owner = chain.stream()
                    .filter(c -> c.getPublicKey() instanceof RSAPublicKey pub && pub.getModulus().equals(rsa.getModulus()))
                    .findFirst()
                    .orElseThrow(() -> new AuthenticationException("no certificate in " + path + " matches its key"));
            chain.remove(owner);
            chain.add(0, owner);
        }
        return chain;
    }

    private void checkUsable(Path path, Instant now) {
        if (!"RSA".equals(key.getAlgorithm())) {
            throw new AuthenticationException("the key in " + path + " is " + key.getAlgorithm()
                    + ": Microsoft Entra ID needs an RSA key to sign a client assertion");
        }
        X509Certificate certificate = chain.get(0);
        try {
            certificate.checkValidity(Date.from(now));
        } catch (CertificateExpiredException e) {
            throw new AuthenticationException("the certificate in " + path + " expired on "
                    + certificate.getNotAfter().toInstant() + ": make a new one and add it to the app registration");
        } catch (CertificateNotYetValidException e) {
            throw new AuthenticationException("the certificate in " + path + " is not valid before "
                    + certificate.getNotBefore().toInstant());
        }
    }

    @Override
    public String toString() {
        return "CertificateFile[" + chain.get(0).getSubjectX500Principal() + "]";
    }
}
