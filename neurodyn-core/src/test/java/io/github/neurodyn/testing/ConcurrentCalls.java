package io.github.neurodyn.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit extension that starts the same call on many threads at once, for tests of concurrent
 * use. It opens a fixed pool before each test and shuts it down after. Register it with
 * {@code @RegisterExtension}.
 */
public final class ConcurrentCalls implements BeforeEachCallback, AfterEachCallback {

    private final int threads;
    private final int calls;
    private final long timeoutSeconds;
    private ExecutorService pool;

    /**
     * Creates the extension.
     *
     * @param threads size of the pool
     * @param calls how many times {@link #run} calls its task
     * @param timeoutSeconds how long to wait for each result, and for the pool to stop
     */
    public ConcurrentCalls(int threads, int calls, long timeoutSeconds) {
        this.threads = threads;
        this.calls = calls;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        pool = Executors.newFixedThreadPool(threads);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        pool.shutdownNow();
        assertTrue(pool.awaitTermination(timeoutSeconds, TimeUnit.SECONDS), "pool did not stop");
    }

    /**
     * Submits the task {@code calls} times, releases the copies together behind a latch so
     * that they overlap, and returns every result in submission order.
     *
     * @param task the call
     * @param <T> the result type
     * @return the results
     * @throws Exception the first failure of a call, wrapped in an ExecutionException, or a timeout
     */
    public <T> List<T> run(Callable<T> task) throws Exception {
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
