package io.fxhome.worker.tabs;

import java.math.BigDecimal;
import java.util.List;

/** A device's tabs record: the device's client id, the name it uploaded, when, and its tabs (most recent first). */
public record DeviceTabsRow(String clientId, String clientName, BigDecimal serverModified, List<TabRow> tabs) {
}
