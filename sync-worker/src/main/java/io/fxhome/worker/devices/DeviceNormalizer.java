package io.fxhome.worker.devices;

import java.math.BigDecimal;

import io.fxhome.sync.records.ClientRecord;
import io.fxhome.sync.storage.DecryptedRecord;
import io.fxhome.worker.db.Text;

/** Turns a clients record into a device row. */
public final class DeviceNormalizer {
    private DeviceNormalizer() {
    }

    public static DeviceRow normalize(DecryptedRecord record) {
        ClientRecord c = ClientRecord.from(record);
        return new DeviceRow(Text.clean(c.id()), Text.clean(c.fxaDeviceId()), Text.clean(c.name()),
                Text.clean(c.deviceType()), Text.clean(c.os()), Text.clean(c.application()), Text.clean(c.version()),
                Text.clean(c.formfactor()), new BigDecimal(record.modified().text()));
    }
}
