package com.meterledger.perf;

import com.meterledger.embedded.PostgresCoordinates;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * CPU time spent during a measured phase, split by who spent it: the threads of this JVM by name (the application,
 * the in-JVM broker and the simulator share it), the search node's JVM and the PostgreSQL server's processes. CPU time
 * per unit of work is far steadier than a rate on a shared machine: a busy neighbour slows the wall clock of a run, not
 * the CPU each reading needs.
 */
public final class CpuAccount {
    private static final String LOAD_GENERATOR = "(this benchmark's load generator)";
    private static final String JIT = "JIT compiler";
    private static final String LOAD_SESSIONS = "load:PostgreSQL";

    private final Path postgresData;
    private final Predicate<String> loadGenerator;
    private final Set<Long> loadGeneratorBackends;
    private final Map<String, Long> start;
    private final long startNanos = System.nanoTime();

    private CpuAccount(Path postgresData, Predicate<String> loadGenerator, Set<Long> loadGeneratorBackends) {
        this.postgresData = postgresData;
        this.loadGenerator = loadGenerator;
        this.loadGeneratorBackends = loadGeneratorBackends;
        this.start = sample();
    }

    /** Starts counting now; the server's processes are found through its data folder (its postmaster.pid). */
    public static CpuAccount start(PostgresCoordinates db) throws SQLException {
        return start(db, thread -> false, Set.of());
    }

    /**
     * Starts counting now, with the threads that {@code loadGenerator} names (by thread name) and the PostgreSQL
     * server processes of {@code loadGeneratorBackends} (the benchmark's own sessions, by process id) counted apart:
     * the benchmark's own work, which a deployed system does not carry.
     */
    public static CpuAccount start(PostgresCoordinates db, Predicate<String> loadGenerator,
                                   Set<Long> loadGeneratorBackends) throws SQLException {
        return new CpuAccount(Path.of(Sql.text(db, "select setting from pg_settings where name = 'data_directory'")),
                loadGenerator, loadGeneratorBackends);
    }

    /**
     * Prints CPU milliseconds per unit ({@code units} of {@code unitName}) spent since {@link #start}: the total of
     * each process, then the threads of this JVM by group, largest first.
     */
    public void print(java.io.PrintStream out, long units, String unitName) {
        Map<String, Long> end = sample();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        Map<String, Long> spent = new LinkedHashMap<>();
        end.forEach((key, value) -> spent.put(key, value - start.getOrDefault(key, 0L)));
        long total = spent.getOrDefault("process:this JVM", 0L) + spent.getOrDefault("process:search node", 0L)
                + spent.getOrDefault("process:PostgreSQL", 0L);
        out.printf(Locale.ROOT, "CPU per %s over %.1f s (%d %ss; all processes %.2f ms, i.e. %.2f cores busy):%n",
                unitName, wall, units, unitName, total / 1e6 / units, total / 1e9 / wall);
        long loadSessions = spent.getOrDefault(LOAD_SESSIONS, 0L);
        spent.entrySet().stream().filter(e -> e.getKey().startsWith("process:")).forEach(e -> {
            String process = e.getKey().substring("process:".length());
            out.printf(Locale.ROOT, "  %-40s %8.3f ms%n", process, e.getValue() / 1e6 / units);
            if (process.equals("PostgreSQL") && !loadGeneratorBackends.isEmpty()) {
                out.printf(Locale.ROOT, "    %-38s %8.3f ms%n", "(of which the benchmark's sessions)",
                        loadSessions / 1e6 / units);
            }
        });
        spent.entrySet().stream().filter(e -> e.getKey().startsWith("threads:"))
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .filter(e -> e.getValue() > 0.005 * total)
                .forEach(e -> out.printf(Locale.ROOT, "    %-38s %8.3f ms%n",
                        e.getKey().substring("threads:".length()), e.getValue() / 1e6 / units));
        long javaThreads = spent.entrySet().stream().filter(e -> e.getKey().startsWith("threads:"))
                .mapToLong(Map.Entry::getValue).sum();
        long internal = 0;
        for (String kind : List.of("GC", JIT, "VM")) {
            long nanos = spent.getOrDefault("jvm:" + kind, 0L);
            internal += nanos;
            out.printf(Locale.ROOT, "    %-38s %8.3f ms%n", "(JVM: " + kind + ")", nanos / 1e6 / units);
        }
        out.printf(Locale.ROOT, "    %-38s %8.3f ms%n", "(threads that ended during the run)",
                (spent.getOrDefault("process:this JVM", 0L) - javaThreads - internal) / 1e6 / units);
        long load = spent.getOrDefault("threads:" + LOAD_GENERATOR, 0L) + loadSessions;
        long jit = spent.getOrDefault("jvm:" + JIT, 0L);
        int cores = Runtime.getRuntime().availableProcessors();
        out.printf(Locale.ROOT, "  %d cores carry at this cost about %.0f %ss/s; without the load generator %.0f/s; "
                        + "without it and this JVM's JIT compiler (a warming JVM's cost, which fades) %.0f/s%n",
                cores, capacity(cores, total, units), unitName, capacity(cores, total - load, units),
                capacity(cores, total - load - jit, units));
    }

