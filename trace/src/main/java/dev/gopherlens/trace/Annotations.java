package dev.gopherlens.trace;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The user annotations of a trace ({@code runtime/trace} tasks, regions and logs): each task with its parent, its
 * time, the regions and logs in it and the goroutines that worked on it; each region with its goroutine and time;
 * and the distribution of durations per task type and per region type, as {@code go tool trace}'s user-defined
 * task and region pages show them. Immutable once made.
 */
public final class Annotations {
    private final List<Task> tasks;
    private final List<Region> regions;
    private final List<Log> logs;

    /**
     * A user task.
     *
     * @param id         the task
     * @param type       its type (the name given to {@code trace.NewTask}), "" if its begin is not in the trace
     * @param parent     the parent task, -1 for none
     * @param start      when it began, -1 if before the trace
     * @param end        when it ended, -1 if after the trace
     * @param regions    its regions, in order of their end
     * @param logs       its log messages, in order
     * @param goroutines the goroutines that logged, began or ended its regions, began or ended it
     */
    public record Task(long id, String type, long parent, long start, long end, List<Region> regions,
                       List<Log> logs, List<Long> goroutines) {
        /**
         * Copies the lists.
         *
         * @param id         the task
         * @param type       its type
         * @param parent     the parent
         * @param start      its start
         * @param end        its end
         * @param regions    its regions, not null
         * @param logs       its logs, not null
         * @param goroutines its goroutines, not null
         */
        public Task {
            regions = List.copyOf(regions);
            logs = List.copyOf(logs);
            goroutines = List.copyOf(goroutines);
        }

        /** {@return how long it lasted, -1 unless both ends are in the trace} */
        public long duration() {
            return start < 0 || end < 0 ? -1 : end - start;
        }
    }

    /**
     * A user region.
     *
     * @param task      the task it belongs to, 0 for none (the background task)
     * @param type      its type (the name given to {@code trace.StartRegion})
     * @param goroutine the goroutine it ran on
     * @param start     when it began, -1 if before the trace
     * @param end       when it ended, -1 if after the trace
     */
    public record Region(long task, String type, long goroutine, long start, long end) {
        /** {@return how long it lasted, -1 unless both ends are in the trace} */
        public long duration() {
            return start < 0 || end < 0 ? -1 : end - start;
        }
    }

    /**
     * A user log message.
     *
     * @param task      the task, 0 for none
     * @param category  its category
     * @param message   its message
     * @param goroutine the goroutine that logged it
     * @param time      when
     */
    public record Log(long task, String category, String message, long goroutine, long time) {
    }

    /**
     * The distribution of durations of one type of task or region, over those with both ends in the trace.
     *
     * @param count how many
     * @param min   the shortest, in nanoseconds
     * @param p50   the median
     * @param p90   the 90th percentile
     * @param p99   the 99th percentile
     * @param max   the longest
     * @param total the sum
     */
    public record Durations(long count, long min, long p50, long p90, long p99, long max, long total) {
        static Durations of(List<Long> values) {
            List<Long> v = new ArrayList<>(values);
            Collections.sort(v);
            int n = v.size();
            long total = 0;
            for (long x : v) {
                total += x;
            }
            return new Durations(n, v.get(0), rank(v, 50), rank(v, 90), rank(v, 99), v.get(n - 1), total);
        }

        private static long rank(List<Long> sorted, int percent) {
            int i = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
            return sorted.get(Math.max(0, i));
        }
    }

    private Annotations(List<Task> tasks, List<Region> regions, List<Log> logs) {
        this.tasks = List.copyOf(tasks);
        this.regions = List.copyOf(regions);
        this.logs = List.copyOf(logs);
    }

    /** {@return every log message, in order, those of no task (task 0) included} */
    public List<Log> logs() {
        return logs;
    }

    /**
     * Reads a trace file's annotations.
     *
     * @param trace the trace
     * @return the annotations
     * @throws IOException if the trace cannot be read or is malformed
     */
    public static Annotations of(Path trace) throws IOException {
        try (TraceCursor c = GoTrace.cursor(trace)) {
            Builder b = new Builder();
            while (c.next()) {
                b.event(c);
            }
            return b.finish();
        }
    }

    /** {@return the tasks, by id} */
    public List<Task> tasks() {
        return tasks;
    }

    /** {@return every region, in order of their end (those still open at the end of the trace last)} */
    public List<Region> regions() {
        return regions;
    }

    /** {@return the durations of the tasks of each type, types sorted} */
    public Map<String, Durations> taskDurations() {
        Map<String, List<Long>> by = new HashMap<>();
        for (Task t : tasks) {
            if (t.duration() >= 0) {
                by.computeIfAbsent(t.type(), k -> new ArrayList<>()).add(t.duration());
            }
        }
        return distributions(by);
    }

