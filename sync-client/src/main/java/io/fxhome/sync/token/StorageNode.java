package io.fxhome.sync.token;

import java.net.URI;

/**
 * Where a user's Sync data lives: the tokenserver's {@code api_endpoint} and {@code uid}. A change of either between
 * two tokens is a node reassignment; callers persist it to detect that across runs.
 */
public record StorageNode(URI apiEndpoint, long uid) {
}
