package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.assertPdu;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.ListEnd;
import org.p2pkit.model.ListEntry;
import org.p2pkit.model.ListRequest;
import org.p2pkit.model.Registration;

/** The list reply: format, order, paging (spec IDX-LIST-1 to IDX-LIST-7). */
class ListRepliesTest {
    private static List<ContentName> contents(String... names) {
        List<ContentName> result = new ArrayList<>();
        for (String name : names) {
            result.add(content(name));
        }
        return result;
    }

    /** The entries a snapshot stands for: 8 contents per entry, in list order (IDX-LIST-2, IDX-LIST-6). */
    private static List<ListEntry> entriesOf(List<RegisteredPeer> snapshot) {
        List<ListEntry> entries = new ArrayList<>();
        for (RegisteredPeer p : snapshot) {
            List<ContentName> names = p.contents().stream().map(RegisteredPeer.Content::content).toList();
            for (int from = 0; from < names.size(); from += ListEntry.MAX_CONTENTS) {
                entries.add(new ListEntry(p.peer(), names.subList(from, Math.min(from + 8, names.size()))));
            }
        }
        return entries;
    }

    /** Follows the continuations from entry 0 to the complete end, checking each page's size (IDX-LIST-4). */
    private static List<ListEntry> allPages(Registry registry) {
        List<ListEntry> entries = new ArrayList<>();
        int start = 0;
        while (true) {
            ListPage page = registry.list(start, RequestHandler.LIST_PAGE_ENTRIES);
            assertTrue(page.entries().size() <= RequestHandler.LIST_PAGE_ENTRIES);
            entries.addAll(page.entries());
            if (page.end().isComplete()) {
                return entries;
            }
            assertEquals(RequestHandler.LIST_PAGE_ENTRIES, page.entries().size(), "only a full page continues");
            start = page.end().continueAt();
        }
    }

