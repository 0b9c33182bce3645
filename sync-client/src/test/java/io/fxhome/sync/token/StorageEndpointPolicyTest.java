package io.fxhome.sync.token;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.error.UntrustedEndpointException;

/** Which storage endpoints a tokenserver answer may send the client to. */
class StorageEndpointPolicyTest {
    private static final URI HTTPS_TOKENSERVER = URI.create("https://token.services.mozilla.com");
    private static final URI HTTP_TOKENSERVER = URI.create("http://tokenserver.lan:8000");

    private static void refused(URI tokenserver, String endpoint, String why) {
        assertThatThrownBy(() -> StorageEndpointPolicy.check(tokenserver, URI.create(endpoint)))
                .isInstanceOf(UntrustedEndpointException.class).hasMessageContaining(why);
    }

    @Test
    void httpsIsAcceptedFromAnyTokenserverAndHttpOnlyFromAPlainHttpOne() {
        assertThatCode(() -> StorageEndpointPolicy.check(HTTPS_TOKENSERVER,
                URI.create("https://sync-1-us-west1-g.sync.services.mozilla.com/1.5/123"))).doesNotThrowAnyException();
        assertThatCode(() -> StorageEndpointPolicy.check(HTTP_TOKENSERVER, URI.create("https://storage.lan/1.5/1")))
                .doesNotThrowAnyException();
        assertThatCode(() -> StorageEndpointPolicy.check(HTTP_TOKENSERVER, URI.create("http://storage.lan:8000/1.5/1")))
                .doesNotThrowAnyException();
        refused(HTTPS_TOKENSERVER, "http://sync.example/1.5/1",
                "plain http (host 'sync.example') from a tokenserver reached over https");
    }

    @Test
    void otherSchemesHostlessUrlsAndUrlsCarryingMoreThanAPathAreRefused() {
        refused(HTTP_TOKENSERVER, "ftp://storage.lan/1.5/1", "scheme 'ftp' is not http(s)");
        refused(HTTP_TOKENSERVER, "file:///etc/passwd", "scheme 'file' is not http(s)");
        refused(HTTPS_TOKENSERVER, "javascript:alert(1)", "scheme 'javascript' is not http(s)");
        refused(HTTPS_TOKENSERVER, "/1.5/1", "scheme '' is not http(s)");
        refused(HTTPS_TOKENSERVER, "https:/1.5/1", "no host");
        refused(HTTPS_TOKENSERVER, "https://user:pw@sync.example/1.5/1", "user info, query or fragment");
        refused(HTTPS_TOKENSERVER, "https://sync.example/1.5/1?x=1", "user info, query or fragment");
        refused(HTTPS_TOKENSERVER, "https://sync.example/1.5/1#top", "user info, query or fragment");
    }
}
