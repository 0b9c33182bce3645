package io.fxhome.sandbox.fxa;

import java.time.Instant;

/** A message the auth server "sent": the sandbox keeps it so tests can read sign-in codes. */
public record OutboxEmail(String to, String template, String subject, String code, Instant sentAt) {
}
