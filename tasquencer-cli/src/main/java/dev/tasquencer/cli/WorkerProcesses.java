package dev.tasquencer.cli;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Worker processes started from this command line: real JVMs running {@code tasquencer worker} from
 * the same jar (or class path), numbered 1..P. Their output is copied to {@code err}, each line
 * prefixed with the worker's number. A worker can be killed (SIGKILL) and started again under the
 * same number.
 */
final class WorkerProcesses implements AutoCloseable {
  private final List<String> workerArgs;
  private final String databaseUrl;
  private final PrintWriter err;
  private final Process[] processes;
  private final boolean[] killed;
  private final int[] starts;
  private final List<Thread> outputCopiers = new ArrayList<>();
  private final Thread killOnExit = new Thread(this::destroyAll, "tasquencer-stop-workers");
  private boolean hookAdded;

  /**
   * @param count how many workers
   * @param databaseUrl passed to the workers in the environment (TASQUENCER_DB), not on the command
   *     line where other users could read it
   * @param workerArgs the worker's options after {@code worker} (without --db)
   */
  WorkerProcesses(int count, String databaseUrl, List<String> workerArgs, PrintWriter err) {
    this.workerArgs = List.copyOf(workerArgs);
    this.databaseUrl = databaseUrl;
    this.err = err;
    this.processes = new Process[count];
    this.killed = new boolean[count];
    this.starts = new int[count];
  }

  int count() {
    return processes.length;
  }

  /**
   * Starts every worker. If this process is stopped before {@link #close}, the workers are told to
   * stop as well; if it is killed, they notice that their parent is gone and stop.
   */
  void startAll() {
    if (!hookAdded) {
      Runtime.getRuntime().addShutdownHook(killOnExit);
      hookAdded = true;
    }
    for (int i = 0; i < processes.length; i++) {
      start(i);
    }
  }

  /** Starts worker {@code i} (0-based), or starts it again after it was killed. */
  void start(int i) {
    starts[i]++;
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // small heaps and one GC thread: several JVMs share the machine
    cmd.add("-Xmx512m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-cp");
    cmd.add(classPath());
    cmd.add(Main.class.getName());
    cmd.add("worker");
    cmd.addAll(workerArgs);
    cmd.add("--worker-id");
    cmd.add("worker-" + (i + 1) + "." + starts[i] + "-" + ProcessHandle.current().pid());
    cmd.add("--parent-pid");
    cmd.add(Long.toString(ProcessHandle.current().pid()));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().put("TASQUENCER_DB", databaseUrl);
    try {
      Process p = pb.start();
      processes[i] = p;
      killed[i] = false;
      copyOutput(p, "  [worker " + (i + 1) + "] ");
    } catch (IOException e) {
      throw new CliException("cannot start a worker process: " + e.getMessage());
    }
  }

  /** Kills worker {@code i} with SIGKILL and waits until it is gone; returns its pid. */
  long kill(int i) throws InterruptedException {
    Process p = processes[i];
    killed[i] = true;
    p.destroyForcibly(); // SIGKILL on Linux: no shutdown hook, no graceful close
    p.waitFor();
    return p.pid();
  }

  long pid(int i) {
    return processes[i].pid();
  }

  /** Throws if a worker exited without being told to (it failed to start, for example). */
  void checkAlive() {
    for (int i = 0; i < processes.length; i++) {
      Process p = processes[i];
      if (p != null && !killed[i] && !p.isAlive()) {
        throw new CliException(
            "worker "
                + (i + 1)
                + " (pid "
                + p.pid()
                + ") exited with code "
                + p.exitValue()
                + "; see its output above");
      }
    }
  }

  /** Stops every worker with SIGTERM (graceful), then SIGKILL after 60 s. */
  @Override
  public void close() {
    if (hookAdded) {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException shuttingDown) {
        // the hook runs anyway
      }
      hookAdded = false;
    }
    for (int i = 0; i < processes.length; i++) {
      if (processes[i] != null) {
        killed[i] = true;
        // SIGTERM through the handle: Process.destroy() would also close the output pipe, and
        // the worker's last lines would be lost
        processes[i].toHandle().destroy();
      }
    }
    for (Process p : processes) {
      if (p == null) {
        continue;
      }
      try {
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
          p.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        p.destroyForcibly();
      }
    }
    for (Thread t : outputCopiers) {
      try {
        t.join(2000); // their last lines
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  private void destroyAll() {
    for (Process p : processes) {
      if (p != null) {
        p.destroy();
      }
    }
  }

  private void copyOutput(Process p, String prefix) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (err) {
                    err.println(prefix + line);
                    err.flush();
                  }
                }
              } catch (IOException e) {
                // the process is gone
              }
            },
            "worker-output-" + p.pid());
    t.setDaemon(true);
    t.start();
    outputCopiers.add(t);
  }

  /**
   * The class path of this command line: the jar {@code Main} was loaded from (the usual case:
   * {@code tasquencer-cli.jar}, which holds every dependency), else this JVM's class path (running
   * from classes, in an IDE or a test).
   */
  static String classPath() {
    try {
      var source = Main.class.getProtectionDomain().getCodeSource();
      if (source != null) {
        Path location = Path.of(source.getLocation().toURI());
        if (location.toString().endsWith(".jar")) {
          return location.toString();
        }
      }
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      // fall back to the class path
    }
    String cp = System.getProperty("java.class.path");
    if (cp == null || cp.isBlank()) {
      throw new CliException("cannot find the class path to start worker processes with");
    }
    return cp.replace(File.pathSeparator + File.pathSeparator, File.pathSeparator);
  }
}
