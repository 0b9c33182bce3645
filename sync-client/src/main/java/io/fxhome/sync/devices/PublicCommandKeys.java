package io.fxhome.sync.devices;

import io.fxhome.sync.webpush.PushKeys;

/**
 * What a device publishes so others can encrypt commands to it: its P-256 public key (uncompressed) and its auth
 * secret. The auth secret is only ever published encrypted under the oldsync key ({@link CommandKeysBundle}).
 *
 * @param publicKey the uncompressed P-256 point
 * @param authSecret the 16-octet auth secret
 */
public record PublicCommandKeys(byte[] publicKey, byte[] authSecret) {

    public static PublicCommandKeys of(PushKeys keys) {
        return new PublicCommandKeys(keys.publicKey(), keys.authSecret());
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] authSecret() {
        return authSecret.clone();
    }

    @Override
    public String toString() {
        return "PublicCommandKeys[<redacted>]";
    }
}
