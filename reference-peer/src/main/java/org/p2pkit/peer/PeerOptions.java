package org.p2pkit.peer;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a peer needs besides its name; the index address is the only thing without a default.
 *
 * @param index the index's UDP address (classic: port 8886, FRAME-6)
 * @param folder the share folder, where contents are read and downloads are written (XFER-10)
 * @param filePattern how a content name maps to a file name ({@code {name}.txt}, the original's)
 * @param host the IPv4 address announced to the index and listened on, or null for the local
 *     address that routes to the index
 * @param port the content server's TCP port, 0 for an ephemeral one
 * @param indexOptions reply timeout and tries for index requests (UDP-2)
 * @param transferOptions timeouts and bounds of downloads (XFER-11, SEC-14)
 * @param serverLimits deadlines, timeouts and connection limits of the content server (SEC-11 to SEC-13)
 * @param profile classic only, or the extended profile beside classic (section 11)
 * @param resumeKeep how long resume files may wait for their download to come back before the
 *     peer's start removes them (section 11.3; 7 days)
 * @param recheckInterval the time within which the peer sends the R of each content it shares
 *     again, so that an index that forgot it has it again (PEER-RECHECK-1; 30 s); zero turns it off
 */
public record PeerOptions(InetSocketAddress index, Path folder, String filePattern, String host, int port,
        IndexClient.Options indexOptions, Downloader.Options transferOptions, ContentServer.Limits serverLimits,
        Profile profile, Duration resumeKeep, Duration recheckInterval) {

    /** The classic index address: the original peer expects it on UDP 8886 (FRAME-6). */
    public static final int CLASSIC_INDEX_PORT = 8886;
    /** The reference re-check interval of PEER-RECHECK-1. */
    public static final Duration DEFAULT_RECHECK_INTERVAL = Duration.ofSeconds(30);

    public PeerOptions {
        Objects.requireNonNull(index, "index");
        Objects.requireNonNull(folder, "folder");
        Objects.requireNonNull(filePattern, "filePattern");
        Objects.requireNonNull(indexOptions, "indexOptions");
        Objects.requireNonNull(transferOptions, "transferOptions");
        Objects.requireNonNull(serverLimits, "serverLimits");
        Objects.requireNonNull(profile, "profile");
        Objects.requireNonNull(resumeKeep, "resumeKeep");
        Objects.requireNonNull(recheckInterval, "recheckInterval");
        if (recheckInterval.isNegative()) {
            throw new IllegalArgumentException("the re-check interval cannot be negative, got " + recheckInterval);
        }
    }

    /** The reference values, sharing the current folder. */
    public static PeerOptions defaults(InetSocketAddress index) {
        return new PeerOptions(index, Path.of("."), ContentStore.DEFAULT_PATTERN, null, 0,
                IndexClient.Options.DEFAULT, Downloader.Options.DEFAULT, ContentServer.Limits.DEFAULT, Profile.EXTENDED, Duration.ofDays(7),
                DEFAULT_RECHECK_INTERVAL);
    }

    public PeerOptions withFolder(Path newFolder) {
        return new PeerOptions(index, newFolder, filePattern, host, port, indexOptions, transferOptions, serverLimits, profile, resumeKeep, recheckInterval);
    }

    public PeerOptions withFilePattern(String newPattern) {
        return new PeerOptions(index, folder, newPattern, host, port, indexOptions, transferOptions, serverLimits, profile, resumeKeep, recheckInterval);
    }

    public PeerOptions withHost(String newHost) {
        return new PeerOptions(index, folder, filePattern, newHost, port, indexOptions, transferOptions, serverLimits, profile, resumeKeep, recheckInterval);
    }

    public PeerOptions withPort(int newPort) {
        return new PeerOptions(index, folder, filePattern, host, newPort, indexOptions, transferOptions, serverLimits, profile, resumeKeep, recheckInterval);
    }

    public PeerOptions withIndexOptions(IndexClient.Options newOptions) {
        return new PeerOptions(index, folder, filePattern, host, port, newOptions, transferOptions, serverLimits, profile, resumeKeep, recheckInterval);
    }

    public PeerOptions withTransferOptions(Downloader.Options newOptions) {
        return new PeerOptions(index, folder, filePattern, host, port, indexOptions, newOptions, serverLimits, profile, resumeKeep, recheckInterval);
    }

    public PeerOptions withServerLimits(ContentServer.Limits newLimits) {
        return new PeerOptions(index, folder, filePattern, host, port, indexOptions, transferOptions, newLimits, profile, resumeKeep, recheckInterval);
    }

    public PeerOptions withProfile(Profile newProfile) {
        return new PeerOptions(index, folder, filePattern, host, port, indexOptions, transferOptions, serverLimits, newProfile, resumeKeep, recheckInterval);
    }

    public PeerOptions withResumeKeep(Duration keep) {
        return new PeerOptions(index, folder, filePattern, host, port, indexOptions, transferOptions, serverLimits, profile, keep, recheckInterval);
    }

    /** Every {@code interval} the peer checks each content it shares at the index (PEER-RECHECK-1); zero: never. */
    public PeerOptions withRecheckInterval(Duration interval) {
        return new PeerOptions(index, folder, filePattern, host, port, indexOptions, transferOptions, serverLimits, profile, resumeKeep, interval);
    }
}
