package dev.orchestration.test.simulator;

import java.io.IOException;

/**
 * Renders answers and errors in one provider's wire format.
 */
interface ProviderProtocol {

	void error(ExchangeIo io, SimulatedError error) throws IOException;

	void reply(ExchangeIo io, RecordedRequest request, SimulatedModel.Plan plan) throws IOException;

}
