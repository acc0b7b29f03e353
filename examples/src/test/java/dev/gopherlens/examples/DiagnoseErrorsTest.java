package dev.gopherlens.examples;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Diagnose's command line and its failures: a usage message, or the capture's error naming the endpoint. */
class DiagnoseErrorsTest {
    private static String[] run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Diagnose.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new String[] {Integer.toString(status), out.toString(StandardCharsets.UTF_8),
            err.toString(StandardCharsets.UTF_8)};
    }

    @Test
    void badArgumentsPrintTheUsage() {
        String[] r = run("--seconds", "0", "http://127.0.0.1:6060");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[2]).startsWith("diagnose: --seconds must be at least 1\nusage: diagnose BASE_URL ");
        assertThat(run()[2]).startsWith("diagnose: no BASE_URL given\n");
    }

    @Test
    void aServiceThatIsNotThereIsNamedWithItsEndpoint() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        String[] r = run("127.0.0.1:" + port, "--seconds", "1");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[1]).isEmpty();
        assertThat(r[2]).contains("diagnose: /debug/pprof/goroutine?debug=2: cannot connect to 127.0.0.1:" + port);
    }
}
