package io.fxhome.worker.run;

import java.time.Instant;
import java.util.Optional;

import io.fxhome.sync.error.BackedOffException;
import io.fxhome.sync.error.NodeReassignedException;
import io.fxhome.sync.error.SyncException;
import io.fxhome.sync.error.SyncStatus;
import io.fxhome.sync.error.UntrustedEndpointException;

/**
 * A failure the Sync client reported, as SyncPlan reads it: the client's status, its message (routes and status codes,
 * never a secret), and the two facts some failures carry besides: until when a server asked us to wait, and whether the
 * account's data moved to another storage node, and whether the tokenserver named a storage endpoint the client refused
 * (the account's status then says so at once, not only after the job is given up on). Only here are the client's exception
 * types looked at, for that data;
 * what to do is decided by the status.
 */
record ClientFailure(SyncStatus status, String message, Optional<Instant> backoffUntil, boolean nodeReassigned,
        boolean endpointRefused) {

    ClientFailure(SyncStatus status, String message, Optional<Instant> backoffUntil, boolean nodeReassigned) {
        this(status, message, backoffUntil, nodeReassigned, false);
    }

    static ClientFailure of(SyncException e) {
        Optional<Instant> until = e instanceof BackedOffException backedOff ? Optional.ofNullable(backedOff.until())
                : Optional.empty();
        return new ClientFailure(e.status(), e.getMessage(), until, e instanceof NodeReassignedException,
                e instanceof UntrustedEndpointException);
    }
}
