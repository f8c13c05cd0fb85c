package dev.tasquencer.bench;

import dev.tasquencer.bench.measure.Sample;
import dev.tasquencer.bench.measure.Summary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One measured configuration: a workload (and variant) on one database at one size, with the
 * results of every engine that ran it.
 */
public final class Cell {
  /** What one engine did in this cell. */
  public static final class EngineResult {
    final String engine;
    final List<Sample> samples = new ArrayList<>();
    @Nullable Long liveHeapBytes;
    @Nullable String skipped;
    final List<String> notes = new ArrayList<>();
    final List<long[]> latencies = new ArrayList<>();

    EngineResult(String engine) {
      this.engine = engine;
    }

    public String engine() {
      return engine;
    }

    public List<Sample> samples() {
      return samples;
    }

    /** Heap held inside the transaction at its last work item (W1), or null. */
    public @Nullable Long liveHeapBytes() {
      return liveHeapBytes;
    }

    /** Why this engine did not run the cell, or null. */
    public @Nullable String skipped() {
      return skipped;
    }

    public List<String> notes() {
      return notes;
    }

    /** The latency of every unit of each measured run that timed its units one by one (ns). */
    public List<long[]> latencies() {
      return latencies;
    }

    /**
     * The {@code q}-quantile (0..1) of the latencies of all measured runs, in microseconds (the
     * nearest-rank method), or NaN when no run timed its units.
     */
    public double latencyMicros(double q) {
      return Latencies.quantileMicros(latencies, q);
    }

    public @Nullable Summary summary() {
      return samples.isEmpty() ? null : Summary.of(samples);
    }
  }

  final String workload;
  final @Nullable String variant;
  final DbKind db;
  final long size;
  final String unit;
  final double transitionsPerUnit;
  final @Nullable String rawReference;
  final Map<String, EngineResult> results = new LinkedHashMap<>();
  final Map<String, Object> details = new LinkedHashMap<>();

  /**
   * @param workload "W1".."W5" or "RAW"
   * @param variant the variant ("or-join", "and-join", "1/tx batched"...), or null
   * @param size the size (W1's N; instances, events or transitions per run otherwise)
   * @param unit what one unit of the rates is ("work item", "instance", "event"...)
   * @param transitionsPerUnit task firings (transitions) in one unit, to compare with the raw limit
   * @param rawReference the raw variant the ratio ours/raw uses, or null
   */
  Cell(
      String workload,
      @Nullable String variant,
      DbKind db,
      long size,
      String unit,
      double transitionsPerUnit,
      @Nullable String rawReference) {
    this.workload = workload;
    this.variant = variant;
    this.db = db;
    this.size = size;
    this.unit = unit;
    this.transitionsPerUnit = transitionsPerUnit;
    this.rawReference = rawReference;
  }

  EngineResult result(String engine) {
    return results.computeIfAbsent(engine, EngineResult::new);
  }

  public String workload() {
    return workload;
  }

  public @Nullable String variant() {
    return variant;
  }

  public DbKind db() {
    return db;
  }

  public long size() {
    return size;
  }

  public String unit() {
    return unit;
  }

  public double transitionsPerUnit() {
    return transitionsPerUnit;
  }

  public @Nullable String rawReference() {
    return rawReference;
  }

  public Map<String, EngineResult> results() {
    return results;
  }

  /** What else the cell records for the report (W6: how the tables were preloaded). */
  public Map<String, Object> details() {
    return details;
  }

  /** "W1 (N=1,000)" and the like. */
  public String label() {
    return workload + (variant == null ? "" : " " + variant);
  }
}
