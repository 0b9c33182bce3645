package io.fxhome.sandbox.storage;

import java.util.List;

/** One page of a collection read: the BSOs, the next offset (null on the last page) and the collection timestamp. */
public record Page(List<StoredBso> items, String nextOffset, long collectionModified) {
}
