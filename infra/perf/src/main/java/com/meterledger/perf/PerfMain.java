package com.meterledger.perf;

import com.meterledger.perf.audit.AuditBenchmark;
import com.meterledger.perf.dashboard.DashboardBenchmark;
import com.meterledger.perf.gateway.GatewayBenchmark;
import com.meterledger.perf.readings.ReadingBenchmark;

import java.util.Arrays;

/**
 * Command line of the benchmark jar.
 * <pre>
 *   java -jar infra/perf/target/meterledger-perf.jar readings [--readings 5000] [--meters 50] [--threads 4] ...
 *   java -jar infra/perf/target/meterledger-perf.jar jmh [JMH options, e.g. -f 1 -wi 2 -i 3 tariff]
 * </pre>
 */
public final class PerfMain {
    private PerfMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            return;
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "readings" -> {
                ReadingBenchmark.Result result = new ReadingBenchmark(ReadingBenchmark.Options.parse(rest), System.out).run();
                System.exit(result.verified() ? 0 : 1);
            }
            case "audit" -> System.exit(new AuditBenchmark(AuditBenchmark.Options.parse(rest), System.out).run() ? 0 : 1);
            case "dashboard" -> System.exit(new DashboardBenchmark(DashboardBenchmark.Options.parse(rest), System.out)
                    .run() ? 0 : 1);
            case "gateways" -> System.exit(GatewayBenchmark.main(rest) ? 0 : 1);
            case "lists" -> System.exit(new com.meterledger.perf.lists.ListsBenchmark(
                    com.meterledger.perf.lists.ListsBenchmark.Options.parse(rest), System.out).run() ? 0 : 1);
            case "twonodes" -> System.exit(new com.meterledger.perf.twonodes.TwoNodeRun(
                    com.meterledger.perf.twonodes.TwoNodeRun.Options.parse(rest), System.out).run() ? 0 : 1);
            case "chaos" -> System.exit(new com.meterledger.perf.chaos.ChaosRun(
                    com.meterledger.perf.chaos.ChaosRun.Options.parse(rest), System.out).run().verified() ? 0 : 1);
            case "import" -> System.exit(new com.meterledger.perf.imports.ImportBenchmark(
                    com.meterledger.perf.imports.ImportBenchmark.Options.parse(rest), System.out).run() ? 0 : 1);
            case "jmh" -> org.openjdk.jmh.Main.main(rest);
            default -> {
                System.err.println("unknown benchmark: " + args[0]);
                usage();
                System.exit(2);
            }
        }
    }

    private static void usage() {
        System.out.println("""
                usage: java -jar meterledger-perf.jar <benchmark> [options]

                  readings   N readings through the command path into a fresh embedded PostgreSQL; prints
                             readings/s, accepted-to-balance-visible latency, and the raw PostgreSQL insert rate
                             of equivalent event rows measured in the same run
                  audit      point-in-time balance of an account with 10,000 events and a rebuild of account-projection,
                             each beside a plain SQL scan / raw insert baseline of the same run
                  dashboard  a property dashboard of a tenant with 100k meters and ~1M events' rows: DashboardQueries
                             p50/p99 beside a plain SQL computation of the same numbers in the same run
                  gateways   the gateway simulator through the real MQTT broker: N gateways x M meters, optional
                             faults; readings/s, publish -> balance visible, depletion -> CUT command, exact totals,
                             ratios against the raw insert baseline of the same run
                  twonodes   two application nodes (own JVMs) on Debian's PostgreSQL 15 behind a round-robin client,
                             kill -9 of one mid-run: 5xx count, balance = replay, nothing lost or doubled, segments
                             on both nodes before the kill, takeover time
                  chaos      the gateway simulator with faults on against one node (own JVM, Debian's PostgreSQL 15,
                             the MQTT broker outside the node), kill -9 of the node mid-run and a restart on the same
                             port and database: 0 lost, 0 doubled, exact balances, 0 drift, supply converged
                  import     a bulk import of N CSV rows (unit, meter, account with opening reading and balance,
                             contact) through the import's planner and job: dry run, run and re-run, rows/s
                  lists      lists and search with 100k accounts in one tenant: p50/p99 of the account and meter
                             lists (filters, sorts, a deep page, a manager's scope) and the search box, beside plain
                             SQL baselines on the same server in the same run
                  jmh        JMH micro-benchmarks compiled into this jar (options as org.openjdk.jmh.Main; -h lists them)

                """ + ReadingBenchmark.Options.HELP + "\n\n" + AuditBenchmark.Options.HELP + "\n\n"
                + DashboardBenchmark.Options.HELP + "\n\n"
                + com.meterledger.perf.lists.ListsBenchmark.Options.HELP + "\n\n"
                + GatewayBenchmark.Options.HELP + "\n\n" + com.meterledger.perf.chaos.ChaosRun.Options.HELP
                + "\n\n" + com.meterledger.perf.imports.ImportBenchmark.Options.HELP);
    }
}
