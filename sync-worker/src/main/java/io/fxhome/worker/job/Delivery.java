package io.fxhome.worker.job;

/** Where a job came from: its lane (the incoming channel's name) and the consumer registration that delivered it. */
public record Delivery(String lane, String consumerTag) {
}
