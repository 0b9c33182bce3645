package io.fxhome.worker.tabs;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import io.fxhome.sync.records.TabsRecord;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.worker.db.Text;

/** Turns a device's tabs record into rows; tabs without a URL are dropped (Firefox shows none for them either). */
public final class TabsNormalizer {
    private TabsNormalizer() {
    }

    public static DeviceTabsRow normalize(DecryptedRecord record) {
        TabsRecord t = TabsRecord.from(record);
        List<TabRow> tabs = new ArrayList<>();
        for (TabsRecord.RemoteTab tab : t.tabs()) {
            tab.url().ifPresent(url -> tabs.add(new TabRow(Text.clean(tab.title()), Text.clean(url),
                    tab.urlHistory().stream().map(Text::clean).toList(), Text.clean(tab.icon()),
                    tab.lastUsed().orElse(null), Boolean.TRUE.equals(tab.pinned()), Boolean.TRUE.equals(tab.inactive()))));
        }
        return new DeviceTabsRow(Text.clean(t.id()), Text.clean(t.clientName()), new BigDecimal(record.modified().text()),
                tabs);
    }
}
