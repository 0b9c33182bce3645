package io.fxhome.worker.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.fxhome.sync.error.AuthenticationException;
import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.NetworkException;
import io.fxhome.sync.error.NodeReassignedException;
import io.fxhome.sync.error.SyncStatus;

/** What the plan learns from the client's exceptions: the status, and the data two of them carry. */
class ClientFailureTest {

    @Test
    void aBackoffCarriesItsTimeAndAReassignmentSaysSo() {
        Instant until = Instant.parse("2026-06-01T12:10:00Z");
        BackedOffException backedOff = new BackedOffException("GET /1.5/42/info/collections", until);
        assertThat(ClientFailure.of(backedOff))
                .isEqualTo(new ClientFailure(SyncStatus.BACKED_OFF, backedOff.getMessage(), Optional.of(until), false));
        NodeReassignedException moved = new NodeReassignedException(URI.create("https://node1.example/1.5/42"), 42,
                URI.create("https://node2.example/1.5/43"), 43);
        assertThat(ClientFailure.of(moved))
                .isEqualTo(new ClientFailure(SyncStatus.OTHER, moved.getMessage(), Optional.empty(), true));
    }

    @Test
    void anyOtherFailureIsItsStatusAndMessage() {
        AuthenticationException refused = new AuthenticationException("the tokenserver refused our credentials");
        assertThat(ClientFailure.of(refused)).isEqualTo(new ClientFailure(SyncStatus.AUTH,
                "the tokenserver refused our credentials", Optional.empty(), false));
        NetworkException offline = new NetworkException("GET /1.5/42/info/collections", new IOException("reset"));
        assertThat(ClientFailure.of(offline))
                .isEqualTo(new ClientFailure(SyncStatus.NETWORK, offline.getMessage(), Optional.empty(), false));
    }
}
