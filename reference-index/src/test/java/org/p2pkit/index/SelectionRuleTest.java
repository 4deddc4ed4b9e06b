package org.p2pkit.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.p2pkit.index.Pdus.address;
import static org.p2pkit.index.Pdus.content;
import static org.p2pkit.index.Pdus.peer;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.p2pkit.model.ContentName;
import org.p2pkit.model.PeerAddress;
import org.p2pkit.model.PeerName;
import org.p2pkit.model.SearchHit;

/** The search rule of spec IDX-SEARCH-2 and IDX-SEARCH-4, on the registry. */
class SelectionRuleTest {
    private static final ContentName SONG = content("song");

    private final Registry registry = new LocalRegistry(IndexLimits.DEFAULTS);

    private static PeerAddress at(int n) {
        return address("10.0.0." + (n % 250 + 1), 40000 + n);
    }

    private void register(String peer, String content, int addressNumber) {
        assertEquals(RegistrationOutcome.REGISTERED, registry.register(peer(peer), content(content), at(addressNumber)));
    }

    private PeerName searchSong() {
        return registry.search(SONG).holder();
    }

    private long served(String peer, String content) {
        return registry.snapshot().stream().filter(p -> p.peer().equals(peer(peer)))
                .flatMap(p -> p.contents().stream()).filter(c -> c.content().equals(content(content)))
                .findFirst().orElseThrow().served();
    }

    @Test
    @DisplayName("IDX-SEARCH-2/4: over many holders and searches the fewest-served holder answers, oldest on a tie")
    void searchPicksHolderWithFewestServedDownloads() {
        int holders = 7;
        for (int i = 0; i < holders; i++) {
            register("h" + i, "song", i);
        }
        // Counts grow by one per answer, so the holders take turns in registration order.
        for (int search = 0; search < 50; search++) {
            assertEquals(peer("h" + (search % holders)), searchSong(), "search " + search);
        }
        for (int i = 0; i < holders; i++) {
            assertEquals(50 / holders + (i < 50 % holders ? 1 : 0), served("h" + i, "song"), "served count of h" + i);
        }
    }

    @Test
    @DisplayName("IDX-SEARCH-2: a new holder with 0 served answers until it has caught up")
    void newHolderAnswersUntilItCatchesUp() {
        register("old1", "song", 1);
        register("old2", "song", 2);
        for (int i = 0; i < 6; i++) {
            searchSong(); // 3 each
        }
        register("new", "song", 3);
        for (int i = 0; i < 3; i++) {
            assertEquals(peer("new"), searchSong());
        }
        // All at 3: back to the oldest registration.
        assertEquals(peer("old1"), searchSong());
        assertEquals(peer("old2"), searchSong());
        assertEquals(peer("new"), searchSong());
    }

    @Test
    @DisplayName("IDX-SEARCH-2: the tie-break is the registration of that content, not the peer's age")
    void tieBreakIsOldestRegistrationOfThatContent() {
        register("elder", "poem", 1); // the older peer...
        register("junior", "song", 2); // ...but junior registered song first
        register("elder", "song", 1);
        assertEquals(peer("junior"), searchSong());
        assertEquals(peer("elder"), searchSong());
    }

    @Test
    @DisplayName("IDX-SEARCH-2: counts are per (holder, content): serving one content does not favour another")
    void countsArePerRegistration() {
        register("a", "song", 1);
        register("b", "song", 2);
        register("a", "poem", 1);
        register("b", "poem", 2);
        ContentName poem = content("poem");
        assertEquals(peer("a"), registry.search(poem).holder());
        assertEquals(peer("b"), registry.search(poem).holder());
        assertEquals(peer("a"), registry.search(poem).holder());
        // a has served poem twice, but song never: for song, a and b tie and the older a answers.
        assertEquals(peer("a"), searchSong());
        assertEquals(1, served("a", "song"));
        assertEquals(0, served("b", "song"));
        assertEquals(2, served("a", "poem"));
        assertEquals(1, served("b", "poem"));
    }

    @Test
    @DisplayName("IDX-SEARCH-2: the asking peer is not excluded")
    void askingPeerIsNotExcluded() {
        register("carol", "song", 1);
        assertEquals(peer("carol"), searchSong());
    }

    @Test
    @DisplayName("IDX-SEARCH-3: the hit carries the holder's current address (IDX-REG-4: latest registration wins)")
    void hitCarriesLatestAddress() {
        register("alice", "song", 1);
        assertEquals(new SearchHit(peer("alice"), at(1)), registry.search(SONG));
        register("alice", "poem", 9);
        assertEquals(new SearchHit(peer("alice"), at(9)), registry.search(SONG));
    }

    @Test
    @DisplayName("IDX-REG-3: a duplicate registration from a new address changes nothing, not even the address")
    void duplicateFromNewAddressChangesNothing() {
        register("alice", "song", 1);
        var before = registry.snapshot();
        assertEquals(RegistrationOutcome.ALREADY_REGISTERED, registry.register(peer("alice"), SONG, at(9)));
        assertEquals(before, registry.snapshot());
    }

    @Test
    @DisplayName("IDX-DEREG-2 then IDX-SEARCH-2: a deregistered holder is never chosen again")
    void deregistrationThenSearch() {
        register("a", "song", 1);
        register("b", "song", 2);
        register("c", "song", 3);
        assertEquals(peer("a"), searchSong());
        assertTrue(registry.deregister(peer("b"), SONG));
        assertEquals(peer("c"), searchSong());
        assertEquals(peer("a"), searchSong());
        assertEquals(peer("c"), searchSong());
        assertTrue(registry.deregister(peer("a"), SONG));
        assertTrue(registry.deregister(peer("c"), SONG));
        assertNull(registry.search(SONG), "IDX-SEARCH-5");
        assertFalse(registry.deregister(peer("c"), SONG), "IDX-DEREG-3");
    }

    @Test
    @DisplayName("IDX-SEARCH-4: a re-registration starts a new count and is the youngest on ties")
    void reRegistrationStartsAfresh() {
        register("a", "song", 1);
        register("b", "song", 2);
        searchSong(); // a: 1
        searchSong(); // b: 1
        assertTrue(registry.deregister(peer("a"), SONG));
        register("a", "song", 1); // a: 0, youngest
        assertEquals(peer("a"), searchSong());
        assertEquals(peer("b"), searchSong()); // 1 and 1: b is now the older registration
    }

    @Test
    @DisplayName("IDX-LEAVE-1 then search: a removed peer's contents are gone, the others stay")
    void peerRemovalThenSearch() {
        register("a", "song", 1);
        register("a", "poem", 1);
        register("b", "song", 2);
        assertTrue(registry.removePeer(peer("a")));
        assertEquals(peer("b"), searchSong());
        assertEquals(peer("b"), searchSong());
        assertNull(registry.search(content("poem")));
        assertFalse(registry.removePeer(peer("a")));
        assertEquals(1, registry.peerCount());
        assertEquals(1, registry.registrationCount());
    }

    @Test
    @DisplayName("IDX-DEREG-4: a peer without content is forgotten, and comes back at the end of the list")
    void peerWithoutContentIsForgotten() {
        register("a", "song", 1);
        register("b", "song", 2);
        assertTrue(registry.deregister(peer("a"), SONG));
        assertEquals(1, registry.peerCount());
        register("a", "song", 3);
        List<PeerName> order = new ArrayList<>();
        registry.snapshot().forEach(p -> order.add(p.peer()));
        assertEquals(List.of(peer("b"), peer("a")), order);
    }
}
