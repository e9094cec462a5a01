package io.city4d.bench.mqtt;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A minimal MQTT 3.1.1 publisher over a plain socket: CONNECT, then QoS 1 PUBLISH packets with at most a window of
 * them unacknowledged, PUBACKs read on a second thread. It does nothing else, so it costs little CPU per message.
 */
public final class MqttPublisher implements AutoCloseable {
    private static final int KEEP_ALIVE_SECONDS = 60;
    private static final int PUBLISH_QOS1 = 0x32;
    private static final int PUBACK = 0x40;
    private final Socket socket;
    private final OutputStream out;
    private final DataInputStream in;
    private final AtomicLong acknowledged = new AtomicLong();

    public MqttPublisher(String host, int port, String clientId, String username, String password) throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        socket.connect(new InetSocketAddress(host, port), 10_000);
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        connect(clientId, username, password);
    }

    private void connect(String clientId, String username, String password) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4); // protocol level 3.1.1
        body.write(0b1100_0010); // username, password, clean session
        body.write(KEEP_ALIVE_SECONDS >> 8);
        body.write(KEEP_ALIVE_SECONDS & 0xff);
        writeString(body, clientId);
        writeString(body, username);
        writeString(body, password);
        writePacket(0x10, body.toByteArray());
        out.flush();
        int type = in.readUnsignedByte();
        int length = readLength(in);
        byte[] connack = in.readNBytes(length);
        if (type != 0x20 || connack.length != 2 || connack[1] != 0) {
            throw new IOException("CONNACK refused the connection: type " + type + ", return code " + (connack.length > 1 ? connack[1] : -1));
        }
    }

    /** Acknowledged messages so far. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /**
     * Publishes up to {@code count} messages at QoS 1 to the topic, keeping at most {@code window} unacknowledged, and
     * returns once all sent ones are acknowledged or the deadline (System.nanoTime) has passed.
     */
    public long publish(String topic, int count, int window, IntFunction<byte[]> payload, long deadlineNanos) throws IOException, InterruptedException {
        Semaphore permits = new Semaphore(window);
        Thread reader = Thread.ofVirtual().name("bench-mqtt-puback").start(() -> readAcks(permits));
        byte[] topicBytes = topic.getBytes(StandardCharsets.UTF_8);
        int sent = 0;
        try {
            for (; sent < count && System.nanoTime() < deadlineNanos; sent++) {
                if (!permits.tryAcquire()) {
                    out.flush();
                    if (!permits.tryAcquire(Math.max(1, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS)) break;
                }
                writePublish(topicBytes, (sent % 65_535) + 1, payload.apply(sent));
            }
            out.flush();
            while (acknowledged.get() < sent && System.nanoTime() < deadlineNanos) Thread.sleep(1);
        } finally {
            reader.interrupt();
        }
        return acknowledged.get();
    }

    private void readAcks(Semaphore permits) {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                int type = in.readUnsignedByte();
                int length = readLength(in);
                in.skipNBytes(length);
                if ((type & 0xf0) == PUBACK) {
                    acknowledged.incrementAndGet();
                    permits.release();
                }
            }
        } catch (IOException e) {
            // the connection closed: the publisher sees the missing acknowledgements
        }
    }

    private void writePublish(byte[] topic, int packetId, byte[] payload) throws IOException {
        out.write(PUBLISH_QOS1);
        writeLength(out, 2 + topic.length + 2 + payload.length);
        out.write(topic.length >> 8);
        out.write(topic.length & 0xff);
        out.write(topic);
        out.write(packetId >> 8);
        out.write(packetId & 0xff);
        out.write(payload);
    }

    private void writePacket(int header, byte[] body) throws IOException {
        out.write(header);
        writeLength(out, body.length);
        out.write(body);
    }

    private static void writeString(OutputStream o, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        o.write(b.length >> 8);
        o.write(b.length & 0xff);
        o.write(b);
    }

    private static void writeLength(OutputStream o, int length) throws IOException {
        do {
            int digit = length & 0x7f;
            length >>>= 7;
            o.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
    }

    private static int readLength(InputStream i) throws IOException {
        int length = 0;
        for (int shift = 0; shift < 28; shift += 7) {
            int digit = i.read();
            if (digit < 0) throw new IOException("the connection closed");
            length |= (digit & 0x7f) << shift;
            if ((digit & 0x80) == 0) return length;
        }
        throw new IOException("malformed remaining length");
    }

    @Override
    public void close() {
        try {
            out.write(0xe0); // DISCONNECT
            out.write(0);
            out.flush();
        } catch (IOException e) {
            // closing anyway
        }
        try {
            socket.close();
        } catch (IOException e) {
            // nothing to do
        }
    }
}
