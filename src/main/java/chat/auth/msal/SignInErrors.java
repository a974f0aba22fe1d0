package chat.auth.msal;

import chat.auth.AuthenticationException;
import chat.auth.SignInUnreachableException;
import chat.errors.UsageException;
import chat.http.HttpFailure;
import chat.http.ProxyRefusedException;
import com.microsoft.aad.msal4j.MsalClientException;
import com.microsoft.aad.msal4j.MsalException;
import com.microsoft.aad.msal4j.MsalServiceException;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * MSAL's failures as one line a person can act on: the AADSTS code, what it means, what to do. MSAL
 * gives the code only within its message, so it is read from there; a message without one is shown
 * as it is.
 */
final class SignInErrors {
    private static final Pattern AADSTS = Pattern.compile("AADSTS\\d+");
    private static final Map<String, String> NEXT_STEPS = Map.ofEntries(
            Map.entry("AADSTS7000215", "check the client secret (AZURE_CLIENT_SECRET or --client-secret-file): use the secret's value, not its id; expired "
                    + "secrets need a new one in the app registration"),
            Map.entry("AADSTS7000222", "the client secret has expired: make a new one in the app registration"),
            Map.entry("AADSTS700016", "check AZURE_CLIENT_ID and AZURE_TENANT_ID: the app is not registered in that tenant"),
            Map.entry("AADSTS90002", "check AZURE_TENANT_ID (or --tenant): no such tenant"),
            Map.entry("AADSTS900023", "check AZURE_TENANT_ID (or --tenant): it is not a tenant id or domain"),
            Map.entry("AADSTS700027", "the certificate is not one the app registration knows, or has expired: upload "
                    + "its public part to the app registration"),
            Map.entry("AADSTS700024", "the federated token has expired: the CI system or Kubernetes must write a "
                    + "fresh one to the token file"),
            Map.entry("AADSTS70021", "no federated credential of the app registration matches the token's issuer "
                    + "and subject: add one for this workflow or service account"),
            Map.entry("AADSTS700213", "no federated credential of the app registration matches the token's subject"),
            Map.entry("AADSTS65001", "an administrator must grant consent for Chat.Create to the app"),
            Map.entry("AADSTS50076", "the tenant requires multi-factor sign-in: run chat login"),
            Map.entry("AADSTS50079", "the tenant requires multi-factor sign-in: run chat login"),
            Map.entry("AADSTS700082", "the cached sign-in has expired: sign in again with: chat login"),
            Map.entry("AADSTS50173", "the cached sign-in was revoked: sign in again with: chat login"),
            Map.entry("AADSTS7000218", "the app allows no public client flows: enable them in its registration, or "
                    + "use the default client id"));
    private static final Map<String, String> OAUTH_ERRORS = Map.of(
            "authorization_declined", "sign-in was declined",
            "expired_token", "the code expired before sign-in finished: run chat login again",
            "code_expired", "the code expired before sign-in finished: run chat login again",
            "bad_verification_code", "the sign-in code was not recognised: run chat login again");

    private SignInErrors() {
    }

    /** @throws InterruptedException when the wait was interrupted (Ctrl-C) */
    static RuntimeException translate(Throwable failure) throws InterruptedException {
        Throwable cause = failure;
        while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof InterruptedException interrupted) {
            throw interrupted;
        }
        for (Throwable link = cause; link != null; link = link.getCause()) {
            if (link instanceof HttpFailure network) {
                return new SignInUnreachableException("cannot reach the sign-in service: " + network.getMessage(), cause);
            }
            if (link instanceof AuthenticationException ours) {
                return ours; // thrown by a callback of ours, such as the federated token's reader
            }
            if (link instanceof ProxyRefusedException || link instanceof UsageException) {
                return (RuntimeException) link; // the proxy's, or a setting's, not the sign-in service's
            }
        }
        if (cause instanceof MsalServiceException service) {
            return new AuthenticationException(describe(service), service);
        }
        if (cause instanceof MsalClientException client && client.errorCode() != null
                && OAUTH_ERRORS.containsKey(client.errorCode())) {
            return new AuthenticationException(OAUTH_ERRORS.get(client.errorCode()), client);
        }
        if (cause instanceof MsalException msal) {
            return new AuthenticationException("sign-in failed: " + firstLine(msal.getMessage()), msal);
        }
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }

    private static String describe(MsalServiceException e) {
        String message = firstLine(e.getMessage());
        if (e.errorCode() != null && OAUTH_ERRORS.containsKey(e.errorCode())) {
            return OAUTH_ERRORS.get(e.errorCode());
        }
        Matcher code = AADSTS.matcher(message);
        String nextStep = code.find() ? NEXT_STEPS.get(code.group()) : null;
        return "sign-in refused (" + e.errorCode() + "): " + message + (nextStep == null ? "" : " — " + nextStep);
    }

    /** AAD appends "Trace ID: … Correlation ID: … Timestamp: …" on lines of their own. */
    private static String firstLine(String message) {
        if (message == null) {
            return "no details";
        }
        String line = message.strip().split("\\R", 2)[0];
        int trace = line.indexOf(" Trace ID:");
        return (trace > 0 ? line.substring(0, trace) : line).strip();
    }
}
