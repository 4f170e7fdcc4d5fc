package org.uforklab.experiments.guests;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP/1.x response as a client reads it off a connection: status line, headers in order, body (framed by
 * Content-Length, absent for a response to HEAD).
 *
 * @param version e.g. {@code HTTP/1.1}
 * @param status  e.g. 200
 * @param reason  e.g. {@code OK}
 * @param headers in order, names as sent
 * @param body    the body bytes
 */
public record HttpResponse(String version, int status, String reason, List<Map.Entry<String, String>> headers, byte[] body) {

    /** Copies the header list. */
    public HttpResponse {
        headers = List.copyOf(headers);
    }

    /** A response parsed from the front of a buffer, and how many bytes it took. */
    public record Parsed(HttpResponse response, int consumed) {
    }

    /** The first header of that name (case-insensitive). */
    public Optional<String> header(String name) {
        return headers.stream().filter(h -> h.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue).findFirst();
    }

    /** The body as ISO-8859-1 text. */
    public String bodyText() {
        return new String(body, StandardCharsets.ISO_8859_1);
    }

    /** Whether the server said it keeps the connection open (HTTP/1.1 without {@code Connection: close}). */
    public boolean keepAlive() {
        return header("Connection").map(v -> !v.equalsIgnoreCase("close")).orElse(version.equals("HTTP/1.1"));
    }

    /**
     * Parses one response from the first {@code len} bytes of {@code buf}.
     *
     * @param bodyExpected false for the response to a HEAD request (Content-Length then describes a body not sent)
     * @return the response, or null while it is incomplete
     * @throws IllegalArgumentException naming what is wrong when the bytes are not an HTTP/1.x response
     */
    public static Parsed parse(byte[] buf, int len, boolean bodyExpected) {
        int end = -1;
        for (int i = 3; i < len; i++) {
            if (buf[i] == '\n' && buf[i - 1] == '\r' && buf[i - 2] == '\n' && buf[i - 3] == '\r') {
                end = i + 1;
                break;
            }
        }
        if (end < 0) {
            return null;
        }
        String head = new String(buf, 0, end - 4, StandardCharsets.ISO_8859_1);
        int eol = head.indexOf("\r\n");
        String statusLine = eol < 0 ? head : head.substring(0, eol);
        // "HTTP/1.x NNN reason" (no regular expressions: a load generator parses every response)
        if (statusLine.length() < 13 || !statusLine.startsWith("HTTP/1.") || (statusLine.charAt(7) != '0' && statusLine.charAt(7) != '1')
                || statusLine.charAt(8) != ' ' || !digits(statusLine, 9, 12) || statusLine.charAt(12) != ' ') {
            throw new IllegalArgumentException("not an HTTP/1.x status line: '" + statusLine + "'");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        int contentLength = -1;
        int at = eol < 0 ? head.length() : eol + 2;
        for (int line = 1; at < head.length(); line++) {
            int next = head.indexOf("\r\n", at);
            String h = head.substring(at, next < 0 ? head.length() : next);
            at = next < 0 ? head.length() : next + 2;
            int colon = h.indexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("malformed header line " + line + ": '" + h + "'");
            }
            String name = h.substring(0, colon);
            String value = h.substring(colon + 1).strip();
            headers.add(Map.entry(name, value));
            if (contentLength < 0 && name.equalsIgnoreCase("Content-Length")) {
                if (value.isEmpty() || value.length() > 9 || !digits(value, 0, value.length())) {
                    throw new IllegalArgumentException("bad Content-Length '" + value + "'");
                }
                contentLength = Integer.parseInt(value);
            }
        }
        int bodyLen = 0;
        if (bodyExpected) {
            if (contentLength < 0) {
                throw new IllegalArgumentException("response without Content-Length: " + statusLine);
            }
            bodyLen = contentLength;
        }
        if (len < end + bodyLen) {
            return null;
        }
        byte[] body = java.util.Arrays.copyOfRange(buf, end, end + bodyLen);
        return new Parsed(new HttpResponse(statusLine.substring(0, 8), Integer.parseInt(statusLine.substring(9, 12)),
                statusLine.substring(13), headers, body), end + bodyLen);
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return version + " " + status + " " + reason + " (" + headers.size() + " headers, " + body.length + " B body)";
    }
}
