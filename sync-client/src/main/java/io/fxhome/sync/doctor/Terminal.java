package io.fxhome.sync.doctor;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;

/** Asks the operator for a code on stderr/stdin, so that stdout stays one JSON document. */
final class Terminal {
    private final BufferedReader in;
    private final PrintStream prompts;

    Terminal(BufferedReader in, PrintStream prompts) {
        this.in = in;
        this.prompts = prompts;
    }

    /** Prints {@code question} and reads one line (trimmed); null at end of input. */
    String ask(String question) {
        prompts.print(question + " ");
        prompts.flush();
        try {
            String line = in.readLine();
            return line == null ? null : line.trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void say(String message) {
        prompts.println(message);
    }
}
