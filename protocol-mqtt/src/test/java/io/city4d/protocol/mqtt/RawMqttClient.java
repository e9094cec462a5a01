package io.city4d.protocol.mqtt;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/**
 * An MQTT 3.1.1 client written byte by byte, for what library clients cannot do: send broken or oversized packets,
 * and publish as fast as the socket allows.
 */
final class RawMqttClient implements AutoCloseable {
    final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    RawMqttClient(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        in = new DataInputStream(new BufferedInputStream(socket.getInputStream(), 64 * 1024));
        out = new BufferedOutputStream(socket.getOutputStream(), 64 * 1024);
    }

    /** Sends CONNECT with a keep-alive of a minute and returns the CONNACK return code. */
    int connect(String username, String password) throws IOException {
        return connect(username, password, 60);
    }

    int connect(String username, String password, int keepAliveSeconds) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        writeString(body, "MQTT");
        body.write(4);
        body.write(0xC2); // user name, password, clean session
        body.write(keepAliveSeconds >> 8);
        body.write(keepAliveSeconds & 0xFF);
        writeString(body, "raw-" + System.nanoTime());
        writeString(body, username);
        writeString(body, password);
        writePacket(0x10, body.toByteArray());
        flush();
        Packet connAck = read();
        if (connAck.type() != 2) throw new IOException("expected CONNACK, got packet type " + connAck.type());
        return connAck.body()[1];
    }

    void publishQos1(String topic, int packetId, byte[] payload) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream(topic.length() + payload.length + 4);
        writeString(body, topic);
        body.write(packetId >> 8);
        body.write(packetId & 0xFF);
        body.write(payload);
        writePacket(0x32, body.toByteArray());
    }

    void writePacket(int firstByte, byte[] body) throws IOException {
        out.write(firstByte);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.write(body);
    }

    void writeRaw(byte[] bytes) throws IOException {
        out.write(bytes);
    }

    void flush() throws IOException {
        out.flush();
    }

    Packet read() throws IOException {
        int first = in.read();
        if (first < 0) throw new EOFException("connection closed");
        int length = 0;
        int multiplier = 1;
        int digit;
        do {
            digit = in.readUnsignedByte();
            length += (digit & 0x7F) * multiplier;
            multiplier *= 128;
        } while ((digit & 0x80) != 0);
        byte[] body = new byte[length];
        in.readFully(body);
        return new Packet(first >> 4, body);
    }

    /** Reads until the server closes the connection; true when it did within the socket timeout. */
    boolean closedByServer() {
        try {
            while (true) read();
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // end of stream or connection reset
        }
    }

    private static void writeString(ByteArrayOutputStream out, String s) {
        byte[] bytes = s.getBytes(UTF_8);
        out.write(bytes.length >> 8);
        out.write(bytes.length & 0xFF);
        out.writeBytes(bytes);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    record Packet(int type, byte[] body) {
        static final int PUBACK = 4;
        static final int PINGRESP = 13;

        int packetId() {
            return (body[0] & 0xFF) << 8 | body[1] & 0xFF;
        }
    }
}
