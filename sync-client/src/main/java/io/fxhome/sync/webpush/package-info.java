/**
 * Web Push message encryption: the {@code aes128gcm} content coding (RFC 8188) and its key agreement for push
 * messages (RFC 8291, P-256 ECDH plus an auth secret). FxA device commands (Send Tab) use exactly this, with the
 * receiving device's published key and auth secret. JDK crypto only.
 */
package io.fxhome.sync.webpush;