    /** Units per second that {@code cores} fully busy would carry at {@code nanos} of CPU per {@code units}. */
    private static double capacity(int cores, long nanos, long units) {
        return nanos <= 0 ? 0 : cores * 1e9 * units / nanos;
    }

    private Map<String, Long> sample() {
        Map<String, Long> sample = new TreeMap<>();
        ProcessHandle.current().info().totalCpuDuration()
                .ifPresent(cpu -> sample.put("process:this JVM", cpu.toNanos()));
        sample.put("process:search node", ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.endsWith("java")).orElse(false))
                .mapToLong(CpuAccount::cpuNanos).sum());
        postmaster().ifPresent(postmaster -> {
            sample.put("process:PostgreSQL",
                    cpuNanos(postmaster) + postmaster.descendants().mapToLong(CpuAccount::cpuNanos).sum());
            sample.put(LOAD_SESSIONS, loadGeneratorBackends.stream().map(ProcessHandle::of).flatMap(Optional::stream)
                    .mapToLong(CpuAccount::cpuNanos).sum());
        });
        jvmInternalThreads(sample);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long[] ids = threads.getAllThreadIds();
        ThreadInfo[] infos = threads.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long cpu = threads.getThreadCpuTime(ids[i]);
            if (infos[i] != null && cpu > 0) {
                String name = infos[i].getThreadName();
                sample.merge("threads:" + (loadGenerator.test(name) ? LOAD_GENERATOR : group(name)), cpu, Long::sum);
            }
        }
        return sample;
    }

    /**
     * The JVM's own threads (garbage collector, JIT compilers, VM thread), which the thread MXBean does not list, read
     * from /proc by their names: Linux only; elsewhere they stay in the remainder.
     */
    private static void jvmInternalThreads(Map<String, Long> sample) {
        Path tasks = Path.of("/proc/self/task");
        if (!Files.isDirectory(tasks)) {
            return;
        }
        try (var entries = Files.list(tasks)) {
            entries.forEach(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);   // utime + stime
                    String kind = name.startsWith("GC ") || name.startsWith("G1 ") ? "GC"
                            : name.startsWith("C1 ") || name.startsWith("C2 ") ? JIT
                            : name.startsWith("VM ") ? "VM" : null;
                    if (kind != null) {
                        sample.merge("jvm:" + kind, ticks * TICK_NANOS, Long::sum);
                    }
                } catch (Exception ended) {
                    // the thread ended while being read
                }
            });
        } catch (Exception e) {
            // no /proc: the remainder keeps them
        }
    }

    /** /proc counts CPU time in clock ticks of 10 ms (USER_HZ = 100 on Linux). */
    private static final long TICK_NANOS = 10_000_000L;

    /** "WorkPackage[account-projection]-3" and "mqtt-uplink-1" count as their group. */
    static String group(String threadName) {
        return threadName.replaceAll("[-#\\s]*\\d+$", "").replaceAll("-\\d+-", "-");
    }

    private Optional<ProcessHandle> postmaster() {
        Path pidFile = postgresData.resolve("postmaster.pid");
        try {
            List<String> lines = Files.readAllLines(pidFile);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.getFirst().trim()));
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static long cpuNanos(ProcessHandle process) {
        return process.info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }
}
