package io.fxhome.sandbox.generator;

import java.util.Locale;
import java.util.SplittableRandom;

/** Sites and words that make generated browsing data look like a person's. */
final class Vocabulary {
    /** Popular hosts, most visited first (history picks them with a Zipf law, so a few dominate). */
    static final String[][] SITES = {
            { "www.google.com", "Google" }, { "www.youtube.com", "YouTube" }, { "github.com", "GitHub" },
            { "en.wikipedia.org", "Wikipedia" }, { "mail.google.com", "Gmail" }, { "stackoverflow.com", "Stack Overflow" },
            { "www.reddit.com", "Reddit" }, { "developer.mozilla.org", "MDN Web Docs" },
            { "news.ycombinator.com", "Hacker News" },
            { "www.bbc.co.uk", "BBC" }, { "www.nytimes.com", "The New York Times" }, { "www.theguardian.com", "The Guardian" },
            { "www.amazon.com", "Amazon.com" }, { "docs.python.org", "Python documentation" }, { "www.mozilla.org", "Mozilla" },
            { "support.mozilla.org", "Mozilla Support" }, { "addons.mozilla.org", "Firefox Add-ons" },
            { "www.openstreetmap.org", "OpenStreetMap" }, { "maps.google.com", "Google Maps" }, { "twitter.com", "X" },
            { "www.linkedin.com", "LinkedIn" }, { "www.lemonde.fr", "Le Monde" }, { "www.spiegel.de", "DER SPIEGEL" },
            { "www.imdb.com", "IMDb" }, { "www.netflix.com", "Netflix" }, { "open.spotify.com", "Spotify" },
            { "docs.oracle.com", "Oracle Help Center" }, { "quarkus.io", "Quarkus" }, { "www.postgresql.org", "PostgreSQL" },
            { "arstechnica.com", "Ars Technica" }, { "www.theverge.com", "The Verge" }, { "www.allrecipes.com", "Allrecipes" },
            { "www.booking.com", "Booking.com" }, { "www.airbnb.com", "Airbnb" }, { "www.ebay.com", "eBay" },
            { "www.etsy.com", "Etsy" }, { "medium.com", "Medium" }, { "dev.to", "DEV Community" },
            { "www.rust-lang.org", "Rust" }, { "crates.io", "crates.io" }, { "pypi.org", "PyPI" },
            { "www.npmjs.com", "npm" }, { "hub.docker.com", "Docker Hub" }, { "kubernetes.io", "Kubernetes" },
            { "www.weather.gov", "National Weather Service" }, { "www.bbc.com", "BBC News" },
            { "www.lefigaro.fr", "Le Figaro" },
            { "www.nhk.or.jp", "NHK" }, { "www.zeit.de", "ZEIT ONLINE" }, { "www.elpais.com", "EL PAÍS" },
            { "archive.org", "Internet Archive" }, { "www.gutenberg.org", "Project Gutenberg" },
            { "www.khanacademy.org", "Khan Academy" }, { "www.coursera.org", "Coursera" },
            { "bugzilla.mozilla.org", "Bugzilla" },
            { "hg.mozilla.org", "Mercurial" }, { "blog.mozilla.org", "The Mozilla Blog" }, { "www.w3.org", "W3C" },
            { "datatracker.ietf.org", "IETF Datatracker" }, { "www.rfc-editor.org", "RFC Editor" },
    };

    static final String[] WORDS = {
            "firefox", "sync", "privacy", "recipe", "weather", "travel", "guide", "release", "notes", "review", "best",
            "how", "to", "install", "configure", "linux", "windows", "mac", "android", "python", "java", "rust", "api",
            "reference", "tutorial", "news", "today", "world", "science", "space", "climate", "football", "music",
            "video", "photos", "garden", "coffee", "bread", "pasta", "budget", "flights", "hotel", "train", "bike",
            "marathon", "history", "museum", "paris", "berlin", "tokyo", "london", "lisbon", "database", "postgres",
            "query", "index", "performance", "benchmark", "security", "password", "bookmark", "extension", "theme",
            "keyboard", "shortcut", "map", "hiking", "camping", "book", "novel", "poetry", "chess", "puzzle", "game",
            "report", "invoice", "meeting", "calendar", "email", "draft", "question", "answer", "error", "fix", "bug",
    };

    static final String[] FOLDER_NAMES = {
            "Work", "Recipes", "Travel", "Reading list", "Dev", "News", "Shopping", "Music", "Kids", "Finance",
            "Projects", "Research", "Tools", "Docs", "Archive", "Health", "Home", "Photography", "Ideas", "Later",
    };

    static final String[] TAGS = { "work", "read-later", "recipe", "dev", "travel", "news", "reference", "fun", "todo" };

    private Vocabulary() {
    }

    static String word(SplittableRandom r) {
        return WORDS[r.nextInt(WORDS.length)];
    }

    static String slug(SplittableRandom r, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                sb.append('-');
            }
            sb.append(word(r));
        }
        return sb.toString();
    }

    static String titleWords(SplittableRandom r, int words) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = word(r);
            if (i > 0) {
                sb.append(' ');
            }
            sb.append(i == 0 ? w.substring(0, 1).toUpperCase(Locale.ROOT) + w.substring(1) : w);
        }
        return sb.toString();
    }
}
