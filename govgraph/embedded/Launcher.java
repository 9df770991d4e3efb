// Starts a Neo4j Community DBMS in this JVM with Bolt on 127.0.0.1, until SIGTERM.
//
// Run as a single-file program, no build step:
//   java -Xmx1g -cp <neo4j classpath> Launcher.java --home DIR --port 7687 --pagecache 256m
//         --password-file FILE [--http-port 7474]
// With --http-port it also serves HTTP on 127.0.0.1 (Neo4j's Query API, /db/{db}/query/v2).
// It prints "GOVGRAPH-READY" when Bolt accepts connections and shuts Neo4j down cleanly on exit.

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.connectors.HttpConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.io.ByteUnit;

public class Launcher {
    public static void main(String[] args) throws Exception {
        Map<String, String> opts = parse(args);
        Path home = Path.of(opts.getOrDefault("--home", "neo4j-home")).toAbsolutePath();
        int port = Integer.parseInt(opts.getOrDefault("--port", "7687"));
        long pageCache = parseSize(opts.getOrDefault("--pagecache", "256m"));
        String importDir = opts.get("--import-dir");
        String httpPort = opts.get("--http-port");
        Path passwordFile = opts.containsKey("--password-file") ? Path.of(opts.get("--password-file")) : null;

        DatabaseManagementServiceBuilder builder = new DatabaseManagementServiceBuilder(home)
                .setConfig(BoltConnector.enabled, true)
                .setConfig(BoltConnector.listen_address, new SocketAddress("127.0.0.1", port))
                .setConfig(HttpConnector.enabled, httpPort != null)
                .setConfig(GraphDatabaseSettings.pagecache_memory, pageCache)
                .setConfig(GraphDatabaseSettings.auth_enabled, passwordFile != null)
                .setConfig(GraphDatabaseSettings.transaction_timeout, java.time.Duration.ofMinutes(10));
        if (httpPort != null) {
            builder.setConfig(HttpConnector.listen_address, new SocketAddress("127.0.0.1", Integer.parseInt(httpPort)));
        }
        if (importDir != null) {
            builder.setConfig(GraphDatabaseSettings.load_csv_file_url_root, Path.of(importDir).toAbsolutePath());
        } else {
            builder.setConfig(GraphDatabaseSettings.allow_file_urls, false);
        }
        DatabaseManagementService dbms = builder.build();

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("GOVGRAPH-STOPPING");
            dbms.shutdown();
            System.out.println("GOVGRAPH-STOPPED");
            System.out.flush();
            stopped.countDown();
        }));

        try {
            if (passwordFile != null) {
                setPassword(dbms, Files.readString(passwordFile).strip());
            }
            // Touch the default database so that the first Bolt query does not pay for its start.
            dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME).executeTransactionally("RETURN 1");
        } catch (Exception e) {
            // Neo4j's own threads would keep the JVM alive: report, then exit for real.
            System.out.println("ERROR govgraph launcher: " + e);
            e.printStackTrace(System.out);
            System.out.flush();
            System.exit(1);
        }
        System.out.println("GOVGRAPH-READY bolt://127.0.0.1:" + port);
        System.out.flush();
        stopped.await();
    }

    private static void setPassword(DatabaseManagementService dbms, String password) {
        var system = dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME);
        Map<String, Object> params = new HashMap<>();
        params.put("password", password);
        try {
            system.executeTransactionally(
                    "ALTER USER neo4j SET PASSWORD $password CHANGE NOT REQUIRED", params);
        } catch (org.neo4j.graphdb.QueryExecutionException e) {
            // Already set on an earlier start: nothing to do.
            if (!String.valueOf(e.getMessage()).contains("cannot be the same")) {
                throw e;
            }
        }
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> opts = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            opts.put(args[i], args[i + 1]);
        }
        return opts;
    }

    private static long parseSize(String text) {
        String t = text.trim().toLowerCase();
        long factor = 1;
        if (t.endsWith("g")) { factor = ByteUnit.gibiBytes(1); t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("m")) { factor = ByteUnit.mebiBytes(1); t = t.substring(0, t.length() - 1); }
        else if (t.endsWith("k")) { factor = ByteUnit.kibiBytes(1); t = t.substring(0, t.length() - 1); }
        return Long.parseLong(t) * factor;
    }
}
