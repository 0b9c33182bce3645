package io.fxhome.sandbox;

/** The demo account's sign-in (a sandbox account: its password is printed by the launcher, not a secret). */
public record DemoAccount(String email, String password) {
}
