package io.fxhome.sandbox.fxa;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Every e-mail the sandbox's auth server sent, newest last. */
public final class EmailOutbox {
    private final List<OutboxEmail> sent = new ArrayList<>();

    public synchronized void send(OutboxEmail email) {
        sent.add(email);
    }

    public synchronized List<OutboxEmail> to(String address) {
        String a = address.toLowerCase(Locale.ROOT);
        return sent.stream().filter(e -> e.to().toLowerCase(Locale.ROOT).equals(a)).toList();
    }

    public synchronized List<OutboxEmail> all() {
        return new ArrayList<>(sent);
    }
}
