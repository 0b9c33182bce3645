package io.fxhome.web.feeds;

import java.net.URI;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.UriBuilder;

import io.fxhome.web.tabs.TabsRepository;

/** The absolute addresses of an account's feeds under a feed key (feed readers need absolute ones). */
@ApplicationScoped
public class FeedAddresses {
    public record DeviceFeed(String clientId, String device, String url) {
    }

    /** The feed URLs, shown once: each holds the feed secret, of which fxhome keeps only the hash. */
    public record FeedUrls(String bookmarks, List<DeviceFeed> tabs) {
        @Override
        public String toString() {
            return "FeedUrls[<redacted>]";
        }
    }

    private final TabsRepository tabs;

    public FeedAddresses(TabsRepository tabs) {
        this.tabs = tabs;
    }

    public FeedUrls of(URI base, String key, UUID account) {
        UriBuilder root = UriBuilder.fromUri(base).path("feeds").path(key);
        List<DeviceFeed> devices = tabs.byDevice(account).stream()
                .map(d -> new DeviceFeed(d.clientId(), d.name(),
                        // a template value, so that the client id is encoded whatever it holds (braces included)
                        root.clone().path("tabs.atom").queryParam("device", "{device}").build(d.clientId()).toString()))
                .toList();
        return new FeedUrls(root.clone().path("bookmarks.atom").build().toString(), devices);
    }
}
