package io.fxhome.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.fxhome.sandbox.AccountInfo;
import io.fxhome.sandbox.NewAccount;
import io.fxhome.sandbox.fxa.VerificationMode;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sync.client.SyncClient;
import io.fxhome.sync.client.SyncClientConfig;
import io.fxhome.sync.crypto.Hex;
import io.fxhome.sync.crypto.KeyBundle;
import io.fxhome.sync.crypto.SyncKeyDerivation;
import io.fxhome.sync.error.FxaException;
import io.fxhome.sync.fxa.FxaClient;
import io.fxhome.sync.fxa.FxaConfig;
import io.fxhome.sync.fxa.LinkedAccount;
import io.fxhome.sync.fxa.OAuthCodeFlow;
import io.fxhome.sync.fxa.OAuthPending;
import io.fxhome.sync.fxa.OAuthRedirect;
import io.fxhome.sync.fxa.OAuthStart;
import io.fxhome.sync.hawk.HawkSigner;

/**
 * The browser sign-in against the sandbox over real HTTP: fxhome builds the authorization URL, the "browser" (plain
 * HTTP form posts here) signs in on the sandbox's /authorization page and lands on Firefox for iOS's success page,
 * the person pastes that address back, and fxhome completes the link with the identity from the profile server and
 * the key id proven by the tokenserver. A browser that puts someone else's key id in keys_jwe links nothing.
 */
