package io.fxhome.sandbox;

/**
 * A tab the simulated Firefox sent.
 *
 * @param target the receiving device's id
 * @param index the command's index in the target's queue
 */
public record SentTab(String target, long index) {
}
