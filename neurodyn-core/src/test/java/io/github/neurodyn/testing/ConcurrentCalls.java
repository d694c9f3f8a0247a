package io.github.neurodyn.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Starts the same call on many threads at once, for tests of concurrent use. */
public final class ConcurrentCalls {

    private ConcurrentCalls() {
    }

    /**
     * Submits {@code calls} copies of {@code task} to {@code pool}, releases them together
     * behind a latch so that they overlap, and returns every result in submission order.
     *
     * @param pool the threads
     * @param calls how many times to call the task
     * @param timeoutSeconds how long to wait for each result
     * @param task the call
     * @param <T> the result type
     * @return the results
     * @throws Exception the first failure of a call, wrapped in an ExecutionException, or a timeout
     */
    public static <T> List<T> run(ExecutorService pool, int calls, long timeoutSeconds, Callable<T> task)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<T>> futures = new ArrayList<>();
        for (int k = 0; k < calls; k++) {
            futures.add(pool.submit(() -> {
                start.await();
                return task.call();
            }));
        }
        start.countDown();
        List<T> results = new ArrayList<>();
        for (Future<T> future : futures) {
            results.add(future.get(timeoutSeconds, TimeUnit.SECONDS));
        }
        return results;
    }
}