    @Test
    @DisplayName("IDX-LIST-4/5: 25 peers come in 3 pages of at most 10 entries over UDP")
    void twentyFivePeersComeInThreePages() throws IOException {
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback());
                UdpClient client = new UdpClient(index.address())) {
            for (int i = 0; i < 25; i++) {
                index.registry().register(peer(String.format("p%02d", i)), content("song"), address("10.0.0.1", 40000 + i));
            }
            List<List<byte[]>> pages = new ArrayList<>();
            pages.add(client.list(new ListRequest(peer("carol"))));
            pages.add(client.list(new ListRequest(peer("carol"), 10)));
            pages.add(client.list(new ListRequest(peer("carol"), 20)));
            int[] sizes = {10, 10, 5};
            ListEnd[] ends = {new ListEnd(10), new ListEnd(20), ListEnd.COMPLETE};
            int n = 0;
            for (int page = 0; page < 3; page++) {
                List<byte[]> replies = pages.get(page);
                assertEquals(sizes[page] + 1, replies.size(), "page " + page);
                for (int i = 0; i < sizes[page]; i++) {
                    assertPdu(new ListEntry(peer(String.format("p%02d", n++)), contents("song")), replies.get(i));
                }
                assertPdu(ends[page], replies.get(sizes[page]));
            }
            assertEquals("List continues at 10", Pdus.textOf(pages.get(0).get(10)));
        }
    }

    @Test
    @DisplayName("IDX-LIST-2: a peer with 20 contents takes 3 entries of 8, 8 and 4, in registration order")
    void peerWithTwentyContentsTakesThreeEntries() throws IOException {
        try (IndexServer index = IndexServer.start(IndexOptions.ephemeralLoopback());
                UdpClient client = new UdpClient(index.address())) {
            for (int i = 1; i <= 20; i++) {
                assertPdu(IndexReplies.ACK, client.exchange(
                        new Registration(peer("hoarder"), content(String.format("c%02d", i)), address("127.0.0.1", 4000))));
            }
            List<byte[]> replies = client.list(new ListRequest(peer("carol")));
            assertEquals(4, replies.size());
            assertPdu(new ListEntry(peer("hoarder"), contents("c01", "c02", "c03", "c04", "c05", "c06", "c07", "c08")),
                    replies.get(0));
            assertEquals("hoarder  /c01      /c02      /c03      /c04      /c05      /c06      /c07      /c08      ",
                    Pdus.textOf(replies.get(0)), "a full entry fits the 100 bytes of data");
            assertPdu(new ListEntry(peer("hoarder"), contents("c09", "c10", "c11", "c12", "c13", "c14", "c15", "c16")),
                    replies.get(1));
            assertPdu(new ListEntry(peer("hoarder"), contents("c17", "c18", "c19", "c20")), replies.get(2));
            assertPdu(ListEnd.COMPLETE, replies.get(3));
        }
    }

    @Test
    @DisplayName("IDX-LIST-5: a page may start inside a peer's entries; a start past the end gives only the complete end")
    void pagesCutAcrossPeersAndStartPastEnd() {
        Registry registry = new LocalRegistry(IndexLimits.DEFAULTS);
        for (int i = 1; i <= 20; i++) {
            registry.register(peer("big"), content("c" + i), address("127.0.0.1", 4000));
        }
        for (int i = 0; i < 9; i++) {
            registry.register(peer("small" + i), content("song"), address("127.0.0.1", 5000 + i));
        }
        // 3 entries for big, 9 for the small peers: 12 in all.
        ListPage second = registry.list(2, 10);
        assertEquals(10, second.entries().size());
        assertEquals(new ListEntry(peer("big"), contents("c17", "c18", "c19", "c20")), second.entries().get(0));
        assertEquals(new ListEntry(peer("small8"), contents("song")), second.entries().get(9));
        assertEquals(ListEnd.COMPLETE, second.end());
        assertEquals(new ListEnd(10), registry.list(0, 10).end());
        assertEquals(List.of(), registry.list(12, 10).entries());
        assertEquals(ListEnd.COMPLETE, registry.list(12, 10).end());
        assertEquals(ListEnd.COMPLETE, registry.list(999_999_999, 10).end());
    }

    @Test
    @DisplayName("IDX-LIST-6: after churn, peers are listed by first registration and contents by registration")
    void listAfterChurn() {
        Registry registry = new LocalRegistry(IndexLimits.DEFAULTS);
        RequestHandler handler = new RequestHandler(registry);
        handler.handle(new Registration(peer("a"), content("x"), address("127.0.0.1", 1)));
        handler.handle(new Registration(peer("b"), content("x"), address("127.0.0.1", 2)));
        handler.handle(new Registration(peer("c"), content("x"), address("127.0.0.1", 3)));
        handler.handle(new Registration(peer("a"), content("y"), address("127.0.0.1", 1)));
        handler.handle(new Registration(peer("a"), content("z"), address("127.0.0.1", 1)));
        registry.deregister(peer("a"), content("x"));
        registry.removePeer(peer("b"));
        registry.deregister(peer("c"), content("x")); // c has nothing left: forgotten (IDX-DEREG-4)
        handler.handle(new Registration(peer("c"), content("w"), address("127.0.0.1", 3)));
        handler.handle(new Registration(peer("a"), content("x"), address("127.0.0.1", 1)));
        handler.handle(new Registration(peer("d"), content("x"), address("127.0.0.1", 4)));

        assertEquals(List.of(
                new ListEntry(peer("a"), contents("y", "z", "x")),
                new ListEntry(peer("c"), contents("w")),
                new ListEntry(peer("d"), contents("x")),
                ListEnd.COMPLETE),
                handler.handle(new ListRequest(peer("carol"))));
    }

    @Test
    @DisplayName("IDX-LIST-4/5/6: paging through a large churned registry gives every entry exactly once, in order")
    void largeListPagedEqualsSnapshot() {
        Registry registry = new LocalRegistry(IndexLimits.DEFAULTS);
        Random random = new Random(42);
        for (int i = 0; i < 3000; i++) {
            String name = "p" + random.nextInt(800);
            switch (random.nextInt(10)) {
                case 0:
                    registry.removePeer(peer(name));
                    break;
                case 1:
                case 2:
                    registry.deregister(peer(name), content("c" + random.nextInt(20)));
                    break;
                default:
                    registry.register(peer(name), content("c" + random.nextInt(20)), address("127.0.0.1", 1 + i));
            }
        }
        List<ListEntry> expected = entriesOf(registry.snapshot());
        assertTrue(expected.size() > 500, "a list of many pages");
        assertEquals(expected, allPages(registry));
    }

    @Test
    @DisplayName("IDX-LIST-1: listing is read-only")
    void listingChangesNothing() {
        Registry registry = new LocalRegistry(IndexLimits.DEFAULTS);
        registry.register(peer("a"), content("x"), address("127.0.0.1", 1));
        registry.search(content("x"));
        var before = registry.snapshot();
        allPages(registry);
        assertEquals(before, registry.snapshot());
    }
}
