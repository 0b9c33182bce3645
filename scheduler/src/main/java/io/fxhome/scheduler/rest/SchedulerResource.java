package io.fxhome.scheduler.rest;

import java.time.Clock;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.fxhome.job.InteractiveSyncOutcome;
import io.fxhome.job.InteractiveSyncService;
import io.fxhome.job.SyncReason;
import io.fxhome.scheduler.control.SchedulerControlStore;
import io.fxhome.scheduler.control.TickReport;
import io.fxhome.scheduler.status.SchedulerStatus;
import io.fxhome.scheduler.status.SchedulerStatusService;
import io.fxhome.scheduler.tick.TickRunner;
import io.quarkus.logging.Log;

/**
 * Operators' JSON API. Meant for the internal network only, like /q/metrics: it has no authentication of its own.
 */
@Path("/api/scheduler")
@Produces(MediaType.APPLICATION_JSON)
public class SchedulerResource {
    @Inject
    SchedulerStatusService status;
    @Inject
    SchedulerControlStore control;
    @Inject
    TickRunner runner;
    @Inject
    InteractiveSyncService interactive;
    @Inject
    Clock clock;

    @GET
    @Path("/status")
    public SchedulerStatus status() {
        return status.status();
    }

    /** Stops scheduled syncs of all accounts (from the next batch on); interactive syncs still run. */
    @POST
    @Path("/pause")
    public SchedulerStatus pause() {
        control.setPaused(true, clock.instant());
        Log.info("scheduling paused for all accounts by an operator");
        return status.status();
    }

    @POST
    @Path("/resume")
    public SchedulerStatus resume() {
        control.setPaused(false, clock.instant());
        Log.info("scheduling resumed for all accounts by an operator");
        return status.status();
    }

    /** Stops one account's scheduled syncs until resumed. */
    @POST
    @Path("/accounts/{id}/pause")
    public Response pauseAccount(@PathParam("id") UUID accountId) {
        return setAccountPaused(accountId, true);
    }

    @POST
    @Path("/accounts/{id}/resume")
    public Response resumeAccount(@PathParam("id") UUID accountId) {
        return setAccountPaused(accountId, false);
    }

    /** Enqueues an interactive sync of one account now (rate-limited like the user's own button). */
    @POST
    @Path("/accounts/{id}/sync")
    public InteractiveSyncOutcome syncAccount(@PathParam("id") UUID accountId) {
        InteractiveSyncOutcome outcome = interactive.request(accountId, SyncReason.INTERACTIVE);
        if (outcome.result() == InteractiveSyncOutcome.Result.UNKNOWN_ACCOUNT) {
            throw new NotFoundException("no account " + accountId);
        }
        return outcome;
    }

    /** Runs a tick on this instance now and answers what it did; 409 if this instance is already running one. */
    @POST
    @Path("/tick")
    public TickReport tick() {
        return runner.runOnce().orElseThrow(
                () -> new WebApplicationException("a tick is already running on this instance", Response.Status.CONFLICT));
    }

    private Response setAccountPaused(UUID accountId, boolean paused) {
        if (!control.setAccountPaused(accountId, paused)) {
            throw new NotFoundException("no account " + accountId);
        }
        status.invalidate();
        Log.infof("scheduled syncs of account %s %s by an operator", accountId, paused ? "paused" : "resumed");
        return Response.noContent().build();
    }
}
