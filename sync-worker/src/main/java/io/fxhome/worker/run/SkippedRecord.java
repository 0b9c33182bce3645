package io.fxhome.worker.run;

/** A record a sync had to skip, and why; stored with the run, never fatal to it. */
public record SkippedRecord(String collection, String id, String reason) {
}
