package io.fxhome.worker.run;

import io.fxhome.job.SyncJob;

/**
 * How a delivered job ended, and the job whose plan that outcome decides ({@link SyncPlan#settle}): the delivered job,
 * or, when a sync run again for a request made meanwhile failed, that sync's own job, so that the request's retry is a
 * whole interactive sync whatever the delivered job was (a scheduled sync, a Send Tab poll), and a delivered job that
 * succeeded is not counted as failed.
 */
public record SyncResult(SyncOutcome outcome, SyncJob settles) {
}
