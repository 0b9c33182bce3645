package io.fxhome.sync.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** meta/global parsing, with the spec's own example and older, looser shapes. */
class MetaGlobalTest {

    @Test
    void parsesTheSpecExample() {
        MetaGlobal m = MetaGlobal.parse("{\"syncID\":\"7vO3Zcdu6V4I\",\"storageVersion\":5,"
                + "\"engines\":{\"clients\":{\"version\":1,\"syncID\":\"Re1DKzUQE2jt\"},"
                + "\"bookmarks\":{\"version\":2,\"syncID\":\"ApPN6v8VY42s\"},"
                + "\"forms\":{\"version\":1,\"syncID\":\"lLnCTaQM3SPR\"},"
                + "\"tabs\":{\"version\":1,\"syncID\":\"G1nU87H-7jdl\"},"
                + "\"history\":{\"version\":1,\"syncID\":\"9Tvy_Vlb44b2\"},"
                + "\"prefs\":{\"version\":2,\"syncID\":\"8eONx16GXAlp\"}},"
                + "\"declined\":[\"passwords\"]}", ServerTimestamp.parse("1700000000.00"));
        assertThat(m.syncId()).isEqualTo("7vO3Zcdu6V4I");
        assertThat(m.storageVersion()).isEqualTo(5);
        assertThat(m.engines()).hasSize(6);
        assertThat(m.engine("bookmarks")).contains(new MetaGlobal.EngineInfo(2, "ApPN6v8VY42s"));
        assertThat(m.declined()).containsExactly("passwords");
        assertThat(m.isEnabled("passwords")).isFalse();
        assertThat(m.modified().text()).isEqualTo("1700000000.00");
    }

    @Test
    void toleratesLooseShapes() {
        MetaGlobal m = MetaGlobal.parse("{\"storageVersion\":\"5\",\"engines\":{\"history\":{\"version\":\"1\"},"
                + "\"odd\":7},\"declined\":[null,\"forms\"]}", ServerTimestamp.ZERO);
        assertThat(m.storageVersion()).isEqualTo(5);
        assertThat(m.syncId()).isNull();
        assertThat(m.engine("history")).contains(new MetaGlobal.EngineInfo(1, null));
        assertThat(m.engines()).containsOnlyKeys("history");
        assertThat(m.declined()).containsExactly("forms");
    }

    @Test
    void withoutAStorageVersionItIsUnusable() {
        assertThatThrownBy(() -> MetaGlobal.parse("{\"syncID\":\"x\"}", ServerTimestamp.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MetaGlobal.parse("not json", ServerTimestamp.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
