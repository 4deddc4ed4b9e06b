package org.p2pkit.bench.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The baseline of the end-to-end transfer: a file copied over a TCP connection into a file with
 * nothing else, the sender zero-copy from the file, the receiver through one direct buffer.
 * {@code serve FILE} prints {@code serving on PORT} and sends the file to every connection;
 * {@code fetch PORT OUT} receives one copy into OUT.
 */
public final class RawCopy {
    private static final int BUFFER = 1 << 20;

    private RawCopy() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("serve")) {
            serve(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("fetch")) {
            fetch(Integer.parseInt(args[1]), Path.of(args[2]));
        } else {
            System.err.println("usage: RawCopy serve FILE | RawCopy fetch PORT OUT");
            System.exit(2);
        }
    }

    private static void serve(Path file) throws IOException {
        try (ServerSocketChannel server = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0))) {
            System.out.println("serving on " + ((InetSocketAddress) server.getLocalAddress()).getPort());
            while (true) {
                try (SocketChannel socket = server.accept(); FileChannel in = FileChannel.open(file)) {
                    for (long sent = 0, size = in.size(); sent < size; ) {
                        sent += in.transferTo(sent, size - sent, socket);
                    }
                }
            }
        }
    }

    private static void fetch(int port, Path out) throws IOException {
        try (SocketChannel socket = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
             FileChannel file = FileChannel.open(out, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER);
            while (socket.read(buffer) >= 0) {
                buffer.flip();
                while (buffer.hasRemaining()) {
                    file.write(buffer);
                }
                buffer.clear();
            }
        }
    }
}
