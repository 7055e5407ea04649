package dev.orchestration.sample;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the sample's HTTP API ({@code POST /chat}).
 */
@ConfigurationProperties("sample.http")
public class SampleHttpProperties {

	/**
	 * Largest request body accepted; a bigger one is refused with 413 before it is read
	 * into memory.
	 */
	private DataSize maxRequestSize = DataSize.ofMegabytes(1);

	/**
	 * Longest task, tenant or tier hint (characters); a longer one is refused with 400.
	 */
	private int maxHintLength = 128;

	public DataSize getMaxRequestSize() {
		return this.maxRequestSize;
	}

	public void setMaxRequestSize(DataSize maxRequestSize) {
		this.maxRequestSize = maxRequestSize;
	}

	public int getMaxHintLength() {
		return this.maxHintLength;
	}

	public void setMaxHintLength(int maxHintLength) {
		this.maxHintLength = maxHintLength;
	}

}
