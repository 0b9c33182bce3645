/**
 * fxhome's framework-free Firefox Sync client, cut by protocol layer like application-services' sync15.
 *
 * <ul>
 * <li>{@code crypto}: onepw stretching, FxA token derivations, the account-keys bundle, kSync / X-KeyID, key
 * bundles, record encryption, crypto/keys, the OAuth keys_jwe decrypter.</li>
 * <li>{@code hawk}: request signing. {@code http}: the one HttpClient wrapper and back-off headers.</li>
 * <li>{@code fxa}: sign-in, session verification, linking ({@link io.fxhome.sync.fxa.FxaClient#completeLink}
 * yields the {@link io.fxhome.sync.fxa.SyncCredentials} to store), OAuth refresh/revoke, the PKCE code
 * flow.</li>
 * <li>{@code token}: tokenserver. {@code storage}: Sync 1.5 storage reads and streaming, decrypting downloads.</li>
 * <li>{@code client}: {@link io.fxhome.sync.client.SyncClient}, the façade for the worker and the doctor.</li>
 * <li>{@code records}: lenient typed views of cleartexts. {@code error}: the sealed
 * {@link io.fxhome.sync.error.SyncException} family and its {@link io.fxhome.sync.error.SyncStatus}.</li>
 * </ul>
 *
 * <p>
 * Nothing here persists state or writes to the Sync server; secrets redact themselves and never reach logs or
 * exception messages.
 */
package io.fxhome.sync;
