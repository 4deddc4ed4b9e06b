package org.p2pkit.index;

import com.hazelcast.config.Config;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.spi.properties.ClusterProperty;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The Hazelcast member embedded in an index of several members (spec section 5.7): it listens for
 * the other members on one TCP port, finds them only at the addresses it is given (no multicast,
 * no cloud discovery) and never calls out (no phone-home). Its log goes to java.util.logging.
 *
 * @param bind the address to listen on; the any-address lets Hazelcast pick the one it announces
 * @param port the port to listen on, exactly: a port taken stops the start, none other is tried
 * @param join the members to join, {@code host:port}; may name members not started yet, or this one
 * @param name the cluster's name: members join only a cluster of the same name
 */
public record ClusterMember(InetAddress bind, int port, List<String> join, String name) {
    /** The cluster name when none is given. */
    public static final String DEFAULT_NAME = "p2p-index";
    /** The registry's maps: {@code p2p-index.peers}, {@code p2p-index.holders}, {@code p2p-index.counts}. */
    static final String MAP_PREFIX = "p2p-index.";
    private static final long SAFE_POLL_MILLIS = 100;

    public ClusterMember {
        Objects.requireNonNull(bind, "bind");
        join = List.copyOf(join);
        Objects.requireNonNull(name, "name");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("cluster port must be 1 to 65535, got " + port);
        }
    }

    /** Starts the member; it returns once it has joined the members it found, or alone. */
    public HazelcastInstance start() {
        return Hazelcast.newHazelcastInstance(config());
    }

    /**
     * Waits until no partition is migrating and every backup is in sync in the whole cluster, at
     * most {@code within}, so that a member announced ready can be lost without losing anything
     * (CLUSTER-5); false when that did not happen in time.
     */
    static boolean awaitSafe(HazelcastInstance member, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!member.getPartitionService().isClusterSafe()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(SAFE_POLL_MILLIS);
        }
        return true;
    }

    Config config() {
        Config config = new Config();
        config.setClusterName(name);
        config.setProperty(ClusterProperty.PHONE_HOME_ENABLED.getName(), "false");
        config.setProperty(ClusterProperty.LOGGING_TYPE.getName(), "jdk");
        // the index stops its member itself, after the UDP socket (Main's stop signal handler)
        config.setProperty(ClusterProperty.SHUTDOWNHOOK_ENABLED.getName(), "false");
        // a member killed is noticed within seconds, not the default minute, so that its backups take over
        config.setProperty(ClusterProperty.HEARTBEAT_INTERVAL_SECONDS.getName(), "1");
        config.setProperty(ClusterProperty.MAX_NO_HEARTBEAT_SECONDS.getName(), "10");
        config.setProperty(ClusterProperty.WAIT_SECONDS_BEFORE_JOIN.getName(), "1");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(port).setPortAutoIncrement(false);
        if (!bind.isAnyLocalAddress()) {
            config.setProperty("hazelcast.local.localAddress", bind.getHostAddress());
            config.setProperty(ClusterProperty.SOCKET_BIND_ANY.getName(), "false");
        }
        JoinConfig joining = network.getJoin();
        joining.getMulticastConfig().setEnabled(false);
        joining.getAutoDetectionConfig().setEnabled(false);
        joining.getTcpIpConfig().setEnabled(true).setMembers(join);
        // one synchronous backup: an acknowledged change is on two members (CLUSTER-4)
        config.addMapConfig(new MapConfig(MAP_PREFIX + "*")
                .setBackupCount(1)
                .setAsyncBackupCount(0)
                .setInMemoryFormat(InMemoryFormat.OBJECT)
                .setStatisticsEnabled(false));
        return config;
    }
}
