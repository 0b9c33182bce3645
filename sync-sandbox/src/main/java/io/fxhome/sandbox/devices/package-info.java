/**
 * FxA devices and device commands as the auth server and pushbox keep them (the device records, each device's
 * command queue with its index and TTL), and the simulated Firefox's own device that sends and receives Send Tab
 * commands. Its Web Push encryption ({@link io.fxhome.sandbox.devices.BcWebPush}) is written independently of the
 * client's (Bouncy Castle's lightweight API, not the JDK's), so the two check each other.
 */
package io.fxhome.sandbox.devices;
