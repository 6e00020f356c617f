package io.meshcanary.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * A free port on 127.0.0.1, held until the process that will listen on it is about to start, so that two
 * runtimes started together cannot pick the same one.
 */
final class LoopbackPort implements AutoCloseable {
    private final ServerSocket socket;

    private LoopbackPort(ServerSocket socket) {
        this.socket = socket;
    }

    static LoopbackPort reserve() {
        try {
            ServerSocket socket = new ServerSocket();
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            return new LoopbackPort(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("no free port on 127.0.0.1", e);
        }
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Frees the port for its real owner. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release port " + port(), e);
        }
    }
}
