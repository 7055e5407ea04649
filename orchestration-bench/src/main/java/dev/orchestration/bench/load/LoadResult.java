package dev.orchestration.bench.load;

/**
 * What one phase of load measured.
 *
 * @param endpoint the path that was loaded
 * @param concurrency the number of client threads
 * @param requests the requests answered with 200
 * @param errors the requests that failed or were answered with another status
 * @param elapsedNanos the phase's duration
 * @param latencies the percentiles of the answered requests' latencies, in nanoseconds
 * @param rssKilobytes the process's resident set after the phase (VmRSS), or -1 where
 * /proc is missing
 */
public record LoadResult(String endpoint, int concurrency, long requests, long errors, long elapsedNanos,
		Percentiles latencies, long rssKilobytes) {

	/**
	 * Answered requests per second.
	 * @return the rate
	 */
	public double requestsPerSecond() {
		return (this.elapsedNanos > 0) ? this.requests * 1e9 / this.elapsedNanos : 0;
	}

	/**
	 * A latency percentile in milliseconds.
	 * @param percent the percentile
	 * @return the latency
	 */
	public double millis(double percent) {
		return this.latencies.percentile(percent) / 1e6;
	}

}
