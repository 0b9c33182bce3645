package io.fxhome.secrets;

/** A stored secret could not be decrypted: wrong key, or the bytes were altered. */
public class SecretDecryptionException extends RuntimeException {
    public SecretDecryptionException(String message) {
        super(message);
    }
}
