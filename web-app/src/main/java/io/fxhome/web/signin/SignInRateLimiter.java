package io.fxhome.web.signin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fxhome.web.config.WebConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sliding-window limits on sign-in attempts per client address and per email address, kept in memory: they protect
 * Firefox Accounts (and our client id's reputation) from password guessing through fxhome. Each instance counts on
 * its own, so behind N instances an address gets at most N times the limit.
 */
@ApplicationScoped
public class SignInRateLimiter {
    private static final int MAX_KEYS = 200_000;

    private final WebConfig.SignIn config;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, Deque<Instant>> attempts = new ConcurrentHashMap<>();

    public SignInRateLimiter(WebConfig config) {
        this.config = config.signIn();
    }

    /**
     * Counts one attempt for both keys, unless either is over its limit.
     *
     * @return empty when allowed, else how long until the next attempt is allowed
     */
    public Optional<Duration> attempt(String address, String email) {
        Instant now = clock.instant();
        if (attempts.size() > MAX_KEYS) {
            attempts.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    return e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(now.minus(config.window()));
                }
            });
        }
        String a = "a:" + address;
        String m = "m:" + (email == null ? "" : email.trim().toLowerCase(Locale.ROOT));
        Deque<Instant> byAddress = attempts.computeIfAbsent(a, k -> new ArrayDeque<>());
        Deque<Instant> byEmail = attempts.computeIfAbsent(m, k -> new ArrayDeque<>());
        // Lock in a fixed order so that two requests never deadlock on the pair.
        Deque<Instant> first = a.compareTo(m) < 0 ? byAddress : byEmail;
        Deque<Instant> second = first == byAddress ? byEmail : byAddress;
        synchronized (first) {
            synchronized (second) {
                Optional<Duration> wait = over(byAddress, config.perAddress(), now).or(() -> over(byEmail, config.perEmail(), now));
                if (wait.isEmpty()) {
                    byAddress.addLast(now);
                    byEmail.addLast(now);
                }
                return wait;
            }
        }
    }

    private Optional<Duration> over(Deque<Instant> window, int limit, Instant now) {
        Instant since = now.minus(config.window());
        while (!window.isEmpty() && !window.peekFirst().isAfter(since)) {
            window.removeFirst();
        }
        if (window.size() < limit) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, window.peekFirst().plus(config.window())));
    }
}
