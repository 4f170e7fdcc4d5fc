package org.uforklab.experiments.guests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.uforklab.experiments.ForkSystem;
import org.uforklab.sasos.Kernel;
import org.uforklab.sasos.KernelConfig;
import org.uforklab.sasos.net.NetworkCosts;
import org.uforklab.sasos.proc.MicroProcess;

/** The nginx guest speaks HTTP/1.1 as nginx does, and its master and workers behave as a pre-forking server. */
class NginxTest {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US)
            .withZone(ZoneOffset.UTC);

    private static Nginx start(int workers, long epoch) {
        var svc = ForkSystem.COPA.boot(1, ForkSystem.COPA.kernelConfig().withCores(1));
        return Nginx.start(svc.kernel(), workers, NetworkCosts.defaults(), epoch);
    }

    private static Nginx start(int workers) {
        return start(workers, Nginx.EPOCH);
    }

    private static Nginx.Client client(Nginx n) {
        return n.connect(n.kernel().cyclesFor(20_000));
    }

    private static final String GET = "GET / HTTP/1.1\r\nHost: localhost\r\nUser-Agent: test\r\nAccept: */*\r\n\r\n";

    @Test
    void getOfTheIndexIsNginxsResponse() {
        Nginx n = start(1);
        HttpResponse r = client(n).request(GET, false);
        assertThat(r.version()).isEqualTo("HTTP/1.1");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.reason()).isEqualTo("OK");
        assertThat(r.headers().stream().map(Map.Entry::getKey)).containsExactly("Server", "Date", "Content-Type", "Content-Length",
                "Last-Modified", "Connection", "ETag", "Accept-Ranges");
        assertThat(r.header("Server")).contains("nginx/1.15.6");
        // the run is far shorter than a second of emulated time: the Date is the epoch's
        assertThat(r.header("Date")).contains(HTTP_DATE.format(Instant.ofEpochSecond(Nginx.EPOCH)));
        assertThat(r.header("Date")).contains("Tue, 06 Nov 2018 15:00:00 GMT");
        assertThat(r.header("Content-Type")).contains("text/html");
        assertThat(r.header("Content-Length")).contains("612");
        assertThat(r.header("Last-Modified")).contains(HTTP_DATE.format(Instant.ofEpochSecond(Nginx.MTIME)));
        assertThat(r.header("ETag")).contains(String.format("\"%x-%x\"", Nginx.MTIME, 612));
        assertThat(r.header("Connection")).contains("keep-alive");
        assertThat(r.header("Accept-Ranges")).contains("bytes");
        assertThat(Nginx.INDEX_HTML).hasSize(612);
        assertThat(r.bodyText()).isEqualTo(Nginx.INDEX_HTML);
    }

    @ParameterizedTest(name = "epoch {0}")
    @ValueSource(longs = {0L, 951_827_696L, 1_709_164_800L, 1_735_689_599L, 4_000_000_000L})
    void dateHeadersAreImfFixdates(long epoch) {
        // 1970-01-01, 2000-02-29 12:34:56, 2024-02-29 00:00:00, 2024-12-31 23:59:59, 2096-10-02 07:06:40
        Nginx n = start(1, epoch);
        HttpResponse r = client(n).request(GET, false);
        assertThat(r.header("Date")).contains(HTTP_DATE.format(Instant.ofEpochSecond(epoch)));
    }

    @Test
    void oneKeepAliveConnectionServesFilesErrorsAndHead() {
        Nginx n = start(1);
        Nginx.Client c = client(n);
        HttpResponse err = c.request("GET /50x.html HTTP/1.1\r\nHost: localhost\r\n\r\n", false);
        assertThat(err.status()).isEqualTo(200);
        assertThat(err.bodyText()).contains("<h1>An error occurred.</h1>").hasSize(Integer.parseInt(err.header("Content-Length").get()));

        HttpResponse idx = c.request("GET /index.html HTTP/1.1\r\nHost: localhost\r\n\r\n", false);
        assertThat(idx.bodyText()).isEqualTo(Nginx.INDEX_HTML);

        HttpResponse missing = c.request("GET /nope.html HTTP/1.1\r\nHost: localhost\r\n\r\n", false);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.reason()).isEqualTo("Not Found");
        assertThat(missing.bodyText()).contains("<title>404 Not Found</title>", "<center>nginx/1.15.6</center>");
        assertThat(missing.header("Content-Type")).contains("text/html");
        assertThat(missing.header("ETag")).isEmpty();
        assertThat(missing.keepAlive()).isTrue();

        HttpResponse post = c.request("POST / HTTP/1.1\r\nHost: localhost\r\n\r\n", false);
        assertThat(post.status()).isEqualTo(405);
        assertThat(post.bodyText()).contains("405 Not Allowed");

        HttpResponse head = c.request("HEAD / HTTP/1.1\r\nHost: localhost\r\n\r\n", true);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.header("Content-Length")).contains("612");
        assertThat(head.body()).isEmpty();
        assertThat(c.closedByServer()).isFalse();

        // header names are case-insensitive: "connection: Close" ends the connection after the response
        HttpResponse last = c.request("GET / HTTP/1.1\r\nhost: localhost\r\nconnection: Close\r\n\r\n", false);
        assertThat(last.status()).isEqualTo(200);
        assertThat(last.header("Connection")).contains("close");
        assertThat(c.closedByServer()).isTrue();
        assertThat(n.listener().accepted()).isEqualTo(1);
        assertThat(c.connection().bytesIn()).isPositive();
    }

    @Test
    void pipelinedRequestsHttp10AndBadRequests() {
        Nginx n = start(1);
        Nginx.Client c = client(n);
        List<HttpResponse> two = c.pipeline("GET / HTTP/1.1\r\nHost: a\r\n\r\nGET /50x.html HTTP/1.1\r\nHost: a\r\n\r\n", 2, false);
        assertThat(two).hasSize(2);
        assertThat(two.get(0).bodyText()).isEqualTo(Nginx.INDEX_HTML);
        assertThat(two.get(1).bodyText()).contains("An error occurred.");
        c.close();
        assertThat(c.closedByServer()).as("the worker closes when the client does").isTrue();

        Nginx.Client old = client(n);
        HttpResponse r10 = old.request("GET / HTTP/1.0\r\n\r\n", false);
        assertThat(r10.status()).isEqualTo(200);
        assertThat(r10.header("Connection")).contains("close");
        assertThat(old.closedByServer()).isTrue();

        Nginx.Client ka10 = client(n);
        assertThat(ka10.request("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n", false).header("Connection")).contains("keep-alive");
        assertThat(ka10.closedByServer()).isFalse();
        ka10.close();

        for (String bad : List.of("BLAH\r\n\r\n", "GET nope HTTP/1.1\r\n\r\n", "GET / HTTP/2.0\r\n\r\n", "GET / HTTP/1.1\r\nNoColon\r\n\r\n",
                "GET / HTTP/1.1\r\nX: " + "y".repeat(2000) + "\r\n\r\n")) {
            Nginx.Client b = client(n);
            HttpResponse r = b.request(bad, false);
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.header("Connection")).contains("close");
            assertThat(b.closedByServer()).as(bad).isTrue();
        }
        assertThat(n.shutdown()).isZero();
    }

    @Test
    void theMasterForksWorkersThatShareTheListenerAndExitOnShutdown() {
        Nginx n = start(3);
        List<MicroProcess> workers = n.workers();
        assertThat(workers).hasSize(3).allSatisfy(w -> assertThat(w.isDead()).isFalse());
        Wrk.Result r = n.wrk(new Wrk(3, n.kernel().cyclesFor(20_000), 10, 90, "/"));
        assertThat(r.bad()).isZero();
        assertThat(r.statuses()).containsOnlyKeys(200);
        assertThat(r.perConnection()).hasSize(3).allSatisfy(k -> assertThat(k).isGreaterThan(25));
        assertThat(n.listener().accepted()).isEqualTo(3);
        assertThat(n.master().exitCode()).isZero();
        assertThat(n.workers()).allSatisfy(w -> assertThat(w.exitCode()).as("%s", w).isZero());
        assertThat(r.busyCyclesPerRequest()).isPositive();
        assertThat(r.bytesCopiedPerRequest()).as("adversarial isolation copies the response").isGreaterThan(612);
    }

    @Test
    void withoutForkTheMasterCannotStartWorkers() {
        Kernel k = Kernel.boot(KernelConfig.defaults().withCores(1));
        assertThatThrownBy(() -> Nginx.start(k, 1, NetworkCosts.defaults())).hasMessageContaining("master died while starting")
                .hasMessageContaining("exited(38)");
        assertThatThrownBy(() -> Guests.nginx(0, 0)).hasMessageContaining("workers must be in [1, 64]");
        assertThatThrownBy(() -> Guests.nginx(1, -1)).hasMessageContaining("epoch");
    }

    @Test
    void wrkAndResponseParsingRejectBadInput() {
        assertThatThrownBy(() -> new Wrk(0, 1, 1, 1, "/")).hasMessageContaining("connections");
        assertThatThrownBy(() -> new Wrk(1, -1, 1, 1, "/")).hasMessageContaining("round trip");
        assertThatThrownBy(() -> new Wrk(1, 1, 0, 1, "/")).hasMessageContaining("warm-up");
        assertThatThrownBy(() -> new Wrk(1, 1, 1, 0, "/")).hasMessageContaining("at least 1 request");
        assertThatThrownBy(() -> new Wrk(1, 1, 1, 1, "x y")).hasMessageContaining("path");
        byte[] ok = "HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nabcHTTP".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse.Parsed p = HttpResponse.parse(ok, ok.length, true);
        assertThat(p.consumed()).isEqualTo(ok.length - 4);
        assertThat(p.response().bodyText()).isEqualTo("abc");
        assertThat(HttpResponse.parse(ok, 20, true)).as("incomplete").isNull();
        assertThat(HttpResponse.parse(ok, ok.length - 6, true)).as("body incomplete").isNull();
        byte[] bad = "HTTP/9 200 OK\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> HttpResponse.parse(bad, bad.length, true)).hasMessageContaining("status line");
        byte[] nolen = "HTTP/1.1 200 OK\r\nA: b\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> HttpResponse.parse(nolen, nolen.length, true)).hasMessageContaining("Content-Length");
        assertThat(HttpResponse.parse(nolen, nolen.length, false).response().body()).isEmpty();
    }
}
