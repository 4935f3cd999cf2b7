package dev.mcpload.server.fault;

import java.util.ArrayList;
import java.util.List;

/**
 * The faults one kind of request passes through, in the order given on the command line, each with its own
 * picker. Built once at start-up from the {@link FaultSpec}s; the server holds no chain at all (null) when no
 * fault is configured, so a normal run pays one null check per request.
 */
public final class FaultChain {
    private final Fault[] faults;
    private final FractionPicker[] pickers;

    private FaultChain(List<Fault> faults, List<FractionPicker> pickers) {
        this.faults = faults.toArray(Fault[]::new);
        this.pickers = pickers.toArray(FractionPicker[]::new);
    }

    /**
     * The chain of the faults among {@code specs} that apply to initialize ({@code initialize} true) or to the
     * other requests; null when there are none. Fault i is seeded with {@code seed + i}, so two faults with the
     * same fraction hit different requests.
     */
    public static FaultChain of(List<FaultSpec> specs, long seed, boolean initialize) {
        List<Fault> faults = new ArrayList<>();
        List<FractionPicker> pickers = new ArrayList<>();
        for (int i = 0; i < specs.size(); i++) {
            FaultSpec spec = specs.get(i);
            Fault fault = spec.create();
            if (fault.onInitialize() == initialize) {
                faults.add(fault);
                pickers.add(new FractionPicker(spec.fraction(), seed + i));
            }
        }
        return faults.isEmpty() ? null : new FaultChain(faults, pickers);
    }

    /** Runs {@code request} through the chain; the last step is the normal answer. */
    public void handle(FaultExchange request) {
        step(request, 0);
    }

    private void step(FaultExchange request, int i) {
        if (i == faults.length) {
            request.proceed();
            return;
        }
        Runnable next = () -> step(request, i + 1);
        if (pickers[i].next()) {
            faults[i].apply(request, next);
        } else {
            faults[i].pass(request, next);
        }
    }
}
