package io.fxhome.sandbox.storage;

import java.util.List;

/** The validated parameters of {@code GET /storage/<collection>}. Null means "not given". */
public record BsoQuery(List<String> ids, Long newer, Long older, Sort sort, Integer limit, String offset, boolean full) {

    public static BsoQuery all() {
        return new BsoQuery(null, null, null, null, null, null, true);
    }
}
