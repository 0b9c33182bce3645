package io.fxhome.job;

/** Why a sync was asked for; decides the lane (a user waiting on the screen goes first). */
public enum SyncReason {
    /** The scheduler's regular tick. */
    SCHEDULED,
    /** The user pressed "sync now" or came back to the app. */
    INTERACTIVE,
    /** The account was just linked: the first, full download. */
    FIRST_LINK;

    public boolean interactive() {
        return this != SCHEDULED;
    }
}
