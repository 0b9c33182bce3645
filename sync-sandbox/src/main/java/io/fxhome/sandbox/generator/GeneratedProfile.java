package io.fxhome.sandbox.generator;

import java.util.List;
import java.util.Map;

/**
 * The records of a generated profile by collection, each with its upload time, plus the spec that made them. Key
 * material and sync ids are not here: the simulated Firefox derives them from the same seed when it uploads.
 */
public record GeneratedProfile(ProfileSpec spec, Map<String, List<GeneratedRecord>> collections) {

    public int recordCount() {
        return collections.values().stream().mapToInt(List::size).sum();
    }
}
