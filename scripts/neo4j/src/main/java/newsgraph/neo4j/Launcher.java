package newsgraph.neo4j;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.neo4j.configuration.GraphDatabaseInternalSettings;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.ConnectorPortRegister;
import org.neo4j.configuration.connectors.ConnectorType;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.connectors.HttpsConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;
import org.neo4j.graphdb.config.Setting;
import org.neo4j.internal.helpers.HostnamePort;
import org.neo4j.kernel.internal.GraphDatabaseAPI;

/**
 * newsgraph's local Neo4j: an embedded Neo4j Community 5.26 DBMS with the Bolt connector on a loopback port.
 *
 * <pre>
 * java -Xmx1g -cp 'target/newsgraph-neo4j.jar:target/lib/*' newsgraph.neo4j.Launcher
 *      [--data DIR] [--port N] [--host 127.0.0.1] [--pagecache 256m] [--watch-pid PID]
 * </pre>
 *
 * <ul>
 *   <li>--data DIR: the DBMS home (data/, logs/ inside); kept after stop. Without it (and without NEO4J_DATA)
 *       a fresh temporary folder is made and deleted again on stop.</li>
 *   <li>--port N: Bolt port; 0 (the default) lets the OS pick a free one.</li>
 *   <li>Auth: disabled unless NEO4J_PASSWORD is set; then auth is on and the user NEO4J_USER (default neo4j)
 *       gets that password (no change required on first login).</li>
 *   <li>--watch-pid PID: stop the server when that process is gone (a test runner killed hard).</li>
 * </ul>
 *
 * When Bolt accepts connections it prints one line {@code NEWSGRAPH_NEO4J_READY bolt://127.0.0.1:PORT}.
 * It runs until SIGTERM/SIGINT, then shuts the DBMS down cleanly.
 */
public final class Launcher {
    private static final String READY = "NEWSGRAPH_NEO4J_READY";
    private static final PrintStream OUT = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        String data = System.getenv("NEO4J_DATA");
        String host = "127.0.0.1";
        int port = 0;
        long pagecache = parseBytes("256m");
        long watchPid = -1;
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--data" -> data = need(args, ++i, a);
                case "--port" -> port = Integer.parseInt(need(args, ++i, a));
                case "--host" -> host = need(args, ++i, a);
                case "--pagecache" -> pagecache = parseBytes(need(args, ++i, a));
                case "--watch-pid" -> watchPid = Long.parseLong(need(args, ++i, a));
                case "-h", "--help" -> {
                    OUT.println("usage: Launcher [--data DIR] [--port N] [--host H] [--pagecache 256m] [--watch-pid PID]");
                    return;
                }
                default -> fail("unknown argument: " + a);
            }
        }

        boolean temporary = data == null || data.isBlank();
        Path home = temporary
                ? Files.createTempDirectory("newsgraph-neo4j-")
                : Files.createDirectories(Path.of(data).toAbsolutePath());
        String password = System.getenv("NEO4J_PASSWORD");
        String user = System.getenv("NEO4J_USER");
        boolean auth = password != null && !password.isEmpty();
        if (auth && (user == null || user.isBlank())) user = "neo4j";
        if (auth && password.length() < 8) fail("NEO4J_PASSWORD must have at least 8 characters (Neo4j's minimum)");

        long t0 = System.nanoTime();
        Map<Setting<?>, Object> config = new HashMap<>();
        config.put(BoltConnector.enabled, true);
        config.put(BoltConnector.listen_address, new SocketAddress(host, port));
        config.put(BoltConnector.encryption_level, BoltConnector.EncryptionLevel.DISABLED);
        config.put(HttpConnector.enabled, false);
        config.put(HttpsConnector.enabled, false);
        config.put(GraphDatabaseSettings.auth_enabled, auth);
        config.put(GraphDatabaseSettings.pagecache_memory, pagecache);
        config.put(GraphDatabaseSettings.udc_enabled, false);
        config.put(GraphDatabaseSettings.preallocate_logical_logs, false);
        config.put(GraphDatabaseSettings.memory_transaction_global_max_size, parseBytes("512m"));
        // Stop in about a second instead of Netty's default graceful quiet period.
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_quiet_period, 0);
        config.put(GraphDatabaseInternalSettings.netty_server_shutdown_timeout, Duration.ofSeconds(3));
        DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(home).setConfig(config).build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                dbms.shutdown();
            } catch (RuntimeException e) {
                System.err.println("neo4j shutdown: " + e);
            }
            if (temporary) deleteQuietly(home);
            OUT.println("NEWSGRAPH_NEO4J_STOPPED");
            stopped.countDown();
        }, "newsgraph-neo4j-shutdown"));

        GraphDatabaseService system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
        if (!db.isAvailable(Duration.ofMinutes(2).toMillis())) fail("database neo4j did not become available");
        if (auth) setPassword(system, user, password);

        HostnamePort bolt = ((GraphDatabaseAPI) db).getDependencyResolver()
                .resolveDependency(ConnectorPortRegister.class)
                .getLocalAddress(ConnectorType.BOLT);
        if (bolt == null) fail("the Bolt connector did not start");
        int boltPort = bolt.getPort();
        waitForPort(host, boltPort, Duration.ofSeconds(60));
        long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);

        if (watchPid > 0) watch(watchPid);
        OUT.printf(Locale.ROOT, "neo4j %s home=%s auth=%s startup=%dms%n",
                org.neo4j.kernel.internal.Version.getNeo4jVersion(), home, auth ? user : "disabled", ms);
        OUT.println(READY + " bolt://" + host + ":" + boltPort);
        stopped.await();
    }

    /** Community edition: one or more users, no roles. The system database runs with full rights in embedded mode. */
    private static void setPassword(GraphDatabaseService system, String user, String password) {
        system.executeTransactionally(
                "CREATE OR REPLACE USER $user SET PLAINTEXT PASSWORD $password CHANGE NOT REQUIRED",
                Map.of("user", user, "password", password));
        // No other way in: the default neo4j/neo4j account goes when another user is configured.
        if (!"neo4j".equals(user)) system.executeTransactionally("DROP USER neo4j IF EXISTS");
    }

    private static void watch(long pid) {
        Thread t = new Thread(() -> {
            while (true) {
                boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) {
                    System.err.println("watched process " + pid + " is gone: stopping");
                    System.exit(0);
                }
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "newsgraph-neo4j-watch");
        t.setDaemon(true);
        t.start();
    }

    private static void waitForPort(String host, int port, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(host, port), 1000);
                return;
            } catch (IOException e) {
                if (System.nanoTime() > deadline) fail("Bolt port " + port + " does not accept connections");
                Thread.sleep(100);
            }
        }
    }

    private static long parseBytes(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        long mult = 1;
        char last = v.charAt(v.length() - 1);
        if (last == 'k' || last == 'm' || last == 'g') {
            mult = last == 'k' ? 1L << 10 : last == 'm' ? 1L << 20 : 1L << 30;
            v = v.substring(0, v.length() - 1);
        }
        return Long.parseLong(v) * mult;
    }

    private static String need(String[] args, int i, String flag) {
        if (i >= args.length) fail(flag + " needs a value");
        return args[i];
    }

    private static void fail(String message) {
        System.err.println("newsgraph-neo4j: " + message);
        System.exit(2);
    }

    private static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            System.err.println("could not delete " + dir + ": " + e);
        }
    }
}
