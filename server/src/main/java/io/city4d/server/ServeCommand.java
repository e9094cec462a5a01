package io.city4d.server;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(name = "serve", mixinStandardHelpOptions = true, description = "Run City4D until stopped (Ctrl+C).")
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ServeOptions options;

    @Override
    public Integer call() throws Exception {
        ServerConfig config = options.toConfig();
        City4d city = City4d.start(config);
        Announcer.announce(city, config, city.issuedAdminToken(), spec.commandLine().getOut());
        awaitShutdown(city);
        return 0;
    }

    static void awaitShutdown(City4d city) throws InterruptedException {
        CountDownLatch stop = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            city.close();
            stop.countDown();
        }));
        stop.await();
    }
}