class BrowserSignInTest {
    private static final String IOS = "1b1a3e44c54fbb58";
    private static ClientSandbox env;
    private static FxaClient fxa;
    private static OAuthCodeFlow flow;
    private final HttpClient browser = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeAll
    static void start() {
        env = ClientSandbox.start();
        URI base = URI.create(env.baseUrl());
        // One sandbox plays accounts.firefox.com, the auth server, the profile server and the tokenserver.
        FxaConfig config = FxaConfig.production().withAuthUrl(base).withContentUrl(base).withProfileUrl(base)
                .withUserAgent(ClientSandbox.USER_AGENT);
        fxa = new FxaClient(config, env.http(), HawkSigner.systemDefault(), Clock.systemUTC());
        flow = OAuthCodeFlow.create(fxa, base);
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    private static String password() {
        return "Pässwörd-" + UUID.randomUUID();
    }

    /** The hidden and filled-in fields of the page's form, as a browser would post them. */
    private static Map<String, String> hiddenFields(String html) {
        Map<String, String> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(html);
        while (m.find()) {
            fields.put(m.group(1), unescape(m.group(2)));
        }
        return fields;
    }

    private static String unescape(String s) {
        return s.replace("&quot;", "\"").replace("&#39;", "'").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&amp;", "&");
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(Map<String, String> form) throws IOException, InterruptedException {
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.length() == 0 ? "" : "&").append(URLEncoder.encode(k,
                StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        return browser.send(HttpRequest.newBuilder(URI.create(env.baseUrl() + "/authorization"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The person's side: opens the authorization URL, posts the form with {@code answers} step by step (each answer
     * is asked for by the page), and returns the address of the page they land on, as they would copy it.
     */
    private String signInInTheBrowser(OAuthStart start, Map<String, String> answers)
            throws IOException, InterruptedException {
        HttpResponse<String> page = get(start.authorizationUrl());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        Map<String, String> form = hiddenFields(page.body());
        form.putAll(answers);
        HttpResponse<String> answer = post(form);
        for (int step = 0; answer.statusCode() == 200 && step < 3; step++) {
            // A further step (a code, a new password): the page keeps a ticket and asks again.
            Map<String, String> next = hiddenFields(answer.body());
            next.putAll(answers);
            answer = post(next);
        }
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(302);
        String location = answer.headers().firstValue("Location").orElseThrow();
        HttpResponse<String> landed = get(URI.create(location));
        assertThat(landed.statusCode()).isEqualTo(200);
        assertThat(landed.body()).contains("Pairing was successful.");
        // What a person pastes: the address, broken over two lines by their mail client.
        return location.substring(0, 40) + "\n  " + location.substring(40);
    }

    private static void assertLinkedTo(LinkedAccount linked, String email, AccountInfo info) {
        assertThat(linked.uid()).isEqualTo(info.uid());
        assertThat(linked.email()).isEqualTo(email);
        byte[] kB = Hex.decode(env.sandbox().issuedSecrets(email).kBHex());
        assertThat(linked.credentials().syncKeys()).isEqualTo(KeyBundle.fromKSync(SyncKeyDerivation.kSync(kB)));
        assertThat(linked.credentials().keyId()).isEqualTo(info.keyId());
        assertThat(linked.credentials().clientId()).isEqualTo(IOS);
        assertThat(linked.accessToken().scope()).isEqualTo(SyncKeyDerivation.OLDSYNC_SCOPE);
    }

    @Test
    void aBrowserSignInLinksTheAccountWithItsIdentityFromMozilla() throws Exception {
        String email = ClientSandbox.newEmail("browser");
        String pw = password();
        AccountInfo info = env.createAccount(email, pw, VerificationMode.NONE, ProfileSpec.small(ClientSandbox.nextSeed()));
        OAuthStart start = flow.begin();
        assertThat(start.authorizationUrl().toString()).startsWith(env.baseUrl() + "/authorization?action=email&");
        // The web app keeps the pending flow sealed in its database: it comes back from its encoded form.
        OAuthPending kept = OAuthPending.decode(start.pending().encode());

        String pasted = signInInTheBrowser(start, Map.of("email", email, "password", pw));
        LinkedAccount linked = flow.complete(kept, OAuthRedirect.parse(pasted));

        assertLinkedTo(linked, email, info);
        assertThat(kept.isForgotten()).isTrue();
        // The credentials work for syncing: refreshed under the browser client, accepted by the tokenserver.
        SyncClientConfig config = SyncClientConfig.production().withFxa(fxa.config())
                .withTokenserverUrl(URI.create(env.baseUrl())).withUserAgent(ClientSandbox.USER_AGENT);
        SyncClient client = SyncClient.builder(config, linked.credentials()).http(env.http()).fxaClient(fxa).build();
        assertThat(client.infoCollections(null)).isPresent();
        assertThat(client.collectionKeys()).isPresent();
        // And the link can be revoked under its own client.
        fxa.destroy(linked.credentials().refreshToken(), linked.credentials().clientId());
        assertThat(catchThrowableOfType(FxaException.class, () -> fxa.refresh(linked.credentials().refreshToken(),
                IOS)).kind()).isEqualTo(FxaException.Kind.INVALID_TOKEN);
    }

    @Test
    void anAccountWithoutAPasswordLinksThroughTheBrowser() throws Exception {
        String email = ClientSandbox.newEmail("browser-passwordless");
        env.sandbox().createAccount(NewAccount.withoutPassword(email));
        String chosen = password();
        OAuthStart start = flow.begin();

        // The page asks such an account to create a password for Sync first, as the content server does.
        String pasted = signInInTheBrowser(start, Map.of("email", email, "new_password", chosen,
                "confirm_password", chosen));
        LinkedAccount linked = flow.complete(start.pending(), OAuthRedirect.parse(pasted));

        assertLinkedTo(linked, email, env.sandbox().account(email).orElseThrow());
    }

    @Test
    void aVersion2AccountWithAnUnblockCodeLinksThroughTheBrowser() throws Exception {
        String email = ClientSandbox.newEmail("browser-v2");
        String pw = password();
        AccountInfo info = env.sandbox().createAccount(NewAccount.of(email, pw).withPasswordVersion2());
        env.sandbox().requireUnblockCode(email, true);
        OAuthStart start = flow.begin();

        HttpResponse<String> page = get(start.authorizationUrl());
        Map<String, String> form = hiddenFields(page.body());
        form.putAll(Map.of("email", email, "password", pw));
        HttpResponse<String> askForCode = post(form);
        assertThat(askForCode.body()).contains("unblock_code");
        Map<String, String> withCode = hiddenFields(askForCode.body());
        withCode.put("unblock_code", env.sandbox().latestUnblockCode(email));
        HttpResponse<String> done = post(withCode);
        assertThat(done.statusCode()).as(done.body()).isEqualTo(302);

        LinkedAccount linked = flow.complete(start.pending(),
                OAuthRedirect.parse(done.headers().firstValue("Location").orElseThrow()));
        assertLinkedTo(linked, email, info);
    }

    /**
     * A malicious browser puts another key id (and random keys) in keys_jwe. The same client state with the account's
     * timestamp, another client state, or a later timestamp: the tokenserver refuses each for this account, and the
     * real owner still links afterwards.
     */
    @ParameterizedTest(name = "forged key id: {0}")
    @ValueSource(strings = { "other-client-state", "later-timestamp" })
    void aForgedKeyIdIsRefusedAndTheOwnerStillLinks(String forgery) throws Exception {
        String email = ClientSandbox.newEmail("forged-" + forgery);
        String pw = password();
        AccountInfo info = env.createAccount(email, pw, VerificationMode.NONE, ProfileSpec.small(ClientSandbox.nextSeed()));
        byte[] otherState = new byte[16];
        new SecureRandom().nextBytes(otherState);
        String b64 = Base64.getUrlEncoder().withoutPadding().encodeToString(otherState);
        String kid = forgery.equals("later-timestamp") ? (info.keyRotationTimestamp() + 60_000) + "-" + b64
                : info.keyRotationTimestamp() + "-" + b64;
        env.sandbox().forgeNextKeysJweKid(email, kid);
        int grantsBefore = env.sandbox().issuedSecrets(email).refreshTokens().size();

        OAuthStart start = flow.begin();
        String pasted = signInInTheBrowser(start, Map.of("email", email, "password", pw));
        FxaException refused = catchThrowableOfType(FxaException.class,
                () -> flow.complete(start.pending(), OAuthRedirect.parse(pasted)));

        assertThat(refused.kind()).isEqualTo(FxaException.Kind.KEY_MISMATCH);
        assertThat(refused.getMessage()).contains("nothing was linked").doesNotContain(b64);
        // The grant the forged sign-in produced was revoked.
        var refreshTokens = env.sandbox().issuedSecrets(email).refreshTokens();
        assertThat(refreshTokens).hasSizeGreaterThan(grantsBefore);
        assertThat(catchThrowableOfType(FxaException.class, () -> fxa.refresh(refreshTokens.getLast(), IOS)).kind())
                .isEqualTo(FxaException.Kind.INVALID_TOKEN);

        // The account's real keys are untouched at the tokenserver: its owner links as before.
        OAuthStart again = flow.begin();
        LinkedAccount owner = flow.complete(again.pending(),
                OAuthRedirect.parse(signInInTheBrowser(again, Map.of("email", email, "password", pw))));
        assertLinkedTo(owner, email, env.sandbox().account(email).orElseThrow());
        assertThat(env.sandbox().account(email).orElseThrow().storageUid()).isEqualTo(info.storageUid());
    }

    @Test
    void aStateFromAnotherAttemptIsRefusedBeforeAnyRequest() throws Exception {
        String email = ClientSandbox.newEmail("browser-state");
        String pw = password();
        env.createAccount(email, pw, VerificationMode.NONE, null);
        OAuthStart mine = flow.begin();
        OAuthStart other = flow.begin();
        String pasted = signInInTheBrowser(other, Map.of("email", email, "password", pw));

        FxaException e = catchThrowableOfType(FxaException.class,
                () -> flow.complete(mine.pending(), OAuthRedirect.parse(pasted)));

        assertThat(e.kind()).isEqualTo(FxaException.Kind.STATE_MISMATCH);
        // The code was not spent: the attempt it belongs to still completes.
        assertThat(flow.complete(other.pending(), OAuthRedirect.parse(pasted)).email()).isEqualTo(email);
    }
}
