package io.city4d.bench.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The bytes of HTTP/1.1 requests to one server, with its bearer token. */
public final class Requests {
    private final String hostHeader;
    private final String token;

    public Requests(String host, int port, String token) {
        this.hostHeader = host + ":" + port;
        this.token = token;
    }

    public byte[] get(String path) {
        return build("GET", path, null);
    }

    public byte[] post(String path, String json) {
        return build("POST", path, json);
    }

    public byte[] patch(String path, String json) {
        return build("PATCH", path, json);
    }

    public byte[] build(String method, String path, String json) {
        byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        StringBuilder head = new StringBuilder(256).append(method).append(' ').append(path).append(" HTTP/1.1\r\nHost: ").append(hostHeader).append("\r\n");
        if (token != null) head.append("Authorization: Bearer ").append(token).append("\r\n");
        if (json != null) head.append("Content-Type: application/json\r\nContent-Length: ").append(body.length).append("\r\n");
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.US_ASCII);
        byte[] request = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, request, 0, headBytes.length);
        System.arraycopy(body, 0, request, headBytes.length, body.length);
        return request;
    }

    /** A query parameter, URL-encoded: {@code name=value}. */
    public static String param(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
