package io.fxhome.sync.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.fxhome.sandbox.generator.CleartextTruth;
import io.fxhome.sandbox.generator.ProfileSpec;
import io.fxhome.sync.client.SyncClient;

/**
 * Every collection of generated accounts (hostile content: markup, javascript:/data: URLs, a 10,000-character title,
 * non-BMP characters, right-to-left overrides; tombstones; a per-collection key for bookmarks) downloaded and decrypted
 * by fxhome's client, and compared record by record with the sandbox's cleartext truth.
 */
class DownloadTruthTest {
    private static ClientSandbox env;

    @BeforeAll
    static void start() {
        env = ClientSandbox.start();
    }

    @AfterAll
    static void stop() {
        env.close();
    }

    @Test
    void smallProfileInOnePagePerCollection() {
        ProfileSpec spec = ProfileSpec.small(ClientSandbox.nextSeed());
        assertThat(spec.hostile()).isTrue();
        ClientSandbox.Linked a = env.linkedAccount("small", spec);
        CleartextTruth truth = env.sandbox().truth(a.email());
        assertThat(truth.collection("bookmarks").tombstones()).isNotEmpty();

        TruthAssertions.assertAccountEqualsTruth(env.client(a.account(), 1000), truth, 1000);
    }

    @Test
    void mediumProfileInSmallPages() {
        ProfileSpec spec = ProfileSpec.medium(ClientSandbox.nextSeed());
        ClientSandbox.Linked a = env.linkedAccount("medium", spec);
        CleartextTruth truth = env.sandbox().truth(a.email());
        assertThat(truth.collection("history").records().size()).isGreaterThan(4000);

        SyncClient client = env.client(a.account(), 97);
        TruthAssertions.assertAccountEqualsTruth(client, truth, 97);
    }

    @Test
    void corruptRecordsAreSkippedWithTheirReasonAndEverythingElseArrives() {
        ProfileSpec spec = ProfileSpec.small(ClientSandbox.nextSeed()).withCorruptRecords(true, true);
        ClientSandbox.Linked a = env.linkedAccount("corrupt-profile", spec);
        CleartextTruth truth = env.sandbox().truth(a.email());
        assertThat(truth.collection("history").skipped()).hasSize(2);

        TruthAssertions.assertAccountEqualsTruth(env.client(a.account(), 50), truth, 50);
    }
}