    /** {@return the durations of the regions of each type, types sorted} */
    public Map<String, Durations> regionDurations() {
        Map<String, List<Long>> by = new HashMap<>();
        for (Region r : regions) {
            if (r.duration() >= 0) {
                by.computeIfAbsent(r.type(), k -> new ArrayList<>()).add(r.duration());
            }
        }
        return distributions(by);
    }

    private static Map<String, Durations> distributions(Map<String, List<Long>> by) {
        Map<String, Durations> out = new LinkedHashMap<>();
        new TreeSet<>(by.keySet()).forEach(k -> out.put(k, Durations.of(by.get(k))));
        return Collections.unmodifiableMap(out);
    }

    @Override
    public String toString() {
        return "Annotations[" + tasks.size() + " tasks, " + regions.size() + " regions]";
    }

    /** Collects as events come; one pass shared with other analyses. */
    static final class Builder {
        private final Map<Long, long[]> taskTimes = new LinkedHashMap<>();
        private final Map<Long, String> taskTypes = new HashMap<>();
        private final Map<Long, Long> parents = new HashMap<>();
        private final Map<Long, List<Region>> taskRegions = new HashMap<>();
        private final Map<Long, List<Log>> taskLogs = new HashMap<>();
        private final Map<Long, TreeSet<Long>> taskGoroutines = new HashMap<>();
        private final Map<Long, Deque<Object[]>> open = new HashMap<>();
        private final List<Region> regions = new ArrayList<>();
        private final List<Log> logs = new ArrayList<>();

        private long[] task(long id) {
            return taskTimes.computeIfAbsent(id, k -> new long[]{-1, -1});
        }

        private void touch(long task, long g) {
            if (g >= 0) {
                taskGoroutines.computeIfAbsent(task, k -> new TreeSet<>()).add(g);
            }
        }

        void event(TraceCursor c) {
            switch (c.kind()) {
                case TASK_BEGIN:
                    task(c.task())[0] = c.time();
                    taskTypes.put(c.task(), c.taskType());
                    parents.put(c.task(), c.parentTask());
                    touch(c.task(), c.goroutine());
                    break;
                case TASK_END:
                    task(c.task())[1] = c.time();
                    if (!c.taskType().isEmpty()) {
                        taskTypes.putIfAbsent(c.task(), c.taskType());
                    }
                    parents.putIfAbsent(c.task(), c.parentTask());
                    touch(c.task(), c.goroutine());
                    break;
                case REGION_BEGIN:
                    open.computeIfAbsent(c.goroutine(), k -> new ArrayDeque<>())
                            .push(new Object[]{c.task(), c.taskType(), c.time()});
                    if (c.task() != 0) {
                        task(c.task());
                        touch(c.task(), c.goroutine());
                    }
                    break;
                case REGION_END: {
                    Deque<Object[]> stack = open.get(c.goroutine());
                    Object[] r = stack == null ? null : stack.poll();
                    // An end without its begin: the region began before the trace.
                    long start = r == null ? -1 : (long) r[2];
                    Region region = new Region(c.task(), c.taskType(), c.goroutine(), start, c.time());
                    add(region);
                    break;
                }
                case LOG:
                    if (c.task() != 0) {
                        task(c.task());
                        touch(c.task(), c.goroutine());
                    }
                    Log log = new Log(c.task(), c.logCategory(), c.logMessage(), c.goroutine(), c.time());
                    logs.add(log);
                    taskLogs.computeIfAbsent(c.task(), k -> new ArrayList<>()).add(log);
                    break;
                default:
                    break;
            }
        }

        private void add(Region region) {
            regions.add(region);
            if (region.task() != 0) {
                task(region.task());
                taskRegions.computeIfAbsent(region.task(), k -> new ArrayList<>()).add(region);
                touch(region.task(), region.goroutine());
            }
        }

        Annotations finish() {
            open.forEach((g, stack) -> {
                while (!stack.isEmpty()) {
                    Object[] r = stack.pollLast();
                    add(new Region((long) r[0], (String) r[1], g, (long) r[2], -1));
                }
            });
            List<Task> tasks = new ArrayList<>();
            for (Map.Entry<Long, long[]> e : taskTimes.entrySet()) {
                long id = e.getKey();
                tasks.add(new Task(id, taskTypes.getOrDefault(id, ""), parents.getOrDefault(id, -1L),
                        e.getValue()[0], e.getValue()[1], taskRegions.getOrDefault(id, List.of()),
                        taskLogs.getOrDefault(id, List.of()),
                        new ArrayList<>(taskGoroutines.getOrDefault(id, new TreeSet<>()))));
            }
            tasks.sort(java.util.Comparator.comparingLong(Task::id));
            return new Annotations(tasks, regions, logs);
        }
    }
}
