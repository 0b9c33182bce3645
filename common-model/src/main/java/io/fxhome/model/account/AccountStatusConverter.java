package io.fxhome.model.account;

import jakarta.persistence.AttributeConverter;
import jakarta.persistence.Converter;

@Converter
public class AccountStatusConverter implements AttributeConverter<AccountStatus, String> {
    @Override
    public String convertToDatabaseColumn(AccountStatus status) {
        return status == null ? null : status.dbValue();
    }

    @Override
    public AccountStatus convertToEntityAttribute(String value) {
        return value == null ? null : AccountStatus.fromDb(value);
    }
}
