package dev.mcpload.config;

import dev.mcpload.engine.executor.ConstantArrivalRateExecutor;
import dev.mcpload.engine.executor.ConstantVusExecutor;
import dev.mcpload.engine.executor.Executor;
import dev.mcpload.engine.executor.RampingArrivalRateExecutor;
import dev.mcpload.engine.executor.RampingVusExecutor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tomlj.TomlArray;
import org.tomlj.TomlTable;

/**
 * The executors a {@code [workload.NAME]} table can name, with k6's names and keys: each entry lists its keys and
 * reads them into its executor. A new executor is one entry here and one class in {@code engine/executor}.
 */
final class ExecutorRegistry {
    /** Reads one executor's keys from its workload table; problems go to {@code f}, and null is returned then. */
    interface Reader {
        Executor read(TomlTable t, String where, TomlFields f, ConfigProblems problems);
    }

    record Entry(List<String> keys, Reader reader) {
    }

    private static final long SECOND = 1000;
    private static final Map<String, Entry> EXECUTORS = new LinkedHashMap<>();

    static {
        EXECUTORS.put("constant-vus", new Entry(List.of("vus", "duration"), (t, where, f, p) ->
                new ConstantVusExecutor(f.intValue(t, "vus", where, 1, 1),
                        f.durationMs(t, "duration", where, 30 * SECOND, 1))));
        EXECUTORS.put("ramping-vus", new Entry(List.of("start_vus", "stages"), (t, where, f, p) -> {
            int start = f.intValue(t, "start_vus", where, 0, 0);
            List<RampingVusExecutor.Stage> stages = new ArrayList<>();
            for (TomlTable s : stages(t, where, f, p)) {
                stages.add(new RampingVusExecutor.Stage(f.intValue(s, "target", where + "stage ", 0, 0),
                        f.durationMs(s, "duration", where + "stage ", SECOND, 1)));
            }
            return stages.isEmpty() ? null : new RampingVusExecutor(start, stages);
        }));
        EXECUTORS.put("constant-arrival-rate", new Entry(List.of("rate", "time_unit", "duration",
                "pre_allocated_vus", "max_vus"), (t, where, f, p) -> {
            double rate = f.number(t, "rate", where, 0);
            if (rate <= 0) {
                p.add(f.at(t, "rate") + where + "needs rate > 0 (iterations per time_unit), e.g. rate = 100");
                return null;
            }
            int pre = f.intValue(t, "pre_allocated_vus", where, 1, 1);
            return new ConstantArrivalRateExecutor(rate, f.durationMs(t, "time_unit", where, SECOND, 1),
                    f.durationMs(t, "duration", where, 30 * SECOND, 1), pre, maxVus(t, where, f, p, pre));
        }));
        EXECUTORS.put("ramping-arrival-rate", new Entry(List.of("start_rate", "time_unit", "stages",
                "pre_allocated_vus", "max_vus"), (t, where, f, p) -> {
            List<RampingArrivalRateExecutor.Stage> stages = new ArrayList<>();
            for (TomlTable s : stages(t, where, f, p)) {
                stages.add(new RampingArrivalRateExecutor.Stage(f.number(s, "target", where + "stage ", 0),
                        f.durationMs(s, "duration", where + "stage ", SECOND, 1)));
            }
            int pre = f.intValue(t, "pre_allocated_vus", where, 1, 1);
            return stages.isEmpty() ? null : new RampingArrivalRateExecutor(f.number(t, "start_rate", where, 0),
                    f.durationMs(t, "time_unit", where, SECOND, 1), stages, pre, maxVus(t, where, f, p, pre));
        }));
    }

    private ExecutorRegistry() {
    }

    static Entry get(String name) {
        return EXECUTORS.get(name);
    }

    static List<String> names() {
        return List.copyOf(EXECUTORS.keySet());
    }

    /** max_vus, at least pre_allocated_vus (k6's default is pre_allocated_vus: no growth). */
    private static int maxVus(TomlTable t, String where, TomlFields f, ConfigProblems p, int pre) {
        int max = f.intValue(t, "max_vus", where, pre, 1);
        if (max < pre) {
            p.add(f.at(t, "max_vus") + where + "max_vus = " + max + " is below pre_allocated_vus = " + pre
                    + ": the pool starts with pre_allocated_vus and grows up to max_vus");
            return pre;
        }
        return max;
    }

    /** {@code stages = [{ target = N, duration = "30s" }, ...]}, each checked for its keys. */
    private static List<TomlTable> stages(TomlTable t, String where, TomlFields f, ConfigProblems p) {
        Object raw = t.get(List.of("stages"));
        if (!(raw instanceof TomlArray arr) || arr.isEmpty()) {
            p.add(f.at(t, "stages") + where + "needs stages = [{ target = ..., duration = \"30s\" }, ...]");
            return List.of();
        }
        List<TomlTable> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            if (arr.get(i) instanceof TomlTable s) {
                f.checkKeys(s, List.of("target", "duration"), where + "stage #" + (i + 1) + " ",
                        arr.inputPositionOf(i).line());
                out.add(s);
            } else {
                p.add(f.at(t, "stages") + where + "stage #" + (i + 1) + " must be a table like"
                        + " { target = 10, duration = \"30s\" }");
            }
        }
        return out;
    }
}
