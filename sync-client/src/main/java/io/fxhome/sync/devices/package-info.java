/**
 * FxA devices and device commands: registering fxhome as one of the account's devices, Send Tab ({@code open-uri})
 * keys and payloads as Mozilla's clients (application-services fxa-client, Firefox's FxAccountsCommands) write them,
 * and the HTTP calls for the device endpoints.
 */
package io.fxhome.sync.devices;
