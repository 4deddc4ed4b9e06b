package org.p2pkit.conformance.targets;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * An index given as a container image, run through Testcontainers on the host's network (the
 * protocol is UDP, which container port mappings do not carry well), afresh for each group of
 * cases; its output is kept as evidence. The image must be on the machine already.
 */
public final class ContainerIndexTarget implements IndexTarget {
    private final String image;
    private final InetSocketAddress address;
    private final Path evidence;
    private final int startupMillis;
    private GenericContainer<?> container;
    private int starts;

    public ContainerIndexTarget(String image, InetSocketAddress address, Path evidence, int startupMillis) {
        this.image = image;
        this.address = address;
        this.evidence = evidence;
        this.startupMillis = startupMillis;
    }

    /** Testcontainers explains a missing Docker at length; the harness says it in one line instead. */
    private static final Logger TESTCONTAINERS_LOG = Logger.getLogger("org.testcontainers");

    /** Why containers cannot run here, or empty when Docker answers. */
    public static Optional<String> unavailable() {
        TESTCONTAINERS_LOG.setLevel(Level.OFF);
        try {
            return DockerClientFactory.instance().isDockerAvailable() ? Optional.empty()
                    : Optional.of("no Docker engine answers on this machine");
        } catch (RuntimeException e) {
            return Optional.of("Docker cannot be reached: " + e.getMessage());
        } finally {
            TESTCONTAINERS_LOG.setLevel(Level.WARNING);
        }
    }

    @Override
    public InetSocketAddress address() {
        return address;
    }

    @Override
    public String describe() {
        return "index in container " + image + " at " + address.getHostString() + ":" + address.getPort();
    }

    @Override
    public void beginGroup(String group) {
        restart();
    }

    @Override
    public Optional<String> ended() {
        if (container == null || container.isRunning()) {
            return Optional.empty();
        }
        Long code = container.getCurrentContainerInfo() == null ? null : container.getCurrentContainerInfo().getState().getExitCodeLong();
        return Optional.of("the container stopped" + (code == null ? "" : " with exit code " + code));
    }

    @Override
    public boolean restart() {
        stop();
        try {
            container = new GenericContainer<>(DockerImageName.parse(image)).withNetworkMode("host");
            container.start();
            return IndexProbe.awaitAnswer(address, startupMillis, () -> container.isRunning());
        } catch (RuntimeException e) {
            return false;
        }
    }

    private void stop() {
        if (container != null) {
            try {
                Files.createDirectories(evidence);
                Files.writeString(evidence.resolve(String.format("container-%02d.log", ++starts)), container.getLogs());
            } catch (java.io.IOException | RuntimeException e) {
                // evidence is best effort; the verdicts stand without it
            }
            container.stop();
            container = null;
        }
    }

    @Override
    public void close() {
        stop();
    }
}
