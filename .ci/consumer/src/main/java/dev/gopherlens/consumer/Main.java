package dev.gopherlens.consumer;

import dev.gopherlens.core.Inputs;
import dev.gopherlens.live.CaptureException;
import dev.gopherlens.live.GoService;
import dev.gopherlens.pclntab.GoBinary;
import dev.gopherlens.pprof.Pprof;
import dev.gopherlens.pprof.Profile;
import dev.gopherlens.pprof.goroutines.GoroutineDump;
import dev.gopherlens.trace.GoTrace;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Calls one entry point of each parser on the files given: PROFILE TRACE BINARY DUMP; and the live module's capture
 * against a port nothing listens on, which must fail as a connection error.
 */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        Path profile = Path.of(args[0]);
        Path trace = Path.of(args[1]);
        Path binary = Path.of(args[2]);
        Path dump = Path.of(args[3]);
        System.out.println("core: " + Inputs.identify(profile));
        Profile p = Pprof.read(profile);
        System.out.println("pprof: " + p.top().rows().get(0).name());
        System.out.println("trace: " + GoTrace.read(trace).countByKind().values().stream().mapToLong(Long::longValue).sum()
                + " events");
        System.out.println("pclntab: " + GoBinary.open(binary).functions().size() + " functions");
        System.out.println("goroutines: " + GoroutineDump.read(dump).goroutines().size() + " goroutines");
        try {
            GoService.builder(URI.create("http://127.0.0.1:9")).timeout(Duration.ofSeconds(5)).build().heap();
            System.out.println("live: no error");
        } catch (CaptureException e) {
            System.out.println("live: " + e.kind());
        }
    }
}
