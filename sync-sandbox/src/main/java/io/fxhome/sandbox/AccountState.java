package io.fxhome.sandbox;

import io.fxhome.sandbox.firefox.SimulatedFirefox;
import io.fxhome.sandbox.fxa.Account;
import io.fxhome.sandbox.tokenserver.SyncUser;

/** One account: its FxA record, its tokenserver record, and the Firefox that uploaded its data. */
record AccountState(Account account, SyncUser syncUser, SimulatedFirefox firefox) {
}
