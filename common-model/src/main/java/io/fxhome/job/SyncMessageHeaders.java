package io.fxhome.job;

/** AMQP headers fxhome puts on sync job messages, besides the standard properties. */
public final class SyncMessageHeaders {
    /** The {@link SyncJob#version()} of the body, so a worker can reject a message it cannot read without parsing it. */
    public static final String JOB_VERSION = "x-fxhome-job-version";
    /**
     * Name of the retry tier ({@link RetryTier#name()}); the retry exchange routes on it. No "x-" prefix: a headers
     * exchange ignores such headers when matching (and a binding left with no criteria would match every message).
     */
    public static final String RETRY_TIER = "fxhome-retry-tier";
    /** Why a job was dead-lettered by a worker (never contains a secret). */
    public static final String DEAD_REASON = "x-fxhome-dead-reason";
    /** The content type of every job body. */
    public static final String CONTENT_TYPE = "application/json";

    private SyncMessageHeaders() {
    }
}
