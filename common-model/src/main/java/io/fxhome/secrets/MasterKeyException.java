package io.fxhome.secrets;

/** The master key is missing, malformed or does not match the data keys in the database. Fatal at start. */
public class MasterKeyException extends RuntimeException {
    public MasterKeyException(String message) {
        super(message);
    }
}
