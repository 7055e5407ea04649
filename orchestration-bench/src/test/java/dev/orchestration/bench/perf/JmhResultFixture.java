package dev.orchestration.bench.perf;

/**
 * A JMH result set for tests of the summary, with known percentiles, allocations and
 * throughputs.
 */
public final class JmhResultFixture {

	private JmhResultFixture() {
	}

	/**
	 * A JMH 1.37 JSON result set (-rf json) with the fields JMH writes, trimmed to eight
	 * benchmarks.
	 */
	public static final String RESULTS = """
			[
			  %s,
			  %s,
			  %s,
			  %s,
			  %s,
			  %s,
			  {
			    "jmhVersion" : "1.37",
			    "benchmark" : "dev.orchestration.bench.perf.RequestPathBenchmarks.throughputPlain",
			    "mode" : "thrpt", "threads" : 8, "forks" : 1,
			    "primaryMetric" : { "score" : 290000.0, "scoreError" : 1000.0, "scoreConfidence" : [289000.0, 291000.0],
			      "scorePercentiles" : { "0.0" : 289000.0, "50.0" : 290000.0, "100.0" : 291000.0 },
			      "scoreUnit" : "ops/s", "rawData" : [[289000.0, 291000.0]] },
			    "secondaryMetrics" : { "gc.alloc.rate.norm" : { "score" : 4000.0, "scoreUnit" : "B/op" } }
			  },
			  {
			    "jmhVersion" : "1.37",
			    "benchmark" : "dev.orchestration.bench.perf.RequestPathBenchmarks.throughputRouted",
			    "mode" : "thrpt", "threads" : 8, "forks" : 1,
			    "primaryMetric" : { "score" : 12000.0, "scoreError" : 100.0, "scoreConfidence" : [11900.0, 12100.0],
			      "scorePercentiles" : { "0.0" : 11900.0, "50.0" : 12000.0, "100.0" : 12100.0 },
			      "scoreUnit" : "ops/s", "rawData" : [[11900.0, 12100.0]] },
			    "secondaryMetrics" : { }
			  }
			]
			""".formatted(sample("stubCall", 0.02, 0.1, 0.001), sample("routingChatModelCall", 57.0, 120.0, 9000),
			sample("plainClient", 3.5, 8.0, 4000), sample("routedClient", 99.0, 250.0, 20000),
			sample("plainClientObserved", 16.0, 40.0, 6000), sample("routedClientObserved", 24.0, 90.0, 11000));

	static String sample(String name, double p50, double p99, double allocated) {
		return """
				{
				    "jmhVersion" : "1.37",
				    "benchmark" : "dev.orchestration.bench.perf.RequestPathBenchmarks.%s",
				    "mode" : "sample", "threads" : 1, "forks" : 1,
				    "params" : { "entries" : "10000" },
				    "primaryMetric" : { "score" : %s, "scoreError" : 0.5, "scoreConfidence" : [1.0, 2.0],
				      "scorePercentiles" : { "0.0" : 0.01, "50.0" : %s, "90.0" : %s, "95.0" : %s, "99.0" : %s,
				        "99.9" : 900.0, "99.99" : 1000.0, "99.9999" : 1000.0, "100.0" : 1000.0 },
				      "scoreUnit" : "us/op", "rawDataHistogram" : [[[[%s, 10]]]] },
				    "secondaryMetrics" : {
				      "gc.alloc.rate" : { "score" : 800.0, "scoreUnit" : "MB/sec" },
				      "gc.alloc.rate.norm" : { "score" : %s, "scoreUnit" : "B/op" },
				      "gc.count" : { "score" : 3.0, "scoreUnit" : "counts" }
				    }
				  }""".formatted(name, p50 * 1.1, p50, p99 * 0.8, p99 * 0.9, p99, p50, allocated);
	}

}
